// Reading the K8s Anatomy panel (the webview's inner frame) the way a person reads it: the mermaid
// diagram's text per component, the header, the details pane, the table view.

import type { Frame } from 'playwright-core';
import type { PageElement, PageGlobals } from './pageTypes';
import { waitFor } from './processes';

export const SELECTORS = {
  canvasSvg: '#k8sa-canvas svg',
  component: (id: string) => `[data-anatomy-id="${id}"]`,
  selected: '.k8sa-node.is-selected',
  header: '.panel-header',
  sourceKind: '.panel-header .source-kind',
  sourceName: '.panel-header .source-name',
  verdict: '.panel-header .verdict-badge',
  live: '.panel-header .live',
  details: 'aside.details',
  detailsHeading: '#details-heading',
  tableView: '.table-view',
  viewButton: (view: 'diagram' | 'table') => `[data-key="view-${view}"]`,
  sampleButton: (name: string) => `[data-key="sample-${name}"]`,
  statePage: '.state-page',
  targetSelect: '.panel-header select.target-select',
} as const;

export async function text(frame: Frame, selector: string): Promise<string> {
  const locator = frame.locator(selector).first();
  if ((await locator.count()) === 0) return '';
  return (await locator.textContent()) ?? '';
}

/**
 * The text a person reads on (part of) the diagram: the SVG's text nodes, stylesheet excluded,
 * joined by spaces. Mermaid splits labels into one <tspan> per word and wraps long words, so
 * compare with `missing`, which ignores whitespace.
 */
async function svgText(frame: Frame, selector: string): Promise<string> {
  const root = frame.locator(selector).first();
  if ((await root.count()) === 0) return '';
  const raw = await root.evaluate((el: PageElement) => {
    const { document } = globalThis as unknown as PageGlobals;
    const parts: string[] = [];
    const walker = document.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.parentNode?.nodeName.toLowerCase() === 'style') continue;
      const t = (n.textContent ?? '').trim();
      if (t) parts.push(t);
    }
    return parts.join(' ');
  });
  return normalise(raw);
}

export async function diagramText(frame: Frame): Promise<string> {
  return svgText(frame, SELECTORS.canvasSvg);
}

/** The text of one component of the diagram (by anatomy node id). */
export async function componentText(frame: Frame, id: string): Promise<string> {
  return svgText(frame, SELECTORS.component(id));
}

export function normalise(s: string): string {
  return s.replace(/\u00a0/g, ' ').replace(/[ \t]+/g, ' ');
}

const compact = (s: string) => s.replace(/\s+/g, '');

/** Which of `wanted` are not in `haystack`, whitespace ignored (labels wrap). */
export function missing(haystack: string, wanted: readonly string[]): string[] {
  const hay = compact(haystack);
  return wanted.filter((w) => !hay.includes(compact(w)));
}

/** `haystack` contains `needle`, whitespace ignored. */
export function shows(haystack: string, needle: string): boolean {
  return compact(haystack).includes(compact(needle));
}

/** Wait until the diagram's text holds every string in `wanted`; returns the elapsed ms. */
export async function waitForDiagram(frame: Frame, wanted: readonly string[], timeoutMs: number): Promise<number> {
  const started = Date.now();
  let last = '';
  await waitFor(`the diagram to show ${JSON.stringify(wanted)}`, timeoutMs, async () => {
    last = await diagramText(frame);
    return missing(last, wanted).length === 0;
  }, 50).catch((error: Error) => {
    throw new Error(`${error.message}; missing ${JSON.stringify(missing(last, wanted))} from diagram text: ${JSON.stringify(last.slice(0, 1500))}`);
  });
  return Date.now() - started;
}

export async function showView(frame: Frame, view: 'diagram' | 'table'): Promise<void> {
  await frame.locator(SELECTORS.viewButton(view)).click();
  const shown = view === 'table' ? SELECTORS.tableView : SELECTORS.canvasSvg;
  await frame.locator(shown).first().waitFor({ state: 'visible', timeout: 5_000 });
}

/** Values of `window.__pwned` (or an error) in every frame of the page. */
export async function pwnedInFrames(frames: readonly Frame[]): Promise<{ url: string; value: unknown }[]> {
  const out: { url: string; value: unknown }[] = [];
  for (const frame of frames) {
    if (frame.isDetached()) continue;
    const value = await frame.evaluate(() => (globalThis as unknown as PageGlobals).__pwned).catch((e: Error) => `evaluate failed: ${e.message}`);
    out.push({ url: frame.url(), value });
  }
  return out;
}
