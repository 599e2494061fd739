// The diagram library of the panel and the exported page, as one classic script
// (dist/webview/mermaid.min.js, built by esbuild.mjs): mermaid with its flowchart only, and its ELK
// layout registered, on the global `mermaid`. Mermaid silently falls back to dagre for a layout
// nobody registered, so registering here, in the same script, means ELK is there whenever mermaid is.
// Why ELK: on every built-in sample it draws no edge through a box and no crossing, where dagre
// draws 1–2 edges through boxes (test/cli/diagramGeometry.test.ts prints both).
// Why our own build, not mermaid's mermaid.min.js: that one carries every diagram type (3.4 MiB)
// and the ELK package its own copy of mermaid (2.2 MiB more). VS Code's webview resource loader
// moves about 5 MiB a second here, so the panel's first drawing waited for the bytes.

import mermaid from 'mermaid';
import layouts from '@mermaid-js/layout-elk';

mermaid.registerLayoutLoaders(layouts);
globalThis.mermaid = mermaid;
