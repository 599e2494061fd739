// Clusters at rest: every dump shape kubectl writes is read; every bad input ends in one clear
// DumpError naming the file (and the line where the parser knows it), never a crash or a hang.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DumpError, MAX_YAML_DEPTH, parseDumpText } from '../../src/core/dump';
import { loadDumps, decode } from '../../src/k8s/dumpFiles';

const NODE_JSON = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, status: { nodeInfo: { containerRuntimeVersion: 'containerd://1.7.11' } } };

test('a single JSON object is one object', () => {
  const parsed = parseDumpText(JSON.stringify(NODE_JSON), 'node.json');
  assert.equal(parsed.objects.length, 1);
  assert.equal(parsed.objects[0]?.object['kind'], 'Node');
});

test('a kubectl List (kind: List) yields its items', () => {
  const text = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [NODE_JSON, { ...NODE_JSON, metadata: { name: 'n2' } }], metadata: { resourceVersion: '' } });
  assert.deepEqual(parseDumpText(text, 'list.json').objects.map((o) => (o.object['metadata'] as { name: string }).name), ['n1', 'n2']);
});

test('a typed list (PodList) whose items lack kind gets the kind from the list', () => {
  const text = JSON.stringify({ apiVersion: 'v1', kind: 'PodList', items: [{ metadata: { name: 'p', namespace: 'default' }, spec: {} }] });
  assert.equal(parseDumpText(text, 'pods.json').objects[0]?.object['kind'], 'Pod');
});

test('multi-document YAML with a kubectl version document gives objects, lines and the server version', () => {
  const text = [
    'clientVersion:', '  gitVersion: v1.32.4', 'serverVersion:', '  gitVersion: v1.23.17-eks-8ccc7ba', '  major: "1"', '  minor: "23+"',
    '---', 'apiVersion: v1', 'kind: Node', 'metadata:', '  name: n1',
    '---', 'apiVersion: apps/v1', 'kind: DaemonSet', 'metadata:', '  name: agent', '  namespace: default', 'spec:', '  template:', '    spec:', '      volumes:',
    '      - name: sock', '        hostPath:', '          path: /var/run/docker.sock', '---', '',
  ].join('\n');
  const parsed = parseDumpText(text, 'multi.yaml');
  assert.equal(parsed.serverVersion, 'v1.23.17-eks-8ccc7ba');
  assert.equal(parsed.objects.length, 2);
  assert.equal(parsed.objects[0]?.line, 8);
  assert.equal(parsed.objects[1]?.locate?.(['spec', 'template', 'spec', 'volumes', 0, 'hostPath', 'path']), 24);
});

test('kubectl get -o yaml List output keeps item line numbers', () => {
  const text = ['apiVersion: v1', 'items:', '- apiVersion: v1', '  kind: Node', '  metadata:', '    name: a', '- apiVersion: v1', '  kind: Node', '  metadata:', '    name: b', 'kind: List', ''].join('\n');
  const parsed = parseDumpText(text, 'nodes.yaml');
  assert.deepEqual(parsed.objects.map((o) => o.line), [3, 7]);
});

const BAD: [name: string, text: string, pattern: RegExp, line?: number][] = [
  ['truncated JSON', '{"apiVersion": "v1", "kind": "Node", "metadata": {"name": ', /invalid JSON/],
  ['invalid YAML', 'apiVersion: v1\nkind: Node\nmetadata:\n  name: [unclosed\n', /invalid YAML/, 5],
  ['YAML tab indentation error', 'kind: Node\nmetadata:\n\t name: x\n', /invalid YAML/],
  ['empty file', '   \n', /empty/],
  ['a YAML scalar', 'just some words\n', /expected a Kubernetes object/],
  ['a mapping without kind', 'apiVersion: v1\nmetadata:\n  name: x\n', /without "kind"/],
  ['a List whose items are not objects', '{"kind":"List","items":[1,2]}', /item 0/],
];

for (const [name, text, pattern, line] of BAD) {
  test(`bad input: ${name} → DumpError naming the file${line ? ' and line' : ''}`, () => {
    assert.throws(() => parseDumpText(text, 'bad.yaml'), (error: unknown) => {
      assert.ok(error instanceof DumpError);
      assert.match(error.message, /^bad\.yaml/);
      assert.match(error.message, pattern);
      if (line !== undefined) assert.equal(error.line, line);
      return true;
    });
  });
}

test('a YAML alias bomb is refused quickly instead of expanding', () => {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 12; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    lines.push(`${name}: &${name} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`);
  }
  lines.push('kind: ConfigMap');
  const started = Date.now();
  assert.throws(() => parseDumpText(lines.join('\n'), 'bomb.yaml'), /alias bomb/);
  assert.ok(Date.now() - started < 2000, 'refused in well under two seconds');
});

test('YAML nested deeper than the limit is refused with the limit named, at any depth and in any style', () => {
  const blockLists = (levels: number) => `kind: ConfigMap\ndata:\n${Array.from({ length: levels }, (_, i) => `${' '.repeat(i)}-`).join('\n')} x\n`;
  const rows: [name: string, text: string, line: number][] = [
    // Past the parser's own stack: it used to end in "invalid YAML: Maximum call stack size exceeded".
    ['100,000 nested flow lists', `kind: ConfigMap\ndata: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`, 2],
    ['10,000 nested flow mappings', `kind: ConfigMap\ndata: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`, 2],
    ['5,000 nested block lists', blockLists(5000), 0],
    // Under the parser's stack but over the limit: refused where the first too-deep list starts.
    ['300 nested block lists', blockLists(300), 2 + MAX_YAML_DEPTH],
    ['300 nested flow lists, second document', `kind: ConfigMap\n---\nkind: ConfigMap\ndata: ${'['.repeat(300)}${']'.repeat(300)}\n`, 4],
  ];
  for (const [name, text, line] of rows) {
    assert.throws(() => parseDumpText(text, 'deep.yaml'), (error: unknown) => {
      assert.ok(error instanceof DumpError, name);
      assert.equal(error.problem, `YAML nests too deep (more than ${MAX_YAML_DEPTH} levels of mappings and lists inside each other); refusing to read it`, name);
      if (line > 0) assert.equal(error.line, line, name);
      return true;
    }, name);
  }
});

test('YAML nested up to the limit is read', () => {
  // The document's root mapping is level 1, so `data` holds MAX_YAML_DEPTH - 1 lists.
  const levels = MAX_YAML_DEPTH - 1;
  const parsed = parseDumpText(`kind: ConfigMap\ndata: ${'['.repeat(levels)}${']'.repeat(levels)}\n`, 'deep.yaml');
  let value: unknown = parsed.objects[0]?.object['data'];
  let depth = 0;
  while (Array.isArray(value)) {
    depth++;
    value = value[0];
  }
  assert.equal(depth, levels);
});

test('binary data is refused as binary, not parsed', () => {
  assert.throws(() => decode(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), 'image.png'), /binary file/);
  assert.throws(() => decode(Buffer.from([0xff, 0xfe, 0xfd, 0x41]), 'latin.yaml'), /not UTF-8/);
});

test('oversized input is refused with the limit named', () => {
  assert.throws(() => decode(Buffer.alloc(2048, 0x20), 'big.json', 1024), /more than the .* MiB limit/);
});

test('directories are read recursively (json, yaml, yml), in name order; other files are ignored', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-anatomy-dump-'));
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'b.yaml'), 'kind: Node\nmetadata:\n  name: b\n');
  writeFileSync(join(dir, 'sub', 'a.json'), JSON.stringify({ ...NODE_JSON, metadata: { name: 'a' } }));
  writeFileSync(join(dir, 'notes.txt'), 'not a dump');
  const loaded = await loadDumps([dir]);
  assert.equal(loaded.objects.length, 2);
  assert.equal(loaded.files.length, 2);
});

test('a missing file and an empty directory are clear errors', async () => {
  await assert.rejects(loadDumps(['/nonexistent/dump.json']), /no such file or directory/);
  const empty = mkdtempSync(join(tmpdir(), 'k8s-anatomy-empty-'));
  await assert.rejects(loadDumps([empty]), /no \.json, \.yaml or \.yml files/);
});

test('- reads standard input', async () => {
  const loaded = await loadDumps(['-'], { stdin: async () => Buffer.from(JSON.stringify(NODE_JSON)) });
  assert.deepEqual(loaded.files, ['<stdin>']);
  assert.equal(loaded.objects.length, 1);
});
