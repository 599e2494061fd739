// Secrets never leak: tokens, client keys, exec plugin output and kubeconfig contents appear in no
// report, export, progress line or error message. Every run below writes everything it produces
// into one buffer, which is then searched for the scenario's secrets.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { run } from '../../src/cli/run';
import { startSimulator, type RunningSimulator } from '../sim/src/server';

const DIR = mkdtempSync(join(tmpdir(), 'k8s-anatomy-secrets-'));
const running: RunningSimulator[] = [];
after(async () => {
  await Promise.all(running.map((s) => s.close()));
});

/** Every credential-bearing string of a kubeconfig (and what the exec plugin would print). */
function secretsOf(kubeconfigPath: string, token?: string): string[] {
  const text = readFileSync(kubeconfigPath, 'utf8');
  const config = parse(text) as { users: { user: Record<string, unknown> }[] };
  const secrets: string[] = token ? [token] : [];
  for (const { user } of config.users) {
    for (const key of ['token', 'client-key-data', 'client-certificate-data', 'password']) {
      const value = user[key];
      if (typeof value === 'string' && value.length > 8) {
        secrets.push(value);
        if (key.endsWith('-data')) {
          const pem = Buffer.from(value, 'base64').toString('utf8');
          secrets.push(...pem.split('\n').filter((line) => line.length > 40)); // any line of the PEM body
        }
      }
    }
  }
  return secrets;
}

async function everything(args: string[][], env: Record<string, string>): Promise<string> {
  let all = '';
  for (const a of args) {
    await run(a, {
      stdout: (t) => { all += t; }, stderr: (t) => { all += t; },
      stdoutIsTty: false, stderrIsTty: true, env: { HOME: DIR, ...env },
    });
  }
  return all;
}

for (const auth of ['token', 'cert', 'exec'] as const) {
  test(`${auth} auth: no secret in any report, export, progress line or error`, async () => {
    const s = await startSimulator({ sample: 'mixed-windows', auth, forbid: ['list:pods@ci'] });
    running.push(s);
    const secrets = secretsOf(s.kubeconfigPath, s.token);
    assert.ok(secrets.length > 0, 'the scenario has secrets to look for');
    const page = join(DIR, `${auth}.html`);
    const k = ['--kubeconfig', s.kubeconfigPath];
    let output = await everything([
      ['check', ...k, '--progress'], ['check', ...k, '--output', 'json'], ['check', ...k, '--output', 'markdown'],
      ['check', ...k, '--output', 'sarif'], ['topology', ...k], ['topology', ...k, '--format', 'json'],
      ['topology', ...k, '--format', 'html', '--out', page], ['check', ...k, '--context', 'missing'],
    ], {});
    output += readFileSync(page, 'utf8');
    // A broken credential: the error must not echo what was sent.
    const broken = join(DIR, `${auth}-broken.yaml`);
    writeFileSync(broken, readFileSync(s.kubeconfigPath, 'utf8').replace(/(token: )\S+/, '$1wrong-but-secret-token-value'));
    output += await everything([['check', '--kubeconfig', broken]], {});
    for (const secret of [...secrets, 'wrong-but-secret-token-value']) {
      assert.ok(!output.includes(secret), `a secret leaked (${secret.slice(0, 6)}…)`);
    }
    assert.ok(output.includes('win-worker-1'), 'the outputs were real reports');
  });
}
