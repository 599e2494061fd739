// The host half of the K8s Anatomy panel. One panel at a time (view type k8sAnatomy.panel). The
// page is a static shell (html.ts); everything it shows arrives as HostToWebview messages after
// the webview says `ready` — again after every reload of the webview (it is not retained while
// hidden, and a WebviewPanelSerializer brings it back after a window reload). Every inbound
// message goes through parseWebviewMessage and the link/sample policy before anything happens.
//
// State: the session owns the data (a Diagnosis, re-read, never stored in the webview); this host
// turns it into the PanelModel when it posts it; the webview owns UI state only (selection, zoom,
// scroll, view) through its own getState/setState.

import * as vscode from 'vscode';
import { parseWebviewMessage, type HostToWebview, type PanelModel, type PanelSource, type WebviewToHost } from '../../protocol/messages';
import { COMMANDS, PANEL_VIEW_TYPE } from '../constants';
import type { Log } from '../log';
import { describeError } from '../log';
import type { Session, SessionSnapshot } from '../session/session';
import { createNonce } from '../../core/render/page';
import { panelHtml } from './html';
import { isAllowedLink, isKnownSample } from './linkPolicy';
import { ModelFlow } from './modelFlow';
import { buildPanelModel } from './panelModel';
import type { Diagnosis } from '../../core/diagnose';
import { upgradeTargets } from '../../core/rules/targets';

/** A diagnosis waiting to be shown, with what its model needs besides. */
interface Shown {
  readonly diagnosis: Diagnosis;
  readonly source: PanelSource;
  readonly live: boolean;
  readonly updatedAt: Date;
}

export interface PanelDeps {
  readonly log: Log;
  readonly extensionUri: vscode.Uri;
  readonly session: () => Promise<Session>;
  /** vscode.env.openExternal, replaceable by the tests. */
  readonly openExternal: (uri: vscode.Uri) => Thenable<boolean>;
  /** Keep the last posted messages for `PanelTestHandle.posted` (only with the testing API on). */
  readonly keepHistory?: boolean;
}

/** What the extension-host tests can see of the panel (exported through the extension's API). */
export interface PanelTestHandle {
  /** The VS Code panel (view type, options, webview options). */
  readonly panel: vscode.WebviewPanel;
  readonly isReady: boolean;
  readonly html: string;
  /** Every message posted to the webview, oldest first (the last 200; empty unless `keepHistory`). */
  readonly posted: readonly HostToWebview[];
  /** Handle `message` exactly as if the webview had sent it; resolves when it was handled. */
  receive(message: unknown): Promise<{ readonly accepted: boolean }>;
  /** Resolves with the next posted message that satisfies `predicate`. */
  nextPosted(predicate: (message: HostToWebview) => boolean, timeoutMs?: number): Promise<HostToWebview>;
}

const ROOT = ['dist', 'webview'] as const;
const MAX_POSTED = 200;
/** How long a posted model may stay unacknowledged before the next one is posted anyway. */
const SHOWN_TIMEOUT_MS = 10_000;

export class AnatomyPanel implements vscode.Disposable, PanelTestHandle {
  private ready = false;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly postedMessages: HostToWebview[] = [];
  private readonly postedEmitter = new vscode.EventEmitter<HostToWebview>();
  private subscription: vscode.Disposable | null = null;
  private disposed = false;
  private readonly closed = new vscode.EventEmitter<void>();
  readonly onDidClose = this.closed.event;

  constructor(readonly panel: vscode.WebviewPanel, private readonly deps: PanelDeps) {
    const webview = panel.webview;
    webview.options = webviewOptions(deps.extensionUri);
    webview.html = this.renderHtml();
    this.disposables.push(
      webview.onDidReceiveMessage((message: unknown) => {
        void this.receive(message);
      }),
      panel.onDidDispose(() => this.dispose()),
      this.postedEmitter,
      this.closed,
    );
  }

  get isReady(): boolean {
    return this.ready;
  }

  get html(): string {
    return this.panel.webview.html;
  }

  get posted(): readonly HostToWebview[] {
    return this.postedMessages;
  }

  reveal(): void {
    this.panel.reveal(undefined, false);
  }

  async receive(raw: unknown): Promise<{ accepted: boolean }> {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.deps.log.warn(`panel: ignored a message that is not part of the protocol (${describeShape(raw)})`);
      return { accepted: false };
    }
    try {
      await this.handle(message);
    } catch (error) {
      this.deps.log.warn(`panel: ${message.type} failed: ${describeError(error)}`);
      if ('id' in message) this.post({ type: 'reply', id: message.id, ok: false, error: describeError(error) });
    }
    return { accepted: true };
  }

  nextPosted(predicate: (message: HostToWebview) => boolean, timeoutMs = 10_000): Promise<HostToWebview> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        listener.dispose();
        reject(new Error(`no matching message posted within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = this.postedEmitter.event((message) => {
        if (!predicate(message)) return;
        clearTimeout(timer);
        listener.dispose();
        resolve(message);
      });
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.subscription?.dispose();
    this.models.dispose();
    this.closed.fire();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }

  // -------------------------------------------------------------------------------------------

  private renderHtml(): string {
    const webview = this.panel.webview;
    const file = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.deps.extensionUri, ...ROOT, name)).toString();
    return panelHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      mainJs: file('main.js'),
      mainCss: file('main.css'),
    });
  }

  private async handle(message: WebviewToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        await this.onReady();
        return;
      case 'selected':
        return; // UI state: the webview keeps it.
      case 'shown':
        this.models.shown(message.seq);
        return;
      case 'refresh': {
        const session = await this.deps.session();
        const outcome = await session.load();
        this.reply(message.id, outcome.kind === 'ok' || outcome.kind === 'superseded', outcome.kind === 'failed' ? outcome.message : undefined);
        return;
      }
      case 'openSample': {
        const session = await this.deps.session();
        if (!isKnownSample(message.name, session.samples())) {
          this.deps.log.warn('panel: refused openSample for a name that is not a built-in sample');
          this.reply(message.id, false, 'unknown sample');
          return;
        }
        const outcome = await session.useSample(message.name);
        this.reply(message.id, outcome.kind === 'ok', outcome.kind === 'failed' ? outcome.message : undefined);
        return;
      }
      case 'openLink': {
        if (!isAllowedLink(message.url)) {
          this.deps.log.warn('panel: refused to open a link that is not one of K8s Anatomy\'s documentation links');
          this.reply(message.id, false, 'not a documentation link');
          return;
        }
        const opened = await this.deps.openExternal(vscode.Uri.parse(message.url, true));
        this.reply(message.id, opened);
        return;
      }
      case 'pickSample':
        await this.runCommand(message.id, COMMANDS.openSample);
        return;
      case 'switchContext':
        await this.runCommand(message.id, COMMANDS.switchContext);
        return;
      case 'checkReadiness':
        await this.runCommand(message.id, COMMANDS.checkReadiness);
        return;
      case 'setTarget': {
        // Untrusted: only a target core offers for the shown server is taken.
        const session = await this.deps.session();
        const target = upgradeTargets(session.serverVersion).find((t) => t.minor === message.target);
        if (!target) {
          this.deps.log.warn('panel: refused a target that is not one of the upgrade targets');
          this.reply(message.id, false, 'not an upgrade target for this cluster');
          return;
        }
        session.chooseTarget({ minor: target.minor, reason: target.preselected ? `next minor after the server's ${session.serverVersion ?? 'version'}, chosen in the panel` : 'chosen in the panel' });
        const outcome = await session.load();
        this.reply(message.id, outcome.kind === 'ok' || outcome.kind === 'superseded', outcome.kind === 'failed' ? outcome.message : undefined);
        return;
      }
      case 'export':
        await this.runCommand(message.id, message.what === 'topology' ? COMMANDS.exportTopology : COMMANDS.exportReport);
        return;
      case 'svg':
        this.svgRequests.get(message.id)?.(message.svg);
        this.svgRequests.delete(message.id);
        return;
    }
  }

  private readonly svgRequests = new Map<number, (svg: string | null) => void>();
  private nextSvgRequest = 1;

  /** The drawing as the webview shows it (Export Topology → SVG); null if none or no answer in time. */
  requestSvg(timeoutMs = 5000): Promise<string | null> {
    if (!this.ready || this.disposed) return Promise.resolve(null);
    const id = this.nextSvgRequest++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.svgRequests.delete(id);
        resolve(null);
      }, timeoutMs);
      this.svgRequests.set(id, (svg) => {
        clearTimeout(timer);
        resolve(svg);
      });
      this.post({ type: 'exportSvg', id });
    });
  }

  /** The webview (re)started: send what there is, follow the session, read if nothing was read. */
  private async onReady(): Promise<void> {
    this.ready = true;
    this.models.reset(); // a new page: nothing of the old one is in flight
    const session = await this.deps.session();
    if (this.disposed) return;
    this.subscription ??= session.onDidChange((snapshot) => this.show(snapshot));
    this.show(session.snapshot, true);
    void session.ensureLoaded();
  }

  private lastDiagnosis: Diagnosis | null = null;
  /**
   * One model in flight at a time, the newest next (see modelFlow.ts). What waits is the
   * diagnosis; its PanelModel is built when it is posted, so a diagnosis overtaken by a newer one
   * is never built, and nothing is built while no panel is open.
   */
  private readonly models = new ModelFlow<Shown>((seq, shown) => this.post({ type: 'model', seq, model: this.modelOf(shown) }), SHOWN_TIMEOUT_MS);
  private built: { readonly diagnosis: Diagnosis; readonly model: PanelModel } | null = null;

  private show(snapshot: SessionSnapshot, force = false): void {
    if (!this.ready) return;
    this.post({ type: 'status', status: snapshot.status });
    const { diagnosis, source } = snapshot;
    if (diagnosis && source && (force || diagnosis !== this.lastDiagnosis)) {
      this.lastDiagnosis = diagnosis;
      this.models.offer({ diagnosis, source, live: snapshot.live, updatedAt: snapshot.updatedAt ?? new Date() });
    }
  }

  /** The PanelModel of a diagnosis: built once (the same version when a reloaded page asks again). */
  private modelOf(shown: Shown): PanelModel {
    if (this.built?.diagnosis === shown.diagnosis) return this.built.model;
    const model = buildPanelModel(shown.diagnosis, shown.source, { live: shown.live, updatedAt: shown.updatedAt });
    this.built = { diagnosis: shown.diagnosis, model };
    return model;
  }

  private async runCommand(id: number, command: string): Promise<void> {
    // Commands show their own UI; the reply only says the request was taken.
    this.reply(id, true);
    await vscode.commands.executeCommand(command);
  }

  private reply(id: number, ok: boolean, error?: string): void {
    this.post({ type: 'reply', id, ok, ...(error !== undefined ? { error } : {}) });
  }

  private post(message: HostToWebview): void {
    if (this.disposed) return;
    if (this.deps.keepHistory) {
      this.postedMessages.push(message);
      if (this.postedMessages.length > MAX_POSTED) this.postedMessages.shift();
    }
    this.postedEmitter.fire(message);
    void this.panel.webview.postMessage(message);
  }
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, ...ROOT)],
  };
}

/** Opens, reveals and restores the one panel. */
export class PanelManager implements vscode.Disposable {
  private panel: AnatomyPanel | null = null;

  constructor(private readonly deps: PanelDeps) {}

  get current(): AnatomyPanel | null {
    return this.panel;
  }

  open(): AnatomyPanel {
    if (this.panel) {
      this.panel.reveal();
      return this.panel;
    }
    const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, 'K8s Anatomy', vscode.ViewColumn.Active, {
      ...webviewOptions(this.deps.extensionUri),
      retainContextWhenHidden: false,
      enableFindWidget: true,
    });
    return this.adopt(panel);
  }

  /** A panel VS Code restored after a reload (UI state is the webview's; data is read again). */
  restore(panel: vscode.WebviewPanel): AnatomyPanel {
    this.panel?.dispose();
    return this.adopt(panel);
  }

  dispose(): void {
    this.panel?.dispose();
    this.panel = null;
  }

  private adopt(webviewPanel: vscode.WebviewPanel): AnatomyPanel {
    webviewPanel.iconPath = vscode.Uri.joinPath(this.deps.extensionUri, 'media', 'icon.png');
    const panel = new AnatomyPanel(webviewPanel, this.deps);
    this.panel = panel;
    panel.onDidClose(() => {
      if (this.panel === panel) this.panel = null;
    });
    this.deps.log.info('panel opened');
    return panel;
  }
}

function describeShape(raw: unknown): string {
  if (typeof raw !== 'object' || raw === null) return typeof raw;
  const type = (raw as Record<string, unknown>)['type'];
  return typeof type === 'string' && /^[A-Za-z]{1,32}$/.test(type) ? `type "${type}"` : 'no known type';
}
