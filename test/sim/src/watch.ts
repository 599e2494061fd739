// `?watch=true`: a chunked stream of newline-delimited JSON events, as real apiservers send it.
// Starts with synthetic ADDED events (no resourceVersion, "0", or sendInitialEvents=true) or
// replays history after a resourceVersion (410 as an ERROR event when that history is gone);
// applies selectors with the real transitions (an object leaving the selector is DELETED, one
// entering it is ADDED); sends BOOKMARKs when asked; ends at timeoutSeconds.

import type { ServerResponse } from 'node:http';
import { badRequest, type ApiError } from './status';
import type { ResourceInfo } from './resources';
import { groupVersionOf } from './resources';
import { matchesFields, matchesLabels, type FieldSelector, type LabelSelector } from './selectors';
import type { IncludeObject } from './negotiate';
import { toTable } from './tables';
import type { Store, StoreEvent, StoredEntry } from './store';
import type { WatchFaults } from './faults';

export interface WatchRequest {
  readonly info: ResourceInfo;
  readonly namespace?: string;
  readonly labelSelector?: LabelSelector;
  readonly fieldSelector?: FieldSelector;
  readonly resourceVersion?: string;
  readonly allowBookmarks: boolean;
  readonly sendInitialEvents?: boolean;
  readonly timeoutSeconds?: number;
  /** Set when the client asked for Table events (`kubectl get --watch`). */
  readonly table?: { readonly includeObject: IncludeObject };
  readonly bookmarkIntervalMs: number;
  readonly faults: WatchFaults;
}

type OutType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** Default server-side watch timeout when the client gives none (real servers pick 30–60 min). */
const DEFAULT_TIMEOUT_SECONDS = 1800;

export function serveWatch(store: Store, response: ServerResponse, request: WatchRequest): void {
  const { info } = request;
  let eventsWritten = 0;
  let tableHeadersSent = false;
  let finished = false;
  const timers: NodeJS.Timeout[] = [];
  let bookmarkTimer: NodeJS.Timeout | undefined;

  const matches = (labels: StoredEntry['labels'], fields: StoredEntry['fields']): boolean =>
    matchesLabels(request.labelSelector, labels) && matchesFields(request.fieldSelector, fields);

  const translate = (event: StoreEvent): OutType | undefined => {
    const { entry } = event;
    if (entry.info !== info) return undefined;
    if (request.namespace !== undefined && info.namespaced && entry.namespace !== request.namespace) return undefined;
    const now = matches(entry.labels, entry.fields);
    if (event.type === 'MODIFIED' && event.previous) {
      const before = matches(event.previous.labels, event.previous.fields);
      if (before && now) return 'MODIFIED';
      if (before) return 'DELETED';
      return now ? 'ADDED' : undefined;
    }
    return now ? event.type : undefined;
  };

  const objectJson = (entry: StoredEntry): string => {
    if (!request.table) return store.fullJson(entry);
    const table = toTable(info, [store.object(entry)], { includeObject: request.table.includeObject, noHeaders: tableHeadersSent });
    tableHeadersSent = true;
    return JSON.stringify(table);
  };

  const finish = (): void => {
    if (finished) return;
    finished = true;
    unsubscribe();
    for (const timer of timers) clearTimeout(timer);
    if (bookmarkTimer) clearInterval(bookmarkTimer);
  };

  const write = (line: string): void => {
    if (finished) return;
    response.write(line);
  };

  const send = (type: OutType, entry: StoredEntry): void => {
    if (finished) return;
    const line = `{"type":"${type}","object":${objectJson(entry)}}\n`;
    eventsWritten++;
    const dropAfter = request.faults.dropAfterEvents;
    if (dropAfter !== undefined && eventsWritten >= dropAfter) {
      finish();
      // The connection dies mid-stream once this event is out: no terminating chunk, no TLS close_notify.
      response.write(line, () => response.socket?.destroy());
      return;
    }
    write(line);
  };

  const bookmark = (annotations?: Record<string, string>): void => {
    const metadata = { resourceVersion: String(store.resourceVersion), ...(annotations ? { annotations } : {}) };
    write(`{"type":"BOOKMARK","object":${JSON.stringify({ kind: info.kind, apiVersion: groupVersionOf(info), metadata })}}\n`);
  };

  const sendError = (error: ApiError): void => {
    write(`{"type":"ERROR","object":${JSON.stringify(error.toStatus())}}\n`);
    finish();
    response.end();
  };

  response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  response.flushHeaders();

  // Everything below runs synchronously, so no write can slip between the snapshot and the subscription.
  let pending: StoreEvent[] = [];
  let replaying = true;
  const unsubscribe = store.subscribe((event) => {
    if (replaying) pending.push(event);
    else {
      const type = translate(event);
      if (type) send(type, event.entry);
    }
  });
  response.on('close', finish);

  const rv = request.resourceVersion ?? '';
  const initialEvents = request.sendInitialEvents ?? (rv === '' || rv === '0');
  if (initialEvents) {
    for (const entry of store.entries(info, info.namespaced ? request.namespace : undefined)) {
      if (matches(entry.labels, entry.fields)) send('ADDED', entry);
    }
    if (request.sendInitialEvents && request.allowBookmarks) bookmark({ 'k8s.io/initial-events-end': 'true' });
  } else if (rv !== '' && rv !== '0') {
    const from = Number(rv);
    if (!Number.isSafeInteger(from) || from < 0) {
      sendError(badRequest(`invalid resource version: ${rv}`));
      return;
    }
    try {
      pending = [...store.eventsSince(from), ...pending];
    } catch (error) {
      sendError(error as ApiError);
      return;
    }
  }
  replaying = false;
  for (const event of pending) {
    const type = translate(event);
    if (type) send(type, event.entry);
  }
  pending = [];
  if (finished) return;

  const timeoutSeconds = request.timeoutSeconds !== undefined && request.timeoutSeconds > 0 ? request.timeoutSeconds : DEFAULT_TIMEOUT_SECONDS;
  const timeoutMs = Math.min(timeoutSeconds, DEFAULT_TIMEOUT_SECONDS * 2) * 1000;
  const closeAfter = request.faults.closeAfterMs;
  timers.push(
    setTimeout(() => {
      if (request.allowBookmarks) bookmark();
      finish();
      response.end();
    }, Math.min(timeoutMs, closeAfter ?? Infinity)),
  );
  if (request.allowBookmarks) bookmarkTimer = setInterval(() => bookmark(), request.bookmarkIntervalMs);
}
