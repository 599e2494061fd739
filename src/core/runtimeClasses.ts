// RuntimeClasses: which OCI runtime (or sandbox) each handler names, and what evidence there is
// that it is really installed. A RuntimeClass existing proves nothing (k3s creates ten whether or
// not any node has the runtime): running pods that use it, or nodes that match its
// nodeSelector, are evidence (https://kubernetes.io/docs/concepts/containers/runtime-class/).

import type { NodeFacts } from './model';
import { dig, meta, stringMap, str } from './read';
import { matchesSelector, tolerationsOf, type Toleration } from './rules/scheduling';

export type HandlerFamily = 'runc' | 'crun' | 'gvisor' | 'kata' | 'firecracker' | 'youki' | 'wasm' | 'nvidia' | 'other';

export interface RuntimeClassFacts {
  readonly name: string;
  readonly handler: string;
  readonly family: HandlerFamily;
  /** Knowledge-base key for the family. */
  readonly explain: string;
  readonly nodeSelector: Readonly<Record<string, string>>;
  /** `scheduling.tolerations`: added to the pods that use the class. */
  readonly tolerations: readonly Toleration[];
}

export interface RuntimeClassEvidence extends RuntimeClassFacts {
  readonly runningPods: number;
  readonly matchingNodes: number;
  /** In words: what shows the runtime is (or may not be) installed. */
  readonly evidence: string;
}

const WASM = new Set(['spin', 'wasmtime', 'wasmedge', 'wasmer', 'slight', 'lunatic', 'wws', 'wasm']);

export function classifyHandler(handler: string): HandlerFamily {
  const h = handler.toLowerCase();
  if (h === 'runc' || h === 'native' || h === 'default') return 'runc';
  if (h === 'crun') return 'crun';
  if (h === 'runsc' || h === 'gvisor' || h.startsWith('gvisor-') || h.startsWith('runsc-')) return 'gvisor';
  if (h === 'kata-fc' || h.includes('firecracker')) return 'firecracker';
  if (h === 'kata' || h.startsWith('kata-') || h.startsWith('kata_')) return 'kata';
  if (h === 'youki') return 'youki';
  if (WASM.has(h) || h.startsWith('wasm') || h.includes('spin')) return 'wasm';
  if (h.startsWith('nvidia')) return 'nvidia';
  return 'other';
}

const EXPLAIN: Readonly<Record<HandlerFamily, string>> = {
  runc: 'runc', crun: 'crun', gvisor: 'gvisor', kata: 'kata', firecracker: 'firecracker',
  youki: 'youki', wasm: 'wasm', nvidia: 'nvidia', other: 'runtimeclass',
};

export function runtimeClassFacts(object: unknown): RuntimeClassFacts {
  const handler = str(dig(object, 'handler'));
  const family = classifyHandler(handler);
  return {
    name: meta(object).name,
    handler,
    family,
    explain: EXPLAIN[family],
    nodeSelector: stringMap(dig(object, 'scheduling', 'nodeSelector')),
    tolerations: tolerationsOf(dig(object, 'scheduling', 'tolerations')),
  };
}

export function runtimeClassEvidence(rc: RuntimeClassFacts, runningPods: number, nodes: readonly NodeFacts[]): RuntimeClassEvidence {
  const selector = Object.entries(rc.nodeSelector);
  const matchingNodes = selector.length === 0 ? 0 : nodes.filter((n) => matchesSelector(n, rc.nodeSelector)).length;
  // Nodes whose runtime says it loaded the handler (status.runtimeHandlers, containerd 2.0+).
  const listing = nodes.filter((n) => matchesSelector(n, rc.nodeSelector) && (n.runtimeHandlers ?? []).some((h) => h.name === rc.handler)).length;
  let evidence: string;
  if (runningPods > 0) evidence = `${runningPods} running pod(s) use it, so at least their nodes have the "${rc.handler}" handler`;
  else if (listing > 0) evidence = `no running pod uses it; ${listing} node(s)${selector.length ? ' that match its nodeSelector' : ''} list the "${rc.handler}" handler in status.runtimeHandlers, so their runtime has loaded it`;
  else if (matchingNodes > 0) evidence = `no running pod uses it; ${matchingNodes} node(s) carry its nodeSelector labels, which suggests the handler is installed there`;
  else evidence = `the RuntimeClass exists, but no running pod uses it${selector.length ? ' and no node matches its nodeSelector' : ''}: that alone does not show the "${rc.handler}" handler is installed on any node`;
  return { ...rc, runningPods, matchingNodes, evidence };
}
