// One line of live facts for the hover, from the last diagnosis held in memory (never a new
// request): "3 of 5 nodes run containerd 1.7.11". Pure; plain text (the hover escapes it).
// For a pod setting the runtime must support (hostUsers, recursiveReadOnly, supplementalGroupsPolicy,
// an image volume), how many nodes can run it: by the node's own report (`status.runtimeHandlers[]
// .features`, `status.features`) where the report carries it, else by the runtime's version against
// the support table. For a runtimeClassName, the class and how many nodes load its handler.

import type { RuntimeClassEvidence } from './runtimeClasses';
import type { RuntimeHandlerFacts } from './model';
import type { YamlHover } from './yamlHover';
import type { RuntimeFeature } from './support';
import { nodeSupport } from './rules/featureRules';
import type { Diagnosis } from './diagnose';
import type { KnowledgeEntry, NodeReport } from './model';
import { plural } from './render/text';

const RUNTIME_OF_ENTRY: Readonly<Record<string, { name: string; label: string }>> = {
  containerd: { name: 'containerd', label: 'containerd' },
  'cri-o': { name: 'cri-o', label: 'CRI-O' },
  dockerd: { name: 'docker', label: 'Docker Engine' },
  moby: { name: 'docker', label: 'Docker Engine' },
  'docker-cli': { name: 'docker', label: 'Docker Engine' },
};

const SANDBOX_KEYS = new Set(['gvisor', 'kata', 'firecracker', 'wasm', 'nvidia', 'crun', 'youki', 'runc']);

/**
 * What the live line reads of a node: the report's fields, and the runtime's own answers where the
 * report carries them (`runtimeHandlers`, `criFeatures`; absent means "not reported").
 */
export interface LiveNode extends Pick<NodeReport, 'name' | 'os' | 'kubeletVersion' | 'runtime' | 'dockerShim'> {
  readonly runtimeHandlers?: readonly RuntimeHandlerFacts[] | null;
  readonly criFeatures?: { readonly supplementalGroupsPolicy: boolean | null } | null;
}

/** The part of a Diagnosis the live line reads. */
export interface LiveDiagnosis {
  readonly report: { readonly nodes: readonly LiveNode[] };
  readonly runtimeClasses: Diagnosis['runtimeClasses'];
}

export function liveFactLine(entry: KnowledgeEntry, diagnosis: LiveDiagnosis): string | null {
  const nodes = diagnosis.report.nodes;
  const total = nodes.length;
  const runtime = RUNTIME_OF_ENTRY[entry.key];
  if (runtime) return runtimeLine(nodes.filter((n) => n.runtime.name === runtime.name), total, runtime.label);
  if (entry.key === 'dockershim' || entry.key === 'cri-dockerd') {
    if (total === 0) return null;
    const count = nodes.filter((n) => n.dockerShim === entry.key).length;
    return `${count === 0 ? 'none' : count} of ${plural(total, 'node')} reach Docker Engine through ${entry.key}`;
  }
  if (entry.key === 'kubelet') {
    if (total === 0) return null;
    return `kubelet ${versionsText(nodes.map((n) => n.kubeletVersion || 'unknown'))} on ${plural(total, 'node')}`;
  }
  if (entry.key === 'cri' || entry.key === 'container-runtime-endpoint') {
    if (total === 0) return null;
    return `${plural(total, 'node')}: ${versionsText(nodes.map((n) => n.runtime.raw || 'unknown'))}`;
  }
  if (entry.key === 'runtimeclass' || SANDBOX_KEYS.has(entry.key)) {
    const classes = diagnosis.runtimeClasses.filter((rc) => entry.key === 'runtimeclass' || rc.explain === entry.key);
    if (classes.length === 0) return entry.key === 'runtimeclass' ? 'no RuntimeClass in the cluster' : null;
    const shown = classes.slice(0, 3).map((rc) => `${rc.name} (handler ${rc.handler}, ${plural(rc.runningPods, 'running pod')})`);
    return `RuntimeClass ${shown.join(', ')}${classes.length > 3 ? ` and ${classes.length - 3} more` : ''}`;
  }
  return null;
}

/** The live line for a hover: the setting's or the RuntimeClass's facts, else the entry's (liveFactLine). */
export function hoverLiveLine(hover: YamlHover, diagnosis: LiveDiagnosis): string | null {
  const nodes = diagnosis.report.nodes;
  if (hover.feature) return featureLine(hover.feature.feature, nodes);
  if (hover.runtimeClass !== undefined) return runtimeClassLine(hover.runtimeClass, diagnosis.runtimeClasses, nodes);
  if (hover.handler !== undefined) return handlerLine(hover.handler, diagnosis.runtimeClasses, nodes);
  return liveFactLine(hover.entry, diagnosis);
}

const FEATURE_LABEL: Readonly<Record<RuntimeFeature, string>> = {
  imageVolume: 'image volumes',
  userNamespaces: 'user namespaces',
  recursiveReadOnlyMounts: 'recursive read-only mounts',
  supplementalGroupsPolicy: 'supplementalGroupsPolicy: Strict',
};

/** Features that exist only on Linux nodes. */
const LINUX_ONLY: ReadonlySet<RuntimeFeature> = new Set(['userNamespaces', 'recursiveReadOnlyMounts', 'supplementalGroupsPolicy']);

const RUNTIME_LABEL: Readonly<Record<string, string>> = { containerd: 'containerd', 'cri-o': 'CRI-O', docker: 'Docker Engine' };

export interface NodeFeatureSupport {
  /** null: not known either way. */
  readonly supported: boolean | null;
  /** true when the node's own status said so; false when judged by the runtime version. */
  readonly reported: boolean;
  /** The runtime and version the answer rests on, or `Windows`. */
  readonly basis: string;
}

/**
 * Can this node's runtime serve the feature for a pod on its default handler? The answer is the
 * rule's (featureRules.ts `nodeSupport`: the node's report wins, else the support table), so the
 * hover and `runtime-feature-missing` never disagree; only the Linux-only check and the words are here.
 */
export function nodeFeatureSupport(node: LiveNode, feature: RuntimeFeature): NodeFeatureSupport {
  const name = RUNTIME_LABEL[node.runtime.name] ?? node.runtime.name;
  const runtime = node.runtime.name === 'unknown' ? 'an unknown runtime' : `${name} ${node.runtime.version ?? '(version unknown)'}`;
  if (LINUX_ONLY.has(feature) && node.os === 'windows') return { supported: false, reported: false, basis: 'Windows' };
  const support = nodeSupport(node, feature, '');
  const supported = support.answer === 'unknown' ? null : support.answer === 'yes';
  if (support.source === 'node') return { supported, reported: true, basis: `${runtime} (its status says ${supported ? 'yes' : 'no'})` };
  return { supported, reported: false, basis: runtime };
}

/** `3 of 5 nodes support user namespaces (1 says so in its status); 2 cannot: containerd 1.7.11 on 2`. */
function featureLine(feature: RuntimeFeature, nodes: readonly LiveNode[]): string | null {
  if (nodes.length === 0) return null;
  const results = nodes.map((n) => nodeFeatureSupport(n, feature));
  const yes = results.filter((r) => r.supported === true);
  const no = results.filter((r) => r.supported === false);
  const unknown = results.filter((r) => r.supported === null);
  const byReport = yes.filter((r) => r.reported).length;
  let line = `${yes.length === 0 ? 'none' : yes.length} of ${plural(nodes.length, 'node')} support ${FEATURE_LABEL[feature]}`;
  if (byReport > 0) line += ` (${byReport} ${byReport === 1 ? 'says' : 'say'} so in its status)`;
  if (no.length > 0) line += `; ${no.length} cannot: ${versionsText(no.map((r) => r.basis))}`;
  if (unknown.length > 0) line += `; ${unknown.length} unknown: ${versionsText(unknown.map((r) => r.basis))}`;
  return line;
}

/** `RuntimeClass gvisor (handler runsc, 2 running pods); loaded by 1 of 3 nodes; its nodeSelector matches 1 node`. */
function runtimeClassLine(name: string, classes: readonly RuntimeClassEvidence[], nodes: readonly LiveNode[]): string {
  const rc = classes.find((c) => c.name === name);
  if (!rc) return `no RuntimeClass named ${name} in the cluster`;
  // The first part reads as liveFactLine's RuntimeClass line does.
  const parts = [`RuntimeClass ${rc.name} (handler ${rc.handler === '' ? '(none)' : rc.handler}, ${plural(rc.runningPods, 'running pod')})`];
  if (nodes.length > 0) parts.push(handlerLoad(rc.handler, nodes));
  if (Object.keys(rc.nodeSelector).length > 0) parts.push(`its nodeSelector matches ${plural(rc.matchingNodes, 'node')}`);
  return parts.join('; ');
}

/** `handler kata-qemu: loaded by 1 of 2 nodes; RuntimeClass sandboxed (0 running pods)`. */
function handlerLine(handler: string, classes: readonly RuntimeClassEvidence[], nodes: readonly LiveNode[]): string | null {
  const parts: string[] = [];
  if (nodes.length > 0) parts.push(`handler ${handler}: ${handlerLoad(handler, nodes)}`);
  const using = classes.filter((c) => c.handler === handler);
  if (using.length > 0) {
    const shown = using.slice(0, 3).map((c) => `${c.name} (${plural(c.runningPods, 'running pod')})`);
    parts.push(`RuntimeClass ${shown.join(', ')}${using.length > 3 ? ` and ${using.length - 3} more` : ''}`);
  }
  return parts.length > 0 ? parts.join('; ') : null;
}

/**
 * How many nodes list `handler` in `status.runtimeHandlers`, among those whose handlers are known.
 * A node whose handlers were not read (or whose runtime reports none) proves nothing either way.
 */
function handlerLoad(handler: string, nodes: readonly LiveNode[]): string {
  const reporting = nodes.filter((n) => (n.runtimeHandlers?.length ?? 0) > 0);
  if (reporting.length === 0) return 'which nodes load it is not known: no node\'s runtime handlers were read';
  const loaded = reporting.filter((n) => n.runtimeHandlers?.some((h) => h.name === handler)).length;
  const silent = nodes.length - reporting.length;
  const of = reporting.length === nodes.length ? `of ${plural(nodes.length, 'node')}` : `of the ${plural(reporting.length, 'node')} whose handlers are known (${silent} more unknown)`;
  return `loaded by ${loaded === 0 ? 'none' : loaded} ${of}`;
}

function runtimeLine(matching: readonly LiveNode[], total: number, label: string): string | null {
  if (total === 0) return null;
  if (matching.length === 0) return `none of the ${plural(total, 'node')} run ${label}`;
  const verb = matching.length === 1 && total === 1 ? 'runs' : 'run';
  const versions = matching.map((n) => n.runtime.version ?? 'unknown version');
  const distinct = new Set(versions);
  const what = distinct.size === 1 ? `${label} ${versions[0]}` : `${label} (${versionsText(versions)})`;
  return total === 1 ? `the only node ${verb} ${what}` : `${matching.length} of ${total} nodes ${verb} ${what}`;
}

/** `1.7.11 on 3, 1.6.20 on 2`, or just `1.7.11` when all agree; most common first, at most 4. */
function versionsText(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  if (counts.size === 1) return values[0] ?? '';
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const shown = sorted.slice(0, 4).map(([v, n]) => `${v} on ${n}`);
  return shown.join(', ') + (sorted.length > 4 ? `, ${sorted.length - 4} more` : '');
}

