// Mermaid (3.4 MiB, and its ELK layout, 2.2 MiB) is loaded by the panel, not by the page before main.js: the panel says
// `ready` and shows the host's first answer (status, progress) first, and the library loads while
// the cluster is read; the diagram asks for it when it draws. It sits next to main.js in
// dist/webview (never bundled again), so its URL is derived from this module's own; the page's
// CSP allows scripts from there only. The script element is built here with a fixed URL: no
// cluster string comes near it.

import type { Mermaid } from 'mermaid';

let loading: Promise<Mermaid | null> | null = null;

/** Load one classic script from beside this module; resolves false when it failed to load. */
function loadScript(file: string): Promise<boolean> {
  return new Promise((resolve) => {
    const script = document.createElement('script');
    const nonce = document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce;
    if (nonce) script.nonce = nonce;
    script.async = true;
    script.addEventListener('load', () => resolve(true));
    script.addEventListener('error', () => resolve(false));
    script.src = new URL(file, import.meta.url).href;
    document.head.appendChild(script);
  });
}

/**
 * The mermaid global, loading it on first call, then its ELK layout (mermaid-elk.js registers
 * `layout: 'elk'` with it); null when mermaid could not be loaded. Without the ELK script mermaid
 * still draws, with dagre.
 */
export function loadMermaid(): Promise<Mermaid | null> {
  loading ??= (async () => {
    if (!globalThis.mermaid && !(await loadScript('mermaid.min.js'))) return null;
    if (!globalThis.mermaid) return null;
    await loadScript('mermaid-elk.js');
    return globalThis.mermaid ?? null;
  })();
  return loading;
}
