// The panel page: which designed state is showing, and the model view (header, banners, diagram or
// table, details pane) kept up to date in place. Owns the UI state (selection, view, zoom, scroll);
// cluster data lives only in `model`, replaced whole on every update and never persisted.

import type { HostToWebview, PanelModel, PanelStatus, WebviewUiState } from '../src/protocol/messages';
import { describeVerdict, summaryLine } from '../src/core/render/text';
import { DetailsPane } from './details';
import { DiagramView } from './diagram';
import { h, replace } from './dom';
import { field, prose } from './format';
import { Header } from './header';
import type { HostChannel } from './host';
import { errorBanner, errorPage, loadingPage, loadingProgress, noKubeconfigPage, partialBanner, sampleBanner, type StateHooks } from './states';
import type { UiStateKeeper } from './state';
import { TableView } from './table';
import { observeTheme, paletteKey, readPalette, type Palette } from './theme';

const TICK_MS = 30_000;

export class Panel {
  private status: PanelStatus | null = null;
  private model: PanelModel | null = null;
  private palette: Palette;
  private diagramError: string | null = null;

  private readonly announcer: HTMLElement;
  private readonly notice: HTMLElement;
  private readonly statePage: HTMLElement;
  private readonly modelView: HTMLElement;
  private readonly banners: HTMLElement;
  private readonly header: Header;
  private readonly diagram: DiagramView;
  private readonly table: TableView;
  private readonly details: DetailsPane;
  private readonly stateHooks: StateHooks;

  constructor(root: HTMLElement, private readonly host: HostChannel, private readonly ui: UiStateKeeper) {
    const initial = ui.current;
    this.palette = readPalette();
    this.stateHooks = {
      refresh: () => this.host.request({ type: 'refresh' }),
      switchContext: () => this.host.request({ type: 'switchContext' }),
      pickSample: () => this.host.request({ type: 'pickSample' }),
      openSample: (name) => this.host.request({ type: 'openSample', name }),
      open: (url) => this.host.openLink(url),
    };

    this.announcer = h('div', { class: 'visually-hidden', attrs: { role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' } });
    this.notice = h('div', { class: 'notice', attrs: { role: 'alert' }, hidden: true });
    this.statePage = h('main', { class: 'state-container' }, [loadingPage({ kind: 'loading', message: 'Starting K8s Anatomy…' })]);

    this.header = new Header({
      refresh: this.stateHooks.refresh,
      checkReadiness: () => this.host.request({ type: 'checkReadiness' }),
      exportTopology: () => this.host.request({ type: 'export', what: 'topology' }),
      switchContext: this.stateHooks.switchContext,
      setTarget: (target) => this.host.request({ type: 'setTarget', target }),
      setView: (view) => this.setView(view),
    });
    this.banners = h('div', { class: 'banners' });
    this.diagram = new DiagramView({
      select: (id, how) => this.select(id, how === 'keyboard' ? 'focus-details' : 'stay'),
      viewChanged: (patch) => this.ui.update(patch),
      drawn: (error) => this.diagramDrawn(error),
      legendChanged: (open) => this.ui.update({ legend: open }),
    }, { ...initial, restored: ui.restored });
    this.table = new TableView({ select: (id) => this.select(id, 'focus-details') });
    this.details = new DetailsPane({
      open: (url) => this.host.openLink(url),
      select: (id, reveal) => this.select(id, reveal ? 'reveal' : 'stay'),
      close: () => this.closeDetails(),
    });
    this.details.element.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.ui.current.selected) {
        event.preventDefault();
        this.closeDetails();
      }
    });

    this.modelView = h('main', { class: 'model-view', hidden: true }, [
      this.header.element,
      this.banners,
      h('div', { class: 'workspace' }, [h('div', { class: 'views' }, [this.diagram.element, this.table.element]), this.details.element]),
    ]);
    root.replaceChildren(this.announcer, this.notice, this.statePage, this.modelView);
    this.applyView(initial.view);

    observeTheme(() => this.themeChanged());
    setInterval(() => this.header.tick(Date.now()), TICK_MS);
  }

  receive(message: HostToWebview): void {
    switch (message.type) {
      case 'status':
        this.setStatus(message.status);
        break;
      case 'model':
        this.setModel(message.model);
        // Acknowledge once it is drawn: the host holds newer models back until then.
        void this.diagram.settled().then(() => this.host.shown(message.seq));
        break;
      case 'reply':
        this.reply(message.id, message.ok, message.error);
        break;
      case 'exportSvg':
        this.host.svg(message.id, this.diagram.exportSvg());
        break;
    }
  }

  // --- status and model -----------------------------------------------------------------------

  private setStatus(status: PanelStatus): void {
    const previous = this.status;
    this.status = status;
    // A failure for another context than the one drawn: the old drawing would mislead.
    if (status.kind === 'error' && this.model && status.context && status.context !== this.model.source.name) this.model = null;
    if (status.kind === 'no-kubeconfig') this.model = null;
    this.render();
    if (previous?.kind === status.kind && status.kind === 'loading') return; // progress ticks: no announcement
    this.announce(this.statusText(status));
  }

  private statusText(status: PanelStatus): string {
    switch (status.kind) {
      case 'loading': return this.model ? 'Refreshing the cluster anatomy…' : field(status.message || 'Reading the cluster…', 200);
      case 'no-kubeconfig': return 'No kubeconfig found. Sample clusters are offered.';
      case 'error': return `Error: ${prose(status.message, 300)}`;
      case 'ready': return this.model ? '' : 'Ready.';
    }
  }

  private setModel(model: PanelModel): void {
    const previous = this.model;
    this.model = model;
    // The host sends the status first and then the model it belongs to, so the status stays:
    // `loading` keeps the progress bar, `error` keeps its banner over this (last good) model.

    const selected = this.ui.current.selected;
    if (selected && !model.anatomy.nodes.some((n) => n.id === selected)) {
      this.ui.update({ selected: null });
      this.host.selected(null);
      if (previous) this.announce('The selected component is no longer part of the anatomy.');
    } else if (selected && !previous) {
      this.host.selected(selected); // restored from the saved UI state: tell the host once
    }
    this.render();
    if (!previous) {
      this.announce(`Cluster anatomy of ${field(model.source.name, 80)} shown. Readiness ${describeVerdict(model.report.verdict)}: ${summaryLine(model.report.findings)}.`);
    } else if (previous.report.verdict !== model.report.verdict || previous.report.findings.length !== model.report.findings.length) {
      this.announce(`Updated. Readiness ${describeVerdict(model.report.verdict)}: ${summaryLine(model.report.findings)}.`);
    }
  }

  private render(): void {
    const status = this.status;
    const model = this.model;
    if (!model) {
      this.modelView.hidden = true;
      this.statePage.hidden = false;
      if (!status || status.kind === 'loading' || status.kind === 'ready') {
        const loading = status?.kind === 'loading' ? status : { kind: 'loading' as const, message: 'Preparing the diagram…' };
        const existing = this.statePage.querySelector('.state-page.loading');
        if (existing) this.updateLoading(existing, loading);
        else replace(this.statePage, loadingPage(loading));
      } else if (status.kind === 'no-kubeconfig') {
        replace(this.statePage, noKubeconfigPage(status, this.stateHooks));
      } else {
        replace(this.statePage, errorPage(status, this.stateHooks));
      }
      return;
    }

    this.statePage.hidden = true;
    this.statePage.replaceChildren();
    this.modelView.hidden = false;
    this.header.update(model);
    this.header.setBusy(status?.kind === 'loading');
    this.renderBanners(model, status);
    const selected = this.ui.current.selected;
    this.diagram.setSelected(selected);
    this.diagram.update(model, this.palette);
    this.table.update(model);
    this.details.update(model, selected);
  }

  /** Update the loading page's text in place (no flicker, the progress ring keeps spinning). */
  private updateLoading(page: Element, status: Extract<PanelStatus, { kind: 'loading' }>): void {
    const title = page.querySelector('h1');
    const counts = page.querySelector('.progress-counts');
    if (title) title.textContent = field(status.message || 'Reading the cluster…', 300);
    if (counts) counts.textContent = loadingProgress(status);
  }

  private renderBanners(model: PanelModel, status: PanelStatus | null): void {
    const banners: HTMLElement[] = [];
    if (status?.kind === 'error') banners.push(errorBanner(status, this.stateHooks));
    if (model.source.kind === 'sample') banners.push(sampleBanner(model.source, this.stateHooks));
    if (model.coverage.length > 0) banners.push(partialBanner(model.coverage));
    // Rebuild only when the content changes, so a focused banner button keeps focus.
    // Compared by the fields the banners show (a live update with the same ones keeps them).
    const error = status?.kind === 'error' ? [status.errorKind, status.message, status.advice, status.context ?? '', status.server ?? ''] : [];
    const key = [...error, '|', model.source.kind, model.source.name, model.source.server ?? '', '|', ...model.coverage.flatMap((g) => [g.scope, g.reason])].join('\u0000');
    if (this.banners.dataset['key'] === key) return;
    this.banners.dataset['key'] = key;
    this.banners.replaceChildren(...banners);
  }

  // --- selection and views --------------------------------------------------------------------

  private select(nodeId: string | null, then: 'stay' | 'focus-details' | 'reveal'): void {
    const model = this.model;
    if (nodeId !== null && !model?.anatomy.nodes.some((n) => n.id === nodeId)) return;
    if (this.ui.current.selected !== nodeId) {
      this.ui.update({ selected: nodeId });
      this.host.selected(nodeId);
    }
    this.diagram.setSelected(nodeId, then === 'reveal');
    if (model) this.details.update(model, nodeId);
    const label = nodeId ? model?.anatomy.nodes.find((n) => n.id === nodeId)?.label : undefined;
    if (label !== undefined) this.announce(`Details: ${field(label, 120)}`);
    if (then === 'focus-details') this.details.focusHeading();
  }

  /**
   * Warm the diagram's renderer up (DiagramView.warmUp) while there is nothing to draw and no model
   * is about to come: the host is still reading, or waits for the user (no kubeconfig, an error).
   * After `ready` the model follows at once, and a warm-up would only make it wait.
   */
  warmUpDiagram(): void {
    if (this.status?.kind === 'ready') return;
    this.diagram.warmUp(this.palette);
  }

  private closeDetails(): void {
    const was = this.ui.current.selected;
    this.select(null, 'stay');
    if (!was) return;
    if (this.ui.current.view === 'diagram' && !this.diagramError && this.diagram.focusNode(was)) return;
    const row = this.table.element.querySelector<HTMLElement>(`[data-key="node-${was}"]`);
    if (row) row.focus();
    else this.details.focusHeading();
  }

  private setView(view: WebviewUiState['view']): void {
    if (view === this.ui.current.view) return;
    this.ui.update({ view });
    this.applyView(view);
    this.announce(view === 'table' ? 'Table view' : 'Diagram view');
  }

  private applyView(view: WebviewUiState['view']): void {
    this.header.setView(view);
    const showTable = view === 'table' || this.diagramError !== null;
    this.diagram.element.hidden = view === 'table';
    this.table.element.hidden = !showTable;
    if (showTable) this.table.shown();
    if (view === 'diagram') {
      const { scrollX, scrollY } = this.ui.current;
      requestAnimationFrame(() => this.diagram.shown({ x: scrollX, y: scrollY }));
    }
  }

  private diagramDrawn(error: string | null): void {
    const had = this.diagramError;
    this.diagramError = error;
    if ((had === null) !== (error === null)) this.applyView(this.ui.current.view);
    if (error) this.announce(`${error} The table view shows the same anatomy.`);
  }

  private themeChanged(): void {
    const next = readPalette();
    if (paletteKey(next) === paletteKey(this.palette)) return;
    this.palette = next;
    if (this.model) this.diagram.update(this.model, next);
  }

  // --- messages to the user -------------------------------------------------------------------

  private reply(id: number, ok: boolean, error: string | undefined): void {
    const request = this.host.settle(id);
    if (ok || request === undefined) return;
    const dismiss = h('button', { class: 'icon-button', text: '×', attrs: { type: 'button', 'aria-label': 'Dismiss' } });
    dismiss.addEventListener('click', () => {
      this.notice.hidden = true;
      this.notice.replaceChildren();
    });
    replace(this.notice, h('span', { text: `${REQUEST_NAMES[request] ?? 'The request'} failed: ${prose(error || 'no reason given', 500)}` }), dismiss);
    this.notice.hidden = false;
  }

  private announce(text: string): void {
    if (!text) return;
    // Clear first so the same words are read again.
    this.announcer.textContent = '';
    requestAnimationFrame(() => (this.announcer.textContent = text));
  }
}

const REQUEST_NAMES: Readonly<Record<string, string>> = {
  refresh: 'Refresh',
  openSample: 'Opening the sample',
  pickSample: 'Picking a sample',
  switchContext: 'Switching context',
  checkReadiness: 'Check Readiness',
  setTarget: 'Judging for the target',
  export: 'Export',
  openLink: 'Opening the link',
};

