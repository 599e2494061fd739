// The arithmetic of the diagram's zoom and pan (zoomPan.ts): pure, no DOM, so node tests run it.

export interface ViewPatch {
  zoom?: number;
  scrollX?: number;
  scrollY?: number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Size {
  readonly width: number;
  readonly height: number;
}

/** Room kept free around a fitted drawing (half on each side). */
export const FIT_PADDING_PX = 16;

/** The scroll that keeps the content point under `anchor` (viewport coordinates) in place when the zoom goes from `from` to `to`. */
export function scrollAfterZoom(scroll: Point, anchor: Point, from: number, to: number): Point {
  return { x: ((scroll.x + anchor.x) / from) * to - anchor.x, y: ((scroll.y + anchor.y) / from) * to - anchor.y };
}

/** The zoom that fits the drawing: its width (never below 75 %, so labels stay readable, nor above 100 %) or all of it (at most 150 %). */
export function fitZoom(mode: 'width' | 'both', natural: Size, pane: Size): number {
  const room = { w: pane.width - FIT_PADDING_PX, h: pane.height - FIT_PADDING_PX };
  return mode === 'width'
    ? Math.max(0.75, Math.min(1, room.w / natural.width))
    : Math.min(1.5, room.w / natural.width, room.h / Math.max(1, natural.height));
}

/** The drawing's own size: its viewBox, else its width and height attributes, else 800×600. */
export function naturalSize(viewBox: { width: number; height: number } | null, width: string | null, height: string | null): Size {
  return {
    width: viewBox && viewBox.width > 0 ? viewBox.width : Number(width) || 800,
    height: viewBox && viewBox.height > 0 ? viewBox.height : Number(height) || 600,
  };
}

/** The smallest size a component label may have on screen in the first view (issue 13). */
export const READABLE_LABEL_PX = 11;

/**
 * The zoom of a drawing's first view: all of it fitted into the pane (never enlarged past 100 %),
 * unless that would draw its smallest label (`labelPx` at 100 %) below READABLE_LABEL_PX; then
 * the smallest zoom that keeps labels readable, and the rest is reached by scrolling or Fit.
 */
export function firstViewZoom(natural: Size, pane: Size, labelPx: number): number {
  const whole = Math.min(1, fitZoom('both', natural, pane));
  // Rounded up to a whole percent, as the zoom shows: 11 px, not 10.99.
  const readable = labelPx > 0 ? Math.min(1, Math.ceil((READABLE_LABEL_PX / labelPx) * 100) / 100) : 0;
  return Math.max(whole, readable);
}
