// The read-only readiness view ("Dockershim readiness", "Upgrade readiness for Kubernetes X.Y"): a webview without scripts that shows reportHtml.
// Its only active elements are command links, allow-listed by id (REPORT_COMMANDS); the handlers
// of those commands validate their arguments against the last report again.

import * as vscode from 'vscode';
import { REPORT_VIEW_TYPE } from '../constants';
import { createNonce } from '../../core/render/page';
import type { ReadinessReport } from '../../core/model';
import { REPORT_COMMANDS, reportHtml, pageTitle, type ReportPageInput } from './reportHtml';

export class ReportView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | null = null;
  private shown: ReadinessReport | null = null;
  private basis: unknown = null;

  constructor(private readonly extensionUri: vscode.Uri) {}

  get isOpen(): boolean {
    return this.panel !== null;
  }

  /** The HTML last shown (for the tests). */
  get html(): string | null {
    return this.panel?.webview.html ?? null;
  }

  /** The title shown (for the tests). */
  get title(): string | null {
    return this.panel?.title ?? null;
  }

  /**
   * The report the open view shows, when it was judged from `current` (the session's diagnosis:
   * Export Readiness Report exports the view's report only while it is of what the session shows).
   */
  reportFor(current: unknown): ReadinessReport | null {
    return this.panel && current !== null && this.basis === current ? this.shown : null;
  }

  /** `basis`: the session's diagnosis of the read the report was judged from. */
  show(input: Omit<ReportPageInput, 'nonce'>, basis: unknown = null): void {
    this.basis = basis;
    const html = reportHtml({ ...input, nonce: createNonce() });
    const title = pageTitle(input);
    this.shown = input.cluster.kind === 'report' ? input.cluster.report : null;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, {
        enableScripts: false,
        enableCommandUris: REPORT_COMMANDS,
        localResourceRoots: [],
        enableFindWidget: true,
      });
      this.panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.png');
      this.panel.onDidDispose(() => {
        this.panel = null;
        this.shown = null;
        this.basis = null;
      });
    } else {
      this.panel.title = title;
      this.panel.reveal(undefined, false);
    }
    this.panel.webview.html = html;
  }

  dispose(): void {
    this.panel?.dispose();
    this.panel = null;
  }
}
