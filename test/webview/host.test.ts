// The webview's side of the protocol (webview/host.ts): requests are numbered and replies matched,
// and inbound messages are checked for shape before the page renders anything from them.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { parseWebviewMessage, type WebviewToHost } from '../../src/protocol/messages';
import { HostChannel, parseHostMessage } from '../../webview/host';

function channel() {
  const sent: WebviewToHost[] = [];
  const host = new HostChannel({ postMessage: (m) => sent.push(m), getState: () => undefined, setState: () => undefined });
  return { host, sent };
}

test('requests get increasing ids, and every message the webview sends passes the host validator', () => {
  const { host, sent } = channel();
  host.ready();
  const a = host.request({ type: 'refresh' });
  const b = host.request({ type: 'export', what: 'topology' });
  host.request({ type: 'openSample', name: 'mixed-windows' });
  host.openLink('https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/');
  host.selected('pool_ff7523db_0');
  host.selected(null);
  assert.ok(b > a);
  assert.deepEqual(sent.map((m) => m.type), ['ready', 'refresh', 'export', 'openSample', 'openLink', 'selected', 'selected']);
  for (const m of sent) assert.deepEqual(parseWebviewMessage(m), m, JSON.stringify(m));
});

test('a reply settles its request once; unknown ids are ignored', () => {
  const { host } = channel();
  const id = host.request({ type: 'checkReadiness' });
  assert.equal(host.settle(id), 'checkReadiness');
  assert.equal(host.settle(id), undefined);
  assert.equal(host.settle(9999), undefined);
});

test('parseHostMessage accepts the protocol and rejects malformed messages', () => {
  const model = {
    source: { kind: 'sample', name: 'mixed-windows' },
    anatomy: { cluster: {}, nodes: [], edges: [], groups: [], pools: [] },
    version: 1, mermaid: 'flowchart TB', report: { findings: [] }, knowledge: [], coverage: [], updatedAt: '', live: false,
  };
  const accepted = [
    { type: 'status', status: { kind: 'loading', message: 'Reading…' } },
    { type: 'status', status: { kind: 'no-kubeconfig', message: 'none', samples: [] } },
    { type: 'status', status: { kind: 'error', errorKind: 'unreachable', message: 'x', advice: 'y' } },
    { type: 'status', status: { kind: 'ready' } },
    { type: 'model', seq: 1, model },
    { type: 'reply', id: 3, ok: false, error: 'nope' },
  ];
  for (const m of accepted) assert.ok(parseHostMessage(m), JSON.stringify(m));
  const rejected = [
    null, 'status', [], { type: 'status' }, { type: 'status', status: { kind: 'weird' } },
    { type: 'status', status: { kind: 'no-kubeconfig', message: 'x' } },
    { type: 'model', model },
    { type: 'model', seq: 1, model: { ...model, mermaid: 42 } },
    { type: 'model', seq: 1, model: { ...model, anatomy: { ...model.anatomy, nodes: 'n_api' } } },
    { type: 'model', seq: 1, model: { ...model, version: '1' } },
    { type: 'model', seq: 1, model: { ...model, report: { findings: {} } } },
    { type: 'reply', id: '3', ok: true },
    { type: 'eval', code: 'alert(1)' },
  ];
  for (const m of rejected) assert.equal(parseHostMessage(m), null, JSON.stringify(m));
});
