// Host logic of the panel that needs no VS Code: the model sent to the webview (findings mapped
// onto diagram components), the page shell and its CSP, and what a message from the (untrusted)
// webview may make the host do.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnoseObjects, type Diagnosis } from '../../../src/core/diagnose';
import { KNOWLEDGE } from '../../../src/core/knowledge';
import { RULES } from '../../../src/core/rules/catalog';
import type { AnatomyNode } from '../../../src/core/model';
import { parseWebviewMessage } from '../../../src/protocol/messages';
import { loadSample } from '../../../src/k8s/samples';
import { MAX_FINDINGS_PER_NODE, buildPanelModel, findingsByNode, poolOf } from '../../../src/extension/panel/panelModel';
import { createNonce, panelCsp, panelHtml } from '../../../src/extension/panel/html';
import { allowedLinks, isAllowedLink, isKnownSample } from '../../../src/extension/panel/linkPolicy';
import { node } from '../../fixtures/build';

async function sample(name: string): Promise<Diagnosis> {
  const loaded = await loadSample(name);
  return diagnoseObjects(loaded.objects, loaded.serverVersion, { requireNodesAndWorkloads: true, source: { kind: 'sample', name } });
}

function kindsWith(d: Diagnosis, model: Record<string, readonly { rule: string; subject: { name: string } }[]>, rule: string, subject: string): string[] {
  return Object.entries(model)
    .filter(([, findings]) => findings.some((f) => f.rule === rule && f.subject.name === subject))
    .map(([id]) => {
      const n = d.anatomy.nodes.find((x) => x.id === id) as AnatomyNode;
      const pool = d.anatomy.pools.find((p) => n.group === `g_${p.id}`);
      return `${n.kind}@${pool?.runtimeName ?? '-'}`;
    })
    .sort();
}

test('panel model: a dockershim-node finding marks only the dockershim and Docker Engine of that node\'s pool', async () => {
  const d = await sample('mixed-windows');
  const byNode = findingsByNode(d.anatomy.nodes, d.anatomy.pools, d.report.nodes, d.report.findings);
  assert.deepEqual(kindsWith(d, byNode, 'dockershim-node', 'win-worker-1'), ['dockerd@docker', 'dockershim@docker']);
});

test('panel model: a Docker socket mount is listed under Docker Engine and under every pool that has no Docker (where it breaks)', async () => {
  const d = await sample('mixed-windows');
  const byNode = findingsByNode(d.anatomy.nodes, d.anatomy.pools, d.report.nodes, d.report.findings);
  assert.deepEqual(kindsWith(d, byNode, 'docker-socket-mount', 'ci-runner'), ['containerd@containerd', 'containerd@containerd', 'dockerd@docker']);
});

test('panel model: containerd inside a Docker pool is Docker\'s and gets no workload findings', async () => {
  const d = await sample('eks-1.23-docker');
  const byNode = findingsByNode(d.anatomy.nodes, d.anatomy.pools, d.report.nodes, d.report.findings);
  const dockersContainerd = d.anatomy.nodes.filter((n) => n.kind === 'containerd' && d.anatomy.pools.some((p) => p.runtimeName === 'docker' && n.group === `g_${p.id}`));
  assert.ok(dockersContainerd.length > 0);
  // Node findings (cgroup-v1 on these Amazon Linux 2 nodes) go to the whole pool; workload ones must not.
  for (const n of dockersContainerd) assert.deepEqual((byNode[n.id] ?? []).filter((f) => f.subject.kind !== 'Node'), []);
  assert.deepEqual(kindsWith(d, byNode, 'docker-socket-mount', 'datadog-agent'), ['containerd@containerd', 'dockerd@docker']);
});

test('panel model: a clean cluster maps no findings anywhere', async () => {
  const d = await sample('gke-1.29');
  assert.deepEqual(buildPanelModel(d, { kind: 'sample', name: 'gke-1.29' }, { live: false, updatedAt: new Date(0) }).findingsByNode, {});
});

test('panel model: other Node findings go to every component of the node\'s pool', () => {
  const d = diagnoseObjects([
    { object: node({ name: 'old', runtime: 'containerd://1.5.13', kubelet: 'v1.26.3' }) },
    { object: node({ name: 'ok', runtime: 'containerd://1.7.11', kubelet: 'v1.26.3' }) },
  ], 'v1.26.3');
  const byNode = findingsByNode(d.anatomy.nodes, d.anatomy.pools, d.report.nodes, d.report.findings);
  const old = d.report.findings.find((f) => f.subject.name === 'old' && f.rule === 'containerd-too-old');
  assert.ok(old, 'fixture: containerd 1.5 on a 1.26 kubelet is too old');
  const pool = poolOf(d.report.nodes.find((n) => n.name === 'old')!, d.anatomy.pools)!;
  const stack = d.anatomy.nodes.filter((n) => n.group === `g_${pool.id}`).map((n) => n.id).sort();
  assert.deepEqual(Object.keys(byNode).sort(), stack);
});

test('panel model: findings of nodes in pools that are not drawn go to "N more pools"', () => {
  // 20 distinct kubelet versions → 20 pools; only 16 are drawn.
  const objects = Array.from({ length: 20 }, (_, i) => ({ object: node({ name: `n${i}`, runtime: 'docker://20.10.17', kubelet: `v1.23.${i}` }) }));
  const d = diagnoseObjects(objects, 'v1.23.17');
  const byNode = findingsByNode(d.anatomy.nodes, d.anatomy.pools, d.report.nodes, d.report.findings);
  const more = byNode['n_more_pools'] ?? [];
  assert.equal(more.length, 4);
  assert.ok(more.every((f) => f.rule === 'dockershim-node'));
});

test('panel model: a component lists at most MAX_FINDINGS_PER_NODE findings', () => {
  const pods = Array.from({ length: MAX_FINDINGS_PER_NODE + 50 }, (_, i) => ({
    object: {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i}`, namespace: 'ci' },
      spec: { containers: [{ name: 'c', image: 'x', volumeMounts: [{ name: 's', mountPath: '/var/run/docker.sock' }] }], volumes: [{ name: 's', hostPath: { path: '/var/run/docker.sock' } }] },
    },
  }));
  const d = diagnoseObjects([{ object: node({ name: 'a', runtime: 'containerd://1.7.11', kubelet: 'v1.29.1' }) }, ...pods], 'v1.29.1');
  const byNode = findingsByNode(d.anatomy.nodes, d.anatomy.pools, d.report.nodes, d.report.findings);
  assert.ok(d.report.findings.length > MAX_FINDINGS_PER_NODE);
  for (const list of Object.values(byNode)) assert.ok(list.length <= MAX_FINDINGS_PER_NODE);
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
    "default-src 'none'; script-src 'nonce-AAAAAAAAAAAAAAAAAAAAAA==' https://*.vscode-cdn.net; style-src https://*.vscode-cdn.net 'unsafe-inline'; img-src https://*.vscode-cdn.net data:; font-src https://*.vscode-cdn.net data:;",
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
});

test('panel html: nonces are 16 random bytes in base64, different each time', () => {
  const nonces = new Set(Array.from({ length: 100 }, () => createNonce()));
  assert.equal(nonces.size, 100);
  for (const n of nonces) assert.equal(Buffer.from(n, 'base64').length, 16);
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
