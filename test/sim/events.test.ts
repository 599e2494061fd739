// Runtime evidence through the simulator, proven with real kubectl: Events with field selectors
// in core/v1 and events.k8s.io/v1 (each Event served in both shapes), node status with runtime
// handlers and features as given, and the kubelet's /metrics and /configz answered from a dump's
// NODE.kubelet-* files.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator, type RunningSimulator } from './src/server';
import { FIXTURES, http, kubectl, type Json } from './src/testing';

const DIR = join(FIXTURES, 'runtime-evidence');
const AL2 = 'ip-10-0-1-17.ec2.internal';
const AL2023 = 'ip-10-0-2-31.ec2.internal';
let sim: RunningSimulator;

before(async () => {
  sim = await startSimulator({ from: [DIR] });
});
after(async () => {
  await sim.close();
});

const names = (list: Json): string[] => (list['items'] as Json[]).map((e) => e['metadata']['name'] as string).sort();

describe('Events with field selectors', () => {
  test('kubectl get events --field-selector reason=CgroupV1 lists the kubelet warning on the Node', async () => {
    const result = await kubectl(sim.kubeconfigPath, ['get', 'events', '-A', '--field-selector', 'reason=CgroupV1', '-o', 'json']);
    assert.equal(result.code, 0, result.stderr);
    const list = JSON.parse(result.stdout) as Json;
    assert.deepEqual(names(list), [`${AL2}.1872a1b2c3d4e5f6`]);
    assert.equal(list['items'][0]['involvedObject']['kind'], 'Node');
  });

  test('kubectl get events --field-selector type=Warning,involvedObject.kind=Pod finds the pull failure loaded as events.k8s.io/v1', async () => {
    const result = await kubectl(sim.kubeconfigPath, ['get', 'events', '-A', '--field-selector', 'type=Warning,involvedObject.kind=Pod', '-o', 'json']);
    assert.equal(result.code, 0, result.stderr);
    const list = JSON.parse(result.stdout) as Json;
    assert.deepEqual(names(list), ['legacy-api-7d9c-abcde.1872a1b2c3d4e5f7']);
    assert.match(list['items'][0]['message'] as string, /schema 1 image manifests are no longer supported/);
  });

  test('involvedObject.name selects one object\'s Events; an unknown field is a 400 as on a real server', async () => {
    const one = await http(sim, `/api/v1/events?fieldSelector=${encodeURIComponent('involvedObject.name=web-1')}`);
    assert.deepEqual(names(one.json()), ['web-1.1872a1b2c3d4e5f8']);
    const bad = await http(sim, `/api/v1/events?fieldSelector=${encodeURIComponent('message=x')}`);
    assert.equal(bad.status, 400);
    assert.match(bad.json()['message'] as string, /field label not supported: message/);
  });

  test('events.k8s.io/v1 serves the same Events with regarding/note, selectable by regarding.kind and reason', async () => {
    const result = await kubectl(sim.kubeconfigPath, ['get', 'events.v1.events.k8s.io', '-A', '--field-selector', 'regarding.kind=Node,reason=CgroupV1', '-o', 'json']);
    assert.equal(result.code, 0, result.stderr);
    const list = JSON.parse(result.stdout) as Json;
    assert.deepEqual(names(list), [`${AL2}.1872a1b2c3d4e5f6`]);
    const item = list['items'][0] as Json;
    assert.equal(item['apiVersion'], 'events.k8s.io/v1');
    assert.equal(item['regarding']['name'], AL2);
    assert.match(item['note'] as string, /cgroup v1 support is in maintenance mode/);
    assert.equal(item['reportingController'], 'kubelet');
    const paged = await http(sim, `/apis/events.k8s.io/v1/events?limit=1&fieldSelector=${encodeURIComponent('type=Warning')}`);
    assert.equal(paged.status, 200);
    assert.equal((paged.json()['items'] as unknown[]).length, 1);
    assert.ok(paged.json()['metadata']['continue'], 'paged with continue');
    const wrong = await http(sim, `/apis/events.k8s.io/v1/events?fieldSelector=${encodeURIComponent('involvedObject.kind=Node')}`);
    assert.equal(wrong.status, 400, 'events.k8s.io/v1 names it regarding.kind');
  });
});

describe('node status and the kubelet answers', () => {
  test('runtimeHandlers and features pass through as given', async () => {
    const result = await kubectl(sim.kubeconfigPath, ['get', 'node', AL2023, '-o', 'json']);
    assert.equal(result.code, 0, result.stderr);
    const status = (JSON.parse(result.stdout) as Json)['status'] as Json;
    assert.deepEqual(status['runtimeHandlers'], [
      { name: '', features: { recursiveReadOnlyMounts: true, userNamespaces: true } },
      { name: 'runc', features: { recursiveReadOnlyMounts: true, userNamespaces: true } },
    ]);
    assert.deepEqual(status['features'], { supplementalGroupsPolicy: true });
  });

  test('kubectl get --raw …/proxy/metrics prints the saved NODE.kubelet-metrics.txt byte for byte', async () => {
    const result = await kubectl(sim.kubeconfigPath, ['get', '--raw', `/api/v1/nodes/${AL2}/proxy/metrics`]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, readFileSync(join(DIR, `${AL2}.kubelet-metrics.txt`), 'utf8'));
  });

  test('kubectl get --raw …/proxy/configz prints the saved NODE.kubelet-configz.json', async () => {
    const result = await kubectl(sim.kubeconfigPath, ['get', '--raw', `/api/v1/nodes/${AL2}/proxy/configz`]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal((JSON.parse(result.stdout) as Json)['kubeletconfig']['failCgroupV1'], false);
  });

  test('a node without saved answers gets generated ones: cgroup v2, and containerd 2 is not losing support', async () => {
    const result = await kubectl(sim.kubeconfigPath, ['get', '--raw', `/api/v1/nodes/${AL2023}/proxy/metrics`]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^kubelet_cgroup_version 2$/m);
    assert.doesNotMatch(result.stdout, /kubelet_cri_losing_support/);
    const metrics = await http(sim, `/api/v1/nodes/${AL2023}/proxy/metrics`);
    assert.match(String(metrics.headers['content-type']), /^text\/plain; version=0\.0\.4/);
  });

  test('get nodes/proxy forbidden is a 403 for metrics as for configz', async () => {
    const denied = await startSimulator({ from: [DIR], forbid: ['get:nodes/proxy'] });
    try {
      const result = await http(denied, `/api/v1/nodes/${AL2}/proxy/metrics`);
      assert.equal(result.status, 403);
    } finally {
      await denied.close();
    }
  });
});
