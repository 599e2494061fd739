// The pure half of fleets (src/core/fleet.ts, src/core/render/fleet.ts): which contexts a
// selection picks, the order (worst first), the top blocker in a few words, the fleet target, and
// the renderers, hostile context names included.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ContextSelectionError, PER_CLUSTER_TARGET_REASON, buildFleetReport, fleetCounts, globPattern, selectContexts, sortFleet, topBlocker,
  type FleetCluster,
} from '../../src/core/fleet';
import { fleetSummaryLine, fleetTitle, renderFleetMarkdown, renderFleetSarif, renderFleetText } from '../../src/core/render/fleet';
import { RULE_FAMILIES, type CoverageGap, type Finding, type ReadinessReport, type Severity, type Verdict } from '../../src/core/model';
import { SARIF_TOOL } from '../../src/core/product';
import { createRequire } from 'node:module';

const markdownIt = createRequire(__filename)('markdown-it') as (options: object) => { render(text: string): string };

function finding(rule: string, severity: Severity, kind: string, name: string, namespace = ''): Finding {
  return { rule, severity, subject: { kind, namespace, name }, path: 'status.nodeInfo.containerRuntimeVersion', message: `${rule} on ${name}`, remediation: 'fix it', docs: [] };
}

function report(verdict: Verdict, findings: Finding[] = [], gaps: CoverageGap[] = [], target = '1.36'): ReadinessReport {
  return {
    schemaVersion: 1, verdict,
    cluster: { serverVersion: 'v1.35.2', distribution: 'kubeadm', controlPlane: 'static-pods', ha: false },
    nodes: [{ name: 'n1', kubeletVersion: 'v1.35.2', os: 'linux', roles: [], runtime: { name: 'containerd', version: '2.1.4', raw: 'containerd://2.1.4' }, dockerShim: null }],
    controlPlane: [], findings, coverage: { skipped: gaps }, target, targetReason: 'next minor after the server\'s v1.35.2', families: RULE_FAMILIES,
  };
}

const cluster = (context: string, r: ReadinessReport): FleetCluster => ({ context, verdict: r.verdict, report: r });
const failed = (context: string, kind = 'unauthorized'): FleetCluster => ({ context, verdict: 'error', error: { kind, message: 'https://x rejected the credentials (401 Unauthorized)', advice: 'Log in again.' } });

test('selectContexts: a context whose exact name holds * or ? is that context alone (the editor passes exact names)', () => {
  const available = ['team-a', 'team-*', 'team-b?', 'team-bc'];
  assert.deepEqual(selectContexts(available, ['team-*']), ['team-*']);
  assert.deepEqual(selectContexts(available, ['team-b?']), ['team-b?']);
  assert.deepEqual(selectContexts(available, ['team-?']), ['team-a', 'team-*'], 'a glob that is no context\'s name still globs');
});

test('selectContexts: all, names and globs in kubeconfig order, each once; a name or glob that matches nothing is refused', () => {
  const available = ['prod-eu', 'prod-us', 'staging', 'dev.local', 'devXlocal'];
  assert.deepEqual(selectContexts(available, 'all'), available);
  assert.deepEqual(selectContexts(available, ['staging', 'prod-*']), ['prod-eu', 'prod-us', 'staging'], 'kubeconfig order, not the order given');
  assert.deepEqual(selectContexts(available, ['prod-eu', 'prod-*', 'prod-e?']), ['prod-eu', 'prod-us'], 'each once');
  assert.deepEqual(selectContexts(available, ['dev.local']), ['dev.local'], 'a dot is a dot, not any character');
  assert.deepEqual(selectContexts(available, ['dev?local']), ['dev.local', 'devXlocal']);
  assert.deepEqual(selectContexts(available, ['*']), available);
  assert.throws(() => selectContexts(available, ['prod-eu', 'prd-eu']), (e: unknown) => e instanceof ContextSelectionError && /no context named "prd-eu" \(contexts: prod-eu, prod-us, staging/.test(e.message));
  assert.throws(() => selectContexts(available, ['qa-*']), /--contexts "qa-\*" matches no context/);
  assert.ok(globPattern('a+(b)').test('a+(b)'), 'regular-expression characters are literal');
  assert.ok(!globPattern('prod').test('prod-eu'), 'a name matches whole');
});

test('sortFleet: not ready, could not be read, unknown, ready; then more errors, more warnings, then the name', () => {
  const sorted = sortFleet([
    cluster('a-ready', report('ready')),
    cluster('b-unknown', report('unknown', [], [{ scope: 'pods in namespace x', reason: 'forbidden' }])),
    failed('c-error'),
    cluster('d-one-error', report('not-ready', [finding('dockershim-node', 'error', 'Node', 'n1')])),
    cluster('e-two-errors', report('not-ready', [finding('dockershim-node', 'error', 'Node', 'n1'), finding('dockershim-node', 'error', 'Node', 'n2')])),
    cluster('f-one-error-warning', report('not-ready', [finding('dockershim-node', 'error', 'Node', 'n1'), finding('runtime-dir-mount', 'warning', 'Pod', 'p', 'x')])),
    failed('b-error'),
  ]);
  assert.deepEqual(sorted.map((c) => c.context), ['e-two-errors', 'f-one-error-warning', 'd-one-error', 'b-error', 'c-error', 'b-unknown', 'a-ready']);
  assert.deepEqual(fleetCounts(sorted), { 'not-ready': 3, error: 2, unknown: 1, ready: 1 });
  assert.equal(fleetSummaryLine(sorted), '3 not ready, 2 could not be read, 1 unknown, 1 ready (7 contexts)');
});

test('topBlocker: the error rule with the most findings, what was not checked, the error kind, nothing when ready', () => {
  const r = report('not-ready', [
    finding('docker-socket-mount', 'error', 'DaemonSet', 'agent', 'monitoring'),
    finding('dockershim-node', 'error', 'Node', 'n1'),
    finding('dockershim-node', 'error', 'Node', 'n2'),
    finding('runtime-dir-mount', 'warning', 'Pod', 'p', 'x'),
  ]);
  assert.equal(topBlocker(cluster('c', r)), 'dockershim-node on 2 Nodes (+1 more rule)');
  assert.equal(topBlocker(cluster('c', report('not-ready', [finding('docker-socket-mount', 'error', 'DaemonSet', 'agent', 'monitoring')]))), 'docker-socket-mount on DaemonSet/monitoring/agent');
  assert.equal(topBlocker(cluster('c', report('not-ready', [finding('docker-socket-mount', 'error', 'DaemonSet', 'a', 'm'), finding('docker-socket-mount', 'error', 'CronJob', 'b', 'm')]))), 'docker-socket-mount on 2 objects');
  assert.equal(topBlocker(cluster('c', report('unknown', [], [{ scope: 'pods in namespace a', reason: 'r' }, { scope: 'jobs', reason: 'r' }]))), 'not checked: pods in namespace a (+1 more)');
  const unknownRuntime = { ...report('unknown'), nodes: [{ ...report('ready').nodes[0] as ReadinessReport['nodes'][number], runtime: { name: 'unknown', version: null, raw: '' } }] };
  assert.equal(topBlocker(cluster('c', unknownRuntime)), 'runtime not known on 1 node');
  assert.equal(topBlocker(failed('c', 'timeout')), 'could not be read: timeout');
  assert.equal(topBlocker(cluster('c', report('ready', [finding('cri-dockerd-node', 'info', 'Node', 'n1')]))), '');
});

test('buildFleetReport: the given target, or null with the per-cluster reason; sorted; the families', () => {
  const clusters = [cluster('ready', report('ready')), failed('gone')];
  const given = buildFleetReport(clusters, { target: '1.36', families: ['dockershim'] });
  assert.equal(given.schemaVersion, 1);
  assert.equal(given.target, '1.36');
  assert.equal(given.targetReason, 'given with --target-version');
  assert.deepEqual(given.families, ['dockershim']);
  assert.deepEqual(given.clusters.map((c) => c.context), ['gone', 'ready']);
  assert.equal(fleetTitle(given), 'Fleet dockershim readiness');
  const perCluster = buildFleetReport(clusters, { target: null, families: RULE_FAMILIES });
  assert.equal(perCluster.target, null);
  assert.equal(perCluster.targetReason, PER_CLUSTER_TARGET_REASON);
  assert.equal(fleetTitle(perCluster), 'Fleet upgrade readiness for each cluster\'s next Kubernetes minor');
  assert.equal(fleetTitle({ target: '1.36', families: RULE_FAMILIES }), 'Fleet upgrade readiness for Kubernetes 1.36');
});

test('hostile context names and messages cannot reach the terminal, the Markdown table or a SARIF link', () => {
  const evil = 'prod\u001b[2J\u0007|`<img src=x>`\n[x](https://evil)';
  const fleet = buildFleetReport([
    cluster(evil, report('not-ready', [finding('dockershim-node', 'error', 'Node', 'n\u001b]8;;https://evil\u0007')])),
    { context: `${evil}-2`, verdict: 'error', error: { kind: 'unreachable', message: `cannot reach \u001b[31m${evil}`, advice: 'Check it.' } },
  ], { target: null, families: RULE_FAMILIES });
  const text = renderFleetText(fleet, { color: false });
  assert.doesNotMatch(text, /[\u0000-\u0008\u000b-\u001f\u007f]/, 'no control characters but newlines');
  assert.ok(text.includes('prod\\x1b[2J\\x07'), 'the name is shown, escaped');
  const colored = renderFleetText(fleet, { color: true });
  assert.doesNotMatch(colored.replace(/\u001b\[[0-9;]*m/g, ''), /\u001b/, 'only SGR colour codes');

  const md = renderFleetMarkdown(fleet);
  const tableRows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| #'));
  // Header, separator, two clusters: a pipe or newline in the name must not add cells or rows.
  const cellsPerRow = tableRows.slice(0, 4).map((l) => l.split(/(?<!\\)\|/).length);
  assert.equal(new Set(cellsPerRow).size, 1, `every summary row has the same cells: ${tableRows.slice(0, 4).join('\n')}`);
  // Rendered as GitHub would (raw HTML allowed, links found): no element and no link from cluster text.
  const html = markdownIt({ html: true, linkify: true }).render(md);
  assert.doesNotMatch(html, /<img/i);
  assert.doesNotMatch(html, /href="https:\/\/evil/);
  assert.ok(html.includes('&lt;img src=x&gt;'), 'the markup is there, as text');

  const sarif = renderFleetSarif(fleet, SARIF_TOOL);
  assert.equal(sarif.runs.length, 2);
  const [ok, bad] = sarif.runs;
  assert.ok(ok && bad);
  assert.deepEqual(sarif.runs.map((r) => r.automationDetails.id), [`k8s-anatomy/${evil}/`, `k8s-anatomy/${evil}-2/`]);
  assert.equal(bad.invocations[0]?.executionSuccessful, false);
  const note = bad.invocations[0]?.toolExecutionNotifications[0]?.message.text ?? '';
  assert.doesNotMatch(note, /(?<!\\)\[x\]\(https/, 'no SARIF embedded link from cluster text');
  assert.equal(ok.properties['context'], evil);
  assert.equal(ok.results.length, 1);
});

test('an empty fleet renders without a table; a ready fleet prints no finding sections', () => {
  const empty = buildFleetReport([], { target: null, families: RULE_FAMILIES });
  assert.match(renderFleetText(empty, { color: false }), /No contexts were checked\.\n\n0 not ready, 0 could not be read, 0 unknown, 0 ready \(0 contexts\)\n$/);
  const ready = buildFleetReport([cluster('a', report('ready')), cluster('b', report('ready'))], { target: '1.36', families: RULE_FAMILIES });
  const text = renderFleetText(ready, { color: false });
  assert.doesNotMatch(text, /──/);
  assert.match(text, /\n {2}a +v1\.35\.2 +kubeadm +ready +1\.36 +0 +0 +-\n {2}b /);
});
