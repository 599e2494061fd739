// Label and field selectors, parsed the way the apiserver parses `labelSelector` and
// `fieldSelector` query parameters. A parse failure is a 400 BadRequest.

import { badRequest } from './status';
import type { ResourceInfo } from './resources';

export type Labels = Readonly<Record<string, string>>;
export type Fields = Readonly<Record<string, string>>;

type LabelRequirement =
  | { readonly op: 'exists' | 'notexists'; readonly key: string }
  | { readonly op: 'in' | 'notin'; readonly key: string; readonly values: readonly string[] }
  | { readonly op: 'gt' | 'lt'; readonly key: string; readonly value: number };

export interface LabelSelector {
  readonly requirements: readonly LabelRequirement[];
}

export interface FieldRequirement {
  readonly field: string;
  readonly value: string;
  readonly negate: boolean;
}

export interface FieldSelector {
  readonly requirements: readonly FieldRequirement[];
}

const KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Split on commas that are not inside parentheses. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function checkKey(key: string): string {
  if (!KEY.test(key) || key.length > 316) throw badRequest(`unable to parse requirement: invalid label key "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`);
  return key;
}

function checkValue(value: string): string {
  if (!VALUE.test(value) || value.length > 63) throw badRequest(`unable to parse requirement: values[0][${value}]: Invalid value: "${value}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`);
  return value;
}

export function parseLabelSelector(text: string | null | undefined): LabelSelector | undefined {
  if (text === null || text === undefined || text.trim() === '') return undefined;
  const requirements: LabelRequirement[] = [];
  for (const raw of splitTopLevel(text)) {
    const term = raw.trim();
    if (term === '') throw badRequest(`unable to parse requirement: found '', expected: identifier`);
    let m: RegExpExecArray | null;
    if ((m = /^!\s*(\S+)$/.exec(term))) {
      requirements.push({ op: 'notexists', key: checkKey(m[1] ?? '') });
    } else if ((m = /^(\S+?)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term))) {
      const values = (m[3] ?? '').split(',').map((v) => checkValue(v.trim()));
      requirements.push({ op: m[2] === 'in' ? 'in' : 'notin', key: checkKey(m[1] ?? ''), values });
    } else if ((m = /^([^=!<>\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(term))) {
      const key = checkKey(m[1] ?? '');
      const value = checkValue(m[3] ?? '');
      requirements.push({ op: m[2] === '!=' ? 'notin' : 'in', key, values: [value] });
    } else if ((m = /^([^=!<>\s]+)\s*([<>])\s*(-?\d+)$/.exec(term))) {
      requirements.push({ op: m[2] === '>' ? 'gt' : 'lt', key: checkKey(m[1] ?? ''), value: Number(m[3]) });
    } else if (KEY.test(term)) {
      requirements.push({ op: 'exists', key: term });
    } else {
      throw badRequest(`unable to parse requirement: found '${term}', expected: in, notin, =, ==, !=, gt, lt`);
    }
  }
  return { requirements };
}

export function matchesLabels(selector: LabelSelector | undefined, labels: Labels | undefined): boolean {
  if (!selector) return true;
  for (const r of selector.requirements) {
    const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
    const value = has ? labels[r.key] : undefined;
    switch (r.op) {
      case 'exists':
        if (!has) return false;
        break;
      case 'notexists':
        if (has) return false;
        break;
      case 'in':
        if (!has || !r.values.includes(value ?? '')) return false;
        break;
      case 'notin':
        if (has && r.values.includes(value ?? '')) return false;
        break;
      case 'gt':
      case 'lt': {
        const n = Number(value);
        if (!has || !Number.isInteger(n)) return false;
        if (r.op === 'gt' ? !(n > r.value) : !(n < r.value)) return false;
        break;
      }
    }
  }
  return true;
}

/** Split `a=b,c!=d` honouring backslash escapes (`\,` `\=` `\\`). */
function splitEscaped(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === '\\' && i + 1 < text.length) {
      current += c + (text[i + 1] ?? '');
      i++;
    } else if (c === separator) {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts;
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

export function parseFieldSelector(text: string | null | undefined, info: ResourceInfo): FieldSelector | undefined {
  if (text === null || text === undefined || text.trim() === '') return undefined;
  const requirements: FieldRequirement[] = [];
  for (const term of splitEscaped(text, ',')) {
    const m = /^((?:[^=!\\]|\\.)+?)\s*(==|=|!=)\s*(.*)$/.exec(term.trim());
    if (!m) throw badRequest(`invalid field selector: '${term}' is not a valid selector term (expected field=value, field==value or field!=value)`);
    const field = unescape(m[1] ?? '');
    if (field !== 'metadata.name' && field !== 'metadata.namespace' && !info.fieldSelectors.includes(field)) {
      throw badRequest(`field label not supported: ${field}`);
    }
    requirements.push({ field, value: unescape(m[3] ?? ''), negate: m[2] === '!=' });
  }
  return { requirements };
}

export function matchesFields(selector: FieldSelector | undefined, fields: Fields): boolean {
  if (!selector) return true;
  for (const r of selector.requirements) {
    const actual = fields[r.field] ?? '';
    if ((actual === r.value) === r.negate) return false;
  }
  return true;
}

/** The selectable fields of an object: computed once per write, kept beside the cached JSON. */
export function fieldsOf(info: ResourceInfo, object: Record<string, unknown>): Fields {
  const metadata = (object['metadata'] ?? {}) as Record<string, unknown>;
  const fields: Record<string, string> = {
    'metadata.name': String(metadata['name'] ?? ''),
    'metadata.namespace': String(metadata['namespace'] ?? ''),
  };
  for (const path of info.fieldSelectors) {
    const value = path === 'source' ? lookup(object, 'source.component') ?? lookup(object, 'reportingComponent') : lookup(object, path);
    fields[path] = value === undefined || value === null ? defaultFieldValue(path) : Array.isArray(value) ? value.map(stringifyIp).join(',') : String(value);
  }
  return fields;
}

function defaultFieldValue(path: string): string {
  // Real servers render absent booleans as "false" (spec.unschedulable, spec.hostNetwork).
  return path === 'spec.unschedulable' || path === 'spec.hostNetwork' ? 'false' : '';
}

function stringifyIp(entry: unknown): string {
  return typeof entry === 'object' && entry !== null && 'ip' in entry ? String((entry as { ip: unknown }).ip) : String(entry);
}

const splitPaths = new Map<string, readonly string[]>();

function lookup(object: Record<string, unknown>, path: string): unknown {
  let parts = splitPaths.get(path);
  if (!parts) {
    parts = path.split('.');
    splitPaths.set(path, parts);
  }
  let current: unknown = object;
  for (const part of parts) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
