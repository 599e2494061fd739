// Writing responses and reading request bodies, with the body-level faults (a page cut in half,
// a body trickled out slowly) applied at the one place bodies are written.

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, badRequest, internalError } from './status';

/** Real apiservers refuse request bodies over 3 MiB. */
const MAX_REQUEST_BODY = 3 * 1024 * 1024;

export interface BodyOptions {
  readonly contentType?: string;
  readonly headers?: Record<string, string>;
  /** Write the headers and half the body, then kill the connection (drop-list fault). */
  readonly dropMidway?: boolean;
  /** Trickle the body at this many bytes per second (slow-body fault). */
  readonly bytesPerSec?: number;
}

/** Per-response trickle rate set when a request matched a slow-body fault. */
const bodyRates = new WeakMap<ServerResponse, number>();

export function setBodyRate(response: ServerResponse, bytesPerSec: number): void {
  bodyRates.set(response, bytesPerSec);
}

export function sendBody(response: ServerResponse, code: number, body: string | Buffer, options: BodyOptions = {}): void {
  if (response.headersSent || response.destroyed) return;
  const buffer = typeof body === 'string' ? Buffer.from(body) : body;
  response.writeHead(code, {
    'Audit-Id': randomUUID(),
    'Cache-Control': 'no-cache, private',
    'Content-Type': options.contentType ?? 'application/json',
    'Content-Length': String(buffer.length),
    ...options.headers,
  });
  if (options.dropMidway) {
    response.write(buffer.subarray(0, Math.max(1, Math.floor(buffer.length / 2))), () => response.socket?.destroy());
    return;
  }
  const bytesPerSec = options.bytesPerSec ?? bodyRates.get(response);
  if (bytesPerSec !== undefined) {
    trickle(response, buffer, bytesPerSec);
    return;
  }
  response.end(buffer);
}

function trickle(response: ServerResponse, buffer: Buffer, bytesPerSec: number): void {
  const tickMs = 100;
  const chunk = Math.max(1, Math.ceil(bytesPerSec / (1000 / tickMs)));
  let offset = 0;
  const timer = setInterval(() => {
    if (response.destroyed) {
      clearInterval(timer);
      return;
    }
    const next = buffer.subarray(offset, offset + chunk);
    offset += next.length;
    if (offset >= buffer.length) {
      clearInterval(timer);
      response.end(next);
    } else {
      response.write(next);
    }
  }, tickMs);
  response.on('close', () => clearInterval(timer));
}

/** Bodies larger than this many characters are streamed in batches instead of built as one string. */
const STREAM_ABOVE = 32 * 1024 * 1024;
const ITEMS_PER_BATCH = 1000;

/**
 * A list body from pre-serialised items: `prefix` + items joined by commas + `suffix`. Small lists
 * (every page of a paged list) are one string; an unpaged list of 150,000 pods would exceed V8's
 * string limit, so large ones are streamed in batches with backpressure (chunked encoding).
 */
export function sendList(response: ServerResponse, prefix: string, items: readonly string[], suffix: string, options: BodyOptions = {}): void {
  let total = prefix.length + suffix.length + items.length;
  for (const item of items) total += item.length;
  if (total <= STREAM_ABOVE) {
    sendBody(response, 200, `${prefix}${items.join(',')}${suffix}`, options);
    return;
  }
  if (response.headersSent || response.destroyed) return;
  response.writeHead(200, { 'Audit-Id': randomUUID(), 'Cache-Control': 'no-cache, private', 'Content-Type': 'application/json', ...options.headers });
  void streamBatches(response, prefix, items, suffix, options.dropMidway === true);
}

async function streamBatches(response: ServerResponse, prefix: string, items: readonly string[], suffix: string, dropMidway: boolean): Promise<void> {
  const write = async (text: string): Promise<void> => {
    if (!response.write(text)) await new Promise<void>((resolve) => {
      response.once('drain', resolve);
      response.once('close', resolve);
    });
  };
  await write(prefix);
  for (let start = 0; start < items.length; start += ITEMS_PER_BATCH) {
    if (response.destroyed) return;
    if (dropMidway && start >= items.length / 2) {
      response.socket?.destroy();
      return;
    }
    await write((start > 0 ? ',' : '') + items.slice(start, start + ITEMS_PER_BATCH).join(','));
  }
  if (!response.destroyed) response.end(suffix);
}

export function sendJson(response: ServerResponse, code: number, value: unknown, options: BodyOptions = {}): void {
  sendBody(response, code, JSON.stringify(value), options);
}

export function sendText(response: ServerResponse, code: number, text: string): void {
  sendBody(response, code, text, { contentType: 'text/plain; charset=utf-8' });
}

/** Any thrown value as the Status a real server would send (unknown errors are 500s). */
export function sendError(response: ServerResponse, error: unknown): void {
  const apiError = error instanceof ApiError ? error : internalError(error instanceof Error ? error.message : String(error));
  if (!(error instanceof ApiError)) process.stderr.write(`k8s-anatomy sim: unexpected error: ${error instanceof Error ? error.stack : String(error)}\n`);
  if (response.headersSent) {
    response.socket?.destroy();
    return;
  }
  sendJson(response, apiError.code, apiError.toStatus(), { headers: apiError.headers });
}

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > MAX_REQUEST_BODY) throw new ApiError(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export async function readJson(request: IncomingMessage): Promise<unknown> {
  const body = await readBody(request);
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch (error) {
    throw badRequest(`the request body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}
