// package.json's contributions agree with the code: every command id and setting key in
// src/extension/constants.ts is contributed (and nothing else), activation is specific, the
// walkthrough's media and the icon exist, and the .vsix keeps sources and tests out.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORY, COMMANDS, CONFIG_SECTION, INTERNAL_COMMANDS, PANEL_VIEW_TYPE, SETTINGS } from '../../src/extension/constants';

const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  main: string; icon: string; activationEvents: string[]; engines: { vscode: string };
  contributes: {
    commands: { command: string; title: string; category: string }[];
    configuration: { properties: Record<string, { markdownDescription?: string; scope?: string; default?: unknown; type: unknown }> };
    walkthroughs: { id: string; steps: { id: string; media: { markdown?: string }; completionEvents?: string[] }[] }[];
    menus: Record<string, { command: string; when?: string }[]>;
  };
};

test('manifest: every palette command is contributed once, in the K8s Anatomy category; internal commands are not', () => {
  const contributed: readonly string[] = pkg.contributes.commands.map((c) => c.command).sort();
  assert.deepEqual([...contributed], Object.values(COMMANDS).sort());
  for (const c of pkg.contributes.commands) {
    assert.equal(c.category, CATEGORY);
    assert.ok(c.title.length > 0);
    assert.match(c.command, /^k8sAnatomy\.[a-z][A-Za-z]+$/);
  }
  for (const id of Object.values(INTERNAL_COMMANDS)) assert.ok(!contributed.includes(id), id);
  for (const [menu, items] of Object.entries(pkg.contributes.menus)) {
    for (const item of items) assert.ok((Object.values(COMMANDS) as string[]).includes(item.command), `${menu}: ${item.command}`);
  }
});

test('manifest: activation is specific (the panel serializer and the YAML hover; commands are implicit)', () => {
  assert.deepEqual(pkg.activationEvents, [`onWebviewPanel:${PANEL_VIEW_TYPE}`, 'onLanguage:yaml']);
  assert.equal(pkg.main, './dist/extension.js');
  assert.equal(pkg.engines.vscode, '^1.90.0');
});

test('manifest: the settings contributed are exactly the ones Config owns, each described, scoped and defaulted', () => {
  const keys = Object.keys(pkg.contributes.configuration.properties).sort();
  assert.deepEqual(keys, Object.values(SETTINGS).map((k) => `${CONFIG_SECTION}.${k}`).sort());
  for (const [key, setting] of Object.entries(pkg.contributes.configuration.properties)) {
    assert.ok((setting.markdownDescription ?? '').length > 40, `${key} has a real description`);
    assert.ok(setting.scope, `${key} has a scope`);
    assert.ok('default' in setting, `${key} has a default`);
  }
  const configz = pkg.contributes.configuration.properties[`${CONFIG_SECTION}.${SETTINGS.configz}`];
  assert.equal(configz?.default, false);
  assert.match(configz?.markdownDescription ?? '', /nodes\/proxy/);
  assert.deepEqual(pkg.contributes.configuration.properties[`${CONFIG_SECTION}.${SETTINGS.kubeconfig}`]?.type, ['string', 'array']);
});

test('manifest: the walkthrough has 3–5 steps whose markdown media exist', () => {
  const [walkthrough] = pkg.contributes.walkthroughs;
  assert.ok(walkthrough);
  assert.ok(walkthrough.steps.length >= 3 && walkthrough.steps.length <= 5);
  for (const step of walkthrough.steps) {
    assert.ok(step.media.markdown, step.id);
    assert.ok(existsSync(join(ROOT, step.media.markdown)), step.media.markdown);
    assert.ok(step.completionEvents?.length, `${step.id} can be completed`);
  }
});

test('manifest: the icon is a 128×128 PNG', () => {
  const png = readFileSync(join(ROOT, pkg.icon));
  assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
  assert.equal(png.readUInt32BE(16), 128);
  assert.equal(png.readUInt32BE(20), 128);
});

test('manifest: .vscodeignore ships dist, samples and media, and keeps sources, tests and node_modules out', () => {
  const lines = readFileSync(join(ROOT, '.vscodeignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  assert.equal(lines[0], '**', 'everything is excluded unless listed');
  for (const kept of ['!samples/**', '!media/**', '!README.md', '!CHANGELOG.md']) assert.ok(lines.includes(kept), kept);
  const dist = lines.filter((l) => l.startsWith('!dist/'));
  assert.ok(dist.some((l) => l.includes('js')) && dist.some((l) => l.includes('css')), 'the bundles and the webview ship');
  assert.ok(!dist.some((l) => /\*\*$|map/.test(l)), 'source maps do not (a negation wins over any later exclusion in vsce)');
  assert.ok(!lines.some((l) => /^!(src|test|node_modules|webview)\b/.test(l)));
});
