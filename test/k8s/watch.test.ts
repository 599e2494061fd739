// The informer's recovery paths, driven by a scripted transport: a 410 in the watch stream (as an
// ERROR event or as the HTTP status) relists; a stream cut off re-watches from the last
// resourceVersion; bookmarks advance it; dispose stops everything.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { Informer } from '../../src/k8s/watch';
import type { Transport, Response } from '../../src/k8s/http';

type Step = { list: { rv: string; names: string[] } } | { watch: { status?: number; lines: string[]; cut?: boolean } };

function scripted(steps: Step[]): { transport: Transport; calls: string[] } {
  const calls: string[] = [];
  const queue = [...steps];
  const next = <K extends 'list' | 'watch'>(kind: K) => {
    const step = queue.shift();
    if (!step || !(kind in step)) throw new Error(`script expected ${kind}, had ${JSON.stringify(step)}`);
    return (step as unknown as Record<K, never>)[kind];
  };
  const transport: Transport = {
    server: 'https://scripted',
    close() {},
    async get(path): Promise<Response> {
      calls.push(`GET ${path}`);
      if (queue.length === 0) return new Promise(() => {}); // the script is over: hang quietly
      const { rv, names } = next('list') as { rv: string; names: string[] };
      const body = { kind: 'NodeList', metadata: { resourceVersion: rv }, items: names.map((name) => ({ metadata: { name } })) };
      return { status: 200, body: Buffer.from(JSON.stringify(body)), headers: {} };
    },
    async stream(path): Promise<IncomingMessage> {
      calls.push(`WATCH ${path}`);
      if (queue.length === 0) return Object.assign(new Readable({ read() {} }), { statusCode: 200, headers: {} }) as unknown as IncomingMessage;
      const { status, lines, cut } = next('watch') as { status?: number; lines: string[]; cut?: boolean };
      const chunks = lines.map((l) => `${l}\n`);
      const stream = new Readable({
        read() {
          const chunk = chunks.shift();
          if (chunk !== undefined) this.push(chunk);
          else if (cut) this.destroy(new Error('socket hang up'));
          else this.push(null);
        },
      });
      return Object.assign(stream, { statusCode: status ?? 200, headers: {} }) as unknown as IncomingMessage;
    },
  };
  return { transport, calls };
}

const event = (type: string, name: string, rv: string) => JSON.stringify({ type, object: { metadata: { name, resourceVersion: rv } } });

function settle(informer: Informer, predicate: () => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (predicate()) { clearInterval(timer); resolve(); }
      else if (Date.now() - started > 3000) { clearInterval(timer); informer.dispose(); reject(new Error('timed out')); }
    }, 10);
  });
}

const options = { path: '/api/v1/nodes', scope: 'nodes', kind: 'Node', timeoutMs: 1000, minBackoffMs: 5, maxBackoffMs: 20 } as const;

test('an ERROR event with code 410 relists, and the new list replaces the cache', async () => {
  const { transport, calls } = scripted([
    { list: { rv: '10', names: ['a', 'b'] } },
    { watch: { lines: [JSON.stringify({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } })] } },
    { list: { rv: '20', names: ['a', 'c'] } },
  ]);
  const informer = new Informer(transport, { ...options, onChange: () => {} }).start();
  await settle(informer, () => informer.cache.has('c'));
  assert.deepEqual([...informer.cache.keys()].sort(), ['a', 'c']);
  assert.equal(calls.filter((c) => c.startsWith('GET')).length, 2);
  informer.dispose();
});

test('an HTTP 410 on the watch relists', async () => {
  const { transport } = scripted([
    { list: { rv: '10', names: ['a'] } },
    { watch: { status: 410, lines: [JSON.stringify({ kind: 'Status', code: 410, reason: 'Expired' })] } },
    { list: { rv: '30', names: ['z'] } },
  ]);
  const informer = new Informer(transport, { ...options, onChange: () => {} }).start();
  await settle(informer, () => informer.cache.has('z'));
  informer.dispose();
});

test('a stream cut mid-watch re-watches from the last resourceVersion seen (bookmarks included)', async () => {
  const errors: string[] = [];
  const { transport, calls } = scripted([
    { list: { rv: '10', names: ['a'] } },
    { watch: { lines: [event('ADDED', 'b', '11'), JSON.stringify({ type: 'BOOKMARK', object: { metadata: { resourceVersion: '15' } } })], cut: true } },
    { watch: { lines: [event('DELETED', 'a', '16')] } },
  ]);
  const informer = new Informer(transport, { ...options, onChange: () => {}, onError: (e) => errors.push(e.kind) }).start();
  await settle(informer, () => !informer.cache.has('a') && informer.cache.has('b'));
  const watches = calls.filter((c) => c.startsWith('WATCH'));
  assert.match(watches[0] ?? '', /resourceVersion=10/);
  assert.match(watches[1] ?? '', /resourceVersion=15/, 'resumed after the bookmark');
  assert.deepEqual(errors, ['unreachable']);
  informer.dispose();
});

test('a list answer that is not JSON is a server-error that does not quote the body', async () => {
  const secret = 'token-in-an-html-error-page';
  const errors: { kind: string; message: string }[] = [];
  let lists = 0;
  const transport: Transport = {
    server: 'https://scripted',
    close() {},
    async get(): Promise<Response> {
      lists++;
      if (lists > 1) return new Promise(() => {}); // after the first failure: hang quietly
      return { status: 200, body: Buffer.from(`<html>${secret}</html>`), headers: {} };
    },
    async stream(): Promise<IncomingMessage> {
      return new Promise(() => {});
    },
  };
  const informer = new Informer(transport, { ...options, onChange: () => {}, onError: (e) => errors.push({ kind: e.kind, message: e.message }) }).start();
  await settle(informer, () => errors.length > 0);
  informer.dispose();
  assert.equal(errors[0]?.kind, 'server-error');
  assert.match(errors[0]?.message ?? '', /not a JSON object while reading nodes/);
  assert.ok(!errors.some((e) => e.message.includes(secret) || e.message.includes('<html>')), JSON.stringify(errors));
});
