// Globals of the page: mermaid's classic browser build (`dist/webview/mermaid.min.js`, loaded by
// mermaidLoader.ts and never bundled again) and VS Code's `acquireVsCodeApi`.

import type { Mermaid } from 'mermaid';
import type { VsCodeApi } from './host';

declare global {
  var mermaid: Mermaid | undefined;
  function acquireVsCodeApi(): VsCodeApi;
}
