// `/version`: the full version.Info of a real apiserver, derived from the scenario's gitVersion.

import { createHash } from 'node:crypto';

export const DEFAULT_SERVER_VERSION = 'v1.30.0';

/** Go release each Kubernetes minor was built with (its first patch releases). */
const GO_VERSIONS: Record<number, string> = {
  20: 'go1.15.5', 21: 'go1.16.1', 22: 'go1.16.15', 23: 'go1.17.5', 24: 'go1.18.1', 25: 'go1.19.1', 26: 'go1.19.5',
  27: 'go1.20.3', 28: 'go1.20.7', 29: 'go1.21.5', 30: 'go1.22.2', 31: 'go1.22.5', 32: 'go1.23.3', 33: 'go1.24.2',
  34: 'go1.24.6', 35: 'go1.25.5',
};

export interface VersionInfo {
  major: string;
  minor: string;
  gitVersion: string;
  gitCommit: string;
  gitTreeState: string;
  buildDate: string;
  goVersion: string;
  compiler: string;
  platform: string;
}

export function versionInfo(gitVersion: string): VersionInfo {
  const normalized = gitVersion.startsWith('v') ? gitVersion : `v${gitVersion}`;
  const m = /^v(\d+)\.(\d+)(?:\.(\d+))?(.*)$/.exec(normalized);
  const major = m?.[1] ?? '1';
  const minorNumber = Number(m?.[2] ?? '30');
  // Vendor builds (v1.29.6-eks-…, v1.30.2-gke.1) report the minor with a "+", as EKS and GKE do.
  const vendor = m?.[4] !== undefined && /^[-+][a-z]/i.test(m[4]) && !/^-(alpha|beta|rc)/.test(m[4]);
  return {
    major,
    minor: `${minorNumber}${vendor ? '+' : ''}`,
    gitVersion: normalized,
    gitCommit: createHash('sha1').update(normalized).digest('hex'),
    gitTreeState: 'clean',
    buildDate: buildDate(minorNumber, Number(m?.[3] ?? '0')),
    goVersion: GO_VERSIONS[minorNumber] ?? 'go1.22.2',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

/** Minors ship every four months (1.27 in April 2023); patch N lands about N months later. */
function buildDate(minor: number, patch: number): string {
  const k = minor - 27;
  const year = 2023 + Math.floor(k / 3);
  const month = [4, 8, 12][((k % 3) + 3) % 3] ?? 4;
  const shifted = new Date(Date.UTC(year, month - 1 + patch, 15, 9, 30, 0));
  return shifted.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
