// The opt-in kubelet probe: `/api/v1/nodes/NAME/proxy/configz` and `/proxy/metrics` through the
// API server. It needs `get nodes/proxy`, which the Kubernetes 1.36 docs warn can be abused to run
// commands in any pod, so nothing reads it unless asked (`--kubelet-probe`, the setting
// `k8sAnatomy.kubeletProbe`).
//
// Bounded at any cluster size: nodes are grouped by `kubeletPoolKey` (runtime and its version,
// kubelet version, OS image, OS), one node per pool is read (the next one if it fails, at most
// three), a few at a time, and the others are inferred from it, each saying from which node
// (`KubeletEvidence.readFrom`). Metrics are stream-parsed, never held whole. A forbidden or
// failing node is a coverage entry, never the end of the scan.

import type { ClusterScanner } from '../core/diagnose';
import {
  KubeletAnswerError, KubeletMetricsParser, MAX_CONFIGZ_BYTES, inferKubeletEvidence, kubeletEvidence, kubeletPoolKey,
  parseKubeletConfigz, type KubeletConfigzFacts, type KubeletMetricsFacts,
} from '../core/kubelet';
import type { KubeletEvidence, NodeFacts } from '../core/model';
import { ClusterError } from './errors';
import { getStreamed, statusError, type Transport } from './http';
import { runLimited } from './limit';

/** Nodes probed at the same time (two requests each). */
export const PROBE_CONCURRENCY = 8;
/** Nodes of one pool tried before the pool is given up. */
const TRIES_PER_POOL = 3;
/** The longest one answer may take, however steadily it trickles in. */
const ANSWER_TOTAL_MS = 60_000;

export type ProbedNode = Pick<NodeFacts, 'name' | 'runtime' | 'kubeletVersion' | 'osImage' | 'os'>;

export interface ProbeResult {
  /** Nodes whose kubelet answered, by name. */
  readonly read: number;
  /** Nodes given a pool peer's evidence. */
  readonly inferred: number;
  /** Nodes where `get nodes/proxy` was forbidden. */
  readonly forbidden: number;
  /** Nodes whose kubelet could not be read for another reason. */
  readonly failed: number;
  /** The answers as sent, per node read, when `keepAnswers` asked for them (collect writes them). */
  readonly answers: ReadonlyMap<string, { readonly configz?: Buffer; readonly metrics?: Buffer }>;
}

export interface ProbeOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs: number;
  readonly keepAnswers?: boolean;
  readonly concurrency?: number;
}

/** The coverage scope of one node's kubelet answers. */
export function kubeletScope(node: string): string {
  return `kubelet of node ${node}`;
}

export async function probeKubelets(transport: Transport, scanner: ClusterScanner, nodes: readonly ProbedNode[], options: ProbeOptions): Promise<ProbeResult> {
  const pools = new Map<string, ProbedNode[]>();
  for (const node of [...nodes].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const key = kubeletPoolKey(node);
    const pool = pools.get(key);
    if (pool) pool.push(node);
    else pools.set(key, [node]);
  }
  const read = new Map<string, KubeletEvidence>();
  const failedNodes = new Set<string>();
  const answers = new Map<string, { configz?: Buffer; metrics?: Buffer }>();
  let forbidden = 0;
  let failed = 0;
  await runLimited([...pools.values()].map((pool) => async () => {
    for (const node of pool.slice(0, TRIES_PER_POOL)) {
      const outcome = await probeNode(transport, node.name, options);
      if (outcome.kind === 'read') {
        read.set(node.name, kubeletEvidence(outcome, node.name));
        if (outcome.configz) scanner.setConfigzEndpoint(node.name, outcome.configz.containerRuntimeEndpoint);
        if (options.keepAnswers) answers.set(node.name, outcome.raw);
        return;
      }
      failedNodes.add(node.name);
      if (outcome.kind === 'forbidden') {
        // Permission is the same for every node: do not knock on each door of the pool.
        forbidden++;
        return;
      }
      failed++;
      scanner.skip(kubeletScope(node.name), outcome.reason);
    }
  }), options.concurrency ?? PROBE_CONCURRENCY);
  if (forbidden > 0) {
    scanner.skip('kubelet probe', `get nodes/proxy is forbidden for ${forbidden} node(s), so their kubelets' cgroup version, losing-support metric and configz were not read`);
  }
  const evidence = inferKubeletEvidence(nodes.filter((n) => !failedNodes.has(n.name)), read);
  for (const [name, value] of evidence) scanner.setKubeletEvidence(name, value);
  return { read: read.size, inferred: evidence.size - read.size, forbidden, failed, answers };
}

type NodeOutcome =
  | { readonly kind: 'read'; readonly metrics: KubeletMetricsFacts | null; readonly configz: KubeletConfigzFacts | null; readonly raw: { configz?: Buffer; metrics?: Buffer } }
  | { readonly kind: 'forbidden' }
  | { readonly kind: 'failed'; readonly reason: string };

async function probeNode(transport: Transport, name: string, options: ProbeOptions): Promise<NodeOutcome> {
  const base = `/api/v1/nodes/${encodeURIComponent(name)}/proxy`;
  const call = { timeoutMs: options.timeoutMs, totalMs: ANSWER_TOTAL_MS, ...(options.signal ? { signal: options.signal } : {}) };
  const raw: { configz?: Buffer; metrics?: Buffer } = {};
  try {
    // configz: small by nature; refused past MAX_CONFIGZ_BYTES while it arrives.
    const configzChunks: Buffer[] = [];
    let configzBytes = 0;
    const configzScope = `configz of node ${name}`;
    const configzResponse = await getStreamed(transport, `${base}/configz`, { ...call, scope: configzScope }, (chunk) => {
      configzBytes += chunk.length;
      if (configzBytes > MAX_CONFIGZ_BYTES) throw new KubeletAnswerError('configz', `is larger than ${MAX_CONFIGZ_BYTES / 1024} KiB, far more than a kubelet configuration`);
      configzChunks.push(chunk);
    });
    if (configzResponse.status === 403) return { kind: 'forbidden' };
    let configz: KubeletConfigzFacts | null = null;
    if (configzResponse.status === 200) {
      const body = Buffer.concat(configzChunks);
      configz = parseKubeletConfigz(body);
      if (options.keepAnswers) raw.configz = body;
    } else if (configzResponse.status !== 404) {
      throw statusError(configzResponse, transport.server, configzScope);
    }

    // metrics: parsed as it streams; only kept whole when collect asked for the answers.
    const parser = new KubeletMetricsParser();
    const kept: Buffer[] = [];
    const metricsScope = `metrics of node ${name}`;
    const metricsResponse = await getStreamed(transport, `${base}/metrics`, { ...call, scope: metricsScope, accept: 'text/plain;version=0.0.4;q=0.9,*/*;q=0.1' }, (chunk) => {
      parser.push(chunk);
      if (options.keepAnswers) kept.push(chunk);
    });
    if (metricsResponse.status === 403) return { kind: 'forbidden' };
    let metrics: KubeletMetricsFacts | null = null;
    if (metricsResponse.status === 200) {
      metrics = parser.finish();
      if (options.keepAnswers) raw.metrics = Buffer.concat(kept);
    } else if (metricsResponse.status !== 404) {
      throw statusError(metricsResponse, transport.server, metricsScope);
    }
    if (!metrics && !configz) return { kind: 'failed', reason: 'the kubelet serves neither /configz nor /metrics (404)' };
    return { kind: 'read', metrics, configz, raw };
  } catch (error) {
    if (error instanceof KubeletAnswerError) return { kind: 'failed', reason: error.message };
    if (error instanceof ClusterError && error.kind !== 'cancelled' && error.kind !== 'unauthorized') {
      return error.kind === 'forbidden' ? { kind: 'forbidden' } : { kind: 'failed', reason: error.message };
    }
    throw error;
  }
}
