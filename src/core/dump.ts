// Clusters at rest: the text of `kubectl get ... -o json|yaml` (and `kubectl version -o json|yaml`)
// turned into plain Kubernetes objects. One format serves `--from` dumps, the built-in samples and
// the simulator's scenarios: one data format for clusters at rest (docs/architecture.md).
//
// Pure: takes text, returns objects or throws DumpError naming the file and, where the parser
// knows it, the line.

import { LineCounter, isCollection, isPair, parseAllDocuments, type Document } from 'yaml';
import { isRecord } from './read';
import {
  KubeletAnswerError, MAX_CONFIGZ_BYTES, MAX_METRICS_BYTES, kubeletEvidence, parseKubeletConfigz, parseKubeletMetrics,
  type KubeletAnswer, type KubeletConfigzFacts, type KubeletMetricsFacts,
} from './kubelet';
import type { KubeletEvidence } from './model';

/** Largest YAML alias expansion we accept: defeats "billion laughs" alias bombs. */
export const MAX_YAML_ALIAS_COUNT = 1000;
/**
 * Deepest YAML nesting we read (mappings and lists inside each other). Kubernetes objects nest a
 * few dozen levels at most (a CRD's schema included); the YAML parser and toJS recurse per level
 * and run out of stack somewhere past 500, so the limit is set well below that and checked
 * without recursion.
 */
export const MAX_YAML_DEPTH = 256;
const TOO_DEEP = `YAML nests too deep (more than ${MAX_YAML_DEPTH} levels of mappings and lists inside each other); refusing to read it`;
/** YAML files larger than this are parsed without keeping a per-field line map. */
const KEEP_LINE_MAP_BELOW = 8 * 1024 * 1024;

export type KubeObject = Record<string, unknown>;

export interface DumpObject {
  readonly object: KubeObject;
  readonly file: string;
  /** 1-based line where the object starts, when the file is YAML (or the whole file is one object). */
  readonly line?: number;
  /** 1-based line of a field inside the object (`['spec','volumes',0,'hostPath','path']`), when known. */
  readonly locate?: (path: readonly (string | number)[]) => number | undefined;
}

export interface ParsedDump {
  readonly objects: DumpObject[];
  /** `serverVersion.gitVersion` of a `kubectl version` document, if the text held one. */
  readonly serverVersion: string | null;
}

export class DumpError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly line?: number,
  ) {
    super(`${file}${line !== undefined ? `:${line}` : ''}: ${problem}`);
    this.name = 'DumpError';
  }
}

/** Parse one file's text. `file` is only used in messages and locations. */
export function parseDumpText(text: string, file: string): ParsedDump {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.length === 0) throw new DumpError(file, 'the file is empty; expected Kubernetes objects as JSON or YAML');
  const out: DumpObject[] = [];
  let serverVersion: string | null = null;
  const roots = trimmed.startsWith('{') || trimmed.startsWith('[') ? parseJsonRoots(text, file) : parseYamlRoots(text, file);
  for (const root of roots) {
    if (root.value === null || root.value === undefined) continue; // empty YAML document (`---` alone)
    if (!isRecord(root.value)) {
      throw new DumpError(file, `expected a Kubernetes object (a mapping with "kind"), found ${describe(root.value)}`, root.line);
    }
    const value = root.value;
    const version = serverVersionOf(value);
    if (version !== undefined) {
      serverVersion = version;
      continue;
    }
    if (typeof value['kind'] !== 'string' || value['kind'] === '') {
      throw new DumpError(file, 'found a document without "kind"; expected Kubernetes objects (kubectl get -o json|yaml) or a kubectl version document', root.line);
    }
    if (Array.isArray(value['items']) && value['kind'].endsWith('List')) {
      value['items'].forEach((item, index) => {
        if (!isRecord(item) || typeof item['kind'] !== 'string') {
          // `kubectl get pods -o json` items carry no kind when the List is typed (PodList): infer it.
          const inferred = value['kind'] !== 'List' ? (value['kind'] as string).slice(0, -'List'.length) : undefined;
          if (isRecord(item) && inferred) {
            item['kind'] = inferred;
          } else {
            throw new DumpError(file, `item ${index} of the ${value['kind']} is not a Kubernetes object (no "kind")`, root.line);
          }
        }
        const path = ['items', index];
        out.push({
          object: item as KubeObject,
          file,
          line: root.locate?.(path) ?? root.line,
          ...(root.locate ? { locate: (p: readonly (string | number)[]) => root.locate?.([...path, ...p]) } : {}),
        });
      });
      continue;
    }
    out.push({ object: value, file, ...(root.line !== undefined ? { line: root.line } : {}), ...(root.locate ? { locate: root.locate } : {}) });
  }
  if (out.length === 0 && serverVersion === null) {
    throw new DumpError(file, 'no Kubernetes objects found; expected the output of `kubectl get ... -o json` or `-o yaml`');
  }
  return { objects: out, serverVersion };
}

interface Root {
  readonly value: unknown;
  readonly line?: number;
  readonly locate?: (path: readonly (string | number)[]) => number | undefined;
}

function parseJsonRoots(text: string, file: string): Root[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.map((v) => ({ value: v })) : [{ value, line: 1 }];
  } catch (error) {
    // JSON is YAML: a file that is not valid JSON may still be valid YAML flow style, but a
    // truncated or broken JSON dump should say where JSON broke.
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const line = position ? lineOfOffset(text, Number(position[1])) : undefined;
    const lineCol = /line (\d+) column \d+/.exec(message);
    throw new DumpError(file, `invalid JSON: ${cleanJsonMessage(message)}`, line ?? (lineCol ? Number(lineCol[1]) : undefined));
  }
}

function parseYamlRoots(text: string, file: string): Root[] {
  const lineCounter = new LineCounter();
  let documents: Document.Parsed[];
  try {
    documents = parseAllDocuments(text, { lineCounter, uniqueKeys: false, prettyErrors: false }) as Document.Parsed[];
  } catch (error) {
    if (isStackOverflow(error)) throw new DumpError(file, TOO_DEEP);
    throw new DumpError(file, `invalid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!Array.isArray(documents)) documents = [documents];
  const keepLines = text.length < KEEP_LINE_MAP_BELOW;
  const roots: Root[] = [];
  for (const doc of documents) {
    const error = doc.errors[0];
    if (error) {
      const line = error.linePos?.[0]?.line ?? (error.pos ? lineCounter.linePos(error.pos[0]).line : undefined);
      // The parser records running out of stack as a document error: only nesting does that.
      if (isStackOverflow(error)) throw new DumpError(file, TOO_DEEP, line);
      throw new DumpError(file, `invalid YAML: ${firstLine(error.message)}`, line);
    }
    const deep = deeperThan(doc.contents, MAX_YAML_DEPTH);
    if (deep) throw new DumpError(file, TOO_DEEP, deep.range?.[0] !== undefined ? lineCounter.linePos(deep.range[0]).line : undefined);
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const line = doc.contents?.range ? lineCounter.linePos(doc.contents.range[0]).line : undefined;
      if (isStackOverflow(error)) throw new DumpError(file, TOO_DEEP, line);
      if (/alias/i.test(message)) {
        throw new DumpError(file, `YAML aliases expand too far (more than ${MAX_YAML_ALIAS_COUNT} alias expansions: an "alias bomb"); refusing to expand it`, line);
      }
      throw new DumpError(file, `invalid YAML: ${firstLine(message)}`, line);
    }
    const start = doc.contents?.range?.[0];
    roots.push({
      value,
      ...(start !== undefined ? { line: lineCounter.linePos(start).line } : {}),
      ...(keepLines ? { locate: (path: readonly (string | number)[]) => locateInDocument(doc, lineCounter, path) } : {}),
    });
  }
  return roots;
}

/** The first collection nested deeper than `limit` levels, found without recursion; null if none. */
function deeperThan(root: unknown, limit: number): { readonly range?: readonly number[] | null } | null {
  const stack: [node: unknown, depth: number][] = [[root, 1]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [node, depth] = next;
    if (isPair(node)) {
      stack.push([node.key, depth], [node.value, depth]);
    } else if (isCollection(node)) {
      if (depth > limit) return node;
      for (const item of node.items) stack.push([item, depth + 1]);
    }
  }
  return null;
}

/** A RangeError from running out of stack (V8's "Maximum call stack size exceeded"). */
function isStackOverflow(error: unknown): boolean {
  const message = error instanceof Error || (isRecord(error) && typeof error['message'] === 'string') ? String((error as { message: unknown }).message) : '';
  return /maximum call stack size exceeded/i.test(message);
}

function locateInDocument(doc: Document.Parsed, lines: LineCounter, path: readonly (string | number)[]): number | undefined {
  const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
  const offset = node?.range?.[0];
  return offset === undefined ? undefined : lines.linePos(offset).line;
}

function serverVersionOf(value: Record<string, unknown>): string | null | undefined {
  if ('kind' in value) return undefined;
  const server = value['serverVersion'];
  if (!isRecord(server)) return undefined;
  return typeof server['gitVersion'] === 'string' ? server['gitVersion'] : null;
}

function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function cleanJsonMessage(message: string): string {
  // Node's messages quote part of the input; keep the sentence, drop the echoed text.
  return firstLine(message).replace(/, "[^]*$/, '').replace(/ in JSON at position \d+.*$/, '').slice(0, 200);
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).slice(0, 300);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'a plain string';
  return `a ${typeof value}`;
}

// ---- kubelet answers saved beside the objects ----------------------------------------------------

/** `NODE.kubelet-configz.json` (`kubectl get --raw /api/v1/nodes/NODE/proxy/configz`) and `NODE.kubelet-metrics.txt` (`…/proxy/metrics`). */
const KUBELET_FILE = /^(.+)\.kubelet-(configz\.json|metrics\.txt)$/;
/** A Node name: a DNS subdomain (RFC 1123), as the API server validates it. */
const NODE_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/** Whether a string is a valid Node name (so it can name a file without escaping anything). */
export function isNodeName(name: string): boolean {
  return NODE_NAME.test(name);
}

export interface KubeletFileName {
  readonly node: string;
  readonly answer: KubeletAnswer;
}

/** Whether a file's base name is a saved kubelet answer, and of which node; null for every other file. */
export function kubeletFileOf(baseName: string): KubeletFileName | null {
  const m = KUBELET_FILE.exec(baseName);
  if (!m) return null;
  return { node: m[1] ?? '', answer: m[2] === 'configz.json' ? 'configz' : 'metrics' };
}

/** The file name `collect` writes (and `--from` reads) for a node's answer. */
export function kubeletFileName(node: string, answer: KubeletAnswer): string {
  return `${node}.kubelet-${answer === 'configz' ? 'configz.json' : 'metrics.txt'}`;
}

/** Largest saved answer read; larger ones are refused before they are read. */
export function maxKubeletFileBytes(answer: KubeletAnswer): number {
  return answer === 'configz' ? MAX_CONFIGZ_BYTES : MAX_METRICS_BYTES;
}

export type KubeletFileFacts =
  | { readonly answer: 'metrics'; readonly node: string; readonly facts: KubeletMetricsFacts }
  | { readonly answer: 'configz'; readonly node: string; readonly facts: KubeletConfigzFacts };

/** Parse one saved answer; every problem is a DumpError naming the file. */
export function parseKubeletFile(bytes: Uint8Array, file: string, name: KubeletFileName): KubeletFileFacts {
  if (!NODE_NAME.test(name.node)) {
    throw new DumpError(file, 'the file name does not start with a Node name (NODE.kubelet-configz.json or NODE.kubelet-metrics.txt)');
  }
  try {
    return name.answer === 'metrics'
      ? { answer: 'metrics', node: name.node, facts: parseKubeletMetrics(bytes) }
      : { answer: 'configz', node: name.node, facts: parseKubeletConfigz(bytes) };
  } catch (error) {
    if (error instanceof KubeletAnswerError) throw new DumpError(file, `this is not what a kubelet answers: ${error.message}`);
    throw error;
  }
}

/** Every node's saved answers as the evidence the scanner keeps (each read from the node itself). */
export function kubeletEvidenceOfFiles(files: readonly KubeletFileFacts[]): Map<string, KubeletEvidence> {
  const byNode = new Map<string, { metrics?: KubeletMetricsFacts; configz?: KubeletConfigzFacts }>();
  for (const file of files) {
    const entry = byNode.get(file.node) ?? {};
    if (file.answer === 'metrics') entry.metrics = file.facts;
    else entry.configz = file.facts;
    byNode.set(file.node, entry);
  }
  return new Map([...byNode].map(([node, answers]) => [node, kubeletEvidence(answers, node)]));
}
