// The details pane: everything about the selected component — what it is (the knowledge base),
// what this cluster runs (the node's facts, its pool, its control-plane pods), the findings that
// touch it, and the official docs. With nothing selected it shows the readiness overview, each
// finding with a button that selects the component it marks.

import type { AnatomyNode, ControlPlaneComponentName, KnowledgeEntry, Pool } from '../src/core/model';
import type { PanelModel } from '../src/protocol/messages';
import { describeReady, describeVerdict, plural, summaryLine } from '../src/core/render/text';
import { h, keepingFocus, linkButton, replace, richText } from './dom';
import { componentOfFinding, findingCard, findingsOf, severityChip } from './findings';
import { gapItem } from './states';
import { field, formatCount, isHttpsLink, prose } from './format';
import { KIND_NAMES, LAYER_NAMES, severityOf } from './words';

export interface DetailsHooks {
  open(url: string): void;
  select(nodeId: string, reveal: boolean): void;
  /** The pane's Close button: clear the selection and return focus to the component. */
  close(): void;
}

/** Control-plane components behind each anatomy node kind, for its pod list. */
const COMPONENTS: Partial<Record<AnatomyNode['kind'], readonly ControlPlaneComponentName[]>> = {
  'api-server': ['kube-apiserver'],
  etcd: ['etcd'],
  scheduler: ['kube-scheduler'],
  'controller-manager': ['kube-controller-manager'],
  'cloud-controller-manager': ['cloud-controller-manager'],
  'ha-front': ['haproxy', 'keepalived', 'kube-vip', 'nginx-proxy'],
  'kube-proxy': ['kube-proxy'],
  dns: ['coredns', 'kube-dns'],
};

const MAX_FINDINGS_SHOWN = 50;
const MAX_PODS_SHOWN = 5;

/** The pool a stack node belongs to, as the core states it (`AnatomyNode.pool`). */
export function poolOf(model: PanelModel, node: AnatomyNode): Pool | undefined {
  return node.pool === undefined ? undefined : model.anatomy.pools.find((pool) => pool.id === node.pool);
}

/**
 * The knowledge entry explaining a component: `explain` is an entry key or one of its aliases
 * (the host sends the entries its lookup resolved; see the report for handler-prefix names).
 */
export function knowledgeOf(model: PanelModel, node: AnatomyNode): KnowledgeEntry | undefined {
  const term = node.explain.trim().toLowerCase();
  return model.knowledge.find((k) => k.key === term) ?? model.knowledge.find((k) => k.aliases.includes(term));
}

function factLabel(key: string): string {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[-_]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function definitionList(rows: readonly (readonly [string, string | Node])[]): HTMLElement {
  return h('dl', { class: 'facts' }, rows.flatMap(([k, v]) => [h('dt', { text: k }), h('dd', {}, [v])]));
}

function section(title: string, children: readonly (Node | null)[], key?: string): HTMLElement {
  return h('section', { class: 'details-section', attrs: { 'data-section': key } }, [h('h3', { text: title }), ...children]);
}

export class DetailsPane {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private renderedKey = '';

  constructor(private readonly hooks: DetailsHooks) {
    this.body = h('div', { class: 'details-body' });
    this.element = h('aside', { class: 'details', attrs: { 'aria-labelledby': 'details-heading' } }, [this.body]);
  }

  /** Re-render when the selection or the data it shows changed. */
  update(model: PanelModel, selected: string | null): void {
    const node = selected ? model.anatomy.nodes.find((n) => n.id === selected) : undefined;
    // A new model version is new data; otherwise only the selection decides.
    const key = `${model.version}|${node ? `node:${node.id}` : 'overview'}`;
    if (key === this.renderedKey) return;
    this.renderedKey = key;
    keepingFocus(this.body, () => {
      if (node) replace(this.body, ...this.component(model, node));
      else replace(this.body, ...this.overview(model));
    });
  }

  /** Move focus to the pane's heading (after a component was opened with the keyboard). */
  focusHeading(): void {
    this.body.querySelector<HTMLElement>('#details-heading')?.focus();
  }

  // --- a selected component -------------------------------------------------------------------

  private component(model: PanelModel, node: AnatomyNode): Node[] {
    const entry = knowledgeOf(model, node);
    const findings = findingsOf(model, node);
    const close = h('button', { class: 'icon-button', text: '×', attrs: { type: 'button', 'aria-label': 'Close details', title: 'Close details (Escape)', 'data-key': 'close' } });
    close.addEventListener('click', () => this.hooks.close());

    const head = h('header', { class: 'details-head' }, [
      h('div', { class: 'details-title' }, [
        h('h2', { text: field(node.label, 160), attrs: { id: 'details-heading', tabindex: -1 } }),
        close,
      ]),
      h('div', { class: 'chips' }, [
        h('span', { class: 'kind-chip', text: KIND_NAMES[node.kind] ?? 'component' }),
        node.severity ? severityChip(node.severity) : null,
        node.kind === 'dockershim' ? h('span', { class: 'removed-chip', text: 'removed in 1.24' }) : null,
      ]),
      node.detail ? h('p', { class: 'muted', text: field(node.detail, 200) }) : null,
    ]);

    return [
      head,
      this.blockers(model, node),
      entry ? this.knowledge(entry, model) : section('What it is', [h('p', { class: 'muted', text: 'There is no explanation for this component yet.' })]),
      this.liveFacts(model, node),
      section(findings.length ? `Findings here (${formatCount(findings.length)})` : 'Findings here', findings.length
        ? [h('div', { class: 'finding-list' }, findings.slice(0, MAX_FINDINGS_SHOWN).map((f) => findingCard(f, this.hooks.open))),
          findings.length > MAX_FINDINGS_SHOWN ? h('p', { class: 'muted', text: `${formatCount(findings.length - MAX_FINDINGS_SHOWN)} more in the readiness report.` }) : null]
        : [h('p', { class: 'muted', text: 'No readiness finding touches this component.' })], 'findings'),
      entry && entry.links.length > 0
        ? section('Official docs', [h('ul', { class: 'link-list' }, entry.links.filter((l) => isHttpsLink(l.url)).map((l) => h('li', {}, [linkButton(l.title, l.url, this.hooks.open)])))])
        : null,
    ].filter((n): n is HTMLElement => n !== null);
  }

  /** A pool's blockers at the judged target (core's Pool.blockers): each with its message and fix, worst first. */
  private blockers(model: PanelModel, node: AnatomyNode): HTMLElement | null {
    const pool = poolOf(model, node);
    const blockers = Array.isArray(pool?.blockers) ? pool.blockers : [];
    if (blockers.length === 0) return null;
    const target = model.report.target ? ` Kubernetes ${field(model.report.target, 20)}` : ' the target';
    const items = blockers.slice(0, 10).map((b) => {
      const finding = model.report.findings[b.finding];
      return h('li', { class: `blocker sev-${severityOf(b.severity)}` }, [
        severityChip(b.severity), ' ', h('strong', { text: field(b.label, 80) }),
        h('span', { class: 'muted', text: ` · ${plural(b.nodes, 'node')} · ` }), h('code', { text: field(b.rule, 80) }),
        finding ? h('p', { class: 'finding-message', text: prose(finding.message) }) : null,
        finding?.remediation ? h('p', { class: 'finding-fix' }, [h('strong', { text: 'Fix: ' }), prose(finding.remediation)]) : null,
      ]);
    });
    return section(`What blocks this pool at${target}`, [h('ul', { class: 'plain blockers' }, items)], 'blockers');
  }

  private knowledge(entry: KnowledgeEntry, model: PanelModel): HTMLElement {
    const related = entry.related
      .map((key) => model.knowledge.find((k) => k.key === key)?.title)
      .filter((t): t is string => t !== undefined);
    return section('What it is', [
      h('p', { class: 'entry-title', text: entry.title }),
      h('p', { class: 'meta' }, [
        h('span', { class: 'muted', text: 'Layer ' }), LAYER_NAMES[entry.layer] ?? entry.layer,
        h('span', { class: 'muted', text: ' · Status ' }), entry.status,
      ]),
      h('p', { class: 'summary' }, richText(entry.summary)),
      ...entry.body.map((paragraph) => h('p', {}, richText(paragraph))),
      related.length > 0 ? h('p', { class: 'muted', text: `Related: ${related.join(', ')}` }) : null,
    ], 'knowledge');
  }

  private liveFacts(model: PanelModel, node: AnatomyNode): HTMLElement {
    const rows: [string, string | Node][] = [];
    const pool = poolOf(model, node);
    if (pool) {
      rows.push(['Pool', `${plural(pool.nodeCount, 'node')} · ${pool.controlPlane ? 'control plane' : 'worker'} · ${field(pool.os)}`]);
      rows.push(['Runtime', field(pool.runtimeVersion ? `${pool.runtimeName} ${pool.runtimeVersion}` : pool.runtimeName)]);
      rows.push(['Kubelet', field(pool.kubeletVersion || 'unknown')]);
      if (pool.runtimeName === 'docker') rows.push(['Docker path', pool.dockerShim ?? 'not known']);
      const names = pool.sampleNodes.map((n) => field(n, 120)).join(', ');
      const more = pool.nodeCount - pool.sampleNodes.length;
      rows.push(['Nodes', `${names}${more > 0 ? ` and ${formatCount(more)} more` : ''}`]);
    }
    const components = COMPONENTS[node.kind];
    const pods = components ? model.report.controlPlane.filter((p) => components.includes(p.component)) : [];
    for (const [key, value] of Object.entries(node.facts ?? {})) {
      if (pool && (key === 'nodes' || key === 'os')) continue; // already shown with the pool
      if (pods.length > 0 && key === 'pods') continue; // listed below with node and readiness
      rows.push([factLabel(field(key, 60)), field(value, 600)]);
    }
    if (pods.length > 0) {
      const list = h('ul', { class: 'plain' }, pods.slice(0, MAX_PODS_SHOWN).map((p) => h('li', {}, [
        h('code', { text: field(`${p.namespace}/${p.name}`, 200) }),
        ` on ${p.node ? field(p.node, 120) : 'an unknown node'} · ready: ${describeReady(p.ready)}`,
      ])));
      if (pods.length > MAX_PODS_SHOWN) list.append(h('li', { class: 'muted', text: `and ${formatCount(pods.length - MAX_PODS_SHOWN)} more` }));
      rows.push([`Pods (${formatCount(pods.length)})`, list]);
    }
    if (rows.length === 0) return section('In this cluster', [h('p', { class: 'muted', text: 'No live facts for this component.' })], 'facts');
    return section('In this cluster', [definitionList(rows)], 'facts');
  }

  // --- nothing selected -----------------------------------------------------------------------

  private overview(model: PanelModel): Node[] {
    const report = model.report;
    const labelOf = (id: string) => model.anatomy.nodes.find((n) => n.id === id)?.label ?? id;

    const cards = report.findings.slice(0, MAX_FINDINGS_SHOWN).map((f, i) => {
      const nodeId = componentOfFinding(model, i);
      const show = nodeId ? h('button', { class: 'link-button', text: `Show ${field(labelOf(nodeId), 80)}`, attrs: { type: 'button', 'data-key': `show-${i}` } }) : null;
      show?.addEventListener('click', () => this.hooks.select(nodeId as string, true));
      return findingCard(f, this.hooks.open, show ? [show] : []);
    });

    return [
      h('header', { class: 'details-head' }, [h('h2', { text: 'Details', attrs: { id: 'details-heading', tabindex: -1 } })]),
      h('p', { class: 'muted', text: 'Select a component on the diagram — click it, or Tab to it and press Enter — to see what it is, what this cluster runs there, and the findings that touch it.' }),
      section(report.families && report.families.length === 1 && report.families[0] === 'dockershim' ? 'Dockershim readiness' : `Upgrade readiness${report.target ? ` for Kubernetes ${field(report.target, 20)}` : ''}`, [
        h('p', { class: `verdict-line is-${report.verdict}` }, [h('strong', { text: describeVerdict(report.verdict) }), ` · ${summaryLine(report.findings)}`]),
        report.target ? h('p', { class: 'muted', text: `Judged for Kubernetes ${field(report.target, 20)}.` }) : null,
        ...(cards.length ? [h('div', { class: 'finding-list' }, cards)] : [h('p', { class: 'muted', text: 'No findings.' })]),
        report.findings.length > MAX_FINDINGS_SHOWN ? h('p', { class: 'muted', text: `${formatCount(report.findings.length - MAX_FINDINGS_SHOWN)} more: use Check Readiness for the full report.` }) : null,
      ], 'readiness'),
      model.coverage.length > 0 ? section('Not checked', [h('ul', { class: 'plain' }, model.coverage.slice(0, 20).map(gapItem))]) : null,
    ].filter((n): n is HTMLElement => n !== null);
  }
}
