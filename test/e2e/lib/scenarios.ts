// The clusters the end-to-end run shows: the kubeadm 1.23 HA sample (Docker through dockershim on
// every node) plus a workload that mounts the Docker socket and a gVisor RuntimeClass; the objects
// the live-update step adds; and a hostile cluster whose strings are HTML, script and mermaid syntax.

export const CLUSTER_SAMPLE = 'kubeadm-1.23-ha';

/** What the sample is known to contain (from samples/kubeadm-1.23-ha.yaml). */
export const CLUSTER_FACTS = {
  serverVersion: 'v1.23.17',
  dockerVersion: '20.10.17',
  controlPlaneNodes: ['cp-1', 'cp-2', 'cp-3'],
  workerNodes: ['worker-1', 'worker-2', 'worker-3'],
  components: ['kube-apiserver', 'etcd', 'kube-scheduler', 'kube-controller-manager'],
  haFront: ['haproxy', 'keepalived'],
} as const;

const LOG_SHIPPER_UID = '0b7a4c9e-5d7e-4f7e-9a51-6c2d3e4f5a01';

/** Added to the sample: a DaemonSet (with its pod) that mounts /var/run/docker.sock, and RuntimeClass gvisor. */
export const CLUSTER_EXTRA_OBJECTS: readonly object[] = [
  {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'log-shipper', namespace: 'monitoring', uid: LOG_SHIPPER_UID, labels: { app: 'log-shipper' } },
    spec: {
      selector: { matchLabels: { app: 'log-shipper' } },
      template: {
        metadata: { labels: { app: 'log-shipper' } },
        spec: {
          containers: [{ name: 'shipper', image: 'registry.example.com/monitoring/shipper:5.2.0', volumeMounts: [{ name: 'docker', mountPath: '/var/run/docker.sock' }] }],
          volumes: [{ name: 'docker', hostPath: { path: '/var/run/docker.sock', type: 'Socket' } }],
        },
      },
    },
    status: { currentNumberScheduled: 1, desiredNumberScheduled: 1, numberReady: 1 },
  },
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'log-shipper-7xk2p',
      namespace: 'monitoring',
      labels: { app: 'log-shipper' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'log-shipper', uid: LOG_SHIPPER_UID, controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      nodeName: 'worker-1',
      containers: [{ name: 'shipper', image: 'registry.example.com/monitoring/shipper:5.2.0', volumeMounts: [{ name: 'docker', mountPath: '/var/run/docker.sock' }] }],
      volumes: [{ name: 'docker', hostPath: { path: '/var/run/docker.sock', type: 'Socket' } }],
    },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
  },
  {
    apiVersion: 'node.k8s.io/v1',
    kind: 'RuntimeClass',
    metadata: { name: 'gvisor' },
    handler: 'runsc',
  },
];

/** The node the live-update step adds: a worker on containerd, a runtime the sample has none of. */
export function containerdWorker(template: Record<string, unknown>): Record<string, unknown> {
  const node = structuredClone(template) as { metadata: Record<string, unknown>; status: { nodeInfo: Record<string, unknown>; addresses?: unknown } };
  const metadata = node.metadata;
  delete metadata['uid'];
  delete metadata['resourceVersion'];
  delete metadata['creationTimestamp'];
  delete metadata['managedFields'];
  metadata['name'] = 'worker-4';
  metadata['labels'] = { ...(metadata['labels'] as Record<string, string>), 'kubernetes.io/hostname': 'worker-4' };
  metadata['annotations'] = { ...(metadata['annotations'] as Record<string, string>), 'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock' };
  node.status.nodeInfo = { ...node.status.nodeInfo, containerRuntimeVersion: `containerd://${NEW_CONTAINERD}` };
  node.status.addresses = [{ type: 'InternalIP', address: '10.10.0.24' }, { type: 'Hostname', address: 'worker-4' }];
  return node;
}

export const NEW_CONTAINERD = '1.6.20';

// ---------------------------------------------------------------------------------------------
// The hostile cluster: every string the panel draws is an attack on it.

export const HOSTILE = {
  img: '<img src=x onerror=window.__pwned=1>',
  script: '<script>window.__pwned=1</script>',
  mermaidClick: '"]; click n_api href "javascript:window.__pwned=1"',
  mermaidInit: '%%{init: {"securityLevel":"loose"}}%%',
} as const;

export const HOSTILE_SERVER_VERSION = `v1.29.2${HOSTILE.mermaidClick}`;

function hostileNode(name: string, runtime: string, kubelet: string, os: string, controlPlane: boolean): object {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        ...(controlPlane ? { 'node-role.kubernetes.io/control-plane': '' } : {}),
      },
      annotations: { 'kubeadm.alpha.kubernetes.io/cri-socket': `unix:///run/${HOSTILE.img}.sock` },
    },
    spec: {},
    status: {
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: HOSTILE.script }],
      nodeInfo: {
        architecture: 'amd64',
        containerRuntimeVersion: runtime,
        kernelVersion: '6.1.0',
        kubeProxyVersion: kubelet,
        kubeletVersion: kubelet,
        operatingSystem: os,
        osImage: `Debian ${HOSTILE.img}`,
      },
    },
  };
}

function hostilePod(name: string, component: string, node: string, image: string): object {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'kube-system',
      labels: { component, tier: 'control-plane' },
      annotations: { 'kubernetes.io/config.source': 'file', 'kubernetes.io/config.mirror': 'e2e' },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node, uid: '00000000-0000-4000-8000-000000000001', controller: true }],
    },
    spec: { nodeName: node, containers: [{ name: component, image }] },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

/** Right-to-left override … pop: would show the text around it reversed if it reached the page raw. */
export const BIDI_OVERRIDE = '\u202eevil\u202c';
/** A 300 KB free-text value (the size). */
export const HUGE_VALUE_LENGTH = 300_000;
/** Nodes a kubelet (or anyone who can write Node status) could make unreadable. */
export const MALFORMED_NODES = ['worker-bare', 'worker-odd', 'worker-unknown'] as const;

/** A Node with nothing but a name; one with wrong types, a bidi override and a 300 KB osImage; one with `Unknown`. */
function malformedNodes(): object[] {
  return [
    { apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker-bare' } },
    {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'worker-odd', labels: { 'kubernetes.io/os': 'linux', team: BIDI_OVERRIDE }, annotations: { note: 'x'.repeat(HUGE_VALUE_LENGTH) } },
      status: { nodeInfo: { containerRuntimeVersion: 42, kubeletVersion: null, operatingSystem: 'linux', osImage: `${BIDI_OVERRIDE}${'y'.repeat(HUGE_VALUE_LENGTH)}`, kernelVersion: ['6.1'] } },
    },
    {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'worker-unknown', labels: { 'kubernetes.io/os': 'linux' } },
      status: { nodeInfo: { containerRuntimeVersion: 'Unknown', kubeletVersion: '', operatingSystem: 'linux', osImage: '', kernelVersion: '' } },
    },
  ];
}

/**
 * Objects whose names, versions, images and handlers carry HTML, script and mermaid directives,
 * plus malformed Nodes (missing fields, wrong types, `Unknown`, a bidi override, 300 KB values).
 */
export function hostileObjects(): object[] {
  const cp = 'cp-evil';
  return [
    hostileNode(cp, `containerd://1.7.13${HOSTILE.mermaidInit}`, `v1.29.2${HOSTILE.img}`, 'linux', true),
    hostileNode('worker-evil-1', `${HOSTILE.script}://1.0`, `v1.29.2${HOSTILE.mermaidClick}`, 'linux', false),
    hostileNode('worker-evil-2', `docker://24.0.7${HOSTILE.img}`, `v1.29.2${HOSTILE.mermaidInit}`, 'linux', false),
    hostilePod(`kube-apiserver-${cp}`, 'kube-apiserver', cp, `registry.k8s.io/kube-apiserver:v1.29.2${HOSTILE.script}`),
    hostilePod(`etcd-${cp}`, 'etcd', cp, `registry.k8s.io/etcd:3.5.10${HOSTILE.img}`),
    hostilePod(`kube-scheduler-${cp}`, 'kube-scheduler', cp, `registry.k8s.io/kube-scheduler:v1.29.2${HOSTILE.mermaidClick}`),
    hostilePod(`kube-controller-manager-${cp}`, 'kube-controller-manager', cp, `registry.k8s.io/kube-controller-manager:v1.29.2${HOSTILE.mermaidInit}`),
    {
      apiVersion: 'node.k8s.io/v1',
      kind: 'RuntimeClass',
      metadata: { name: 'sandboxed' },
      handler: `runsc${HOSTILE.mermaidClick}`,
    },
    ...malformedNodes(),
  ];
}
