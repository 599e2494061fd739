// Flow control for models posted to the panel's webview. Drawing a big anatomy takes the webview
// most of a second, and a live cluster can change several times in that time. Posting every
// model would queue them in VS Code's message channel: the extension host's memory grows and the
// picture falls ever further behind. So one model is in flight at a time: the webview answers
// `shown` with its `seq` once it is on screen, and only the newest model that arrived meanwhile is
// sent next (older ones are dropped; nobody needs to see them). A webview that never answers
// (hung, or a page from an older version) delays updates by at most `timeoutMs`, never for good.
// No VS Code here, and the clock and timers come in, so the unit tests drive it.

export interface FlowClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const REAL_CLOCK: FlowClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class ModelFlow<T> {
  private inFlight: { readonly seq: number; readonly at: number } | null = null;
  private waiting: T | null = null;
  private nextSeq = 1;
  private timer: unknown = undefined;
  private stopped = false;

  constructor(
    private readonly send: (seq: number, model: T) => void,
    private readonly timeoutMs: number,
    private readonly clock: FlowClock = REAL_CLOCK,
  ) {}

  /** A new model: sent now if nothing is in flight, else kept (replacing any older waiting one). */
  offer(model: T): void {
    this.waiting = model;
    this.pump();
  }

  /** The webview showed model `seq`. Answers for other models (old pages, forged) change nothing. */
  shown(seq: number): void {
    if (this.inFlight?.seq !== seq) return;
    this.inFlight = null;
    this.clearTimer();
    this.pump();
  }

  /** A new page (the webview reloaded): nothing of the old one is in flight or waiting. */
  reset(): void {
    this.inFlight = null;
    this.waiting = null;
    this.clearTimer();
  }

  dispose(): void {
    this.stopped = true;
    this.reset();
  }

  /** For tests and diagnostics: is a model waiting behind one in flight? */
  get hasWaiting(): boolean {
    return this.waiting !== null;
  }

  private pump(): void {
    if (this.stopped || this.waiting === null) return;
    if (this.inFlight && this.clock.now() - this.inFlight.at < this.timeoutMs) return;
    const model = this.waiting;
    this.waiting = null;
    const seq = this.nextSeq++;
    this.inFlight = { seq, at: this.clock.now() };
    this.clearTimer();
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.pump();
    }, this.timeoutMs);
    this.send(seq, model);
  }

  private clearTimer(): void {
    if (this.timer === undefined) return;
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
