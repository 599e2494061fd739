// Control-plane components and cluster add-ons recognised from their pods, the distribution from
// node signals (strongest first), how the control plane is hosted, and whether it is HA. The
// signals are the labels, annotations and static-pod metadata real clusters show; the strings, from
// public dumps, are the rows of test/core/distribution.test.ts.

import type {
  ControlPlaneComponentName, ControlPlaneEntry, ControlPlaneHosting, Distribution, NodeFacts,
} from './model';
import { arr, dig, isRecord, type Meta } from './read';

/** What the scanner keeps of a pod recognised as a cluster component. */
export interface ComponentPod extends ControlPlaneEntry {
  /** A mirror (static) pod: `kubernetes.io/config.mirror` annotation or a Node owner. */
  readonly mirror: boolean;
  readonly image: string;
}

const PREFIXES: readonly [string, ControlPlaneComponentName][] = [
  ['kube-apiserver-', 'kube-apiserver'],
  ['kube-controller-manager-', 'kube-controller-manager'],
  ['openshift-kube-scheduler-', 'kube-scheduler'],
  ['kube-scheduler-', 'kube-scheduler'],
  ['cloud-controller-manager', 'cloud-controller-manager'],
  ['etcd-', 'etcd'],
  ['kube-proxy-', 'kube-proxy'],
  ['rke2-coredns-rke2-coredns-', 'coredns'],
  ['coredns-', 'coredns'],
  ['kube-dns-', 'kube-dns'],
  ['haproxy-', 'haproxy'],
  ['keepalived-', 'keepalived'],
  ['kube-vip-', 'kube-vip'],
  ['kube-vip', 'kube-vip'],
  ['nginx-proxy-', 'nginx-proxy'],
];

const LABEL_COMPONENTS: Readonly<Record<string, ControlPlaneComponentName>> = {
  'kube-apiserver': 'kube-apiserver',
  'openshift-kube-apiserver': 'kube-apiserver',
  etcd: 'etcd',
  'kube-scheduler': 'kube-scheduler',
  'openshift-kube-scheduler': 'kube-scheduler',
  'kube-controller-manager': 'kube-controller-manager',
  'cloud-controller-manager': 'cloud-controller-manager',
  'kube-proxy': 'kube-proxy',
};

/** Names that carry a component's prefix but are helpers, operators or autoscalers, not it. */
const NOT_A_COMPONENT = /(^installer-|^revision-pruner-|-guard-|-operator|autoscaler|-backup|-defrag|-quorum-guard)/;

/** Identify a cluster component from a pod's identity (name prefix and labels), or null. */
export function identifyComponent(m: Meta, spec: unknown): ControlPlaneComponentName | null {
  const system = m.namespace === 'kube-system' || m.namespace.startsWith('openshift-');
  const mirror = isMirror(m);
  if (!system && !mirror) return null;
  if (m.namespace.endsWith('-operator') || NOT_A_COMPONENT.test(m.name)) return null;
  const byLabel = LABEL_COMPONENTS[m.labels['component'] ?? ''] ?? LABEL_COMPONENTS[m.labels['k8s-app'] ?? ''] ?? LABEL_COMPONENTS[m.labels['app'] ?? ''];
  if (byLabel) return byLabel;
  if (m.labels['k8s-app'] === 'kube-dns') {
    return m.name.startsWith('kube-dns') || !imageOf(spec).includes('coredns') ? 'kube-dns' : 'coredns';
  }
  for (const [prefix, component] of PREFIXES) {
    if (m.name.startsWith(prefix)) return component;
  }
  return null;
}

export function isMirror(m: Meta): boolean {
  return m.annotations['kubernetes.io/config.mirror'] !== undefined || m.ownerReferences.some((o) => o.kind === 'Node');
}

export function imageOf(spec: unknown): string {
  const first = arr(dig(spec, 'containers'))[0];
  return isRecord(first) && typeof first['image'] === 'string' ? first['image'] : '';
}

/** CNI plugins recognised from their DaemonSet pod names, most specific first. */
const CNI_PREFIXES: readonly [string, string][] = [
  ['aws-node', 'Amazon VPC CNI'],
  ['calico-node', 'Calico'],
  ['rke2-canal', 'Canal (Calico + Flannel)'],
  ['canal', 'Canal (Calico + Flannel)'],
  ['cilium', 'Cilium'],
  ['kube-flannel', 'Flannel'],
  ['flannel', 'Flannel'],
  ['kindnet', 'kindnet'],
  ['kube-router', 'kube-router'],
  ['azure-cns', 'Azure CNI'],
  ['azure-cni', 'Azure CNI'],
  ['weave-net', 'Weave Net'],
  ['antrea-agent', 'Antrea'],
  ['ovnkube-node', 'OVN-Kubernetes'],
  ['sdn-', 'OpenShift SDN'],
  ['netd', 'GKE netd'],
];

export function identifyCni(m: Meta): string | null {
  if (!(m.namespace === 'kube-system' || m.namespace.startsWith('openshift-') || m.namespace.endsWith('-system') || m.namespace === 'calico-system' || m.namespace === 'kube-flannel')) {
    return null;
  }
  if (m.name.includes('-operator') || m.name.includes('-controller')) return null;
  for (const [prefix, name] of CNI_PREFIXES) if (m.name.startsWith(prefix)) return name;
  return null;
}

// ---------------------------------------------------------------------------------------------

export interface DistributionSignals {
  readonly nodes: readonly NodeFacts[];
  readonly serverVersion: string | null;
  readonly components: readonly ComponentPod[];
  /** Namespaces seen (OpenShift keeps its control plane in `openshift-*`). */
  readonly namespaces: ReadonlySet<string>;
}

const OPENSHIFT_OS = /^(Red Hat Enterprise Linux CoreOS|Fedora CoreOS|CentOS Stream CoreOS)/;

/** The distribution, checking the strongest signals first (cluster-facts §4.3). */
export function detectDistribution(s: DistributionSignals): Distribution {
  const nodes = s.nodes;
  const server = s.serverVersion ?? '';
  const any = (test: (n: NodeFacts) => boolean) => nodes.some(test);
  const label = (n: NodeFacts, prefix: string) => Object.keys(n.labels).some((k) => k.startsWith(prefix));
  const instanceType = (n: NodeFacts) => n.labels['node.kubernetes.io/instance-type'] ?? n.labels['beta.kubernetes.io/instance-type'];
  const hasControlPlaneNodes = any((n) => n.controlPlane);

  if (server.includes('+rke2r') || any((n) => 'rke2.io/node-args' in n.annotations || n.kubeletVersion.includes('+rke2r') || instanceType(n) === 'rke2')) return 'rke2';
  if (server.includes('+k3s') || any((n) => 'k3s.io/node-args' in n.annotations || n.kubeletVersion.includes('+k3s') || instanceType(n) === 'k3s' || n.osImage === 'K3s dev')) return 'k3s';
  if (server.includes('+k0s') || any((n) => 'node.k0sproject.io/role' in n.labels || n.kubeletVersion.includes('+k0s') || label(n, 'kots.io/'))) return 'k0s';
  if (
    any((n) => 'node.openshift.io/os_id' in n.labels || OPENSHIFT_OS.test(n.osImage) || n.runtime.suffix.includes('rhaos')) ||
    [...s.namespaces].some((ns) => ns === 'openshift-kube-apiserver' || ns === 'openshift-etcd')
  ) return 'openshift';
  if (server.includes('-eks-') || any((n) => label(n, 'eks.amazonaws.com/') || n.kubeletVersion.includes('-eks-'))) return 'eks';
  if (!hasControlPlaneNodes && nodes.length > 0 && nodes.every((n) => n.providerID.startsWith('aws://'))) return 'eks';
  if (server.includes('-gke.') || any((n) => label(n, 'cloud.google.com/gke-') || n.kubeletVersion.includes('-gke.'))) return 'gke';
  if (!hasControlPlaneNodes && nodes.length > 0 && nodes.every((n) => n.providerID.startsWith('gce://'))) return 'gke';
  if (any((n) => label(n, 'kubernetes.azure.com/'))) return 'aks';
  if (!hasControlPlaneNodes && nodes.length > 0 && nodes.every((n) => n.providerID.startsWith('azure://'))) return 'aks';
  if (any((n) => label(n, 'minikube.k8s.io/'))) return 'minikube';
  if (any((n) => n.providerID.startsWith('kind://'))) return 'kind';
  if (any((n) => n.osImage === 'Docker Desktop' || n.name === 'docker-desktop')) return 'docker-desktop';
  if (any((n) => n.labels['microk8s.io/cluster'] === 'true' || 'node.kubernetes.io/microk8s-controlplane' in n.labels || 'node.kubernetes.io/microk8s-worker' in n.labels)) return 'microk8s';
  if (any((n) => n.osImage.startsWith('Talos ('))) return 'talos';
  if (any((n) => 'rke.cattle.io/external-ip' in n.annotations || 'rke.cattle.io/internal-ip' in n.annotations || 'node-role.kubernetes.io/controlplane' in n.labels)) return 'rke1';
  if (
    any((n) => n.criSocketAnnotation !== null) ||
    s.components.some((c) => c.component === 'kube-apiserver' && c.mirror && c.namespace === 'kube-system')
  ) return 'kubeadm';
  return 'generic';
}

const MANAGED: ReadonlySet<Distribution> = new Set(['eks', 'gke', 'aks']);
const EMBEDDED: ReadonlySet<Distribution> = new Set(['k3s', 'k0s', 'microk8s']);

/** How the control plane runs (cluster-facts §4.4). Component identity decides, not mirror pods. */
export function detectHosting(distribution: Distribution, nodes: readonly NodeFacts[], components: readonly ComponentPod[]): ControlPlaneHosting {
  const apiservers = components.filter((c) => c.component === 'kube-apiserver');
  if (apiservers.some((c) => c.mirror)) return 'static-pods';
  if (apiservers.length > 0) return 'unknown';
  const controlPlaneNodes = nodes.some((n) => n.controlPlane);
  if (distribution === 'rke1') return 'containers';
  if (EMBEDDED.has(distribution)) {
    // k0s controllers run no kubelet by default: no control-plane nodes means we cannot see them.
    return distribution === 'k0s' && !controlPlaneNodes ? 'unknown' : 'embedded';
  }
  if (MANAGED.has(distribution) && !controlPlaneNodes) return 'managed';
  return 'unknown';
}

export interface HaResult {
  readonly ha: boolean | null;
  /** The HA front(s) seen: haproxy, keepalived, kube-vip. */
  readonly fronts: readonly ControlPlaneComponentName[];
  readonly apiServers: number;
}

/** HA from the number of API servers (or control-plane nodes), null where it cannot be seen. */
export function detectHa(hosting: ControlPlaneHosting, distribution: Distribution, nodes: readonly NodeFacts[], components: readonly ComponentPod[], apiServerLeases: number): HaResult {
  const fronts = [...new Set(components.filter((c) => c.component === 'haproxy' || c.component === 'keepalived' || c.component === 'kube-vip').map((c) => c.component))];
  const apiServers = new Set(components.filter((c) => c.component === 'kube-apiserver').map((c) => c.node ?? c.name)).size;
  const controlPlaneNodes = nodes.filter((n) => n.controlPlane).length;
  if (hosting === 'managed') return { ha: null, fronts, apiServers };
  if (apiServerLeases > 0) return { ha: apiServerLeases > 1, fronts, apiServers: Math.max(apiServers, apiServerLeases) };
  if (hosting === 'static-pods') return { ha: apiServers > 1, fronts, apiServers };
  if (distribution === 'microk8s') {
    const voters = nodes.filter((n) => 'node.kubernetes.io/microk8s-controlplane' in n.labels).length;
    return { ha: voters >= 3, fronts, apiServers: voters };
  }
  if (controlPlaneNodes > 0) return { ha: controlPlaneNodes > 1, fronts, apiServers: controlPlaneNodes };
  return { ha: null, fronts, apiServers };
}
