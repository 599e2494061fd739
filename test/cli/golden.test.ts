// Every built-in sample's CLI output, byte for byte: `check` as JSON, text, Markdown and SARIF,
// `topology` as mermaid and JSON. The expected files live in test/cli/golden/. A refactor must
// leave them untouched; a change of behaviour rewrites them on purpose, with
//   UPDATE_GOLDEN=1 node --import tsx --test test/cli/golden.test.ts
// so the diff of the golden files shows, in review, exactly what a user sees differently.
// The only volatile text (the HTML page's timestamp) is not in these formats.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listSamples } from '../../src/k8s/samples';
import { runCli } from '../fixtures/cli';

const GOLDEN = join(__dirname, 'golden');
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

const OUTPUTS: readonly { readonly file: string; readonly args: readonly string[] }[] = [
  { file: 'check.json', args: ['check', '--output', 'json'] },
  { file: 'check.txt', args: ['check', '--output', 'text'] },
  { file: 'check.md', args: ['check', '--output', 'markdown'] },
  { file: 'check.sarif', args: ['check', '--output', 'sarif'] },
  { file: 'topology.mmd', args: ['topology', '--format', 'mermaid'] },
  { file: 'topology.json', args: ['topology', '--format', 'json'] },
];

for (const sample of listSamples()) {
  for (const output of OUTPUTS) {
    const name = `${sample.name}.${output.file}`;
    test(`${name} is byte-identical to test/cli/golden/${name}`, async () => {
      const result = await runCli([...output.args, '--sample', sample.name]);
      assert.equal(result.stderr, '', `${name}: no stderr`);
      const actual = `exit ${result.code}\n${result.stdout}`;
      const path = join(GOLDEN, name);
      if (UPDATE) {
        mkdirSync(GOLDEN, { recursive: true });
        writeFileSync(path, actual);
        return;
      }
      assert.ok(existsSync(path), `${path} is missing: run with UPDATE_GOLDEN=1 to create it`);
      assert.equal(actual, readFileSync(path, 'utf8'), `${name} differs from its golden file`);
    });
  }
}
