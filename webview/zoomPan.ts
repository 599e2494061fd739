// Zoom and pan of the diagram's viewport: the zoom level and the drawing's natural size, the zoom
// toolbar, Ctrl+wheel and the + - 0 keys, drag to pan, fit, and where the view stands after a
// drawing is replaced (the first drawing, and the first of another cluster: all of it, or at least
// readable and from the control plane; restored panel: the saved scroll; a re-layout: the selected
// component stays where it was on screen).
// It knows nothing of mermaid or the anatomy: DiagramView (diagram.ts) draws and hands it the SVG.
// The arithmetic is in zoomMath.ts (pure, unit-tested in node).

import { actionButton, h } from './dom';
import { clampZoom } from './state';
import { FIT_PADDING_PX, firstViewZoom, fitZoom, naturalSize, scrollAfterZoom, type Point, type Size, type ViewPatch } from './zoomMath';

const ZOOM_STEP = 1.2;
/** Room left around the control plane when a first drawing starts there. */
const START_MARGIN_PX = 16;


/** Where the view stood before a drawing was replaced. */
export interface Place {
  readonly scroll: Point;
  readonly anchor: (() => Element | null) | null;
  readonly anchorBox: DOMRect | undefined;
}

export class ZoomPan {
  readonly toolbar: HTMLElement;
  private readonly zoomLabel: HTMLElement;
  private svg: SVGSVGElement | null = null;
  private naturalValue: Size = { width: 0, height: 0 };
  private zoom: number;
  private pendingScroll: Point | null;
  private firstDraw: boolean;
  /** Set while a drag pans the view, so the click that ends it selects nothing. */
  private draggedValue = false;

  constructor(
    private readonly viewport: HTMLElement,
    private readonly viewChanged: (patch: ViewPatch) => void,
    initial: { zoom: number; scrollX: number; scrollY: number; restored: boolean },
  ) {
    this.zoom = clampZoom(initial.zoom);
    this.pendingScroll = initial.restored ? { x: initial.scrollX, y: initial.scrollY } : null;
    this.firstDraw = !initial.restored;
    this.zoomLabel = h('span', { class: 'zoom-level', attrs: { 'aria-live': 'off' } });
    this.toolbar = h('div', { class: 'diagram-toolbar', attrs: { role: 'toolbar', 'aria-label': 'Zoom' } }, [
      actionButton('−', () => this.zoomBy(1 / ZOOM_STEP), { secondary: true, title: 'Zoom out (-)', label: 'Zoom out' }),
      this.zoomLabel,
      actionButton('+', () => this.zoomBy(ZOOM_STEP), { secondary: true, title: 'Zoom in (+)', label: 'Zoom in' }),
      actionButton('Actual Size', () => this.setZoom(1), { secondary: true, title: 'Zoom to 100% (0)' }),
      actionButton('Fit', () => this.fit('both'), { secondary: true, title: 'Fit the whole diagram' }),
      h('span', { class: 'hint', text: 'Ctrl+wheel zooms · drag or scroll to pan · Tab to a component, Enter for details' }),
    ]);
    this.updateZoomLabel();
    this.listen();
  }

  /** The drawing's size at 100 %. */
  get natural(): Size {
    return this.naturalValue;
  }

  /** A drag just ended: the click it ends is not a selection. */
  get dragged(): boolean {
    return this.draggedValue;
  }

  /** Before a drawing is replaced: the scroll, and where `anchor` (the selected component) is on screen. */
  keepPlace(anchor: (() => Element | null) | null): Place {
    return { scroll: { x: this.viewport.scrollLeft, y: this.viewport.scrollTop }, anchor, anchorBox: anchor?.()?.getBoundingClientRect() };
  }

  /** The next drawing is of another cluster: give it a first view (whole, or from the control plane) instead of the kept place. */
  viewAnew(): void {
    this.firstDraw = true;
    this.pendingScroll = null;
  }

  /** The new drawing is in the page: size it at the current zoom. */
  attach(svg: SVGSVGElement): void {
    this.naturalValue = naturalSize(svg.viewBox.baseVal, svg.getAttribute('width'), svg.getAttribute('height'));
    this.svg = svg;
    this.applyZoom();
  }

  /** Nothing to pan (the drawing failed). */
  detach(): void {
    this.svg = null;
  }

  /**
   * After attach: the first drawing is shown whole (firstViewZoom), or, when that would make its
   * labels (`labelPx` at 100 %) too small to read, at the smallest readable zoom from its top,
   * centred on `start` (the control plane); else the saved or kept place.
   */
  place(before: Place, start: () => Element | null, labelPx: number): void {
    const vp = this.viewport;
    if (this.firstDraw) {
      this.firstDraw = false;
      this.firstView(start(), labelPx);
    } else if (this.pendingScroll) {
      this.scrollTo(this.pendingScroll);
      this.pendingScroll = null;
    } else {
      this.scrollTo(before.scroll);
      const after = before.anchor?.()?.getBoundingClientRect();
      if (before.anchorBox && after) {
        vp.scrollLeft += after.left - before.anchorBox.left;
        vp.scrollTop += after.top - before.anchorBox.top;
      }
    }
  }

  scrollTo(scroll: Point): void {
    this.viewport.scrollLeft = scroll.x;
    this.viewport.scrollTop = scroll.y;
  }

  private applyZoom(): void {
    if (!this.svg) return;
    this.svg.setAttribute('width', String(Math.round(this.naturalValue.width * this.zoom)));
    this.svg.setAttribute('height', String(Math.round(this.naturalValue.height * this.zoom)));
    this.updateZoomLabel();
  }

  private updateZoomLabel(): void {
    this.zoomLabel.textContent = `${Math.round(this.zoom * 100)}%`;
  }

  private zoomBy(factor: number, anchor?: Point): void {
    this.setZoom(this.zoom * factor, anchor);
  }

  /** Zoom keeping the point under `anchor` (viewport coordinates; default: the centre) in place. */
  private setZoom(zoom: number, anchor?: Point): void {
    const next = clampZoom(zoom);
    if (Math.abs(next - this.zoom) < 1e-3) return;
    const vp = this.viewport;
    const at = anchor ?? { x: vp.clientWidth / 2, y: vp.clientHeight / 2 };
    const scroll = scrollAfterZoom({ x: vp.scrollLeft, y: vp.scrollTop }, at, this.zoom, next);
    this.zoom = next;
    this.applyZoom();
    this.scrollTo(scroll);
    this.viewChanged({ zoom: next, scrollX: vp.scrollLeft, scrollY: vp.scrollTop });
  }

  private firstView(start: Element | null, labelPx: number): void {
    const vp = this.viewport;
    if (!this.svg || this.naturalValue.width === 0 || vp.clientWidth === 0) return;
    this.setZoom(firstViewZoom(this.naturalValue, { width: vp.clientWidth, height: vp.clientHeight }, labelPx));
    const wide = this.naturalValue.width * this.zoom > vp.clientWidth;
    vp.scrollLeft = 0;
    vp.scrollTop = 0;
    if (wide) this.reveal(start);
    this.viewChanged({ zoom: this.zoom, scrollX: vp.scrollLeft, scrollY: vp.scrollTop });
  }

  /**
   * First view of a drawing wider or taller than the pane: start at `start` (the control plane —
   * where the anatomy is read from) instead of the middle of the canvas, which for a cluster of
   * many pools is empty space above the pools. Centred when it fits the pane, else its left edge;
   * its top just below the toolbar. The browser clamps both to the drawing.
   */
  private reveal(start: Element | null): void {
    if (!start) return;
    const vp = this.viewport;
    const box = start.getBoundingClientRect();
    const view = vp.getBoundingClientRect();
    vp.scrollLeft += box.width <= vp.clientWidth - 2 * START_MARGIN_PX
      ? box.left + box.width / 2 - (view.left + vp.clientWidth / 2)
      : box.left - view.left - START_MARGIN_PX;
    vp.scrollTop += box.top - view.top - START_MARGIN_PX;
    this.viewChanged({ scrollX: vp.scrollLeft, scrollY: vp.scrollTop });
  }

  /** Fit the width (first drawing) or everything (the Fit button). */
  private fit(mode: 'width' | 'both'): void {
    const { width } = this.naturalValue;
    const vp = this.viewport;
    if (!this.svg || width === 0 || vp.clientWidth === 0) return;
    this.setZoom(fitZoom(mode, this.naturalValue, { width: vp.clientWidth, height: vp.clientHeight }));
    vp.scrollLeft = mode === 'width' ? Math.max(0, (width * this.zoom - (vp.clientWidth - FIT_PADDING_PX)) / 2) : 0;
    vp.scrollTop = 0;
    this.viewChanged({ zoom: this.zoom, scrollX: vp.scrollLeft, scrollY: vp.scrollTop });
  }

  private listen(): void {
    const vp = this.viewport;
    vp.addEventListener('keydown', (event) => {
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
      saveTimer = setTimeout(() => this.viewChanged({ scrollX: vp.scrollLeft, scrollY: vp.scrollTop }), 150);
    }, { passive: true });

    // Drag the background to pan (mouse and pen; touch scrolls natively).
    let drag: { x: number; y: number; left: number; top: number; id: number } | null = null;
    vp.addEventListener('pointerdown', (event) => {
      if (event.button !== 0 || event.pointerType === 'touch') return;
      this.draggedValue = false;
      drag = { x: event.clientX, y: event.clientY, left: vp.scrollLeft, top: vp.scrollTop, id: event.pointerId };
    });
    vp.addEventListener('pointermove', (event) => {
      if (!drag || event.pointerId !== drag.id) return;
      const dx = event.clientX - drag.x;
      const dy = event.clientY - drag.y;
      if (!this.draggedValue && Math.hypot(dx, dy) < 4) return;
      if (!this.draggedValue) {
        this.draggedValue = true;
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
      setTimeout(() => (this.draggedValue = false), 0);
    };
    vp.addEventListener('pointerup', end);
    vp.addEventListener('pointercancel', end);
  }
}
