// The diagram's zoom and pan arithmetic (webview/zoomMath.ts, used by zoomPan.ts): zooming keeps the point under the
// pointer in place, fitting respects its bounds, and a drawing's size falls back sensibly.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { READABLE_LABEL_PX, firstViewZoom, fitZoom, naturalSize, scrollAfterZoom } from '../../webview/zoomMath';

test('zooming keeps the content point under the anchor where it was on screen', () => {
  const rows: [scroll: { x: number; y: number }, anchor: { x: number; y: number }, from: number, to: number][] = [
    [{ x: 0, y: 0 }, { x: 400, y: 300 }, 1, 1.2],
    [{ x: 250, y: 80 }, { x: 10, y: 500 }, 1.2, 1],
    [{ x: 1000, y: 2000 }, { x: 0, y: 0 }, 0.5, 3],
  ];
  for (const [scroll, anchor, from, to] of rows) {
    const next = scrollAfterZoom(scroll, anchor, from, to);
    // The content coordinate under the anchor, before and after.
    assert.ok(Math.abs((scroll.x + anchor.x) / from - (next.x + anchor.x) / to) < 1e-9, JSON.stringify({ scroll, anchor, from, to }));
    assert.ok(Math.abs((scroll.y + anchor.y) / from - (next.y + anchor.y) / to) < 1e-9);
  }
  assert.deepEqual(scrollAfterZoom({ x: 0, y: 0 }, { x: 0, y: 0 }, 1, 2), { x: 0, y: 0 }, 'zooming at the top-left corner keeps it');
});

test('fitting the width stays between 75 % and 100 %; fitting everything at most 150 %', () => {
  const rows: [mode: 'width' | 'both', natural: { width: number; height: number }, pane: { width: number; height: number }, zoom: number][] = [
    ['width', { width: 800, height: 600 }, { width: 1216, height: 700 }, 1],          // room to spare: 100 %, not larger
    ['width', { width: 1600, height: 600 }, { width: 1216, height: 700 }, 0.75],      // 1200/1600
    ['width', { width: 4000, height: 600 }, { width: 1216, height: 700 }, 0.75],      // never below 75 %
    ['both', { width: 200, height: 100 }, { width: 1216, height: 716 }, 1.5],         // small drawing: at most 150 %
    ['both', { width: 2400, height: 350 }, { width: 1216, height: 716 }, 0.5],        // width decides
    ['both', { width: 600, height: 1400 }, { width: 1216, height: 716 }, 0.5],        // height decides
  ];
  for (const [mode, natural, pane, zoom] of rows) assert.equal(fitZoom(mode, natural, pane), zoom, JSON.stringify({ mode, natural, pane }));
});

test("a drawing's natural size: its viewBox, else its width and height, else 800×600", () => {
  assert.deepEqual(naturalSize({ width: 1234.5, height: 678 }, '100', '100'), { width: 1234.5, height: 678 });
  assert.deepEqual(naturalSize({ width: 0, height: 0 }, '640', '480'), { width: 640, height: 480 });
  assert.deepEqual(naturalSize(null, '100%', null), { width: 800, height: 600 });
});

test('the first view is the whole drawing when its labels stay readable, else the smallest readable zoom', () => {
  const pane = { width: 1040, height: 603 };
  // Small drawing: whole, never enlarged past 100 %.
  assert.equal(firstViewZoom({ width: 400, height: 300 }, pane, 13), 1);
  // Fits at 90 %: labels 13 px × 0.9 = 11.7 px, readable.
  assert.ok(Math.abs(firstViewZoom({ width: 900, height: (603 - 16) / 0.9 }, pane, 13) - 0.9) < 1e-9);
  // Fitting would take labels to 13 × 0.5 = 6.5 px: the smallest zoom with 11 px labels instead, rounded up to a percent.
  assert.equal(firstViewZoom({ width: 1000, height: 1158 }, pane, 13), 0.85);
  assert.ok(0.85 * 13 >= READABLE_LABEL_PX);
  // Labels already small at 100 %: 100 %, not more.
  assert.equal(firstViewZoom({ width: 3000, height: 3000 }, pane, 9), 1);
});
