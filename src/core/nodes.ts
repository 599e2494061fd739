// What a Node object says about the node: runtime, kubelet, OS, roles, and — for `docker://`
// nodes — whether the kubelet reaches Docker Engine through dockershim or cri-dockerd
// (the runtime field and the cri-socket annotation, as https://kubernetes.io/docs/tasks/administer-cluster/migrating-from-dockershim/find-out-runtime-you-use/
// describes them).

import type { DockerShim, NodeFacts, NodeOs, NodeTaint, RuntimeHandlerFacts } from './model';
import { arr, dig, isRecord, meta, rec, str } from './read';
import { minorAtLeast, parseKubeVersion, parseRuntimeVersion } from './versions';
import { parseSocketEndpoint } from './paths';

export const CRI_SOCKET_ANNOTATION = 'kubeadm.alpha.kubernetes.io/cri-socket';

/** Annotations some rule reads; the rest of a node's annotations are dropped to save memory. */
const KEPT_ANNOTATIONS = [
  CRI_SOCKET_ANNOTATION, 'k3s.io/node-args', 'rke2.io/node-args', 'rke.cattle.io/external-ip',
  'rke.cattle.io/internal-ip', 'sim.k8s-anatomy.dev/configz',
];

const CONTROL_PLANE_ROLES = new Set(['control-plane', 'master', 'controlplane']);

export function nodeFacts(object: unknown): NodeFacts {
  const m = meta(object);
  const info = rec(dig(object, 'status', 'nodeInfo'));
  const kubeletVersion = str(info['kubeletVersion']);
  const annotations: Record<string, string> = {};
  for (const key of KEPT_ANNOTATIONS) {
    const value = m.annotations[key];
    if (value !== undefined) annotations[key] = value;
  }
  const roles = rolesOf(m.labels);
  return {
    name: m.name,
    kubeletVersion,
    kubelet: parseKubeVersion(kubeletVersion),
    os: osOf(str(info['operatingSystem']), m.labels),
    osImage: str(info['osImage']),
    kernelVersion: str(info['kernelVersion']),
    architecture: str(info['architecture']),
    roles,
    controlPlane: roles.some((r) => CONTROL_PLANE_ROLES.has(r)),
    runtime: parseRuntimeVersion(info['containerRuntimeVersion']),
    providerID: str(dig(object, 'spec', 'providerID')),
    labels: m.labels,
    annotations,
    criSocketAnnotation: m.annotations[CRI_SOCKET_ANNOTATION] ?? null,
    ready: readyOf(object),
    runtimeHandlers: runtimeHandlersOf(dig(object, 'status', 'runtimeHandlers')),
    criFeatures: criFeaturesOf(dig(object, 'status', 'features')),
    taints: taintsOf(dig(object, 'spec', 'taints')),
  };
}

/** The taints that keep pods off the node (PreferNoSchedule only steers the scheduler). */
function taintsOf(value: unknown): NodeTaint[] {
  const out: NodeTaint[] = [];
  for (const t of arr(value)) {
    const effect = str(dig(t, 'effect'));
    if (effect === 'NoSchedule' || effect === 'NoExecute') out.push({ key: str(dig(t, 'key')), value: str(dig(t, 'value')), effect });
  }
  return out;
}

function optionalBool(value: unknown): boolean | null {
  return typeof value === 'boolean' ? value : null;
}

/** `status.runtimeHandlers`: null when absent or not a list; entries that are not objects are dropped. */
function runtimeHandlersOf(value: unknown): RuntimeHandlerFacts[] | null {
  if (!Array.isArray(value)) return null;
  return value.filter(isRecord).map((h) => {
    const features = rec(h['features']);
    return {
      name: str(h['name']),
      features: {
        recursiveReadOnlyMounts: optionalBool(features['recursiveReadOnlyMounts']),
        userNamespaces: optionalBool(features['userNamespaces']),
      },
    };
  });
}

function criFeaturesOf(value: unknown): NodeFacts['criFeatures'] {
  if (!isRecord(value)) return null;
  return { supplementalGroupsPolicy: optionalBool(value['supplementalGroupsPolicy']) };
}

/** Roles from label keys, whatever their value (`""`, `"true"`, `controlplane`), as kubectl shows them. */
export function rolesOf(labels: Readonly<Record<string, string>>): string[] {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(labels)) {
    if (key.startsWith('node-role.kubernetes.io/')) {
      const role = key.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (key === 'kubernetes.io/role' && value) {
      roles.add(value);
    } else if (key === 'node.kubernetes.io/microk8s-controlplane') {
      roles.add('control-plane');
    } else if (key === 'node.k0sproject.io/role' && value) {
      roles.add(value);
    }
  }
  return [...roles].sort();
}

function osOf(operatingSystem: string, labels: Readonly<Record<string, string>>): NodeOs {
  const os = (operatingSystem || labels['kubernetes.io/os'] || labels['beta.kubernetes.io/os'] || '').toLowerCase();
  if (os === 'linux') return 'linux';
  if (os === 'windows') return 'windows';
  return 'unknown';
}

function readyOf(object: unknown): boolean | null {
  const ready = arr(dig(object, 'status', 'conditions')).find((c) => isRecord(c) && c['type'] === 'Ready');
  if (!isRecord(ready)) return null;
  return ready['status'] === 'True' ? true : ready['status'] === 'False' ? false : null;
}

export interface DockerPath {
  readonly shim: DockerShim;
  /** Why we believe it, in words, for the finding and the details pane. */
  readonly evidence: string;
}

/**
 * dockershim or cri-dockerd, for a node whose runtime is `docker://` (null otherwise):
 * 1. configz `containerRuntimeEndpoint`, when read, is direct evidence;
 * 2. kubelet ≥ 1.24 → cri-dockerd (dockershim no longer exists there);
 * 3. kubelet < 1.24: the kubeadm cri-socket annotation decides when it names cri-dockerd or
 *    dockershim; otherwise dockershim (the only way such a kubelet reached Docker without it).
 */
export function dockerPath(node: NodeFacts): DockerPath {
  if (node.runtime.name !== 'docker') return { shim: null, evidence: '' };
  if (node.configzEndpoint) {
    const endpoint = parseSocketEndpoint(node.configzEndpoint);
    if (endpoint.runtime === 'cri-dockerd') return { shim: 'cri-dockerd', evidence: `the kubelet's configz containerRuntimeEndpoint is ${node.configzEndpoint}` };
    if (endpoint.runtime === 'dockershim') return { shim: 'dockershim', evidence: `the kubelet's configz containerRuntimeEndpoint is ${node.configzEndpoint}` };
  }
  if (minorAtLeast(node.kubelet, 1, 24)) {
    return { shim: 'cri-dockerd', evidence: `kubelet ${node.kubeletVersion} has no dockershim (removed in 1.24), so Docker Engine is reached through cri-dockerd or another external adapter` };
  }
  const annotation = node.criSocketAnnotation ? parseSocketEndpoint(node.criSocketAnnotation) : null;
  if (annotation?.runtime === 'cri-dockerd') {
    return { shim: 'cri-dockerd', evidence: `kubelet ${node.kubeletVersion || '(unknown version)'} with the kubeadm cri-socket annotation ${node.criSocketAnnotation}` };
  }
  const version = node.kubelet ? `kubelet ${node.kubeletVersion}` : `a kubelet whose version could not be read (${JSON.stringify(node.kubeletVersion)})`;
  if (annotation?.runtime === 'dockershim') {
    return { shim: 'dockershim', evidence: `${version} with the kubeadm cri-socket annotation ${node.criSocketAnnotation}` };
  }
  return { shim: 'dockershim', evidence: `${version} reports docker:// with no sign of cri-dockerd; kubelets before 1.24 reach Docker Engine through their built-in dockershim unless pointed at cri-dockerd` };
}
