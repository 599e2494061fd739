// Small builders for Kubernetes objects in tests. They produce what the API returns, with only
// the fields a test cares about filled in.

export interface NodeSpec {
  name?: string;
  runtime: string;
  kubelet: string;
  os?: string;
  osImage?: string;
  kernel?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  providerID?: string;
  criSocket?: string;
}

export function node(spec: NodeSpec): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: spec.name ?? 'node-1',
      labels: { 'kubernetes.io/os': spec.os ?? 'linux', ...(spec.labels ?? {}) },
      annotations: { ...(spec.criSocket ? { 'kubeadm.alpha.kubernetes.io/cri-socket': spec.criSocket } : {}), ...(spec.annotations ?? {}) },
    },
    spec: spec.providerID ? { providerID: spec.providerID } : {},
    status: {
      conditions: [{ type: 'Ready', status: 'True' }],
      nodeInfo: {
        containerRuntimeVersion: spec.runtime,
        kubeletVersion: spec.kubelet,
        operatingSystem: spec.os ?? 'linux',
        osImage: spec.osImage ?? 'Ubuntu 22.04.3 LTS',
        kernelVersion: spec.kernel ?? '5.15.0-91-generic',
        architecture: 'amd64',
      },
    },
  };
}

export interface VolumeSpec {
  name: string;
  hostPath?: string;
  type?: string;
  emptyDir?: boolean;
}

export interface PodSpecInput {
  volumes?: VolumeSpec[];
  containers?: { name: string; mounts?: { volume: string; mountPath: string }[]; privileged?: boolean; command?: string[] }[];
}

export function podSpec(input: PodSpecInput): Record<string, unknown> {
  return {
    containers: (input.containers ?? [{ name: 'main', mounts: (input.volumes ?? []).map((v) => ({ volume: v.name, mountPath: `/mnt/${v.name}` })) }]).map((c) => ({
      name: c.name,
      image: 'busybox:1.36',
      ...(c.command ? { command: c.command } : {}),
      ...(c.privileged ? { securityContext: { privileged: true } } : {}),
      volumeMounts: (c.mounts ?? []).map((m) => ({ name: m.volume, mountPath: m.mountPath })),
    })),
    volumes: (input.volumes ?? []).map((v) => v.emptyDir ? { name: v.name, emptyDir: {} } : { name: v.name, hostPath: { path: v.hostPath, ...(v.type ? { type: v.type } : {}) } }),
  };
}

export interface Owner {
  kind: string;
  name: string;
}

export function meta(name: string, namespace: string, owner?: Owner, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name,
    namespace,
    uid: `uid-${namespace}-${name}`,
    ...(owner ? { ownerReferences: [{ apiVersion: 'v1', kind: owner.kind, name: owner.name, uid: `uid-${owner.name}`, controller: true }] } : {}),
    ...extra,
  };
}

export function pod(name: string, namespace: string, spec: Record<string, unknown>, owner?: Owner, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Pod', metadata: meta(name, namespace, owner, extra), spec, status: { phase: 'Running' } };
}

export function workload(kind: string, name: string, namespace: string, spec: Record<string, unknown>, owner?: Owner): Record<string, unknown> {
  const template = { metadata: {}, spec };
  const body = kind === 'CronJob' ? { schedule: '*/5 * * * *', jobTemplate: { spec: { template } } } : { template };
  return { apiVersion: kind === 'CronJob' || kind === 'Job' ? 'batch/v1' : 'apps/v1', kind, metadata: meta(name, namespace, owner), spec: body };
}
