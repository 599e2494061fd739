// The pure halves of the settings and of the state the status bar shows: parsing what users type
// into k8sAnatomy.* settings, the kubeconfig precedence (ours, then vs-kubernetes), the stored
// source choice, and the status bar text. (The namespace filter itself is the core's:
// test/core/namespaces.test.ts.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  RECONNECT_SETTINGS, RESCAN_SETTINGS, booleanSetting, contextName, expandPath, namespaceList, normaliseTargetVersion,
  resolveKubeconfig, stringList,
} from '../../../src/extension/config/configValues';
import { SETTINGS } from '../../../src/extension/constants';
import { parseSourceChoice } from '../../../src/extension/source/sourceChoice';
import { statusText } from '../../../src/extension/statusBar/statusText';

const HOME = '/home/ada';
const WS = '/work/project';
const ctx = { home: HOME, workspaceFolder: WS, env: { KUBE_DIR: '/etc/kube' } };

test('config: kubeconfig — ours wins, then vs-kubernetes.kubeconfig, else undefined (KUBECONFIG / ~/.kube/config)', () => {
  assert.deepEqual(resolveKubeconfig('~/.kube/prod', '/x/theirs', ctx), { paths: [join(HOME, '.kube/prod')], from: 'k8sAnatomy' });
  assert.deepEqual(resolveKubeconfig('', '/x/theirs', ctx), { paths: ['/x/theirs'], from: 'vs-kubernetes' });
  assert.deepEqual(resolveKubeconfig([], '  ', ctx), undefined);
  assert.deepEqual(resolveKubeconfig(undefined, undefined, ctx), undefined);
});

test('config: kubeconfig lists keep their order and drop blanks and non-strings', () => {
  assert.deepEqual(resolveKubeconfig(['/a', '', 7, ' /b '], undefined, ctx)?.paths, ['/a', '/b']);
});

test('config: paths expand ~, ${userHome}, ${workspaceFolder}, ${env:NAME}; relative paths are relative to the workspace', () => {
  const rows: [string, string][] = [
    ['~', HOME],
    ['~/.kube/config', join(HOME, '.kube/config')],
    ['${userHome}/k.yaml', join(HOME, 'k.yaml')],
    ['${workspaceFolder}/kubeconfig', join(WS, 'kubeconfig')],
    ['${env:KUBE_DIR}/config', '/etc/kube/config'],
    ['kubeconfigs/dev.yaml', join(WS, 'kubeconfigs/dev.yaml')],
    ['/abs/config', '/abs/config'],
  ];
  for (const [raw, expected] of rows) assert.equal(expandPath(raw, ctx), expected, raw);
  assert.equal(expandPath('rel', { home: HOME }), 'rel', 'no workspace: left relative (kubectl resolves from its cwd)');
});

test('config: stringList, booleans and context names tolerate anything a settings.json can hold', () => {
  assert.deepEqual(stringList(' a '), ['a']);
  assert.deepEqual(stringList({ a: 1 }), []);
  assert.equal(booleanSetting('true', false), false);
  assert.equal(booleanSetting(true, false), true);
  assert.equal(contextName('  '), null);
  assert.equal(contextName(' kind-dev '), 'kind-dev');
  assert.equal(contextName(42), null);
});

test('config: targetVersion normalises to 1.N and flags what is not a version', () => {
  const rows: [unknown, string | null, boolean][] = [
    ['1.24', '1.24', false], ['v1.29', '1.29', false], ['v1.30.2', '1.30', false], [' 1.024 ', '1.24', false],
    ['', null, false], [undefined, null, false], ['2.0', null, true], ['latest', null, true], ['1', null, true], [124, null, false],
  ];
  for (const [raw, value, invalid] of rows) assert.deepEqual(normaliseTargetVersion(raw), { value, invalid }, String(raw));
});

test('config: namespace lists keep valid DNS labels once and report the rest', () => {
  assert.deepEqual(namespaceList(['ci', 'kube-system', 'ci', 'Bad_NS', '-x', 'a'.repeat(64)]), { names: ['ci', 'kube-system'], rejected: ['Bad_NS', '-x', 'a'.repeat(64)] });
});

test('config: every setting that changes what is read needs a reconnect; the scan settings a rescan', () => {
  for (const key of [SETTINGS.kubeconfig, SETTINGS.context, SETTINGS.configz, SETTINGS.watchEnabled, SETTINGS.targetVersion, SETTINGS.namespacesInclude, SETTINGS.namespacesExclude]) {
    assert.ok(RECONNECT_SETTINGS.includes(key), key);
  }
  assert.ok(!RECONNECT_SETTINGS.includes(SETTINGS.workspaceScanEnabled));
  assert.ok(RESCAN_SETTINGS.includes(SETTINGS.workspaceScanEnabled));
});

// ---------------------------------------------------------------------------------------------

test('source choice: only well-formed stored values are restored', () => {
  assert.deepEqual(parseSourceChoice({ kind: 'sample', name: 'k3s-ha' }), { kind: 'sample', name: 'k3s-ha' });
  assert.deepEqual(parseSourceChoice({ kind: 'cluster', context: null }), { kind: 'cluster', context: null });
  assert.deepEqual(parseSourceChoice({ kind: 'cluster', context: 'kind-dev' }), { kind: 'cluster', context: 'kind-dev' });
  for (const bad of [null, 'sample', { kind: 'sample', name: '../x' }, { kind: 'cluster', context: '' }, { kind: 'dump' }]) assert.equal(parseSourceChoice(bad), null);
});

test('status bar: the source and one word of state', () => {
  const choiceLabel = 'the current context';
  const source = { kind: 'cluster' as const, name: 'prod', server: 'https://10.0.0.1:6443' };
  assert.equal(statusText({ status: { kind: 'loading', message: 'x' }, source: null, verdict: null, choiceLabel }).text, '$(type-hierarchy) the current context · reading');
  assert.equal(statusText({ status: { kind: 'ready' }, source, verdict: 'not-ready', choiceLabel }).text, '$(type-hierarchy) prod · not-ready');
  assert.equal(statusText({ status: { kind: 'ready' }, source: { kind: 'sample', name: 'k3s-ha' }, verdict: 'ready', choiceLabel }).text, '$(type-hierarchy) sample k3s-ha · ready');
  assert.equal(statusText({ status: { kind: 'no-kubeconfig', message: 'x', samples: [] }, source: null, verdict: null, choiceLabel }).text.split(' · ')[1], 'no-kubeconfig');
  assert.equal(statusText({ status: { kind: 'error', errorKind: 'unreachable', message: 'x', advice: 'y' }, source, verdict: null, choiceLabel }).text.split(' · ')[1], 'unreachable');
  for (const { text } of [statusText({ status: { kind: 'ready' }, source: { ...source, name: 'a $(alert) b' }, verdict: 'ready', choiceLabel })]) {
    assert.equal(text.match(/\$\(/g)?.length, 1, 'a context name cannot inject status bar icons');
  }
  assert.match(statusText({ status: { kind: 'ready' }, source, verdict: 'ready', choiceLabel }).tooltip, /https:\/\/10\.0\.0\.1:6443/);
});

test('status bar: it follows the judged target (the upgrade picker or the panel chose it)', () => {
  const source = { kind: 'sample' as const, name: 'eks-1.33-2026' };
  const judged = { title: 'Upgrade readiness for Kubernetes 1.36', target: '1.36' };
  const shown = statusText({ status: { kind: 'ready' }, source, verdict: 'not-ready', choiceLabel: 'x', judged });
  assert.equal(shown.text, '$(type-hierarchy) sample eks-1.33-2026 · not-ready for 1.36');
  assert.match(shown.tooltip, /Upgrade readiness for Kubernetes 1\.36: not ready\./);
  assert.equal(statusText({ status: { kind: 'loading', message: 'x' }, source, verdict: 'not-ready', choiceLabel: 'x', judged }).text, '$(type-hierarchy) sample eks-1.33-2026 · reading');
});

