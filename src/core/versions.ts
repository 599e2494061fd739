// Parsing the version strings nodes and servers report, vendor suffixes included.
//   kubelet / server: v1.23.15-eks-49d8fe8, v1.29.6-gke.1038001, v1.30.4+k3s1, v1.28.8+rke2r1,
//                     v1.26.7+0ef5eae (OpenShift), v1.20.0-1030+cac2421340a449, v1.30.0+k0s
//   runtime:          containerd://1.7.7-k3s1.27, containerd://1.6.20+bottlerocket,
//                     docker://3.0.10+azure, cri-o://1.26.4-3.rhaos4.13.git615a02c.el9, docker://Unknown

import type { KubeVersion, RuntimeVersion } from './model';

const KUBE_VERSION = /^v?(\d{1,4})\.(\d{1,4})(?:\.(\d{1,6}))?(.*)$/s;
const RUNTIME_VERSION = /^v?(\d{1,6})\.(\d{1,6})(?:\.(\d{1,9}))?(.*)$/s;

/** A Kubernetes version, or null when the string is not one. Never throws. */
export function parseKubeVersion(raw: unknown): KubeVersion | null {
  if (typeof raw !== 'string') return null;
  const text = raw.trim();
  const match = KUBE_VERSION.exec(text);
  if (!match) return null;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  if (!Number.isSafeInteger(major) || !Number.isSafeInteger(minor)) return null;
  return { major, minor, patch: match[3] === undefined ? 0 : Number(match[3]), suffix: match[4] ?? '', raw };
}

/** Compare major.minor only (vendor suffixes and patch levels do not change API behaviour). */
export function minorAtLeast(version: KubeVersion | null, major: number, minor: number): boolean {
  if (!version) return false;
  return version.major > major || (version.major === major && version.minor >= minor);
}

export function formatMinor(version: KubeVersion): string {
  return `${version.major}.${version.minor}`;
}

const UNKNOWN_RUNTIME = (raw: string, name = 'unknown'): RuntimeVersion => ({
  name, version: null, major: null, minor: null, patch: null, suffix: '', raw,
});

/**
 * `status.nodeInfo.containerRuntimeVersion` → name, version and vendor suffix.
 * The kubelet writes `<runtime name>://<runtime version>`; the version is `Unknown` when the runtime
 * did not answer. Anything else (empty, no scheme) is reported as runtime `unknown`.
 */
export function parseRuntimeVersion(raw: unknown): RuntimeVersion {
  const text = typeof raw === 'string' ? raw.trim() : '';
  const split = text.indexOf('://');
  if (split <= 0) return UNKNOWN_RUNTIME(text);
  const name = normaliseRuntimeName(text.slice(0, split));
  const rest = text.slice(split + 3);
  const match = RUNTIME_VERSION.exec(rest);
  if (!match) return UNKNOWN_RUNTIME(text, name);
  const [major, minor] = [Number(match[1]), Number(match[2])];
  const patch = match[3] === undefined ? null : Number(match[3]);
  const version = patch === null ? `${major}.${minor}` : `${major}.${minor}.${patch}`;
  return { name, version, major, minor, patch, suffix: match[4] ?? '', raw: text };
}

function normaliseRuntimeName(name: string): string {
  const lower = name.toLowerCase();
  if (lower === 'crio') return 'cri-o';
  return lower;
}

/** True when a runtime version is below `major.minor.patch`. Unknown versions are not "below". */
export function runtimeBelow(runtime: RuntimeVersion, major: number, minor: number, patch: number): boolean {
  if (runtime.major === null || runtime.minor === null) return false;
  if (runtime.major !== major) return runtime.major < major;
  if (runtime.minor !== minor) return runtime.minor < minor;
  return (runtime.patch ?? 0) < patch;
}
