// Exec credential plugins that fail, hang or print garbage end in a clear error (exit 2) within a
// bounded time, with the plugin's own explanation surfaced — never a hang or a stack trace.

import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { run } from '../../src/cli/run';
import { startSimulator, type RunningSimulator } from '../sim/src/server';

const DIR = mkdtempSync(join(tmpdir(), 'k8s-anatomy-exec-'));
const ROOT = join(__dirname, '..', '..');
let sim: RunningSimulator;

before(async () => {
  sim = await startSimulator({ sample: 'k3s-ha', auth: 'exec' });
});
after(async () => {
  await sim.close();
});

function kubeconfigWithPlugin(name: string, script: string): string {
  const plugin = join(DIR, `${name}.sh`);
  writeFileSync(plugin, `#!/bin/sh\n${script}\n`);
  chmodSync(plugin, 0o755);
  const config = parse(readFileSync(sim.kubeconfigPath, 'utf8')) as { users: { user: Record<string, unknown> }[] };
  for (const entry of config.users) {
    entry.user = { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: plugin, interactiveMode: 'Never' } };
  }
  const file = join(DIR, `${name}.kubeconfig`);
  writeFileSync(file, stringify(config));
  return file;
}

async function check(kubeconfig: string): Promise<{ code: number; stderr: string; ms: number }> {
  let stderr = '';
  const started = Date.now();
  const code = await run(['check', '--kubeconfig', kubeconfig, '--timeout', '3'], {
    stdout: () => {}, stderr: (t) => { stderr += t; }, stdoutIsTty: false, stderrIsTty: false, env: { HOME: DIR },
  });
  return { code, stderr, ms: Date.now() - started };
}

test('a plugin that fails: exit 2 with its stderr surfaced and advice to log in again', async () => {
  const result = await check(kubeconfigWithPlugin('fails', 'echo "error: the refresh token has expired; run cloud-cli login" >&2\nexit 1'));
  assert.equal(result.code, 2);
  assert.match(result.stderr, /credentials could not be prepared: error: the refresh token has expired/);
  assert.match(result.stderr, /credential plugin/);
});

test('a plugin that prints garbage: exit 2 naming the credential plugin', async () => {
  const result = await check(kubeconfigWithPlugin('garbage', 'echo "this is not an ExecCredential"'));
  assert.equal(result.code, 2);
  assert.match(result.stderr, /credentials could not be prepared/);
});

test('a plugin that hangs: exit 2 within the deadline', async () => {
  const result = await check(kubeconfigWithPlugin('hangs', 'sleep 12'));
  assert.equal(result.code, 2);
  assert.match(result.stderr, /credential plugin did not finish in time/);
  assert.ok(result.ms < 15_000, `took ${result.ms} ms`);
});

test('the built binary exits promptly even while a hung plugin is still running', () => {
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT });
  const started = Date.now();
  const result = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'check', '--kubeconfig', kubeconfigWithPlugin('hangs-binary', 'sleep 40'), '--timeout', '3'], { encoding: 'utf8', timeout: 30_000, env: { PATH: process.env['PATH'] ?? '', HOME: DIR } });
  assert.equal(result.status, 2, result.stderr);
  assert.ok(Date.now() - started < 20_000, 'did not wait for the plugin');
});
