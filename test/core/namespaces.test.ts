// The namespace filter, an option of the diagnosis: which findings and coverage gaps count, the
// verdict of what is left, the namespaces a reader must list, and structured gaps (no parsing of
// the scope sentence).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClusterScanner, diagnoseObjects, readinessVerdict } from '../../src/core/diagnose';
import {
  gapInScope, inScope, isNamespaceName, isPlatformNamespace, podNamespacesToRead, scoped, workloadNamespacesToRead,
} from '../../src/core/namespaces';
import type { CoverageGap, Finding } from '../../src/core/model';
import { node } from '../fixtures/build';

test('inScope: include then exclude; cluster-scoped subjects always count', () => {
  const cases: [string, readonly string[], readonly string[], boolean][] = [
    ['', ['ci'], [], true],
    ['', [], ['kube-system'], true],
    ['ci', [], [], true],
    ['ci', ['ci'], [], true],
    ['web', ['ci'], [], false],
    ['ci', ['ci'], ['ci'], false],
    ['monitoring', [], ['monitoring'], false],
    ['kube-system', [], ['monitoring'], true],
  ];
  for (const [ns, include, exclude, expected] of cases) assert.equal(inScope(ns, { include, exclude }), expected, `${ns} in ${include}/${exclude}`);
});

test('gapInScope: only a gap confined to a namespace is filtered', () => {
  const only = { include: ['ci'], exclude: [] };
  const gaps: [CoverageGap, boolean][] = [
    [{ scope: 'pods in namespace secret', reason: 'pods is forbidden', namespace: 'secret', kind: 'Pod' }, false],
    [{ scope: 'pods in namespace ci', reason: 'pods is forbidden', namespace: 'ci', kind: 'Pod' }, true],
    [{ scope: 'deployments', reason: 'the server could not list deployments', kind: 'Deployment' }, true],
    [{ scope: 'nodes', reason: 'forbidden', kind: 'Node' }, true],
    // A scope sentence alone never decides: no namespace field, no filtering.
    [{ scope: 'pods in namespace secret', reason: 'written by an older reader' }, true],
  ];
  for (const [gap, expected] of gaps) assert.equal(gapInScope(gap, only), expected, gap.scope);
});

test('scoped: no filter keeps the lists as they are', () => {
  const findings = [{ subject: { kind: 'Pod', namespace: 'ci', name: 'a' } } as Finding];
  const result = scoped(findings, [], { include: [], exclude: [] });
  assert.deepEqual(result.findings, findings);
});

test('isNamespaceName: DNS-1123 labels only', () => {
  for (const ok of ['ci', 'kube-system', 'team-a1', 'a', '0', 'x'.repeat(63)]) assert.equal(isNamespaceName(ok), true, ok);
  for (const bad of ['', 'Team', 'a_b', '-a', 'a-', 'a.b', '../etc', 'x'.repeat(64), 'ci ', 'é']) assert.equal(isNamespaceName(bad), false, bad);
});

test('namespaces to read: an include list, plus the platform namespaces that exist', () => {
  assert.equal(podNamespacesToRead({ include: [], exclude: ['ci'] }, ['ci', 'kube-system']), undefined, 'exclude only: list everything');
  assert.equal(workloadNamespacesToRead({ include: [], exclude: ['ci'] }), undefined);
  const existing = ['ci', 'web', 'kube-system', 'kube-public', 'openshift-etcd', 'calico-system', 'kube-flannel', 'monitoring'];
  assert.deepEqual(podNamespacesToRead({ include: ['web', 'ci'], exclude: ['ci'] }, existing), ['calico-system', 'kube-flannel', 'kube-system', 'openshift-etcd', 'web']);
  assert.deepEqual(podNamespacesToRead({ include: ['web'], exclude: [] }, null), ['kube-system', 'web'], 'namespaces not listable: kube-system stands for them');
  assert.deepEqual(workloadNamespacesToRead({ include: ['web', 'ci', 'web'], exclude: ['ci'] }), ['web']);
  for (const [ns, platform] of [['kube-system', true], ['openshift-kube-apiserver', true], ['cattle-system', true], ['kube-flannel', true], ['kube-public', false], ['default', false], ['systems', false]] as const) {
    assert.equal(isPlatformNamespace(ns), platform, ns);
  }
});

function dockerPod(ns: string, name: string): Record<string, unknown> {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns },
    spec: { containers: [{ name: 'c', image: 'x', volumeMounts: [{ name: 's', mountPath: '/var/run/docker.sock' }] }], volumes: [{ name: 's', hostPath: { path: '/var/run/docker.sock' } }] },
  };
}

test('finish({ namespaces }): findings, gaps and the verdict are of the judged namespaces; the anatomy links only those', () => {
  const scanner = new ClusterScanner();
  scanner.setServerVersion('v1.29.1');
  scanner.add(node({ name: 'n1', runtime: 'containerd://1.7.11', kubelet: 'v1.29.1' }));
  scanner.add(dockerPod('ci', 'builder'));
  scanner.add(dockerPod('monitoring', 'agent'));
  scanner.skipNamespace('secret', 'pods is forbidden');
  const all = scanner.finish();
  assert.equal(all.report.verdict, 'not-ready');
  assert.deepEqual(all.report.coverage.skipped, [{ scope: 'pods in namespace secret', reason: 'pods is forbidden', namespace: 'secret', kind: 'Pod' }]);
  assert.equal(all.report.namespaces, undefined, 'no filter: no namespaces field');

  const onlyCi = scanner.finish({ namespaces: { include: ['ci'], exclude: [] } });
  assert.deepEqual([...new Set(onlyCi.report.findings.map((f) => f.subject.namespace))], ['ci']);
  assert.deepEqual(onlyCi.report.coverage.skipped, [], 'a gap in a namespace not judged is not a gap');
  assert.deepEqual(onlyCi.report.namespaces, { include: ['ci'], exclude: [] });
  assert.equal(onlyCi.anatomy.findingComponents?.length, onlyCi.report.findings.length);

  const noCiNoMonitoring = scanner.finish({ namespaces: { include: [], exclude: ['ci', 'monitoring'] } });
  assert.deepEqual(noCiNoMonitoring.report.findings, []);
  assert.equal(noCiNoMonitoring.report.verdict, 'unknown', 'the forbidden namespace is still judged');
  const nothingLeft = scanner.finish({ namespaces: { include: ['web'], exclude: [] } });
  assert.equal(nothingLeft.report.verdict, 'ready');
  for (const n of nothingLeft.anatomy.nodes) assert.equal(n.findings, undefined);
});

test('finish({ namespaces }): Node findings always count', () => {
  const d = diagnoseObjects([{ object: node({ name: 'old', runtime: 'docker://20.10.17', kubelet: 'v1.23.17' }) }], 'v1.23.17', { namespaces: { include: ['ci'], exclude: [] } });
  assert.equal(d.report.verdict, 'not-ready');
  assert.ok(d.report.findings.some((f) => f.rule === 'dockershim-node'));
});

test('skip: a reader\'s gaps say which kind and namespace they cover; the scope text is unchanged', () => {
  const scanner = new ClusterScanner();
  scanner.skip('deployments', 'forbidden', { kind: 'Deployment' });
  scanner.skipNamespace('team-a', 'forbidden');
  scanner.skipNamespace('team-a', 'forbidden', 'Job', 'jobs');
  scanner.skipNamespace('team-a', 'again');
  assert.deepEqual(scanner.finish().report.coverage.skipped, [
    { scope: 'deployments', reason: 'forbidden', kind: 'Deployment' },
    { scope: 'pods in namespace team-a', reason: 'forbidden', namespace: 'team-a', kind: 'Pod' },
    { scope: 'jobs in namespace team-a', reason: 'forbidden', namespace: 'team-a', kind: 'Job' },
  ]);
});

test('readinessVerdict: an error → not-ready; else a gap or an unknown runtime → unknown; else ready', () => {
  const containerd = { name: 'containerd', version: '1.7.11' };
  const cases: [Parameters<typeof readinessVerdict>, string][] = [
    [[[{ severity: 'error' }], [], [containerd]], 'not-ready'],
    [[[{ severity: 'error' }], [{ scope: 'pods', reason: 'forbidden' }], [containerd]], 'not-ready'],
    [[[{ severity: 'warning' }, { severity: 'info' }], [], [containerd]], 'ready'],
    [[[], [{ scope: 'pods in namespace secret', reason: 'forbidden' }], [containerd]], 'unknown'],
    [[[], [], [{ name: 'unknown', version: null }]], 'unknown'],
    [[[], [], [{ name: 'containerd', version: null }]], 'unknown'],
    [[[], [], []], 'ready'],
  ];
  for (const [args, expected] of cases) assert.equal(readinessVerdict(...args), expected, JSON.stringify(args));
});
