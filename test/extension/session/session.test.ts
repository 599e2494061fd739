// The parts of the Session that need no editor: the source choice (compared field by field and
// kept in workspaceState), the error-to-status mapping, and the read-only object copies of a
// sample. The Session's reads against a cluster run in the extension-host suite (test/vscode).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type * as vscode from 'vscode';

import { InvalidTargetError } from '../../../src/core/diagnose';
import { DumpError } from '../../../src/core/dump';
import type { ObjectRef } from '../../../src/core/model';
import { ClusterError } from '../../../src/k8s/errors';
import { loadSample, UnknownSampleError } from '../../../src/k8s/samples';
import { diagnoseObjects } from '../../../src/core/diagnose';
import { Log } from '../../../src/extension/log';
import { SourceChoiceStore } from '../../../src/extension/session/choiceStore';
import { objectYaml, reportKnows } from '../../../src/extension/session/objectYaml';
import { failureOf, type FailureContext } from '../../../src/extension/session/status';
import { sameChoice, type SourceChoice } from '../../../src/extension/source/sourceChoice';

class FakeMemento {
  readonly values = new Map<string, unknown>();
  get(key: string): unknown {
    return this.values.get(key);
  }
  update(key: string, value: unknown): Thenable<void> {
    this.values.set(key, value);
    return Promise.resolve();
  }
}

const memento = (values: Record<string, unknown> = {}) => {
  const m = new FakeMemento();
  for (const [k, v] of Object.entries(values)) m.values.set(k, v);
  return m as unknown as vscode.Memento & FakeMemento;
};

test('source choices are the same only field by field', () => {
  const rows: [SourceChoice, SourceChoice, boolean][] = [
    [{ kind: 'cluster', context: null }, { kind: 'cluster', context: null }, true],
    [{ kind: 'cluster', context: 'kind-dev' }, { kind: 'cluster', context: 'kind-dev' }, true],
    [{ kind: 'cluster', context: 'kind-dev' }, { kind: 'cluster', context: null }, false],
    [{ kind: 'sample', name: 'k3s-ha' }, { kind: 'sample', name: 'k3s-ha' }, true],
    [{ kind: 'sample', name: 'k3s-ha' }, { kind: 'sample', name: 'gke-1.29' }, false],
    [{ kind: 'sample', name: 'k3s-ha' }, { kind: 'cluster', context: 'k3s-ha' }, false],
    [{ kind: 'cluster', context: 'k3s-ha' }, { kind: 'sample', name: 'k3s-ha' }, false],
  ];
  for (const [a, b, same] of rows) assert.equal(sameChoice(a, b), same, `${JSON.stringify(a)} ${JSON.stringify(b)}`);
});

test('the choice store starts from workspaceState (or the current context), and says what changed', async () => {
  assert.deepEqual(new SourceChoiceStore(memento()).current, { kind: 'cluster', context: null });
  assert.deepEqual(new SourceChoiceStore(memento({ 'k8sAnatomy.source': { kind: 'sample', name: 'k3s-ha' } })).current, { kind: 'sample', name: 'k3s-ha' });
  assert.deepEqual(new SourceChoiceStore(memento({ 'k8sAnatomy.source': { kind: 'sample', name: '../etc' } })).current, { kind: 'cluster', context: null });
  const state = memento();
  const store = new SourceChoiceStore(state);
  const first = store.set({ kind: 'sample', name: 'gke-1.29' });
  assert.equal(first.changed, true);
  assert.deepEqual(store.current, { kind: 'sample', name: 'gke-1.29' }, 'current at once, before the state is saved');
  await first.saved;
  assert.deepEqual(state.values.get('k8sAnatomy.source'), { kind: 'sample', name: 'gke-1.29' });
  assert.equal(store.set({ kind: 'sample', name: 'gke-1.29' }).changed, false);
});

const context = (over: Partial<FailureContext> = {}): FailureContext => ({
  shown: false, where: { context: 'kind-dev', server: 'https://127.0.0.1:6443' }, samples: () => [{ name: 'k3s-ha', title: 'k3s', description: 'HA' }], ...over,
});

test('failures map to the panel status, the command outcome and the editor advice', () => {
  const unreachable = failureOf(new ClusterError('unreachable', 'cannot reach https://127.0.0.1:6443: connection refused'), context());
  assert.deepEqual(unreachable.status, {
    kind: 'error', errorKind: 'unreachable', message: 'cannot reach https://127.0.0.1:6443: connection refused',
    advice: 'Check that the cluster is running and reachable from here (VPN, proxy-url, firewall): `kubectl cluster-info`.',
    context: 'kind-dev', server: 'https://127.0.0.1:6443',
  });
  assert.equal(unreachable.outcome.kind, 'failed');
  assert.equal(unreachable.settled, true);

  const noKubeconfig = failureOf(new ClusterError('no-kubeconfig', 'no kubeconfig found'), context());
  assert.deepEqual(noKubeconfig.status, { kind: 'no-kubeconfig', message: 'no kubeconfig found', samples: [{ name: 'k3s-ha', title: 'k3s', description: 'HA' }] });
  assert.deepEqual(noKubeconfig.outcome, { kind: 'no-kubeconfig', message: 'no kubeconfig found' });

  const timeout = failureOf(new ClusterError('timeout', 'no answer within 30 s'), context({ where: null }));
  assert.deepEqual(timeout.status, { kind: 'error', errorKind: 'timeout', message: 'no answer within 30 s', advice: 'The API server did not answer in time: check the connection (VPN, proxy, firewall), then Refresh.' });

  // A cancelled refresh keeps what is drawn; a cancelled first read says so and does not count as read.
  assert.deepEqual(failureOf(new ClusterError('cancelled', 'aborted'), context({ shown: true })).status, { kind: 'ready' });
  const cancelledFirst = failureOf(new ClusterError('cancelled', 'aborted'), context());
  assert.equal(cancelledFirst.status.kind, 'error');
  assert.equal(cancelledFirst.settled, false);
  assert.deepEqual(cancelledFirst.outcome, { kind: 'cancelled' });
});

test('bad input is named with what to fix; anything else is an internal error to report', () => {
  const rows: [unknown, string, RegExp, boolean][] = [
    [new InvalidTargetError('1.x'), 'bad-input', /k8sAnatomy\.targetVersion/, false],
    [new UnknownSampleError('nope', ['k3s-ha']), 'bad-input', /Pick another sample/, false],
    [new DumpError('k3s-ha.yaml', 'invalid YAML: bad indentation', 3), 'bad-input', /Pick another sample/, false],
    [new TypeError("Cannot read properties of undefined (reading 'status')"), 'internal', /Show Log/, true],
  ];
  for (const [error, errorKind, advice, internal] of rows) {
    const failure = failureOf(error, context());
    assert.equal(failure.status.kind === 'error' && failure.status.errorKind, errorKind, String(error));
    assert.match(failure.status.kind === 'error' ? failure.status.advice : '', advice, String(error));
    assert.equal(failure.internal, internal, String(error));
  }
  const internal = failureOf(new TypeError('x is not a function'), context());
  assert.equal(internal.outcome.kind === 'failed' && internal.outcome.message, 'Internal error: x is not a function');
});

test('object copies: only objects of the last report, from the sample, without managed fields', async () => {
  const loaded = await loadSample('kubeadm-1.23-ha');
  const diagnosis = diagnoseObjects(loaded.objects, loaded.serverVersion, { requireNodesAndWorkloads: true, source: { kind: 'sample', name: 'kubeadm-1.23-ha' } });
  const report = diagnosis.report;
  const node = report.nodes[0];
  assert.ok(node);
  const nodeRef: ObjectRef = { kind: 'Node', namespace: '', name: node.name };
  assert.equal(reportKnows(report, nodeRef), true);
  assert.equal(reportKnows(report, { kind: 'Node', namespace: '', name: 'not-a-node' }), false);
  assert.equal(reportKnows(null, nodeRef), false);
  const log = new Log({ info() {}, warn() {}, error() {}, debug() {}, trace() {} } as unknown as vscode.LogOutputChannel);
  const from = { report, source: { kind: 'sample', name: 'kubeadm-1.23-ha' } as const, sampleObjects: loaded.objects, kubeconfig: () => assert.fail('a sample is not read over the network') };
  const yaml = await objectYaml(nodeRef, from, log);
  assert.match(yaml, new RegExp(`^# Node ${node.name} from the built-in sample "kubeadm-1.23-ha" \\(read-only\\)\\.\\n`));
  assert.doesNotMatch(yaml, /managedFields|last-applied-configuration/);
  await assert.rejects(objectYaml({ kind: 'Node', namespace: '', name: 'not-a-node' }, from, log), /is not part of the last readiness check/);
});
