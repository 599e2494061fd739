// The drawing's intent, in the mermaid text (src/core/mermaid.ts): the bands in the seed's order,
// one edge from the API server to each band instead of one per pool, no labels on lines (a
// labelled line costs a row), RuntimeClasses linked to the pools that load their handler, pools
// marked by their worst blocker in colour, border and text, long titles wrapped, many pools
// wrapped into rows. What the text becomes on screen is measured in Chromium by
// test/cli/diagramGeometry.test.ts and test/webview/panelGeometry.test.ts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anatomyToMermaid, POOLS_PER_ROW, RUNS_ON, mermaidId, wrappedLabel } from '../../src/core/mermaid';
import { diagnoseObjects } from '../../src/core/diagnose';
import { MAX_DRAWN_POOLS } from '../../src/core/anatomy';
import { loadSample } from '../../src/k8s/samples';
import { manyPoolsCluster } from '../fixtures/manyPools';

async function sample(name: string) {
  const loaded = await loadSample(name);
  return diagnoseObjects(loaded.objects, loaded.serverVersion, { source: { kind: 'sample', name } });
}

const edgeLines = (text: string) => text.split('\n').filter((l) => /-->|-\.->|==>|~~~|--o/.test(l)).map((l) => l.trim());

test('lines carry no label (the legend names their style); the control plane is two rows: the API server, then what talks to it', async () => {
  const d = await sample('kubeadm-1.23-ha');
  const edges = edgeLines(anatomyToMermaid(d.anatomy));
  assert.ok(edges.includes('n_api <--> n_sched') && edges.includes('n_api <--> n_kcm'), 'the scheduler and the controller manager watch and write through the API server: one two-way line each, drawn from it');
  assert.ok(edges.includes('n_api --> n_etcd'), 'the API server alone stores state in etcd');
  assert.ok(edges.includes('n_front ==> n_api'), 'the HA front load-balances the API server');
  const stack = edges.filter((l) => /^pool_/.test(l) && !l.includes('~~~'));
  assert.ok(stack.length > 0, 'a pool\'s stack is drawn with lines');
  for (const name of ['kubeadm-1.23-ha', 'eks-1.33-2026', 'k3s-ha']) {
    const lines = edgeLines(anatomyToMermaid((await sample(name)).anatomy));
    assert.deepEqual(lines.filter((l) => l.includes('|')), [], `${name}: no line carries a label`);
  }
  assert.ok(d.anatomy.edges.some((e) => e.label === 'Docker API'), 'the model keeps every relation\'s label (topology --format json, the details pane)');
});

test('the bands come in the seed\'s order: control plane, then the node band with the add-ons beside it; RuntimeClasses beside the band they link into', async () => {
  const linked = anatomyToMermaid((await sample('eks-1.33-2026')).anatomy);
  const at = (text: string, id: string) => text.indexOf(`subgraph ${id}[`);
  assert.ok(at(linked, 'g_rc') >= 0 && at(linked, 'g_rc') < at(linked, 'g_cp') && at(linked, 'g_cp') < at(linked, 'g_nodes') && at(linked, 'g_nodes') < at(linked, 'g_addons'),
    'RuntimeClasses linked to pools first (beside the control plane, above the node band), then control plane, nodes, add-ons');
  const unlinked = anatomyToMermaid((await sample('k3s-ha')).anatomy);
  assert.ok(at(unlinked, 'g_cp') < at(unlinked, 'g_nodes') && at(unlinked, 'g_nodes') < at(unlinked, 'g_addons') && at(unlinked, 'g_addons') < at(unlinked, 'g_rc'), 'unlinked RuntimeClasses last');
  assert.ok(edgeLines(unlinked).includes('n_api ~~~ g_rc'), 'held level with the node band by an invisible link from the API server');
  assert.ok(!edgeLines(linked).includes('n_api ~~~ g_rc'));
});

test('the API server has one edge to the node band and one to the add-ons, not one per pool or add-on', async () => {
  const d = await sample('kubeadm-1.23-ha');
  const edges = edgeLines(anatomyToMermaid(d.anatomy));
  const fromApi = edges.filter((l) => l.startsWith('n_api ') && !l.includes('~~~'));
  assert.deepEqual(fromApi.filter((l) => / g_nodes$| g_addons$/.test(l)), ['n_api -.-> g_nodes', 'n_api -.-> g_addons']);
  assert.ok(!fromApi.some((l) => /kubelet|n_proxy|n_dns/.test(l)), 'no edge from the API server into a pool or to an add-on');
  assert.ok(d.anatomy.edges.filter((e) => e.from === 'n_api' && e.to.endsWith('_kubelet')).length === 2, 'the model still states one relation per pool');
});

test('each RuntimeClass is linked to the pools that load its handler, and only those', async () => {
  const d = await sample('eks-1.33-2026');
  const rc = d.anatomy.nodes.find((n) => n.kind === 'runtime-class' && n.loadedBy?.length);
  assert.ok(rc?.loadedBy);
  const links = edgeLines(anatomyToMermaid(d.anatomy)).filter((l) => l.includes(` ${RUNS_ON} `));
  const groups = rc.loadedBy.map((p) => d.anatomy.pools.find((pool) => pool.id === p)?.group);
  assert.deepEqual(links, groups.map((g) => `${mermaidId(rc.id)} ${RUNS_ON} ${mermaidId(g as string)}`));
  const k3s = anatomyToMermaid((await sample('k3s-ha')).anatomy);
  assert.ok(!k3s.includes(` ${RUNS_ON} `), 'no link for handlers no node loads');
});

test('a pool is styled by its worst blocker: class pool_<severity> and a marker before its title', async () => {
  const d = await sample('kubeadm-1.23-ha');
  const text = anatomyToMermaid(d.anatomy);
  const blocked = d.anatomy.pools.filter((p) => p.severity === 'warning');
  assert.ok(blocked.length > 0);
  assert.match(text, new RegExp(`class ${blocked.map((p) => mermaidId(p.group as string)).join(',')} pool_warning`));
  for (const pool of blocked) assert.match(text, new RegExp(`subgraph ${mermaidId(pool.group as string)}\\["▲ `), 'the marker shows without colour');
  assert.match(text, /classDef pool_warning [^\n]*stroke-dasharray/, 'and the border is dashed');
  const clean = anatomyToMermaid((await sample('openshift-4.13')).anatomy);
  assert.doesNotMatch(clean, /class [^\n]* pool_(error|warning)/);
});

test('wrapped labels break at spaces into short lines, each escaped', () => {
  assert.equal(wrappedLabel('3 worker nodes · linux · at risk: cgroup v1, containerd release', 24), '3 worker nodes · linux ·<br/>at risk: cgroup v1,<br/>containerd release');
  assert.equal(wrappedLabel('short'), 'short');
  assert.equal(wrappedLabel('a"]; click x href "javascript:1"', 12), 'a#34;#93;#59; click x<br/>href<br/>#34;javascript:1#34;');
  assert.equal(wrappedLabel('averyveryverylongwordwithoutspaces', 10), 'averyveryverylongwordwithoutspaces', 'a word longer than a line stays whole');
});

test(`past ${POOLS_PER_ROW} pools the node band wraps into rows, and the pools not drawn are said on the picture`, () => {
  const d = diagnoseObjects(manyPoolsCluster(MAX_DRAWN_POOLS + 2).map((object) => ({ object })), 'v1.29.0');
  const text = anatomyToMermaid(d.anatomy);
  const drawn = d.anatomy.pools.filter((p) => p.members?.length);
  assert.equal(drawn.length, MAX_DRAWN_POOLS);
  const rowLinks = edgeLines(text).filter((l) => l.includes('~~~') && /^pool_\w+_\d+ ~~~ pool_\w+_kubelet$/.test(l));
  assert.equal(rowLinks.length, MAX_DRAWN_POOLS - POOLS_PER_ROW, 'each pool past the first row hangs under the pool a row before it');
  const first = drawn[0]?.members ?? [];
  assert.ok(rowLinks.includes(`${mermaidId(first[first.length - 1] as string)} ~~~ ${mermaidId(drawn[POOLS_PER_ROW]?.members?.[0] as string)}`));
  assert.match(text, /n_more_pools\[\["2 more pools · 6 nodes"\]\]/, 'the pools beyond the drawn ones are named on the picture');
});
