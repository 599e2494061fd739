// The live reader against the simulator: the same diagnosis over the API as from the dump, for
// every sample; partial permissions, auth and API faults ending in the documented exit codes and
// messages, in bounded time; the live view following watches.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listSamples } from '../../src/k8s/samples';
import { loadKubeconfig } from '../../src/k8s/kubeconfig';
import { LiveCluster } from '../../src/k8s/live';
import { ClusterError } from '../../src/k8s/errors';
import type { Diagnosis } from '../../src/core/diagnose';
import type { ReadinessReport } from '../../src/core/model';
import type { RunningSimulator, SimOptions } from '../sim/src/server';
import { runCli } from '../fixtures/cli';
import { simulatorPool } from '../fixtures/simulators';

const HOME = mkdtempSync(join(tmpdir(), 'k8s-anatomy-reader-home-'));
const simulators = simulatorPool();
const sim = (options: SimOptions): Promise<RunningSimulator> => simulators.start(options);

const cli = (args: string[], env: Record<string, string> = {}, signal?: AbortSignal) => runCli(args, { env: { HOME, ...env }, ...(signal ? { signal } : {}) });

function withoutSource(report: ReadinessReport): Omit<ReadinessReport, 'source'> {
  const { source: _source, ...rest } = report;
  return rest;
}

for (const sample of listSamples()) {
  test(`sample ${sample.name} served by the simulator is diagnosed exactly as from its dump`, async () => {
    const s = await sim({ sample: sample.name });
    const live = await cli(['check', '--kubeconfig', s.kubeconfigPath, '--output', 'json']);
    const dump = await cli(['check', '--sample', sample.name, '--output', 'json']);
    assert.equal(live.stderr, '');
    assert.equal(live.code, dump.code);
    const liveReport = JSON.parse(live.stdout) as ReadinessReport;
    assert.deepEqual(withoutSource(liveReport), withoutSource(JSON.parse(dump.stdout) as ReadinessReport));
    assert.equal(liveReport.source?.kind, 'cluster');
    const perPodGets = s.requests.filter((r) => r.method === 'GET' && /\/pods\/[^/?]+$/.test(r.path));
    assert.equal(perPodGets.length, 0, 'never one GET per pod');
    await s.close();
  });
}

test('KUBECONFIG is honoured, and pages are read with limit + continue', async () => {
  const s = await sim({ sample: 'kubeadm-1.23-ha' });
  const result = await cli(['check', '--output', 'json'], { KUBECONFIG: s.kubeconfigPath });
  assert.equal(result.code, 1);
  const { report } = { report: JSON.parse(result.stdout) as ReadinessReport };
  assert.equal(report.cluster.distribution, 'kubeadm');
  assert.ok(s.requests.some((r) => r.path === '/api/v1/pods' && r.query['limit'] !== undefined), 'lists are paged');
});

for (const auth of ['cert', 'token', 'exec'] as const) {
  test(`auth by ${auth} works`, async () => {
    const s = await sim({ sample: 'k3s-ha', auth });
    const result = await cli(['check', '--kubeconfig', s.kubeconfigPath]);
    assert.equal(result.code, 0, result.stderr);
  });
}

test('a wrong token is "rejected the credentials", exit 2, no stack trace', async () => {
  const s = await sim({ sample: 'k3s-ha', auth: 'token' });
  const dir = mkdtempSync(join(tmpdir(), 'k8s-anatomy-badtoken-'));
  const file = join(dir, 'config');
  const { readFileSync } = await import('node:fs');
  writeFileSync(file, readFileSync(s.kubeconfigPath, 'utf8').replace(s.token ?? '<none>', 'not-the-token'));
  const result = await cli(['check', '--kubeconfig', file]);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /rejected the credentials \(401 Unauthorized\)/);
  assert.ok(!result.stderr.includes('not-the-token'), 'the token is never printed');
});

test('pods forbidden in one namespace: the rest is read, the scope is listed, verdict unknown, exit 3', async () => {
  const s = await sim({ sample: 'k3s-ha', forbid: ['list:pods@kube-system'] });
  const result = await cli(['check', '--kubeconfig', s.kubeconfigPath, '--output', 'json']);
  assert.equal(result.code, 3);
  const report = JSON.parse(result.stdout) as ReadinessReport;
  assert.equal(report.verdict, 'unknown');
  assert.deepEqual(report.coverage.skipped.map((g) => g.scope), ['pods in namespace kube-system']);
  assert.equal(report.nodes.length, 5, 'nodes were still read');
});

test('a forbidden scope never hides a failing finding: not-ready stays not-ready', async () => {
  const s = await sim({ sample: 'mixed-windows', forbid: ['list:replicasets,jobs'] });
  const result = await cli(['check', '--kubeconfig', s.kubeconfigPath, '--output', 'json']);
  assert.equal(result.code, 1);
  const report = JSON.parse(result.stdout) as ReadinessReport;
  assert.equal(report.verdict, 'not-ready');
  assert.deepEqual(report.coverage.skipped.map((g) => g.scope).sort(), ['jobs', 'replicasets']);
  assert.ok(report.findings.some((f) => f.rule === 'docker-socket-mount' && f.subject.kind === 'Deployment' && f.subject.name === 'ci-runner'));
});

test('nodes forbidden: the node scope is listed and nothing says ready', async () => {
  const s = await sim({ sample: 'k3s-ha', forbid: ['list:nodes'] });
  const result = await cli(['check', '--kubeconfig', s.kubeconfigPath, '--output', 'json']);
  assert.equal(result.code, 3);
  const report = JSON.parse(result.stdout) as ReadinessReport;
  assert.equal(report.verdict, 'unknown');
  assert.ok(report.coverage.skipped.some((g) => g.scope === 'nodes'));
});

const RECOVERED: [fault: string, note: string][] = [
  ['429:retry-after=1,count=2', '429 with Retry-After is retried'],
  ['500:count=2', '500s are retried'],
  ['503:count=1,path=/api/v1/nodes', '503 on nodes is retried'],
  ['drop-list:after-pages=1,count=1', 'a connection dropped mid-list is retried'],
  ['expire-continue:after-pages=1,count=1', 'an expired continue token restarts the list without duplicates'],
  ['latency=50ms', 'latency only slows it down'],
  ['slow-body:bytes-per-sec=2000000', 'slow bodies are read to the end'],
];

for (const [fault, note] of RECOVERED) {
  test(`fault ${fault}: ${note}; same result as without it`, async () => {
    const clean = await sim({ sample: 'mixed-windows' });
    const expected = await cli(['check', '--kubeconfig', clean.kubeconfigPath, '--output', 'json', '--target-version', '1.24']);
    const s = await sim({ sample: 'mixed-windows', faults: [fault] });
    const result = await cli(['check', '--kubeconfig', s.kubeconfigPath, '--output', 'json', '--target-version', '1.24']);
    assert.equal(result.code, expected.code, result.stderr);
    assert.deepEqual(withoutSource(JSON.parse(result.stdout) as ReadinessReport), withoutSource(JSON.parse(expected.stdout) as ReadinessReport));
  });
}

test('expired continue tokens with a small page size: every pod counted once', async () => {
  const s = await sim({ scale: { nodes: 30, pods: 900 }, faults: ['expire-continue:after-pages=1,count=1,path=/api/v1/pods'] });
  const clean = await sim({ scale: { nodes: 30, pods: 900 } });
  const a = await cli(['check', '--kubeconfig', s.kubeconfigPath, '--output', 'json']);
  const b = await cli(['check', '--kubeconfig', clean.kubeconfigPath, '--output', 'json']);
  assert.deepEqual(withoutSource(JSON.parse(a.stdout) as ReadinessReport), withoutSource(JSON.parse(b.stdout) as ReadinessReport));
  assert.ok(clean.requests.some((r) => r.path === '/api/v1/pods' && r.query['continue']), 'the pod list took more than one page');
  assert.ok(s.requests.some((r) => r.path === '/api/v1/pods' && r.status === 410), 'and the expired token was met');
});

test('a server that accepts and never answers: exit 2 within the timeout', async () => {
  const s = await sim({ sample: 'k3s-ha', faults: ['hang'] });
  const result = await cli(['check', '--kubeconfig', s.kubeconfigPath, '--timeout', '2']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /no answer from https:\/\/127\.0\.0\.1:\d+ within 2 s/);
  assert.ok(result.ms < 10_000, `took ${result.ms} ms`);
});

test('a 500 that never stops: exit 2 naming the server and the status, after bounded retries', async () => {
  const s = await sim({ sample: 'k3s-ha', faults: ['500:path=/version'] });
  const result = await cli(['check', '--kubeconfig', s.kubeconfigPath]);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /answered 500/);
  assert.ok(result.ms < 15_000, `took ${result.ms} ms`);
});

test('nothing listening: "connection refused", exit 2, fast', async () => {
  const port = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 1));
    });
  });
  const dir = mkdtempSync(join(tmpdir(), 'k8s-anatomy-refused-'));
  const file = join(dir, 'config');
  writeFileSync(file, `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: https://127.0.0.1:${port}\n    insecure-skip-tls-verify: true\nusers:\n- name: u\n  user:\n    token: abc\ncontexts:\n- name: ctx\n  context: {cluster: c, user: u}\ncurrent-context: ctx\n`);
  const result = await cli(['check', '--kubeconfig', file]);
  assert.equal(result.code, 2);
  assert.match(result.stderr, new RegExp(`cannot reach https://127\\.0\\.0\\.1:${port}: connection refused`));
  assert.ok(result.ms < 5000);
});

test('the wrong CA: a TLS error, exit 2', async () => {
  const s = await sim({ sample: 'k3s-ha' });
  const other = await sim({ sample: 'k3s-ha' });
  const { readFileSync } = await import('node:fs');
  const dir = mkdtempSync(join(tmpdir(), 'k8s-anatomy-wrongca-'));
  const file = join(dir, 'config');
  // s's credentials and address with other's CA.
  const config = readFileSync(s.kubeconfigPath, 'utf8').replace(/certificate-authority-data: \S+/, readFileSync(other.kubeconfigPath, 'utf8').match(/certificate-authority-data: \S+/)?.[0] ?? '');
  writeFileSync(file, config);
  const result = await cli(['check', '--kubeconfig', file]);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /TLS with https:\/\/127\.0\.0\.1:\d+ failed/);
});

test('--context names a context the kubeconfig lacks: exit 2 listing the contexts', async () => {
  const s = await sim({ sample: 'k3s-ha' });
  const result = await cli(['check', '--kubeconfig', s.kubeconfigPath, '--context', 'nope']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /no context named "nope"/);
});

test('--configz reads each kubelet configz as evidence; it never weakens the verdict', async () => {
  const s = await sim({ sample: 'docker-desktop' });
  const result = await cli(['check', '--kubeconfig', s.kubeconfigPath, '--configz', '--output', 'json']);
  assert.equal(result.code, 0, result.stderr);
  assert.ok(s.requests.some((r) => r.path.endsWith('/proxy/configz')));
  const forbidden = await sim({ sample: 'docker-desktop', forbid: ['get:nodes/proxy'] });
  // --configz is the old name of --kubelet-probe: a forbidden node proxy is a coverage gap (the
  // evidence asked for is missing), never an error and never a weaker verdict.
  const denied = await cli(['check', '--kubeconfig', forbidden.kubeconfigPath, '--configz', '--output', 'json']);
  assert.equal(denied.code, 3);
  assert.match(denied.stderr, /get nodes\/proxy is forbidden for 1 node/);
  const report = JSON.parse(denied.stdout) as ReadinessReport;
  assert.equal(report.verdict, 'unknown');
  assert.ok(report.coverage.skipped.some((g) => g.scope === 'kubelet probe' && /get nodes\/proxy is forbidden/.test(g.reason)));
});

test('cancelling a scan ends it promptly with exit 130', async () => {
  const s = await sim({ sample: 'k3s-ha', faults: ['latency=2s'] });
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 300);
  const result = await cli(['check', '--kubeconfig', s.kubeconfigPath], {}, controller.signal);
  assert.equal(result.code, 130);
  assert.ok(result.ms < 3000, `took ${result.ms} ms`);
});

// --- the live view --------------------------------------------------------------------------

function nextUpdate(updates: Diagnosis[], predicate: (d: Diagnosis) => boolean, ms: number): Promise<Diagnosis> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      const hit = updates.find(predicate);
      if (hit) {
        clearInterval(poll);
        resolve(hit);
      } else if (Date.now() - started > ms) {
        clearInterval(poll);
        reject(new Error(`no matching update within ${ms} ms (${updates.length} updates)`));
      }
    }, 20);
  });
}

test('LiveCluster: a node added and a control-plane pod deleted show up within 2 s', async () => {
  const s = await sim({ sample: 'mixed-windows' });
  const updates: Diagnosis[] = [];
  const live = new LiveCluster(loadKubeconfig({ kubeconfig: s.kubeconfigPath }), { watch: true, onUpdate: (d) => updates.push(d), debounceMs: 100 });
  try {
    const first = await live.scan();
    assert.equal(first.report.nodes.length, 4);
    await new Promise((r) => setTimeout(r, 300)); // informers list, then watch
    const started = Date.now();
    s.store.create({
      apiVersion: 'v1', kind: 'Node', metadata: { name: 'crio-worker-1', labels: { 'kubernetes.io/os': 'linux' } },
      status: { conditions: [{ type: 'Ready', status: 'True' }], nodeInfo: { containerRuntimeVersion: 'cri-o://1.27.1', kubeletVersion: 'v1.23.17', operatingSystem: 'linux', osImage: 'Rocky Linux 9.2', kernelVersion: '5.14.0', architecture: 'amd64' } },
    });
    const withNode = await nextUpdate(updates, (d) => d.report.nodes.some((n) => n.name === 'crio-worker-1'), 2000);
    assert.ok(Date.now() - started < 2000);
    assert.ok(withNode.anatomy.pools.some((p) => p.runtimeName === 'cri-o'), 'a new pool for CRI-O');
    assert.ok(withNode.report.findings.some((f) => f.subject.name === 'ci-runner'), 'workload findings from the full scan are kept');
    const scheduler = first.report.controlPlane.find((c) => c.component === 'kube-scheduler');
    assert.ok(scheduler);
    s.store.delete('Pod', scheduler.namespace, scheduler.name);
    await nextUpdate(updates, (d) => !d.report.controlPlane.some((c) => c.name === scheduler.name), 2000);
  } finally {
    live.dispose();
  }
});

test('LiveCluster.scanJudged: one read judged twice — every family for the chosen target, and the dockershim family alone for the default target', async () => {
  const s = await sim({ sample: 'eks-1.33-2026' });
  const live = new LiveCluster(loadKubeconfig({ kubeconfig: s.kubeconfigPath }), { target: '1.36', targetReason: 'chosen in Check Upgrade Readiness', today: '2026-12-02' });
  try {
    const { diagnosis, also } = await live.scanJudged(undefined, [{ families: ['dockershim'] }]);
    assert.equal(diagnosis.report.target, '1.36');
    assert.equal(diagnosis.report.targetReason, 'chosen in Check Upgrade Readiness');
    assert.equal(diagnosis.report.verdict, 'not-ready');
    for (const rule of ['containerd-v1-end', 'cgroup-v1', 'containerd-eol']) assert.ok(diagnosis.report.findings.some((f) => f.rule === rule), rule);
    const [shim] = also;
    assert.ok(shim);
    assert.equal(shim.report.target, '1.34', 'no target: the default (next minor after v1.33)');
    assert.deepEqual(shim.report.families, ['dockershim']);
    assert.ok(shim.report.findings.every((f) => !['containerd-v1-end', 'cgroup-v1', 'containerd-eol', 'runtime-feature-missing'].includes(f.rule)));
    assert.equal(shim.report.nodes.length, diagnosis.report.nodes.length, 'the same read');
  } finally {
    live.dispose();
  }
});

test('LiveCluster: watches survive streams that close early and connections cut mid-watch', async () => {
  const s = await sim({ sample: 'k3s-ha', faults: ['watch-close:after=300ms', 'drop-watch:after-events=1'] });
  const updates: Diagnosis[] = [];
  const errors: ClusterError[] = [];
  const live = new LiveCluster(loadKubeconfig({ kubeconfig: s.kubeconfigPath }), {
    watch: true, onUpdate: (d) => updates.push(d), onWatchError: (e) => errors.push(e), debounceMs: 50, minBackoffMs: 50,
  });
  try {
    await live.scan();
    await new Promise((r) => setTimeout(r, 800));
    for (const i of [1, 2, 3]) {
      s.store.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: `late-${i}` }, status: { nodeInfo: { containerRuntimeVersion: 'containerd://1.7.20-k3s1', kubeletVersion: 'v1.30.4+k3s1', operatingSystem: 'linux' } } });
      await new Promise((r) => setTimeout(r, 400));
    }
    await nextUpdate(updates, (d) => ['late-1', 'late-2', 'late-3'].every((n) => d.report.nodes.some((x) => x.name === n)), 4000);
  } finally {
    live.dispose();
  }
});

test('LiveCluster.dispose stops every watch (no timers or sockets left behind)', async () => {
  const s = await sim({ sample: 'k3s-ha' });
  const live = new LiveCluster(loadKubeconfig({ kubeconfig: s.kubeconfigPath }), { watch: true });
  await live.scan();
  live.dispose();
  await assert.rejects(live.scan(), (e: unknown) => e instanceof ClusterError && e.kind === 'cancelled');
});


// --- namespace filter: the reader lists only what the judged namespaces need --------------------

for (const [sample, flags] of [
  ['eks-1.23-docker', ['--namespace', 'monitoring']],
  ['mixed-windows', ['--namespace', 'ci', '--namespace', 'kube-system']],
  ['eks-1.23-docker', ['--exclude-namespace', 'ci']],
  ['openshift-4.13', ['--namespace', 'default']],
] as const) {
  test(`${sample} ${flags.join(' ')}: the live reader gives the same report and anatomy as the sample`, async () => {
    const s = await sim({ sample });
    const live = await cli(['check', '--kubeconfig', s.kubeconfigPath, '--output', 'json', ...flags]);
    const dump = await cli(['check', '--sample', sample, '--output', 'json', ...flags]);
    assert.equal(live.stderr, '');
    assert.equal(live.code, dump.code);
    assert.deepEqual(withoutSource(JSON.parse(live.stdout) as ReadinessReport), withoutSource(JSON.parse(dump.stdout) as ReadinessReport));
    const liveTopology = await cli(['topology', '--kubeconfig', s.kubeconfigPath, '--format', 'json', ...flags]);
    const dumpTopology = await cli(['topology', '--sample', sample, '--format', 'json', ...flags]);
    assert.equal(liveTopology.stdout, dumpTopology.stdout, 'the same anatomy: control plane and CNI are read whatever the filter');

    const lists = s.requests.filter((r) => r.method === 'GET').map((r) => r.path);
    assert.ok(lists.includes('/api/v1/nodes'), 'nodes are always read');
    assert.ok(lists.includes('/apis/node.k8s.io/v1/runtimeclasses'), 'RuntimeClasses are always read');
    if (flags[0] === '--namespace') {
      const included: readonly string[] = flags.filter((_, i) => i % 2 === 1);
      assert.ok(!lists.includes('/api/v1/pods'), 'no cluster-wide pod list');
      assert.ok(!lists.some((p) => /^\/apis\/(apps|batch)\/v1\/[a-z]+$/.test(p)), 'no cluster-wide workload list');
      const podNamespaces = new Set(lists.map((p) => /^\/api\/v1\/namespaces\/([^/]+)\/pods$/.exec(p)?.[1]).filter((ns) => ns !== undefined));
      for (const ns of included) assert.ok(podNamespaces.has(ns), `pods of ${ns} are read`);
      assert.ok(podNamespaces.has('kube-system'), 'the control plane\'s pods are read');
      for (const ns of podNamespaces) assert.ok(included.includes(ns) || ns === 'kube-system' || ns.startsWith('openshift-') || ns.endsWith('-system') || ns === 'kube-flannel', `only included and platform namespaces: ${ns}`);
      const workloadNamespaces = new Set(lists.map((p) => /^\/apis\/(?:apps|batch)\/v1\/namespaces\/([^/]+)\//.exec(p)?.[1]).filter((ns) => ns !== undefined));
      assert.deepEqual([...workloadNamespaces].sort(), [...included].sort(), 'workloads only of the included namespaces');
    } else {
      assert.ok(lists.includes('/api/v1/pods'), 'exclude only: one cluster-wide pod list, filtered by the core');
    }
    await s.close();
  });
}

test('--namespace with that namespace\'s pods forbidden: the gap names it, verdict unknown; a namespace not judged is not read', async () => {
  const s = await sim({ sample: 'k3s-ha', forbid: ['list:pods@default'] });
  const judged = await cli(['check', '--kubeconfig', s.kubeconfigPath, '--output', 'json', '--namespace', 'default']);
  assert.equal(judged.code, 3, judged.stderr);
  const report = JSON.parse(judged.stdout) as ReadinessReport;
  assert.equal(report.verdict, 'unknown');
  assert.deepEqual(report.coverage.skipped.map(({ scope, namespace, kind }) => ({ scope, namespace, kind })), [{ scope: 'pods in namespace default', namespace: 'default', kind: 'Pod' }]);
  const other = await cli(['check', '--kubeconfig', s.kubeconfigPath, '--output', 'json', '--namespace', 'kube-system']);
  assert.equal(other.code, 0, other.stderr);
  assert.deepEqual((JSON.parse(other.stdout) as ReadinessReport).coverage.skipped, []);
});

test('--namespace when namespaces cannot be listed: the included ones and kube-system are still read', async () => {
  const s = await sim({ sample: 'eks-1.23-docker', forbid: ['list:namespaces'] });
  const live = await cli(['check', '--kubeconfig', s.kubeconfigPath, '--output', 'json', '--namespace', 'monitoring']);
  const dump = await cli(['check', '--sample', 'eks-1.23-docker', '--output', 'json', '--namespace', 'monitoring']);
  assert.equal(live.code, dump.code, live.stderr);
  assert.deepEqual(withoutSource(JSON.parse(live.stdout) as ReadinessReport), withoutSource(JSON.parse(dump.stdout) as ReadinessReport));
});

test('LiveCluster with a namespace filter: the scan and the watch rebuilds judge the same namespaces', async () => {
  const s = await sim({ sample: 'eks-1.23-docker' });
  const updates: Diagnosis[] = [];
  const live = new LiveCluster(loadKubeconfig({ kubeconfig: s.kubeconfigPath }), { watch: true, namespaces: { include: ['monitoring'], exclude: [] }, debounceMs: 50, onUpdate: (d) => updates.push(d) });
  try {
    const first = await live.scan();
    assert.deepEqual(first.report.namespaces, { include: ['monitoring'], exclude: [] });
    assert.ok(!first.report.findings.some((f) => f.subject.namespace === 'ci'));
    assert.ok(first.report.findings.some((f) => f.subject.namespace === 'monitoring'));
    await new Promise((r) => setTimeout(r, 300)); // informers list, then watch
    s.store.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'late-node', labels: { 'kubernetes.io/os': 'linux' } }, status: { nodeInfo: { containerRuntimeVersion: 'containerd://1.7.11', kubeletVersion: 'v1.23.17', operatingSystem: 'linux' } } });
    const rebuilt = await nextUpdate(updates, (d) => d.report.nodes.some((n) => n.name === 'late-node'), 3000);
    assert.deepEqual(rebuilt.report.findings.filter((f) => f.subject.kind !== 'Node'), first.report.findings.filter((f) => f.subject.kind !== 'Node'));
    assert.deepEqual(rebuilt.report.namespaces, first.report.namespaces);
  } finally {
    live.dispose();
  }
});
