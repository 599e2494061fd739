// The shared vocabulary of K8s Anatomy: what the core reads (facts distilled from Kubernetes
// objects) and what it produces (the readiness report and the anatomy graph).
// Pure types only: this file is imported by every layer, the webview included.

export type Severity = 'error' | 'warning' | 'info';
export type Verdict = 'ready' | 'not-ready' | 'unknown';

export type Distribution =
  | 'kubeadm' | 'eks' | 'gke' | 'aks' | 'openshift' | 'k3s' | 'rke2' | 'rke1' | 'k0s'
  | 'kind' | 'minikube' | 'microk8s' | 'talos' | 'docker-desktop' | 'generic';

export type ControlPlaneHosting = 'static-pods' | 'embedded' | 'managed' | 'containers' | 'unknown';

/** Which path a `docker://` node takes to Docker Engine. */
export type DockerShim = 'dockershim' | 'cri-dockerd' | null;

/** A parsed `vX.Y.Z[suffix]` Kubernetes version (kubelet or server). */
export interface KubeVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** Everything after `X.Y.Z`: `-eks-49d8fe8`, `+k3s1`, `-gke.100`, `+rke2r1`, `+ec42b99`... */
  readonly suffix: string;
  readonly raw: string;
}

/** A parsed `status.nodeInfo.containerRuntimeVersion`, e.g. `containerd://1.7.7-k3s1.27`. */
export interface RuntimeVersion {
  /** `docker`, `containerd`, `cri-o`, any other scheme as written, or `unknown`. */
  readonly name: string;
  /** `X.Y.Z` when it could be read, else null (`Unknown`, empty, garbage). */
  readonly version: string | null;
  readonly major: number | null;
  readonly minor: number | null;
  readonly patch: number | null;
  /** Vendor suffix after `X.Y.Z`: `-k3s1`, `+bottlerocket`, `+azure-2`, `-3.rhaos4.13.git615a02c.el9`. */
  readonly suffix: string;
  readonly raw: string;
}

export type NodeOs = 'linux' | 'windows' | 'unknown';

/** The runtime a CRI socket path points at, after normalisation. */
export type SocketRuntime = 'dockershim' | 'cri-dockerd' | 'containerd' | 'cri-o' | 'docker' | 'other';

/** What the core keeps of one Node object. */
export interface NodeFacts {
  readonly name: string;
  readonly kubeletVersion: string;
  readonly kubelet: KubeVersion | null;
  readonly os: NodeOs;
  readonly osImage: string;
  readonly kernelVersion: string;
  readonly architecture: string;
  readonly roles: readonly string[];
  readonly controlPlane: boolean;
  readonly runtime: RuntimeVersion;
  readonly providerID: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Only the annotations the rules read (cri-socket, k3s/rke2/rke markers). */
  readonly annotations: Readonly<Record<string, string>>;
  /** The kubeadm `cri-socket` annotation as written, or null. */
  readonly criSocketAnnotation: string | null;
  /** Optional evidence from the kubelet's configz (`containerRuntimeEndpoint`), when it was read. */
  readonly configzEndpoint?: string | null;
  readonly ready: boolean | null;
  /**
   * `status.runtimeHandlers` (Kubernetes 1.30+): the handlers the runtime loaded, with the features
   * each reports. null when the node does not report the field at all.
   */
  readonly runtimeHandlers: readonly RuntimeHandlerFacts[] | null;
  /** `status.features` (1.31+): features of the CRI implementation itself; null when absent. */
  readonly criFeatures: { readonly supplementalGroupsPolicy: boolean | null } | null;
  /** `spec.taints` with effect NoSchedule or NoExecute: the ones that keep pods off the node. */
  readonly taints?: readonly NodeTaint[];
}

/** One `spec.taints[]` entry that keeps pods without a matching toleration off the node. */
export interface NodeTaint {
  readonly key: string;
  readonly value: string;
  readonly effect: 'NoSchedule' | 'NoExecute';
}

/** One `status.runtimeHandlers[]` entry. The default handler has the name `""`. */
export interface RuntimeHandlerFacts {
  readonly name: string;
  /** Each feature as the node reports it; null when the node does not say. */
  readonly features: {
    readonly recursiveReadOnlyMounts: boolean | null;
    readonly userNamespaces: boolean | null;
  };
}

/**
 * What a node's kubelet said through the API server's node proxy (`/configz`, `/metrics`), read by
 * the opt-in kubelet probe or from a dump's `NODE.kubelet-configz.json` / `NODE.kubelet-metrics.txt`.
 * Only these values are kept.
 */
export interface KubeletEvidence {
  /** `kubelet_cgroup_version`: 1, 2, or 0 on non-Linux nodes; null when the metric was absent. */
  readonly cgroupVersion: 0 | 1 | 2 | null;
  /** The `version` label of `kubelet_cri_losing_support{version="X.Y.Z"} 1`, or null. */
  readonly criLosingSupport: string | null;
  /** configz `kubeletconfig.containerRuntimeEndpoint`, or null. */
  readonly containerRuntimeEndpoint: string | null;
  /** configz `kubeletconfig.cgroupDriver`, or null. */
  readonly cgroupDriver: string | null;
  /** configz `kubeletconfig.failCgroupV1`, or null when not set. */
  readonly failCgroupV1: boolean | null;
  /** Which node's kubelet gave these answers: the node itself, or the one it was inferred from. */
  readonly readFrom: string;
}

/** The few Events the rules read (the reader asks for them with field selectors). */
export interface EventFacts {
  readonly reason: string;
  /** `Normal` or `Warning`. */
  readonly type: string;
  /** `involvedObject` (core/v1) or `regarding` (events.k8s.io/v1). */
  readonly involved: ObjectRef;
  /** The event's message, cut to a bounded length. */
  readonly message: string;
  /** Last time it was seen (`lastTimestamp`, `eventTime` or `series.lastObservedTime`), or null. */
  readonly lastSeen: string | null;
}

/** A workload feature the node's runtime must support (support.ts RUNTIME_FEATURES). */
export type RuntimeFeature = 'imageVolume' | 'userNamespaces' | 'recursiveReadOnlyMounts' | 'supplementalGroupsPolicy';

/** Rule families: `check --rules` picks some; the dockershim command runs only `dockershim`. */
export type RuleFamily = 'dockershim' | 'runtime' | 'cgroup' | 'kubelet' | 'features';
export const RULE_FAMILIES: readonly RuleFamily[] = ['dockershim', 'runtime', 'cgroup', 'kubelet', 'features'];

/** One `spec.volumes[i]` hostPath volume of a pod or pod template. */
export interface HostPathVolume {
  readonly index: number;
  readonly volumeName: string;
  readonly path: string;
  readonly type: string | null;
  /** Containers (`containers`, `initContainers`, `ephemeralContainers`) that mount the volume. */
  readonly mountedBy: readonly string[];
}

/** Where a workload came from: a live cluster / dump object, or a manifest file (with line numbers). */
export interface SourceLocation {
  readonly file: string;
  /** 1-based line of the object's start, when known. */
  readonly line?: number;
}

export interface ObjectRef {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  readonly subject: ObjectRef;
  /** The exact field, e.g. `spec.template.spec.volumes[2].hostPath.path` or `status.nodeInfo.containerRuntimeVersion`. */
  readonly path: string;
  readonly message: string;
  readonly remediation: string;
  readonly docs: readonly string[];
  /** Manifest file and line of the field, when the finding comes from a file. */
  readonly location?: { readonly file: string; readonly line: number };
  /** Containers that mount the volume, for hostPath findings. */
  readonly containers?: readonly string[];
  /** The runtime feature a workload needs, for `runtime-feature-missing`. */
  readonly feature?: RuntimeFeature;
}

export interface CoverageGap {
  /** What could not be checked, e.g. `pods in namespace team-a`, `nodes`, `runtimeclasses`. */
  readonly scope: string;
  readonly reason: string;
  /** The one namespace the gap is confined to (a per-namespace list), when it is one. */
  readonly namespace?: string;
  /** The one kind of object that could not be read (`Pod`, `Deployment`, `Node`...), when it is one. */
  readonly kind?: string;
}

export type ControlPlaneComponentName =
  | 'kube-apiserver' | 'etcd' | 'kube-scheduler' | 'kube-controller-manager'
  | 'cloud-controller-manager' | 'kube-proxy' | 'coredns' | 'kube-dns'
  | 'haproxy' | 'keepalived' | 'kube-vip' | 'nginx-proxy';

export interface ControlPlaneEntry {
  readonly component: ControlPlaneComponentName;
  readonly namespace: string;
  readonly name: string;
  readonly node: string | null;
  readonly ready: boolean | null;
}

export interface ClusterFacts {
  readonly serverVersion: string | null;
  readonly distribution: Distribution;
  readonly controlPlane: ControlPlaneHosting;
  readonly ha: boolean | null;
}

export interface NodeReport {
  readonly name: string;
  readonly kubeletVersion: string;
  readonly os: NodeOs;
  readonly roles: readonly string[];
  readonly runtime: { readonly name: string; readonly version: string | null; readonly raw: string };
  readonly dockerShim: DockerShim;
  /** `status.nodeInfo.osImage` as reported (reports written before it existed lack it). */
  readonly osImage?: string;
  /** The node's cgroup version and what says so; both null when nothing does. */
  readonly cgroup?: NodeCgroup;
  /** `status.runtimeHandlers` with their features; null when the node does not report the field. */
  readonly runtimeHandlers?: readonly RuntimeHandlerFacts[] | null;
}

/** Where a node's cgroup version comes from: the kubelet metric, a `CgroupV1` Event, or the OS image. */
export type CgroupEvidence = 'metrics' | 'event' | 'os-image';

export interface NodeCgroup {
  readonly version: 1 | 2 | null;
  readonly evidence: CgroupEvidence | null;
}

/** The `check --output json` document (schemaVersion 1; docs/architecture.md). */
export interface ReadinessReport {
  readonly schemaVersion: 1;
  readonly verdict: Verdict;
  readonly cluster: ClusterFacts;
  readonly nodes: readonly NodeReport[];
  readonly controlPlane: readonly ControlPlaneEntry[];
  readonly findings: readonly Finding[];
  readonly coverage: { readonly skipped: readonly CoverageGap[] };
  /** Where the data came from (context, dump files or sample). Not part of the verdict. */
  readonly source?: ReportSource;
  /** The Kubernetes minor version readiness was judged against. */
  readonly target?: string;
  /** Why that target: "next minor after the server's v1.33.5", "given with --target-version"... */
  readonly targetReason?: string;
  /** The rule families judged (RULE_FAMILIES order). Reports from before families lack it. */
  readonly families?: readonly RuleFamily[];
  /** Present when only some namespaces' workloads were judged (the findings and verdict are of those). */
  readonly namespaces?: { readonly include: readonly string[]; readonly exclude: readonly string[] };
}

export type ReportSource =
  | { readonly kind: 'cluster'; readonly context: string; readonly server: string }
  | { readonly kind: 'dump'; readonly files: readonly string[] }
  | { readonly kind: 'sample'; readonly name: string };

// ---------------------------------------------------------------------------------------------
// The anatomy graph: what the panel and `topology` draw. Sized by pools, never by nodes.

export type AnatomyNodeKind =
  | 'control-plane' | 'api-server' | 'etcd' | 'scheduler' | 'controller-manager'
  | 'cloud-controller-manager' | 'ha-front' | 'pool' | 'kubelet' | 'cri' | 'cri-dockerd'
  | 'dockershim' | 'dockerd' | 'containerd' | 'cri-o' | 'runtime-other' | 'oci-runtime'
  | 'kube-proxy' | 'dns' | 'cni' | 'runtime-class';

export interface AnatomyNode {
  /** Stable, safe id: `[A-Za-z0-9_]` only. */
  readonly id: string;
  readonly kind: AnatomyNodeKind;
  /** Display label (untrusted text allowed; renderers escape it). */
  readonly label: string;
  /** Second line: version, count, hosting. */
  readonly detail?: string;
  /** Knowledge-base key explaining this component. */
  readonly explain: string;
  /** Group (mermaid subgraph) id this node sits in, if any. */
  readonly group?: string;
  /** Highest severity of findings that touch this component. */
  readonly severity?: Severity;
  /** Live facts shown in the details pane: key → value. */
  readonly facts?: Readonly<Record<string, string>>;
  /**
   * A RuntimeClass: the pools (`Pool.id`) with a node whose runtime lists its handler in
   * `status.runtimeHandlers`. Absent when no node reports that field (then it is not known).
   */
  readonly loadedBy?: readonly string[];
  /** Id of the pool whose runtime stack this component belongs to (`Pool.id`), if any. */
  readonly pool?: string;
  /** Position in its pool's stack: 0 for the kubelet, then 1, 2... down to the OCI runtime. */
  readonly order?: number;
  /**
   * The findings that touch this component: indices into `ReadinessReport.findings` of the same
   * diagnosis (that list is sorted by severity, rule, subject and path, and any namespace filter is
   * already applied, so an index names one finding of the report the anatomy was built with). At
   * most MAX_FINDINGS_PER_NODE (core/anatomy.ts); the report has all of them. Absent when none.
   */
  readonly findings?: readonly number[];
}

export interface AnatomyEdge {
  readonly from: string;
  readonly to: string;
  readonly label?: string;
  readonly style?: 'solid' | 'dotted' | 'thick';
}

/** What a group holds: the control plane, all nodes, one pool's stack, the add-ons, the RuntimeClasses. */
export type AnatomyGroupKind = 'control-plane' | 'nodes' | 'pool' | 'addons' | 'runtime-classes';

export interface AnatomyGroup {
  readonly id: string;
  readonly label: string;
  readonly parent?: string;
  readonly kind: AnatomyGroupKind;
  /** For a `pool` group: the pool's id (`Pool.id`). */
  readonly pool?: string;
  /** Ids of the anatomy nodes in this group, in drawing order (a pool's: its stack, kubelet first). */
  readonly members: readonly string[];
}

export interface Pool {
  readonly id: string;
  readonly os: NodeOs;
  readonly runtimeName: string;
  readonly runtimeVersion: string | null;
  readonly kubeletVersion: string;
  readonly dockerShim: DockerShim;
  readonly controlPlane: boolean;
  readonly nodeCount: number;
  /** Up to a few node names, for the details pane. */
  readonly sampleNodes: readonly string[];
  /** The group its stack is drawn in; absent for pools beyond the drawn ones (see `drawnIn`). */
  readonly group?: string;
  /** Ids of its stack's anatomy nodes, kubelet first; empty when the pool is not drawn. */
  readonly members?: readonly string[];
  /** For a pool that is not drawn: the id of the node that summarises the pools not drawn. */
  readonly drawnIn?: string;
  /**
   * What blocks (error) or endangers (warning) this pool at the report's target: its nodes'
   * findings of the runtime, cgroup and kubelet families, one per rule (the worst, the first
   * index), worst first. Absent when none.
   */
  readonly blockers?: readonly PoolBlocker[];
  /** The worst severity among `blockers`. */
  readonly severity?: Severity;
}

export interface PoolBlocker {
  readonly rule: string;
  readonly severity: Severity;
  /** A few words: `cgroup v1`, `containerd 1.x`, `kubelet skew`. */
  readonly label: string;
  /** Index into `ReadinessReport.findings` of one such finding (its message and fix). */
  readonly finding: number;
  /** How many of the pool's nodes have it. */
  readonly nodes: number;
}

export interface Anatomy {
  readonly cluster: ClusterFacts;
  readonly pools: readonly Pool[];
  readonly nodes: readonly AnatomyNode[];
  readonly edges: readonly AnatomyEdge[];
  readonly groups: readonly AnatomyGroup[];
  /**
   * For each finding of the report (same index as `ReadinessReport.findings`), the id of the
   * component the details pane and the table link it to, or null when it marks none.
   */
  readonly findingComponents?: readonly (string | null)[];
}

// ---------------------------------------------------------------------------------------------
// The knowledge base: one entry per component or concept, in our own words.

export type KnowledgeLayer =
  | 'tooling' | 'engine' | 'high-level-runtime' | 'low-level-runtime' | 'sandbox'
  | 'interface' | 'shim' | 'control-plane' | 'node-agent' | 'networking' | 'concept';

export interface KnowledgeEntry {
  /** Stable key, lower-case, e.g. `containerd`, `cri-dockerd`, `kube-apiserver`. */
  readonly key: string;
  readonly title: string;
  /** Other words that mean this entry (`gvisor`, `runsc`; `docker engine`, `dockerd`). Lower-case. */
  readonly aliases: readonly string[];
  readonly layer: KnowledgeLayer;
  /** Short status line: `active`, `removed from the kubelet in Kubernetes 1.24`, `deprecated`... */
  readonly status: string;
  /** One sentence: what it is. */
  readonly summary: string;
  /** A few short paragraphs: what it does, where it sits, how it relates to its neighbours. */
  readonly body: readonly string[];
  /** Keys of related entries. */
  readonly related: readonly string[];
  readonly links: readonly { readonly title: string; readonly url: string }[];
}
