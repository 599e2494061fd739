// The read-only readiness view ("Dockershim readiness", "Upgrade readiness for Kubernetes X.Y"): a webview without scripts that shows reportHtml.
// Its only active elements are command links, allow-listed by id (REPORT_COMMANDS); the handlers
// of those commands validate their arguments against the last report again.

import * as vscode from 'vscode';
import { REPORT_VIEW_TYPE } from '../constants';
import { createNonce } from '../../core/render/page';
import type { ReadinessReport } from '../../core/model';
import { REPORT_COMMANDS, reportHtml, pageTitle, type ReportPageInput } from './reportHtml';
import { StaticPage } from './staticPage';

export class ReportView implements vscode.Disposable {
  private readonly page: StaticPage;
  private shown: ReadinessReport | null = null;
  private basis: unknown = null;

  constructor(extensionUri: vscode.Uri) {
    this.page = new StaticPage(REPORT_VIEW_TYPE, REPORT_COMMANDS, vscode.Uri.joinPath(extensionUri, 'media', 'icon.png'), vscode.ViewColumn.Beside, () => {
      this.shown = null;
      this.basis = null;
    });
  }

  get isOpen(): boolean {
    return this.page.isOpen;
  }

  /** The HTML last shown (for the tests). */
  get html(): string | null {
    return this.page.html;
  }

  /** The title shown (for the tests). */
  get title(): string | null {
    return this.page.title;
  }

  /**
   * The report the open view shows, when it was judged from `current` (the session's diagnosis:
   * Export Readiness Report exports the view's report only while it is of what the session shows).
   */
  reportFor(current: unknown): ReadinessReport | null {
    return this.page.isOpen && current !== null && this.basis === current ? this.shown : null;
  }

  /** `basis`: the session's diagnosis of the read the report was judged from. */
  show(input: Omit<ReportPageInput, 'nonce'>, basis: unknown = null): void {
    this.basis = basis;
    this.shown = input.cluster.kind === 'report' ? input.cluster.report : null;
    this.page.show(pageTitle(input), reportHtml({ ...input, nonce: createNonce() }));
  }

  dispose(): void {
    this.page.dispose();
  }
}
