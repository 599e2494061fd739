// The diagram library we build (dist/webview/mermaid.min.js from webview/mermaidBundle.ts: mermaid
// with its flowchart only and its ELK layout registered), in Debian's Chromium: it defines the
// mermaid global with ELK already there, a label with the characters mermaid treats specially
// (`$$…$$` is KaTeX maths, which the build leaves out) draws as plain text once src/core/mermaid.ts
// has escaped it (and the panel has decoded mermaid's stand-ins, webview/entities.ts), and a diagram type that was left out fails loudly instead of drawing wrongly.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../fixtures/chromium';
import { mermaidLabel } from '../../src/core/mermaid';
import { decodeEntities } from '../../webview/entities';

const LIBRARY = resolve(__dirname, '..', '..', 'dist', 'webview', 'mermaid.min.js');
const ORIGIN = 'https://mermaid-bundle.invalid';

let browser: Browser;
let page: Page;
before(async () => {
  assert.ok(existsSync(LIBRARY), 'dist/webview is built (node esbuild.mjs)');
  browser = await launchChromium();
  page = await browser.newPage();
  await page.route(`${ORIGIN}/**`, (route) => new URL(route.request().url()).pathname === '/mermaid.min.js'
    ? route.fulfill({ contentType: 'text/javascript', body: readFileSync(LIBRARY) })
    : route.fulfill({ contentType: 'text/html', body: '<!doctype html><html><head><meta charset="UTF-8"></head><body></body></html>' }));
  await page.goto(`${ORIGIN}/`);
  await page.addScriptTag({ url: '/mermaid.min.js' });
});
after(async () => {
  await browser?.close();
});

interface Drawn { readonly svg?: string; readonly error?: string }

/** mermaid.render of `source` with `layout` in the page: the SVG, or the error's message. */
function draw(source: string, layout: 'elk' | 'dagre'): Promise<Drawn> {
  return page.evaluate(async ([text, chosen]) => {
    const m = (globalThis as unknown as { mermaid: { initialize(c: object): void; render(id: string, t: string): Promise<{ svg: string }> } }).mermaid;
    // As the panel draws (webview/theme.ts): strict, SVG text labels.
    m.initialize({ startOnLoad: false, securityLevel: 'strict', layout: chosen, htmlLabels: false, flowchart: { htmlLabels: false } });
    try {
      return { svg: (await m.render(`d${Math.random().toString(36).slice(2)}`, text)).svg };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }, [source, layout] as const);
}

/** Each node's translate(x, y), in drawing order. */
const nodePlaces = (svg: string) => [...svg.matchAll(/<g class="node[^"]*"[^>]*transform="translate\(([^)]*)\)"/g)].map((m) => m[1]);

// Three boxes in a row under one: ELK and dagre place them differently.
const FAN = 'flowchart TB\n  a["api"] --> b["one"]\n  a --> c["two"]\n  a --> d["three"]\n  b ~~~ e["four"]';

test('the library defines mermaid, and the ELK layout is registered with it (ELK and dagre place boxes differently)', async () => {
  assert.equal(await page.evaluate('typeof globalThis.mermaid'), 'object');
  const elk = await draw(FAN, 'elk');
  const dagre = await draw(FAN, 'dagre');
  assert.equal(elk.error, undefined, `ELK drew: ${elk.error}`);
  assert.equal(dagre.error, undefined, `dagre drew: ${dagre.error}`);
  const [elkPlaces, dagrePlaces] = [nodePlaces(elk.svg ?? ''), nodePlaces(dagre.svg ?? '')];
  assert.equal(elkPlaces.length, 5);
  assert.equal(dagrePlaces.length, 5);
  assert.notDeepEqual(elkPlaces, dagrePlaces, 'an unregistered layout would have fallen back to dagre');
});

test('a cluster string with KaTeX delimiters and markup, escaped by mermaidLabel, draws as the text it is', async () => {
  const hostile = '$$x^2$$ <b>bold</b> & "quoted"';
  const drawn = await draw(`flowchart TB\n  a["${mermaidLabel(hostile)}"] --> b["ok"]`, 'elk');
  assert.equal(drawn.error, undefined, `drew: ${drawn.error}`);
  // The drawing parsed by the page (a string script: this file is type-checked without the DOM's types).
  const text = await page.evaluate(`(() => {
    const holder = document.createElement('div');
    holder.innerHTML = ${JSON.stringify(drawn.svg ?? '')};
    return { label: (holder.querySelector('.node text')?.textContent ?? '').replaceAll(' ', ''), bold: holder.querySelectorAll('.node b').length, katex: holder.querySelectorAll('.katex').length };
  })()`) as { label: string; bold: number; katex: number };
  // Decoded as the panel decodes the entity codes mermaid leaves in some labels (webview/entities.ts).
  // (Its words are wrapped into lines of their own, which drops the spaces between them.)
  assert.deepEqual({ ...text, label: decodeEntities(text.label) }, { label: hostile.replaceAll(' ', ''), bold: 0, katex: 0 });
});

test('a diagram type the build leaves out fails with a message that says so', async () => {
  const drawn = await draw('sequenceDiagram\n  a->>b: hi', 'elk');
  assert.match(drawn.error ?? '', /is not bundled \(K8s Anatomy draws flowcharts only\)/);
});
