// The read-only fleet report view ("Check All Contexts…"): a webview without scripts that shows
// fleetHtml. Its only active elements are command links, allow-listed by id (FLEET_COMMANDS);
// their handlers look the context up in the report this view shows.

import * as vscode from 'vscode';
import type { FleetCluster, FleetReport } from '../../core/fleet';
import { fleetTitle } from '../../core/render/fleet';
import { createNonce } from '../../core/render/page';
import { FLEET_VIEW_TYPE } from '../constants';
import { StaticPage } from '../readiness/staticPage';
import { FLEET_COMMANDS, fleetHtml, type FleetPageInput } from './fleetHtml';

export class FleetView implements vscode.Disposable {
  private readonly page: StaticPage;
  private shown: FleetReport | null = null;

  constructor(extensionUri: vscode.Uri) {
    this.page = new StaticPage(FLEET_VIEW_TYPE, FLEET_COMMANDS, vscode.Uri.joinPath(extensionUri, 'media', 'icon.png'), vscode.ViewColumn.Active, () => {
      this.shown = null;
    });
  }

  /** The fleet report the open view shows (the exports and the link commands read it). */
  get fleet(): FleetReport | null {
    return this.page.isOpen ? this.shown : null;
  }

  /** The HTML last shown (for the tests). */
  get html(): string | null {
    return this.page.html;
  }

  /** One cluster of the shown report, by context name. */
  cluster(context: string): FleetCluster | undefined {
    return this.fleet?.clusters.find((c) => c.context === context);
  }

  show(input: Omit<FleetPageInput, 'nonce'>): void {
    this.shown = input.fleet;
    this.page.show(fleetTitle(input.fleet), fleetHtml({ ...input, nonce: createNonce() }));
  }

  dispose(): void {
    this.page.dispose();
  }
}
