// The panel's HTML: the page shell (src/core/render/page.ts) with the CSP, the stylesheet and the
// webview app (a module script with the nonce; once it has said `ready` it loads mermaid.min.js
// from the same folder and starts ELK's worker from elk-worker.js there). No state and no cluster
// data in the page: everything arrives later as messages. Pure (URIs come in as strings), so the
// exact CSP is unit-tested.

import { buildCsp, checkNonce, nonceSource, pageShell } from '../../core/render/page';

export interface PanelHtmlInput {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  readonly nonce: string;
  /** Webview URIs (`webview.asWebviewUri`) of the built files under dist/webview. */
  readonly mainJs: string;
  readonly mainCss: string;
}

export function panelCsp(cspSource: string, nonce: string): string {
  // `webview.cspSource` can be a list: code-server gives "'self' https://*.vscode-cdn.net". Each
  // source is checked on its own by buildCsp (a `;` or a quote-breaking character is still refused).
  const origins = cspSource.trim().split(/[ \t]+/);
  return buildCsp([
    ['default-src', "'none'"],
    ['script-src', nonceSource(nonce), ...origins],
    ['style-src', ...origins, "'unsafe-inline'"],
    ['img-src', ...origins, 'data:'],
    ['font-src', ...origins, 'data:'],
    // ELK's worker: its script fetched from beside main.js and started from a blob: URL, the only
    // way VS Code webviews start workers (webview/mermaidLoader.ts).
    ['connect-src', ...origins],
    ['worker-src', 'blob:'],
  ]);
}

const ATTRIBUTE_UNSAFE = /["<>&\s]/;

export function panelHtml(input: PanelHtmlInput): string {
  for (const name of ['mainJs', 'mainCss'] as const) {
    // Both are ours (VS Code URIs); refuse rather than escape anything odd.
    const value: unknown = input[name];
    if (typeof value !== 'string' || value === '' || ATTRIBUTE_UNSAFE.test(value)) throw new Error(`panelHtml: unusable ${name}`);
  }
  const nonce = checkNonce(input.nonce, 'panelHtml');
  return pageShell({
    csp: panelCsp(input.cspSource, nonce),
    title: 'K8s Anatomy',
    head: `<link rel="stylesheet" href="${input.mainCss}">`,
    body: `<div id="app"></div>
<script type="module" nonce="${nonce}" src="${input.mainJs}"></script>`,
  });
}
