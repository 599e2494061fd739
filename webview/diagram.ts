// The diagram view: mermaid's SVG of the anatomy, imported safely (svgSafe), with every component
// focusable and clickable, zoom (buttons, Ctrl+wheel, + and - keys) and pan (scroll, drag).
// A model update re-draws only the SVG inside the same scroll container, and only when the mermaid
// text or the theme changed, so selection, zoom and scroll survive live updates.

import type { AnatomyNode } from '../src/core/model';
import type { PanelModel } from '../src/protocol/messages';
import { actionButton, h } from './dom';
import { field, lines } from './format';
import { anatomyIdFromDomId, mermaidIdIndex } from './nodeIds';
import { clampZoom } from './state';
import { decodeEntityRuns } from './entities';
import { importSvg } from './svgSafe';
import { mermaidConfig, paletteKey, type Palette } from './theme';
import { KIND_NAMES } from './words';
import { legend } from './legend';
import { loadMermaid } from './mermaidLoader';

export interface DiagramHooks {
  /** A component was activated (click, Enter, Space). */
  select(nodeId: string, how: 'pointer' | 'keyboard'): void;
  /** Zoom or scroll changed (for the persisted UI state). */
  viewChanged(patch: { zoom?: number; scrollX?: number; scrollY?: number }): void;
  /** The diagram failed to draw (message) or drew again (null). */
  drawn(error: string | null): void;
}

interface Job {
  readonly source: string;
  readonly palette: Palette;
  readonly nodes: readonly AnatomyNode[];
  readonly key: string;
}

const ZOOM_STEP = 1.2;
/** Room left around the control plane when a first drawing starts there. */
const START_MARGIN_PX = 16;

export class DiagramView {
  readonly element: HTMLElement;
  private readonly viewport: HTMLElement;
  private readonly canvas: HTMLElement;
  private readonly errorBox: HTMLElement;
  private readonly zoomLabel: HTMLElement;
  private svgElement: SVGSVGElement | null = null;
  private natural = { width: 0, height: 0 };
  private zoom: number;
  private selected: string | null = null;
  private drawnKey = '';
  private wanted: Job | null = null;
  private drawing = false;
  /** Callers of `settled()` waiting for the drawing to catch up. */
  private settledWaiters: (() => void)[] = [];
  private sequence = 0;
  private firstDraw: boolean;
  /** Set while a drag pans the view, so the click that ends it selects nothing. */
  private dragged = false;
  private pendingScroll: { x: number; y: number } | null;

  constructor(private readonly hooks: DiagramHooks, initial: { zoom: number; scrollX: number; scrollY: number; restored: boolean }) {
    this.zoom = clampZoom(initial.zoom);
    this.pendingScroll = initial.restored ? { x: initial.scrollX, y: initial.scrollY } : null;
    this.firstDraw = !initial.restored;

    this.zoomLabel = h('span', { class: 'zoom-level', attrs: { 'aria-live': 'off' } });
    const toolbar = h('div', { class: 'diagram-toolbar', attrs: { role: 'toolbar', 'aria-label': 'Zoom' } }, [
      actionButton('−', () => this.zoomBy(1 / ZOOM_STEP), { secondary: true, title: 'Zoom out (-)', label: 'Zoom out' }),
      this.zoomLabel,
      actionButton('+', () => this.zoomBy(ZOOM_STEP), { secondary: true, title: 'Zoom in (+)', label: 'Zoom in' }),
      actionButton('Actual Size', () => this.setZoom(1), { secondary: true, title: 'Zoom to 100% (0)' }),
      actionButton('Fit', () => this.fit('both'), { secondary: true, title: 'Fit the whole diagram' }),
      h('span', { class: 'hint', text: 'Ctrl+wheel zooms · drag or scroll to pan · Tab to a component, Enter for details' }),
    ]);
    this.errorBox = h('div', { class: 'diagram-error', attrs: { role: 'alert' }, hidden: true });
    this.canvas = h('div', { class: 'canvas', attrs: { id: 'k8sa-canvas' } });
    this.viewport = h('div', {
      class: 'viewport',
      attrs: { tabindex: 0, role: 'region', 'aria-label': 'Cluster anatomy diagram. Tab moves between components; Enter opens details; plus and minus zoom.' },
    }, [this.canvas]);
    this.element = h('section', { class: 'diagram', attrs: { 'aria-label': 'Diagram' } }, [toolbar, this.errorBox, this.viewport, legend()]);
    this.updateZoomLabel();
    this.listen();
  }

  /** Draw the model's diagram if its text or the theme changed since the last drawing. */
  update(model: PanelModel, palette: Palette): void {
    const key = `${paletteKey(palette)}\n${model.mermaid}`;
    if (key === this.drawnKey && this.wanted === null) {
      this.relabel(model.anatomy.nodes);
      return;
    }
    this.wanted = { source: model.mermaid, palette, nodes: model.anatomy.nodes, key };
    if (!this.drawing) void this.drain();
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
    this.viewport.scrollLeft = scroll.x;
    this.viewport.scrollTop = scroll.y;
  }

  // --- drawing --------------------------------------------------------------------------------

  private async drain(): Promise<void> {
    this.drawing = true;
    try {
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
      // Mermaid measures in a temporary element; make sure nothing of it stays in the page.
      for (const leftover of [document.getElementById(`d${id}`), document.getElementById(`i${id}`)]) leftover?.remove();
      const stray = document.getElementById(id);
      if (stray && !this.canvas.contains(stray)) stray.remove();
    }
  }

  private fail(message: string): void {
    this.errorBox.textContent = message;
    this.errorBox.hidden = false;
    // Nothing to pan: the table below shows the anatomy instead.
    this.svgElement = null;
    this.canvas.replaceChildren();
    this.viewport.hidden = true;
    this.element.classList.add('failed');
    this.hooks.drawn(message);
  }

  private install(svgElement: SVGSVGElement, nodes: readonly AnatomyNode[]): void {
    const box = svgElement.viewBox.baseVal;
    this.natural = {
      width: box && box.width > 0 ? box.width : Number(svgElement.getAttribute('width')) || 800,
      height: box && box.height > 0 ? box.height : Number(svgElement.getAttribute('height')) || 600,
    };
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
    const scroll = { x: this.viewport.scrollLeft, y: this.viewport.scrollTop };
    // Where the selected component sits on screen now: after a re-layout it stays there.
    const anchorId = this.selected;
    const before = anchorId ? this.nodeElement(anchorId)?.getBoundingClientRect() : undefined;
    this.canvas.replaceChildren(svgElement);
    this.svgElement = svgElement;
    this.relabel(nodes);
    this.applyZoom();
    this.setSelected(this.selected);

    if (this.firstDraw) {
      this.firstDraw = false;
      this.fit('width');
      this.revealStart();
    } else if (this.pendingScroll) {
      this.viewport.scrollLeft = this.pendingScroll.x;
      this.viewport.scrollTop = this.pendingScroll.y;
      this.pendingScroll = null;
    } else {
      this.viewport.scrollLeft = scroll.x;
      this.viewport.scrollTop = scroll.y;
      const after = anchorId ? this.nodeElement(anchorId)?.getBoundingClientRect() : undefined;
      if (before && after) {
        this.viewport.scrollLeft += after.left - before.left;
        this.viewport.scrollTop += after.top - before.top;
      }
    }
    if (focusedId) this.nodeElement(focusedId)?.focus({ preventScroll: true });
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
    copy.setAttribute('width', String(Math.round(this.natural.width)));
    copy.setAttribute('height', String(Math.round(this.natural.height)));
    for (const attribute of ['tabindex', 'role', 'focusable']) copy.removeAttribute(attribute);
    for (const node of copy.querySelectorAll('[tabindex]')) node.removeAttribute('tabindex');
    return new XMLSerializer().serializeToString(copy);
  }

  // --- zoom and pan ---------------------------------------------------------------------------

  private applyZoom(): void {
    if (!this.svgElement) return;
    this.svgElement.setAttribute('width', String(Math.round(this.natural.width * this.zoom)));
    this.svgElement.setAttribute('height', String(Math.round(this.natural.height * this.zoom)));
    this.updateZoomLabel();
  }

  private updateZoomLabel(): void {
    this.zoomLabel.textContent = `${Math.round(this.zoom * 100)}%`;
  }

  private zoomBy(factor: number, anchor?: { x: number; y: number }): void {
    this.setZoom(this.zoom * factor, anchor);
  }

  /** Zoom keeping the point under `anchor` (viewport coordinates; default: the centre) in place. */
  private setZoom(zoom: number, anchor?: { x: number; y: number }): void {
    const next = clampZoom(zoom);
    if (Math.abs(next - this.zoom) < 1e-3) return;
    const vp = this.viewport;
    const ax = anchor?.x ?? vp.clientWidth / 2;
    const ay = anchor?.y ?? vp.clientHeight / 2;
    const contentX = (vp.scrollLeft + ax) / this.zoom;
    const contentY = (vp.scrollTop + ay) / this.zoom;
    this.zoom = next;
    this.applyZoom();
    vp.scrollLeft = contentX * next - ax;
    vp.scrollTop = contentY * next - ay;
    this.hooks.viewChanged({ zoom: next, scrollX: vp.scrollLeft, scrollY: vp.scrollTop });
  }

  /**
   * First view of a drawing wider or taller than the pane: start at the control plane — where the
   * anatomy is read from — instead of the middle of the canvas, which for a cluster of many pools
   * is empty space above the pools. Centred when the control plane fits the pane, else its left
   * edge; its top just below the toolbar. The browser clamps both to the drawing.
   */
  private revealStart(): void {
    const group = [...this.canvas.querySelectorAll<SVGGElement>('g.cluster')].find((g) => /(^|[^A-Za-z0-9])g_cp$/.test(g.id));
    const start = group ?? this.nodeElement('n_api');
    if (!start) return;
    const vp = this.viewport;
    const box = start.getBoundingClientRect();
    const view = vp.getBoundingClientRect();
    vp.scrollLeft += box.width <= vp.clientWidth - 2 * START_MARGIN_PX
      ? box.left + box.width / 2 - (view.left + vp.clientWidth / 2)
      : box.left - view.left - START_MARGIN_PX;
    vp.scrollTop += box.top - view.top - START_MARGIN_PX;
    this.hooks.viewChanged({ scrollX: vp.scrollLeft, scrollY: vp.scrollTop });
  }

  /** Fit the width (first drawing: never below 75 %, so labels stay readable) or everything. */
  private fit(mode: 'width' | 'both'): void {
    const { width, height } = this.natural;
    const vp = this.viewport;
    if (!this.svgElement || width === 0 || vp.clientWidth === 0) return;
    const room = { w: vp.clientWidth - 24, h: vp.clientHeight - 24 };
    const zoom = mode === 'width'
      ? Math.max(0.75, Math.min(1, room.w / width))
      : Math.min(1.5, room.w / width, room.h / Math.max(1, height));
    this.setZoom(zoom);
    vp.scrollLeft = mode === 'width' ? Math.max(0, (width * this.zoom - room.w) / 2) : 0;
    vp.scrollTop = 0;
    this.hooks.viewChanged({ zoom: this.zoom, scrollX: vp.scrollLeft, scrollY: vp.scrollTop });
  }

  private listen(): void {
    const vp = this.viewport;
    vp.addEventListener('click', (event) => {
      const node = (event.target as Element | null)?.closest?.('.k8sa-node');
      const id = node?.getAttribute('data-anatomy-id');
      if (id && !this.dragged) this.hooks.select(id, 'pointer');
    });
    vp.addEventListener('keydown', (event) => {
      const target = event.target as Element | null;
      const node = target?.closest?.('.k8sa-node');
      const id = node?.getAttribute('data-anatomy-id');
      if (id && (event.key === 'Enter' || event.key === ' ')) {
        event.preventDefault();
        this.hooks.select(id, 'keyboard');
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === '+' || event.key === '=') this.zoomBy(ZOOM_STEP);
      else if (event.key === '-' || event.key === '_') this.zoomBy(1 / ZOOM_STEP);
      else if (event.key === '0') this.setZoom(1);
      else return;
      event.preventDefault();
    });
    vp.addEventListener('wheel', (event) => {
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      const rect = vp.getBoundingClientRect();
      this.zoomBy(Math.exp(-event.deltaY * 0.002), { x: event.clientX - rect.left, y: event.clientY - rect.top });
    }, { passive: false });
    let saveTimer: ReturnType<typeof setTimeout> | undefined;
    vp.addEventListener('scroll', () => {
      clearTimeout(saveTimer);
      saveTimer = setTimeout(() => this.hooks.viewChanged({ scrollX: vp.scrollLeft, scrollY: vp.scrollTop }), 150);
    }, { passive: true });

    // Drag the background to pan (mouse and pen; touch scrolls natively).
    let drag: { x: number; y: number; left: number; top: number; id: number } | null = null;
    vp.addEventListener('pointerdown', (event) => {
      if (event.button !== 0 || event.pointerType === 'touch') return;
      this.dragged = false;
      drag = { x: event.clientX, y: event.clientY, left: vp.scrollLeft, top: vp.scrollTop, id: event.pointerId };
    });
    vp.addEventListener('pointermove', (event) => {
      if (!drag || event.pointerId !== drag.id) return;
      const dx = event.clientX - drag.x;
      const dy = event.clientY - drag.y;
      if (!this.dragged && Math.hypot(dx, dy) < 4) return;
      if (!this.dragged) {
        this.dragged = true;
        vp.setPointerCapture(drag.id);
        vp.classList.add('is-panning');
      }
      vp.scrollLeft = drag.left - dx;
      vp.scrollTop = drag.top - dy;
    });
    const end = (event: PointerEvent) => {
      if (!drag || event.pointerId !== drag.id) return;
      if (vp.hasPointerCapture(drag.id)) vp.releasePointerCapture(drag.id);
      vp.classList.remove('is-panning');
      drag = null;
      // The click that ends a drag must not select; clear the flag after it has been dispatched.
      setTimeout(() => (this.dragged = false), 0);
    };
    vp.addEventListener('pointerup', end);
    vp.addEventListener('pointercancel', end);
  }

}

/** Show `"` where mermaid left `&#34;` in a label (see entities.ts); text nodes only. */
function decodeLabels(root: SVGSVGElement): void {
  for (const text of root.querySelectorAll('text')) {
    const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
    if (!nodes.some((n) => n.data.includes('&'))) continue;
    decodeEntityRuns(nodes.map((n) => n.data)).forEach((data, i) => {
      const node = nodes[i];
      if (node && node.data !== data) node.data = data;
    });
  }
}
