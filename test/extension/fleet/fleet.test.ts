// "Check All Contexts…" parts that need no VS Code: the fleet report page (script-free, links only
// to allow-listed commands, every cluster string escaped), the remembered verdicts Switch Context
// shows, the error rows both surfaces share, the fleet export formats and the integer settings.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnoseObjects } from '../../../src/core/diagnose';
import { buildFleetReport, type FleetCluster } from '../../../src/core/fleet';
import { RULE_FAMILIES } from '../../../src/core/model';
import { loadSample } from '../../../src/k8s/samples';
import { ClusterError } from '../../../src/k8s/errors';
import { fleetErrorRow } from '../../../src/k8s/fleetRow';
import { COMMANDS, INTERNAL_COMMANDS, STATE_KEYS } from '../../../src/extension/constants';
import { FLEET_COMMANDS, fleetHtml } from '../../../src/extension/fleet/fleetHtml';
import { FleetVerdicts, describeKnownVerdict } from '../../../src/extension/fleet/fleetVerdicts';
import { fleetText } from '../../../src/extension/export/exportFormats';
import { integerSetting } from '../../../src/extension/config/configValues';

const NONCE = 'bm9uY2Vub25jZW5vbmNlMTI=';

/** A sample checked as if it were the cluster of `context`, for its default target (the next minor). */
async function checked(context: string, sample: string): Promise<FleetCluster> {
  const loaded = await loadSample(sample);
  const d = diagnoseObjects(loaded.objects, loaded.serverVersion, { requireNodesAndWorkloads: true, source: { kind: 'cluster', context, server: 'https://example.invalid' } });
  return { context, verdict: d.report.verdict, report: d.report };
}

const EDITOR = { surface: 'editor', timedOut: false, timeoutSeconds: 120, timeoutSetting: 'the k8sAnatomy.fleet.clusterTimeoutSeconds setting' } as const;

async function fleet() {
  const clusters = [
    await checked('prod-ready', 'k3s-ha'),
    fleetErrorRow('staging-hangs', new Error('aborted'), { ...EDITOR, timedOut: true }),
    await checked('<img src=x onerror=alert(1)>', 'eks-1.33-2026'),
    fleetErrorRow('staging-rejected', new ClusterError('unauthorized', 'the API server rejected the credentials (401)'), EDITOR),
  ];
  return buildFleetReport(clusters, { target: null, families: RULE_FAMILIES });
}

test('fleet page: worst first, one row per context with verdict, counts, top blocker and open links; error rows say why and what to try', async () => {
  const report = await fleet();
  const html = fleetHtml({ nonce: NONCE, fleet: report, picked: 4, cancelled: false, generatedAt: '2026-12-02T10:00:00Z' });
  assert.match(html, /<h1>Fleet upgrade readiness for each cluster&#39;s next Kubernetes minor<\/h1>/);
  assert.match(html, /Judged for: per cluster: the minor after each server/);
  const rows = [...html.matchAll(/<tr( class="error-row")?><td><code>([^<]*)<\/code>/g)].map((m) => m[2]);
  assert.deepEqual(rows, ['&lt;img src=x onerror=alert(1)&gt;', 'staging-hangs', 'staging-rejected', 'prod-ready'], 'not ready, then the two that could not be read, then ready');
  assert.match(html, /✗ not ready/);
  assert.match(html, /✓ ready/);
  assert.match(html, /<strong>timeout<\/strong>: the check of context &quot;staging-hangs&quot; did not finish within 120 s\. The cluster did not answer in time: check connectivity \(VPN, proxy, firewall\), or raise the k8sAnatomy\.fleet\.clusterTimeoutSeconds setting\./);
  assert.match(html, /<strong>unauthorized<\/strong>: the API server rejected the credentials \(401\)\. /);
  assert.ok(!html.includes('<img'), 'a hostile context name is text, never markup');
  assert.ok(!/<script/i.test(html), 'no script in the page');
  // Every command link is one the view allows, with arguments the handler checks again.
  const links = [...html.matchAll(/href="command:([^?"]+)/g)].map((m) => m[1]);
  assert.ok(links.length > 0);
  for (const link of links) assert.ok(FLEET_COMMANDS.includes(link!), `${link} is allow-listed`);
  assert.deepEqual([...FLEET_COMMANDS].sort(), [COMMANDS.checkAllContexts, COMMANDS.exportFleetReport, INTERNAL_COMMANDS.openFleetCluster].sort());
  const openReport = decodeURIComponent(/href="command:k8sAnatomy\.openFleetCluster\?([^"]+)"[^>]*>Report/.exec(html)?.[1] ?? '').replace(/&quot;/g, '"');
  assert.deepEqual(JSON.parse(openReport), [{ context: '<img src=x onerror=alert(1)>', open: 'report' }]);
});

test('fleet page: a cancelled run says how many of the picked contexts were checked; one target for all is named', async () => {
  const report = buildFleetReport([await checked('prod-ready', 'k3s-ha')], { target: '1.31', families: RULE_FAMILIES });
  const html = fleetHtml({ nonce: NONCE, fleet: report, picked: 3, cancelled: true, generatedAt: '2026-12-02T10:00:00Z' });
  assert.match(html, /Cancelled: 1 of 3 contexts were checked/);
  assert.match(html, /<h1>Fleet upgrade readiness for Kubernetes 1\.31<\/h1>/);
  assert.match(html, /Judged for: Kubernetes 1\.31\./);
});

test('fleet exports: Markdown, the check --all-contexts JSON document, SARIF with one run per cluster', async () => {
  const report = await fleet();
  const json = JSON.parse(fleetText(report, 'json')) as { schemaVersion: number; target: string; clusters: { context: string; verdict: string }[] };
  assert.equal(json.schemaVersion, 1);
  assert.equal(json.target, null, 'each cluster for its own next minor');
  assert.deepEqual(json.clusters.map((c) => c.verdict), ['not-ready', 'error', 'error', 'ready']);
  const sarif = JSON.parse(fleetText(report, 'sarif')) as { runs: unknown[] };
  assert.equal(sarif.runs.length, 4);
  assert.match(fleetText(report, 'markdown'), /staging-rejected/);
});

class Memory {
  readonly data = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.data.keys()];
  }
  get<T>(key: string, fallback?: T): T | undefined {
    return (this.data.has(key) ? this.data.get(key) : fallback) as T | undefined;
  }
  update(key: string, value: unknown): Promise<void> {
    this.data.set(key, JSON.parse(JSON.stringify(value)));
    return Promise.resolve();
  }
}

test('remembered verdicts: a fleet check records each context it checked, a reload keeps them, garbage in workspaceState is ignored', async () => {
  const memento = new Memory();
  memento.data.set(STATE_KEYS.fleetVerdicts, { broken: { verdict: 'fine', checkedAt: 3 }, old: { verdict: 'ready', target: '1.35', checkedAt: '2026-11-01T08:00:00.000Z' } });
  const verdicts = new FleetVerdicts(memento as never);
  assert.equal(verdicts.get('broken'), undefined, 'an entry that is not a verdict is dropped');
  assert.equal(verdicts.get('old')?.verdict, 'ready');
  const report = await fleet();
  await verdicts.record(report.clusters, '2026-12-02T10:05:00.000Z');
  const reloaded = new FleetVerdicts(memento as never);
  assert.equal(reloaded.get('prod-ready')?.verdict, 'ready');
  assert.equal(reloaded.get('prod-ready')?.target, '1.31');
  assert.equal(reloaded.get('staging-hangs')?.verdict, 'error');
  assert.equal(reloaded.get('old')?.target, '1.35', 'a context the check did not include keeps what it had');
  assert.equal(describeKnownVerdict(reloaded.get('<img src=x onerror=alert(1)>')!), 'not ready for 1.34 (checked 2026-12-02 10:05 UTC)');
  assert.equal(describeKnownVerdict(reloaded.get('staging-hangs')!), 'could not be read (checked 2026-12-02 10:05 UTC)');
});

test('fleet error rows: a ClusterError keeps its kind with the editor\'s advice; anything else is internal', () => {
  const row = fleetErrorRow('c', new ClusterError('unreachable', 'connect ECONNREFUSED 127.0.0.1:1'), EDITOR);
  assert.equal(row.verdict, 'error');
  assert.ok(!('report' in row) && row.error.kind === 'unreachable' && (row.error.advice ?? '').length > 0);
  const internal = fleetErrorRow('c', new TypeError('x is undefined'), { ...EDITOR, surface: 'cli' });
  assert.ok(!('report' in internal) && internal.error.kind === 'internal' && /report it with the command you ran/.test(internal.error.advice ?? ''));
});

test('integer settings: whole numbers in range, anything else is the default', () => {
  assert.equal(integerSetting(8, 4, 1, 16), 8);
  for (const bad of [0, 17, 2.5, '8', null, undefined, Number.NaN]) assert.equal(integerSetting(bad, 4, 1, 16), 4, String(bad));
});
