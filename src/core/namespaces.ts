// Which namespaces' workloads a diagnosis judges: an include list (empty: all) and an exclude
// list, an option of the diagnosis (`FinishOptions.namespaces`) used alike by the extension
// (`k8sAnatomy.namespaces.include` / `.exclude`) and the CLI (`--namespace`, `--exclude-namespace`).
// Cluster-scoped subjects (Nodes) are always in scope; so is the anatomy: nodes, RuntimeClasses
// and the control plane are read and drawn whatever the filter says. Pure.

import type { CoverageGap, Finding } from './model';

export interface NamespaceFilter {
  /** Only these namespaces (empty: all). */
  readonly include: readonly string[];
  /** Never these namespaces (applied after include). */
  readonly exclude: readonly string[];
}

/** No filter: every namespace counts. */
export const ALL_NAMESPACES: NamespaceFilter = { include: [], exclude: [] };

/** A Kubernetes namespace name: a DNS-1123 label (lower-case letters, digits and `-`, at most 63). */
export function isNamespaceName(value: string): boolean {
  return /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(value);
}

export function isFiltering(filter: NamespaceFilter): boolean {
  return filter.include.length > 0 || filter.exclude.length > 0;
}

/** Is a subject in this namespace judged? `''` (cluster-scoped: Nodes) always is. */
export function inScope(namespace: string, filter: NamespaceFilter): boolean {
  if (namespace === '') return true;
  if (filter.include.length > 0 && !filter.include.includes(namespace)) return false;
  return !filter.exclude.includes(namespace);
}

/** A gap confined to one namespace counts only when that namespace is judged; any other gap always counts. */
export function gapInScope(gap: CoverageGap, filter: NamespaceFilter): boolean {
  return gap.namespace === undefined || inScope(gap.namespace, filter);
}

/** The findings and coverage gaps that count under a filter (the same lists when it filters nothing). */
export function scoped(findings: readonly Finding[], gaps: readonly CoverageGap[], filter: NamespaceFilter): { findings: Finding[]; gaps: CoverageGap[] } {
  if (!isFiltering(filter)) return { findings: [...findings], gaps: [...gaps] };
  return {
    findings: findings.filter((f) => inScope(f.subject.namespace, filter)),
    gaps: gaps.filter((g) => gapInScope(g, filter)),
  };
}

/**
 * Namespaces where the anatomy's own pods live — control-plane components (`kube-system`,
 * OpenShift's `openshift-*`) and CNI agents (`calico-system`, `kube-flannel`, any `*-system`):
 * the places where `identifyComponent` and `identifyCni` (core/controlPlane.ts) look. A reader
 * that lists only some namespaces' pods lists these too, so the picture does not change.
 */
export function isPlatformNamespace(namespace: string): boolean {
  return namespace === 'kube-system' || namespace.startsWith('openshift-') || namespace.endsWith('-system') || namespace === 'kube-flannel';
}

/**
 * Which namespaces' pods to list when the filter has an include list: those, and every platform
 * namespace of `existing` (the cluster's namespaces; null when they could not be listed, then
 * `kube-system` stands for them). Sorted, each once. Undefined when everything must be listed.
 */
export function podNamespacesToRead(filter: NamespaceFilter, existing: readonly string[] | null): string[] | undefined {
  const judged = workloadNamespacesToRead(filter);
  if (judged === undefined) return undefined;
  const platform = existing === null ? ['kube-system'] : existing.filter(isPlatformNamespace);
  return [...new Set([...judged, ...platform])].sort();
}

/** Which namespaces' workloads (Deployments, Jobs...) to list: the judged ones of an include list; undefined: all. */
export function workloadNamespacesToRead(filter: NamespaceFilter): string[] | undefined {
  if (filter.include.length === 0) return undefined;
  return [...new Set(filter.include.filter((ns) => !filter.exclude.includes(ns)))].sort();
}
