// `kubectl anatomy …`: the package's `kubectl-anatomy` bin, linked on PATH the way npm links it,
// run by the real kubectl as a plugin. kubectl hands a plugin no global flags, so `--context` and
// `--kubeconfig` must be the plugin's own: they are check's.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import type { ReadinessReport } from '../../src/core/model';
import type { FleetReport } from '../../src/core/fleet';
import { simulatorPool } from '../fixtures/simulators';

const ROOT = join(__dirname, '..', '..');
const HOME = mkdtempSync(join(tmpdir(), 'k8s-anatomy-plugin-home-'));
const BIN_DIR = mkdtempSync(join(tmpdir(), 'k8s-anatomy-plugin-bin-'));
const simulators = simulatorPool();

const kubectl = spawnSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).stdout.trim();

/** Newest modification time under a folder (ms). */
function newest(dir: string): number {
  let latest = 0;
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    const info = statSync(full);
    latest = Math.max(latest, info.isDirectory() ? newest(full) : info.mtimeMs);
  }
  return latest;
}

before(() => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  const target = pkg.bin['kubectl-anatomy'];
  assert.equal(target, pkg.bin['k8s-anatomy'], 'the plugin is the same command');
  assert.ok(target);
  const cli = join(ROOT, target);
  if (!existsSync(cli) || statSync(cli).mtimeMs < newest(join(ROOT, 'src'))) {
    const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
    assert.equal(build.status, 0, 'the build failed');
  }
  chmodSync(cli, 0o755); // as npm does for a bin
  symlinkSync(cli, join(BIN_DIR, 'kubectl-anatomy'));
});

/** Run kubectl without blocking: the simulators answer from this process. */
function runKubectl(args: readonly string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(kubectl, [...args], {
      encoding: 'utf8',
      timeout: 60_000,
      // Only the plugin's folder, node's, and the system's: what a user's PATH holds.
      env: { PATH: [BIN_DIR, dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(delimiter), HOME, KUBECONFIG: '' },
    }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

test('kubectl lists the plugin and runs `kubectl anatomy check --sample`', { skip: kubectl === '' && 'kubectl is not installed' }, async () => {
  const list = await runKubectl(['plugin', 'list']);
  assert.match(list.stdout, /kubectl-anatomy/);
  const result = await runKubectl(['anatomy', 'check', '--sample', 'k3s-ha', '--output', 'json']);
  assert.equal(result.status, 0, result.stderr);
  const report = JSON.parse(result.stdout) as ReadinessReport;
  assert.equal(report.verdict, 'ready');
  assert.deepEqual(report.source, { kind: 'sample', name: 'k3s-ha' });
  const notReady = await runKubectl(['anatomy', 'check', '--sample', 'eks-1.23-docker']);
  assert.equal(notReady.status, 1, 'exit codes pass through kubectl');
  assert.match(notReady.stdout, /NOT READY/);
});

test('`kubectl anatomy --help` names itself as run; a bad flag says `kubectl anatomy check --help`', { skip: kubectl === '' && 'kubectl is not installed' }, async () => {
  const help = await runKubectl(['anatomy', '--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /\n {2}kubectl anatomy check {4}\[SOURCE\]/);
  assert.doesNotMatch(help.stdout, /k8s-anatomy check/);
  const bad = await runKubectl(['anatomy', 'check', '--colour']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /Run `kubectl anatomy check --help` for usage/);
});

test('`kubectl anatomy check --kubeconfig K --context C` and `--all-contexts`: the plugin takes kubectl\'s flags itself', { skip: kubectl === '' && 'kubectl is not installed' }, async () => {
  const sim = await simulators.start({ sample: 'eks-1.23-docker' });
  const single = await runKubectl(['anatomy', 'check', '--kubeconfig', sim.kubeconfigPath, '--context', 'k8s-anatomy-sim', '--output', 'json']);
  assert.equal(single.status, 1, single.stderr);
  assert.deepEqual((JSON.parse(single.stdout) as ReadinessReport).source, { kind: 'cluster', context: 'k8s-anatomy-sim', server: sim.url });
  const unknownContext = await runKubectl(['anatomy', 'check', '--kubeconfig', sim.kubeconfigPath, '--context', 'nope']);
  assert.equal(unknownContext.status, 2);
  assert.match(unknownContext.stderr, /no context named "nope"/);
  const fleet = await runKubectl(['anatomy', 'check', '--kubeconfig', sim.kubeconfigPath, '--all-contexts', '--output', 'json']);
  assert.equal(fleet.status, 1, fleet.stderr);
  assert.deepEqual((JSON.parse(fleet.stdout) as FleetReport).clusters.map((c) => [c.context, c.verdict]), [['k8s-anatomy-sim', 'not-ready']]);
});
