// Mermaid (our build with its ELK layout, 2.9 MiB: webview/mermaidBundle.ts) is loaded by the panel, not by the page before main.js: the panel says
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
 * The mermaid global, loading it on first call (the same script registers its ELK layout); null
 * when it could not be loaded.
 */
export function loadMermaid(): Promise<Mermaid | null> {
  loading ??= (async () => {
    if (!globalThis.mermaid && !(await loadScript('mermaid.min.js'))) return null;
    return globalThis.mermaid ?? null;
  })();
  return loading;
}
