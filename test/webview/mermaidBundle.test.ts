// The diagram library we build from webview/mermaidBundle.ts (mermaid with its flowchart only and
// its ELK layout registered), in Debian's Chromium, both builds: the exported page's
// (dist/webview/mermaid-page.js, ELK inside) and the panel's (dist/webview/mermaid.min.js, ELK in a
// Web Worker started from dist/webview/elk-worker.js, as webview/mermaidLoader.ts starts it). Each
// defines the mermaid global with ELK already there; a label with the characters mermaid treats
// specially (`$$…$$` is KaTeX maths, which the build leaves out) draws as plain text once
// src/core/mermaid.ts has escaped it (and the panel has decoded mermaid's stand-ins,
// webview/entities.ts); a diagram type that was left out fails loudly instead of drawing wrongly;
// and in the panel's build a worker that cannot start fails the drawing with its reason, never
// leaving it waiting.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../fixtures/chromium';
import { mermaidLabel } from '../../src/core/mermaid';
import { decodeEntities } from '../../webview/entities';

const DIST = resolve(__dirname, '..', '..', 'dist', 'webview');
const ORIGIN = 'https://mermaid-bundle.invalid';

/** How the panel's loader starts ELK's worker (webview/mermaidLoader.ts), without the warm-up. */
const START_WORKER = `globalThis.k8sAnatomyElkWorker = fetch('/elk-worker.js').then((r) => r.blob()).then((b) => new Worker(URL.createObjectURL(b)));`;

let browser: Browser;
before(async () => {
  for (const file of ['mermaid.min.js', 'mermaid-page.js', 'elk-worker.js']) assert.ok(existsSync(resolve(DIST, file)), `dist/webview/${file} is built (node esbuild.mjs)`);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

/** A page (UTF-8, as the panel and the exported page are) with `library` loaded after `setup` ran. */
async function libraryPage(library: 'mermaid.min.js' | 'mermaid-page.js', setup = ''): Promise<Page> {
  const page = await browser.newPage();
  await page.route(`${ORIGIN}/**`, (route) => {
    const file = new URL(route.request().url()).pathname.slice(1);
    return ['mermaid.min.js', 'mermaid-page.js', 'elk-worker.js'].includes(file)
      ? route.fulfill({ contentType: 'text/javascript', body: readFileSync(resolve(DIST, file)) })
      : route.fulfill({ contentType: 'text/html', body: '<!doctype html><html><head><meta charset="UTF-8"></head><body></body></html>' });
  });
  await page.goto(`${ORIGIN}/`);
  if (setup) await page.addScriptTag({ content: setup });
  await page.addScriptTag({ url: `/${library}` });
  return page;
}

const BUILDS = [
  { name: 'the exported page\'s build', library: 'mermaid-page.js', setup: '' },
  { name: 'the panel\'s build (ELK in a worker)', library: 'mermaid.min.js', setup: START_WORKER },
] as const;

interface Drawn { readonly svg?: string; readonly error?: string }

/** mermaid.render of `source` with `layout` in the page: the SVG, or the error's message. */
function draw(page: Page, source: string, layout: 'elk' | 'dagre'): Promise<Drawn> {
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

for (const build of BUILDS) {
  test(`${build.name}: defines mermaid, with the ELK layout registered (ELK and dagre place boxes differently)`, async () => {
    const page = await libraryPage(build.library, build.setup);
    assert.equal(await page.evaluate('typeof globalThis.mermaid'), 'object');
    const elk = await draw(page, FAN, 'elk');
    const dagre = await draw(page, FAN, 'dagre');
    assert.equal(elk.error, undefined, `ELK drew: ${elk.error}`);
    assert.equal(dagre.error, undefined, `dagre drew: ${dagre.error}`);
    const [elkPlaces, dagrePlaces] = [nodePlaces(elk.svg ?? ''), nodePlaces(dagre.svg ?? '')];
    assert.equal(elkPlaces.length, 5);
    assert.equal(dagrePlaces.length, 5);
    assert.notDeepEqual(elkPlaces, dagrePlaces, 'an unregistered layout would have fallen back to dagre');
    await page.close();
  });

  test(`${build.name}: a cluster string with KaTeX delimiters and markup, escaped by mermaidLabel, draws as the text it is`, async () => {
    const page = await libraryPage(build.library, build.setup);
    const hostile = '$$x^2$$ <b>bold</b> & "quoted"';
    const drawn = await draw(page, `flowchart TB\n  a["${mermaidLabel(hostile)}"] --> b["ok"]`, 'elk');
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
    await page.close();
  });

  test(`${build.name}: a diagram type the build leaves out fails with a message that says so`, async () => {
    const page = await libraryPage(build.library, build.setup);
    const drawn = await draw(page, 'sequenceDiagram\n  a->>b: hi', 'elk');
    assert.match(drawn.error ?? '', /is not bundled \(K8s Anatomy draws flowcharts only\)/);
    await page.close();
  });
}

test('the panel\'s build: a worker that could not start, was never started or does not answer fails the drawing with the reason (it does not wait)', { timeout: 120_000 }, async () => {
  const cases = [
    { setup: `globalThis.k8sAnatomyElkWorker = Promise.reject(new Error('blocked by policy'));`, reason: /the ELK worker could not start: blocked by policy/ },
    { setup: '', reason: /the ELK worker was not started/ },
    // A worker that runs but never answers (as a stuck one would): the layout's deadline (20 s) ends the wait.
    { setup: `globalThis.k8sAnatomyElkWorker = Promise.resolve(new Worker(URL.createObjectURL(new Blob(['/* silent */']))));`, reason: /the ELK worker did not answer within 20 s/ },
  ];
  for (const { setup, reason } of cases) {
    const page = await libraryPage('mermaid.min.js', setup);
    const drawn = await Promise.race([draw(page, FAN, 'elk'), new Promise<Drawn>((done) => setTimeout(() => done({ error: 'still waiting after 40 s' }), 40_000))]);
    assert.match(drawn.error ?? '(drew)', reason, setup || '(no worker)');
    await page.close();
  }
});
