// A script-free webview page, as the readiness report and the fleet report show: no scripts, no
// local resources, only command links to the given allow-listed ids. One panel per view, reused
// (its title and HTML replaced) until the user closes it.

import * as vscode from 'vscode';

export class StaticPage implements vscode.Disposable {
  private panel: vscode.WebviewPanel | null = null;

  constructor(
    private readonly viewType: string,
    private readonly commands: readonly string[],
    private readonly iconPath: vscode.Uri,
    private readonly column: vscode.ViewColumn,
    /** The user closed the page. */
    private readonly onClosed: () => void,
  ) {}

  get isOpen(): boolean {
    return this.panel !== null;
  }

  get html(): string | null {
    return this.panel?.webview.html ?? null;
  }

  get title(): string | null {
    return this.panel?.title ?? null;
  }

  /** Show `html` under `title`: in a new panel, or the open one brought to the front. */
  show(title: string, html: string): void {
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(this.viewType, title, { viewColumn: this.column, preserveFocus: false }, {
        enableScripts: false,
        enableCommandUris: [...this.commands],
        localResourceRoots: [],
        enableFindWidget: true,
      });
      this.panel.iconPath = this.iconPath;
      this.panel.onDidDispose(() => {
        this.panel = null;
        this.onClosed();
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
