// The panel's display helpers (webview/format.ts): cluster strings shown as text must be capped and
// must not be able to reorder or hide what surrounds them; times and counts read naturally.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { field, formatCount, isHttpsLink, linkLabel, lines, relativeTime } from '../../webview/format';
import { plural } from '../../src/core/render/text';

test('field turns bidi overrides, isolates and zero-width characters into visible escapes', () => {
  const rows: [string, string][] = [
    ['admin\u202Egnp.exe', 'admin\\u202egnp.exe'],
    ['w-\u2066hidden\u2069', 'w-\\u2066hidden\\u2069'],
    ['a\u200Bb', 'a\\u200bb'],
    ['line\nbreak', 'line\\nbreak'],
    ['\x1b[31mred', '\\x1b[31mred'],
    ['kube-system/coredns-5d78c9869d-abcde', 'kube-system/coredns-5d78c9869d-abcde'],
    ['<img src=x onerror="alert(1)">', '<img src=x onerror="alert(1)">'],
  ];
  for (const [input, expected] of rows) assert.equal(field(input), expected, JSON.stringify(input));
});

test('field caps a 300 KB node name and says how much was cut', () => {
  const name = 'A'.repeat(300 * 1024);
  const shown = field(name, 200);
  assert.ok(shown.startsWith('A'.repeat(200)));
  assert.match(shown, /… \(\+307,000 chars\)$/);
  assert.ok(shown.length < 230);
});

test('field accepts anything a model read back from JSON may hold', () => {
  assert.equal(field(undefined), '');
  assert.equal(field(null), '');
  assert.equal(field(42), '42');
});

test('lines keeps line breaks of a multi-line error but still escapes other control characters', () => {
  assert.equal(lines('Parse error on line 4:\n..._api --> --> n_etcd\n\u202Eend'), 'Parse error on line 4:\n..._api --> --> n_etcd\n\\u202eend');
});

test('relativeTime words the age of the data like a person would', () => {
  const now = Date.parse('2026-05-01T12:00:00Z');
  const rows: [string, string][] = [
    ['2026-05-01T12:00:00Z', 'just now'],
    ['2026-05-01T11:59:30Z', 'just now'],
    ['2026-05-01T12:00:05Z', 'just now'], // host clock slightly ahead
    ['2026-05-01T11:59:00Z', '1 minute ago'],
    ['2026-05-01T11:55:00Z', '5 minutes ago'],
    ['2026-05-01T11:00:00Z', '1 hour ago'],
    ['2026-05-01T09:10:00Z', '3 hours ago'],
    ['2026-04-29T12:00:00Z', '2 days ago'],
    ['not a time', 'at an unknown time'],
  ];
  for (const [iso, expected] of rows) assert.equal(relativeTime(iso, now), expected, iso);
});

test('counts are grouped and pluralised', () => {
  assert.equal(formatCount(1240), '1,240');
  assert.equal(formatCount(Number.NaN), '?');
  assert.equal(plural(1, 'node'), '1 node');
  assert.equal(plural(12000, 'object'), '12,000 objects');
  assert.equal(plural(0, 'node'), '0 nodes');
  assert.equal(plural(2, 'class', 'classes'), '2 classes');
});

test('only plain https links are offered to the host', () => {
  const rows: [unknown, boolean][] = [
    ['https://kubernetes.io/docs/tasks/administer-cluster/migrating-from-dockershim/', true],
    ['http://kubernetes.io/', false],
    ['javascript:alert(1)', false],
    ['https://evil.example/"onmouseover="x', false],
    ['https://a b', false],
    [42, false],
  ];
  for (const [url, ok] of rows) assert.equal(isHttpsLink(url), ok, String(url));
});

test('a link without a title is named by its host and last path segment', () => {
  assert.equal(linkLabel('https://kubernetes.io/docs/tasks/administer-cluster/migrating-from-dockershim/find-out-runtime-you-use/'), 'kubernetes.io › find-out-runtime-you-use');
  assert.equal(linkLabel('https://github.com/Mirantis/cri-dockerd#readme'), 'github.com › cri-dockerd');
  assert.equal(linkLabel('https://etcd.io/'), 'etcd.io');
});
