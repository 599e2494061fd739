// The anatomy graph: the model the panel and `topology` draw, laid out like the seed's diagram.
// Control plane (with its hosting and HA front) on top; node pools — nodes grouped by role, OS,
// runtime, runtime version, kubelet version and Docker path — each with its runtime stack down
// to the OCI runtime; kube-proxy, DNS and CNI beside them. Thousands of nodes collapse into a
// bounded number of pools, so the graph stays readable and within mermaid's limits.

import type {
  Anatomy, AnatomyEdge, AnatomyGroup, AnatomyNode, AnatomyNodeKind, ClusterFacts, ControlPlaneComponentName,
  Finding, NodeFacts, Pool, PoolBlocker, Severity,
} from './model';
import { ruleFamily } from './rules/catalog';
import type { ComponentPod } from './controlPlane';
import type { RuntimeClassEvidence } from './runtimeClasses';
import { dockerPath } from './nodes';

/** At most this many pools are drawn; the rest are summarised in one node. */
export const MAX_DRAWN_POOLS = 16;
/** A component lists at most this many findings (`AnatomyNode.findings`); the report has them all. */
export const MAX_FINDINGS_PER_NODE = 200;

/** Ids of the fixed groups and of the node that stands for the pools not drawn. */
const GROUP_CP = 'g_cp';
const GROUP_NODES = 'g_nodes';
const GROUP_ADDONS = 'g_addons';
const GROUP_RC = 'g_rc';
const MORE_POOLS = 'n_more_pools';
const UNUSED_RUNTIME_CLASSES = 'n_rc_unused';
const NOT_REPORTED = 'not known: no node reports status.runtimeHandlers';
const MAX_DRAWN_RUNTIME_CLASSES = 10;
/**
 * Unused RuntimeClasses (no running pod) drawn one by one; past this many they are drawn as one
 * box that names them (k3s, for one, installs ten it may never use).
 */
export const MAX_UNUSED_RUNTIME_CLASSES = 2;

/** The pools of a node list, and which pool each node is in: computed once, here. */
export interface PoolGrouping {
  readonly pools: readonly Pool[];
  /** Node name → `Pool.id`. */
  readonly poolOfNode: ReadonlyMap<string, string>;
}

export function groupPools(nodes: readonly NodeFacts[]): PoolGrouping {
  const pools = new Map<string, { pool: Omit<Pool, 'nodeCount' | 'sampleNodes'>; names: string[]; count: number }>();
  const poolOfNode = new Map<string, string>();
  for (const node of nodes) {
    const shim = dockerPath(node).shim;
    const key = [node.controlPlane ? 'cp' : 'worker', node.os, node.runtime.name, node.runtime.version ?? '?', node.kubeletVersion, shim ?? ''].join('|');
    let entry = pools.get(key);
    if (!entry) {
      entry = {
        pool: {
          id: `pool_${hash(key)}`, os: node.os, runtimeName: node.runtime.name, runtimeVersion: node.runtime.version,
          kubeletVersion: node.kubeletVersion, dockerShim: shim, controlPlane: node.controlPlane,
        },
        names: [], count: 0,
      };
      pools.set(key, entry);
    }
    entry.count++;
    if (entry.names.length < 5) entry.names.push(node.name);
    poolOfNode.set(node.name, entry.pool.id);
  }
  const sorted = [...pools.values()]
    .map((e) => ({ ...e.pool, nodeCount: e.count, sampleNodes: e.names }))
    .sort((a, b) => Number(b.controlPlane) - Number(a.controlPlane) || b.nodeCount - a.nodeCount || a.id.localeCompare(b.id));
  return { pools: sorted, poolOfNode };
}

export interface AnatomyInput {
  readonly cluster: ClusterFacts;
  readonly nodes: readonly NodeFacts[];
  readonly pools: PoolGrouping;
  readonly components: readonly ComponentPod[];
  readonly fronts: readonly ControlPlaneComponentName[];
  readonly apiServers: number;
  readonly findings: readonly Finding[];
  readonly runtimeClasses: readonly RuntimeClassEvidence[];
  readonly cni: readonly { readonly name: string; readonly pods: number }[];
}

const HOSTING_TEXT: Readonly<Record<ClusterFacts['controlPlane'], string>> = {
  'static-pods': 'static pods',
  embedded: 'embedded in the distribution\'s server process',
  managed: 'managed by the provider',
  containers: 'plain containers (RKE1)',
  unknown: 'hosting not visible',
};

/** The families whose node findings block a pool's upgrade, and a few words for each rule. */
const BLOCKER_FAMILIES: ReadonlySet<string> = new Set(['runtime', 'cgroup', 'kubelet']);
const BLOCKER_LABEL: Readonly<Record<string, string>> = {
  'containerd-v1-end': 'containerd 1.x',
  'containerd-too-old': 'containerd too old',
  'containerd-outside-matrix': 'containerd release',
  'cri-losing-support': 'runtime losing support',
  'crio-version-skew': 'CRI-O version skew',
  'cgroup-v1': 'cgroup v1',
  'kubelet-skew-target': 'kubelet skew',
};

/** Each pool's blockers (Pool.blockers): node findings of BLOCKER_FAMILIES, errors and warnings, one per rule. */
function poolBlockers(findings: readonly Finding[], poolOfNode: ReadonlyMap<string, string>): Map<string, PoolBlocker[]> {
  const byPool = new Map<string, Map<string, PoolBlocker>>();
  findings.forEach((f, index) => {
    if (f.subject.kind !== 'Node' || f.severity === 'info') return;
    const family = ruleFamily(f.rule);
    if (!family || !BLOCKER_FAMILIES.has(family)) return;
    const pool = poolOfNode.get(f.subject.name);
    if (pool === undefined) return;
    let rules = byPool.get(pool);
    if (!rules) byPool.set(pool, (rules = new Map()));
    const known = rules.get(f.rule);
    if (!known) rules.set(f.rule, { rule: f.rule, severity: f.severity, label: BLOCKER_LABEL[f.rule] ?? f.rule, finding: index, nodes: 1 });
    else rules.set(f.rule, rank(f.severity) < rank(known.severity) ? { ...known, severity: f.severity, finding: index, nodes: known.nodes + 1 } : { ...known, nodes: known.nodes + 1 });
  });
  const out = new Map<string, PoolBlocker[]>();
  for (const [pool, rules] of byPool) out.set(pool, [...rules.values()].sort((a, b) => rank(a.severity) - rank(b.severity) || a.finding - b.finding));
  return out;
}

/** Pools with a node whose runtime lists `handler` in status.runtimeHandlers (AnatomyNode.loadedBy). */
function poolsLoading(handler: string, nodes: readonly NodeFacts[], poolOfNode: ReadonlyMap<string, string>): string[] {
  const out = new Set<string>();
  for (const n of nodes) {
    const pool = poolOfNode.get(n.name);
    if (pool !== undefined && (n.runtimeHandlers ?? []).some((h) => h.name === handler)) out.add(pool);
  }
  return [...out].sort();
}

function withBlockers(pool: Pool, blockers: readonly PoolBlocker[] | undefined): Pool {
  const worst = blockers?.[0];
  return worst ? { ...pool, blockers, severity: worst.severity } : pool;
}

export function buildAnatomy(input: AnatomyInput): Anatomy {
  const nodes: AnatomyNode[] = [];
  const edges: AnatomyEdge[] = [];
  const groups: Omit<AnatomyGroup, 'members'>[] = [];
  const { cluster } = input;
  const { poolOfNode } = input.pools;
  const severityByPool = new Map<string, Severity>();
  for (const f of input.findings) {
    const pool = f.subject.kind === 'Node' ? poolOfNode.get(f.subject.name) : undefined;
    if (pool === undefined) continue;
    const current = severityByPool.get(pool);
    if (!current || rank(f.severity) < rank(current)) severityByPool.set(pool, f.severity);
  }

  // --- control plane --------------------------------------------------------------------------
  groups.push({ id: GROUP_CP, label: `Control plane · ${HOSTING_TEXT[cluster.controlPlane]}${cluster.ha === true ? ' · HA' : cluster.ha === false ? ' · single' : ''}`, kind: 'control-plane' });
  const count = (c: ControlPlaneComponentName) => input.components.filter((p) => p.component === c);
  const managedBy = cluster.controlPlane === 'managed' ? `managed by ${cluster.distribution.toUpperCase()}` : cluster.controlPlane === 'embedded' ? `embedded (${cluster.distribution})` : undefined;
  const cpNode = (id: string, kind: AnatomyNodeKind, label: string, component: ControlPlaneComponentName, explain: string, always: boolean) => {
    const pods = count(component);
    if (!always && pods.length === 0) return false;
    const detail = pods.length > 0
      ? `${pods.length} ${cluster.controlPlane === 'static-pods' && pods.every((p) => p.mirror) ? 'static pod' : 'pod'}${pods.length === 1 ? '' : 's'}`
      : managedBy ?? 'not seen';
    nodes.push({
      id, kind, label, detail, explain, group: GROUP_CP,
      facts: {
        pods: pods.length ? pods.slice(0, 5).map((p) => `${p.namespace}/${p.name}`).join(', ') + (pods.length > 5 ? ` (+${pods.length - 5})` : '') : '—',
        ...(pods[0]?.image ? { image: pods[0].image } : {}),
        hosting: HOSTING_TEXT[cluster.controlPlane],
      },
    });
    return true;
  };
  const apiLabel = cluster.serverVersion ? `kube-apiserver ${cluster.serverVersion}` : 'kube-apiserver';
  cpNode('n_api', 'api-server', apiLabel, 'kube-apiserver', 'kube-apiserver', true);
  const etcdSeen = cpNode('n_etcd', 'etcd', 'etcd', 'etcd', 'etcd', cluster.controlPlane !== 'unknown' && cluster.controlPlane !== 'static-pods');
  cpNode('n_sched', 'scheduler', 'kube-scheduler', 'kube-scheduler', 'kube-scheduler', cluster.controlPlane !== 'unknown');
  cpNode('n_kcm', 'controller-manager', 'kube-controller-manager', 'kube-controller-manager', 'kube-controller-manager', cluster.controlPlane !== 'unknown');
  const ccm = cpNode('n_ccm', 'cloud-controller-manager', 'cloud-controller-manager', 'cloud-controller-manager', 'cloud-controller-manager', false);
  if (etcdSeen) edges.push({ from: 'n_api', to: 'n_etcd', label: 'stores state' });
  if (nodes.some((n) => n.id === 'n_sched')) edges.push({ from: 'n_sched', to: 'n_api', label: 'watches' });
  if (nodes.some((n) => n.id === 'n_kcm')) edges.push({ from: 'n_kcm', to: 'n_api', label: 'reconciles' });
  if (ccm) edges.push({ from: 'n_ccm', to: 'n_api' });
  if (input.fronts.length > 0) {
    const frontPods = input.components.filter((c) => input.fronts.includes(c.component));
    const kubeVip = input.fronts.includes('kube-vip');
    nodes.push({
      id: 'n_front', kind: 'ha-front', group: GROUP_CP,
      label: input.fronts.join(' + '),
      detail: `HA front of ${input.apiServers} API server${input.apiServers === 1 ? '' : 's'}`,
      explain: kubeVip ? 'kube-vip' : 'ha-front',
      facts: { pods: frontPods.slice(0, 6).map((p) => `${p.namespace}/${p.name}`).join(', ') },
    });
    edges.push({ from: 'n_front', to: 'n_api', label: 'load-balances', style: 'thick' });
  }

  // --- node pools -----------------------------------------------------------------------------
  const allPools = input.pools.pools;
  groups.push({ id: GROUP_NODES, label: `Nodes · ${input.nodes.length} in ${allPools.length} pool${allPools.length === 1 ? '' : 's'}`, kind: 'nodes' });
  const drawn = allPools.slice(0, MAX_DRAWN_POOLS);
  const pools: Pool[] = [];
  const blockersByPool = poolBlockers(input.findings, poolOfNode);
  for (const pool of drawn) {
    const groupId = `g_${pool.id}`;
    const role = pool.controlPlane ? 'control-plane' : 'worker';
    const blockers = blockersByPool.get(pool.id);
    // In words, so the severity shows without colour: "· blocked: cgroup v1, containerd 1.x".
    const blocked = blockers?.length ? ` · ${blockers[0]?.severity === 'error' ? 'blocked' : 'at risk'}: ${blockers.map((b) => b.label).join(', ')}` : '';
    groups.push({ id: groupId, parent: GROUP_NODES, label: `${pool.nodeCount} ${role} node${pool.nodeCount === 1 ? '' : 's'} · ${pool.os}${blocked}`, kind: 'pool', pool: pool.id });
    const severity = severityByPool.get(pool.id);
    const kubeletId = `${pool.id}_kubelet`;
    nodes.push({
      id: kubeletId, kind: 'kubelet', group: groupId, label: `kubelet ${pool.kubeletVersion || '(unknown)'}`,
      explain: 'kubelet',
      facts: { nodes: pool.sampleNodes.join(', ') + (pool.nodeCount > pool.sampleNodes.length ? ` (+${pool.nodeCount - pool.sampleNodes.length})` : ''), os: pool.os },
      pool: pool.id, order: 0,
    });
    edges.push({ from: 'n_api', to: kubeletId, label: 'pods to run', style: 'dotted' });
    const members = [kubeletId];
    const chain = runtimeChain(pool);
    let previous = kubeletId;
    chain.forEach((step, i) => {
      const id = `${pool.id}_${i}`;
      nodes.push({ id, group: groupId, ...step, ...(severity && step.marked ? { severity } : {}), pool: pool.id, order: i + 1 });
      edges.push({ from: previous, to: id, ...(step.edgeLabel ? { label: step.edgeLabel } : {}) });
      members.push(id);
      previous = id;
    });
    pools.push(withBlockers({ ...pool, group: groupId, members }, blockers));
  }
  if (allPools.length > drawn.length) {
    const rest = allPools.slice(drawn.length);
    nodes.push({
      id: MORE_POOLS, kind: 'pool', group: GROUP_NODES,
      label: `${rest.length} more pools`, detail: `${rest.reduce((s, p) => s + p.nodeCount, 0)} nodes`, explain: 'node-pool',
    });
    for (const pool of rest) pools.push(withBlockers({ ...pool, members: [], drawnIn: MORE_POOLS }, blockersByPool.get(pool.id)));
  }

  // --- add-ons --------------------------------------------------------------------------------
  groups.push({ id: GROUP_ADDONS, label: 'Cluster add-ons', kind: 'addons' });
  const proxies = count('kube-proxy');
  nodes.push({
    id: 'n_proxy', kind: 'kube-proxy', group: GROUP_ADDONS, label: 'kube-proxy',
    detail: proxies.length ? `${proxies.length} pod${proxies.length === 1 ? '' : 's'}${proxies.every((p) => p.mirror) ? ' (static)' : ''}` : 'no pods seen',
    explain: 'kube-proxy',
  });
  edges.push({ from: 'n_api', to: 'n_proxy', label: 'Services', style: 'dotted' });
  const dns = [...count('coredns'), ...count('kube-dns')];
  if (dns.length) {
    const name = count('coredns').length ? 'CoreDNS' : 'kube-dns';
    nodes.push({ id: 'n_dns', kind: 'dns', group: GROUP_ADDONS, label: name, detail: `${dns.length} pod${dns.length === 1 ? '' : 's'}`, explain: name === 'CoreDNS' ? 'coredns' : 'kube-dns' });
    edges.push({ from: 'n_api', to: 'n_dns', label: 'Services', style: 'dotted' });
  }
  for (const [i, cni] of input.cni.slice(0, 3).entries()) {
    nodes.push({ id: `n_cni_${i}`, kind: 'cni', group: GROUP_ADDONS, label: `CNI: ${cni.name}`, detail: `${cni.pods} pod${cni.pods === 1 ? '' : 's'}`, explain: 'cni' });
  }
  if (input.runtimeClasses.length > 0) {
    groups.push({ id: GROUP_RC, label: 'RuntimeClasses', kind: 'runtime-classes' });
    const reporting = input.nodes.some((n) => n.runtimeHandlers !== null);
    const listed = input.runtimeClasses.slice(0, MAX_DRAWN_RUNTIME_CLASSES);
    const unused = listed.filter((rc) => rc.runningPods === 0);
    const collapse = unused.length > MAX_UNUSED_RUNTIME_CLASSES;
    const loadedPools = (rc: RuntimeClassEvidence) => {
      const loadedBy = poolsLoading(rc.handler, input.nodes, poolOfNode);
      return { loadedBy, loaded: allPools.filter((p) => loadedBy.includes(p.id)) };
    };
    for (const [i, rc] of listed.entries()) {
      if (collapse && rc.runningPods === 0) continue;
      const { loadedBy, loaded } = loadedPools(rc);
      const loadedText = !reporting
        ? NOT_REPORTED
        : loaded.length === 0
          ? 'no pool: no node lists this handler in status.runtimeHandlers'
          : `${loaded.length} of ${allPools.length} pool${allPools.length === 1 ? '' : 's'}: ${loaded.map((p) => `${p.nodeCount} ${p.os} node${p.nodeCount === 1 ? '' : 's'} on ${p.runtimeName}${p.runtimeVersion ? ` ${p.runtimeVersion}` : ''}`).join('; ')}`;
      nodes.push({
        id: `n_rc_${i}`, kind: 'runtime-class', group: GROUP_RC, label: `${rc.name} → ${rc.handler}`,
        detail: rc.runningPods > 0 ? `${rc.runningPods} running pod${rc.runningPods === 1 ? '' : 's'}` : 'unused',
        explain: rc.explain, facts: { handler: rc.handler, evidence: rc.evidence, 'loaded by': loadedText },
        ...(reporting ? { loadedBy } : {}),
      });
    }
    if (collapse) {
      nodes.push({
        id: UNUSED_RUNTIME_CLASSES, kind: 'runtime-class', group: GROUP_RC, label: `${unused.length} unused RuntimeClasses`,
        detail: unused.map((rc) => rc.name).join(', '), explain: 'runtimeclass',
        facts: {
          'RuntimeClass → handler': unused.map((rc) => `${rc.name} → ${rc.handler}`).join(', '),
          pods: 'none running',
          evidence: 'the RuntimeClasses exist, but no running pod uses them: that alone does not show their handlers are installed on any node',
          'loaded by': reporting ? unused.map((rc) => `${rc.name}: ${loadedPools(rc).loaded.length} of ${allPools.length} pools`).join(', ') : NOT_REPORTED,
        },
      });
    }
    if (input.runtimeClasses.length > MAX_DRAWN_RUNTIME_CLASSES) {
      nodes.push({ id: 'n_rc_more', kind: 'runtime-class', group: GROUP_RC, label: `${input.runtimeClasses.length - MAX_DRAWN_RUNTIME_CLASSES} more`, explain: 'runtimeclass' });
    }
  }

  const marks = markFindings(nodes, pools, poolOfNode, input.findings);
  return {
    cluster,
    pools,
    nodes: nodes.map((n) => {
      const findings = marks.byNode.get(n.id);
      return findings ? { ...n, findings } : n;
    }),
    edges,
    groups: groups.map((g) => ({ ...g, members: nodes.filter((n) => n.group === g.id).map((n) => n.id) })),
    findingComponents: marks.first,
  };
}

const CRI_RUNTIME_KINDS: ReadonlySet<AnatomyNodeKind> = new Set(['dockershim', 'cri-dockerd', 'containerd', 'cri-o', 'runtime-other']);
const DOCKER_RULES: ReadonlySet<string> = new Set(['docker-socket-mount', 'docker-socket-type-check', 'docker-data-mount', 'docker-cli-usage', 'docker-bound-agent', 'runtime-dir-mount']);

/**
 * Which components each finding touches (`AnatomyNode.findings`), and the one each finding links
 * to (`Anatomy.findingComponents`):
 *   - a Node finding goes to every component of the pool that node belongs to (kubelet, runtime
 *     stack, OCI runtime), except `dockershim-node`, which goes to that pool's dockershim and
 *     Docker Engine components only; nodes of pools beyond the drawn ones go to "N more pools";
 *   - a workload finding goes to the runtime components it depends on and those it breaks on:
 *     Docker findings (socket, data, CLI, agents, runtime directories) to every Docker Engine
 *     component and to the CRI runtime of every pool without Docker; runtime sockets to the
 *     containerd, CRI-O and cri-dockerd components; anything else (the dockershim socket, which
 *     exists on no node from 1.24) to every pool's CRI-facing component;
 *   - each component lists at most MAX_FINDINGS_PER_NODE findings;
 *   - the component a finding links to is, of those it touches, the one an earlier finding touched
 *     first (so the links of one report point at as few components as they can).
 */
function markFindings(
  nodes: readonly AnatomyNode[], pools: readonly Pool[], poolOfNode: ReadonlyMap<string, string>, findings: readonly Finding[],
): { byNode: Map<string, number[]>; first: (string | null)[] } {
  const byNode = new Map<string, number[]>();
  const touched = new Map<string, number>(); // component id → when it was first touched
  const first: (string | null)[] = [];
  const add = (ids: readonly string[], index: number) => {
    let best: string | null = null;
    for (const id of ids) {
      let list = byNode.get(id);
      if (!list) {
        list = [];
        byNode.set(id, list);
        touched.set(id, touched.size);
      }
      if (list.length >= MAX_FINDINGS_PER_NODE || list.includes(index)) continue;
      list.push(index);
      if (best === null || (touched.get(id) as number) < (touched.get(best) as number)) best = id;
    }
    first[index] = best;
  };
  const poolById = new Map(pools.map((p) => [p.id, p]));
  const kindById = new Map(nodes.map((n) => [n.id, n.kind]));
  const inDockerPool = (n: AnatomyNode) => n.pool !== undefined && poolById.get(n.pool)?.runtimeName === 'docker';
  // The component each pool's kubelet talks CRI to; containerd inside a Docker pool is Docker's.
  const criFacing = (n: AnatomyNode) => n.pool !== undefined && CRI_RUNTIME_KINDS.has(n.kind) && !(n.kind === 'containerd' && inDockerPool(n));

  const dockerd = nodes.filter((n) => n.kind === 'dockerd').map((n) => n.id);
  const allCri = nodes.filter(criFacing).map((n) => n.id);
  const nonDockerCri = nodes.filter((n) => criFacing(n) && !inDockerPool(n)).map((n) => n.id);
  const runtimeSockets = nodes.filter((n) => criFacing(n) && (n.kind === 'containerd' || n.kind === 'cri-o' || n.kind === 'cri-dockerd')).map((n) => n.id);

  findings.forEach((finding, index) => {
    first[index] = null;
    if (finding.subject.kind === 'Node') {
      const poolId = poolOfNode.get(finding.subject.name);
      const pool = poolId === undefined ? undefined : poolById.get(poolId);
      if (!pool) return;
      const stack = pool.members ?? [];
      if (stack.length === 0) {
        if (pool.drawnIn) add([pool.drawnIn], index);
        return;
      }
      const shim = finding.rule === 'dockershim-node' ? stack.filter((id) => kindById.get(id) === 'dockershim' || kindById.get(id) === 'dockerd') : [];
      add(shim.length ? shim : stack, index);
    } else if (DOCKER_RULES.has(finding.rule)) {
      add([...dockerd, ...nonDockerCri], index);
    } else if (finding.rule === 'runtime-socket-mount') {
      add(runtimeSockets.length ? runtimeSockets : allCri, index);
    } else {
      add(allCri, index);
    }
  });
  return { byNode, first };
}

type Step = Omit<AnatomyNode, 'id' | 'group'> & { edgeLabel?: string; marked?: boolean };

/** kubelet → CRI implementation → ... → OCI runtime, for one pool. */
function runtimeChain(pool: Pool): Step[] {
  const version = pool.runtimeVersion ? ` ${pool.runtimeVersion}` : '';
  const windows = pool.os === 'windows';
  const oci: Step = windows
    ? { kind: 'oci-runtime', label: 'runhcs / HCS', detail: 'Windows host compute service', explain: 'oci' }
    : { kind: 'oci-runtime', label: 'runc', detail: 'OCI runtime (default)', explain: 'runc' };
  switch (pool.runtimeName) {
    case 'docker':
      return [
        pool.dockerShim === 'cri-dockerd'
          ? { kind: 'cri-dockerd', label: 'cri-dockerd', detail: 'CRI adapter for Docker', explain: 'cri-dockerd', edgeLabel: 'CRI', marked: false }
          : { kind: 'dockershim', label: 'dockershim', detail: 'inside the kubelet · removed in 1.24', explain: 'dockershim', edgeLabel: 'in-process', marked: true },
        { kind: 'dockerd', label: `Docker Engine${version}`, detail: 'dockerd', explain: 'dockerd', edgeLabel: 'Docker API', marked: pool.dockerShim !== 'cri-dockerd' },
        { kind: 'containerd', label: 'containerd', detail: 'managed by Docker', explain: 'containerd', edgeLabel: 'gRPC' },
        { ...oci, edgeLabel: 'OCI' },
      ];
    case 'containerd':
      return [
        { kind: 'containerd', label: `containerd${version}`, detail: 'CRI plugin', explain: 'containerd', edgeLabel: 'CRI', marked: true },
        { ...oci, edgeLabel: windows ? 'shim' : 'shim → OCI' },
      ];
    case 'cri-o':
      return [
        { kind: 'cri-o', label: `CRI-O${version}`, explain: 'cri-o', edgeLabel: 'CRI', marked: true },
        { ...oci, label: windows ? oci.label : 'runc / crun', detail: 'OCI runtime (as configured)', edgeLabel: 'conmon → OCI' },
      ];
    default:
      return [
        {
          kind: 'runtime-other', label: pool.runtimeName === 'unknown' ? 'unknown runtime' : `${pool.runtimeName}${version}`,
          detail: 'not a runtime K8s Anatomy recognises', explain: 'cri', edgeLabel: 'CRI', marked: true,
        },
      ];
  }
}

function rank(s: Severity): number {
  return s === 'error' ? 0 : s === 'warning' ? 1 : 2;
}

/** FNV-1a, 32 bits, hex: a short stable id from a pool key. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
