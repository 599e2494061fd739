// runtimeclass-handler-missing: a RuntimeClass names a handler that no node it can schedule onto
// has loaded. Nodes say which handlers their runtime loaded in `status.runtimeHandlers`
// (Kubernetes 1.30+, containerd 2.0+); a node that does not report the field (containerd 1.x)
// cannot tell us, so the rule only speaks when every node the class selects reports it — or when
// the class's nodeSelector matches no node at all.

import type { Finding, NodeFacts, ObjectRef } from '../model';
import type { RuntimeClassFacts } from '../runtimeClasses';
import { ruleInfo } from './catalog';
import { matchesSelector } from './scheduling';

export const HANDLER_RULE = 'runtimeclass-handler-missing';

/** A workload whose pods name a RuntimeClass, attributed to its owner. */
export interface RuntimeClassUse {
  readonly subject: ObjectRef;
  readonly runtimeClassName: string;
  /** `spec.template.spec.runtimeClassName` and the like. */
  readonly path: string;
  readonly location?: { readonly file: string; readonly line: number };
}

export interface HandlerVerdict {
  readonly runtimeClass: string;
  readonly handler: string;
  /** Why no node can run it, in words. */
  readonly why: string;
}

function selectorWords(selector: Readonly<Record<string, string>>): string {
  return Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(',');
}

/** Nodes that report handlers: a kubelet never writes an empty list, so `[]` counts as not reporting. */
function reportsHandlers(node: NodeFacts): boolean {
  return node.runtimeHandlers !== null && node.runtimeHandlers.length > 0;
}

/** The classes no node can run, with the reason; classes that may be fine or cannot be judged are left out. */
export function missingHandlers(classes: readonly RuntimeClassFacts[], nodes: readonly NodeFacts[]): HandlerVerdict[] {
  if (nodes.length === 0) return []; // no node was read: nothing to judge against
  const out: HandlerVerdict[] = [];
  for (const rc of classes) {
    if (!rc.handler) continue;
    const hasSelector = Object.keys(rc.nodeSelector).length > 0;
    const selected = nodes.filter((n) => matchesSelector(n, rc.nodeSelector));
    if (selected.length === 0) {
      out.push({
        runtimeClass: rc.name, handler: rc.handler,
        why: `its scheduling.nodeSelector (${selectorWords(rc.nodeSelector)}) matches none of the ${nodes.length} node(s), so its pods cannot be scheduled anywhere`,
      });
      continue;
    }
    if (!selected.every(reportsHandlers)) continue;
    if (selected.some((n) => n.runtimeHandlers?.some((h) => h.name === rc.handler))) continue;
    const loaded = [...new Set(selected.flatMap((n) => (n.runtimeHandlers ?? []).map((h) => h.name)))].sort()
      .map((h) => (h === '' ? '"" (default)' : JSON.stringify(h)));
    out.push({
      runtimeClass: rc.name, handler: rc.handler,
      why: `none of the ${selected.length} node(s) ${hasSelector ? `its nodeSelector (${selectorWords(rc.nodeSelector)}) selects` : 'in the cluster'} lists the handler "${rc.handler}" in status.runtimeHandlers (they list ${loaded.join(', ')})`,
    });
  }
  return out;
}

const REMEDIATION = 'Configure the handler in the runtime on the nodes meant to run it (containerd: a [plugins."io.containerd.cri.v1.runtime".containerd.runtimes.HANDLER] table in config version 3, [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.HANDLER] in version 2; CRI-O: [crio.runtime.runtimes.HANDLER]) and restart the runtime; then check that the node lists it (kubectl get node NODE -o jsonpath=\'{.status.runtimeHandlers[*].name}\'). If only some nodes carry it, label them and set the RuntimeClass\'s scheduling.nodeSelector to that label. A node group scaled to zero shows no nodes: scale it up to check.';

export function handlerFindings(verdicts: readonly HandlerVerdict[], uses: readonly RuntimeClassUse[]): Finding[] {
  const info = ruleInfo(HANDLER_RULE);
  const docs = info?.docs ?? [];
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const v of verdicts) {
    out.push({
      rule: HANDLER_RULE, severity: 'warning',
      subject: { kind: 'RuntimeClass', namespace: '', name: v.runtimeClass },
      path: 'handler',
      message: `RuntimeClass ${v.runtimeClass} names the handler "${v.handler}", but ${v.why}. Pods that use it cannot start.`,
      remediation: REMEDIATION, docs,
    });
    for (const use of uses) {
      if (use.runtimeClassName !== v.runtimeClass) continue;
      const key = `${use.subject.kind}/${use.subject.namespace}/${use.subject.name}/${v.runtimeClass}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        rule: HANDLER_RULE, severity: 'error',
        subject: use.subject, path: use.path,
        message: `${use.subject.kind} ${use.subject.namespace ? `${use.subject.namespace}/` : ''}${use.subject.name} runs with RuntimeClass ${v.runtimeClass} (handler "${v.handler}"), but ${v.why}. Its pods cannot start (the runtime answers no runtime for "${v.handler}" is configured, or the pods stay Pending).`,
        remediation: REMEDIATION, docs,
        ...(use.location ? { location: use.location } : {}),
      });
    }
  }
  return out;
}
