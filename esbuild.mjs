// One build script for the three bundles (docs/architecture.md):
//   dist/extension.js  the VS Code host (node, cjs, `vscode` external), in two files: what
//                      activation needs, and dist/session.js (the cluster reader, client-node and
//                      the diagnosis), loaded on the first command that needs a cluster
//   dist/cli.js        the k8s-anatomy command (node, cjs; executable), also the kubectl-anatomy bin
//   dist/webview/      the panel's browser app (esm, code splitting)
// plus the diagram library, our build of mermaid (flowchart only) with its ELK layout registered
// (webview/mermaidBundle.ts), twice: dist/webview/mermaid.min.js for the panel, whose ELK runs in a
// Web Worker (webview/elkWorker.ts; ELK itself is dist/webview/elk-worker.js, elkjs's worker
// script), and dist/webview/mermaid-page.js for the exported page, with ELK inside (one file).
// `--production` minifies and drops source maps; `--watch` rebuilds on change.

import { context } from 'esbuild';
import { chmod, copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { existsSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const pkg = JSON.parse(await readFile('package.json', 'utf8'));

/** Prints build start/end and errors in the form VS Code's `$esbuild-watch` problem matcher reads. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => {
      if (watch) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  define: { K8S_ANATOMY_VERSION: JSON.stringify(pkg.version) },
  plugins: [problemMatcher],
};

const node = { ...common, platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'] };

/**
 * The extension's `import('./session')` stays a runtime require of dist/session.js: activation
 * then loads about a tenth of the code (client-node alone is larger than the rest).
 */
const sessionApart = {
  name: 'session-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/session\/session$/ }, (args) => (args.importer.endsWith('services.ts') && args.kind === 'dynamic-import' ? { path: 'session', namespace: 'session-apart' } : undefined));
    // A plain require (not import()), so VS Code's module loader hooks apply to it as to the rest.
    build.onLoad({ filter: /.*/, namespace: 'session-apart' }, () => ({ contents: 'module.exports = require("./session.js");', loader: 'js' }));
    build.onResolve({ filter: /^\.\/session\.js$/, namespace: 'session-apart' }, () => ({ path: './session.js', external: true }));
  },
};

/**
 * Mermaid loads each diagram type, KaTeX (for `$$…$$` maths in labels) and two of its layouts by
 * dynamic import, and @mermaid-js/layout-elk carries its own copy of that registry. We draw one
 * flowchart, laid out by ELK (or dagre, which test/cli/diagramGeometry.test.ts compares it with),
 * and our labels never hold a `$` (src/core/mermaid.ts writes it as `#36;`), so the rest is left
 * out: 2.9 MiB with ELK inside (the page's), 1.5 MiB without (the panel's), against 5.6 MiB for
 * mermaid's own build and the ELK package's. A part that was asked for anyway fails loudly with
 * this message; it never draws wrongly.
 */
const BUNDLED_DYNAMIC_IMPORTS = [
  /[\\/]flowDiagram-[A-Z0-9]+\.mjs$/, // the flowchart
  /[\\/]dagre-[A-Z0-9]+\.mjs$/, // the dagre layout
  /[\\/]sizeCapture-[A-Z0-9]+\.mjs$/, // text measuring
  /[\\/]render-[A-Z0-9]+\.mjs$/, // layout-elk's renderer
];
/** The panel's library: mermaid's ELK layout gets webview/elkWorker.ts instead of ELK itself. */
const elkInWorker = {
  name: 'elk-in-worker',
  setup(build) {
    build.onResolve({ filter: /^elkjs\/lib\/elk\.bundled\.js$/ }, () => ({ path: join(import.meta.dirname, 'webview', 'elkWorker.ts') }));
  },
};
const flowchartOnly = {
  name: 'flowchart-only',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => (args.kind === 'dynamic-import' && !BUNDLED_DYNAMIC_IMPORTS.some((kept) => kept.test(`/${args.path}`)) ? { path: args.path, namespace: 'not-bundled' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'not-bundled' }, (args) => ({ contents: `throw new Error(${JSON.stringify(`the diagram library: ${args.path} is not bundled (K8s Anatomy draws flowcharts only)`)});`, loader: 'js' }));
  },
};

const library = { ...common, entryPoints: ['webview/mermaidBundle.ts'], platform: 'browser', format: 'iife', target: 'es2022', minify: true, sourcemap: false };

const entries = [
  { ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js' },
  { ...node, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], plugins: [...common.plugins, sessionApart] },
  { ...node, entryPoints: ['src/extension/session/session.ts'], outfile: 'dist/session.js', external: ['vscode'] },
  {
    ...common,
    entryPoints: ['webview/main.ts'],
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'esm',
    splitting: true,
    target: 'es2022',
  },
  // The diagram library as a classic script that defines the mermaid global (minified in every
  // build: it is the same third-party code in development): the panel's, and the exported page's.
  { ...library, outfile: 'dist/webview/mermaid.min.js', plugins: [...common.plugins, flowchartOnly, elkInWorker] },
  { ...library, outfile: 'dist/webview/mermaid-page.js', plugins: [...common.plugins, flowchartOnly] },
].filter((entry) => entry.entryPoints.every((file) => existsSync(file)));

/** ELK for the panel's worker: elkjs's own worker script, as published. */
async function copyElkWorker() {
  await mkdir('dist/webview', { recursive: true });
  await copyFile('node_modules/elkjs/lib/elk-worker.min.js', 'dist/webview/elk-worker.js');
}

// A production build starts from an empty dist/, so no development source maps ship.
if (production) await rm('dist', { recursive: true, force: true });
const contexts = await Promise.all(entries.map((options) => context(options)));
await copyElkWorker();
if (watch) {
  await Promise.all(contexts.map((ctx) => ctx.watch()));
} else {
  const results = await Promise.allSettled(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
  if (results.some((r) => r.status === 'rejected')) process.exit(1);
  // Both bins (k8s-anatomy, and kubectl-anatomy for `kubectl anatomy`) run dist/cli.js itself, as
  // npm links them; kubectl runs only executable plugins.
  if (existsSync('dist/cli.js')) await chmod('dist/cli.js', 0o755);
}
