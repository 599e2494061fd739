// `check` as an upgrade-readiness check (issue 12): the target version and why, rule families,
// and the defect that started it: a GKE 1.29 cluster on containerd 1.7.15 judged for 1.36 was
// reported READY.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../fixtures/cli';
import type { ReadinessReport } from '../../src/core/model';

async function checkJson(args: readonly string[]): Promise<{ code: number; report: ReadinessReport }> {
  const result = await runCli(['check', ...args, '--output', 'json']);
  assert.equal(result.stderr, '', `no stderr for ${args.join(' ')}`);
  return { code: result.code, report: JSON.parse(result.stdout) as ReadinessReport };
}

test('issue 12 defect: check --sample gke-1.29 --target-version 1.36 is not READY, and every finding says why', async () => {
  const { code, report } = await checkJson(['--sample', 'gke-1.29', '--target-version', '1.36']);
  assert.equal(code, 1);
  assert.equal(report.verdict, 'not-ready');
  assert.equal(report.target, '1.36');
  assert.equal(report.targetReason, 'given with --target-version');
  const nodes = report.nodes.map((n) => n.name);
  assert.equal(nodes.length, 3);
  for (const name of nodes) {
    const rules = report.findings.filter((f) => f.subject.name === name).map((f) => `${f.rule}:${f.severity}`).sort();
    assert.deepEqual(rules, ['containerd-eol:info', 'containerd-v1-end:warning', 'kubelet-skew-target:error'], name);
  }
  for (const f of report.findings) {
    assert.ok(f.message.length > 40, `${f.rule} says why`);
    assert.ok(f.remediation.length > 40, `${f.rule} says how to fix it`);
    assert.ok(f.docs.length > 0, `${f.rule} links the docs`);
  }
  const v1End = report.findings.find((f) => f.rule === 'containerd-v1-end');
  assert.match(v1End?.message ?? '', /containerd 1\.7\.15/);
  assert.match(v1End?.message ?? '', /2\.3\.0\+, 2\.2\.0\+/);
  assert.match(report.findings.find((f) => f.rule === 'kubelet-skew-target')?.message ?? '', /v1\.29\.6-gke\.1038001 is 7 minors behind Kubernetes 1\.36/);
});

test('the text report of the defect says what was judged and why the target', async () => {
  const result = await runCli(['check', '--sample', 'gke-1.29', '--target-version', '1.36']);
  assert.equal(result.code, 1);
  assert.match(result.stdout, /^K8s Anatomy · Upgrade readiness for Kubernetes 1\.36\n/);
  assert.match(result.stdout, /Verdict\s+NOT READY/);
  assert.match(result.stdout, /Judged for\s+Kubernetes 1\.36 \(given with --target-version\)/);
  assert.match(result.stdout, /Rules\s+dockershim, runtime, cgroup, kubelet, features/);
});

test('the default target is the minor after the server\'s, and the report says so', async () => {
  const { report } = await checkJson(['--sample', 'gke-1.29']);
  assert.equal(report.target, '1.30');
  assert.equal(report.targetReason, 'next minor after the server\'s v1.29.6-gke.1038001');
  const old = await checkJson(['--sample', 'kubeadm-1.23-ha']);
  assert.equal(old.report.target, '1.24');
});

test('--rules dockershim runs that family only and titles the report "Dockershim readiness"', async () => {
  const { code, report } = await checkJson(['--sample', 'eks-1.23-docker', '--rules', 'dockershim']);
  assert.equal(code, 1);
  assert.deepEqual(report.families, ['dockershim']);
  assert.ok(report.findings.length > 0);
  assert.ok(report.findings.every((f) => !['cgroup-v1', 'containerd-eol'].includes(f.rule)), 'no runtime-family finding');
  const text = await runCli(['check', '--sample', 'eks-1.23-docker', '--rules', 'dockershim']);
  assert.match(text.stdout, /^K8s Anatomy · Dockershim readiness\n/);
  const md = await runCli(['check', '--sample', 'eks-1.23-docker', '--rules', 'dockershim', '--output', 'markdown']);
  assert.match(md.stdout, /^# K8s Anatomy: Dockershim readiness\n/);
});

test('--rules cgroup,kubelet judges those families (in family order) and nothing else', async () => {
  const { report } = await checkJson(['--sample', 'eks-1.23-docker', '--rules', 'kubelet,cgroup']);
  assert.deepEqual(report.families, ['cgroup', 'kubelet']);
  assert.deepEqual([...new Set(report.findings.map((f) => f.rule))], ['cgroup-v1']);
  assert.equal(report.verdict, 'ready', 'Amazon Linux 2 at T=1.24 is a warning only');
});

test('SARIF says what the run judged and tags each rule with its family', async () => {
  const result = await runCli(['check', '--sample', 'gke-1.29', '--target-version', '1.36', '--output', 'sarif']);
  const sarif = JSON.parse(result.stdout) as { runs: [{ tool: { driver: { fullDescription: { text: string }; rules: { id: string; properties: { tags: string[] } }[] } }; properties: Record<string, unknown> }] };
  const run = sarif.runs[0];
  assert.match(run.tool.driver.fullDescription.text, /Upgrade readiness for Kubernetes 1\.36/);
  assert.equal(run.properties['targetReason'], 'given with --target-version');
  assert.deepEqual(run.properties['families'], ['dockershim', 'runtime', 'cgroup', 'kubelet', 'features']);
  const tags = Object.fromEntries(run.tool.driver.rules.map((r) => [r.id, r.properties.tags]));
  assert.deepEqual(tags['cgroup-v1'], ['kubernetes', 'cgroup', 'node']);
  assert.deepEqual(tags['dockershim-node'], ['kubernetes', 'dockershim', 'node']);
});

const REFUSED: readonly [readonly string[], RegExp][] = [
  [['--target-version', '1.39'], /Kubernetes 1\.39 is newer than any release the support facts cover; the newest known target is 1\.38/],
  [['--rules', 'containerd'], /unknown rule family "containerd" in --rules; the families are dockershim, runtime, cgroup, kubelet, features/],
  [['--rules', ','], /--rules needs at least one rule family/],
];
for (const [args, message] of REFUSED) {
  test(`check ${args.join(' ')}: exit 2 with a clear message`, async () => {
    const result = await runCli(['check', '--sample', 'gke-1.29', ...args]);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, message);
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  });
}

test('--rules belongs to check, not topology', async () => {
  const result = await runCli(['topology', '--sample', 'gke-1.29', '--rules', 'cgroup']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /--rules belong to check/);
});

test('containerd end of life follows the day the CLI runs on', async () => {
  const before = await runCli(['check', '--sample', 'gke-1.29', '--output', 'json'], { today: '2026-09-30' });
  const after = await runCli(['check', '--sample', 'gke-1.29', '--output', 'json'], { today: '2026-10-01' });
  const eol = (stdout: string) => (JSON.parse(stdout) as ReadinessReport).findings.filter((f) => f.rule === 'containerd-eol').length;
  assert.equal(eol(before.stdout), 0, 'containerd 1.7 is maintained through September 2026');
  assert.equal(eol(after.stdout), 3);
  assert.match((JSON.parse(after.stdout) as ReadinessReport).findings[0]?.message ?? '', /2026-09-30/);
});
