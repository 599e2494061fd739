// A fleet: one readiness check per kubeconfig context (`k8s-anatomy check --all-contexts`,
// `--contexts a,'prod-*'`). This module is the pure half: which contexts a selection picks, the
// fleet report (`check --all-contexts --output json`), its order (worst first) and the few words
// that name each cluster's top blocker. Reading the clusters is src/cli/fleet.ts; the renderers
// are src/core/render/fleet.ts.

import type { ReadinessReport, RuleFamily, Verdict } from './model';
import { plural, subjectLabel } from './render/text';

/** A cluster that could not be read: the ClusterError kind (or `internal`), its message and what to try. */
export interface FleetError {
  /** A ClusterErrorKind (`unauthorized`, `timeout`, `unreachable`, `auth-plugin`…) or `internal`. */
  readonly kind: string;
  readonly message: string;
  /** One sentence on what to try (adviceFor in src/k8s/errors.ts); absent when there is none. */
  readonly advice?: string;
}

export type FleetCluster =
  | { readonly context: string; readonly verdict: Verdict; readonly report: ReadinessReport }
  | { readonly context: string; readonly verdict: 'error'; readonly error: FleetError };

export type FleetVerdict = FleetCluster['verdict'];

/** `check --all-contexts --output json`. */
export interface FleetReport {
  readonly schemaVersion: 1;
  /**
   * The target every cluster was judged for (`--target-version`), as `X.Y`; null when each
   * cluster has its own default target (the minor after its server's): see each `report.target`.
   */
  readonly target: string | null;
  /** Why that target, or that it is per cluster. */
  readonly targetReason: string;
  /** The rule families judged (`--rules`), RULE_FAMILIES order. */
  readonly families: readonly RuleFamily[];
  /** Worst first (FLEET_ORDER), then by error and warning count, then by context name. */
  readonly clusters: readonly FleetCluster[];
}

/** Worst first: not ready, could not be read, incomplete, ready. */
export const FLEET_ORDER: readonly FleetVerdict[] = ['not-ready', 'error', 'unknown', 'ready'];

export const PER_CLUSTER_TARGET_REASON = 'per cluster: the minor after each server\'s version, at least 1.24 (each report says which)';

export class ContextSelectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContextSelectionError';
  }
}

/**
 * The contexts a selection picks, in kubeconfig order, each once. `all`: every context. A list:
 * each entry is a name or a glob (`*` any run of characters, `?` one); an entry that matches no
 * context is refused (a typo must not shrink the fleet silently). An entry that is a context's
 * exact name picks that context alone.
 */
export function selectContexts(available: readonly string[], selection: 'all' | readonly string[]): string[] {
  if (selection === 'all') return [...new Set(available)];
  const picked = new Set<string>();
  for (const entry of selection) {
    // A context's exact name is that context, even when it holds `*` or `?`.
    const pattern = globPattern(entry);
    const matches = available.includes(entry) ? [entry] : available.filter((name) => pattern.test(name));
    if (matches.length === 0) {
      const shown = available.slice(0, 20).join(', ') + (available.length > 20 ? ', …' : '');
      throw new ContextSelectionError(`${/[*?]/.test(entry) ? `--contexts "${entry}" matches no context` : `the kubeconfig has no context named "${entry}"`} (contexts: ${shown || 'none'})`);
    }
    for (const name of matches) picked.add(name);
  }
  return available.filter((name, i) => picked.has(name) && available.indexOf(name) === i);
}

/** `prod-*` → /^prod-.*$/: `*` and `?` are wildcards, everything else is literal. */
export function globPattern(glob: string): RegExp {
  const body = [...glob].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`, 's');
}

/** The fleet report: clusters sorted worst first. `target`: the given `--target-version` minor, or null. */
export function buildFleetReport(clusters: readonly FleetCluster[], options: { readonly target: string | null; readonly families: readonly RuleFamily[] }): FleetReport {
  return {
    schemaVersion: 1,
    target: options.target,
    targetReason: options.target !== null ? 'given with --target-version' : PER_CLUSTER_TARGET_REASON,
    families: options.families,
    clusters: sortFleet(clusters),
  };
}

export function sortFleet(clusters: readonly FleetCluster[]): FleetCluster[] {
  const rank = (c: FleetCluster) => {
    const i = FLEET_ORDER.indexOf(c.verdict);
    return i === -1 ? FLEET_ORDER.length : i;
  };
  return [...clusters].sort((a, b) => rank(a) - rank(b)
    || countOf(b, 'error') - countOf(a, 'error')
    || countOf(b, 'warning') - countOf(a, 'warning')
    || (a.context < b.context ? -1 : a.context > b.context ? 1 : 0));
}

/** Findings of one severity in a cluster's report (0 for a cluster that could not be read). */
export function countOf(cluster: FleetCluster, severity: 'error' | 'warning' | 'info'): number {
  return 'report' in cluster ? cluster.report.findings.filter((f) => f.severity === severity).length : 0;
}

/** How many clusters have each verdict, in FLEET_ORDER. */
export function fleetCounts(clusters: readonly FleetCluster[]): Readonly<Record<FleetVerdict, number>> {
  const counts: Record<FleetVerdict, number> = { 'not-ready': 0, error: 0, unknown: 0, ready: 0 };
  for (const c of clusters) counts[c.verdict] = (counts[c.verdict] ?? 0) + 1;
  return counts;
}

/**
 * The top blocker in a few words (unescaped; renderers escape it): the error rule with the most
 * findings (`dockershim-node on 3 Nodes (+1 more rule)`), the first scope not checked, the error
 * kind of a cluster that could not be read, or nothing for a ready cluster.
 */
export function topBlocker(cluster: FleetCluster): string {
  if (!('report' in cluster)) return `could not be read: ${cluster.error.kind}`;
  const report = cluster.report;
  const byRule = new Map<string, ReadinessReport['findings'][number][]>();
  for (const f of report.findings) {
    if (f.severity !== 'error') continue;
    const list = byRule.get(f.rule) ?? [];
    list.push(f);
    byRule.set(f.rule, list);
  }
  if (byRule.size > 0) {
    // Most findings first; ties in report order (Map keeps first-seen order, sort is stable).
    const [rule, findings] = [...byRule.entries()].sort((a, b) => b[1].length - a[1].length)[0] as [string, ReadinessReport['findings'][number][]];
    const kinds = new Set(findings.map((f) => f.subject.kind));
    const first = findings[0];
    const on = findings.length === 1 && first ? subjectLabel(first.subject)
      : kinds.size === 1 ? plural(findings.length, [...kinds][0] ?? 'object')
        : plural(findings.length, 'object');
    const more = byRule.size > 1 ? ` (+${plural(byRule.size - 1, 'more rule')})` : '';
    return `${rule} on ${on}${more}`;
  }
  const gaps = report.coverage.skipped;
  const firstGap = gaps[0];
  if (firstGap) return `not checked: ${firstGap.scope}${gaps.length > 1 ? ` (+${gaps.length - 1} more)` : ''}`;
  const unknownRuntimes = report.nodes.filter((n) => n.runtime.name === 'unknown' || n.runtime.version === null).length;
  if (report.verdict === 'unknown' && unknownRuntimes > 0) return `runtime not known on ${plural(unknownRuntimes, 'node')}`;
  return '';
}
