// Reading a live cluster into the core's ClusterScanner: paged lists (`limit` + `continue`),
// pages parsed and handed to the scanner one at a time (memory bounded by the page size), each
// workload kind listed once for owners (never one GET per pod), a few lists in parallel, and
// every forbidden or failed scope recorded in coverage while the scan goes on. Events come
// through field-selected lists only (EVENT_SELECTORS); with the opt-in kubelet probe, one
// kubelet per node pool is asked afterwards (kubeletProbe.ts).

import { namespacedScope, podsScope, type ClusterScanner } from '../core/diagnose';
import { ALL_NAMESPACES, podNamespacesToRead, workloadNamespacesToRead, type NamespaceFilter } from '../core/namespaces';
import { isRecord, meta, str } from '../core/read';
import { ClusterError } from './errors';
import { parseJsonObject, statusError, type Transport } from './http';
import { probeKubelets, type ProbedNode, type ProbeResult } from './kubeletProbe';
import { runLimited } from './limit';
import { nodeFacts } from '../core/nodes';

export interface ScanOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  /** Items per page (the API server caps it anyway). */
  readonly pageSize?: number;
  /** Lists read at the same time. */
  readonly concurrency?: number;
  /**
   * The kubelet probe: read configz and metrics of one node per pool through the node proxy
   * (needs `get nodes/proxy`, which can be abused: opt-in). `configz` is its old name.
   */
  readonly kubeletProbe?: boolean;
  /** @deprecated the old name of `kubeletProbe`. */
  readonly configz?: boolean;
  /**
   * Whose workloads are judged. With an include list, pods and workloads are listed per namespace:
   * the included ones (pods also in the platform namespaces, for the control plane and the CNI).
   * Nodes, RuntimeClasses and the API server leases are read whatever it says.
   */
  readonly namespaces?: NamespaceFilter;
  /** Keep the kubelets' answers as sent (collect writes them to NODE.kubelet-* files). */
  readonly keepKubeletAnswers?: boolean;
  readonly onProgress?: (progress: ScanProgress) => void;
}

export interface ScanProgress {
  readonly pages: number;
  readonly objects: number;
  readonly current: string;
}

interface ListSpec {
  readonly path: string;
  readonly scope: string;
  /** The kind of the listed objects, and the namespace of a per-namespace list, for coverage. */
  readonly kind: string;
  readonly namespace?: string;
  /** What to do with each item. */
  readonly take: (item: Record<string, unknown>) => void;
  /** A 403 or 404 here is recorded as a coverage gap rather than failing the scan. */
  readonly optional?: 'coverage' | 'silent';
  /** `fieldSelector` of the list (Events: never the whole stream). */
  readonly fieldSelector?: string;
}

/**
 * The Events the rules read, each through one paged list with a field selector, so a big
 * cluster's event stream is never listed whole: the kubelet's CgroupV1 warning on Nodes, and
 * failed image pulls of Pods (schema 1 images on containerd 2).
 */
export const EVENT_SELECTORS: readonly { readonly fieldSelector: string; readonly scope: string }[] = [
  { fieldSelector: 'reason=CgroupV1,involvedObject.kind=Node', scope: 'events (reason CgroupV1)' },
  { fieldSelector: 'reason=Failed,involvedObject.kind=Pod', scope: 'events (reason Failed)' },
];

const DEFAULT_PAGE = 500;

/**
 * Read everything the diagnosis needs. Resolves when done; throws ClusterError only for failures
 * that make the whole scan meaningless (unreachable, unauthorized, cancelled...).
 */
export async function scanCluster(transport: Transport, scanner: ClusterScanner, options: ScanOptions = {}): Promise<ScanOutcome> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const call = { timeoutMs, ...(options.signal ? { signal: options.signal } : {}) };
  let pages = 0;
  let objects = 0;
  const progress = (current: string) => options.onProgress?.({ pages, objects, current });

  // The version first: it proves the server is there and the credentials work.
  const version = await transport.get('/version', { ...call, scope: 'the server version' });
  if (version.status !== 200) throw statusError(version, transport.server, 'the server version');
  scanner.setServerVersion(str(parseJsonObject(version.body, transport.server, '/version')['gitVersion']) || null);

  const probed: ProbedNode[] = [];
  const probe = options.kubeletProbe === true || options.configz === true;
  const add = (kind: string) => (item: Record<string, unknown>) => {
    item['kind'] ??= kind;
    scanner.add(item);
  };
  const pageSize = options.pageSize ?? DEFAULT_PAGE;
  const filter = options.namespaces ?? ALL_NAMESPACES;
  const judged = workloadNamespacesToRead(filter);
  const workloadLists = (namespace?: string): ListSpec[] => WORKLOAD_RESOURCES.map(({ group, resource, kind }) => ({
    path: namespace === undefined ? `/apis/${group}/${resource}` : `/apis/${group}/namespaces/${encodeURIComponent(namespace)}/${resource}`,
    scope: namespace === undefined ? resource : namespacedScope(resource, namespace),
    kind, take: add(kind), optional: 'coverage' as const, ...(namespace === undefined ? {} : { namespace }),
  }));
  const lists: ListSpec[] = [
    { path: '/api/v1/nodes', scope: 'nodes', kind: 'Node', take: (item) => {
      item['kind'] = 'Node';
      if (probe) {
        const { name, runtime, kubeletVersion, osImage, os } = nodeFacts(item);
        probed.push({ name, runtime, kubeletVersion, osImage, os });
      }
      scanner.addNode(item);
    } },
    ...(judged === undefined
      ? [{ path: '/api/v1/pods', scope: 'pods', kind: 'Pod', take: (item: Record<string, unknown>) => { item['kind'] = 'Pod'; scanner.addPod(item); } }, ...workloadLists()]
      : judged.flatMap((ns) => workloadLists(ns))),
    { path: '/apis/node.k8s.io/v1/runtimeclasses', scope: 'runtimeclasses', kind: 'RuntimeClass', take: add('RuntimeClass'), optional: 'silent' },
    { path: '/apis/coordination.k8s.io/v1/namespaces/kube-system/leases', scope: 'leases in kube-system', kind: 'Lease', namespace: 'kube-system', take: add('Lease'), optional: 'silent' },
    ...EVENT_SELECTORS.map((e): ListSpec => ({
      path: '/api/v1/events', scope: e.scope, kind: 'Event', fieldSelector: e.fieldSelector, optional: 'coverage',
      take: (item) => { item['kind'] ??= 'Event'; item['apiVersion'] ??= 'v1'; scanner.addEvent(item); },
    })),
  ];

  const readList = async (spec: ListSpec): Promise<void> => {
    try {
      await pagedList(transport, spec.path, spec.scope, { ...call, pageSize, ...(spec.fieldSelector ? { fieldSelector: spec.fieldSelector } : {}) }, (items) => {
        pages++;
        for (const item of items) {
          if (isRecord(item)) spec.take(item);
          objects++;
        }
        progress(spec.scope);
      });
    } catch (error) {
      if (!(error instanceof ClusterError)) throw error;
      if (error.kind === 'forbidden' && spec.path === '/api/v1/pods') {
        await podsPerNamespace(transport, scanner, call, pageSize, undefined, () => { pages++; progress('pods'); });
        return;
      }
      if ((error.kind === 'forbidden' || error.kind === 'not-found') && spec.optional === 'silent') return;
      if (isScopeFailure(error)) {
        scanner.skip(spec.scope, error.message, { kind: spec.kind, ...(spec.namespace !== undefined ? { namespace: spec.namespace } : {}) });
        return;
      }
      throw error;
    }
  };
  const perNamespacePods = judged === undefined
    ? []
    : [() => podsPerNamespace(transport, scanner, call, pageSize, (existing) => podNamespacesToRead(filter, existing) ?? [], () => { pages++; progress('pods'); })];
  await runLimited([...perNamespacePods, ...lists.map((spec) => () => readList(spec))], options.concurrency ?? 3);

  const kubelet = probe
    ? await probeKubelets(transport, scanner, probed, { ...call, ...(options.keepKubeletAnswers ? { keepAnswers: true } : {}) })
    : null;
  return { pages, objects, configzForbidden: kubelet?.forbidden ?? 0, kubelet };
}

export interface ScanOutcome {
  readonly pages: number;
  readonly objects: number;
  /** Nodes whose kubelet could not be read for lack of `get nodes/proxy` (extra evidence only). */
  readonly configzForbidden: number;
  /** What the kubelet probe did, when it ran. */
  readonly kubelet: ProbeResult | null;
}

/** The workload kinds listed for owners and pod templates (core's WORKLOAD_KINDS), by API group. */
const WORKLOAD_RESOURCES: readonly { readonly group: string; readonly resource: string; readonly kind: string }[] = [
  { group: 'apps/v1', resource: 'deployments', kind: 'Deployment' },
  { group: 'apps/v1', resource: 'replicasets', kind: 'ReplicaSet' },
  { group: 'apps/v1', resource: 'daemonsets', kind: 'DaemonSet' },
  { group: 'apps/v1', resource: 'statefulsets', kind: 'StatefulSet' },
  { group: 'batch/v1', resource: 'jobs', kind: 'Job' },
  { group: 'batch/v1', resource: 'cronjobs', kind: 'CronJob' },
];

/** Failures that cost one scope, not the scan: access, a missing API, a broken or throttled list. */
function isScopeFailure(error: ClusterError): boolean {
  return error.kind === 'forbidden' || error.kind === 'not-found' || error.kind === 'server-error'
    || error.kind === 'too-many-requests' || error.kind === 'expired';
}

interface PageOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs: number;
  readonly pageSize: number;
  readonly fieldSelector?: string;
}

/**
 * GET a list page by page. On 410 (the continue token expired) the list starts again and skips
 * the items already handed over: lists come in key order (namespace/name), so "after the last
 * key seen" is exact without remembering every item.
 */
export async function pagedList(transport: Transport, path: string, scope: string, options: PageOptions, onPage: (items: readonly unknown[]) => void): Promise<void> {
  let continueToken = '';
  let lastKey: string | null = null;
  let restarts = 0;
  for (;;) {
    const query = new URLSearchParams({ limit: String(options.pageSize) });
    if (options.fieldSelector) query.set('fieldSelector', options.fieldSelector);
    if (continueToken) query.set('continue', continueToken);
    const response = await transport.get(`${path}?${query.toString()}`, { ...options, scope });
    if (response.status === 410 && continueToken && restarts < 3) {
      restarts++;
      continueToken = '';
      continue;
    }
    if (response.status !== 200) throw statusError(response, transport.server, scope);
    const body = parseJsonObject(response.body, transport.server, scope);
    const items = Array.isArray(body['items']) ? body['items'] : [];
    const fresh = lastKey === null ? items : items.filter((item) => keyOf(item) > (lastKey as string));
    if (fresh.length > 0) {
      lastKey = keyOf(fresh[fresh.length - 1]);
      onPage(fresh);
    }
    continueToken = str(isRecord(body['metadata']) ? body['metadata']['continue'] : '');
    if (!continueToken) return;
  }
}

function keyOf(item: unknown): string {
  const m = meta(item);
  return `${m.namespace}/${m.name}`;
}

/**
 * Pods one namespace at a time: when listing them across the cluster is forbidden (`pick`
 * undefined: every namespace), or when only some namespaces are read (`pick` chooses them from
 * the cluster's namespaces, or from none when those cannot be listed).
 */
async function podsPerNamespace(
  transport: Transport, scanner: ClusterScanner, call: { signal?: AbortSignal; timeoutMs: number }, pageSize: number,
  pick: ((existing: readonly string[] | null) => readonly string[]) | undefined, onPage: () => void,
): Promise<void> {
  let existing: string[] | null = [];
  try {
    await pagedList(transport, '/api/v1/namespaces', 'namespaces', { ...call, pageSize }, (items) => {
      for (const item of items) existing?.push(meta(item).name);
    });
  } catch (error) {
    if (!(error instanceof ClusterError && isScopeFailure(error))) throw error;
    if (!pick) {
      scanner.skip('pods', 'listing pods across all namespaces is forbidden, and so is listing namespaces to read them one by one', { kind: 'Pod' });
      return;
    }
    existing = null;
  }
  const namespaces = pick ? pick(existing) : (existing ?? []);
  await runLimited(namespaces.map((ns) => async () => {
    try {
      await pagedList(transport, `/api/v1/namespaces/${encodeURIComponent(ns)}/pods`, podsScope(ns), { ...call, pageSize }, (items) => {
        for (const item of items) {
          if (isRecord(item)) {
            item['kind'] = 'Pod';
            scanner.addPod(item);
          }
        }
        onPage();
      });
    } catch (error) {
      if (error instanceof ClusterError && isScopeFailure(error)) scanner.skipNamespace(ns, error.message);
      else throw error;
    }
  }), 4);
}
