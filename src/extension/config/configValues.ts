// Pure helpers behind the Config class: turning raw setting values (whatever a user or a
// settings.json typed) into the typed values the extension uses. No vscode import, so the unit
// tests load this file directly.

import { isAbsolute, join, resolve } from 'node:path';
import { SETTINGS, type SettingKey } from '../constants';
import { isNamespaceName } from '../../core/namespaces';

/** Settings whose change means the cluster must be read again (a new LiveCluster). */
export const RECONNECT_SETTINGS: readonly SettingKey[] = [
  SETTINGS.kubeconfig,
  SETTINGS.context,
  SETTINGS.namespacesInclude,
  SETTINGS.namespacesExclude,
  SETTINGS.targetVersion,
  SETTINGS.kubeletProbe,
  SETTINGS.configz,
  SETTINGS.watchEnabled,
];

/**
 * `k8sAnatomy.kubeletProbe`, with `k8sAnatomy.configz` (its deprecated old name) still honoured:
 * either one set to true turns the probe on; both off by default.
 */
export function kubeletProbeSetting(probe: unknown, configz: unknown): boolean {
  return booleanSetting(probe, false) || booleanSetting(configz, false);
}

/** Settings whose change means the workspace manifests must be scanned again (or cleared). */
export const RESCAN_SETTINGS: readonly SettingKey[] = [SETTINGS.workspaceScanEnabled, SETTINGS.targetVersion];

export interface PathContext {
  readonly home: string;
  /** First workspace folder, for relative paths and `${workspaceFolder}`. */
  readonly workspaceFolder?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** A list of non-empty strings from a string, an array, or anything else (→ []). */
export function stringList(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() ? [value.trim()] : [];
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter((v) => v.length > 0);
}

/** `~`, `${userHome}`, `${workspaceFolder}` and `${env:NAME}` expanded; relative paths resolved against the workspace. */
export function expandPath(raw: string, context: PathContext): string {
  let path = raw.trim()
    .replace(/\$\{userHome\}/g, context.home)
    .replace(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => context.env?.[name] ?? '');
  if (context.workspaceFolder) path = path.replace(/\$\{workspaceFolder\}/g, context.workspaceFolder);
  if (path === '~') return context.home;
  if (path.startsWith('~/') || path.startsWith('~\\')) path = join(context.home, path.slice(2));
  if (!isAbsolute(path) && context.workspaceFolder) path = resolve(context.workspaceFolder, path);
  return path;
}

/**
 * The kubeconfig file(s) to load: ours (`k8sAnatomy.kubeconfig`, a path or a list) when set, else
 * the Kubernetes extension's `vs-kubernetes.kubeconfig`, else undefined (KUBECONFIG or
 * ~/.kube/config, as kubectl does).
 */
export function resolveKubeconfig(ours: unknown, theirs: unknown, context: PathContext): { paths: string[]; from: 'k8sAnatomy' | 'vs-kubernetes' } | undefined {
  const own = stringList(ours);
  if (own.length > 0) return { paths: own.map((p) => expandPath(p, context)), from: 'k8sAnatomy' };
  const other = stringList(theirs);
  if (other.length > 0) return { paths: other.map((p) => expandPath(p, context)), from: 'vs-kubernetes' };
  return undefined;
}

/** A Kubernetes minor version as `1.N` (`v1.24.3` → `1.24`), or null when empty or not a version. */
export function normaliseTargetVersion(value: unknown): { value: string | null; invalid: boolean } {
  if (typeof value !== 'string' || value.trim() === '') return { value: null, invalid: false };
  const match = /^v?(1)\.(\d{1,3})(?:\.\d+)?$/.exec(value.trim());
  return match ? { value: `${match[1]}.${Number(match[2])}`, invalid: false } : { value: null, invalid: true };
}

/** Namespace names are DNS labels (core's isNamespaceName); anything else in the list is dropped (and reported). */
export function namespaceList(value: unknown): { names: string[]; rejected: string[] } {
  const names: string[] = [];
  const rejected: string[] = [];
  for (const item of stringList(value)) {
    if (isNamespaceName(item)) {
      if (!names.includes(item)) names.push(item);
    } else {
      rejected.push(item);
    }
  }
  return { names, rejected };
}

export function booleanSetting(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

/** The context name, trimmed; null when unset. */
export function contextName(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** A whole number setting within [min, max]; anything else (a string, 2.5, out of range) is the default. */
export function integerSetting(value: unknown, fallback: number, min: number, max: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : fallback;
}
