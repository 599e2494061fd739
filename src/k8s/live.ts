// A live view of one cluster for the panel: a full scan (every pod and workload, as the CLI
// does), then informers on nodes and on the namespaces that hold control-plane pods. Each change
// rebuilds the anatomy from the watched objects plus the full scan's workload findings, debounced,
// and reports it through onUpdate — without re-reading every pod.

import { ClusterScanner, podsScope, type CarriedResults, type Diagnosis, type FinishOptions } from '../core/diagnose';
import type { NamespaceFilter } from '../core/namespaces';
import { eventFacts } from '../core/events';
import type { KubeletEvidence } from '../core/model';
import { isRecord, meta } from '../core/read';
import { ClusterError } from './errors';
import { createTransport, type Transport } from './http';
import type { LoadedKubeconfig } from './kubeconfig';
import { scanCluster, type ScanProgress } from './reader';
import { Informer } from './watch';

export interface LiveOptions {
  readonly timeoutMs?: number;
  /** The opt-in kubelet probe (needs get nodes/proxy). */
  readonly kubeletProbe?: boolean;
  /** @deprecated the old name of `kubeletProbe`. */
  readonly configz?: boolean;
  readonly target?: string;
  /** Why `target` (for the report), e.g. "chosen in Check Upgrade Readiness". */
  readonly targetReason?: string;
  /** Today (`YYYY-MM-DD`) for end-of-life dates (containerd-eol); the extension passes the local date. */
  readonly today?: string;
  /** Whose workloads are judged (core/namespaces.ts); the scan lists only what it needs for it. */
  readonly namespaces?: NamespaceFilter;
  /** Keep nodes and control-plane pods current with watches. */
  readonly watch?: boolean;
  readonly onProgress?: (progress: ScanProgress) => void;
  /** A watch changed the picture (debounced). */
  readonly onUpdate?: (diagnosis: Diagnosis) => void;
  /** Informational: watches retry with backoff by themselves. */
  readonly onWatchError?: (error: ClusterError) => void;
  /** Delay between a change and the rebuild (default 250 ms). */
  readonly debounceMs?: number;
  /** Watch backoff bounds (tests shorten them). */
  readonly minBackoffMs?: number;
}

const SYSTEM_NAMESPACE = (ns: string) => ns === 'kube-system' || ns.startsWith('openshift-');

export class LiveCluster {
  private transport: Transport;
  private informers: Informer[] = [];
  private carried: CarriedResults = { findings: [], gaps: [], cni: [] };
  private serverVersion: string | null = null;
  private others: Record<string, unknown>[] = [];
  /** What the full scan learnt beyond the watched objects: Events and kubelet answers, re-applied on every rebuild. */
  private evidence: RecordingScanner['evidence'] = { events: [], kubelet: new Map(), configz: new Map() };
  private timer: ReturnType<typeof setTimeout> | null = null;
  private generation = 0;
  private disposed = false;

  constructor(readonly kubeconfig: LoadedKubeconfig, private readonly options: LiveOptions = {}) {
    this.transport = createTransport(kubeconfig.kc);
  }

  /** A full read of the cluster; (re)starts the watches when `watch` is on. Throws ClusterError. */
  async scan(signal?: AbortSignal): Promise<Diagnosis> {
    return (await this.scanJudged(signal, [])).diagnosis;
  }

  /**
   * `scan`, and the same read judged again with other options (for example only the dockershim
   * family for the default target), without reading the cluster twice. The watches keep the first.
   */
  async scanJudged(signal: AbortSignal | undefined, also: readonly AlsoJudge[]): Promise<{ readonly diagnosis: Diagnosis; readonly also: readonly Diagnosis[] }> {
    if (this.disposed) throw new ClusterError('cancelled', 'this cluster view was closed');
    const generation = ++this.generation;
    this.stopWatches();
    this.transport.close();
    this.transport = createTransport(this.kubeconfig.kc); // fresh credentials (exec plugins) per scan
    const scanner = new RecordingScanner();
    await scanCluster(this.transport, scanner, {
      timeoutMs: this.options.timeoutMs ?? 30_000,
      kubeletProbe: this.options.kubeletProbe === true || this.options.configz === true,
      ...(this.options.namespaces ? { namespaces: this.options.namespaces } : {}),
      ...(signal ? { signal } : {}),
      ...(this.options.onProgress ? { onProgress: this.options.onProgress } : {}),
    });
    const source = { kind: 'cluster' as const, context: this.kubeconfig.context, server: this.kubeconfig.server };
    const diagnosis = scanner.finish({ ...this.judging(), source });
    const { target: _target, targetReason: _reason, ...common } = this.judging();
    const extra = also.map((judge) => scanner.finish({ ...common, ...judge, source }));
    if (generation !== this.generation || this.disposed) return { diagnosis, also: extra };
    this.serverVersion = diagnosis.report.cluster.serverVersion;
    this.others = scanner.others;
    this.evidence = scanner.evidence;
    // What the watches will not re-read: findings on workloads outside the system namespaces.
    this.carried = {
      findings: diagnosis.report.findings.filter((f) => f.subject.kind !== 'Node' && !SYSTEM_NAMESPACE(f.subject.namespace)),
      gaps: diagnosis.report.coverage.skipped,
      cni: diagnosis.cni,
    };
    if (this.options.watch) this.startWatches(diagnosis);
    return { diagnosis, also: extra };
  }

  dispose(): void {
    this.disposed = true;
    this.stopWatches();
    this.transport.close();
  }

  /** The target and the namespace filter, the same for the scan and every rebuild. */
  private judging(): Pick<FinishOptions, 'target' | 'targetReason' | 'today' | 'namespaces'> {
    return {
      ...(this.options.target ? { target: this.options.target } : {}),
      ...(this.options.target && this.options.targetReason ? { targetReason: this.options.targetReason } : {}),
      ...(this.options.today ? { today: this.options.today } : {}),
      ...(this.options.namespaces ? { namespaces: this.options.namespaces } : {}),
    };
  }

  private startWatches(diagnosis: Diagnosis): void {
    const namespaces = new Set(['kube-system', ...diagnosis.report.controlPlane.map((c) => c.namespace).filter(SYSTEM_NAMESPACE)]);
    const common = {
      timeoutMs: this.options.timeoutMs ?? 30_000,
      onChange: () => this.schedule(),
      ...(this.options.onWatchError ? { onError: this.options.onWatchError } : {}),
      ...(this.options.minBackoffMs !== undefined ? { minBackoffMs: this.options.minBackoffMs, maxBackoffMs: this.options.minBackoffMs * 8 } : {}),
    };
    this.informers = [
      new Informer(this.transport, { ...common, path: '/api/v1/nodes', scope: 'nodes', kind: 'Node' }),
      ...[...namespaces].map((ns) => new Informer(this.transport, { ...common, path: `/api/v1/namespaces/${encodeURIComponent(ns)}/pods`, scope: podsScope(ns), kind: 'Pod' })),
    ].map((informer) => informer.start());
  }

  private stopWatches(): void {
    for (const informer of this.informers) informer.dispose();
    this.informers = [];
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.disposed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.rebuild();
    }, this.options.debounceMs ?? 250);
  }

  private rebuild(): void {
    if (this.disposed || this.informers.length === 0) return;
    const scanner = new ClusterScanner();
    scanner.setServerVersion(this.serverVersion);
    for (const informer of this.informers) for (const object of informer.cache.values()) scanner.add(object);
    for (const object of this.others) scanner.add(object);
    // Without these a node change would drop the cgroup and runtime-support evidence: a false ready.
    for (const event of this.evidence.events) scanner.addEvent(event);
    for (const [node, evidence] of this.evidence.kubelet) scanner.setKubeletEvidence(node, evidence);
    for (const [node, endpoint] of this.evidence.configz) scanner.setConfigzEndpoint(node, endpoint);
    const diagnosis = scanner.finish({
      ...this.judging(),
      source: { kind: 'cluster', context: this.kubeconfig.context, server: this.kubeconfig.server },
      carried: this.carried,
    });
    this.options.onUpdate?.(diagnosis);
  }
}

/**
 * Another judgement of the same read: its own families and target (no target: the default one);
 * the namespace filter and today's date stay.
 */
export type AlsoJudge = Pick<FinishOptions, 'families' | 'target' | 'targetReason'>;

/** A scanner that also keeps the few cluster-scoped objects, Events and kubelet answers the rebuild needs again. */
class RecordingScanner extends ClusterScanner {
  readonly others: Record<string, unknown>[] = [];
  readonly evidence: { events: unknown[]; kubelet: Map<string, KubeletEvidence>; configz: Map<string, string | null> } = {
    events: [], kubelet: new Map(), configz: new Map(),
  };

  override addEvent(object: unknown): void {
    super.addEvent(object);
    // Only the Events a rule reads (eventFacts drops the rest), so this stays small.
    if (isRecord(object) && eventFacts(object) && this.evidence.events.length < 10_000) this.evidence.events.push(compactEvent(object));
  }

  override setKubeletEvidence(node: string, evidence: KubeletEvidence): void {
    super.setKubeletEvidence(node, evidence);
    this.evidence.kubelet.set(node, evidence);
  }

  override setConfigzEndpoint(node: string, endpoint: string | null): void {
    super.setConfigzEndpoint(node, endpoint);
    this.evidence.configz.set(node, endpoint);
  }

  override addRuntimeClass(object: unknown): void {
    super.addRuntimeClass(object);
    this.others.push(object as Record<string, unknown>);
  }

  override addLease(object: unknown): void {
    super.addLease(object);
    if (meta(object).labels['k8s.io/component'] === 'kube-apiserver') this.others.push(object as Record<string, unknown>);
  }
}


/** The fields of an Event the rules read, its text cut at 16 KiB (a hostile one may be megabytes). */
function compactEvent(event: Record<string, unknown>): Record<string, unknown> {
  const cut = (value: unknown) => (typeof value === 'string' && value.length > 16_384 ? value.slice(0, 16_384) : value);
  const keep: Record<string, unknown> = {};
  for (const key of ['kind', 'apiVersion', 'metadata', 'reason', 'type', 'involvedObject', 'regarding', 'series', 'lastTimestamp', 'deprecatedLastTimestamp', 'eventTime']) {
    if (key in event) keep[key] = event[key];
  }
  if ('message' in event) keep['message'] = cut(event['message']);
  if ('note' in event) keep['note'] = cut(event['note']);
  return keep;
}
