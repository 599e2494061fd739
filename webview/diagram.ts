// The diagram view: mermaid's SVG of the anatomy, imported safely (svgSafe), with every component
// focusable and clickable. Zoom and pan (buttons, Ctrl+wheel, + and - keys, scroll, drag, fit)
// are zoomPan.ts's; this file draws. A model update re-draws only the SVG inside the same scroll
// container, and only when the mermaid text or the theme changed, so selection, zoom and scroll
// survive live updates; the first drawing of another cluster or sample gets a first view of its own.

import type { AnatomyNode } from '../src/core/model';
import type { PanelModel } from '../src/protocol/messages';
import { actionButton, h } from './dom';
import { field, lines } from './format';
import { anatomyIdFromDomId, mermaidIdIndex } from './nodeIds';
import { decodeEntityRuns } from './entities';
import { importSvg } from './svgSafe';
import { mermaidConfig, paletteKey, type Palette } from './theme';
import { KIND_NAMES } from './words';
import { legend } from './legend';
import { loadMermaid } from './mermaidLoader';
import { ZoomPan } from './zoomPan';
import { mermaidId } from '../src/core/mermaid';
import type { ViewPatch } from './zoomMath';

export interface DiagramHooks {
  /** A component was activated (click, Enter, Space). */
  select(nodeId: string, how: 'pointer' | 'keyboard'): void;
  /** Zoom or scroll changed (for the persisted UI state). */
  viewChanged(patch: ViewPatch): void;
  /** The diagram failed to draw (message) or drew again (null). */
  drawn(error: string | null): void;
  /** The legend was opened or closed (for the persisted UI state). */
  legendChanged(open: boolean): void;
}

/** What `warmUp` draws: a band, a pool frame, the shapes and edge kinds the anatomy uses. */
const WARM_UP_SOURCE = `flowchart TB
  subgraph w_band["band"]
    subgraph w_pool["pool"]
      w_k(["kubelet"]) -->|"CRI"| w_r["runtime"]
      w_r --> w_o[/"oci"/]
    end
  end
  w_api[["api"]] -->|"state"| w_db[("etcd")]
  w_api -.->|"pods"| w_band
  w_api ~~~ w_f{{"front"}}`;

/** Mermaid measures render `id` in temporary elements; make sure nothing of them stays in the page (outside `canvas`). */
function removeRenderLeftovers(id: string, canvas: Element): void {
  for (const leftover of [document.getElementById(`d${id}`), document.getElementById(`i${id}`)]) leftover?.remove();
  const stray = document.getElementById(id);
  if (stray && !canvas.contains(stray)) stray.remove();
}

interface Job {
  readonly source: string;
  readonly palette: Palette;
  readonly nodes: readonly AnatomyNode[];
  readonly key: string;
}

export class DiagramView {
  readonly element: HTMLElement;
  private readonly viewport: HTMLElement;
  private readonly canvas: HTMLElement;
  private readonly errorBox: HTMLElement;
  private readonly zoomPan: ZoomPan;
  private svgElement: SVGSVGElement | null = null;
  private selected: string | null = null;
  private drawnKey = '';
  private wanted: Job | null = null;
  private startGroup: string | null = null;
  private startNode: string | null = null;
  private drawing = false;
  /** Which cluster or sample the last update came from (kind, name, server). */
  private sourceKey: string | null = null;
  /** Callers of `settled()` waiting for the drawing to catch up. */
  private settledWaiters: (() => void)[] = [];
  private sequence = 0;

  constructor(private readonly hooks: DiagramHooks, initial: { zoom: number; scrollX: number; scrollY: number; legend: boolean; restored: boolean }) {
    this.errorBox = h('div', { class: 'diagram-error', attrs: { role: 'alert' }, hidden: true });
    this.canvas = h('div', { class: 'canvas', attrs: { id: 'k8sa-canvas' } });
    this.viewport = h('div', {
      class: 'viewport',
      attrs: { tabindex: 0, role: 'region', 'aria-label': 'Cluster anatomy diagram. Tab moves between components; Enter opens details; plus and minus zoom.' },
    }, [this.canvas]);
    this.zoomPan = new ZoomPan(this.viewport, (patch) => this.hooks.viewChanged(patch), initial);
    // The legend opens under the toolbar on demand: closed, the drawing gets its rows of room.
    const key = legend();
    key.id = 'k8sa-legend';
    key.hidden = !initial.legend;
    const toggle = actionButton('Legend', () => {
      key.hidden = !key.hidden;
      toggle.setAttribute('aria-expanded', String(!key.hidden));
      this.hooks.legendChanged(!key.hidden);
    }, { secondary: true, title: 'Show or hide what the shapes, lines and marks mean', key: 'legend' });
    toggle.setAttribute('aria-expanded', String(initial.legend));
    toggle.setAttribute('aria-controls', key.id);
    this.zoomPan.toolbar.insertBefore(toggle, this.zoomPan.toolbar.lastElementChild);
    this.element = h('section', { class: 'diagram', attrs: { 'aria-label': 'Diagram' } }, [this.zoomPan.toolbar, key, this.errorBox, this.viewport]);
    this.listen();
  }

  /** Draw the model's diagram if its text or the theme changed since the last drawing. */
  update(model: PanelModel, palette: Palette): void {
    // Another cluster or sample is another picture: it gets a first view of its own. Updates of
    // the same one keep the zoom and scroll the user chose.
    const sourceKey = [model.source.kind, model.source.name, model.source.server ?? ''].join('\u0000');
    if (this.sourceKey !== null && sourceKey !== this.sourceKey) this.zoomPan.viewAnew();
    this.sourceKey = sourceKey;
    const key = `${paletteKey(palette)}\n${model.mermaid}`;
    if (key === this.drawnKey && this.wanted === null) {
      this.relabel(model.anatomy.nodes);
      return;
    }
    this.wanted = { source: model.mermaid, palette, nodes: model.anatomy.nodes, key };
    // Where a first view starts, as core names it: the control-plane group, else the API server.
    this.startGroup = model.anatomy.groups.find((g) => g.kind === 'control-plane')?.id ?? null;
    this.startNode = model.anatomy.nodes.find((n) => n.kind === 'api-server')?.id ?? null;
    if (!this.drawing) void this.drain();
  }

  /**
   * Once mermaid has loaded and nothing is drawn or waiting: draw a tiny diagram off screen with
   * the same layout and shapes, and throw it away. The first render in a page pays for mermaid's
   * first pass through its drawing code (ELK warms itself up in its worker: mermaidLoader.ts);
   * paid while the cluster is still being read, the first real drawing does not. A model that
   * arrives meanwhile is drawn right after.
   */
  warmUp(palette: Palette): void {
    if (this.drawing || this.wanted || this.drawnKey) return;
    void this.drain(async () => {
      const renderer = await loadMermaid();
      const id = 'k8sa-warm-up';
      try {
        renderer?.initialize(mermaidConfig(palette));
        await renderer?.render(id, WARM_UP_SOURCE);
      } catch {
        // Only a warm-up: a real drawing reports its own errors.
      } finally {
        removeRenderLeftovers(id, this.canvas);
      }
    });
  }

  /** Resolves when the latest `update` is on screen (drawn, or failed and reported). */
  settled(): Promise<void> {
    if (!this.drawing && this.wanted === null) return Promise.resolve();
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  /** Mark the selected component; `reveal` scrolls it into view. */
  setSelected(nodeId: string | null, reveal = false): void {
    this.selected = nodeId;
    for (const node of this.canvas.querySelectorAll('.k8sa-node')) {
      const on = node.getAttribute('data-anatomy-id') === nodeId;
      node.classList.toggle('is-selected', on);
      if (on) node.setAttribute('aria-current', 'true');
      else node.removeAttribute('aria-current');
      if (on && reveal) node.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
  }

  /** Move keyboard focus to a component of the diagram (after closing its details). */
  focusNode(nodeId: string): boolean {
    const node = this.nodeElement(nodeId);
    if (!node) return false;
    node.focus();
    return true;
  }

  /** The view was shown again (table → diagram): scroll positions cannot be set while hidden. */
  shown(scroll: { x: number; y: number }): void {
    this.zoomPan.scrollTo(scroll);
  }

  // --- drawing --------------------------------------------------------------------------------

  /** Draw the wanted jobs until none is left; `first` (the warm-up) runs before them. */
  private async drain(first?: () => Promise<void>): Promise<void> {
    this.drawing = true;
    try {
      await first?.();
      while (this.wanted) {
        const job = this.wanted;
        this.wanted = null;
        await this.draw(job);
      }
    } finally {
      this.drawing = false;
      for (const resolve of this.settledWaiters.splice(0)) resolve();
    }
  }

  private async draw(job: Job): Promise<void> {
    const renderer = await loadMermaid();
    if (!renderer) {
      this.fail('The diagram library (mermaid) did not load, so only the table can be shown.');
      return;
    }
    const id = `k8sa-svg-${++this.sequence}`;
    try {
      renderer.initialize(mermaidConfig(job.palette));
      const { svg } = await renderer.render(id, job.source);
      const drawing = importSvg(svg);
      this.viewport.hidden = false;
      this.element.classList.remove('failed');
      this.errorBox.hidden = true;
      this.install(drawing, job.nodes);
      this.drawnKey = job.key;
      this.errorBox.textContent = '';
      this.hooks.drawn(null);
    } catch (error) {
      this.drawnKey = '';
      this.fail(`The diagram could not be drawn: ${lines(error instanceof Error ? error.message : String(error), 600)}`);
    } finally {
      removeRenderLeftovers(id, this.canvas);
    }
  }

  private fail(message: string): void {
    this.errorBox.textContent = message;
    this.errorBox.hidden = false;
    // Nothing to pan: the table below shows the anatomy instead.
    this.svgElement = null;
    this.zoomPan.detach();
    this.canvas.replaceChildren();
    this.viewport.hidden = true;
    this.element.classList.add('failed');
    this.hooks.drawn(message);
  }

  private install(svgElement: SVGSVGElement, nodes: readonly AnatomyNode[]): void {
    svgElement.removeAttribute('style');
    decodeLabels(svgElement);
    svgElement.setAttribute('aria-label', `Cluster anatomy: ${nodes.length} components`);
    svgElement.setAttribute('focusable', 'false');

    const index = mermaidIdIndex(nodes);
    for (const g of svgElement.querySelectorAll('g.node')) {
      const anatomyId = anatomyIdFromDomId(g.id, index);
      if (!anatomyId) continue;
      g.classList.add('k8sa-node');
      g.setAttribute('data-anatomy-id', anatomyId);
      g.setAttribute('tabindex', '0');
      g.setAttribute('role', 'button');
      // classDef colours arrive as inline `!important` styles; drop them so the theme's colours in
      // panel.css apply (mermaid's own <style> keeps the same rules as a fallback).
      if (/\b(sev_\w+|removed)\b/.test(g.getAttribute('class') ?? '')) {
        for (const styled of g.querySelectorAll('[style]')) styled.removeAttribute('style');
      }
    }

    const focusedId = document.activeElement instanceof SVGElement ? document.activeElement.getAttribute('data-anatomy-id') : null;
    // Where the selected component sits on screen now: after a re-layout it stays there.
    const anchorId = this.selected;
    const place = this.zoomPan.keepPlace(anchorId ? () => this.nodeElement(anchorId) : null);
    this.canvas.replaceChildren(svgElement);
    this.svgElement = svgElement;
    this.relabel(nodes);
    this.zoomPan.attach(svgElement);
    this.setSelected(this.selected);
    this.zoomPan.place(place, () => this.startElement(), smallestLabelPx(svgElement));
    // Only while the panel has the keyboard: an element focused here long ago stays the iframe's
    // activeElement after the user moved on, and focusing it again would pull the focus out of the
    // workbench (closing a quick pick the user has open).
    if (focusedId && document.hasFocus()) this.nodeElement(focusedId)?.focus({ preventScroll: true });
  }

  /** Accessible names from the anatomy (labels can change without the drawing changing). */
  private relabel(nodes: readonly AnatomyNode[]): void {
    const byId = new Map(nodes.map((n) => [n.id, n]));
    for (const g of this.canvas.querySelectorAll('.k8sa-node')) {
      const node = byId.get(g.getAttribute('data-anatomy-id') ?? '');
      if (!node) continue;
      const parts = [field(node.label, 120)];
      if (node.detail) parts.push(field(node.detail, 120));
      parts.push(KIND_NAMES[node.kind] ?? 'component');
      if (node.severity) parts.push(`marked ${node.severity}`);
      g.setAttribute('aria-label', parts.join(', '));
    }
  }

  private nodeElement(nodeId: string): SVGGElement | null {
    for (const node of this.canvas.querySelectorAll<SVGGElement>('.k8sa-node')) {
      if (node.getAttribute('data-anatomy-id') === nodeId) return node;
    }
    return null;
  }

  /** The drawing at its natural size, as a standalone SVG document (labels already decoded). */
  exportSvg(): string | null {
    if (!this.svgElement) return null;
    const copy = this.svgElement.cloneNode(true) as SVGSVGElement;
    copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
    const natural = this.zoomPan.natural;
    copy.setAttribute('width', String(Math.round(natural.width)));
    copy.setAttribute('height', String(Math.round(natural.height)));
    for (const attribute of ['tabindex', 'role', 'focusable']) copy.removeAttribute(attribute);
    for (const node of copy.querySelectorAll('[tabindex]')) node.removeAttribute('tabindex');
    return new XMLSerializer().serializeToString(copy);
  }

  /** Where a first view starts: the control-plane group, else the API server. */
  private startElement(): Element | null {
    // mermaid writes a subgraph's DOM id as its mermaid id, possibly after a prefix and a '-'.
    const wanted = this.startGroup === null ? null : mermaidId(this.startGroup);
    const group = wanted === null ? undefined : [...this.canvas.querySelectorAll<SVGGElement>('g.cluster')]
      .find((g) => g.id === wanted || (g.id.endsWith(wanted) && !/[A-Za-z0-9]/.test(g.id.charAt(g.id.length - wanted.length - 1))));
    return group ?? (this.startNode === null ? null : this.nodeElement(this.startNode));
  }

  /** Selection: a click (not the end of a drag) or Enter/Space on a component. */
  private listen(): void {
    const vp = this.viewport;
    vp.addEventListener('click', (event) => {
      const node = (event.target as Element | null)?.closest?.('.k8sa-node');
      const id = node?.getAttribute('data-anatomy-id');
      if (id && !this.zoomPan.dragged) this.hooks.select(id, 'pointer');
    });
    vp.addEventListener('keydown', (event) => {
      const target = event.target as Element | null;
      const node = target?.closest?.('.k8sa-node');
      const id = node?.getAttribute('data-anatomy-id');
      if (id && (event.key === 'Enter' || event.key === ' ')) {
        event.preventDefault();
        this.hooks.select(id, 'keyboard');
      }
    });
  }
}

/** The font size of the smallest component label at 100 % (0 when there is none). */
function smallestLabelPx(root: SVGSVGElement): number {
  let smallest = 0;
  for (const text of root.querySelectorAll('g.node text')) {
    const px = parseFloat(getComputedStyle(text).fontSize);
    if (px > 0 && (smallest === 0 || px < smallest)) smallest = px;
  }
  return smallest;
}

/** Show `"` where mermaid left `&#34;` in a label (see entities.ts); text nodes only. */
function decodeLabels(root: SVGSVGElement): void {
  for (const text of root.querySelectorAll('text')) {
    const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
    if (!nodes.some((n) => n.data.includes('&') || n.data.includes('fl°'))) continue;
    decodeEntityRuns(nodes.map((n) => n.data)).forEach((data, i) => {
      const node = nodes[i];
      if (node && node.data !== data) node.data = data;
    });
  }
}
