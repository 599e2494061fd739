// The K8s Anatomy panel, browser half. Bootstrap: load the UI components and the stylesheet,
// restore the UI state, build the page, say `ready` to the host, and route its messages. Then
// start loading mermaid (mermaidLoader.ts), so the host's first message does not wait for it.

import './panel.css';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import { HostChannel, parseHostMessage } from './host';
import { loadMermaid } from './mermaidLoader';
import { Panel } from './panel';
import { UiStateKeeper } from './state';

function start(): void {
  const root = document.getElementById('app');
  if (!root) return;
  const api = acquireVsCodeApi();
  const host = new HostChannel(api);
  const ui = new UiStateKeeper(api);
  const panel = new Panel(root, host, ui);

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = parseHostMessage(event.data);
    if (message) panel.receive(message);
  });
  // Persist the latest UI state before the webview is hidden or disposed.
  window.addEventListener('pagehide', () => ui.flush());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') ui.flush();
  });
  host.ready();
  void loadMermaid();
}

start();
