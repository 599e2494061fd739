// Globals of the page: mermaid (`dist/webview/mermaid.min.js`, our build from mermaidBundle.ts, a
// classic script loaded by mermaidLoader.ts; main.js never bundles it) and VS Code's `acquireVsCodeApi`.

import type { Mermaid } from 'mermaid';
import type { VsCodeApi } from './host';

declare global {
  var mermaid: Mermaid | undefined;
  /** The ELK worker mermaidLoader.ts started, for the library's ELK (elkWorker.ts) to use. */
  var k8sAnatomyElkWorker: Promise<Worker> | undefined;
  function acquireVsCodeApi(): VsCodeApi;
}
