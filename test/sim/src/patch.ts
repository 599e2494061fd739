// PATCH bodies: JSON merge patch (RFC 7386), strategic merge patch (treated as a merge patch: the
// simulator has no per-field merge keys, so lists are replaced, not merged) and JSON patch
// (RFC 6902).

import { badRequest, unsupportedMediaType } from './status';

export type PatchType = 'merge' | 'strategic' | 'json';

export function patchTypeOf(contentType: string | undefined): PatchType {
  const media = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  switch (media) {
    case 'application/merge-patch+json':
      return 'merge';
    case 'application/strategic-merge-patch+json':
      return 'strategic';
    case 'application/json-patch+json':
      return 'json';
    default:
      throw unsupportedMediaType(contentType ?? '');
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** RFC 7386: objects merge recursively, null deletes, everything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const result: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

interface JsonPatchOperation {
  readonly op: string;
  readonly path: string;
  readonly from?: string;
  readonly value?: unknown;
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw badRequest(`the JSON patch path "${pointer}" does not start with "/"`);
  return pointer.slice(1).split('/').map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(document: unknown, parts: readonly string[], pointer: string): { parent: Record<string, unknown> | unknown[]; key: string } {
  let current: unknown = document;
  for (const part of parts.slice(0, -1)) {
    if (Array.isArray(current)) current = current[Number(part)];
    else if (isPlainObject(current)) current = current[part];
    else current = undefined;
    if (current === undefined) throw badRequest(`jsonpatch: the path "${pointer}" does not exist`);
  }
  if (!Array.isArray(current) && !isPlainObject(current)) throw badRequest(`jsonpatch: the path "${pointer}" does not exist`);
  return { parent: current, key: parts[parts.length - 1] ?? '' };
}

function getAt(document: unknown, pointer: string): unknown {
  let current: unknown = document;
  for (const part of parsePointer(pointer)) {
    if (Array.isArray(current)) current = current[Number(part)];
    else if (isPlainObject(current)) current = current[part];
    else return undefined;
  }
  return current;
}

function removeAt(document: unknown, pointer: string): unknown {
  const { parent, key } = parentOf(document, parsePointer(pointer), pointer);
  if (Array.isArray(parent)) {
    const index = Number(key);
    if (!Number.isInteger(index) || index < 0 || index >= parent.length) throw badRequest(`jsonpatch remove operation does not apply: index ${key} is out of range`);
    return parent.splice(index, 1)[0];
  }
  if (!(key in parent)) throw badRequest(`jsonpatch remove operation does not apply: doc is missing key: ${pointer}`);
  const removed = parent[key];
  delete parent[key];
  return removed;
}

function addAt(document: unknown, pointer: string, value: unknown, replace: boolean): unknown {
  const parts = parsePointer(pointer);
  if (parts.length === 0) return value;
  const { parent, key } = parentOf(document, parts, pointer);
  if (Array.isArray(parent)) {
    const index = key === '-' ? parent.length : Number(key);
    if (!Number.isInteger(index) || index < 0 || index > parent.length) throw badRequest(`jsonpatch add operation does not apply: index ${key} is out of range`);
    if (replace) parent[index] = value;
    else parent.splice(index, 0, value);
  } else {
    if (replace && !(key in parent)) throw badRequest(`jsonpatch replace operation does not apply: doc is missing key: ${pointer}`);
    parent[key] = value;
  }
  return document;
}

/** RFC 6902 on a copy of `document`. */
export function jsonPatch(document: unknown, operations: unknown): unknown {
  if (!Array.isArray(operations)) throw badRequest('the JSON patch is not a list of operations');
  let doc: unknown = structuredClone(document);
  for (const raw of operations as JsonPatchOperation[]) {
    if (!isPlainObject(raw) || typeof raw.op !== 'string' || typeof raw.path !== 'string') throw badRequest('a JSON patch operation needs "op" and "path"');
    switch (raw.op) {
      case 'add':
        doc = addAt(doc, raw.path, structuredClone(raw.value), false);
        break;
      case 'replace':
        doc = addAt(doc, raw.path, structuredClone(raw.value), true);
        break;
      case 'remove':
        removeAt(doc, raw.path);
        break;
      case 'move': {
        const value = removeAt(doc, raw.from ?? '');
        doc = addAt(doc, raw.path, value, false);
        break;
      }
      case 'copy':
        doc = addAt(doc, raw.path, structuredClone(getAt(doc, raw.from ?? '')), false);
        break;
      case 'test':
        if (JSON.stringify(getAt(doc, raw.path)) !== JSON.stringify(raw.value)) throw badRequest(`jsonpatch test operation does not apply: is not equal at ${raw.path}`);
        break;
      default:
        throw badRequest(`Unexpected kind: ${raw.op}`);
    }
  }
  return doc;
}

export function applyPatch(type: PatchType, document: unknown, patch: unknown): unknown {
  return type === 'json' ? jsonPatch(document, patch) : mergePatch(document, patch);
}
