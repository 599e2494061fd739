// The one transport to the panel host: typed `WebviewToHost` messages out (requests get a fresh id;
// the host's `reply` echoes it), `HostToWebview` messages in, checked for shape before use.

import type { HostToWebview, WebviewToHost, WebviewUiState } from '../src/protocol/messages';
import { isRecord } from '../src/core/read';

/** What `acquireVsCodeApi()` returns. */
export interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: WebviewUiState): void;
}

/** A request without its id: the channel numbers it. */
type Request = WebviewToHost extends infer M ? (M extends { id: number } ? Omit<M, 'id'> : never) : never;
export type RequestType = Request['type'];

export class HostChannel {
  private nextId = 1;
  private readonly pending = new Map<number, RequestType>();

  constructor(private readonly api: VsCodeApi) {}

  ready(): void {
    this.api.postMessage({ type: 'ready' });
  }

  selected(nodeId: string | null): void {
    this.api.postMessage({ type: 'selected', nodeId });
  }

  /** The model `seq` is on screen: the host may send the next one. */
  shown(seq: number): void {
    this.api.postMessage({ type: 'shown', seq });
  }

  /** Answer the host's `exportSvg` request. */
  svg(id: number, svg: string | null): void {
    this.api.postMessage({ type: 'svg', id, svg });
  }

  /** Send a request; returns its id. */
  request(message: Request): number {
    const id = this.nextId++;
    this.pending.set(id, message.type);
    this.api.postMessage({ ...message, id } as WebviewToHost);
    return id;
  }

  openLink(url: string): void {
    this.request({ type: 'openLink', url });
  }

  /** The request a reply answers (and forget it), or undefined for an unknown id. */
  settle(id: number): RequestType | undefined {
    const type = this.pending.get(id);
    this.pending.delete(id);
    return type;
  }
}

/**
 * A message from the host, checked enough that rendering cannot trip over its shape. The host is
 * trusted code, but everything inside a model came from a cluster.
 */
export function parseHostMessage(value: unknown): HostToWebview | null {
  if (!isRecord(value)) return null;
  switch (value['type']) {
    case 'status': {
      const status = value['status'];
      if (!isRecord(status)) return null;
      const kind = status['kind'];
      if (kind === 'loading' || kind === 'ready' || kind === 'error') return value as HostToWebview;
      if (kind === 'no-kubeconfig') return Array.isArray(status['samples']) ? (value as HostToWebview) : null;
      return null;
    }
    case 'model': {
      const model = value['model'];
      if (typeof value['seq'] !== 'number') return null;
      if (!isRecord(model) || !isRecord(model['anatomy']) || !isRecord(model['source']) || !isRecord(model['report'])) return null;
      const anatomy = model['anatomy'];
      const lists = ['nodes', 'edges', 'groups', 'pools'].every((k) => Array.isArray(anatomy[k]));
      if (!lists || typeof model['mermaid'] !== 'string' || !Array.isArray(model['knowledge'])) return null;
      if (typeof model['version'] !== 'number' || !Array.isArray(model['report']['findings']) || !Array.isArray(model['coverage'])) return null;
      return value as HostToWebview;
    }
    case 'reply':
      return typeof value['id'] === 'number' && typeof value['ok'] === 'boolean' ? (value as HostToWebview) : null;
    case 'exportSvg':
      return typeof value['id'] === 'number' ? (value as HostToWebview) : null;
    default:
      return null;
  }
}
