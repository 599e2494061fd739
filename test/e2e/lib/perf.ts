// Measuring the K8s Anatomy panel in code-server + Chromium without touching the product: an init
// script records, inside the browser, when things happen. Every time is in milliseconds since the
// epoch, on Date.now()'s scale (each frame's high-resolution clock, `performance.timeOrigin +
// performance.now()`, plus that frame's offset to Date.now()), so page times compare with each
// other and with Node's Date.now() in the harness (same machine, same system clock):
//
//   - in the workbench page: every Enter key press (capture phase), i.e. the moment a command is run
//     from the palette;
//   - in a webview's outer frame (…/webview/browser/pre/index.html): its own start (the webview exists);
//     it hooks the creation of the inner frame (`#pending-frame`, fake.html) and, on that frame's
//     DOMContentLoaded (before VS Code writes the panel's HTML into it), wraps the inner realm's
//     `addEventListener` so that the panel's `message` listener is timed: when it was registered
//     (main.js ran) and when each host→webview message arrived (before the panel handles it);
//   - in the inner frame: a MutationObserver on `#k8sa-canvas` notes every SVG the panel inserts, and
//     `__k8saWatch` reports the moment the diagram's text first satisfies a condition.
//
// Playwright's addInitScript does not run in the inner frame (VS Code fills it with
// document.open/write after a same-origin about:blank → fake.html load), hence the hook from the
// outer frame. Functions passed to `evaluate` stay trivial: tsx compiles with keepNames, whose
// `__name` helper does not exist in the page; all real page code lives in PAGE_SCRIPT (plain JS).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { chromium, type Browser, type CDPSession, type Frame, type Page } from 'playwright-core';
import { runToEnd, waitFor } from './processes';
import { CHROMIUM_ARGS, Workbench, isWebviewFrame } from './workbench';

export const PAGE_SCRIPT = String.raw`(() => {
  const w = window;
  const clock = (win) => {
    const offset = win.Date.now() - (win.performance.timeOrigin + win.performance.now());
    return { now: () => win.performance.timeOrigin + win.performance.now() + offset, origin: win.performance.timeOrigin + offset };
  };
  const now = clock(w).now;
  const path = location.pathname;
  if (w === w.top) {
    if (w.__k8saTriggers) return;
    w.__k8saTriggers = [];
    w.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter') return;
      w.__k8saTriggers.push(now());
      if (w.__k8saTriggers.length > 100) w.__k8saTriggers.splice(0, 50);
    }, true);
    return;
  }
  if (!path.endsWith('/webview/browser/pre/index.html') || w.__k8saOuter) return;
  w.__k8saOuter = { start: clock(w).origin };
  const outerStart = w.__k8saOuter.start;
  const install = (iw) => {
    if (!iw || iw.__k8saPerf) return;
    const innerClock = clock(iw);
    const inow = innerClock.now;
    const rec = {
      outerStart,
      innerStart: innerClock.origin,
      hookedAt: inow(),
      listenerAt: null,
      first: {},
      counts: {},
      models: [],
      svgs: [],
      firstSvgFrame: null,
      watches: {},
      // Per model message: [arrived, data deserialized]; per mermaid.render call: [start, end].
      decoded: [],
      renders: [],
      built: [],
      forwarded: [],
      handled: [],
      tracks: {},
      mermaidAt: null,
    };
    iw.__k8saPerf = rec;
    const seen = new WeakSet();
    // The latest model message (the panel holds the same object), for its size on demand.
    let lastModel = null;
    const note = (event) => {
      const at = inow();
      if (seen.has(event)) return;
      seen.add(event);
      let type;
      try {
        const data = event.data;
        type = data && typeof data.type === 'string' ? data.type : undefined;
      } catch (_) {
        type = undefined;
      }
      if (!type) return;
      if (type === 'model') {
        rec.decoded.push([at, inow()]);
        if (rec.decoded.length > 5000) rec.decoded.splice(0, 1000);
        // The host stamps each model when it builds it (model.updatedAt, ms resolution).
        const built = Date.parse(event.data.model && event.data.model.updatedAt);
        rec.built.push([at, Number.isFinite(built) ? built : null]);
        if (rec.built.length > 5000) rec.built.splice(0, 1000);
      }
      rec.counts[type] = (rec.counts[type] || 0) + 1;
      if (!(type in rec.first)) rec.first[type] = at;
      if (type === 'model') {
        lastModel = event.data;
        rec.models.push(at);
        if (rec.models.length > 5000) rec.models.splice(0, 1000);
      }
    };
    let observing = false;
    const observe = () => {
      if (observing) return;
      const canvas = iw.document.getElementById('k8sa-canvas');
      if (!canvas) return;
      observing = true;
      new iw.MutationObserver((records) => {
        const at = inow();
        for (const r of records) {
          for (const node of r.addedNodes) {
            if (node.nodeName && node.nodeName.toLowerCase() === 'svg') {
              rec.svgs.push(at);
              if (rec.svgs.length > 5000) rec.svgs.splice(0, 1000);
              if (rec.firstSvgFrame === null) {
                rec.firstSvgFrame = 0;
                iw.requestAnimationFrame(() => { rec.firstSvgFrame = inow(); });
              }
            }
          }
        }
      }).observe(canvas, { childList: true });
    };
    // Time mermaid's render (the library, not our code), once mermaid.min.js has defined it.
    const timeMermaid = () => {
      const m = iw.mermaid;
      if (!m || m.__k8saTimed || typeof m.render !== 'function') return;
      const render = m.render;
      try {
        m.render = function () {
          const start = inow();
          const done = () => {
            rec.renders.push([start, inow()]);
            if (rec.renders.length > 5000) rec.renders.splice(0, 1000);
          };
          const result = render.apply(this, arguments);
          if (result && typeof result.then === 'function') result.then(done, done);
          else done();
          return result;
        };
        m.__k8saTimed = true;
      } catch (_) {
        // a frozen object: no render times
      }
    };
    // The outer frame forwards each host message with contentWindow.postMessage: note when a model
    // got there (the renderer's main thread then still has to dispatch it to the panel).
    try {
      const post = iw.postMessage;
      iw.postMessage = function (message) {
        try {
          if (message && message.type === 'model') {
            rec.forwarded.push(inow());
            if (rec.forwarded.length > 5000) rec.forwarded.splice(0, 1000);
          }
        } catch (_) {
          // not ours
        }
        return post.apply(this, arguments);
      };
    } catch (_) {
      // no forwarding times
    }
    const proto = iw.EventTarget.prototype;
    const original = proto.addEventListener;
    proto.addEventListener = function (type, listener, options) {
      if (this === iw && type === 'message' && typeof listener === 'function') {
        if (rec.listenerAt === null) rec.listenerAt = inow();
        observe();
        timeMermaid();
        // The panel loads mermaid.min.js after it said ready: time it as soon as it defines the
        // global (its last statement assigns globalThis.mermaid, which this setter sees).
        if (!iw.mermaid && !Object.getOwnPropertyDescriptor(iw, 'mermaid')) {
          let value;
          Object.defineProperty(iw, 'mermaid', {
            configurable: true,
            enumerable: true,
            get: () => value,
            set: (next) => {
              value = next;
              rec.mermaidAt = inow();
              timeMermaid();
            },
          });
        }
        const inner = listener;
        return original.call(this, type, function (event) {
          note(event);
          const start = inow();
          try {
            return inner.apply(this, arguments);
          } finally {
            // The panel's synchronous work for this message (mermaid's render continues asynchronously).
            rec.handled.push([start, inow() - start]);
            if (rec.handled.length > 5000) rec.handled.splice(0, 1000);
          }
        }, options);
      }
      return original.call(this, type, listener, options);
    };
    const diagramText = () => {
      const canvas = iw.document.getElementById('k8sa-canvas');
      const svg = canvas && canvas.querySelector('svg');
      if (!svg) return null;
      const walker = iw.document.createTreeWalker(svg, 4);
      let text = '';
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n.parentNode && n.parentNode.nodeName.toLowerCase() === 'style') continue;
        text += n.data;
      }
      return text.replace(/\s+/g, '');
    };
    iw.__k8saDiagramText = diagramText;
    // Note the moment the diagram's text has every string of wanted and none of unwanted (compare
    // without whitespace: mermaid splits labels into words). Result in rec.watches[key].
    iw.__k8saWatch = (key, wanted, unwanted) => {
      const ok = () => {
        const text = diagramText();
        return text !== null && wanted.every((s) => text.includes(s)) && !unwanted.some((s) => text.includes(s));
      };
      if (ok()) {
        rec.watches[key] = { dom: inow(), frame: null, already: true };
        return true;
      }
      const canvas = iw.document.getElementById('k8sa-canvas');
      const mo = new iw.MutationObserver(() => {
        if (!ok()) return;
        mo.disconnect();
        const result = { dom: inow(), frame: null, already: false };
        rec.watches[key] = result;
        iw.requestAnimationFrame(() => { result.frame = inow(); });
      });
      mo.observe(canvas, { childList: true, subtree: true, characterData: true });
      return false;
    };
    // Note every time the diagram starts or stops satisfying the condition: [time, satisfied].
    iw.__k8saTrack = (key, wanted, unwanted) => {
      const ok = () => {
        const text = diagramText();
        return text !== null && wanted.every((s) => text.includes(s)) && !unwanted.some((s) => text.includes(s));
      };
      let last = ok();
      const transitions = [[inow(), last]];
      rec.tracks[key] = transitions;
      new iw.MutationObserver(() => {
        const now = ok();
        if (now === last) return;
        last = now;
        transitions.push([inow(), now]);
      }).observe(iw.document.getElementById('k8sa-canvas'), { childList: true, subtree: true, characterData: true });
      return last;
    };
    iw.__k8saSnapshot = () => ({
      ...rec,
      first: { ...rec.first },
      counts: { ...rec.counts },
      models: rec.models.slice(),
      svgs: rec.svgs.slice(),
      decoded: rec.decoded.slice(),
      renders: rec.renders.slice(),
      built: rec.built.slice(),
      forwarded: rec.forwarded.slice(),
      handled: rec.handled.slice(),
      tracks: JSON.parse(JSON.stringify(rec.tracks)),
      watches: JSON.parse(JSON.stringify(rec.watches)),
      resources: iw.performance.getEntriesByType('resource')
        .filter((e) => /\/dist\/webview\//.test(e.name))
        .map((e) => ({ name: e.name.replace(/^.*\/dist\/webview\//, '').replace(/\?.*$/, ''), start: innerClock.origin + e.startTime, end: innerClock.origin + e.responseEnd, bytes: e.encodedBodySize })),
    });
    iw.__k8saModelBytes = () => (lastModel ? new TextEncoder().encode(JSON.stringify(lastModel)).length : null);
    iw.__k8saCounts = () => {
      const d = iw.document;
      const canvas = d.getElementById('k8sa-canvas');
      const svg = canvas && canvas.querySelector('svg');
      const mem = iw.performance.memory;
      const within = (selector) => { const e = d.querySelector(selector); return e ? e.getElementsByTagName('*').length : 0; };
      // mermaid.render draws into a temporary element beside #app and removes it when done; a
      // sample taken mid-render would count a second copy of the picture, so the page's size
      // leaves it out (strayMermaidElements counts what is left there).
      const stray = [...d.body.children].filter((e) => e.id !== 'app' && e.nodeName !== 'SCRIPT');
      return {
        elements: d.getElementsByTagName('*').length - stray.reduce((n, e) => n + 1 + e.getElementsByTagName('*').length, 0),
        tableElements: within('.table-view'),
        detailsElements: within('aside.details'),
        svgElements: svg ? svg.getElementsByTagName('*').length + 1 : 0,
        svgsInDocument: d.getElementsByTagName('svg').length,
        strayMermaidElements: stray.length,
        usedJSHeapSize: mem ? mem.usedJSHeapSize : null,
        models: rec.counts.model || 0,
        svgsDrawn: rec.svgs.length,
        nodesLabel: (() => { const t = diagramText() || ''; const m = /Nodes·(\d+)in(\d+)pools?/.exec(t); return m ? { nodes: Number(m[1]), pools: Number(m[2]) } : null; })(),
      };
    };
  };
  const appendChild = Node.prototype.appendChild;
  Node.prototype.appendChild = function (child) {
    const result = appendChild.apply(this, arguments);
    try {
      if (child && child.nodeName === 'IFRAME' && child.id === 'pending-frame' && child.contentWindow) {
        const frameWindow = child.contentWindow;
        // VS Code listens the same way: the about:blank window is reused for fake.html.
        frameWindow.addEventListener('DOMContentLoaded', () => install(child.contentWindow));
      }
    } catch (_) {
      // never break the workbench
    }
    return result;
  };
})();`;

// --- the browser ---------------------------------------------------------------------------------

/** Debian's Chromium as the suite starts it, plus precise `performance.memory` values. */
export async function launchPerfBrowser(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'], headless: true, timeout: 60_000 });
}

/** The workbench with PAGE_SCRIPT in every later document, and in the current top page now. */
export async function openTimedWorkbench(browser: Browser, url: string): Promise<Workbench> {
  const wb = await Workbench.open(browser, url);
  await wb.context.addInitScript(PAGE_SCRIPT);
  await wb.page.evaluate(PAGE_SCRIPT);
  return wb;
}

/** How many extension hosts of this user-data dir have logged "Eager extensions activated". */
function startedExtensionHosts(userDataDir: string): number {
  return filesUnder(join(userDataDir, 'logs'))
    .filter((f) => f.endsWith('remoteexthost.log'))
    .filter((f) => readFileSync(f, 'utf8').includes('Eager extensions activated')).length;
}

/**
 * Reload the workbench: code-server ends the page's extension host and starts a new one, in which
 * nothing is activated yet. Waits until the workbench is drawn and the new extension host has
 * activated its eager (built-in) extensions, then lets it settle for `settleMs`, so a command run
 * next measures our activation and not the extension host's start.
 */
export async function reloadWorkbench(wb: Workbench, userDataDir: string, settleMs = 2_000): Promise<void> {
  const before = startedExtensionHosts(userDataDir);
  await wb.page.reload({ waitUntil: 'domcontentloaded', timeout: 60_000 });
  await wb.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
  await wb.page.locator('.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
  await waitFor('a new extension host to activate its eager extensions', 60_000, () => startedExtensionHosts(userDataDir) > before, 200);
  await wb.page.waitForTimeout(settleMs);
}

const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_BOX = `${QUICK_INPUT} .quick-input-box input`;
const FOCUSED_ROW = `${QUICK_INPUT} .quick-input-list .monaco-list-row.focused`;

/**
 * Run a command from the palette with the Enter key (so its moment is recorded): F1, type the title,
 * wait until the focused row is exactly that command, clear the recorded presses, press Enter.
 */
export async function runCommandWithEnter(wb: Workbench, title: string, timeoutMs = 30_000): Promise<void> {
  const { page } = wb;
  await waitFor(`the command "${title}" focused in the command palette`, timeoutMs, async () => {
    await wb.escape();
    await page.keyboard.press('F1');
    const input = page.locator(QUICK_INPUT_BOX);
    await input.waitFor({ state: 'visible', timeout: 5_000 });
    await input.fill('>');
    await page.keyboard.type(title, { delay: 2 });
    const deadline = Date.now() + 4_000;
    while (Date.now() < deadline) {
      const label = await page.locator(FOCUSED_ROW).first().getAttribute('aria-label', { timeout: 500 }).catch(() => null);
      if (label === title || label?.startsWith(`${title},`)) {
        await page.evaluate('window.__k8saTriggers && window.__k8saTriggers.splice(0)');
        await page.keyboard.press('Enter');
        await page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
        return true;
      }
      await page.waitForTimeout(50);
    }
    return false;
  }, 500);
}

/** When Enter was pressed last in the workbench (page clock), or null. */
export async function lastTrigger(page: Page): Promise<number | null> {
  const value = await page.evaluate('(window.__k8saTriggers || []).slice(-1)[0] ?? null');
  return typeof value === 'number' ? value : null;
}

// --- the panel's timeline ------------------------------------------------------------------------

export interface WebviewTimeline {
  /** The webview's outer frame started loading: the webview exists. */
  readonly outerStart: number;
  /** The inner frame (fake.html, then the panel's HTML) started loading. */
  readonly innerStart: number;
  /** The panel's `message` listener was registered: main.js has run (and is about to say `ready`). */
  readonly listenerAt: number | null;
  /** mermaid.min.js defined the global `mermaid` (the panel loads it after `ready`). */
  readonly mermaidAt: number | null;
  /** First arrival of each host→webview message type. */
  readonly first: Readonly<Record<string, number>>;
  readonly counts: Readonly<Record<string, number>>;
  /** Arrival of the last `model` messages (at most 5,000). */
  readonly models: readonly number[];
  /** Every SVG the panel inserted into #k8sa-canvas (at most 5,000). */
  readonly svgs: readonly number[];
  /** Per `model` message: [arrived, its data deserialized] (at most 5,000). */
  readonly decoded: readonly (readonly [number, number])[];
  /** Per mermaid.render call: [start, end] (at most 5,000). */
  readonly renders: readonly (readonly [number, number])[];
  /** Per `model` message: [arrived, when the host built it (its updatedAt)] (at most 5,000). */
  readonly built: readonly (readonly [number, number | null])[];
  /** When the outer webview frame forwarded each `model` message to the panel's frame (at most 5,000). */
  readonly forwarded: readonly number[];
  /** Per message the panel handled: [start, duration of its synchronous handling] (at most 5,000). */
  readonly handled: readonly (readonly [number, number])[];
  /** Per __k8saTrack key: [time, the diagram satisfies the condition] at the start and at every change. */
  readonly tracks: Readonly<Record<string, readonly (readonly [number, boolean])[]>>;
  /** The animation frame after the first SVG was inserted (0 while pending). */
  readonly firstSvgFrame: number | null;
  readonly watches: Readonly<Record<string, { dom: number; frame: number | null; already: boolean }>>;
  readonly resources: readonly { name: string; start: number; end: number; bytes: number }[];
}

export async function timeline(frame: Frame): Promise<WebviewTimeline> {
  const value = await frame.evaluate('window.__k8saSnapshot ? window.__k8saSnapshot() : null');
  if (!value) throw new Error(`the webview frame ${frame.url().slice(0, 120)} was not instrumented (no __k8saPerf)`);
  return value as WebviewTimeline;
}

export interface PanelCounts {
  /** Elements in the webview's document, but for a render in flight (the stray elements and their content). */
  readonly elements: number;
  /** …of which in the table view (sized by pools and findings) and in the details pane. */
  readonly tableElements: number;
  readonly detailsElements: number;
  readonly svgElements: number;
  readonly svgsInDocument: number;
  readonly strayMermaidElements: number;
  readonly usedJSHeapSize: number | null;
  readonly models: number;
  readonly svgsDrawn: number;
  readonly nodesLabel: { nodes: number; pools: number } | null;
}

export async function panelCounts(frame: Frame): Promise<PanelCounts> {
  return (await frame.evaluate('window.__k8saCounts()')) as PanelCounts;
}

/** Size of the latest `model` message as JSON (UTF-8 bytes), or null before the first. */
export async function lastModelBytes(frame: Frame): Promise<number | null> {
  return (await frame.evaluate('window.__k8saModelBytes()')) as number | null;
}

/** The instrumented panel frame (the inner webview frame with #app), other than `not`. */
export async function instrumentedPanel(wb: Workbench, timeoutMs: number, not?: string): Promise<Frame> {
  return waitFor('the instrumented K8s Anatomy panel frame', timeoutMs, async () => {
    for (const frame of wb.page.frames()) {
      if (!isWebviewFrame(frame) || frame.isDetached() || frame.url() === not) continue;
      const ok = await frame.evaluate('!!window.__k8saPerf && !!document.getElementById("app")').catch(() => false);
      if (ok) return frame;
    }
    return undefined;
  }, 50);
}

const compact = (s: string) => s.replace(/\s+/g, '');

/** Start watching the diagram for `wanted` (all) and `unwanted` (none); true if it already holds. */
export async function startWatch(frame: Frame, key: string, wanted: readonly string[], unwanted: readonly string[] = []): Promise<boolean> {
  const args = JSON.stringify([key, wanted.map(compact), unwanted.map(compact)]);
  return (await frame.evaluate(`window.__k8saWatch(...${args})`)) as boolean;
}

/** Start tracking when the diagram satisfies `wanted`/`unwanted` (see WebviewTimeline.tracks); returns whether it does now. */
export async function startTrack(frame: Frame, key: string, wanted: readonly string[], unwanted: readonly string[] = []): Promise<boolean> {
  const args = JSON.stringify([key, wanted.map(compact), unwanted.map(compact)]);
  return (await frame.evaluate(`window.__k8saTrack(...${args})`)) as boolean;
}

/** Wait for a watch started with startWatch; returns when the DOM satisfied it (page clock). */
export async function watchResult(frame: Frame, key: string, timeoutMs: number): Promise<{ dom: number; frame: number | null }> {
  const keyJson = JSON.stringify(key);
  try {
    return await waitFor(`the diagram to satisfy watch ${key}`, timeoutMs, async () => {
      const r = (await frame.evaluate(`window.__k8saPerf.watches[${keyJson}] ?? null`)) as { dom: number; frame: number | null } | null;
      return r ?? undefined;
    }, 50);
  } catch (error) {
    const text = (await frame.evaluate('window.__k8saDiagramText()').catch(() => '')) as string | null;
    throw new Error(`${(error as Error).message}; diagram text: ${(text ?? '(no svg)').slice(0, 1200)}`);
  }
}

/** The diagram's text, whitespace removed. */
export async function compactDiagramText(frame: Frame): Promise<string> {
  return ((await frame.evaluate('window.__k8saDiagramText ? window.__k8saDiagramText() : null')) as string | null) ?? '';
}

// --- what VS Code and the extension say ----------------------------------------------------------

/**
 * "Developer: Show Running Extensions" → the K8s Anatomy row's "Activation: N ms", VS Code's own
 * measurement (code loading + the activate() call). Closes the editor again.
 */
export async function vscodeActivationMs(wb: Workbench): Promise<number | null> {
  await wb.runCommand('Developer: Show Running Extensions', 20_000);
  const row = wb.page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: 'K8s Anatomy' }).first();
  let text = '';
  await waitFor('the K8s Anatomy row in Running Extensions with its activation time', 15_000, async () => {
    text = await row.innerText({ timeout: 1_000 }).catch(() => '');
    return /Activation: \d+ms/.test(text);
  }, 200).catch(() => undefined);
  await wb.page.keyboard.press('Escape');
  await closeAllEditors(wb);
  const m = /Activation: (\d+)ms/.exec(text);
  return m ? Number(m[1]) : null;
}

export async function closeAllEditors(wb: Workbench): Promise<void> {
  await wb.page.keyboard.press('Escape');
  await wb.runCommand('View: Close All Editors', 20_000);
}

function filesUnder(dir: string, out: string[] = []): string[] {
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) filesUnder(path, out);
    else out.push(path);
  }
  return out;
}

/** Every line of the extension's "K8s Anatomy" log channel, oldest session first. */
export function extensionLogLines(userDataDir: string): string[] {
  const files = filesUnder(join(userDataDir, 'logs')).filter((f) => f.endsWith('K8s Anatomy.log')).sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
  return files.flatMap((f) => readFileSync(f, 'utf8').split('\n').filter(Boolean));
}

/**
 * When the extension host logged that it activates K8s Anatomy ("ExtensionService#_doActivateExtension
 * k8s-anatomy.k8s-anatomy"), ms since the epoch; the newest such line. The log's timestamps are
 * local time with millisecond resolution.
 */
export function activationLoggedAt(userDataDir: string): number | null {
  let latest: number | null = null;
  for (const file of filesUnder(join(userDataDir, 'logs')).filter((f) => f.endsWith('remoteexthost.log'))) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const m = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3}) .*_doActivateExtension k8s-anatomy\.k8s-anatomy\b/.exec(line);
      if (!m) continue;
      const at = new Date(`${m[1]}T${m[2]}`).getTime();
      if (latest === null || at > latest) latest = at;
    }
  }
  return latest;
}

/** Durations of "read cluster (…): done in N ms" lines, oldest first. */
export function clusterReadDurations(userDataDir: string): number[] {
  return extensionLogLines(userDataDir).flatMap((line) => {
    const m = /read cluster \(.*\): done in (\d+) ms/.exec(line);
    return m ? [Number(m[1])] : [];
  });
}

// --- processes -----------------------------------------------------------------------------------

/** Process ids whose process group is `pgid` (code-server runs in its own group). */
function groupMembers(pgid: number): { pid: number; cmdline: string }[] {
  const out: { pid: number; cmdline: string }[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      out.push({ pid: Number(name), cmdline: readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ') });
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

/** The extension host processes of a code-server (its group), newest last. */
export function extensionHostPids(codeServerPid: number): number[] {
  return groupMembers(codeServerPid).filter((p) => /--type=extensionHost/.test(p.cmdline)).map((p) => p.pid).sort((a, b) => a - b);
}

/** Every process of a code-server's group with its command line (for notes and debugging). */
export function codeServerProcesses(codeServerPid: number): { pid: number; rssMiB: number | null; cmdline: string }[] {
  return groupMembers(codeServerPid).map((p) => ({ ...p, rssMiB: rssMiB(p.pid), cmdline: p.cmdline.slice(0, 200) }));
}

/** Resident set size of a process in MiB, or null when it is gone. */
export function rssMiB(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

// --- the renderer's heap -------------------------------------------------------------------------

export interface HeapSample {
  /** V8 heap of the renderer's main isolate after a full GC (workbench + webviews: same process). */
  readonly usedMiB: number;
  readonly totalMiB: number;
  readonly documents: number;
  readonly domNodes: number;
  readonly jsEventListeners: number;
}

/**
 * Samples the workbench page's renderer through CDP. The webview frames are same-origin with the
 * workbench, so they share its process and V8 isolate (Playwright: "this frame does not have a
 * separate CDP session"): the heap is the isolate's, measured after HeapProfiler.collectGarbage.
 */
export class RendererHeap {
  private constructor(private readonly cdp: CDPSession) {}

  static async attach(wb: Workbench): Promise<RendererHeap> {
    const cdp = await wb.context.newCDPSession(wb.page);
    await cdp.send('HeapProfiler.enable');
    return new RendererHeap(cdp);
  }

  async sample(): Promise<HeapSample> {
    await this.cdp.send('HeapProfiler.collectGarbage');
    await this.cdp.send('HeapProfiler.collectGarbage');
    const heap = await this.cdp.send('Runtime.getHeapUsage');
    const dom = await this.cdp.send('Memory.getDOMCounters');
    return {
      usedMiB: heap.usedSize / 1048576,
      totalMiB: heap.totalSize / 1048576,
      documents: dom.documents,
      domNodes: dom.nodes,
      jsEventListeners: dom.jsEventListeners,
    };
  }

  async detach(): Promise<void> {
    await this.cdp.detach().catch(() => undefined);
  }
}

// --- the extension host's heap -------------------------------------------------------------------

const INSPECTOR_PORT = 9229;
const INSPECT_HEAP = join(__dirname, 'inspectHeap.mjs');

function inspectorAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = get({ host: '127.0.0.1', port, path: '/json/list', timeout: 1_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

export interface ExtensionHostHeapSample {
  /** V8 heap after a forced full GC. */
  readonly usedMiB: number;
  /** process.memoryUsage() after it: memory outside the V8 heap (Buffers and the like). */
  readonly externalMiB: number;
  readonly arrayBuffersMiB: number;
  readonly rssMiB: number;
}

/**
 * The extension host's V8 heap after a forced GC. Node opens its inspector on 127.0.0.1:9229 when it
 * gets SIGUSR1 (nothing in code-server's command line changes); each sample runs inspectHeap.mjs with
 * the cache's Node 24 (global WebSocket), which checks that the inspector belongs to this pid.
 */
export class ExtensionHostHeap {
  private constructor(private readonly pid: number, private readonly nodeBin: string) {}

  /** null when port 9229 is taken by something else or the inspector does not come up. */
  static async attach(pid: number, nodeBin: string): Promise<ExtensionHostHeap | null> {
    if (await inspectorAnswers(INSPECTOR_PORT)) return null;
    process.kill(pid, 'SIGUSR1');
    const up = await waitFor('the extension host inspector', 10_000, () => inspectorAnswers(INSPECTOR_PORT), 200).catch(() => false);
    return up ? new ExtensionHostHeap(pid, nodeBin) : null;
  }

  async sample(): Promise<ExtensionHostHeapSample | null> {
    try {
      const out = await runToEnd('inspectHeap', this.nodeBin, [INSPECT_HEAP, String(INSPECTOR_PORT), String(this.pid)], { timeoutMs: 60_000 });
      const line = out.split('\n').reverse().find((l) => l.startsWith('{'));
      if (!line) return null;
      const r = JSON.parse(line) as { usedSize: number; memoryUsage: { rss: number; external: number; arrayBuffers: number } };
      const mib = (b: number) => b / 1048576;
      return { usedMiB: mib(r.usedSize), externalMiB: mib(r.memoryUsage.external), arrayBuffersMiB: mib(r.memoryUsage.arrayBuffers), rssMiB: mib(r.memoryUsage.rss) };
    } catch {
      return null;
    }
  }
}

// --- numbers -------------------------------------------------------------------------------------

export interface Summary {
  readonly n: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly values: readonly number[];
}

export function summarise(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const median = n === 0 ? NaN : n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  return { n, median, min: sorted[0] ?? NaN, max: sorted[n - 1] ?? NaN, values: values.map((v) => Math.round(v * 10) / 10) };
}

export function formatMs(s: Summary): string {
  if (s.n === 0) return 'n/a';
  const r = (v: number) => (v >= 100 ? String(Math.round(v)) : v.toFixed(1));
  return s.n === 1 ? `${r(s.median)} ms` : `${r(s.median)} ms (${r(s.min)}–${r(s.max)})`;
}

/** A plain-text table: first row is the header. */
export function textTable(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(rows[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

/** Least-squares slope of y over x. */
export function slope(xs: readonly number[], ys: readonly number[]): number {
  const n = Math.min(xs.length, ys.length);
  if (n < 2) return 0;
  const mx = xs.slice(0, n).reduce((a, b) => a + b, 0) / n;
  const my = ys.slice(0, n).reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

// --- cluster objects -----------------------------------------------------------------------------

/** A worker Node the scale cluster's pools do not have: its runtime and kubelet make a pool of its own. */
export function workerNode(name: string, runtime: string, kubeletVersion: string, ip: string): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' },
      annotations: { 'kubeadm.alpha.kubernetes.io/cri-socket': runtime.startsWith('cri-o') ? 'unix:///var/run/crio/crio.sock' : 'unix:///run/containerd/containerd.sock' },
    },
    spec: { podCIDR: '10.250.0.0/24' },
    status: {
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z') }],
      addresses: [{ type: 'InternalIP', address: ip }, { type: 'Hostname', address: name }],
      nodeInfo: {
        architecture: 'amd64',
        containerRuntimeVersion: runtime,
        kernelVersion: '6.1.0-21-amd64',
        kubeProxyVersion: kubeletVersion,
        kubeletVersion,
        operatingSystem: 'linux',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
      },
    },
  };
}
