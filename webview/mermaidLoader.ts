// Mermaid (3.4 MiB) is loaded by the panel, not by the page before main.js: the panel says
// `ready` and shows the host's first answer (status, progress) first, and the library loads while
// the cluster is read; the diagram asks for it when it draws. It sits next to main.js in
// dist/webview (never bundled again), so its URL is derived from this module's own; the page's
// CSP allows scripts from there only. The script element is built here with a fixed URL: no
// cluster string comes near it.

import type { Mermaid } from 'mermaid';

let loading: Promise<Mermaid | null> | null = null;

/** The mermaid global, loading it on first call; null when the library could not be loaded. */
export function loadMermaid(): Promise<Mermaid | null> {
  loading ??= new Promise((resolve) => {
    if (globalThis.mermaid) {
      resolve(globalThis.mermaid);
      return;
    }
    const script = document.createElement('script');
    const nonce = document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce;
    if (nonce) script.nonce = nonce;
    script.async = true;
    script.addEventListener('load', () => resolve(globalThis.mermaid ?? null));
    script.addEventListener('error', () => resolve(null));
    script.src = new URL('mermaid.min.js', import.meta.url).href;
    document.head.appendChild(script);
  });
  return loading;
}
