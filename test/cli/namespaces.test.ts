// `--namespace` / `--exclude-namespace` on check and topology: only the chosen namespaces'
// workloads are judged (nodes always are), the verdict is of what is left, and the flags are
// checked like every other input.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../fixtures/cli';
import { node } from '../fixtures/build';
import type { Anatomy, ReadinessReport } from '../../src/core/model';

/** A pod of namespace `ns` that mounts the Docker socket, or nothing of the host. */
function pod(ns: string, name: string, dockerSocket: boolean): Record<string, unknown> {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns },
    spec: {
      containers: [{ name: 'c', image: 'registry.example.com/tool:1.0', ...(dockerSocket ? { volumeMounts: [{ name: 'sock', mountPath: '/var/run/docker.sock' }] } : {}) }],
      ...(dockerSocket ? { volumes: [{ name: 'sock', hostPath: { path: '/var/run/docker.sock', type: 'Socket' } }] } : {}),
    },
    status: { phase: 'Running' },
  };
}

const DUMP = (() => {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-anatomy-ns-'));
  const file = join(dir, 'cluster.json');
  writeFileSync(file, JSON.stringify({
    apiVersion: 'v1', kind: 'List',
    items: [node({ name: 'worker-1', runtime: 'containerd://1.7.11', kubelet: 'v1.29.1' }), pod('ci', 'docker-builder', true), pod('web', 'frontend', false)],
  }));
  return file;
})();

async function check(args: string[]): Promise<{ code: number; report: ReadinessReport; stderr: string }> {
  const result = await runCli(['check', '--from', DUMP, '--output', 'json', ...args]);
  return { code: result.code, report: JSON.parse(result.stdout) as ReadinessReport, stderr: result.stderr };
}

const CASES: readonly { name: string; args: string[]; verdict: ReadinessReport['verdict']; code: number; subjects: string[]; namespaces?: ReadinessReport['namespaces'] }[] = [
  { name: 'no flags: every namespace', args: [], verdict: 'not-ready', code: 1, subjects: ['Pod ci/docker-builder'] },
  { name: 'only web', args: ['--namespace', 'web'], verdict: 'ready', code: 0, subjects: [], namespaces: { include: ['web'], exclude: [] } },
  { name: 'only ci (-n)', args: ['-n', 'ci'], verdict: 'not-ready', code: 1, subjects: ['Pod ci/docker-builder'], namespaces: { include: ['ci'], exclude: [] } },
  { name: 'not ci', args: ['--exclude-namespace', 'ci'], verdict: 'ready', code: 0, subjects: [], namespaces: { include: [], exclude: ['ci'] } },
  { name: 'ci and web, not ci', args: ['--namespace', 'ci', '--namespace', 'web', '--exclude-namespace', 'ci'], verdict: 'ready', code: 0, subjects: [], namespaces: { include: ['ci', 'web'], exclude: ['ci'] } },
  { name: 'a namespace repeated counts once', args: ['-n', 'ci', '-n', 'ci'], verdict: 'not-ready', code: 1, subjects: ['Pod ci/docker-builder'], namespaces: { include: ['ci'], exclude: [] } },
];

for (const c of CASES) {
  test(`check --from with namespace flags: ${c.name}`, async () => {
    const { code, report, stderr } = await check(c.args);
    assert.equal(stderr, '');
    assert.equal(report.verdict, c.verdict);
    assert.equal(code, c.code);
    assert.deepEqual([...new Set(report.findings.filter((f) => f.subject.kind !== 'Node').map((f) => `${f.subject.kind} ${f.subject.namespace}/${f.subject.name}`))], c.subjects);
    assert.deepEqual(report.namespaces, c.namespaces);
  });
}

test('check --sample: Node findings stay whatever the namespaces; other namespaces\' workload findings leave', async () => {
  const all = await runCli(['check', '--sample', 'eks-1.23-docker', '--output', 'json']);
  const monitoring = await runCli(['check', '--sample', 'eks-1.23-docker', '--output', 'json', '--namespace', 'monitoring']);
  const a = JSON.parse(all.stdout) as ReadinessReport;
  const m = JSON.parse(monitoring.stdout) as ReadinessReport;
  assert.deepEqual(m.findings.filter((f) => f.subject.kind === 'Node'), a.findings.filter((f) => f.subject.kind === 'Node'));
  assert.deepEqual([...new Set(m.findings.filter((f) => f.subject.kind !== 'Node').map((f) => f.subject.namespace))], ['monitoring']);
  assert.ok(a.findings.some((f) => f.subject.namespace === 'ci'), 'fixture: the sample has findings in ci');
  assert.equal(m.verdict, 'not-ready', 'its dockershim nodes still fail');
  // Text output tells the same story.
  const text = await runCli(['check', '--sample', 'eks-1.23-docker', '--exclude-namespace', 'ci']);
  assert.doesNotMatch(text.stdout, /image-builder/);
  assert.match(text.stdout, /datadog-agent/);
});

test('topology --format json --namespace: the anatomy is the same; only the findings it links change', async () => {
  const all = JSON.parse((await runCli(['topology', '--sample', 'mixed-windows', '--format', 'json'])).stdout) as Anatomy;
  const none = JSON.parse((await runCli(['topology', '--sample', 'mixed-windows', '--format', 'json', '--exclude-namespace', 'ci'])).stdout) as Anatomy;
  const shape = (a: Anatomy) => ({ pools: a.pools, edges: a.edges, groups: a.groups, nodes: a.nodes.map(({ findings: _f, ...rest }) => rest) });
  assert.deepEqual(shape(none), shape(all));
  const report = JSON.parse((await runCli(['check', '--sample', 'mixed-windows', '--output', 'json'])).stdout) as ReadinessReport;
  const nodeFindings = report.findings.filter((f) => f.subject.kind === 'Node').length;
  assert.ok(nodeFindings > 0, 'fixture: node findings');
  assert.equal(report.findings.filter((f) => f.subject.namespace === 'ci').length, 1, 'fixture: one ci workload finding');
  assert.equal(all.findingComponents?.length, nodeFindings + 1, 'the node findings and the ci workload finding are linked');
  assert.equal(none.findingComponents?.length, nodeFindings, 'without ci, only the node findings are linked');
  const mermaidAll = (await runCli(['topology', '--sample', 'mixed-windows'])).stdout;
  const mermaidNone = (await runCli(['topology', '--sample', 'mixed-windows', '--exclude-namespace', 'ci'])).stdout;
  assert.equal(mermaidNone, mermaidAll, 'the drawing marks node findings only, and those stay');
});

test('namespace flags: names that are not namespaces are usage errors (exit 2, one line)', async () => {
  for (const [flag, value] of [['--namespace', 'Team_A'], ['--exclude-namespace', '../etc'], ['-n', ''], ['--namespace', 'x'.repeat(64)]] as const) {
    const result = await runCli(['check', '--sample', 'k3s-ha', flag, value]);
    assert.equal(result.code, 2, `${flag} ${value}`);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, new RegExp(`^k8s-anatomy: ${flag.startsWith('--') ? flag : '--namespace'} takes a namespace name`), result.stderr);
  }
  const missing = await runCli(['topology', '--sample', 'k3s-ha', '--namespace']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /--namespace/);
});
