// One build script for the three bundles (docs/architecture.md):
//   dist/extension.js  the VS Code host (node, cjs, `vscode` external), in two files: what
//                      activation needs, and dist/session.js (the cluster reader, client-node and
//                      the diagnosis), loaded on the first command that needs a cluster
//   dist/cli.js        the k8s-anatomy command (node, cjs; executable), also the kubectl-anatomy bin
//   dist/webview/      the panel's browser app (esm, code splitting)
// plus dist/webview/mermaid.min.js (mermaid's browser build, used by the panel and the page) and
// dist/webview/mermaid-elk.js (its ELK layout, registered with it: webview/elkLayout.ts).
// `--production` minifies and drops source maps; `--watch` rebuilds on change.

import { context } from 'esbuild';
import { chmod, copyFile, mkdir, readFile, rm } from 'node:fs/promises';
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
 * @mermaid-js/layout-elk carries its own copy of mermaid's diagram registry, whose diagrams load by
 * dynamic import; the ELK layout never asks for them (mermaid.min.js draws the flowchart). Left
 * out, the script is 2.2 MB instead of 4.9 MB; a diagram that was asked for anyway would fail
 * loudly with this message, not draw wrongly.
 */
const elkWithoutDiagrams = {
  name: 'elk-without-diagrams',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => (args.kind === 'dynamic-import' && args.importer.includes('layout-elk') && !/[\\/]render-[A-Z0-9]+\.mjs$|^\.\/render-/.test(args.path) ? { path: args.path, namespace: 'elk-unused' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'elk-unused' }, (args) => ({ contents: `throw new Error(${JSON.stringify(`mermaid-elk.js: ${args.path} is not bundled`)});`, loader: 'js' }));
  },
};

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
  // mermaid's ELK layout as a classic script that registers itself with the mermaid global.
  { ...common, entryPoints: ['webview/elkLayout.ts'], outfile: 'dist/webview/mermaid-elk.js', platform: 'browser', format: 'iife', target: 'es2022', minify: true, sourcemap: false, plugins: [...common.plugins, elkWithoutDiagrams] },
].filter((entry) => entry.entryPoints.every((file) => existsSync(file)));

/** One copy of mermaid's browser build: loaded by the panel as a classic script, and inlined
 *  into the self-contained topology page by `topology --format html` and Export Topology. */
async function copyVendor() {
  await mkdir('dist/webview', { recursive: true });
  await copyFile('node_modules/mermaid/dist/mermaid.min.js', 'dist/webview/mermaid.min.js');
}

// A production build starts from an empty dist/, so no development source maps ship.
if (production) await rm('dist', { recursive: true, force: true });
const contexts = await Promise.all(entries.map((options) => context(options)));
await copyVendor();
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
