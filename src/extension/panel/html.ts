// The panel's HTML: a shell with the CSP, the stylesheet and the webview app (a module script with
// the nonce; it loads mermaid.min.js from the same folder once it has said `ready`). No state
// and no cluster data in the page: everything arrives later as messages. Pure (URIs come in as
// strings), so the exact CSP is unit-tested.

import { randomBytes } from 'node:crypto';

export interface PanelHtmlInput {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  readonly nonce: string;
  /** Webview URIs (`webview.asWebviewUri`) of the built files under dist/webview. */
  readonly mainJs: string;
  readonly mainCss: string;
}

/** A fresh nonce per page: 16 random bytes, base64. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

export function panelCsp(cspSource: string, nonce: string): string {
  return `default-src 'none'; script-src 'nonce-${nonce}' ${cspSource}; style-src ${cspSource} 'unsafe-inline'; img-src ${cspSource} data:; font-src ${cspSource} data:;`;
}

const ATTRIBUTE_UNSAFE = /["<>&\s]/;

export function panelHtml(input: PanelHtmlInput): string {
  for (const [name, value] of Object.entries(input)) {
    // Every value is ours (VS Code URIs, the nonce); refuse rather than escape anything odd.
    if (typeof value !== 'string' || value === '' || (name !== 'cspSource' && ATTRIBUTE_UNSAFE.test(value))) {
      throw new Error(`panelHtml: unusable ${name}`);
    }
  }
  if (/["<>;]/.test(input.cspSource)) throw new Error('panelHtml: unusable cspSource');
  const { nonce } = input;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${panelCsp(input.cspSource, nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>K8s Anatomy</title>
<link rel="stylesheet" href="${input.mainCss}">
</head>
<body>
<div id="app"></div>
<script type="module" nonce="${nonce}" src="${input.mainJs}"></script>
</body>
</html>
`;
}
