// What Export Topology and Export Readiness Report write, per format. Pure: a diagnosis in, the
// file's text out (the HTML page needs mermaid's script text and a nonce from the caller).

import type { Diagnosis } from '../../core/diagnose';
import type { ReadinessReport } from '../../core/model';
import { anatomyToMermaid } from '../../core/mermaid';
import { KNOWLEDGE } from '../../core/knowledge';
import { escapeMarkdownText, markdownCode } from '../../core/escape';
import { renderTopologyPage } from '../../core/render/html';
import { clusterFacts, describeSource, plural } from '../../core/render/text';
import type { FleetReport } from '../../core/fleet';
import { renderFleetDocument } from '../../core/render/fleet';
import { renderReportDocument } from '../../core/render/document';

export type TopologyFormat = 'svg' | 'markdown' | 'html';
export type ReportFormat = 'markdown' | 'json' | 'sarif';

export const TOPOLOGY_FORMATS: readonly { readonly format: TopologyFormat; readonly label: string; readonly detail: string; readonly extension: string }[] = [
  { format: 'svg', label: 'SVG image', detail: 'The diagram as the panel draws it (needs the panel open).', extension: 'svg' },
  { format: 'markdown', label: 'Markdown', detail: 'The mermaid source in a ```mermaid block, with the cluster facts; renders on GitHub and in VS Code.', extension: 'md' },
  { format: 'html', label: 'HTML page', detail: 'One self-contained page with the diagram, the pools, findings and explanations; works offline.', extension: 'html' },
];

export const REPORT_FORMATS: readonly { readonly format: ReportFormat; readonly label: string; readonly detail: string; readonly extension: string }[] = [
  { format: 'markdown', label: 'Markdown', detail: 'For tickets, PR comments and job summaries.', extension: 'md' },
  { format: 'json', label: 'JSON', detail: 'The `check --output json` document (schemaVersion 1).', extension: 'json' },
  { format: 'sarif', label: 'SARIF', detail: 'SARIF 2.1.0, for code-scanning tools.', extension: 'sarif' },
];

export function isTopologyFormat(value: unknown): value is TopologyFormat {
  return TOPOLOGY_FORMATS.some((f) => f.format === value);
}

export function isReportFormat(value: unknown): value is ReportFormat {
  return REPORT_FORMATS.some((f) => f.format === value);
}

export function titleOf(report: ReadinessReport): string {
  return report.source ? describeSource(report.source) : 'cluster';
}

export function topologyMarkdown(diagnosis: Pick<Diagnosis, 'anatomy' | 'report'>, generatedAt: string): string {
  const lines = [
    `# K8s Anatomy: ${escapeMarkdownText(titleOf(diagnosis.report))}`,
    '',
    ...clusterFacts(diagnosis.anatomy.cluster).map(([label, value]) => `- ${label}: ${label === 'Server' && diagnosis.anatomy.cluster.serverVersion ? markdownCode(value) : escapeMarkdownText(value)}`),
    `- Nodes: ${diagnosis.report.nodes.length} in ${plural(diagnosis.anatomy.pools.length, 'pool')}`,
    `- Generated: ${escapeMarkdownText(generatedAt)}`,
    '',
    '```mermaid',
    anatomyToMermaid(diagnosis.anatomy),
    '```',
    '',
  ];
  return lines.join('\n');
}

export function topologyHtml(diagnosis: Pick<Diagnosis, 'anatomy' | 'report'>, input: { mermaidScript: string; nonce: string; generatedAt: string }): string {
  return renderTopologyPage({
    title: `K8s Anatomy — ${titleOf(diagnosis.report)}`,
    mermaidSource: anatomyToMermaid(diagnosis.anatomy),
    anatomy: diagnosis.anatomy,
    report: diagnosis.report,
    knowledge: KNOWLEDGE,
    mermaidScript: input.mermaidScript,
    nonce: input.nonce,
    generatedAt: input.generatedAt,
  });
}

/** The report as `check --output` writes it (core's renderReportDocument). */
export function reportText(report: ReadinessReport, format: ReportFormat): string {
  return renderReportDocument(report, format);
}

/** The fleet report as `check --all-contexts --output` writes it (core's renderFleetDocument). */
export function fleetText(fleet: FleetReport, format: ReportFormat): string {
  return renderFleetDocument(fleet, format);
}
