// Small pure pieces, table-driven with real-world values: ages as kubectl prints them, version.Info
// from gitVersions seen on real clusters, CRI endpoints per runtime, and patch semantics.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { humanDuration } from './src/tables';
import { versionInfo } from './src/version';
import { runtimeEndpoint } from './src/kubelet';
import { jsonPatch, mergePatch } from './src/patch';
import { matchesLabels, parseLabelSelector } from './src/selectors';

describe('ages', () => {
  const rows: [number, string][] = [
    [0, '0s'], [-1500, '0s'], [-5000, '<invalid>'], [45_000, '45s'], [119_000, '119s'], [125_000, '2m5s'], [600_000, '10m'],
    [179 * 60_000, '179m'], [3 * 3600_000 + 12 * 60_000, '3h12m'], [8 * 3600_000, '8h'], [47 * 3600_000, '47h'],
    [5 * 86400_000 + 3 * 3600_000, '5d3h'], [12 * 86400_000, '12d'], [800 * 86400_000, '2y70d'], [9 * 365 * 86400_000, '9y'],
  ];
  for (const [ms, text] of rows) test(`${ms} ms prints as ${text}`, () => assert.equal(humanDuration(ms), text));
});

describe('version.Info', () => {
  const rows: [string, string, string][] = [
    ['v1.30.0', '1', '30'],
    ['v1.29.6-eks-1de2ab1', '1', '29+'],
    ['v1.29.6-gke.1038001', '1', '29+'],
    ['v1.30.4+k3s1', '1', '30+'],
    ['v1.31.0-rc.1', '1', '31'],
  ];
  for (const [gitVersion, major, minor] of rows) {
    test(`${gitVersion} → major ${major}, minor ${minor}`, () => {
      const info = versionInfo(gitVersion);
      assert.deepEqual([info.major, info.minor, info.gitVersion, info.compiler, info.gitTreeState], [major, minor, gitVersion, 'gc', 'clean']);
    });
  }
});

describe('CRI endpoints in configz', () => {
  const node = (runtime: string, kubelet: string, os = 'linux'): Record<string, unknown> => ({
    status: { nodeInfo: { containerRuntimeVersion: runtime, kubeletVersion: kubelet, operatingSystem: os } },
  });
  const rows: [string, string, string, string | undefined][] = [
    ['containerd://1.7.13', 'v1.29.4', 'linux', 'unix:///run/containerd/containerd.sock'],
    ['cri-o://1.29.2', 'v1.29.4', 'linux', 'unix:///var/run/crio/crio.sock'],
    ['docker://24.0.7', 'v1.28.9', 'linux', 'unix:///var/run/cri-dockerd.sock'],
    ['docker://20.10.17', 'v1.23.17', 'linux', undefined],
    ['containerd://1.7.18', 'v1.29.6', 'windows', 'npipe:////./pipe/containerd-containerd'],
    ['rockrobo://v1', 'v1.29.0', 'linux', undefined],
  ];
  for (const [runtime, kubelet, os, endpoint] of rows) {
    test(`${runtime} on kubelet ${kubelet} (${os})`, () => assert.equal(runtimeEndpoint(node(runtime, kubelet, os)), endpoint));
  }
});

describe('patches', () => {
  test('merge patch: objects merge, null deletes, lists replace', () => {
    assert.deepEqual(mergePatch({ a: { b: 1, c: 2 }, l: [1, 2] }, { a: { b: null, d: 3 }, l: [9] }), { a: { c: 2, d: 3 }, l: [9] });
  });

  test('JSON patch: add, replace, remove, move, copy, test', () => {
    const doc = { metadata: { labels: { a: '1' } }, list: [1, 2] };
    const out = jsonPatch(doc, [
      { op: 'add', path: '/metadata/labels/b', value: '2' },
      { op: 'replace', path: '/metadata/labels/a', value: 'x' },
      { op: 'add', path: '/list/-', value: 3 },
      { op: 'remove', path: '/list/0' },
      { op: 'copy', from: '/metadata/labels/b', path: '/c' },
      { op: 'move', from: '/c', path: '/d' },
      { op: 'test', path: '/d', value: '2' },
    ]);
    assert.deepEqual(out, { metadata: { labels: { a: 'x', b: '2' } }, list: [2, 3], d: '2' });
    assert.deepEqual(doc, { metadata: { labels: { a: '1' } }, list: [1, 2] });
    assert.throws(() => jsonPatch(doc, [{ op: 'test', path: '/list/0', value: 9 }]), /test operation does not apply/);
  });
});

describe('label selectors', () => {
  const labels = { app: 'web', tier: 'frontend', 'app.kubernetes.io/version': '3' };
  const rows: [string, boolean][] = [
    ['app=web', true], ['app==web', true], ['app!=web', false], ['env!=prod', true], ['app in (web, api)', true],
    ['app notin (web)', false], ['env notin (prod)', true], ['tier', true], ['!tier', false], ['!env', true],
    ['app.kubernetes.io/version>2', true], ['app.kubernetes.io/version<3', false], ['app=web,tier=backend', false],
  ];
  for (const [selector, expected] of rows) {
    test(`"${selector}" ${expected ? 'matches' : 'does not match'}`, () => assert.equal(matchesLabels(parseLabelSelector(selector), labels), expected));
  }
});
