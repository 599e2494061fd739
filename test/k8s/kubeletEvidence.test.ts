// The new runtime evidence, live and at rest: Events read through field-selected paged lists
// (never the whole stream; forbidden = coverage), the opt-in kubelet probe (one node per pool,
// the rest inferred with readFrom; hostile or failing kubelets = coverage, never a crash or a
// leaked string), and the same answers saved as NODE.kubelet-* files in a dump (a bad one = a
// named message and exit 2).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { mkdtempSync, mkdirSync, openSync, closeSync, ftruncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';
import { ClusterScanner } from '../../src/core/diagnose';
import type { KubeletEvidence, ReadinessReport } from '../../src/core/model';
import { loadDumps } from '../../src/k8s/dumpFiles';
import { probeKubelets } from '../../src/k8s/kubeletProbe';
import type { ScanOptions } from '../../src/k8s/reader';
import type { Transport } from '../../src/k8s/http';
import { nodeFacts } from '../../src/core/nodes';
import type { RunningSimulator, SimOptions } from '../sim/src/server';
import { runCli } from '../fixtures/cli';
import { simulatorPool } from '../fixtures/simulators';

const HOME = mkdtempSync(join(tmpdir(), 'k8s-anatomy-evidence-home-'));
const simulators = simulatorPool();
const sim = (options: SimOptions): Promise<RunningSimulator> => simulators.start(options);
const cli = (args: string[]) => runCli(args, { env: { HOME } });

function node(name: string, runtime: string, kubelet: string, osImage: string): Record<string, unknown> {
  return {
    apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/os': 'linux' } },
    status: { conditions: [{ type: 'Ready', status: 'True' }], nodeInfo: { containerRuntimeVersion: runtime, kubeletVersion: kubelet, osImage, operatingSystem: 'linux', kernelVersion: '6.1.0', architecture: 'amd64' } },
  };
}

const AL2023 = ['containerd://2.1.4', 'v1.33.5-eks-113cf36', 'Amazon Linux 2023.8.20250915'] as const;
const AL2 = ['containerd://1.7.27', 'v1.32.9-eks-113cf36', 'Amazon Linux 2'] as const;
const NODES = [
  node('al2-a', ...AL2), node('al2-b', ...AL2), node('al2-c', ...AL2),
  node('al2023-a', ...AL2023), node('al2023-b', ...AL2023),
];

/** A scanner that records the evidence and Events handed to it. */
class Recording extends ClusterScanner {
  readonly evidence = new Map<string, KubeletEvidence>();
  readonly seenEvents: unknown[] = [];
  override setKubeletEvidence(name: string, evidence: KubeletEvidence): void {
    this.evidence.set(name, evidence);
    super.setKubeletEvidence(name, evidence);
  }
  override addEvent(object: unknown): void {
    this.seenEvents.push(object);
    super.addEvent(object);
  }
}

async function scan(s: RunningSimulator, options: ScanOptions = {}): Promise<{ scanner: Recording; report: ReadinessReport }> {
  const [{ loadKubeconfig }, { createTransport }, { scanCluster }] = await Promise.all([import('../../src/k8s/kubeconfig'), import('../../src/k8s/http'), import('../../src/k8s/reader')]);
  const loaded = loadKubeconfig({ kubeconfig: s.kubeconfigPath, env: { HOME } });
  const transport = createTransport(loaded.kc);
  const scanner = new Recording();
  await scanCluster(transport, scanner, { timeoutMs: 10_000, ...options }).finally(() => transport.close());
  return { scanner, report: scanner.finish().report };
}

test('the probe reads one node per pool and infers the rest, each saying from which node', async () => {
  const s = await sim({ objects: NODES, serverVersion: 'v1.33.5-eks-113cf36' });
  const { scanner, report } = await scan(s, { kubeletProbe: true });
  const metricsReads = s.requests.filter((r) => r.path.endsWith('/proxy/metrics')).map((r) => r.path);
  assert.deepEqual(metricsReads.sort(), ['/api/v1/nodes/al2-a/proxy/metrics', '/api/v1/nodes/al2023-a/proxy/metrics']);
  assert.equal(s.requests.filter((r) => r.path.endsWith('/proxy/configz')).length, 2);
  assert.deepEqual(Object.fromEntries([...scanner.evidence].map(([n, e]) => [n, e.readFrom])), {
    'al2-a': 'al2-a', 'al2-b': 'al2-a', 'al2-c': 'al2-a', 'al2023-a': 'al2023-a', 'al2023-b': 'al2023-a',
  });
  // containerd 1.7 lacks the CRI RuntimeConfig call: the kubelet says so in the label.
  assert.equal(scanner.evidence.get('al2-c')?.criLosingSupport, '1.38.0');
  assert.equal(scanner.evidence.get('al2023-b')?.criLosingSupport, null);
  assert.equal(scanner.evidence.get('al2023-b')?.cgroupVersion, 2);
  assert.equal(scanner.evidence.get('al2-a')?.containerRuntimeEndpoint, 'unix:///run/containerd/containerd.sock');
  assert.deepEqual(report.coverage.skipped, []);
});

test('without the probe no node proxy is touched', async () => {
  const s = await sim({ objects: NODES });
  const { scanner } = await scan(s);
  assert.equal(s.requests.filter((r) => r.path.includes('/proxy/')).length, 0);
  assert.equal(scanner.evidence.size, 0);
});

/** A dump directory with the nodes and some saved kubelet answers. */
function dumpDir(kubelet: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-anatomy-evidence-'));
  writeFileSync(join(dir, 'nodes.json'), JSON.stringify({ apiVersion: 'v1', kind: 'List', items: NODES }));
  writeFileSync(join(dir, 'version.json'), JSON.stringify({ serverVersion: { gitVersion: 'v1.33.5-eks-113cf36' } }));
  mkdirSync(join(dir, 'kubelet'));
  for (const [name, text] of Object.entries(kubelet)) writeFileSync(join(dir, 'kubelet', name), text);
  return dir;
}

const HOSTILE: readonly { name: string; file: string; text: string; problem: RegExp; leak: string }[] = [
  { name: 'metrics that are an HTML page', file: 'al2-a.kubelet-metrics.txt', text: '<html><body><script>alert("x")</script>Bad Gateway</body></html>', problem: /not Prometheus text \(it looks like HTML\)/, leak: 'alert' },
  { name: 'metrics that are JSON', file: 'al2-a.kubelet-metrics.txt', text: '{"kind":"Status","message":"token abc123"}', problem: /not Prometheus text \(it looks like JSON\)/, leak: 'abc123' },
  { name: 'a 100 KB version label', file: 'al2-a.kubelet-metrics.txt', text: `kubelet_cri_losing_support{version="${'9'.repeat(100 * 1024)}"} 1\n`, problem: /longer than 16 KiB/, leak: '9999999999' },
  { name: 'a mermaid/terminal payload in the label', file: 'al2-a.kubelet-metrics.txt', text: 'kubelet_cri_losing_support{version="1.38.0\\"]:::x\\n\u001b[31m"} 1\n', problem: /not a Kubernetes version/, leak: ':::x' },
  { name: 'configz that is not JSON', file: 'al2-a.kubelet-configz.json', text: 'kubeletconfig: {cgroupDriver: systemd}', problem: /configz answer is not JSON/, leak: 'systemd' },
  { name: 'configz with the wrong shape', file: 'al2-a.kubelet-configz.json', text: '{"kind":"KubeletConfiguration","cgroupDriver":"systemd"}', problem: /without a "kubeletconfig" object/, leak: 'KubeletConfiguration' },
];

for (const row of HOSTILE) {
  test(`dump: ${row.name} ends in exit 2 naming the file, quoting nothing`, async () => {
    const dir = dumpDir({ [row.file]: row.text });
    const result = await cli(['check', '--from', dir]);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, new RegExp(`${row.file.replace(/\./g, '\\.')}: this is not what a kubelet answers: .*`));
    assert.match(result.stderr, row.problem);
    assert.ok(!result.stderr.includes(row.leak), result.stderr);
    assert.ok(!result.stderr.includes('\u001b'), 'no terminal escape');
    assert.equal(result.stderr.split('\n').filter(Boolean).length, 1);
  });

  test(`live: ${row.name} from a kubelet is a coverage entry for that node, and the pool's next node is read`, async () => {
    const s = await sim({ from: [dumpDir({ [row.file]: row.text })] });
    const { scanner, report } = await scan(s, { kubeletProbe: true });
    const gap = report.coverage.skipped.find((g) => g.scope === 'kubelet of node al2-a');
    assert.ok(gap, JSON.stringify(report.coverage.skipped));
    assert.match(gap.reason, row.problem);
    assert.ok(!gap.reason.includes(row.leak));
    assert.equal(scanner.evidence.has('al2-a'), false, 'nothing kept of a bad answer');
    assert.equal(scanner.evidence.get('al2-b')?.readFrom, 'al2-b');
    assert.equal(scanner.evidence.get('al2-c')?.readFrom, 'al2-b');
    assert.equal(report.verdict === 'ready', false, 'a gap is never ready');
  });
}

test('dump: a 1 GB metrics file is refused by its size, before it is read', async () => {
  const dir = dumpDir({});
  const fd = openSync(join(dir, 'kubelet', 'al2-a.kubelet-metrics.txt'), 'w');
  ftruncateSync(fd, 1024 * 1024 * 1024); // sparse: no gigabyte is written or read
  closeSync(fd);
  const started = Date.now();
  const result = await cli(['check', '--from', dir]);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /al2-a\.kubelet-metrics\.txt: the file is 1024 MiB, more than the 32 MiB limit/);
  assert.ok(Date.now() - started < 5000);
});

test('dump: good kubelet files are that node\'s evidence, and its pool peers are inferred from it', async () => {
  const dir = dumpDir({
    'al2-b.kubelet-metrics.txt': '# TYPE kubelet_cgroup_version gauge\nkubelet_cgroup_version 1\nkubelet_cri_losing_support{version="1.38.0"} 1\n',
    'al2-b.kubelet-configz.json': JSON.stringify({ kubeletconfig: { containerRuntimeEndpoint: 'unix:///run/containerd/containerd.sock', cgroupDriver: 'systemd', failCgroupV1: false } }),
  });
  const loaded = await loadDumps([dir]);
  assert.deepEqual(loaded.kubelet.get('al2-b'), {
    cgroupVersion: 1, criLosingSupport: '1.38.0', containerRuntimeEndpoint: 'unix:///run/containerd/containerd.sock', cgroupDriver: 'systemd', failCgroupV1: false, readFrom: 'al2-b',
  });
  const { inferKubeletEvidence } = await import('../../src/core/kubelet');
  const all = inferKubeletEvidence(NODES.map((n) => nodeFacts(n)), loaded.kubelet);
  assert.deepEqual([...all].map(([n, e]) => `${n}<-${e.readFrom}`).sort(), ['al2-a<-al2-b', 'al2-b<-al2-b', 'al2-c<-al2-b']);
  const result = await cli(['check', '--from', dir, '--output', 'json']);
  assert.notEqual(result.code, 2, result.stderr);
});

test('dump: a kubelet file whose name is not a Node name is refused', async () => {
  const dir = dumpDir({ 'Bad_Name!.kubelet-metrics.txt': 'kubelet_cgroup_version 2\n' });
  const result = await cli(['check', '--from', dir]);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /does not start with a Node name/);
});

/** A fake API server for one answer that never ends: a generator, never a buffer. */
function endlessTransport(bytes: number): Transport & { sent: () => number } {
  let sent = 0;
  const line = Buffer.from('kubelet_http_requests_total{method="GET",path="pods",server_type="readonly"} 1234\n'.repeat(800));
  const make = (path: string): IncomingMessage => {
    const isMetrics = path.endsWith('/metrics');
    const stream = Readable.from((function* () {
      if (!isMetrics) {
        yield Buffer.from('{"kubeletconfig":{"cgroupDriver":"systemd"}}');
        return;
      }
      while (sent < bytes) {
        sent += line.length;
        yield line;
      }
    })()) as unknown as IncomingMessage;
    Object.assign(stream, { statusCode: 200, headers: {}, complete: true });
    return stream;
  };
  return {
    server: 'https://fake.invalid',
    get: () => Promise.reject(new Error('not used')),
    stream: (path) => Promise.resolve(make(path)),
    close: () => undefined,
    sent: () => sent,
  };
}

test('live: a 1 GB metrics answer is cut at the size limit, in bounded memory and time, as a coverage entry', async () => {
  const transport = endlessTransport(1024 * 1024 * 1024);
  const scanner = new Recording();
  const before = process.memoryUsage().rss;
  const started = Date.now();
  const result = await probeKubelets(transport, scanner, [nodeFacts(node('big', ...AL2023))], { timeoutMs: 5000 });
  assert.equal(result.failed, 1);
  assert.ok(transport.sent() < 40 * 1024 * 1024, `read ${transport.sent()} bytes`);
  assert.ok(process.memoryUsage().rss - before < 128 * 1024 * 1024);
  assert.ok(Date.now() - started < 20_000);
  const gap = scanner.finish().report.coverage.skipped.find((g) => g.scope === 'kubelet of node big');
  assert.match(gap?.reason ?? '', /larger than 32 MiB/);
});

const EVENT_TIME = '2026-11-30T08:00:00Z';
function event(name: string, reason: string, kind: string, involved: string, message: string, type = 'Warning'): Record<string, unknown> {
  return {
    apiVersion: 'v1', kind: 'Event', metadata: { name, namespace: kind === 'Node' ? 'default' : 'shop' },
    involvedObject: { kind, name: involved, ...(kind === 'Pod' ? { namespace: 'shop' } : {}) },
    reason, message, type, lastTimestamp: EVENT_TIME, source: { component: 'kubelet', host: 'al2-a' },
  };
}

const HOSTILE_MESSAGE = `<img src=x onerror=alert(1)> flowchart TD; A-->B:::evil \u001b]8;;https://evil.example\u0007 ${'x'.repeat(1024 * 1024)}`;
const EVENTS = [
  event('al2-a.cgroup', 'CgroupV1', 'Node', 'al2-a', 'cgroup v1 support is in maintenance mode, please migrate to cgroup v2'),
  event('web-1.pull', 'Failed', 'Pod', 'web-1', 'Failed to pull image "registry.example/legacy:1.0": schema 1 image manifests are no longer supported'),
  event('web-2.hostile', 'Failed', 'Pod', 'web-2', HOSTILE_MESSAGE),
  event('web-3.scheduled', 'Scheduled', 'Pod', 'web-3', 'Successfully assigned shop/web-3 to al2-a', 'Normal'),
];

test('Events are read through field-selected paged lists, never the whole stream', async () => {
  const s = await sim({ objects: [...NODES, ...EVENTS] });
  const { scanner } = await scan(s);
  const lists = s.requests.filter((r) => r.path === '/api/v1/events');
  assert.deepEqual(lists.map((r) => r.query['fieldSelector']).sort(), ['reason=CgroupV1,involvedObject.kind=Node', 'reason=Failed,involvedObject.kind=Pod']);
  assert.ok(lists.every((r) => r.query['limit'] !== undefined), 'paged');
  const names = scanner.seenEvents.map((e) => ((e as { metadata: { name: string } }).metadata.name)).sort();
  assert.deepEqual(names, ['al2-a.cgroup', 'web-1.pull', 'web-2.hostile']);
});

test('Events: a 1 MB message with HTML, mermaid and terminal sequences is no crash, and never reaches the output whole', async () => {
  const dir = dumpDir({});
  writeFileSync(join(dir, 'events.json'), JSON.stringify({ apiVersion: 'v1', kind: 'List', items: EVENTS }));
  for (const output of ['json', 'text', 'markdown', 'sarif']) {
    const result = await cli(['check', '--from', dir, '--output', output]);
    assert.notEqual(result.code, 2, result.stderr);
    assert.ok(result.stdout.length < 512 * 1024, `${output}: ${result.stdout.length} characters`);
    assert.ok(!result.stdout.includes('<img src=x'), `${output} carries raw HTML`);
    assert.ok(!result.stdout.includes('\u001b]8;;'), `${output} carries a terminal sequence`);
  }
});

test('forbidden Events are a coverage gap, not an error', async () => {
  const s = await sim({ objects: [...NODES, ...EVENTS], forbid: ['list:events'] });
  const result = await cli(['check', '--kubeconfig', s.kubeconfigPath, '--output', 'json']);
  assert.equal(result.code, 3, result.stderr);
  const report = JSON.parse(result.stdout) as ReadinessReport;
  assert.deepEqual(report.coverage.skipped.map((g) => g.scope).sort(), ['events (reason CgroupV1)', 'events (reason Failed)']);
  assert.ok(report.coverage.skipped.every((g) => /403 Forbidden/.test(g.reason)));
});

test('the live view keeps the Events and kubelet evidence when a watched node changes (no silent loss of a blocker)', async () => {
  const { LiveCluster } = await import('../../src/k8s/live');
  const { loadKubeconfig } = await import('../../src/k8s/kubeconfig');
  const s = await sim({ objects: [...NODES, ...EVENTS] });
  const applied: string[] = [];
  const events: string[] = [];
  const originalEvidence = ClusterScanner.prototype.setKubeletEvidence;
  const originalEvent = ClusterScanner.prototype.addEvent;
  ClusterScanner.prototype.setKubeletEvidence = function (this: ClusterScanner, name: string, evidence: KubeletEvidence) {
    applied.push(`${name}<-${evidence.readFrom}`);
    originalEvidence.call(this, name, evidence);
  };
  ClusterScanner.prototype.addEvent = function (this: ClusterScanner, object: unknown) {
    events.push(String((object as { reason?: unknown }).reason));
    originalEvent.call(this, object);
  };
  const updates: unknown[] = [];
  const live = new LiveCluster(loadKubeconfig({ kubeconfig: s.kubeconfigPath, env: { HOME } }), { watch: true, kubeletProbe: true, debounceMs: 50, onUpdate: (d) => updates.push(d) });
  try {
    await live.scan();
    await new Promise((r) => setTimeout(r, 500));
    applied.length = 0;
    events.length = 0;
    const seen = updates.length;
    s.store.patch('Node', undefined, 'al2-b', { metadata: { labels: { changed: 'yes' } } });
    const deadline = Date.now() + 4000;
    while (updates.length === seen && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.ok(updates.length > seen, 'the view rebuilt');
    assert.deepEqual(applied.sort(), ['al2-a<-al2-a', 'al2-b<-al2-a', 'al2-c<-al2-a', 'al2023-a<-al2023-a', 'al2023-b<-al2023-a']);
    // Only the Events a rule reads are kept for the rebuild (the routine and hostile ones were dropped).
    assert.deepEqual(events.sort(), ['CgroupV1', 'Failed']);
  } finally {
    live.dispose();
    ClusterScanner.prototype.setKubeletEvidence = originalEvidence;
    ClusterScanner.prototype.addEvent = originalEvent;
  }
});
