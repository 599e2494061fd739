// Property tests (fast-check): the parsers, path normalisation, the escaping functions and the
// diagnosis itself never throw on any input, are idempotent where they should be, and escaping
// round-trips.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseKubeVersion, parseRuntimeVersion } from '../../src/core/versions';
import { normaliseHostPath, parseSocketEndpoint } from '../../src/core/paths';
import { mermaidLabel, mermaidId } from '../../src/core/mermaid';
import { escapeHtml, escapeTerminal } from '../../src/core/escape';
import { diagnoseObjects } from '../../src/core/diagnose';
import { parseDumpText, DumpError } from '../../src/core/dump';

const RUNS = { numRuns: 500 };
const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('docker://20.10.17', 'containerd://1.7.7-k3s1', 'cri-o://Unknown', '://', 'v1.2', '/var/run//docker.sock'));

test('runtime and kubelet version parsers never throw and only report well-formed versions', () => {
  fc.assert(fc.property(fc.anything(), (value) => {
    const runtime = parseRuntimeVersion(value);
    assert.equal(typeof runtime.name, 'string');
    if (runtime.version !== null) assert.match(runtime.version, /^\d+\.\d+(\.\d+)?$/);
    const kube = parseKubeVersion(value);
    if (kube) assert.ok(Number.isSafeInteger(kube.major) && Number.isSafeInteger(kube.minor));
  }), RUNS);
  fc.assert(fc.property(anyText, (text) => {
    const runtime = parseRuntimeVersion(text);
    assert.equal(runtime.raw, text.trim());
    assert.equal(runtime.name, runtime.name.toLowerCase());
  }), RUNS);
});

test('a well-formed runtime string round-trips: name://X.Y.Z+suffix', () => {
  fc.assert(fc.property(
    fc.constantFrom('docker', 'containerd', 'cri-o'), fc.nat(99), fc.nat(99), fc.nat(999), fc.constantFrom('', '-k3s1', '+bottlerocket', '+azure-2', '-3.rhaos4.13.git615a02c.el9'),
    (name, a, b, c, suffix) => {
      const parsed = parseRuntimeVersion(`${name}://${a}.${b}.${c}${suffix}`);
      assert.deepEqual([parsed.name, parsed.version, parsed.suffix], [name, `${a}.${b}.${c}`, suffix]);
    },
  ), RUNS);
});

test('hostPath normalisation is idempotent, absolute, and treats /var/run as /run', () => {
  const segment = fc.constantFrom('var', 'run', 'docker.sock', '', '.', '..', 'lib', 'docker', 'x y', 'a//b');
  const path = fc.array(segment, { maxLength: 8 }).map((parts) => `/${parts.join('/')}`);
  fc.assert(fc.property(fc.oneof(path, anyText), (raw) => {
    const once = normaliseHostPath(raw);
    assert.equal(normaliseHostPath(once), once);
    if (!once.startsWith('\\\\')) {
      assert.ok(once.startsWith('/'));
      assert.ok(!once.includes('//'));
      assert.ok(once === '/' || !once.endsWith('/'));
      assert.ok(!once.startsWith('/var/run/') && once !== '/var/run');
    }
  }), RUNS);
});

test('whitespace a dropped trailing slash or `..` leaves at the end of a path is dropped too, so normalising twice changes nothing (counterexamples fast-check found)', () => {
  for (const [raw, expected] of [['! /', '/!'], ['/x /', '/x'], ['/a /b/..', '/a'], ['/a/ /b/..', '/a'], ['/x/.. /..', '/x'], ['/var/run /', '/run']] as const) {
    assert.equal(normaliseHostPath(raw), expected, raw);
    assert.equal(normaliseHostPath(expected), expected, `${raw}, again`);
    assert.equal(parseSocketEndpoint(`unix://${raw}`).path, expected, `unix://${raw}`);
  }
});

test('CRI endpoints never throw, and the parsed path is already normal', () => {
  fc.assert(fc.property(fc.oneof(anyText, fc.constantFrom('unix://unix:///run/containerd/containerd.sock', 'npipe:////./pipe/dockershim')), (raw) => {
    const endpoint = parseSocketEndpoint(raw);
    assert.equal(normaliseHostPath(endpoint.path), endpoint.path);
  }), RUNS);
});

function decodeMermaidEntities(text: string): string {
  return text.replace(/#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)));
}

test('mermaid labels contain only safe characters and entities, and decode back to the (cleaned) text', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
    const label = mermaidLabel(text, 1000);
    assert.match(label, /^(?:[A-Za-z0-9 .,_\-/:+=@()·→↔…✖▲]|#\d+;)*$/);
    const cleaned = text.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\u061c]/g, ' ').replace(/\s+/g, ' ').trim();
    assert.equal(decodeMermaidEntities(label), cleaned);
  }), RUNS);
  fc.assert(fc.property(fc.string(), (id) => assert.match(mermaidId(id), /^[A-Za-z0-9_]+$/)), RUNS);
});

test('HTML escaping leaves no markup and round-trips', () => {
  const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&#x27;/g, "'").replace(/&amp;/g, '&');
  fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => {
    const escaped = escapeHtml(text);
    assert.ok(!/[<>"']/.test(escaped));
    assert.equal(decode(escaped), text);
  }), RUNS);
});

test('terminal escaping removes every control character and is idempotent', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => {
    const escaped = escapeTerminal(text);
    assert.ok(!/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(escaped));
    assert.equal(escapeTerminal(escaped), escaped);
  }), RUNS);
});

const looseNode = fc.record({
  kind: fc.constant('Node'),
  metadata: fc.option(fc.record({ name: fc.oneof(fc.string(), fc.integer()), labels: fc.option(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.constant(null)))) }), { nil: undefined }),
  status: fc.option(fc.record({ nodeInfo: fc.option(fc.dictionary(fc.constantFrom('containerRuntimeVersion', 'kubeletVersion', 'operatingSystem', 'osImage'), fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(fc.string())))) }), { nil: undefined }),
});
const loosePod = fc.record({
  kind: fc.constantFrom('Pod', 'Deployment', 'CronJob', 'DaemonSet'),
  metadata: fc.anything(),
  spec: fc.oneof(fc.anything(), fc.record({ volumes: fc.array(fc.record({ name: fc.string(), hostPath: fc.record({ path: fc.oneof(fc.string(), fc.constant('/var/run/docker.sock'), fc.integer()) }) })) })),
});

test('the diagnosis never throws on objects with missing fields or wrong types, and never calls an unreadable node ready', () => {
  fc.assert(fc.property(fc.array(fc.oneof(looseNode, loosePod, fc.anything()), { maxLength: 12 }), fc.option(fc.string(), { nil: null }), (objects, version) => {
    const { report } = diagnoseObjects(objects.map((object) => ({ object })), version, { requireNodesAndWorkloads: true });
    if (report.nodes.some((n) => n.runtime.version === null)) assert.notEqual(report.verdict, 'ready');
    if (report.nodes.length === 0) assert.notEqual(report.verdict, 'ready');
  }), { numRuns: 300 });
});

test('dump parsing either returns objects or throws a DumpError — nothing else', () => {
  fc.assert(fc.property(fc.oneof(fc.string(), fc.json(), fc.string({ unit: 'binary' })), (text) => {
    try {
      parseDumpText(text, 'fuzz.yaml');
    } catch (error) {
      assert.ok(error instanceof DumpError, `unexpected ${String(error)}`);
    }
  }), RUNS);
});

test('the YAML hover function never throws, for any text and any offset, and only answers inside the text', async () => {
  const { yamlHoverAt } = await import('../../src/core/yamlHover');
  const yamlish = fc.array(fc.constantFrom('kind: Pod\n', '---\n', 'spec:\n', '  runtimeClassName: gvisor\n', '  volumes:\n', '  - hostPath:\n', '      path: /var/run/docker.sock\n', '- [a, *b, &c d]\n', ': :\n', '"unterminated\n', '\t\n', 'handler: runsc\n'), { maxLength: 20 }).map((lines) => lines.join(''));
  fc.assert(fc.property(fc.oneof(yamlish, fc.string({ unit: 'binary' })), fc.integer({ min: -5, max: 2000 }), (text, offset) => {
    const hit = yamlHoverAt(text, offset);
    if (hit) {
      assert.ok(hit.start >= 0 && hit.start <= offset && offset <= hit.end && hit.end <= text.length, 'the range covers the offset');
      assert.ok(hit.word.length > 0 && hit.entry.key.length > 0);
      assert.ok(hit.documentIndex >= 0);
    }
  }), RUNS);
});
