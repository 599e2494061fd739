// `k8sAnatomy.namespaces.include` / `.exclude` applied to a finished report. The filter itself is
// the core's (core/namespaces.ts, an option of the diagnosis); this is its report-level form.

import { readinessVerdict } from '../../core/diagnose';
import { isFiltering, scoped, type NamespaceFilter } from '../../core/namespaces';
import type { ReadinessReport, Verdict } from '../../core/model';

export type { NamespaceFilter } from '../../core/namespaces';
export { inScope } from '../../core/namespaces';

/** The verdict rule of DESIGN.md (core's `readinessVerdict`), applied to a report whose findings were filtered. */
export function verdictOf(report: Pick<ReadinessReport, 'findings' | 'coverage' | 'nodes'>): Verdict {
  return readinessVerdict(report.findings, report.coverage.skipped, report.nodes.map((n) => n.runtime));
}

/** The report with out-of-scope workload findings removed and the verdict recomputed. */
export function filterReport(report: ReadinessReport, filter: NamespaceFilter): ReadinessReport {
  if (!isFiltering(filter)) return report;
  const { findings, gaps } = scoped(report.findings, report.coverage.skipped, filter);
  const filtered = { ...report, findings, coverage: { skipped: gaps } };
  return { ...filtered, verdict: verdictOf(filtered) };
}
