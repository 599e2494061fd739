// The webview's UI state: selection, zoom, scroll and which view is shown. Persisted with
// `vscode.setState` so a hidden-then-shown or restored panel comes back as it was. UI only: cluster
// data is never stored here (it is re-read by the host). Pure apart from the timer, so unit-tested.

import type { WebviewUiState } from '../src/protocol/messages';
import { isRecord } from '../src/core/read';

/** Low enough for Fit to show all of a 16-pool anatomy (several thousand pixels wide) at once. */
export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 3;

export const DEFAULT_UI_STATE: WebviewUiState = { selected: null, zoom: 1, scrollX: 0, scrollY: 0, view: 'diagram', legend: false };

/** What `acquireVsCodeApi()` offers for state. */
export interface StateStore {
  getState(): unknown;
  setState(state: WebviewUiState): void;
}

const NODE_ID = /^[A-Za-z0-9_]{1,80}$/;

export function clampZoom(zoom: number): number {
  if (!Number.isFinite(zoom)) return 1;
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
}

/** Whatever `getState()` returned (an older version's state, or nothing) as a valid state. */
export function parseUiState(value: unknown): WebviewUiState {
  if (!isRecord(value)) return DEFAULT_UI_STATE;
  const v = value;
  const finite = (x: unknown, fallback: number) => (typeof x === 'number' && Number.isFinite(x) ? x : fallback);
  return {
    selected: typeof v['selected'] === 'string' && NODE_ID.test(v['selected']) ? v['selected'] : null,
    zoom: clampZoom(finite(v['zoom'], 1)),
    scrollX: Math.max(0, finite(v['scrollX'], 0)),
    scrollY: Math.max(0, finite(v['scrollY'], 0)),
    view: v['view'] === 'table' ? 'table' : 'diagram',
    legend: v['legend'] === true,
  };
}

/** Holds the current UI state and writes it back, at most every `delayMs` (scrolling is chatty). */
export class UiStateKeeper {
  private state: WebviewUiState;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** True when the state came from an earlier session of this panel (not the defaults). */
  readonly restored: boolean;

  constructor(private readonly store: StateStore, private readonly delayMs = 250) {
    const saved = store.getState();
    this.restored = isRecord(saved);
    this.state = parseUiState(saved);
  }

  get current(): WebviewUiState {
    return this.state;
  }

  update(patch: Partial<WebviewUiState>): void {
    this.state = parseUiState({ ...this.state, ...patch });
    if (this.timer === undefined) {
      this.timer = setTimeout(() => this.flush(), this.delayMs);
    }
  }

  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.store.setState(this.state);
  }
}
