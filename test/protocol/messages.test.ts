// Webview input is untrusted: parseWebviewMessage accepts exactly the protocol and nothing else.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseWebviewMessage, MAX_SVG_BYTES } from '../../src/protocol/messages';

const ACCEPTED: [name: string, message: unknown][] = [
  ['ready', { type: 'ready' }],
  ['refresh with an id', { type: 'refresh', id: 1 }],
  ['a known-shaped sample name', { type: 'openSample', id: 2, name: 'k3s-ha' }],
  ['an https link', { type: 'openLink', id: 3, url: 'https://kubernetes.io/docs/' }],
  ['a selection', { type: 'selected', nodeId: 'pool_1a2b_kubelet' }],
  ['a cleared selection', { type: 'selected', nodeId: null }],
  ['an export request', { type: 'export', id: 4, what: 'report' }],
  ['an SVG answer', { type: 'svg', id: 5, svg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' }],
  ['an empty SVG answer', { type: 'svg', id: 6, svg: null }],
  ['a model shown', { type: 'shown', seq: 7 }],
  ['a target', { type: 'setTarget', id: 8, target: '1.36' }],
];

const REFUSED: [name: string, message: unknown][] = [
  ['not an object', 'ready'],
  ['an array', [{ type: 'ready' }]],
  ['an unknown type', { type: 'runCommand', id: 1, command: 'workbench.action.terminal.new' }],
  ['a request without an id', { type: 'refresh' }],
  ['a negative id', { type: 'refresh', id: -1 }],
  ['a path as a sample name', { type: 'openSample', id: 1, name: '../../etc/passwd' }],
  ['a file link', { type: 'openLink', id: 1, url: 'file:///etc/passwd' }],
  ['a command link', { type: 'openLink', id: 1, url: 'command:workbench.action.terminal.new' }],
  ['a javascript link', { type: 'openLink', id: 1, url: 'javascript:alert(1)' }],
  ['an export of something else', { type: 'export', id: 1, what: 'kubeconfig' }],
  ['markup that is not an SVG', { type: 'svg', id: 1, svg: '<script>alert(1)</script>' }],
  ['an oversized SVG', { type: 'svg', id: 1, svg: `<svg>${'x'.repeat(MAX_SVG_BYTES)}</svg>` }],
  ['a node id with markup', { type: 'selected', nodeId: '<img src=x>' }],
  ['a shown without a seq', { type: 'shown' }],
  ['a shown with seq 0', { type: 'shown', seq: 0 }],
  ['a shown with a fractional seq', { type: 'shown', seq: 1.5 }],
  ['a shown with a string seq', { type: 'shown', seq: '1' }],
  ['a target with a patch', { type: 'setTarget', id: 1, target: '1.36.2' }],
  ['a target with a v', { type: 'setTarget', id: 1, target: 'v1.36' }],
  ['a target of major 2', { type: 'setTarget', id: 1, target: '2.0' }],
  ['a target with markup', { type: 'setTarget', id: 1, target: '1.36<img src=x>' }],
  ['a numeric target', { type: 'setTarget', id: 1, target: 1.36 }],
  ['a target without an id', { type: 'setTarget', target: '1.36' }],
];

for (const [name, message] of ACCEPTED) {
  test(`accepted: ${name}`, () => assert.notEqual(parseWebviewMessage(message), null));
}
for (const [name, message] of REFUSED) {
  test(`refused: ${name}`, () => assert.equal(parseWebviewMessage(message), null));
}
