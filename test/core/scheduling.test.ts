// Which nodes a pod spec can land on (src/core/rules/scheduling.ts): nodeSelector, required node
// affinity with every operator, tolerations against NoSchedule/NoExecute taints, the RuntimeClass's
// additions, and spec.nodeName. Rows are node labels and pod specs as the API shows them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nodeFacts } from '../../src/core/nodes';
import { canSchedule, podScheduling, tolerationsOf } from '../../src/core/rules/scheduling';
import { AL2, AL2023, AL2023_GVISOR, runtimeNode } from '../fixtures/runtimeNodes';

const al2023 = nodeFacts(runtimeNode({ ...AL2023(), labels: { ...AL2023().labels, 'node.kubernetes.io/instance-type': 'm6i.xlarge', 'karpenter.k8s.aws/instance-generation': '6' } }));
const al2 = nodeFacts(runtimeNode(AL2()));
const gvisor = nodeFacts(runtimeNode(AL2023_GVISOR()));
const cordoned = nodeFacts(runtimeNode({ ...AL2023('ip-10-0-9-9.ec2.internal'), taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] }));
const preferNo = nodeFacts(runtimeNode({ ...AL2023('ip-10-0-9-10.ec2.internal'), taints: [{ key: 'spot', value: 'true', effect: 'PreferNoSchedule' }] }));

const affinity = (terms: unknown[]) => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } });
const expr = (key: string, operator: string, values?: string[]) => ({ matchExpressions: [{ key, operator, ...(values ? { values } : {}) }] });

const ROWS: [string, Record<string, unknown>, string[]][] = [
  ['no constraints: every untainted node', {}, ['al2023', 'al2', 'preferNo']],
  ['nodeSelector equality', { nodeSelector: { 'eks.amazonaws.com/nodegroup': 'al2-legacy' } }, ['al2']],
  ['In', affinity([expr('eks.amazonaws.com/nodegroup', 'In', ['al2023-general', 'al2023-gvisor'])]), ['al2023', 'preferNo']],
  ['NotIn matches nodes without the label too', affinity([expr('eks.amazonaws.com/nodegroup', 'NotIn', ['al2-legacy'])]), ['al2023', 'preferNo']],
  ['Exists', affinity([expr('karpenter.k8s.aws/instance-generation', 'Exists')]), ['al2023']],
  ['DoesNotExist', affinity([expr('karpenter.k8s.aws/instance-generation', 'DoesNotExist')]), ['al2', 'preferNo']],
  ['Gt compares integers', affinity([expr('karpenter.k8s.aws/instance-generation', 'Gt', ['5'])]), ['al2023']],
  ['Lt on a missing label matches nothing', affinity([expr('karpenter.k8s.aws/instance-generation', 'Lt', ['5'])]), []],
  ['terms are ORed', affinity([expr('eks.amazonaws.com/nodegroup', 'In', ['al2-legacy']), expr('karpenter.k8s.aws/instance-generation', 'Exists')]), ['al2023', 'al2']],
  ['matchFields metadata.name (a DaemonSet pod)', affinity([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['ip-10-0-4-203.ec2.internal'] }] }]), ['al2']],
  ['an empty term matches no node', affinity([{}]), []],
  ['an unknown operator matches no node', affinity([expr('eks.amazonaws.com/nodegroup', 'Like', ['al2*'])]), []],
  ['toleration Exists with no key tolerates every taint', { tolerations: [{ operator: 'Exists' }] }, ['al2023', 'al2', 'gvisor', 'cordoned', 'preferNo']],
  ['toleration Equal needs the value', { tolerations: [{ key: 'sandbox.gvisor.dev/runtime', operator: 'Equal', value: 'gvisor', effect: 'NoSchedule' }] }, ['al2023', 'al2', 'preferNo']],
  ['toleration Equal with the value', { tolerations: [{ key: 'sandbox.gvisor.dev/runtime', value: 'runsc' }] }, ['al2023', 'al2', 'gvisor', 'preferNo']],
  ['toleration with another effect does not tolerate', { tolerations: [{ key: 'sandbox.gvisor.dev/runtime', operator: 'Exists', effect: 'NoExecute' }] }, ['al2023', 'al2', 'preferNo']],
  ['spec.nodeName: that node only, whatever its taints', { nodeName: 'ip-10-0-9-9.ec2.internal' }, ['cordoned']],
];

const NODES = { al2023, al2, gvisor, cordoned, preferNo };

for (const [id, spec, expected] of ROWS) {
  test(`canSchedule: ${id}`, () => {
    const pod = podScheduling(spec);
    assert.deepEqual(Object.entries(NODES).filter(([, n]) => canSchedule(n, pod, null)).map(([name]) => name), expected);
  });
}

test('canSchedule: the RuntimeClass adds its nodeSelector and tolerations', () => {
  const pod = podScheduling({ runtimeClassName: 'gvisor' });
  const rc = { nodeSelector: { 'sandbox.gvisor.dev/runtime': 'runsc' }, tolerations: tolerationsOf([{ key: 'sandbox.gvisor.dev/runtime', operator: 'Equal', value: 'runsc', effect: 'NoSchedule' }]) };
  assert.deepEqual(Object.entries(NODES).filter(([, n]) => canSchedule(n, pod, rc)).map(([name]) => name), ['gvisor']);
  assert.deepEqual(Object.entries(NODES).filter(([, n]) => canSchedule(n, pod, { nodeSelector: rc.nodeSelector, tolerations: [] })).map(([name]) => name), []);
});

test('podScheduling reads garbage as no constraint rather than throwing', () => {
  const pod = podScheduling({ nodeSelector: 'x', tolerations: [1, null, { key: 7 }], affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: 'all' } } } });
  assert.deepEqual(pod.nodeSelector, {});
  assert.equal(pod.tolerations.length, 1);
  assert.deepEqual(pod.requiredTerms, []);
  assert.equal(canSchedule(al2023, pod, null), false, 'a required affinity with no terms matches no node');
});
