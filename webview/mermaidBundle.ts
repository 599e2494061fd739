// The diagram library of the panel and the exported page, as a classic script that defines the
// global `mermaid`: mermaid with its flowchart only and its ELK layout registered. Mermaid silently
// falls back to dagre for a layout nobody registered, so registering here, in the same script,
// means ELK is there whenever mermaid is.
// Why ELK: on every built-in sample it draws no edge through a box and no crossing, where dagre
// draws 1–2 edges through boxes (test/cli/diagramGeometry.test.ts prints both).
// esbuild.mjs builds it twice: dist/webview/mermaid-page.js, with ELK inside, which the exported
// page inlines; and dist/webview/mermaid.min.js for the panel, where ELK runs in a Web Worker
// (elkWorker.ts stands in for ELK). Why our own builds, not mermaid's mermaid.min.js: that one
// carries every diagram type (3.4 MiB) and the ELK package its own copy of mermaid (2.2 MiB more),
// and VS Code's webview resource loader moves about 5 MiB a second here, so the panel's first
// drawing waited for the bytes, and then for the page to read them.

import mermaid from 'mermaid';
import layouts from '@mermaid-js/layout-elk';

mermaid.registerLayoutLoaders(layouts);
globalThis.mermaid = mermaid;
