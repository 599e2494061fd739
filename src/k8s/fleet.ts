// Reading a fleet: one checkContext (check.ts) per kubeconfig context, at most `concurrency` at a
// time. Each cluster has its own KubeConfig (so its own exec credential plugin run), its own
// transport and its own deadline (`clusterTimeoutMs`, on top of the per-request timeout); whatever
// goes wrong with one cluster (it hangs, refuses the credentials, is unreachable, its plugin
// fails) becomes its error row — the ClusterError kind, its message and the advice for the
// surface — and never fails or holds up the others. Only each finished cluster's report is kept,
// never its objects, so memory is bounded by the concurrency, not by the size of the fleet.
// `k8s-anatomy check --all-contexts` (src/cli/fleet.ts) uses it; so can the editor.

import type { FinishOptions } from '../core/diagnose';
import { selectContexts, type FleetCluster } from '../core/fleet';
import type { NamespaceFilter } from '../core/namespaces';
import { checkContext } from './check';
import { ClusterError, type AdviceSurface } from './errors';
import { fleetErrorRow } from './fleetRow';
import { kubeconfigContexts, type KubeconfigTarget } from './kubeconfig';
import { mapLimited } from './limit';

export interface FleetReadOptions extends Omit<KubeconfigTarget, 'context'> {
  /** `all`, or names and globs (core/fleet.ts selectContexts). */
  readonly contexts: 'all' | readonly string[];
  readonly concurrency: number;
  /** One cluster's whole check, credential plugin included. */
  readonly clusterTimeoutMs: number;
  /** Per request; capped at `clusterTimeoutMs`. */
  readonly timeoutMs: number;
  readonly kubeletProbe: boolean;
  readonly finish: Omit<FinishOptions, 'source' | 'namespaces'>;
  readonly namespaces?: NamespaceFilter;
  /** Cancels the whole fleet (readFleet then rejects with ClusterError `cancelled`). */
  readonly signal?: AbortSignal;
  /** Whose words the advice uses: the CLI names its flags, the editor its settings. */
  readonly surface: AdviceSurface;
  /** What the surface lets the user raise when a cluster times out, e.g. "--cluster-timeout". */
  readonly timeoutSetting: string;
  /** Before the first cluster is read: the contexts picked. */
  readonly onStart?: (contexts: readonly string[]) => void;
  /** Each finished cluster, in the order they finish. */
  readonly onCluster?: (row: FleetCluster, finished: number, total: number, ms: number) => void;
  /** The kubelet probe was refused for some of a cluster's nodes (extra evidence only). */
  readonly onConfigzForbidden?: (context: string, nodes: number) => void;
}

/**
 * Every picked context's row, in kubeconfig order. Throws ClusterError (`no-kubeconfig`,
 * `bad-kubeconfig` for the kubeconfig itself; `cancelled`) and ContextSelectionError.
 */
export async function readFleet(options: FleetReadOptions): Promise<FleetCluster[]> {
  const target = { ...(options.kubeconfig !== undefined ? { kubeconfig: options.kubeconfig } : {}), ...(options.env ? { env: options.env } : {}) };
  const { contexts: available, files } = kubeconfigContexts(target);
  if (available.length === 0) throw new ClusterError('no-kubeconfig', `the kubeconfig ${files.join(', ')} has no contexts`);
  const contexts = selectContexts(available, options.contexts);
  options.onStart?.(contexts);
  let finished = 0;
  return mapLimited(contexts, options.concurrency, async (context) => {
    const started = Date.now();
    // The same files for every cluster, whatever KUBECONFIG says by then.
    const row = await readOne(context, { ...options, kubeconfig: files });
    finished++;
    options.onCluster?.(row, finished, contexts.length, Date.now() - started);
    return row;
  });
}

/** One cluster with its own deadline. Rejects only when the whole fleet is cancelled. */
async function readOne(context: string, options: FleetReadOptions & { readonly kubeconfig: readonly string[] }): Promise<FleetCluster> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.clusterTimeoutMs);
  const onCancel = () => controller.abort();
  if (options.signal?.aborted) controller.abort();
  options.signal?.addEventListener('abort', onCancel, { once: true });
  try {
    const { diagnosis, outcome } = await checkContext({
      kubeconfig: options.kubeconfig,
      context,
      ...(options.env ? { env: options.env } : {}),
      finish: options.finish,
      ...(options.namespaces ? { namespaces: options.namespaces } : {}),
      // One request may not outlive the cluster's deadline.
      timeoutMs: Math.min(options.timeoutMs, options.clusterTimeoutMs),
      kubeletProbe: options.kubeletProbe,
      signal: controller.signal,
    });
    if (outcome.configzForbidden > 0) options.onConfigzForbidden?.(context, outcome.configzForbidden);
    // Only the report is kept: the anatomy and the scanner's facts go with the diagnosis.
    return { context, verdict: diagnosis.report.verdict, report: diagnosis.report };
  } catch (error) {
    if (options.signal?.aborted) throw new ClusterError('cancelled', 'cancelled');
    return fleetErrorRow(context, error, {
      surface: options.surface, timedOut, timeoutSeconds: Math.round(options.clusterTimeoutMs / 1000), timeoutSetting: options.timeoutSetting,
    });
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCancel);
  }
}
