// ELK for the panel, off the page's main thread: the panel's diagram library (mermaidBundle.ts) is
// built with this module in place of elkjs's `elk.bundled.js` (esbuild.mjs), so mermaid's ELK
// layout talks to ELK in a Web Worker instead of running it on the page's thread. ELK is 1.6 MB of
// compiled Java: in the worker it is read, compiled and warmed up while the page loads mermaid,
// and the page no longer pays for reading it. The exported page keeps elkjs's own build (one
// self-contained file, no worker).
//
// The worker is started by the panel's loader (mermaidLoader.ts, before mermaid itself loads) and
// handed over through the global `k8sAnatomyElkWorker` (a promise of the Worker). Every
// `new ELK()` (mermaid's layout makes one per drawing) gets the same instance on that worker. A
// worker that fails (it could not start, a layout threw something it cannot post back, it
// crashed, it did not answer a layout within LAYOUT_TIMEOUT_MS, it did not start within the
// loader's deadline) fails every layout waiting on it and every
// later one, with its reason: a drawing reports the error, it never waits for an answer that will
// not come.

import ElkApi from 'elkjs/lib/elk-api.js';
import type { ELK } from 'elkjs/lib/elk-api.js';

/** A layout request as elk-api sends it: `id` is how the answer finds its caller. */
interface Request {
  readonly id: number;
}

/** What elk-api's PromisedWorker needs of a worker. */
interface WorkerLike {
  onmessage: ((event: { data: unknown }) => void) | null;
  postMessage(message: Request): void;
  terminate(): void;
}

/**
 * How long a layout may take in the worker, from when it was sent, before the worker is given up:
 * the anatomy's graph is bounded (MAX_DRAWN_POOLS and the like), and laying out its largest takes
 * under a second.
 */
const LAYOUT_TIMEOUT_MS = 20_000;

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The started worker, queueing requests until it is there, and failing them all when it fails. */
class HandedOverWorker implements WorkerLike {
  onmessage: ((event: { data: unknown }) => void) | null = null;
  private worker: Worker | null = null;
  private readonly queued: Request[] = [];
  /** Request id → its deadline's timer, once it was sent to the worker. */
  private readonly waiting = new Map<number, ReturnType<typeof setTimeout> | undefined>();
  private failure: string | null = null;

  constructor(started: Promise<Worker> | undefined) {
    if (!started) {
      this.fail('the ELK worker was not started (the panel starts it before mermaid loads: webview/mermaidLoader.ts)');
      return;
    }
    started.then((worker) => {
      this.worker = worker;
      worker.onmessage = (event: MessageEvent<{ id?: unknown }>) => {
        const id = event.data?.id;
        // The worker's own warm-up answers with ids no request has (negative): not ours.
        if (typeof id !== 'number' || !this.waiting.has(id)) return;
        clearTimeout(this.waiting.get(id));
        this.waiting.delete(id);
        this.onmessage?.({ data: event.data });
      };
      worker.onerror = (event) => {
        event.preventDefault();
        this.fail(`the ELK worker failed: ${event.message || 'no reason given'}`);
      };
      worker.onmessageerror = () => this.fail('the ELK worker sent an answer that could not be read');
      for (const request of this.queued.splice(0)) this.send(request);
    }, (error: unknown) => this.fail(`the ELK worker could not start: ${messageOf(error)}`));
  }

  postMessage(request: Request): void {
    if (this.failure !== null) return this.answerError(request.id, this.failure);
    // Mermaid's graph carries functions (each node's intersect) that a worker cannot be sent; ELK
    // reads only the data, so the worker gets the data alone (and gives it back laid out).
    let data: Request;
    try {
      data = JSON.parse(JSON.stringify(request)) as Request;
    } catch (error) {
      return this.notSent(request.id, error);
    }
    // Until the worker is there, the loader's own deadline for its start applies.
    this.waiting.set(request.id, undefined);
    if (this.worker) this.send(data);
    else this.queued.push(data);
  }

  terminate(): void {
    this.worker?.terminate();
    this.fail('the ELK worker was stopped');
  }

  private send(request: Request): void {
    this.waiting.set(request.id, setTimeout(() => {
      this.worker?.terminate();
      this.fail(`the ELK worker did not answer within ${LAYOUT_TIMEOUT_MS / 1000} s`);
    }, LAYOUT_TIMEOUT_MS));
    try {
      this.worker?.postMessage(request);
    } catch (error) {
      clearTimeout(this.waiting.get(request.id));
      this.waiting.delete(request.id);
      this.notSent(request.id, error);
    }
  }

  private notSent(id: number, error: unknown): void {
    this.answerError(id, `the layout request could not be sent to the ELK worker: ${messageOf(error)}`);
  }

  /** Answer one request with an error, as elk-api reads answers (later, like the worker would). */
  private answerError(id: number, reason: string): void {
    setTimeout(() => this.onmessage?.({ data: { id, error: new Error(reason) } }), 0);
  }

  private fail(reason: string): void {
    if (this.failure !== null) return;
    this.failure = reason;
    this.queued.length = 0;
    const waiting = [...this.waiting.keys()];
    for (const timer of this.waiting.values()) clearTimeout(timer);
    this.waiting.clear();
    for (const id of waiting) this.answerError(id, reason);
  }
}

let shared: ELK | null = null;

/** `new ELK()` as mermaid's layout calls it: the one ELK on the panel's worker. */
export class PanelElk {
  constructor() {
    shared ??= new ElkApi({ workerFactory: () => new HandedOverWorker(globalThis.k8sAnatomyElkWorker) as unknown as Worker });
    // A constructor that returns an object makes `new` return it: every caller shares one worker.
    return shared as unknown as PanelElk;
  }
}

// The default export is the one thing this module is for: it stands in for elkjs's own, which
// mermaid's ELK layout imports as `import ELK from 'elkjs/lib/elk.bundled.js'`.
export { PanelElk as default };
