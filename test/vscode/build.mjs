// Builds the extension-host test suite: TypeScript under test/vscode → out/test/vscode/*.js, one
// bundle per file (index.js exports run(); suite/*.test.js are the mocha files it adds). `vscode`
// and `mocha` stay external: VS Code provides the first, the repository's node_modules the second.
//   node test/vscode/build.mjs          (after `node esbuild.mjs`, which builds the extension)
// Run it with `npm run test:electron` (downloads VS Code) or inside code-server (test/e2e).

import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const suites = readdirSync(join(here, 'suite')).filter((f) => f.endsWith('.test.ts')).map((f) => join(here, 'suite', f));

await build({
  entryPoints: [join(here, 'index.ts'), ...suites],
  outdir: join(root, 'out', 'test', 'vscode'),
  outbase: here,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  sourcemap: 'inline',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});
console.log(`built ${suites.length} suite files → out/test/vscode/`);
