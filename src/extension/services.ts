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

export class Services implements vscode.Disposable {
  private sessionPromise: Promise<Session> | null = null;
  private panelsPromise: Promise<PanelManager> | null = null;
  private workspacePromise: Promise<WorkspaceDiagnostics> | null = null;
  private reportPromise: Promise<ReportView> | null = null;
  private readonly disposables: vscode.Disposable[] = [];
  /** Set once the session module has loaded; the hover and the content provider only peek. */
  startedSession: Session | null = null;
  startedPanels: PanelManager | null = null;
  startedWorkspace: WorkspaceDiagnostics | null = null;
  startedReport: ReportView | null = null;
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

  session(): Promise<Session> {
    this.sessionPromise ??= import('./session/session').then(({ Session }) => {
      const session = new Session({ log: this.log, config: this.config, state: this.extension.workspaceState });
      this.startedSession = session;
      this.disposables.push(session, session.onDidChange((snapshot) => this.statusBar.update(snapshot)));
      this.statusBar.update(session.snapshot);
      return session;
    });
    return this.sessionPromise;
  }

  panels(): Promise<PanelManager> {
    this.panelsPromise ??= import('./panel/panelHost').then(({ PanelManager }) => {
      const panels = new PanelManager({
        log: this.log,
        extensionUri: this.extension.extensionUri,
        session: () => this.session(),
        openExternal: (uri) => this.openExternal(uri),
        keepHistory: this.testing,
      });
      this.startedPanels = panels;
      this.disposables.push(panels);
      return panels;
    });
    return this.panelsPromise;
  }

  workspace(): Promise<WorkspaceDiagnostics> {
    this.workspacePromise ??= import('./workspace/workspaceDiagnostics').then(({ WorkspaceDiagnostics }) => {
      const workspace = new WorkspaceDiagnostics({ log: this.log, config: this.config });
      this.startedWorkspace = workspace;
      this.disposables.push(workspace);
      return workspace;
    });
    return this.workspacePromise;
  }

  reportView(): Promise<ReportView> {
    this.reportPromise ??= import('./readiness/reportView').then(({ ReportView }) => {
      const view = new ReportView(this.extension.extensionUri);
      this.startedReport = view;
      this.disposables.push(view);
      return view;
    });
    return this.reportPromise;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
  }
}
