// The built extension is two files: dist/extension.js (what activation loads) and dist/session.js
// (the cluster reader with client-node and the diagnosis), required on the first command that
// needs a cluster. Loading the first must not load the second, and the second must stand alone.
// Both are loaded in a child Node process with a stand-in for the `vscode` module (only module
// loading is tested here; the extension's behaviour is tested in a real VS Code by test/e2e).

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const EXTENSION = join(ROOT, 'dist', 'extension.js');
const SESSION = join(ROOT, 'dist', 'session.js');

before(() => {
  if (!existsSync(EXTENSION) || !existsSync(SESSION)) {
    const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
    assert.equal(build.status, 0, 'building dist/');
  }
});

/** Load `file` with a stand-in `vscode`; report what was loaded and what it exports. */
function load(file: string): { loaded: string[]; exports: string[] } {
  const script = `
    const Module = require('node:module');
    const load = Module._load;
    const stub = new Proxy(function () {}, { get: (_, key) => (key === Symbol.toPrimitive ? () => '' : stub), apply: () => stub, construct: () => stub });
    Module._load = function (request, ...rest) { return request === 'vscode' ? stub : load.call(this, request, ...rest); };
    const exported = require(${JSON.stringify(file)});
    const loaded = Object.keys(require.cache).filter((f) => f.includes('/dist/')).map((f) => f.slice(f.indexOf('/dist/') + 1));
    process.stdout.write(JSON.stringify({ loaded, exports: Object.keys(exported).sort() }));
  `;
  const result = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as { loaded: string[]; exports: string[] };
}

test('extension bundle: loading dist/extension.js does not load dist/session.js', () => {
  const { loaded, exports } = load(EXTENSION);
  assert.deepEqual(loaded, ['dist/extension.js']);
  assert.deepEqual(exports, ['activate', 'deactivate']);
});

test('extension bundle: dist/session.js loads on its own and exports the Session', () => {
  const { loaded, exports } = load(SESSION);
  assert.deepEqual(loaded, ['dist/session.js']);
  assert.ok(exports.includes('Session'), `exports: ${exports.join(', ')}`);
});

test('extension bundle: dist/extension.js refers to ./session.js with a plain require, and holds no HTTP client', () => {
  const text = readFileSync(EXTENSION, 'utf8');
  assert.match(text, /require\("\.\/session\.js"\)/);
  assert.doesNotMatch(text, /import\("\.\/session/, 'not an ESM import()');
  // client-node brings its own WebSocket and fetch implementations; none of them belongs here.
  for (const marker of ['Sec-WebSocket-Key', 'node-fetch']) assert.ok(!text.includes(marker), `dist/extension.js contains ${marker}`);
  assert.ok(statSync(EXTENSION).size < statSync(SESSION).size / 2, 'the activation bundle is the small one');
});
