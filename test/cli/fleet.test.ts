// `k8s-anatomy check --all-contexts` / `--contexts` against five simulators at once, each its own
// context in ONE kubeconfig: a ready cluster, a not-ready one (its credentials from an exec
// plugin), one that rejects the credentials, one that never answers, and one where listing pods
// in kube-system is forbidden. The summary, the JSON, Markdown and SARIF, the exit codes, and
// that the hanging cluster ends at its deadline while the others finish.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { FleetCluster, FleetReport } from '../../src/core/fleet';
import type { RunningSimulator } from '../sim/src/server';
import { runCli } from '../fixtures/cli';
import { simulatorPool } from '../fixtures/simulators';
import { entriesOf, writeKubeconfig as writeKubeconfigIn } from '../fixtures/fleetKubeconfig';

const DIR = mkdtempSync(join(tmpdir(), 'k8s-anatomy-fleet-'));
const simulators = simulatorPool();
const writeKubeconfig = (file: string, ...rest: Parameters<typeof writeKubeconfigIn> extends [string, string, ...infer R] ? R : never) => writeKubeconfigIn(DIR, file, ...rest);

let ready: RunningSimulator;
let old: RunningSimulator;
let kubeconfig: string;

before(async () => {
  const [readySim, oldSim, rejecting, hanging, forbidding] = await Promise.all([
    simulators.start({ sample: 'k3s-ha' }),
    simulators.start({ sample: 'eks-1.23-docker', auth: 'exec' }),
    simulators.start({ sample: 'k3s-ha' }),
    simulators.start({ sample: 'k3s-ha', faults: ['hang'] }),
    simulators.start({ sample: 'k3s-ha', forbid: ['list:pods@kube-system'] }),
  ]);
  ready = readySim;
  old = oldSim;
  // No current-context: a fleet kubeconfig needs none.
  kubeconfig = writeKubeconfig('fleet.kubeconfig', [
    entriesOf(readySim, 'prod-ready'),
    entriesOf(oldSim, 'prod-old'),
    entriesOf(rejecting, 'staging-rejected', { token: 'not-the-token' }),
    entriesOf(hanging, 'staging-hangs'),
    entriesOf(forbidding, 'team-forbidden'),
  ]);
});

const CLUSTER_TIMEOUT = 4;
/** Room for five checks on a loaded 2-core machine; far below the 60 s a hang would take without the deadline. */
const SLACK_MS = 25_000;

const fleet = (args: string[], options: Parameters<typeof runCli>[1] = {}) => runCli(['check', ...args], options);
const byContext = (report: FleetReport) => new Map(report.clusters.map((c) => [c.context, c]));
function reportOf(cluster: FleetCluster | undefined) {
  assert.ok(cluster && 'report' in cluster, `${cluster?.context} has a report`);
  return cluster.report;
}
function errorOf(cluster: FleetCluster | undefined) {
  assert.ok(cluster && 'error' in cluster, `${cluster?.context} is an error row`);
  return cluster.error;
}

test('--all-contexts --output json: every cluster judged or an error row, worst first; the hang ends at its deadline; exit 1', async () => {
  const result = await fleet(['--all-contexts', '--kubeconfig', kubeconfig, '--cluster-timeout', String(CLUSTER_TIMEOUT), '--output', 'json']);
  assert.equal(result.code, 1, result.stderr);
  assert.equal(result.stderr, '', 'no progress and no notes off a terminal');
  assert.ok(result.ms < CLUSTER_TIMEOUT * 1000 + SLACK_MS, `ended in ${result.ms} ms`);
  const report = JSON.parse(result.stdout) as FleetReport;
  assert.equal(report.schemaVersion, 1);
  assert.equal(report.target, null, 'no --target-version: per cluster');
  assert.match(report.targetReason, /per cluster/);
  assert.deepEqual(report.clusters.map((c) => [c.context, c.verdict]), [
    ['prod-old', 'not-ready'],
    ['staging-hangs', 'error'],
    ['staging-rejected', 'error'],
    ['team-forbidden', 'unknown'],
    ['prod-ready', 'ready'],
  ]);
  const rows = byContext(report);
  const oldReport = reportOf(rows.get('prod-old'));
  assert.equal(oldReport.cluster.distribution, 'eks');
  assert.equal(oldReport.target, '1.24', 'the minor after its v1.23 server');
  assert.deepEqual(oldReport.source, { kind: 'cluster', context: 'prod-old', server: old.url });
  assert.ok(oldReport.findings.some((f) => f.rule === 'dockershim-node'));
  const readyReport = reportOf(rows.get('prod-ready'));
  assert.equal(readyReport.target, '1.31', 'the minor after its v1.30 server');
  assert.equal(readyReport.cluster.distribution, 'k3s');
  assert.deepEqual(readyReport.source, { kind: 'cluster', context: 'prod-ready', server: ready.url });

  const rejected = errorOf(rows.get('staging-rejected'));
  assert.equal(rejected.kind, 'unauthorized');
  assert.match(rejected.message, /rejected the credentials \(401 Unauthorized\)/);
  assert.match(rejected.advice ?? '', /log in again/);
  const hang = errorOf(rows.get('staging-hangs'));
  assert.equal(hang.kind, 'timeout');
  assert.match(hang.advice ?? '', /--cluster-timeout/);

  const forbidden = reportOf(rows.get('team-forbidden'));
  assert.ok(forbidden.coverage.skipped.some((g) => g.namespace === 'kube-system' && g.kind === 'Pod'), JSON.stringify(forbidden.coverage));
  // Only the report per cluster, the single check's JSON: no anatomy, no raw objects.
  for (const c of report.clusters) assert.deepEqual(Object.keys(c).sort(), 'report' in c ? ['context', 'report', 'verdict'] : ['context', 'error', 'verdict']);
});

test('the text summary: a row per cluster worst first, the not-ready findings, the errors with advice, the counts', async () => {
  const result = await fleet(['--all-contexts', '--kubeconfig', kubeconfig, '--cluster-timeout', String(CLUSTER_TIMEOUT)]);
  assert.equal(result.code, 1);
  const text = result.stdout;
  assert.match(text, /^K8s Anatomy · Fleet upgrade readiness for each cluster's next Kubernetes minor · 5 contexts\n/);
  assert.match(text, /\n {2}CONTEXT +SERVER +DISTRIBUTION +VERDICT +TARGET +ERRORS +WARNINGS +TOP BLOCKER\n/);
  const rows = text.split('\n').filter((l) => /^ {2}(prod|staging|team)-/.test(l)).map((l) => l.trim().split(/\s+/)[0]);
  assert.deepEqual(rows.slice(0, 5), ['prod-old', 'staging-hangs', 'staging-rejected', 'team-forbidden', 'prod-ready']);
  assert.match(text, /\n {2}prod-old +v1\.23\.17-eks-8ccc7ba +Amazon EKS +not ready +1\.24 +[1-9]\d* +\d+ +dockershim-node on \d+ Nodes/);
  assert.match(text, /\n {2}prod-ready +v1\.30\.4\+k3s1 +k3s +ready +1\.31 +0 +0 +-\n/);
  assert.match(text, /\n {2}team-forbidden .* unknown .*not checked: pods in namespace kube-system/);
  // The not-ready cluster's findings, grouped by severity as `check` prints them.
  assert.match(text, /── prod-old: not ready for Kubernetes 1\.24 · /);
  assert.match(text, /── prod-old: [^\n]*\n[^\n]*\n\n {2}Errors \(\d+\)\n\n {2}\[error\] \S+ {2}\S+\n {6}Field: /);
  assert.match(text, /\n {2}\[error\] dockershim-node {2}Node\/ip-10-0-1-23\.ec2\.internal\n/);
  assert.match(text, /\n {2}staging-hangs +- +- +error +- +- +- +could not be read: timeout\n/);
  assert.match(text, /── Could not be read \(2\)/);
  assert.match(text, /staging-rejected: unauthorized\n.*rejected the credentials[\s\S]*log in again/);
  assert.match(text, /staging-hangs: timeout/);
  assert.match(text, /── Incomplete: .*\(1\)\n\n {2}team-forbidden: /);
  assert.match(text, /\n1 not ready, 2 could not be read, 1 unknown, 1 ready \(5 contexts\)\n$/);
  assert.doesNotMatch(text, /prod-ready: not ready/);
});

test('--contexts picks names and globs; the exit code follows the worst picked cluster', async () => {
  const run = (contexts: string, ...more: string[]) => fleet(['--contexts', contexts, '--kubeconfig', kubeconfig, '--cluster-timeout', String(CLUSTER_TIMEOUT), '--output', 'json', ...more]);
  const prod = await run('prod-*');
  assert.equal(prod.code, 1);
  assert.deepEqual((JSON.parse(prod.stdout) as FleetReport).clusters.map((c) => c.context), ['prod-old', 'prod-ready']);
  const readyOnly = await run('prod-ready');
  assert.equal(readyOnly.code, 0);
  const incomplete = await run('prod-ready,team-*');
  assert.equal(incomplete.code, 3, 'unknown, nothing failing: 3');
  const unreadable = await run('staging-rejected', '--contexts', 'prod-ready');
  assert.equal(unreadable.code, 3, 'a cluster that could not be read: 3');
  assert.deepEqual((JSON.parse(unreadable.stdout) as FleetReport).clusters.map((c) => c.verdict), ['error', 'ready']);
  const never = await run('prod-*', '--fail-on', 'never');
  assert.equal(never.code, 0, '--fail-on never: the not-ready cluster does not fail the run');
  const warning = await run('prod-ready', '--fail-on', 'warning');
  assert.equal(warning.code, 0);
  const missing = await run('prod-ready,nope');
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /the kubeconfig has no context named "nope" \(contexts: prod-ready, prod-old, staging-rejected, staging-hangs, team-forbidden\)/);
  const noMatch = await run('dev-*');
  assert.equal(noMatch.code, 2);
  assert.match(noMatch.stderr, /--contexts "dev-\*" matches no context/);
});

test('every check option applies per cluster: --target-version, --rules, --namespace', async () => {
  const result = await fleet(['--contexts', 'prod-*', '--kubeconfig', kubeconfig, '--target-version', '1.36', '--rules', 'dockershim', '--exclude-namespace', 'monitoring', '--output', 'json']);
  assert.equal(result.code, 1);
  const report = JSON.parse(result.stdout) as FleetReport;
  assert.equal(report.target, '1.36');
  assert.equal(report.targetReason, 'given with --target-version');
  assert.deepEqual(report.families, ['dockershim']);
  for (const c of report.clusters) {
    const r = reportOf(c);
    assert.equal(r.target, '1.36');
    assert.deepEqual(r.families, ['dockershim']);
    assert.deepEqual(r.namespaces, { include: [], exclude: ['monitoring'] });
    assert.ok(r.findings.every((f) => f.subject.namespace !== 'monitoring'));
  }
  const bad = await fleet(['--all-contexts', '--kubeconfig', kubeconfig, '--target-version', '1.99']);
  assert.equal(bad.code, 2, 'a bad target is refused once, before any cluster is read');
  assert.match(bad.stderr, /newer than any release the support facts cover/);
  assert.equal(bad.stdout, '');
});

test('a cluster that trickles its answers is cut at --cluster-timeout even though no request times out', async () => {
  const slow = await simulators.start({ sample: 'k3s-ha', faults: ['slow-body:bytes-per-sec=2000,path=/api/v1/pods'] });
  const file = writeKubeconfig('slow.kubeconfig', [entriesOf(slow, 'slow'), entriesOf(ready, 'quick')]);
  const result = await fleet(['--all-contexts', '--kubeconfig', file, '--timeout', '60', '--cluster-timeout', '3', '--output', 'json']);
  assert.ok(result.ms < 3_000 + SLACK_MS, `ended in ${result.ms} ms`);
  const rows = byContext(JSON.parse(result.stdout) as FleetReport);
  const error = errorOf(rows.get('slow'));
  assert.equal(error.kind, 'timeout');
  assert.match(error.message, /^the check of context "slow" did not finish within 3 s$/);
  assert.match(error.advice ?? '', /raise --cluster-timeout \(or --timeout\)\.$/);
  assert.equal(reportOf(rows.get('quick')).verdict, 'ready');
  assert.equal(result.code, 3);
});

test('Markdown: the summary table and the not-ready findings; SARIF: one run per cluster, each with its own automation id', async () => {
  const args = ['--all-contexts', '--kubeconfig', kubeconfig, '--cluster-timeout', String(CLUSTER_TIMEOUT)];
  const md = await fleet([...args, '--output', 'markdown']);
  assert.equal(md.code, 1);
  assert.match(md.stdout, /^# K8s Anatomy: Fleet upgrade readiness for each cluster's next Kubernetes minor\n/);
  assert.match(md.stdout, /\n\| Context \| Server \| Distribution \| Verdict \| Target \| Errors \| Warnings \| Top blocker \|\n\| --- \|/);
  assert.match(md.stdout, /\n\| ` prod-old ` \| ` v1\.23\.17-eks-8ccc7ba ` \| Amazon EKS \| ❌ not ready \| ` 1\.24 ` \| 6 \| \d+ \| dockershim\\-node on 3 Nodes/);
  assert.match(md.stdout, /\n\| ` staging-rejected ` \| — \| — \| ⛔ error \| — \| — \| — \| could not be read\\: unauthorized \|\n/);
  assert.match(md.stdout, /\n## ❌ prod\\-old: not ready for Kubernetes ` 1\.24 `\n/);
  assert.match(md.stdout, /\n\| 4 \| 🔴 error \| ` dockershim-node ` \| ` Node\/ip-10-0-1-23\.ec2\.internal ` \|/);
  assert.match(md.stdout, /\n## ⛔ Could not be read \(2\)\n\n- \*\*staging\\-hangs\*\* \(` timeout `\): the check of context "staging\\-hangs" did not finish within 4 s\. The cluster did not answer in time/);

  const sarif = await fleet([...args, '--output', 'sarif']);
  assert.equal(sarif.code, 1);
  const log = JSON.parse(sarif.stdout) as { version: string; runs: { automationDetails: { id: string }; invocations: { executionSuccessful: boolean }[]; results: { ruleId: string }[]; properties: { context: string; verdict: string } }[] };
  assert.equal(log.version, '2.1.0');
  assert.deepEqual(log.runs.map((r) => r.properties.context), ['prod-old', 'staging-hangs', 'staging-rejected', 'team-forbidden', 'prod-ready']);
  assert.equal(new Set(log.runs.map((r) => r.automationDetails.id)).size, 5);
  assert.deepEqual(log.runs.map((r) => r.invocations[0]?.executionSuccessful), [true, false, false, true, true]);
  assert.ok(log.runs[0]?.results.some((r) => r.ruleId === 'dockershim-node'));
  assert.deepEqual(log.runs.map((r) => r.properties.verdict), ['not-ready', 'error', 'error', 'unknown', 'ready']);
});

test('a progress line per finished cluster on a terminal; none otherwise', async () => {
  const args = ['--contexts', 'prod-*,staging-rejected', '--kubeconfig', kubeconfig, '--output', 'json'];
  const tty = await fleet(args, { stderrIsTty: true });
  const lines = tty.stderr.trim().split('\n');
  assert.equal(lines[0], 'checking 3 contexts, 4 at a time…');
  assert.deepEqual(lines.slice(1).map((l) => /^\[(\d)\/3\] /.exec(l)?.[1]).sort(), ['1', '2', '3']);
  assert.ok(lines.some((l) => /\] prod-old: not ready, \d+ errors?, \d+ warnings?; dockershim-node on \d+ Nodes \(\+\d+ more rules?\) \(\d+\.\d s\)$/.test(l)), tty.stderr);
  assert.ok(lines.some((l) => /\] staging-rejected: could not be read \(unauthorized\) \(\d+\.\d s\)$/.test(l)), tty.stderr);
  assert.ok(lines.some((l) => /\] prod-ready: ready, 0 errors, 0 warnings \(\d+\.\d s\)$/.test(l)), tty.stderr);
  const off = await fleet([...args, '--no-progress'], { stderrIsTty: true });
  assert.equal(off.stderr, '');
});

test('the merged KUBECONFIG list: the first file to define a context wins, every file adds its own contexts', async () => {
  const first = writeKubeconfig('first.kubeconfig', [entriesOf(ready, 'shared')], 'shared');
  const second = writeKubeconfig('second.kubeconfig', [entriesOf(old, 'shared'), entriesOf(old, 'second-only')]);
  const result = await fleet(['--all-contexts', '--output', 'json'], { env: { KUBECONFIG: [first, second].join(delimiter) } });
  assert.equal(result.code, 1);
  const rows = byContext(JSON.parse(result.stdout) as FleetReport);
  assert.deepEqual([...rows.keys()].sort(), ['second-only', 'shared']);
  assert.equal(reportOf(rows.get('shared')).cluster.distribution, 'k3s', '"shared" is the first file\'s');
  assert.equal(reportOf(rows.get('second-only')).cluster.distribution, 'eks');
});

test('bad invocations and a missing kubeconfig end in exit 2 with one clear line', async () => {
  const cases: [string[], RegExp][] = [
    [['--all-contexts', '--context', 'prod-ready', '--kubeconfig', kubeconfig], /--context picks one context; --all-contexts picks several/],
    [['--all-contexts', '--contexts', 'prod-*', '--kubeconfig', kubeconfig], /choose --all-contexts or --contexts, not both/],
    [['--all-contexts', '--sample', 'k3s-ha'], /--all-contexts checks the contexts of a kubeconfig; --from and --sample are one cluster each/],
    [['--all-contexts', '--concurrency', '0', '--kubeconfig', kubeconfig], /--concurrency takes a whole number from 1 to 64, not "0"/],
    [['--all-contexts', '--cluster-timeout', 'soon', '--kubeconfig', kubeconfig], /--cluster-timeout takes a number of seconds, not "soon"/],
    [['--concurrency', '2', '--kubeconfig', kubeconfig], /--concurrency and --cluster-timeout belong to --all-contexts and --contexts/],
    [['--contexts', ',', '--kubeconfig', kubeconfig], /--contexts needs context names or globs/],
    [['--all-contexts'], /no kubeconfig: KUBECONFIG is not set to an existing file/],
  ];
  for (const [args, message] of cases) {
    const result = await fleet(args);
    assert.equal(result.code, 2, args.join(' '));
    assert.match(result.stderr, message, args.join(' '));
    assert.equal(result.stdout, '');
  }
  const topology = await runCli(['topology', '--all-contexts', '--kubeconfig', kubeconfig]);
  assert.equal(topology.code, 2);
  assert.match(topology.stderr, /--all-contexts belongs to check/);
  const collect = await runCli(['collect', '--all-contexts', '--out', join(DIR, 'x'), '--kubeconfig', kubeconfig]);
  assert.equal(collect.code, 2);
  assert.match(collect.stderr, /collect writes one context's dump/);
});

test('--concurrency bounds the clusters in flight: at 1 a hanging cluster holds up the next one, at 2 it does not', async () => {
  const args = ['--contexts', 'staging-hangs,team-forbidden', '--kubeconfig', kubeconfig, '--cluster-timeout', '3', '--output', 'json', '--progress'];
  const order = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('[')).map((l) => /^\[\d\/2\] (\S+):/.exec(l)?.[1]);
  const one = await fleet([...args, '--concurrency', '1']);
  assert.match(one.stderr, /^checking 2 contexts, 1 at a time…\n/);
  assert.deepEqual(order(one.stderr), ['staging-hangs', 'team-forbidden'], 'one at a time, in kubeconfig order');
  const two = await fleet([...args, '--concurrency', '2']);
  assert.deepEqual(order(two.stderr), ['team-forbidden', 'staging-hangs'], 'the quick one is not held up by the hang');
  assert.equal(one.code, 3);
  assert.equal(two.code, 3);
});

test('Ctrl-C ends the whole fleet at once with 130, even while a cluster hangs', async () => {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 500);
  const result = await fleet(['--contexts', 'staging-hangs', '--kubeconfig', kubeconfig, '--cluster-timeout', '60'], { signal: controller.signal });
  assert.equal(result.code, 130);
  assert.match(result.stderr, /cancelled/);
  assert.equal(result.stdout, '');
  assert.ok(result.ms < 15_000, `ended in ${result.ms} ms, not at the 60 s deadline`);
});

test('each cluster runs its own exec credential plugin: one that never returns costs its cluster only', async () => {
  const plugin = join(DIR, 'slow-login.sh');
  writeFileSync(plugin, '#!/bin/sh\nsleep 12\necho \'{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"x"}}\'\n', { mode: 0o755 });
  const file = writeKubeconfig('exec.kubeconfig', [
    entriesOf(ready, 'slow-login', { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: plugin, interactiveMode: 'Never' } }),
    entriesOf(old, 'own-plugin'),
  ]);
  const result = await fleet(['--all-contexts', '--kubeconfig', file, '--cluster-timeout', '2', '--output', 'json']);
  assert.ok(result.ms < 10_000, `ended in ${result.ms} ms, before the 12 s plugin would have`);
  const rows = byContext(JSON.parse(result.stdout) as FleetReport);
  assert.equal(errorOf(rows.get('slow-login')).kind, 'timeout');
  assert.equal(reportOf(rows.get('own-plugin')).verdict, 'not-ready', 'the other context\'s exec plugin ran and its cluster was read');
  assert.equal(result.code, 1);
});
