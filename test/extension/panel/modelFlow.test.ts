// The panel's model flow control: one model in flight, only the newest sent next, a silent
// webview never stops updates for good.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ModelFlow, type FlowClock } from '../../../src/extension/panel/modelFlow';

/** A clock the test moves by hand; timers fire when it passes their time. */
class ManualClock implements FlowClock {
  time = 0;
  private timers = new Map<number, { at: number; callback: () => void }>();
  private nextHandle = 1;

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const handle = this.nextHandle++;
    this.timers.set(handle, { at: this.time + ms, callback });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
    }
    this.time = until;
  }

  get pending(): number {
    return this.timers.size;
  }
}

function setup(timeoutMs = 10_000) {
  const clock = new ManualClock();
  const sent: [seq: number, model: string][] = [];
  const flow = new ModelFlow<string>((seq, model) => sent.push([seq, model]), timeoutMs, clock);
  return { clock, sent, flow };
}

test('model flow: the first model goes out at once, numbered 1', () => {
  const { sent, flow } = setup();
  flow.offer('a');
  assert.deepEqual(sent, [[1, 'a']]);
});

test('model flow: while one is in flight, only the newest of the models offered meanwhile is sent, after `shown`', () => {
  const { sent, flow } = setup();
  flow.offer('a');
  flow.offer('b');
  flow.offer('c');
  flow.offer('d');
  assert.deepEqual(sent, [[1, 'a']], 'nothing more while model 1 is in flight');
  assert.equal(flow.hasWaiting, true);
  flow.shown(1);
  assert.deepEqual(sent, [[1, 'a'], [2, 'd']], 'b and c were never worth drawing');
  flow.shown(2);
  assert.equal(flow.hasWaiting, false);
  flow.offer('e');
  assert.deepEqual(sent.at(-1), [3, 'e'], 'nothing in flight: sent at once');
});

test('model flow: `shown` for another seq (an old page, a forged message) releases nothing', () => {
  const { sent, flow } = setup();
  flow.offer('a');
  flow.offer('b');
  for (const seq of [0, 2, 99, -1]) flow.shown(seq);
  assert.deepEqual(sent, [[1, 'a']]);
  flow.shown(1);
  assert.deepEqual(sent, [[1, 'a'], [2, 'b']]);
  flow.shown(1);
  flow.offer('c');
  assert.deepEqual(sent, [[1, 'a'], [2, 'b']], 'a repeated ack for 1 does not release 2');
});

test('model flow: a webview that never answers delays the next model by the timeout, not for ever', () => {
  const { clock, sent, flow } = setup(10_000);
  flow.offer('a');
  clock.advance(4_000);
  flow.offer('b');
  clock.advance(5_999);
  assert.deepEqual(sent, [[1, 'a']]);
  clock.advance(1);
  assert.deepEqual(sent, [[1, 'a'], [2, 'b']], 'sent when model 1 had been unanswered for 10 s');
  clock.advance(60_000);
  assert.equal(sent.length, 2, 'nothing waiting: nothing re-sent');
  flow.offer('c');
  assert.deepEqual(sent.at(-1), [3, 'c'], 'model 2 timed out too: c goes out at once');
});

test('model flow: a new page forgets what was in flight and waiting', () => {
  const { clock, sent, flow } = setup();
  flow.offer('a');
  flow.offer('b');
  flow.reset();
  assert.equal(flow.hasWaiting, false);
  assert.equal(clock.pending, 0, 'no timer left behind');
  flow.offer('c');
  assert.deepEqual(sent, [[1, 'a'], [2, 'c']]);
});

test('model flow: after dispose nothing is sent and no timer is left', () => {
  const { clock, sent, flow } = setup();
  flow.offer('a');
  flow.offer('b');
  flow.dispose();
  clock.advance(60_000);
  flow.offer('c');
  flow.shown(1);
  assert.deepEqual(sent, [[1, 'a']]);
  assert.equal(clock.pending, 0);
});
