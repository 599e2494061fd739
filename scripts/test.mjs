// `npm test`: everything CI checks, in order — build, type-check both tsconfigs, lint, every test
// suite with node's test runner (TypeScript through tsx), then the end-to-end suite in a real VS
// Code (code-server) through Chromium, which installs what it needs first (test/e2e/README.md).
// Stops at the first failing stage. `npm test -- core sim` runs only the named suites (folders
// under test/); `npm test -- e2e` only the end-to-end suite.

import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SUITES = ['core', 'k8s', 'protocol', 'extension', 'webview', 'sim', 'cli'];
const requested = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const withE2e = requested.length === 0 || requested.includes('e2e');
const suites = requested.length ? requested.filter((s) => s !== 'e2e') : SUITES;

function stage(title, command, args) {
  console.log(`\n=== ${title} ===`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', shell: false });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n${title} failed (exit ${result.status ?? result.signal}) after ${seconds} s`);
    process.exit(result.status || 1);
  }
  console.log(`${title}: ok (${seconds} s)`);
}

function testFiles(dir) {
  let out = [];
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out = out.concat(testFiles(full));
    else if (name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

const node = process.execPath;
const bin = (name) => join('node_modules', '.bin', name);

if (!requested.length) {
  stage('build', node, ['esbuild.mjs']);
  stage('type-check', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
  stage('type-check (webview)', bin('tsc'), ['--noEmit', '-p', 'webview/tsconfig.json']);
  stage('lint', bin('eslint'), ['.']);
}
if (suites.length > 0) {
  const files = suites.flatMap((suite) => testFiles(join('test', suite))).sort();
  if (files.length === 0) {
    console.error(`no test files found in ${suites.map((s) => `test/${s}`).join(', ')}`);
    process.exit(1);
  }
  stage(`tests (${suites.join(', ')}: ${files.length} files)`, node, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files]);
}
if (withE2e) stage('end-to-end (code-server + Chromium)', node, [join('test', 'e2e', 'run.mjs')]);
