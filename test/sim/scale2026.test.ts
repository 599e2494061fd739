// The 2026 scale profile: realistic pools of a 2026 cluster (AL2023 on containerd 2.1,
// Bottlerocket, a legacy Amazon Linux 2 pool on containerd 1.7 with cgroup v1, Ubuntu 24.04 with
// CRI-O, Windows), with the evidence each would give: runtime handlers on containerd 2, a
// CgroupV1 Warning and `kubelet_cgroup_version 1` from every AL2 kubelet.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { generateScaleCluster, SCALE_2026_SERVER_VERSION } from './src/scale';
import { startSimulator, type RunningSimulator } from './src/server';
import { http, type Json } from './src/testing';
import { parseCommandLine } from './src/main';

const objects = [...generateScaleCluster({ nodes: 200, pods: 600, seed: 7, profile: '2026', now: Date.parse('2026-12-02T12:00:00Z') }).objects] as Json[];
const nodes = objects.filter((o) => o['kind'] === 'Node');
const events = objects.filter((o) => o['kind'] === 'Event');
const info = (n: Json): Json => n['status']['nodeInfo'] as Json;

test('the 2026 pools carry the strings real nodes report', () => {
  const runtimes = new Set(nodes.map((n) => info(n)['containerRuntimeVersion'] as string));
  for (const runtime of ['containerd://2.1.4+bottlerocket', 'containerd://1.7.27']) assert.ok(runtimes.has(runtime), runtime);
  assert.ok([...runtimes].some((r) => /^cri-o:\/\/1\.33\./.test(r)));
  const images = new Set(nodes.map((n) => info(n)['osImage'] as string));
  for (const image of ['Amazon Linux 2023.8.20250915', 'Bottlerocket OS 1.44.0 (aws-k8s-1.33)', 'Amazon Linux 2', 'Ubuntu 24.04.3 LTS', 'Windows Server 2022 Datacenter']) assert.ok(images.has(image), image);
  assert.equal(nodes.length, 200);
});

test('every Amazon Linux 2 node posted a CgroupV1 Warning, and no other node did', () => {
  const al2 = nodes.filter((n) => info(n)['osImage'] === 'Amazon Linux 2').map((n) => n['metadata']['name'] as string).sort();
  assert.ok(al2.length > 10);
  assert.deepEqual(events.map((e) => e['involvedObject']['name'] as string).sort(), al2);
  assert.ok(events.every((e) => e['reason'] === 'CgroupV1' && e['type'] === 'Warning' && e['involvedObject']['kind'] === 'Node'));
});

test('containerd 2 nodes report runtime handlers and features; containerd 1.7 nodes do not', () => {
  for (const node of nodes) {
    const runtime = info(node)['containerRuntimeVersion'] as string;
    const handlers = node['status']['runtimeHandlers'] as Json[] | undefined;
    if (runtime.startsWith('containerd://2.')) assert.deepEqual(handlers?.map((h) => h['name']), ['', 'runc'], node['metadata']['name'] as string);
    if (runtime.startsWith('containerd://1.')) assert.equal(handlers, undefined);
  }
});

test('the default profile is unchanged: no Events, no handlers', () => {
  const old = [...generateScaleCluster({ nodes: 50, pods: 100, seed: 7 }).objects] as Json[];
  assert.equal(old.filter((o) => o['kind'] === 'Event').length, 0);
  assert.ok(old.filter((o) => o['kind'] === 'Node').every((n) => n['status']['runtimeHandlers'] === undefined));
});

test('--scale …,profile=2026 is parsed, and a bad profile is a usage error', () => {
  const parsed = parseCommandLine(['--scale', 'nodes=10,pods=5,profile=2026']);
  assert.equal(parsed.help, false);
  if (!parsed.help) assert.equal(parsed.options.scale?.profile, '2026');
  assert.throws(() => parseCommandLine(['--scale', 'nodes=10,pods=5,profile=1999']), /profile is 2024 or 2026/);
});

const running: RunningSimulator[] = [];
after(async () => {
  await Promise.all(running.map((s) => s.close()));
});

test('served: an AL2 kubelet says cgroup v1 and losing support; an AL2023 kubelet says v2', async () => {
  const sim = await startSimulator({ scale: { nodes: 40, pods: 50, seed: 7, profile: '2026' } });
  running.push(sim);
  assert.equal(sim.serverVersion, SCALE_2026_SERVER_VERSION);
  const al2 = await http(sim, '/api/v1/nodes/k8s-al2-00001/proxy/metrics');
  assert.match(al2.body, /^kubelet_cgroup_version 1$/m);
  assert.match(al2.body, /^kubelet_cri_losing_support\{version="1\.38\.0"\} 1$/m);
  const al2023 = await http(sim, '/api/v1/nodes/k8s-al2023-00001/proxy/metrics');
  assert.match(al2023.body, /^kubelet_cgroup_version 2$/m);
  const warnings = await http(sim, `/api/v1/events?fieldSelector=${encodeURIComponent('reason=CgroupV1')}`);
  assert.ok((warnings.json()['items'] as unknown[]).length > 0);
});
