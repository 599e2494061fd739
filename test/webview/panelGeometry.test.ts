// The panel's diagram, measured (issue 13, "Done when"): the built webview bundle (dist/webview,
// `node esbuild.mjs` first) in a plain Chromium page the size of the panel's webview in code-server
// at 1440×900 (PANEL_IN_WORKBENCH, which e2e step 6b checks), with a stub `acquireVsCodeApi`
// and the model the extension host builds for each built-in sample (buildPanelModel), posted as
// the host posts it. Judged from the drawn SVG: no two component boxes overlap, no frame overlaps
// another it does not hold, no edge passes through a box that is not one of its ends, the smallest
// label is ≥ 11 px, and the first view keeps the promise of firstViewZoom (webview/zoomMath.ts):
// every component when the whole drawing fits the pane at a readable zoom; else (issue 13's
// fallback) the whole control plane and the start of the node band, with Fit showing all.
// The page is served from a made-up origin through playwright's routing, with the panel's own
// HTML and CSP (src/extension/panel/html.ts), so the bundle loads mermaid and ELK as it does in VS Code.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DIAGRAM_PROBE, DRAWING_SIZE_PROBE, PANE_PROBE, cutOff, judgeDrawing, type Box, type Drawing } from '../fixtures/diagramGeometry';
import { launchChromium, PANEL_IN_WORKBENCH } from '../fixtures/chromium';
import { listSamples } from '../../src/k8s/samples';
import type { PanelModel } from '../../src/protocol/messages';
import { mermaidId } from '../../src/core/mermaid';
import { FIT_PADDING_PX, READABLE_LABEL_PX } from '../../webview/zoomMath';
import { MAX_DRAWN_POOLS } from '../../src/core/anatomy';
import { PANEL_ORIGIN, manyPoolsModel, sampleModel, servePanel, until } from '../fixtures/panelPage';

const DIST = resolve(__dirname, '..', '..', 'dist', 'webview');
const NONCE = 'cGFuZWwtZ2VvbWV0cnktdGVzdA==';

/** A stand-in for VS Code: records what the panel posts; the test posts the host's messages. */
const FAKE_HOST = `window.__posted = [];
window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => undefined, setState: () => {} });`;

/** Records the id of every mermaid.render call in `window.__renders` (wrapped when mermaid.min.js defines its global). */
const COUNT_RENDERS = `window.__renders = [];
Object.defineProperty(window, 'mermaid', { configurable: true, get() { return undefined; }, set(m) {
  const render = m.render.bind(m);
  m.render = (id, text) => { window.__renders.push(id); return render(id, text); };
  Object.defineProperty(window, 'mermaid', { value: m, writable: true, configurable: true });
} });`;

let browser: Browser;
before(async () => {
  assert.ok(existsSync(join(DIST, 'main.js')) && existsSync(join(DIST, 'mermaid.min.js')), 'dist/webview is built (node esbuild.mjs)');
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

/** The panel's page (its HTML, CSP and bundle), loaded until it said `ready`; nothing posted to it yet. */
async function panelPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: PANEL_IN_WORKBENCH });
  await servePanel(page, DIST, NONCE);
  await page.addInitScript(FAKE_HOST);
  await page.addInitScript(COUNT_RENDERS);
  await page.goto(`${PANEL_ORIGIN}/panel.html`);
  await until(page, 'window.__posted.some((m) => m.type === "ready")', 30_000);
  return page;
}

/** The panel page with the model drawn: resolves once the webview said `shown`, with the ms from posting the model to that. */
export async function openPanel(model: PanelModel): Promise<{ page: Page; drawMs: number }> {
  const page = await panelPage();
  await page.evaluate(`window.postMessage(${JSON.stringify({ type: 'status', status: { kind: 'ready' } })}, '*')`);
  // Mermaid and ELK loaded first, as in a panel that shows a status before its first model.
  await until(page, 'typeof window.mermaid !== "undefined"', 60_000);
  const posted = Date.now();
  await page.evaluate(`window.postMessage(${JSON.stringify({ type: 'model', seq: 1, model })}, '*')`);
  await until(page, 'window.__posted.some((m) => m.type === "shown" && m.seq === 1)', 60_000);
  return { page, drawMs: Date.now() - posted };
}

test('cutOff names the boxes the pane does not wholly show', () => {
  const pane = { id: 'pane', x: 0, y: 0, width: 100, height: 100 };
  assert.deepEqual(cutOff([{ id: 'in', x: 10, y: 10, width: 20, height: 20 }, { id: 'right', x: 90, y: 10, width: 20, height: 20 }, { id: 'above', x: 10, y: -5, width: 20, height: 20 }], pane), ['right', 'above']);
});

/** The first view's promise (webview/zoomMath.ts firstViewZoom): whole when that keeps labels readable. */
function wholeFitsReadably(natural: { width: number; height: number }, pane: Box, labelPxAt100: number): boolean {
  const whole = Math.min(1, (pane.width - FIT_PADDING_PX) / natural.width, (pane.height - FIT_PADDING_PX) / natural.height);
  return whole * labelPxAt100 >= READABLE_LABEL_PX;
}

/** `whole`: the first view must show all of it (every built-in sample); else the fallback may apply. */
const CASES: readonly { name: string; model: () => Promise<PanelModel> | PanelModel; whole: boolean }[] = [
  ...listSamples().map((s) => ({ name: s.name, model: () => sampleModel(s.name), whole: true })),
  { name: `${MAX_DRAWN_POOLS} pools`, model: manyPoolsModel, whole: false },
];

for (const sample of CASES) {
  test(`panel of ${sample.name}: first view whole (or, where that is unreadable, the control plane and the node band's top) at ≥ 11 px; no overlap, no edge through a box; Fit shows all`, async () => {
    const model = await sample.model();
    const { page, drawMs } = await openPanel(model);
    try {
      const drawing = await page.evaluate(`(${DIAGRAM_PROBE})('#k8sa-canvas')`) as Drawing | null;
      assert.ok(drawing && drawing.nodes.length > 0, 'the diagram was drawn');
      const pane = await page.evaluate(PANE_PROBE) as Box;
      const zoom = Number(String(await page.evaluate(`document.querySelector('.zoom-level')?.textContent`)).replace('%', '')) / 100;
      const natural = await page.evaluate(DRAWING_SIZE_PROBE) as { width: number; height: number };
      const judged = judgeDrawing(drawing);
      if (process.env.K8SA_SHOTS) await page.screenshot({ path: join(process.env.K8SA_SHOTS, `panel-${sample.name.replace(/\W/g, '-')}.png`) });
      const hidden = cutOff(drawing.nodes, pane);
      const smallest = judged.smallest?.px ?? 0;
      const whole = wholeFitsReadably(natural, pane, smallest / zoom);
      console.log(`# ${sample.name.padEnd(16)} panel: ${Math.round(natural.width)}×${Math.round(natural.height)} drawing in a ${Math.round(pane.width)}×${Math.round(pane.height)} pane at ${Math.round(zoom * 100)} %: ${drawing.nodes.length - hidden.length} of ${drawing.nodes.length} components in the first view (${whole ? 'whole' : 'control plane and the node band\'s top; the rest by scrolling or Fit'}) · ${judged.crossings} crossings · smallest label ${smallest.toFixed(1)} px · model → drawn ${drawMs} ms`);

      assert.deepEqual(judged.overlaps, [], 'no two component boxes overlap');
      assert.deepEqual(judged.frames, { overlapping: [], titlesOut: [] }, 'frames nest without overlapping; their titles fit');
      assert.deepEqual(judged.through, [], 'no edge passes through a box that is not one of its ends');
      assert.ok(smallest >= READABLE_LABEL_PX, `smallest label ${smallest} px ("${judged.smallest?.text}") is at least ${READABLE_LABEL_PX} px`);
      if (sample.whole) assert.ok(whole, `a built-in sample's drawing (${Math.round(natural.width)}×${Math.round(natural.height)}) fits the pane whole with labels ≥ ${READABLE_LABEL_PX} px`);
      if (whole) {
        assert.deepEqual(hidden, [], 'the drawing fits the pane at a readable zoom, so the first view shows every component');
      } else {
        const cp = (model.anatomy.groups.find((g) => g.kind === 'control-plane')?.members ?? []).map(mermaidId);
        assert.deepEqual(hidden.filter((id) => cp.includes(id)), [], 'the first view shows the whole control plane');
        const band = mermaidId(model.anatomy.groups.find((g) => g.kind === 'nodes')?.id ?? '');
        const bandTitle = drawing.titles.filter((t) => t.id === band);
        assert.equal(bandTitle.length, 1, 'the node band is drawn with its title');
        assert.deepEqual(cutOff(bandTitle, pane), [], 'the first view reaches the node band (its title), the pools\' stacks by scrolling or Fit');
      }

      await page.evaluate(`[...document.querySelectorAll('.diagram-toolbar vscode-button, .diagram-toolbar button')].find((b) => b.textContent.trim() === 'Fit').click()`);
      const fitted = await page.evaluate(`(${DIAGRAM_PROBE})('#k8sa-canvas')`) as Drawing;
      if (process.env.K8SA_SHOTS) await page.screenshot({ path: join(process.env.K8SA_SHOTS, `panel-${sample.name.replace(/\W/g, '-')}-fit.png`) });
      assert.deepEqual(cutOff(fitted.nodes, await page.evaluate(PANE_PROBE) as Box), [], 'Fit shows every component');
    } finally {
      await page.close();
    }
  });
}

test('while the cluster is read the panel warms the renderer up off screen, leaves nothing of it, and then draws the model; after `ready` it does not', async () => {
  const model = await sampleModel('gke-1.29');
  const reading = await panelPage();
  try {
    await reading.evaluate(`window.postMessage(${JSON.stringify({ type: 'status', status: { kind: 'loading', message: 'Reading context test' } })}, '*')`);
    await until(reading, 'window.__renders.length > 0', 60_000);
    assert.deepEqual(await reading.evaluate('window.__renders'), ['k8sa-warm-up'], 'the one render while reading is the warm-up');
    await until(reading, '!document.querySelector("[id*=\'warm-up\']")', 30_000);
    assert.equal(await reading.evaluate('document.querySelectorAll("#k8sa-canvas svg").length'), 0, 'the warm-up drew nothing into the diagram');
    await reading.evaluate(`window.postMessage(${JSON.stringify({ type: 'status', status: { kind: 'ready' } })}, '*')`);
    await reading.evaluate(`window.postMessage(${JSON.stringify({ type: 'model', seq: 1, model })}, '*')`);
    await until(reading, 'window.__posted.some((m) => m.type === "shown" && m.seq === 1)', 60_000);
    assert.deepEqual(await reading.evaluate('window.__renders'), ['k8sa-warm-up', 'k8sa-svg-1']);
    const drawing = await reading.evaluate(`(${DIAGRAM_PROBE})('#k8sa-canvas')`) as Drawing | null;
    assert.equal(drawing?.nodes.length, model.anatomy.nodes.length, 'the model is drawn, every component');
  } finally {
    await reading.close();
  }
  const { page } = await openPanel(model);
  try {
    assert.deepEqual(await page.evaluate('window.__renders'), ['k8sa-svg-1'], 'after `ready` the model comes at once: no warm-up before it');
  } finally {
    await page.close();
  }
});

test('another sample gets a first view of its own: the zoom the user chose for the last one does not carry over', async () => {
  // The second is a large sample: its first view is below 100 %, so a carried-over zoom cuts it off.
  const first = await sampleModel('gke-1.29');
  const second = await sampleModel('mixed-windows');
  const { page } = await openPanel(first);
  try {
    const zoomText = async () => String(await page.evaluate(`document.querySelector('.zoom-level')?.textContent`));
    const firstView = await zoomText();
    const zoomIn = `[...document.querySelectorAll('.diagram-toolbar vscode-button, .diagram-toolbar button')].find((b) => b.getAttribute('title') === 'Zoom in (+)').click()`;
    await page.evaluate(zoomIn);
    await page.evaluate(zoomIn);
    assert.notEqual(await zoomText(), firstView, 'the user zoomed in');
    await page.evaluate(`window.postMessage(${JSON.stringify({ type: 'model', seq: 2, model: second })}, '*')`);
    await until(page, 'window.__posted.some((m) => m.type === "shown" && m.seq === 2)', 60_000);
    const drawing = await page.evaluate(`(${DIAGRAM_PROBE})('#k8sa-canvas')`) as Drawing;
    assert.equal(drawing.nodes.length, second.anatomy.nodes.length, 'the second sample is drawn');
    assert.deepEqual(cutOff(drawing.nodes, await page.evaluate(PANE_PROBE) as Box), [], 'its first view shows every component, not the zoomed-in corner');
  } finally {
    await page.close();
  }
});

test('a panel whose ELK worker cannot start (its script missing) says why the diagram is not drawn, and answers `shown`: it does not wait', async () => {
  const model = await sampleModel('gke-1.29');
  const page = await panelPage();
  try {
    // Registered after servePanel's route, so it answers first.
    await page.route(`${PANEL_ORIGIN}/elk-worker.js`, (route) => route.fulfill({ status: 404, body: '' }));
    await page.evaluate(`window.postMessage(${JSON.stringify({ type: 'status', status: { kind: 'ready' } })}, '*')`);
    await page.evaluate(`window.postMessage(${JSON.stringify({ type: 'model', seq: 1, model })}, '*')`);
    await until(page, 'window.__posted.some((m) => m.type === "shown" && m.seq === 1)', 60_000);
    const error = await page.evaluate('document.querySelector(".diagram-error:not([hidden])")?.textContent ?? ""') as string;
    assert.match(error, /The diagram could not be drawn: .*the ELK worker could not start: elk-worker\.js: HTTP 404/);
    assert.equal(await page.evaluate('document.querySelectorAll("#k8sa-canvas svg").length'), 0, 'nothing half-drawn');
  } finally {
    await page.close();
  }
});
