// The ELK layout for mermaid, as its own classic script beside mermaid.min.js (dist/webview/
// mermaid-elk.js): it registers `layout: 'elk'` with the mermaid global that script defined. Mermaid
// silently falls back to dagre for a layout nobody registered, so the panel (mermaidLoader.ts) and
// the exported page (src/core/render/html.ts) load this after mermaid and before the first render.
// Why ELK: on every built-in sample it draws no edge through a box and no crossing, where dagre
// draws 1–2 edges through boxes (test/cli/diagramGeometry.test.ts prints both).

import layouts from '@mermaid-js/layout-elk';

globalThis.mermaid?.registerLayoutLoaders(layouts);
