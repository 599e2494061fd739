// The Kubernetes version a readiness check judges for (the target T), and why. By default T is the
// minor after the server's, and at least 1.24 (the first release without dockershim); a target
// newer than the support facts cover is refused, since no rule could judge it honestly.
// The VS Code target picker asks `upgradeTargets` for its list; every report carries the reason.

import type { KubeVersion } from '../model';
import { KUBERNETES_RELEASES, compareVersions, minorOf, newestKnownMinor, type KubernetesRelease, type Minor } from '../support';
import { parseKubeVersion } from '../versions';

export class InvalidTargetError extends Error {
  constructor(readonly value: string, message?: string) {
    super(message ?? `"${value}" is not a Kubernetes version; use a version such as 1.24 or v1.29`);
    this.name = 'InvalidTargetError';
  }
}

export interface ResolvedTarget {
  readonly version: KubeVersion;
  /** `X.Y`. */
  readonly minor: Minor;
  /** One phrase for the report: why this target. */
  readonly reason: string;
}

/** The oldest target judged by default: the first row of KUBERNETES_RELEASES (1.24, dockershim gone). */
export function firstTarget(): Minor {
  const first = KUBERNETES_RELEASES[0];
  if (!first) throw new Error('KUBERNETES_RELEASES is empty');
  return first.minor;
}

/** The default target for a server version (null or unreadable: not known). */
export function defaultTarget(serverVersion: string | null): { readonly target: Minor; readonly reason: string } {
  const server = parseKubeVersion(serverVersion);
  const first = firstTarget();
  const newest = newestKnownMinor();
  if (!server || server.major !== 1) {
    return { target: first, reason: `no server version known: ${first}, the first release without dockershim` };
  }
  const next = minorOf(server.major, server.minor + 1);
  if (compareVersions(next, first) < 0) {
    return { target: first, reason: `the next minor after the server's ${server.raw} is ${next}; at least ${first}, the first release without dockershim` };
  }
  if (compareVersions(next, newest) > 0) {
    return { target: newest, reason: `the server's ${server.raw} is at or past ${newest}, the newest release these support facts cover` };
  }
  return { target: next, reason: `next minor after the server's ${server.raw}` };
}

/**
 * The target for a check: `requested` when given (`--target-version`, the targetVersion setting),
 * else `defaultTarget`. Throws InvalidTargetError for a string that is not a 1.x version, and for a
 * target newer than `newestKnownMinor()`.
 */
export function resolveTarget(requested: string | undefined, serverVersion: string | null, requestedReason = 'as requested'): ResolvedTarget {
  if (requested !== undefined) {
    const parsed = parseKubeVersion(requested);
    if (!parsed || parsed.major !== 1) throw new InvalidTargetError(requested);
    const minor = minorOf(parsed.major, parsed.minor);
    const newest = newestKnownMinor();
    if (compareVersions(minor, newest) > 0) {
      throw new InvalidTargetError(requested, `Kubernetes ${minor} is newer than any release the support facts cover; the newest known target is ${newest}`);
    }
    return { version: parsed, minor, reason: requestedReason };
  }
  const { target, reason } = defaultTarget(serverVersion);
  return { version: asVersion(target), minor: target, reason };
}

export interface UpgradeTarget extends KubernetesRelease {
  /** The default target for this server: the picker preselects it. */
  readonly preselected: boolean;
}

/**
 * The targets a person can pick for a server version: from the default target up to the newest
 * release the facts cover, each with its one line of runtime-stack changes.
 */
export function upgradeTargets(serverVersion: string | null): readonly UpgradeTarget[] {
  const { target } = defaultTarget(serverVersion);
  return KUBERNETES_RELEASES
    .filter((r) => compareVersions(r.minor, target) >= 0)
    .map((r) => ({ ...r, preselected: r.minor === target }));
}

function asVersion(minor: Minor): KubeVersion {
  const [major, min] = minor.split('.').map(Number) as [number, number];
  return { major, minor: min, patch: 0, suffix: '', raw: `v${minor}.0` };
}
