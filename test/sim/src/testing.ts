// Helpers for the simulator's own tests: raw HTTPS requests and watch streams against a running
// simulator, and real kubectl runs with its kubeconfig.

import { execFile } from 'node:child_process';
import { request as httpsRequest } from 'node:https';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSimulator } from './server';

export const FIXTURES = join(__dirname, '..', 'fixtures');
export const SMALL_CLUSTER = join(FIXTURES, 'small-cluster.yaml');

// Test code reads arbitrary JSON shapes; `any` keeps the assertions readable.
export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface HttpResult {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
  json<T = Json>(): T;
}

export interface HttpOptions {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
  /** Bearer token; default: the simulator's. `null` sends no Authorization header. */
  readonly token?: string | null;
  readonly timeoutMs?: number;
}

export function http(sim: RunningSimulator, path: string, options: HttpOptions = {}): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const token = options.token === undefined ? sim.token : options.token;
    const payload = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    const req = httpsRequest(
      `${sim.url}${path}`,
      {
        method: options.method ?? 'GET',
        ca: sim.caPem,
        agent: false,
        headers: {
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          ...(payload !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...options.headers,
        },
        timeout: options.timeoutMs ?? 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: <T>() => JSON.parse(body) as T });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`request to ${path} timed out`)));
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

export interface WatchEventLine {
  readonly type: string;
  readonly object: Record<string, unknown>;
}

export interface WatchStream {
  readonly events: WatchEventLine[];
  readonly status: Promise<number>;
  /** Resolves when the server ends the stream: 'end' (clean) or 'error' (connection cut). */
  readonly ended: Promise<'end' | 'error'>;
  waitFor(predicate: (events: readonly WatchEventLine[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): void;
}

export function watch(sim: RunningSimulator, path: string, headers: Record<string, string> = {}): WatchStream {
  const events: WatchEventLine[] = [];
  const waiters = new Set<() => void>();
  let buffer = '';
  let resolveStatus: (code: number) => void = () => {};
  let resolveEnded: (how: 'end' | 'error') => void = () => {};
  const status = new Promise<number>((r) => (resolveStatus = r));
  const ended = new Promise<'end' | 'error'>((r) => (resolveEnded = r));
  const req = httpsRequest(`${sim.url}${path}`, { ca: sim.caPem, agent: false, headers: { Authorization: `Bearer ${sim.token ?? ''}`, ...headers } }, (res) => {
    resolveStatus(res.statusCode ?? 0);
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      let newline: number;
      while ((newline = buffer.indexOf('\n')) !== -1) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (line.trim() !== '') events.push(JSON.parse(line) as WatchEventLine);
      }
      for (const waiter of [...waiters]) waiter();
    });
    res.on('end', () => resolveEnded('end'));
    res.on('error', () => resolveEnded('error'));
    res.on('aborted', () => resolveEnded('error'));
  });
  req.on('error', () => {
    resolveStatus(0);
    resolveEnded('error');
  });
  req.end();
  return {
    events,
    status,
    ended,
    waitFor(predicate, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (predicate(events)) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`watch ${path}: condition not met in ${timeoutMs} ms; events: ${events.map((e) => e.type).join(',')}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close() {
      req.destroy();
    },
  };
}

export interface KubectlResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A private discovery cache per test process, so runs never read each other's (or ~/.kube's). */
const cacheDir = mkdtempSync(join(tmpdir(), 'k8s-anatomy-kubectl-cache-'));
process.on('exit', () => rmSync(cacheDir, { recursive: true, force: true }));

export function kubectl(kubeconfig: string, args: readonly string[], timeoutMs = 30_000): Promise<KubectlResult> {
  return new Promise((resolve) => {
    execFile(
      'kubectl',
      ['--kubeconfig', kubeconfig, '--request-timeout=10s', '--cache-dir', cacheDir, ...args],
      { timeout: timeoutMs, maxBuffer: 512 * 1024 * 1024, env: { ...process.env, KUBECONFIG: kubeconfig } },
      (error, stdout, stderr) => {
        const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
