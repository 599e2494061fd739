// `k8s-anatomy check --all-contexts` / `--contexts a,'prod-*'`: the single live check (`diagnose`
// in run.ts) once per context of the kubeconfig, at most `--concurrency` at a time. Each cluster
// has its own KubeConfig (so its own exec credential plugin run), its own transport and its own
// deadline (`--cluster-timeout`, on top of the per-request `--timeout`); whatever goes wrong with
// one cluster (it hangs, refuses the credentials, is unreachable) becomes its error row and never
// fails or holds up the others. Only each finished cluster's report is kept, never its objects, so
// memory is bounded by the concurrency, not by the size of the fleet.
//
// Loaded on demand by run.ts (it pulls in client-node through the kubeconfig loader).

import type { Invocation } from './args';
import { EXIT, diagnose, exitCodeFor, renderFleetOutput, type CliIo } from './run';
import { buildFleetReport, countOf, selectContexts, topBlocker, type FleetCluster } from '../core/fleet';
import { RULE_FAMILIES } from '../core/model';
import { resolveTarget } from '../core/rules/targets';
import { describeVerdict, plural } from '../core/render/text';
import { escapeTerminal, truncate } from '../core/escape';
import { kubeconfigContexts } from '../k8s/kubeconfig';
import { ClusterError, adviceFor, isClusterError } from '../k8s/errors';
import { mapLimited } from '../k8s/limit';

type FleetInvocation = Extract<Invocation, { command: 'check' }> & { readonly fleet: NonNullable<Extract<Invocation, { command: 'check' }>['fleet']> };

export async function checkFleet(invocation: FleetInvocation, io: CliIo): Promise<number> {
  const { source, fleet } = invocation;
  if (source.kind !== 'kubeconfig') throw new Error('a fleet is read from a kubeconfig');
  const { contexts: available, files } = kubeconfigContexts({ ...(source.kubeconfig ? { kubeconfig: source.kubeconfig } : {}), env: io.env });
  if (available.length === 0) throw new ClusterError('no-kubeconfig', `the kubeconfig ${files.join(', ')} has no contexts`);
  const contexts = selectContexts(available, fleet.contexts);
  // A bad --target-version is refused once, before any cluster is read (InvalidTargetError: exit 2).
  const target = invocation.target !== undefined ? resolveTarget(invocation.target, null).minor : null;

  const showProgress = invocation.progress === 'auto' ? io.stderrIsTty : invocation.progress;
  if (showProgress) io.stderr(`checking ${plural(contexts.length, 'context')}, ${fleet.concurrency} at a time…\n`);
  let finished = 0;
  const clusters = await mapLimited(contexts, fleet.concurrency, async (context) => {
    const started = Date.now();
    const row = await checkOne(context, invocation, io);
    finished++;
    if (showProgress) io.stderr(`[${finished}/${contexts.length}] ${progressLine(row)} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
    return row;
  });

  const report = buildFleetReport(clusters, { target, families: invocation.families ?? RULE_FAMILIES });
  io.stdout(renderFleetOutput(report, invocation.output, io));
  return fleetExitCode(clusters, invocation.failOn);
}

/**
 * One cluster, start to report: the same `diagnose` as `check --context NAME`, with its own abort
 * signal that fires at the cluster's deadline or on Ctrl-C. Rejects only when the whole run is
 * cancelled; every other failure is the cluster's error row.
 */
async function checkOne(context: string, invocation: FleetInvocation, io: CliIo): Promise<FleetCluster> {
  const controller = new AbortController();
  const timeoutMs = invocation.fleet.clusterTimeoutSeconds * 1000;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onCancel = () => controller.abort();
  if (io.signal?.aborted) controller.abort();
  io.signal?.addEventListener('abort', onCancel, { once: true });
  const source = { kind: 'kubeconfig' as const, context, ...(invocation.source.kind === 'kubeconfig' && invocation.source.kubeconfig ? { kubeconfig: invocation.source.kubeconfig } : {}) };
  try {
    const diagnosis = await diagnose(source, {
      ...invocation,
      // One request may not outlive the cluster's deadline.
      timeoutSeconds: Math.min(invocation.timeoutSeconds, invocation.fleet.clusterTimeoutSeconds),
      progress: false,
    }, {
      ...io,
      signal: controller.signal,
      // diagnose's notes ("k8s-anatomy: note: …") name the cluster they are about.
      stderr: (text) => io.stderr(text.replace(/^k8s-anatomy: /gm, `k8s-anatomy: ${escapeTerminal(context)}: `)),
    });
    // Only the report is kept: the anatomy and the scanner's facts go with the diagnosis.
    return { context, verdict: diagnosis.report.verdict, report: diagnosis.report };
  } catch (error) {
    if (io.signal?.aborted) throw new ClusterError('cancelled', 'cancelled');
    if (timedOut) {
      return errorRow(context, 'timeout', `the check of context "${context}" did not finish within ${invocation.fleet.clusterTimeoutSeconds} s (--cluster-timeout)`);
    }
    if (isClusterError(error)) return errorRow(context, error.kind, error.message);
    const message = error instanceof Error ? error.message : String(error);
    return { context, verdict: 'error', error: { kind: 'internal', message: `internal error: ${message}`, advice: 'Please report it with the command you ran.' } };
  } finally {
    clearTimeout(timer);
    io.signal?.removeEventListener('abort', onCancel);
  }
}

function errorRow(context: string, kind: ClusterError['kind'], message: string): FleetCluster {
  const advice = kind === 'timeout'
    ? 'The cluster did not answer in time: check connectivity (VPN, proxy, firewall), or raise --cluster-timeout or --timeout.'
    : adviceFor(kind, 'cli');
  return { context, verdict: 'error', error: { kind, message, ...(advice ? { advice } : {}) } };
}

/** `prod-eu: not ready, 3 errors, 1 warning; dockershim-node on 3 Nodes`. */
function progressLine(row: FleetCluster): string {
  const name = escapeTerminal(truncate(row.context, 80));
  if (!('report' in row)) return `${name}: could not be read (${row.error.kind})`;
  const blocker = topBlocker(row);
  return `${name}: ${describeVerdict(row.verdict)}, ${plural(countOf(row, 'error'), 'error')}, ${plural(countOf(row, 'warning'), 'warning')}${blocker ? `; ${escapeTerminal(truncate(blocker, 80))}` : ''}`;
}

/**
 * 1 when any cluster has findings at or above --fail-on (the single check's rule, per cluster);
 * else 3 when any is incomplete or could not be read; else 0.
 */
export function fleetExitCode(clusters: readonly FleetCluster[], failOn: 'error' | 'warning' | 'never'): number {
  const codes = clusters.map((c) => ('report' in c ? exitCodeFor(c.report, failOn) : EXIT.incomplete));
  if (codes.includes(EXIT.findings)) return EXIT.findings;
  if (codes.includes(EXIT.incomplete)) return EXIT.incomplete;
  return EXIT.ready;
}
