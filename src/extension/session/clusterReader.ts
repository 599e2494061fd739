// The reader lifecycle: at most one LiveCluster (src/k8s/live.ts) at a time, for the chosen
// context and the settings that change what is read (RECONNECT_SETTINGS). The same context and
// settings keep the reader (and its watches); anything else disposes it and starts another.

import type { Diagnosis } from '../../core/diagnose';
import type { NamespaceFilter } from '../../core/namespaces';
import type { ClusterError } from '../../k8s/errors';
import { loadKubeconfig, type LoadedKubeconfig } from '../../k8s/kubeconfig';
import { LiveCluster } from '../../k8s/live';
import type { ScanProgress } from '../../k8s/reader';
import { plural } from '../../core/render/text';
import type { Config } from '../config/config';
import type { Log } from '../log';

const SCAN_TIMEOUT_MS = 30_000;

export interface ClusterReaderDeps {
  readonly log: Log;
  readonly config: Config;
  readonly onProgress: (progress: ScanProgress) => void;
  /** A watch changed the picture of `cluster` (still the current reader). */
  readonly onUpdate: (cluster: LiveCluster, diagnosis: Diagnosis) => void;
  readonly onWatchError: (error: ClusterError) => void;
}

/** The target a reader judges for (null: the default target) and today's date (`YYYY-MM-DD`). */
export interface ReaderJudging {
  readonly target: string | null;
  readonly targetReason: string | null;
  readonly today: string | null;
}

/** What a reader was started for: a different value in any field needs a new reader. */
interface ReaderKey {
  readonly paths: readonly string[] | null;
  readonly context: string | null;
  readonly kubeletProbe: boolean;
  readonly target: string | null;
  readonly targetReason: string | null;
  readonly today: string | null;
  readonly watch: boolean;
  readonly namespaces: NamespaceFilter;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function sameKey(a: ReaderKey, b: ReaderKey): boolean {
  const samePaths = a.paths === null || b.paths === null ? a.paths === b.paths : sameList(a.paths, b.paths);
  return samePaths && a.context === b.context && a.kubeletProbe === b.kubeletProbe && a.target === b.target && a.targetReason === b.targetReason && a.today === b.today && a.watch === b.watch
    && sameList(a.namespaces.include, b.namespaces.include) && sameList(a.namespaces.exclude, b.namespaces.exclude);
}

export class ClusterReader {
  private live: LiveCluster | null = null;
  private key: ReaderKey | null = null;

  constructor(private readonly deps: ClusterReaderDeps) {}

  /** The running reader, if any. */
  get current(): LiveCluster | null {
    return this.live;
  }

  /**
   * The reader for `context` (null: the configured one) with today's settings, judging for
   * `judging.target` (null: the default target); reused when none of them changed.
   */
  connect(context: string | null, judging: ReaderJudging): LiveCluster {
    const config = this.deps.config;
    const kubeconfig = config.kubeconfig;
    const chosen = context ?? config.context;
    const key: ReaderKey = {
      paths: kubeconfig?.paths ?? null, context: chosen, kubeletProbe: config.kubeletProbe, target: judging.target, targetReason: judging.targetReason,
      today: judging.today, watch: config.watchEnabled, namespaces: config.namespaces,
    };
    if (this.live && this.key && sameKey(this.key, key)) return this.live;
    this.dispose();
    const loaded = this.kubeconfigFor(chosen, true);
    this.deps.log.info(`kubeconfig: context ${loaded.context}, server ${loaded.server}, from ${kubeconfig ? `${kubeconfig.from} setting` : 'KUBECONFIG or ~/.kube/config'} (${plural(loaded.files.length, 'file')})`);
    const cluster: LiveCluster = new LiveCluster(loaded, {
      timeoutMs: SCAN_TIMEOUT_MS,
      kubeletProbe: key.kubeletProbe,
      ...(key.target ? { target: key.target } : {}),
      ...(key.target && key.targetReason ? { targetReason: key.targetReason } : {}),
      ...(key.today ? { today: key.today } : {}),
      watch: key.watch,
      namespaces: key.namespaces,
      onProgress: (progress) => this.deps.onProgress(progress),
      onUpdate: (diagnosis) => {
        if (this.live === cluster) this.deps.onUpdate(cluster, diagnosis);
      },
      onWatchError: (error) => this.deps.onWatchError(error),
    });
    this.live = cluster;
    this.key = key;
    return cluster;
  }

  /**
   * The kubeconfig for `context`; with null, the configured context if `useConfiguredContext`,
   * else the kubeconfig's current one. No network. Throws ClusterError.
   */
  kubeconfigFor(context: string | null, useConfiguredContext: boolean): LoadedKubeconfig {
    const kubeconfig = this.deps.config.kubeconfig;
    const chosen = context ?? (useConfiguredContext ? this.deps.config.context : null);
    return loadKubeconfig({
      ...(kubeconfig ? { kubeconfig: kubeconfig.paths } : {}),
      ...(chosen ? { context: chosen } : {}),
      env: process.env,
    });
  }

  /** Stop the reader and its watches (a new one starts on the next connect). */
  dispose(): void {
    this.live?.dispose();
    this.live = null;
    this.key = null;
  }
}
