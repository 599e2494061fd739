// A small informer: list a resource, then watch it from the list's resourceVersion, keeping a
// cache of the objects. Bookmarks advance the resourceVersion; a 410 (too old) relists; other
// failures retry with exponential backoff; dispose() aborts everything. Used by LiveCluster for
// nodes and control-plane pods.

import { isRecord, meta, str } from '../core/read';
import { ClusterError } from './errors';
import { parseJsonObject, statusError, type Transport } from './http';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface InformerOptions {
  /** Collection path, e.g. `/api/v1/nodes` or `/api/v1/namespaces/kube-system/pods`. */
  readonly path: string;
  readonly scope: string;
  readonly kind: string;
  readonly timeoutMs: number;
  /** Server-side watch timeout; the watch is re-opened after it. */
  readonly watchSeconds?: number;
  readonly pageSize?: number;
  readonly onChange: (type: WatchEventType | 'RELISTED', object: Record<string, unknown> | null) => void;
  readonly onError?: (error: ClusterError) => void;
  /** Backoff bounds (tests shorten them). */
  readonly minBackoffMs?: number;
  readonly maxBackoffMs?: number;
}

export class Informer {
  readonly cache = new Map<string, Record<string, unknown>>();
  private readonly controller = new AbortController();
  private resourceVersion = '';
  private backoffMs: number;
  private stopped = false;

  constructor(private readonly transport: Transport, private readonly options: InformerOptions) {
    this.backoffMs = options.minBackoffMs ?? 1000;
  }

  start(): this {
    void this.loop();
    return this;
  }

  dispose(): void {
    this.stopped = true;
    this.controller.abort();
  }

  private async loop(): Promise<void> {
    let needList = true;
    while (!this.stopped) {
      try {
        if (needList) {
          await this.list();
          needList = false;
          this.options.onChange('RELISTED', null);
        }
        const outcome = await this.watchOnce();
        if (outcome === 'expired') needList = true;
        this.backoffMs = this.options.minBackoffMs ?? 1000;
      } catch (error) {
        if (this.stopped) return;
        const clusterError = error instanceof ClusterError ? error : new ClusterError('server-error', String(error), this.options.scope);
        if (clusterError.kind === 'cancelled') return;
        if (clusterError.kind === 'expired') needList = true;
        this.options.onError?.(clusterError);
        await this.pause(this.backoffMs);
        this.backoffMs = Math.min(this.backoffMs * 2, this.options.maxBackoffMs ?? 30_000);
      }
    }
  }

  private async list(): Promise<void> {
    const fresh = new Map<string, Record<string, unknown>>();
    let continueToken = '';
    let resourceVersion = '';
    do {
      const query = new URLSearchParams({ limit: String(this.options.pageSize ?? 500) });
      if (continueToken) query.set('continue', continueToken);
      const response = await this.transport.get(`${this.options.path}?${query.toString()}`, {
        timeoutMs: this.options.timeoutMs, signal: this.controller.signal, scope: this.options.scope,
      });
      if (response.status !== 200) throw statusError(response, this.transport.server, this.options.scope);
      const body = parseJsonObject(response.body, this.transport.server, this.options.scope);
      for (const item of Array.isArray(body['items']) ? body['items'] : []) {
        if (!isRecord(item)) continue;
        item['kind'] = this.options.kind;
        fresh.set(keyOf(item), item);
      }
      const listMeta = isRecord(body['metadata']) ? body['metadata'] : {};
      continueToken = str(listMeta['continue']);
      resourceVersion = str(listMeta['resourceVersion']) || resourceVersion;
    } while (continueToken);
    this.cache.clear();
    for (const [key, value] of fresh) this.cache.set(key, value);
    this.resourceVersion = resourceVersion;
  }

  /** One watch request; resolves when the server ends it, 'expired' when a relist is needed. */
  private async watchOnce(): Promise<'closed' | 'expired'> {
    const seconds = this.options.watchSeconds ?? 300;
    const query = new URLSearchParams({ watch: 'true', allowWatchBookmarks: 'true', timeoutSeconds: String(seconds) });
    if (this.resourceVersion) query.set('resourceVersion', this.resourceVersion);
    const res = await this.transport.stream(`${this.options.path}?${query.toString()}`, {
      timeoutMs: (seconds + 30) * 1000, signal: this.controller.signal, scope: `watch ${this.options.scope}`,
    });
    const status = res.statusCode ?? 0;
    if (status !== 200) {
      const chunks: Buffer[] = [];
      for await (const chunk of res) chunks.push(chunk as Buffer);
      const error = statusError({ status, body: Buffer.concat(chunks), headers: res.headers }, this.transport.server, this.options.scope);
      if (error.kind === 'expired') return 'expired';
      throw error;
    }
    let buffered = '';
    let expired = false;
    res.setEncoding('utf8');
    try {
      for await (const chunk of res as AsyncIterable<string>) {
        buffered += chunk;
        let newline: number;
        while ((newline = buffered.indexOf('\n')) !== -1) {
          const line = buffered.slice(0, newline).trim();
          buffered = buffered.slice(newline + 1);
          if (line && this.handle(line) === 'expired') expired = true;
        }
        if (expired) {
          res.destroy();
          return 'expired';
        }
      }
    } catch (error) {
      if (this.stopped) return 'closed';
      throw error instanceof ClusterError ? error : new ClusterError('unreachable', `the watch on ${this.options.scope} was cut off`, this.options.scope);
    }
    return 'closed';
  }

  private handle(line: string): 'ok' | 'expired' {
    let event: unknown;
    try {
      event = JSON.parse(line);
    } catch {
      return 'ok'; // a garbled line: the next relist repairs the cache
    }
    if (!isRecord(event) || !isRecord(event['object'])) return 'ok';
    const type = str(event['type']);
    const object = event['object'];
    if (type === 'ERROR') {
      return object['code'] === 410 ? 'expired' : 'ok';
    }
    const rv = str(isRecord(object['metadata']) ? object['metadata']['resourceVersion'] : '');
    if (rv) this.resourceVersion = rv;
    if (type === 'BOOKMARK') return 'ok';
    object['kind'] = this.options.kind;
    const key = keyOf(object);
    if (type === 'DELETED') this.cache.delete(key);
    else if (type === 'ADDED' || type === 'MODIFIED') this.cache.set(key, object);
    else return 'ok';
    this.backoffMs = this.options.minBackoffMs ?? 1000;
    this.options.onChange(type, object);
    return 'ok';
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.controller.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      }, { once: true });
    });
  }
}

function keyOf(object: unknown): string {
  const m = meta(object);
  return m.namespace ? `${m.namespace}/${m.name}` : m.name;
}
