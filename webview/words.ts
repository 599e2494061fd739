// Names the panel shows for the model's enumerations. Cluster-level wording (distribution, hosting,
// HA, verdict, object names) is imported from core's shared renderer helpers
// (src/core/render/text.ts) where it is used, so the panel, the CLI and the exported pages say the
// same thing.

import type { AnatomyNodeKind, KnowledgeLayer, Severity } from '../src/core/model';

export const KIND_NAMES: Readonly<Record<AnatomyNodeKind, string>> = {
  'control-plane': 'control plane',
  'api-server': 'API server',
  etcd: 'cluster store',
  scheduler: 'scheduler',
  'controller-manager': 'controller manager',
  'cloud-controller-manager': 'cloud controller manager',
  'ha-front': 'API server load balancer',
  pool: 'node pools',
  kubelet: 'node agent',
  cri: 'container runtime interface',
  'cri-dockerd': 'CRI adapter for Docker Engine',
  dockershim: 'built-in Docker adapter',
  dockerd: 'container engine',
  containerd: 'container runtime',
  'cri-o': 'container runtime',
  'runtime-other': 'container runtime',
  'oci-runtime': 'OCI runtime',
  'kube-proxy': 'service proxy',
  dns: 'cluster DNS',
  cni: 'network plugin',
  'runtime-class': 'RuntimeClass',
};

export const LAYER_NAMES: Readonly<Record<KnowledgeLayer, string>> = {
  tooling: 'tooling',
  engine: 'container engine',
  'high-level-runtime': 'high-level runtime',
  'low-level-runtime': 'low-level (OCI) runtime',
  sandbox: 'sandboxed runtime',
  interface: 'interface',
  shim: 'shim',
  'control-plane': 'control plane',
  'node-agent': 'node agent',
  networking: 'networking',
  concept: 'concept',
};

export const SEVERITY_NAMES: Readonly<Record<Severity, string>> = { error: 'Error', warning: 'Warning', info: 'Info' };

export function severityOf(value: unknown): Severity {
  return value === 'error' || value === 'warning' || value === 'info' ? value : 'warning';
}
