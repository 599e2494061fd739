// One HTTPS transport to the API server. client-node resolves the kubeconfig's TLS settings,
// credentials (tokens, client certificates, exec plugins) and proxy into request options; we send
// plain requests with them, so pages can be parsed as they arrive and every call is bounded by a
// timeout and an AbortSignal. Errors become ClusterError; 429 and 5xx are retried with backoff.

import { Agent as HttpsAgent, request as httpsRequest, type AgentOptions, type RequestOptions } from 'node:https';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { KubeConfig } from '@kubernetes/client-node';
import { isRecord } from '../core/read';
import { ClusterError, type ClusterErrorKind } from './errors';

export interface CallOptions {
  readonly signal?: AbortSignal;
  /** Limit for connecting and for each wait on the server (headers, then every body chunk). */
  readonly timeoutMs: number;
  readonly accept?: string;
  /** Human description of what is read, for messages and coverage (`pods in namespace x`). */
  readonly scope: string;
  readonly retries?: number;
}

export interface Response {
  readonly status: number;
  readonly body: Buffer;
  readonly headers: IncomingMessage['headers'];
}

export interface Transport {
  readonly server: string;
  get(path: string, options: CallOptions): Promise<Response>;
  /** A streaming GET (watches): resolves with the open response once headers arrive. */
  stream(path: string, options: Omit<CallOptions, 'retries'>): Promise<IncomingMessage>;
  /** Close the kept-alive connections. */
  close(): void;
}

const RETRYABLE = new Set([429, 500, 502, 503, 504]);
const MAX_RETRY_AFTER_MS = 10_000;

export function createTransport(kc: KubeConfig): Transport {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new ClusterError('bad-kubeconfig', 'the current context names no cluster');
  const server = cluster.server.replace(/\/+$/, '');
  let base: Promise<RequestOptions> | null = null;
  // Credentials are resolved once per transport (exec plugins run once); bounded in time.
  const options = (timeoutMs: number, signal?: AbortSignal): Promise<RequestOptions> => {
    base ??= withDeadline(resolveOptions(kc), Math.max(timeoutMs, 10_000), signal, 'auth-plugin', 'the credential plugin did not finish in time');
    base.catch(() => { base = null; });
    return base;
  };

  const send = async (path: string, call: Omit<CallOptions, 'retries'>): Promise<IncomingMessage> => {
    const resolved = await options(call.timeoutMs, call.signal);
    const url = new URL(server + path);
    const requestFn = url.protocol === 'http:' ? httpRequest : httpsRequest;
    return new Promise<IncomingMessage>((resolve, reject) => {
      if (call.signal?.aborted) {
        reject(new ClusterError('cancelled', 'cancelled', call.scope));
        return;
      }
      const req = requestFn(url, {
        ...resolved,
        method: 'GET',
        headers: { ...(resolved.headers ?? {}), Accept: call.accept ?? 'application/json', 'User-Agent': 'k8s-anatomy' },
      });
      const onAbort = () => req.destroy(new ClusterError('cancelled', 'cancelled', call.scope));
      call.signal?.addEventListener('abort', onAbort, { once: true });
      req.setTimeout(call.timeoutMs, () => req.destroy(new ClusterError('timeout', `no answer from ${server} within ${Math.round(call.timeoutMs / 1000)} s while reading ${call.scope}`, call.scope)));
      req.on('response', (res) => {
        call.signal?.removeEventListener('abort', onAbort);
        resolve(res);
      });
      req.on('error', (error) => {
        call.signal?.removeEventListener('abort', onAbort);
        reject(toClusterError(error, server, call.scope));
      });
      req.end();
    });
  };

  const get = async (path: string, call: CallOptions): Promise<Response> => {
    const retries = call.retries ?? 4;
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        const res = await send(path, call);
        const body = await readBody(res, call, server);
        response = { status: res.statusCode ?? 0, body, headers: res.headers };
      } catch (error) {
        const clusterError = error instanceof ClusterError ? error : toClusterError(error, server, call.scope);
        // A connection reset mid-body is worth another try; refusals and TLS errors are not.
        if (clusterError.kind === 'unreachable' && /reset|socket hang up|ended|EPIPE/i.test(clusterError.message) && attempt < retries) {
          await sleep(backoff(attempt), call.signal, call.scope);
          continue;
        }
        throw clusterError;
      }
      if (RETRYABLE.has(response.status) && attempt < retries) {
        await sleep(retryAfter(response) ?? backoff(attempt), call.signal, call.scope);
        continue;
      }
      return response;
    }
  };

  const stream = (path: string, call: Omit<CallOptions, 'retries'>) => send(path, call);
  const close = () => {
    void base?.then((opts) => {
      if (opts.agent instanceof HttpsAgent) opts.agent.destroy();
    }, () => undefined);
  };
  return { server, get, stream, close };
}

async function resolveOptions(kc: KubeConfig): Promise<RequestOptions> {
  const opts: RequestOptions = {};
  try {
    await kc.applyToHTTPSOptions(opts);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ClusterError('auth-plugin', `the kubeconfig credentials could not be prepared: ${firstLine(message)}`);
  }
  // client-node's plain agent opens a new TLS connection (and secure context) per request; keep
  // connections alive instead. Proxy agents (proxy-url) are kept as they are.
  if (opts.agent instanceof HttpsAgent && opts.agent.constructor === HttpsAgent) {
    const tls: AgentOptions = {};
    for (const key of ['ca', 'cert', 'key', 'pfx', 'passphrase', 'rejectUnauthorized', 'servername'] as const) {
      if (opts[key] !== undefined) (tls as Record<string, unknown>)[key] = opts[key];
    }
    opts.agent = new HttpsAgent({ ...tls, keepAlive: true, maxSockets: 8 });
  }
  return opts;
}

function readBody(res: IncomingMessage, call: Omit<CallOptions, 'retries'>, server: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const timer = () => setTimeout(() => res.destroy(new ClusterError('timeout', `the answer from ${server} stalled for ${Math.round(call.timeoutMs / 1000)} s while reading ${call.scope}`, call.scope)), call.timeoutMs);
    let idle = timer();
    const onAbort = () => res.destroy(new ClusterError('cancelled', 'cancelled', call.scope));
    call.signal?.addEventListener('abort', onAbort, { once: true });
    const finish = () => {
      clearTimeout(idle);
      call.signal?.removeEventListener('abort', onAbort);
    };
    res.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      clearTimeout(idle);
      idle = timer();
    });
    res.on('end', () => {
      finish();
      if (!res.complete) reject(new ClusterError('unreachable', `the connection to ${server} ended before the answer was complete (${call.scope})`, call.scope));
      else resolve(Buffer.concat(chunks));
    });
    res.on('aborted', () => {
      finish();
      reject(new ClusterError('unreachable', `the connection to ${server} was reset while reading ${call.scope}`, call.scope));
    });
    res.on('error', (error) => {
      finish();
      reject(error instanceof ClusterError ? error : toClusterError(error, server, call.scope));
    });
  });
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|HOSTNAME|ALTNAME|EPROTO|SSL/i;

export function toClusterError(error: unknown, server: string, scope: string): ClusterError {
  if (error instanceof ClusterError) return error;
  const code = isRecord(error) && 'code' in error ? String(error['code']) : '';
  const message = error instanceof Error ? firstLine(error.message) : String(error);
  if (TLS_CODES.test(code) || TLS_CODES.test(message)) {
    return new ClusterError('tls', `TLS with ${server} failed: ${message}`, scope);
  }
  if (code === 'ETIMEDOUT') return new ClusterError('timeout', `connecting to ${server} timed out`, scope);
  const kind: ClusterErrorKind = 'unreachable';
  const reason = code === 'ECONNREFUSED' ? 'connection refused'
    : code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'the host name does not resolve'
      : code === 'ECONNRESET' ? 'the connection was reset'
        : message;
  return new ClusterError(kind, `cannot reach ${server}: ${reason}`, scope);
}

/** A 200 answer's body as a JSON object; anything else is a ClusterError that never quotes the body. */
export function parseJsonObject(body: Buffer, server: string, scope: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (isRecord(parsed)) return parsed;
  } catch {
    // fall through
  }
  throw new ClusterError('server-error', `${server} sent something that is not a JSON object while reading ${scope}`, scope);
}

/** Turn a non-2xx answer into a ClusterError, using the Status reason, never the raw body. */
export function statusError(response: Response, server: string, scope: string): ClusterError {
  const status = response.status;
  let reason = '';
  try {
    const parsed: unknown = JSON.parse(response.body.toString('utf8'));
    if (isRecord(parsed) && 'reason' in parsed) reason = String(parsed['reason']);
  } catch {
    // not a Status object
  }
  const kind: ClusterErrorKind = status === 401 ? 'unauthorized'
    : status === 403 ? 'forbidden'
      : status === 404 ? 'not-found'
        : status === 410 ? 'expired'
          : status === 429 ? 'too-many-requests'
            : status === 504 || reason === 'Timeout' ? 'timeout'
              : 'server-error';
  const what = kind === 'unauthorized' ? `${server} rejected the credentials (401 Unauthorized)`
    : kind === 'forbidden' ? `not allowed to read ${scope} (403 Forbidden)`
      : kind === 'not-found' ? `${scope}: not served by ${server} (404)`
        : kind === 'expired' ? `${scope}: the list expired while it was read (410 Gone)`
          : kind === 'too-many-requests' ? `${server} kept throttling requests (429) while reading ${scope}`
            : `${server} answered ${status}${reason ? ` ${reason}` : ''} while reading ${scope}`;
  return new ClusterError(kind, what, scope, status);
}

function retryAfter(response: Response): number | undefined {
  const header = response.headers['retry-after'];
  const seconds = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds * 1000, MAX_RETRY_AFTER_MS) : undefined;
}

function backoff(attempt: number): number {
  return Math.min(250 * 2 ** attempt, 4000) * (0.75 + Math.random() * 0.5);
}

function sleep(ms: number, signal: AbortSignal | undefined, scope: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new ClusterError('cancelled', 'cancelled', scope));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new ClusterError('cancelled', 'cancelled', scope));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function withDeadline<T>(promise: Promise<T>, ms: number, signal: AbortSignal | undefined, kind: ClusterErrorKind, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new ClusterError(kind, message)), ms);
    timer.unref?.();
    const onAbort = () => reject(new ClusterError('cancelled', 'cancelled'));
    signal?.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => { clearTimeout(timer); signal?.removeEventListener('abort', onAbort); resolve(value); },
      (error: unknown) => { clearTimeout(timer); signal?.removeEventListener('abort', onAbort); reject(error); },
    );
  });
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? '').slice(0, 300);
}

/** Largest error body read from a streamed answer that was not 200 (for its Status reason). */
const MAX_ERROR_BODY = 64 * 1024;

/**
 * A GET whose 200 body is handed over chunk by chunk and never held whole (the kubelet's
 * `/metrics`, which a hostile node may make endless). `onChunk` may throw to stop reading: the
 * connection is cut and the error passed on. Each wait for data is bounded by `timeoutMs`, the
 * whole answer by `totalMs`. Resolves with the status; a non-200 body (at most 64 KiB) is given
 * back for statusError.
 */
export async function getStreamed(
  transport: Transport,
  path: string,
  call: Omit<CallOptions, 'retries'> & { readonly totalMs?: number },
  onChunk: (chunk: Buffer) => void,
): Promise<Response> {
  const res = await transport.stream(path, call);
  const status = res.statusCode ?? 0;
  return new Promise<Response>((resolve, reject) => {
    const errorChunks: Buffer[] = [];
    let errorBytes = 0;
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(idle);
      clearTimeout(total);
      call.signal?.removeEventListener('abort', onAbort);
      res.destroy();
      reject(error instanceof ClusterError ? error : error instanceof Error && error.name !== 'Error' ? error : toClusterError(error, transport.server, call.scope));
    };
    const stalled = () => fail(new ClusterError('timeout', `the answer stalled for ${Math.round(call.timeoutMs / 1000)} s while reading ${call.scope}`, call.scope));
    let idle = setTimeout(stalled, call.timeoutMs);
    const total = setTimeout(() => fail(new ClusterError('timeout', `the answer took longer than ${Math.round((call.totalMs ?? 0) / 1000)} s while reading ${call.scope}`, call.scope)), call.totalMs ?? 2 ** 31 - 1);
    const onAbort = () => fail(new ClusterError('cancelled', 'cancelled', call.scope));
    call.signal?.addEventListener('abort', onAbort, { once: true });
    res.on('data', (chunk: Buffer) => {
      if (settled) return;
      clearTimeout(idle);
      idle = setTimeout(stalled, call.timeoutMs);
      if (status !== 200) {
        if (errorBytes < MAX_ERROR_BODY) errorChunks.push(chunk);
        errorBytes += chunk.length;
        return;
      }
      try {
        onChunk(chunk);
      } catch (error) {
        fail(error);
      }
    });
    res.on('end', () => {
      if (settled) return;
      if (!res.complete) {
        fail(new ClusterError('unreachable', `the connection ended before the answer was complete (${call.scope})`, call.scope));
        return;
      }
      settled = true;
      clearTimeout(idle);
      clearTimeout(total);
      call.signal?.removeEventListener('abort', onAbort);
      resolve({ status, body: Buffer.concat(errorChunks).subarray(0, MAX_ERROR_BODY), headers: res.headers });
    });
    res.on('aborted', () => fail(new ClusterError('unreachable', `the connection was reset while reading ${call.scope}`, call.scope)));
    res.on('error', (error) => fail(error));
  });
}
