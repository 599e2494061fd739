// Shared by the extension-host suites (not a test file itself).

import * as assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import * as vscode from 'vscode';
import type { K8sAnatomyApi, TestingApi } from '../../../src/extension/api';
import { EXTENSION_ID } from '../../../src/extension/constants';

/** The repository root: out/test/vscode/suite → ../../../.. */
export const ROOT = resolve(__dirname, '..', '..', '..', '..');
export const FIXTURES = join(ROOT, 'test', 'vscode', 'fixtures');

export function fixture(...parts: string[]): vscode.Uri {
  return vscode.Uri.file(join(FIXTURES, ...parts));
}


export async function testingApi(): Promise<TestingApi> {
  const extension = vscode.extensions.getExtension<K8sAnatomyApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is installed`);
  const api = await extension.activate();
  assert.ok(api.testing, 'the testing API is exported (development/test mode, or K8S_ANATOMY_TEST_HOOKS=1)');
  return api.testing;
}

export async function waitFor<T>(what: string, probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Point k8sAnatomy.kubeconfig at a file that does not exist (no cluster), or restore it. */
export async function setUserSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('k8sAnatomy').update(key, value, vscode.ConfigurationTarget.Global);
}

export const NO_KUBECONFIG = join(ROOT, 'test', 'vscode', 'fixtures', 'does-not-exist', 'kubeconfig');

/** The live cluster's kubeconfig when the harness provides one (the simulator), else null. */
export const LIVE_KUBECONFIG = process.env['K8S_ANATOMY_TEST_KUBECONFIG'] ?? null;

export async function openSample(name: string): Promise<void> {
  const outcome = await vscode.commands.executeCommand<string>('k8sAnatomy.openSample', name);
  assert.equal(outcome, 'ok', `sample ${name} opens`);
}
