// The one thing the panel, the readiness check, the exports, the hover's live line and the status
// bar look at: which source is shown (a kubeconfig context or a built-in sample), its last
// diagnosis, and the status of reading it. Loaded lazily (it pulls in the cluster reader and
// client-node) on the first command that needs a cluster; esbuild builds it as dist/session.js.
//
// Session is the coordinator: it runs one read at a time (a newer one abandons an older one) and
// keeps what the last read found. Its parts, each in this folder: the source choice
// (choiceStore.ts), the reader lifecycle (clusterReader.ts: one LiveCluster, whose watches keep
// nodes and control-plane pods current), the read-only object copies (objectYaml.ts) and the
// error-to-status mapping (status.ts).

import * as vscode from 'vscode';
import { diagnoseObjects, type Diagnosis } from '../../core/diagnose';
import type { DumpObject } from '../../core/dump';
import type { ObjectRef } from '../../core/model';
import type { PanelSource, PanelStatus, SampleChoice } from '../../protocol/messages';
import type { AlsoJudge } from '../../k8s/live';
import type { ScanProgress } from '../../k8s/reader';
import { listSamples, loadSample } from '../../k8s/samples';
import { readFleet } from '../../k8s/fleet';
import type { FleetCluster } from '../../core/fleet';
import { CONFIG_SECTION, SETTINGS } from '../constants';
import type { Config } from '../config/config';
import { describeError, type Log } from '../log';
import { describeChoice, type SourceChoice } from '../source/sourceChoice';
import { SourceChoiceStore } from './choiceStore';
import { ClusterReader } from './clusterReader';
import { objectYaml, reportKnows } from './objectYaml';
import { failureOf, type LoadOutcome } from './status';

export type { LoadOutcome } from './status';

/** One request of a fleet check may take at most this long (the cluster's own deadline caps it). */
const FLEET_REQUEST_TIMEOUT_MS = 30_000;

export interface SessionSnapshot {
  readonly choice: SourceChoice;
  readonly status: PanelStatus;
  /** The last diagnosis of the current choice, namespace filter applied (kept while a refresh runs or fails). */
  readonly diagnosis: Diagnosis | null;
  readonly source: PanelSource | null;
  /** When that diagnosis was made, and whether watches keep it current. */
  readonly updatedAt: Date | null;
  readonly live: boolean;
  /** True while the reader is running (a full scan), false once it settled. */
  readonly busy: boolean;
}

export interface SessionDeps {
  readonly log: Log;
  readonly config: Config;
  readonly state: vscode.Memento;
}

export interface LoadOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ScanProgress) => void;
  /**
   * Also judge the same read this way (for example the dockershim family alone, for the default
   * target): the outcome's `also`. What the session shows stays the full judgement.
   */
  readonly also?: AlsoJudge;
}

/** The target the session judges for, when one was chosen (the upgrade picker, the panel). */
export interface ChosenTarget {
  /** `X.Y`. */
  readonly minor: string;
  /** Why, for the report: "chosen in Check Upgrade Readiness". */
  readonly reason: string;
}

/** The local date, `YYYY-MM-DD` (containerd's end-of-life dates are compared with it). */
export function localDate(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const PROGRESS_STATUS_INTERVAL_MS = 200;

export class Session implements vscode.Disposable {
  private readonly choices: SourceChoiceStore;
  private readonly reader: ClusterReader;
  private sampleObjects: readonly DumpObject[] = [];
  private statusValue: PanelStatus = { kind: 'loading', message: 'Starting' };
  private diagnosisValue: Diagnosis | null = null;
  private sourceValue: PanelSource | null = null;
  private updatedAt: Date | null = null;
  private liveValue = false;
  private generation = 0;
  private current: AbortController | null = null;
  private inflight: Promise<LoadOutcome> | null = null;
  private loadedOnce = false;
  private lastProgressStatus = 0;
  private disposed = false;
  private chosen: ChosenTarget | null = null;
  private readonly progressListeners = new Set<(progress: ScanProgress) => void>();
  private readonly changed = new vscode.EventEmitter<SessionSnapshot>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly deps: SessionDeps) {
    this.choices = new SourceChoiceStore(deps.state);
    this.reader = new ClusterReader({
      log: deps.log,
      config: deps.config,
      onProgress: (progress) => this.progress(progress),
      onUpdate: (cluster, diagnosis) => {
        if (this.disposed || this.inflight) return;
        this.deps.log.debug(`watch update: ${diagnosis.stats.nodes} nodes`);
        this.apply(diagnosis, { kind: 'cluster', name: cluster.kubeconfig.context, server: cluster.kubeconfig.server }, true);
      },
      onWatchError: (error) => this.deps.log.warn(`watch (retrying with backoff): ${describeError(error)}`),
    });
  }

  get snapshot(): SessionSnapshot {
    return {
      choice: this.choices.current,
      status: this.statusValue,
      diagnosis: this.diagnosisValue,
      source: this.sourceValue,
      updatedAt: this.updatedAt,
      live: this.liveValue,
      busy: this.inflight !== null,
    };
  }

  get choice(): SourceChoice {
    return this.choices.current;
  }

  /**
   * The target chosen this session for the shown source (in memory only; another source drops
   * it), or null: the k8sAnatomy.targetVersion setting, else the default.
   */
  get chosenTarget(): ChosenTarget | null {
    return this.chosen;
  }

  /**
   * Judge for `target` from now on (null: back to the setting / the default). The caller has
   * validated it against `upgradeTargets`; the next load applies it. True when it changed.
   */
  chooseTarget(target: ChosenTarget | null): boolean {
    const changed = (this.chosen?.minor ?? null) !== (target?.minor ?? null);
    this.chosen = target;
    return changed;
  }

  /** The server version of what is shown, if anything was read. */
  get serverVersion(): string | null {
    return this.diagnosisValue?.report.cluster.serverVersion ?? null;
  }

  /** Start the first read if there was none (the panel's first `ready`). */
  ensureLoaded(): Promise<LoadOutcome> {
    if (this.inflight) return this.inflight;
    if (this.loadedOnce && this.diagnosisValue) return Promise.resolve({ kind: 'ok', diagnosis: this.diagnosisValue as Diagnosis, source: this.sourceValue as PanelSource });
    return this.load();
  }

  /** Read the current source now (a full scan; an earlier read still running is abandoned). */
  load(options: LoadOptions = {}): Promise<LoadOutcome> {
    if (this.disposed) return Promise.resolve({ kind: 'cancelled' });
    this.current?.abort();
    const abort = new AbortController();
    this.current = abort;
    const generation = ++this.generation;
    const { signal, onProgress } = options;
    if (signal) {
      if (signal.aborted) abort.abort();
      else signal.addEventListener('abort', () => abort.abort(), { once: true });
    }
    if (onProgress) this.progressListeners.add(onProgress);
    const run: Promise<LoadOutcome> = this.read(generation, abort.signal, options.also).finally(() => {
      if (onProgress) this.progressListeners.delete(onProgress);
      if (this.current === abort) this.current = null;
      if (this.inflight === run) {
        this.inflight = null;
        this.emit();
      }
    });
    this.inflight = run;
    return run;
  }

  /** Show a built-in sample (validated against the sample index). */
  async useSample(name: string, options: LoadOptions = {}): Promise<LoadOutcome> {
    if (!listSamples().some((s) => s.name === name)) {
      return { kind: 'failed', message: `There is no sample named "${name}".`, advice: 'Pick one from "K8s Anatomy: Open Sample Cluster".' };
    }
    await this.choose({ kind: 'sample', name });
    return this.load(options);
  }

  /**
   * Show a kubeconfig context (null: the configured one, else the kubeconfig's current context),
   * judged for `target` when given (a fleet check's target: the choice of a target survives the
   * change of source only this way).
   */
  async useContext(context: string | null, options: LoadOptions = {}, target?: ChosenTarget): Promise<LoadOutcome> {
    await this.choose({ kind: 'cluster', context });
    if (target) this.chosen = target;
    return this.load(options);
  }

  /** Settings that change what is read changed: drop the reader, read again if anything was shown. */
  reconnect(options: { readonly clearContextOverride: boolean }): void {
    this.reader.dispose();
    const choice = this.choices.current;
    if (options.clearContextOverride && choice.kind === 'cluster' && choice.context !== null) {
      void this.choose({ kind: 'cluster', context: null });
    }
    if (this.loadedOnce || this.inflight) void this.load();
  }

  /**
   * Check `contexts` (exact names) as a fleet, beside whatever the session shows (which it leaves
   * alone): each read once through src/k8s/fleet.ts with its own kubeconfig load, deadline and
   * error row; every family judged for `target` (null: each cluster's next minor). Rejects with
   * ClusterError `cancelled` on `signal`; `onCluster` has each row as it finishes.
   */
  checkFleet(contexts: readonly string[], target: string | null, options: {
    readonly signal: AbortSignal;
    readonly onCluster: (row: FleetCluster, finished: number, total: number) => void;
  }): Promise<FleetCluster[]> {
    const config = this.deps.config;
    return readFleet({
      ...(config.kubeconfig ? { kubeconfig: config.kubeconfig.paths } : {}),
      env: process.env,
      contexts,
      concurrency: config.fleetConcurrency,
      clusterTimeoutMs: config.fleetClusterTimeoutSeconds * 1000,
      timeoutMs: FLEET_REQUEST_TIMEOUT_MS,
      kubeletProbe: config.kubeletProbe,
      namespaces: config.namespaces,
      finish: { ...(target ? { target, targetReason: 'chosen in Check All Contexts' } : {}), today: localDate() },
      signal: options.signal,
      surface: 'editor',
      timeoutSetting: `the ${CONFIG_SECTION}.${SETTINGS.fleetClusterTimeoutSeconds} setting`,
      onCluster: (row, finished, total) => options.onCluster(row, finished, total),
    });
  }

  /** The kubeconfig's contexts (no network). Throws ClusterError. */
  contexts(): { readonly contexts: readonly string[]; readonly current: string; readonly shown: string | null } {
    const loaded = this.reader.kubeconfigFor(null, false);
    const choice = this.choices.current;
    const shown = choice.kind === 'cluster' ? choice.context ?? this.deps.config.context ?? loaded.context : null;
    return { contexts: loaded.contexts, current: loaded.context, shown };
  }

  /** Is this object part of the last diagnosis (a finding's subject or a node)? */
  knows(ref: ObjectRef): boolean {
    return reportKnows(this.diagnosisValue?.report, ref);
  }

  /** A read-only YAML copy of an object of the last diagnosis: from the sample, or one GET. */
  objectYaml(ref: ObjectRef, signal?: AbortSignal): Promise<string> {
    const choice = this.choices.current;
    return objectYaml(ref, {
      report: this.diagnosisValue?.report ?? null,
      source: this.sourceValue,
      sampleObjects: this.sampleObjects,
      kubeconfig: () => this.reader.current?.kubeconfig ?? this.reader.kubeconfigFor(choice.kind === 'cluster' ? choice.context : null, true),
    }, this.deps.log, signal);
  }

  /** Samples for the "no kubeconfig" state and the quick pick. */
  samples(): SampleChoice[] {
    try {
      return listSamples().map((s) => ({ name: s.name, title: s.title, description: s.description }));
    } catch (error) {
      this.deps.log.warn(`cannot list the built-in samples: ${describeError(error)}`);
      return [];
    }
  }

  dispose(): void {
    this.disposed = true;
    this.current?.abort();
    this.reader.dispose();
    this.changed.dispose();
  }

  // -------------------------------------------------------------------------------------------

  /** A different source drops the reader and what the old one showed at once (before any await). */
  private async choose(choice: SourceChoice): Promise<void> {
    const { changed, saved } = this.choices.set(choice);
    if (changed) {
      this.reader.dispose();
      this.chosen = null; // a target chosen for one cluster is not a choice for another
      this.diagnosisValue = null;
      this.sourceValue = null;
      this.sampleObjects = [];
    }
    await saved;
  }

  /**
   * The target and date every read judges with: the chosen target, else the setting, else core's
   * default. The date (which turns on `containerd-eol`, an info finding on every node of an old
   * containerd line) is passed once a target was chosen (Check Upgrade Readiness…, the panel's
   * selector): on a big cluster those per-node findings made the always-on live panel miss its 2 s
   * update goal, so the default view leaves them to the upgrade check and the CLI.
   */
  private judging(): { readonly target: string | null; readonly targetReason: string | null; readonly today: string | null } {
    if (this.chosen) return { target: this.chosen.minor, targetReason: this.chosen.reason, today: localDate() };
    const setting = this.deps.config.targetVersion;
    return { target: setting, targetReason: setting ? 'the k8sAnatomy.targetVersion setting' : null, today: null };
  }

  private async read(generation: number, signal: AbortSignal, alsoJudge: AlsoJudge | undefined): Promise<LoadOutcome> {
    const choice = this.choices.current;
    const judging = this.judging();
    this.setStatus({ kind: 'loading', message: `Reading ${describeChoice(choice)}` });
    try {
      let diagnosis: Diagnosis;
      let also: Diagnosis | undefined;
      let source: PanelSource;
      let live = false;
      if (choice.kind === 'sample') {
        this.reader.dispose();
        const loaded = await this.deps.log.timed(`load sample ${choice.name}`, () => loadSample(choice.name));
        const common = {
          requireNodesAndWorkloads: true, source: { kind: 'sample', name: choice.name } as const,
          ...(judging.today ? { today: judging.today } : {}), namespaces: this.deps.config.namespaces,
        };
        diagnosis = diagnoseObjects(loaded.objects, loaded.serverVersion, {
          ...common, ...(judging.target ? { target: judging.target, ...(judging.targetReason ? { targetReason: judging.targetReason } : {}) } : {}),
        });
        if (alsoJudge) also = diagnoseObjects(loaded.objects, loaded.serverVersion, { ...common, ...alsoJudge });
        if (generation === this.generation) this.sampleObjects = loaded.objects;
        source = { kind: 'sample', name: choice.name };
      } else {
        const cluster = this.reader.connect(choice.context, judging);
        const { context, server } = cluster.kubeconfig;
        this.setStatus({ kind: 'loading', message: `Reading context ${context}` });
        const judged = await this.deps.log.timed(`read cluster (context ${context}, server ${server})`, () => cluster.scanJudged(signal, alsoJudge ? [alsoJudge] : []));
        diagnosis = judged.diagnosis;
        also = judged.also[0];
        source = { kind: 'cluster', name: context, server };
        live = this.deps.config.watchEnabled;
      }
      if (generation !== this.generation) return (await this.newerRead()) ?? { kind: 'superseded' };
      this.apply(diagnosis, source, live);
      return { kind: 'ok', diagnosis, source, ...(also ? { also } : {}) };
    } catch (error) {
      if (generation !== this.generation) return (await this.newerRead()) ?? { kind: 'superseded' };
      return this.fail(error);
    }
  }

  /** When a read was abandoned for a newer one, callers get the newer one's outcome. */
  private newerRead(): Promise<LoadOutcome> | null {
    return this.inflight;
  }

  private progress(progress: ScanProgress): void {
    for (const listener of this.progressListeners) listener(progress);
    const now = Date.now();
    if (now - this.lastProgressStatus < PROGRESS_STATUS_INTERVAL_MS) return;
    this.lastProgressStatus = now;
    if (this.statusValue.kind === 'loading') {
      this.setStatus({ kind: 'loading', message: `Reading ${progress.current}`, pages: progress.pages, objects: progress.objects });
    }
  }

  /** A new diagnosis (the namespace filter is already the core's: FinishOptions.namespaces). */
  private apply(diagnosis: Diagnosis, source: PanelSource, live: boolean): void {
    this.diagnosisValue = diagnosis;
    this.sourceValue = source;
    this.updatedAt = new Date();
    this.liveValue = live;
    this.statusValue = { kind: 'ready' };
    this.loadedOnce = true;
    this.emit();
  }

  private fail(error: unknown): LoadOutcome {
    const live = this.reader.current;
    const failure = failureOf(error, {
      shown: this.diagnosisValue !== null,
      where: live ? { context: live.kubeconfig.context, server: live.kubeconfig.server } : null,
      samples: () => this.samples(),
    });
    if (failure.internal) this.deps.log.error(`${failure.outcome.kind === 'failed' ? failure.outcome.message : ''}${error instanceof Error && error.stack ? `\n${error.stack}` : ''}`);
    if (failure.settled) this.loadedOnce = true;
    this.setStatus(failure.status);
    return failure.outcome;
  }

  private setStatus(status: PanelStatus): void {
    this.statusValue = status;
    this.emit();
  }

  private emit(): void {
    if (!this.disposed) this.changed.fire(this.snapshot);
  }
}
