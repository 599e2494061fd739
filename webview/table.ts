// The table view: the same anatomy as text, for screen readers and for people who prefer it.
// Cluster facts, the control plane with its hosting, node pools with their runtime stacks, add-ons,
// RuntimeClasses, findings and the scopes that could not be checked. Every component is a button
// that opens the same details pane as the diagram. Sized by pools, never by nodes.

import type { AnatomyGroupKind, AnatomyNode, Finding } from '../src/core/model';
import type { PanelModel } from '../src/protocol/messages';
import { describeDistribution, describeHa, describeHosting, describeVerdict, plural, reportTitle, summaryLine } from '../src/core/render/text';
import { h, keepingFocus, replace, type Child } from './dom';
import { componentOfFinding, severityChip, subjectText } from './findings';
import { gapItem } from './states';
import { field, formatCount, prose } from './format';
import { KIND_NAMES } from './words';

export interface TableHooks {
  select(nodeId: string): void;
}

const MAX_FINDING_ROWS = 500;

/** A data table; the first cell of each row is its row header. `tight` columns never wrap. */
function table(caption: string, headings: readonly string[], rows: readonly (readonly Child[])[], tight: readonly number[] = []): HTMLElement {
  const cls = (i: number) => (tight.includes(i) ? 'tight' : undefined);
  return h('table', { class: 'data' }, [
    h('caption', { class: 'visually-hidden', text: caption }),
    h('thead', {}, [h('tr', {}, headings.map((t, i) => h('th', { text: t, class: cls(i), attrs: { scope: 'col' } })))]),
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((c, i) => (i === 0
      ? h('th', { class: cls(i), attrs: { scope: 'row' } }, [c])
      : h('td', { class: cls(i) }, [c])))))),
  ]);
}

function section(id: string, title: string, children: readonly Child[]): HTMLElement {
  return h('section', { class: 'table-section', attrs: { 'aria-labelledby': `tbl-${id}` } }, [h('h2', { text: title, attrs: { id: `tbl-${id}` } }), ...children]);
}

/** The nodes of a list of anatomy ids (a group's or a pool's members), in that order. */
function nodesOf(nodes: readonly AnatomyNode[], ids: unknown): AnatomyNode[] {
  if (!Array.isArray(ids)) return [];
  const byId = new Map(nodes.map((n) => [n.id, n]));
  return ids.map((id) => byId.get(String(id))).filter((n): n is AnatomyNode => n !== undefined);
}

export class TableView {
  readonly element: HTMLElement;
  private renderedVersion: number | null = null;
  private pending: PanelModel | null = null;

  constructor(private readonly hooks: TableHooks) {
    this.element = h('div', { class: 'table-view', attrs: { role: 'region', 'aria-label': 'Cluster anatomy as tables' } });
  }

  update(model: PanelModel): void {
    if (model.version === this.renderedVersion) return; // the same data: nothing to redraw
    // Hidden (the diagram is shown): draw when it is shown, so a busy cluster's stream of models
    // does not rebuild hundreds of finding rows nobody sees.
    if (this.element.hidden) {
      this.pending = model;
      return;
    }
    this.render(model);
  }

  /** The table became visible: draw the model that arrived while it was hidden. */
  shown(): void {
    const model = this.pending;
    this.pending = null;
    if (model && model.version !== this.renderedVersion) this.render(model);
  }

  private render(model: PanelModel): void {
    this.pending = null;
    this.renderedVersion = model.version;
    keepingFocus(this.element, () => replace(this.element, ...this.sections(model)));
  }

  private componentButton(node: AnatomyNode): HTMLElement {
    const button = h('button', {
      class: `link-button component${node.severity ? ` sev-${node.severity}` : ''}`,
      attrs: { type: 'button', 'data-key': `node-${node.id}`, 'aria-label': `${field(node.label, 120)}: details` },
    }, [field(node.label, 120)]);
    button.addEventListener('click', () => this.hooks.select(node.id));
    return button;
  }

  private marked(node: AnatomyNode): Child {
    return node.severity ? severityChip(node.severity) : h('span', { class: 'muted', text: '—' });
  }

  private sections(model: PanelModel): HTMLElement[] {
    const { anatomy, report } = model;
    const nodes = anatomy.nodes;
    const inGroup = (kind: AnatomyGroupKind) => nodesOf(nodes, anatomy.groups.find((g) => g.kind === kind)?.members);
    const nodeCount = anatomy.pools.reduce((sum, p) => sum + (Number.isFinite(p.nodeCount) ? p.nodeCount : 0), 0);
    const out: HTMLElement[] = [];

    out.push(section('cluster', 'Cluster', [h('dl', { class: 'facts' }, [
      h('dt', { text: 'Server version' }), h('dd', { text: field(anatomy.cluster.serverVersion ?? 'not known') }),
      h('dt', { text: 'Distribution' }), h('dd', { text: describeDistribution(anatomy.cluster.distribution) }),
      h('dt', { text: 'Control plane' }), h('dd', { text: describeHosting(anatomy.cluster.controlPlane) }),
      h('dt', { text: 'Highly available' }), h('dd', { text: describeHa(anatomy.cluster.ha) }),
      h('dt', { text: 'Nodes' }), h('dd', { text: `${plural(nodeCount, 'node')} in ${plural(anatomy.pools.length, 'pool')}` }),
      h('dt', { text: field(reportTitle(report), 60) }), h('dd', { text: `${describeVerdict(report.verdict)} · ${summaryLine(report.findings)}${report.target ? ` · judged for Kubernetes ${field(report.target, 20)}` : ''}` }),
    ])]));

    const cp = inGroup('control-plane');
    out.push(section('cp', 'Control plane', [
      h('p', { class: 'muted', text: `Hosting: ${describeHosting(anatomy.cluster.controlPlane)}. Highly available: ${describeHa(anatomy.cluster.ha)}.` }),
      cp.length
        ? table('Control-plane components', ['Component', 'What it is', 'Seen as', 'Hosting', 'Marked'], cp.map((n) => [
          this.componentButton(n), KIND_NAMES[n.kind] ?? '', field(n.detail ?? '—'), field(n.facts?.['hosting'] ?? '—'), this.marked(n),
        ]))
        : h('p', { class: 'muted', text: 'No control-plane component was seen.' }),
    ]));

    out.push(section('pools', 'Node pools', [
      h('p', { class: 'muted', text: 'Nodes alike in role, OS, runtime, runtime version and kubelet version form a pool; each pool is drawn once with its runtime stack.' }),
      anatomy.pools.length
        ? table('Node pools', ['Nodes', 'Role', 'OS', 'Runtime', 'Kubelet', 'Docker path', 'Runtime stack', 'For example', `Blocks ${report.target ? `Kubernetes ${field(report.target, 20)}` : 'the target'}`], anatomy.pools.map((pool) => {
          const stack = nodesOf(nodes, pool.members);
          const blockers = Array.isArray(pool.blockers) ? pool.blockers : [];
          const more = pool.nodeCount - pool.sampleNodes.length;
          return [
            formatCount(pool.nodeCount),
            pool.controlPlane ? 'control plane' : 'worker',
            field(pool.os),
            h('code', { text: field(pool.runtimeVersion ? `${pool.runtimeName} ${pool.runtimeVersion}` : pool.runtimeName) }),
            h('code', { text: field(pool.kubeletVersion || 'unknown') }),
            pool.runtimeName === 'docker' ? (pool.dockerShim ?? 'not known') : '—',
            stack.length
              ? h('ol', { class: 'stack', attrs: { 'aria-label': 'from the kubelet down to the OCI runtime' } }, stack.map((n) => h('li', {}, [this.componentButton(n)])))
              : h('span', { class: 'muted', text: 'not drawn (too many pools)' }),
            `${pool.sampleNodes.map((n) => field(n, 80)).join(', ')}${more > 0 ? ` and ${formatCount(more)} more` : ''}`,
            blockers.length
              ? h('span', {}, blockers.slice(0, 10).flatMap((b, i) => [i > 0 ? ', ' : '', severityChip(b.severity), ` ${field(b.label, 80)}`]))
              : '—',
          ];
        }), [0, 1, 2, 5])
        : h('p', { class: 'muted', text: 'No nodes were read.' }),
    ]));

    const addons = inGroup('addons');
    if (addons.length) {
      out.push(section('addons', 'Cluster add-ons', [table('Cluster add-ons', ['Component', 'What it is', 'Seen as', 'Marked'], addons.map((n) => [
        this.componentButton(n), KIND_NAMES[n.kind] ?? '', field(n.detail ?? '—'), this.marked(n),
      ]))]));
    }

    const classes = inGroup('runtime-classes');
    if (classes.length) {
      out.push(section('rc', 'RuntimeClasses', [table('RuntimeClasses', ['RuntimeClass → handler', 'Use', 'Evidence'], classes.map((n) => [
        this.componentButton(n), field(n.detail ?? '—'), field(n.facts?.['evidence'] ?? '—', 400),
      ]))]));
    }

    out.push(section('findings', `Findings (${formatCount(report.findings.length)})`, [
      report.findings.length
        ? table('Readiness findings', ['Severity', 'Rule', 'Object', 'Field', 'What and how to fix', 'Component'], report.findings.slice(0, MAX_FINDING_ROWS).map((f, i) => this.findingRow(model, f, i)), [0])
        : h('p', { class: 'muted', text: 'No findings.' }),
      report.findings.length > MAX_FINDING_ROWS ? h('p', { class: 'muted', text: `${formatCount(report.findings.length - MAX_FINDING_ROWS)} more: use Check Readiness for the full report.` }) : null,
    ]));

    if (model.coverage.length) {
      out.push(section('gaps', 'Not checked', [h('ul', { class: 'plain' }, model.coverage.map(gapItem))]));
    }
    return out;
  }

  private findingRow(model: PanelModel, f: Finding, index: number): Child[] {
    const nodeId = componentOfFinding(model, index);
    const node = nodeId ? model.anatomy.nodes.find((n) => n.id === nodeId) : undefined;
    return [
      severityChip(f.severity),
      h('code', { text: field(f.rule, 80) }),
      h('code', { text: subjectText(f) }),
      h('code', { text: field(f.path, 300) }),
      h('div', {}, [h('p', { text: prose(f.message) }), f.remediation ? h('p', { class: 'muted' }, [h('strong', { text: 'Fix: ' }), prose(f.remediation)]) : null]),
      node ? this.componentButton(node) : h('span', { class: 'muted', text: '—' }),
    ];
  }
}
