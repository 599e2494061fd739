// The REST API: routing a request to discovery, /version, health, or a resource verb, with
// authentication, authorization and the request-level faults applied first, as a real apiserver's
// handler chain does (faults stand in for the network and overload in front of it).

import type { IncomingMessage, ServerResponse } from 'node:http';
import { ANONYMOUS, authenticate, isPublicPath, type Authorizer, type AuthMode, type RequestAttributes, type User } from './auth';
import { aggregatedContentType, aggregatedDiscovery, apiGroupDocument, apiGroupList, apiResourceList, apiVersions, emptyOpenApiV2 } from './discovery';
import type { Faults } from './faults';
import { readJson, sendBody, sendError, sendJson, sendList, sendText, setBodyRate } from './http';
import { kubeletConfigz, kubeletMetrics, type SavedKubeletAnswers } from './kubelet';
import { negotiate, type Representation } from './negotiate';
import { applyPatch, patchTypeOf } from './patch';
import { groupVersionOf, isVirtual, type ResourceInfo } from './resources';
import { parseFieldSelector, parseLabelSelector } from './selectors';
import { ApiError, badRequest, continueExpired, deleteSuccess, methodNotAllowed, notFound, pathNotFound, unauthorized } from './status';
import { decodeContinue, type KubeObject, type Store, type StoredEntry } from './store';
import { parseIncludeObject, toTable } from './tables';
import { versionInfo } from './version';
import { serveWatch } from './watch';

export interface RequestRecord {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly accept: string;
  user: string;
  status: number;
}

export interface ApiConfig {
  readonly store: Store;
  readonly authorizer: Authorizer;
  readonly faults: Faults;
  readonly authMode: AuthMode;
  readonly token: string;
  readonly serverVersion: string;
  readonly discovery: 'aggregated' | 'legacy';
  readonly bookmarkIntervalMs: number;
  /** host:port, for serverAddressByClientCIDRs. */
  serverAddress: string;
  /** Kubelet answers from a dump's NODE.kubelet-* files, served as they are, by node name. */
  readonly kubelet: ReadonlyMap<string, SavedKubeletAnswers>;
}

const MAX_RECORDS = 20_000;

interface ResourcePath {
  readonly info: ResourceInfo;
  readonly namespace?: string;
  readonly name?: string;
  readonly subresource?: string;
  /** Path below a subresource (`configz` in nodes/NAME/proxy/configz). */
  readonly rest: string;
  readonly legacyWatch: boolean;
}

export class ApiHandler {
  readonly records: RequestRecord[] = [];
  /** Responses deliberately never answered (the hang fault), ended by close(). */
  readonly hanging = new Set<ServerResponse>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly config: ApiConfig) {}

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const response of this.hanging) response.socket?.destroy();
    this.hanging.clear();
  }

  /** The entry point given to the HTTPS server. */
  handle = (request: IncomingMessage, response: ServerResponse): void => {
    this.serve(request, response).catch((error: unknown) => sendError(response, error));
  };

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'https://127.0.0.1');
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    const method = request.method ?? 'GET';
    const record: RequestRecord = { method, path, query: Object.fromEntries(url.searchParams), accept: request.headers.accept ?? '', user: '', status: 0 };
    this.records.push(record);
    if (this.records.length > MAX_RECORDS) this.records.splice(0, this.records.length - MAX_RECORDS);
    response.on('finish', () => (record.status = response.statusCode));
    response.on('close', () => (record.status ||= response.headersSent ? response.statusCode : -1));

    const fault = this.config.faults.onRequest(path);
    if (fault.hang) {
      this.hanging.add(response);
      response.on('close', () => this.hanging.delete(response));
      return;
    }
    if (fault.delayMs > 0) await this.delay(fault.delayMs);
    if (this.closed) return;
    const bytesPerSec = this.config.faults.bodyRate(path);
    if (bytesPerSec !== undefined) setBodyRate(response, bytesPerSec);
    if (fault.error) throw fault.error;

    const user = authenticate(request, this.config.authMode, this.config.token);
    record.user = user.name;
    if (user === ANONYMOUS && !isPublicPath(path)) throw unauthorized();
    await this.route(request, response, method, path, url.searchParams, user);
  }

  private async route(request: IncomingMessage, response: ServerResponse, method: string, path: string, query: URLSearchParams, user: User): Promise<void> {
    const { store } = this.config;
    const accept = request.headers.accept;
    if (path === '/version') return this.onlyGet(method, () => sendJson(response, 200, versionInfo(this.config.serverVersion)));
    if (['/livez', '/readyz', '/healthz'].includes(path) || /^\/(livez|readyz|healthz)\//.test(path)) return this.onlyGet(method, () => sendText(response, 200, 'ok'));
    if (path === '/openapi/v2') {
      return this.onlyGet(method, () =>
        /protobuf/.test(accept ?? '')
          ? sendBody(response, 200, emptyOpenApiV2(this.config.serverVersion), { contentType: 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf' })
          : sendJson(response, 200, { swagger: '2.0', info: { title: 'Kubernetes', version: this.config.serverVersion }, paths: {}, definitions: {} }),
      );
    }
    const segments = path.split('/').filter(Boolean);
    if (segments[0] === 'api' || segments[0] === 'apis') {
      const legacy = segments[0] === 'api';
      const registry = store.registry;
      if (segments.length === 1) {
        return this.onlyGet(method, () => {
          const representation = negotiate(accept, { discovery: this.config.discovery === 'aggregated' });
          if (representation.kind === 'discovery') {
            sendJson(response, 200, aggregatedDiscovery(registry, legacy, representation.version), { contentType: aggregatedContentType(representation.version) });
          } else {
            sendJson(response, 200, legacy ? apiVersions(this.config.serverAddress) : apiGroupList(registry));
          }
        });
      }
      if (!legacy && segments.length === 2) {
        const document = apiGroupDocument(registry, segments[1] ?? '');
        if (!document) throw pathNotFound();
        return this.onlyGet(method, () => sendJson(response, 200, document));
      }
      const group = legacy ? '' : (segments[1] ?? '');
      const version = (legacy ? segments[1] : segments[2]) ?? '';
      const rest = segments.slice(legacy ? 2 : 3);
      if (rest.length === 0) {
        const document = apiResourceList(registry, group, version);
        if (!document) throw pathNotFound();
        return this.onlyGet(method, () => sendJson(response, 200, document));
      }
      const target = this.parseResourcePath(group, version, rest);
      if (!target) throw pathNotFound();
      return this.resource(request, response, method, query, user, target);
    }
    throw pathNotFound();
  }

  private onlyGet(method: string, handler: () => void): void {
    if (method !== 'GET' && method !== 'HEAD') throw methodNotAllowed();
    handler();
  }

  private parseResourcePath(group: string, version: string, segments: readonly string[]): ResourcePath | undefined {
    const registry = this.config.store.registry;
    let parts = segments;
    const legacyWatch = parts[0] === 'watch';
    if (legacyWatch) parts = parts.slice(1);
    let namespace: string | undefined;
    if (parts[0] === 'namespaces' && parts.length >= 3) {
      const candidate = registry.forPath(group, version, parts[2] ?? '');
      if (candidate?.namespaced) {
        namespace = parts[1];
        parts = parts.slice(2);
      }
    }
    const info = registry.forPath(group, version, parts[0] ?? '');
    if (!info) return undefined;
    if (info.namespaced && namespace === undefined && parts.length > 1) return undefined;
    return {
      info,
      ...(namespace !== undefined ? { namespace } : {}),
      ...(parts[1] !== undefined ? { name: decodeURIComponent(parts[1]) } : {}),
      ...(parts[2] !== undefined ? { subresource: parts[2] } : {}),
      rest: parts.slice(3).join('/'),
      legacyWatch,
    };
  }

  private async resource(request: IncomingMessage, response: ServerResponse, method: string, query: URLSearchParams, user: User, target: ResourcePath): Promise<void> {
    const { info, namespace, name, subresource } = target;
    const watch = target.legacyWatch || query.get('watch') === 'true' || query.get('watch') === '1';
    const verb = verbOf(method, name !== undefined, watch, subresource);
    if (!verb) throw methodNotAllowed();
    const attributes: RequestAttributes = {
      verb,
      group: info.group,
      resource: info.plural,
      ...(subresource ? { subresource } : {}),
      // For namespace objects the request's namespace is the object itself, as in RBAC.
      ...(namespace !== undefined ? { namespace } : info.plural === 'namespaces' && name !== undefined ? { namespace: name } : {}),
      ...(name !== undefined ? { name } : {}),
    };
    this.config.authorizer.check(user, attributes);

    if (subresource !== undefined) return this.subresource(request, response, method, target);
    if (!info.verbs.includes(verb)) throw methodNotAllowed();
    if (isVirtual(info)) return this.review(request, response, user, info);

    switch (verb) {
      case 'list':
        return this.list(request, response, query, info, namespace);
      case 'watch':
        return this.watch(request, response, query, info, namespace, name);
      case 'get':
        return this.get(request, response, query, info, namespace, name ?? '');
      case 'create':
        return this.create(request, response, query, info, namespace);
      case 'update':
        return this.update(request, response, query, info, namespace, name ?? '');
      case 'patch':
        return this.patch(request, response, query, info, namespace, name ?? '');
      case 'delete':
        return this.delete(request, response, query, info, namespace, name ?? '');
      case 'deletecollection':
        return this.deleteCollection(request, response, query, info, namespace);
      default:
        throw methodNotAllowed();
    }
  }

  // ---- reads ---------------------------------------------------------------------------------

  private list(request: IncomingMessage, response: ServerResponse, query: URLSearchParams, info: ResourceInfo, namespace: string | undefined): void {
    const { store, faults } = this.config;
    const representation = negotiate(request.headers.accept, { table: true });
    const continueToken = query.get('continue') ?? undefined;
    const path = request.url ? new URL(request.url, 'https://x').pathname : '';
    if (continueToken && faults.expireContinue(path, decodeContinue(continueToken).page)) throw continueExpired();
    this.checkExactResourceVersion(query);
    const limit = parseLimit(query.get('limit'));
    const page = store.listPage(info, {
      ...(namespace !== undefined ? { namespace } : {}),
      ...optional('labelSelector', parseLabelSelector(query.get('labelSelector'))),
      ...optional('fieldSelector', parseFieldSelector(query.get('fieldSelector'), info)),
      ...(limit !== undefined ? { limit } : {}),
      ...(continueToken ? { continueToken } : {}),
    });
    const listMeta: Record<string, unknown> = { resourceVersion: String(page.resourceVersion) };
    if (page.continueToken) listMeta['continue'] = page.continueToken;
    if (page.remainingItemCount !== undefined) listMeta['remainingItemCount'] = page.remainingItemCount;
    const dropMidway = faults.dropThisListPage(path);
    if (representation.kind === 'table') {
      const objects = (function* () {
        for (const entry of page.items) yield store.object(entry);
      })();
      const table = toTable(info, objects, { includeObject: parseIncludeObject(query.get('includeObject')), listMeta });
      sendBody(response, 200, JSON.stringify(table), { dropMidway });
      return;
    }
    const prefix = `{"kind":${JSON.stringify(`${info.kind}List`)},"apiVersion":${JSON.stringify(groupVersionOf(info))},"metadata":${JSON.stringify(listMeta)},"items":[`;
    sendList(response, prefix, page.items.map((e) => e.itemJson), ']}', { dropMidway });
  }

  /** resourceVersionMatch=Exact asks for a snapshot this store no longer has unless it is current. */
  private checkExactResourceVersion(query: URLSearchParams): void {
    const rv = query.get('resourceVersion');
    if (query.get('resourceVersionMatch') !== 'Exact' || rv === null) return;
    const n = Number(rv);
    if (!Number.isSafeInteger(n)) throw badRequest(`invalid resource version: ${rv}`);
    const { store } = this.config;
    if (n < store.compactedResourceVersion) throw new ApiError(410, 'Expired', `too old resource version: ${n} (${store.compactedResourceVersion + 1})`);
  }

  private watch(request: IncomingMessage, response: ServerResponse, query: URLSearchParams, info: ResourceInfo, namespace: string | undefined, name: string | undefined): void {
    const { store, faults } = this.config;
    const representation: Representation = negotiate(request.headers.accept, { table: true });
    const path = request.url ? new URL(request.url, 'https://x').pathname : '';
    let fieldSelector = parseFieldSelector(query.get('fieldSelector'), info);
    if (name !== undefined) {
      // Watching a single object is a watch with metadata.name=NAME.
      fieldSelector = { requirements: [...(fieldSelector?.requirements ?? []), { field: 'metadata.name', value: name, negate: false }] };
    }
    const timeout = query.get('timeoutSeconds');
    const initial = query.get('sendInitialEvents');
    const labelSelector = parseLabelSelector(query.get('labelSelector'));
    serveWatch(store, response, {
      info,
      ...(namespace !== undefined ? { namespace } : {}),
      ...optional('labelSelector', labelSelector),
      ...optional('fieldSelector', fieldSelector),
      ...(query.get('resourceVersion') !== null ? { resourceVersion: query.get('resourceVersion') ?? '' } : {}),
      allowBookmarks: query.get('allowWatchBookmarks') === 'true',
      ...(initial !== null ? { sendInitialEvents: initial === 'true' } : {}),
      ...(timeout !== null && Number.isFinite(Number(timeout)) ? { timeoutSeconds: Number(timeout) } : {}),
      ...(representation.kind === 'table' ? { table: { includeObject: parseIncludeObject(query.get('includeObject')) } } : {}),
      bookmarkIntervalMs: this.config.bookmarkIntervalMs,
      faults: faults.forWatch(path),
    });
  }

  private get(request: IncomingMessage, response: ServerResponse, query: URLSearchParams, info: ResourceInfo, namespace: string | undefined, name: string): void {
    const { store } = this.config;
    const representation = negotiate(request.headers.accept, { table: true });
    const entry = store.entry(info, namespace ?? '', name);
    if (!entry) throw notFound(info, name);
    if (representation.kind === 'table') {
      sendJson(response, 200, toTable(info, [store.object(entry)], { includeObject: parseIncludeObject(query.get('includeObject')), listMeta: { resourceVersion: String(entry.rv) } }));
    } else {
      sendBody(response, 200, store.fullJson(entry));
    }
  }

  // ---- writes --------------------------------------------------------------------------------

  private async objectBody(request: IncomingMessage, info: ResourceInfo, namespace: string | undefined): Promise<KubeObject> {
    const body = await readJson(request);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest(`the request body is not a ${info.kind} object`);
    const object = body as KubeObject;
    const expected = groupVersionOf(info);
    if (object['apiVersion'] !== undefined && object['apiVersion'] !== expected) {
      throw badRequest(`the API version in the data (${String(object['apiVersion'])}) does not match the expected API version (${expected})`);
    }
    if (object['kind'] !== undefined && object['kind'] !== info.kind) {
      throw badRequest(`the kind in the data (${String(object['kind'])}) does not match the expected kind (${info.kind})`);
    }
    const metadata = (typeof object['metadata'] === 'object' && object['metadata'] !== null ? object['metadata'] : (object['metadata'] = {})) as KubeObject;
    if (info.namespaced && namespace !== undefined) {
      if (metadata['namespace'] !== undefined && metadata['namespace'] !== '' && metadata['namespace'] !== namespace) {
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      metadata['namespace'] = namespace;
    }
    return object;
  }

  private requireNamespace(info: ResourceInfo, namespace: string | undefined): void {
    if (!info.namespaced || namespace === undefined) return;
    const namespaces = this.config.store.registry.forPath('', 'v1', 'namespaces');
    if (namespaces && !this.config.store.entry(namespaces, '', namespace)) throw notFound(namespaces, namespace);
  }

  private async create(request: IncomingMessage, response: ServerResponse, query: URLSearchParams, info: ResourceInfo, namespace: string | undefined): Promise<void> {
    if (info.namespaced && namespace === undefined) throw methodNotAllowed();
    const object = await this.objectBody(request, info, namespace);
    this.requireNamespace(info, namespace);
    const entry = this.config.store.createObject(info, object, { dryRun: isDryRun(query) });
    sendBody(response, 201, this.config.store.fullJson(entry));
  }

  private async update(request: IncomingMessage, response: ServerResponse, query: URLSearchParams, info: ResourceInfo, namespace: string | undefined, name: string): Promise<void> {
    const object = await this.objectBody(request, info, namespace);
    const metadata = object['metadata'] as KubeObject;
    if (metadata['name'] !== undefined && metadata['name'] !== name) {
      throw badRequest(`the name of the object (${String(metadata['name'])}) does not match the name on the URL (${name})`);
    }
    metadata['name'] = name;
    const entry = this.config.store.updateObject(info, object, { dryRun: isDryRun(query) });
    sendBody(response, 200, this.config.store.fullJson(entry));
  }

  private async patched(request: IncomingMessage, info: ResourceInfo, namespace: string | undefined, name: string): Promise<{ current: StoredEntry; result: KubeObject }> {
    const type = patchTypeOf(request.headers['content-type']);
    const patch = await readJson(request);
    const { store } = this.config;
    const current = store.entry(info, namespace ?? '', name);
    if (!current) throw notFound(info, name);
    const result = applyPatch(type, store.object(current), patch);
    if (typeof result !== 'object' || result === null || Array.isArray(result)) throw badRequest('the patch does not leave an object');
    const patched = result as KubeObject;
    const metadata = (patched['metadata'] ?? {}) as KubeObject;
    if (metadata['name'] !== name) throw badRequest(`metadata.name: Invalid value: "${String(metadata['name'])}": field is immutable`);
    if (info.namespaced && metadata['namespace'] !== (namespace ?? '')) throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    if (metadata['uid'] !== current.uid) throw badRequest(`metadata.uid: Invalid value: "${String(metadata['uid'])}": field is immutable`);
    return { current, result: patched };
  }

  private async patch(request: IncomingMessage, response: ServerResponse, query: URLSearchParams, info: ResourceInfo, namespace: string | undefined, name: string): Promise<void> {
    const { result } = await this.patched(request, info, namespace, name);
    const entry = this.config.store.updateObject(info, result, { dryRun: isDryRun(query) });
    sendBody(response, 200, this.config.store.fullJson(entry));
  }

  private async delete(request: IncomingMessage, response: ServerResponse, query: URLSearchParams, info: ResourceInfo, namespace: string | undefined, name: string): Promise<void> {
    const options = (await readJson(request)) as KubeObject | undefined;
    const preconditions = (options?.['preconditions'] ?? {}) as KubeObject;
    const dryRun = isDryRun(query) || (Array.isArray(options?.['dryRun']) && (options['dryRun'] as unknown[]).includes('All'));
    const entry = this.config.store.deleteObject(info, namespace ?? '', name, {
      ...(typeof preconditions['uid'] === 'string' ? { uid: preconditions['uid'] } : {}),
      ...(typeof preconditions['resourceVersion'] === 'string' ? { resourceVersion: preconditions['resourceVersion'] } : {}),
      dryRun,
    });
    sendJson(response, 200, deleteSuccess(info, name, entry.uid));
  }

  private async deleteCollection(request: IncomingMessage, response: ServerResponse, query: URLSearchParams, info: ResourceInfo, namespace: string | undefined): Promise<void> {
    await readJson(request);
    const { store } = this.config;
    const page = store.listPage(info, {
      ...(namespace !== undefined ? { namespace } : {}),
      ...optional('labelSelector', parseLabelSelector(query.get('labelSelector'))),
      ...optional('fieldSelector', parseFieldSelector(query.get('fieldSelector'), info)),
    });
    const deleted = isDryRun(query) ? page.items : page.items.map((e) => store.deleteObject(info, e.namespace, e.name));
    const prefix = `{"kind":${JSON.stringify(`${info.kind}List`)},"apiVersion":${JSON.stringify(groupVersionOf(info))},"metadata":{"resourceVersion":"${store.resourceVersion}"},"items":[`;
    sendList(response, prefix, deleted.map((e) => e.itemJson), ']}');
  }

  private async review(request: IncomingMessage, response: ServerResponse, user: User, info: ResourceInfo): Promise<void> {
    if (info.kind !== 'SelfSubjectAccessReview') throw methodNotAllowed();
    const body = (await readJson(request)) as KubeObject | undefined;
    const spec = (body?.['spec'] ?? {}) as KubeObject;
    const status = this.config.authorizer.review(user, spec);
    sendJson(response, 201, { kind: info.kind, apiVersion: groupVersionOf(info), metadata: { creationTimestamp: null }, spec, status });
  }

  // ---- subresources --------------------------------------------------------------------------

  private async subresource(request: IncomingMessage, response: ServerResponse, method: string, target: ResourcePath): Promise<void> {
    const { store } = this.config;
    const { info, namespace, subresource } = target;
    const name = target.name ?? '';
    const known = info.subresources.find((s) => s.name === subresource);
    if (!known) throw pathNotFound();
    const entry = store.entry(info, namespace ?? '', name);
    if (!entry) throw notFound(info, name);
    switch (subresource) {
      case 'proxy':
        return this.nodeProxy(response, method, store.object(entry), target.rest);
      case 'log':
        return sendText(response, 200, '');
      case 'status':
        return this.statusSubresource(request, response, method, info, namespace, name);
      case 'scale':
        return this.scaleSubresource(request, response, method, info, namespace, name);
      default:
        throw methodNotAllowed();
    }
  }

  private nodeProxy(response: ServerResponse, method: string, node: KubeObject, rest: string): void {
    if (method !== 'GET') throw methodNotAllowed();
    const saved = this.config.kubelet.get(String((node['metadata'] as KubeObject | undefined)?.['name'] ?? ''));
    if (rest === 'configz' && saved?.configz !== undefined) return sendBody(response, 200, saved.configz, { contentType: 'application/json' });
    if (rest === 'metrics') {
      // The kubelet's Content-Type for the text format (version 0.0.4).
      return sendBody(response, 200, saved?.metrics ?? kubeletMetrics(node), { contentType: 'text/plain; version=0.0.4; charset=utf-8' });
    }
    if (rest === 'configz') {
      let body: unknown;
      try {
        body = kubeletConfigz(node);
      } catch (error) {
        throw new ApiError(500, 'InternalError', `Internal error occurred: ${error instanceof Error ? error.message : String(error)}`);
      }
      return sendJson(response, 200, body);
    }
    if (rest === 'healthz') return sendText(response, 200, 'ok');
    sendText(response, 404, '404 page not found\n');
  }

  private async statusSubresource(request: IncomingMessage, response: ServerResponse, method: string, info: ResourceInfo, namespace: string | undefined, name: string): Promise<void> {
    const { store } = this.config;
    const current = store.entry(info, namespace ?? '', name);
    if (!current) throw notFound(info, name);
    if (method === 'GET') return sendBody(response, 200, store.fullJson(current));
    let incoming: KubeObject;
    if (method === 'PUT') incoming = await this.objectBody(request, info, namespace);
    else if (method === 'PATCH') incoming = (await this.patched(request, info, namespace, name)).result;
    else throw methodNotAllowed();
    // Only .status changes through the status subresource.
    const next = store.object(current);
    next['status'] = incoming['status'];
    const rv = (incoming['metadata'] as KubeObject | undefined)?.['resourceVersion'];
    if (method === 'PUT' && rv !== undefined) (next['metadata'] as KubeObject)['resourceVersion'] = rv;
    const entry = store.updateObject(info, next);
    sendBody(response, 200, store.fullJson(entry));
  }

  private async scaleSubresource(request: IncomingMessage, response: ServerResponse, method: string, info: ResourceInfo, namespace: string | undefined, name: string): Promise<void> {
    const { store } = this.config;
    const current = store.entry(info, namespace ?? '', name);
    if (!current) throw notFound(info, name);
    const object = store.object(current);
    if (method === 'PUT' || method === 'PATCH') {
      const scale = method === 'PUT' ? ((await readJson(request)) as KubeObject) : (applyPatch(patchTypeOf(request.headers['content-type']), toScale(object), await readJson(request)) as KubeObject);
      const replicas = (scale?.['spec'] as KubeObject | undefined)?.['replicas'];
      if (typeof replicas !== 'number') throw badRequest('spec.replicas: Required value');
      object['spec'] = { ...(object['spec'] as KubeObject), replicas };
      const entry = store.updateObject(info, object);
      return sendJson(response, 200, toScale(store.object(entry)));
    }
    if (method !== 'GET') throw methodNotAllowed();
    sendJson(response, 200, toScale(object));
  }
}

function toScale(object: KubeObject): KubeObject {
  const metadata = object['metadata'] as KubeObject;
  const spec = (object['spec'] ?? {}) as KubeObject;
  const status = (object['status'] ?? {}) as KubeObject;
  const selector = (spec['selector'] as KubeObject | undefined)?.['matchLabels'] as Record<string, string> | undefined;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: metadata['name'], namespace: metadata['namespace'], uid: metadata['uid'], resourceVersion: metadata['resourceVersion'], creationTimestamp: metadata['creationTimestamp'] },
    spec: { replicas: spec['replicas'] ?? 0 },
    status: { replicas: status['replicas'] ?? 0, selector: Object.entries(selector ?? {}).map(([k, v]) => `${k}=${v}`).join(',') },
  };
}

function verbOf(method: string, named: boolean, watch: boolean, subresource: string | undefined): string | undefined {
  if (subresource === 'proxy') {
    return { GET: 'get', HEAD: 'get', POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete' }[method];
  }
  switch (method) {
    case 'GET':
    case 'HEAD':
      return watch ? 'watch' : named ? 'get' : 'list';
    case 'POST':
      return named && subresource === undefined ? undefined : 'create';
    case 'PUT':
      return named ? 'update' : undefined;
    case 'PATCH':
      return named ? 'patch' : undefined;
    case 'DELETE':
      return named ? 'delete' : 'deletecollection';
    default:
      return undefined;
  }
}

function parseLimit(value: string | null): number | undefined {
  if (value === null || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw badRequest(`invalid limit: ${value}`);
  return n === 0 ? undefined : n;
}

function isDryRun(query: URLSearchParams): boolean {
  const values = query.getAll('dryRun');
  for (const value of values) if (value !== 'All') throw badRequest(`dryRun: Unsupported value: "${value}": supported values: "All"`);
  return values.length > 0;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
