// The relations the anatomy states, so no later layer rebuilds them from ids: which pool a node
// and a component belong to, each pool's stack in order, each group's members, and which
// findings touch which component (indices into the report's findings).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { diagnoseObjects, type Diagnosis } from '../../src/core/diagnose';
import { MAX_DRAWN_POOLS, MAX_FINDINGS_PER_NODE, MAX_UNUSED_RUNTIME_CLASSES, groupPools } from '../../src/core/anatomy';
import { nodeFacts } from '../../src/core/nodes';
import { listSamples, loadSample } from '../../src/k8s/samples';
import { node } from '../fixtures/build';

async function sample(name: string): Promise<Diagnosis> {
  const loaded = await loadSample(name);
  return diagnoseObjects(loaded.objects, loaded.serverVersion, { requireNodesAndWorkloads: true, source: { kind: 'sample', name } });
}

/** `kind@runtime of its pool` of every component a finding (rule, subject name) touches. */
function touched(d: Diagnosis, rule: string, subject: string): string[] {
  const index = d.report.findings.findIndex((f) => f.rule === rule && f.subject.name === subject);
  assert.ok(index >= 0, `fixture: a ${rule} finding on ${subject}`);
  return d.anatomy.nodes
    .filter((n) => n.findings?.includes(index))
    .map((n) => `${n.kind}@${d.anatomy.pools.find((p) => p.id === n.pool)?.runtimeName ?? '-'}`)
    .sort();
}

test('anatomy: a dockershim-node finding marks only the dockershim and Docker Engine of that node\'s pool', async () => {
  const d = await sample('mixed-windows');
  assert.deepEqual(touched(d, 'dockershim-node', 'win-worker-1'), ['dockerd@docker', 'dockershim@docker']);
});

test('anatomy: a Docker socket mount marks Docker Engine and every pool that has no Docker (where it breaks)', async () => {
  const d = await sample('mixed-windows');
  assert.deepEqual(touched(d, 'docker-socket-mount', 'ci-runner'), ['containerd@containerd', 'containerd@containerd', 'dockerd@docker']);
});

test('anatomy: containerd inside a Docker pool is Docker\'s and gets no workload findings', async () => {
  const d = await sample('eks-1.23-docker');
  const dockerPools = new Set(d.anatomy.pools.filter((p) => p.runtimeName === 'docker').map((p) => p.id));
  const dockersContainerd = d.anatomy.nodes.filter((n) => n.kind === 'containerd' && n.pool !== undefined && dockerPools.has(n.pool));
  assert.ok(dockersContainerd.length > 0);
  // Node findings (cgroup-v1 on these Amazon Linux 2 nodes) go to the whole pool; workload ones must not.
  for (const n of dockersContainerd) {
    const workload = (n.findings ?? []).map((i) => d.report.findings[i]).filter((f) => f?.subject.kind !== 'Node');
    assert.deepEqual(workload, [], n.id);
  }
  assert.deepEqual(touched(d, 'docker-socket-mount', 'datadog-agent'), ['containerd@containerd', 'dockerd@docker']);
});

test('anatomy: other Node findings go to every component of the node\'s pool, and only there', () => {
  const d = diagnoseObjects([
    { object: node({ name: 'old', runtime: 'containerd://1.5.13', kubelet: 'v1.26.3' }) },
    { object: node({ name: 'ok', runtime: 'containerd://1.7.11', kubelet: 'v1.26.3' }) },
  ], 'v1.26.3');
  const index = d.report.findings.findIndex((f) => f.subject.name === 'old' && f.rule === 'containerd-too-old');
  assert.ok(index >= 0, 'fixture: containerd 1.5 on a 1.26 kubelet is too old');
  const pool = d.anatomy.pools.find((p) => p.runtimeVersion === '1.5.13');
  assert.ok(pool?.members && pool.members.length > 0);
  const marked = d.anatomy.nodes.filter((n) => n.findings !== undefined).map((n) => n.id);
  assert.deepEqual(marked, pool.members);
  assert.equal(d.anatomy.findingComponents?.[index], pool.members[0], 'the finding links to its pool\'s kubelet');
});

test('anatomy: findings of nodes in pools that are not drawn go to the node that stands for them', () => {
  // 20 distinct kubelet versions → 20 pools; only MAX_DRAWN_POOLS are drawn.
  const objects = Array.from({ length: 20 }, (_, i) => ({ object: node({ name: `n${i}`, runtime: 'docker://20.10.17', kubelet: `v1.23.${i}` }) }));
  const d = diagnoseObjects(objects, 'v1.23.17');
  const undrawn = d.anatomy.pools.filter((p) => p.group === undefined);
  assert.equal(undrawn.length, 20 - MAX_DRAWN_POOLS);
  const more = d.anatomy.nodes.find((n) => n.id === undrawn[0]?.drawnIn);
  assert.ok(more, 'undrawn pools name the node that summarises them');
  for (const p of undrawn) assert.deepEqual(p.members, []);
  const indices = more.findings ?? [];
  assert.equal(indices.length, 4);
  assert.ok(indices.every((i) => d.report.findings[i]?.rule === 'dockershim-node'));
});

test('anatomy: a component lists at most MAX_FINDINGS_PER_NODE findings; every index names a finding of the report', () => {
  const pods = Array.from({ length: MAX_FINDINGS_PER_NODE + 50 }, (_, i) => ({
    object: {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i}`, namespace: 'ci' },
      spec: { containers: [{ name: 'c', image: 'x', volumeMounts: [{ name: 's', mountPath: '/var/run/docker.sock' }] }], volumes: [{ name: 's', hostPath: { path: '/var/run/docker.sock' } }] },
    },
  }));
  const d = diagnoseObjects([{ object: node({ name: 'a', runtime: 'containerd://1.7.11', kubelet: 'v1.29.1' }) }, ...pods], 'v1.29.1');
  assert.ok(d.report.findings.length > MAX_FINDINGS_PER_NODE);
  for (const n of d.anatomy.nodes) {
    const list = n.findings ?? [];
    assert.ok(list.length <= MAX_FINDINGS_PER_NODE, n.id);
    assert.equal(new Set(list).size, list.length, `${n.id}: each finding once`);
    for (const i of list) assert.ok(Number.isInteger(i) && i >= 0 && i < d.report.findings.length);
  }
  const links = d.anatomy.findingComponents ?? [];
  assert.equal(links.length, d.report.findings.length, 'one link (or null) per finding');
  assert.equal(links.filter((l) => l !== null).length, MAX_FINDINGS_PER_NODE, 'findings beyond the cap link nowhere');
});

test('anatomy: every sample states its relations: pools ↔ groups ↔ members ↔ node.pool and node.order', async () => {
  for (const { name } of listSamples()) {
    const d = await sample(name);
    const { anatomy } = d;
    const byId = new Map(anatomy.nodes.map((n) => [n.id, n]));
    for (const group of anatomy.groups) {
      assert.deepEqual(group.members, anatomy.nodes.filter((n) => n.group === group.id).map((n) => n.id), `${name}: ${group.id} members`);
    }
    assert.deepEqual(anatomy.groups.filter((g) => g.kind !== 'pool').map((g) => g.kind).slice(0, 3), ['control-plane', 'nodes', 'addons'], name);
    for (const pool of anatomy.pools) {
      const group = anatomy.groups.find((g) => g.kind === 'pool' && g.pool === pool.id);
      assert.equal(group?.id, pool.group, `${name}: pool ${pool.id} is drawn in its group`);
      assert.deepEqual(group?.members, pool.members, `${name}: the group holds the pool's stack`);
      (pool.members ?? []).forEach((id, i) => {
        const n = byId.get(id);
        assert.equal(n?.pool, pool.id, `${name}: ${id} names its pool`);
        assert.equal(n?.order, i, `${name}: ${id} is step ${i} of the stack`);
      });
      assert.equal(byId.get(pool.members?.[0] ?? '')?.kind, 'kubelet', `${name}: a stack starts at the kubelet`);
    }
    for (const n of anatomy.nodes) {
      if (n.pool !== undefined) assert.ok(anatomy.pools.find((p) => p.id === n.pool)?.members?.includes(n.id), `${name}: ${n.id} is a member of ${n.pool}`);
    }
    // Every Node finding of a drawn pool marks a member of that pool, and its link is one of them.
    const { poolOfNode } = groupPools(d.report.nodes.map((r) => nodeFacts(loadedNode(r.name, d))));
    d.report.findings.forEach((f, i) => {
      if (f.subject.kind !== 'Node') return;
      const pool = anatomy.pools.find((p) => p.id === poolOfNode.get(f.subject.name));
      const link = anatomy.findingComponents?.[i];
      assert.ok(link && (pool?.members?.includes(link) || link === pool?.drawnIn), `${name}: finding ${i} links into its node's pool`);
    });
  }
});

test('groupPools: every node is in exactly one pool; nodes that differ only in the Docker path are apart', () => {
  const facts = [
    node({ name: 'a', runtime: 'docker://20.10.17', kubelet: 'v1.23.17' }),
    node({ name: 'b', runtime: 'docker://20.10.17', kubelet: 'v1.23.17', criSocket: 'unix:///var/run/cri-dockerd.sock' }),
    node({ name: 'c', runtime: 'docker://20.10.17', kubelet: 'v1.23.17' }),
  ].map(nodeFacts);
  const { pools, poolOfNode } = groupPools(facts);
  assert.equal(pools.length, 2);
  assert.equal(poolOfNode.get('a'), poolOfNode.get('c'));
  assert.notEqual(poolOfNode.get('a'), poolOfNode.get('b'));
  assert.equal(pools.find((p) => p.id === poolOfNode.get('b'))?.dockerShim, 'cri-dockerd');
  assert.deepEqual([...poolOfNode.keys()].sort(), ['a', 'b', 'c']);
});

/** The Node object of a sample node again (the report keeps only some of its fields). */
function loadedNode(name: string, d: Diagnosis): unknown {
  const found = SAMPLE_NODES.get(d.report.source?.kind === 'sample' ? d.report.source.name : '')?.find((o) => (o as { metadata?: { name?: string } }).metadata?.name === name);
  assert.ok(found, `sample node ${name}`);
  return found;
}

const SAMPLE_NODES = new Map<string, unknown[]>();
test.before(async () => {
  for (const { name } of listSamples()) {
    const loaded = await loadSample(name);
    SAMPLE_NODES.set(name, loaded.objects.map((o) => o.object).filter((o) => (o as { kind?: string }).kind === 'Node'));
  }
});

test('no code outside src/core builds or splits an anatomy id, a pool key or a coverage sentence', () => {
  const root = join(__dirname, '..', '..');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== 'node_modules' && name !== 'dev') walk(path);
      } else if (/\.(ts|mjs)$/.test(name)) files.push(path);
    }
  };
  walk(join(root, 'src'));
  walk(join(root, 'webview'));
  const outside = files.filter((f) => !f.startsWith(join(root, 'src', 'core')));
  assert.ok(outside.length > 20, 'fixture: the extension, CLI, reader and webview sources were found');
  const patterns: readonly [RegExp, string][] = [
    [/`g_\$\{/, 'builds a group id'],
    [/\$\{[\w.]*\.id\}_/, 'builds a stack id from a pool id'],
    [/'n_more_pools'|"n_more_pools"/, 'names the undrawn-pools node'],
    [/\.id\.(?:slice|startsWith|split)\(/, 'splits an anatomy id'],
    [/(?:\/\^?|['"])pods in namespace|`pods in namespace \$\{/, 'writes or reads a coverage sentence'],
    [/CONTROL_PLANE_ROLES/, 'rebuilds the pool key'],
  ];
  for (const file of outside) {
    const text = readFileSync(file, 'utf8');
    for (const [pattern, what] of patterns) assert.doesNotMatch(text, pattern, `${file.slice(root.length + 1)} ${what}`);
  }
});

test('anatomy: each pool states what blocks it at the target (runtime, cgroup and kubelet node findings, one per rule, worst first), also in its group label', async () => {
  const loaded = await loadSample('eks-1.33-2026');
  const d = diagnoseObjects(loaded.objects, loaded.serverVersion, { target: '1.36', today: '2026-12-02' });
  const legacy = d.anatomy.pools.find((p) => p.runtimeVersion === '1.7.27');
  assert.ok(legacy);
  assert.equal(legacy.severity, 'error');
  assert.deepEqual(legacy.blockers?.map((b) => [b.rule, b.severity, b.label, b.nodes]), [
    ['cgroup-v1', 'error', 'cgroup v1', 2],
    ['kubelet-skew-target', 'error', 'kubelet skew', 2],
    ['containerd-v1-end', 'warning', 'containerd 1.x', 2],
  ]);
  for (const b of legacy.blockers ?? []) {
    const finding = d.report.findings[b.finding];
    assert.equal(finding?.rule, b.rule, 'the index names a finding of that rule');
    assert.equal(finding?.subject.kind, 'Node');
  }
  assert.ok(!legacy.blockers?.some((b) => b.rule === 'containerd-eol'), 'information never blocks');
  const group = d.anatomy.groups.find((g) => g.id === legacy.group);
  assert.equal(group?.label, '2 worker nodes · linux · blocked: cgroup v1, kubelet skew, containerd 1.x');
  const atRisk = d.anatomy.pools.filter((p) => p.runtimeVersion === '2.1.4');
  assert.ok(atRisk.length > 0 && atRisk.every((p) => p.severity === 'warning' && p.blockers?.[0]?.rule === 'containerd-outside-matrix'));
  // For its own next minor (1.34) the same legacy pool is only at risk: cgroup v1 warns below 1.35, and 1.7.27 is outside 1.34's containerd table.
  const next = diagnoseObjects(loaded.objects, loaded.serverVersion, {});
  const legacyNext = next.anatomy.pools.find((p) => p.runtimeVersion === '1.7.27');
  assert.deepEqual(legacyNext?.blockers?.map((b) => [b.rule, b.severity]), [['cgroup-v1', 'warning'], ['containerd-outside-matrix', 'warning']]);
  assert.equal(d.anatomy.pools.find((p) => p.runtimeName === 'docker'), undefined);
});

test('anatomy: a RuntimeClass names the pools whose nodes load its handler (status.runtimeHandlers), and says when no node reports it', async () => {
  const loaded = await loadSample('eks-1.33-2026');
  const d = diagnoseObjects(loaded.objects, loaded.serverVersion, {});
  const gvisor = d.anatomy.nodes.find((n) => n.kind === 'runtime-class' && n.facts?.['handler'] === 'runsc');
  assert.ok(gvisor?.loadedBy);
  assert.equal(gvisor.loadedBy.length, 1);
  const pool = d.anatomy.pools.find((p) => p.id === gvisor.loadedBy?.[0]);
  assert.ok(pool);
  assert.match(gvisor.facts?.['loaded by'] ?? '', new RegExp(`^1 of ${d.anatomy.pools.length} pools: ${pool.nodeCount} linux nodes on containerd 2\\.1\\.4$`));
  const k3s = await sample('k3s-ha');
  const unused = k3s.anatomy.nodes.find((n) => n.kind === 'runtime-class');
  assert.equal(unused?.loadedBy, undefined);
  assert.equal(unused?.facts?.['loaded by'], 'not known: no node reports status.runtimeHandlers');
});

test(`anatomy: past ${MAX_UNUSED_RUNTIME_CLASSES} unused RuntimeClasses, the unused ones are one component that names each of them`, async () => {
  const k3s = await sample('k3s-ha');
  const classes = k3s.anatomy.nodes.filter((n) => n.kind === 'runtime-class');
  assert.equal(classes.length, 1, 'k3s\'s ten unused RuntimeClasses are one box');
  const [box] = classes;
  assert.equal(box?.label, '10 unused RuntimeClasses');
  for (const name of ['crun', 'lunatic', 'nvidia', 'nvidia-experimental', 'slight', 'spin', 'wasmedge', 'wasmer', 'wasmtime', 'wws']) {
    assert.ok(box?.detail?.split(', ').includes(name), `the box names ${name}`);
    assert.ok(box?.facts?.['RuntimeClass → handler']?.split(', ').includes(`${name} → ${name}`), `its facts map ${name} to its handler`);
  }
  const eks = await sample('eks-1.33-2026');
  assert.deepEqual(eks.anatomy.nodes.filter((n) => n.kind === 'runtime-class').map((n) => n.label), ['gvisor → runsc'], 'a RuntimeClass in use is its own box');
});
