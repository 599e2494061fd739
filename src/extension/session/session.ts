// The one thing the panel, the readiness check, the exports, the hover's live line and the status
// bar look at: which source is shown (a kubeconfig context or a built-in sample), its last
// diagnosis, and the status of reading it. Loaded lazily (it pulls in the cluster reader and
// client-node) on the first command that needs a cluster.
//
// A cluster is read by one LiveCluster (src/k8s/live.ts): a full scan, then watches that keep
// nodes and control-plane pods current; each watch update becomes a new snapshot within the
// reader's debounce. Settings that change what is read (RECONNECT_SETTINGS) start a new reader.

import * as vscode from 'vscode';
import { stringify } from 'yaml';
import { diagnoseObjects, InvalidTargetError, type Diagnosis } from '../../core/diagnose';
import { DumpError, type DumpObject } from '../../core/dump';
import { meta } from '../../core/read';
import type { ObjectRef } from '../../core/model';
import type { PanelModel, PanelSource, PanelStatus, SampleChoice } from '../../protocol/messages';
import { ClusterError } from '../../k8s/errors';
import { loadKubeconfig, type LoadedKubeconfig } from '../../k8s/kubeconfig';
import { LiveCluster } from '../../k8s/live';
import { createTransport, statusError } from '../../k8s/http';
import type { ScanProgress } from '../../k8s/reader';
import { listSamples, loadSample, UnknownSampleError } from '../../k8s/samples';
import { STATE_KEYS } from '../constants';
import type { Config } from '../config/config';
import { describeError, type Log } from '../log';
import { filterReport } from '../readiness/namespaceFilter';
import { buildPanelModel } from '../panel/panelModel';
import { editorAdvice } from './advice';
import { apiPathOf, presentable } from '../../k8s/objectPaths';
import { DEFAULT_CHOICE, describeChoice, parseSourceChoice, type SourceChoice } from '../source/sourceChoice';

export type LoadOutcome =
  | { readonly kind: 'ok'; readonly diagnosis: Diagnosis; readonly source: PanelSource }
  | { readonly kind: 'no-kubeconfig'; readonly message: string }
  | { readonly kind: 'failed'; readonly message: string; readonly advice: string }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'superseded' };

export interface SessionSnapshot {
  readonly choice: SourceChoice;
  readonly status: PanelStatus;
  /** The last model drawn for the current choice (kept while a refresh runs or fails). */
  readonly model: PanelModel | null;
  /** The last diagnosis of the current choice, namespace filter applied. */
  readonly diagnosis: Diagnosis | null;
  readonly source: PanelSource | null;
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
}

const SCAN_TIMEOUT_MS = 30_000;
const OBJECT_TIMEOUT_MS = 15_000;
const PROGRESS_STATUS_INTERVAL_MS = 200;

export class Session implements vscode.Disposable {
  private choiceValue: SourceChoice;
  private live: LiveCluster | null = null;
  private liveKey = '';
  private sampleObjects: readonly DumpObject[] = [];
  private statusValue: PanelStatus = { kind: 'loading', message: 'Starting' };
  private diagnosisValue: Diagnosis | null = null;
  private modelValue: PanelModel | null = null;
  private sourceValue: PanelSource | null = null;
  private generation = 0;
  private current: AbortController | null = null;
  private inflight: Promise<LoadOutcome> | null = null;
  private loadedOnce = false;
  private lastProgressStatus = 0;
  private disposed = false;
  private readonly progressListeners = new Set<(progress: ScanProgress) => void>();
  private readonly changed = new vscode.EventEmitter<SessionSnapshot>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly deps: SessionDeps) {
    this.choiceValue = parseSourceChoice(deps.state.get(STATE_KEYS.source)) ?? DEFAULT_CHOICE;
  }

  get snapshot(): SessionSnapshot {
    return {
      choice: this.choiceValue,
      status: this.statusValue,
      model: this.modelValue,
      diagnosis: this.diagnosisValue,
      source: this.sourceValue,
      busy: this.inflight !== null,
    };
  }

  get choice(): SourceChoice {
    return this.choiceValue;
  }

  /** Start the first read if there was none (the panel's first `ready`). */
  ensureLoaded(): Promise<LoadOutcome> {
    if (this.inflight) return this.inflight;
    if (this.loadedOnce && this.modelValue) return Promise.resolve({ kind: 'ok', diagnosis: this.diagnosisValue as Diagnosis, source: this.sourceValue as PanelSource });
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
    const run: Promise<LoadOutcome> = this.read(generation, abort.signal).finally(() => {
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

  /** Show a kubeconfig context (null: the configured one, else the kubeconfig's current context). */
  async useContext(context: string | null, options: LoadOptions = {}): Promise<LoadOutcome> {
    await this.choose({ kind: 'cluster', context });
    return this.load(options);
  }

  /** Settings that change what is read changed: drop the reader, read again if anything was shown. */
  reconnect(options: { readonly clearContextOverride: boolean }): void {
    this.disposeLive();
    if (options.clearContextOverride && this.choiceValue.kind === 'cluster' && this.choiceValue.context !== null) {
      void this.choose({ kind: 'cluster', context: null });
    }
    if (this.loadedOnce || this.inflight) void this.load();
  }

  /** The kubeconfig's contexts (no network). Throws ClusterError. */
  contexts(): { readonly contexts: readonly string[]; readonly current: string; readonly shown: string | null } {
    const loaded = this.loadKubeconfigFor(null, false);
    const shown = this.choiceValue.kind === 'cluster' ? this.choiceValue.context ?? this.deps.config.context ?? loaded.context : null;
    return { contexts: loaded.contexts, current: loaded.context, shown };
  }

  /** Is this object part of the last diagnosis (a finding's subject or a node)? */
  knows(ref: ObjectRef): boolean {
    const report = this.diagnosisValue?.report;
    if (!report) return false;
    if (ref.kind === 'Node' && ref.namespace === '') return report.nodes.some((n) => n.name === ref.name);
    return report.findings.some((f) => f.subject.kind === ref.kind && f.subject.namespace === ref.namespace && f.subject.name === ref.name);
  }

  /** A read-only YAML copy of an object of the last diagnosis: from the sample, or one GET. */
  async objectYaml(ref: ObjectRef, signal?: AbortSignal): Promise<string> {
    const label = `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
    if (!this.knows(ref)) throw new Error(`${label} is not part of the last readiness check`);
    const source = this.sourceValue;
    if (source?.kind === 'sample') {
      const found = this.sampleObjects.find((o) => o.object['kind'] === ref.kind && meta(o.object).namespace === ref.namespace && meta(o.object).name === ref.name);
      if (!found) throw new Error(`${label} is not in sample ${source.name} as an object of its own (its finding comes from the pods it owns)`);
      return `# ${label} from the built-in sample "${source.name}" (read-only).\n${stringify(presentable(found.object))}`;
    }
    const path = apiPathOf(ref);
    if (!path) throw new Error(`K8s Anatomy does not know where the API serves ${ref.kind} objects`);
    const kubeconfig = this.live?.kubeconfig ?? this.loadKubeconfigFor(this.choiceValue.kind === 'cluster' ? this.choiceValue.context : null, true);
    const transport = createTransport(kubeconfig.kc);
    const response = await this.deps.log.timed(`GET ${label} (context ${kubeconfig.context})`, () => transport.get(path, {
      timeoutMs: OBJECT_TIMEOUT_MS, scope: label, retries: 1, ...(signal ? { signal } : {}),
    })).finally(() => transport.close());
    if (response.status !== 200) throw statusError(response, transport.server, label);
    let object: unknown;
    try {
      object = JSON.parse(response.body.toString('utf8'));
    } catch {
      throw new ClusterError('server-error', `${transport.server} sent something that is not JSON for ${label}`, label);
    }
    if (typeof object !== 'object' || object === null || Array.isArray(object)) throw new ClusterError('server-error', `${transport.server} sent something that is not an object for ${label}`, label);
    return `# ${label} as read from context "${kubeconfig.context}" at ${new Date().toISOString()} (read-only; K8s Anatomy never writes to the cluster).\n${stringify(presentable(object as Record<string, unknown>))}`;
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
    this.disposeLive();
    this.changed.dispose();
  }

  // -------------------------------------------------------------------------------------------

  private async choose(choice: SourceChoice): Promise<void> {
    const changed = JSON.stringify(choice) !== JSON.stringify(this.choiceValue);
    this.choiceValue = choice;
    if (changed) {
      this.disposeLive();
      this.modelValue = null;
      this.diagnosisValue = null;
      this.sourceValue = null;
      this.sampleObjects = [];
    }
    await this.deps.state.update(STATE_KEYS.source, choice);
  }

  private async read(generation: number, signal: AbortSignal): Promise<LoadOutcome> {
    const choice = this.choiceValue;
    const target = this.deps.config.targetVersion;
    this.setStatus({ kind: 'loading', message: `Reading ${describeChoice(choice)}` });
    try {
      let diagnosis: Diagnosis;
      let source: PanelSource;
      let live = false;
      if (choice.kind === 'sample') {
        this.disposeLive();
        const loaded = await this.deps.log.timed(`load sample ${choice.name}`, () => loadSample(choice.name));
        diagnosis = diagnoseObjects(loaded.objects, loaded.serverVersion, {
          requireNodesAndWorkloads: true, source: { kind: 'sample', name: choice.name }, ...(target ? { target } : {}),
        });
        if (generation === this.generation) this.sampleObjects = loaded.objects;
        source = { kind: 'sample', name: choice.name };
      } else {
        const cluster = this.connect(choice);
        const { context, server } = cluster.kubeconfig;
        this.setStatus({ kind: 'loading', message: `Reading context ${context}` });
        diagnosis = await this.deps.log.timed(`read cluster (context ${context}, server ${server})`, () => cluster.scan(signal));
        source = { kind: 'cluster', name: context, server };
        live = this.deps.config.watchEnabled;
      }
      if (generation !== this.generation) return (await this.newerRead()) ?? { kind: 'superseded' };
      const filtered = this.apply(diagnosis, source, live);
      return { kind: 'ok', diagnosis: filtered, source };
    } catch (error) {
      if (generation !== this.generation) return (await this.newerRead()) ?? { kind: 'superseded' };
      return this.fail(error);
    }
  }

  /** When a read was abandoned for a newer one, callers get the newer one's outcome. */
  private newerRead(): Promise<LoadOutcome> | null {
    return this.inflight;
  }

  private connect(choice: Extract<SourceChoice, { kind: 'cluster' }>): LiveCluster {
    const config = this.deps.config;
    const kubeconfig = config.kubeconfig;
    const context = choice.context ?? config.context;
    const options = { kubeletProbe: config.kubeletProbe, target: config.targetVersion, watch: config.watchEnabled };
    const key = JSON.stringify({ paths: kubeconfig?.paths ?? null, context, ...options });
    if (this.live && this.liveKey === key) return this.live;
    this.disposeLive();
    const loaded = this.loadKubeconfigFor(context, true);
    this.deps.log.info(`kubeconfig: context ${loaded.context}, server ${loaded.server}, from ${kubeconfig ? `${kubeconfig.from} setting` : 'KUBECONFIG or ~/.kube/config'} (${loaded.files.length} file${loaded.files.length === 1 ? '' : 's'})`);
    const cluster: LiveCluster = new LiveCluster(loaded, {
      timeoutMs: SCAN_TIMEOUT_MS,
      kubeletProbe: options.kubeletProbe,
      ...(options.target ? { target: options.target } : {}),
      watch: options.watch,
      onProgress: (progress) => this.progress(progress),
      onUpdate: (diagnosis) => {
        if (this.live !== cluster || this.disposed || this.inflight) return;
        this.deps.log.debug(`watch update: ${diagnosis.stats.nodes} nodes`);
        this.apply(diagnosis, { kind: 'cluster', name: loaded.context, server: loaded.server }, true);
      },
      onWatchError: (error) => this.deps.log.warn(`watch (retrying with backoff): ${describeError(error)}`),
    });
    this.live = cluster;
    this.liveKey = key;
    return cluster;
  }

  private loadKubeconfigFor(context: string | null, useConfiguredContext: boolean): LoadedKubeconfig {
    const kubeconfig = this.deps.config.kubeconfig;
    const chosen = context ?? (useConfiguredContext ? this.deps.config.context : null);
    return loadKubeconfig({
      ...(kubeconfig ? { kubeconfig: kubeconfig.paths } : {}),
      ...(chosen ? { context: chosen } : {}),
      env: process.env,
    });
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

  private apply(diagnosis: Diagnosis, source: PanelSource, live: boolean): Diagnosis {
    const filtered: Diagnosis = { ...diagnosis, report: filterReport(diagnosis.report, this.deps.config.namespaces) };
    this.diagnosisValue = filtered;
    this.sourceValue = source;
    this.modelValue = buildPanelModel(filtered, source, { live, updatedAt: new Date() });
    this.statusValue = { kind: 'ready' };
    this.loadedOnce = true;
    this.emit();
    return filtered;
  }

  private fail(error: unknown): LoadOutcome {
    if (error instanceof ClusterError) {
      if (error.kind === 'cancelled') {
        this.setStatus(this.modelValue
          ? { kind: 'ready' }
          : { kind: 'error', errorKind: 'cancelled', message: 'Reading the cluster was cancelled.', advice: 'Refresh to read it again.' });
        return { kind: 'cancelled' };
      }
      if (error.kind === 'no-kubeconfig') {
        this.loadedOnce = true;
        this.setStatus({ kind: 'no-kubeconfig', message: error.message, samples: this.samples() });
        return { kind: 'no-kubeconfig', message: error.message };
      }
      const advice = editorAdvice(error.kind);
      const where = this.live ? { context: this.live.kubeconfig.context, server: this.live.kubeconfig.server } : {};
      this.loadedOnce = true;
      this.setStatus({ kind: 'error', errorKind: error.kind, message: error.message, advice, ...where });
      return { kind: 'failed', message: error.message, advice };
    }
    const known = error instanceof InvalidTargetError || error instanceof UnknownSampleError || error instanceof DumpError;
    const message = known ? (error as Error).message : `Internal error: ${describeError(error)}`;
    const advice = error instanceof InvalidTargetError ? 'Fix the k8sAnatomy.targetVersion setting (for example 1.24).' : known ? 'Pick another sample or reinstall K8s Anatomy.' : 'Please report it, with the K8s Anatomy log (command "K8s Anatomy: Show Log").';
    if (!known) this.deps.log.error(`${message}${error instanceof Error && error.stack ? `\n${error.stack}` : ''}`);
    this.loadedOnce = true;
    this.setStatus({ kind: 'error', errorKind: known ? 'bad-input' : 'internal', message, advice });
    return { kind: 'failed', message, advice };
  }

  private setStatus(status: PanelStatus): void {
    this.statusValue = status;
    this.emit();
  }

  private emit(): void {
    if (!this.disposed) this.changed.fire(this.snapshot);
  }

  private disposeLive(): void {
    this.live?.dispose();
    this.live = null;
    this.liveKey = '';
  }
}
