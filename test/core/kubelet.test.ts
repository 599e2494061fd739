// The kubelet's answers through the node proxy are untrusted: the metrics reader keeps only
// kubelet_cgroup_version and kubelet_cri_losing_support, in bounded memory whatever the answer's
// size, and says "not Prometheus text" for HTML, JSON or binary; the configz parser keeps three
// fields and names every wrong shape. No error message quotes the answer.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  KubeletAnswerError, KubeletMetricsParser, MAX_METRICS_BYTES, kubeletEvidence, kubeletPoolKey, parseKubeletConfigz,
  parseKubeletMetrics,
} from '../../src/core/kubelet';
import { nodeFacts } from '../../src/core/nodes';

/** The shape of a real kubelet 1.34 /metrics answer around the two metrics (abridged). */
const KUBELET_134 = `# HELP apiserver_audit_event_total [ALPHA] Counter of audit events generated and sent to the audit backend.
# TYPE apiserver_audit_event_total counter
apiserver_audit_event_total 0
# HELP kubelet_cgroup_version [ALPHA] cgroup version on the hosts.
# TYPE kubelet_cgroup_version gauge
kubelet_cgroup_version 1
# HELP kubelet_cri_losing_support [ALPHA] the Kubernetes version that the currently running CRI implementation will lose support on if not upgraded.
# TYPE kubelet_cri_losing_support gauge
kubelet_cri_losing_support{version="1.38.0"} 1
# HELP kubelet_http_requests_duration_seconds [ALPHA] Duration in seconds to serve http requests
# TYPE kubelet_http_requests_duration_seconds histogram
kubelet_http_requests_duration_seconds_bucket{long_running="false",method="GET",path="metrics",server_type="readwrite",le="0.005"} 3
kubelet_http_requests_duration_seconds_sum{long_running="false",method="GET",path="metrics",server_type="readwrite"} 0.0123
kubelet_node_name{node="ip-10-0-1-17.ec2.internal"} 1
`;

const METRICS_ROWS: readonly { name: string; text: string; cgroup: 0 | 1 | 2 | null; losing: string | null }[] = [
  { name: 'kubelet 1.34 on AL2 with containerd 1.7', text: KUBELET_134, cgroup: 1, losing: '1.38.0' },
  { name: 'containerd 2 on cgroup v2: no losing-support sample', text: 'kubelet_cgroup_version 2\nkubelet_node_name{node="n"} 1\n', cgroup: 2, losing: null },
  { name: 'Windows node: cgroup version 0', text: '# TYPE kubelet_cgroup_version gauge\nkubelet_cgroup_version 0\n', cgroup: 0, losing: null },
  { name: 'an older label (1.36.0) is read, not assumed', text: 'kubelet_cri_losing_support{version="1.36.0"} 1\n', cgroup: null, losing: '1.36.0' },
  { name: 'value 0 means the runtime is not losing support', text: 'kubelet_cri_losing_support{version="1.38.0"} 0\n', cgroup: null, losing: null },
  { name: 'CRLF line ends and a timestamp', text: 'kubelet_cgroup_version 2 1733140000000\r\n', cgroup: 2, losing: null },
  { name: 'no newline at the end', text: 'kubelet_cgroup_version 2', cgroup: 2, losing: null },
  { name: 'kubelet before 1.31: neither metric', text: 'kubelet_running_pods 12\nkubelet_running_containers{container_state="running"} 30\n', cgroup: null, losing: null },
  { name: 'OpenMetrics # EOF trailer', text: 'kubelet_cgroup_version 2\n# EOF\n', cgroup: 2, losing: null },
];

for (const row of METRICS_ROWS) {
  test(`metrics: ${row.name}`, () => {
    const facts = parseKubeletMetrics(row.text);
    assert.deepEqual(facts, { cgroupVersion: row.cgroup, criLosingSupport: row.losing });
  });
}

test('metrics fed one byte at a time read the same as in one piece', () => {
  const parser = new KubeletMetricsParser();
  const bytes = Buffer.from(KUBELET_134, 'utf8');
  for (let i = 0; i < bytes.length; i++) parser.push(bytes.subarray(i, i + 1));
  assert.deepEqual(parser.finish(), { cgroupVersion: 1, criLosingSupport: '1.38.0' });
});

const LABEL_100K = 'A'.repeat(100 * 1024);
const BAD_METRICS: readonly { name: string; text: string | Uint8Array; problem: RegExp; mustNotQuote?: string }[] = [
  { name: 'an HTML error page', text: '<!DOCTYPE html>\n<html><body><h1>502 Bad Gateway</h1></body></html>\n', problem: /not Prometheus text \(it looks like HTML\)/, mustNotQuote: 'Bad Gateway' },
  { name: 'a JSON Status', text: '{"kind":"Status","apiVersion":"v1","status":"Failure","message":"secret-token-xyz"}', problem: /not Prometheus text \(it looks like JSON\)/, mustNotQuote: 'secret-token-xyz' },
  { name: 'binary (gzip bytes)', text: Uint8Array.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00]), problem: /binary data/ },
  { name: 'invalid UTF-8', text: Uint8Array.from([0x6b, 0xff, 0xfe, 0x0a]), problem: /not UTF-8/ },
  { name: 'prose', text: 'Hello from a captive portal\n', problem: /not Prometheus text/, mustNotQuote: 'captive' },
  { name: 'an empty answer', text: '', problem: /is empty/ },
  { name: 'a 100 KB version label', text: `kubelet_cri_losing_support{version="${LABEL_100K}"} 1\n`, problem: /longer than 16 KiB/, mustNotQuote: 'AAAAAAAA' },
  { name: 'a label that is not a version', text: 'kubelet_cri_losing_support{version="<script>alert(1)</script>"} 1\n', problem: /version label is not a Kubernetes version/, mustNotQuote: 'script' },
  { name: 'a version label with a terminal escape', text: 'kubelet_cri_losing_support{version="1.38.0\u001b[2J"} 1\n', problem: /not a Kubernetes version/ },
  { name: 'cgroup version 3', text: 'kubelet_cgroup_version 3\n', problem: /neither 0, 1 nor 2/ },
  { name: 'cgroup version that is not a number', text: 'kubelet_cgroup_version NaNx\n', problem: /not a number/ },
  { name: 'malformed labels', text: 'kubelet_cri_losing_support{version=1.38.0} 1\n', problem: /malformed labels/ },
];

for (const row of BAD_METRICS) {
  test(`metrics refused: ${row.name}`, () => {
    assert.throws(() => parseKubeletMetrics(row.text), (error: unknown) => {
      assert.ok(error instanceof KubeletAnswerError, String(error));
      assert.equal(error.answer, 'metrics');
      assert.match(error.message, row.problem);
      if (row.mustNotQuote) assert.ok(!error.message.includes(row.mustNotQuote), error.message);
      assert.ok(error.message.length < 300);
      return true;
    });
  });
}

test('a 100 KB label on another metric is skipped, and the two metrics are still read', () => {
  const text = `some_metric{label="${LABEL_100K}"} 1\nkubelet_cgroup_version 2\nkubelet_cri_losing_support{version="1.38.0"} 1\n`;
  assert.deepEqual(parseKubeletMetrics(text), { cgroupVersion: 2, criLosingSupport: '1.38.0' });
});

/** An endless-looking answer made on the fly: `lines` well-formed lines, never held in memory. */
function* generated(totalBytes: number): Generator<Uint8Array> {
  const line = Buffer.from('kubelet_http_requests_total{long_running="false",method="GET",path="pods",server_type="readonly"} 1234\n');
  const chunk = Buffer.concat(Array.from({ length: Math.floor(65536 / line.length) }, () => line));
  for (let sent = 0; sent < totalBytes; sent += chunk.length) yield chunk;
}

test('a 1 GB metrics answer is refused at the size limit in bounded memory, never read to the end', () => {
  const parser = new KubeletMetricsParser();
  const before = process.memoryUsage().rss;
  let fed = 0;
  assert.throws(() => {
    for (const chunk of generated(1024 * 1024 * 1024)) {
      fed += chunk.length;
      parser.push(chunk);
    }
  }, /larger than 32 MiB/);
  assert.ok(fed <= MAX_METRICS_BYTES + 65536, `read ${fed} bytes`);
  assert.ok(process.memoryUsage().rss - before < 64 * 1024 * 1024, 'memory grew by more than 64 MiB');
});

test('a single line without newline, megabytes long, costs one bounded line', () => {
  const parser = new KubeletMetricsParser();
  const chunk = 'x'.repeat(65536);
  parser.push('some_metric{label="');
  for (let i = 0; i < 64; i++) parser.push(chunk); // 4 MiB, no newline
  parser.push('"} 1\nkubelet_cgroup_version 2\n');
  assert.deepEqual(parser.finish(), { cgroupVersion: 2, criLosingSupport: null });
});

const CONFIGZ_ROWS: readonly { name: string; text: string; facts: ReturnType<typeof parseKubeletConfigz> }[] = [
  {
    name: 'containerd on AL2023 (kubelet 1.33)',
    text: JSON.stringify({ kubeletconfig: { containerRuntimeEndpoint: 'unix:///run/containerd/containerd.sock', cgroupDriver: 'systemd', failCgroupV1: false, maxPods: 110 } }),
    facts: { containerRuntimeEndpoint: 'unix:///run/containerd/containerd.sock', cgroupDriver: 'systemd', failCgroupV1: false },
  },
  {
    name: 'cri-dockerd on Windows',
    text: JSON.stringify({ kubeletconfig: { containerRuntimeEndpoint: 'npipe:////./pipe/cri-dockerd', cgroupDriver: '' } }),
    facts: { containerRuntimeEndpoint: 'npipe:////./pipe/cri-dockerd', cgroupDriver: null, failCgroupV1: null },
  },
  {
    name: 'kubelet 1.26: the endpoint was still a flag',
    text: JSON.stringify({ kubeletconfig: { cgroupDriver: 'cgroupfs' } }),
    facts: { containerRuntimeEndpoint: null, cgroupDriver: 'cgroupfs', failCgroupV1: null },
  },
];

for (const row of CONFIGZ_ROWS) {
  test(`configz: ${row.name}`, () => assert.deepEqual(parseKubeletConfigz(row.text), row.facts));
}

const BAD_CONFIGZ: readonly { name: string; text: string; problem: RegExp }[] = [
  { name: 'an HTML page', text: '<html><body>Forbidden</body></html>', problem: /not JSON \(it looks like HTML\)/ },
  { name: 'truncated JSON', text: '{"kubeletconfig":{"cgroupDriver":"sys', problem: /is not JSON/ },
  { name: 'JSON without kubeletconfig', text: '{"kind":"Status","message":"nope"}', problem: /without a "kubeletconfig" object/ },
  { name: 'a JSON list', text: '[1,2,3]', problem: /without a "kubeletconfig" object/ },
  { name: 'an endpoint with markup', text: JSON.stringify({ kubeletconfig: { containerRuntimeEndpoint: 'unix:///run/<img src=x onerror=alert(1)>.sock' } }), problem: /containerRuntimeEndpoint that is not a socket/ },
  { name: 'an endpoint 100 KB long', text: JSON.stringify({ kubeletconfig: { containerRuntimeEndpoint: `unix:///${'a'.repeat(100_000)}` } }), problem: /containerRuntimeEndpoint/ },
  { name: 'failCgroupV1 as a string', text: JSON.stringify({ kubeletconfig: { failCgroupV1: 'false' } }), problem: /failCgroupV1 that is not true or false/ },
  { name: 'a cgroup driver with control characters', text: JSON.stringify({ kubeletconfig: { cgroupDriver: 'systemd\u001b]0;pwned\u0007' } }), problem: /cgroupDriver/ },
  { name: 'more than 1 MiB', text: JSON.stringify({ kubeletconfig: { padding: 'x'.repeat(1_100_000) } }), problem: /larger than 1024 KiB/ },
];

for (const row of BAD_CONFIGZ) {
  test(`configz refused: ${row.name}`, () => {
    assert.throws(() => parseKubeletConfigz(row.text), (error: unknown) => {
      assert.ok(error instanceof KubeletAnswerError);
      assert.equal(error.answer, 'configz');
      assert.match(error.message, row.problem);
      assert.ok(!/onerror|pwned|Forbidden/.test(error.message), error.message);
      return true;
    });
  });
}

test('kubeletEvidence combines both answers and names the node read', () => {
  const evidence = kubeletEvidence({
    metrics: parseKubeletMetrics(KUBELET_134),
    configz: parseKubeletConfigz(CONFIGZ_ROWS[0]?.text ?? ''),
  }, 'ip-10-0-1-17.ec2.internal');
  assert.deepEqual(evidence, {
    cgroupVersion: 1, criLosingSupport: '1.38.0', containerRuntimeEndpoint: 'unix:///run/containerd/containerd.sock',
    cgroupDriver: 'systemd', failCgroupV1: false, readFrom: 'ip-10-0-1-17.ec2.internal',
  });
  assert.deepEqual(kubeletEvidence({ metrics: null }, 'n'), {
    cgroupVersion: null, criLosingSupport: null, containerRuntimeEndpoint: null, cgroupDriver: null, failCgroupV1: null, readFrom: 'n',
  });
});

function node(name: string, runtime: string, kubelet: string, osImage: string, os = 'linux'): ReturnType<typeof nodeFacts> {
  return nodeFacts({ kind: 'Node', metadata: { name }, status: { nodeInfo: { containerRuntimeVersion: runtime, kubeletVersion: kubelet, osImage, operatingSystem: os } } });
}

test('the pool key groups nodes by runtime, kubelet and OS image, and nothing else', () => {
  const a = node('a', 'containerd://2.1.4', 'v1.33.5-eks-113cf36', 'Amazon Linux 2023.8.20250915');
  const b = node('b', 'containerd://2.1.4', 'v1.33.5-eks-113cf36', 'Amazon Linux 2023.8.20250915');
  assert.equal(kubeletPoolKey(a), kubeletPoolKey(b));
  for (const other of [
    node('c', 'containerd://1.7.27', 'v1.33.5-eks-113cf36', 'Amazon Linux 2'),
    node('d', 'containerd://2.1.4+bottlerocket', 'v1.33.5-eks-113cf36', 'Bottlerocket OS 1.44.0 (aws-k8s-1.33)'),
    node('e', 'containerd://2.1.4', 'v1.32.9-eks-113cf36', 'Amazon Linux 2023.8.20250915'),
    node('f', 'containerd://2.1.4', 'v1.33.5-eks-113cf36', 'Amazon Linux 2023.8.20250915', 'windows'),
  ]) assert.notEqual(kubeletPoolKey(a), kubeletPoolKey(other), other.name);
});
