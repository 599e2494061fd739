// The support facts of src/core/support.ts, one row per fact, as read from the sources named
// beside each fact there (containerd's RELEASES.md, the Kubernetes blog and docs, the kubelet
// code). A new Kubernetes or containerd release is a change to support.ts and a row here; a wrong
// row here is a wrong verdict everywhere.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CGROUP_V1_CUTOFF, CONTAINERD_END_OF_LIFE, CONTAINERD_KUBERNETES_SUPPORT, CONTAINERD_V1_CUTOFF, CRIO_VERSION_POLICY, KUBELET_SKEW,
  KUBERNETES_RELEASES, RUNTIME_CONFIG_MINIMUM, RUNTIME_FEATURES, cgroupV1OsImage, cgroupV1Severity, containerdMatrixStanding,
  containerdPastEndOfLife, containerdV1Severity, describeContainerdRow, isContainerdV1Line, newestKnownMinor, oldestKubeletFor,
  runtimeFeatureSupport, type Minor,
} from '../../src/core/support';
import { InvalidTargetError, defaultTarget, resolveTarget, upgradeTargets } from '../../src/core/rules/targets';

test('containerd support table rows 1.32-1.36 (RELEASES.md "Kubernetes Support")', () => {
  const rows: Record<string, string> = {
    '1.32': '2.1.0+, 2.0.1+, 1.7.24+, 1.6.36+',
    '1.33': '2.1.0+, 2.0.4+, 1.7.24+, 1.6.36+',
    '1.34': '2.1.3+, 2.0.6+, 1.7.28+, 1.6.39+',
    '1.35': '2.2.0+, 2.1.5+, 1.7.28+',
    '1.36': '2.3.0+, 2.2.0+',
  };
  assert.deepEqual(Object.fromEntries(CONTAINERD_KUBERNETES_SUPPORT.map((r) => [r.kubernetes, describeContainerdRow(r)])), rows);
});

for (const [line, date] of [['1.6', '2025-08-23'], ['1.7', '2026-09-30'], ['2.0', '2027-03-31'], ['2.1', '2026-07-03'], ['2.2', '2026-11-06'], ['2.3', '2028-04-30']] as const) {
  test(`containerd ${line} end of life: ${date}`, () => {
    assert.equal(CONTAINERD_END_OF_LIFE.find((r) => r.line === line)?.endOfLife, date);
  });
}

test('cutoffs: containerd 1.x warns from 1.36 and fails from 1.38 (k/k #139121); cgroup v1 fails from 1.35; skew n-3; CRI-O follows the minor', () => {
  assert.deepEqual([CONTAINERD_V1_CUTOFF.firstLine, CONTAINERD_V1_CUTOFF.warnFrom, CONTAINERD_V1_CUTOFF.errorFrom], ['1.6', '1.36', '1.38']);
  assert.equal(CGROUP_V1_CUTOFF.failByDefaultFrom, '1.35');
  assert.equal(KUBELET_SKEW.maxMinorsBehind, 3);
  assert.equal(CRIO_VERSION_POLICY.minorFollowsKubernetes, true);
  assert.deepEqual([RUNTIME_CONFIG_MINIMUM.containerd, RUNTIME_CONFIG_MINIMUM['cri-o']], ['2.0', '1.28']);
});

test('runtime features: image volumes need containerd 2.1 / CRI-O 1.31, user namespaces containerd 2.0 / CRI-O 1.25, never Docker', () => {
  assert.deepEqual(runtimeFeatureSupport('imageVolume').minimum, { containerd: '2.1', 'cri-o': '1.31', docker: null });
  assert.deepEqual(runtimeFeatureSupport('userNamespaces').minimum, { containerd: '2.0', 'cri-o': '1.25', docker: null });
  assert.equal(runtimeFeatureSupport('supplementalGroupsPolicy').nodeField, 'status.features.supplementalGroupsPolicy');
  assert.equal(RUNTIME_FEATURES.length, 4);
});

test('Kubernetes releases: every minor from 1.24 to the newest known, in order, each with a line and a source', () => {
  const minors = KUBERNETES_RELEASES.map((r) => r.minor);
  assert.equal(minors[0], '1.24');
  minors.forEach((m, i) => assert.equal(m, `1.${24 + i}`));
  assert.equal(newestKnownMinor(), '1.38');
  for (const r of KUBERNETES_RELEASES) assert.ok(r.runtimeChanges.length > 10 && r.source.startsWith('https://'), r.minor);
});

test('every fact carries an https source', () => {
  const sources = [
    ...CONTAINERD_KUBERNETES_SUPPORT.map((r) => r.source), ...CONTAINERD_END_OF_LIFE.map((r) => r.source),
    ...CONTAINERD_V1_CUTOFF.sources, ...CGROUP_V1_CUTOFF.sources, KUBELET_SKEW.source, CRIO_VERSION_POLICY.source,
    RUNTIME_CONFIG_MINIMUM.source, ...RUNTIME_FEATURES.flatMap((r) => r.sources),
  ];
  for (const s of sources) assert.match(s, /^https:\/\/[^\s]+$/);
});

const STANDINGS: readonly [Minor, string, string][] = [
  ['1.35', '1.7.27', 'below-minimum'],
  ['1.35', '1.7.28', 'listed'],
  ['1.35', '2.0.6', 'not-listed'],
  ['1.36', '2.0.7', 'not-listed'],
  ['1.36', '2.1.5', 'not-listed'],
  ['1.36', '2.2.0', 'listed'],
  ['1.36', '2.3.4', 'listed'],
  ['1.36', '2.4.0', 'newer'],
  ['1.34', '2.1.2', 'below-minimum'],
  ['1.32', '2.0.1', 'listed'],
  ['1.37', '1.7.28', 'no-row'],
  ['1.31', '1.6.20', 'no-row'],
];
for (const [target, version, kind] of STANDINGS) {
  test(`containerd ${version} for Kubernetes ${target}: ${kind}`, () => {
    assert.equal(containerdMatrixStanding(target, version).kind, kind);
  });
}

for (const [target, severity] of [['1.35', null], ['1.36', 'warning'], ['1.37', 'warning'], ['1.38', 'error']] as const) {
  test(`containerd 1.x severity at T=${target}: ${severity ?? 'none'}`, () => assert.equal(containerdV1Severity(target), severity));
}

test('containerd 1.x lines the cutoff is about: 1.6 and 1.7, not 1.5 or 2.x', () => {
  assert.deepEqual([[1, 5], [1, 6], [1, 7], [2, 0]].map(([a, b]) => isContainerdV1Line(a ?? 0, b ?? 0)), [false, true, true, false]);
});

test('cgroup v1 severity: warning below 1.35, error from it', () => {
  assert.deepEqual((['1.24', '1.34', '1.35', '1.38'] as const).map(cgroupV1Severity), ['warning', 'warning', 'error', 'error']);
});

const OS_IMAGES: readonly [string, boolean][] = [
  ['Amazon Linux 2', true],
  ['Amazon Linux 2023.6.20241010', false],
  ['Amazon Linux 2023', false],
  ['Ubuntu 20.04.6 LTS', true],
  ['Ubuntu 22.04.4 LTS', false],
  ['Ubuntu 24.04.1 LTS', false],
  ['Debian GNU/Linux 10 (buster)', true],
  ['Debian GNU/Linux 11 (bullseye)', false],
  ['CentOS Linux 8', true],
  ['CentOS Stream 8', true],
  ['Red Hat Enterprise Linux Server 7.9 (Maipo)', true],
  ['Red Hat Enterprise Linux CoreOS 413.92.202307260246-0 (Plow)', false],
  ['Oracle Linux Server 8.9', true],
  ['Rocky Linux 9.3 (Blue Onyx)', false],
  ['Container-Optimized OS from Google', false],
  ['Bottlerocket OS 1.20.3 (aws-k8s-1.29)', false],
  ['Windows Server 2019 Datacenter', false],
];
for (const [image, v1] of OS_IMAGES) {
  test(`OS image ${JSON.stringify(image)} ${v1 ? 'boots' : 'does not boot'} cgroup v1 by default`, () => {
    assert.equal(cgroupV1OsImage(image) !== undefined, v1);
  });
}

test('end of life is past only after the day', () => {
  assert.equal(containerdPastEndOfLife('2.2', '2026-11-06'), undefined);
  assert.equal(containerdPastEndOfLife('2.2', '2026-11-07')?.endOfLife, '2026-11-06');
  assert.equal(containerdPastEndOfLife('2.4', '2030-01-01'), undefined, 'a line without a row is not judged');
});

test('the oldest kubelet for a target: T minus 3', () => {
  assert.deepEqual((['1.36', '1.27', '1.24'] as const).map(oldestKubeletFor), ['1.33', '1.24', '1.21']);
});

const DEFAULTS: readonly [string | null, string, RegExp][] = [
  ['v1.33.5', '1.34', /^next minor after the server's v1\.33\.5$/],
  ['v1.29.6-gke.1038001', '1.30', /next minor after the server's v1\.29\.6-gke\.1038001/],
  ['v1.23.17-eks-8ccc7ba', '1.24', /next minor/],
  ['v1.21.14', '1.24', /at least 1\.24, the first release without dockershim/],
  [null, '1.24', /^no server version known: 1\.24, the first release without dockershim$/],
  ['not a version', '1.24', /no server version known/],
  ['v1.38.2', '1.38', /newest release these support facts cover/],
];
for (const [server, target, reason] of DEFAULTS) {
  test(`default target for server ${server ?? 'unknown'}: ${target}`, () => {
    const d = defaultTarget(server);
    assert.equal(d.target, target);
    assert.match(d.reason, reason);
  });
}

test('a requested target: parsed, refused above the newest known, refused when not 1.x', () => {
  assert.equal(resolveTarget('v1.36', 'v1.33.0', 'given with --target-version').reason, 'given with --target-version');
  assert.equal(resolveTarget('1.36.2', null).minor, '1.36');
  assert.throws(() => resolveTarget('1.39', null), (e: unknown) => e instanceof InvalidTargetError && /newest known target is 1\.38/.test(e.message));
  assert.throws(() => resolveTarget('2.0', null), InvalidTargetError);
  assert.throws(() => resolveTarget('latest', null), InvalidTargetError);
});

test('upgrade targets for the picker: from the next minor to the newest, the next preselected', () => {
  const targets = upgradeTargets('v1.33.5');
  assert.deepEqual(targets.map((t) => t.minor), ['1.34', '1.35', '1.36', '1.37', '1.38']);
  assert.deepEqual(targets.filter((t) => t.preselected).map((t) => t.minor), ['1.34']);
  assert.ok(targets.every((t) => t.runtimeChanges.length > 0));
  assert.deepEqual(upgradeTargets('v1.38.0').map((t) => t.minor), ['1.38']);
});
