// `k8sAnatomy.namespaces.include` / `.exclude`: which namespaces' workloads the readiness report
// judges. The reader lists the whole cluster either way (the anatomy needs every node and the
// control plane); this filter only decides which workload findings count. Pure.

import { namespaceOfPodsScope, readinessVerdict } from '../../core/diagnose';
import type { Finding, ReadinessReport, Verdict } from '../../core/model';

export interface NamespaceFilter {
  /** Only these namespaces (empty: all). */
  readonly include: readonly string[];
  /** Never these namespaces (applied after include). */
  readonly exclude: readonly string[];
}

export function isFiltering(filter: NamespaceFilter): boolean {
  return filter.include.length > 0 || filter.exclude.length > 0;
}

/** Cluster-scoped subjects (Nodes) are always in scope. */
export function inScope(namespace: string, filter: NamespaceFilter): boolean {
  if (namespace === '') return true;
  if (filter.include.length > 0 && !filter.include.includes(namespace)) return false;
  return !filter.exclude.includes(namespace);
}

/** The verdict rule (core's `readinessVerdict`; docs/architecture.md), applied to a report whose findings were filtered. */
export function verdictOf(report: Pick<ReadinessReport, 'findings' | 'coverage' | 'nodes'>): Verdict {
  return readinessVerdict(report.findings, report.coverage.skipped, report.nodes.map((n) => n.runtime));
}

/** The report with out-of-scope workload findings removed and the verdict recomputed. */
export function filterReport(report: ReadinessReport, filter: NamespaceFilter): ReadinessReport {
  if (!isFiltering(filter)) return report;
  const findings: Finding[] = report.findings.filter((f) => inScope(f.subject.namespace, filter));
  const coverage = {
    skipped: report.coverage.skipped.filter((gap) => {
      const ns = namespaceOfPodsScope(gap.scope);
      return ns === undefined || inScope(ns, filter);
    }),
  };
  const filtered = { ...report, findings, coverage };
  return { ...filtered, verdict: verdictOf(filtered) };
}
