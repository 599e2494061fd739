// Host logic of the panel that needs no VS Code: the model sent to the webview (which findings
// touch which component is the core's: test/core/anatomy.test.ts), the page shell and its CSP, and what a message from the (untrusted)
// webview may make the host do.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnoseObjects, type Diagnosis } from '../../../src/core/diagnose';
import { KNOWLEDGE } from '../../../src/core/knowledge';
import { RULES } from '../../../src/core/rules/catalog';
import { parseWebviewMessage } from '../../../src/protocol/messages';
import { loadSample } from '../../../src/k8s/samples';
import { buildPanelModel } from '../../../src/extension/panel/panelModel';
import { panelCsp, panelHtml } from '../../../src/extension/panel/html';
import { allowedLinks, isAllowedLink, isKnownSample } from '../../../src/extension/panel/linkPolicy';

async function sample(name: string): Promise<Diagnosis> {
  const loaded = await loadSample(name);
  return diagnoseObjects(loaded.objects, loaded.serverVersion, { requireNodesAndWorkloads: true, source: { kind: 'sample', name } });
}

test('panel model: a clean cluster\'s components carry no findings', async () => {
  const d = await sample('gke-1.29');
  const model = buildPanelModel(d, { kind: 'sample', name: 'gke-1.29' }, { live: false, updatedAt: new Date(0) });
  assert.deepEqual(model.anatomy.nodes.filter((n) => n.findings !== undefined).map((n) => n.id), []);
});

test('panel model: each model built gets a new version unless one is given', async () => {
  const d = await sample('gke-1.29');
  const source = { kind: 'sample', name: 'gke-1.29' } as const;
  const a = buildPanelModel(d, source, { live: false, updatedAt: new Date(0) });
  const b = buildPanelModel(d, source, { live: false, updatedAt: new Date(0) });
  assert.ok(b.version > a.version);
  assert.equal(buildPanelModel(d, source, { live: false, updatedAt: new Date(0), version: 7 }).version, 7);
});

test('panel model: carries the mermaid text, the report, coverage, the time and the live flag; knowledge for every component', async () => {
  const d = await sample('k3s-ha');
  const model = buildPanelModel(d, { kind: 'sample', name: 'k3s-ha' }, { live: true, updatedAt: new Date('2024-05-01T10:00:00Z') });
  assert.match(model.mermaid, /^flowchart TB/);
  assert.equal(model.report, d.report);
  assert.equal(model.updatedAt, '2024-05-01T10:00:00.000Z');
  assert.equal(model.live, true);
  assert.deepEqual(model.coverage, d.report.coverage.skipped);
  const keys = new Set(model.knowledge.map((k) => k.key));
  assert.equal(keys.size, model.knowledge.length, 'each entry once');
  for (const n of d.anatomy.nodes) assert.ok(keys.has(KNOWLEDGE.find((k) => k.key === n.explain)?.key ?? n.explain), `knowledge for ${n.explain}`);
  assert.doesNotThrow(() => JSON.stringify(model), 'the model is plain data (postMessage clones it)');
});

// ---------------------------------------------------------------------------------------------
// The page shell

const INPUT = {
  cspSource: 'https://*.vscode-cdn.net',
  nonce: 'AAAAAAAAAAAAAAAAAAAAAA==',
  mainJs: 'https://file%2B.vscode-resource.vscode-cdn.net/ext/dist/webview/main.js',
  mainCss: 'https://file%2B.vscode-resource.vscode-cdn.net/ext/dist/webview/main.css',
};

test('panel html: the CSP is exactly the locked-down policy', () => {
  assert.equal(
    panelCsp(INPUT.cspSource, INPUT.nonce),
    "default-src 'none'; script-src 'nonce-AAAAAAAAAAAAAAAAAAAAAA==' https://*.vscode-cdn.net; style-src https://*.vscode-cdn.net 'unsafe-inline'; img-src https://*.vscode-cdn.net data:; font-src https://*.vscode-cdn.net data:; connect-src https://*.vscode-cdn.net; worker-src blob:",
  );
  assert.ok(panelHtml(INPUT).includes(`content="${panelCsp(INPUT.cspSource, INPUT.nonce)}"`));
});

test('panel html: only the app, as a module with the nonce (it loads mermaid itself); one #app; no inline script or state', () => {
  const html = panelHtml(INPUT);
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  assert.equal(scripts.length, 1);
  assert.equal(scripts[0]?.[1], ` type="module" nonce="${INPUT.nonce}" src="${INPUT.mainJs}"`);
  assert.doesNotMatch(html, /mermaid/);
  for (const s of scripts) assert.equal(s[2], '', 'no inline script body');
  assert.equal((html.match(/<div id="app"><\/div>/g) ?? []).length, 1);
  assert.match(html, /<link rel="stylesheet" href="[^"]+main\.css">/);
  assert.doesNotMatch(html, /<style|\son\w+=|javascript:/i);
});

test('panel html: refuses values that would break out of an attribute', () => {
  assert.throws(() => panelHtml({ ...INPUT, mainJs: 'x" onload="alert(1)' }));
  assert.throws(() => panelHtml({ ...INPUT, nonce: '' }));
  assert.throws(() => panelHtml({ ...INPUT, cspSource: "x; script-src *" }));
  assert.throws(() => panelHtml({ ...INPUT, cspSource: "'self' https://a\nscript-src *" }));
  assert.throws(() => panelHtml({ ...INPUT, cspSource: '' }));
});

test('panel html: a cspSource that lists several sources (code-server: "\'self\' https://*.vscode-cdn.net") keeps each', () => {
  assert.equal(
    panelCsp("'self' https://*.vscode-cdn.net", INPUT.nonce),
    "default-src 'none'; script-src 'nonce-AAAAAAAAAAAAAAAAAAAAAA==' 'self' https://*.vscode-cdn.net; style-src 'self' https://*.vscode-cdn.net 'unsafe-inline'; img-src 'self' https://*.vscode-cdn.net data:; font-src 'self' https://*.vscode-cdn.net data:; connect-src 'self' https://*.vscode-cdn.net; worker-src blob:",
  );
});


// ---------------------------------------------------------------------------------------------
// Messages from the webview

const FORGED: readonly [string, unknown][] = [
  ['a string', 'ready'],
  ['an array', [{ type: 'ready' }]],
  ['null', null],
  ['an unknown type', { type: 'runCommand', id: 1, command: 'workbench.action.terminal.new' }],
  ['openLink without an id', { type: 'openLink', url: 'https://kubernetes.io/' }],
  ['openLink to http', { type: 'openLink', id: 1, url: 'http://kubernetes.io/' }],
  ['openLink to a file', { type: 'openLink', id: 1, url: 'file:///etc/passwd' }],
  ['openLink to a command URI', { type: 'openLink', id: 1, url: 'command:workbench.action.terminal.new' }],
  ['openSample with a path', { type: 'openSample', id: 1, name: '../../etc/passwd' }],
  ['openSample with upper case', { type: 'openSample', id: 1, name: 'Evil' }],
  ['a fractional id', { type: 'refresh', id: 1.5 }],
  ['a negative id', { type: 'refresh', id: -1 }],
  ['export of something else', { type: 'export', id: 1, what: '/etc/passwd' }],
  ['selected with markup', { type: 'selected', nodeId: '<img src=x>' }],
];

for (const [name, message] of FORGED) {
  test(`messages: rejects ${name}`, () => {
    assert.equal(parseWebviewMessage(message), null);
  });
}

test('messages: accepts the real ones and drops extra fields', () => {
  assert.deepEqual(parseWebviewMessage({ type: 'ready', extra: 'x' }), { type: 'ready' });
  assert.deepEqual(parseWebviewMessage({ type: 'refresh', id: 3 }), { type: 'refresh', id: 3 });
  assert.deepEqual(parseWebviewMessage({ type: 'export', id: 4, what: 'report' }), { type: 'export', id: 4, what: 'report' });
  assert.deepEqual(parseWebviewMessage({ type: 'selected', nodeId: 'pool_abc_kubelet' }), { type: 'selected', nodeId: 'pool_abc_kubelet' });
});

test('link policy: opens only the documentation links K8s Anatomy ships', () => {
  const links = allowedLinks();
  assert.ok(links.size > 20);
  for (const entry of KNOWLEDGE) for (const link of entry.links) assert.ok(isAllowedLink(link.url), link.url);
  for (const rule of RULES) for (const url of rule.docs) assert.ok(isAllowedLink(url), url);
  for (const url of links) assert.match(url, /^https:\/\//);
  // Well-formed https URLs pass parseWebviewMessage; the policy still refuses them.
  for (const url of ['https://evil.example/', 'https://kubernetes.io.evil.example/docs/', 'https://kubernetes.io/docs/setup/production-environment/container-runtimes/#x']) {
    assert.ok(parseWebviewMessage({ type: 'openLink', id: 1, url }), 'passes the shape check');
    assert.equal(isAllowedLink(url), false, url);
  }
});

test('sample policy: only names in the sample index', () => {
  const samples = [{ name: 'k3s-ha' }, { name: 'gke-1.29' }];
  assert.equal(isKnownSample('k3s-ha', samples), true);
  assert.equal(isKnownSample('k3s-h', samples), false);
  assert.equal(isKnownSample('', samples), false);
});
