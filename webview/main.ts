// The K8s Anatomy panel, browser half. Bootstrap: load the UI components and the stylesheet,
// restore the UI state, build the page, say `ready` to the host, and route its messages. Mermaid
// (mermaidLoader.ts) loads after the host's first answer, so that answer does not wait for it.

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

  let answered = false;
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = parseHostMessage(event.data);
    if (message) panel.receive(message);
    // Evaluating mermaid takes the main thread for ~100 ms: start it once the host's first
    // answer is shown, not while that answer is on its way (a model draws it at once anyway).
    if (!answered) {
      answered = true;
      setTimeout(() => void loadMermaid().then(() => panel.warmUpDiagram()), 0);
    }
  });
  // Persist the latest UI state before the webview is hidden or disposed.
  window.addEventListener('pagehide', () => ui.flush());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') ui.flush();
  });
  host.ready();
}

start();
