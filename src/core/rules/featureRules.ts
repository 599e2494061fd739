// runtime-feature-missing: a pod or pod template asks for something its node's runtime must
// implement (an image volume, a user namespace, a recursive read-only mount, the Strict
// supplemental-groups policy). Which nodes can is read from what they report
// (`status.runtimeHandlers[].features`, `status.features`), else from the support table by runtime
// name and version (support.ts); the workload is judged against the nodes it can be scheduled on.

import type { CoverageGap, Finding, NodeFacts, ObjectRef, RuntimeVersion, Severity } from '../model';
import { arr, dig, isRecord, str } from '../read';
import { compareVersions, runtimeFeatureSupport, type RuntimeFeature } from '../support';
import { ruleInfo } from './catalog';
import { canSchedule, type PodScheduling, type RuntimeClassScheduling } from './scheduling';

export const FEATURE_RULE = 'runtime-feature-missing';

/** Where one pod spec asks for a runtime feature. */
export interface FeatureUse {
  readonly feature: RuntimeFeature;
  /** Path relative to the pod spec, e.g. `volumes[1].image`, `hostUsers`. */
  readonly specPath: string;
  /** Containers concerned (the ones that mount the volume, or that carry the mount). */
  readonly containers: readonly string[];
}

const CONTAINER_LISTS = ['initContainers', 'containers'] as const;

/** Every use of a runtime feature in a pod spec, in spec order. */
export function featureUses(spec: unknown): FeatureUse[] {
  const out: FeatureUse[] = [];
  const mountedBy = new Map<string, string[]>();
  const rro: { path: string; container: string }[] = [];
  for (const list of CONTAINER_LISTS) {
    arr(dig(spec, list)).forEach((container, ci) => {
      if (!isRecord(container)) return;
      const name = str(container['name']) || '(unnamed)';
      arr(container['volumeMounts']).forEach((mount, mi) => {
        const volume = str(dig(mount, 'name'));
        if (volume) mountedBy.set(volume, [...new Set([...(mountedBy.get(volume) ?? []), name])]);
        if (str(dig(mount, 'recursiveReadOnly')) === 'Enabled') rro.push({ path: `${list}[${ci}].volumeMounts[${mi}].recursiveReadOnly`, container: name });
      });
    });
  }
  arr(dig(spec, 'volumes')).forEach((volume, index) => {
    if (!isRecord(dig(volume, 'image'))) return;
    out.push({ feature: 'imageVolume', specPath: `volumes[${index}].image`, containers: mountedBy.get(str(dig(volume, 'name'))) ?? [] });
  });
  if (dig(spec, 'hostUsers') === false) out.push({ feature: 'userNamespaces', specPath: 'hostUsers', containers: [] });
  for (const use of rro) out.push({ feature: 'recursiveReadOnlyMounts', specPath: use.path, containers: [use.container] });
  if (str(dig(spec, 'securityContext', 'supplementalGroupsPolicy')) === 'Strict') {
    out.push({ feature: 'supplementalGroupsPolicy', specPath: 'securityContext.supplementalGroupsPolicy', containers: [] });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// One node's support for one feature, for one runtime handler.

export interface NodeSupport {
  readonly answer: 'yes' | 'no' | 'unknown';
  /** Why, in words, for the message: what the node reports or what its runtime version implies. */
  readonly why: string;
  /** Where the answer comes from: the node's own status, or the support table by runtime version. */
  readonly source: 'node' | 'table';
}

const FEATURE_WORDS: Readonly<Record<RuntimeFeature, string>> = {
  imageVolume: 'image volumes',
  userNamespaces: 'user namespaces',
  recursiveReadOnlyMounts: 'recursive read-only mounts',
  supplementalGroupsPolicy: 'supplementalGroupsPolicy: Strict',
};

/** Features a node reports per runtime handler; the others are reported for the runtime or not at all. */
function perHandler(feature: RuntimeFeature): feature is 'userNamespaces' | 'recursiveReadOnlyMounts' {
  return feature === 'userNamespaces' || feature === 'recursiveReadOnlyMounts';
}

const RUNTIME_NAMES: Readonly<Record<string, string>> = { containerd: 'containerd', 'cri-o': 'CRI-O', docker: 'Docker Engine' };

/** "containerd 2.1 or newer, CRI-O 1.31 or newer", from the support table. */
export function minimumsInWords(feature: RuntimeFeature): string {
  return Object.entries(runtimeFeatureSupport(feature).minimum)
    .flatMap(([runtime, minimum]) => (minimum === null ? [] : [`${RUNTIME_NAMES[runtime] ?? runtime} ${minimum} or newer`]))
    .join(' or ');
}

/** What `nodeSupport` reads of a node: its runtime and what it reports (a NodeFacts, or a report's node). */
export interface SupportNode {
  readonly runtime: Pick<RuntimeVersion, 'name' | 'version' | 'raw'>;
  readonly runtimeHandlers?: NodeFacts['runtimeHandlers'] | undefined;
  readonly criFeatures?: NodeFacts['criFeatures'] | undefined;
}

/** What the support table says of the node's runtime (name and version) for a feature. */
function tableSupport(node: SupportNode, feature: RuntimeFeature): NodeSupport {
  const words = FEATURE_WORDS[feature];
  const runtime = node.runtime;
  const minimum = runtimeFeatureSupport(feature).minimum[runtime.name];
  const label = `${RUNTIME_NAMES[runtime.name] ?? runtime.name} ${runtime.version ?? ''}`.trim();
  if (minimum === undefined) return { answer: 'unknown', why: `its runtime ${JSON.stringify(runtime.raw)} is not in the support table for ${words}`, source: 'table' };
  if (minimum === null) return { answer: 'no', why: `${label} does not support ${words}`, source: 'table' };
  if (runtime.version === null) return { answer: 'unknown', why: `its runtime version ${JSON.stringify(runtime.raw)} could not be read`, source: 'table' };
  if (compareVersions(runtime.version, minimum) < 0) {
    return { answer: 'no', why: `${label} lacks ${words}, which need ${minimumsInWords(feature)}`, source: 'table' };
  }
  return { answer: 'yes', why: `${label} supports ${words}`, source: 'table' };
}

/**
 * Can this node run a pod that uses `feature` with runtime handler `handler` (`""`: the default;
 * null: the pod names a RuntimeClass that was not read, so its handler is not known)?
 * 1. What the node reports wins: the handler's `features` (user namespaces, recursive read-only
 *    mounts) or `status.features` (supplementalGroupsPolicy). A node that lists its handlers but
 *    not the named one cannot run the pod at all.
 * 2. Else the support table, by runtime name and version. The table speaks for the CRI runtime; for
 *    a per-handler feature and a named handler (gVisor, Kata...) it can only say no, never yes.
 */
export function nodeSupport(node: SupportNode, feature: RuntimeFeature, handler: string | null): NodeSupport {
  const words = FEATURE_WORDS[feature];
  const table = tableSupport(node, feature);
  if (handler === null) {
    return table.answer === 'no' ? table : { answer: 'unknown', why: 'the pod\'s RuntimeClass was not read, so its runtime handler is not known', source: 'table' };
  }
  const handlers = node.runtimeHandlers && node.runtimeHandlers.length > 0 ? node.runtimeHandlers : null;
  const listed = handlers?.find((h) => h.name === handler);
  if (handlers && handler !== '' && !listed) {
    return { answer: 'no', why: `its runtime does not list the handler "${handler}" in status.runtimeHandlers`, source: 'node' };
  }
  const handlerWords = handler === '' ? 'its default runtime handler' : `its handler "${handler}"`;
  if (perHandler(feature) && listed) {
    const reported = listed.features[feature];
    if (reported !== null) return { answer: reported ? 'yes' : 'no', why: `${handlerWords} reports ${feature}: ${String(reported)}`, source: 'node' };
  }
  if (feature === 'supplementalGroupsPolicy' && node.criFeatures && node.criFeatures.supplementalGroupsPolicy !== null) {
    const reported = node.criFeatures.supplementalGroupsPolicy;
    return { answer: reported ? 'yes' : 'no', why: `it reports status.features.supplementalGroupsPolicy: ${String(reported)}`, source: 'node' };
  }
  if (table.answer === 'yes' && perHandler(feature) && handler !== '') {
    return { answer: 'unknown', why: `${table.why}, but the node does not report whether its handler "${handler}" does (${words})`, source: 'table' };
  }
  return table;
}

// ---------------------------------------------------------------------------------------------
// Judging the workloads.

/** One pod or pod template's use of a feature, already attributed to its owner. */
export interface AttributedFeatureUse {
  readonly subject: ObjectRef;
  /** The full field path on the subject, e.g. `spec.template.spec.volumes[1].image`. */
  readonly path: string;
  readonly use: FeatureUse;
  readonly scheduling: PodScheduling;
  readonly location?: { readonly file: string; readonly line: number };
}

export interface RuntimeClassLookup {
  /** The class's handler and scheduling, or undefined when no such RuntimeClass was read. */
  (name: string): { readonly handler: string; readonly scheduling: RuntimeClassScheduling } | undefined;
}

/** The catalog's page for this feature (the catalog lists one per feature, from the support table's sources). */
function featureDocs(docs: readonly string[], feature: RuntimeFeature): readonly string[] {
  const sources = runtimeFeatureSupport(feature).sources;
  const mine = docs.filter((d) => sources.includes(d));
  return mine.length > 0 ? mine : docs;
}

const MAX_NAMED = 3;

/** A Kubernetes name is at most 253 characters; a dump may hold anything. */
function bounded(name: string): string {
  return name.length > 253 ? `${name.slice(0, 253)}…` : name;
}

function someNames(names: readonly string[]): string {
  const shown = names.slice(0, MAX_NAMED).map(bounded).join(', ');
  return names.length > MAX_NAMED ? `${shown} and ${names.length - MAX_NAMED} more` : shown;
}

/** "ip-a, ip-b (containerd 1.7.27 does not support ...); ip-c (...)": nodes grouped by reason. */
function byReason(entries: readonly { node: string; why: string }[]): string {
  const groups = new Map<string, string[]>();
  for (const e of entries) groups.set(e.why, [...(groups.get(e.why) ?? []), e.node]);
  return [...groups.entries()].map(([why, nodes]) => `${someNames(nodes)} (${why})`).join('; ');
}

const USE_WORDS: Readonly<Record<RuntimeFeature, string>> = {
  imageVolume: 'mounts an image volume',
  userNamespaces: 'runs in a user namespace (hostUsers: false)',
  recursiveReadOnlyMounts: 'asks for a recursive read-only mount (recursiveReadOnly: Enabled)',
  supplementalGroupsPolicy: 'sets supplementalGroupsPolicy: Strict',
};

const FAILURE_WORDS: Readonly<Record<RuntimeFeature, string>> = {
  imageVolume: 'its pods fail to start there',
  userNamespaces: 'the kubelet there rejects its pods',
  recursiveReadOnlyMounts: 'its containers fail to start there',
  supplementalGroupsPolicy: 'the kubelet there rejects its pods',
};

function remediation(feature: RuntimeFeature): string {
  const upgrade = `Move the nodes that cannot to a runtime that supports it (${minimumsInWords(feature)}: on EKS an AL2023 or Bottlerocket node group, elsewhere a node image with containerd 2), or keep the workload on nodes that can with a nodeSelector or node affinity.`;
  switch (feature) {
    case 'imageVolume':
      return `${upgrade} Without such nodes, ship the content in the container image or copy it in with an init container instead of an image volume.`;
    case 'userNamespaces':
      return `${upgrade} Removing hostUsers: false also lets it run, but then its root user is root on the node.`;
    case 'recursiveReadOnlyMounts':
      return `${upgrade} recursiveReadOnly: IfPossible falls back to a plain read-only mount where recursive ones are not supported.`;
    case 'supplementalGroupsPolicy':
      return `${upgrade} supplementalGroupsPolicy: Merge (the default) runs everywhere, but also applies the groups the image's /etc/group lists for the user.`;
  }
}

/**
 * Findings and coverage gaps for every attributed use. Per owner and feature: the nodes any of
 * its pods or templates can be scheduled on are the candidates (Linux nodes only); error when none
 * can run it, warning when some cannot; when none is confirmed able and some are unknown, a
 * coverage gap names the feature and the nodes (and the warning still stands if some cannot).
 */
export function featureFindings(
  uses: readonly AttributedFeatureUse[],
  nodes: readonly NodeFacts[],
  runtimeClass: RuntimeClassLookup,
): { findings: Finding[]; gaps: CoverageGap[] } {
  const linux = nodes.filter((n) => n.os === 'linux');
  const byName = new Map(linux.map((n) => [n.name, n]));
  interface Group { first: AttributedFeatureUse; candidates: Set<NodeFacts>; handler: string | null; containers: Set<string>; more: number }
  const groups = new Map<string, Group>();
  for (const item of uses) {
    const key = `${item.subject.kind}/${item.subject.namespace}/${item.subject.name}/${item.use.feature}`;
    const rc = item.scheduling.runtimeClassName ? runtimeClass(item.scheduling.runtimeClassName) : undefined;
    let group = groups.get(key);
    if (!group) {
      group = { first: item, candidates: new Set(), handler: item.scheduling.runtimeClassName ? rc?.handler ?? null : '', containers: new Set(), more: 0 };
      groups.set(key, group);
    } else if (item.path !== group.first.path) {
      group.more++;
    }
    for (const c of item.use.containers) group.containers.add(c);
    if (item.scheduling.nodeName) {
      // Bound to a node: that one only (no scan of every node for each of a DaemonSet's pods).
      const bound = byName.get(item.scheduling.nodeName);
      if (bound) group.candidates.add(bound);
    } else {
      for (const n of linux) if (canSchedule(n, item.scheduling, rc?.scheduling ?? null)) group.candidates.add(n);
    }
  }

  const info = ruleInfo(FEATURE_RULE);
  const findings: Finding[] = [];
  const unknownByFeature = new Map<RuntimeFeature, { subjects: string[]; nodes: { node: string; why: string }[] }>();
  for (const group of groups.values()) {
    if (group.candidates.size === 0) continue; // nowhere to run at all: not a runtime question
    const { feature } = group.first.use;
    const judged = [...group.candidates].sort((a, b) => (a.name < b.name ? -1 : 1)).map((n) => ({ node: n.name, ...nodeSupport(n, feature, group.handler) }));
    const able = judged.filter((j) => j.answer === 'yes');
    const cannot = judged.filter((j) => j.answer === 'no');
    const unknown = judged.filter((j) => j.answer === 'unknown');
    const { subject } = group.first;
    const who = `${subject.kind} ${subject.namespace ? `${subject.namespace}/` : ''}${subject.name}`;
    if (able.length === 0 && unknown.length > 0) {
      const entry = unknownByFeature.get(feature) ?? { subjects: [], nodes: [] };
      entry.subjects.push(who);
      for (const u of unknown) if (!entry.nodes.some((e) => e.node === u.node)) entry.nodes.push({ node: u.node, why: u.why });
      unknownByFeature.set(feature, entry);
    }
    if (cannot.length === 0) continue;
    const severity: Severity = able.length === 0 && unknown.length === 0 ? 'error' : 'warning';
    const where = group.more > 0 ? ` at ${group.first.path} and ${group.more} more` : ` at ${group.first.path}`;
    const className = group.first.scheduling.runtimeClassName;
    const handlerWords = className ? ` with RuntimeClass ${className}${group.handler ? ` (handler "${group.handler}")` : ''}` : '';
    const scope = severity === 'error'
      ? `none of the ${judged.length} node(s) it can be scheduled on can run it, so ${FAILURE_WORDS[feature]}`
      : `${cannot.length} of the ${judged.length} node(s) it can be scheduled on cannot run it, and ${FAILURE_WORDS[feature]}`;
    const rest = severity === 'warning'
      ? ` ${able.length > 0 ? `${someNames(able.map((a) => a.node))} can.` : ''}${unknown.length > 0 ? ` Not known for ${byReason(unknown)}.` : ''}`
      : '';
    findings.push({
      rule: FEATURE_RULE,
      severity,
      subject,
      path: group.first.path,
      message: `${who} ${USE_WORDS[feature]}${where}${handlerWords}, which the node's container runtime must support: ${scope}: ${byReason(cannot)}.${rest}`,
      remediation: remediation(feature),
      docs: featureDocs(info?.docs ?? [], feature),
      ...(group.containers.size > 0 ? { containers: [...group.containers] } : {}),
      feature,
      ...(group.first.location ? { location: group.first.location } : {}),
    });
  }
  const gaps: CoverageGap[] = [...unknownByFeature.entries()].map(([feature, entry]) => ({
    scope: `runtime support for ${FEATURE_WORDS[feature]}`,
    reason: `${someNames(entry.subjects)} ${entry.subjects.length === 1 ? 'uses' : 'use'} ${runtimeFeatureSupport(feature).field}, but no node ${entry.subjects.length === 1 ? 'it' : 'they'} can be scheduled on is known to support it: ${byReason(entry.nodes)}. Check the runtime on those nodes (crictl info lists the runtime handlers and their features).`,
  }));
  return { findings, gaps };
}
