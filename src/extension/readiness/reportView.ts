// The read-only "Dockershim readiness" view: a webview without scripts that shows reportHtml.
// Its only active elements are command links, allow-listed by id (REPORT_COMMANDS); the handlers
// of those commands validate their arguments against the last report again.

import * as vscode from 'vscode';
import { REPORT_VIEW_TYPE } from '../constants';
import { createNonce } from '../../core/render/page';
import { REPORT_COMMANDS, reportHtml, type ReportPageInput } from './reportHtml';

export class ReportView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | null = null;

  constructor(private readonly extensionUri: vscode.Uri) {}

  get isOpen(): boolean {
    return this.panel !== null;
  }

  /** The HTML last shown (for the tests). */
  get html(): string | null {
    return this.panel?.webview.html ?? null;
  }

  show(input: Omit<ReportPageInput, 'nonce'>): void {
    const html = reportHtml({ ...input, nonce: createNonce() });
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, 'Dockershim readiness', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, {
        enableScripts: false,
        enableCommandUris: REPORT_COMMANDS,
        localResourceRoots: [],
        enableFindWidget: true,
      });
      this.panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.png');
      this.panel.onDidDispose(() => {
        this.panel = null;
      });
    } else {
      this.panel.reveal(undefined, false);
    }
    this.panel.webview.html = html;
  }

  dispose(): void {
    this.panel?.dispose();
    this.panel = null;
  }
}
