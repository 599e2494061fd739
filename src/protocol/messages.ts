// The typed messages between the panel host (src/extension) and the webview (webview/).
// One discriminated union per direction on `type`. The webview says `ready` before the host sends
// anything; requests carry an `id` and replies echo it; each `model` is acknowledged with `shown`.
// The host validates every inbound message with `parseWebviewMessage` (webview input is
// untrusted) and ignores anything else.
// Pure: imported by both halves; may import core types and core's pure readers (isRecord).

import type { Anatomy, CoverageGap, KnowledgeEntry, ReadinessReport } from '../core/model';
import { isRecord } from '../core/read';

/** What the panel is showing, for the header and the designed states. */
export type PanelStatus =
  | { readonly kind: 'loading'; readonly message: string; readonly pages?: number; readonly objects?: number }
  | { readonly kind: 'no-kubeconfig'; readonly message: string; readonly samples: readonly SampleChoice[] }
  | { readonly kind: 'error'; readonly errorKind: string; readonly message: string; readonly advice: string; readonly context?: string; readonly server?: string }
  | { readonly kind: 'ready' };

export interface SampleChoice {
  readonly name: string;
  readonly title: string;
  readonly description: string;
}

export interface PanelSource {
  /** `cluster` (a kubeconfig context) or `sample` (clearly labelled in the header). */
  readonly kind: 'cluster' | 'sample';
  /** Context name, or sample name. */
  readonly name: string;
  readonly server?: string;
}

/**
 * Everything the webview draws; sent whole on each update (it is sized by pools, not nodes).
 * Which findings touch which component is in the anatomy (`AnatomyNode.findings`: indices into
 * `report.findings`; `Anatomy.findingComponents`), stated by the core.
 */
export interface PanelModel {
  /** Numbers the models of one panel host: a new number means new data (the webview redraws on it). */
  readonly version: number;
  readonly source: PanelSource;
  readonly anatomy: Anatomy;
  readonly mermaid: string;
  readonly report: ReadinessReport;
  /** Knowledge entries for the components on the diagram (keys from `anatomy.nodes[].explain`). */
  readonly knowledge: readonly KnowledgeEntry[];
  readonly coverage: readonly CoverageGap[];
  /** ISO time of the data, for "last updated". */
  readonly updatedAt: string;
  /** True while watches keep the model current. */
  readonly live: boolean;
  /**
   * The targets the header's selector offers (core's upgradeTargets for the server: the next minor
   * preselected, up to the newest the support facts know); the judged one is `report.target`.
   */
  readonly targets?: readonly PanelTarget[];
}

export interface PanelTarget {
  /** `X.Y`. */
  readonly minor: string;
  /** One line: what this version changes in the runtime stack. */
  readonly runtimeChanges: string;
  /** The default (next minor). */
  readonly preselected: boolean;
}

export type HostToWebview =
  | { readonly type: 'status'; readonly status: PanelStatus }
  /**
   * The model to draw. `seq` numbers the models of one webview; the webview answers `shown` with
   * it once the model is on screen, and the host keeps at most one model in flight until then.
   */
  | { readonly type: 'model'; readonly seq: number; readonly model: PanelModel }
  | { readonly type: 'reply'; readonly id: number; readonly ok: boolean; readonly error?: string }
  /** Ask for the drawing as it is shown (Export Topology → SVG); answered by `svg`. */
  | { readonly type: 'exportSvg'; readonly id: number };

export type WebviewToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'refresh'; readonly id: number }
  | { readonly type: 'openSample'; readonly id: number; readonly name: string }
  | { readonly type: 'pickSample'; readonly id: number }
  | { readonly type: 'switchContext'; readonly id: number }
  | { readonly type: 'checkReadiness'; readonly id: number }
  /** Judge for another target (`X.Y`); the host checks it is one of the model's targets. */
  | { readonly type: 'setTarget'; readonly id: number; readonly target: string }
  | { readonly type: 'export'; readonly id: number; readonly what: 'topology' | 'report' }
  /** Open an official documentation link from the knowledge base (the host checks it is one). */
  | { readonly type: 'openLink'; readonly id: number; readonly url: string }
  | { readonly type: 'selected'; readonly nodeId: string | null }
  /** The model `seq` is on screen (drawn, or its drawing failed and the table shows it). */
  | { readonly type: 'shown'; readonly seq: number }
  /** The answer to `exportSvg`: the SVG document, or null when nothing is drawn. */
  | { readonly type: 'svg'; readonly id: number; readonly svg: string | null };

/** Largest SVG the host accepts from the webview. */
export const MAX_SVG_BYTES = 5 * 1024 * 1024;

/** The official page on kubeconfig files, offered when there is none. */
export const KUBECONFIG_DOCS_URL = 'https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/';

const MAX_ID = Number.MAX_SAFE_INTEGER;
const NAME = /^[a-z0-9][a-z0-9.-]{0,62}$/;
const NODE_ID = /^[A-Za-z0-9_]{1,80}$/;
const MINOR = /^1\.\d{1,3}$/;

const validSeq = (seq: unknown): seq is number => typeof seq === 'number' && Number.isInteger(seq) && seq >= 1 && seq <= MAX_ID;

/** Validate an untrusted message from the webview; null when it is not one we accept. */
export function parseWebviewMessage(value: unknown): WebviewToHost | null {
  if (!isRecord(value)) return null;
  const message = value;
  const id = message['id'];
  const validId = typeof id === 'number' && Number.isInteger(id) && id >= 0 && id <= MAX_ID;
  switch (message['type']) {
    case 'ready':
      return { type: 'ready' };
    case 'refresh':
    case 'pickSample':
    case 'switchContext':
    case 'checkReadiness':
      return validId ? { type: message['type'], id: id as number } : null;
    case 'openSample': {
      const name = message['name'];
      return validId && typeof name === 'string' && NAME.test(name) ? { type: 'openSample', id: id as number, name } : null;
    }
    case 'setTarget': {
      const target = message['target'];
      return validId && typeof target === 'string' && MINOR.test(target) ? { type: 'setTarget', id: id as number, target } : null;
    }
    case 'export': {
      const what = message['what'];
      return validId && (what === 'topology' || what === 'report') ? { type: 'export', id: id as number, what } : null;
    }
    case 'openLink': {
      const url = message['url'];
      return validId && typeof url === 'string' && url.length < 2048 && /^https:\/\//.test(url) ? { type: 'openLink', id: id as number, url } : null;
    }
    case 'svg': {
      const svg = message['svg'];
      if (!validId) return null;
      if (svg === null) return { type: 'svg', id: id as number, svg: null };
      return typeof svg === 'string' && svg.length <= MAX_SVG_BYTES && /^<svg[\s>]/.test(svg) ? { type: 'svg', id: id as number, svg } : null;
    }
    case 'shown':
      return validSeq(message['seq']) ? { type: 'shown', seq: message['seq'] } : null;
    case 'selected': {
      const nodeId = message['nodeId'];
      return nodeId === null || (typeof nodeId === 'string' && NODE_ID.test(nodeId)) ? { type: 'selected', nodeId } : null;
    }
    default:
      return null;
  }
}

/** UI-only state the webview persists with `setState` (never cluster data). */
export interface WebviewUiState {
  readonly selected: string | null;
  readonly zoom: number;
  readonly scrollX: number;
  readonly scrollY: number;
  readonly view: 'diagram' | 'table';
  /** The legend under the diagram is open (closed by default, so the drawing has the room). */
  readonly legend: boolean;
}
