// `--scale nodes=N,pods=M`: a large kubeadm cluster in the middle of a runtime migration,
// generated deterministically from a seed (same seed, same objects; only timestamps move with the
// generation time). Node pools run different runtimes and kubelets (60% containerd 1.7 on
// v1.29, 25% containerd 1.6 on v1.28, 10% CRI-O 1.29, 5% Docker 24 through cri-dockerd, plus two
// Windows nodes); three control-plane nodes carry kubeadm static pods and an haproxy/keepalived
// front; every Linux node runs kube-proxy and the CNI; workloads spread over ~50 namespaces, a
// few of them still mounting the Docker socket. Exactly M pods are generated.
//
// Objects are yielded one at a time so the store can serialise each and let it go.

import { Preserialized, type KubeObject } from './store';

export interface ScaleOptions {
  readonly nodes: number;
  readonly pods: number;
  readonly seed?: number;
  /** Reference time for ages (ms since epoch); default: now. */
  readonly now?: number;
  /**
   * Which cluster: `2024` (default) the dockershim-era migration above; `2026` the runtime
   * questions of 2026: AL2023 on containerd 2.1, Bottlerocket, a legacy Amazon Linux 2 pool on
   * containerd 1.7 with cgroup v1 (its kubelets' metrics say 1, and each posted a CgroupV1
   * Warning), Ubuntu 24.04 with CRI-O, and Windows.
   */
  readonly profile?: '2024' | '2026';
}

export interface ScaleCluster {
  readonly serverVersion: string;
  readonly objects: Iterable<KubeObject | Preserialized>;
}

export const SCALE_SERVER_VERSION = 'v1.29.6';

// ---- deterministic randomness --------------------------------------------------------------------

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const HEX_BYTES = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  /** mulberry32: fast, good enough for test data, fully determined by the seed. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(below: number): number {
    return Math.floor(this.next() * below);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  hex(length: number): string {
    let out = '';
    while (out.length < length) {
      const word = (this.next() * 4294967296) >>> 0;
      out += (HEX_BYTES[word >>> 24] ?? '') + (HEX_BYTES[(word >>> 16) & 255] ?? '') + (HEX_BYTES[(word >>> 8) & 255] ?? '') + (HEX_BYTES[word & 255] ?? '');
    }
    return out.length === length ? out : out.slice(0, length);
  }

  uid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[this.int(4)]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  /** Kubernetes' random name suffix alphabet (no vowels, no ambiguous digits). */
  suffix(length: number): string {
    const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[this.int(alphabet.length)];
    return out;
  }
}

// ---- node pools ----------------------------------------------------------------------------------

interface Pool {
  readonly key: string;
  readonly share: number;
  readonly kubelet: string;
  readonly runtimes: readonly string[];
  readonly osImage: string;
  readonly kernel: string;
  readonly criSocket: string;
  readonly instanceType: string;
  /** The host boots cgroup v1 (the simulated kubelet's metrics say 1; it posts a CgroupV1 Event). */
  readonly cgroupV1?: boolean;
  /** The runtime reports `status.runtimeHandlers` and `status.features` (containerd 2.x). */
  readonly handlers?: readonly string[];
}

const WORKER_POOLS: readonly Pool[] = [
  { key: 'ctd17', share: 0.6, kubelet: 'v1.29.6', runtimes: ['containerd://1.7.13', 'containerd://1.7.15', 'containerd://1.7.18'], osImage: 'Ubuntu 22.04.4 LTS', kernel: '5.15.0-105-generic', criSocket: 'unix:///var/run/containerd/containerd.sock', instanceType: 'm6i.2xlarge' },
  { key: 'ctd16', share: 0.25, kubelet: 'v1.28.11', runtimes: ['containerd://1.6.28', 'containerd://1.6.31', 'containerd://1.6.33'], osImage: 'Ubuntu 20.04.6 LTS', kernel: '5.4.0-182-generic', criSocket: 'unix:///var/run/containerd/containerd.sock', instanceType: 'm5.2xlarge' },
  { key: 'crio', share: 0.1, kubelet: 'v1.29.6', runtimes: ['cri-o://1.29.5', 'cri-o://1.29.6'], osImage: 'Red Hat Enterprise Linux 9.4 (Plow)', kernel: '5.14.0-427.13.1.el9_4.x86_64', criSocket: 'unix:///var/run/crio/crio.sock', instanceType: 'm6i.2xlarge' },
  { key: 'dkr', share: 0.05, kubelet: 'v1.28.11', runtimes: ['docker://24.0.7', 'docker://24.0.9'], osImage: 'Ubuntu 22.04.4 LTS', kernel: '5.15.0-105-generic', criSocket: 'unix:///var/run/cri-dockerd.sock', instanceType: 'm5.2xlarge' },
];

export const SCALE_2026_SERVER_VERSION = 'v1.33.5';

/** 2026 pools (`profile=2026`): strings as EKS, Bottlerocket, Ubuntu and CRI-O nodes report them. */
const WORKER_POOLS_2026: readonly Pool[] = [
  { key: 'al2023', share: 0.45, kubelet: 'v1.33.5-eks-113cf36', runtimes: ['containerd://2.1.4', 'containerd://2.1.5'], osImage: 'Amazon Linux 2023.8.20250915', kernel: '6.1.147-172.266.amzn2023.x86_64', criSocket: 'unix:///run/containerd/containerd.sock', instanceType: 'm7i.2xlarge', handlers: ['', 'runc'] },
  { key: 'brkt', share: 0.25, kubelet: 'v1.33.5-eks-113cf36', runtimes: ['containerd://2.1.4+bottlerocket'], osImage: 'Bottlerocket OS 1.44.0 (aws-k8s-1.33)', kernel: '6.1.141', criSocket: 'unix:///run/containerd/containerd.sock', instanceType: 'm7g.2xlarge', handlers: ['', 'runc'] },
  { key: 'al2', share: 0.15, kubelet: 'v1.32.9-eks-113cf36', runtimes: ['containerd://1.7.27'], osImage: 'Amazon Linux 2', kernel: '5.10.240-238.959.amzn2.x86_64', criSocket: 'unix:///run/containerd/containerd.sock', instanceType: 'm5.2xlarge', cgroupV1: true },
  { key: 'crio', share: 0.15, kubelet: 'v1.33.5', runtimes: ['cri-o://1.33.2', 'cri-o://1.33.4'], osImage: 'Ubuntu 24.04.3 LTS', kernel: '6.8.0-1035-aws', criSocket: 'unix:///var/run/crio/crio.sock', instanceType: 'm7i.2xlarge' },
];

const CONTROL_PLANE_POOL_2026: Pool = {
  key: 'cp', share: 0, kubelet: SCALE_2026_SERVER_VERSION, runtimes: ['containerd://2.1.4'], osImage: 'Amazon Linux 2023.8.20250915', kernel: '6.1.147-172.266.amzn2023.x86_64',
  criSocket: 'unix:///run/containerd/containerd.sock', instanceType: 'c7i.xlarge', handlers: ['', 'runc'],
};

const WINDOWS_POOL_2026: Pool = {
  key: 'win', share: 0, kubelet: 'v1.33.5-eks-113cf36', runtimes: ['containerd://1.7.27'], osImage: 'Windows Server 2022 Datacenter', kernel: '10.0.20348.4052',
  criSocket: 'npipe:////./pipe/containerd-containerd', instanceType: 'm6i.2xlarge',
};

const CONTROL_PLANE_POOL: Pool = {
  key: 'cp', share: 0, kubelet: SCALE_SERVER_VERSION, runtimes: ['containerd://1.7.18'], osImage: 'Ubuntu 22.04.4 LTS', kernel: '5.15.0-105-generic',
  criSocket: 'unix:///var/run/containerd/containerd.sock', instanceType: 'c6i.xlarge',
};

const WINDOWS_POOL: Pool = {
  key: 'win', share: 0, kubelet: 'v1.29.6', runtimes: ['containerd://1.7.18'], osImage: 'Windows Server 2022 Datacenter', kernel: '10.0.20348.2402',
  criSocket: 'npipe:////./pipe/containerd-containerd', instanceType: 'm5.2xlarge',
};

interface NodeFacts {
  readonly name: string;
  readonly index: number;
  readonly pool: Pool;
  readonly runtime: string;
  readonly ip: string;
  readonly podCidrBase: string;
  readonly windows: boolean;
  readonly controlPlane: boolean;
  readonly zone: string;
}

/** Split `total` by shares, rounding so the parts add up exactly (largest remainder). */
function apportion(total: number, shares: readonly number[]): number[] {
  const exact = shares.map((s) => s * total);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
  }
  return parts;
}

// ---- object builders -----------------------------------------------------------------------------

class Builder {
  private rv = 1000;
  private readonly days = new Map<number, string>();
  private readonly usedNames = new Set<string>();

  constructor(
    readonly random: Random,
    readonly now: number,
  ) {}

  /** `prefix` + a random suffix not used yet in the namespace (generated names never collide). */
  uniqueName(namespace: string, prefix: string): string {
    for (;;) {
      const name = `${prefix}${this.random.suffix(5)}`;
      const key = `${namespace}/${name}`;
      if (!this.usedNames.has(key)) {
        this.usedNames.add(key);
        return name;
      }
    }
  }

  nextRv(): string {
    this.rv += 1 + this.random.int(3);
    return String(this.rv);
  }

  /** An RFC 3339 time `secondsAgo` before now (the date part cached per day: pods share days). */
  time(secondsAgo: number): string {
    const at = Math.floor(this.now / 1000) - Math.max(0, Math.floor(secondsAgo));
    const day = Math.floor(at / 86400);
    let date = this.days.get(day);
    if (date === undefined) {
      date = new Date(day * 86400_000).toISOString().slice(0, 11);
      this.days.set(day, date);
    }
    const inDay = at - day * 86400;
    return `${date}${TWO_DIGITS[Math.floor(inDay / 3600)]}:${TWO_DIGITS[Math.floor(inDay / 60) % 60]}:${TWO_DIGITS[inDay % 60]}Z`;
  }

  node(facts: NodeFacts, ready: boolean): KubeObject {
    const { pool } = facts;
    const labels: Record<string, string> = {
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': facts.windows ? 'windows' : 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': facts.name,
      'kubernetes.io/os': facts.windows ? 'windows' : 'linux',
      'node.kubernetes.io/instance-type': pool.instanceType,
      'topology.kubernetes.io/region': 'eu-west-1',
      'topology.kubernetes.io/zone': facts.zone,
      'anatomy.example.com/pool': pool.key,
    };
    if (facts.controlPlane) {
      labels['node-role.kubernetes.io/control-plane'] = '';
      labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
    } else {
      labels['node-role.kubernetes.io/worker'] = '';
    }
    const created = this.time(86400 * (120 + this.random.int(200)));
    const heartbeat = this.time(this.random.int(40));
    const transition = created;
    const condition = (type: string, status: string, reason: string, message: string): KubeObject => ({
      type, status, lastHeartbeatTime: heartbeat, lastTransitionTime: transition, reason, message,
    });
    const cpu = facts.controlPlane ? '4' : '8';
    const memory = facts.controlPlane ? '7936704Ki' : '32386152Ki';
    return {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: facts.name,
        uid: this.random.uid(),
        resourceVersion: this.nextRv(),
        creationTimestamp: created,
        labels,
        annotations: {
          'kubeadm.alpha.kubernetes.io/cri-socket': pool.criSocket,
          'node.alpha.kubernetes.io/ttl': '0',
          'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
          ...(pool.cgroupV1 ? { 'sim.k8s-anatomy.dev/cgroup-version': '1' } : {}),
          ...(facts.windows ? {} : { 'projectcalico.org/IPv4Address': `${facts.ip}/20`, 'projectcalico.org/IPv4IPIPTunnelAddr': `${facts.podCidrBase}.0` }),
        },
      },
      spec: {
        podCIDR: `${facts.podCidrBase}.0/24`,
        podCIDRs: [`${facts.podCidrBase}.0/24`],
        ...(facts.controlPlane ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {}),
        ...(ready ? {} : { taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: heartbeat }, { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: heartbeat }] }),
      },
      status: {
        capacity: { cpu, 'ephemeral-storage': '101430960Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory, pods: '110' },
        allocatable: { cpu, 'ephemeral-storage': '93478772582', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: facts.controlPlane ? '7834304Ki' : '32283752Ki', pods: '110' },
        conditions: ready
          ? [
              condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
              condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
              condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
              condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
            ]
          : ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'].map((type) => condition(type, 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.')),
        addresses: [
          { type: 'InternalIP', address: facts.ip },
          { type: 'Hostname', address: facts.name },
        ],
        daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
        ...(pool.handlers ? {
          runtimeHandlers: pool.handlers.map((name) => ({ name, features: { recursiveReadOnlyMounts: true, userNamespaces: true } })),
          features: { supplementalGroupsPolicy: true },
        } : {}),
        nodeInfo: {
          machineID: this.random.hex(32),
          systemUUID: this.random.uid().toUpperCase(),
          bootID: this.random.uid(),
          kernelVersion: pool.kernel,
          osImage: pool.osImage,
          containerRuntimeVersion: facts.runtime,
          kubeletVersion: pool.kubelet,
          kubeProxyVersion: pool.kubelet,
          operatingSystem: facts.windows ? 'windows' : 'linux',
          architecture: 'amd64',
        },
        images: [
          { names: [`registry.k8s.io/kube-proxy@sha256:${this.random.hex(64)}`, `registry.k8s.io/kube-proxy:${pool.kubelet}`], sizeBytes: 28_000_000 + this.random.int(2_000_000) },
          { names: [`registry.k8s.io/pause@sha256:${this.random.hex(64)}`, 'registry.k8s.io/pause:3.9'], sizeBytes: 321520 },
        ],
      },
    };
  }

  lease(node: NodeFacts, ownerUid: string): KubeObject {
    return {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: {
        name: node.name,
        namespace: 'kube-node-lease',
        uid: this.random.uid(),
        resourceVersion: this.nextRv(),
        creationTimestamp: this.time(86400 * 100),
        ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node.name, uid: ownerUid }],
      },
      spec: { holderIdentity: node.name, leaseDurationSeconds: 40, renewTime: `${this.time(this.random.int(10)).slice(0, -1)}.${String(this.random.int(1_000_000)).padStart(6, '0')}Z` },
    };
  }
}

/** The parts of a pod that differ between workloads. */
interface PodTemplate {
  readonly namespace: string;
  readonly labels: Record<string, string>;
  readonly annotations?: Record<string, string>;
  readonly containers: readonly ContainerTemplate[];
  readonly volumes?: readonly KubeObject[];
  readonly serviceAccount?: string;
  readonly hostNetwork?: boolean;
  readonly priorityClassName?: string;
  readonly tolerations?: readonly KubeObject[];
  readonly nodeSelector?: Record<string, string>;
  readonly restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  readonly securityContext?: KubeObject;
}

interface ContainerTemplate {
  readonly name: string;
  readonly image: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly ports?: readonly KubeObject[];
  readonly env?: readonly KubeObject[];
  readonly resources?: KubeObject;
  readonly volumeMounts?: readonly KubeObject[];
  readonly probes?: boolean;
  readonly securityContext?: KubeObject;
}

interface Owner {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly uid: string;
}

const DEFAULT_TOLERATIONS: readonly KubeObject[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];

function runtimeScheme(runtime: string): string {
  return runtime.split('://')[0] ?? 'containerd';
}

function imageId(builder: Builder, image: string, scheme: string): string {
  const repo = image.split(':')[0] ?? image;
  return scheme === 'docker' ? `docker-pullable://${repo}@sha256:${builder.random.hex(64)}` : `${repo}@sha256:${builder.random.hex(64)}`;
}

const TOKEN_VOLUME_PLACEHOLDER = '@@token-volume@@';
const NODE_NAME_PLACEHOLDER = '@@node-name@@';

function podSpec(template: PodTemplate, windows: boolean, tokenVolume: string, nodeName: string): KubeObject {
  const containers = template.containers.map((c) => ({
    name: c.name,
    image: c.image,
    ...(c.command ? { command: c.command } : {}),
    ...(c.args ? { args: c.args } : {}),
    ...(c.ports ? { ports: c.ports } : {}),
    ...(c.env ? { env: c.env } : {}),
    resources: c.resources ?? {},
    volumeMounts: [...(c.volumeMounts ?? []), { name: tokenVolume, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }],
    ...(c.probes
      ? {
          livenessProbe: { httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 10, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
          readinessProbe: { httpGet: { path: '/ready', port: 8080, scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 5, successThreshold: 1, failureThreshold: 3 },
        }
      : {}),
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    imagePullPolicy: 'IfNotPresent',
    ...(c.securityContext ? { securityContext: c.securityContext } : {}),
  }));
  return {
    volumes: [
      ...(template.volumes ?? []),
      {
        name: tokenVolume,
        projected: {
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
          ],
          defaultMode: 420,
        },
      },
    ],
    containers,
    restartPolicy: template.restartPolicy ?? 'Always',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: template.hostNetwork ? 'ClusterFirstWithHostNet' : 'ClusterFirst',
    ...(template.nodeSelector ? { nodeSelector: template.nodeSelector } : {}),
    serviceAccountName: template.serviceAccount ?? 'default',
    serviceAccount: template.serviceAccount ?? 'default',
    nodeName,
    ...(template.hostNetwork ? { hostNetwork: true } : {}),
    securityContext: template.securityContext ?? (windows ? {} : { runAsNonRoot: true, runAsUser: 10001, fsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } }),
    schedulerName: 'default-scheduler',
    tolerations: template.tolerations ?? DEFAULT_TOLERATIONS,
    ...(template.priorityClassName ? { priorityClassName: template.priorityClassName, priority: template.priorityClassName === 'system-node-critical' ? 2000001000 : 2000000000 } : { priority: 0 }),
    enableServiceLinks: true,
    preemptionPolicy: 'PreemptLowerPriority',
  };
}

/** The spec JSON of a template's pods, serialised once per template with placeholders for what varies. */
const specJsonCache = new WeakMap<PodTemplate, Map<boolean, string>>();

function podSpecJson(template: PodTemplate, windows: boolean, tokenVolume: string, nodeName: string): string {
  let byOs = specJsonCache.get(template);
  if (!byOs) {
    byOs = new Map();
    specJsonCache.set(template, byOs);
  }
  let json = byOs.get(windows);
  if (json === undefined) {
    json = JSON.stringify(podSpec(template, windows, TOKEN_VOLUME_PLACEHOLDER, NODE_NAME_PLACEHOLDER));
    byOs.set(windows, json);
  }
  return json.replaceAll(TOKEN_VOLUME_PLACEHOLDER, tokenVolume).replace(NODE_NAME_PLACEHOLDER, nodeName);
}

/** A full, realistic pod (2–4 KB of JSON), pre-serialised for the store. */
function podObject(
  builder: Builder,
  name: string,
  template: PodTemplate,
  node: NodeFacts,
  podIndexOnNode: number,
  owner: Owner | undefined,
  options: { generateName?: string; phase?: 'Running' | 'Succeeded'; ageSeconds: number; restarts?: number },
): Preserialized {
  const r = builder.random;
  const created = builder.time(options.ageSeconds);
  const started = builder.time(options.ageSeconds - 2);
  const scheme = runtimeScheme(node.runtime);
  const succeeded = options.phase === 'Succeeded';
  const podIp = template.hostNetwork ? node.ip : `${node.podCidrBase}.${2 + (podIndexOnNode % 250)}`;
  const tokenVolume = `kube-api-access-${r.suffix(5)}`;
  const containerStatuses = template.containers.map((c, i) => ({
    name: c.name,
    state: succeeded
      ? { terminated: { exitCode: 0, reason: 'Completed', startedAt: started, finishedAt: builder.time(options.ageSeconds - 30), containerID: `${scheme}://${r.hex(64)}` } }
      : { running: { startedAt: started } },
    lastState: options.restarts && i === 0 ? { terminated: { exitCode: 137, reason: 'OOMKilled', startedAt: created, finishedAt: builder.time(options.ageSeconds / 2), containerID: `${scheme}://${r.hex(64)}` } } : {},
    ready: !succeeded,
    restartCount: i === 0 ? (options.restarts ?? 0) : 0,
    image: c.image.includes('/') ? c.image : `docker.io/library/${c.image}`,
    imageID: imageId(builder, c.image, scheme),
    containerID: `${scheme}://${r.hex(64)}`,
    started: !succeeded,
  }));
  const condition = (type: string, status = 'True'): KubeObject => ({ type, status, lastProbeTime: null, lastTransitionTime: type === 'PodScheduled' ? created : started });
  const metadata: KubeObject = {
    name,
    ...(options.generateName ? { generateName: options.generateName } : {}),
    namespace: template.namespace,
    uid: r.uid(),
    resourceVersion: builder.nextRv(),
    creationTimestamp: created,
    labels: template.labels,
    ...(template.annotations ? { annotations: template.annotations } : {}),
    ...(owner ? { ownerReferences: [{ apiVersion: owner.apiVersion, kind: owner.kind, name: owner.name, uid: owner.uid, controller: true, blockOwnerDeletion: true }] } : {}),
  };
  const status: KubeObject = {
    phase: succeeded ? 'Succeeded' : 'Running',
    conditions: succeeded
      ? [condition('PodReadyToStartContainers', 'False'), condition('Initialized'), condition('Ready', 'False'), condition('ContainersReady', 'False'), condition('PodScheduled')]
      : [condition('PodReadyToStartContainers'), condition('Initialized'), condition('Ready'), condition('ContainersReady'), condition('PodScheduled')],
    hostIP: node.ip,
    hostIPs: [{ ip: node.ip }],
    podIP: podIp,
    podIPs: [{ ip: podIp }],
    startTime: created,
    containerStatuses,
    qosClass: qosClassOf(template),
  };
  // join() yields one flat string; a template literal would leave a rope of parts for the GC to carry.
  const json = ['{"metadata":', JSON.stringify(metadata), ',"spec":', podSpecJson(template, node.windows, tokenVolume, node.name), ',"status":', JSON.stringify(status), '}'].join('');
  // What the store indexes (labels, field selectors) without parsing the JSON back.
  const summary: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata,
    spec: { nodeName: node.name, restartPolicy: template.restartPolicy ?? 'Always', schedulerName: 'default-scheduler', serviceAccountName: template.serviceAccount ?? 'default', hostNetwork: template.hostNetwork === true },
    status: { phase: status['phase'], podIP: podIp, podIPs: status['podIPs'] },
  };
  return new Preserialized(summary, json);
}

function qosClassOf(template: PodTemplate): string {
  const guaranteed = template.containers.every((c) => {
    const res = (c.resources ?? {}) as { requests?: Record<string, string>; limits?: Record<string, string> };
    return res.limits?.['cpu'] !== undefined && res.limits['cpu'] === res.requests?.['cpu'] && res.limits['memory'] === res.requests?.['memory'];
  });
  const burstable = template.containers.some((c) => c.resources && Object.keys(c.resources).length > 0);
  return guaranteed ? 'Guaranteed' : burstable ? 'Burstable' : 'BestEffort';
}

// ---- workload catalogue --------------------------------------------------------------------------

const TEAMS = [
  'payments', 'checkout', 'catalog', 'search', 'recommendations', 'identity', 'notifications', 'billing', 'shipping', 'inventory',
  'analytics', 'reporting', 'ml-serving', 'feature-store', 'gateway', 'web', 'mobile-bff', 'media', 'chat', 'support',
  'fraud', 'ledger', 'pricing', 'promotions', 'reviews', 'loyalty', 'partners', 'onboarding', 'compliance', 'audit',
  'data-ingest', 'etl', 'streaming', 'geo', 'maps', 'booking', 'calendar', 'email', 'sms', 'push',
];
const PLATFORM_NAMESPACES = ['monitoring', 'logging', 'ingress-nginx', 'cert-manager', 'ci', 'tools', 'argocd', 'vault', 'windows-apps'];
const SERVICES = ['api', 'worker', 'frontend', 'consumer', 'scheduler', 'cache', 'grpc', 'admin', 'webhook', 'sync', 'indexer', 'gateway'];

function resources(cpuMilli: number, memoryMi: number, limit: boolean): KubeObject {
  return {
    requests: { cpu: `${cpuMilli}m`, memory: `${memoryMi}Mi` },
    ...(limit ? { limits: { cpu: `${cpuMilli * 2}m`, memory: `${memoryMi * 2}Mi` } } : {}),
  };
}

function appContainer(r: Random, namespace: string, service: string): ContainerTemplate {
  const version = `v${1 + r.int(4)}.${r.int(20)}.${r.int(10)}`;
  return {
    name: service,
    image: `registry.example.com/${namespace}/${service}:${version}`,
    ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
    env: [
      { name: 'APP_NAME', value: service },
      { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'http://otel-collector.monitoring.svc:4317' },
      { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: `${service}-db`, key: 'password' } } },
    ],
    resources: resources(50 * (1 + r.int(10)), 64 * (1 + r.int(16)), r.next() < 0.6),
    volumeMounts: [{ name: 'config', mountPath: '/etc/app', readOnly: true }],
    probes: r.next() < 0.5,
    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
  };
}

function labelSelector(labels: Record<string, string>): KubeObject {
  return { matchLabels: labels };
}

function templateSpec(template: PodTemplate): KubeObject {
  return {
    metadata: { creationTimestamp: null, labels: template.labels, ...(template.annotations ? { annotations: template.annotations } : {}) },
    spec: {
      containers: template.containers.map((c) => ({
        name: c.name, image: c.image, ...(c.args ? { args: c.args } : {}), ...(c.ports ? { ports: c.ports } : {}),
        ...(c.env ? { env: c.env } : {}), resources: c.resources ?? {}, ...(c.volumeMounts ? { volumeMounts: c.volumeMounts } : {}),
        terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent',
        ...(c.securityContext ? { securityContext: c.securityContext } : {}),
      })),
      ...(template.volumes ? { volumes: template.volumes } : {}),
      restartPolicy: template.restartPolicy ?? 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: template.hostNetwork ? 'ClusterFirstWithHostNet' : 'ClusterFirst',
      ...(template.nodeSelector ? { nodeSelector: template.nodeSelector } : {}),
      serviceAccountName: template.serviceAccount ?? 'default',
      ...(template.hostNetwork ? { hostNetwork: true } : {}),
      securityContext: template.securityContext ?? {},
      schedulerName: 'default-scheduler',
      ...(template.tolerations ? { tolerations: template.tolerations } : {}),
      ...(template.priorityClassName ? { priorityClassName: template.priorityClassName } : {}),
    },
  };
}

// ---- the generator -------------------------------------------------------------------------------

export function generateScaleCluster(options: ScaleOptions): ScaleCluster {
  if (!Number.isInteger(options.nodes) || options.nodes < 1) throw new Error(`--scale: nodes must be a whole number ≥ 1, got ${options.nodes}`);
  if (!Number.isInteger(options.pods) || options.pods < 0) throw new Error(`--scale: pods must be a whole number ≥ 0, got ${options.pods}`);
  return { serverVersion: options.profile === '2026' ? SCALE_2026_SERVER_VERSION : SCALE_SERVER_VERSION, objects: generate(options) };
}

function* generate(options: ScaleOptions): Generator<KubeObject | Preserialized> {
  const random = new Random(options.seed ?? 1);
  const modern = options.profile === '2026';
  const SERVER_VERSION = modern ? SCALE_2026_SERVER_VERSION : SCALE_SERVER_VERSION;
  const workerPools = modern ? WORKER_POOLS_2026 : WORKER_POOLS;
  const controlPlanePool = modern ? CONTROL_PLANE_POOL_2026 : CONTROL_PLANE_POOL;
  const windowsPool = modern ? WINDOWS_POOL_2026 : WINDOWS_POOL;
  const b = new Builder(random, options.now ?? Date.now());
  const zones = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];

  // Nodes.
  const controlPlaneCount = Math.min(3, options.nodes);
  const windowsCount = options.nodes >= 10 ? 2 : 0;
  const workerCount = options.nodes - controlPlaneCount - windowsCount;
  const poolSizes = apportion(Math.max(0, workerCount), workerPools.map((p) => p.share));
  const nodes: NodeFacts[] = [];
  const addNode = (name: string, pool: Pool, controlPlane: boolean, windows: boolean): void => {
    const index = nodes.length;
    nodes.push({
      name, index, pool, controlPlane, windows,
      runtime: random.pick(pool.runtimes),
      ip: `10.0.${16 + (index >> 8)}.${index & 255}`,
      podCidrBase: `10.${64 + (index >> 8)}.${index & 255}`,
      zone: zones[index % zones.length] ?? 'eu-west-1a',
    });
  };
  for (let i = 1; i <= controlPlaneCount; i++) addNode(`k8s-cp-${String(i).padStart(2, '0')}`, controlPlanePool, true, false);
  workerPools.forEach((pool, p) => {
    for (let i = 1; i <= (poolSizes[p] ?? 0); i++) addNode(`k8s-${pool.key}-${String(i).padStart(5, '0')}`, pool, false, false);
  });
  for (let i = 1; i <= windowsCount; i++) addNode(`k8s-win-${String(i).padStart(2, '0')}`, windowsPool, false, true);
  const notReadyEvery = nodes.length >= 1000 ? 997 : Infinity;
  const nodeUid = new Map<string, string>();
  for (const node of nodes) {
    const object = b.node(node, !(node.index > 0 && node.index % notReadyEvery === 0));
    const uid = String((object['metadata'] as KubeObject)['uid']);
    nodeUid.set(node.name, uid);
    yield object;
    yield b.lease(node, uid);
    // The kubelet's Warning when it starts on a cgroup v1 host (1.31+), as it records it.
    if (node.pool.cgroupV1) yield cgroupV1Event(node.name, uid, b.time(3600 + random.int(86400)));
  }
  const linux = nodes.filter((n) => !n.windows);
  const workers = nodes.filter((n) => !n.windows && !n.controlPlane);
  const windowsNodes = nodes.filter((n) => n.windows);
  const podsOnNode = new Map<string, number>();
  const place = (candidates: readonly NodeFacts[]): NodeFacts => {
    const node = candidates.length > 0 ? (candidates[random.int(candidates.length)] as NodeFacts) : (nodes[0] as NodeFacts);
    return node;
  };
  const slot = (node: NodeFacts): number => {
    const n = podsOnNode.get(node.name) ?? 0;
    podsOnNode.set(node.name, n + 1);
    return n;
  };

  let budget = options.pods;
  const take = (wanted: number): number => {
    const granted = Math.max(0, Math.min(wanted, budget));
    budget -= granted;
    return granted;
  };

  yield { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'gvisor', uid: random.uid(), resourceVersion: b.nextRv(), creationTimestamp: b.time(86400 * 90) }, handler: 'runsc' };
  yield { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'crun', uid: random.uid(), resourceVersion: b.nextRv(), creationTimestamp: b.time(86400 * 90) }, handler: 'crun' };

  // Control plane: kubeadm static (mirror) pods and the HA front on every control-plane node.
  const controlPlane = nodes.filter((n) => n.controlPlane);
  const staticPods: { component: string; image: string; mounts: KubeObject[]; volumes: KubeObject[] }[] = [
    { component: 'kube-apiserver', image: `registry.k8s.io/kube-apiserver:${SERVER_VERSION}`, mounts: [{ name: 'k8s-certs', mountPath: '/etc/kubernetes/pki', readOnly: true }], volumes: [{ name: 'k8s-certs', hostPath: { path: '/etc/kubernetes/pki', type: 'DirectoryOrCreate' } }] },
    { component: 'etcd', image: 'registry.k8s.io/etcd:3.5.12-0', mounts: [{ name: 'etcd-data', mountPath: '/var/lib/etcd' }], volumes: [{ name: 'etcd-data', hostPath: { path: '/var/lib/etcd', type: 'DirectoryOrCreate' } }] },
    { component: 'kube-scheduler', image: `registry.k8s.io/kube-scheduler:${SERVER_VERSION}`, mounts: [{ name: 'kubeconfig', mountPath: '/etc/kubernetes/scheduler.conf', readOnly: true }], volumes: [{ name: 'kubeconfig', hostPath: { path: '/etc/kubernetes/scheduler.conf', type: 'FileOrCreate' } }] },
    { component: 'kube-controller-manager', image: `registry.k8s.io/kube-controller-manager:${SERVER_VERSION}`, mounts: [{ name: 'kubeconfig', mountPath: '/etc/kubernetes/controller-manager.conf', readOnly: true }], volumes: [{ name: 'kubeconfig', hostPath: { path: '/etc/kubernetes/controller-manager.conf', type: 'FileOrCreate' } }] },
    { component: 'haproxy', image: 'haproxy:2.8.5-alpine', mounts: [{ name: 'haproxyconf', mountPath: '/usr/local/etc/haproxy/haproxy.cfg', readOnly: true }], volumes: [{ name: 'haproxyconf', hostPath: { path: '/etc/haproxy/haproxy.cfg', type: 'FileOrCreate' } }] },
    { component: 'keepalived', image: 'osixia/keepalived:2.0.20', mounts: [{ name: 'config', mountPath: '/usr/local/etc/keepalived/keepalived.conf' }], volumes: [{ name: 'config', hostPath: { path: '/etc/keepalived/keepalived.conf', type: 'FileOrCreate' } }] },
  ];
  for (const node of controlPlane) {
    for (const sp of staticPods) {
      if (take(1) === 0) break;
      const kubeadm = !['haproxy', 'keepalived'].includes(sp.component);
      const hash = random.hex(32);
      yield podObject(b, `${sp.component}-${node.name}`, {
        namespace: 'kube-system',
        labels: kubeadm ? { component: sp.component, tier: 'control-plane' } : { component: sp.component },
        annotations: {
          'kubernetes.io/config.hash': hash, 'kubernetes.io/config.mirror': hash, 'kubernetes.io/config.seen': b.time(86400 * 30), 'kubernetes.io/config.source': 'file',
          ...(sp.component === 'kube-apiserver' ? { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${node.ip}:6443` } : {}),
          ...(sp.component === 'etcd' ? { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${node.ip}:2379` } : {}),
        },
        containers: [{ name: sp.component, image: sp.image, command: [sp.component], resources: { requests: { cpu: sp.component === 'kube-apiserver' ? '250m' : '100m' } }, volumeMounts: sp.mounts }],
        volumes: sp.volumes,
        hostNetwork: true,
        priorityClassName: 'system-node-critical',
        tolerations: [{ operator: 'Exists', effect: 'NoExecute' }],
        securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      }, node, slot(node), { apiVersion: 'v1', kind: 'Node', name: node.name, uid: nodeUid.get(node.name) ?? random.uid() }, { ageSeconds: 86400 * 30 });
    }
  }

  // kube-system DaemonSets on every Linux node, then the platform's own.
  const daemonSets: { namespace: string; name: string; containers: ContainerTemplate[]; volumes: KubeObject[]; hostNetwork: boolean; critical: boolean }[] = [
    {
      namespace: 'kube-system', name: 'kube-proxy', hostNetwork: true, critical: true,
      containers: [{ name: 'kube-proxy', image: `registry.k8s.io/kube-proxy:${SERVER_VERSION}`, command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'], env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }], volumeMounts: [{ name: 'kube-proxy', mountPath: '/var/lib/kube-proxy' }, { name: 'xtables-lock', mountPath: '/run/xtables.lock' }, { name: 'lib-modules', mountPath: '/lib/modules', readOnly: true }], securityContext: { privileged: true } }],
      volumes: [{ name: 'kube-proxy', configMap: { name: 'kube-proxy', defaultMode: 420 } }, { name: 'xtables-lock', hostPath: { path: '/run/xtables.lock', type: 'FileOrCreate' } }, { name: 'lib-modules', hostPath: { path: '/lib/modules', type: '' } }],
    },
    {
      namespace: 'kube-system', name: 'calico-node', hostNetwork: true, critical: true,
      containers: [{ name: 'calico-node', image: 'docker.io/calico/node:v3.27.3', env: [{ name: 'DATASTORE_TYPE', value: 'kubernetes' }, { name: 'CALICO_NETWORKING_BACKEND', value: 'bird' }, { name: 'CLUSTER_TYPE', value: 'k8s,bgp' }, { name: 'IP', value: 'autodetect' }, { name: 'NODENAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }], resources: { requests: { cpu: '250m' } }, volumeMounts: [{ name: 'cni-bin-dir', mountPath: '/host/opt/cni/bin' }, { name: 'cni-net-dir', mountPath: '/host/etc/cni/net.d' }, { name: 'var-run-calico', mountPath: '/var/run/calico' }, { name: 'lib-modules', mountPath: '/lib/modules', readOnly: true }], securityContext: { privileged: true } }],
      volumes: [{ name: 'cni-bin-dir', hostPath: { path: '/opt/cni/bin', type: 'DirectoryOrCreate' } }, { name: 'cni-net-dir', hostPath: { path: '/etc/cni/net.d', type: '' } }, { name: 'var-run-calico', hostPath: { path: '/var/run/calico', type: 'DirectoryOrCreate' } }, { name: 'lib-modules', hostPath: { path: '/lib/modules', type: '' } }],
    },
    {
      namespace: 'monitoring', name: 'node-exporter', hostNetwork: true, critical: false,
      containers: [{ name: 'node-exporter', image: 'quay.io/prometheus/node-exporter:v1.8.0', args: ['--path.procfs=/host/proc', '--path.sysfs=/host/sys', '--path.rootfs=/host/root'], ports: [{ name: 'metrics', containerPort: 9100, hostPort: 9100, protocol: 'TCP' }], resources: resources(100, 64, true), volumeMounts: [{ name: 'proc', mountPath: '/host/proc', readOnly: true }, { name: 'sys', mountPath: '/host/sys', readOnly: true }, { name: 'root', mountPath: '/host/root', readOnly: true }] }],
      volumes: [{ name: 'proc', hostPath: { path: '/proc', type: '' } }, { name: 'sys', hostPath: { path: '/sys', type: '' } }, { name: 'root', hostPath: { path: '/', type: '' } }],
    },
    {
      namespace: 'logging', name: 'fluent-bit', hostNetwork: false, critical: false,
      containers: [{ name: 'fluent-bit', image: 'cr.fluentbit.io/fluent/fluent-bit:3.0.4', ports: [{ name: 'http', containerPort: 2020, protocol: 'TCP' }], resources: resources(100, 128, true), volumeMounts: [{ name: 'varlog', mountPath: '/var/log' }, { name: 'varlibdockercontainers', mountPath: '/var/lib/docker/containers', readOnly: true }, { name: 'config', mountPath: '/fluent-bit/etc/' }] }],
      volumes: [{ name: 'varlog', hostPath: { path: '/var/log', type: '' } }, { name: 'varlibdockercontainers', hostPath: { path: '/var/lib/docker/containers', type: '' } }, { name: 'config', configMap: { name: 'fluent-bit', defaultMode: 420 } }],
    },
  ];
  const namespaceObjects = new Set<string>();
  for (const ds of daemonSets) {
    if (budget < linux.length && ds.namespace !== 'kube-system') continue;
    namespaceObjects.add(ds.namespace);
    const uid = random.uid();
    const labels: Record<string, string> = ds.name === 'kube-proxy' ? { 'k8s-app': 'kube-proxy' } : { 'app.kubernetes.io/name': ds.name };
    const template: PodTemplate = {
      namespace: ds.namespace, labels: { ...labels, 'controller-revision-hash': random.suffix(9), 'pod-template-generation': '1' },
      containers: ds.containers, volumes: ds.volumes, hostNetwork: ds.hostNetwork,
      ...(ds.critical ? { priorityClassName: 'system-node-critical' } : {}),
      tolerations: [{ operator: 'Exists' }], nodeSelector: { 'kubernetes.io/os': 'linux' },
      serviceAccount: ds.name, securityContext: {},
    };
    const count = take(linux.length);
    const dsAge = 86400 * (30 + random.int(200));
    yield {
      apiVersion: 'apps/v1', kind: 'DaemonSet',
      metadata: { name: ds.name, namespace: ds.namespace, uid, resourceVersion: b.nextRv(), generation: 1, creationTimestamp: b.time(dsAge), labels, annotations: { 'deprecated.daemonset.template.generation': '1' } },
      spec: { selector: labelSelector(labels), template: templateSpec(template), updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }, revisionHistoryLimit: 10 },
      status: { currentNumberScheduled: count, numberMisscheduled: 0, desiredNumberScheduled: linux.length, numberReady: count, observedGeneration: 1, updatedNumberScheduled: count, numberAvailable: count },
    };
    for (let i = 0; i < count; i++) {
      const node = linux[i] as NodeFacts;
      yield podObject(b, b.uniqueName(ds.namespace, `${ds.name}-`), template, node, slot(node), { apiVersion: 'apps/v1', kind: 'DaemonSet', name: ds.name, uid }, { generateName: `${ds.name}-`, ageSeconds: dsAge - 60 - random.int(3600) });
    }
  }

  // A Deployment with its current ReplicaSet (and, often, an older scaled-down one) and pods.
  function* deployment(namespace: string, name: string, replicas: number, containers: ContainerTemplate[], extra: Partial<PodTemplate>, candidates: readonly NodeFacts[]): Generator<KubeObject | Preserialized> {
    const count = take(replicas);
    const labels = { app: name, 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': namespace };
    const hash = random.suffix(10);
    const template: PodTemplate = { namespace, labels: { ...labels, 'pod-template-hash': hash }, containers, serviceAccount: name, volumes: [{ name: 'config', configMap: { name: `${name}-config`, defaultMode: 420 } }], ...extra };
    const deployUid = random.uid();
    const rsUid = random.uid();
    const age = 86400 * (1 + random.int(300));
    const revision = 1 + random.int(12);
    namespaceObjects.add(namespace);
    const spec = templateSpec({ ...template, labels });
    yield {
      apiVersion: 'apps/v1', kind: 'Deployment',
      metadata: { name, namespace, uid: deployUid, resourceVersion: b.nextRv(), generation: revision, creationTimestamp: b.time(age), labels, annotations: { 'deployment.kubernetes.io/revision': String(revision) } },
      spec: { replicas: count, selector: labelSelector(labels), template: spec, strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } }, revisionHistoryLimit: 10, progressDeadlineSeconds: 600 },
      status: {
        observedGeneration: revision, replicas: count, updatedReplicas: count, readyReplicas: count, availableReplicas: count,
        conditions: [
          { type: 'Available', status: 'True', lastUpdateTime: b.time(age / 2), lastTransitionTime: b.time(age / 2), reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' },
          { type: 'Progressing', status: 'True', lastUpdateTime: b.time(age / 3), lastTransitionTime: b.time(age), reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${name}-${hash}" has successfully progressed.` },
        ],
      },
    };
    const owner = { apiVersion: 'apps/v1', kind: 'Deployment', name, uid: deployUid };
    const replicaSet = (rsName: string, uid: string, rsReplicas: number, rsRevision: number, rsHash: string): KubeObject => ({
      apiVersion: 'apps/v1', kind: 'ReplicaSet',
      metadata: {
        name: rsName, namespace, uid, resourceVersion: b.nextRv(), generation: 1, creationTimestamp: b.time(age / (rsRevision === revision ? 3 : 1)),
        labels: { ...labels, 'pod-template-hash': rsHash },
        annotations: { 'deployment.kubernetes.io/desired-replicas': String(count), 'deployment.kubernetes.io/max-replicas': String(count + Math.ceil(count / 4)), 'deployment.kubernetes.io/revision': String(rsRevision) },
        ownerReferences: [{ ...owner, controller: true, blockOwnerDeletion: true }],
      },
      spec: { replicas: rsReplicas, selector: labelSelector({ ...labels, 'pod-template-hash': rsHash }), template: templateSpec({ ...template, labels: { ...labels, 'pod-template-hash': rsHash } }) },
      status: { replicas: rsReplicas, fullyLabeledReplicas: rsReplicas, readyReplicas: rsReplicas, availableReplicas: rsReplicas, observedGeneration: 1 },
    });
    if (revision > 1 && random.next() < 0.5) yield replicaSet(`${name}-${random.suffix(10)}`, random.uid(), 0, revision - 1, random.suffix(10));
    yield replicaSet(`${name}-${hash}`, rsUid, count, revision, hash);
    for (let i = 0; i < count; i++) {
      const node = place(candidates);
      yield podObject(b, b.uniqueName(namespace, `${name}-${hash}-`), template, node, slot(node), { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${name}-${hash}`, uid: rsUid }, {
        generateName: `${name}-${hash}-`, ageSeconds: age / 3 - random.int(3600), ...(random.next() < 0.03 ? { restarts: 1 + random.int(5) } : {}),
      });
    }
  }

  // coredns.
  yield* deployment('kube-system', 'coredns', 2, [{ name: 'coredns', image: 'registry.k8s.io/coredns/coredns:v1.11.1', args: ['-conf', '/etc/coredns/Corefile'], ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' }], resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } }, volumeMounts: [{ name: 'config-volume', mountPath: '/etc/coredns', readOnly: true }], probes: true }], { priorityClassName: 'system-cluster-critical', volumes: [{ name: 'config-volume', configMap: { name: 'coredns', items: [{ key: 'Corefile', path: 'Corefile' }], defaultMode: 420 } }], securityContext: {} }, workers.length ? workers : linux);

  // Workloads that still talk to the Docker Engine socket.
  const dockerSocket = { name: 'docker-sock', hostPath: { path: '/var/run/docker.sock', type: 'Socket' } };
  const dockerMount = { name: 'docker-sock', mountPath: '/var/run/docker.sock' };
  const dockerPool = workers.filter((n) => n.pool.key === 'dkr');
  for (const [namespace, name, replicas, image] of [
    ['ci', 'jenkins-agent', 3, 'jenkins/inbound-agent:3206.vb_15dcf73f6a_9-3'],
    ['ci', 'docker-builder', 2, 'docker:24.0.7-cli'],
    ['tools', 'dind-runner', 1, 'docker:24.0.7-dind'],
  ] as const) {
    yield* deployment(namespace, name, replicas, [{ name, image, resources: resources(500, 1024, false), volumeMounts: [dockerMount], securityContext: { privileged: true } }], { volumes: [dockerSocket], securityContext: {} }, dockerPool.length ? dockerPool : workers.length ? workers : linux);
  }
  if (windowsNodes.length > 0) {
    yield* deployment('windows-apps', 'iis-frontend', 2, [{ name: 'iis', image: 'mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022', ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }], resources: resources(500, 1024, true) }], { nodeSelector: { 'kubernetes.io/os': 'windows' }, securityContext: {} }, windowsNodes);
  }

  // CronJobs with their Jobs and completed pods.
  const cronJobCount = Math.min(20, Math.floor(budget / 20));
  for (let c = 0; c < cronJobCount; c++) {
    const namespace = TEAMS[c % TEAMS.length] ?? 'batch';
    const name = `${SERVICES[c % SERVICES.length] ?? 'job'}-${['backup', 'report', 'cleanup', 'sync'][c % 4]}`;
    const uid = random.uid();
    namespaceObjects.add(namespace);
    const labels = { app: name };
    const container: ContainerTemplate = { name, image: `registry.example.com/${namespace}/${name}:v1.${random.int(9)}.0`, args: ['--once'], resources: resources(100, 256, true) };
    const jobTemplate = { metadata: { creationTimestamp: null }, spec: { backoffLimit: 2, template: templateSpec({ namespace, labels, containers: [container], restartPolicy: 'OnFailure', securityContext: {} }) } };
    const jobs = Math.min(3, take(3));
    const jobNames: { name: string; uid: string }[] = [];
    for (let j = 0; j < jobs; j++) jobNames.push({ name: `${name}-${28_000_000 + random.int(999_999)}`, uid: random.uid() });
    yield {
      apiVersion: 'batch/v1', kind: 'CronJob',
      metadata: { name, namespace, uid, resourceVersion: b.nextRv(), generation: 1, creationTimestamp: b.time(86400 * 60), labels },
      spec: { schedule: `${c % 60} ${c % 24} * * *`, concurrencyPolicy: 'Forbid', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1, jobTemplate },
      status: { lastScheduleTime: b.time(3600 * (1 + (c % 20))), lastSuccessfulTime: b.time(3600 * (1 + (c % 20)) - 120) },
    };
    for (let j = 0; j < jobNames.length; j++) {
      const job = jobNames[j] as { name: string; uid: string };
      const ago = 86400 * (jobNames.length - j) + 3600;
      const jobLabels = { 'batch.kubernetes.io/controller-uid': job.uid, 'batch.kubernetes.io/job-name': job.name, 'controller-uid': job.uid, 'job-name': job.name };
      yield {
        apiVersion: 'batch/v1', kind: 'Job',
        metadata: { name: job.name, namespace, uid: job.uid, resourceVersion: b.nextRv(), generation: 1, creationTimestamp: b.time(ago), labels: { ...labels, ...jobLabels }, ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name, uid, controller: true, blockOwnerDeletion: true }] },
        spec: { parallelism: 1, completions: 1, backoffLimit: 2, completionMode: 'NonIndexed', suspend: false, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': job.uid } }, template: templateSpec({ namespace, labels: { ...labels, ...jobLabels }, containers: [container], restartPolicy: 'OnFailure', securityContext: {} }) },
        status: { conditions: [{ type: 'Complete', status: 'True', lastProbeTime: b.time(ago - 90), lastTransitionTime: b.time(ago - 90) }], startTime: b.time(ago), completionTime: b.time(ago - 90), succeeded: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {} },
      };
      const node = place(workers.length ? workers : linux);
      yield podObject(b, b.uniqueName(namespace, `${job.name}-`), { namespace, labels: { ...labels, ...jobLabels }, containers: [container], restartPolicy: 'OnFailure', securityContext: {} }, node, slot(node), { apiVersion: 'batch/v1', kind: 'Job', name: job.name, uid: job.uid }, { generateName: `${job.name}-`, phase: 'Succeeded', ageSeconds: ago });
    }
  }

  // StatefulSets: a database per few teams.
  for (let s = 0; s < Math.min(10, Math.floor(budget / 50)); s++) {
    const namespace = TEAMS[(s * 3) % TEAMS.length] ?? 'data';
    const name = `${['postgres', 'redis', 'kafka'][s % 3]}`;
    const replicas = take(3);
    const uid = random.uid();
    const labels = { app: name, 'app.kubernetes.io/instance': `${namespace}-${name}` };
    const revision = `${name}-${random.hex(10).slice(0, 10)}`;
    const container: ContainerTemplate = { name, image: ['postgres:16.3', 'redis:7.2.4', 'bitnami/kafka:3.7.0'][s % 3] ?? 'postgres:16.3', ports: [{ name: 'tcp', containerPort: 5432, protocol: 'TCP' }], resources: resources(500, 2048, true), volumeMounts: [{ name: 'data', mountPath: '/var/lib/data' }] };
    namespaceObjects.add(namespace);
    yield {
      apiVersion: 'apps/v1', kind: 'StatefulSet',
      metadata: { name, namespace, uid, resourceVersion: b.nextRv(), generation: 1, creationTimestamp: b.time(86400 * 200), labels },
      spec: { replicas, selector: labelSelector(labels), serviceName: name, podManagementPolicy: 'OrderedReady', updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } }, revisionHistoryLimit: 10, template: templateSpec({ namespace, labels, containers: [container], securityContext: {} }), volumeClaimTemplates: [{ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '50Gi' } }, volumeMode: 'Filesystem' } }] },
      status: { observedGeneration: 1, replicas, readyReplicas: replicas, currentReplicas: replicas, updatedReplicas: replicas, currentRevision: revision, updateRevision: revision, collisionCount: 0, availableReplicas: replicas },
    };
    for (let i = 0; i < replicas; i++) {
      const node = place(workers.length ? workers : linux);
      yield podObject(b, `${name}-${i}`, { namespace, labels: { ...labels, 'controller-revision-hash': revision, 'statefulset.kubernetes.io/pod-name': `${name}-${i}`, 'apps.kubernetes.io/pod-index': String(i) }, containers: [container], volumes: [{ name: 'data', persistentVolumeClaim: { claimName: `data-${name}-${i}` } }], securityContext: {} }, node, slot(node), { apiVersion: 'apps/v1', kind: 'StatefulSet', name, uid }, { ageSeconds: 86400 * 100 });
    }
  }

  // Everything else: team Deployments across the namespaces until the pod budget is spent.
  const namespaces = [...TEAMS, ...PLATFORM_NAMESPACES.filter((n) => n !== 'windows-apps' && n !== 'ci' && n !== 'tools')];
  let d = 0;
  while (budget > 0) {
    const namespace = namespaces[d % namespaces.length] ?? 'default';
    const service = SERVICES[Math.floor(d / namespaces.length) % SERVICES.length] ?? 'app';
    const generation = Math.floor(d / (namespaces.length * SERVICES.length));
    const name = generation === 0 ? service : `${service}-${generation}`;
    const replicas = Math.min(budget, 1 + Math.floor(random.next() ** 2 * 20));
    const containers = [appContainer(random, namespace, service)];
    if (random.next() < 0.15) containers.push({ name: 'envoy', image: 'envoyproxy/envoy:v1.30.2', args: ['-c', '/etc/envoy/envoy.yaml'], ports: [{ name: 'proxy', containerPort: 15001, protocol: 'TCP' }], resources: resources(100, 128, true), volumeMounts: [{ name: 'config', mountPath: '/etc/envoy', readOnly: true }] });
    yield* deployment(namespace, name, replicas, containers, {}, workers.length ? workers : linux);
    d++;
  }

  // ConfigMaps every namespace has, so the namespaces exist with realistic contents.
  for (const namespace of [...namespaceObjects, 'default', 'kube-system'].filter((v, i, all) => all.indexOf(v) === i)) {
    yield { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt', namespace, uid: random.uid(), resourceVersion: b.nextRv(), creationTimestamp: b.time(86400 * 300), annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' } }, data: { 'ca.crt': '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU...simulated...\n-----END CERTIFICATE-----\n' } };
  }
}

/** The kubelet's `CgroupV1` Warning on its Node (core/v1, in `default`, as kubelets record Node events). */
function cgroupV1Event(node: string, uid: string, at: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${node}.cgroupv1`, namespace: 'default', creationTimestamp: at },
    involvedObject: { kind: 'Node', name: node, uid },
    reason: 'CgroupV1',
    message: 'cgroup v1 support is in maintenance mode, please migrate to cgroup v2',
    source: { component: 'kubelet', host: node },
    firstTimestamp: at,
    lastTimestamp: at,
    count: 1,
    type: 'Warning',
    reportingComponent: 'kubelet',
    reportingInstance: node,
  };
}
