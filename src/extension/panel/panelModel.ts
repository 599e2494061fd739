// Diagnosis → PanelModel: what the webview draws. Pure (no vscode), so the mapping of findings
// onto diagram components is unit-tested.
//
// findingsByNode, per anatomy node id:
//   - a Node finding goes to every component of the pool that node belongs to (kubelet, runtime
//     stack, OCI runtime), except `dockershim-node`, which goes to that pool's dockershim and
//     Docker Engine components only; nodes of pools beyond the drawn ones go to "N more pools";
//   - a workload finding goes to the runtime components it depends on and those it breaks on:
//     Docker findings (socket, data, CLI, agents, runtime directories) to every Docker Engine
//     component and to the CRI runtime of every pool without Docker; runtime sockets to the
//     containerd, CRI-O and cri-dockerd components; anything else (the dockershim socket, which
//     exists on no node from 1.24) to every pool's CRI-facing component;
//   - each component lists at most MAX_FINDINGS_PER_NODE findings (the report has all of them).

import type { Diagnosis } from '../../core/diagnose';
import type { AnatomyNode, AnatomyNodeKind, Finding, KnowledgeEntry, NodeReport, Pool } from '../../core/model';
import { anatomyToMermaid } from '../../core/mermaid';
import { lookupKnowledge } from '../../core/knowledge';
import type { PanelModel, PanelSource } from '../../protocol/messages';

export const MAX_FINDINGS_PER_NODE = 200;

const CONTROL_PLANE_ROLES = new Set(['control-plane', 'master', 'controlplane']);
const CRI_RUNTIME_KINDS: ReadonlySet<AnatomyNodeKind> = new Set(['dockershim', 'cri-dockerd', 'containerd', 'cri-o', 'runtime-other']);
const DOCKER_RULES = new Set(['docker-socket-mount', 'docker-socket-type-check', 'docker-data-mount', 'docker-cli-usage', 'docker-bound-agent', 'runtime-dir-mount']);

export interface PanelModelOptions {
  readonly live: boolean;
  readonly updatedAt: Date;
}

export function buildPanelModel(diagnosis: Pick<Diagnosis, 'anatomy' | 'report'>, source: PanelSource, options: PanelModelOptions): PanelModel {
  const { anatomy, report } = diagnosis;
  return {
    source,
    anatomy,
    mermaid: anatomyToMermaid(anatomy),
    report,
    knowledge: knowledgeFor(anatomy.nodes),
    findingsByNode: findingsByNode(anatomy.nodes, anatomy.pools, report.nodes, report.findings),
    coverage: report.coverage.skipped,
    updatedAt: options.updatedAt.toISOString(),
    live: options.live,
  };
}

/** The knowledge entries the diagram's components point at, each once, in diagram order. */
export function knowledgeFor(nodes: readonly AnatomyNode[]): KnowledgeEntry[] {
  const seen = new Set<string>();
  const out: KnowledgeEntry[] = [];
  for (const node of nodes) {
    const entry = lookupKnowledge(node.explain);
    if (entry && !seen.has(entry.key)) {
      seen.add(entry.key);
      out.push(entry);
    }
  }
  return out;
}

/** The pool a node belongs to: the same key `groupPools` uses. */
export function poolOf(node: NodeReport, pools: readonly Pool[]): Pool | undefined {
  const controlPlane = node.roles.some((r) => CONTROL_PLANE_ROLES.has(r));
  return pools.find((p) => p.controlPlane === controlPlane && p.os === node.os && p.runtimeName === node.runtime.name
    && p.runtimeVersion === node.runtime.version && p.kubeletVersion === node.kubeletVersion && p.dockerShim === node.dockerShim);
}

export function findingsByNode(
  nodes: readonly AnatomyNode[], pools: readonly Pool[], nodeReports: readonly NodeReport[], findings: readonly Finding[],
): Record<string, Finding[]> {
  const out: Record<string, Finding[]> = {};
  const add = (ids: Iterable<string>, finding: Finding) => {
    for (const id of ids) {
      const list = (out[id] ??= []);
      if (list.length < MAX_FINDINGS_PER_NODE && !list.includes(finding)) list.push(finding);
    }
  };
  const poolGroups = new Map(pools.map((p) => [`g_${p.id}`, p]));
  const members = new Map<string, AnatomyNode[]>();
  for (const node of nodes) {
    if (node.group && poolGroups.has(node.group)) members.set(node.group, [...(members.get(node.group) ?? []), node]);
  }
  const dockerGroups = new Set(pools.filter((p) => p.runtimeName === 'docker').map((p) => `g_${p.id}`));
  const inPool = (n: AnatomyNode) => n.group !== undefined && poolGroups.has(n.group);
  const inDockerPool = (n: AnatomyNode) => n.group !== undefined && dockerGroups.has(n.group);
  // The component each pool's kubelet talks CRI to; containerd inside a Docker pool is Docker's.
  const criFacing = (n: AnatomyNode) => inPool(n) && CRI_RUNTIME_KINDS.has(n.kind) && !(n.kind === 'containerd' && inDockerPool(n));

  const dockerd = nodes.filter((n) => n.kind === 'dockerd').map((n) => n.id);
  const allCri = nodes.filter(criFacing).map((n) => n.id);
  const nonDockerCri = nodes.filter((n) => criFacing(n) && !inDockerPool(n)).map((n) => n.id);
  const runtimeSockets = nodes.filter((n) => criFacing(n) && (n.kind === 'containerd' || n.kind === 'cri-o' || n.kind === 'cri-dockerd')).map((n) => n.id);
  const reportByName = new Map(nodeReports.map((n) => [n.name, n]));
  const morePools = nodes.find((n) => n.id === 'n_more_pools');

  for (const finding of findings) {
    if (finding.subject.kind === 'Node') {
      const report = reportByName.get(finding.subject.name);
      const pool = report ? poolOf(report, pools) : undefined;
      if (!pool) continue;
      const stack = members.get(`g_${pool.id}`);
      if (!stack) {
        if (morePools) add([morePools.id], finding);
        continue;
      }
      const shim = finding.rule === 'dockershim-node' ? stack.filter((n) => n.kind === 'dockershim' || n.kind === 'dockerd') : [];
      add((shim.length ? shim : stack).map((n) => n.id), finding);
    } else if (DOCKER_RULES.has(finding.rule)) {
      add([...dockerd, ...nonDockerCri], finding);
    } else if (finding.rule === 'runtime-socket-mount') {
      add(runtimeSockets.length ? runtimeSockets : allCri, finding);
    } else {
      add(allCri, finding);
    }
  }
  return out;
}
