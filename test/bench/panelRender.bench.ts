// How long the panel's first real drawing takes, in plain Chromium (no code-server): the built
// webview (dist/webview, `node esbuild.mjs` first) served from a made-up origin with the panel's
// own HTML and CSP and a stub acquireVsCodeApi, as test/webview/panelGeometry.test.ts does. Each
// run is a fresh browser context (nothing compiled or cached from the last one) that goes the
// panel's way: a `loading` status (mermaid and ELK load, DiagramView.warmUp runs), then `ready` and
// the model of the 16-pool cluster (manyPoolsCluster(MAX_DRAWN_POOLS), the shape of the generated
// 5,000-node cluster's picture). Measured in the page with performance.now():
//   warm-up     the warm-up's mermaid.render
//   first       the first real mermaid.render (the model's), after the warm-up
//   second      mermaid.render of the same text again in the same page (called directly)
//   model→SVG   posting the `model` message → the SVG in #k8sa-canvas (a MutationObserver)
// Prints medians with min–max per build. Not a test: it reports numbers and never fails on them.
// The page is the size of the panel's webview in code-server at 1440×900 (PANEL_IN_WORKBENCH).
//
//   npm run bench:render                                               builds, then dist/webview, 5 runs
//   node --import tsx test/bench/panelRender.bench.ts                  dist/webview as it is, 5 runs
//   node --import tsx test/bench/panelRender.bench.ts --runs 8 --dist /tmp/before/webview --dist dist/webview
//       several builds, alternated run by run (compare within one run on a noisy machine)
//   ... --profile /tmp/first.cpuprofile
//       also one more run per build with a CPU profile (CDP Profiler) of model → SVG; prints the
//       heaviest functions (self time) and the time under a few known subtrees, and writes the
//       profile (open it in Chrome DevTools' Performance panel)
//   ... --no-warm-up     post `ready` first, so the panel skips its warm-up (the page's first render)

import { writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, PANEL_IN_WORKBENCH } from '../fixtures/chromium';
import type { PanelModel } from '../../src/protocol/messages';
import { PANEL_ORIGIN, manyPoolsModel, servePanel, until } from '../fixtures/panelPage';

const ROOT = resolve(__dirname, '..', '..');
const NONCE = 'cGFuZWwtcmVuZGVyLWJlbmNo';

const args = process.argv.slice(2);
const valuesOf = (name: string): string[] => args.flatMap((a, i) => (a === `--${name}` && args[i + 1] !== undefined ? [args[i + 1] as string] : []));
const runs = Number(valuesOf('runs')[0] ?? 5);
const dists = (valuesOf('dist').length ? valuesOf('dist') : ['dist/webview']).map((d) => resolve(ROOT, d));
const profilePath = valuesOf('profile')[0];
const warmUp = !args.includes('--no-warm-up');

/** A stand-in for VS Code, and timing hooks: every mermaid.render's start and end, and when the SVG arrives in the canvas. */
const PAGE_HOOKS = `window.__posted = [];
window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => undefined, setState: () => {} });
window.__renders = [];
Object.defineProperty(window, 'mermaid', { configurable: true, get() { return undefined; }, set(m) {
  const render = m.render.bind(m);
  m.render = async (id, text) => {
    const entry = { id, start: performance.now(), end: 0 };
    window.__renders.push(entry);
    try { return await render(id, text); } finally { entry.end = performance.now(); }
  };
  Object.defineProperty(window, 'mermaid', { value: m, writable: true, configurable: true });
} });
window.__svgAt = 0;
new MutationObserver(() => {
  if (!window.__svgAt && document.querySelector('#k8sa-canvas svg')) window.__svgAt = performance.now();
}).observe(document, { childList: true, subtree: true });`;

async function freshPanel(browser: Browser, dist: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: PANEL_IN_WORKBENCH });
  const page = await context.newPage();
  await servePanel(page, dist, NONCE);
  await page.addInitScript(PAGE_HOOKS);
  await page.goto(`${PANEL_ORIGIN}/panel.html`);
  await until(page, 'window.__posted.some((m) => m.type === "ready")', 30_000, 20);
  return { page, close: () => context.close() };
}

interface Sample {
  warmUpMs: number | null;
  firstMs: number;
  secondMs: number;
  modelToSvgMs: number;
}

/** One fresh page: status → (warm-up) → model; the numbers of that page; `profile` records model → SVG. */
async function measure(browser: Browser, dist: string, model: PanelModel, profile?: string): Promise<Sample> {
  const { page, close } = await freshPanel(browser, dist);
  try {
    const post = (message: unknown) => page.evaluate(`window.postMessage(${JSON.stringify(message)}, '*')`);
    await post({ type: 'status', status: warmUp ? { kind: 'loading', message: 'Reading context bench' } : { kind: 'ready' } });
    await until(page, 'typeof window.mermaid !== "undefined"', 60_000);
    if (warmUp) await until(page, 'window.__renders.length > 0 && window.__renders.every((r) => r.end > 0)', 60_000);
    // Let the page go idle, as it does while the host reads the cluster.
    await new Promise((r) => setTimeout(r, 300));
    const cdp = profile ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    await page.evaluate(`window.__posted0 = performance.now(); window.postMessage(${JSON.stringify({ type: 'status', status: { kind: 'ready' } })}, '*'); window.postMessage(${JSON.stringify({ type: 'model', seq: 1, model })}, '*')`);
    await until(page, 'window.__posted.some((m) => m.type === "shown" && m.seq === 1)', 60_000);
    if (cdp && profile) {
      const { profile: recorded } = await cdp.send('Profiler.stop');
      await writeFile(profile, JSON.stringify(recorded));
      summarise(recorded as CpuProfile);
    }
    const first = await page.evaluate('(() => { const r = window.__renders.find((x) => x.id === "k8sa-svg-1"); return { ms: r.end - r.start, svg: window.__svgAt - window.__posted0 }; })()') as { ms: number; svg: number };
    const warm = await page.evaluate('(() => { const r = window.__renders.find((x) => x.id === "k8sa-warm-up"); return r ? r.end - r.start : null; })()') as number | null;
    // The same picture again, straight through mermaid (already initialised by the panel).
    const secondMs = await page.evaluate(`(async () => {
      const t = performance.now();
      await window.mermaid.render('k8sa-bench-2', ${JSON.stringify(model.mermaid)});
      const ms = performance.now() - t;
      for (const id of ['k8sa-bench-2', 'dk8sa-bench-2', 'ik8sa-bench-2']) document.getElementById(id)?.remove();
      return ms;
    })()`) as number;
    return { warmUpMs: warm, firstMs: first.ms, secondMs, modelToSvgMs: first.svg };
  } finally {
    await close();
  }
}

// --- CPU profile summary -----------------------------------------------------------------------

interface CpuNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }
interface CpuProfile { nodes: CpuNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

/** Subtrees whose total time we want to know, by a test on the function name and script (names that survive minifying). */
const SUBTREES: readonly { name: string; test: (f: CpuNode['callFrame']) => boolean }[] = [
  { name: 'in mermaid.min.js (mermaid, ELK and their glue)', test: (f) => f.url.endsWith('mermaid.min.js') },
  { name: 'getBBox', test: (f) => f.functionName === 'getBBox' },
  { name: 'getComputedTextLength', test: (f) => f.functionName === 'getComputedTextLength' },
  { name: 'DOMPurify sanitize', test: (f) => /sanitize/i.test(f.functionName) && f.url.endsWith('mermaid.min.js') },
  { name: 'install (our diagram.ts)', test: (f) => f.functionName === 'install' && f.url.endsWith('.js') && !f.url.endsWith('mermaid.min.js') },
  { name: '(garbage collector)', test: (f) => f.functionName === '(garbage collector)' },
];

function summarise(profile: CpuProfile): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0)));
  const totalMs = (profile.endTime - profile.startTime) / 1000;

  // Self time by function (name + script + position).
  const self = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const f = byId.get(id)?.callFrame;
    if (!f) continue;
    const key = `${f.functionName || '(anonymous)'} ${f.url ? `${basename(f.url)}:${f.lineNumber + 1}:${f.columnNumber + 1}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + us);
  }
  console.log(`  profile: ${totalMs.toFixed(0)} ms recorded; heaviest self time:`);
  for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`    ${(us / 1000).toFixed(1).padStart(7)} ms  ${key}`);

  // Inclusive time under each subtree (a sample counts once, under its outermost match).
  console.log('  time under:');
  for (const subtree of SUBTREES) {
    let us = 0;
    for (const [id, t] of selfUs) {
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const f = byId.get(at)?.callFrame;
        if (f && subtree.test(f)) {
          us += t;
          break;
        }
      }
    }
    console.log(`    ${(us / 1000).toFixed(1).padStart(7)} ms  ${subtree.name}`);
  }
}

// --- report ------------------------------------------------------------------------------------

function stat(values: readonly number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] as number : ((sorted[sorted.length / 2 - 1] as number) + (sorted[sorted.length / 2] as number)) / 2;
  return `${mid.toFixed(0)} ms (${(sorted[0] as number).toFixed(0)}–${(sorted[sorted.length - 1] as number).toFixed(0)})`;
}

async function main(): Promise<void> {
  for (const dist of dists) if (!existsSync(join(dist, 'main.js')) || !existsSync(join(dist, 'mermaid.min.js'))) throw new Error(`${dist}: not a built webview (node esbuild.mjs)`);
  const model = manyPoolsModel();
  console.log(`# ${model.anatomy.nodes.length} components, mermaid text ${model.mermaid.length} characters; ${runs} fresh pages per build${warmUp ? '' : ', no warm-up'}`);
  const browser = await launchChromium();
  try {
    // One throw-away page first: the browser's own start-up is nobody's number.
    await measure(browser, dists[0] as string, model);
    const results = new Map<string, Sample[]>(dists.map((d) => [d, []]));
    for (let run = 0; run < runs; run++) {
      for (const dist of dists) {
        const sample = await measure(browser, dist, model);
        results.get(dist)?.push(sample);
        console.log(`  run ${run + 1} ${dist}: warm-up ${sample.warmUpMs?.toFixed(0) ?? '-'} ms, first ${sample.firstMs.toFixed(0)} ms, second ${sample.secondMs.toFixed(0)} ms, model→SVG ${sample.modelToSvgMs.toFixed(0)} ms`);
      }
    }
    console.log('');
    for (const [dist, samples] of results) {
      const warm = samples.map((s) => s.warmUpMs).filter((v): v is number => v !== null);
      console.log(`${dist}`);
      if (warm.length) console.log(`  warm-up render          ${stat(warm)}`);
      console.log(`  first render            ${stat(samples.map((s) => s.firstMs))}`);
      console.log(`  second render           ${stat(samples.map((s) => s.secondMs))}`);
      console.log(`  model → SVG in the DOM  ${stat(samples.map((s) => s.modelToSvgMs))}`);
    }
    if (profilePath) {
      for (const [i, dist] of dists.entries()) {
        const file = dists.length > 1 ? profilePath.replace(/(\.cpuprofile)?$/, `-${i}.cpuprofile`) : profilePath;
        console.log(`\nprofiled run, ${dist} → ${file}`);
        const sample = await measure(browser, dist, model, file);
        console.log(`  (first ${sample.firstMs.toFixed(0)} ms, model→SVG ${sample.modelToSvgMs.toFixed(0)} ms, with the profiler's overhead)`);
      }
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
