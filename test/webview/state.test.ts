// The webview's persisted UI state (webview/state.ts): whatever getState() returns — nothing, an
// older shape, junk — becomes a valid state, and writes are batched.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import type { WebviewUiState } from '../../src/protocol/messages';
import { DEFAULT_UI_STATE, MAX_ZOOM, MIN_ZOOM, UiStateKeeper, parseUiState } from '../../webview/state';

test('parseUiState keeps a valid saved state as it is', () => {
  const saved: WebviewUiState = { selected: 'pool_ff7523db_0', zoom: 0.9, scrollX: 365, scrollY: 40, view: 'table', legend: true };
  assert.deepEqual(parseUiState(saved), saved);
});

test('parseUiState repairs what it cannot use, field by field', () => {
  const rows: [unknown, WebviewUiState][] = [
    [undefined, DEFAULT_UI_STATE],
    [null, DEFAULT_UI_STATE],
    ['zoom=2', DEFAULT_UI_STATE],
    [{ selected: '<script>', zoom: 2 }, { ...DEFAULT_UI_STATE, zoom: 2 }],
    [{ selected: 'n_api', zoom: 99 }, { ...DEFAULT_UI_STATE, selected: 'n_api', zoom: MAX_ZOOM }],
    [{ zoom: 0 }, { ...DEFAULT_UI_STATE, zoom: MIN_ZOOM }],
    [{ zoom: Number.NaN, scrollX: -5, scrollY: '7' }, DEFAULT_UI_STATE],
    [{ view: 'graph' }, DEFAULT_UI_STATE],
    [{ selected: 'x'.repeat(81) }, DEFAULT_UI_STATE],
  ];
  for (const [input, expected] of rows) assert.deepEqual(parseUiState(input), expected, JSON.stringify(input));
});

test('UiStateKeeper restores, batches updates and writes the latest state once', async () => {
  const written: WebviewUiState[] = [];
  const keeper = new UiStateKeeper({ getState: () => ({ selected: 'n_api', zoom: 1.5, scrollX: 10, scrollY: 20, view: 'diagram' }), setState: (s) => written.push(s) }, 20);
  assert.equal(keeper.restored, true);
  assert.equal(keeper.current.selected, 'n_api');
  keeper.update({ scrollX: 100 });
  keeper.update({ scrollX: 200 });
  keeper.update({ view: 'table' });
  assert.equal(written.length, 0);
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.deepEqual(written, [{ selected: 'n_api', zoom: 1.5, scrollX: 200, scrollY: 20, view: 'table', legend: false }]);
});

test('UiStateKeeper.flush writes at once (before the webview is hidden)', () => {
  const written: WebviewUiState[] = [];
  const keeper = new UiStateKeeper({ getState: () => undefined, setState: (s) => written.push(s) }, 10_000);
  assert.equal(keeper.restored, false);
  keeper.update({ selected: 'n_etcd' });
  keeper.flush();
  assert.equal(written.length, 1);
  assert.equal(written[0]?.selected, 'n_etcd');
});
