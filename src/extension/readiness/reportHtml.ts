// The readiness report page ("Dockershim readiness", or "Upgrade readiness for Kubernetes X.Y"): verdict, facts, a per-node table, findings per workload
// and node (field path, remediation, links), coverage, and the workspace manifests' findings.
// Pure: report in, HTML out. The page has no script at all (the webview runs with scripts
// disabled); its actions are command links that the webview allow-lists by command id, with
// arguments the command handlers validate again. Every string goes through escapeHtml; the only
// web links are https URLs that pass safeHttpsUrl.

import type { Finding, ReadinessReport, Severity, Verdict } from '../../core/model';
import { escapeHtml, safeHttpsUrl, truncate } from '../../core/escape';
import {
  FIELD_MAX, PROSE_MAX, SEVERITIES, clusterFacts, describeSource, describeVerdict, formatCount, groupBySeverity, plural, groupNodeRows,
  reportTitle, subjectLabel, summaryLine,
} from '../../core/render/text';
import { buildCsp, checkNonce, nonceSource, pageShell } from '../../core/render/page';
import { ruleInfo } from '../../core/rules/catalog';
import { COMMANDS, INTERNAL_COMMANDS } from '../constants';

export interface WorkspaceFindingRow {
  readonly finding: Finding;
  /** Document URI (string) and 1-based line, for the reveal link. */
  readonly uri: string;
  readonly line: number;
  /** Workspace-relative path, for display. */
  readonly label: string;
}

export type ClusterPart =
  | { readonly kind: 'report'; readonly report: ReadinessReport }
  | { readonly kind: 'none'; readonly title: string; readonly message: string; readonly advice: string; readonly offerSamples: boolean };

/** What was judged: the dockershim family alone, or every family for an upgrade target. */
export type ReadinessCheck =
  | { readonly kind: 'dockershim' }
  | { readonly kind: 'upgrade'; readonly target: string };

export interface ReportPageInput {
  readonly nonce: string;
  readonly check: ReadinessCheck;
  readonly cluster: ClusterPart;
  readonly workspace: { readonly enabled: boolean; readonly files: number; readonly rows: readonly WorkspaceFindingRow[]; readonly truncated: boolean } | null;
  readonly generatedAt: string;
}

/** Command ids the report page may link to (the webview's enableCommandUris list). */
export const REPORT_COMMANDS: readonly string[] = [
  INTERNAL_COMMANDS.openObject, INTERNAL_COMMANDS.revealFinding, COMMANDS.exportReport, COMMANDS.checkReadiness, COMMANDS.checkUpgradeReadiness,
  COMMANDS.openPanel, COMMANDS.openSample,
];

/**
 * The page's and the view's title: what the report judged (core's reportTitle: "Dockershim
 * readiness", "Upgrade readiness for Kubernetes 1.36"), else what the check asked for.
 */
export function pageTitle(input: Pick<ReportPageInput, 'check' | 'cluster'>): string {
  if (input.cluster.kind === 'report') return reportTitle(input.cluster.report);
  return input.check.kind === 'dockershim' ? 'Dockershim readiness' : `Upgrade readiness for Kubernetes ${input.check.target}`;
}

const VERDICT_CLASS: Readonly<Record<Verdict, string>> = { ready: 'ok', 'not-ready': 'bad', unknown: 'warn' };
const SEVERITY_TITLE: Readonly<Record<Severity, string>> = { error: 'Errors', warning: 'Warnings', info: 'Information' };
/** The node table lists nodes one by one up to this many, then groups identical nodes. */
const NODE_ROWS = 200;

const h = escapeHtml;

/** `command:ID?ARGS` with JSON arguments, as VS Code's command links expect. */
export function commandLink(command: string, args?: readonly unknown[]): string {
  return args ? `command:${command}?${encodeURIComponent(JSON.stringify(args))}` : `command:${command}`;
}

/** No script at all; only the page's own nonce'd style element and data: images. */
export function reportCsp(nonce: string): string {
  return buildCsp([['default-src', "'none'"], ['style-src', nonceSource(nonce)], ['img-src', 'data:']]);
}

export function reportHtml(input: ReportPageInput): string {
  const nonce = checkNonce(input.nonce, 'reportHtml');
  const body = [
    toolbar(input),
    input.cluster.kind === 'report' ? clusterReport(input.cluster.report, input.check) : noCluster(input.cluster, input.check),
    workspaceSection(input.workspace),
    `<footer>Generated ${h(input.generatedAt)} by K8s Anatomy. It only reads: nothing was written to the cluster, and nothing left this machine.</footer>`,
  ].join('\n');
  return pageShell({
    csp: reportCsp(nonce),
    title: pageTitle(input),
    head: `<style nonce="${nonce}">${REPORT_STYLE}</style>`,
    body: `<main>\n${body}\n</main>`,
  });
}

function toolbar(input: ReportPageInput): string {
  const actions = [
    `<a class="button" href="${h(input.check.kind === 'dockershim' ? commandLink(COMMANDS.checkReadiness) : commandLink(COMMANDS.checkUpgradeReadiness, [input.check.target]))}">Re-run the check</a>`,
    ...(input.check.kind === 'dockershim' ? [`<a class="button secondary" href="${h(commandLink(COMMANDS.checkUpgradeReadiness))}">Check upgrade readiness…</a>`] : []),
    ...(input.cluster.kind === 'report' ? [`<a class="button" href="${h(commandLink(COMMANDS.exportReport))}">Export the report…</a>`] : []),
    `<a class="button secondary" href="${h(commandLink(COMMANDS.openPanel))}">Open the anatomy panel</a>`,
  ];
  return `<nav class="toolbar" aria-label="Report actions">${actions.join(' ')}</nav>`;
}

function clusterReport(report: ReadinessReport, check: ReadinessCheck): string {
  const verdict = report.verdict;
  const out: string[] = [];
  out.push(`<h1>${h(reportTitle(report))}: <span class="verdict ${VERDICT_CLASS[verdict] ?? 'warn'}">${h(describeVerdict(verdict))}</span></h1>`);
  out.push(`<p class="summary">${h(summaryLine(report.findings))}${report.coverage.skipped.length ? ` · ${h(formatCount(report.coverage.skipped.length))} not checked` : ''}</p>`);
  out.push(`<p>${h(reportTitle(report) === 'Dockershim readiness' ? verdictExplanation(verdict) : upgradeExplanation(verdict, report.target ?? (check.kind === 'upgrade' ? check.target : '')))}</p>`);
  const facts: [string, string][] = [];
  if (report.source) facts.push(['Source', describeSource(report.source)]);
  if (report.target) facts.push(['Judged for', `Kubernetes ${report.target}${report.targetReason ? ` (${truncate(report.targetReason, FIELD_MAX)})` : ''}`]);
  if (report.families) facts.push(['Rules', report.families.join(', ')]);
  facts.push(...clusterFacts(report.cluster));
  out.push(`<table class="facts"><tbody>${facts.map(([k, v]) => `<tr><th scope="row">${h(k)}</th><td>${h(v)}</td></tr>`).join('')}</tbody></table>`);

  out.push(nodesSection(report));
  out.push(findingsSection(report.findings, true));
  out.push(coverageSection(report));
  return out.join('\n');
}

function verdictExplanation(verdict: Verdict): string {
  switch (verdict) {
    case 'ready': return 'Nothing found depends on dockershim or on Docker Engine in a way that breaks on Kubernetes 1.24 or newer.';
    case 'not-ready': return 'At least one node or workload depends on dockershim or on Docker Engine: see the errors below, each with the field and the fix.';
    default: return 'No blocking dependency was found, but part of the cluster could not be checked or a node\'s runtime is unknown: see Coverage.';
  }
}

function upgradeExplanation(verdict: Verdict, target: string): string {
  switch (verdict) {
    case 'ready': return `Nothing found blocks Kubernetes ${target}: the container runtimes, cgroup versions, kubelet versions and what the workloads need from the runtime were judged for it.`;
    case 'not-ready': return `At least one node or workload breaks on Kubernetes ${target}: see the errors below, each with the field and the fix.`;
    default: return `No blocker for Kubernetes ${target} was found, but part of the cluster could not be checked or a node's runtime is unknown: see Coverage.`;
  }
}

function nodesSection(report: ReadinessReport): string {
  const grouping = groupNodeRows(report.nodes, NODE_ROWS);
  const findingsByNode = new Map<string, Finding[]>();
  for (const f of report.findings) if (f.subject.kind === 'Node') findingsByNode.set(f.subject.name, [...(findingsByNode.get(f.subject.name) ?? []), f]);
  const head = '<th scope="col">Roles</th><th scope="col">OS</th><th scope="col">Runtime</th><th scope="col">Kubelet</th><th scope="col">Docker path</th>';
  if (grouping.kind === 'list') {
    if (grouping.rows.length === 0) return '<h2>Nodes</h2><p>No nodes were read.</p>';
    const rows = grouping.rows.map((r) => {
      const rules = findingsByNode.get(r.name) ?? [];
      return `<tr><td><code>${h(r.name)}</code> ${objectLink({ kind: 'Node', namespace: '', name: r.name }, 'YAML')}</td><td>${h(r.roles)}</td><td>${h(r.os)}</td><td><code>${h(r.runtime)}</code></td><td><code>${h(r.kubelet)}</code></td><td>${h(r.dockerPath)}</td><td>${rules.map((f) => `<span class="sev ${f.severity}">${h(f.rule)}</span>`).join(' ') || '—'}</td></tr>`;
    });
    return `<h2>Nodes (${h(formatCount(report.nodes.length))})</h2><div class="scroll"><table><thead><tr><th scope="col">Node</th>${head}<th scope="col">Findings</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
  }
  const rows = grouping.pools.map((p) => `<tr><td>${h(formatCount(p.count))} (e.g. ${p.sampleNames.map((n) => `<code>${h(n)}</code>`).join(', ')})</td><td>${h(p.row.roles)}</td><td>${h(p.row.os)}</td><td><code>${h(p.row.runtime)}</code></td><td><code>${h(p.row.kubelet)}</code></td><td>${h(p.row.dockerPath)}</td></tr>`);
  return `<h2>Nodes (${h(formatCount(report.nodes.length))} in ${h(formatCount(grouping.pools.length))} groups of identical nodes)</h2><div class="scroll"><table><thead><tr><th scope="col">Nodes</th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function findingsSection(findings: readonly Finding[], linkObjects: boolean): string {
  if (findings.length === 0) return '<h2>Findings</h2><p>No findings.</p>';
  const groups = groupBySeverity(findings);
  const out: string[] = ['<h2>Findings</h2>'];
  for (const severity of SEVERITIES) {
    const list = groups[severity];
    if (list.length === 0) continue;
    out.push(`<h3 class="sev-title ${severity}">${h(SEVERITY_TITLE[severity])} (${h(formatCount(list.length))})</h3>`);
    out.push(list.map((f) => findingCard(f, linkObjects ? objectLink(f.subject, 'Open YAML') : '')).join('\n'));
  }
  return out.join('\n');
}

function findingCard(f: Finding, action: string, where?: string): string {
  const rule = ruleInfo(f.rule);
  const docs = f.docs.map((url) => safeHttpsUrl(url)).filter((url): url is string => url !== null);
  return `<section class="finding ${f.severity}">
<h4><span class="sev ${f.severity}">${h(f.severity)}</span> <code>${h(f.rule)}</code>${rule ? ` ${h(rule.name)}` : ''}</h4>
<p class="subject"><code>${h(subjectLabel(f.subject))}</code> ${action}${where ?? ''}</p>
${f.path ? `<p>Field: <code>${h(truncate(f.path, FIELD_MAX))}</code></p>` : ''}
${f.containers?.length ? `<p>Containers: ${f.containers.map((c) => `<code>${h(c)}</code>`).join(', ')}</p>` : ''}
<p>${h(truncate(f.message, PROSE_MAX))}</p>
<p><strong>Fix:</strong> ${h(truncate(f.remediation, PROSE_MAX))}</p>
${docs.length ? `<ul class="docs">${docs.map((url) => `<li><a href="${h(url)}">${h(url)}</a></li>`).join('')}</ul>` : ''}
</section>`;
}

function objectLink(ref: Finding['subject'], text: string): string {
  return `<a href="${h(commandLink(INTERNAL_COMMANDS.openObject, [{ kind: ref.kind, namespace: ref.namespace, name: ref.name }]))}" title="Open a read-only copy of ${h(subjectLabel(ref))}">${h(text)}</a>`;
}

function coverageSection(report: ReadinessReport): string {
  const gaps = report.coverage.skipped;
  if (gaps.length === 0) return '<h2>Coverage</h2><p>Everything in scope was checked.</p>';
  return `<h2>Coverage: ${h(formatCount(gaps.length))} not checked</h2><ul>${gaps.map((g) => `<li><strong>${h(g.scope)}</strong>: ${h(truncate(g.reason, PROSE_MAX))}</li>`).join('')}</ul>`;
}

function noCluster(part: Extract<ClusterPart, { kind: 'none' }>, check: ReadinessCheck): string {
  const samples = part.offerSamples ? `<p><a class="button" href="${h(commandLink(COMMANDS.openSample))}">Open a sample cluster…</a></p>` : '';
  return `<h1>${h(pageTitle({ check, cluster: part }))}: <span class="verdict warn">${h(part.title)}</span></h1><p>${h(part.message)}</p><p>${h(part.advice)}</p>${samples}`;
}

function workspaceSection(workspace: ReportPageInput['workspace']): string {
  if (workspace === null) return '<h2>Workspace manifests</h2><p>No folder is open.</p>';
  if (!workspace.enabled) return '<h2>Workspace manifests</h2><p>Workspace scanning is off (setting <code>k8sAnatomy.workspaceScan.enabled</code>).</p>';
  const head = `<h2>Workspace manifests (${h(plural(workspace.files, 'YAML file'))} scanned)</h2>`;
  if (workspace.rows.length === 0) return `${head}<p>No findings in the workspace's Kubernetes manifests.</p>`;
  const cards = workspace.rows.map((row) => findingCard(
    row.finding,
    `<a href="${h(commandLink(INTERNAL_COMMANDS.revealFinding, [{ uri: row.uri, line: row.line }]))}">${h(row.label)}:${h(String(row.line))}</a>`,
  ));
  return `${head}<p>${h(summaryLine(workspace.rows.map((r) => r.finding)))}. They are also in the Problems panel.${workspace.truncated ? ' Only the first files were scanned.' : ''}</p>${cards.join('\n')}`;
}

/** The report pages' stylesheet (VS Code theme colours), shared with the fleet report. */
export const REPORT_STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); line-height: 1.45; }
main { max-width: 72rem; padding: 0 1rem 2rem; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid var(--vscode-panel-border, transparent); } h3 { font-size: 1.05em; } h4 { margin: 0 0 .3em; font-size: 1em; }
code { font-family: var(--vscode-editor-font-family); background: var(--vscode-textCodeBlock-background); padding: 0 .2em; border-radius: 3px; }
a { color: var(--vscode-textLink-foreground); } a:focus { outline: 1px solid var(--vscode-focusBorder); }
.toolbar { position: sticky; top: 0; padding: .6em 0; background: var(--vscode-editor-background); display: flex; gap: .5em; flex-wrap: wrap; }
.button { display: inline-block; padding: .25em .8em; text-decoration: none; color: var(--vscode-button-foreground); background: var(--vscode-button-background); border-radius: 2px; }
.button:hover { background: var(--vscode-button-hoverBackground); }
.button.secondary { color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); }
.verdict { padding: 0 .4em; border-radius: 3px; border: 2px solid; }
.verdict.ok { border-color: var(--vscode-testing-iconPassed, green); } .verdict.bad { border-color: var(--vscode-errorForeground, red); } .verdict.warn { border-color: var(--vscode-editorWarning-foreground, orange); }
table { border-collapse: collapse; margin: .5em 0; } .scroll { overflow-x: auto; } th, td { text-align: left; padding: .2em .6em; border-bottom: 1px solid var(--vscode-panel-border, rgba(128,128,128,.3)); vertical-align: top; }
.facts th { font-weight: normal; color: var(--vscode-descriptionForeground); }
.finding { border-left: 3px solid var(--vscode-panel-border, gray); padding: .3em .8em; margin: .7em 0; }
.finding.error { border-left-color: var(--vscode-errorForeground, red); } .finding.warning { border-left-color: var(--vscode-editorWarning-foreground, orange); } .finding.info { border-left-color: var(--vscode-editorInfo-foreground, blue); }
.sev { font-size: .85em; padding: 0 .3em; border: 1px solid; border-radius: 3px; }
.sev.error { color: var(--vscode-errorForeground); } .sev.warning { color: var(--vscode-editorWarning-foreground); } .sev.info { color: var(--vscode-editorInfo-foreground); }
.docs { margin: .2em 0; padding-left: 1.2em; }
footer { margin-top: 2em; color: var(--vscode-descriptionForeground); font-size: .9em; }
`;
