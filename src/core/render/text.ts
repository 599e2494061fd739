// The readiness report for a terminal: `k8s-anatomy check --output text`.
// Header (verdict and cluster facts), nodes (grouped into pools past NODE_LIST_LIMIT), control
// plane, findings by severity, coverage gaps, and a one-line summary.
//
// Every string that comes from the report passes through `field` or `prose` (truncate, then
// escapeTerminal) before it is printed, so the only escape sequences in the output are the SGR
// colour codes below, and only when `color` is on.
//
// The wording helpers at the end (verdict, hosting, HA, subjects, counts, node grouping) are shared
// with the Markdown and HTML renderers so the three say the same thing.

import type {
  ClusterFacts, ControlPlaneHosting, CoverageGap, Distribution, Finding, NodeReport, ObjectRef, ReadinessReport,
  ReportSource, Severity, Verdict,
} from '../model';
import { escapeTerminal, truncate } from '../escape';

export interface TextOptions {
  readonly color: boolean;
  /** Terminal width for wrapping prose (default 100, clamped to 40–400). Tables are never cut. */
  readonly width?: number;
}

/** Cap for one identifier-like value (a name, a version, a path, a table cell). */
export const FIELD_MAX = 200;
/** Cap for one message or remediation. */
export const PROSE_MAX = 2000;
/** Up to this many nodes are listed one per line; more are grouped into pools with counts. */
export const NODE_LIST_LIMIT = 40;

export const SGR = {
  reset: '\x1b[0m',
  bold: '\x1b[1m',
  dim: '\x1b[2m',
  red: '\x1b[31m',
  green: '\x1b[32m',
  yellow: '\x1b[33m',
  cyan: '\x1b[36m',
} as const;

export const VERDICT_COLOR: Readonly<Record<Verdict, string>> = { ready: SGR.green, 'not-ready': SGR.red, unknown: SGR.yellow };
const SEVERITY_COLOR: Readonly<Record<Severity, string>> = { error: SGR.red, warning: SGR.yellow, info: SGR.cyan };
const SEVERITY_HEADING: Readonly<Record<Severity, string>> = { error: 'Errors', warning: 'Warnings', info: 'Info' };

export function renderText(report: ReadinessReport, options: TextOptions): string {
  const color = options.color === true;
  const paint = (codes: string, s: string): string => (color ? `${codes}${s}${SGR.reset}` : s);
  const out: string[] = [];
  const heading = (title: string) => {
    out.push('', paint(SGR.bold, title));
  };

  // --- header ---------------------------------------------------------------------------------
  out.push(paint(SGR.bold, `K8s Anatomy · ${field(reportTitle(report))}`), '');
  const facts: [string, string][] = [
    ['Verdict', paint(SGR.bold + VERDICT_COLOR[verdictOf(report.verdict)], describeVerdict(report.verdict).toUpperCase())],
  ];
  if (report.source) facts.push(['Source', prose(describeSource(report.source))]);
  if (report.target) facts.push(['Judged for', prose(describeTarget(report))]);
  if (report.families) facts.push(['Rules', field(describeFamilies(report.families))]);
  facts.push(...clusterFacts(report.cluster).map(([k, v]): [string, string] => [k, field(v)]));
  const labelWidth = Math.max(...facts.map(([k]) => k.length));
  for (const [k, v] of facts) out.push(`  ${k.padEnd(labelWidth)}  ${v}`);

  // --- nodes ----------------------------------------------------------------------------------
  const grouping = groupNodeRows(report.nodes);
  if (grouping.kind === 'list') {
    heading(`Nodes (${formatCount(report.nodes.length)})`);
    if (grouping.rows.length === 0) out.push('  No nodes were read.');
    else {
      out.push(...table(
        ['NAME', 'ROLES', 'OS', 'RUNTIME', 'KUBELET', 'DOCKER PATH'],
        grouping.rows.map((r) => [field(r.name), field(r.roles), field(r.os), field(r.runtime), field(r.kubelet), field(r.dockerPath)]),
        (s) => paint(SGR.bold, s),
      ));
    }
  } else {
    heading(`Nodes (${formatCount(report.nodes.length)} in ${formatCount(grouping.pools.length)} groups of identical nodes)`);
    out.push(...table(
      ['COUNT', 'ROLES', 'OS', 'RUNTIME', 'KUBELET', 'DOCKER PATH', 'FOR EXAMPLE'],
      grouping.pools.map((p) => [
        formatCount(p.count), field(p.row.roles), field(p.row.os), field(p.row.runtime), field(p.row.kubelet),
        field(p.row.dockerPath), field(sampleList(p.sampleNames, p.count)),
      ]),
      (s) => paint(SGR.bold, s),
    ));
  }

  // --- control plane --------------------------------------------------------------------------
  if (report.controlPlane.length > 0) {
    heading(`Control plane (${plural(report.controlPlane.length, 'pod')})`);
    out.push(...table(
      ['COMPONENT', 'POD', 'NODE', 'READY'],
      report.controlPlane.map((c) => [field(c.component), field(podName(c.namespace, c.name)), field(c.node ?? '-'), describeReady(c.ready)]),
      (s) => paint(SGR.bold, s),
    ));
  }

  // --- findings -------------------------------------------------------------------------------
  heading(`Findings (${summaryLine(report.findings)})`);
  out.push(...textFindings(report.findings, options));

  // --- coverage -------------------------------------------------------------------------------
  const gaps = report.coverage.skipped;
  heading(gaps.length > 0 ? `Not checked (${formatCount(gaps.length)})` : 'Coverage');
  if (gaps.length === 0) out.push('  Everything in scope was read.');
  out.push(...textGaps(gaps, options));

  // --- summary --------------------------------------------------------------------------------
  out.push('', `${paint(SGR.bold + VERDICT_COLOR[verdictOf(report.verdict)], describeVerdict(report.verdict))}: ${summaryLine(report.findings)}${gaps.length > 0 ? `, ${formatCount(gaps.length)} not checked` : ''}`);
  return `${out.join('\n')}\n`;
}

/**
 * The findings grouped by severity, each with its field, message, fix and docs: the body of the
 * report's Findings section (the fleet report prints it for each cluster that is not ready).
 */
export function textFindings(findings: readonly Finding[], options: TextOptions): string[] {
  const color = options.color === true;
  const width = clampWidth(options.width);
  const paint = (codes: string, s: string): string => (color ? `${codes}${s}${SGR.reset}` : s);
  const out: string[] = [];
  const bySeverity = groupBySeverity(findings);
  if (findings.length === 0) out.push('  No findings.');
  for (const severity of SEVERITIES) {
    const list = bySeverity[severity];
    if (list.length === 0) continue;
    out.push('', `  ${paint(SGR.bold + SEVERITY_COLOR[severity], `${SEVERITY_HEADING[severity]} (${formatCount(list.length)})`)}`);
    for (const f of list) {
      out.push('', `  ${paint(SEVERITY_COLOR[severity], `[${severity}]`)} ${paint(SGR.bold, field(f.rule))}  ${field(subjectLabel(f.subject))}`);
      const indent = '      ';
      out.push(`${indent}Field: ${field(f.path)}`);
      if (f.location) out.push(`${indent}File: ${field(`${f.location.file}:${f.location.line}`)}`);
      if (f.containers && f.containers.length > 0) out.push(`${indent}Containers: ${field(f.containers.join(', '))}`);
      if (f.feature) out.push(`${indent}Feature: ${field(f.feature)}`);
      out.push(...wrap(prose(f.message), width, indent));
      out.push(...wrap(`Fix: ${prose(f.remediation)}`, width, indent, `${indent}     `));
      f.docs.forEach((url, i) => out.push(`${indent}${i === 0 ? 'Docs: ' : '      '}${field(url)}`));
    }
  }
  return out;
}

/** The coverage gaps, one `- scope: reason` each, wrapped. */
export function textGaps(gaps: readonly CoverageGap[], options: Pick<TextOptions, 'width'>): string[] {
  const width = clampWidth(options.width);
  return gaps.flatMap((gap) => wrap(`- ${field(gap.scope)}: ${prose(gap.reason)}`, width, '  ', '    '));
}

/** An identifier-like value from the cluster: capped, then made terminal-safe. */
export function field(value: string): string {
  return escapeTerminal(truncate(value, FIELD_MAX));
}

/** A message or remediation (ours, with cluster names inside): capped, then made terminal-safe. */
export function prose(value: string): string {
  return escapeTerminal(truncate(value, PROSE_MAX));
}

export function clampWidth(width: number | undefined): number {
  if (typeof width !== 'number' || !Number.isFinite(width)) return 100;
  return Math.min(400, Math.max(40, Math.floor(width)));
}

/** Left-aligned columns two spaces apart; cells are already safe. Trailing spaces trimmed. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], styleHeader: (s: string) => string): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => `  ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd();
  return [styleHeader(line(header)), ...rows.map(line)];
}

/** Word-wrap one paragraph (already escaped: no newlines inside) at `width` columns. */
export function wrap(paragraph: string, width: number, indent: string, continuation = indent): string[] {
  const lines: string[] = [];
  let current = indent;
  let empty = true;
  for (const word of paragraph.split(' ')) {
    if (word === '') continue;
    const prefix = empty ? '' : ' ';
    if (!empty && current.length + prefix.length + word.length > width) {
      lines.push(current);
      current = continuation + word;
    } else {
      current += prefix + word;
    }
    empty = false;
  }
  lines.push(current);
  return lines;
}

function sampleList(names: readonly string[], count: number): string {
  const shown = names.join(', ');
  return count > names.length ? `${shown}, …` : shown;
}

// ---------------------------------------------------------------------------------------------
// Shared wording (text, Markdown and HTML renderers). Results are plain, UNESCAPED strings that
// may contain cluster data: every caller escapes them for its own output.

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/**
 * What the report judged: "Upgrade readiness for Kubernetes 1.36" when more than the dockershim
 * family ran, "Dockershim readiness" when only it did (and for reports written before families).
 */
export function reportTitle(report: Pick<ReadinessReport, 'families' | 'target'>): string {
  const families = Array.isArray(report.families) ? report.families : ['dockershim'];
  const dockershimOnly = families.length === 1 && families[0] === 'dockershim';
  if (dockershimOnly || !report.target) return 'Dockershim readiness';
  return `Upgrade readiness for Kubernetes ${report.target}`;
}

/** `Kubernetes 1.36 (next minor after the server's v1.35.2)`. */
export function describeTarget(report: Pick<ReadinessReport, 'target' | 'targetReason'>): string {
  return `Kubernetes ${report.target ?? '?'}${report.targetReason ? ` (${report.targetReason})` : ''}`;
}

/** `dockershim, runtime, cgroup, kubelet, features`. */
export function describeFamilies(families: readonly string[]): string {
  return families.length > 0 ? families.join(', ') : 'none';
}

/** A report read back from JSON may carry anything; unknown verdicts read as `unknown`. */
function verdictOf(v: unknown): Verdict {
  return v === 'ready' || v === 'not-ready' ? v : 'unknown';
}

export function describeVerdict(v: Verdict): string {
  const known = verdictOf(v);
  return known === 'not-ready' ? 'not ready' : known;
}

const DISTRIBUTION_TEXT: Readonly<Record<Distribution, string>> = {
  kubeadm: 'kubeadm', eks: 'Amazon EKS', gke: 'Google GKE', aks: 'Azure AKS', openshift: 'OpenShift',
  k3s: 'k3s', rke2: 'RKE2', rke1: 'RKE1', k0s: 'k0s', kind: 'kind', minikube: 'minikube', microk8s: 'MicroK8s',
  talos: 'Talos Linux', 'docker-desktop': 'Docker Desktop', generic: 'generic (not recognised)',
};

export function describeDistribution(d: Distribution): string {
  return Object.hasOwn(DISTRIBUTION_TEXT, d) ? DISTRIBUTION_TEXT[d] : String(d);
}

const HOSTING_TEXT: Readonly<Record<ControlPlaneHosting, string>> = {
  'static-pods': 'static pods on the control-plane nodes',
  embedded: 'embedded in the distribution\'s server process',
  managed: 'managed by the provider',
  containers: 'plain containers outside Kubernetes',
  unknown: 'not visible',
};

export function describeHosting(h: ControlPlaneHosting): string {
  return Object.hasOwn(HOSTING_TEXT, h) ? HOSTING_TEXT[h] : String(h);
}

export function describeHa(ha: boolean | null): string {
  return ha === true ? 'yes' : ha === false ? 'no (single control plane)' : 'managed by the provider / not visible';
}

export function describeReady(ready: boolean | null): string {
  return ready === true ? 'yes' : ready === false ? 'no' : '?';
}

/** Label → value rows for the cluster facts, in display order. */
export function clusterFacts(cluster: ClusterFacts): [string, string][] {
  return [
    ['Server', cluster.serverVersion ?? 'not known'],
    ['Distribution', describeDistribution(cluster.distribution)],
    ['Control plane', describeHosting(cluster.controlPlane)],
    ['HA', describeHa(cluster.ha)],
  ];
}

export function describeSource(source: ReportSource): string {
  switch (source.kind) {
    case 'cluster': return `cluster, context ${source.context} at ${source.server}`;
    case 'sample': return `built-in sample ${source.name}`;
    case 'dump': {
      const files = source.files;
      const shown = files.slice(0, 5).join(', ');
      return `${files.length === 1 ? 'dump' : `${formatCount(files.length)} dump files`} ${shown}${files.length > 5 ? ', …' : ''}`;
    }
    default: return 'not recorded';
  }
}

/** `Deployment/ci/ci-runner`, or `Node/win-worker-1` for cluster-scoped objects. */
export function subjectLabel(ref: ObjectRef): string {
  return ref.namespace ? `${ref.kind}/${ref.namespace}/${ref.name}` : `${ref.kind}/${ref.name}`;
}

function podName(namespace: string, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export function runtimeLabel(runtime: NodeReport['runtime']): string {
  if (runtime.version) return `${runtime.name} ${runtime.version}`;
  return runtime.raw || runtime.name || 'unknown';
}

export function describeDockerPath(shim: NodeReport['dockerShim']): string {
  return shim ?? '-';
}

export type SeverityGroups = Readonly<Record<Severity, readonly Finding[]>>;

export function groupBySeverity(findings: readonly Finding[]): SeverityGroups {
  const groups: Record<Severity, Finding[]> = { error: [], warning: [], info: [] };
  for (const f of findings) (groups[f.severity] ?? groups.warning).push(f);
  return groups;
}

/** `3 errors, 1 warning, 2 info`. */
export function summaryLine(findings: readonly Finding[]): string {
  const g = groupBySeverity(findings);
  return `${plural(g.error.length, 'error')}, ${plural(g.warning.length, 'warning')}, ${formatCount(g.info.length)} info`;
}

export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `1 node`, `0 nodes`, `1,200 nodes`: the one plural of every surface (core, CLI, editor, panel). */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

/** One node as the columns the renderers show (unescaped). */
export interface NodeRow {
  readonly name: string;
  readonly roles: string;
  readonly os: string;
  readonly runtime: string;
  readonly kubelet: string;
  readonly dockerPath: string;
}

export interface NodePoolRow {
  readonly row: Omit<NodeRow, 'name'>;
  readonly count: number;
  /** The first few node names, in report order. */
  readonly sampleNames: readonly string[];
}

export type NodeGrouping =
  | { readonly kind: 'list'; readonly rows: readonly NodeRow[] }
  | { readonly kind: 'pools'; readonly pools: readonly NodePoolRow[] };

export function nodeRow(n: NodeReport): NodeRow {
  return {
    name: n.name,
    roles: n.roles.length > 0 ? n.roles.join(',') : '<none>',
    os: n.os,
    runtime: runtimeLabel(n.runtime),
    kubelet: n.kubeletVersion,
    dockerPath: describeDockerPath(n.dockerShim),
  };
}

/**
 * Up to `limit` nodes: one row each. More: identical rows (everything but the name) merged into
 * pools, largest first, so thousands of nodes print as a handful of lines.
 */
export function groupNodeRows(nodes: readonly NodeReport[], limit = NODE_LIST_LIMIT): NodeGrouping {
  const rows = nodes.map(nodeRow);
  if (rows.length <= limit) return { kind: 'list', rows };
  const pools = new Map<string, { row: Omit<NodeRow, 'name'>; count: number; sampleNames: string[]; first: number }>();
  rows.forEach(({ name, ...rest }, i) => {
    const key = JSON.stringify([rest.roles, rest.os, rest.runtime, rest.kubelet, rest.dockerPath]);
    let pool = pools.get(key);
    if (!pool) {
      pool = { row: rest, count: 0, sampleNames: [], first: i };
      pools.set(key, pool);
    }
    pool.count++;
    if (pool.sampleNames.length < 3) pool.sampleNames.push(name);
  });
  return {
    kind: 'pools',
    pools: [...pools.values()]
      .sort((a, b) => b.count - a.count || a.first - b.first)
      .map(({ row, count, sampleNames }) => ({ row, count, sampleNames })),
  };
}
