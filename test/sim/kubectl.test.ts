// Proof of fidelity: real kubectl (the dispatcher picks the client matching the server version)
// talks to the simulator as to an apiserver, with every auth mode, paging, watches, writes, RBAC
// and server-side printing.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { listSamples, loadSample, type SampleInfo } from '../../src/k8s/samples';
import { startSimulator, type RunningSimulator } from './src/server';
import { kubectl, SMALL_CLUSTER } from './src/testing';
import type { Json } from './src/testing';


let sim: RunningSimulator;
let scenario: Json[];

before(async () => {
  sim = await startSimulator({ from: [SMALL_CLUSTER], forbid: ['list:pods@team-b'] });
  scenario = parseAllDocuments(await readFile(SMALL_CLUSTER, 'utf8')).map((d) => d.toJS() as Json).filter((o) => o['kind']);
});

after(async () => {
  await sim.close();
});

function scenarioObjects(kind: string): Json[] {
  return scenario.filter((o) => o['kind'] === kind);
}

/** `kubectl get -o wide` output → rows of columns (split on 2+ spaces). */
function table(text: string): Record<string, string>[] {
  const [header = '', ...lines] = text.trimEnd().split('\n');
  const starts = [...header.matchAll(/\S+(?: \S+)*/g)].map((m) => ({ name: m[0], at: m.index ?? 0 }));
  return lines.map((line) =>
    Object.fromEntries(starts.map((col, i) => [col.name, line.slice(col.at, starts[i + 1]?.at ?? line.length).trim()])),
  );
}

describe('kubectl reads', () => {
  test('get nodes -o wide shows the scenario nodes with VERSION, OS-IMAGE and CONTAINER-RUNTIME', async () => {
    const result = await kubectl(sim.kubeconfigPath, ['get', 'nodes', '-o', 'wide']);
    assert.equal(result.code, 0, result.stderr);
    const rows = table(result.stdout);
    const expected = scenarioObjects('Node').map((n) => ({
      NAME: n['metadata']['name'],
      VERSION: n['status']['nodeInfo']['kubeletVersion'],
      'OS-IMAGE': n['status']['nodeInfo']['osImage'],
      'CONTAINER-RUNTIME': n['status']['nodeInfo']['containerRuntimeVersion'],
    }));
    assert.deepEqual(rows.map((r) => ({ NAME: r['NAME'], VERSION: r['VERSION'], 'OS-IMAGE': r['OS-IMAGE'], 'CONTAINER-RUNTIME': r['CONTAINER-RUNTIME'] })), expected);
    assert.deepEqual(rows.map((r) => r['STATUS']), ['Ready', 'Ready', 'NotReady,SchedulingDisabled']);
    assert.deepEqual(rows.map((r) => r['ROLES']), ['control-plane', 'worker', '<none>']);
  });

  test('get pods -A --chunk-size pages through continue tokens and lists every pod exactly once', async () => {
    const open = await startSimulator({ from: [SMALL_CLUSTER] });
    try {
      const result = await kubectl(open.kubeconfigPath, ['get', 'pods', '-A', '--chunk-size=2', '--no-headers']);
      assert.equal(result.code, 0, result.stderr);
      const listed = result.stdout.trim().split('\n').map((line) => line.split(/\s+/).slice(0, 2).join('/'));
      const expected = scenarioObjects('Pod').map((p) => `${p['metadata']['namespace']}/${p['metadata']['name']}`).sort();
      assert.deepEqual([...listed].sort(), expected);
      assert.equal(new Set(listed).size, listed.length);
      const continued = open.requests.filter((r) => r.path === '/api/v1/pods' && r.query['continue']);
      assert.ok(continued.length >= 2, `${continued.length} continue requests`);
      assert.ok(open.requests.filter((r) => r.path === '/api/v1/pods').every((r) => r.query['limit'] === '2'));
    } finally {
      await open.close();
    }
  });

  test('get nodes -o json returns the scenario nodes', async () => {
    const result = await kubectl(sim.kubeconfigPath, ['get', 'nodes', '-o', 'json']);
    assert.equal(result.code, 0, result.stderr);
    const list = JSON.parse(result.stdout) as Json;
    assert.equal(list['kind'], 'List');
    for (const expected of scenarioObjects('Node')) {
      const got = (list['items'] as Json[]).find((n) => n['metadata']['name'] === expected['metadata']['name']) as Json;
      assert.equal(got['kind'], 'Node');
      assert.deepEqual(got['status'], expected['status']);
      assert.deepEqual(got['metadata']['labels'], expected['metadata']['labels']);
      assert.equal(got['metadata']['resourceVersion'], expected['metadata']['resourceVersion']);
    }
  });

  test('get pods -n team-a -o yaml returns the scenario pods', async () => {
    const result = await kubectl(sim.kubeconfigPath, ['get', 'pods', '-n', 'team-a', '-o', 'yaml']);
    assert.equal(result.code, 0, result.stderr);
    const items = (parse(result.stdout) as Json)['items'] as Json[];
    const expected = scenarioObjects('Pod').filter((p) => p['metadata']['namespace'] === 'team-a');
    assert.deepEqual(items.map((p) => p['metadata']['name']), expected.map((p) => p['metadata']['name']));
    for (const [i, pod] of items.entries()) {
      assert.deepEqual(pod['spec'], expected[i]?.['spec']);
      assert.deepEqual(pod['status'], expected[i]?.['status']);
      assert.deepEqual(pod['metadata']['labels'], expected[i]?.['metadata']['labels']);
    }
  });

  test('version -o json reports the scenario server version', async () => {
    const result = await kubectl(sim.kubeconfigPath, ['version', '-o', 'json']);
    assert.equal(result.code, 0, result.stderr);
    const version = JSON.parse(result.stdout) as Json;
    assert.equal(version['serverVersion']['gitVersion'], 'v1.29.4');
    assert.equal(version['serverVersion']['platform'], 'linux/amd64');
  });

  test('get --raw /api/v1/nodes/NAME/proxy/configz returns the kubelet config', async () => {
    const result = await kubectl(sim.kubeconfigPath, ['get', '--raw', '/api/v1/nodes/worker-crio-1/proxy/configz']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal((JSON.parse(result.stdout) as Json)['kubeletconfig']['containerRuntimeEndpoint'], 'unix:///var/run/crio/crio.sock');
  });

  test('get with short names across groups (deploy, rs, cm, runtimeclass)', async () => {
    const result = await kubectl(sim.kubeconfigPath, ['get', 'deploy,rs,cm,runtimeclass', '-A', '-o', 'name']);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(result.stdout.trim().split('\n'), ['deployment.apps/web', 'replicaset.apps/web-7c9f8b6d5', 'configmap/settings', 'runtimeclass.node.k8s.io/gvisor']);
    // Aggregated discovery answered everything: kubectl never fell back to per-group documents.
    assert.equal(sim.requests.filter((r) => r.path === '/api/v1' || /^\/apis\/[^/]+\/v1$/.test(r.path)).length, 0);
  });
});

describe('kubectl and RBAC', () => {
  test('auth can-i says yes for an allowed request and no for a forbidden one', async () => {
    const yes = await kubectl(sim.kubeconfigPath, ['auth', 'can-i', 'list', 'nodes']);
    assert.equal(yes.stdout.trim(), 'yes');
    assert.equal(yes.code, 0);
    const allPods = await kubectl(sim.kubeconfigPath, ['auth', 'can-i', 'list', 'pods', '-n', 'team-a']);
    assert.equal(allPods.stdout.trim(), 'yes');
    const no = await kubectl(sim.kubeconfigPath, ['auth', 'can-i', 'list', 'pods', '-n', 'team-b']);
    assert.equal(no.stdout.trim(), 'no');
    assert.equal(no.code, 1);
  });

  test('auth can-i list pods --all-namespaces is yes without rules and no when a namespace is forbidden', async () => {
    const open = await startSimulator({ from: [SMALL_CLUSTER] });
    try {
      assert.equal((await kubectl(open.kubeconfigPath, ['auth', 'can-i', 'list', 'pods', '--all-namespaces'])).stdout.trim(), 'yes');
    } finally {
      await open.close();
    }
    assert.equal((await kubectl(sim.kubeconfigPath, ['auth', 'can-i', 'list', 'pods', '--all-namespaces'])).stdout.trim(), 'no');
  });

  test('a --forbid rule makes kubectl print the Forbidden message', async () => {
    const result = await kubectl(sim.kubeconfigPath, ['get', 'pods', '-n', 'team-b']);
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /Error from server \(Forbidden\): pods is forbidden: User "sim-user" cannot list resource "pods" in API group "" in the namespace "team-b"/);
  });
});

describe('kubectl writes', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'k8s-anatomy-kubectl-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('create -f, label and delete are each reflected in the store', async () => {
    const file = join(dir, 'pod.yaml');
    await writeFile(file, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: made-by-kubectl\n  namespace: team-a\nspec:\n  containers:\n    - name: c\n      image: busybox:1.36\n');
    const created = await kubectl(sim.kubeconfigPath, ['create', '-f', file]);
    assert.equal(created.code, 0, created.stderr);
    assert.equal(created.stdout.trim(), 'pod/made-by-kubectl created');
    assert.equal(sim.store.get('Pod', 'team-a', 'made-by-kubectl')?.['kind'], 'Pod');

    const labelled = await kubectl(sim.kubeconfigPath, ['label', 'pod', 'made-by-kubectl', '-n', 'team-a', 'a=b']);
    assert.equal(labelled.code, 0, labelled.stderr);
    assert.equal(labelled.stdout.trim(), 'pod/made-by-kubectl labeled');
    assert.deepEqual((sim.store.get('Pod', 'team-a', 'made-by-kubectl') as Json)['metadata']['labels'], { a: 'b' });

    const deleted = await kubectl(sim.kubeconfigPath, ['delete', 'pod', 'made-by-kubectl', '-n', 'team-a']);
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.equal(deleted.stdout.trim(), 'pod "made-by-kubectl" deleted');
    assert.equal(sim.store.get('Pod', 'team-a', 'made-by-kubectl'), undefined);
  });

  test('get pods --watch prints pods created and deleted in the store', async () => {
    const child = spawn('kubectl', ['--kubeconfig', sim.kubeconfigPath, 'get', 'pods', '-n', 'team-a', '--watch', '--output-watch-events'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const waitFor = (pattern: RegExp): Promise<void> =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${pattern} in kubectl output:\n${output}`)), 15_000);
        const check = (): void => {
          if (pattern.test(output)) {
            clearTimeout(timer);
            child.stdout.off('data', check);
            resolve();
          }
        };
        child.stdout.on('data', check);
        check();
      });
    try {
      await waitFor(/ADDED\s+web-7c9f8b6d5-fghij/);
      // Give kubectl a moment to switch from the initial list to the watch.
      await new Promise((r) => setTimeout(r, 300));
      sim.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'watched-pod', namespace: 'team-a' }, spec: { containers: [{ name: 'c', image: 'x' }] }, status: { phase: 'Pending' } });
      await waitFor(/ADDED\s+watched-pod\s+0\/1\s+Pending/);
      sim.store.delete('Pod', 'team-a', 'watched-pod');
      await waitFor(/DELETED\s+watched-pod/);
    } finally {
      child.kill();
      await new Promise((r) => child.once('exit', r));
    }
  });
});

describe('kubectl authentication', () => {
  for (const auth of ['cert', 'token', 'exec'] as const) {
    test(`--auth ${auth} works with the written kubeconfig`, async () => {
      const authed = await startSimulator({ from: [SMALL_CLUSTER], auth });
      try {
        const result = await kubectl(authed.kubeconfigPath, ['get', 'ns', 'team-a', '-o', 'name']);
        assert.equal(result.code, 0, result.stderr);
        assert.equal(result.stdout.trim(), 'namespace/team-a');
        const users = new Set(authed.requests.filter((r) => r.path.startsWith('/api/')).map((r) => r.user));
        assert.deepEqual([...users], ['sim-user']);
        const config = parse(await readFile(authed.kubeconfigPath, 'utf8')) as Json;
        const user = config['users'][0]['user'];
        if (auth === 'cert') assert.ok(user['client-certificate-data'] && !user['token']);
        if (auth === 'token') assert.equal(user['token'], authed.token);
        if (auth === 'exec') assert.deepEqual([user['exec']['apiVersion'], user['exec']['interactiveMode']], ['client.authentication.k8s.io/v1', 'Never']);
      } finally {
        await authed.close();
      }
    });
  }

  test('a wrong token makes kubectl fail with Unauthorized', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'k8s-anatomy-kubectl-'));
    try {
      const config = (await readFile(sim.kubeconfigPath, 'utf8')).replace(sim.token ?? '', 'wrong-token');
      const path = join(dir, 'kubeconfig');
      await writeFile(path, config);
      const result = await kubectl(path, ['get', 'nodes']);
      assert.notEqual(result.code, 0);
      assert.match(result.stderr, /Unauthorized/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('kubectl across discovery styles and client versions', () => {
  test('a legacy-discovery server (no aggregated discovery) still serves kubectl', async () => {
    const legacy = await startSimulator({ from: [SMALL_CLUSTER], discovery: 'legacy' });
    try {
      const result = await kubectl(legacy.kubeconfigPath, ['get', 'deploy', '-n', 'team-a', '-o', 'name']);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout.trim(), 'deployment.apps/web');
      assert.ok(legacy.requests.some((r) => r.path === '/apis/apps/v1'), 'kubectl fell back to per-group discovery');
    } finally {
      await legacy.close();
    }
  });

  test('kubectl 1.27 (aggregated discovery v2beta1) works against a v1.27 server', async () => {
    const old = await startSimulator({ from: [SMALL_CLUSTER], serverVersion: 'v1.27.3' });
    try {
      const result = await kubectl(old.kubeconfigPath, ['get', 'nodes', '-o', 'name']);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout.trim().split('\n').length, 3);
      const version = JSON.parse((await kubectl(old.kubeconfigPath, ['version', '-o', 'json'])).stdout) as Json;
      assert.equal(version['clientVersion']['minor'], '27');
      const apis = old.requests.find((r) => r.path === '/apis');
      assert.match(apis?.accept ?? '', /^application\/json;g=apidiscovery\.k8s\.io;v=v2beta1;as=APIGroupDiscoveryList/);
      assert.equal(old.requests.filter((r) => r.path === '/api/v1' || r.path.match(/^\/apis\/[^/]+\/v1$/)).length, 0, 'no per-group discovery needed');
    } finally {
      await old.close();
    }
  });

  test('kubectl retries a 429 with Retry-After and then succeeds', async () => {
    const busy = await startSimulator({ from: [SMALL_CLUSTER], faults: ['429:count=1,retry-after=1,path=/api/v1/namespaces/team-a/pods'] });
    try {
      const result = await kubectl(busy.kubeconfigPath, ['get', 'pods', '-n', 'team-a', '-o', 'name']);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout.trim().split('\n').length, 2);
      assert.deepEqual(busy.requests.filter((r) => r.path === '/api/v1/namespaces/team-a/pods').map((r) => r.status), [429, 200]);
    } finally {
      await busy.close();
    }
  });
});

describe('kubectl on the built-in samples', () => {
  let samples: readonly SampleInfo[] = [];
  try {
    samples = listSamples();
  } catch {
    // No samples/ folder yet: nothing to check.
  }
  for (const sample of samples) {
    test(`sample ${sample.name}: get nodes -o wide matches the dump`, async () => {
      const dump = await loadSample(sample.name);
      const sim = await startSimulator({ sample: sample.name });
      try {
        const result = await kubectl(sim.kubeconfigPath, ['get', 'nodes', '-o', 'wide']);
        assert.equal(result.code, 0, result.stderr);
        const rows = table(result.stdout).map((r) => `${r['NAME']} ${r['VERSION']} ${r['CONTAINER-RUNTIME']}`).sort();
        const expected = dump.objects
          .map((o) => o.object as Json)
          .filter((o) => o['kind'] === 'Node')
          .map((n) => `${n['metadata']['name']} ${n['status']?.['nodeInfo']?.['kubeletVersion'] ?? ''} ${n['status']?.['nodeInfo']?.['containerRuntimeVersion'] ?? '<unknown>'}`)
          .sort();
        assert.deepEqual(rows, expected);
        assert.equal(sim.serverVersion, dump.serverVersion ?? 'v1.30.0');
      } finally {
        await sim.close();
      }
    });
  }
});
