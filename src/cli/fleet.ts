// `k8s-anatomy check --all-contexts` / `--contexts a,'prod-*'`: readFleet (src/k8s/fleet.ts) with
// check's options applied to every cluster, a progress line per finished cluster on a terminal,
// then the fleet report (src/core/fleet.ts) rendered by the fleet renderers of core, and the exit
// code from the single check's rule applied to each cluster.
//
// Loaded on demand by run.ts (it pulls in client-node through the reader).

import type { Invocation } from './args';
import { EXIT, configzNote, exitCodeFor, renderFleetOutput, type CliIo } from './run';
import { buildFleetReport, countOf, topBlocker, type FleetCluster } from '../core/fleet';
import { RULE_FAMILIES } from '../core/model';
import { resolveTarget } from '../core/rules/targets';
import { describeVerdict, plural } from '../core/render/text';
import { escapeTerminal, truncate } from '../core/escape';
import { readFleet } from '../k8s/fleet';

type CheckInvocation = Extract<Invocation, { command: 'check' }>;
type FleetInvocation = CheckInvocation & { readonly fleet: NonNullable<CheckInvocation['fleet']> };

export async function checkFleet(invocation: FleetInvocation, io: CliIo): Promise<number> {
  const { source, fleet } = invocation;
  if (source.kind !== 'kubeconfig') throw new Error('a fleet is read from a kubeconfig');
  // A bad --target-version is refused once, before any cluster is read (InvalidTargetError: exit 2).
  const target = invocation.target !== undefined ? resolveTarget(invocation.target, null).minor : null;
  const showProgress = invocation.progress === 'auto' ? io.stderrIsTty : invocation.progress;
  const clusters = await readFleet({
    ...(source.kubeconfig ? { kubeconfig: source.kubeconfig } : {}),
    env: io.env,
    contexts: fleet.contexts,
    concurrency: fleet.concurrency,
    clusterTimeoutMs: fleet.clusterTimeoutSeconds * 1000,
    timeoutMs: invocation.timeoutSeconds * 1000,
    kubeletProbe: invocation.kubeletProbe,
    finish: {
      ...(invocation.target ? { target: invocation.target, targetReason: 'given with --target-version' } : {}),
      ...(invocation.families ? { families: invocation.families } : {}),
      today: io.today ?? new Date().toISOString().slice(0, 10),
    },
    namespaces: invocation.namespaces,
    ...(io.signal ? { signal: io.signal } : {}),
    surface: 'cli',
    timeoutSetting: '--cluster-timeout (or --timeout)',
    ...(showProgress ? {
      onStart: (contexts) => io.stderr(`checking ${plural(contexts.length, 'context')}, ${fleet.concurrency} at a time…\n`),
      onCluster: (row, finished, total, ms) => io.stderr(`[${finished}/${total}] ${progressLine(row)} (${(ms / 1000).toFixed(1)} s)\n`),
    } : {}),
    onConfigzForbidden: (context, nodes) => io.stderr(`k8s-anatomy: ${escapeTerminal(truncate(context, 80))}: note: ${configzNote(nodes)}\n`),
  });
  const report = buildFleetReport(clusters, { target, families: invocation.families ?? RULE_FAMILIES });
  io.stdout(renderFleetOutput(report, invocation.output, io));
  return fleetExitCode(clusters, invocation.failOn);
}

/** `prod-eu: not ready, 3 errors, 1 warning; dockershim-node on 3 Nodes`. */
function progressLine(row: FleetCluster): string {
  const name = escapeTerminal(truncate(row.context, 80));
  if (!('report' in row)) return `${name}: could not be read (${escapeTerminal(row.error.kind)})`;
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
