// The fleet report page ("Check All Contexts…"): one row per context, worst first — its verdict
// for the target, server version, distribution, error and warning counts and top blocker — with
// links to open that cluster's readiness report or its panel, and the export buttons. Pure:
// FleetReport in, HTML out. Like the readiness report it has no script at all; its actions are
// command links the webview allow-lists (FLEET_COMMANDS), whose handlers check their arguments
// against the fleet report the view shows. Every string goes through escapeHtml.

import type { FleetCluster, FleetReport } from '../../core/fleet';
import { fleetSummaryCells, fleetSummaryLine, fleetTitle } from '../../core/render/fleet';
import { escapeHtml, truncate } from '../../core/escape';
import { describeVerdict, formatCount, FIELD_MAX, PROSE_MAX } from '../../core/render/text';
import { checkNonce, pageShell } from '../../core/render/page';
import { COMMANDS, INTERNAL_COMMANDS } from '../constants';
import { REPORT_STYLE, commandLink, reportCsp } from '../readiness/reportHtml';

/** Command ids the fleet page may link to (the webview's enableCommandUris list). */
export const FLEET_COMMANDS: readonly string[] = [INTERNAL_COMMANDS.openFleetCluster, COMMANDS.exportFleetReport, COMMANDS.checkAllContexts];

export interface FleetPageInput {
  readonly nonce: string;
  readonly fleet: FleetReport;
  /** Contexts picked; more than `fleet.clusters.length` when the run was cancelled. */
  readonly picked: number;
  readonly cancelled: boolean;
  readonly generatedAt: string;
}

const h = escapeHtml;
const VERDICT_CLASS: Readonly<Record<FleetCluster['verdict'], string>> = { ready: 'ok', 'not-ready': 'bad', unknown: 'warn', error: 'bad' };
/** The marker beside each verdict, so it never rests on colour alone. */
const VERDICT_MARK: Readonly<Record<FleetCluster['verdict'], string>> = { ready: '✓', 'not-ready': '✗', unknown: '?', error: '!' };

export function fleetHtml(input: FleetPageInput): string {
  const nonce = checkNonce(input.nonce, 'fleetHtml');
  const { fleet } = input;
  const body = [
    toolbar(),
    `<h1>${h(fleetTitle(fleet))}</h1>`,
    `<p class="summary">${h(fleetSummaryLine(fleet.clusters))}</p>`,
    input.cancelled ? `<p class="note">Cancelled: ${h(formatCount(fleet.clusters.length))} of ${h(formatCount(input.picked))} contexts were checked; the others are not in this report.</p>` : '',
    `<p class="muted">Judged for: ${h(fleet.target !== null ? `Kubernetes ${fleet.target}` : truncate(fleet.targetReason, FIELD_MAX))}. Rules: ${h(fleet.families.join(', '))}.</p>`,
    summaryTable(fleet.clusters),
    `<footer>Generated ${h(input.generatedAt)} by K8s Anatomy. It only reads: nothing was written to any cluster, and nothing left this machine.</footer>`,
  ].join('\n');
  return pageShell({
    csp: reportCsp(nonce),
    title: fleetTitle(fleet),
    head: `<style nonce="${nonce}">${REPORT_STYLE}${FLEET_STYLE}</style>`,
    body: `<main>\n${body}\n</main>`,
  });
}

function toolbar(): string {
  const actions = [
    `<a class="button" href="${h(commandLink(COMMANDS.checkAllContexts))}">Check again…</a>`,
    ...(['markdown', 'json', 'sarif'] as const).map((format) => `<a class="button secondary" href="${h(commandLink(COMMANDS.exportFleetReport, [format]))}">Export ${h(FORMAT_LABEL[format])}</a>`),
  ];
  return `<nav class="toolbar" aria-label="Fleet report actions">${actions.join(' ')}</nav>`;
}

const FORMAT_LABEL = { markdown: 'Markdown', json: 'JSON', sarif: 'SARIF' } as const;

function summaryTable(clusters: readonly FleetCluster[]): string {
  if (clusters.length === 0) return '<p>No context was checked.</p>';
  const head = ['Context', 'Verdict', 'Server', 'Distribution', 'Target', 'Errors', 'Warnings', 'Top blocker', 'Open'].map((c) => `<th scope="col">${h(c)}</th>`).join('');
  return `<div class="scroll"><table class="fleet"><thead><tr>${head}</tr></thead><tbody>${clusters.map(row).join('')}</tbody></table></div>`;
}

function row(cluster: FleetCluster): string {
  const verdict = `<span class="verdict ${VERDICT_CLASS[cluster.verdict]}">${h(VERDICT_MARK[cluster.verdict])} ${h(cluster.verdict === 'error' ? 'could not be read' : describeVerdict(cluster.verdict))}</span>`;
  const context = `<code>${h(truncate(cluster.context, FIELD_MAX))}</code>`;
  const open = (what: 'report' | 'panel', text: string) => `<a href="${h(commandLink(INTERNAL_COMMANDS.openFleetCluster, [{ context: cluster.context, open: what }]))}">${h(text)}</a>`;
  if (!('report' in cluster)) {
    const message = truncate(cluster.error.message, PROSE_MAX);
    const advice = cluster.error.advice ? ` ${h(truncate(cluster.error.advice, PROSE_MAX))}` : '';
    return `<tr class="error-row"><td>${context}</td><td>${verdict}</td><td colspan="6"><strong>${h(cluster.error.kind)}</strong>: ${h(/[.!?]$/.test(message) ? message : `${message}.`)}${advice}</td><td>${open('panel', 'Panel')}</td></tr>`;
  }
  const cells = fleetSummaryCells(cluster);
  const tds = [cells.server, cells.distribution, cells.target, cells.errors, cells.warnings].map((c) => `<td>${h(truncate(c, FIELD_MAX))}</td>`).join('');
  const blocker = cells.blocker === '-' ? '—' : h(cells.blocker);
  return `<tr><td>${context}</td><td>${verdict}</td>${tds}<td>${blocker}</td><td>${open('report', 'Report')} · ${open('panel', 'Panel')}</td></tr>`;
}

const FLEET_STYLE = `
.summary { font-size: 1.1em; }
.note { border-left: 3px solid var(--vscode-editorWarning-foreground, orange); padding-left: .6em; }
.muted { color: var(--vscode-descriptionForeground); }
table.fleet .verdict, table.fleet td:first-child code { white-space: nowrap; }
table.fleet td:nth-child(6), table.fleet td:nth-child(7) { text-align: right; }
`;
