// The scale generator: the cluster it makes is coherent (owners exist, every Linux node runs its
// DaemonSets), shaped like the brief (pools, control plane, Docker-socket workloads, batch), made
// of full pods, exact in count and deterministic for a seed; and the server pages through it.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateScaleCluster } from './src/scale';
import { startSimulator, type RunningSimulator } from './src/server';
import { Preserialized, type KubeObject } from './src/store';
import { http, kubectl } from './src/testing';
import type { Json } from './src/testing';

const NOW = Date.parse('2025-06-01T12:00:00Z');

function materialise(options: { nodes: number; pods: number; seed?: number }): Json[] {
  return [...generateScaleCluster({ ...options, now: NOW }).objects].map((o) =>
    o instanceof Preserialized ? { apiVersion: o.summary['apiVersion'], kind: o.summary['kind'], ...(JSON.parse(o.itemJson) as KubeObject) } : (structuredClone(o) as Json),
  );
}

describe('generated cluster', () => {
  let objects: Json[];
  let pods: Json[];
  let nodes: Json[];
  before(() => {
    objects = materialise({ nodes: 200, pods: 5000 });
    pods = objects.filter((o) => o['kind'] === 'Pod');
    nodes = objects.filter((o) => o['kind'] === 'Node');
  });

  test('has exactly the requested number of nodes and pods, with unique names', () => {
    assert.equal(nodes.length, 200);
    assert.equal(pods.length, 5000);
    assert.equal(new Set(pods.map((p) => `${p['metadata']['namespace']}/${p['metadata']['name']}`)).size, 5000);
  });

  test('node pools follow the runtime mix: containerd 1.7 / 1.6, CRI-O, Docker via cri-dockerd, Windows', () => {
    const byPool = new Map<string, Json[]>();
    for (const node of nodes) {
      const pool = node['metadata']['labels']['anatomy.example.com/pool'] as string;
      byPool.set(pool, [...(byPool.get(pool) ?? []), node]);
    }
    const count = (pool: string): number => byPool.get(pool)?.length ?? 0;
    assert.deepEqual([count('cp'), count('win')], [3, 2]);
    assert.deepEqual([count('ctd17'), count('ctd16'), count('crio'), count('dkr')], [117, 49, 19, 10]);
    const info = (pool: string): Json => byPool.get(pool)?.[0]?.['status']['nodeInfo'];
    assert.match(info('ctd17')['containerRuntimeVersion'], /^containerd:\/\/1\.7\./);
    assert.equal(info('ctd17')['kubeletVersion'], 'v1.29.6');
    assert.match(info('ctd16')['containerRuntimeVersion'], /^containerd:\/\/1\.6\./);
    assert.equal(info('ctd16')['kubeletVersion'], 'v1.28.11');
    assert.match(info('crio')['containerRuntimeVersion'], /^cri-o:\/\/1\.29\./);
    assert.match(info('dkr')['containerRuntimeVersion'], /^docker:\/\/24\.0\./);
    assert.equal(byPool.get('dkr')?.[0]?.['metadata']['annotations']['kubeadm.alpha.kubernetes.io/cri-socket'], 'unix:///var/run/cri-dockerd.sock');
    assert.equal(info('win')['operatingSystem'], 'windows');
    assert.equal(info('win')['osImage'], 'Windows Server 2022 Datacenter');
  });

  test('each control-plane node carries kubeadm static pods and the haproxy/keepalived front', () => {
    for (const node of nodes.filter((n) => 'node-role.kubernetes.io/control-plane' in n['metadata']['labels'])) {
      const name = node['metadata']['name'] as string;
      const onNode = pods.filter((p) => p['spec']['nodeName'] === name && p['metadata']['namespace'] === 'kube-system').map((p) => p['metadata']['name']);
      for (const component of ['kube-apiserver', 'etcd', 'kube-scheduler', 'kube-controller-manager', 'haproxy', 'keepalived']) {
        assert.ok(onNode.includes(`${component}-${name}`), `${component} on ${name}`);
      }
      const apiserver = pods.find((p) => p['metadata']['name'] === `kube-apiserver-${name}`) as Json;
      assert.deepEqual(apiserver['metadata']['labels'], { component: 'kube-apiserver', tier: 'control-plane' });
      assert.equal(apiserver['metadata']['ownerReferences'][0]['kind'], 'Node');
      assert.equal(apiserver['metadata']['annotations']['kubernetes.io/config.source'], 'file');
    }
  });

  test('every Linux node runs kube-proxy and the CNI; Windows nodes run neither', () => {
    for (const node of nodes) {
      const name = node['metadata']['name'] as string;
      const daemons = pods.filter((p) => p['spec']['nodeName'] === name && p['metadata']['ownerReferences']?.[0]?.['kind'] === 'DaemonSet').map((p) => p['metadata']['ownerReferences'][0]['name']);
      const windows = node['metadata']['labels']['kubernetes.io/os'] === 'windows';
      assert.equal(daemons.includes('kube-proxy'), !windows, name);
      assert.equal(daemons.includes('calico-node'), !windows, name);
    }
  });

  test('owners exist: pods → ReplicaSets/DaemonSets/StatefulSets/Jobs/Nodes, ReplicaSets → Deployments, Jobs → CronJobs', () => {
    const uids = new Set(objects.map((o) => o['metadata']['uid']));
    for (const object of objects) {
      for (const owner of object['metadata']['ownerReferences'] ?? []) assert.ok(uids.has(owner['uid']), `${object['kind']} ${object['metadata']['name']} → ${owner['kind']} ${owner['name']}`);
    }
    const kinds = new Set(objects.map((o) => o['kind']));
    for (const kind of ['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job', 'CronJob', 'Lease', 'RuntimeClass', 'ConfigMap']) assert.ok(kinds.has(kind), kind);
    assert.ok(new Set(pods.map((p) => p['metadata']['namespace'])).size >= 45);
  });

  test('a few workloads mount the Docker socket', () => {
    const dockerSocket = pods.filter((p) => (p['spec']['volumes'] as Json[]).some((v) => v['hostPath']?.['path'] === '/var/run/docker.sock'));
    assert.deepEqual([...new Set(dockerSocket.map((p) => `${p['metadata']['namespace']}/${p['metadata']['labels']['app']}`))].sort(), ['ci/docker-builder', 'ci/jenkins-agent', 'tools/dind-runner']);
  });

  test('pods are full objects of 2–6 KB: containers, env, resources, projected token volume, status with conditions and containerStatuses', () => {
    const sizes = pods.map((p) => JSON.stringify(p).length);
    const average = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    assert.ok(average > 2500 && average < 4600, `average ${average}`);
    assert.ok(Math.min(...sizes) > 2000 && Math.max(...sizes) < 6500);
    for (const pod of pods.slice(0, 50).concat(pods.slice(-50))) {
      assert.ok((pod['spec']['volumes'] as Json[]).some((v) => String(v['name']).startsWith('kube-api-access-') && v['projected']), pod['metadata']['name']);
      assert.ok((pod['spec']['containers'] as Json[]).every((c) => c['image'] && c['volumeMounts'].some((m: Json) => m['mountPath'] === '/var/run/secrets/kubernetes.io/serviceaccount')));
      assert.equal((pod['status']['conditions'] as Json[]).length, 5);
      const runtime = (nodes.find((n) => n['metadata']['name'] === pod['spec']['nodeName']) as Json)['status']['nodeInfo']['containerRuntimeVersion'].split('://')[0];
      assert.ok((pod['status']['containerStatuses'] as Json[]).every((s) => String(s['containerID']).startsWith(`${runtime}://`)));
    }
  });

  test('the same seed gives the same cluster; another seed gives another', () => {
    const first = JSON.stringify(materialise({ nodes: 50, pods: 1500 }));
    assert.equal(JSON.stringify(materialise({ nodes: 50, pods: 1500 })), first);
    assert.notEqual(JSON.stringify(materialise({ nodes: 50, pods: 1500, seed: 2 })), first);
  });

  test('tiny clusters still work: one node and fewer pods than the system needs', () => {
    const tiny = materialise({ nodes: 1, pods: 3 });
    assert.equal(tiny.filter((o) => o['kind'] === 'Node').length, 1);
    assert.equal(tiny.filter((o) => o['kind'] === 'Pod').length, 3);
  });
});

describe('serving a generated cluster', () => {
  let sim: RunningSimulator;
  before(async () => {
    sim = await startSimulator({ scale: { nodes: 300, pods: 9_000 } });
  });
  after(async () => {
    await sim.close();
  });

  test('reports the generator server version and lists pods per node with a field selector', async () => {
    assert.equal((await http(sim, '/version')).json()['gitVersion'], 'v1.29.6');
    const onNode = (await http(sim, '/api/v1/pods?fieldSelector=spec.nodeName%3Dk8s-cp-01')).json()['items'] as Json[];
    assert.ok(onNode.length >= 8);
    assert.ok(onNode.every((p) => p['spec']['nodeName'] === 'k8s-cp-01'));
  });

  test('kubectl pages through every pod with the default chunk size', async () => {
    const result = await kubectl(sim.kubeconfigPath, ['get', 'pods', '-A', '--no-headers'], 60_000);
    assert.equal(result.code, 0, result.stderr);
    const rows = result.stdout.trim().split('\n');
    assert.equal(rows.length, 9_000);
    assert.equal(new Set(rows.map((row) => row.split(/\s+/).slice(0, 2).join('/'))).size, 9_000);
    assert.equal(sim.requests.filter((r) => r.path === '/api/v1/pods' && r.query['limit'] === '500').length, 18);
  });

  test('an unpaged list too big for one string is streamed (chunked) and complete', async () => {
    const result = await http(sim, '/api/v1/pods', { timeoutMs: 60_000 });
    assert.equal(result.status, 200);
    assert.equal(result.headers['content-length'], undefined);
    assert.ok(result.body.length > 32 * 1024 * 1024);
    const list = result.json();
    assert.equal(list['items'].length, 9_000);
    assert.equal(list['metadata']['resourceVersion'], String(sim.store.resourceVersion));
  });
});
