// The simulated etcd + watch cache: objects kept as pre-serialised JSON, indexed by resource and
// namespace in key order (the order real list responses come in), one global resourceVersion
// counter, and a bounded history of watch events.
//
// Objects are stored as JSON strings, never as live objects: pages are built by concatenating the
// strings, and nobody outside can mutate stored state by accident. `get`/`list` return fresh copies.

import { randomInt, randomUUID } from 'node:crypto';
import { groupVersionOf, isVirtual, ResourceRegistry, type ResourceInfo } from './resources';
import { fieldsOf, matchesFields, matchesLabels, type FieldSelector, type Fields, type LabelSelector, type Labels } from './selectors';
import { alreadyExists, badRequest, conflict, continueExpired, invalid, notFound, tooOldResourceVersion } from './status';

export type KubeObject = Record<string, unknown>;

/**
 * An object whose author already wrote its list-item JSON (the scale generator does, to stay fast
 * at 150,000 pods). `summary` holds apiVersion, kind, the full metadata and whatever fields the
 * resource's field selectors read; `itemJson` is the object without kind/apiVersion, as a list
 * item. The author keeps them consistent; the store trusts both.
 */
export class Preserialized {
  constructor(
    readonly summary: KubeObject,
    readonly itemJson: string,
  ) {}
}

export interface StoredEntry {
  readonly info: ResourceInfo;
  /** '' for cluster-scoped objects. */
  readonly namespace: string;
  readonly name: string;
  readonly rv: number;
  readonly uid: string;
  /** The object's JSON as a list item: without kind/apiVersion for built-in resources, as real servers write it. */
  readonly itemJson: string;
  readonly labels: Labels | undefined;
  readonly fields: Fields;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  readonly type: WatchEventType;
  readonly rv: number;
  readonly entry: StoredEntry;
  /** For MODIFIED: the labels and fields before the change, so filtered watches can turn it into ADDED/DELETED. */
  readonly previous?: { readonly labels: Labels | undefined; readonly fields: Fields };
}

export interface ListQuery {
  /** Restrict to one namespace; undefined lists across all. */
  readonly namespace?: string;
  readonly labelSelector?: LabelSelector;
  readonly fieldSelector?: FieldSelector;
  readonly limit?: number;
  readonly continueToken?: string;
}

export interface ListPage {
  readonly items: StoredEntry[];
  /** The snapshot resourceVersion the list (and every later page of it) reports. */
  readonly resourceVersion: number;
  readonly continueToken?: string;
  readonly remainingItemCount?: number;
  /** 1-based page number in a continue chain (1 for a list without `continue`). */
  readonly page: number;
}

export interface StoreOptions {
  /** How many watch events are kept for resuming watches; older ones are compacted. */
  readonly historySize?: number;
  /** Continue tokens whose snapshot is older than this many writes are expired (410). */
  readonly continueWindow?: number;
}

interface ContinueKey {
  readonly v: 'meta.k8s.io/v1';
  readonly rv: number;
  readonly start: string;
  readonly page: number;
}

class Bucket {
  /** Names in key order. */
  names: string[] = [];
  readonly entries = new Map<string, StoredEntry>();
  sorted = true;

  ensureSorted(): void {
    if (!this.sorted) {
      this.names.sort(compareKeys);
      this.sorted = true;
    }
  }
}

class KindIndex {
  readonly buckets = new Map<string, Bucket>();
  private namespaceOrder: string[] | undefined;

  bucket(namespace: string, create: boolean): Bucket | undefined {
    let bucket = this.buckets.get(namespace);
    if (!bucket && create) {
      bucket = new Bucket();
      this.buckets.set(namespace, bucket);
      this.namespaceOrder = undefined;
    }
    return bucket;
  }

  namespaces(): string[] {
    this.namespaceOrder ??= [...this.buckets.keys()].sort(compareKeys);
    return this.namespaceOrder;
  }

  size(): number {
    let total = 0;
    for (const bucket of this.buckets.values()) total += bucket.entries.size;
    return total;
  }
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** First index in sorted `names` whose value is > `after` (or >= when inclusive). */
function lowerBound(names: readonly string[], after: string, inclusive: boolean): number {
  let lo = 0;
  let hi = names.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const value = names[mid] ?? '';
    if (value < after || (!inclusive && value === after)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function nowTimestamp(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function metadataOf(object: KubeObject): KubeObject {
  const metadata = object['metadata'];
  if (typeof metadata === 'object' && metadata !== null && !Array.isArray(metadata)) return metadata as KubeObject;
  const created: KubeObject = {};
  object['metadata'] = created;
  return created;
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export class Store {
  readonly registry: ResourceRegistry;
  private readonly kinds = new Map<ResourceInfo, KindIndex>();
  private counter = 0;
  private history: StoreEvent[] = [];
  private compactedRv = 0;
  private readonly listeners = new Set<(event: StoreEvent) => void>();
  private readonly historySize: number;
  private readonly continueWindow: number;

  constructor(registry = new ResourceRegistry(), options: StoreOptions = {}) {
    this.registry = registry;
    this.historySize = options.historySize ?? 10_000;
    this.continueWindow = options.continueWindow ?? 100_000;
  }

  /** The current (latest) resourceVersion. */
  get resourceVersion(): number {
    return this.counter;
  }

  /** Events at or below this resourceVersion are gone: watches from older versions get 410. */
  get compactedResourceVersion(): number {
    return this.compactedRv;
  }

  // ---- loading -------------------------------------------------------------------------------

  /**
   * Put objects in place without watch events (the cluster as it was before anyone watched).
   * Keeps numeric resourceVersions from dumps and starts the counter above them; fills uid,
   * creationTimestamp and namespace where missing.
   */
  load(objects: Iterable<KubeObject | Preserialized>): number {
    let loaded = 0;
    const touched = new Set<Bucket>();
    const fresh: KubeObject[] = [];
    for (const object of objects) {
      if (object instanceof Preserialized) {
        this.loadPreserialized(object, touched);
        loaded++;
        continue;
      }
      const info = this.resolveForObject(object);
      if (isVirtual(info)) continue;
      const metadata = metadataOf(object);
      const rv = Number(metadata['resourceVersion']);
      if (Number.isSafeInteger(rv) && rv > 0) {
        this.counter = Math.max(this.counter, rv);
      } else {
        fresh.push(object);
        continue;
      }
      this.loadOne(info, object, metadata, rv, touched);
      loaded++;
    }
    for (const object of fresh) {
      const info = this.resolveForObject(object);
      const metadata = metadataOf(object);
      this.loadOne(info, object, metadata, ++this.counter, touched);
      loaded++;
    }
    for (const bucket of touched) bucket.ensureSorted();
    this.compactedRv = this.counter;
    this.history = [];
    return loaded;
  }

  private loadPreserialized(object: Preserialized, touched: Set<Bucket>): void {
    const info = this.resolveForObject(object.summary);
    const metadata = metadataOf(object.summary);
    const rv = Number(metadata['resourceVersion']);
    const name = String(metadata['name'] ?? '');
    const namespace = info.namespaced ? String(metadata['namespace'] ?? '') : '';
    if (!Number.isSafeInteger(rv) || name === '' || (info.namespaced && namespace === '') || info.custom) {
      throw new Error(`a pre-serialised ${info.kind} needs a built-in kind, a name, a namespace if namespaced, and a numeric resourceVersion`);
    }
    this.counter = Math.max(this.counter, rv);
    const bucket = this.index(info).bucket(namespace, true) as Bucket;
    if (!bucket.entries.has(name)) bucket.names.push(name);
    bucket.entries.set(name, this.makeEntry(info, object.summary, namespace, name, rv, object.itemJson));
    bucket.sorted = false;
    touched.add(bucket);
  }

  private loadOne(info: ResourceInfo, object: KubeObject, metadata: KubeObject, rv: number, touched: Set<Bucket>): void {
    const name = String(metadata['name'] ?? '');
    if (name === '') throw badRequest(`a ${info.kind} in the scenario has no metadata.name`);
    const namespace = info.namespaced ? String(metadata['namespace'] ?? 'default') : '';
    if (info.namespaced) metadata['namespace'] = namespace;
    else delete metadata['namespace'];
    metadata['uid'] ??= randomUUID();
    metadata['creationTimestamp'] ??= nowTimestamp();
    metadata['resourceVersion'] = String(rv);
    const bucket = this.index(info).bucket(namespace, true) as Bucket;
    if (!bucket.entries.has(name)) bucket.names.push(name);
    bucket.entries.set(name, this.makeEntry(info, object, namespace, name, rv));
    bucket.sorted = false;
    touched.add(bucket);
  }

  private resolveForObject(object: KubeObject): ResourceInfo {
    const apiVersion = String(object['apiVersion'] ?? '');
    const kind = String(object['kind'] ?? '');
    if (apiVersion === '' || kind === '') throw badRequest('an object without apiVersion or kind cannot be stored');
    const metadata = object['metadata'] as KubeObject | undefined;
    return this.registry.forKind(apiVersion, kind) ?? this.registry.registerFromObject(apiVersion, kind, typeof metadata?.['namespace'] === 'string');
  }

  // ---- reads ---------------------------------------------------------------------------------

  entry(info: ResourceInfo, namespace: string, name: string): StoredEntry | undefined {
    return this.kinds.get(info)?.bucket(info.namespaced ? namespace : '', false)?.entries.get(name);
  }

  /** Namespaces that hold at least one object of any kind (used to synthesise Namespace objects). */
  namespacesInUse(): Set<string> {
    const used = new Set<string>();
    for (const [info, index] of this.kinds) {
      if (!info.namespaced) continue;
      for (const [namespace, bucket] of index.buckets) if (bucket.entries.size > 0) used.add(namespace);
    }
    return used;
  }

  count(info: ResourceInfo): number {
    return this.kinds.get(info)?.size() ?? 0;
  }

  /** One page of a list, in key order, honouring selectors, `limit` and `continue`. */
  listPage(info: ResourceInfo, query: ListQuery): ListPage {
    const index = this.kinds.get(info);
    let snapshotRv = this.counter;
    let startKey: string | undefined;
    let page = 1;
    if (query.continueToken) {
      const key = decodeContinue(query.continueToken);
      if (key.rv < this.compactedRv || this.counter - key.rv > this.continueWindow || key.rv > this.counter) throw continueExpired();
      snapshotRv = key.rv;
      startKey = key.start;
      page = key.page;
    }
    const limit = query.limit !== undefined && query.limit > 0 ? query.limit : Infinity;
    const items: StoredEntry[] = [];
    let lastKey: string | undefined;
    let more = false;
    let position = 0; // how many keys (matching or not) lie before the page's end, for remainingItemCount
    const namespaces = !index ? [] : !info.namespaced ? [''] : query.namespace !== undefined ? [query.namespace] : index.namespaces();
    const [startNamespace, startName] = splitKey(info, startKey);
    outer: for (const namespace of namespaces) {
      const bucket = index?.bucket(namespace, false);
      if (!bucket) continue;
      bucket.ensureSorted();
      let from = 0;
      if (startKey !== undefined) {
        if (namespace < startNamespace) {
          position += bucket.names.length;
          continue;
        }
        if (namespace === startNamespace) from = lowerBound(bucket.names, startName, false);
      }
      position += from;
      for (let i = from; i < bucket.names.length; i++) {
        if (items.length >= limit) {
          more = true;
          break outer;
        }
        position++;
        const entry = bucket.entries.get(bucket.names[i] ?? '');
        if (!entry) continue;
        lastKey = info.namespaced ? `${namespace}/${entry.name}` : entry.name;
        if (!matchesLabels(query.labelSelector, entry.labels) || !matchesFields(query.fieldSelector, entry.fields)) continue;
        items.push(entry);
      }
    }
    const result: ListPage = { items, resourceVersion: snapshotRv, page };
    if (!more || lastKey === undefined) return result;
    const total = query.namespace !== undefined && info.namespaced ? (index?.bucket(query.namespace, false)?.entries.size ?? 0) : (index?.size() ?? 0);
    const unfiltered = !query.labelSelector && !query.fieldSelector;
    return {
      ...result,
      continueToken: encodeContinue({ v: 'meta.k8s.io/v1', rv: snapshotRv, start: `${lastKey}\u0000`, page: page + 1 }),
      ...(unfiltered ? { remainingItemCount: Math.max(0, total - position) } : {}),
    };
  }

  // ---- writes --------------------------------------------------------------------------------

  /** Create from a full object (apiVersion + kind); throws ApiError (AlreadyExists, BadRequest). */
  createObject(info: ResourceInfo, input: KubeObject, options: { dryRun?: boolean } = {}): StoredEntry {
    const object = clone(input);
    object['apiVersion'] = groupVersionOf(info);
    object['kind'] = info.kind;
    const metadata = metadataOf(object);
    let name = typeof metadata['name'] === 'string' ? metadata['name'] : '';
    if (name === '' && typeof metadata['generateName'] === 'string' && metadata['generateName'] !== '') {
      name = `${metadata['generateName']}${randomSuffix()}`;
      metadata['name'] = name;
    }
    if (name === '') throw invalid(info, '', 'metadata.name', 'Required value: name or generateName is required');
    const namespace = info.namespaced ? String(metadata['namespace'] ?? 'default') : '';
    if (info.namespaced) metadata['namespace'] = namespace;
    else delete metadata['namespace'];
    if (this.entry(info, namespace, name)) throw alreadyExists(info, name);
    metadata['uid'] = randomUUID();
    metadata['creationTimestamp'] = nowTimestamp();
    delete metadata['deletionTimestamp'];
    if ((info.group === 'apps' || info.group === 'batch') && metadata['generation'] === undefined) metadata['generation'] = 1;
    if (options.dryRun) return this.makeEntry(info, object, namespace, name, this.counter);
    const rv = ++this.counter;
    metadata['resourceVersion'] = String(rv);
    const entry = this.makeEntry(info, object, namespace, name, rv);
    const bucket = this.index(info).bucket(namespace, true) as Bucket;
    bucket.ensureSorted();
    bucket.names.splice(lowerBound(bucket.names, name, true), 0, name);
    bucket.entries.set(name, entry);
    this.emit({ type: 'ADDED', rv, entry });
    return entry;
  }

  /** Replace an object (PUT semantics): Conflict when a stale resourceVersion is given. */
  updateObject(info: ResourceInfo, input: KubeObject, options: { dryRun?: boolean } = {}): StoredEntry {
    const object = clone(input);
    object['apiVersion'] = groupVersionOf(info);
    object['kind'] = info.kind;
    const metadata = metadataOf(object);
    const name = String(metadata['name'] ?? '');
    const namespace = info.namespaced ? String(metadata['namespace'] ?? 'default') : '';
    const current = this.entry(info, namespace, name);
    if (!current) throw notFound(info, name);
    const given = metadata['resourceVersion'];
    if (given !== undefined && given !== '' && String(given) !== String(current.rv)) throw conflict(info, name);
    const previous = JSON.parse(current.itemJson) as KubeObject;
    const previousMetadata = metadataOf(previous);
    // Fields the server owns: identity and creation time never change on update.
    metadata['uid'] = current.uid;
    metadata['creationTimestamp'] = previousMetadata['creationTimestamp'];
    if (info.namespaced) metadata['namespace'] = namespace;
    else delete metadata['namespace'];
    if (previousMetadata['generation'] !== undefined) {
      const specChanged = JSON.stringify(object['spec']) !== JSON.stringify(previous['spec']);
      metadata['generation'] = Number(previousMetadata['generation']) + (specChanged ? 1 : 0);
    }
    metadata['resourceVersion'] = String(current.rv);
    const unchanged = this.makeEntry(info, object, namespace, name, current.rv);
    // A no-op update does not bump the resourceVersion, as on real servers.
    if (unchanged.itemJson === current.itemJson) return current;
    if (options.dryRun) return unchanged;
    const rv = ++this.counter;
    metadata['resourceVersion'] = String(rv);
    const entry = this.makeEntry(info, object, namespace, name, rv);
    (this.index(info).bucket(namespace, true) as Bucket).entries.set(name, entry);
    this.emit({ type: 'MODIFIED', rv, entry, previous: { labels: current.labels, fields: current.fields } });
    return entry;
  }

  /** Delete at once (no graceful termination); preconditions as in DeleteOptions. */
  deleteObject(info: ResourceInfo, namespace: string, name: string, options: { uid?: string; resourceVersion?: string; dryRun?: boolean } = {}): StoredEntry {
    const ns = info.namespaced ? namespace : '';
    const current = this.entry(info, ns, name);
    if (!current) throw notFound(info, name);
    if (options.uid !== undefined && options.uid !== current.uid) {
      throw conflict(info, name, `Precondition failed: UID in precondition: ${options.uid}, UID in object meta: ${current.uid}`);
    }
    if (options.resourceVersion !== undefined && options.resourceVersion !== String(current.rv)) {
      throw conflict(info, name, `Precondition failed: ResourceVersion in precondition: ${options.resourceVersion}, ResourceVersion in object meta: ${current.rv}`);
    }
    if (options.dryRun) return current;
    const bucket = this.index(info).bucket(ns, false) as Bucket;
    bucket.entries.delete(name);
    bucket.ensureSorted();
    const at = lowerBound(bucket.names, name, true);
    if (bucket.names[at] === name) bucket.names.splice(at, 1);
    const rv = ++this.counter;
    const object = JSON.parse(this.fullJson(current)) as KubeObject;
    metadataOf(object)['resourceVersion'] = String(rv);
    const entry = this.makeEntry(info, object, ns, name, rv);
    this.emit({ type: 'DELETED', rv, entry });
    return entry;
  }

  /**
   * Forget all watch history: every continue token and watch resourceVersion issued so far becomes
   * "too old". The counter moves on by one first, as the writes a live cluster always has would
   * move it, so the compaction point is newer than every snapshot handed out.
   */
  compact(): void {
    this.counter += 1;
    this.compactedRv = this.counter;
    this.history = [];
  }

  // ---- watch support -------------------------------------------------------------------------

  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Events after `rv`; throws a 410 ApiError when they have been compacted away. */
  eventsSince(rv: number): StoreEvent[] {
    if (rv < this.compactedRv) throw tooOldResourceVersion(rv, this.compactedRv + 1);
    let lo = 0;
    let hi = this.history.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.history[mid]?.rv ?? 0) <= rv) lo = mid + 1;
      else hi = mid;
    }
    return this.history.slice(lo);
  }

  /** Every entry of a resource in key order (optionally in one namespace). */
  *entries(info: ResourceInfo, namespace?: string): Generator<StoredEntry> {
    const index = this.kinds.get(info);
    if (!index) return;
    const namespaces = !info.namespaced ? [''] : namespace !== undefined ? [namespace] : index.namespaces();
    for (const ns of namespaces) {
      const bucket = index.bucket(ns, false);
      if (!bucket) continue;
      bucket.ensureSorted();
      for (const name of bucket.names) {
        const entry = bucket.entries.get(name);
        if (entry) yield entry;
      }
    }
  }

  /** The object's JSON as returned by GET: with kind and apiVersion. */
  fullJson(entry: StoredEntry): string {
    if (entry.info.custom) return entry.itemJson;
    return `{"kind":${JSON.stringify(entry.info.kind)},"apiVersion":${JSON.stringify(groupVersionOf(entry.info))},${entry.itemJson.slice(1)}`;
  }

  object(entry: StoredEntry): KubeObject {
    return JSON.parse(this.fullJson(entry)) as KubeObject;
  }

  private emit(event: StoreEvent): void {
    this.history.push(event);
    if (this.history.length > this.historySize) {
      const dropped = this.history.splice(0, this.history.length - this.historySize);
      this.compactedRv = dropped[dropped.length - 1]?.rv ?? this.compactedRv;
    }
    for (const listener of [...this.listeners]) listener(event);
  }

  private index(info: ResourceInfo): KindIndex {
    let index = this.kinds.get(info);
    if (!index) {
      index = new KindIndex();
      this.kinds.set(info, index);
    }
    return index;
  }

  private makeEntry(info: ResourceInfo, object: KubeObject, namespace: string, name: string, rv: number, serialized?: string): StoredEntry {
    const metadata = metadataOf(object);
    let itemJson: string;
    if (serialized !== undefined) {
      itemJson = serialized;
    } else if (info.custom) {
      itemJson = JSON.stringify(object);
    } else {
      const { kind: _kind, apiVersion: _apiVersion, ...rest } = object;
      itemJson = JSON.stringify(rest);
    }
    const labels = metadata['labels'];
    return {
      info,
      namespace,
      name,
      rv,
      uid: String(metadata['uid'] ?? ''),
      itemJson,
      labels: typeof labels === 'object' && labels !== null ? (labels as Labels) : undefined,
      fields: fieldsOf(info, object),
    };
  }
}

function splitKey(info: ResourceInfo, key: string | undefined): [string, string] {
  if (key === undefined) return ['', ''];
  const bare = key.endsWith('\u0000') ? key.slice(0, -1) : key;
  if (!info.namespaced) return ['', bare];
  const slash = bare.indexOf('/');
  return slash === -1 ? [bare, ''] : [bare.slice(0, slash), bare.slice(slash + 1)];
}

export function encodeContinue(key: ContinueKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeContinue(token: string): ContinueKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('continue key is not valid: illegal base64 data or JSON');
  }
  const key = parsed as Partial<ContinueKey> | null;
  if (!key || key.v !== 'meta.k8s.io/v1' || typeof key.rv !== 'number' || typeof key.start !== 'string') {
    throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
  return { v: key.v, rv: key.rv, start: key.start, page: typeof key.page === 'number' ? key.page : 2 };
}

const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function randomSuffix(): string {
  let out = '';
  for (let i = 0; i < 5; i++) out += SUFFIX_ALPHABET[randomInt(SUFFIX_ALPHABET.length)];
  return out;
}
