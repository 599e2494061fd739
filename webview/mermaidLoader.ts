// Mermaid (our build, 1.5 MiB: webview/mermaidBundle.ts) and ELK (1.5 MiB, in a Web Worker:
// elkWorker.ts) are loaded by the panel, not by the page before main.js: the panel says
// `ready` and shows the host's first answer (status, progress) first, and the library loads while
// the cluster is read; the diagram asks for it when it draws. It sits next to main.js in
// dist/webview (never bundled again), so its URL is derived from this module's own; the page's
// CSP allows scripts from there only. The script element is built here with a fixed URL: no
// cluster string comes near it.

import type { Mermaid } from 'mermaid';

let loading: Promise<Mermaid | null> | null = null;

/** Load one classic script from beside this module; resolves false when it failed to load. */
function loadScript(file: string): Promise<boolean> {
  return new Promise((resolve) => {
    const script = document.createElement('script');
    const nonce = document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce;
    if (nonce) script.nonce = nonce;
    script.async = true;
    script.addEventListener('load', () => resolve(true));
    script.addEventListener('error', () => resolve(false));
    script.src = new URL(file, import.meta.url).href;
    document.head.appendChild(script);
  });
}

/**
 * A small layout the ELK worker runs as soon as ELK is in (frames in a frame, lines across them,
 * as the anatomy's): the worker's first real layout then runs on warm code. Its answers carry ids
 * no request has (negative), which the library's side ignores (elkWorker.ts).
 */
const ELK_WARM_UP = `
;(function () {
  var dispatch = self.onmessage;
  if (typeof dispatch !== 'function') return;
  var box = function (id) { return { id: id, width: 120, height: 36 }; };
  dispatch({ data: { cmd: 'register', algorithms: ['layered'], id: -2 } });
  dispatch({ data: { cmd: 'layout', id: -1, layoutOptions: {}, options: {}, graph: {
    id: 'warm-up', layoutOptions: { 'elk.hierarchyHandling': 'INCLUDE_CHILDREN', 'elk.algorithm': 'layered', 'elk.direction': 'DOWN' },
    children: [
      { id: 'top', children: [box('api'), box('etcd')], edges: [{ id: 'e0', sources: ['api'], targets: ['etcd'] }] },
      { id: 'pools', children: [
        { id: 'p1', children: [box('k1'), box('r1')], edges: [{ id: 'e1', sources: ['k1'], targets: ['r1'] }] },
        { id: 'p2', children: [box('k2'), box('r2')], edges: [{ id: 'e2', sources: ['k2'], targets: ['r2'] }] }
      ] }
    ],
    edges: [{ id: 'e3', sources: ['api'], targets: ['pools'] }, { id: 'e4', sources: ['r1'], targets: ['k2'] }]
  } } });
})();
`;

/**
 * How long ELK's worker may take to start (its script fetched, read and warmed up; about a second
 * here) before the drawings that wait for it fail: long, as a remote VS Code may move 1.5 MiB
 * slowly.
 */
const ELK_START_TIMEOUT_MS = 120_000;

/** The ELK worker, started (startElkWorker) within ELK_START_TIMEOUT_MS, or the reason it was not. */
function startElkWorkerInTime(): Promise<Worker> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`it did not start within ${ELK_START_TIMEOUT_MS / 1000} s`)), ELK_START_TIMEOUT_MS);
  });
  const started = startElkWorker();
  // A worker that starts after the deadline is not used: stop it.
  void started.then((worker) => late.catch(() => worker.terminate()), () => undefined);
  return Promise.race([started, late]).finally(() => clearTimeout(timer));
}

/**
 * Start the ELK worker (VS Code webviews start workers from blob: URLs only): elk-worker.js (ELK
 * itself, 1.6 MB) fetched from beside this module, with the warm-up after it.
 */
async function startElkWorker(): Promise<Worker> {
  const response = await fetch(new URL('elk-worker.js', import.meta.url));
  if (!response.ok) throw new Error(`elk-worker.js: HTTP ${response.status}`);
  const url = URL.createObjectURL(new Blob([await response.text(), ELK_WARM_UP], { type: 'text/javascript' }));
  const worker = new Worker(url, { name: 'k8s-anatomy-elk' });
  // Handed over once it has run its warm-up (an error before that, a script that is not ELK or
  // could not run, rejects); the blob is read by then.
  return new Promise<Worker>((resolve, reject) => {
    const done = (ok: boolean, event?: ErrorEvent) => {
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
      URL.revokeObjectURL(url);
      if (ok) resolve(worker);
      else {
        worker.terminate();
        reject(new Error(event?.message || 'the worker failed as it started'));
      }
    };
    const onMessage = (event: MessageEvent<{ id?: unknown }>) => {
      if (event.data?.id === -1) done(true);
    };
    const onError = (event: ErrorEvent) => {
      event.preventDefault();
      done(false, event);
    };
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', onError);
  });
}

/**
 * The mermaid global, loading it on first call; null when it could not be loaded. The ELK worker
 * starts first, so ELK loads and warms up in it while mermaid loads here.
 */
export function loadMermaid(): Promise<Mermaid | null> {
  loading ??= (async () => {
    if (globalThis.mermaid) return globalThis.mermaid;
    if (!globalThis.k8sAnatomyElkWorker) {
      const worker = startElkWorkerInTime();
      worker.catch(() => undefined); // reported by the layout that needs it (elkWorker.ts)
      globalThis.k8sAnatomyElkWorker = worker;
    }
    if (!(await loadScript('mermaid.min.js'))) return null;
    return globalThis.mermaid ?? null;
  })();
  return loading;
}
