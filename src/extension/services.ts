// The one context object activate() builds and every command receives: the log, the Config, the
// status bar, and lazy getters for the heavy parts — the session (cluster reader, client-node),
// the panel, the workspace scanner and the report view — which load on first use.

import * as vscode from 'vscode';
import type { Config } from './config/config';
import type { Log } from './log';
import type { Session } from './session/session';
import type { PanelManager } from './panel/panelHost';
import type { WorkspaceDiagnostics } from './workspace/workspaceDiagnostics';
import type { ReportView } from './readiness/reportView';
import type { StatusBar } from './statusBar/statusBar';
import type { FleetView } from './fleet/fleetView';
import type { FleetVerdicts } from './fleet/fleetVerdicts';

/**
 * One heavy part, loaded on first use: `get()` imports its module and builds it once (later calls
 * share the promise), `started` is set once it is built (the hover and the content provider only
 * peek, never load), and what it builds is disposed with the Services (after anything `onStarted`
 * subscribed, which is disposed first).
 */
class Lazy<T extends vscode.Disposable> {
  private promise: Promise<T> | null = null;
  started: T | null = null;

  constructor(
    private readonly load: () => Promise<T>,
    private readonly disposables: vscode.Disposable[],
    private readonly onStarted?: (value: T) => void,
  ) {}

  get(): Promise<T> {
    this.promise ??= this.load().then((value) => {
      this.started = value;
      this.disposables.push(value);
      this.onStarted?.(value);
      return value;
    });
    return this.promise;
  }
}

export class Services implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly lazySession = new Lazy(
    () => import('./session/session').then(({ Session }) => new Session({ log: this.log, config: this.config, state: this.extension.workspaceState })),
    this.disposables,
    (session) => {
      this.disposables.push(session.onDidChange((snapshot) => this.statusBar.update(snapshot)));
      this.statusBar.update(session.snapshot);
    },
  );
  private readonly lazyPanels = new Lazy(() => import('./panel/panelHost').then(({ PanelManager }) => new PanelManager({
    log: this.log,
    extensionUri: this.extension.extensionUri,
    session: () => this.session(),
    openExternal: (uri) => this.openExternal(uri),
    keepHistory: this.testing,
  })), this.disposables);
  private readonly lazyWorkspace = new Lazy(() => import('./workspace/workspaceDiagnostics').then(({ WorkspaceDiagnostics }) => new WorkspaceDiagnostics({ log: this.log, config: this.config })), this.disposables);
  private readonly lazyReport = new Lazy(() => import('./readiness/reportView').then(({ ReportView }) => new ReportView(this.extension.extensionUri)), this.disposables);
  private readonly lazyFleetView = new Lazy(() => import('./fleet/fleetView').then(({ FleetView }) => new FleetView(this.extension.extensionUri)), this.disposables);
  private fleetVerdictsValue: Promise<FleetVerdicts> | null = null;
  /** Opens documentation links; the extension-host tests replace it to observe calls. */
  openExternal: (uri: vscode.Uri) => Thenable<boolean> = (uri) => vscode.env.openExternal(uri);

  constructor(
    readonly extension: vscode.ExtensionContext,
    readonly log: Log,
    readonly config: Config,
    readonly statusBar: StatusBar,
    /** The testing API is on (development, tests): the panel keeps what it posted for inspection. */
    readonly testing = false,
  ) {}

  /** Set once the session module has loaded; the hover and the content provider only peek. */
  get startedSession(): Session | null {
    return this.lazySession.started;
  }

  get startedPanels(): PanelManager | null {
    return this.lazyPanels.started;
  }

  get startedWorkspace(): WorkspaceDiagnostics | null {
    return this.lazyWorkspace.started;
  }

  get startedReport(): ReportView | null {
    return this.lazyReport.started;
  }

  get startedFleetView(): FleetView | null {
    return this.lazyFleetView.started;
  }

  fleetView(): Promise<FleetView> {
    return this.lazyFleetView.get();
  }

  /** Each context's last known fleet verdict (workspaceState); Switch Context shows them. */
  fleetVerdicts(): Promise<FleetVerdicts> {
    this.fleetVerdictsValue ??= import('./fleet/fleetVerdicts').then(({ FleetVerdicts }) => new FleetVerdicts(this.extension.workspaceState));
    return this.fleetVerdictsValue;
  }

  session(): Promise<Session> {
    return this.lazySession.get();
  }

  panels(): Promise<PanelManager> {
    return this.lazyPanels.get();
  }

  workspace(): Promise<WorkspaceDiagnostics> {
    return this.lazyWorkspace.get();
  }

  reportView(): Promise<ReportView> {
    return this.lazyReport.get();
  }

  dispose(): void {
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
  }
}
