// The support facts the upgrade-readiness rules judge by: which containerd lines Kubernetes
// supports, when each containerd line reaches its end of life, the cgroup v1 and containerd 1.x
// cutoffs, the kubelet skew policy, CRI-O's version policy, which runtime versions support which
// workload feature, and one line per Kubernetes release of what it changes in the runtime stack.
//
// Every row carries the URL it was read from. Updating the product for a new Kubernetes or
// containerd release is a change to this file plus a test row (test/core/support.test.ts); rule
// code never compares against a literal version. Pure data: no I/O.

import type { RuntimeFeature, Severity } from './model';

/** The day these facts were last checked against their sources. */
export const SUPPORT_FACTS_CHECKED = '2026-12-02';

/** A Kubernetes minor version written `X.Y`. */
export type Minor = `${number}.${number}`;

export interface Sourced {
  /** Where the fact was read. */
  readonly source: string;
}

// --------------------------------------------------------------------------------------------
// containerd ↔ Kubernetes: the "Kubernetes Support" table of containerd's RELEASES.md. A row
// lists, for one Kubernetes minor, each containerd minor line with the first patch release that
// is supported with it. Lines absent from a row are not supported with that Kubernetes version.

export interface ContainerdLineMinimum {
  /** containerd minor line, `X.Y`. */
  readonly line: Minor;
  /** First supported release of that line, `X.Y.Z`. */
  readonly minimum: string;
}

export interface ContainerdKubernetesRow extends Sourced {
  readonly kubernetes: Minor;
  /** Newest line first. */
  readonly lines: readonly ContainerdLineMinimum[];
}

const CONTAINERD_RELEASES = 'https://github.com/containerd/containerd/blob/main/RELEASES.md#kubernetes-support';

export const CONTAINERD_KUBERNETES_SUPPORT: readonly ContainerdKubernetesRow[] = [
  { kubernetes: '1.32', lines: [l('2.1', '2.1.0'), l('2.0', '2.0.1'), l('1.7', '1.7.24'), l('1.6', '1.6.36')], source: CONTAINERD_RELEASES },
  { kubernetes: '1.33', lines: [l('2.1', '2.1.0'), l('2.0', '2.0.4'), l('1.7', '1.7.24'), l('1.6', '1.6.36')], source: CONTAINERD_RELEASES },
  { kubernetes: '1.34', lines: [l('2.1', '2.1.3'), l('2.0', '2.0.6'), l('1.7', '1.7.28'), l('1.6', '1.6.39')], source: CONTAINERD_RELEASES },
  { kubernetes: '1.35', lines: [l('2.2', '2.2.0'), l('2.1', '2.1.5'), l('1.7', '1.7.28')], source: CONTAINERD_RELEASES },
  { kubernetes: '1.36', lines: [l('2.3', '2.3.0'), l('2.2', '2.2.0')], source: CONTAINERD_RELEASES },
];

function l(line: Minor, minimum: string): ContainerdLineMinimum {
  return { line, minimum };
}

// --------------------------------------------------------------------------------------------
// containerd end of life, per minor line (RELEASES.md "Support Horizon"). Where containerd gives
// only a month ("September 2026", "March, 2027"), the last day of that month is used.

export interface ContainerdEndOfLife extends Sourced {
  readonly line: Minor;
  /** ISO date, `YYYY-MM-DD`. */
  readonly endOfLife: string;
  /** How containerd words it, for the message. */
  readonly note?: string;
}

const CONTAINERD_HORIZON = 'https://github.com/containerd/containerd/blob/main/RELEASES.md#support-horizon';

export const CONTAINERD_END_OF_LIFE: readonly ContainerdEndOfLife[] = [
  { line: '1.5', endOfLife: '2023-02-28', source: CONTAINERD_HORIZON },
  { line: '1.6', endOfLife: '2025-08-23', source: CONTAINERD_HORIZON },
  { line: '1.7', endOfLife: '2026-09-30', note: 'extended LTS, "September 2026"', source: CONTAINERD_HORIZON },
  { line: '2.0', endOfLife: '2027-03-31', note: 'extended LTS, "March, 2027"', source: CONTAINERD_HORIZON },
  { line: '2.1', endOfLife: '2026-07-03', source: CONTAINERD_HORIZON },
  { line: '2.2', endOfLife: '2026-11-06', source: CONTAINERD_HORIZON },
  { line: '2.3', endOfLife: '2028-04-30', note: 'LTS', source: CONTAINERD_HORIZON },
];

// --------------------------------------------------------------------------------------------
// Cutoffs: the Kubernetes version at which something stops working. A cutoff that moves (the
// containerd 1.x one moved from 1.36 to 1.37 to 1.38) is changed here and nowhere else.

export interface ContainerdV1Cutoff extends Sourced {
  /**
   * The oldest 1.x line this cutoff is about. Older lines lack CRI v1 altogether and are judged by
   * the dockershim family's `containerd-too-old` instead.
   */
  readonly firstLine: Minor;
  /** From this target on, containerd 1.6/1.7 nodes are a warning (announced end of support). */
  readonly warnFrom: Minor;
  /** From this target on, they are an error: the kubelet no longer falls back for them. */
  readonly errorFrom: Minor;
  readonly sources: readonly string[];
}

/**
 * containerd 1.x lacks the CRI RuntimeConfig call (KEP-4033), so the kubelet falls back to its own
 * cgroupDriver setting and marks the runtime with `kubelet_cri_losing_support`. 1.35 was announced
 * as the last release supporting containerd 1.x; the kubelet code now keeps the fallback until 1.38.
 */
export const CONTAINERD_V1_CUTOFF: ContainerdV1Cutoff = {
  firstLine: '1.6',
  warnFrom: '1.36',
  errorFrom: '1.38',
  source: 'https://github.com/kubernetes/kubernetes/pull/139121',
  sources: [
    'https://kubernetes.io/blog/2025/12/17/kubernetes-v1-35-release/',
    'https://github.com/kubernetes/enhancements/pull/6087',
    'https://github.com/kubernetes/kubernetes/pull/139121',
  ],
};

export interface CgroupV1Cutoff extends Sourced {
  /** From this version, the kubelet refuses to start on a cgroup v1 host unless `failCgroupV1: false`. */
  readonly failByDefaultFrom: Minor;
  readonly sources: readonly string[];
}

export const CGROUP_V1_CUTOFF: CgroupV1Cutoff = {
  failByDefaultFrom: '1.35',
  source: 'https://kubernetes.io/blog/2025/12/17/kubernetes-v1-35-release/',
  sources: [
    'https://kubernetes.io/blog/2025/12/17/kubernetes-v1-35-release/',
    'https://github.com/kubernetes/kubernetes/pull/134298',
    'https://kubernetes.io/docs/concepts/architecture/cgroups/',
  ],
};

export interface KubeletSkewPolicy extends Sourced {
  /** A kubelet may be at most this many minors older than the API server. */
  readonly maxMinorsBehind: number;
}

export const KUBELET_SKEW: KubeletSkewPolicy = {
  maxMinorsBehind: 3,
  source: 'https://kubernetes.io/releases/version-skew-policy/#kubelet',
};

export interface CrioVersionPolicy extends Sourced {
  /** CRI-O's minor version follows the Kubernetes minor it is released for. */
  readonly minorFollowsKubernetes: true;
}

export const CRIO_VERSION_POLICY: CrioVersionPolicy = {
  minorFollowsKubernetes: true,
  source: 'https://github.com/cri-o/cri-o#compatibility-matrix-cri-o--kubernetes',
};

// --------------------------------------------------------------------------------------------
// Operating system images that boot cgroup v1 by default. A hint only: a kubelet metric saying 2
// beats it. Matched against `status.nodeInfo.osImage`.

export interface CgroupV1OsImage extends Sourced {
  /** What the message calls it. */
  readonly name: string;
  /** Matches an `osImage` that boots cgroup v1 by default. */
  readonly pattern: RegExp;
  /** What to move the node to: releases of the same family that boot cgroup v2 by default. */
  readonly moveTo: string;
}

const CGROUPS_DOC = 'https://kubernetes.io/docs/concepts/architecture/cgroups/#linux-distribution-cgroup-v2-support';

export const CGROUP_V1_OS_IMAGES: readonly CgroupV1OsImage[] = [
  // "Amazon Linux 2" but not "Amazon Linux 2023" (which boots cgroup v2).
  { name: 'Amazon Linux 2', pattern: /^Amazon Linux 2(?!\d)/i, moveTo: 'Amazon Linux 2023 or Bottlerocket', source: 'https://docs.aws.amazon.com/eks/latest/userguide/al2023.html' },
  { name: 'Ubuntu 21.04 or older', pattern: /^Ubuntu (?:(?:1\d|20)\.\d\d|21\.04)(?!\d)/i, moveTo: 'Ubuntu 22.04 LTS or newer', source: CGROUPS_DOC },
  { name: 'Debian 10 or older', pattern: /^Debian GNU\/Linux (?:[1-9]|10)(?!\d)/i, moveTo: 'Debian 11 or newer', source: CGROUPS_DOC },
  { name: 'CentOS Linux 7 or 8', pattern: /^CentOS Linux [78](?!\d)/i, moveTo: 'a RHEL-family 9 release (CentOS Stream 9, RHEL, Rocky or AlmaLinux 9)', source: CGROUPS_DOC },
  { name: 'CentOS Stream 8', pattern: /^CentOS Stream 8(?!\d)/i, moveTo: 'CentOS Stream 9 or another RHEL-family 9 release', source: CGROUPS_DOC },
  {
    name: 'RHEL, Rocky, AlmaLinux or Oracle Linux 7 or 8',
    // Red Hat Enterprise Linux CoreOS (OpenShift) is versioned by OpenShift and is not this.
    pattern: /^(?:Red Hat Enterprise Linux(?! CoreOS)(?: Server)?|Rocky Linux|AlmaLinux|Oracle Linux(?: Server)?) [78](?:\.\d+)?(?!\d)/i,
    moveTo: 'release 9 of the same distribution',
    source: CGROUPS_DOC,
  },
];

/** The kubelet asks the runtime for its cgroup driver (CRI RuntimeConfig, KEP-4033); these releases answer. */
export const RUNTIME_CONFIG_MINIMUM: Sourced & { readonly containerd: Minor; readonly 'cri-o': Minor } = {
  containerd: '2.0',
  'cri-o': '1.28',
  source: 'https://kubernetes.io/blog/2025/09/12/kubernetes-v1-34-cri-cgroup-driver-lookup-now-ga/',
};

// --------------------------------------------------------------------------------------------
// Workload features the node's runtime must support. Where a node reports its support
// (`status.runtimeHandlers[].features`, `status.features`), that answer wins; else these minimum
// versions. `null` means the runtime never supports it (Docker Engine through cri-dockerd); a
// runtime missing from a row is not known either way.

// The feature names are part of the report (`findings[].feature`), so model.ts owns the union.
export type { RuntimeFeature } from './model';

export interface RuntimeFeatureSupport {
  readonly feature: RuntimeFeature;
  /** How a pod asks for it, for messages. */
  readonly field: string;
  /** Minimum runtime version (`X.Y`) per runtime name; null: never supported. */
  readonly minimum: Readonly<Record<string, Minor | null>>;
  /** Where the node reports it, when it does. */
  readonly nodeField: string | null;
  readonly sources: readonly string[];
}

export const RUNTIME_FEATURES: readonly RuntimeFeatureSupport[] = [
  {
    feature: 'imageVolume',
    field: 'spec.volumes[].image',
    minimum: { containerd: '2.1', 'cri-o': '1.31', docker: null },
    nodeField: null,
    sources: [
      'https://kubernetes.io/docs/concepts/storage/volumes/#image',
      'https://github.com/containerd/containerd/releases/tag/v2.1.0',
      'https://github.com/Mirantis/cri-dockerd/issues/526',
    ],
  },
  {
    feature: 'userNamespaces',
    field: 'spec.hostUsers: false',
    minimum: { containerd: '2.0', 'cri-o': '1.25', docker: null },
    nodeField: 'status.runtimeHandlers[].features.userNamespaces',
    sources: [
      'https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/',
      'https://github.com/containerd/containerd/blob/main/docs/containerd-2.0.md',
    ],
  },
  {
    feature: 'recursiveReadOnlyMounts',
    field: 'volumeMounts[].recursiveReadOnly: Enabled',
    minimum: { containerd: '2.0', 'cri-o': '1.30', docker: null },
    nodeField: 'status.runtimeHandlers[].features.recursiveReadOnlyMounts',
    sources: [
      'https://kubernetes.io/docs/concepts/storage/volumes/#recursive-read-only-mounts',
      'https://kubernetes.io/blog/2024/04/23/recursive-read-only-mounts/',
    ],
  },
  {
    feature: 'supplementalGroupsPolicy',
    field: 'securityContext.supplementalGroupsPolicy: Strict',
    minimum: { containerd: '2.0', 'cri-o': '1.31', docker: null },
    nodeField: 'status.features.supplementalGroupsPolicy',
    sources: [
      'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#supplementalgroupspolicy',
      'https://kubernetes.io/blog/2024/08/22/fine-grained-supplementalgroups-control/',
    ],
  },
];

// --------------------------------------------------------------------------------------------
// What each Kubernetes release changes in the runtime stack: one line each, for the target
// picker and the reports. The newest row is the newest target the product can judge.

export interface KubernetesRelease extends Sourced {
  readonly minor: Minor;
  readonly runtimeChanges: string;
}

export const KUBERNETES_RELEASES: readonly KubernetesRelease[] = [
  { minor: '1.24', runtimeChanges: 'dockershim removed from the kubelet: Docker Engine nodes need cri-dockerd or another runtime', source: 'https://kubernetes.io/blog/2022/05/03/dockershim-historical-context/' },
  { minor: '1.25', runtimeChanges: 'cgroup v2 support is generally available', source: 'https://kubernetes.io/blog/2022/08/31/cgroupv2-ga-1-25/' },
  { minor: '1.26', runtimeChanges: 'the kubelet needs CRI v1: containerd 1.5 and older no longer work', source: 'https://kubernetes.io/blog/2022/11/18/upcoming-changes-in-kubernetes-1-26/' },
  { minor: '1.27', runtimeChanges: 'the kubelet flag --container-runtime is gone; the runtime endpoint moves into the kubelet config', source: 'https://github.com/kubernetes/kubernetes/pull/114017' },
  { minor: '1.28', runtimeChanges: 'kubelets may be up to three minors older than the API server', source: 'https://kubernetes.io/blog/2023/08/15/kubernetes-v1-28-release/' },
  { minor: '1.29', runtimeChanges: 'no runtime-stack removals', source: 'https://kubernetes.io/blog/2023/12/13/kubernetes-v1-29-release/' },
  { minor: '1.30', runtimeChanges: 'nodes report the runtime handlers their runtime loaded (status.runtimeHandlers)', source: 'https://github.com/kubernetes/kubernetes/pull/123180' },
  { minor: '1.31', runtimeChanges: 'cgroup v1 enters maintenance mode; the kubelet_cgroup_version metric appears', source: 'https://kubernetes.io/blog/2024/08/14/kubernetes-1-31-moving-cgroup-v1-support-maintenance-mode/' },
  { minor: '1.32', runtimeChanges: 'no runtime-stack removals', source: 'https://kubernetes.io/blog/2024/12/11/kubernetes-v1-32-release/' },
  { minor: '1.33', runtimeChanges: 'recursive read-only mounts are generally available', source: 'https://github.com/kubernetes/enhancements/pull/5486' },
  { minor: '1.34', runtimeChanges: 'the kubelet takes the cgroup driver from the runtime; old runtimes show kubelet_cri_losing_support', source: 'https://kubernetes.io/blog/2025/09/12/kubernetes-v1-34-cri-cgroup-driver-lookup-now-ga/' },
  { minor: '1.35', runtimeChanges: 'the kubelet refuses to start on cgroup v1 by default; announced as the last release for containerd 1.x', source: 'https://kubernetes.io/blog/2025/12/17/kubernetes-v1-35-release/' },
  { minor: '1.36', runtimeChanges: 'containerd lists only 2.2 and 2.3 as supported; image volumes and user namespaces are generally available', source: CONTAINERD_RELEASES },
  { minor: '1.37', runtimeChanges: 'the cgroup v1 override still works; containerd 1.x keeps the kubelet fallback one more release', source: 'https://github.com/kubernetes/enhancements/pull/6087' },
  { minor: '1.38', runtimeChanges: 'the kubelet drops the cgroup-driver fallback: containerd 1.x is no longer supported', source: 'https://github.com/kubernetes/kubernetes/pull/139121' },
];

// --------------------------------------------------------------------------------------------
// The official pages the runtime rules link in their remediation.

export const RUNTIME_DOCS = {
  containerdSupport: CONTAINERD_RELEASES,
  containerdHorizon: CONTAINERD_HORIZON,
  /** What containerd 2.0 removed, and `containerd config migrate`. */
  containerd2: 'https://github.com/containerd/containerd/blob/main/docs/containerd-2.0.md',
  containerdV1End: 'https://kubernetes.io/blog/2025/12/17/kubernetes-v1-35-release/',
  criLosingSupport: 'https://kubernetes.io/blog/2025/09/12/kubernetes-v1-34-cri-cgroup-driver-lookup-now-ga/',
  cgroups: 'https://kubernetes.io/docs/concepts/architecture/cgroups/',
  cgroupV1Fail: 'https://github.com/kubernetes/kubernetes/pull/134298',
  al2023: 'https://docs.aws.amazon.com/eks/latest/userguide/al2023.html',
  skew: KUBELET_SKEW.source,
  crio: CRIO_VERSION_POLICY.source,
} as const;

// --------------------------------------------------------------------------------------------
// Lookups over the tables. Kept here so rule code asks questions, not indexes arrays.

/** Parse `X.Y` (or `X.Y.Z`) into numbers; null when it is not one. */
export function minorParts(version: string): { major: number; minor: number; patch: number } | null {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(version);
  return m ? { major: Number(m[1]), minor: Number(m[2]), patch: m[3] === undefined ? 0 : Number(m[3]) } : null;
}

/** Compare two `X.Y[.Z]` versions: negative, zero or positive. Unparsable compares as 0.0.0. */
export function compareVersions(a: string, b: string): number {
  const x = minorParts(a) ?? { major: 0, minor: 0, patch: 0 };
  const y = minorParts(b) ?? { major: 0, minor: 0, patch: 0 };
  return x.major - y.major || x.minor - y.minor || x.patch - y.patch;
}

export function containerdSupportRow(kubernetes: Minor): ContainerdKubernetesRow | undefined {
  return CONTAINERD_KUBERNETES_SUPPORT.find((row) => row.kubernetes === kubernetes);
}

export function containerdEndOfLife(line: Minor): ContainerdEndOfLife | undefined {
  return CONTAINERD_END_OF_LIFE.find((row) => row.line === line);
}

export function runtimeFeatureSupport(feature: RuntimeFeature): RuntimeFeatureSupport {
  const row = RUNTIME_FEATURES.find((r) => r.feature === feature);
  if (!row) throw new Error(`no support row for runtime feature ${feature}`);
  return row;
}

export function kubernetesRelease(minor: Minor): KubernetesRelease | undefined {
  return KUBERNETES_RELEASES.find((r) => r.minor === minor);
}

/** The newest Kubernetes minor these facts cover: the highest target the product can judge. */
export function newestKnownMinor(): Minor {
  const newest = KUBERNETES_RELEASES[KUBERNETES_RELEASES.length - 1];
  if (!newest) throw new Error('KUBERNETES_RELEASES is empty');
  return newest.minor;
}

/** `X.Y` of a major and minor. */
export function minorOf(major: number, minor: number): Minor {
  return `${major}.${minor}`;
}

/** True when `a` (`X.Y[.Z]`) is at least `b`. */
export function atLeast(a: string, b: string): boolean {
  return compareVersions(a, b) >= 0;
}

/**
 * Where a containerd release stands in containerd's support table for Kubernetes `target`:
 * - `no-row`: the table has no row for that Kubernetes version, so it says nothing;
 * - `listed`: its line is listed and the release is at least that line's minimum;
 * - `below-minimum`: its line is listed with a higher first supported patch;
 * - `not-listed`: its line is absent and older than the newest line listed;
 * - `newer`: its line is newer than every listed line (not yet in the table; not flagged).
 */
export type ContainerdMatrixStanding =
  | { readonly kind: 'no-row' }
  | { readonly kind: 'listed'; readonly row: ContainerdKubernetesRow }
  | { readonly kind: 'below-minimum'; readonly row: ContainerdKubernetesRow; readonly minimum: string }
  | { readonly kind: 'not-listed'; readonly row: ContainerdKubernetesRow }
  | { readonly kind: 'newer'; readonly row: ContainerdKubernetesRow };

export function containerdMatrixStanding(target: Minor, version: string): ContainerdMatrixStanding {
  const row = containerdSupportRow(target);
  const parts = minorParts(version);
  if (!row || !parts) return { kind: 'no-row' };
  const line = minorOf(parts.major, parts.minor);
  const listed = row.lines.find((l) => l.line === line);
  if (listed) {
    return compareVersions(version, listed.minimum) < 0 ? { kind: 'below-minimum', row, minimum: listed.minimum } : { kind: 'listed', row };
  }
  const newest = row.lines.reduce<string | null>((max, l) => (max === null || compareVersions(l.line, max) > 0 ? l.line : max), null);
  if (newest !== null && compareVersions(line, newest) > 0) return { kind: 'newer', row };
  return { kind: 'not-listed', row };
}

/** How containerd's row for a Kubernetes version reads: `2.3.0+, 2.2.0+`. */
export function describeContainerdRow(row: ContainerdKubernetesRow): string {
  return row.lines.map((l) => `${l.minimum}+`).join(', ');
}

/** True for a containerd 1.x line the containerd 1.x cutoff is about (1.6, 1.7). */
export function isContainerdV1Line(major: number, minor: number): boolean {
  return major === 1 && atLeast(minorOf(major, minor), CONTAINERD_V1_CUTOFF.firstLine);
}

/** The severity of a containerd 1.6/1.7 node for `target`: null below the warning cutoff. */
export function containerdV1Severity(target: Minor): Severity | null {
  if (atLeast(target, CONTAINERD_V1_CUTOFF.errorFrom)) return 'error';
  if (atLeast(target, CONTAINERD_V1_CUTOFF.warnFrom)) return 'warning';
  return null;
}

/** The severity of a cgroup v1 node for `target`: an error once the kubelet refuses to start on one. */
export function cgroupV1Severity(target: Minor): Severity {
  return atLeast(target, CGROUP_V1_CUTOFF.failByDefaultFrom) ? 'error' : 'warning';
}

/** The OS image row an `osImage` matches when it boots cgroup v1 by default, else undefined. */
export function cgroupV1OsImage(osImage: string): CgroupV1OsImage | undefined {
  const image = osImage.trim();
  return CGROUP_V1_OS_IMAGES.find((row) => row.pattern.test(image));
}

/** The oldest kubelet minor the skew policy allows with an API server at `target`. */
export function oldestKubeletFor(target: Minor): Minor {
  const parts = minorParts(target);
  if (!parts) throw new Error(`not a Kubernetes minor: ${target}`);
  return minorOf(parts.major, Math.max(0, parts.minor - KUBELET_SKEW.maxMinorsBehind));
}

/** True when a containerd line's end of life (by containerd's table) is before `today` (`YYYY-MM-DD`). */
export function containerdPastEndOfLife(line: Minor, today: string): ContainerdEndOfLife | undefined {
  const row = containerdEndOfLife(line);
  return row && row.endOfLife < today ? row : undefined;
}

/** Every Kubernetes minor these facts know, oldest first, with what it changes in the runtime stack. */
export function knownTargets(): readonly KubernetesRelease[] {
  return KUBERNETES_RELEASES;
}
