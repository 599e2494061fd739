// Globals the host page provides: mermaid's classic browser build (`dist/webview/mermaid.min.js`,
// loaded before main.js and never bundled again) and VS Code's `acquireVsCodeApi`.

import type { Mermaid } from 'mermaid';
import type { VsCodeApi } from './host';

declare global {
  var mermaid: Mermaid | undefined;
  function acquireVsCodeApi(): VsCodeApi;
}
