// One readiness check of one kubeconfig context, start to finish: load the kubeconfig for that
// context (a KubeConfig of its own, so its own exec credential plugin run), a transport, a full
// scan, the diagnosis. `k8s-anatomy check` (src/cli/run.ts `diagnose`) and the fleet reader
// (fleet.ts) both read a live cluster through this.

import { ClusterScanner, type Diagnosis, type FinishOptions } from '../core/diagnose';
import type { NamespaceFilter } from '../core/namespaces';
import { createTransport } from './http';
import { loadKubeconfig, type KubeconfigTarget, type LoadedKubeconfig } from './kubeconfig';
import { scanCluster, type ScanOutcome, type ScanProgress } from './reader';

export interface ContextCheckOptions extends KubeconfigTarget {
  /** How the report is judged (target, families, today); the source is set here. */
  readonly finish: Omit<FinishOptions, 'source' | 'namespaces'>;
  /** Whose workloads are judged; the scan lists only what it needs for it. */
  readonly namespaces?: NamespaceFilter;
  /** Per request: connecting, and each wait on the server. */
  readonly timeoutMs: number;
  readonly kubeletProbe: boolean;
  readonly signal?: AbortSignal;
  /** Called once the kubeconfig is loaded (the context's name and server), before any request. */
  readonly onLoaded?: (loaded: LoadedKubeconfig) => void;
  readonly onProgress?: (progress: ScanProgress) => void;
}

export interface ContextCheck {
  readonly diagnosis: Diagnosis;
  readonly outcome: ScanOutcome;
  readonly loaded: LoadedKubeconfig;
}

/** Throws ClusterError (no-kubeconfig, unreachable, unauthorized, timeout, cancelled…) and InvalidTargetError. */
export async function checkContext(options: ContextCheckOptions): Promise<ContextCheck> {
  const loaded = loadKubeconfig({
    ...(options.kubeconfig !== undefined ? { kubeconfig: options.kubeconfig } : {}),
    ...(options.context !== undefined ? { context: options.context } : {}),
    ...(options.env ? { env: options.env } : {}),
  });
  options.onLoaded?.(loaded);
  const transport = createTransport(loaded.kc);
  const scanner = new ClusterScanner();
  const outcome = await scanCluster(transport, scanner, {
    timeoutMs: options.timeoutMs,
    kubeletProbe: options.kubeletProbe,
    ...(options.namespaces ? { namespaces: options.namespaces } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  }).finally(() => transport.close());
  const diagnosis = scanner.finish({
    ...options.finish,
    ...(options.namespaces ? { namespaces: options.namespaces } : {}),
    source: { kind: 'cluster', context: loaded.context, server: loaded.server },
  });
  return { diagnosis, outcome, loaded };
}
