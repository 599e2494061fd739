// HTTP-level behaviour of the simulator: what a client sees on the wire, compared with what a real
// apiserver sends (Status shapes and messages, discovery documents, paging, watch streams, tables,
// auth, RBAC and every fault).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type RunningSimulator } from './src/server';
import { CONTINUE_EXPIRED_MESSAGE } from './src/status';
import { http, SMALL_CLUSTER, watch } from './src/testing';
import type { Json } from './src/testing';


const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
const AGGREGATED = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

function pod(namespace: string, name: string, labels: Record<string, string> = {}, nodeName = 'worker-crio-1'): Json {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, labels }, spec: { nodeName, containers: [{ name: 'c', image: 'busybox:1.36' }] } };
}

let sim: RunningSimulator;

before(async () => {
  sim = await startSimulator({ from: [SMALL_CLUSTER], bookmarkIntervalMs: 200 });
});

after(async () => {
  await sim.close();
});

describe('version and health', () => {
  test('/version returns a full version.Info from the dump', async () => {
    const info = (await http(sim, '/version')).json();
    assert.deepEqual(Object.keys(info).sort(), ['buildDate', 'compiler', 'gitCommit', 'gitTreeState', 'gitVersion', 'goVersion', 'major', 'minor', 'platform']);
    assert.equal(info['gitVersion'], 'v1.29.4');
    assert.equal(info['major'], '1');
    assert.equal(info['minor'], '29');
    assert.match(String(info['gitCommit']), /^[0-9a-f]{40}$/);
  });

  test('/version defaults to v1.30.0 when the scenario names none', async () => {
    const empty = await startSimulator({});
    try {
      assert.equal((await http(empty, '/version')).json()['gitVersion'], 'v1.30.0');
    } finally {
      await empty.close();
    }
  });

  test('/livez, /readyz and /healthz answer ok, even without credentials', async () => {
    for (const path of ['/livez', '/readyz', '/healthz']) {
      const result = await http(sim, path, { token: null });
      assert.equal(result.status, 200, path);
      assert.equal(result.body, 'ok');
    }
  });
});

describe('authentication', () => {
  test('no credentials on an API path is 401 with an Unauthorized Status', async () => {
    const result = await http(sim, '/api/v1/pods', { token: null });
    assert.equal(result.status, 401);
    assert.deepEqual(result.json(), { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
  });

  test('a wrong bearer token is 401 even on /version', async () => {
    const result = await http(sim, '/version', { token: 'not-the-token' });
    assert.equal(result.status, 401);
    assert.equal(result.json()['reason'], 'Unauthorized');
  });
});

describe('discovery', () => {
  test('/api lists v1 and /apis lists the served groups', async () => {
    const api = (await http(sim, '/api')).json();
    assert.equal(api['kind'], 'APIVersions');
    assert.deepEqual(api['versions'], ['v1']);
    const apis = (await http(sim, '/apis')).json();
    assert.equal(apis['kind'], 'APIGroupList');
    const names = (apis['groups'] as Json[]).map((g) => g['name']);
    for (const group of ['apps', 'batch', 'authorization.k8s.io', 'coordination.k8s.io', 'node.k8s.io']) assert.ok(names.includes(group), group);
    const apps = (await http(sim, '/apis/apps')).json();
    assert.equal(apps['kind'], 'APIGroup');
    assert.deepEqual(apps['preferredVersion'], { groupVersion: 'apps/v1', version: 'v1' });
  });

  test('APIResourceLists carry kinds, verbs, scope and the real short names', async () => {
    const shortNames = (list: Json): Record<string, string[]> =>
      Object.fromEntries((list['resources'] as Json[]).filter((r) => r['shortNames']).map((r) => [r['name'], r['shortNames']]));
    const core = (await http(sim, '/api/v1')).json();
    assert.equal(core['groupVersion'], 'v1');
    assert.deepEqual(
      { no: shortNames(core)['nodes'], po: shortNames(core)['pods'], ns: shortNames(core)['namespaces'], cm: shortNames(core)['configmaps'], ev: shortNames(core)['events'] },
      { no: ['no'], po: ['po'], ns: ['ns'], cm: ['cm'], ev: ['ev'] },
    );
    const pods = (core['resources'] as Json[]).find((r) => r['name'] === 'pods') as Json;
    assert.equal(pods['namespaced'], true);
    assert.equal(pods['kind'], 'Pod');
    assert.deepEqual(pods['verbs'], ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']);
    assert.ok((core['resources'] as Json[]).some((r) => r['name'] === 'nodes/proxy'));
    const apps = shortNames((await http(sim, '/apis/apps/v1')).json());
    assert.deepEqual([apps['deployments'], apps['replicasets'], apps['daemonsets'], apps['statefulsets']], [['deploy'], ['rs'], ['ds'], ['sts']]);
    assert.deepEqual(shortNames((await http(sim, '/apis/batch/v1')).json())['cronjobs'], ['cj']);
  });

  test('the aggregated-discovery Accept gets an APIGroupDiscoveryList with its content type (v2 and v2beta1)', async () => {
    for (const version of ['v2', 'v2beta1']) {
      const accept = `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList,application/json`;
      const apis = await http(sim, '/apis', { headers: { Accept: accept } });
      assert.equal(apis.headers['content-type'], `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`);
      const body = apis.json();
      assert.equal(body['kind'], 'APIGroupDiscoveryList');
      assert.equal(body['apiVersion'], `apidiscovery.k8s.io/${version}`);
      const apps = (body['items'] as Json[]).find((i) => i['metadata']['name'] === 'apps') as Json;
      const deployments = (apps['versions'][0]['resources'] as Json[]).find((r) => r['resource'] === 'deployments') as Json;
      assert.deepEqual(deployments['responseKind'], { group: 'apps', version: 'v1', kind: 'Deployment' });
      assert.equal(deployments['scope'], 'Namespaced');
      assert.deepEqual(deployments['shortNames'], ['deploy']);
    }
    const core = (await http(sim, '/api', { headers: { Accept: AGGREGATED } })).json();
    const resources = core['items'][0]['versions'][0]['resources'] as Json[];
    assert.equal((resources.find((r) => r['resource'] === 'nodes') as Json)['scope'], 'Cluster');
  });

  test('a legacy-discovery server answers the aggregated Accept with plain JSON, or 406 when nothing else is acceptable', async () => {
    const legacy = await startSimulator({ discovery: 'legacy' });
    try {
      const apis = await http(legacy, '/apis', { headers: { Accept: AGGREGATED } });
      assert.equal(apis.headers['content-type'], 'application/json');
      assert.equal(apis.json()['kind'], 'APIGroupList');
      const only = await http(legacy, '/apis', { headers: { Accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList' } });
      assert.equal(only.status, 406);
      assert.equal(only.json()['reason'], 'NotAcceptable');
    } finally {
      await legacy.close();
    }
  });

  test('an unknown path is a 404 NotFound Status', async () => {
    const result = await http(sim, '/apis/example.com/v1/widgets');
    assert.equal(result.status, 404);
    assert.equal(result.json()['message'], 'the server could not find the requested resource');
  });
});

describe('reads', () => {
  test('get returns the object with kind and apiVersion; a missing one is NotFound like a real apiserver', async () => {
    const found = (await http(sim, '/api/v1/namespaces/team-a/pods/web-7c9f8b6d5-abcde')).json();
    assert.equal(found['kind'], 'Pod');
    assert.equal(found['apiVersion'], 'v1');
    assert.equal(found['metadata']['resourceVersion'], '1310');
    const missing = await http(sim, '/api/v1/namespaces/team-a/pods/x');
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.json(), {
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'pods "x" not found', reason: 'NotFound', details: { name: 'x', kind: 'pods' }, code: 404,
    });
    const deployment = (await http(sim, '/apis/apps/v1/namespaces/team-a/deployments/nope')).json();
    assert.equal(deployment['message'], 'deployments.apps "nope" not found');
    assert.deepEqual(deployment['details'], { name: 'nope', group: 'apps', kind: 'deployments' });
  });

  test('lists are typed, carry the list resourceVersion, and omit kind on items as real servers do', async () => {
    const all = (await http(sim, '/api/v1/pods')).json();
    assert.equal(all['kind'], 'PodList');
    assert.equal(all['metadata']['resourceVersion'], String(sim.store.resourceVersion));
    assert.equal(all['items'][0]['kind'], undefined);
    const names = (all['items'] as Json[]).map((p) => `${p['metadata']['namespace']}/${p['metadata']['name']}`);
    assert.deepEqual(names, [...names].sort());
    assert.ok(names.includes('team-b/legacy-agent-xyz12'));
    const teamA = (await http(sim, '/api/v1/namespaces/team-a/pods')).json();
    assert.ok((teamA['items'] as Json[]).every((p) => p['metadata']['namespace'] === 'team-a'));
  });

  test('namespaces referenced by objects exist as Namespace objects', async () => {
    const names = ((await http(sim, '/api/v1/namespaces')).json()['items'] as Json[]).map((n) => n['metadata']['name']);
    assert.deepEqual(names, ['default', 'kube-node-lease', 'kube-public', 'kube-system', 'team-a', 'team-b']);
  });

  const labelCases: [string, string[]][] = [
    ['app=web', ['web-7c9f8b6d5-abcde', 'web-7c9f8b6d5-fghij']],
    ['app==batch', ['batch-runner']],
    ['app!=web', ['kube-apiserver-cp-1', 'batch-runner', 'legacy-agent-xyz12']],
    ['app in (batch,legacy-agent)', ['batch-runner', 'legacy-agent-xyz12']],
    ['app notin (web,batch),tier!=control-plane', ['legacy-agent-xyz12']],
    ['tier', ['kube-apiserver-cp-1', 'web-7c9f8b6d5-abcde', 'web-7c9f8b6d5-fghij']],
    ['!tier', ['batch-runner', 'legacy-agent-xyz12']],
    ['app=web,tier=frontend', ['web-7c9f8b6d5-abcde', 'web-7c9f8b6d5-fghij']],
  ];
  for (const [selector, expected] of labelCases) {
    test(`labelSelector "${selector}"`, async () => {
      const list = (await http(sim, `/api/v1/pods?labelSelector=${encodeURIComponent(selector)}`)).json();
      const names = (list['items'] as Json[]).map((p) => p['metadata']['name']).filter((n) => !String(n).startsWith('tmp-'));
      assert.deepEqual(names, expected);
    });
  }

  test('a malformed labelSelector is 400 BadRequest', async () => {
    const result = await http(sim, `/api/v1/pods?labelSelector=${encodeURIComponent('app in (a')}`);
    assert.equal(result.status, 400);
    assert.equal(result.json()['reason'], 'BadRequest');
  });

  const fieldCases: [string, string[]][] = [
    ['metadata.name=batch-runner', ['batch-runner']],
    ['metadata.namespace==team-b', ['batch-runner', 'legacy-agent-xyz12']],
    ['spec.nodeName=worker-docker-1', ['legacy-agent-xyz12']],
    ['spec.nodeName!=worker-crio-1,metadata.namespace!=kube-system', ['legacy-agent-xyz12']],
    ['status.phase=Succeeded', ['batch-runner']],
  ];
  for (const [selector, expected] of fieldCases) {
    test(`fieldSelector "${selector}"`, async () => {
      const list = (await http(sim, `/api/v1/pods?fieldSelector=${encodeURIComponent(selector)}`)).json();
      assert.deepEqual((list['items'] as Json[]).map((p) => p['metadata']['name']), expected);
    });
  }

  test('an unsupported field selector is 400 "field label not supported"', async () => {
    const result = await http(sim, `/api/v1/pods?fieldSelector=${encodeURIComponent('spec.hostname=x')}`);
    assert.equal(result.status, 400);
    assert.equal(result.json()['message'], 'field label not supported: spec.hostname');
  });
});

describe('paging', () => {
  test('limit + continue returns every pod exactly once, with remainingItemCount and one snapshot resourceVersion', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    let snapshot: string | undefined;
    do {
      const page = (await http(sim, `/api/v1/pods?limit=2${token ? `&continue=${encodeURIComponent(token)}` : ''}`)).json();
      snapshot ??= page['metadata']['resourceVersion'];
      assert.equal(page['metadata']['resourceVersion'], snapshot);
      seen.push(...(page['items'] as Json[]).map((p) => `${p['metadata']['namespace']}/${p['metadata']['name']}`));
      token = page['metadata']['continue'];
      if (token) assert.equal(typeof page['metadata']['remainingItemCount'], 'number');
      pages++;
    } while (token);
    const all = ((await http(sim, '/api/v1/pods')).json()['items'] as Json[]).map((p) => `${p['metadata']['namespace']}/${p['metadata']['name']}`);
    assert.deepEqual(seen, all);
    assert.equal(pages, Math.ceil(all.length / 2));
  });

  test('a continue token from before a compaction is 410 Expired with the real message', async () => {
    const isolated = await startSimulator({ from: [SMALL_CLUSTER] });
    try {
      const first = (await http(isolated, '/api/v1/pods?limit=1')).json();
      isolated.store.compact();
      const result = await http(isolated, `/api/v1/pods?limit=1&continue=${encodeURIComponent(first['metadata']['continue'])}`);
      assert.equal(result.status, 410);
      assert.deepEqual(result.json(), { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: CONTINUE_EXPIRED_MESSAGE, reason: 'Expired', code: 410 });
      assert.match(CONTINUE_EXPIRED_MESSAGE, /^The provided continue parameter is too old to display a consistent list result\. You can start a new list without the continue parameter/);
    } finally {
      await isolated.close();
    }
  });

  test('a garbled continue token is 400 BadRequest', async () => {
    const result = await http(sim, '/api/v1/pods?limit=1&continue=not-a-token');
    assert.equal(result.status, 400);
  });
});

describe('writes and resourceVersions', () => {
  test('create fills uid, creationTimestamp, resourceVersion and namespace; every write bumps the one counter', async () => {
    const before = sim.store.resourceVersion;
    const created = await http(sim, '/api/v1/namespaces/team-a/pods', { method: 'POST', body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'tmp-create' }, spec: { containers: [{ name: 'c', image: 'x' }] } } });
    assert.equal(created.status, 201);
    const object = created.json();
    assert.equal(object['metadata']['namespace'], 'team-a');
    assert.match(object['metadata']['uid'], /^[0-9a-f-]{36}$/);
    assert.match(object['metadata']['creationTimestamp'], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(object['metadata']['resourceVersion'], String(before + 1));
    assert.equal(sim.store.resourceVersion, before + 1);

    const again = await http(sim, '/api/v1/namespaces/team-a/pods', { method: 'POST', body: { metadata: { name: 'tmp-create' } } });
    assert.equal(again.status, 409);
    assert.equal(again.json()['message'], 'pods "tmp-create" already exists');
    assert.equal(again.json()['reason'], 'AlreadyExists');

    const patched = await http(sim, '/api/v1/namespaces/team-a/pods/tmp-create', { method: 'PATCH', headers: { 'Content-Type': 'application/merge-patch+json' }, body: { metadata: { labels: { a: 'b' } } } });
    assert.equal(patched.json()['metadata']['labels']['a'], 'b');
    assert.equal(patched.json()['metadata']['resourceVersion'], String(before + 2));
    assert.equal(patched.json()['metadata']['uid'], object['metadata']['uid']);

    const strategic = await http(sim, '/api/v1/namespaces/team-a/pods/tmp-create', { method: 'PATCH', headers: { 'Content-Type': 'application/strategic-merge-patch+json' }, body: { metadata: { labels: { a: null, c: 'd' } } } });
    assert.deepEqual(strategic.json()['metadata']['labels'], { c: 'd' });

    const jsonPatch = await http(sim, '/api/v1/namespaces/team-a/pods/tmp-create', { method: 'PATCH', headers: { 'Content-Type': 'application/json-patch+json' }, body: [{ op: 'add', path: '/metadata/annotations', value: { note: 'x' } }] });
    assert.deepEqual(jsonPatch.json()['metadata']['annotations'], { note: 'x' });

    const stale = { ...object, metadata: { ...object['metadata'], labels: { stale: 'yes' } } };
    const conflict = await http(sim, '/api/v1/namespaces/team-a/pods/tmp-create', { method: 'PUT', body: stale });
    assert.equal(conflict.status, 409);
    assert.equal(conflict.json()['message'], 'Operation cannot be fulfilled on pods "tmp-create": the object has been modified; please apply your changes to the latest version and try again');

    const current = sim.store.get('Pod', 'team-a', 'tmp-create') as Json;
    const updated = await http(sim, '/api/v1/namespaces/team-a/pods/tmp-create', { method: 'PUT', body: { ...current, metadata: { ...current['metadata'], labels: { fresh: 'yes' } } } });
    assert.equal(updated.status, 200);
    assert.deepEqual(sim.store.get('Pod', 'team-a', 'tmp-create')?.['metadata'] && (sim.store.get('Pod', 'team-a', 'tmp-create') as Json)['metadata']['labels'], { fresh: 'yes' });

    const deleted = await http(sim, '/api/v1/namespaces/team-a/pods/tmp-create', { method: 'DELETE' });
    assert.equal(deleted.status, 200);
    assert.equal(deleted.json()['status'], 'Success');
    assert.equal(deleted.json()['details']['name'], 'tmp-create');
    assert.equal(sim.store.get('Pod', 'team-a', 'tmp-create'), undefined);
  });

  test('a no-op update keeps the resourceVersion', async () => {
    const current = sim.store.get('ConfigMap', 'team-a', 'settings') as Json;
    const result = await http(sim, '/api/v1/namespaces/team-a/configmaps/settings', { method: 'PUT', body: current });
    assert.equal(result.json()['metadata']['resourceVersion'], current['metadata']['resourceVersion']);
  });

  test('creating in a namespace that does not exist is NotFound for the namespace', async () => {
    const result = await http(sim, '/api/v1/namespaces/nowhere/configmaps', { method: 'POST', body: { metadata: { name: 'x' } } });
    assert.equal(result.status, 404);
    assert.equal(result.json()['message'], 'namespaces "nowhere" not found');
  });

  test('an unsupported patch type is 415', async () => {
    const result = await http(sim, '/api/v1/namespaces/team-a/configmaps/settings', { method: 'PATCH', headers: { 'Content-Type': 'application/apply-patch+yaml' }, body: '{}' });
    assert.equal(result.status, 415);
  });
});

describe('watch', () => {
  test('sends initial ADDED events, then ADDED/MODIFIED/DELETED for store mutations', async () => {
    const stream = watch(sim, '/api/v1/namespaces/team-b/pods?watch=true');
    try {
      await stream.waitFor((e) => e.length >= 2);
      assert.deepEqual(stream.events.map((e) => e.type), ['ADDED', 'ADDED']);
      sim.store.create(pod('team-b', 'tmp-watch'));
      sim.store.patch('pods', 'team-b', 'tmp-watch', { metadata: { labels: { x: 'y' } } });
      sim.store.create(pod('team-a', 'tmp-elsewhere'));
      sim.store.delete('Pod', 'team-b', 'tmp-watch');
      await stream.waitFor((e) => e.length >= 5);
      assert.deepEqual(stream.events.slice(2).map((e) => `${e.type} ${(e.object['metadata'] as Json)['name']}`), ['ADDED tmp-watch', 'MODIFIED tmp-watch', 'DELETED tmp-watch']);
      assert.equal(stream.events[2]?.object['kind'], 'Pod');
    } finally {
      stream.close();
      sim.store.delete('Pod', 'team-a', 'tmp-elsewhere');
    }
  });

  test('resumes from a resourceVersion with the events after it', async () => {
    const from = sim.store.resourceVersion;
    sim.store.create(pod('team-b', 'tmp-resume'));
    sim.store.delete('Pod', 'team-b', 'tmp-resume');
    const stream = watch(sim, `/api/v1/pods?watch=true&resourceVersion=${from}`);
    try {
      await stream.waitFor((e) => e.length >= 2);
      assert.deepEqual(stream.events.map((e) => e.type), ['ADDED', 'DELETED']);
      assert.equal((stream.events[1]?.object['metadata'] as Json)['resourceVersion'], String(from + 2));
    } finally {
      stream.close();
    }
  });

  test('a compacted resourceVersion gets an ERROR event carrying a 410 Expired Status, then the stream ends', async () => {
    const isolated = await startSimulator({ from: [SMALL_CLUSTER] });
    try {
      isolated.store.create(pod('team-b', 'tmp-old'));
      isolated.store.compact();
      const stream = watch(isolated, '/api/v1/pods?watch=true&resourceVersion=5');
      assert.equal(await stream.status, 200);
      assert.equal(await stream.ended, 'end');
      assert.equal(stream.events.length, 1);
      assert.equal(stream.events[0]?.type, 'ERROR');
      assert.equal(stream.events[0]?.object['code'], 410);
      assert.equal(stream.events[0]?.object['reason'], 'Expired');
      assert.match(String(stream.events[0]?.object['message']), /^too old resource version: 5 \(\d+\)$/);
    } finally {
      await isolated.close();
    }
  });

  test('label selectors turn objects leaving the selector into DELETED and entering into ADDED', async () => {
    const stream = watch(sim, `/api/v1/namespaces/team-b/pods?watch=true&resourceVersion=${sim.store.resourceVersion}&labelSelector=watched%3Dyes`);
    try {
      await stream.status;
      sim.store.create(pod('team-b', 'tmp-sel', { watched: 'no' }));
      sim.store.patch('pods', 'team-b', 'tmp-sel', { metadata: { labels: { watched: 'yes' } } });
      sim.store.patch('pods', 'team-b', 'tmp-sel', { metadata: { labels: { watched: 'no' } } });
      await stream.waitFor((e) => e.length >= 2);
      assert.deepEqual(stream.events.map((e) => e.type), ['ADDED', 'DELETED']);
    } finally {
      stream.close();
      sim.store.delete('pods', 'team-b', 'tmp-sel');
    }
  });

  test('field selectors apply to watches (kubectl get pod NAME --watch)', async () => {
    const stream = watch(sim, `/api/v1/pods?watch=true&fieldSelector=spec.nodeName%3Dworker-docker-1`);
    try {
      await stream.waitFor((e) => e.length >= 1);
      sim.store.create(pod('team-b', 'tmp-field', {}, 'cp-1'));
      sim.store.create(pod('team-b', 'tmp-field-2', {}, 'worker-docker-1'));
      await stream.waitFor((e) => e.length >= 2);
      assert.deepEqual(stream.events.map((e) => (e.object['metadata'] as Json)['name']), ['legacy-agent-xyz12', 'tmp-field-2']);
    } finally {
      stream.close();
      sim.store.delete('pods', 'team-b', 'tmp-field');
      sim.store.delete('pods', 'team-b', 'tmp-field-2');
    }
  });

  test('allowWatchBookmarks sends BOOKMARKs with the current resourceVersion; timeoutSeconds ends the stream', async () => {
    const started = Date.now();
    const stream = watch(sim, `/api/v1/nodes?watch=true&resourceVersion=${sim.store.resourceVersion}&allowWatchBookmarks=true&timeoutSeconds=1`);
    assert.equal(await stream.ended, 'end');
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 900 && elapsed < 3000, `ended after ${elapsed} ms`);
    const bookmarks = stream.events.filter((e) => e.type === 'BOOKMARK');
    assert.ok(bookmarks.length >= 2, `${bookmarks.length} bookmarks`);
    assert.deepEqual(bookmarks[0]?.object, { kind: 'Node', apiVersion: 'v1', metadata: { resourceVersion: String(sim.store.resourceVersion) } });
  });

  test('sendInitialEvents=true ends the initial ADDED events with an initial-events-end BOOKMARK', async () => {
    const stream = watch(sim, '/api/v1/nodes?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true');
    try {
      await stream.waitFor((e) => e.some((x) => x.type === 'BOOKMARK'));
      assert.deepEqual(stream.events.map((e) => e.type), ['ADDED', 'ADDED', 'ADDED', 'BOOKMARK']);
      assert.deepEqual((stream.events[3]?.object['metadata'] as Json)['annotations'], { 'k8s.io/initial-events-end': 'true' });
    } finally {
      stream.close();
    }
  });

  test('Table watches carry column definitions only in the first event', async () => {
    const stream = watch(sim, '/api/v1/namespaces/team-a/pods?watch=true', { Accept: TABLE });
    try {
      await stream.waitFor((e) => e.length >= 2);
      assert.equal(stream.events[0]?.object['kind'], 'Table');
      assert.ok(Array.isArray(stream.events[0]?.object['columnDefinitions']));
      assert.equal(stream.events[1]?.object['columnDefinitions'], null);
    } finally {
      stream.close();
    }
  });
});

describe('tables', () => {
  test('nodes print NAME STATUS ROLES AGE VERSION, and the -o wide columns at priority 1', async () => {
    const table = (await http(sim, '/api/v1/nodes', { headers: { Accept: TABLE } })).json();
    assert.equal(table['kind'], 'Table');
    assert.equal(table['apiVersion'], 'meta.k8s.io/v1');
    assert.deepEqual(
      (table['columnDefinitions'] as Json[]).map((c) => `${c['name']}:${c['priority']}`),
      ['Name:0', 'Status:0', 'Roles:0', 'Age:0', 'Version:0', 'Internal-IP:1', 'External-IP:1', 'OS-Image:1', 'Kernel-Version:1', 'Container-Runtime:1'],
    );
    const docker = (table['rows'] as Json[]).find((r) => r['cells'][0] === 'worker-docker-1') as Json;
    assert.deepEqual(docker['cells'].filter((_: unknown, i: number) => i !== 3), ['worker-docker-1', 'NotReady,SchedulingDisabled', '<none>', 'v1.28.9', '192.168.10.31', '<none>', 'Ubuntu 22.04.4 LTS', '5.15.0-105-generic', 'docker://24.0.7']);
    assert.equal(docker['object']['kind'], 'PartialObjectMetadata');
    assert.equal(table['metadata']['resourceVersion'], String(sim.store.resourceVersion));
  });

  test('pods print READY, STATUS and RESTARTS the way the apiserver derives them', async () => {
    const table = (await http(sim, '/api/v1/namespaces/team-b/pods', { headers: { Accept: TABLE } })).json();
    assert.deepEqual((table['columnDefinitions'] as Json[]).map((c) => c['name']), ['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP', 'Node', 'Nominated Node', 'Readiness Gates']);
    const rows = Object.fromEntries((table['rows'] as Json[]).map((r) => [r['cells'][0], r['cells']]));
    assert.deepEqual([rows['batch-runner']?.slice(1, 4), rows['legacy-agent-xyz12']?.slice(1, 4)], [['0/1', 'Completed', '0'], ['0/1', 'CrashLoopBackOff', '7']]);
  });

  test('includeObject=Object embeds the full object and None embeds nothing', async () => {
    const full = (await http(sim, '/api/v1/namespaces?includeObject=Object', { headers: { Accept: TABLE } })).json();
    assert.equal(full['rows'][0]['object']['kind'], 'Namespace');
    assert.deepEqual((full['columnDefinitions'] as Json[]).map((c) => c['name']), ['Name', 'Status', 'Age']);
    const none = (await http(sim, '/api/v1/namespaces?includeObject=None', { headers: { Accept: TABLE } })).json();
    assert.equal(none['rows'][0]['object'], undefined);
  });

  test('resources without a dedicated printer get NAME and AGE', async () => {
    const table = (await http(sim, '/apis/coordination.k8s.io/v1/leases', { headers: { Accept: 'application/json;as=Table;v=1;g=meta.k8s.io' } })).json();
    assert.deepEqual((table['columnDefinitions'] as Json[]).map((c) => c['name']), ['Name', 'Holder', 'Age']);
    const secrets = (await http(sim, '/api/v1/secrets', { headers: { Accept: TABLE } })).json();
    assert.deepEqual((secrets['columnDefinitions'] as Json[]).map((c) => c['name']), ['Name', 'Age']);
  });
});

describe('node proxy configz', () => {
  const endpoint = async (name: string): Promise<unknown> => (await http(sim, `/api/v1/nodes/${name}/proxy/configz`)).json()['kubeletconfig']['containerRuntimeEndpoint'];

  test('containerRuntimeEndpoint follows the node runtime', async () => {
    assert.equal(await endpoint('cp-1'), 'unix:///run/containerd/containerd.sock');
    assert.equal(await endpoint('worker-crio-1'), 'unix:///var/run/crio/crio.sock');
    assert.equal(await endpoint('worker-docker-1'), 'unix:///var/run/cri-dockerd.sock');
  });

  test('kubelets before 1.27 do not report containerRuntimeEndpoint', async () => {
    const old = await startSimulator({
      objects: [{ apiVersion: 'v1', kind: 'Node', metadata: { name: 'old' }, status: { nodeInfo: { kubeletVersion: 'v1.26.9', containerRuntimeVersion: 'containerd://1.6.20', operatingSystem: 'linux' } } }],
    });
    try {
      const config = (await http(old, '/api/v1/nodes/old/proxy/configz')).json()['kubeletconfig'];
      assert.equal(config['containerRuntimeEndpoint'], undefined);
      assert.equal(config['cgroupDriver'], 'systemd');
    } finally {
      await old.close();
    }
  });

  test('the sim.k8s-anatomy.dev/configz annotation is merged into the kubeletconfig', async () => {
    const config = (await http(sim, '/api/v1/nodes/worker-docker-1/proxy/configz')).json()['kubeletconfig'];
    assert.equal(config['cgroupDriver'], 'cgroupfs');
  });

  test('configz of an unknown node is NotFound for nodes', async () => {
    const result = await http(sim, '/api/v1/nodes/ghost/proxy/configz');
    assert.equal(result.status, 404);
    assert.equal(result.json()['message'], 'nodes "ghost" not found');
  });
});

describe('RBAC', () => {
  let rbac: RunningSimulator;
  before(async () => {
    rbac = await startSimulator({ from: [SMALL_CLUSTER], forbid: ['list:pods@team-a', '*:replicasets', 'get:nodes/proxy'] });
  });
  after(async () => {
    await rbac.close();
  });

  test('a forbidden list is 403 with the real Forbidden Status', async () => {
    const result = await http(rbac, '/api/v1/namespaces/team-a/pods');
    assert.equal(result.status, 403);
    assert.deepEqual(result.json(), {
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
      message: 'pods is forbidden: User "sim-user" cannot list resource "pods" in API group "" in the namespace "team-a"',
      reason: 'Forbidden', details: { kind: 'pods' }, code: 403,
    });
    assert.equal((await http(rbac, '/api/v1/namespaces/team-b/pods')).status, 200);
  });

  test('a namespace rule also denies the all-namespaces list, at the cluster scope', async () => {
    const result = await http(rbac, '/api/v1/pods');
    assert.equal(result.status, 403);
    assert.equal(result.json()['message'], 'pods is forbidden: User "sim-user" cannot list resource "pods" in API group "" at the cluster scope');
  });

  test('wildcard verbs and subresources are denied with their names', async () => {
    const rs = await http(rbac, '/apis/apps/v1/namespaces/team-a/replicasets/web-7c9f8b6d5');
    assert.equal(rs.json()['message'], 'replicasets.apps "web-7c9f8b6d5" is forbidden: User "sim-user" cannot get resource "replicasets" in API group "apps" in the namespace "team-a"');
    const proxy = await http(rbac, '/api/v1/nodes/cp-1/proxy/configz');
    assert.equal(proxy.json()['message'], 'nodes "cp-1" is forbidden: User "sim-user" cannot get resource "nodes/proxy" in API group "" at the cluster scope');
    assert.equal((await http(rbac, '/api/v1/nodes/cp-1')).status, 200);
  });

  test('SelfSubjectAccessReviews agree with the rules', async () => {
    const review = async (attributes: Json): Promise<Json> => {
      const result = await http(rbac, '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
        method: 'POST',
        body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: attributes } },
      });
      assert.equal(result.status, 201);
      return result.json()['status'];
    };
    assert.equal((await review({ verb: 'list', resource: 'pods', namespace: 'team-b' }))['allowed'], true);
    assert.equal((await review({ verb: 'list', resource: 'pods', namespace: 'team-a' }))['allowed'], false);
    assert.equal((await review({ verb: 'delete', group: 'apps', resource: 'replicasets' }))['allowed'], false);
    assert.equal((await review({ verb: 'get', resource: 'nodes', subresource: 'proxy' }))['allowed'], false);
    assert.equal((await review({ verb: 'get', resource: 'nodes' }))['allowed'], true);
  });
});

describe('faults', () => {
  const withFaults = async (faults: string[], body: (s: RunningSimulator) => Promise<void>): Promise<void> => {
    const faulty = await startSimulator({ from: [SMALL_CLUSTER], faults });
    try {
      await body(faulty);
    } finally {
      await faulty.close();
    }
  };

  test('latency=200ms delays responses', () =>
    withFaults(['latency=200ms'], async (s) => {
      const started = Date.now();
      assert.equal((await http(s, '/api/v1/nodes')).status, 200);
      assert.ok(Date.now() - started >= 190);
    }));

  test('429 answers TooManyRequests with Retry-After, count times, only under its path', () =>
    withFaults(['429:count=2,retry-after=3,path=/api/v1/pods'], async (s) => {
      assert.equal((await http(s, '/api/v1/nodes')).status, 200);
      const first = await http(s, '/api/v1/pods');
      assert.equal(first.status, 429);
      assert.equal(first.headers['retry-after'], '3');
      assert.deepEqual(first.json(), { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Too many requests, please try again later.', reason: 'TooManyRequests', details: { retryAfterSeconds: 3 }, code: 429 });
      assert.equal((await http(s, '/api/v1/pods')).status, 429);
      assert.equal((await http(s, '/api/v1/pods')).status, 200);
    }));

  test('500 and 503 answer InternalError and ServiceUnavailable', () =>
    withFaults(['500:count=1,path=/api/v1/nodes', '503:count=1,path=/api/v1/pods'], async (s) => {
      const internal = await http(s, '/api/v1/nodes');
      assert.equal(internal.status, 500);
      assert.equal(internal.json()['reason'], 'InternalError');
      const unavailable = await http(s, '/api/v1/pods');
      assert.equal(unavailable.status, 503);
      assert.equal(unavailable.json()['reason'], 'ServiceUnavailable');
      assert.equal((await http(s, '/api/v1/nodes')).status, 200);
    }));

  test('drop-list cuts the connection in the middle of the page after N pages', () =>
    withFaults(['drop-list:after-pages=1,count=1'], async (s) => {
      const first = (await http(s, '/api/v1/pods?limit=2')).json();
      await assert.rejects(http(s, `/api/v1/pods?limit=2&continue=${encodeURIComponent(first['metadata']['continue'])}`), /aborted|socket hang up|ECONNRESET/);
      assert.equal((await http(s, '/api/v1/pods?limit=2')).status, 200);
    }));

  test('drop-watch cuts each watch after N events', () =>
    withFaults(['drop-watch:after-events=2'], async (s) => {
      const stream = watch(s, '/api/v1/pods?watch=true');
      assert.equal(await stream.ended, 'error');
      assert.equal(stream.events.length, 2);
    }));

  test('watch-close ends watch streams cleanly after the given time', () =>
    withFaults(['watch-close:after=300ms'], async (s) => {
      const started = Date.now();
      const stream = watch(s, '/api/v1/pods?watch=true&timeoutSeconds=60');
      assert.equal(await stream.ended, 'end');
      assert.ok(Date.now() - started < 2000);
      assert.equal(stream.events.length, 5);
    }));

  test('slow-body trickles the body at the given rate', () =>
    withFaults(['slow-body:bytes-per-sec=2000,path=/version'], async (s) => {
      const started = Date.now();
      const result = await http(s, '/version');
      const elapsed = Date.now() - started;
      assert.equal(result.status, 200);
      assert.ok(result.body.length > 200 && elapsed >= 1000 * (result.body.length / 2000) - 150, `${result.body.length} bytes in ${elapsed} ms`);
    }));

  test('hang never answers, and close() still ends the connection promptly', async () => {
    const faulty = await startSimulator({ faults: ['hang:path=/api/v1/pods'] });
    const pending = http(faulty, '/api/v1/pods', { timeoutMs: 30_000 });
    const outcome = pending.then(() => 'answered', () => 'cut');
    const raced = await Promise.race([outcome, new Promise((r) => setTimeout(() => r('still waiting'), 500))]);
    assert.equal(raced, 'still waiting');
    assert.equal((await http(faulty, '/api/v1/nodes')).status, 200);
    const started = Date.now();
    await faulty.close();
    assert.equal(await outcome, 'cut');
    assert.ok(Date.now() - started < 2000);
  });

  test('expire-continue answers 410 Expired for a list continued past page N', () =>
    withFaults(['expire-continue:after-pages=1,count=1'], async (s) => {
      const first = (await http(s, '/api/v1/pods?limit=2')).json();
      const expired = await http(s, `/api/v1/pods?limit=2&continue=${encodeURIComponent(first['metadata']['continue'])}`);
      assert.equal(expired.status, 410);
      assert.equal(expired.json()['reason'], 'Expired');
      assert.equal(expired.json()['message'], CONTINUE_EXPIRED_MESSAGE);
      const retry = (await http(s, '/api/v1/pods?limit=2')).json();
      assert.equal((await http(s, `/api/v1/pods?limit=2&continue=${encodeURIComponent(retry['metadata']['continue'])}`)).status, 200);
    }));

  test('close() ends long-running watches promptly', async () => {
    const faulty = await startSimulator({ from: [SMALL_CLUSTER] });
    const stream = watch(faulty, '/api/v1/pods?watch=true&timeoutSeconds=600');
    await stream.waitFor((e) => e.length >= 1);
    const started = Date.now();
    await faulty.close();
    await stream.ended;
    assert.ok(Date.now() - started < 2000);
  });
});
