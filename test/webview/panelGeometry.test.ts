// The panel's diagram, measured (issue 13, "Done when"): the built webview bundle (dist/webview,
// `node esbuild.mjs` first) in a plain Chromium page at 1440×900, with a stub `acquireVsCodeApi`
// and the model the extension host builds for each built-in sample (buildPanelModel), posted as
// the host posts it. Judged from the drawn SVG: no two component boxes overlap, no frame overlaps
// another it does not hold, no edge passes through a box that is not one of its ends, the first
// view shows every component (nothing cut off by the pane) and the smallest label is ≥ 11 px.
// The page is served from a made-up origin through playwright's routing, with the panel's own
// HTML and CSP (src/extension/panel/html.ts), so the bundle loads mermaid and ELK as it does in VS Code.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DIAGRAM_PROBE, judgeDrawing, type Box, type Drawing } from '../fixtures/diagramGeometry';
import { launchChromium, SCREEN } from '../fixtures/chromium';
import { panelHtml } from '../../src/extension/panel/html';
import { buildPanelModel } from '../../src/extension/panel/panelModel';
import { diagnoseObjects } from '../../src/core/diagnose';
import { listSamples, loadSample } from '../../src/k8s/samples';
import type { PanelModel } from '../../src/protocol/messages';

const ORIGIN = 'https://k8s-anatomy-panel.invalid';
const DIST = resolve(__dirname, '..', '..', 'dist', 'webview');
const NONCE = 'cGFuZWwtZ2VvbWV0cnktdGVzdA==';
const TYPES: Readonly<Record<string, string>> = { '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

/** A stand-in for VS Code: records what the panel posts; the test posts the host's messages. */
const FAKE_HOST = `window.__posted = [];
window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => undefined, setState: () => {} });`;

let browser: Browser;
before(async () => {
  assert.ok(existsSync(join(DIST, 'main.js')) && existsSync(join(DIST, 'mermaid-elk.js')), 'dist/webview is built (node esbuild.mjs)');
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

export async function sampleModel(name: string): Promise<PanelModel> {
  const loaded = await loadSample(name);
  const diagnosis = diagnoseObjects(loaded.objects, loaded.serverVersion, { source: { kind: 'sample', name } });
  return buildPanelModel(diagnosis, { kind: 'sample', name }, { live: false, updatedAt: new Date('2026-12-02T12:00:00Z'), version: 1 });
}

/** Poll an expression in the page (page.waitForFunction would need 'unsafe-eval', which the panel's CSP refuses). */
async function until(page: Page, expression: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${expression}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The panel page with the model drawn: resolves once the webview said `shown`. */
export async function openPanel(model: PanelModel): Promise<Page> {
  const page = await browser.newPage({ viewport: SCREEN });
  const html = panelHtml({ cspSource: ORIGIN, nonce: NONCE, mainJs: `${ORIGIN}/main.js`, mainCss: `${ORIGIN}/main.css` });
  await page.route(`${ORIGIN}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/panel.html') return route.fulfill({ body: html, contentType: 'text/html' });
    const file = join(DIST, path.slice(1));
    if (!file.startsWith(DIST) || !existsSync(file)) return route.fulfill({ status: 404, body: '' });
    return route.fulfill({ body: await readFile(file), contentType: TYPES[extname(file)] ?? 'application/octet-stream' });
  });
  await page.addInitScript(FAKE_HOST);
  await page.goto(`${ORIGIN}/panel.html`);
  await until(page, 'window.__posted.some((m) => m.type === "ready")', 30_000);
  await page.evaluate(`window.postMessage(${JSON.stringify({ type: 'status', status: { kind: 'ready' } })}, '*')`);
  await page.evaluate(`window.postMessage(${JSON.stringify({ type: 'model', seq: 1, model })}, '*')`);
  await until(page, 'window.__posted.some((m) => m.type === "shown" && m.seq === 1)', 60_000);
  return page;
}

/** Component boxes not wholly inside the pane (what the first view cuts off). */
export function cutOff(nodes: readonly Box[], pane: Box, tolerance = 1): string[] {
  return nodes.filter((n) => n.x < pane.x - tolerance || n.y < pane.y - tolerance
    || n.x + n.width > pane.x + pane.width + tolerance || n.y + n.height > pane.y + pane.height + tolerance).map((n) => n.id);
}

test('cutOff names the boxes the pane does not wholly show', () => {
  const pane = { id: 'pane', x: 0, y: 0, width: 100, height: 100 };
  assert.deepEqual(cutOff([{ id: 'in', x: 10, y: 10, width: 20, height: 20 }, { id: 'right', x: 90, y: 10, width: 20, height: 20 }, { id: 'above', x: 10, y: -5, width: 20, height: 20 }], pane), ['right', 'above']);
});

for (const sample of listSamples()) {
  test(`panel of ${sample.name}: first view shows every component, no overlap, no edge through a box, labels ≥ 11 px`, async () => {
    const page = await openPanel(await sampleModel(sample.name));
    try {
      const drawing = await page.evaluate(`(${DIAGRAM_PROBE})('#k8sa-canvas')`) as Drawing | null;
      assert.ok(drawing && drawing.nodes.length > 0, 'the diagram was drawn');
      const pane = await page.evaluate(`(() => { const v = document.querySelector('.viewport'); const r = v.getBoundingClientRect(); return { id: 'pane', x: r.x + v.clientLeft, y: r.y + v.clientTop, width: v.clientWidth, height: v.clientHeight }; })()`) as Box;
      const zoom = await page.evaluate(`document.querySelector('.zoom-level')?.textContent`);
      const judged = judgeDrawing(drawing);
      if (process.env.K8SA_SHOTS) await page.screenshot({ path: join(process.env.K8SA_SHOTS, `panel-${sample.name}.png`) });
      const hidden = cutOff(drawing.nodes, pane);
      console.log(`# ${sample.name.padEnd(16)} panel at ${zoom} in a ${Math.round(pane.width)}×${Math.round(pane.height)} pane: ${drawing.nodes.length - hidden.length} of ${drawing.nodes.length} components in the first view · ${judged.crossings} crossings · smallest label ${judged.smallest?.px.toFixed(1)} px (${judged.smallest?.text})`);
      assert.deepEqual(judged.overlaps, [], 'no two component boxes overlap');
      assert.deepEqual(judged.frames, { overlapping: [], titlesOut: [] }, 'frames nest without overlapping; their titles fit');
      assert.deepEqual(judged.through, [], 'no edge passes through a box that is not one of its ends');
      assert.deepEqual(hidden, [], 'the first view shows every component');
      assert.ok(judged.smallest && judged.smallest.px >= 11, `smallest label ${judged.smallest?.px} px ("${judged.smallest?.text}") is at least 11 px`);
    } finally {
      await page.close();
    }
  });
}
