// The read-only fleet report view ("Check All Contexts…"): a webview without scripts that shows
// fleetHtml. Its only active elements are command links, allow-listed by id (FLEET_COMMANDS);
// their handlers look the context up in the report this view shows.

import * as vscode from 'vscode';
import type { FleetCluster, FleetReport } from '../../core/fleet';
import { fleetTitle } from '../../core/render/fleet';
import { createNonce } from '../../core/render/page';
import { FLEET_VIEW_TYPE } from '../constants';
import { FLEET_COMMANDS, fleetHtml, type FleetPageInput } from './fleetHtml';

export class FleetView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | null = null;
  private shown: FleetReport | null = null;

  constructor(private readonly extensionUri: vscode.Uri) {}

  /** The fleet report the open view shows (the exports and the link commands read it). */
  get fleet(): FleetReport | null {
    return this.panel ? this.shown : null;
  }

  /** The HTML last shown (for the tests). */
  get html(): string | null {
    return this.panel?.webview.html ?? null;
  }

  /** One cluster of the shown report, by context name. */
  cluster(context: string): FleetCluster | undefined {
    return this.fleet?.clusters.find((c) => c.context === context);
  }

  show(input: Omit<FleetPageInput, 'nonce'>): void {
    const html = fleetHtml({ ...input, nonce: createNonce() });
    const title = fleetTitle(input.fleet);
    this.shown = input.fleet;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(FLEET_VIEW_TYPE, title, { viewColumn: vscode.ViewColumn.Active, preserveFocus: false }, {
        enableScripts: false,
        enableCommandUris: FLEET_COMMANDS,
        localResourceRoots: [],
        enableFindWidget: true,
      });
      this.panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.png');
      this.panel.onDidDispose(() => {
        this.panel = null;
        this.shown = null;
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
