// Cluster strings are attacker-controlled. A cluster whose every free-text field carries HTML,
// script, mermaid syntax, terminal escapes, bidi controls and 300 KB values must come out as text
// in every CLI output, the topology page must render its diagram in a real browser without
// running any of it, and the verdict must stay honest.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'parse5';
import type { ReadinessReport } from '../../src/core/model';
import { hostileCluster, HOSTILE_STRINGS, PWNED_MARKER } from '../fixtures/hostile';
import { ensureDebianPackage } from '../fixtures/debian';
import { runCli } from '../fixtures/cli';

const DIR = mkdtempSync(join(tmpdir(), 'k8s-anatomy-hostile-'));
const DUMP = join(DIR, 'hostile.json');
writeFileSync(DUMP, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: hostileCluster() }));

const cli = (args: string[], tty = false) => runCli(args, { tty });

test('the verdict stays honest: the Docker node and the socket workload are found', async () => {
  const result = await cli(['check', '--from', DUMP, '--output', 'json']);
  const report = JSON.parse(result.stdout) as ReadinessReport;
  assert.equal(result.code, 1);
  assert.equal(report.verdict, 'not-ready');
  assert.ok(report.findings.some((f) => f.rule === 'docker-socket-mount' && f.subject.name === 'agent'));
  assert.ok(report.findings.some((f) => f.rule === 'runtime-unknown'), 'nodes with garbage runtimes are unknown, not fine');
});

test('terminal output carries no escape sequence or bidi control from the cluster (colour on or off)', async () => {
  for (const tty of [false, true]) {
    const { stdout } = await cli(['check', '--from', DUMP], tty);
    const withoutOurColours = stdout.replace(/\u001b\[(?:0|1|2|22|31|32|33|34|36|39|90|1;31|1;32|1;33)m/g, '');
    assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(withoutOurColours), `no control characters (tty=${tty})`);
    assert.ok(!/[\u202a-\u202e\u2066-\u2069\u200b-\u200f]/.test(stdout), 'no bidi or zero-width characters');
    assert.ok(stdout.length < 2_000_000, 'the 300 KB values are truncated, not dumped');
  }
});

test('markdown output cannot form HTML, links or images from cluster strings (rendered with raw HTML allowed)', async () => {
  const { stdout } = await cli(['check', '--from', DUMP, '--output', 'markdown']);
  const markdownIt = createRequire(__filename)('markdown-it') as (options: object) => { render(text: string): string };
  const html = markdownIt({ html: true, linkify: true }).render(stdout);
  assert.ok(!/<script/i.test(html), 'no script element');
  assert.ok(!/<img/i.test(html), 'no image element');
  assert.ok(!/<svg/i.test(html), 'no svg element');
  assert.ok(!/href="javascript:/i.test(html), 'no javascript: link');
  assert.ok(html.includes('&lt;script&gt;'), 'the markup is there, as text');
});

test('SARIF and JSON keep the strings as data (valid JSON, no crash)', async () => {
  const sarif = await cli(['check', '--from', DUMP, '--output', 'sarif']);
  assert.equal(sarif.code, 1);
  assert.doesNotThrow(() => JSON.parse(sarif.stdout));
});

test('mermaid source: every hostile label is entity-encoded; no directive, click, class or quote escapes its label', async () => {
  const { stdout } = await cli(['topology', '--from', DUMP]);
  assert.ok(!stdout.includes('%%'), 'no directive');
  assert.ok(!/\bclick\b.*href/.test(stdout.replace(/"[^"]*"/g, '""')), 'no click outside a quoted label');
  for (const line of stdout.split('\n')) {
    const outsideQuotes = line.replace(/"[^"]*"/g, '""');
    assert.ok(!/[<>]/.test(outsideQuotes.replace(/<-->|-->|-\.->|==>/g, '')), `no angle brackets outside labels: ${line.slice(0, 120)}`);
    assert.ok(!outsideQuotes.includes(':::'), `no :::class outside labels: ${line.slice(0, 120)}`);
  }
  const labels = [...stdout.matchAll(/"([^"]*)"/g)].map((m) => m[1] ?? '');
  for (const label of labels) assert.match(label, /^(?:[A-Za-z0-9 .,_\-/:+=@()·→↔…✖▲]|#\d+;|<br\/>)*$/, `label is safe: ${label.slice(0, 80)}`);
});

const PAGE = join(DIR, 'hostile.html');

test('the topology page holds exactly our two nonce scripts and no event handlers from data', async () => {
  const result = await cli(['topology', '--from', DUMP, '--format', 'html', '--out', PAGE]);
  assert.equal(result.code, 0, result.stderr);
  const html = readFileSync(PAGE, 'utf8');
  const document = parse(html);
  const scripts: { attrs: { name: string; value: string }[] }[] = [];
  const handlers: string[] = [];
  const walk = (node: unknown) => {
    const n = node as { nodeName?: string; attrs?: { name: string; value: string }[]; childNodes?: unknown[]; content?: unknown };
    if (n.nodeName === 'script') scripts.push(n as { attrs: { name: string; value: string }[] });
    for (const attr of n.attrs ?? []) if (/^on/i.test(attr.name)) handlers.push(attr.name);
    for (const child of n.childNodes ?? []) walk(child);
    if (n.content) walk(n.content);
  };
  walk(document);
  assert.equal(scripts.length, 2);
  const nonce = scripts[0]?.attrs.find((a) => a.name === 'nonce')?.value;
  assert.ok(nonce && scripts.every((s) => s.attrs.some((a) => a.name === 'nonce' && a.value === nonce)));
  assert.deepEqual(handlers, []);
});

// --- a real browser ---------------------------------------------------------------------------

const CHROMIUM = '/usr/bin/chromium';

before(() => ensureDebianPackage(CHROMIUM, 'chromium'));

test('in Chromium, from file://, the hostile page renders the diagram and runs none of the payloads', async () => {
  if (!existsSync(PAGE)) await cli(['topology', '--from', DUMP, '--format', 'html', '--out', PAGE]);
  // A probe page would need a script of ours; instead dump the DOM after scripts ran: a payload
  // that executed would have set the title to PWNED or left the marker in an attribute it created.
  const dumped = spawnSync(CHROMIUM, [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', `--user-data-dir=${mkdtempSync(join(tmpdir(), 'k8s-anatomy-chromium-'))}`,
    '--virtual-time-budget=15000', '--dump-dom', `file://${PAGE}`,
  ], { encoding: 'utf8', timeout: 120_000, maxBuffer: 256 * 1024 * 1024 });
  assert.equal(dumped.status, 0, dumped.stderr.slice(-2000));
  const dom = dumped.stdout;
  assert.match(dom, /<svg[^>]*id="[^"]*"/, 'mermaid drew an SVG');
  assert.ok(!/<title>PWNED/.test(dom), 'no payload changed the title');
  assert.ok(!/<img[^>]+onerror/i.test(dom), 'no <img onerror> element exists');
  assert.ok(!new RegExp(`<script>window\\.${PWNED_MARKER}`).test(dom), 'no injected <script> element exists');
  for (const s of HOSTILE_STRINGS.slice(0, 2)) assert.ok(!dom.includes(s), 'hostile markup appears only escaped');
});
