// The exported page's diagram, measured (issue 13, "Done when"): `topology --format html` of every
// built-in sample, opened in Debian's Chromium at 1440×900, judged from the SVG's geometry — no two
// component boxes overlap, no frame overlaps another it does not hold, no frame title runs out of
// its frame, no edge passes through a box that is not one of its ends, no horizontal scroll, the
// smallest component label ≥ 11 px on screen. It prints the edge crossings per sample, for the ELK
// layout the page uses and for dagre (the same source re-rendered in the same page), so the choice
// of layout stays measured; and the same for a cluster of 16 pools (the most drawn, in rows). The
// judging functions are checked first on drawings made up to fail.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import {
  DIAGRAM_PROBE, edgeCrossings, edgesThroughBoxes, framesOutOfPlace, judgeDrawing, overlappingBoxes, smallestLabel,
  type Drawing, type DrawnEdge,
} from '../fixtures/diagramGeometry';
import { launchChromium, SCREEN } from '../fixtures/chromium';
import { runCli } from '../fixtures/cli';
import { listSamples } from '../../src/k8s/samples';
import { MAX_DRAWN_POOLS } from '../../src/core/anatomy';
import { manyPoolsCluster } from '../fixtures/manyPools';

const box = (id: string, x: number, y: number, width: number, height: number) => ({ id, x, y, width, height });
const line = (id: string, from: string | null, to: string | null, ...points: [number, number][]): DrawnEdge => ({ id, from, to, points: points.map(([x, y]) => ({ x, y })) });

test('overlapping boxes are found; boxes that only touch are not', () => {
  assert.deepEqual(overlappingBoxes([box('a', 0, 0, 100, 40), box('b', 90, 30, 100, 40)]), [['a', 'b']]);
  assert.deepEqual(overlappingBoxes([box('a', 0, 0, 100, 40), box('b', 100, 0, 100, 40), box('c', 0, 40.5, 100, 40)]), []);
});

test('an edge through a box that is not one of its ends is found; its own ends are not', () => {
  const boxes = [box('top', 0, 0, 100, 40), box('middle', 0, 100, 100, 40), box('bottom', 0, 200, 100, 40)];
  assert.deepEqual(edgesThroughBoxes([line('top→bottom', 'top', 'bottom', [50, 40], [50, 200])], boxes), [['top→bottom', 'middle']]);
  assert.deepEqual(edgesThroughBoxes([line('top→middle', 'top', 'middle', [50, 20], [50, 120])], boxes), []);
  // Grazing a box's border (within the stroke tolerance) is not passing through it.
  assert.deepEqual(edgesThroughBoxes([line('by', 'top', 'bottom', [101, 40], [101, 200])], boxes), []);
});

test('crossings are counted once each, and edges meeting at a shared end do not cross', () => {
  const x = [line('a', null, null, [0, 0], [100, 100]), line('b', null, null, [0, 100], [100, 0])];
  assert.equal(edgeCrossings(x), 1);
  const fan = [line('a', 'api', 'p1', [50, 0], [0, 100]), line('b', 'api', 'p2', [50, 0], [100, 100])];
  assert.equal(edgeCrossings(fan), 0);
  const zigzag = [line('a', null, null, [0, 50], [100, 50]), line('b', null, null, [10, 0], [30, 100], [50, 0], [70, 100], [90, 0])];
  assert.equal(edgeCrossings(zigzag), 4);
});

test('frames may nest but not overlap, and a frame title must fit its frame', () => {
  const outer = box('nodes', 0, 0, 500, 300);
  const left = box('pool_a', 10, 20, 200, 270);
  const right = box('pool_b', 190, 20, 200, 270); // overlaps pool_a: ELK did this with long titles
  assert.deepEqual(framesOutOfPlace([outer, left, right], []), { overlapping: [['pool_a', 'pool_b']], titlesOut: [] });
  assert.deepEqual(framesOutOfPlace([outer, left], [box('pool_a', 12, 22, 240, 16)]), { overlapping: [], titlesOut: ['pool_a'] });
});

test('the smallest label is the smallest non-empty one', () => {
  assert.equal(smallestLabel([{ node: 'a', text: 'kubelet', px: 12 }, { node: 'b', text: 'runc', px: 9.5 }, { node: 'c', text: ' ', px: 4 }])?.px, 9.5);
  assert.equal(smallestLabel([]), null);
});

// --- the exported page of every sample, in Chromium -------------------------------------------------

const DIR = mkdtempSync(join(tmpdir(), 'k8s-anatomy-geometry-'));
let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

/** The same source drawn again with another layout, off-screen in the same page: for the comparison only. */
const RELAYOUT = `async ([layout, source]) => {
  const host = document.createElement('div');
  host.id = 'relayout';
  document.body.appendChild(host);
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', htmlLabels: true, layout });
  const { svg } = await mermaid.render('relayout-svg', source);
  host.innerHTML = svg;
}`;

/** A cluster of 16 pools (MAX_DRAWN_POOLS, wrapped into rows of POOLS_PER_ROW), as a dump file. */
function manyPoolsDump(): string {
  const file = join(DIR, 'sixteen-pools.json');
  writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: manyPoolsCluster(MAX_DRAWN_POOLS) }));
  return file;
}

const CASES: readonly { name: string; source: string[] }[] = [
  ...listSamples().map((s) => ({ name: s.name, source: ['--sample', s.name] })),
  { name: `${MAX_DRAWN_POOLS} pools`, source: ['--from', manyPoolsDump()] },
];

for (const { name, source } of CASES) {
  test(`exported page of ${name}: no overlap, no edge through a box, no horizontal scroll, labels ≥ 11 px`, async () => {
    const sample = { name };
    const file = join(DIR, `${sample.name.replace(/\W/g, '-')}.html`);
    const result = await runCli(['topology', ...source, '--format', 'html', '--out', file]);
    assert.equal(result.code, 0, result.stderr);
    const page = await browser.newPage({ viewport: SCREEN });
    try {
      await page.goto(`file://${file}`);
      await page.waitForSelector('pre.mermaid svg g.node', { timeout: 60_000 });
      const drawing = await page.evaluate(`(${DIAGRAM_PROBE})('pre.mermaid')`) as Drawing;
      const judged = judgeDrawing(drawing);
      if (process.env.K8SA_SHOTS) await page.screenshot({ path: join(process.env.K8SA_SHOTS, `page-${name.replace(/\W/g, '-')}.png`), fullPage: true });
      const scroll = await page.evaluate(`({ page: document.documentElement.scrollWidth - document.documentElement.clientWidth, diagram: (() => { const s = document.querySelector('section.diagram'); return s.scrollWidth - s.clientWidth; })() })`) as { page: number; diagram: number };

      const mermaidText = (await runCli(['topology', ...source])).stdout;
      await page.evaluate(`(${RELAYOUT})(${JSON.stringify(['dagre', mermaidText])})`);
      const dagre = judgeDrawing(await page.evaluate(`(${DIAGRAM_PROBE})('#relayout')`) as Drawing);
      console.log(`# ${sample.name.padEnd(16)} elk: ${judged.crossings} crossings, ${judged.through.length} through a box · dagre: ${dagre.crossings} crossings, ${dagre.through.length} through a box · smallest label ${judged.smallest?.px.toFixed(1)} px (${judged.smallest?.text})`);

      assert.ok(drawing.nodes.length > 0, 'the diagram was drawn');
      assert.deepEqual(judged.overlaps, [], 'no two component boxes overlap');
      assert.deepEqual(judged.frames, { overlapping: [], titlesOut: [] }, 'frames nest without overlapping; their titles fit');
      assert.deepEqual(judged.through, [], 'no edge passes through a box that is not one of its ends');
      assert.ok(scroll.page <= 0 && scroll.diagram <= 0, `no horizontal scroll (page ${scroll.page} px, diagram ${scroll.diagram} px too wide)`);
      assert.ok(judged.smallest && judged.smallest.px >= 11, `smallest label ${judged.smallest?.px} px ("${judged.smallest?.text}") is at least 11 px`);
    } finally {
      await page.close();
    }
  });
}
