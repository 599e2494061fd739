// The readiness report as GitHub-flavoured Markdown: `k8s-anatomy check --output markdown`, for PR
// comments, job summaries and tickets. Same content as the text report: facts, nodes (pooled past
// NODE_LIST_LIMIT), control plane, a findings table, then one collapsible <details> per finding.
//
// Escaping: identifiers (names, versions, field paths, files) go into code spans (markdownCode);
// free text (messages, remediations, reasons) through escapeMarkdownText; the <summary> line is raw
// HTML, so it goes through escapeHtml. Links are made only for https URLs that pass safeHttpsUrl.

import type { CoverageGap, Finding, ReadinessReport, Severity, Verdict } from '../model';
import { escapeHtml, escapeMarkdownText, markdownCode, safeHttpsUrl, truncate } from '../escape';
import {
  FIELD_MAX, PROSE_MAX, SEVERITIES, clusterFacts, reportTitle, describeReady, describeSource, describeVerdict, formatCount, plural,
  groupBySeverity, groupNodeRows, subjectLabel, summaryLine,
} from './text';

export const VERDICT_BADGE: Readonly<Record<Verdict, string>> = { ready: '✅', 'not-ready': '❌', unknown: '⚠️' };
const SEVERITY_BADGE: Readonly<Record<Severity, string>> = { error: '🔴 error', warning: '🟠 warning', info: '🔵 info' };

export function renderMarkdown(report: ReadinessReport): string {
  const out: string[] = [];
  const verdict = describeVerdict(report.verdict);
  const badge = VERDICT_BADGE[report.verdict] ?? VERDICT_BADGE.unknown;

  out.push(`# K8s Anatomy: ${text(reportTitle(report))}`, '');
  out.push(`**Verdict: ${badge} ${verdict}** · ${summaryLine(report.findings)}${report.coverage.skipped.length > 0 ? ` · ${formatCount(report.coverage.skipped.length)} not checked` : ''}`, '');

  const facts: [string, string][] = [];
  if (report.source) facts.push(['Source', text(describeSource(report.source))]);
  if (report.target) facts.push(['Judged for', `Kubernetes ${code(report.target)}${report.targetReason ? ` (${text(report.targetReason)})` : ''}`]);
  if (report.families) facts.push(['Rules', report.families.map((f) => code(f)).join(', ')]);
  for (const [label, value] of clusterFacts(report.cluster)) {
    facts.push([label, label === 'Server' && report.cluster.serverVersion ? code(value) : text(value)]);
  }
  out.push(...table(['Fact', 'Value'], facts));

  // --- nodes ----------------------------------------------------------------------------------
  const grouping = groupNodeRows(report.nodes);
  if (grouping.kind === 'list') {
    out.push('', `## Nodes (${formatCount(report.nodes.length)})`, '');
    if (grouping.rows.length === 0) out.push('No nodes were read.');
    else {
      out.push(...table(
        ['Name', 'Roles', 'OS', 'Runtime', 'Kubelet', 'Docker path'],
        grouping.rows.map((r) => [code(r.name), text(r.roles), text(r.os), code(r.runtime), code(r.kubelet), text(r.dockerPath)]),
      ));
    }
  } else {
    out.push('', `## Nodes (${formatCount(report.nodes.length)} in ${formatCount(grouping.pools.length)} groups of identical nodes)`, '');
    out.push(...table(
      ['Nodes', 'Roles', 'OS', 'Runtime', 'Kubelet', 'Docker path', 'For example'],
      grouping.pools.map((p) => [
        formatCount(p.count), text(p.row.roles), text(p.row.os), code(p.row.runtime), code(p.row.kubelet), text(p.row.dockerPath),
        p.sampleNames.map((n) => code(n)).join(', ') + (p.count > p.sampleNames.length ? ', …' : ''),
      ]),
    ));
  }

  // --- control plane --------------------------------------------------------------------------
  if (report.controlPlane.length > 0) {
    out.push('', `## Control plane (${plural(report.controlPlane.length, 'pod')})`, '');
    out.push(...table(
      ['Component', 'Pod', 'Node', 'Ready'],
      report.controlPlane.map((c) => [
        text(c.component), code(c.namespace ? `${c.namespace}/${c.name}` : c.name), c.node ? code(c.node) : '—', describeReady(c.ready),
      ]),
    ));
  }

  // --- findings -------------------------------------------------------------------------------
  out.push('', `## Findings (${summaryLine(report.findings)})`, '');
  out.push(...markdownFindings(report.findings, '###'));

  // --- coverage -------------------------------------------------------------------------------
  const gaps = report.coverage.skipped;
  out.push('', '## Coverage', '');
  if (gaps.length === 0) out.push('Everything in scope was read.');
  else {
    out.push('Not checked, so the verdict cannot be *ready*:', '');
    out.push(...markdownGaps(gaps));
  }
  return `${out.join('\n')}\n`;
}

/**
 * The findings as a numbered table (severity order) and one collapsible block each, under a
 * `Details` heading of the given level: the report's Findings section, and each not-ready
 * cluster's in the fleet report.
 */
export function markdownFindings(findings: readonly Finding[], detailsHeading: string): string[] {
  if (findings.length === 0) return ['No findings.'];
  const out: string[] = [];
  // Numbered in severity order, the same numbers in the table and the details.
  const ordered = SEVERITIES.flatMap((s) => groupBySeverity(findings)[s]);
  out.push(...table(
    ['#', 'Severity', 'Rule', 'Subject', 'Field'],
    ordered.map((f, i) => [String(i + 1), SEVERITY_BADGE[f.severity] ?? text(f.severity), code(f.rule), code(subjectLabel(f.subject)), code(f.path)]),
  ));
  out.push('', `${detailsHeading} Details`);
  ordered.forEach((f, i) => out.push('', ...details(f, i + 1)));
  return out;
}

/** One `- **scope**: reason` line per coverage gap. */
export function markdownGaps(gaps: readonly CoverageGap[]): string[] {
  return gaps.map((gap) => `- **${text(gap.scope)}**: ${prose(gap.reason)}`);
}

function details(f: Finding, n: number): string[] {
  const summary = `${n}. ${f.severity} · ${truncate(f.rule, FIELD_MAX)} · ${truncate(subjectLabel(f.subject), FIELD_MAX)}`;
  const lines = [
    '<details>',
    `<summary>${escapeHtml(summary)}</summary>`,
    '',
    `- **Subject:** kind ${inlineCode(f.subject.kind)}${f.subject.namespace ? `, namespace ${inlineCode(f.subject.namespace)}` : ''}, name ${inlineCode(f.subject.name)}`,
    `- **Field:** ${inlineCode(f.path)}`,
  ];
  if (f.location) lines.push(`- **File:** ${inlineCode(f.location.file)}, line ${text(String(f.location.line))}`);
  if (f.containers && f.containers.length > 0) lines.push(`- **Containers:** ${f.containers.map((c) => inlineCode(c)).join(', ')}`);
  if (f.feature) lines.push(`- **Runtime feature:** ${inlineCode(f.feature)}`);
  lines.push(`- **Why:** ${prose(f.message)}`, `- **Fix:** ${prose(f.remediation)}`);
  if (f.docs.length > 0) lines.push(`- **Docs:** ${f.docs.map(link).join(' · ')}`);
  lines.push('', '</details>');
  return lines;
}

/** A GFM table; every cell is already Markdown-safe (no raw pipes or newlines). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)];
}

/** An identifier as a table-safe code span. */
export function code(value: string): string {
  return markdownCode(truncate(value, FIELD_MAX), 'table-cell');
}

/** An identifier as a code span outside tables. */
function inlineCode(value: string): string {
  return markdownCode(truncate(value, FIELD_MAX), 'inline');
}

/** Short free text (labels, names inside sentences). */
export function text(value: string): string {
  return escapeMarkdownText(truncate(value, FIELD_MAX));
}

/** A message, remediation or reason. */
export function prose(value: string): string {
  return escapeMarkdownText(truncate(value, PROSE_MAX));
}

function link(url: string): string {
  const safe = safeHttpsUrl(url);
  return safe ? `[${escapeMarkdownText(safe)}](<${safe}>)` : inlineCode(url);
}
