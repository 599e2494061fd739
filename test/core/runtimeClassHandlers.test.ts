// runtimeclass-handler-missing (issue 12 §2): a RuntimeClass whose handler no node it can
// schedule onto has loaded, judged only when those nodes report status.runtimeHandlers, plus the
// trap of a nodeSelector that matches no node.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnoseObjects } from '../../src/core/diagnose';
import type { RuleFamily } from '../../src/core/model';
import { pod, workload } from '../fixtures/build';
import { AL2, AL2023, AL2023_GVISOR, BOTTLEROCKET, K3S, runtimeNode, type RuntimeNodeSpec } from '../fixtures/runtimeNodes';

function runtimeClass(name: string, handler: string, nodeSelector?: Record<string, string>): Record<string, unknown> {
  return { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name }, handler, ...(nodeSelector ? { scheduling: { nodeSelector } } : {}) };
}

const GVISOR = runtimeClass('gvisor', 'runsc', { 'sandbox.gvisor.dev/runtime': 'runsc' });
const SANDBOXED = workload('Deployment', 'untrusted-render', 'sandbox', {
  runtimeClassName: 'gvisor',
  tolerations: [{ key: 'sandbox.gvisor.dev/runtime', operator: 'Exists', effect: 'NoSchedule' }],
  containers: [{ name: 'render', image: 'ghcr.io/acme/render:1.4.0' }],
});

/** The ten RuntimeClasses k3s installs whether or not any node has the runtime (manifests/runtimes.yaml). */
const K3S_CLASSES = ['nvidia', 'nvidia-experimental', 'crun', 'lunatic', 'slight', 'spin', 'wws', 'wasmedge', 'wasmer', 'wasmtime'].map((h) => runtimeClass(h, h));

interface Case {
  id: string;
  nodes: RuntimeNodeSpec[];
  objects: Record<string, unknown>[];
  /** `severity Kind/ns/name path`, sorted. */
  expect: string[];
  families?: RuleFamily[];
  says?: string[];
}

const CASES: Case[] = [
  {
    id: 'gVisor class selecting the runsc group, whose nodes list runsc: nothing',
    nodes: [AL2023(), AL2023_GVISOR()],
    objects: [GVISOR, SANDBOXED],
    expect: [],
  },
  {
    id: 'the runsc group lost its runsc entry (config migrated to version 3 without it): warning on the class, error on the Deployment',
    nodes: [AL2023(), { ...AL2023_GVISOR(), handlers: [{ name: '', recursiveReadOnlyMounts: true, userNamespaces: true }, { name: 'runc', recursiveReadOnlyMounts: true, userNamespaces: true }] }],
    objects: [GVISOR, SANDBOXED],
    expect: ['error Deployment/sandbox/untrusted-render spec.template.spec.runtimeClassName', 'warning RuntimeClass//gvisor handler'],
    says: ['none of the 1 node(s) its nodeSelector (sandbox.gvisor.dev/runtime=runsc) selects lists the handler "runsc"', '"" (default), "runc"'],
  },
  {
    id: 'the trap: a nodeSelector that matches no node (the gVisor group does not exist): warning and error',
    nodes: [AL2023(), BOTTLEROCKET()],
    objects: [GVISOR, SANDBOXED],
    expect: ['error Deployment/sandbox/untrusted-render spec.template.spec.runtimeClassName', 'warning RuntimeClass//gvisor handler'],
    says: ['matches none of the 2 node(s)'],
  },
  {
    id: 'the trap holds on containerd 1.7 nodes too: a selector matching nothing needs no handler report',
    nodes: [AL2()],
    objects: [GVISOR],
    expect: ['warning RuntimeClass//gvisor handler'],
  },
  {
    id: 'k3s: ten pre-created classes on containerd 1.7.20-k3s1 nodes that report no handlers: nothing',
    nodes: [{ ...K3S('k3s-server-1'), labels: { 'node-role.kubernetes.io/control-plane': 'true' } }, K3S('k3s-agent-1')],
    objects: K3S_CLASSES,
    expect: [],
  },
  {
    id: 'no nodeSelector, every node reports handlers, none lists kata-qemu: warning on the class',
    nodes: [AL2023(), BOTTLEROCKET()],
    objects: [runtimeClass('kata-qemu', 'kata-qemu')],
    expect: ['warning RuntimeClass//kata-qemu handler'],
    says: ['none of the 2 node(s) in the cluster lists the handler "kata-qemu"'],
  },
  {
    id: 'no nodeSelector, one AL2 node (containerd 1.7, no report) among the nodes: it cannot tell us, nothing',
    nodes: [AL2023(), AL2()],
    objects: [runtimeClass('kata-qemu', 'kata-qemu')],
    expect: [],
  },
  {
    id: 'runtimeHandlers: [] is not a report (the kubelet never writes an empty list): nothing',
    nodes: [{ ...AL2023(), handlers: [] }],
    objects: [runtimeClass('kata-qemu', 'kata-qemu')],
    expect: [],
  },
  {
    id: 'the class names the default runc handler explicitly, every node lists runc: nothing',
    nodes: [AL2023(), BOTTLEROCKET()],
    objects: [runtimeClass('runc', 'runc')],
    expect: [],
  },
  {
    id: 'a bare Pod and a CronJob use the missing class: one error each, on the owner',
    nodes: [AL2023()],
    objects: [
      runtimeClass('kata-qemu', 'kata-qemu'),
      pod('sandbox-debug', 'sandbox', { runtimeClassName: 'kata-qemu', containers: [{ name: 'sh', image: 'docker.io/library/busybox:1.37' }] }),
      workload('CronJob', 'scan', 'sandbox', { runtimeClassName: 'kata-qemu', containers: [{ name: 'scan', image: 'ghcr.io/acme/scan:2.0' }] }),
      workload('Job', 'scan-29380140', 'sandbox', { runtimeClassName: 'kata-qemu', containers: [{ name: 'scan', image: 'ghcr.io/acme/scan:2.0' }] }, { kind: 'CronJob', name: 'scan' }),
    ],
    expect: [
      'error CronJob/sandbox/scan spec.jobTemplate.spec.template.spec.runtimeClassName',
      'error Pod/sandbox/sandbox-debug spec.runtimeClassName',
      'warning RuntimeClass//kata-qemu handler',
    ],
  },
  {
    id: 'no Node objects at all (a manifest dump): nothing to judge against',
    nodes: [],
    objects: [GVISOR, SANDBOXED],
    expect: [],
  },
  {
    id: '--rules features: the runtime family is not judged',
    nodes: [AL2023()],
    objects: [runtimeClass('kata-qemu', 'kata-qemu')],
    families: ['features'],
    expect: [],
  },
];

for (const c of CASES) {
  test(`runtimeclass-handler-missing: ${c.id}`, () => {
    const { report } = diagnoseObjects([...c.nodes.map(runtimeNode), ...c.objects].map((object) => ({ object })), 'v1.33.5-eks-3025e55', c.families ? { families: c.families } : {});
    const mine = report.findings.filter((f) => f.rule === 'runtimeclass-handler-missing');
    assert.deepEqual(mine.map((f) => `${f.severity} ${f.subject.kind}/${f.subject.namespace}/${f.subject.name} ${f.path}`).sort(), c.expect);
    for (const text of c.says ?? []) assert.ok(mine.some((f) => f.message.includes(text)), `a message says ${JSON.stringify(text)}: ${mine.map((f) => f.message).join(' | ')}`);
    if (mine.some((f) => f.severity === 'error')) assert.equal(report.verdict, 'not-ready');
  });
}

test('RuntimeClass evidence says which nodes list the handler when they report it', () => {
  const d = diagnoseObjects([AL2023(), AL2023_GVISOR('ip-10-0-2-41.ec2.internal'), AL2023_GVISOR('ip-10-0-2-77.ec2.internal')].map(runtimeNode).concat([GVISOR]).map((object) => ({ object })), 'v1.33.5');
  assert.equal(d.runtimeClasses[0]?.evidence, 'no running pod uses it; 2 node(s) that match its nodeSelector list the "runsc" handler in status.runtimeHandlers, so their runtime has loaded it');
});
