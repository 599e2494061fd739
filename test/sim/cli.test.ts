// The command line: flags parse into the same options as the library, mistakes exit 2 with the
// usage, and a started simulator prints its URL, writes the kubeconfig once it listens, and stops
// cleanly on SIGTERM.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCommandLine, UsageError } from './src/main';
import { parseForbid } from './src/auth';
import { parseFault } from './src/faults';
import { SMALL_CLUSTER, kubectl } from './src/testing';

const MAIN = join(__dirname, 'src', 'main.ts');

describe('flags', () => {
  test('every flag maps onto SimOptions', () => {
    const parsed = parseCommandLine([
      '--from', 'a.yaml', '--from', 'dir', '--scale', 'nodes=10,pods=200,seed=7', '--port', '8443', '--auth', 'cert',
      '--kubeconfig-out', '/tmp/k', '--fault', 'latency=200ms', '--fault', '429:count=2', '--forbid', 'list:pods@team-a',
      '--server-version', 'v1.28.3', '--discovery', 'legacy',
    ]);
    assert.equal(parsed.help, false);
    if (parsed.help) return;
    assert.deepEqual(parsed.options, {
      from: ['a.yaml', 'dir'], scale: { nodes: 10, pods: 200, seed: 7 }, serverVersion: 'v1.28.3', port: 8443, kubeconfigOut: '/tmp/k',
      auth: 'cert', discovery: 'legacy', faults: ['latency=200ms', '429:count=2'], forbid: ['list:pods@team-a'],
    });
    assert.equal(parsed.usedDefaultSample, false);
  });

  const bad: [string[], RegExp][] = [
    [['--bogus'], /Unknown option '--bogus'/],
    [['--auth', 'password'], /--auth "password": expected cert, token or exec/],
    [['--port', 'x'], /--port "x"/],
    [['--scale', 'nodes=10'], /both nodes=N and pods=M are required/],
    [['--scale', 'nodes=ten,pods=1'], /expected nodes=N,pods=M/],
    [['--fault', 'explode'], /unknown fault "explode"/],
    [['--fault', 'latency=fast'], /"fast" is not a duration/],
    [['--fault', 'drop-list'], /after-pages=N is required/],
    [['--fault', '429:colour=red'], /unknown option "colour"/],
    [['--forbid', 'pods'], /expected VERBS:RESOURCES\[@NAMESPACES\]/],
    [['--forbid', 'destroy:pods'], /unknown verb "destroy"/],
    [['stray'], /Unexpected argument 'stray'/],
  ];
  for (const [args, message] of bad) {
    test(`rejects ${args.join(' ')}`, () => {
      assert.throws(() => parseCommandLine(args), (error: unknown) => error instanceof UsageError && message.test(error.message));
    });
  }

  test('fault specs parse with their options', () => {
    assert.deepEqual(parseFault('429:count=3,retry-after=2,path=/api/v1/pods'), {
      source: '429:count=3,retry-after=2,path=/api/v1/pods', fault: { kind: 'status', code: 429, retryAfter: 2 }, path: '/api/v1/pods', remaining: 3, pagesSeen: 0,
    });
    assert.deepEqual(parseFault('watch-close:after=2s').fault, { kind: 'watch-close', afterMs: 2000 });
    assert.deepEqual(parseFault('latency=1.5s').fault, { kind: 'latency', ms: 1500 });
    assert.equal(parseFault('hang').remaining, Infinity);
  });

  test('forbid specs parse verbs, resources with groups and subresources, and namespaces', () => {
    assert.deepEqual(parseForbid('list,watch:deployments.apps,nodes/proxy@team-a,team-b'), {
      source: 'list,watch:deployments.apps,nodes/proxy@team-a,team-b',
      verbs: ['list', 'watch'],
      resources: [{ resource: 'deployments', group: 'apps' }, { resource: 'nodes/proxy' }],
      namespaces: ['team-a', 'team-b'],
    });
  });
});

describe('the command', () => {
  const run = (args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('exit', (code) => resolve({ code, stdout, stderr }));
    });

  test('--help prints the usage and exits 0', async () => {
    const result = await run(['--help']);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^Usage: npm run sim -- \[options\]/);
    assert.match(result.stdout, /--forbid VERBS:RESOURCES\[@NAMESPACES\]/);
  });

  test('a bad flag prints the problem and the usage and exits 2', async () => {
    const result = await run(['--auth', 'password']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--auth "password"/);
    assert.match(result.stderr, /Usage: npm run sim/);
  });

  test('a missing dump exits 2 with the file named', async () => {
    const result = await run(['--from', '/nonexistent/dump.yaml']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /\/nonexistent\/dump\.yaml: no such file or directory/);
  });

  test('prints the URL, writes the kubeconfig, serves kubectl, and stops on SIGTERM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'k8s-anatomy-cli-'));
    const kubeconfig = join(dir, 'config');
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, '--from', SMALL_CLUSTER, '--kubeconfig-out', kubeconfig, '--auth', 'exec'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`no URL line; stdout: ${out}`)), 20_000);
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          if (out.includes('\n')) {
            clearTimeout(timer);
            resolve(out.split('\n')[0] ?? '');
          }
        });
      });
      assert.match(line, /^K8s Anatomy simulator listening on https:\/\/127\.0\.0\.1:\d+$/);
      // The kubeconfig exists as soon as the URL is printed, and points at it.
      assert.match(await readFile(kubeconfig, 'utf8'), new RegExp(`server: ${line.split(' ').pop()?.replace(/\./g, '\\.')}`));
      assert.ok(((await stat(`${kubeconfig}.exec-credential.sh`)).mode & 0o100) !== 0);
      const result = await kubectl(kubeconfig, ['get', 'nodes', '-o', 'name']);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout.trim().split('\n').length, 3);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  });
});
