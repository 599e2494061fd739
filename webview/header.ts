// The panel header: where the data comes from (context or sample), the cluster's facts, the
// readiness verdict, how fresh the data is (re-worded every 30 s) and whether it is live; then the
// toolbar. Built once; `update` only changes text, so focus on a toolbar button survives updates.

import type { WebviewUiState } from '../src/protocol/messages';
import type { PanelModel } from '../src/protocol/messages';
import { describeDistribution, describeHa, describeHosting, describeVerdict, summaryLine } from '../src/core/render/text';
import { actionButton, custom, h } from './dom';
import { field, relativeTime } from './format';

export interface HeaderHooks {
  refresh(): void;
  checkReadiness(): void;
  exportTopology(): void;
  switchContext(): void;
  /** Judge for another target (the host validates it). */
  setTarget(target: string): void;
  setView(view: WebviewUiState['view']): void;
}

export class Header {
  readonly element: HTMLElement;
  private readonly sourceKind: HTMLElement;
  private readonly title: HTMLElement;
  private readonly verdict: HTMLElement;
  private readonly live: HTMLElement;
  private readonly updated: HTMLTimeElement;
  private readonly facts: HTMLElement;
  private readonly progress: HTMLElement;
  private readonly target: HTMLSelectElement;
  private readonly targetLabel: HTMLElement;
  private targetsKey = '';
  private readonly viewButtons: Record<WebviewUiState['view'], HTMLElement>;
  private updatedAt = '';

  constructor(hooks: HeaderHooks) {
    this.sourceKind = h('span', { class: 'source-kind' });
    this.title = h('h1', { class: 'source-name' });
    this.verdict = h('span', { class: 'verdict-badge' });
    this.live = h('span', { class: 'live' });
    this.updated = h('time', { class: 'updated' });
    this.facts = h('p', { class: 'cluster-facts' });
    // A plain <select>: its value is what the host receives, checked there against upgradeTargets.
    this.target = h('select', { class: 'target-select', attrs: { id: 'k8sa-target', 'data-key': 'target', title: 'The Kubernetes version to judge readiness for' } });
    this.target.addEventListener('change', () => {
      if (this.target.value) hooks.setTarget(this.target.value);
    });
    this.targetLabel = h('label', { class: 'target-label', attrs: { for: 'k8sa-target' } }, [h('span', { class: 'muted', text: 'Target ' }), this.target]);
    this.progress = custom('vscode-progress-bar', { class: 'header-progress', attrs: { 'aria-label': 'Reading the cluster' }, hidden: true });
    this.viewButtons = {
      diagram: actionButton('Diagram', () => hooks.setView('diagram'), { title: 'Show the diagram', key: 'view-diagram' }),
      table: actionButton('Table', () => hooks.setView('table'), { title: 'Show the same anatomy as tables (screen-reader friendly)', key: 'view-table' }),
    };

    const toolbar = h('div', { class: 'toolbar', attrs: { role: 'toolbar', 'aria-label': 'Panel actions' } }, [
      actionButton('Refresh', hooks.refresh, { secondary: true, title: 'Read the cluster again', key: 'refresh' }),
      actionButton('Check Readiness', hooks.checkReadiness, { secondary: true, title: 'Open the dockershim readiness report', key: 'check' }),
      actionButton('Export Topology', hooks.exportTopology, { secondary: true, title: 'Save the diagram as SVG, Markdown or HTML', key: 'export' }),
      actionButton('Switch Context', hooks.switchContext, { secondary: true, title: 'Choose another kubeconfig context', key: 'switch' }),
      h('span', { class: 'toolbar-spacer' }),
      h('div', { class: 'view-switch', attrs: { role: 'group', 'aria-label': 'View' } }, [this.viewButtons.diagram, this.viewButtons.table]),
    ]);

    this.element = h('header', { class: 'panel-header' }, [
      h('div', { class: 'identity' }, [
        h('div', { class: 'title-line' }, [this.sourceKind, this.title, this.verdict, this.targetLabel, this.live, this.updated]),
        this.facts,
      ]),
      toolbar,
      this.progress,
    ]);
  }

  update(model: PanelModel): void {
    const { source, anatomy, report } = model;
    this.sourceKind.textContent = source.kind === 'sample' ? 'Sample' : 'Context';
    this.title.textContent = field(source.name, 120);
    this.title.title = source.server ? field(source.server, 300) : '';

    const cluster = anatomy.cluster;
    this.facts.replaceChildren(...[
      ['Server', field(cluster.serverVersion ?? 'not known', 60)],
      ['Distribution', describeDistribution(cluster.distribution)],
      ['Control plane', describeHosting(cluster.controlPlane)],
      ['HA', describeHa(cluster.ha)],
    ].flatMap(([k, v], i) => [i > 0 ? h('span', { class: 'sep', text: ' · ', attrs: { 'aria-hidden': 'true' } }) : null, h('span', { class: 'muted', text: `${k} ` }), h('span', { text: v })])
      .filter((n): n is HTMLElement => n !== null));

    this.verdict.className = `verdict-badge verdict-${report.verdict}`;
    const judged = report.target ? ` for ${field(report.target, 20)}` : '';
    this.verdict.textContent = `Readiness${judged}: ${describeVerdict(report.verdict)}`;
    this.verdict.title = summaryLine(report.findings);
    this.updateTargets(model);

    if (source.kind === 'sample') this.setLive('sample', 'Sample', 'A built-in sample: nothing here comes from a live cluster.');
    else if (model.live) this.setLive('on', 'Live', 'Watching nodes and control-plane pods; the diagram follows changes.');
    else this.setLive('off', 'Snapshot', 'Not watching for changes; press Refresh to read the cluster again.');

    this.updatedAt = model.updatedAt;
    this.updated.dateTime = Number.isFinite(Date.parse(model.updatedAt)) ? new Date(model.updatedAt).toISOString() : '';
    this.updated.title = Number.isFinite(Date.parse(model.updatedAt)) ? new Date(model.updatedAt).toLocaleString() : '';
    this.tick(Date.now());
  }

  /** The selector's options (rebuilt only when they change, so focus stays) and its value: the judged target. */
  private updateTargets(model: PanelModel): void {
    const targets = Array.isArray(model.targets) ? model.targets.filter((t) => typeof t?.minor === 'string') : [];
    const key = targets.map((t) => t.minor).join(',');
    if (key !== this.targetsKey) {
      this.targetsKey = key;
      this.target.replaceChildren(...targets.map((t) => h('option', {
        text: `Kubernetes ${field(t.minor, 20)}${t.preselected ? ' (next minor)' : ''}`,
        attrs: { value: field(t.minor, 20), title: field(t.runtimeChanges, 300) },
      })));
    }
    this.targetLabel.hidden = targets.length === 0;
    const judged = model.report.target;
    if (judged && targets.some((t) => t.minor === judged)) this.target.value = judged;
    this.target.title = targets.find((t) => t.minor === this.target.value)?.runtimeChanges ?? 'The Kubernetes version to judge readiness for';
  }

  /** Re-word "updated … ago". */
  tick(now: number): void {
    if (this.updatedAt) this.updated.textContent = `updated ${relativeTime(this.updatedAt, now)}`;
  }

  setView(view: WebviewUiState['view']): void {
    for (const [name, button] of Object.entries(this.viewButtons)) {
      const on = name === view;
      button.toggleAttribute('secondary', !on);
      button.setAttribute('aria-pressed', String(on));
    }
  }

  setBusy(busy: boolean): void {
    this.progress.hidden = !busy;
  }

  private setLive(kind: 'on' | 'off' | 'sample', text: string, title: string): void {
    this.live.className = `live live-${kind}`;
    this.live.textContent = text;
    this.live.title = title;
  }
}
