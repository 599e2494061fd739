// `k8s-anatomy collect --out DIR` writes what check reads: for every built-in sample served by the
// simulator, the live check and `check --from DIR` on the collected dump give the same report
// (apart from its source), with and without the kubelet probe. Bad output directories end in
// exit 2 with one clear line.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listSamples } from '../../src/k8s/samples';
import type { ReadinessReport } from '../../src/core/model';
import type { RunningSimulator, SimOptions } from '../sim/src/server';
import { runCli } from '../fixtures/cli';
import { simulatorPool } from '../fixtures/simulators';

const HOME = mkdtempSync(join(tmpdir(), 'k8s-anatomy-collect-home-'));
const simulators = simulatorPool();
const sim = (options: SimOptions): Promise<RunningSimulator> => simulators.start(options);

const cli = (args: string[]) => runCli(args, { env: { HOME } });

/** The report apart from where it came from: its source, and the dump file and line a finding was read at. */
function withoutSource(report: ReadinessReport): Omit<ReadinessReport, 'source'> {
  const { source: _source, ...rest } = report;
  return { ...rest, findings: rest.findings.map(({ location: _location, ...finding }) => finding) };
}

for (const probe of [false, true]) {
  for (const sample of listSamples()) {
    test(`sample ${sample.name}${probe ? ' with --kubelet-probe' : ''}: collect, then check --from, gives the live check's report`, async () => {
      const s = await sim({ sample: sample.name });
      const flags = probe ? ['--kubelet-probe'] : [];
      const live = await cli(['check', '--kubeconfig', s.kubeconfigPath, '--output', 'json', ...flags]);
      assert.equal(live.stderr, '');
      const out = join(mkdtempSync(join(tmpdir(), 'k8s-anatomy-collect-')), 'dump');
      const collected = await cli(['collect', '--kubeconfig', s.kubeconfigPath, '--out', out, ...flags]);
      assert.equal(collected.code, 0, collected.stderr);
      assert.match(collected.stderr, /wrote [\d,]+ objects/);
      for (const file of ['nodes.json', 'pods.json', 'version.json', 'namespaces.json']) assert.ok(existsSync(join(out, file)), file);
      const kubeletFiles = readdirSync(join(out, 'kubelet'));
      if (probe) {
        assert.ok(kubeletFiles.some((f) => f.endsWith('.kubelet-metrics.txt')), 'metrics saved');
        assert.ok(kubeletFiles.some((f) => f.endsWith('.kubelet-configz.json')), 'configz saved');
      } else {
        assert.deepEqual(kubeletFiles, []);
      }
      const fromDump = await cli(['check', '--from', out, '--output', 'json']);
      assert.equal(fromDump.stderr, '');
      assert.equal(fromDump.code, live.code);
      assert.deepEqual(withoutSource(JSON.parse(fromDump.stdout) as ReadinessReport), withoutSource(JSON.parse(live.stdout) as ReadinessReport));
    });
  }
}

test('the collected kubelet answers are what the node proxy printed, byte for byte', async () => {
  const s = await sim({ sample: 'gke-1.29' });
  const out = join(mkdtempSync(join(tmpdir(), 'k8s-anatomy-collect-')), 'dump');
  assert.equal((await cli(['collect', '--kubeconfig', s.kubeconfigPath, '--out', out, '--kubelet-probe'])).code, 0);
  const files = readdirSync(join(out, 'kubelet')).filter((f) => f.endsWith('.kubelet-metrics.txt'));
  assert.ok(files.length > 0);
  const node = (files[0] ?? '').replace(/\.kubelet-metrics\.txt$/, '');
  const served = await simulators.start({ from: [out] });
  const { http } = await import('../sim/src/testing');
  const answer = await http(served, `/api/v1/nodes/${node}/proxy/metrics`);
  assert.equal(answer.body, readFileSync(join(out, 'kubelet', files[0] ?? ''), 'utf8'));
  // One node per pool was read: fewer metrics files than nodes when pools have several nodes.
  const nodes = (JSON.parse(readFileSync(join(out, 'nodes.json'), 'utf8')) as { items: unknown[] }).items.length;
  assert.ok(files.length <= nodes);
});

test('collect refuses a DIR that holds files unless --force, and --force replaces old kubelet answers', async () => {
  const s = await sim({ sample: 'k3s-ha' });
  const out = mkdtempSync(join(tmpdir(), 'k8s-anatomy-collect-'));
  writeFileSync(join(out, 'notes.txt'), 'mine');
  const refused = await cli(['collect', '--kubeconfig', s.kubeconfigPath, '--out', out]);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /already holds files; choose a new or empty directory, or add --force/);
  mkdirSync(join(out, 'kubelet'));
  writeFileSync(join(out, 'kubelet', 'gone-node.kubelet-metrics.txt'), 'kubelet_cgroup_version 1\n');
  const forced = await cli(['collect', '--kubeconfig', s.kubeconfigPath, '--out', out, '--force']);
  assert.equal(forced.code, 0, forced.stderr);
  assert.equal(readFileSync(join(out, 'notes.txt'), 'utf8'), 'mine', 'other files are left alone');
  assert.ok(!existsSync(join(out, 'kubelet', 'gone-node.kubelet-metrics.txt')), 'stale kubelet answers removed');
});

test('collect: an --out that is a file, an unwritable parent, or a missing --out end in exit 2 with one line', async () => {
  const s = await sim({ sample: 'k3s-ha' });
  const dir = mkdtempSync(join(tmpdir(), 'k8s-anatomy-collect-'));
  const file = join(dir, 'a-file');
  writeFileSync(file, 'x');
  const onFile = await cli(['collect', '--kubeconfig', s.kubeconfigPath, '--out', file]);
  assert.equal(onFile.code, 2);
  assert.match(onFile.stderr, /is a file, not a directory/);
  // A path below a file cannot be created, not even by root.
  const belowFile = await cli(['collect', '--kubeconfig', s.kubeconfigPath, '--out', join(file, 'dump')]);
  assert.equal(belowFile.code, 2);
  assert.match(belowFile.stderr, /cannot use --out .*ENOTDIR/);
  assert.equal(belowFile.stderr.split('\n').filter(Boolean).length, 1);
  if (process.getuid?.() !== 0) {
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    const unwritable = await cli(['collect', '--kubeconfig', s.kubeconfigPath, '--out', join(locked, 'dump')]);
    assert.equal(unwritable.code, 2);
    assert.match(unwritable.stderr, /cannot write to --out .*EACCES/);
  }
  const missing = await cli(['collect', '--kubeconfig', s.kubeconfigPath]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /collect needs --out DIR/);
  const fromDump = await cli(['collect', '--sample', 'k3s-ha', '--out', join(dir, 'x')]);
  assert.equal(fromDump.code, 2);
  assert.match(fromDump.stderr, /collect reads a live cluster/);
});
