// The readiness report view's page (a script-free webview whose actions are allow-listed command
// links), the export formats, and the API paths used to open an affected object's YAML.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnoseObjects, type Diagnosis, type FinishOptions } from '../../../src/core/diagnose';
import { loadSample } from '../../../src/k8s/samples';
import { COMMANDS, INTERNAL_COMMANDS } from '../../../src/extension/constants';
import { REPORT_COMMANDS, commandLink, reportCsp, reportHtml, type ReportPageInput } from '../../../src/extension/readiness/reportHtml';
import { reportText, topologyHtml, topologyMarkdown, isReportFormat, isTopologyFormat } from '../../../src/extension/export/exportFormats';
import { apiPathOf, documentPathOf, presentable, refFromDocumentPath } from '../../../src/k8s/objectPaths';
import { SARIF_SCHEMA } from '../../../src/core/render/sarif';
import { node } from '../../fixtures/build';

async function sample(name: string, options: Pick<FinishOptions, 'families' | 'target' | 'targetReason' | 'today'> = {}): Promise<Diagnosis> {
  const loaded = await loadSample(name);
  return diagnoseObjects(loaded.objects, loaded.serverVersion, { requireNodesAndWorkloads: true, source: { kind: 'sample', name }, ...options });
}

const DOCKERSHIM = { families: ['dockershim'] } as const;

const NONCE = 'bm9uY2Vub25jZW5vbmNlMTI=';

function page(input: Partial<ReportPageInput> & Pick<ReportPageInput, 'cluster'>): string {
  return reportHtml({ nonce: NONCE, check: { kind: 'dockershim' }, workspace: { enabled: true, files: 0, rows: [], truncated: false }, generatedAt: '2024-05-01T10:00:00Z', ...input });
}

test('report page: verdict, per-node table, findings with field, fix and links, coverage', async () => {
  const d = await sample('mixed-windows', DOCKERSHIM);
  const html = page({ cluster: { kind: 'report', report: d.report } });
  assert.match(html, /Dockershim readiness: <span class="verdict bad">not ready<\/span>/);
  assert.match(html, /<h2>Nodes \(4\)<\/h2>/);
  assert.match(html, /<code>win-worker-1<\/code>.*dockershim-node/s);
  assert.match(html, /<code>Deployment\/ci\/ci-runner<\/code>/);
  assert.match(html, /Field: <code>spec\.template\.spec\.volumes\[\d+\]\.hostPath\.path<\/code>/);
  assert.match(html, /<strong>Fix:<\/strong>/);
  assert.match(html, /<a href="https:\/\/kubernetes\.io\/docs\/tasks\/administer-cluster\/migrating-from-dockershim\//);
  assert.match(html, /<h2>Coverage/);
});

test('report page: an upgrade check is titled for its target, says why that target and which rules ran, and re-runs for the same target', async () => {
  const d = await sample('eks-1.33-2026', { target: '1.36', targetReason: 'chosen in Check Upgrade Readiness', today: '2026-12-02' });
  const html = page({ check: { kind: 'upgrade', target: '1.36' }, cluster: { kind: 'report', report: d.report } });
  assert.match(html, /<title>Upgrade readiness for Kubernetes 1\.36<\/title>/);
  assert.match(html, /<h1>Upgrade readiness for Kubernetes 1\.36: <span class="verdict bad">not ready<\/span><\/h1>/);
  assert.match(html, /At least one node or workload breaks on Kubernetes 1\.36/);
  assert.match(html, /<th scope="row">Judged for<\/th><td>Kubernetes 1\.36 \(chosen in Check Upgrade Readiness\)<\/td>/);
  assert.match(html, /<th scope="row">Rules<\/th><td>dockershim, runtime, cgroup, kubelet, features<\/td>/);
  assert.match(html, /<code>containerd-v1-end<\/code>/);
  assert.match(html, /<code>cgroup-v1<\/code>/);
  assert.ok(html.includes(commandLink(COMMANDS.checkUpgradeReadiness, ['1.36']).replace(/&/g, '&amp;')), 're-run keeps the target');
  assert.ok(!html.includes(`href="${commandLink(COMMANDS.checkReadiness)}"`));
});

test('report page: the dockershim check of the same sample shows only dockershim rules, titled "Dockershim readiness", and offers the upgrade check', async () => {
  const d = await sample('eks-1.33-2026', { ...DOCKERSHIM, today: '2026-12-02' });
  const html = page({ cluster: { kind: 'report', report: d.report } });
  assert.match(html, /<title>Dockershim readiness<\/title>/);
  assert.match(html, /<h1>Dockershim readiness: /);
  assert.match(html, /<th scope="row">Rules<\/th><td>dockershim<\/td>/);
  for (const rule of ['containerd-v1-end', 'cgroup-v1', 'containerd-eol', 'runtime-feature-missing']) assert.ok(!html.includes(`<code>${rule}</code>`), rule);
  assert.ok(html.includes(`href="${commandLink(COMMANDS.checkReadiness)}"`));
  assert.ok(html.includes(`href="${commandLink(COMMANDS.checkUpgradeReadiness)}"`));
});

test('report page: without a cluster, an upgrade check still names its target', () => {
  const html = page({ check: { kind: 'upgrade', target: '1.37' }, cluster: { kind: 'none', title: 'could not check', message: 'm', advice: 'a', offerSamples: false } });
  assert.match(html, /<h1>Upgrade readiness for Kubernetes 1\.37: <span class="verdict warn">could not check<\/span>/);
});

test('report page: no scripts; the CSP allows only the nonce\'d style; every command link is allow-listed and carries JSON arguments', async () => {
  const d = await sample('eks-1.23-docker');
  const html = page({ cluster: { kind: 'report', report: d.report } });
  assert.doesNotMatch(html, /<script/i);
  assert.ok(html.includes(`content="${reportCsp(NONCE)}"`));
  assert.equal(reportCsp(NONCE), `default-src 'none'; style-src 'nonce-${NONCE}'; img-src data:`);
  const commands = [...html.matchAll(/href="command:([^"?]+)(?:\?([^"]*))?"/g)];
  assert.ok(commands.length > 3);
  for (const [, id, args] of commands) {
    assert.ok(REPORT_COMMANDS.includes(id as string), id);
    if (args) assert.ok(Array.isArray(JSON.parse(decodeURIComponent(args.replace(/&amp;/g, '&')))));
  }
  const open = commands.filter(([, id]) => id === INTERNAL_COMMANDS.openObject).map(([, , args]) => JSON.parse(decodeURIComponent(args as string))[0]);
  assert.ok(open.some((ref: { kind: string; name: string }) => ref.kind === 'DaemonSet' && ref.name === 'datadog-agent'));
  for (const [, id] of commands) assert.ok(!/^(vscode\.|workbench\.)/.test(id as string));
});

test('report page: cluster strings are escaped', () => {
  const evil = '<img src=x onerror=alert(1)>';
  const d = diagnoseObjects([
    { object: node({ name: 'n1', runtime: 'docker://20.10.17', kubelet: 'v1.23.17' }) },
    { object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'x' }, spec: { containers: [{ name: evil, image: 'i' }], volumes: [{ name: 'v', hostPath: { path: '/var/run/docker.sock' } }] } } },
  ], 'v1.23.17');
  const html = page({ cluster: { kind: 'report', report: d.report } });
  assert.doesNotMatch(html, /<img/);
});

test('report page: without a cluster it says why and offers the samples; workspace rows link to their line', async () => {
  const d = diagnoseObjects([{ object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'x' }, spec: { containers: [{ name: 'c', image: 'i' }], volumes: [{ name: 'v', hostPath: { path: '/var/run/docker.sock' } }] } } }], null);
  const finding = d.report.findings[0]!;
  const html = page({
    cluster: { kind: 'none', title: 'no cluster', message: 'no kubeconfig: ~/.kube/config does not exist', advice: 'Open a sample.', offerSamples: true },
    workspace: { enabled: true, files: 3, rows: [{ finding, uri: 'file:///ws/a.yaml', line: 12, label: 'a.yaml' }], truncated: false },
  });
  assert.match(html, /no kubeconfig/);
  assert.ok(html.includes(commandLink(COMMANDS.openSample)));
  assert.ok(html.includes(commandLink(INTERNAL_COMMANDS.revealFinding, [{ uri: 'file:///ws/a.yaml', line: 12 }]).replace(/&/g, '&amp;')));
  assert.match(html, /a\.yaml:12/);
  assert.match(page({ cluster: { kind: 'none', title: 't', message: 'm', advice: 'a', offerSamples: false }, workspace: { enabled: false, files: 0, rows: [], truncated: false } }), /Workspace scanning is off/);
});

test('report page: refuses a nonce that could break the CSP', () => {
  assert.throws(() => reportHtml({ nonce: "x'; script-src *", check: { kind: 'dockershim' }, cluster: { kind: 'none', title: 't', message: 'm', advice: 'a', offerSamples: false }, workspace: null, generatedAt: '' }));
});

// ---------------------------------------------------------------------------------------------

test('exports: Markdown topology holds the mermaid source in a fenced block', async () => {
  const d = await sample('k3s-ha');
  const md = topologyMarkdown(d, '2024-05-01T10:00:00Z');
  assert.match(md, /^# K8s Anatomy: built\\-in sample k3s\\-ha\n/);
  assert.match(md, /- Server: ` v1\.30\.4\+k3s1 `/);
  assert.match(md, /\n```mermaid\nflowchart TB\n[\s\S]+\n```\n$/);
});

test('exports: the HTML page is self-contained with the given mermaid script and nonce', async () => {
  const d = await sample('k3s-ha');
  const html = topologyHtml(d, { mermaidScript: 'window.mermaid={initialize(){},run(){}};', nonce: NONCE, generatedAt: 'now' });
  assert.ok(html.includes(`'nonce-${NONCE}'`));
  assert.ok(html.includes('window.mermaid={initialize(){},run(){}};'));
  assert.doesNotMatch(html, /<script[^>]+src=/);
});

test('exports: report formats are the renderers of the CLI (Markdown, JSON schemaVersion 1, SARIF 2.1.0)', async () => {
  const d = await sample('eks-1.23-docker');
  assert.match(reportText(d.report, 'markdown'), /^# K8s Anatomy: Upgrade readiness for Kubernetes 1\.24\n/);
  const json = JSON.parse(reportText(d.report, 'json'));
  assert.equal(json.schemaVersion, 1);
  assert.equal(json.verdict, 'not-ready');
  const sarif = JSON.parse(reportText(d.report, 'sarif'));
  assert.equal(sarif.$schema, SARIF_SCHEMA);
  assert.equal(sarif.runs[0].tool.driver.name, 'k8s-anatomy');
  assert.ok(isReportFormat('sarif') && !isReportFormat('pdf'));
  assert.ok(isTopologyFormat('svg') && !isTopologyFormat('png'));
});

// ---------------------------------------------------------------------------------------------

test('objects: API paths for the kinds findings name; none for unknown kinds or invalid names', () => {
  const rows: [Parameters<typeof apiPathOf>[0], string | null][] = [
    [{ kind: 'Deployment', namespace: 'ci', name: 'ci-runner' }, '/apis/apps/v1/namespaces/ci/deployments/ci-runner'],
    [{ kind: 'DaemonSet', namespace: 'monitoring', name: 'datadog-agent' }, '/apis/apps/v1/namespaces/monitoring/daemonsets/datadog-agent'],
    [{ kind: 'CronJob', namespace: 'ci', name: 'image-builder' }, '/apis/batch/v1/namespaces/ci/cronjobs/image-builder'],
    [{ kind: 'Pod', namespace: 'default', name: 'p' }, '/api/v1/namespaces/default/pods/p'],
    [{ kind: 'Node', namespace: '', name: 'ip-10-0-1-23.ec2.internal' }, '/api/v1/nodes/ip-10-0-1-23.ec2.internal'],
    [{ kind: 'Node', namespace: 'x', name: 'n' }, null],
    [{ kind: 'Rollout', namespace: 'x', name: 'n' }, null],
    [{ kind: 'Pod', namespace: 'x', name: '../../secrets' }, null],
    [{ kind: 'Pod', namespace: 'x/../..', name: 'p' }, null],
  ];
  for (const [ref, path] of rows) assert.equal(apiPathOf(ref), path, JSON.stringify(ref));
});

test('objects: document paths round-trip; presentable drops managed fields and last-applied config', () => {
  for (const ref of [{ kind: 'Deployment', namespace: 'ci', name: 'ci-runner' }, { kind: 'Node', namespace: '', name: 'n1' }]) {
    assert.deepEqual(refFromDocumentPath(documentPathOf(ref)), ref);
  }
  assert.equal(refFromDocumentPath('/etc/passwd'), null);
  const shown = presentable({ kind: 'Pod', metadata: { name: 'p', managedFields: [{}], annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', keep: 'x' } } });
  assert.deepEqual(shown['metadata'], { name: 'p', annotations: { keep: 'x' } });
});
