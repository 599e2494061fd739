// Which nodes a pod or pod template can land on, as far as its spec says: its nodeSelector,
// its required node affinity, its tolerations against the nodes' NoSchedule/NoExecute taints,
// and what its RuntimeClass adds at admission (`scheduling.nodeSelector` and `tolerations`).
// Resource fit, pod affinity and topology spread are not judged: the candidate set is a
// superset of where the scheduler may really put the pod, never a smaller one.

import type { NodeFacts, NodeTaint } from '../model';
import { arr, dig, isRecord, str, stringMap } from '../read';

export interface Toleration {
  readonly key: string;
  /** `Equal` (the default) or `Exists`. */
  readonly operator: string;
  readonly value: string;
  /** Empty: every effect. */
  readonly effect: string;
}

interface NodeSelectorRequirement {
  readonly key: string;
  readonly operator: string;
  readonly values: readonly string[];
}

/** One `nodeSelectorTerms[]` entry: every requirement must hold. */
export interface NodeSelectorTerm {
  readonly matchExpressions: readonly NodeSelectorRequirement[];
  /** Only `metadata.name` is defined for nodes. */
  readonly matchFields: readonly NodeSelectorRequirement[];
}

export interface PodScheduling {
  readonly nodeSelector: Readonly<Record<string, string>>;
  /** Required node affinity terms (any one must match), or null when there is none. */
  readonly requiredTerms: readonly NodeSelectorTerm[] | null;
  readonly tolerations: readonly Toleration[];
  /** `spec.runtimeClassName`, or `""` for the node's default handler. */
  readonly runtimeClassName: string;
  /** `spec.nodeName`: set on a pod that is already bound to a node. */
  readonly nodeName: string;
}

/** What a RuntimeClass adds to the pods that name it (RuntimeClass admission merges it in). */
export interface RuntimeClassScheduling {
  readonly nodeSelector: Readonly<Record<string, string>>;
  readonly tolerations: readonly Toleration[];
}

export function tolerationsOf(value: unknown): Toleration[] {
  return arr(value).filter(isRecord).map((t) => ({
    key: str(t['key']), operator: str(t['operator']) || 'Equal', value: str(t['value']), effect: str(t['effect']),
  }));
}

function requirements(value: unknown): NodeSelectorRequirement[] {
  return arr(value).filter(isRecord).map((r) => ({
    key: str(r['key']), operator: str(r['operator']), values: arr(r['values']).map(str),
  }));
}

export function podScheduling(spec: unknown): PodScheduling {
  const required = dig(spec, 'affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution');
  const terms = isRecord(required)
    ? arr(required['nodeSelectorTerms']).filter(isRecord).map((t) => ({ matchExpressions: requirements(t['matchExpressions']), matchFields: requirements(t['matchFields']) }))
    : null;
  return {
    nodeSelector: stringMap(dig(spec, 'nodeSelector')),
    requiredTerms: terms,
    tolerations: tolerationsOf(dig(spec, 'tolerations')),
    runtimeClassName: str(dig(spec, 'runtimeClassName')),
    nodeName: str(dig(spec, 'nodeName')),
  };
}

/** Label equality for every key of the selector; an empty selector matches every node. */
export function matchesSelector(node: NodeFacts, selector: Readonly<Record<string, string>>): boolean {
  return Object.entries(selector).every(([key, value]) => node.labels[key] === value);
}

function requirementHolds(r: NodeSelectorRequirement, actual: string | undefined): boolean {
  switch (r.operator) {
    case 'In': return actual !== undefined && r.values.includes(actual);
    case 'NotIn': return actual === undefined || !r.values.includes(actual);
    case 'Exists': return actual !== undefined;
    case 'DoesNotExist': return actual === undefined;
    case 'Gt':
    case 'Lt': {
      const [bound] = r.values;
      if (actual === undefined || bound === undefined || !/^-?\d+$/.test(actual) || !/^-?\d+$/.test(bound)) return false;
      return r.operator === 'Gt' ? Number(actual) > Number(bound) : Number(actual) < Number(bound);
    }
    default: return false;
  }
}

function termMatches(node: NodeFacts, term: NodeSelectorTerm): boolean {
  // An empty term matches no node (core/v1 NodeSelectorTerm).
  if (term.matchExpressions.length === 0 && term.matchFields.length === 0) return false;
  return term.matchExpressions.every((r) => requirementHolds(r, node.labels[r.key]))
    && term.matchFields.every((r) => r.key === 'metadata.name' && requirementHolds(r, node.name));
}

function tolerates(tolerations: readonly Toleration[], taint: NodeTaint): boolean {
  return tolerations.some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.operator === 'Exists') return t.key === '' || t.key === taint.key;
    return t.key === taint.key && t.value === taint.value;
  });
}

/**
 * Whether the pod may be scheduled onto the node, as far as its own spec and its RuntimeClass
 * say. A pod bound to a node (`spec.nodeName`) may only be on that node.
 */
export function canSchedule(node: NodeFacts, pod: PodScheduling, runtimeClass: RuntimeClassScheduling | null): boolean {
  if (pod.nodeName) return node.name === pod.nodeName;
  if (!matchesSelector(node, pod.nodeSelector)) return false;
  if (runtimeClass && !matchesSelector(node, runtimeClass.nodeSelector)) return false;
  if (pod.requiredTerms !== null && !pod.requiredTerms.some((term) => termMatches(node, term))) return false;
  const tolerations = runtimeClass ? [...pod.tolerations, ...runtimeClass.tolerations] : pod.tolerations;
  return (node.taints ?? []).every((taint) => tolerates(tolerations, taint));
}
