import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { parse } from 'parse5';
import type {
  Anatomy, Finding, KnowledgeEntry, NodeReport, ReadinessReport, Verdict,
} from '../../src/core/model';
import { RULES } from '../../src/core/rules/catalog';
import { renderText } from '../../src/core/render/text';
import { renderMarkdown } from '../../src/core/render/markdown';
import { FINGERPRINT_KEY, SARIF_SCHEMA, artifactUri, renderSarif } from '../../src/core/render/sarif';
import type { SarifLog } from '../../src/core/render/sarif';
import { inlineScriptText, renderTopologyPage } from '../../src/core/render/html';

// ---------------------------------------------------------------------------------------------
// Fixtures

const BIG = `<script>${'A'.repeat(300 * 1024)}</script>`;
const HOSTILE = {
  script: '<script>alert(1)</script>',
  img: '<img src=x onerror=alert(1)>',
  js: 'javascript:alert(1)',
  mermaidClick: '"]; click A href "javascript:alert(1)"',
  mermaidInit: '%%{init: {"securityLevel":"loose"}}%%',
  mermaidClass: ':::evil',
  sgr: '\x1b[31mred',
  osc8: '\x1b]8;;http://x\x07link\x1b]8;;\x07',
  bidi: 'admin\u202etxt.exe',
  big: BIG,
} as const;
const HOSTILE_VALUES: readonly string[] = Object.values(HOSTILE);

function node(name: string, over: Partial<NodeReport> = {}): NodeReport {
  return {
    name, kubeletVersion: 'v1.23.17', os: 'linux', roles: ['worker'],
    runtime: { name: 'containerd', version: '1.6.20', raw: 'containerd://1.6.20' }, dockerShim: null, ...over,
  };
}

function finding(over: Partial<Finding> = {}): Finding {
  return {
    rule: 'dockershim-node', severity: 'error', subject: { kind: 'Node', namespace: '', name: 'win-worker-1' },
    path: 'status.nodeInfo.containerRuntimeVersion', message: 'The node runs Docker Engine 20.10 through dockershim.',
    remediation: 'Drain the node and move it to containerd.', docs: [RULES[0]?.docs[0] ?? ''], ...over,
  };
}

function report(over: Partial<ReadinessReport> = {}): ReadinessReport {
  return {
    schemaVersion: 1,
    verdict: 'not-ready',
    cluster: { serverVersion: 'v1.23.17', distribution: 'kubeadm', controlPlane: 'static-pods', ha: false },
    nodes: [
      node('cp-1', { roles: ['control-plane'] }),
      node('win-worker-1', { os: 'windows', runtime: { name: 'docker', version: '20.10.7', raw: 'docker://20.10.7' }, dockerShim: 'dockershim' }),
    ],
    controlPlane: [{ component: 'kube-apiserver', namespace: 'kube-system', name: 'kube-apiserver-cp-1', node: 'cp-1', ready: true }],
    findings: [
      finding(),
      finding({
        rule: 'docker-socket-mount', subject: { kind: 'Deployment', namespace: 'ci', name: 'ci-runner' },
        path: 'spec.template.spec.volumes[0].hostPath.path', containers: ['runner', 'dind'],
        message: 'hostPath "/var/run/docker.sock" mounts the Docker Engine socket.', remediation: 'Build images with Kaniko.',
        location: { file: 'manifests/ci runner.yaml', line: 12 }, docs: RULES[2]?.docs ?? [],
      }),
      finding({ rule: 'runtime-dir-mount', severity: 'warning', subject: { kind: 'DaemonSet', namespace: 'monitoring', name: 'agent' }, path: 'spec.template.spec.volumes[1].hostPath.path' }),
      finding({ rule: 'cri-dockerd-node', severity: 'info', subject: { kind: 'Node', namespace: '', name: 'w-2' } }),
      finding({ rule: 'runtime-socket-mount', severity: 'info', subject: { kind: 'Pod', namespace: 'default', name: 'p' } }),
      finding({ rule: 'docker-socket-type-check', severity: 'error', subject: { kind: 'Deployment', namespace: 'ci', name: 'ci-runner' } }),
    ],
    coverage: { skipped: [{ scope: 'pods in namespace team-a', reason: 'forbidden: cannot list pods' }] },
    source: { kind: 'cluster', context: 'prod', server: 'https://10.0.0.1:6443' },
    target: '1.24',
    ...over,
  };
}

/** A report with a hostile string in every field that holds cluster data. */
function hostileReport(): ReadinessReport {
  const all = HOSTILE_VALUES.join(' ');
  return report({
    nodes: HOSTILE_VALUES.map((h) => node(h, {
      roles: [h], kubeletVersion: h, runtime: { name: h, version: null, raw: h },
    })),
    controlPlane: HOSTILE_VALUES.map((h) => ({ component: 'etcd' as const, namespace: h, name: h, node: h, ready: null })),
    findings: HOSTILE_VALUES.map((h, i) => finding({
      severity: (['error', 'warning', 'info'] as const)[i % 3],
      subject: { kind: h, namespace: h, name: h }, path: h, containers: [h],
      message: `hostPath ${h} is a problem: ${h}`, remediation: `kubectl annotate node ${h} --overwrite`,
      location: { file: h, line: 3 }, docs: [HOSTILE.js, 'https://evil.example/"onmouseover="alert(1)', h],
    })),
    coverage: { skipped: [{ scope: all, reason: all }] },
    source: { kind: 'dump', files: [...HOSTILE_VALUES] },
    target: HOSTILE.script,
  });
}

// ---------------------------------------------------------------------------------------------
// Text

const OUR_SGR = /\x1b\[(?:0|1|2|31|32|33|36)m/g;

test('text with color=false contains no ESC byte, even from hostile cluster strings', () => {
  const out = renderText(hostileReport(), { color: false });
  assert.doesNotMatch(out, /\x1b/);
  assert.doesNotMatch(out, /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/, 'no control or bidi character besides newlines');
  assert.match(out, /\\x1b\[31mred/, 'the SGR payload is shown escaped');
  assert.match(out, /\\x1b\]8;;http:\/\/x\\x07link/, 'the OSC 8 payload is shown escaped');
  assert.match(out, /admin\\u202etxt\.exe/, 'the bidi override is shown escaped');
});

test('text with color=true emits only its own SGR codes; hostile escape sequences stay escaped', () => {
  const out = renderText(hostileReport(), { color: true });
  assert.doesNotMatch(out.replace(OUR_SGR, ''), /\x1b/, 'every ESC belongs to one of our SGR codes');
  assert.ok(!out.includes('\x1b[31mred') && !out.includes('\x1b]'), 'no raw hostile sequence');
  assert.match(out, /\\x1b\[31mred/);
});

test('text caps every cluster string, so a 300 KB name prints as ~200 chars and says how much was cut', () => {
  const out = renderText(hostileReport(), { color: false });
  assert.ok(out.length < 60_000, `output is ${out.length} chars`);
  assert.match(out, /<script>A{192}… \(\+307,017 chars\)/);
});

test('text colours the verdict: ready green, not-ready red, unknown yellow; none without color', () => {
  const rows: [Verdict, string, string][] = [
    ['ready', '\x1b[32m', 'READY'],
    ['not-ready', '\x1b[31m', 'NOT READY'],
    ['unknown', '\x1b[33m', 'UNKNOWN'],
  ];
  for (const [verdict, color, word] of rows) {
    const colored = renderText(report({ verdict }), { color: true });
    assert.match(colored, new RegExp(`Verdict\\s+\\x1b\\[1m${color.replace('[', '\\[')}${word}\\x1b\\[0m`), verdict);
    const plain = renderText(report({ verdict }), { color: false });
    assert.match(plain, new RegExp(`Verdict\\s+${word}\\n`), verdict);
  }
});

test('text header states source, target, server, distribution, hosting and HA in words', () => {
  const rows: [boolean | null, string][] = [
    [true, 'yes'],
    [false, 'no (single control plane)'],
    [null, 'managed by the provider / not visible'],
  ];
  for (const [ha, words] of rows) {
    const out = renderText(report({ cluster: { serverVersion: 'v1.23.17', distribution: 'eks', controlPlane: 'managed', ha } }), { color: false });
    assert.match(out, new RegExp(`HA\\s+${words.replace(/[()/]/g, '\\$&')}\\n`));
    assert.match(out, /Distribution\s+Amazon EKS\n/);
    assert.match(out, /Control plane\s+managed by the provider\n/);
    assert.match(out, /Server\s+v1\.23\.17\n/);
    assert.match(out, /Source\s+cluster, context prod at https:\/\/10\.0\.0\.1:6443\n/);
    assert.match(out, /Judged for\s+Kubernetes 1\.24\n/);
  }
});

test('text lists nodes with roles, OS, runtime, kubelet and Docker path', () => {
  const out = renderText(report(), { color: false });
  assert.match(out, /NAME\s+ROLES\s+OS\s+RUNTIME\s+KUBELET\s+DOCKER PATH/);
  assert.match(out, /win-worker-1\s+worker\s+windows\s+docker 20\.10\.7\s+v1\.23\.17\s+dockershim/);
  assert.match(out, /cp-1\s+control-plane\s+linux\s+containerd 1\.6\.20\s+v1\.23\.17\s+-/);
  assert.match(out, /kube-apiserver\s+kube-system\/kube-apiserver-cp-1\s+cp-1\s+yes/);
});

test('text lists up to 40 nodes one per line and groups identical nodes into pools past 40', () => {
  const nodes = (n: number) => Array.from({ length: n }, (_, i) => node(`worker-${i}`, i % 4 === 0
    ? { runtime: { name: 'docker', version: '20.10.7', raw: 'docker://20.10.7' }, dockerShim: 'dockershim' }
    : {}));
  const forty = renderText(report({ nodes: nodes(40) }), { color: false });
  assert.match(forty, /Nodes \(40\)\n/);
  assert.match(forty, /worker-39 /);

  const many = renderText(report({ nodes: nodes(5000) }), { color: false });
  assert.match(many, /Nodes \(5,000 in 2 groups of identical nodes\)/);
  assert.match(many, /COUNT\s+ROLES\s+OS\s+RUNTIME\s+KUBELET\s+DOCKER PATH\s+FOR EXAMPLE/);
  assert.match(many, /3,750\s+worker\s+linux\s+containerd 1\.6\.20\s+v1\.23\.17\s+-\s+worker-1, worker-2, worker-3, …/);
  assert.match(many, /1,250\s+worker\s+linux\s+docker 20\.10\.7\s+v1\.23\.17\s+dockershim\s+worker-0, worker-4, worker-8, …/);
  assert.ok(!many.includes('worker-4999'), 'not every node is listed');
  assert.ok(many.split('\n').length < 80, 'a 5,000-node cluster prints in a screenful');
});

test('text groups findings by severity with subject, field, containers, message, fix and docs, then gaps and a summary', () => {
  const out = renderText(report(), { color: false, width: 200 });
  const errors = out.indexOf('Errors (3)');
  const warnings = out.indexOf('Warnings (1)');
  const info = out.indexOf('Info (2)');
  assert.ok(errors > 0 && errors < warnings && warnings < info, 'errors, then warnings, then info');
  assert.match(out, /\[error\] docker-socket-mount {2}Deployment\/ci\/ci-runner\n {6}Field: spec\.template\.spec\.volumes\[0\]\.hostPath\.path\n {6}File: manifests\/ci runner\.yaml:12\n {6}Containers: runner, dind\n {6}hostPath "\/var\/run\/docker\.sock" mounts the Docker Engine socket\.\n {6}Fix: Build images with Kaniko\.\n {6}Docs: https:\/\/kubernetes\.io\//);
  assert.match(out, /\[error\] dockershim-node {2}Node\/win-worker-1\n/);
  assert.match(out, /Not checked \(1\)\n {2}- pods in namespace team-a: forbidden: cannot list pods\n/);
  assert.match(out, /\nnot ready: 3 errors, 1 warning, 2 info, 1 not checked\n$/);
  assert.match(out, /Findings \(3 errors, 1 warning, 2 info\)/);
});

test('text wraps long messages at the given width', () => {
  const long = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
  const out = renderText(report({ findings: [finding({ message: long })] }), { color: false, width: 60 });
  const lines = out.split('\n').filter((l) => l.includes('word'));
  assert.ok(lines.length > 5, 'the message spans several lines');
  for (const line of lines) assert.ok(line.length <= 60, `"${line}" fits in 60 columns`);
});

test('text says so when there are no findings and everything was read', () => {
  const out = renderText(report({ verdict: 'ready', findings: [], coverage: { skipped: [] } }), { color: false });
  assert.match(out, /No findings\./);
  assert.match(out, /Everything in scope was read\./);
  assert.match(out, /\nready: 0 errors, 0 warnings, 0 info\n$/);
});

// ---------------------------------------------------------------------------------------------
// Markdown

interface MarkdownIt { render(src: string): string }
const MarkdownItCtor = createRequire(import.meta.url)('markdown-it') as new (options: object) => MarkdownIt;
const md = new MarkdownItCtor({ html: true, linkify: false, typographer: false });

test('markdown from hostile strings renders no script, image, event handler or link of theirs', () => {
  const source = renderMarkdown(hostileReport());
  const doc = parse(md.render(source)) as unknown as HNode;
  const elements = all(doc).filter((n) => n.tagName);
  const tags = new Set(elements.map((n) => n.tagName));
  for (const tag of ['script', 'img', 'iframe', 'object', 'embed', 'svg', 'style', 'form', 'input']) {
    assert.ok(!tags.has(tag), `no <${tag}>`);
  }
  for (const el of elements) {
    for (const a of el.attrs ?? []) assert.ok(!a.name.startsWith('on'), `no ${a.name} attribute`);
  }
  const catalogDocs = new Set(RULES.flatMap((r) => r.docs));
  const hrefs = elements.filter((n) => n.tagName === 'a').map((n) => attr(n, 'href'));
  for (const href of hrefs) assert.ok(href !== undefined && catalogDocs.has(href), `link ${href} is a catalog doc`);
  const allowedHtml = new Set(['details', 'summary']);
  for (const t of tags) assert.ok(MARKDOWN_TAGS.has(t ?? '') || allowedHtml.has(t ?? ''), `<${t}> is Markdown's own or ours`);
  // The payloads are visible as text.
  const text = textOf(doc);
  assert.ok(text.includes(HOSTILE.script) && text.includes(HOSTILE.img) && text.includes(HOSTILE.mermaidClick));
});

test('markdown keeps GFM autolink triggers escaped in prose', () => {
  const out = renderMarkdown(report({
    findings: [finding({ message: 'see https://evil.example and www.evil.example or mail x@evil.example' })],
  }));
  assert.match(out, /see https\\:\/\/evil\.example and www\\\.evil\.example or mail x\\@evil\.example/);
});

test('markdown tables keep their column count whatever the cells contain', () => {
  const html = md.render(renderMarkdown(hostileReport()));
  const doc = parse(html) as unknown as HNode;
  const tables = all(doc).filter((n) => n.tagName === 'table');
  assert.ok(tables.length >= 4, 'facts, nodes, control plane and findings tables');
  for (const table of tables) {
    const rows = all(table).filter((n) => n.tagName === 'tr');
    const width = cells(rows[0]).length;
    for (const row of rows) assert.equal(cells(row).length, width);
  }
});

test('markdown has the facts, node, control-plane and findings tables and one details block per finding', () => {
  const r = report();
  const out = renderMarkdown(r);
  assert.match(out, /^# K8s Anatomy: Dockershim readiness\n/, 'a report without families (written before them) was a dockershim check');
  assert.match(out, /\*\*Verdict: ❌ not ready\*\* · 3 errors, 1 warning, 2 info · 1 not checked/);
  assert.match(out, /\| HA \| no \\\(single control plane\\\) \|/);
  assert.match(out, /\| ` win-worker-1 ` \| worker \| windows \| ` docker 20\.10\.7 ` \| ` v1\.23\.17 ` \| dockershim \|/);
  assert.match(out, /\| kube\\-apiserver \| ` kube-system\/kube-apiserver-cp-1 ` \| ` cp-1 ` \| yes \|/);
  assert.equal(out.match(/<details>/g)?.length, r.findings.length);
  assert.match(out, /<summary>2\. error · docker-socket-mount · Deployment\/ci\/ci-runner<\/summary>/);
  assert.match(out, /- \*\*Containers:\*\* ` runner `, ` dind `/);
  assert.match(out, /- \*\*File:\*\* ` manifests\/ci runner\.yaml `, line 12/);
  assert.match(out, /- \*\*Fix:\*\* Build images with Kaniko\./);
  assert.match(out, /- \*\*Docs:\*\* \[https\\:\/\/kubernetes\.io\/[^\]]+\]\(<https:\/\/kubernetes\.io\/[^>]+>\)/);
  assert.match(out, /- \*\*pods in namespace team\\-a\*\*: forbidden\\: cannot list pods/);
});

test('markdown groups nodes into pools past 40', () => {
  const nodes = Array.from({ length: 41 }, (_, i) => node(`n-${i}`));
  const out = renderMarkdown(report({ nodes }));
  assert.match(out, /## Nodes \(41 in 1 groups of identical nodes\)/);
  assert.match(out, /\| 41 \| worker \| linux \| ` containerd 1\.6\.20 ` \| ` v1\.23\.17 ` \| \\- \| ` n-0 `, ` n-1 `, ` n-2 `, … \|/);
});

test('markdown summary lines escape hostile strings as HTML, the only raw-HTML context', () => {
  const out = renderMarkdown(hostileReport());
  for (const line of out.split('\n').filter((l) => l.startsWith('<summary>'))) {
    assert.match(line, /^<summary>[^<>]*<\/summary>$/);
  }
});

// ---------------------------------------------------------------------------------------------
// SARIF

const TOOL = { name: 'k8s-anatomy', version: '0.1.0', informationUri: 'https://github.com/k8s-anatomy/k8s-anatomy' };
const LEVELS = new Set(['none', 'note', 'warning', 'error']);

/** The shapes and required properties SARIF 2.1.0's schema asks for, for the parts we emit. */
function assertSarif21(log: SarifLog): void {
  const isUri = (s: unknown) => typeof s === 'string' && s.length > 0 && !/[\s\\<>"{}|^`]/.test(s);
  assert.deepEqual(JSON.parse(JSON.stringify(log)), log, 'plain JSON: no undefined, functions or bigints');
  assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
  assert.equal(log.version, '2.1.0');
  assert.ok(Array.isArray(log.runs) && log.runs.length === 1, 'one run');
  const run = log.runs[0];
  const driver = run.tool.driver;
  assert.equal(typeof driver.name, 'string');
  assert.ok(isUri(driver.informationUri));
  assert.ok(Array.isArray(driver.rules));
  const ids = driver.rules.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length, 'rule ids unique');
  for (const r of driver.rules) {
    assert.equal(typeof r.id, 'string');
    assert.equal(typeof r.shortDescription.text, 'string');
    assert.equal(typeof r.fullDescription.text, 'string');
    assert.match(r.name, /^[A-Za-z][A-Za-z0-9]*$/, 'name is an identifier');
    if (r.helpUri !== undefined) assert.ok(isUri(r.helpUri), r.helpUri);
    assert.ok(LEVELS.has(r.defaultConfiguration.level));
    assert.ok(Array.isArray(r.properties.tags) && new Set(r.properties.tags).size === r.properties.tags.length, 'tags unique');
  }
  assert.ok(Array.isArray(run.invocations) && run.invocations.length === 1);
  assert.equal(typeof run.invocations[0]?.executionSuccessful, 'boolean');
  for (const n of run.invocations[0]?.toolExecutionNotifications ?? []) assert.equal(typeof n.message.text, 'string');
  for (const res of run.results) {
    assert.equal(typeof res.message.text, 'string', 'message is required');
    assert.ok(Number.isInteger(res.ruleIndex) && res.ruleIndex >= 0 && res.ruleIndex < driver.rules.length);
    assert.equal(driver.rules[res.ruleIndex]?.id, res.ruleId, 'ruleIndex points at ruleId');
    assert.ok(LEVELS.has(res.level));
    assert.ok(Array.isArray(res.locations) && res.locations.length === 1);
    for (const loc of res.locations) {
      if (loc.physicalLocation) {
        assert.ok(isUri(loc.physicalLocation.artifactLocation.uri), loc.physicalLocation.artifactLocation.uri);
        const region = loc.physicalLocation.region;
        if (region) assert.ok(Number.isInteger(region.startLine) && region.startLine >= 1);
      }
      assert.ok(loc.logicalLocations.length >= 1);
      for (const l of loc.logicalLocations) {
        assert.equal(typeof l.fullyQualifiedName, 'string');
        assert.equal(l.kind, 'object');
        assert.equal(typeof l.properties.path, 'string');
      }
    }
    for (const v of Object.values(res.partialFingerprints)) assert.equal(typeof v, 'string');
  }
  assert.equal(typeof run.properties, 'object');
}

test('sarif has the SARIF 2.1.0 shape with every catalog rule and one result per finding', () => {
  const r = report();
  const log = renderSarif(r, TOOL);
  assertSarif21(log);
  assert.equal(log.$schema, SARIF_SCHEMA);
  const run = log.runs[0];
  assert.deepEqual(run.tool.driver.rules.map((d) => d.id), RULES.map((d) => d.id));
  assert.equal(run.tool.driver.semanticVersion, '0.1.0');
  assert.equal(run.results.length, r.findings.length);
  assert.equal(run.invocations[0]?.executionSuccessful, true);
  const rule = run.tool.driver.rules.find((d) => d.id === 'dockershim-node');
  assert.equal(rule?.name, 'DockershimNode');
  assert.equal(rule?.helpUri, RULES[0]?.docs[0]);
  assert.deepEqual(rule?.properties.tags, ['kubernetes', 'dockershim', 'node']);
});

test('sarif maps severities to levels: error→error, warning→warning, info→note, for rules and results', () => {
  const log = renderSarif(report(), TOOL);
  const rows: [string, string][] = [['error', 'error'], ['warning', 'warning'], ['info', 'note']];
  for (const [severity, level] of rows) {
    for (const rule of RULES.filter((x) => x.defaultSeverity === severity)) {
      assert.equal(log.runs[0].tool.driver.rules.find((d) => d.id === rule.id)?.defaultConfiguration.level, level, rule.id);
    }
  }
  assert.deepEqual(log.runs[0].results.map((x) => x.level), ['error', 'error', 'warning', 'note', 'note', 'error']);
});

test('sarif gives every result a logical location and file findings a physical one', () => {
  const log = renderSarif(report(), TOOL);
  const [node, socket] = log.runs[0].results;
  assert.deepEqual(node?.locations, [{
    logicalLocations: [{
      name: 'win-worker-1', fullyQualifiedName: 'Node/win-worker-1', kind: 'object',
      properties: { path: 'status.nodeInfo.containerRuntimeVersion', kind: 'Node', namespace: '' },
    }],
  }]);
  assert.deepEqual(socket?.locations[0]?.physicalLocation, {
    artifactLocation: { uri: 'manifests/ci%20runner.yaml' }, region: { startLine: 12 },
  });
  assert.equal(socket?.locations[0]?.logicalLocations[0]?.fullyQualifiedName, 'Deployment/ci/ci-runner');
  assert.match(socket?.message.text ?? '', /^hostPath "\/var\/run\/docker\.sock" mounts the Docker Engine socket\. Containers: runner, dind\. Fix: Build images with Kaniko\.$/);
});

test('sarif artifact URIs use forward slashes and percent-encoding', () => {
  const rows: [string, string][] = [
    ['manifests/ci.yaml', 'manifests/ci.yaml'],
    ['./manifests/ci.yaml', 'manifests/ci.yaml'],
    ['manifests\\win\\agent ds.yaml', 'manifests/win/agent%20ds.yaml'],
    ['deploy/ünïcode#1?.yaml', 'deploy/%C3%BCn%C3%AFcode%231%3F.yaml'],
    ['/home/me/k8s/a.yaml', 'file:///home/me/k8s/a.yaml'],
    ['C:\\k8s\\a.yaml', 'file:///C:/k8s/a.yaml'],
    ['\\\\server\\share\\a.yaml', 'file://server/share/a.yaml'],
    ['<script>alert(1)</script>.yaml', '%3Cscript%3Ealert(1)%3C/script%3E.yaml'],
    ['bad\ud800.yaml', 'bad%EF%BF%BD.yaml'],
  ];
  for (const [file, uri] of rows) assert.equal(artifactUri(file), uri, file);
});

test('sarif fingerprints are stable per rule, subject and field, and ignore wording', () => {
  const fp = (f: Finding) => renderSarif(report({ findings: [f] }), TOOL).runs[0].results[0]?.partialFingerprints[FINGERPRINT_KEY];
  const base = fp(finding());
  assert.match(base ?? '', /^[0-9a-f]{16}$/);
  assert.equal(fp(finding({ message: 'other words', remediation: 'other fix' })), base, 'message and fix do not count');
  assert.equal(fp(finding({ severity: 'warning' })), base, 'severity does not count');
  assert.notEqual(fp(finding({ path: 'metadata.annotations' })), base, 'field counts');
  assert.notEqual(fp(finding({ subject: { kind: 'Node', namespace: '', name: 'other' } })), base, 'subject counts');
  assert.notEqual(fp(finding({ rule: 'runtime-unknown' })), base, 'rule counts');
});

test('sarif appends a descriptor for a rule id the catalog lacks, keeping ruleIndex consistent', () => {
  const log = renderSarif(report({ findings: [finding({ rule: 'from-the-future', docs: [HOSTILE.js] }), finding()] }), TOOL);
  assertSarif21(log);
  const rules = log.runs[0].tool.driver.rules;
  assert.equal(rules.length, RULES.length + 1);
  assert.equal(rules[RULES.length]?.id, 'from-the-future');
  assert.equal(rules[RULES.length]?.helpUri, undefined, 'an unsafe doc URL is not a helpUri');
  assert.equal(log.runs[0].results[0]?.ruleIndex, RULES.length);
});

test('sarif carries the verdict, cluster facts and coverage gaps in run properties and notifications', () => {
  const log = renderSarif(report(), TOOL);
  const run = log.runs[0];
  assert.equal(run.properties['verdict'], 'not-ready');
  assert.deepEqual(run.properties['cluster'], { serverVersion: 'v1.23.17', distribution: 'kubeadm', controlPlane: 'static-pods', ha: false });
  assert.deepEqual(run.properties['coverage'], { skipped: [{ scope: 'pods in namespace team-a', reason: 'forbidden: cannot list pods' }] });
  assert.equal(run.properties['target'], '1.24');
  assert.deepEqual(run.invocations[0]?.toolExecutionNotifications, [
    { level: 'warning', message: { text: 'Not checked: pods in namespace team-a: forbidden: cannot list pods' } },
  ]);
});

test('sarif from hostile strings stays valid and keeps brackets from forming embedded links', () => {
  const log = renderSarif(hostileReport(), TOOL);
  assertSarif21(log);
  for (const res of log.runs[0].results) assert.doesNotMatch(res.message.text, /(?<!\\)[[\]]/, 'every bracket escaped');
  const fqn = log.runs[0].results.map((x) => x.locations[0]?.logicalLocations[0]?.fullyQualifiedName);
  assert.ok(fqn.includes(`${HOSTILE.script}/${HOSTILE.script}/${HOSTILE.script}`), 'names kept whole as data');
});

// ---------------------------------------------------------------------------------------------
// HTML

interface HNode {
  nodeName: string;
  tagName?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: HNode[];
  content?: HNode;
  value?: string;
}

function all(root: HNode): HNode[] {
  const out: HNode[] = [];
  const visit = (n: HNode) => {
    out.push(n);
    for (const c of n.childNodes ?? []) visit(c);
    if (n.content) visit(n.content);
  };
  visit(root);
  return out;
}

function attr(n: HNode, name: string): string | undefined {
  return n.attrs?.find((a) => a.name === name)?.value;
}

function textOf(n: HNode): string {
  return all(n).filter((x) => x.nodeName === '#text').map((x) => x.value ?? '').join('');
}

/** Text a reader sees: everything but the contents of <script> and <style>. */
function visibleText(n: HNode): string {
  if (n.tagName === 'script' || n.tagName === 'style') return '';
  if (n.nodeName === '#text') return n.value ?? '';
  return (n.childNodes ?? []).map(visibleText).join('');
}

function cells(row: HNode | undefined): HNode[] {
  return (row?.childNodes ?? []).filter((c) => c.tagName === 'td' || c.tagName === 'th');
}

const MARKDOWN_TAGS = new Set([
  'html', 'head', 'body', 'p', 'h1', 'h2', 'h3', 'ul', 'ol', 'li', 'strong', 'em', 'code', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
]);

const NONCE = 'rAnd0mNonce+/AAAAAAAAAA==';

const KNOWLEDGE: readonly KnowledgeEntry[] = [
  {
    key: 'containerd', title: 'containerd', aliases: [], layer: 'high-level-runtime', status: 'active',
    summary: 'A container runtime that implements the CRI through a plugin.',
    body: ['It pulls images and supervises containers.', 'It hands each container to an OCI runtime.'],
    related: ['runc'],
    links: [
      { title: 'containerd docs', url: 'https://containerd.io/docs/' },
      { title: 'bad scheme', url: 'javascript:alert(1)' },
      { title: 'plain http', url: 'http://example.com/' },
    ],
  },
  {
    key: 'kubelet', title: 'kubelet', aliases: [], layer: 'node-agent', status: 'active',
    summary: 'The node agent.', body: ['It runs pods through the CRI.'], related: [],
    links: [{ title: 'kubelet reference', url: 'https://kubernetes.io/docs/reference/command-line-tools-reference/kubelet/' }],
  },
  {
    key: 'gvisor', title: 'gVisor (not drawn)', aliases: [], layer: 'sandbox', status: 'active',
    summary: 'Not on this diagram.', body: [], related: [], links: [],
  },
];

function anatomy(names: readonly string[] = ['ip-10-0-1-23']): Anatomy {
  return {
    cluster: { serverVersion: 'v1.23.17', distribution: 'eks', controlPlane: 'managed', ha: null },
    pools: names.map((n, i) => ({
      id: `pool_${i}`, os: 'linux', runtimeName: i === 0 ? 'containerd' : n, runtimeVersion: i === 0 ? '1.6.20' : n,
      kubeletVersion: i === 0 ? 'v1.23.17' : n, dockerShim: null, controlPlane: false, nodeCount: 3, sampleNodes: [n],
    })),
    nodes: [
      { id: 'n_kubelet', kind: 'kubelet', label: names[0] ?? 'kubelet', explain: 'kubelet', severity: 'error' },
      { id: 'n_ctr', kind: 'containerd', label: 'containerd', explain: 'containerd', severity: 'warning' },
      { id: 'n_other', kind: 'runtime-other', label: 'x', explain: 'no-such-entry' },
    ],
    edges: [{ from: 'n_kubelet', to: 'n_ctr', label: 'CRI' }, { from: 'n_kubelet', to: 'n_api', style: 'dotted' }],
    groups: [],
  };
}

function page(over: Partial<Parameters<typeof renderTopologyPage>[0]> = {}): string {
  return renderTopologyPage({
    title: 'K8s Anatomy: prod', mermaidSource: 'flowchart TB\n  n_kubelet["kubelet"] --> n_ctr["containerd"]',
    anatomy: anatomy(), report: report(), knowledge: KNOWLEDGE,
    mermaidScript: 'window.mermaid = { initialize() {}, run() { return Promise.resolve(); } };',
    nonce: NONCE, generatedAt: '2026-01-02T03:04:05Z', ...over,
  });
}

function scripts(doc: HNode): HNode[] {
  return all(doc).filter((n) => n.tagName === 'script');
}

test('html page has a strict CSP meta and exactly two scripts, both carrying the nonce', () => {
  const doc = parse(page()) as unknown as HNode;
  const csp = all(doc).find((n) => n.tagName === 'meta' && attr(n, 'http-equiv') === 'Content-Security-Policy');
  assert.equal(attr(csp ?? { nodeName: 'x' }, 'content'),
    `default-src 'none'; script-src 'nonce-${NONCE}'; style-src 'unsafe-inline'; img-src data:; font-src data:`);
  const s = scripts(doc);
  assert.equal(s.length, 2);
  for (const el of s) {
    assert.equal(attr(el, 'nonce'), NONCE);
    assert.equal(attr(el, 'src'), undefined, 'inline, no src');
  }
});

test('html page starts mermaid strictly: no auto start, strict security, size cap, its own theme by colour scheme, ELK', () => {
  const doc = parse(page()) as unknown as HNode;
  const start = textOf(scripts(doc)[1] ?? { nodeName: 'x' });
  assert.match(start, /mermaid\.initialize\(\{\s*startOnLoad: false,\s*securityLevel: 'strict',\s*theme: 'base',\s*themeVariables: Object\.assign\(\{[^}]*\}, media && media\.matches \? THEMES\.dark : THEMES\.light\),/);
  assert.match(start, /layout: 'elk',/, 'ELK (the library registers it)');
  assert.match(start, /maxTextSize: 50000,/);
  assert.match(start, /matchMedia\('\(prefers-color-scheme: dark\)'\)/);
  assert.match(start, /mermaid\.run\(\{ querySelector: 'pre\.mermaid' \}\)/);
  assert.match(start, /box\.textContent = /);
  assert.doesNotMatch(start, /innerHTML/);
});

test('html page puts hostile strings only into escaped text: no extra script, element or attribute', () => {
  const hostileMermaid = `flowchart TB\n  A["${HOSTILE.mermaidClick}"]\n  ${HOSTILE.mermaidInit}\n  B${HOSTILE.mermaidClass}\n  C["${HOSTILE.script}${HOSTILE.img}"]`;
  const names = [...HOSTILE_VALUES];
  const htmlText = page({
    title: HOSTILE.script, generatedAt: HOSTILE.img, mermaidSource: hostileMermaid, anatomy: anatomy(names), report: hostileReport(),
  });
  const doc = parse(htmlText) as unknown as HNode;
  assert.equal(scripts(doc).length, 2, 'only our two scripts');
  const elements = all(doc).filter((n) => n.tagName);
  for (const tag of ['img', 'iframe', 'object', 'embed', 'link', 'base', 'form', 'svg', 'frame']) {
    assert.ok(!elements.some((n) => n.tagName === tag), `no <${tag}>`);
  }
  for (const el of elements) {
    for (const a of el.attrs ?? []) {
      assert.ok(!a.name.startsWith('on'), `no ${a.name}`);
      assert.notEqual(a.name, 'src');
    }
  }
  const pre = elements.find((n) => n.tagName === 'pre' && attr(n, 'class') === 'mermaid');
  assert.equal(textOf(pre ?? { nodeName: 'x' }), hostileMermaid, 'the diagram source arrives intact as text');
  for (const s of scripts(doc)) {
    const code = textOf(s);
    for (const h of HOSTILE_VALUES) assert.ok(!code.includes(h), 'no cluster data in a script');
  }
  assert.ok(textOf(doc).includes(HOSTILE.script), 'payloads are visible as text');
  assert.ok(htmlText.length < 200_000, 'the 300 KB name is capped');
});

test('html page links only knowledge-base https URLs, with rel="noopener noreferrer"', () => {
  const doc = parse(page({ report: hostileReport() })) as unknown as HNode;
  const links = all(doc).filter((n) => n.tagName === 'a');
  assert.deepEqual(links.map((a) => attr(a, 'href')), [
    'https://kubernetes.io/docs/reference/command-line-tools-reference/kubelet/',
    'https://containerd.io/docs/',
  ]);
  for (const a of links) assert.equal(attr(a, 'rel'), 'noopener noreferrer');
});

test('html page explains exactly the knowledge entries the diagram uses, in diagram order', () => {
  const doc = parse(page()) as unknown as HNode;
  const titles = all(doc).filter((n) => n.tagName === 'article')
    .map((a) => textOf(all(a).find((n) => n.tagName === 'h3') ?? { nodeName: 'x' }));
  assert.deepEqual(titles, ['kubelet', 'containerd']);
  const text = textOf(doc);
  assert.match(text, /high-level-runtime · active/);
  assert.match(text, /It hands each container to an OCI runtime\./);
  assert.ok(!text.includes('gVisor'));
});

test('html page legend names the RuntimeClass line only when a RuntimeClass is linked to a drawn pool', () => {
  const base = anatomy();
  const rc = { id: 'n_rc', kind: 'runtime-class' as const, label: 'gvisor', explain: 'gvisor', loadedBy: ['pool_0'] };
  const drawn = { ...base, pools: base.pools.map((p) => ({ ...p, group: 'g_pool_0' })), nodes: [...base.nodes, rc] };
  const key = /ends in a circle: from a RuntimeClass to each pool whose nodes load its handler/;
  assert.match(visibleText(parse(page({ anatomy: drawn })) as unknown as HNode), key);
  // The same RuntimeClass, its pool not drawn (past the drawn ones): no such line, no key.
  assert.doesNotMatch(visibleText(parse(page({ anatomy: { ...base, nodes: [...base.nodes, rc] } })) as unknown as HNode), key);
});

test('html page shows facts, verdict, legend and a node pool table', () => {
  const text = visibleText(parse(page()) as unknown as HNode);
  assert.match(text, /Dockershim readiness: not ready · 3 errors, 1 warning, 2 info/);
  assert.match(text, /DistributionAmazon EKS/);
  assert.match(text, /HAmanaged by the provider \/ not visible/);
  assert.match(text, /Nodes3 in 1 pool/);
  assert.match(text, /a watch on the API server: the kubelets of the node band learn the pods to run/);
  assert.doesNotMatch(text, /ends in a circle/, "no RuntimeClass is linked to a pool, so no key for that line");
  assert.match(text, /thick red border: an error, blocks the upgrade past dockershim/);
  assert.match(text, /dashed amber border: a warning/);
  assert.doesNotMatch(text, /blue border/, 'only severities the diagram uses');
  assert.match(text, /rounded ends: the kubelet of a node pool/);
  assert.doesNotMatch(text, /cylinder|dockershim, removed/, 'only shapes and marks the diagram uses');
  assert.match(text, /3workerlinuxcontainerd 1\.6\.20v1\.23\.17—ip-10-0-1-23/);
  const base = anatomy();
  const withShim = visibleText(parse(page({ anatomy: { ...base, nodes: [...base.nodes, { id: 'n_shim', kind: 'dockershim', label: 'dockershim', explain: 'dockershim' }] } })) as unknown as HNode);
  assert.match(withShim, /pale red fill: dockershim, removed from the kubelet in Kubernetes 1\.24/);
  const noReport = visibleText(parse(page({ report: undefined })) as unknown as HNode);
  assert.match(noReport, /Dockershim readiness was not checked\./);
});

test('html page has no external resources: no src, no stylesheet link, no url() in CSS', () => {
  const htmlText = page();
  const doc = parse(htmlText) as unknown as HNode;
  for (const el of all(doc)) assert.equal(attr(el, 'src'), undefined);
  assert.ok(!all(doc).some((n) => n.tagName === 'link'));
  const css = all(doc).filter((n) => n.tagName === 'style').map(textOf).join('');
  assert.doesNotMatch(css, /url\(|@import/);
  assert.match(css, /@media \(prefers-color-scheme: dark\)/);
});

test('html page inlines a script containing </script and <!-- without ending the element early', () => {
  const hostileLib = 'var a = "</script><script>alert(1)</script>"; var b = "<!--<script>"; var c = "</SCRIPT >";';
  const doc = parse(page({ mermaidScript: hostileLib })) as unknown as HNode;
  const s = scripts(doc);
  assert.equal(s.length, 2);
  assert.equal(textOf(s[0] ?? { nodeName: 'x' }), inlineScriptText(hostileLib));
  const values: Record<string, string> = {};
  new Script(`${inlineScriptText(hostileLib)}; out.a = a; out.b = b; out.c = c;`).runInNewContext({ out: values });
  assert.deepEqual(values, { a: '</script><script>alert(1)</script>', b: '<!--<script>', c: '</SCRIPT >' }, 'same strings in JS');
});

test('html page inlines the real diagram library (dist/webview/mermaid-page.js) as valid JavaScript', () => {
  const lib = readFileSync(join(__dirname, '..', '..', 'dist', 'webview', 'mermaid-page.js'), 'utf8');
  const safe = inlineScriptText(lib);
  assert.doesNotMatch(safe, /<\/script|<!--/i);
  assert.doesNotThrow(() => new Script(safe), 'still parses');
  const doc = parse(page({ mermaidScript: lib })) as unknown as HNode;
  assert.equal(scripts(doc).length, 2);
  assert.equal(textOf(scripts(doc)[0] ?? { nodeName: 'x' }).length, safe.length);
});

test('html page refuses a nonce that could break out of the CSP or an attribute', () => {
  for (const nonce of ['', 'short', `${NONCE}' 'unsafe-inline`, `${NONCE}"><script>`, 'x'.repeat(15)]) {
    assert.throws(() => page({ nonce }), TypeError, JSON.stringify(nonce));
  }
});
