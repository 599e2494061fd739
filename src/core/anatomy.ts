// The anatomy graph: the model the panel and `topology` draw, laid out like the seed's diagram.
// Control plane (with its hosting and HA front) on top; node pools — nodes grouped by role, OS,
// runtime, runtime version, kubelet version and Docker path — each with its runtime stack down
// to the OCI runtime; kube-proxy, DNS and CNI beside them. Thousands of nodes collapse into a
// bounded number of pools, so the graph stays readable and within mermaid's limits.

import type {
  Anatomy, AnatomyEdge, AnatomyGroup, AnatomyNode, AnatomyNodeKind, ClusterFacts, ControlPlaneComponentName,
  Finding, NodeFacts, Pool, Severity,
} from './model';
import type { ComponentPod } from './controlPlane';
import type { RuntimeClassEvidence } from './runtimeClasses';
import { dockerPath } from './nodes';

/** At most this many pools are drawn; the rest are summarised in one node. */
export const MAX_DRAWN_POOLS = 16;
const MAX_DRAWN_RUNTIME_CLASSES = 10;

export function groupPools(nodes: readonly NodeFacts[]): Pool[] {
  const pools = new Map<string, { pool: Omit<Pool, 'nodeCount' | 'sampleNodes'>; names: string[]; count: number }>();
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
  }
  return [...pools.values()]
    .map((e) => ({ ...e.pool, nodeCount: e.count, sampleNodes: e.names }))
    .sort((a, b) => Number(b.controlPlane) - Number(a.controlPlane) || b.nodeCount - a.nodeCount || a.id.localeCompare(b.id));
}

export interface AnatomyInput {
  readonly cluster: ClusterFacts;
  readonly nodes: readonly NodeFacts[];
  readonly pools: readonly Pool[];
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

export function buildAnatomy(input: AnatomyInput): Anatomy {
  const nodes: AnatomyNode[] = [];
  const edges: AnatomyEdge[] = [];
  const groups: AnatomyGroup[] = [];
  const { cluster } = input;
  const severityByNode = new Map<string, Severity>();
  const mark = (nodeName: string, severity: Severity) => {
    const current = severityByNode.get(nodeName);
    if (!current || rank(severity) < rank(current)) severityByNode.set(nodeName, severity);
  };
  for (const f of input.findings) if (f.subject.kind === 'Node') mark(f.subject.name, f.severity);

  // --- control plane --------------------------------------------------------------------------
  groups.push({ id: 'g_cp', label: `Control plane · ${HOSTING_TEXT[cluster.controlPlane]}${cluster.ha === true ? ' · HA' : cluster.ha === false ? ' · single' : ''}` });
  const count = (c: ControlPlaneComponentName) => input.components.filter((p) => p.component === c);
  const managedBy = cluster.controlPlane === 'managed' ? `managed by ${cluster.distribution.toUpperCase()}` : cluster.controlPlane === 'embedded' ? `embedded (${cluster.distribution})` : undefined;
  const cpNode = (id: string, kind: AnatomyNodeKind, label: string, component: ControlPlaneComponentName, explain: string, always: boolean) => {
    const pods = count(component);
    if (!always && pods.length === 0) return false;
    const detail = pods.length > 0
      ? `${pods.length} ${cluster.controlPlane === 'static-pods' && pods.every((p) => p.mirror) ? 'static pod' : 'pod'}${pods.length === 1 ? '' : 's'}`
      : managedBy ?? 'not seen';
    nodes.push({
      id, kind, label, detail, explain, group: 'g_cp',
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
      id: 'n_front', kind: 'ha-front', group: 'g_cp',
      label: input.fronts.join(' + '),
      detail: `HA front of ${input.apiServers} API server${input.apiServers === 1 ? '' : 's'}`,
      explain: kubeVip ? 'kube-vip' : 'ha-front',
      facts: { pods: frontPods.slice(0, 6).map((p) => `${p.namespace}/${p.name}`).join(', ') },
    });
    edges.push({ from: 'n_front', to: 'n_api', label: 'load-balances', style: 'thick' });
  }

  // --- node pools -----------------------------------------------------------------------------
  groups.push({ id: 'g_nodes', label: `Nodes · ${input.nodes.length} in ${input.pools.length} pool${input.pools.length === 1 ? '' : 's'}` });
  const drawn = input.pools.slice(0, MAX_DRAWN_POOLS);
  for (const pool of drawn) {
    const groupId = `g_${pool.id}`;
    const role = pool.controlPlane ? 'control-plane' : 'worker';
    groups.push({ id: groupId, parent: 'g_nodes', label: `${pool.nodeCount} ${role} node${pool.nodeCount === 1 ? '' : 's'} · ${pool.os}` });
    const severity = poolSeverity(pool, input, severityByNode);
    const kubeletId = `${pool.id}_kubelet`;
    nodes.push({
      id: kubeletId, kind: 'kubelet', group: groupId, label: `kubelet ${pool.kubeletVersion || '(unknown)'}`,
      explain: 'kubelet',
      facts: { nodes: pool.sampleNodes.join(', ') + (pool.nodeCount > pool.sampleNodes.length ? ` (+${pool.nodeCount - pool.sampleNodes.length})` : ''), os: pool.os },
    });
    edges.push({ from: 'n_api', to: kubeletId, label: 'pods to run', style: 'dotted' });
    const chain = runtimeChain(pool);
    let previous = kubeletId;
    chain.forEach((step, i) => {
      const id = `${pool.id}_${i}`;
      nodes.push({ id, group: groupId, ...step, ...(severity && step.marked ? { severity } : {}) });
      edges.push({ from: previous, to: id, ...(step.edgeLabel ? { label: step.edgeLabel } : {}) });
      previous = id;
    });
  }
  if (input.pools.length > drawn.length) {
    const rest = input.pools.slice(drawn.length);
    nodes.push({
      id: 'n_more_pools', kind: 'pool', group: 'g_nodes',
      label: `${rest.length} more pools`, detail: `${rest.reduce((s, p) => s + p.nodeCount, 0)} nodes`, explain: 'node-pool',
    });
  }

  // --- add-ons --------------------------------------------------------------------------------
  groups.push({ id: 'g_addons', label: 'Cluster add-ons' });
  const proxies = count('kube-proxy');
  nodes.push({
    id: 'n_proxy', kind: 'kube-proxy', group: 'g_addons', label: 'kube-proxy',
    detail: proxies.length ? `${proxies.length} pod${proxies.length === 1 ? '' : 's'}${proxies.every((p) => p.mirror) ? ' (static)' : ''}` : 'no pods seen',
    explain: 'kube-proxy',
  });
  edges.push({ from: 'n_api', to: 'n_proxy', label: 'Services', style: 'dotted' });
  const dns = [...count('coredns'), ...count('kube-dns')];
  if (dns.length) {
    const name = count('coredns').length ? 'CoreDNS' : 'kube-dns';
    nodes.push({ id: 'n_dns', kind: 'dns', group: 'g_addons', label: name, detail: `${dns.length} pod${dns.length === 1 ? '' : 's'}`, explain: name === 'CoreDNS' ? 'coredns' : 'kube-dns' });
    edges.push({ from: 'n_api', to: 'n_dns', label: 'Services', style: 'dotted' });
  }
  for (const [i, cni] of input.cni.slice(0, 3).entries()) {
    nodes.push({ id: `n_cni_${i}`, kind: 'cni', group: 'g_addons', label: `CNI: ${cni.name}`, detail: `${cni.pods} pod${cni.pods === 1 ? '' : 's'}`, explain: 'cni' });
  }
  if (input.runtimeClasses.length > 0) {
    groups.push({ id: 'g_rc', label: 'RuntimeClasses' });
    for (const [i, rc] of input.runtimeClasses.slice(0, MAX_DRAWN_RUNTIME_CLASSES).entries()) {
      nodes.push({
        id: `n_rc_${i}`, kind: 'runtime-class', group: 'g_rc', label: `${rc.name} → ${rc.handler}`,
        detail: rc.runningPods > 0 ? `${rc.runningPods} running pod${rc.runningPods === 1 ? '' : 's'}` : 'unused',
        explain: rc.explain, facts: { handler: rc.handler, evidence: rc.evidence },
      });
    }
    if (input.runtimeClasses.length > MAX_DRAWN_RUNTIME_CLASSES) {
      nodes.push({ id: 'n_rc_more', kind: 'runtime-class', group: 'g_rc', label: `${input.runtimeClasses.length - MAX_DRAWN_RUNTIME_CLASSES} more`, explain: 'runtimeclass' });
    }
  }
  return { cluster, pools: input.pools, nodes, edges, groups };
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

function poolSeverity(pool: Pool, input: AnatomyInput, severityByNode: ReadonlyMap<string, Severity>): Severity | undefined {
  // Pools group identical nodes, so the findings of any member apply to the pool's stack.
  let worst: Severity | undefined;
  for (const node of input.nodes) {
    if (!matchesPool(node, pool)) continue;
    const s = severityByNode.get(node.name);
    if (s && (!worst || rank(s) < rank(worst))) worst = s;
    if (worst === 'error') break;
  }
  return worst;
}

function matchesPool(node: NodeFacts, pool: Pool): boolean {
  return node.controlPlane === pool.controlPlane && node.os === pool.os && node.runtime.name === pool.runtimeName
    && node.runtime.version === pool.runtimeVersion && node.kubeletVersion === pool.kubeletVersion;
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
