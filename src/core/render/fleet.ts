// The fleet report (src/core/fleet.ts) for people and tools: `check --all-contexts` as text,
// Markdown and SARIF (JSON is the FleetReport itself). Each reuses the single-cluster renderer's
// parts: the summary table first (worst first), then each not-ready cluster's findings grouped
// by severity exactly as `check` prints them, then the clusters that could not be read (with
// advice) and the ones that are incomplete (what was not checked). SARIF has one run per cluster.
//
// Escaping is the single renderers': text cells through `field`/`prose` (escapeTerminal), Markdown
// through the code-span and text escapers, SARIF messages through escapeSarifText.

import type { FleetCluster, FleetReport } from '../fleet';
import { countOf, fleetCounts, topBlocker } from '../fleet';
import type { Verdict } from '../model';
import { escapeSarifText } from '../escape';
import {
  SGR, VERDICT_COLOR, clampWidth, describeDistribution, describeFamilies, describeVerdict, field, formatCount, plural, prose, summaryLine,
  table, textFindings, textGaps, wrap, type TextOptions,
} from './text';
import { VERDICT_BADGE, code as mdCode, markdownFindings, markdownGaps, prose as mdProse, table as mdTable, text as mdText } from './markdown';
import { SARIF_SCHEMA, renderSarif, type SarifRun, type SarifTool } from './sarif';
import { SARIF_TOOL } from '../product';

/** Width of the TOP BLOCKER column's text; the whole message is in the sections below. */
const BLOCKER_MAX = 60;

/** "Fleet upgrade readiness for Kubernetes 1.36" / "… for each cluster's next minor" / "Fleet dockershim readiness". */
export function fleetTitle(fleet: Pick<FleetReport, 'target' | 'families'>): string {
  const dockershimOnly = fleet.families.length === 1 && fleet.families[0] === 'dockershim';
  if (dockershimOnly) return 'Fleet dockershim readiness';
  return fleet.target !== null ? `Fleet upgrade readiness for Kubernetes ${fleet.target}` : 'Fleet upgrade readiness for each cluster\'s next Kubernetes minor';
}

/** `2 not ready, 1 could not be read, 1 unknown, 1 ready (5 contexts)`. */
export function fleetSummaryLine(clusters: readonly FleetCluster[]): string {
  const c = fleetCounts(clusters);
  return `${formatCount(c['not-ready'])} not ready, ${formatCount(c.error)} could not be read, ${formatCount(c.unknown)} unknown, ${formatCount(c.ready)} ready (${plural(clusters.length, 'context')})`;
}

/** At most `max` characters, with an ellipsis when cut (a table cell; the sections below say it all). */
function cut(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** A message that ends as a sentence, so advice can follow it. */
function sentence(s: string): string {
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

function verdictWord(verdict: FleetCluster['verdict']): string {
  return verdict === 'error' ? 'error' : describeVerdict(verdict);
}

/** One summary row's cells, unescaped: the text and Markdown tables and the editor's fleet page. */
export function fleetSummaryCells(cluster: FleetCluster): { server: string; distribution: string; target: string; errors: string; warnings: string; blocker: string } {
  const blocker = cut(topBlocker(cluster), BLOCKER_MAX) || '-';
  if (!('report' in cluster)) return { server: '-', distribution: '-', target: '-', errors: '-', warnings: '-', blocker };
  const r = cluster.report;
  return {
    server: r.cluster.serverVersion ?? '?',
    distribution: describeDistribution(r.cluster.distribution),
    target: r.target ?? '-',
    errors: formatCount(countOf(cluster, 'error')),
    warnings: formatCount(countOf(cluster, 'warning')),
    blocker,
  };
}

export function renderFleetText(fleet: FleetReport, options: TextOptions): string {
  const color = options.color === true;
  const paint = (codes: string, s: string): string => (color ? `${codes}${s}${SGR.reset}` : s);
  const verdictPaint = (v: FleetCluster['verdict'], s: string) => paint(SGR.bold + (v === 'error' ? SGR.red : VERDICT_COLOR[v as Verdict] ?? SGR.yellow), s);
  const width = clampWidth(options.width);
  const out: string[] = [];
  out.push(paint(SGR.bold, `K8s Anatomy · ${fleetTitle(fleet)} · ${plural(fleet.clusters.length, 'context')}`), '');
  out.push(`  Judged for  ${fleet.target !== null ? `Kubernetes ${field(fleet.target)} (${prose(fleet.targetReason)})` : prose(fleet.targetReason)}`);
  out.push(`  Rules       ${field(describeFamilies(fleet.families))}`, '');
  if (fleet.clusters.length === 0) out.push('  No contexts were checked.');
  else {
    out.push(...table(
      ['CONTEXT', 'SERVER', 'DISTRIBUTION', 'VERDICT', 'TARGET', 'ERRORS', 'WARNINGS', 'TOP BLOCKER'],
      fleet.clusters.map((c) => {
        const cells = fleetSummaryCells(c);
        return [field(c.context), field(cells.server), field(cells.distribution), verdictWord(c.verdict), field(cells.target), cells.errors, cells.warnings, field(cells.blocker)];
      }),
      (s) => paint(SGR.bold, s),
    ));
  }

  for (const c of fleet.clusters) {
    if (c.verdict !== 'not-ready' || !('report' in c)) continue;
    const r = c.report;
    out.push('', verdictPaint(c.verdict, `── ${field(c.context)}: not ready for Kubernetes ${field(r.target ?? '?')} · ${summaryLine(r.findings)}${r.coverage.skipped.length > 0 ? `, ${formatCount(r.coverage.skipped.length)} not checked` : ''}`));
    out.push(`  Server ${field(r.cluster.serverVersion ?? 'not known')}, ${field(describeDistribution(r.cluster.distribution))}, ${plural(r.nodes.length, 'node')}`);
    out.push(...textFindings(r.findings, options));
    if (r.coverage.skipped.length > 0) out.push('', '  Not checked:', ...textGaps(r.coverage.skipped, options));
  }

  const errors = fleet.clusters.filter((c) => c.verdict === 'error');
  if (errors.length > 0) {
    out.push('', verdictPaint('error', `── Could not be read (${formatCount(errors.length)})`));
    for (const c of errors) {
      if ('report' in c) continue;
      out.push('', `  ${paint(SGR.bold, field(c.context))}: ${field(c.error.kind)}`);
      out.push(...wrap(prose(c.error.message), width, '      '));
      if (c.error.advice) out.push(...wrap(prose(c.error.advice), width, '      '));
    }
  }

  const unknown = fleet.clusters.filter((c) => c.verdict === 'unknown');
  if (unknown.length > 0) {
    out.push('', verdictPaint('unknown', `── Incomplete: nothing failing found, but not everything was checked (${formatCount(unknown.length)})`));
    for (const c of unknown) {
      if (!('report' in c)) continue;
      out.push('', `  ${paint(SGR.bold, field(c.context))}: ${summaryLine(c.report.findings)}`);
      if (c.report.coverage.skipped.length > 0) out.push(...textGaps(c.report.coverage.skipped, options).map((l) => `  ${l}`));
      else out.push(`    ${prose(topBlocker(c))}`);
    }
  }

  out.push('', paint(SGR.bold, fleetSummaryLine(fleet.clusters)));
  return `${out.join('\n')}\n`;
}

export function renderFleetMarkdown(fleet: FleetReport): string {
  const out: string[] = [];
  out.push(`# K8s Anatomy: ${mdText(fleetTitle(fleet))}`, '');
  out.push(`**${mdText(fleetSummaryLine(fleet.clusters))}** · judged for ${fleet.target !== null ? `Kubernetes ${mdCode(fleet.target)}` : mdText(fleet.targetReason)} · rules ${fleet.families.map((f) => mdCode(f)).join(', ')}`, '');
  if (fleet.clusters.length === 0) out.push('No contexts were checked.');
  else {
    out.push(...mdTable(
      ['Context', 'Server', 'Distribution', 'Verdict', 'Target', 'Errors', 'Warnings', 'Top blocker'],
      fleet.clusters.map((c) => {
        const cells = fleetSummaryCells(c);
        const badge = c.verdict === 'error' ? '⛔' : VERDICT_BADGE[c.verdict] ?? VERDICT_BADGE.unknown;
        return [
          mdCode(c.context), cells.server === '-' ? '—' : mdCode(cells.server), cells.distribution === '-' ? '—' : mdText(cells.distribution), `${badge} ${verdictWord(c.verdict)}`,
          cells.target === '-' ? '—' : mdCode(cells.target), cells.errors === '-' ? '—' : cells.errors, cells.warnings === '-' ? '—' : cells.warnings, cells.blocker === '-' ? '—' : mdText(cells.blocker),
        ];
      }),
    ));
  }
  for (const c of fleet.clusters) {
    if (c.verdict !== 'not-ready' || !('report' in c)) continue;
    const r = c.report;
    out.push('', `## ${VERDICT_BADGE['not-ready']} ${mdText(c.context)}: not ready for Kubernetes ${mdCode(r.target ?? '?')}`, '');
    out.push(`Server ${r.cluster.serverVersion ? mdCode(r.cluster.serverVersion) : 'not known'}, ${mdText(describeDistribution(r.cluster.distribution))}, ${plural(r.nodes.length, 'node')} · ${summaryLine(r.findings)}`, '');
    out.push(...markdownFindings(r.findings, '###'));
    if (r.coverage.skipped.length > 0) out.push('', 'Not checked:', '', ...markdownGaps(r.coverage.skipped));
  }
  const errors = fleet.clusters.filter((c) => c.verdict === 'error');
  if (errors.length > 0) {
    out.push('', `## ⛔ Could not be read (${formatCount(errors.length)})`, '');
    for (const c of errors) {
      if ('report' in c) continue;
      out.push(`- **${mdText(c.context)}** (${mdCode(c.error.kind)}): ${mdProse(sentence(c.error.message))}${c.error.advice ? ` ${mdProse(c.error.advice)}` : ''}`);
    }
  }
  const unknown = fleet.clusters.filter((c) => c.verdict === 'unknown');
  if (unknown.length > 0) {
    out.push('', `## ${VERDICT_BADGE.unknown} Incomplete (${formatCount(unknown.length)})`, '');
    for (const c of unknown) {
      if (!('report' in c)) continue;
      out.push(`- **${mdText(c.context)}**: ${summaryLine(c.report.findings)}${c.report.coverage.skipped.length > 0 ? '; not checked:' : `; ${mdProse(topBlocker(c))}`}`);
      out.push(...markdownGaps(c.report.coverage.skipped).map((l) => `  ${l}`));
    }
  }
  return `${out.join('\n')}\n`;
}

/** A SARIF run of the fleet: a cluster's run, or a run that says the cluster could not be read. */
export type FleetSarifRun =
  | (SarifRun & { readonly automationDetails: { readonly id: string } })
  | {
      readonly tool: { readonly driver: { readonly name: string; readonly version: string; readonly informationUri: string; readonly rules: readonly [] } };
      readonly automationDetails: { readonly id: string };
      readonly invocations: readonly [{ readonly executionSuccessful: false; readonly toolExecutionNotifications: readonly [{ readonly level: 'error'; readonly message: { readonly text: string } }] }];
      readonly results: readonly [];
      readonly properties: Readonly<Record<string, unknown>>;
    };

export interface FleetSarifLog {
  readonly $schema: string;
  readonly version: '2.1.0';
  readonly runs: readonly FleetSarifRun[];
}

/**
 * SARIF with one run per cluster, each run the single check's (renderSarif) with the context in
 * its properties and its own `automationDetails.id` (`k8s-anatomy/CONTEXT/`), so code scanning
 * keeps the clusters apart. A cluster that could not be read is a run without results whose
 * invocation failed, with the error as its notification.
 */
export function renderFleetSarif(fleet: FleetReport, tool: SarifTool): FleetSarifLog {
  const runs = fleet.clusters.map((c): FleetSarifRun => {
    const automationDetails = { id: `k8s-anatomy/${c.context}/` };
    if ('report' in c) {
      const [run] = renderSarif(c.report, tool).runs;
      return { ...run, automationDetails, properties: { ...run.properties, context: c.context } };
    }
    return {
      tool: { driver: { name: tool.name, version: tool.version, informationUri: tool.informationUri, rules: [] } },
      automationDetails,
      invocations: [{
        executionSuccessful: false,
        toolExecutionNotifications: [{ level: 'error', message: { text: escapeSarifText(`${c.context} could not be read (${c.error.kind}): ${sentence(c.error.message)}${c.error.advice ? ` ${c.error.advice}` : ''}`) } }],
      }],
      results: [],
      properties: { context: c.context, verdict: 'error', error: { kind: c.error.kind, message: c.error.message } },
    };
  });
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs };
}


/** The fleet report as a file: Markdown, the JSON document, or SARIF (one run per cluster). The CLI's `--output` and the editor's Export Fleet Report. */
export function renderFleetDocument(fleet: FleetReport, format: 'json' | 'markdown' | 'sarif'): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(fleet, null, 2)}\n`;
    case 'markdown':
      return renderFleetMarkdown(fleet);
    case 'sarif':
      return `${JSON.stringify(renderFleetSarif(fleet, SARIF_TOOL), null, 2)}\n`;
  }
}
