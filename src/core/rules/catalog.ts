// Every readiness rule K8s Anatomy knows: its stable id, default severity and the text that
// explains it. Rule ids are a public contract (docs/architecture.md): scripts, SARIF consumers and
// suppressions rely on them. Add rules; never rename one.

import type { RuleFamily, Severity } from '../model';
import {
  CGROUP_V1_CUTOFF, CONTAINERD_V1_CUTOFF, KUBELET_SKEW, RUNTIME_DOCS, RUNTIME_FEATURES, type RuntimeFeature,
} from '../support';

export interface RuleInfo {
  readonly id: string;
  readonly name: string;
  readonly defaultSeverity: Severity;
  readonly scope: 'node' | 'workload' | 'cluster';
  /** What `check --rules` selects by; the dockershim command runs only `dockershim`. */
  readonly family: RuleFamily;
  readonly short: string;
  readonly full: string;
  readonly docs: readonly string[];
}

const DOCS = {
  affects: 'https://kubernetes.io/docs/tasks/administer-cluster/migrating-from-dockershim/check-if-dockershim-removal-affects-you/',
  findRuntime: 'https://kubernetes.io/docs/tasks/administer-cluster/migrating-from-dockershim/find-out-runtime-you-use/',
  toContainerd: 'https://kubernetes.io/docs/tasks/administer-cluster/migrating-from-dockershim/change-runtime-containerd/',
  toCriDockerd: 'https://kubernetes.io/docs/tasks/administer-cluster/migrating-from-dockershim/migrate-dockershim-dockerd/',
  agents: 'https://kubernetes.io/docs/tasks/administer-cluster/migrating-from-dockershim/migrating-telemetry-and-security-agents/',
  cni: 'https://kubernetes.io/docs/tasks/administer-cluster/migrating-from-dockershim/troubleshooting-cni-plugin-related-errors/',
  runtimes: 'https://kubernetes.io/docs/setup/production-environment/container-runtimes/',
  faq: 'https://kubernetes.io/blog/2022/02/17/dockershim-faq/',
  hostPath: 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
  crictl: 'https://kubernetes.io/docs/reference/tools/map-crictl-dockercli/',
  containerdReleases: 'https://containerd.io/releases/',
  skew: 'https://kubernetes.io/releases/version-skew-policy/',
  criDockerd: 'https://github.com/Mirantis/cri-dockerd',
  imageVolume: 'https://kubernetes.io/docs/concepts/storage/volumes/#image',
  userNamespaces: 'https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/',
  recursiveReadOnly: 'https://kubernetes.io/docs/concepts/storage/volumes/#recursive-read-only-mounts',
  supplementalGroups: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#supplementalgroupspolicy',
  runtimeClass: 'https://kubernetes.io/docs/concepts/containers/runtime-class/',
  runtimeHandlers: 'https://github.com/kubernetes/kubernetes/pull/123180',
  containerd2: 'https://github.com/containerd/containerd/blob/main/docs/containerd-2.0.md#docker-schema-1-image-support-is-disabled-by-default',
} as const;

/** "containerd 2.1+ or CRI-O 1.31+", from the support table, so the text never drifts from it. */
function needs(feature: RuntimeFeature): string {
  const row = RUNTIME_FEATURES.find((r) => r.feature === feature);
  const names: Readonly<Record<string, string>> = { containerd: 'containerd', 'cri-o': 'CRI-O' };
  return Object.entries(row?.minimum ?? {}).filter(([, min]) => min !== null).map(([rt, min]) => `${names[rt] ?? rt} ${min ?? ''}+`).join(' or ');
}

export const RULES: readonly RuleInfo[] = [
  {
    id: 'dockershim-node',
    name: 'Node runs Docker Engine through dockershim',
    defaultSeverity: 'error',
    scope: 'node',
    family: 'dockershim',
    short: 'The node runs Docker Engine through the kubelet\'s built-in dockershim, which Kubernetes 1.24 removed.',
    full: 'The node reports a docker:// runtime and a kubelet older than 1.24 with no evidence of cri-dockerd. Its kubelet talks to Docker Engine through dockershim; a 1.24 or newer kubelet cannot start on it until the node moves to containerd, CRI-O or cri-dockerd.',
    docs: [DOCS.findRuntime, DOCS.toContainerd, DOCS.toCriDockerd],
  },
  {
    id: 'cri-dockerd-node',
    name: 'Node runs Docker Engine through cri-dockerd',
    defaultSeverity: 'info',
    scope: 'node',
    family: 'dockershim',
    short: 'The node runs Docker Engine through cri-dockerd, an adapter maintained outside Kubernetes; it is not affected by the dockershim removal.',
    full: 'The node reports a docker:// runtime, and its kubelet is 1.24 or newer (dockershim no longer exists there) or its CRI socket is cri-dockerd\'s. cri-dockerd is maintained by Mirantis and Docker, so it must be installed and upgraded separately from Kubernetes.',
    docs: [DOCS.criDockerd, DOCS.toCriDockerd],
  },
  {
    id: 'docker-socket-mount',
    name: 'Workload mounts the Docker Engine socket',
    defaultSeverity: 'error',
    scope: 'workload',
    family: 'dockershim',
    short: 'A hostPath volume exposes the Docker Engine socket to the pod; it talks to Docker directly and breaks on nodes without Docker Engine.',
    full: 'The pod mounts docker.sock (or the Windows docker_engine pipe) from the node. On containerd or CRI-O nodes the socket does not exist: the pod fails to start if the volume has type Socket, and otherwise runs without the Docker Engine it expects. Even where Docker is still present through cri-dockerd, containers started by Kubernetes are not visible through the Docker API in the same way.',
    docs: [DOCS.agents, DOCS.affects, DOCS.hostPath],
  },
  {
    id: 'dockershim-socket-mount',
    name: 'Workload mounts the dockershim socket',
    defaultSeverity: 'error',
    scope: 'workload',
    family: 'dockershim',
    short: 'A hostPath volume points at dockershim.sock, which no longer exists from Kubernetes 1.24.',
    full: 'The pod mounts the dockershim CRI socket from the node. dockershim was removed from the kubelet in 1.24, so the socket is gone on every supported node; the tool inside the pod must talk to the node\'s real CRI socket instead.',
    docs: [DOCS.agents, DOCS.affects],
  },
  {
    id: 'runtime-dir-mount',
    name: 'Workload mounts a directory that contains runtime sockets',
    defaultSeverity: 'warning',
    scope: 'workload',
    family: 'dockershim',
    short: 'A hostPath volume mounts /var/run, /run or /var, which can reach the Docker socket without naming it.',
    full: 'Agents often mount the parent directory of docker.sock rather than the socket itself. The mount can reach whichever runtime socket the node has, so a person needs to check whether the container uses docker.sock inside it.',
    docs: [DOCS.agents],
  },
  {
    id: 'docker-data-mount',
    name: 'Workload depends on Docker Engine\'s files',
    defaultSeverity: 'warning',
    scope: 'workload',
    family: 'dockershim',
    short: 'A hostPath volume mounts Docker Engine\'s data or configuration (/var/lib/docker, /etc/docker), which other runtimes do not write.',
    full: 'Log shippers often tail /var/lib/docker/containers and tools read /etc/docker/daemon.json. With containerd or CRI-O, container logs live under /var/log/pods (linked from /var/log/containers) and registry settings live in the runtime\'s own configuration.',
    docs: [DOCS.affects, DOCS.agents],
  },
  {
    id: 'runtime-socket-mount',
    name: 'Workload mounts a CRI runtime socket',
    defaultSeverity: 'info',
    scope: 'workload',
    family: 'dockershim',
    short: 'A hostPath volume mounts the containerd, CRI-O or cri-dockerd socket: not a dockershim dependency, but tied to that runtime and as powerful as root on the node.',
    full: 'The pod talks to the node\'s container runtime directly. That is not affected by the dockershim removal, but it binds the workload to one runtime and gives it control over every container on the node.',
    docs: [DOCS.runtimes, DOCS.hostPath],
  },
  {
    id: 'docker-socket-type-check',
    name: 'Docker socket volume requires a socket on the node',
    defaultSeverity: 'error',
    scope: 'workload',
    family: 'dockershim',
    short: 'The Docker socket volume has type: Socket, so the pod cannot start on a node without Docker Engine.',
    full: 'With hostPath type Socket the kubelet checks that the path is a Unix socket before starting the pod. On containerd or CRI-O nodes /var/run/docker.sock does not exist and the pod is stuck with "hostPath type check failed".',
    docs: [DOCS.hostPath, DOCS.agents],
  },
  {
    id: 'stale-cri-socket-annotation',
    name: 'kubeadm CRI socket annotation disagrees with the runtime',
    defaultSeverity: 'warning',
    scope: 'node',
    family: 'dockershim',
    short: 'The node\'s kubeadm.alpha.kubernetes.io/cri-socket annotation names a different runtime than the node reports.',
    full: 'kubeadm records the node\'s CRI socket in this annotation and uses it during upgrades. It does not follow runtime migrations by itself, so after a move from Docker to containerd or CRI-O it keeps the old socket and `kubeadm upgrade` can fail on the node.',
    docs: [DOCS.toContainerd, DOCS.toCriDockerd],
  },
  {
    id: 'malformed-cri-socket-annotation',
    name: 'kubeadm CRI socket annotation is malformed',
    defaultSeverity: 'warning',
    scope: 'node',
    family: 'dockershim',
    short: 'The kubeadm cri-socket annotation repeats the unix:// scheme (a kubeadm 1.24.0 bug) or is not a socket path.',
    full: 'kubeadm 1.24.0 could write unix://unix://... into the annotation. The runtime is still read correctly here, but kubeadm commands that read the annotation may fail until it is corrected.',
    docs: [DOCS.toContainerd],
  },
  {
    id: 'runtime-unknown',
    name: 'Node runtime could not be determined',
    defaultSeverity: 'warning',
    scope: 'node',
    family: 'dockershim',
    short: 'The node does not report a readable container runtime (empty, Unknown, or not in name://version form).',
    full: 'The kubelet writes "<runtime>://Unknown" when the runtime does not answer its Version call, and nothing at all when it never got that far. Until the node reports its runtime, it cannot be judged.',
    docs: [DOCS.findRuntime],
  },
  {
    id: 'containerd-cni-bug',
    name: 'containerd 1.6.0–1.6.3 has known CNI problems',
    defaultSeverity: 'warning',
    scope: 'node',
    family: 'dockershim',
    short: 'containerd 1.6.0 to 1.6.3 fail to set up or tear down pod networks with older CNI plugins; 1.6.4 fixed it.',
    full: 'These releases report "incompatible CNI versions" or "failed to destroy network for sandbox" when the CNI plugins are old or the CNI configuration sets no cniVersion.',
    docs: [DOCS.cni],
  },
  {
    id: 'containerd-too-old',
    name: 'containerd is too old for this Kubernetes version',
    defaultSeverity: 'error',
    scope: 'node',
    family: 'dockershim',
    short: 'containerd 1.5 and older only speak CRI v1alpha2, which Kubernetes 1.26 removed.',
    full: 'From Kubernetes 1.26 the kubelet only speaks CRI v1. containerd added CRI v1 in 1.6, so a node with containerd 1.5 or older cannot run a 1.26+ kubelet.',
    docs: [DOCS.containerdReleases, DOCS.runtimes],
  },
  {
    id: 'docker-bound-agent',
    name: 'Known agent with a Docker migration path',
    defaultSeverity: 'info',
    scope: 'workload',
    family: 'dockershim',
    short: 'The workload looks like a monitoring or security agent whose vendor documents a move away from Docker.',
    full: 'Telemetry and security agents used to read containers through Docker Engine. Their vendors document how to move them to containerd or CRI-O; check that the deployed version follows it.',
    docs: [DOCS.agents],
  },
  {
    id: 'docker-cli-usage',
    name: 'Privileged container runs Docker commands',
    defaultSeverity: 'info',
    scope: 'workload',
    family: 'dockershim',
    short: 'A privileged container\'s command or arguments call docker or restart the Docker service on the node.',
    full: 'Scripts that run `docker ps` or `systemctl restart docker` on the node stop seeing Kubernetes containers once the runtime is not Docker. crictl is the runtime-neutral tool for node debugging.',
    docs: [DOCS.affects, DOCS.crictl],
  },
  {
    id: 'kubelet-newer-than-apiserver',
    name: 'kubelet is newer than the API server',
    defaultSeverity: 'warning',
    scope: 'node',
    family: 'dockershim',
    short: 'The node\'s kubelet is a newer minor version than the API server, which the version skew policy does not allow.',
    full: 'A kubelet may be up to three minor versions older than kube-apiserver, never newer. Upgrade the control plane first.',
    docs: [DOCS.skew],
  },

  // ---- Runtime upgrade readiness (issue 12): node rules. Every threshold lives in support.ts. ----
  {
    id: 'containerd-v1-end',
    name: 'containerd 1.x reaches the end of its Kubernetes support',
    defaultSeverity: 'warning',
    scope: 'node',
    family: 'runtime',
    short: `The node runs containerd 1.6 or 1.7. Kubernetes announced 1.35 as the last release for containerd 1.x, and the kubelet drops its fallback for it in ${CONTAINERD_V1_CUTOFF.errorFrom}.`,
    full: `containerd 1.x lacks the CRI RuntimeConfig call the kubelet uses to learn the cgroup driver (KEP-4033). The kubelet falls back to its own setting and flags the runtime with kubelet_cri_losing_support. Targets from ${CONTAINERD_V1_CUTOFF.warnFrom} up to, not including, ${CONTAINERD_V1_CUTOFF.errorFrom} still carry the fallback (a warning); from ${CONTAINERD_V1_CUTOFF.errorFrom} it is gone (an error). containerd 1.5 and older are judged by containerd-too-old.`,
    docs: [RUNTIME_DOCS.containerdV1End, RUNTIME_DOCS.containerd2, ...CONTAINERD_V1_CUTOFF.sources.filter((u) => u !== RUNTIME_DOCS.containerdV1End)],
  },
  {
    id: 'containerd-outside-matrix',
    name: 'containerd release is not in containerd\'s support table for the target',
    defaultSeverity: 'warning',
    scope: 'node',
    family: 'runtime',
    short: 'containerd\'s Kubernetes support table does not list this containerd release for the target Kubernetes version.',
    full: 'containerd\'s RELEASES.md lists, per Kubernetes minor, the containerd lines and first patch releases tested with it. A release below its line\'s listed minimum, or a line the row no longer lists, is outside that table. A line newer than every listed one is not flagged: the table lags new releases.',
    docs: [RUNTIME_DOCS.containerdSupport, RUNTIME_DOCS.containerd2],
  },
  {
    id: 'containerd-eol',
    name: 'containerd line is past its end of life',
    defaultSeverity: 'info',
    scope: 'node',
    family: 'runtime',
    short: 'containerd\'s own support horizon ends this minor line before today: it gets no more fixes.',
    full: 'containerd publishes an end-of-life date for each minor line. Past it, the line gets no security or bug fixes. This never changes the verdict on its own.',
    docs: [RUNTIME_DOCS.containerdHorizon],
  },
  {
    id: 'cri-losing-support',
    name: 'kubelet reports the runtime is losing support',
    defaultSeverity: 'warning',
    scope: 'node',
    family: 'runtime',
    short: 'The kubelet\'s kubelet_cri_losing_support metric names the Kubernetes version from which this runtime is no longer supported.',
    full: 'The kubelet sets kubelet_cri_losing_support{version="X.Y.Z"} to 1 when the runtime lacks the CRI RuntimeConfig call. The label is the Kubernetes version that drops the fallback; it moved from 1.36.0 to 1.37.0 to 1.38.0 across patch releases, so the label is read, never assumed. An error when the target is at or past it.',
    docs: [RUNTIME_DOCS.criLosingSupport, 'https://github.com/kubernetes/kubernetes/pull/139121'],
  },
  {
    id: 'crio-version-skew',
    name: 'CRI-O minor differs from the kubelet minor',
    defaultSeverity: 'warning',
    scope: 'node',
    family: 'runtime',
    short: 'CRI-O\'s minor version follows the Kubernetes minor it is released for; this node runs a different one.',
    full: 'CRI-O releases one minor per Kubernetes minor and supports it with that Kubernetes minor only. A CRI-O whose minor differs from the kubelet\'s is outside that policy, typically after a kubelet upgrade that left the runtime behind.',
    docs: [RUNTIME_DOCS.crio],
  },
  {
    id: 'cgroup-v1',
    name: 'Node runs on cgroup v1',
    defaultSeverity: 'error',
    scope: 'node',
    family: 'cgroup',
    short: `The node runs (or boots by default) on cgroup v1. From Kubernetes ${CGROUP_V1_CUTOFF.failByDefaultFrom} the kubelet refuses to start on a cgroup v1 host by default.`,
    full: `cgroup v1 has been in maintenance mode since Kubernetes 1.31. From ${CGROUP_V1_CUTOFF.failByDefaultFrom}, failCgroupV1 defaults to true, so the kubelet fails to start on such a host unless the override failCgroupV1: false is set. The evidence is, best first: the kubelet_cgroup_version metric, a CgroupV1 Warning Event on the Node, or an OS image that boots cgroup v1 by default. An error for targets from ${CGROUP_V1_CUTOFF.failByDefaultFrom} on, else a warning.`,
    docs: [RUNTIME_DOCS.cgroups, ...CGROUP_V1_CUTOFF.sources.filter((u) => u !== RUNTIME_DOCS.cgroups)],
  },
  {
    id: 'kubelet-skew-target',
    name: 'kubelet too old for the target control plane',
    defaultSeverity: 'error',
    scope: 'node',
    family: 'kubelet',
    short: `The node's kubelet is more than ${KUBELET_SKEW.maxMinorsBehind} minors older than the target; the version skew policy forbids that, so it must be upgraded before the control plane reaches the target.`,
    full: `A kubelet may be at most ${KUBELET_SKEW.maxMinorsBehind} minor versions older than kube-apiserver, never newer. Before the control plane goes to the target, every kubelet must be at least the target minus ${KUBELET_SKEW.maxMinorsBehind}.`,
    docs: [RUNTIME_DOCS.skew, 'https://kubernetes.io/docs/tasks/administer-cluster/kubeadm/kubeadm-upgrade/'],
  },

  // ---- runtime upgrade readiness: what workloads need from the runtime (rt-workloads) ----
  {
    id: 'runtime-feature-missing',
    name: 'Workload needs a runtime feature some nodes lack',
    defaultSeverity: 'error',
    scope: 'workload',
    family: 'features',
    short: 'A pod or pod template uses image volumes, user namespaces, recursive read-only mounts or supplementalGroupsPolicy: Strict, which the node\'s container runtime must implement.',
    full: `Image volumes (volumes[].image) need ${needs('imageVolume')}; user namespaces (hostUsers: false) need ${needs('userNamespaces')}; recursive read-only mounts (recursiveReadOnly: Enabled) need ${needs('recursiveReadOnlyMounts')}; supplementalGroupsPolicy: Strict needs ${needs('supplementalGroupsPolicy')}; Docker Engine through cri-dockerd supports none of them. A node's support is read from what it reports (status.runtimeHandlers[].features for the handler the pod's RuntimeClass names, else the default handler; status.features), else from the support table by runtime version. The workload is judged against the Linux nodes it can be scheduled on (nodeSelector, required node affinity, tolerations, its RuntimeClass's scheduling): an error when none of them can run it, a warning when some cannot. When no node is confirmed able and some cannot be judged (no report, a runtime the table does not know, a RuntimeClass handler the table cannot vouch for), the report does not guess: it records a coverage gap naming the feature and the nodes, so the verdict is unknown rather than ready or not-ready.`,
    docs: [DOCS.imageVolume, DOCS.userNamespaces, DOCS.recursiveReadOnly, DOCS.supplementalGroups],
  },
  {
    id: 'runtimeclass-handler-missing',
    name: 'No node loads the RuntimeClass\'s handler',
    defaultSeverity: 'warning',
    scope: 'cluster',
    family: 'runtime',
    short: 'The nodes a RuntimeClass selects report the runtime handlers they loaded, and none lists the class\'s handler (or its nodeSelector matches no node).',
    full: 'Since Kubernetes 1.30 nodes list the handlers their runtime loaded in status.runtimeHandlers (containerd 2.0 and newer fill it; containerd 1.x does not, and such nodes cannot be judged, so the rule stays silent for them). When every node a RuntimeClass can schedule onto (its scheduling.nodeSelector; none means every node) reports its handlers and none lists the class\'s handler, or when the nodeSelector matches no node at all, pods that use the class cannot start. The RuntimeClass gets a warning; each workload whose runtimeClassName names it gets an error. A common cause is a runtime entry lost in a containerd config migration (version 2 to 3 renames the CRI plugin).',
    docs: [DOCS.runtimeClass, DOCS.runtimeHandlers],
  },
  {
    id: 'schema1-image',
    name: 'Image is a Docker schema 1 manifest',
    defaultSeverity: 'error',
    scope: 'workload',
    family: 'runtime',
    short: 'A pull-failure Event says the pod\'s image is a Docker schema 1 manifest, which containerd 2 refuses to pull.',
    full: 'containerd 2.0 disabled pulling Docker schema 1 images and 2.1 removed it. The manifest type cannot be seen in an image reference, so the kubelet\'s Failed Event ("schema 1 image manifests are no longer supported", or "Pulling Schema 1 images have been deprecated and disabled by default") on a node that already runs containerd 2 is the only signal the API gives. The finding is on the pod\'s owner and names the image; the fix is to rebuild or convert the image to an OCI or Docker schema 2 manifest.',
    docs: [DOCS.containerd2],
  },
];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function ruleInfo(id: string): RuleInfo | undefined {
  return BY_ID.get(id);
}

/** The family of a rule id; undefined for an id this catalog does not know. */
export function ruleFamily(id: string): RuleFamily | undefined {
  return BY_ID.get(id)?.family;
}
