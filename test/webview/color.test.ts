// Colour arithmetic behind the diagram theme (webview/color.ts): VS Code's --vscode-* values in
// every form they take, made opaque for mermaid.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { contrast, mix, over, parseColor, toHex } from '../../webview/color';

test('parseColor reads the forms VS Code themes and getComputedStyle produce', () => {
  const rows: [string, [number, number, number, number] | null][] = [
    ['#1f1f1f', [31, 31, 31, 1]],
    ['#FFF', [255, 255, 255, 1]],
    ['#ffffff80', [255, 255, 255, 128 / 255]],
    ['#0008', [0, 0, 0, 136 / 255]],
    ['rgb(0, 120, 212)', [0, 120, 212, 1]],
    ['rgba(90, 93, 94, 0.31)', [90, 93, 94, 0.31]],
    ['rgb(0 120 212 / 50%)', [0, 120, 212, 0.5]],
    ['color(srgb 1 0.5 0 / 0.25)', [255, 127.5, 0, 0.25]],
    ['  #6FC3DF ', [111, 195, 223, 1]],
    ['var(--vscode-editor-background)', null],
    ['red', null],
    ['', null],
    ['#12345', null],
    ['rgb(1, 2)', null],
  ];
  for (const [input, expected] of rows) {
    const c = parseColor(input);
    assert.deepEqual(c && [c.r, c.g, c.b, Number(c.a.toFixed(4))], expected && [expected[0], expected[1], expected[2], Number(expected[3].toFixed(4))], input);
  }
});

test('a translucent colour over the background is the colour you see', () => {
  const bg = parseColor('#1f1f1f')!;
  assert.equal(toHex(over(parseColor('#ffffff80')!, bg)), '#8f8f8f');
  assert.equal(toHex(over(parseColor('#0078d4')!, bg)), '#0078d4');
});

test('mix moves from one colour to the other', () => {
  const black = parseColor('#000000')!;
  const white = parseColor('#ffffff')!;
  assert.equal(toHex(mix(black, white, 0)), '#000000');
  assert.equal(toHex(mix(black, white, 1)), '#ffffff');
  assert.equal(toHex(mix(black, white, 0.5)), '#808080');
  assert.equal(toHex(mix(black, white, 7)), '#ffffff'); // clamped
});

test('contrast follows WCAG: black on white is 21, a colour on itself is 1', () => {
  assert.equal(Number(contrast(parseColor('#000')!, parseColor('#fff')!).toFixed(2)), 21);
  assert.equal(contrast(parseColor('#0078d4')!, parseColor('#0078d4')!), 1);
  // Dark Modern's button blue is readable as an accent on its editor background; HC black is not.
  assert.ok(contrast(parseColor('#0078d4')!, parseColor('#1f1f1f')!) >= 3);
  assert.ok(contrast(parseColor('#000000')!, parseColor('#000000')!) < 3);
});
