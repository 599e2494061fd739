// The k8s-anatomy CLI end to end: every built-in sample diagnosed (verdict, distribution,
// control-plane hosting, HA, node runtimes, findings, exit codes), the output formats, and bad
// input ending in exit 2 with one clear line — through `run()` and through the built binary.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listSamples } from '../../src/k8s/samples';
import { runCli } from '../fixtures/cli';
import type { ReadinessReport } from '../../src/core/model';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const EMPTY_HOME = mkdtempSync(join(tmpdir(), 'k8s-anatomy-home-'));

const cli = (args: string[], stdin?: string) => runCli(args, stdin !== undefined ? { stdin } : {});

async function checkJson(args: string[]): Promise<{ code: number; report: ReadinessReport }> {
  const result = await cli(['check', ...args, '--output', 'json']);
  assert.equal(result.stderr, '', `no stderr for ${args.join(' ')}`);
  return { code: result.code, report: JSON.parse(result.stdout) as ReadinessReport };
}

interface SampleExpectation {
  verdict: ReadinessReport['verdict'];
  exit: number;
  distribution: string;
  hosting: string;
  ha: boolean | null;
  /** runtime name → dockerShim for every node with that runtime and OS. */
  shims: Record<string, string | null>;
  /** `rule Kind/ns/name` that must be present. */
  mustFind: string[];
}

const EXPECTED: Record<string, SampleExpectation> = {
  'eks-1.33-2026': {
    verdict: 'not-ready', exit: 1, distribution: 'eks', hosting: 'managed', ha: null,
    shims: { 'linux containerd': null },
    mustFind: ['runtime-feature-missing Deployment/media/thumbnailer', 'runtime-feature-missing Deployment/ci/buildkitd', 'schema1-image Deployment/reports/report-renderer'],
  },
  'kubeadm-1.23-ha': {
    verdict: 'not-ready', exit: 1, distribution: 'kubeadm', hosting: 'static-pods', ha: true,
    shims: { 'linux docker': 'dockershim' },
    mustFind: ['dockershim-node Node//cp-1', 'dockershim-node Node//cp-2', 'dockershim-node Node//cp-3'],
  },
  'eks-1.23-docker': {
    verdict: 'not-ready', exit: 1, distribution: 'eks', hosting: 'managed', ha: null,
    shims: { 'linux docker': 'dockershim', 'linux containerd': null },
    mustFind: ['docker-socket-mount DaemonSet/monitoring/datadog-agent', 'docker-socket-mount CronJob/ci/image-builder', 'docker-socket-type-check CronJob/ci/image-builder'],
  },
  'k3s-ha': {
    verdict: 'ready', exit: 0, distribution: 'k3s', hosting: 'embedded', ha: true,
    shims: { 'linux containerd': null }, mustFind: [],
  },
  'openshift-4.13': {
    verdict: 'ready', exit: 0, distribution: 'openshift', hosting: 'static-pods', ha: true,
    shims: { 'linux cri-o': null }, mustFind: [],
  },
  'docker-desktop': {
    verdict: 'ready', exit: 0, distribution: 'docker-desktop', hosting: 'static-pods', ha: false,
    shims: { 'linux docker': 'cri-dockerd' }, mustFind: ['cri-dockerd-node Node//docker-desktop'],
  },
  'mixed-windows': {
    verdict: 'not-ready', exit: 1, distribution: 'kubeadm', hosting: 'static-pods', ha: false,
    shims: { 'linux containerd': null, 'windows docker': 'dockershim' },
    mustFind: ['dockershim-node Node//win-worker-1', 'docker-socket-mount Deployment/ci/ci-runner'],
  },
  'gke-1.29': {
    verdict: 'ready', exit: 0, distribution: 'gke', hosting: 'managed', ha: null,
    shims: { 'linux containerd': null }, mustFind: [],
  },
};

test('at least six samples ship, each described, one of them the default', () => {
  const samples = listSamples();
  assert.ok(samples.length >= 6, `${samples.length} samples`);
  assert.equal(samples.filter((s) => s.default).length, 1);
  for (const s of samples) {
    assert.ok(s.title && s.description, `${s.name} is described`);
    assert.ok(existsSync(join(ROOT, 'samples', s.file)), `${s.file} exists`);
  }
});

for (const sample of listSamples()) {
  const expected = EXPECTED[sample.name];
  test(`sample ${sample.name}: ${expected ? `${expected.verdict}, ${expected.distribution}, ${expected.hosting}, exit ${expected.exit}` : 'has an expectation'}`, async () => {
    assert.ok(expected, `add the expected diagnosis of ${sample.name} to this test`);
    const { code, report } = await checkJson(['--sample', sample.name]);
    assert.equal(report.schemaVersion, 1);
    assert.equal(report.verdict, expected.verdict);
    assert.equal(code, expected.exit);
    assert.equal(report.cluster.distribution, expected.distribution);
    assert.equal(report.cluster.controlPlane, expected.hosting);
    assert.equal(report.cluster.ha, expected.ha);
    const shims = Object.fromEntries(report.nodes.map((n) => [`${n.os} ${n.runtime.name}`, n.dockerShim]));
    assert.deepEqual(shims, expected.shims);
    const found = report.findings.map((f) => `${f.rule} ${f.subject.kind}/${f.subject.namespace}/${f.subject.name}`);
    for (const wanted of expected.mustFind) assert.ok(found.includes(wanted), `missing ${wanted}; found ${found.join(', ')}`);
    if (expected.verdict === 'ready') assert.ok(report.findings.every((f) => f.severity === 'info'));
    assert.deepEqual(report.coverage.skipped, []);
  });
}

test('eks-1.33-2026: feature findings carry feature and field; the gvisor class loaded on its group is not flagged; the AL2 nodes are named', async () => {
  const { report } = await checkJson(['--sample', 'eks-1.33-2026']);
  const features = report.findings.filter((f) => f.rule === 'runtime-feature-missing')
    .map((f) => `${f.severity} ${f.subject.namespace}/${f.subject.name} ${f.feature ?? '-'} ${f.path}`).sort();
  assert.deepEqual(features, [
    'warning ci/buildkitd userNamespaces spec.template.spec.hostUsers',
    'warning media/thumbnailer imageVolume spec.template.spec.volumes[1].image',
  ]);
  for (const f of report.findings.filter((x) => x.rule === 'runtime-feature-missing')) {
    assert.match(f.message, /ip-10-0-1-93\.ec2\.internal, ip-10-0-2-203\.ec2\.internal \(containerd 1\.7\.27 lacks/);
  }
  assert.deepEqual(report.findings.filter((f) => f.rule === 'runtimeclass-handler-missing'), []);
  assert.deepEqual(report.findings.filter((f) => f.severity === 'error').map((f) => f.rule), ['schema1-image']);
});

test('the same sample read with --from gives the same diagnosis as --sample', async () => {
  const viaSample = await checkJson(['--sample', 'mixed-windows']);
  const viaFrom = await checkJson(['--from', join(ROOT, 'samples', 'mixed-windows.yaml')]);
  const strip = (r: ReadinessReport) => ({ ...r, source: undefined });
  assert.deepEqual(strip(viaFrom.report), strip(viaSample.report));
});

test('kubectl get ... -o json piped into --from - is read from stdin', async () => {
  const list = JSON.stringify({
    apiVersion: 'v1', kind: 'List', items: [
      { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, status: { nodeInfo: { containerRuntimeVersion: 'docker://20.10.17', kubeletVersion: 'v1.23.17', operatingSystem: 'linux' } } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'x' }] } },
    ],
  });
  const result = await cli(['check', '--from', '-', '--output', 'json'], list);
  assert.equal(result.code, 1);
  assert.equal((JSON.parse(result.stdout) as ReadinessReport).nodes[0]?.dockerShim, 'dockershim');
});

test('--fail-on warning turns warnings into exit 1; --fail-on never exits 0 on findings', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-anatomy-failon-'));
  const file = join(dir, 'dump.yaml');
  writeFileSync(file, [
    'kind: Node', 'apiVersion: v1', 'metadata: {name: n1}', 'status: {nodeInfo: {containerRuntimeVersion: "containerd://1.6.2", kubeletVersion: v1.24.3, operatingSystem: linux}}',
    '---', 'kind: Pod', 'apiVersion: v1', 'metadata: {name: p, namespace: default}', 'spec: {containers: [{name: c, image: x}]}', '',
  ].join('\n'));
  assert.equal((await cli(['check', '--from', file])).code, 0, 'a warning alone passes with the default --fail-on error');
  assert.equal((await cli(['check', '--from', file, '--fail-on', 'warning'])).code, 1);
  assert.equal((await cli(['check', '--sample', 'mixed-windows', '--fail-on', 'never'])).code, 0);
});

test('a dump without nodes is incomplete (exit 3), not ready', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-anatomy-nonodes-'));
  const file = join(dir, 'deploy.yaml');
  writeFileSync(file, 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: default}\nspec: {template: {spec: {containers: [{name: c, image: nginx}]}}}\n');
  const result = await cli(['check', '--from', file, '--output', 'json']);
  assert.equal(result.code, 3);
  assert.equal((JSON.parse(result.stdout) as ReadinessReport).verdict, 'unknown');
});

test('manifest findings carry the file and the line of the hostPath', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-anatomy-manifest-'));
  const file = join(dir, 'agent.yaml');
  writeFileSync(file, [
    '# an agent', 'apiVersion: apps/v1', 'kind: DaemonSet', 'metadata:', '  name: agent', '  namespace: monitoring', 'spec:', '  template:', '    spec:',
    '      containers:', '      - name: agent', '        image: agent:1', '        volumeMounts:', '        - {name: sock, mountPath: /var/run/docker.sock}',
    '      volumes:', '      - name: sock', '        hostPath:', '          path: /var/run/docker.sock', '',
  ].join('\n'));
  const result = await cli(['check', '--from', file, '--output', 'sarif']);
  const sarif = JSON.parse(result.stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation?: { region: { startLine: number } } }[] }[] }[] };
  const hit = sarif.runs[0]?.results.find((r) => r.ruleId === 'docker-socket-mount');
  assert.equal(hit?.locations[0]?.physicalLocation?.region.startLine, 18);
});

test('every output format renders the default sample', async () => {
  for (const output of ['text', 'json', 'markdown', 'sarif']) {
    const result = await cli(['check', '--sample', 'mixed-windows', '--output', output]);
    assert.equal(result.code, 1, output);
    assert.ok(result.stdout.includes('win-worker-1'), `${output} names the Windows node`);
  }
});

test('topology prints mermaid, the anatomy as JSON, or a self-contained HTML page', async () => {
  const mermaid = await cli(['topology', '--sample', 'kubeadm-1.23-ha']);
  assert.match(mermaid.stdout, /^flowchart TB/);
  assert.match(mermaid.stdout, /dockershim/);
  const json = JSON.parse((await cli(['topology', '--sample', 'k3s-ha', '--format', 'json'])).stdout) as { pools: unknown[] };
  assert.ok(json.pools.length >= 2);
  const dir = mkdtempSync(join(tmpdir(), 'k8s-anatomy-html-'));
  const out = join(dir, 'page.html');
  const html = await cli(['topology', '--sample', 'mixed-windows', '--format', 'html', '--out', out]);
  assert.equal(html.code, 0);
  const page = readFileSync(out, 'utf8');
  assert.match(page, /Content-Security-Policy/);
  assert.match(page, /securityLevel/);
  assert.ok(!/<script[^>]*\bsrc=/.test(page), 'no external scripts: works offline from file://');
});

test('explain prints a knowledge entry and suggests when it knows nothing', async () => {
  const known = await cli(['explain', 'unix:///var/run/cri-dockerd.sock']);
  assert.equal(known.code, 0);
  assert.match(known.stdout, /cri-dockerd/i);
  const unknown = await cli(['explain', 'flibbertigibbet']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /nothing known/);
});

test('--sample without a name lists the samples', async () => {
  const result = await cli(['check', '--sample']);
  assert.equal(result.code, 0);
  for (const s of listSamples()) assert.ok(result.stdout.includes(s.name));
});

const BAD: [args: string[], pattern: RegExp][] = [
  [['frobnicate'], /unknown command "frobnicate"/],
  [['check', '--output', 'xml', '--sample', 'k3s-ha'], /--output must be one of/],
  [['check', '--bogus'], /unknown option '--bogus'/],
  [['check', '--sample', 'nope'], /no sample named "nope"/],
  [['check', '--from', '/nonexistent.json'], /nonexistent\.json: no such file/],
  [['check', '--sample', 'k3s-ha', '--target-version', 'banana'], /not a Kubernetes version/],
  [['check', '--sample', 'k3s-ha', '--from', 'x.json'], /choose one source/],
  [['check'], /no kubeconfig/],
  [['explain'], /explain needs a TERM/],
];

for (const [args, pattern] of BAD) {
  test(`bad invocation \`${args.join(' ')}\` exits 2 with a clear message`, async () => {
    const result = await cli(args);
    assert.equal(result.code, 2);
    assert.match(result.stderr, pattern);
    assert.ok(!/\n\s+at .+:\d+:\d+/.test(result.stderr), 'no stack trace');
    assert.equal(result.stdout, '');
  });
}

const BAD_FILES: [name: string, content: string | Buffer, pattern: RegExp][] = [
  ['truncated.json', '{"kind": "List", "items": [{"kind": "Node", "metad', /truncated\.json(:\d+)?: invalid JSON/],
  ['broken.yaml', 'kind: Node\nmetadata:\n  name: [oops\n', /broken\.yaml:\d+: invalid YAML/],
  ['binary.json', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x02]), /binary\.json: this is a binary file/],
  ['empty.yaml', '', /empty\.yaml: the file is empty/],
  ['config.yaml', 'name: my-app\nreplicas: 3\n', /config\.yaml:1: found a document without "kind"/],
  // 100,000 nested flow lists: once the parser's "Maximum call stack size exceeded".
  ['deep.yaml', `kind: ConfigMap\ndata: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`, /deep\.yaml:2: YAML nests too deep \(more than 256 levels of mappings and lists inside each other\); refusing to read it\n/],
];

for (const [name, content, pattern] of BAD_FILES) {
  test(`bad dump ${name} exits 2 naming the file`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8s-anatomy-bad-'));
    writeFileSync(join(dir, name), content);
    const result = await cli(['check', '--from', join(dir, name)]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, pattern);
    assert.doesNotMatch(result.stderr, /call stack|\n\s+at /, 'an engine message or a stack trace');
  });
}

// --- the built binary --------------------------------------------------------------------------

before(() => {
  if (!existsSync(CLI)) {
    const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
    assert.equal(build.status, 0, 'building dist/cli.js');
  }
});

function binary(args: string[], input?: string) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, input, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', HOME: EMPTY_HOME }, timeout: 60_000 });
}

test('the built k8s-anatomy binary: exit codes and a stdin pipe', () => {
  assert.equal(binary(['check', '--sample', 'k3s-ha']).status, 0);
  assert.equal(binary(['check', '--sample', 'kubeadm-1.23-ha']).status, 1);
  const noKubeconfig = binary(['check']);
  assert.equal(noKubeconfig.status, 2);
  assert.match(noKubeconfig.stderr, /no kubeconfig/);
  const piped = binary(['check', '--from', '-', '--output', 'json'], readFileSync(join(ROOT, 'samples', 'docker-desktop.yaml'), 'utf8'));
  assert.equal(piped.status, 0);
  assert.equal((JSON.parse(piped.stdout) as ReadinessReport).cluster.distribution, 'docker-desktop');
  assert.match(binary(['--help']).stdout, /Exit codes/);
});
