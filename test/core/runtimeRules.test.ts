// The runtime upgrade-readiness node rules of issue 12 §2, one table row per case, fed through the
// scanner API the readers use (Node objects, setKubeletEvidence, Events). Rows are real-world
// strings: vendor-suffixed runtime versions, osImage values as nodes report them, metric labels.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClusterScanner } from '../../src/core/diagnose';
import type { Finding, KubeletEvidence, NodeCgroup, RuleFamily } from '../../src/core/model';
import { ruleInfo } from '../../src/core/rules/catalog';
import { node, type NodeSpec } from '../fixtures/build';

const NON_DOCKERSHIM: readonly RuleFamily[] = ['runtime', 'cgroup', 'kubelet', 'features'];

interface RuleCase {
  readonly id: string;
  readonly input: NodeSpec;
  readonly target: string;
  readonly today?: string;
  readonly evidence?: Partial<KubeletEvidence>;
  /** CgroupV1 Events: on this node unless `on` names another; Warning unless `type` says. */
  readonly events?: readonly { readonly on?: string; readonly type?: string }[];
  readonly families?: readonly RuleFamily[];
  /** Expected rule → severity; rules not listed must not fire. */
  readonly rules: Record<string, Finding['severity']>;
  readonly cgroup?: NodeCgroup;
  /** Substrings the named rule's message must contain. */
  readonly says?: Record<string, readonly string[]>;
}

const C = (version: string) => `containerd://${version}`;

const CASES: readonly RuleCase[] = [
  // containerd-v1-end ---------------------------------------------------------------------------
  { id: 'containerd 1.7.28 at T=1.35: nothing (1.35 still lists 1.7.28+, and the 1.x end starts at 1.36)', input: { runtime: C('1.7.28'), kubelet: 'v1.34.2' }, target: '1.35', rules: {} },
  { id: 'containerd 1.7.28 at T=1.36: containerd-v1-end warning', input: { runtime: C('1.7.28'), kubelet: 'v1.35.0' }, target: '1.36', rules: { 'containerd-v1-end': 'warning' }, says: { 'containerd-v1-end': ['1.38', '2.3.0+, 2.2.0+', 'containerd config migrate'] } },
  { id: 'containerd 1.7.28 at T=1.37: still a warning (no support row for 1.37)', input: { runtime: C('1.7.28'), kubelet: 'v1.35.0' }, target: '1.37', rules: { 'containerd-v1-end': 'warning' } },
  { id: 'containerd 1.6.39 at T=1.38: containerd-v1-end error', input: { runtime: C('1.6.39'), kubelet: 'v1.35.4' }, target: '1.38', rules: { 'containerd-v1-end': 'error' } },
  { id: 'k3s containerd 1.7.20-k3s1 at T=1.38: the vendor suffix parses, error', input: { runtime: C('1.7.20-k3s1'), kubelet: 'v1.35.3+k3s1' }, target: '1.38', rules: { 'containerd-v1-end': 'error' } },
  { id: 'Bottlerocket containerd 1.6.20+bottlerocket at T=1.36: warning', input: { runtime: C('1.6.20+bottlerocket'), kubelet: 'v1.33.5-eks-113cf36', osImage: 'Bottlerocket OS 1.19.2 (aws-k8s-1.33)' }, target: '1.36', rules: { 'containerd-v1-end': 'warning' } },
  {
    id: 'containerd 1.5.13 keeps containerd-too-old and gets no containerd-v1-end or containerd-outside-matrix',
    input: { runtime: C('1.5.13'), kubelet: 'v1.33.0' }, target: '1.36', families: ['dockershim', 'runtime', 'cgroup', 'kubelet', 'features'],
    rules: { 'containerd-too-old': 'error' },
  },
  // containerd-outside-matrix -------------------------------------------------------------------
  { id: 'containerd 1.7.27 at T=1.35 is below 1.7.28, the listed minimum', input: { runtime: C('1.7.27'), kubelet: 'v1.34.1' }, target: '1.35', rules: { 'containerd-outside-matrix': 'warning' }, says: { 'containerd-outside-matrix': ['1.7.28', '2.2.0+, 2.1.5+, 1.7.28+'] } },
  { id: 'containerd 2.0.6 at T=1.36: the 2.0 line is not listed', input: { runtime: C('2.0.6'), kubelet: 'v1.35.0' }, target: '1.36', rules: { 'containerd-outside-matrix': 'warning' }, says: { 'containerd-outside-matrix': ['2.3.0+, 2.2.0+', '2.0'] } },
  { id: 'containerd 2.1.4+bottlerocket at T=1.36: the 2.1 line is not listed', input: { runtime: C('2.1.4+bottlerocket'), kubelet: 'v1.35.2-eks-b9bd2c0', osImage: 'Bottlerocket OS 1.42.0 (aws-k8s-1.35)' }, target: '1.36', rules: { 'containerd-outside-matrix': 'warning' } },
  { id: 'containerd 2.0.5 at T=1.35: the 2.0 line is not listed', input: { runtime: C('2.0.5'), kubelet: 'v1.34.0' }, target: '1.35', rules: { 'containerd-outside-matrix': 'warning' } },
  { id: 'containerd 1.6.36 at T=1.35: 1.6 is not listed (and the 1.x end is only from 1.36)', input: { runtime: C('1.6.36'), kubelet: 'v1.34.0' }, target: '1.35', rules: { 'containerd-outside-matrix': 'warning' } },
  { id: 'containerd 2.1.2 at T=1.34 is below 2.1.3', input: { runtime: C('2.1.2'), kubelet: 'v1.33.4' }, target: '1.34', rules: { 'containerd-outside-matrix': 'warning' } },
  { id: 'containerd 2.1.3 at T=1.34 is listed', input: { runtime: C('2.1.3'), kubelet: 'v1.33.4' }, target: '1.34', rules: {} },
  { id: 'containerd 2.2.0 at T=1.36 is listed', input: { runtime: C('2.2.0'), kubelet: 'v1.35.0' }, target: '1.36', rules: {} },
  { id: 'containerd 2.4.0, newer than every line listed for 1.36, is not flagged', input: { runtime: C('2.4.0'), kubelet: 'v1.35.0' }, target: '1.36', rules: {} },
  { id: 'containerd 2.3.1 at T=1.37: no support row, nothing to compare', input: { runtime: C('2.3.1'), kubelet: 'v1.36.3' }, target: '1.37', rules: {} },
  // containerd-eol --------------------------------------------------------------------------------
  { id: 'containerd 2.1.4 on 2026-12-02: 2.1 ended 2026-07-03 (info, named date)', input: { runtime: C('2.1.4'), kubelet: 'v1.33.5' }, target: '1.33', today: '2026-12-02', rules: { 'containerd-eol': 'info' }, says: { 'containerd-eol': ['2026-07-03'] } },
  { id: 'containerd 2.2.1 on its end-of-life day 2026-11-06: not yet past', input: { runtime: C('2.2.1'), kubelet: 'v1.35.0' }, target: '1.35', today: '2026-11-06', rules: {} },
  { id: 'containerd 2.2.1 on 2026-11-07: past', input: { runtime: C('2.2.1'), kubelet: 'v1.35.0' }, target: '1.35', today: '2026-11-07', rules: { 'containerd-eol': 'info' }, says: { 'containerd-eol': ['2026-11-06'] } },
  { id: 'containerd 2.0.6 on 2026-12-02: 2.0 is maintained until March 2027', input: { runtime: C('2.0.6'), kubelet: 'v1.33.1' }, target: '1.34', today: '2026-12-02', rules: {} },
  { id: 'GKE containerd 1.7.15 on 2026-12-02: 1.7 ended September 2026', input: { runtime: C('1.7.15'), kubelet: 'v1.29.6-gke.1038001', osImage: 'Container-Optimized OS from Google' }, target: '1.30', today: '2026-12-02', rules: { 'containerd-eol': 'info' }, says: { 'containerd-eol': ['2026-09-30'] } },
  { id: 'without today, containerd-eol is not judged', input: { runtime: C('1.6.19'), kubelet: 'v1.29.0' }, target: '1.30', rules: {} },
  // crio-version-skew -----------------------------------------------------------------------------
  { id: 'OpenShift CRI-O 1.33.2-3.rhaos4.20 on kubelet 1.33: in step', input: { runtime: 'cri-o://1.33.2-3.rhaos4.20.gitb9ac835.el9', kubelet: 'v1.33.5', osImage: 'Red Hat Enterprise Linux CoreOS 9.6.20251015-1 (Plow)' }, target: '1.34', rules: {} },
  { id: 'CRI-O 1.26.4-3.rhaos4.13 on kubelet 1.27.3: skew warning', input: { runtime: 'cri-o://1.26.4-3.rhaos4.13.git615a02c.el9', kubelet: 'v1.27.3' }, target: '1.28', rules: { 'crio-version-skew': 'warning' }, says: { 'crio-version-skew': ['1.26', '1.27'] } },
  { id: 'CRI-O 1.31.0 on kubelet 1.33.1 (Ubuntu 24.04): skew warning', input: { runtime: 'cri-o://1.31.0', kubelet: 'v1.33.1', osImage: 'Ubuntu 24.04.1 LTS' }, target: '1.34', rules: { 'crio-version-skew': 'warning' } },
  // cgroup-v1 -------------------------------------------------------------------------------------
  { id: 'Amazon Linux 2 at T=1.35: cgroup-v1 error from the OS image', input: { runtime: C('1.7.27'), kubelet: 'v1.32.9-eks-113cf36', osImage: 'Amazon Linux 2' }, target: '1.35', rules: { 'cgroup-v1': 'error', 'containerd-outside-matrix': 'warning' }, cgroup: { version: 1, evidence: 'os-image' }, says: { 'cgroup-v1': ['Amazon Linux 2', 'kubectl get --raw /api/v1/nodes/n/proxy/metrics | grep kubelet_cgroup_version'] } },
  { id: 'trap: Amazon Linux 2023 is not Amazon Linux 2', input: { runtime: C('2.1.4'), kubelet: 'v1.34.2-eks-b9bd2c0', osImage: 'Amazon Linux 2023.6.20241010' }, target: '1.35', rules: { 'containerd-outside-matrix': 'warning' }, cgroup: { version: null, evidence: null } },
  { id: 'trap: a metric saying 2 beats the Amazon Linux 2 image', input: { runtime: C('1.7.28'), kubelet: 'v1.32.9-eks-113cf36', osImage: 'Amazon Linux 2' }, target: '1.35', evidence: { cgroupVersion: 2 }, rules: {}, cgroup: { version: 2, evidence: 'metrics' } },
  { id: 'kubelet_cgroup_version 1 on Bottlerocket: cgroup-v1 from the metric', input: { runtime: C('2.1.4+bottlerocket'), kubelet: 'v1.34.1-eks-b9bd2c0', osImage: 'Bottlerocket OS 1.44.0 (aws-k8s-1.34)' }, target: '1.34', evidence: { cgroupVersion: 1 }, rules: { 'cgroup-v1': 'warning' }, cgroup: { version: 1, evidence: 'metrics' }, says: { 'cgroup-v1': ['kubelet_cgroup_version 1'] } },
  { id: 'a CgroupV1 Warning Event on an Ubuntu 22.04 node: cgroup-v1 from the event', input: { runtime: C('2.2.1'), kubelet: 'v1.35.0', osImage: 'Ubuntu 22.04.4 LTS' }, target: '1.36', events: [{}], rules: { 'cgroup-v1': 'error' }, cgroup: { version: 1, evidence: 'event' }, says: { 'cgroup-v1': ['CgroupV1 Warning Event'] } },
  { id: 'a CgroupV1 event of type Normal is not evidence', input: { runtime: C('2.2.1'), kubelet: 'v1.35.0', osImage: 'Ubuntu 22.04.4 LTS' }, target: '1.36', events: [{ type: 'Normal' }], rules: {}, cgroup: { version: null, evidence: null } },
  { id: 'a CgroupV1 event on another node is not evidence for this one', input: { runtime: C('2.2.1'), kubelet: 'v1.35.0', osImage: 'Ubuntu 22.04.4 LTS' }, target: '1.36', events: [{ on: 'other-node' }], rules: {} },
  { id: 'a metric saying 2 beats a CgroupV1 event (from before a migration)', input: { runtime: C('2.2.1'), kubelet: 'v1.35.0', osImage: 'Ubuntu 22.04.4 LTS' }, target: '1.36', events: [{}], evidence: { cgroupVersion: 2 }, rules: {}, cgroup: { version: 2, evidence: 'metrics' } },
  { id: 'Ubuntu 20.04.6 LTS at T=1.34: warning', input: { runtime: C('1.7.28'), kubelet: 'v1.33.2', osImage: 'Ubuntu 20.04.6 LTS' }, target: '1.34', rules: { 'cgroup-v1': 'warning' } },
  { id: 'Ubuntu 18.04.6 LTS at T=1.35: error', input: { runtime: C('1.7.28'), kubelet: 'v1.34.2', osImage: 'Ubuntu 18.04.6 LTS' }, target: '1.35', rules: { 'cgroup-v1': 'error' } },
  { id: 'Ubuntu 21.04 boots cgroup v1', input: { runtime: C('2.1.5'), kubelet: 'v1.34.2', osImage: 'Ubuntu 21.04' }, target: '1.35', rules: { 'cgroup-v1': 'error' } },
  { id: 'Ubuntu 21.10 boots cgroup v2', input: { runtime: C('2.1.5'), kubelet: 'v1.34.2', osImage: 'Ubuntu 21.10' }, target: '1.35', rules: {} },
  { id: 'Debian GNU/Linux 10 (buster) boots cgroup v1', input: { runtime: C('2.1.5'), kubelet: 'v1.34.2', osImage: 'Debian GNU/Linux 10 (buster)' }, target: '1.35', rules: { 'cgroup-v1': 'error' } },
  { id: 'Debian GNU/Linux 12 (bookworm) boots cgroup v2', input: { runtime: C('2.1.5'), kubelet: 'v1.34.2', osImage: 'Debian GNU/Linux 12 (bookworm)' }, target: '1.35', rules: {} },
  { id: 'CentOS Linux 7 (Core) boots cgroup v1', input: { runtime: C('2.1.5'), kubelet: 'v1.34.2', osImage: 'CentOS Linux 7 (Core)' }, target: '1.35', rules: { 'cgroup-v1': 'error' } },
  { id: 'CentOS Stream 8 boots cgroup v1', input: { runtime: C('2.1.5'), kubelet: 'v1.34.2', osImage: 'CentOS Stream 8' }, target: '1.35', rules: { 'cgroup-v1': 'error' } },
  { id: 'CentOS Stream 9 boots cgroup v2', input: { runtime: C('2.1.5'), kubelet: 'v1.34.2', osImage: 'CentOS Stream 9' }, target: '1.35', rules: {} },
  { id: 'Red Hat Enterprise Linux 8.10 (Ootpa) boots cgroup v1', input: { runtime: C('2.1.5'), kubelet: 'v1.34.2', osImage: 'Red Hat Enterprise Linux 8.10 (Ootpa)' }, target: '1.35', rules: { 'cgroup-v1': 'error' } },
  { id: 'Red Hat Enterprise Linux 9.4 (Plow) boots cgroup v2', input: { runtime: C('2.1.5'), kubelet: 'v1.34.2', osImage: 'Red Hat Enterprise Linux 9.4 (Plow)' }, target: '1.35', rules: {} },
  { id: 'trap: Red Hat Enterprise Linux CoreOS 418.94 is not RHEL 8', input: { runtime: 'cri-o://1.31.3-2.rhaos4.18.git2b6f0a2.el9', kubelet: 'v1.31.5', osImage: 'Red Hat Enterprise Linux CoreOS 418.94.202501221327-0' }, target: '1.32', rules: {} },
  { id: 'Rocky Linux 8.9 (Green Obsidian) boots cgroup v1', input: { runtime: C('2.1.5'), kubelet: 'v1.34.2', osImage: 'Rocky Linux 8.9 (Green Obsidian)' }, target: '1.35', rules: { 'cgroup-v1': 'error' } },
  { id: 'AlmaLinux 8.10 (Cerulean Leopard) boots cgroup v1', input: { runtime: C('2.1.5'), kubelet: 'v1.34.2', osImage: 'AlmaLinux 8.10 (Cerulean Leopard)' }, target: '1.35', rules: { 'cgroup-v1': 'error' } },
  { id: 'Oracle Linux Server 7.9 boots cgroup v1', input: { runtime: C('2.1.5'), kubelet: 'v1.34.2', osImage: 'Oracle Linux Server 7.9' }, target: '1.35', rules: { 'cgroup-v1': 'error' } },
  { id: 'a Windows node is never judged for cgroups', input: { runtime: C('1.7.28'), kubelet: 'v1.34.2', os: 'windows', osImage: 'Windows Server 2022 Datacenter', kernel: '10.0.20348.2700' }, target: '1.35', evidence: { cgroupVersion: 0 }, rules: {}, cgroup: { version: null, evidence: null } },
  { id: 'failCgroupV1: false is named as the override it is', input: { runtime: C('2.2.1'), kubelet: 'v1.35.0', osImage: 'Ubuntu 20.04.6 LTS' }, target: '1.36', evidence: { cgroupVersion: 1, failCgroupV1: false }, rules: { 'cgroup-v1': 'error' }, says: { 'cgroup-v1': ['failCgroupV1: false'] } },
  { id: 'a 1 MB OS image is quoted short in the message', input: { runtime: C('2.2.1'), kubelet: 'v1.35.0', osImage: `Ubuntu 20.04.6 LTS ${'<b>\u001b[31m'.repeat(100_000)}` }, target: '1.36', rules: { 'cgroup-v1': 'error' } },
  // cri-losing-support ----------------------------------------------------------------------------
  { id: 'kubelet_cri_losing_support{version="1.36.0"} at T=1.36: error', input: { runtime: C('1.7.28'), kubelet: 'v1.35.0' }, target: '1.36', evidence: { criLosingSupport: '1.36.0' }, rules: { 'cri-losing-support': 'error', 'containerd-v1-end': 'warning' }, says: { 'cri-losing-support': ['"1.36.0"', 'Kubernetes 1.36'] } },
  { id: 'kubelet_cri_losing_support{version="1.37.0"} at T=1.36: warning', input: { runtime: C('1.7.28'), kubelet: 'v1.35.0' }, target: '1.36', evidence: { criLosingSupport: '1.37.0' }, rules: { 'cri-losing-support': 'warning', 'containerd-v1-end': 'warning' } },
  { id: 'kubelet_cri_losing_support{version="1.38.0"} at T=1.37: warning', input: { runtime: C('1.7.28'), kubelet: 'v1.35.0' }, target: '1.37', evidence: { criLosingSupport: '1.38.0' }, rules: { 'cri-losing-support': 'warning', 'containerd-v1-end': 'warning' } },
  { id: 'kubelet_cri_losing_support{version="1.38.0"} at T=1.38: error', input: { runtime: C('1.7.28'), kubelet: 'v1.35.0' }, target: '1.38', evidence: { criLosingSupport: '1.38.0' }, rules: { 'cri-losing-support': 'error', 'containerd-v1-end': 'error' } },
  { id: 'the label is read, not assumed: 1.38.0 on a 1.34 target is a warning', input: { runtime: C('1.7.28'), kubelet: 'v1.33.0' }, target: '1.34', evidence: { criLosingSupport: '1.38.0' }, rules: { 'cri-losing-support': 'warning' } },
  { id: 'evidence inferred from a pool member says so', input: { runtime: C('1.7.28'), kubelet: 'v1.35.0' }, target: '1.35', evidence: { criLosingSupport: '1.38.0', readFrom: 'pool-node-a' }, rules: { 'cri-losing-support': 'warning' }, says: { 'cri-losing-support': ['pool-node-a'] } },
  { id: 'a 100 KB label that is no version: a warning, quoted short', input: { runtime: C('1.7.28'), kubelet: 'v1.35.0' }, target: '1.35', evidence: { criLosingSupport: 'x'.repeat(100_000) }, rules: { 'cri-losing-support': 'warning' }, says: { 'cri-losing-support': ['cannot be read'] } },
  // kubelet-skew-target ---------------------------------------------------------------------------
  { id: 'GKE kubelet v1.29.6-gke.1038001 at T=1.36: 7 minors behind, error', input: { runtime: C('2.2.0'), kubelet: 'v1.29.6-gke.1038001' }, target: '1.36', rules: { 'kubelet-skew-target': 'error' }, says: { 'kubelet-skew-target': ['1.33', '1.32'] } },
  { id: 'kubelet v1.33.0 at T=1.36: exactly 3 behind, allowed', input: { runtime: C('2.2.0'), kubelet: 'v1.33.0' }, target: '1.36', rules: {} },
  { id: 'kubelet v1.32.9-eks-113cf36 at T=1.36: 4 behind, error', input: { runtime: C('2.2.0'), kubelet: 'v1.32.9-eks-113cf36' }, target: '1.36', rules: { 'kubelet-skew-target': 'error' } },
  { id: 'kubelet v1.30.4+k3s1 at T=1.33: allowed', input: { runtime: C('2.1.0'), kubelet: 'v1.30.4+k3s1' }, target: '1.33', rules: {} },
];

for (const c of CASES) {
  test(c.id, () => {
    const scanner = new ClusterScanner();
    scanner.setServerVersion('v1.33.0');
    scanner.add(node({ name: 'n', ...c.input }));
    if (c.evidence) {
      scanner.setKubeletEvidence('n', {
        cgroupVersion: null, criLosingSupport: null, containerRuntimeEndpoint: null, cgroupDriver: null, failCgroupV1: null, readFrom: 'n',
        ...c.evidence,
      });
    }
    for (const e of c.events ?? []) scanner.add(cgroupV1Event(e.on ?? 'n', e.type ?? 'Warning'));
    const { report } = scanner.finish({ target: c.target, families: c.families ?? NON_DOCKERSHIM, ...(c.today ? { today: c.today } : {}) });
    const fired = Object.fromEntries(report.findings.map((f) => [f.rule, f.severity]));
    assert.deepEqual(fired, c.rules);
    if (c.cgroup) assert.deepEqual(report.nodes[0]?.cgroup, c.cgroup);
    for (const f of report.findings) {
      const info = ruleInfo(f.rule);
      assert.ok(info, `${f.rule} is in the catalog`);
      assert.ok(f.message.length > 40 && f.message.length < 3_000, `${f.rule}: a bounded message that says why`);
      assert.ok(f.remediation.length > 40, `${f.rule}: says how to fix it`);
      assert.ok(f.docs.length > 0 && f.docs.every((d) => d.startsWith('https://')), `${f.rule}: links official docs`);
    }
    for (const [rule, parts] of Object.entries(c.says ?? {})) {
      const finding = report.findings.find((f) => f.rule === rule);
      assert.ok(finding, `${rule} fired`);
      for (const part of parts) assert.ok(finding.message.includes(part) || finding.remediation.includes(part), `${rule} mentions ${part}: ${finding.message} / ${finding.remediation}`);
    }
  });
}

function cgroupV1Event(nodeName: string, type: string): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${nodeName}.17f3a2b1c0d4e5f6`, namespace: 'default' },
    involvedObject: { kind: 'Node', name: nodeName, uid: nodeName, apiVersion: 'v1' },
    reason: 'CgroupV1',
    type,
    message: 'cgroup v1 support is in maintenance mode, please migrate to cgroup v2',
    source: { component: 'kubelet', host: nodeName },
    lastTimestamp: '2026-11-30T08:12:44Z',
  };
}

test('every new rule has the family and severity of issue 12', () => {
  const expected: Record<string, [RuleFamily, Finding['severity']]> = {
    'containerd-v1-end': ['runtime', 'warning'],
    'containerd-outside-matrix': ['runtime', 'warning'],
    'containerd-eol': ['runtime', 'info'],
    'cri-losing-support': ['runtime', 'warning'],
    'crio-version-skew': ['runtime', 'warning'],
    'cgroup-v1': ['cgroup', 'error'],
    'kubelet-skew-target': ['kubelet', 'error'],
  };
  for (const [id, [family, severity]] of Object.entries(expected)) {
    assert.equal(ruleInfo(id)?.family, family, id);
    assert.equal(ruleInfo(id)?.defaultSeverity, severity, id);
  }
  for (const id of ['dockershim-node', 'containerd-too-old', 'kubelet-newer-than-apiserver', 'docker-socket-mount']) {
    assert.equal(ruleInfo(id)?.family, 'dockershim', `${id} stays in the dockershim family`);
  }
});

test('families restrict what is judged, and the report says which ran', () => {
  const scanner = new ClusterScanner();
  scanner.setServerVersion('v1.32.9-eks-113cf36');
  scanner.add(node({ name: 'al2', runtime: C('1.7.27'), kubelet: 'v1.29.15-eks-473151a', osImage: 'Amazon Linux 2' }));
  const all = scanner.finish({ target: '1.36', today: '2026-12-02' });
  assert.deepEqual(all.report.families, ['dockershim', 'runtime', 'cgroup', 'kubelet', 'features']);
  assert.deepEqual(new Set(all.report.findings.map((f) => f.rule)), new Set(['cgroup-v1', 'kubelet-skew-target', 'containerd-v1-end', 'containerd-eol']));
  const cgroupOnly = scanner.finish({ target: '1.36', families: ['cgroup'] });
  assert.deepEqual(cgroupOnly.report.families, ['cgroup']);
  assert.deepEqual(cgroupOnly.report.findings.map((f) => f.rule), ['cgroup-v1']);
  assert.equal(cgroupOnly.report.verdict, 'not-ready');
  const dockershimOnly = scanner.finish({ target: '1.36', families: ['dockershim'] });
  assert.deepEqual(dockershimOnly.report.findings, []);
  assert.equal(dockershimOnly.report.verdict, 'ready', 'the dockershim family alone finds nothing on containerd');
});

test('the report carries each node\'s osImage, cgroup and runtime handlers', () => {
  const scanner = new ClusterScanner();
  scanner.setServerVersion('v1.33.5-eks-113cf36');
  const withHandlers = node({ name: 'al2023-a', runtime: C('2.1.4'), kubelet: 'v1.33.5-eks-113cf36', osImage: 'Amazon Linux 2023.8.20250818' });
  (withHandlers['status'] as Record<string, unknown>)['runtimeHandlers'] = [
    { name: '', features: { recursiveReadOnlyMounts: true, userNamespaces: true } },
    { name: 'runsc', features: { recursiveReadOnlyMounts: false } },
  ];
  scanner.add(withHandlers);
  scanner.add(node({ name: 'al2-a', runtime: C('1.7.27'), kubelet: 'v1.32.9-eks-113cf36', osImage: 'Amazon Linux 2' }));
  const { report } = scanner.finish({ target: '1.34' });
  const [al2, al2023] = report.nodes;
  assert.equal(al2?.osImage, 'Amazon Linux 2');
  assert.deepEqual(al2?.cgroup, { version: 1, evidence: 'os-image' });
  assert.equal(al2?.runtimeHandlers, null);
  assert.deepEqual(al2023?.cgroup, { version: null, evidence: null });
  assert.deepEqual(al2023?.runtimeHandlers, [
    { name: '', features: { recursiveReadOnlyMounts: true, userNamespaces: true } },
    { name: 'runsc', features: { recursiveReadOnlyMounts: false, userNamespaces: null } },
  ]);
  assert.equal(report.target, '1.34');
  assert.equal(report.targetReason, 'as requested');
});

test('the default target is the next minor, with its reason', () => {
  const scanner = new ClusterScanner();
  scanner.setServerVersion('v1.33.5-eks-113cf36');
  scanner.add(node({ name: 'n', runtime: C('2.1.4'), kubelet: 'v1.33.5-eks-113cf36', osImage: 'Amazon Linux 2023.8.20250818' }));
  const { report } = scanner.finish({});
  assert.equal(report.target, '1.34');
  assert.equal(report.targetReason, 'next minor after the server\'s v1.33.5-eks-113cf36');
  assert.throws(() => scanner.finish({ target: '1.39' }), /newest known target is 1\.38/);
});

test('containerd-eol never advises a downgrade: from 2.1 it names only newer maintained lines', () => {
  for (const [version, target, wanted, never] of [
    ['2.1.4', '1.34', ['2.3 (until 2028-04-30)', 'listed for Kubernetes 1.36'], ['2.0 (until']],
    ['1.7.27', '1.34', ['2.0 (until 2027-03-31)'], ['1.6 (until']],
    ['2.2.1', '1.36', ['2.3 (until 2028-04-30)'], ['2.0 (until', '2.1 (until']],
  ] as const) {
    const scanner = new ClusterScanner();
    scanner.setServerVersion('v1.33.0');
    scanner.add(node({ name: 'n', runtime: C(version), kubelet: 'v1.33.5' }));
    const { report } = scanner.finish({ target, families: ['runtime'], today: '2026-12-02' });
    const eol = report.findings.find((f) => f.rule === 'containerd-eol');
    assert.ok(eol, `${version}: containerd-eol fires`);
    for (const text of wanted) assert.ok(eol.remediation.includes(text), `${version} at ${target}: names ${text}: ${eol.remediation}`);
    for (const text of never) assert.ok(!eol.remediation.includes(text), `${version} at ${target}: never ${text}: ${eol.remediation}`);
  }
});
