// YAML offset → what is there, for the hover in any YAML file (Kubernetes manifests, kubeadm and
// kubelet configuration, Helm values, crictl.yaml...). Pure: text in, answer out; one parser
// (`yaml`), multi-document aware. `parseYamlForHover` does the expensive part once per text (the
// editor caches it per document version); `hoverAt` then walks to the scalar under the offset in
// time proportional to the depth of the tree.
//
// What it recognises:
//   - runtime keys: `runtimeClassName`, RuntimeClass `handler`, `containerRuntimeEndpoint`,
//     `criSocket`, `imageServiceEndpoint`, kubelet/kubeadm flag keys (`container-runtime-endpoint`,
//     `container-runtime`, `cri-socket`), crictl's `runtime-endpoint` / `image-endpoint`;
//   - their values: RuntimeClass names and handlers, CRI endpoints and socket paths;
//   - `--container-runtime*` / `--cri-socket` flags and their values inside strings and args;
//   - `hostPath.path` values that point at runtime sockets or Docker's files (with what breaks);
//   - runtime names anywhere (docker, containerd, CRI-O, runc, gVisor, Kata, Wasm shims...);
//   - pod settings the node's runtime must support: `hostUsers`, `volumeMounts[].recursiveReadOnly`,
//     `securityContext.supplementalGroupsPolicy` and an `image` volume source (`volumes[].image`, never
//     a container's `image`), with the runtimes that support them (from src/core/support.ts).
// Anything else gives null: no answer is better than a wrong one.

import {
  isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Document, type Range,
} from 'yaml';
import type { KnowledgeEntry, KnowledgeLayer } from './model';
import { featureRuntimes, lookupKnowledge } from './knowledge';
import { ruleInfo } from './rules/catalog';
import { runtimeFeatureSupport, type RuntimeFeature } from './support';

export type YamlHoverKind = 'name' | 'key' | 'socket' | 'runtimeClass' | 'hostPath' | 'feature';

/** A pod setting that needs support from the node's runtime, as found under the offset. */
export interface FeatureUse {
  readonly feature: RuntimeFeature;
  /** The setting as written, `hostUsers: false` (from the file: untrusted, cut to a short length). */
  readonly setting: string;
  /** true: this value needs the runtime's support; false: it asks nothing of the runtime; null: it depends. */
  readonly requested: boolean | null;
  /** What the setting does with this value (our text). */
  readonly effect: string;
  /** Where a node reports its support (`status.runtimeHandlers[].features.userNamespaces`), or null. */
  readonly nodeField: string | null;
}

export interface YamlHover {
  /** The text the answer is about: a key, a value, or one word or flag inside a value. */
  readonly word: string;
  /** Path from the document root to the scalar: keys and sequence indexes. */
  readonly path: readonly (string | number)[];
  /** 0-based index of the YAML document in a multi-document file. */
  readonly documentIndex: number;
  readonly entry: KnowledgeEntry;
  readonly kind: YamlHoverKind;
  /** Offsets of `word` in the text (end exclusive), for the editor's hover range. */
  readonly start: number;
  readonly end: number;
  /** For a `hostPath` to a runtime socket or Docker's files: what breaks without that runtime. */
  readonly note?: string;
  /** Which runtimes can serve this setting (our text, Markdown code spans allowed). */
  readonly runtimes?: string;
  /** For `kind: 'feature'`: the setting and what it needs. */
  readonly feature?: FeatureUse;
  /** The RuntimeClass a `runtimeClassName` key or value names (from the file: untrusted). */
  readonly runtimeClass?: string;
  /** The handler a RuntimeClass's `handler` value names (from the file: untrusted). */
  readonly handler?: string;
}

interface ParsedDocument {
  readonly index: number;
  readonly start: number;
  readonly end: number;
  readonly doc: Document.Parsed;
  /** Top-level `kind`, when the document is a mapping that has one. */
  readonly kind: string | null;
}

/** A parsed text, reusable for any number of hovers while the text does not change. */
export interface ParsedYaml {
  readonly text: string;
  readonly documents: readonly ParsedDocument[];
}

/** Longest scalar worth looking into; longer values (embedded files, certificates) are skipped. */
const MAX_SCALAR = 64 * 1024;
/** Longest word we look up (the knowledge base refuses longer terms anyway). */
const MAX_WORD = 512;

/** Keys whose value is a CRI endpoint or socket path (lower-case). */
const ENDPOINT_KEYS = new Set([
  'containerruntimeendpoint', 'container-runtime-endpoint', 'crisocket', 'cri-socket',
  'imageserviceendpoint', 'image-service-endpoint', 'runtime-endpoint', 'image-endpoint',
]);
/** Flags (in args or strings) whose value is a CRI endpoint. */
const ENDPOINT_FLAGS = new Set(['--container-runtime-endpoint', '--cri-socket', '--image-service-endpoint', '--runtime-endpoint', '--image-endpoint']);
const RUNTIME_FLAG = '--container-runtime';

/**
 * Layers whose names are recognised anywhere in a file. Control-plane, networking and concept
 * entries are left out: words such as `scheduler`, `pause` or `vm` mean other things in most
 * YAML, and a hover that guesses would be wrong more often than right.
 */
const NAME_LAYERS: ReadonlySet<KnowledgeLayer> = new Set([
  'tooling', 'engine', 'high-level-runtime', 'low-level-runtime', 'sandbox', 'interface', 'shim',
]);

/** A RuntimeClass name or handler (a DNS subdomain / label). */
const OBJECT_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/** Characters of one "word" inside a scalar: names, versions, paths, URIs and `--flag=value`. */
const WORD_CHAR = /[A-Za-z0-9_.\/:+=@~\\-]/;

export function parseYamlForHover(text: string): ParsedYaml {
  const parsed = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false });
  const list = Array.isArray(parsed) ? parsed : [];
  const documents: ParsedDocument[] = list.map((doc, index) => {
    const range: Range = doc.range;
    return { index, start: range[0], end: range[2], doc, kind: topLevelKind(doc) };
  });
  return { text, documents };
}

/** Everything in one call; for tests and one-off use. Editors should cache `parseYamlForHover`. */
export function yamlHoverAt(text: string, offset: number): YamlHover | null {
  return hoverAt(parseYamlForHover(text), offset);
}

export function hoverAt(parsed: ParsedYaml, offset: number): YamlHover | null {
  if (!Number.isInteger(offset) || offset < 0 || offset >= parsed.text.length) return null;
  const document = findDocument(parsed.documents, offset);
  if (!document || !document.doc.contents) return null;
  const hit = findScalar(document.doc.contents, offset, []);
  if (!hit) return null;
  const [start, end] = hit.range;
  if (end - start > MAX_SCALAR) return null;
  return classify(parsed.text, document, hit, offset);
}

// ---------------------------------------------------------------------------------------------
// Walking the tree

interface ScalarHit {
  readonly role: 'key' | 'value';
  readonly value: unknown;
  readonly range: readonly [number, number];
  readonly path: readonly (string | number)[];
  /** The key this value belongs to, or the key of the sequence it is an item of. */
  readonly parentKey: string | null;
  /** For a key: the value node of its pair. */
  readonly pairValue?: unknown;
}

type AnyNode = unknown;

function findDocument(documents: readonly ParsedDocument[], offset: number): ParsedDocument | undefined {
  let low = 0;
  let high = documents.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const d = documents[mid] as ParsedDocument;
    if (offset < d.start) high = mid - 1;
    else if (offset >= d.end) low = mid + 1;
    else return d;
  }
  return undefined;
}

function rangeOf(node: AnyNode): Range | null {
  const range = (node as { range?: Range | null } | null)?.range;
  return range ?? null;
}

function findScalar(node: AnyNode, offset: number, path: readonly (string | number)[], parentKey: string | null = null): ScalarHit | null {
  for (let depth = 0; depth < 256; depth++) {
    if (isAlias(node)) return null;
    if (isScalar(node)) {
      const range = rangeOf(node);
      if (!range || offset < range[0] || offset >= range[1]) return null;
      return { role: 'value', value: node.value, range: [range[0], range[1]], path, parentKey };
    }
    if (isMap(node)) {
      const items = node.items;
      const index = lastStartingAtOrBefore(items.length, (i) => pairStart(items[i]), offset);
      if (index < 0) return null;
      const pair = items[index];
      if (!pair) return null;
      const key = pair.key;
      const keyText = isScalar(key) && key.value !== null && key.value !== undefined ? String(key.value) : null;
      const keyRange = rangeOf(key);
      if (keyRange && offset >= keyRange[0] && offset < keyRange[1]) {
        if (!isScalar(key) || keyText === null) return null;
        return { role: 'key', value: key.value, range: [keyRange[0], keyRange[1]], path: [...path, keyText], parentKey: keyText, pairValue: pair.value };
      }
      const value = pair.value;
      const valueRange = rangeOf(value);
      if (keyText === null || !valueRange || offset < valueRange[0] || offset >= Math.max(valueRange[1], valueRange[2])) return null;
      path = [...path, keyText];
      parentKey = keyText;
      node = value;
      continue;
    }
    if (isSeq(node)) {
      const items = node.items;
      const index = lastStartingAtOrBefore(items.length, (i) => rangeOf(items[i])?.[0] ?? -1, offset);
      if (index < 0) return null;
      const item = items[index];
      const range = rangeOf(item);
      if (!range || offset >= Math.max(range[1], range[2])) return null;
      path = [...path, index];
      node = item;
      continue;
    }
    return null;
  }
  return null;
}

function pairStart(pair: unknown): number {
  const p = pair as { key?: unknown; value?: unknown } | undefined;
  return rangeOf(p?.key)?.[0] ?? rangeOf(p?.value)?.[0] ?? -1;
}

/** Binary search: the last index whose start is ≤ offset (starts ascend in document order). */
function lastStartingAtOrBefore(length: number, startOf: (i: number) => number, offset: number): number {
  let low = 0;
  let high = length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const start = startOf(mid);
    if (start !== -1 && start <= offset) {
      found = mid;
      low = mid + 1;
    } else if (start === -1) {
      // A pair without positions (should not happen when parsing): fall back to a linear scan.
      for (let i = length - 1; i >= 0; i--) {
        const s = startOf(i);
        if (s !== -1 && s <= offset) return i;
      }
      return -1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

function topLevelKind(doc: Document.Parsed): string | null {
  const contents = doc.contents;
  if (!isMap(contents)) return null;
  for (const pair of contents.items) {
    if (isScalar(pair.key) && pair.key.value === 'kind' && isScalar(pair.value) && typeof pair.value.value === 'string') return pair.value.value;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Deciding what the scalar means

function classify(text: string, document: ParsedDocument, hit: ScalarHit, offset: number): YamlHover | null {
  const base = { path: hit.path, documentIndex: document.index };
  const feature = featureHover(text, base, hit);
  if (feature) return feature;
  const whole = typeof hit.value === 'string' ? hit.value.trim() : typeof hit.value === 'number' ? String(hit.value) : null;
  if (whole === null || whole === '') return null;
  const key = (hit.parentKey ?? '').toLowerCase();
  const token = wordAt(text, hit.range[0], hit.range[1], offset);

  if (hit.role === 'key') {
    const keyEntry = runtimeKeyEntry(key, document, hit.path);
    if (keyEntry) {
      const named = key === 'runtimeclassname' ? scalarText(hit.pairValue) : null;
      const extra = keyEntry.key !== 'runtimeclass' ? {}
        : { runtimes: RUNTIME_CLASS_RUNTIMES, ...(named !== null && OBJECT_NAME.test(named) ? { runtimeClass: named } : {}) };
      return { ...base, word: whole, entry: keyEntry, kind: 'key', start: hit.range[0], end: hit.range[1], ...extra };
    }
    return nameHover(base, token);
  }

  // Values whose meaning the key decides.
  const isRuntimeClassValue = key === 'runtimeclassname' || (document.kind === 'RuntimeClass' && hit.path.length === 1 && key === 'handler');
  if (isRuntimeClassValue && token) {
    // A RuntimeClass name or handler: the runtime it names when we know it, else the concept.
    const named = lookupKnowledge(whole);
    if (!(named && NAME_LAYERS.has(named.layer)) && !OBJECT_NAME.test(whole)) return null;
    const entry = named && NAME_LAYERS.has(named.layer) ? named : lookupKnowledge('runtimeclass');
    if (!entry) return null;
    const names = OBJECT_NAME.test(whole) ? (key === 'runtimeclassname' ? { runtimeClass: whole } : { handler: whole }) : {};
    return { ...base, word: whole, entry, kind: 'runtimeClass', ...valueSpan(text, hit, whole), runtimes: RUNTIME_CLASS_RUNTIMES, ...names };
  }
  if (ENDPOINT_KEYS.has(key) && token) {
    const entry = lookupKnowledge(whole);
    return entry ? { ...base, word: whole, entry, kind: 'socket', ...valueSpan(text, hit, whole) } : null;
  }
  if (key === 'container-runtime' && token) {
    const entry = containerRuntimeFlagValue(whole);
    return entry ? { ...base, word: whole, entry, kind: 'name', ...valueSpan(text, hit, whole) } : null;
  }
  const last = hit.path[hit.path.length - 1];
  const beforeLast = hit.path[hit.path.length - 2];
  if (last === 'path' && beforeLast === 'hostPath') {
    const entry = hostPathEntry(whole);
    if (!entry) return null;
    const note = hostPathNote(whole, entry);
    return { ...base, word: whole, entry, kind: 'hostPath', ...valueSpan(text, hit, whole), ...(note ? { note } : {}) };
  }

  if (!token) return null;
  return flagHover(base, token, offset) ?? socketHover(base, token) ?? nameHover(base, token);
}

interface Word {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** The word under `offset` inside [from, to): see WORD_CHAR. Quotes and spaces end a word. */
function wordAt(text: string, from: number, to: number, offset: number): Word | null {
  if (offset < from || offset >= to || !WORD_CHAR.test(text.charAt(offset))) return null;
  let start = offset;
  let end = offset + 1;
  while (start > from && offset - start < MAX_WORD && WORD_CHAR.test(text.charAt(start - 1))) start--;
  while (end < to && end - offset < MAX_WORD && WORD_CHAR.test(text.charAt(end))) end++;
  // Trailing punctuation of prose ("uses containerd.") is not part of the word.
  while (end > start + 1 && /[.:,=]/.test(text.charAt(end - 1)) && end - 1 > offset) end--;
  return { text: text.slice(start, end), start, end };
}

/** The span of a value in the source: the value itself when it can be found there, else the scalar. */
function valueSpan(text: string, hit: ScalarHit, value: string): { start: number; end: number } {
  const at = text.slice(hit.range[0], hit.range[1]).indexOf(value);
  return at >= 0 ? { start: hit.range[0] + at, end: hit.range[0] + at + value.length } : { start: hit.range[0], end: hit.range[1] };
}

function runtimeKeyEntry(key: string, document: ParsedDocument, path: readonly (string | number)[]): KnowledgeEntry | undefined {
  if (key === 'runtimeclassname') return lookupKnowledge('runtimeclass');
  if (key === 'handler') return document.kind === 'RuntimeClass' && path.length === 1 ? lookupKnowledge('runtimeclass') : undefined;
  if (ENDPOINT_KEYS.has(key) || key === 'container-runtime') return lookupKnowledge('container-runtime-endpoint');
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Pod settings the node's runtime must support

/** Which runtimes serve a RuntimeClass: any CRI runtime whose configuration defines the handler. */
const RUNTIME_CLASS_RUNTIMES =
  'any CRI runtime whose configuration defines the handler (containerd: a `runtimes` entry of its CRI plugin; CRI-O: a `crio.runtime.runtimes` table); nodes list the handlers they loaded in `status.runtimeHandlers`';

/** Longest setting text shown back from the file. */
const MAX_SETTING = 80;

interface FeatureKey {
  readonly feature: RuntimeFeature;
  readonly entry: string;
  /** Does the path (ending in the key) name this setting? */
  readonly matches: (path: readonly (string | number)[]) => boolean;
  /** What the value asks of the runtime, and what it does. */
  readonly judge: (value: unknown) => { readonly requested: boolean | null; readonly effect: string };
}

const at = (path: readonly (string | number)[], fromEnd: number): string | number | undefined => path[path.length - fromEnd];

const FEATURE_KEYS: readonly FeatureKey[] = [
  {
    feature: 'userNamespaces',
    entry: 'user-namespaces',
    matches: (p) => at(p, 1) === 'hostUsers' && at(p, 2) === 'spec',
    judge: (v) => v === false || v === 'false'
      ? { requested: true, effect: 'gives the pod its own user namespace, so root in its containers is an unprivileged user on the node; the kubelet refuses the pod on a node whose runtime cannot do this.' }
      : v === true || v === 'true'
        ? { requested: false, effect: 'shares the node\'s user namespace (the default); it asks nothing of the runtime.' }
        : { requested: null, effect: '`false` gives the pod its own user namespace, which the node\'s runtime must support.' },
  },
  {
    feature: 'recursiveReadOnlyMounts',
    entry: 'recursive-read-only-mounts',
    matches: (p) => at(p, 1) === 'recursiveReadOnly' && typeof at(p, 2) === 'number' && at(p, 3) === 'volumeMounts',
    judge: (v) => v === 'Enabled'
      ? { requested: true, effect: 'makes the read-only mount read-only all the way down; the container does not start where the runtime cannot.' }
      : v === 'IfPossible'
        ? { requested: null, effect: 'makes the mount recursively read-only where the runtime can, and silently only at the top elsewhere.' }
        : v === 'Disabled'
          ? { requested: false, effect: 'keeps only the top of the mount read-only (the default); it asks nothing of the runtime.' }
          : { requested: null, effect: '`Enabled` needs the runtime\'s support; `IfPossible` falls back silently where it is missing.' },
  },
  {
    feature: 'supplementalGroupsPolicy',
    entry: 'supplemental-groups-policy',
    matches: (p) => at(p, 1) === 'supplementalGroupsPolicy' && at(p, 2) === 'securityContext',
    judge: (v) => v === 'Strict'
      ? { requested: true, effect: 'uses only the groups the pod lists; the kubelet rejects the pod on a node whose runtime does not support it.' }
      : v === 'Merge'
        ? { requested: false, effect: 'also adds the groups the image\'s `/etc/group` gives the user (the default); it asks nothing of the runtime.' }
        : { requested: null, effect: '`Strict` needs the runtime\'s support; `Merge` is the default.' },
  },
  {
    feature: 'imageVolume',
    entry: 'image-volumes',
    // `spec.volumes[i].image` (and its `reference`), never `containers[i].image`.
    matches: (p) => (at(p, 1) === 'image' && typeof at(p, 2) === 'number' && at(p, 3) === 'volumes')
      || (at(p, 1) === 'reference' && at(p, 2) === 'image' && typeof at(p, 3) === 'number' && at(p, 4) === 'volumes'),
    judge: () => ({ requested: true, effect: 'mounts an OCI image or artifact read-only into the pod; its containers do not start on a node whose runtime cannot.' }),
  },
];

/** A hover on one of FEATURE_KEYS, its key or its value; null for anything else. */
function featureHover(text: string, base: Base, hit: ScalarHit): YamlHover | null {
  const spec = FEATURE_KEYS.find((f) => f.matches(hit.path));
  if (!spec) return null;
  const keyName = String(at(hit.path, 1));
  const isVolumeImage = spec.feature === 'imageVolume';
  // The image volume is hovered on its keys; a scalar under `image:` (not a volume source) is not one.
  if (isVolumeImage) {
    if (hit.role !== 'key') return null;
    if (keyName === 'image' && !(isMap(hit.pairValue) || hit.pairValue === null || isEmptyScalar(hit.pairValue))) return null;
  }
  const value = hit.role === 'key' ? scalarValue(hit.pairValue) : hit.value;
  const entry = lookupKnowledge(spec.entry);
  if (!entry) return null;
  const { requested, effect } = spec.judge(value);
  const shownValue = value === undefined || value === null || isVolumeImage ? null : String(value);
  const setting = isVolumeImage ? 'volumes[].image' : shownValue === null ? keyName : cut(`${keyName}: ${shownValue}`);
  const row = runtimeFeatureSupport(spec.feature);
  let span: { start: number; end: number };
  let word: string;
  if (hit.role === 'key') {
    span = { start: hit.range[0], end: hit.range[1] };
    word = keyName;
  } else {
    const raw = String(hit.value);
    span = valueSpan(text, hit, raw);
    word = text.slice(span.start, span.end);
  }
  return {
    ...base, word, entry, kind: 'feature', ...span,
    runtimes: runtimesText(spec.feature),
    feature: { feature: spec.feature, setting, requested, effect, nodeField: row.nodeField },
  };
}

/** `containerd 2.1+, CRI-O 1.31+; not Docker Engine through cri-dockerd`, from RUNTIME_FEATURES. */
export function runtimesText(feature: RuntimeFeature): string {
  const { supported, never } = featureRuntimes(feature);
  const can = supported.map((s) => `${s}+`).join(', ');
  return never.length ? `${can}; not ${never.join(' or ')}` : can;
}

function scalarValue(node: unknown): unknown {
  return isScalar(node) ? node.value : undefined;
}

function scalarText(node: unknown): string | null {
  const value = scalarValue(node);
  return typeof value === 'string' ? value.trim() : null;
}

function isEmptyScalar(node: unknown): boolean {
  return isScalar(node) && (node.value === null || node.value === '');
}

function cut(s: string): string {
  return s.length > MAX_SETTING ? `${s.slice(0, MAX_SETTING - 1)}…` : s;
}

/** `--container-runtime=remote` means "use a CRI endpoint"; `=docker` meant the built-in dockershim. */
function containerRuntimeFlagValue(value: string): KnowledgeEntry | undefined {
  const v = value.trim().toLowerCase();
  if (v === 'docker') return lookupKnowledge('dockershim');
  if (v === 'remote') return lookupKnowledge('cri');
  return undefined;
}

type Base = Pick<YamlHover, 'path' | 'documentIndex'>;

/** `--container-runtime-endpoint=unix:///…` and friends, in args or inside a longer string. */
function flagHover(base: Base, found: Word, offset: number): YamlHover | null {
  let word = found;
  // `KUBELET_EXTRA_ARGS=--container-runtime=remote`: the flag starts after the last `=--` before the offset.
  const dash = word.text.lastIndexOf('--', offset - word.start);
  if (dash > 0 && word.text.charAt(dash - 1) === '=') word = { text: word.text.slice(dash), start: word.start + dash, end: word.end };
  if (!word.text.startsWith('--')) return null;
  const eq = word.text.indexOf('=');
  const flag = (eq === -1 ? word.text : word.text.slice(0, eq)).toLowerCase();
  if (!ENDPOINT_FLAGS.has(flag) && flag !== RUNTIME_FLAG) return null;
  if (eq === -1 || offset <= word.start + eq || word.start + eq + 1 >= word.end) {
    const entry = lookupKnowledge('container-runtime-endpoint');
    return entry ? { ...base, word: word.text.slice(0, flag.length), entry, kind: 'key', start: word.start, end: word.start + flag.length } : null;
  }
  const value = word.text.slice(eq + 1);
  const entry = flag === RUNTIME_FLAG ? containerRuntimeFlagValue(value) : lookupKnowledge(value);
  const kind = flag === RUNTIME_FLAG ? 'name' : 'socket';
  return entry ? { ...base, word: value, entry, kind, start: word.start + eq + 1, end: word.end } : null;
}

function socketHover(base: Base, word: Word): YamlHover | null {
  const lower = word.text.toLowerCase();
  const looksLikeSocket = lower.includes('.sock') || lower.startsWith('unix://') || lower.startsWith('npipe://')
    || lower.includes('/pipe/');
  if (!looksLikeSocket) return null;
  const entry = lookupKnowledge(word.text);
  return entry ? { ...base, word: word.text, entry, kind: 'socket', start: word.start, end: word.end } : null;
}

function nameHover(base: Base, word: Word | null): YamlHover | null {
  if (!word) return null;
  const entry = lookupKnowledge(word.text);
  if (!entry || !NAME_LAYERS.has(entry.layer)) return null;
  return { ...base, word: word.text, entry, kind: 'name', start: word.start, end: word.end };
}

/**
 * The runtime a node path belongs to: the file itself (`docker.sock`, `containerd.sock`), else the
 * nearest directory named after a runtime (`/var/lib/docker/containers` → Docker Engine).
 */
function hostPathEntry(path: string): KnowledgeEntry | undefined {
  const direct = lookupKnowledge(path);
  if (direct) return direct;
  const segments = path.split(/[\\/]+/).filter((segment) => segment !== '');
  for (let i = segments.length - 1; i >= 0; i--) {
    const entry = lookupKnowledge(segments[i] as string);
    if (entry) return NAME_LAYERS.has(entry.layer) ? entry : undefined;
  }
  return undefined;
}

/** What breaks when a pod mounts this node path and the node does not run the runtime it belongs to. */
function hostPathNote(path: string, entry: KnowledgeEntry): string | undefined {
  const lower = path.toLowerCase();
  if (entry.key === 'dockershim') return ruleInfo('dockershim-socket-mount')?.full;
  if (entry.key === 'dockerd') {
    if (lower.includes('docker.sock') || lower.includes('docker_engine')) return ruleInfo('docker-socket-mount')?.full;
    if (/(^|\/)(var\/lib\/docker|etc\/docker)(\/|$)/.test(lower)) return ruleInfo('docker-data-mount')?.full;
    return undefined;
  }
  if (entry.key === 'containerd' || entry.key === 'cri-o' || entry.key === 'cri-dockerd') return ruleInfo('runtime-socket-mount')?.full;
  return undefined;
}
