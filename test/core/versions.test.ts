import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseKubeVersion, parseRuntimeVersion, minorAtLeast } from '../../src/core/versions';
import { normaliseHostPath, parseSocketEndpoint } from '../../src/core/paths';

// Rows are strings real clusters report (public `kubectl get nodes -o wide` and describe output).
const RUNTIMES: [raw: string, name: string, version: string | null, suffix: string][] = [
  ['docker://20.10.17', 'docker', '20.10.17', ''],
  ['docker://19.3.1', 'docker', '19.3.1', ''],
  ['docker://3.0.10+azure', 'docker', '3.0.10', '+azure'],
  ['docker://20.10.9+azure-2', 'docker', '20.10.9', '+azure-2'],
  ['containerd://1.7.7-k3s1.27', 'containerd', '1.7.7', '-k3s1.27'],
  ['containerd://1.7.11-k3s2', 'containerd', '1.7.11', '-k3s2'],
  ['containerd://1.6.20+bottlerocket', 'containerd', '1.6.20', '+bottlerocket'],
  ['containerd://2.2.5+unknown', 'containerd', '2.2.5', '+unknown'],
  ['containerd://2.0.0-rc.6', 'containerd', '2.0.0', '-rc.6'],
  ['containerd://1.7.5-1', 'containerd', '1.7.5', '-1'],
  ['cri-o://1.26.4-3.rhaos4.13.git615a02c.el9', 'cri-o', '1.26.4', '-3.rhaos4.13.git615a02c.el9'],
  ['cri-o://1.23.3-11.rhaos4.10.gitddf4b1a.1.el8', 'cri-o', '1.23.3', '-11.rhaos4.10.gitddf4b1a.1.el8'],
  ['cri-o://1.15.3-dev', 'cri-o', '1.15.3', '-dev'],
  ['docker://Unknown', 'docker', null, ''],
  ['containerd://Unknown', 'containerd', null, ''],
  ['', 'unknown', null, ''],
  ['Unknown', 'unknown', null, ''],
  ['mvp://0.1.0', 'mvp', '0.1.0', ''],
  ['rockrobo://v1', 'rockrobo', null, ''],
];

for (const [raw, name, version, suffix] of RUNTIMES) {
  test(`runtime ${JSON.stringify(raw)} parses as ${name} ${version ?? '(no version)'} ${suffix}`, () => {
    const parsed = parseRuntimeVersion(raw);
    assert.equal(parsed.name, name);
    assert.equal(parsed.version, version);
    assert.equal(parsed.suffix, suffix);
    assert.equal(parsed.raw, raw);
  });
}

test('runtime parsing survives non-string input (a number where a string belongs)', () => {
  assert.equal(parseRuntimeVersion(20.1).name, 'unknown');
  assert.equal(parseRuntimeVersion(null).name, 'unknown');
  assert.equal(parseRuntimeVersion({}).name, 'unknown');
});

const KUBELETS: [raw: string, minor: number | null, suffix: string][] = [
  ['v1.23.15-eks-49d8fe8', 23, '-eks-49d8fe8'],
  ['v1.29.6-gke.1038001', 29, '-gke.1038001'],
  ['v1.30.4+k3s1', 30, '+k3s1'],
  ['v1.28.8+rke2r1', 28, '+rke2r1'],
  ['v1.26.7+0ef5eae', 26, '+0ef5eae'],
  ['v1.20.0-1030+cac2421340a449', 20, '-1030+cac2421340a449'],
  ['v1.30.0+k0s', 30, '+k0s'],
  ['v1.21.5+IKS', 21, '+IKS'],
  ['v1.16.6-beta.0', 16, '-beta.0'],
  ['v1.22.6-kubeedge-v1.12.1', 22, '-kubeedge-v1.12.1'],
  ['1.27.3', 27, ''],
  ['', null, ''],
  ['latest', null, ''],
];

for (const [raw, minor, suffix] of KUBELETS) {
  test(`kubelet ${JSON.stringify(raw)} → minor ${minor ?? 'none'}`, () => {
    const parsed = parseKubeVersion(raw);
    if (minor === null) {
      assert.equal(parsed, null);
      return;
    }
    assert.ok(parsed);
    assert.equal(parsed.major, 1);
    assert.equal(parsed.minor, minor);
    assert.equal(parsed.suffix, suffix);
  });
}

test('EKS server minor "23+" is read from gitVersion, not the minor field', () => {
  assert.equal(parseKubeVersion('v1.23.10-eks-15b7512')?.minor, 23);
  assert.ok(minorAtLeast(parseKubeVersion('v1.24.0'), 1, 24));
  assert.ok(!minorAtLeast(parseKubeVersion('v1.23.17'), 1, 24));
  assert.ok(!minorAtLeast(null, 1, 24));
});

const HOST_PATHS: [raw: string, normalised: string][] = [
  ['/var/run/docker.sock', '/run/docker.sock'],
  ['/run/docker.sock', '/run/docker.sock'],
  ['//var//run/docker.sock', '/run/docker.sock'],
  ['/var/run/', '/run'],
  ['/var/run', '/run'],
  ['/var/', '/var'],
  ['/var/lib/docker/containers/', '/var/lib/docker/containers'],
  ['/var/run/../run/docker.sock', '/run/docker.sock'],
  ['/', '/'],
  ['\\\\.\\pipe\\docker_engine', '\\\\.\\pipe\\docker_engine'],
];

for (const [raw, normalised] of HOST_PATHS) {
  test(`hostPath ${JSON.stringify(raw)} normalises to ${normalised}`, () => {
    assert.equal(normaliseHostPath(raw), normalised);
    assert.equal(normaliseHostPath(normaliseHostPath(raw)), normalised, 'normalising twice changes nothing');
  });
}

const SOCKETS: [raw: string, runtime: string, malformed: boolean][] = [
  ['/var/run/dockershim.sock', 'dockershim', false],
  ['unix:///var/run/dockershim.sock', 'dockershim', false],
  ['unix:///var/run/cri-dockerd.sock', 'cri-dockerd', false],
  ['unix:///run/containerd/containerd.sock', 'containerd', false],
  ['unix:///var/run/containerd/containerd.sock', 'containerd', false],
  ['unix://unix://unix:///run/containerd/containerd.sock', 'containerd', true],
  ['/var/run/crio/crio.sock', 'cri-o', false],
  ['unix:///var/run/crio/crio.sock', 'cri-o', false],
  ['npipe:////./pipe/dockershim', 'dockershim', false],
  ['npipe:////./pipe/containerd-containerd', 'containerd', false],
  ['npipe:////./pipe/cri-dockerd', 'cri-dockerd', false],
  ['containerd', 'other', true],
];

for (const [raw, runtime, malformed] of SOCKETS) {
  test(`CRI endpoint ${raw} → ${runtime}${malformed ? ' (malformed)' : ''}`, () => {
    const endpoint = parseSocketEndpoint(raw);
    assert.equal(endpoint.runtime, runtime);
    assert.equal(endpoint.malformed, malformed);
  });
}
