// runtime-feature-missing (issue 12 §2): workloads that need image volumes, user namespaces,
// recursive read-only mounts or supplementalGroupsPolicy: Strict, judged against the nodes they
// can be scheduled on, from what each node reports and else from the support table.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnoseObjects } from '../../src/core/diagnose';
import type { ReadinessReport, RuleFamily } from '../../src/core/model';
import { featureUses, nodeSupport } from '../../src/core/rules/featureRules';
import { nodeFacts } from '../../src/core/nodes';
import { meta, pod, workload } from '../fixtures/build';
import {
  AL2, AL2023, AL2023_GVISOR, BOTTLEROCKET, CRI_DOCKERD, K3S, OPENSHIFT_CRIO, WINDOWS, runtimeNode, type RuntimeNodeSpec,
} from '../fixtures/runtimeNodes';

/** A pod spec as `kubectl get -o yaml` shows it, with extra fields merged in. */
function spec(extra: Record<string, unknown> = {}, container: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    containers: [{ name: 'app', image: 'ghcr.io/acme/thumbnailer:3.8.1', volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }], ...container }],
    volumes: [{ name: 'tmp', emptyDir: {} }],
    ...extra,
  };
}

/** CloudNativePG's extension images and ML model bundles are the common image-volume users. */
const IMAGE_VOLUME_SPEC = spec({
  volumes: [
    { name: 'tmp', emptyDir: {} },
    { name: 'models', image: { reference: 'ghcr.io/acme/onnx-models:2026.03', pullPolicy: 'IfNotPresent' } },
  ],
}, { volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }, { name: 'models', mountPath: '/models', readOnly: true }] });

const USERNS_SPEC = spec({ hostUsers: false });
const RRO_SPEC = spec({
  initContainers: [{ name: 'fetch', image: 'docker.io/library/busybox:1.37', volumeMounts: [{ name: 'tmp', mountPath: '/work' }, { name: 'tmp', mountPath: '/ro', readOnly: true, recursiveReadOnly: 'Enabled' }] }],
});
const STRICT_SPEC = spec({ securityContext: { runAsUser: 1000, runAsGroup: 3000, supplementalGroups: [4000], supplementalGroupsPolicy: 'Strict' } });

interface Case {
  id: string;
  nodes: RuntimeNodeSpec[];
  objects: Record<string, unknown>[];
  /** `rule:severity Kind/ns/name path feature`, sorted. */
  expect: string[];
  /** Coverage gap scopes expected. */
  gaps?: string[];
  verdict?: ReadinessReport['verdict'];
  families?: RuleFamily[];
  /** Substrings the (single) finding's message must contain. */
  says?: string[];
}

function deployment(name: string, namespace: string, podSpec: Record<string, unknown>): Record<string, unknown> {
  return workload('Deployment', name, namespace, podSpec);
}

const CASES: Case[] = [
  {
    id: 'image volume, no nodeSelector, AL2023 and AL2 (containerd 1.7) nodes: warning, some nodes cannot',
    nodes: [AL2023(), AL2()],
    objects: [deployment('thumbnailer', 'media', IMAGE_VOLUME_SPEC)],
    expect: ['runtime-feature-missing:warning Deployment/media/thumbnailer spec.template.spec.volumes[1].image imageVolume'],
    verdict: 'ready',
    says: ['1 of the 2 node(s)', 'ip-10-0-4-203.ec2.internal (containerd 1.7.27 lacks image volumes, which need containerd 2.1 or newer or CRI-O 1.31 or newer)', 'ip-10-0-1-17.ec2.internal can'],
  },
  {
    id: 'image volume pinned to the AL2023 group by nodeSelector: nothing',
    nodes: [AL2023(), AL2()],
    objects: [deployment('thumbnailer', 'media', { ...IMAGE_VOLUME_SPEC, nodeSelector: { 'eks.amazonaws.com/nodegroup': 'al2023-general' } })],
    expect: [],
  },
  {
    id: 'image volume pinned to the AL2 group: error, no node it can be scheduled on can run it',
    nodes: [AL2023(), AL2()],
    objects: [deployment('thumbnailer', 'media', { ...IMAGE_VOLUME_SPEC, nodeSelector: { 'eks.amazonaws.com/nodegroup': 'al2-legacy' } })],
    expect: ['runtime-feature-missing:error Deployment/media/thumbnailer spec.template.spec.volumes[1].image imageVolume'],
    verdict: 'not-ready',
    says: ['none of the 1 node(s)'],
  },
  {
    id: 'image volume on Bottlerocket containerd://2.1.4+bottlerocket: the vendor suffix does not hide 2.1',
    nodes: [BOTTLEROCKET()],
    objects: [deployment('thumbnailer', 'media', IMAGE_VOLUME_SPEC)],
    expect: [],
    verdict: 'ready',
  },
  {
    id: 'image volume on OpenShift CRI-O 1.33.2-3.rhaos4.20: supported (CRI-O 1.31+)',
    nodes: [OPENSHIFT_CRIO()],
    objects: [deployment('thumbnailer', 'media', IMAGE_VOLUME_SPEC)],
    expect: [],
  },
  {
    id: 'image volume on Docker Engine through cri-dockerd: never supported, error',
    nodes: [CRI_DOCKERD()],
    objects: [deployment('thumbnailer', 'media', IMAGE_VOLUME_SPEC)],
    expect: ['runtime-feature-missing:error Deployment/media/thumbnailer spec.template.spec.volumes[1].image imageVolume'],
    says: ['Docker Engine 28.1.1 does not support image volumes'],
  },
  {
    id: 'hostUsers: false on AL2023 and Bottlerocket (both report userNamespaces: true): nothing',
    nodes: [AL2023(), BOTTLEROCKET()],
    objects: [deployment('api', 'payments', USERNS_SPEC)],
    expect: [],
  },
  {
    id: 'hostUsers: false on containerd 2.0 whose default handler reports userNamespaces: false: the report beats the table',
    nodes: [{ ...BOTTLEROCKET(), runtime: 'containerd://2.0.5+bottlerocket', handlers: [{ name: '', recursiveReadOnlyMounts: true, userNamespaces: false }, { name: 'runc', recursiveReadOnlyMounts: true, userNamespaces: false }] }],
    objects: [deployment('api', 'payments', USERNS_SPEC)],
    expect: ['runtime-feature-missing:error Deployment/payments/api spec.template.spec.hostUsers userNamespaces'],
    says: ['its default runtime handler reports userNamespaces: false'],
  },
  {
    id: 'hostUsers: false on k3s containerd://1.7.20-k3s1 (no report): the table says containerd 2.0+, error',
    nodes: [K3S('k3s-agent-1'), K3S('k3s-agent-2')],
    objects: [deployment('api', 'payments', USERNS_SPEC)],
    expect: ['runtime-feature-missing:error Deployment/payments/api spec.template.spec.hostUsers userNamespaces'],
    says: ['k3s-agent-1, k3s-agent-2 (containerd 1.7.20 lacks user namespaces'],
  },
  {
    id: 'recursiveReadOnly: Enabled in an initContainer on a cri-dockerd node: error with the mount path and container',
    nodes: [CRI_DOCKERD()],
    objects: [deployment('indexer', 'search', RRO_SPEC)],
    expect: ['runtime-feature-missing:error Deployment/search/indexer spec.template.spec.initContainers[0].volumeMounts[1].recursiveReadOnly recursiveReadOnlyMounts'],
  },
  {
    id: 'recursiveReadOnly: IfPossible falls back silently: nothing',
    nodes: [CRI_DOCKERD()],
    objects: [deployment('indexer', 'search', spec({}, { volumeMounts: [{ name: 'tmp', mountPath: '/ro', readOnly: true, recursiveReadOnly: 'IfPossible' }] }))],
    expect: [],
  },
  {
    id: 'supplementalGroupsPolicy: Strict where status.features says true: nothing',
    nodes: [AL2023()],
    objects: [deployment('reports', 'finance', STRICT_SPEC)],
    expect: [],
  },
  {
    id: 'supplementalGroupsPolicy: Strict where status.features says false: error, though the table would allow containerd 2.1',
    nodes: [{ ...AL2023(), supplementalGroupsPolicy: false }],
    objects: [deployment('reports', 'finance', STRICT_SPEC)],
    expect: ['runtime-feature-missing:error Deployment/finance/reports spec.template.spec.securityContext.supplementalGroupsPolicy supplementalGroupsPolicy'],
    says: ['status.features.supplementalGroupsPolicy: false'],
  },
  {
    id: 'a runtime the table does not know and no report: no verdict either way, a coverage gap naming feature and node',
    nodes: [{ ...K3S('edge-1'), runtime: 'mvp://0.9.1' }],
    objects: [deployment('api', 'payments', USERNS_SPEC)],
    expect: [],
    gaps: ['runtime support for user namespaces'],
    verdict: 'unknown',
  },
  {
    id: 'one node cannot, one unknown, none able: the warning stands and the gap makes the verdict unknown',
    nodes: [{ ...K3S('edge-1'), runtime: 'mvp://0.9.1' }, AL2()],
    objects: [deployment('api', 'payments', USERNS_SPEC)],
    expect: ['runtime-feature-missing:warning Deployment/payments/api spec.template.spec.hostUsers userNamespaces'],
    gaps: ['runtime support for user namespaces'],
    verdict: 'unknown',
  },
  {
    id: 'gVisor RuntimeClass: its nodeSelector and toleration put the pod on the runsc group, whose runsc handler reports userNamespaces: false',
    nodes: [AL2023(), AL2023_GVISOR()],
    objects: [
      { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'gvisor' }, handler: 'runsc', scheduling: { nodeSelector: { 'sandbox.gvisor.dev/runtime': 'runsc' }, tolerations: [{ key: 'sandbox.gvisor.dev/runtime', operator: 'Equal', value: 'runsc', effect: 'NoSchedule' }] } },
      deployment('untrusted-render', 'sandbox', { ...USERNS_SPEC, runtimeClassName: 'gvisor' }),
    ],
    expect: ['runtime-feature-missing:error Deployment/sandbox/untrusted-render spec.template.spec.hostUsers userNamespaces'],
    says: ['with RuntimeClass gvisor (handler "runsc")', 'its handler "runsc" reports userNamespaces: false'],
  },
  {
    id: 'image volume with the gVisor class: image volumes are the CRI runtime\'s job, containerd 2.1 does it for any handler',
    nodes: [AL2023(), AL2023_GVISOR()],
    objects: [
      { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'gvisor' }, handler: 'runsc', scheduling: { nodeSelector: { 'sandbox.gvisor.dev/runtime': 'runsc' }, tolerations: [{ key: 'sandbox.gvisor.dev/runtime', operator: 'Exists' }] } },
      deployment('thumbnailer', 'media', { ...IMAGE_VOLUME_SPEC, runtimeClassName: 'gvisor' }),
    ],
    expect: [],
  },
  {
    id: 'a Kata handler on CRI-O nodes that report no handlers: the table cannot vouch for the handler, so a gap, not ready',
    nodes: [OPENSHIFT_CRIO()],
    objects: [
      { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'kata' }, handler: 'kata' },
      deployment('api', 'payments', { ...USERNS_SPEC, runtimeClassName: 'kata' }),
    ],
    expect: [],
    gaps: ['runtime support for user namespaces'],
    verdict: 'unknown',
  },
  {
    id: 'runtimeClassName naming a class that was not read, on containerd 1.7: the runtime cannot do it whatever the handler',
    nodes: [AL2()],
    objects: [deployment('api', 'payments', { ...USERNS_SPEC, runtimeClassName: 'kata-qemu' })],
    expect: ['runtime-feature-missing:error Deployment/payments/api spec.template.spec.hostUsers userNamespaces'],
  },
  {
    id: 'runtimeClassName naming a class that was not read, on containerd 2.1: its handler is not known, a gap',
    nodes: [AL2023()],
    objects: [deployment('api', 'payments', { ...USERNS_SPEC, runtimeClassName: 'kata-qemu' })],
    expect: [],
    gaps: ['runtime support for user namespaces'],
  },
  {
    id: 'kubeadm: containerd 2.1 control plane tainted NoSchedule, containerd 1.7 workers: no toleration, so an error, not a warning',
    nodes: [
      { ...AL2023('cp-1'), labels: { 'node-role.kubernetes.io/control-plane': '' }, taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] },
      { ...K3S('worker-1'), runtime: 'containerd://1.7.28', kubelet: 'v1.33.5' },
    ],
    objects: [deployment('api', 'payments', USERNS_SPEC)],
    expect: ['runtime-feature-missing:error Deployment/payments/api spec.template.spec.hostUsers userNamespaces'],
  },
  {
    id: 'the same with a toleration for the control-plane taint: the control plane can run it, a warning',
    nodes: [
      { ...AL2023('cp-1'), labels: { 'node-role.kubernetes.io/control-plane': '' }, taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] },
      { ...K3S('worker-1'), runtime: 'containerd://1.7.28', kubelet: 'v1.33.5' },
    ],
    objects: [deployment('api', 'payments', { ...USERNS_SPEC, tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] })],
    expect: ['runtime-feature-missing:warning Deployment/payments/api spec.template.spec.hostUsers userNamespaces'],
  },
  {
    id: 'required node affinity In [al2-legacy]: only the AL2 group is a candidate, an error',
    nodes: [AL2023(), AL2()],
    objects: [deployment('thumbnailer', 'media', {
      ...IMAGE_VOLUME_SPEC,
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'eks.amazonaws.com/nodegroup', operator: 'In', values: ['al2-legacy'] }] }] } } },
    })],
    expect: ['runtime-feature-missing:error Deployment/media/thumbnailer spec.template.spec.volumes[1].image imageVolume'],
  },
  {
    id: 'a bare Pod bound to the AL2 node (spec.nodeName) fails there, whatever other nodes could do',
    nodes: [AL2023(), AL2()],
    objects: [pod('debug-thumbs', 'media', { ...IMAGE_VOLUME_SPEC, nodeName: 'ip-10-0-4-203.ec2.internal' })],
    expect: ['runtime-feature-missing:error Pod/media/debug-thumbs spec.volumes[1].image imageVolume'],
  },
  {
    id: 'Windows nodes are not candidates: AL2023 plus a Windows node, nothing',
    nodes: [AL2023(), WINDOWS()],
    objects: [deployment('thumbnailer', 'media', IMAGE_VOLUME_SPEC)],
    expect: [],
  },
  {
    id: 'Deployment, its ReplicaSet and pods: one finding, on the Deployment',
    nodes: [AL2()],
    objects: [
      deployment('api', 'payments', USERNS_SPEC),
      workload('ReplicaSet', 'api-6d5f8b7c9d', 'payments', USERNS_SPEC, { kind: 'Deployment', name: 'api' }),
      pod('api-6d5f8b7c9d-x2x7q', 'payments', { ...USERNS_SPEC, nodeName: 'ip-10-0-4-203.ec2.internal' }, { kind: 'ReplicaSet', name: 'api-6d5f8b7c9d' }),
      pod('api-6d5f8b7c9d-k8wzt', 'payments', { ...USERNS_SPEC, nodeName: 'ip-10-0-4-203.ec2.internal' }, { kind: 'ReplicaSet', name: 'api-6d5f8b7c9d' }),
    ],
    expect: ['runtime-feature-missing:error Deployment/payments/api spec.template.spec.hostUsers userNamespaces'],
  },
  {
    id: 'a CronJob: the jobTemplate path',
    nodes: [AL2()],
    objects: [workload('CronJob', 'nightly-export', 'finance', STRICT_SPEC)],
    expect: ['runtime-feature-missing:error CronJob/finance/nightly-export spec.jobTemplate.spec.template.spec.securityContext.supplementalGroupsPolicy supplementalGroupsPolicy'],
  },
  {
    id: 'a nodeSelector that matches no node: nowhere to run at all, not a runtime question',
    nodes: [AL2()],
    objects: [deployment('thumbnailer', 'media', { ...IMAGE_VOLUME_SPEC, nodeSelector: { 'karpenter.sh/nodepool': 'gpu' } })],
    expect: [],
  },
  {
    id: '--rules dockershim: the features family is not judged',
    nodes: [AL2()],
    objects: [deployment('thumbnailer', 'media', IMAGE_VOLUME_SPEC)],
    families: ['dockershim'],
    expect: [],
  },
];

for (const c of CASES) {
  test(`runtime-feature-missing: ${c.id}`, () => {
    const { report } = diagnoseObjects([...c.nodes.map(runtimeNode), ...c.objects].map((object) => ({ object })), 'v1.33.5-eks-3025e55', {
      // The features family only, unless a case says otherwise: the fixture nodes' kubelets and OS
      // images draw other families' findings (kubelet skew, cgroup v1), which are not under test here.
      families: c.families ?? ['features'],
    });
    const mine = report.findings.filter((f) => f.rule === 'runtime-feature-missing');
    assert.deepEqual(mine.map((f) => `${f.rule}:${f.severity} ${f.subject.kind}/${f.subject.namespace}/${f.subject.name} ${f.path} ${f.feature ?? '-'}`).sort(), c.expect);
    assert.deepEqual(report.coverage.skipped.map((g) => g.scope), c.gaps ?? []);
    if (c.verdict) assert.equal(report.verdict, c.verdict);
    for (const text of c.says ?? []) assert.ok(mine[0]?.message.includes(text), `message says ${JSON.stringify(text)}: ${mine[0]?.message}`);
    for (const f of mine) {
      assert.ok(f.remediation.length > 40, 'remediation');
      assert.equal(f.docs.length, 1, 'the one page about this feature');
    }
  });
}

test('the coverage gap names the feature, the workloads and the nodes with why they are unknown', () => {
  const { report } = diagnoseObjects([
    runtimeNode({ ...K3S('edge-1'), runtime: 'mvp://0.9.1' }),
    deployment('api', 'payments', USERNS_SPEC),
    deployment('worker', 'payments', USERNS_SPEC),
  ].map((object) => ({ object })), 'v1.33.5');
  assert.equal(report.coverage.skipped.length, 1);
  const reason = report.coverage.skipped[0]?.reason ?? '';
  for (const text of ['Deployment payments/api, Deployment payments/worker use spec.hostUsers: false', 'edge-1', '"mvp://0.9.1" is not in the support table']) {
    assert.ok(reason.includes(text), `${text} in ${reason}`);
  }
});

test('two recursive read-only mounts in one Deployment: one finding, the first path, both containers, "and 1 more"', () => {
  const twoMounts = spec({
    initContainers: [{ name: 'fetch', image: 'docker.io/library/busybox:1.37', volumeMounts: [{ name: 'tmp', mountPath: '/ro', readOnly: true, recursiveReadOnly: 'Enabled' }] }],
  }, { volumeMounts: [{ name: 'tmp', mountPath: '/ro', readOnly: true, recursiveReadOnly: 'Enabled' }] });
  const { report } = diagnoseObjects([runtimeNode(K3S()), deployment('indexer', 'search', twoMounts)].map((object) => ({ object })), 'v1.30.4+k3s1');
  const [only, ...rest] = report.findings.filter((f) => f.rule === 'runtime-feature-missing');
  assert.equal(rest.length, 0);
  assert.equal(only?.path, 'spec.template.spec.initContainers[0].volumeMounts[0].recursiveReadOnly');
  assert.deepEqual([...(only?.containers ?? [])].sort(), ['app', 'fetch']);
  assert.match(only?.message ?? '', /recursiveReadOnly and 1 more,/);
  assert.deepEqual(only?.docs, ['https://kubernetes.io/docs/concepts/storage/volumes/#recursive-read-only-mounts']);
});

test('featureUses finds each feature where the API puts it, and nothing in look-alike fields', () => {
  assert.deepEqual(featureUses(IMAGE_VOLUME_SPEC).map((u) => [u.feature, u.specPath, u.containers.join(',')]), [['imageVolume', 'volumes[1].image', 'app']]);
  assert.deepEqual(featureUses(RRO_SPEC).map((u) => u.specPath), ['initContainers[0].volumeMounts[1].recursiveReadOnly']);
  // hostUsers: true or absent, a string "false", a container-level supplementalGroupsPolicy, a
  // volume named "image": none of these is a use.
  assert.deepEqual(featureUses(spec({ hostUsers: true })), []);
  assert.deepEqual(featureUses(spec({ hostUsers: 'false' })), []);
  assert.deepEqual(featureUses(spec({}, { securityContext: { supplementalGroupsPolicy: 'Strict' } })), []);
  assert.deepEqual(featureUses(spec({ volumes: [{ name: 'image', emptyDir: {} }] })), []);
  assert.deepEqual(featureUses(null), []);
});

test('nodeSupport: the node\'s report, then the table; empty runtimeHandlers count as no report', () => {
  const rows: [RuntimeNodeSpec, Parameters<typeof nodeSupport>[1], string | null, string][] = [
    [AL2023(), 'userNamespaces', '', 'yes'],
    [AL2023(), 'imageVolume', '', 'yes'],
    [AL2023_GVISOR(), 'recursiveReadOnlyMounts', 'runsc', 'no'],
    [AL2023(), 'userNamespaces', 'runsc', 'no'], // lists handlers, not runsc
    [AL2(), 'imageVolume', '', 'no'],
    [AL2(), 'supplementalGroupsPolicy', '', 'no'],
    [{ ...AL2(), runtime: 'containerd://2.0.6' }, 'supplementalGroupsPolicy', '', 'yes'],
    [{ ...AL2023(), runtime: 'containerd://2.0.6', handlers: [] }, 'imageVolume', '', 'no'],
    [{ ...AL2023(), handlers: [] }, 'userNamespaces', 'runsc', 'unknown'],
    [{ ...AL2023(), runtime: 'containerd://Unknown', handlers: undefined }, 'imageVolume', '', 'unknown'],
    [OPENSHIFT_CRIO(), 'recursiveReadOnlyMounts', '', 'yes'],
    [{ ...OPENSHIFT_CRIO(), runtime: 'cri-o://1.29.6-2.rhaos4.16.git3c8f4e9.el9' }, 'recursiveReadOnlyMounts', '', 'no'],
    [CRI_DOCKERD(), 'userNamespaces', '', 'no'],
    [AL2023(), 'userNamespaces', null, 'unknown'],
    [AL2(), 'userNamespaces', null, 'no'],
  ];
  for (const [node, feature, handler, answer] of rows) {
    assert.equal(nodeSupport(nodeFacts(runtimeNode(node)), feature, handler).answer, answer, `${node.runtime} ${feature} ${JSON.stringify(handler)}`);
  }
});

test('a manifest-only input (no nodes) judges no feature and adds no gap of its own', () => {
  const { report } = diagnoseObjects([{ object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('thumbnailer', 'media'), spec: { template: { spec: IMAGE_VOLUME_SPEC } } } }], null);
  assert.deepEqual(report.findings.filter((f) => f.rule === 'runtime-feature-missing'), []);
  assert.deepEqual(report.coverage.skipped, []);
});
