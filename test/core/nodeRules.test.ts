// The node cases N1–N17 (runtime strings as https://kubernetes.io/docs/tasks/administer-cluster/migrating-from-dockershim/find-out-runtime-you-use/
// shows them, the kubeadm cri-socket annotation and provider node images), with our expected verdicts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClusterScanner, diagnoseObjects } from '../../src/core/diagnose';
import type { Finding } from '../../src/core/model';
import { node, type NodeSpec } from '../fixtures/build';

interface NodeCase {
  id: string;
  input: NodeSpec;
  /** Report target version (default: decided by the core). */
  target?: string;
  server?: string;
  configz?: string | null;
  shim: 'dockershim' | 'cri-dockerd' | null;
  /** Expected rule → severity; rules not listed must not fire. */
  rules: Record<string, Finding['severity']>;
}

const CASES: NodeCase[] = [
  { id: 'N1 docker 19.3.1 on v1.16.15, no annotation: probable dockershim', input: { runtime: 'docker://19.3.1', kubelet: 'v1.16.15' }, shim: 'dockershim', rules: { 'dockershim-node': 'error' } },
  { id: 'N2 containerd 1.4.1 on v1.19.6: fine for a 1.24 target', input: { runtime: 'containerd://1.4.1', kubelet: 'v1.19.6' }, shim: null, rules: {} },
  { id: 'N2b containerd 1.4.1 judged against 1.26: warns containerd is too old', input: { runtime: 'containerd://1.4.1', kubelet: 'v1.19.6' }, target: '1.26', shim: null, rules: { 'containerd-too-old': 'warning' } },
  { id: 'N3 docker on v1.23.9 with the dockershim.sock annotation: dockershim confirmed', input: { runtime: 'docker://20.10.17', kubelet: 'v1.23.9', criSocket: '/var/run/dockershim.sock' }, shim: 'dockershim', rules: { 'dockershim-node': 'error' } },
  { id: 'N4 docker on v1.23 with the cri-dockerd annotation: not affected', input: { runtime: 'docker://20.10.21', kubelet: 'v1.23.17', criSocket: 'unix:///var/run/cri-dockerd.sock' }, shim: 'cri-dockerd', rules: { 'cri-dockerd-node': 'info' } },
  { id: 'N5 Docker Desktop docker 24 on v1.28: cri-dockerd', input: { runtime: 'docker://24.0.6', kubelet: 'v1.28.2', osImage: 'Docker Desktop' }, shim: 'cri-dockerd', rules: { 'cri-dockerd-node': 'info' } },
  { id: 'N6 containerd 1.6.2 on v1.24: CNI bug window', input: { runtime: 'containerd://1.6.2', kubelet: 'v1.24.3' }, shim: null, rules: { 'containerd-cni-bug': 'warning' } },
  { id: 'N7 containerd 1.5.13 on v1.26: CRI v1 missing', input: { runtime: 'containerd://1.5.13', kubelet: 'v1.26.5' }, shim: null, rules: { 'containerd-too-old': 'error' } },
  { id: 'N8 CRI-O 1.27.1 on v1.27: fine', input: { runtime: 'cri-o://1.27.1', kubelet: 'v1.27.3' }, shim: null, rules: {} },
  { id: 'N9 containerd with a repeated unix:// annotation: parsed, warned as malformed', input: { runtime: 'containerd://1.7.2', kubelet: 'v1.24.0', criSocket: 'unix://unix://unix:///run/containerd/containerd.sock' }, shim: null, rules: { 'malformed-cri-socket-annotation': 'warning' } },
  { id: 'N10 containerd node still annotated with dockershim.sock: stale annotation', input: { runtime: 'containerd://1.6.19', kubelet: 'v1.23.17', criSocket: '/var/run/dockershim.sock' }, shim: null, rules: { 'stale-cri-socket-annotation': 'warning' } },
  { id: 'N11 docker on v1.25 annotated unix:///var/run/dockershim.sock: cri-dockerd plus a stale annotation', input: { runtime: 'docker://20.10.23', kubelet: 'v1.25.9', criSocket: 'unix:///var/run/dockershim.sock' }, shim: 'cri-dockerd', rules: { 'cri-dockerd-node': 'info', 'stale-cri-socket-annotation': 'warning' } },
  { id: 'N12 kubeadm 1.34 node without annotation: no signal', input: { runtime: 'containerd://2.1.3', kubelet: 'v1.34.0' }, shim: null, rules: {} },
  { id: 'N13 GKE Docker node image on v1.23: dockershim', input: { runtime: 'docker://19.3.14', kubelet: 'v1.23.12-gke.100', labels: { 'cloud.google.com/gke-container-runtime': 'docker', 'cloud.google.com/gke-nodepool': 'default-pool' } }, shim: 'dockershim', rules: { 'dockershim-node': 'error' } },
  { id: 'N14 docker://Unknown: runtime unknown (and still Docker on an old kubelet)', input: { runtime: 'docker://Unknown', kubelet: 'v1.23.4' }, shim: 'dockershim', rules: { 'runtime-unknown': 'warning', 'dockershim-node': 'error' } },
  { id: 'N15 Windows docker 20.10 on v1.23: dockershim over the npipe', input: { runtime: 'docker://20.10.9', kubelet: 'v1.23.17', os: 'windows', osImage: 'Windows Server 2019 Datacenter', kernel: '10.0.17763.3650' }, shim: 'dockershim', rules: { 'dockershim-node': 'error' } },
  { id: 'N16 configz says cri-dockerd on a v1.28 kubelet', input: { runtime: 'docker://24.0.7', kubelet: 'v1.28.4' }, configz: 'unix:///var/run/cri-dockerd.sock', shim: 'cri-dockerd', rules: { 'cri-dockerd-node': 'info' } },
  { id: 'N16b configz cri-dockerd overrides the old-kubelet default', input: { runtime: 'docker://20.10.17', kubelet: 'v1.23.17' }, configz: 'unix:///var/run/cri-dockerd.sock', shim: 'cri-dockerd', rules: { 'cri-dockerd-node': 'info' } },
  { id: 'N17 configz unreadable: the Node object decides', input: { runtime: 'docker://20.10.17', kubelet: 'v1.23.17' }, configz: null, shim: 'dockershim', rules: { 'dockershim-node': 'error' } },
  { id: 'empty runtime string: unknown', input: { runtime: '', kubelet: 'v1.29.0' }, shim: null, rules: { 'runtime-unknown': 'warning' } },
  { id: 'kubelet newer than the API server', input: { runtime: 'containerd://1.7.11', kubelet: 'v1.30.1' }, server: 'v1.29.4', shim: null, rules: { 'kubelet-newer-than-apiserver': 'warning' } },
  { id: 'a docker node judged against 1.23 only warns', input: { runtime: 'docker://20.10.17', kubelet: 'v1.22.5' }, target: '1.23', shim: 'dockershim', rules: { 'dockershim-node': 'warning' } },
];

for (const c of CASES) {
  test(c.id, () => {
    const scanner = new ClusterScanner();
    scanner.setServerVersion(c.server ?? c.input.kubelet);
    scanner.add(node({ name: 'n', ...c.input }));
    if (c.configz !== undefined) scanner.setConfigzEndpoint('n', c.configz);
    // These are the dockershim family's cases; the runtime families have their own table (runtimeRules.test.ts).
    const { report } = scanner.finish({ families: ['dockershim'], ...(c.target ? { target: c.target } : {}) });
    assert.equal(report.nodes[0]?.dockerShim, c.shim);
    const fired = Object.fromEntries(report.findings.map((f) => [f.rule, f.severity]));
    assert.deepEqual(fired, c.rules);
    for (const f of report.findings) {
      assert.equal(f.subject.kind, 'Node');
      assert.ok(f.path.startsWith('status.') || f.path.startsWith('metadata.annotations'), f.path);
      assert.ok(f.remediation.length > 20, 'every finding says how to fix it');
      assert.ok(f.docs.length > 0 && f.docs.every((d) => d.startsWith('https://')), 'and links official docs');
    }
  });
}

test('verdict: an error makes not-ready; a node whose runtime is unknown makes unknown; else ready', () => {
  const objects = (runtime: string) => [{ object: node({ runtime, kubelet: 'v1.29.1' }) }, { object: { kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: {} } }];
  assert.equal(diagnoseObjects(objects('containerd://1.7.11'), 'v1.29.1').report.verdict, 'ready');
  assert.equal(diagnoseObjects(objects('containerd://Unknown'), 'v1.29.1').report.verdict, 'unknown');
  assert.equal(diagnoseObjects([{ object: node({ runtime: 'docker://20.10.17', kubelet: 'v1.23.17' }) }], 'v1.23.17').report.verdict, 'not-ready');
});

test('a dump without nodes is not "ready": the nodes scope is reported as unchecked', () => {
  const { report } = diagnoseObjects([{ object: { kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: {} } }], null, { requireNodesAndWorkloads: true });
  assert.equal(report.verdict, 'unknown');
  assert.deepEqual(report.coverage.skipped.map((g) => g.scope), ['nodes']);
});

test('a forbidden scope makes the verdict unknown when nothing failing was found', () => {
  const scanner = new ClusterScanner();
  scanner.add(node({ runtime: 'containerd://1.7.11', kubelet: 'v1.29.1' }));
  scanner.skip('pods in namespace team-a', 'not allowed to read pods in namespace team-a (403 Forbidden)');
  const { report } = scanner.finish();
  assert.equal(report.verdict, 'unknown');
  assert.equal(report.coverage.skipped[0]?.scope, 'pods in namespace team-a');
});

test('an invalid --target-version is refused with a clear error', () => {
  assert.throws(() => new ClusterScanner().finish({ target: 'banana' }), /not a Kubernetes version/);
});
