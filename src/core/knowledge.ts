// The knowledge base: one plain entry per component or concept K8s Anatomy shows, explaining what
// it is, where it sits in the node stack (kubelet → CRI → containerd / CRI-O / cri-dockerd → OCI
// runtime) and what an operator must know about it. Written in our own words and checked against
// the official docs linked from each entry. The hover, the panel's details pane and
// `k8s-anatomy explain` all read from here.
//
// `lookupKnowledge` accepts the strings people actually meet, not only our keys:
//   - any key or alias, ignoring case, surrounding whitespace and surrounding quotes;
//   - runtime version strings: `docker://20.10.17`, `containerd://1.7.7-k3s1`, `cri-o://1.26.4-…`
//     (the scheme decides; the version is ignored);
//   - CRI endpoints and socket paths: `unix:///run/containerd/containerd.sock`,
//     `/var/run/docker.sock`, `npipe:////./pipe/containerd-containerd` (repeated `unix://`
//     prefixes and the directory part are dropped, then the file name is looked up, with and
//     without a `.sock` suffix);
//   - containerd runtime types and shim binaries: `io.containerd.runsc.v1`,
//     `containerd-shim-spin-v2` (the runtime name in the middle decides; `runc` → containerd-shim);
//   - RuntimeClass handler names by prefix (see HANDLER_PREFIXES): `kata-fc*` → firecracker,
//     other `kata-*` → kata, `runsc-*`/`gvisor-*` → gvisor, `nvidia-*` → nvidia, and Wasm engine
//     prefixes (`wasmtime-spin-v2`, `spin-…`) → wasm.
// Anything else gives `undefined`: no guess is better than a wrong explanation.

import type { KnowledgeEntry } from './model';
import {
  CGROUP_V1_CUTOFF, CONTAINERD_KUBERNETES_SUPPORT, CONTAINERD_V1_CUTOFF, KUBELET_SKEW, runtimeFeatureSupport,
  type ContainerdKubernetesRow, type RuntimeFeature,
} from './support';

// Versions in the runtime-readiness entries are read from the support table (src/core/support.ts),
// so the prose and the rules cannot disagree.

/** How the support table's runtime names read in prose. */
const RUNTIME_LABEL: Readonly<Record<string, string>> = {
  containerd: 'containerd',
  'cri-o': 'CRI-O',
  docker: 'Docker Engine through cri-dockerd',
};

/** Runtimes that support a feature (`containerd 2.1`) and those that never do, from RUNTIME_FEATURES. */
export function featureRuntimes(feature: RuntimeFeature): { readonly supported: readonly string[]; readonly never: readonly string[] } {
  const supported: string[] = [];
  const never: string[] = [];
  for (const [runtime, minimum] of Object.entries(runtimeFeatureSupport(feature).minimum)) {
    const label = RUNTIME_LABEL[runtime] ?? runtime;
    if (minimum === null) never.push(label);
    else supported.push(`${label} ${minimum}`);
  }
  return { supported, never };
}

/** `containerd 2.1 or newer and CRI-O 1.31 or newer can, Docker Engine through cri-dockerd cannot`. */
function featureRuntimesProse(feature: RuntimeFeature): string {
  const { supported, never } = featureRuntimes(feature);
  const can = `${supported.map((s) => `${s} or newer`).join(' and ')} can`;
  return never.length ? `${can}, ${never.join(' and ')} cannot` : can;
}

const NEWEST_CONTAINERD_ROW: ContainerdKubernetesRow = (() => {
  const row = CONTAINERD_KUBERNETES_SUPPORT[CONTAINERD_KUBERNETES_SUPPORT.length - 1];
  if (!row) throw new Error('CONTAINERD_KUBERNETES_SUPPORT is empty');
  return row;
})();

export const KNOWLEDGE: readonly KnowledgeEntry[] = [
  // ---------------------------------------------------------------------------------------------
  // Docker

  {
    key: 'docker-cli',
    title: 'Docker CLI (docker)',
    aliases: ['docker cli', 'docker client', 'docker command', 'docker ps'],
    layer: 'tooling',
    status: 'active; Kubernetes never uses it',
    summary:
      'The `docker` command-line client, which sends requests to the Docker Engine daemon and does no container work itself.',
    body: [
      'The `docker` command turns what you type (`docker run`, `docker build`, `docker ps`) into calls to the Docker Engine REST API, normally over the Unix socket `/var/run/docker.sock` or whatever `DOCKER_HOST` points at. Images, containers, networks and volumes all live in the daemon (`dockerd`); the CLI only asks for them and prints the answers.',
      'Kubernetes does not use the Docker CLI at any point: the kubelet talks to a container runtime through the CRI. On a containerd or CRI-O node `docker ps` is either not installed or shows none of the pods\' containers, even if Docker Engine happens to be installed too, because those containers belong to another runtime.',
      'On a node, use `crictl` instead: it speaks CRI to whichever runtime the kubelet uses. Images built locally with `docker build` are not visible to that runtime; push them to a registry before a pod can use them. Scripts, cron jobs and DaemonSets that shell out to `docker` are a classic breakage when a node leaves Docker Engine.',
    ],
    related: ['dockerd', 'crictl', 'cri', 'dockershim'],
    links: [
      { title: 'Docker CLI reference', url: 'https://docs.docker.com/reference/cli/docker/' },
      { title: 'Mapping from the docker CLI to crictl', url: 'https://kubernetes.io/docs/reference/tools/map-crictl-dockercli/' },
    ],
  },
  {
    key: 'dockerd',
    title: 'Docker Engine (dockerd)',
    aliases: [
      'docker', 'docker engine', 'docker.sock', 'docker daemon', 'docker-engine', 'docker-ce', 'docker ce',
      'docker.service', 'docker_engine',
    ],
    layer: 'engine',
    status: 'active; not a CRI runtime, so Kubernetes 1.24+ can use it only through cri-dockerd',
    summary:
      'The Docker daemon, which builds and stores images and runs containers for the Docker CLI by driving containerd and runc underneath.',
    body: [
      'Docker Engine is the long-running `dockerd` process behind the `docker` command. It owns the developer-facing features: image builds, the image store, Docker networks and volumes, and the Docker REST API on `/var/run/docker.sock` (`npipe:////./pipe/docker_engine` on Windows). Since Docker 1.11 (2016) it does not start containers itself; it hands them to containerd, which runs them with runc.',
      'Docker Engine does not implement the Kubernetes CRI. Up to Kubernetes 1.23 the kubelet bridged the gap with its built-in dockershim; from 1.24 a node can use Docker Engine only through the separately installed cri-dockerd adapter. That stack is kubelet → CRI → cri-dockerd → dockerd → containerd → runc, two hops longer than kubelet → CRI → containerd → runc.',
      'A node on Docker shows `docker://<Docker Engine version>` in `status.nodeInfo.containerRuntimeVersion`, e.g. `docker://20.10.17`. The string is identical for dockershim and cri-dockerd, so on its own it does not say whether the node is affected by the dockershim removal. The kubelet version decides (dockershim cannot exist on 1.24+), and the node\'s CRI socket confirms it.',
      'Pods that mount `/var/run/docker.sock` talk to Docker Engine directly, behind Kubernetes\' back. They stop working on any node that does not run Docker, and whoever controls such a pod effectively controls the node.',
    ],
    related: ['docker-cli', 'moby', 'containerd', 'dockershim', 'cri-dockerd'],
    links: [
      { title: 'Docker Engine overview', url: 'https://docs.docker.com/engine/' },
      { title: 'Check whether dockershim removal affects you', url: 'https://kubernetes.io/docs/tasks/administer-cluster/migrating-from-dockershim/check-if-dockershim-removal-affects-you/' },
    ],
  },
  {
    key: 'moby',
    title: 'Moby project',
    aliases: ['moby engine', 'moby-engine', 'mobyproject'],
    layer: 'engine',
    status: 'active; the open-source upstream of Docker Engine',
    summary:
      'The open-source project whose code, above all the `moby/moby` repository, is assembled into Docker Engine and other Docker-compatible engines.',
    body: [
      'In 2017 Docker moved the open-source code of its engine into the Moby project, and the repository once called `docker/docker` became `moby/moby`. Docker Engine (Docker CE) is built from Moby plus the separate Docker CLI; other vendors ship the same code under their own names, such as the `moby-engine` packages of some Linux distributions and of Microsoft.',
      'To Kubernetes a Moby-based engine is simply Docker Engine: it sits above containerd and runc, does not speak CRI, and needs dockershim (Kubernetes 1.23 and older) or cri-dockerd (1.24 and newer) to serve the kubelet. Its nodes report `docker://` runtime versions.',
      'Version numbers can mislead. Early AKS nodes, for example, reported `docker://3.0.x` because Microsoft\'s Moby builds had their own numbering, unrelated to Docker CE\'s 19.03 or 20.10. Read the `docker://` scheme as "Docker Engine family" and compare versions only within one vendor\'s line.',
    ],
    related: ['dockerd', 'docker-cli', 'containerd', 'cri-dockerd'],
    links: [
      { title: 'Moby project', url: 'https://mobyproject.org/' },
      { title: 'Docker Engine overview', url: 'https://docs.docker.com/engine/' },
    ],
  },

  // ---------------------------------------------------------------------------------------------
  // The CRI and the runtimes that serve it

  {
    key: 'cri',
    title: 'Container Runtime Interface (CRI)',
    aliases: ['container runtime interface', 'cri api', 'cri-api', 'runtimeservice', 'imageservice'],
    layer: 'interface',
    status: 'stable: CRI v1 since Kubernetes 1.23; v1alpha2 no longer accepted from 1.26',
    summary:
      'The gRPC API the kubelet uses to ask a container runtime to pull images and to run pod sandboxes and containers.',
    body: [
      'The CRI decouples the kubelet from any particular runtime. It defines two gRPC services: a runtime service (create, start and stop pod sandboxes and containers; exec, attach and port-forward; stats) and an image service (pull, list and remove images). The kubelet is the client; the runtime serves the API on a local endpoint, a Unix socket on Linux or a named pipe on Windows.',
      'It is the waist of every node\'s stack: kubelet → CRI → containerd, CRI-O or cri-dockerd → OCI runtime. Anything that implements the API can serve as a Kubernetes runtime. Docker Engine never did, which is why dockershim (inside the kubelet until 1.24) and now cri-dockerd (outside it) exist.',
      'The CRI appeared in Kubernetes 1.5 and reached v1 in 1.23. From 1.26 the kubelet speaks only v1, so runtimes that offered just the older v1alpha2, such as containerd 1.5 and earlier, no longer work. `crictl` is the command-line client for the same API.',
    ],
    related: ['kubelet', 'containerd', 'cri-o', 'cri-dockerd', 'dockershim', 'crictl', 'container-runtime-endpoint'],
    links: [
      { title: 'Container Runtime Interface (CRI)', url: 'https://kubernetes.io/docs/concepts/architecture/cri/' },
      { title: 'Container runtimes', url: 'https://kubernetes.io/docs/setup/production-environment/container-runtimes/' },
      { title: 'Kubernetes 1.26: CRI v1alpha2 removal', url: 'https://kubernetes.io/blog/2022/11/18/upcoming-changes-in-kubernetes-1-26/' },
    ],
  },
  {
    key: 'containerd',
    title: 'containerd',
    aliases: ['containerd.sock', 'containerd.service', 'containerd-containerd', 'containerd.io', 'ctr', 'nerdctl'],
    layer: 'high-level-runtime',
    status: 'active; CNCF graduated project (2019)',
    summary:
      'A container runtime daemon with a built-in CRI server that pulls and stores images, prepares container filesystems and runs containers through OCI runtimes such as runc.',
    body: [
      'containerd started as the part of Docker Engine that supervises containers; Docker donated it to the CNCF in 2017 and it graduated in 2019. It handles the whole life of a container on one host: pulling images, unpacking them into snapshots (the container filesystems), and starting containers through a shim that calls an OCI runtime, runc by default.',
      'Its built-in CRI plugin lets the kubelet use it directly: kubelet → CRI on `unix:///run/containerd/containerd.sock` → containerd → containerd-shim → runc. It is the default runtime of EKS, GKE, AKS, k3s, RKE2 and kind, and the most common choice for kubeadm clusters. Docker Engine also runs on containerd, but a containerd node needs no Docker at all.',
      'The CRI plugin sets up pod networking by calling CNI plugins, and it maps each RuntimeClass handler to a runtime entry in `/etc/containerd/config.toml` (gVisor, Kata, Wasm shims, the NVIDIA wrapper). Kubernetes containers live in the containerd namespace `k8s.io`: inspect them with `crictl`, or with `ctr -n k8s.io` and `nerdctl -n k8s.io`.',
      'Versions matter. Kubernetes 1.26+ speaks only CRI v1, so containerd 1.5 and older stop working; containerd 2.0 dropped CRI v1alpha2 for good and introduced a new configuration version (3) with renamed plugin sections. Vendors append build tags to the version (`-k3s1`, `+bottlerocket`, `+azure-2`), so read `containerd://X.Y.Z` and treat the rest as a label.',
    ],
    related: ['cri', 'containerd-shim', 'runc', 'cri-o', 'dockerd', 'runtimeclass', 'cni', 'crictl', 'containerd-2'],
    links: [
      { title: 'containerd documentation', url: 'https://containerd.io/docs/' },
      { title: 'containerd releases and Kubernetes support', url: 'https://containerd.io/releases/' },
      { title: 'Container runtimes: containerd', url: 'https://kubernetes.io/docs/setup/production-environment/container-runtimes/' },
    ],
  },
  {
    key: 'containerd-shim',
    title: 'containerd shim (containerd-shim-<runtime>-v2)',
    aliases: [
      'containerd-shim-runc-v2', 'io.containerd.runc.v2', 'containerd-shim-runc-v1', 'io.containerd.runc.v1',
      'shim v2', 'runtime v2', 'runtime_type',
    ],
    layer: 'shim',
    status: 'active',
    summary:
      'A small process that containerd starts per pod (or per container) to run containers through one particular runtime and keep them alive independently of containerd itself.',
    body: [
      'containerd does not call runc directly. For each sandbox it launches a shim binary chosen by the runtime\'s `runtime_type`: `io.containerd.runc.v2` means the binary `containerd-shim-runc-v2`, `io.containerd.runsc.v1` means `containerd-shim-runsc-v1`, `io.containerd.kata.v2` means `containerd-shim-kata-v2`. Upward the shim speaks containerd\'s "runtime v2" API; downward it drives the actual runtime. The older `io.containerd.runc.v1` and `io.containerd.runtime.v1.linux` types were removed in containerd 2.0.',
      'The shim, not containerd, is the parent of the container processes: it holds their stdio and exit status and reaps them. That is why containerd (and the kubelet) can be restarted or upgraded without killing running containers. With the runc v2 shim, the containers of one pod normally share a single shim process.',
      'Shims are also the extension point for runtimes that do not work like runc: gVisor, Kata Containers and the Wasm engines each ship their own `containerd-shim-<name>-v<N>` binary, chosen through a RuntimeClass handler. If a handler names a shim that is not installed on the node, pods using it stay in ContainerCreating with a sandbox-creation error.',
    ],
    related: ['containerd', 'runc', 'runtimeclass', 'gvisor', 'kata', 'wasm', 'containerd-2'],
    links: [
      { title: 'containerd runtime v2 (shims)', url: 'https://github.com/containerd/containerd/blob/main/core/runtime/v2/README.md' },
      { title: 'Runtime Class', url: 'https://kubernetes.io/docs/concepts/containers/runtime-class/' },
    ],
  },
  {
    key: 'cri-o',
    title: 'CRI-O',
    aliases: ['crio', 'crio.sock', 'crio.service', 'crio.conf', 'conmon', 'conmon-rs'],
    layer: 'high-level-runtime',
    status: 'active; versions follow Kubernetes minor releases',
    summary:
      'A container runtime built only to serve the Kubernetes CRI, running containers through OCI runtimes such as crun or runc.',
    body: [
      'CRI-O was started at Red Hat in 2016 to be the smallest thing that satisfies the kubelet: it implements the CRI and little else, with no general-purpose CLI and no image builds. It shares its image and storage libraries with Podman and Buildah, and it is the runtime on every OpenShift 4 node.',
      'Its stack is kubelet → CRI on `unix:///var/run/crio/crio.sock` → CRI-O → conmon (a small monitor process per container) → OCI runtime. Current releases default to crun; older ones, and many existing installations, use runc. RuntimeClass handlers map to `[crio.runtime.runtimes.<handler>]` tables in `/etc/crio/crio.conf` or its drop-in directory, and CRI-O, not the kubelet, calls the CNI plugins.',
      'CRI-O versions track Kubernetes: CRI-O 1.28 is made for Kubernetes 1.28. Nodes report `cri-o://X.Y.Z`; on OpenShift the suffix names the OpenShift release, as in `cri-o://1.26.4-3.rhaos4.13.git615a02c.el9` (OpenShift 4.13). Like containerd, CRI-O was never affected by the dockershim removal.',
    ],
    related: ['cri', 'crun', 'runc', 'containerd', 'runtimeclass', 'cni', 'version-skew'],
    links: [
      { title: 'CRI-O', url: 'https://cri-o.io/' },
      { title: 'CRI-O on GitHub', url: 'https://github.com/cri-o/cri-o' },
      { title: 'Container runtimes: CRI-O', url: 'https://kubernetes.io/docs/setup/production-environment/container-runtimes/' },
    ],
  },
  {
    key: 'dockershim',
    title: 'dockershim',
    aliases: ['dockershim.sock', 'docker shim', 'docker-shim'],
    layer: 'shim',
    status: 'removed from the kubelet in Kubernetes 1.24 (deprecated in 1.20)',
    summary:
      'The adapter once compiled into the kubelet that translated CRI calls into Docker Engine API calls; it was removed in Kubernetes 1.24.',
    body: [
      'Docker Engine predates the CRI and never implemented it, so when Kubernetes introduced the CRI it kept Docker working with a shim inside the kubelet. dockershim ran in the kubelet\'s own process, served the CRI on `/var/run/dockershim.sock` and called Docker Engine on `/var/run/docker.sock`: kubelet → dockershim → dockerd → containerd → runc. Up to 1.23 it was the default, chosen by `--container-runtime=docker` unless that flag said `remote`.',
      'Keeping Docker-specific code in the kubelet was a burden no other runtime needed, so dockershim was deprecated in Kubernetes 1.20 (December 2020) and removed in 1.24 (May 2022), together with kubelet flags only it used, such as `--network-plugin`, `--cni-bin-dir` and `--docker-endpoint`. A 1.24+ kubelet cannot use dockershim at all.',
      'Docker images were not removed with it: images built with `docker build` are OCI images and run unchanged on containerd and CRI-O. What breaks is anything that relies on Docker Engine being the node\'s runtime: pods that mount `docker.sock`, agents that run `docker ps`, log shippers reading `/var/lib/docker/containers`, registry mirrors configured in `/etc/docker/daemon.json`.',
      'A node showing `docker://…` with a kubelet of 1.23 or older almost certainly uses dockershim; with 1.24 or newer it must be cri-dockerd. To move on, switch the node to containerd or CRI-O, or install cri-dockerd and point the kubelet\'s `--container-runtime-endpoint` at it.',
    ],
    related: ['dockerd', 'cri-dockerd', 'cri', 'kubelet', 'container-runtime-endpoint', 'cni'],
    links: [
      { title: 'Migrating from dockershim', url: 'https://kubernetes.io/docs/tasks/administer-cluster/migrating-from-dockershim/' },
      { title: 'Dockershim removal FAQ', url: 'https://kubernetes.io/blog/2022/02/17/dockershim-faq/' },
      { title: 'Check whether dockershim removal affects you', url: 'https://kubernetes.io/docs/tasks/administer-cluster/migrating-from-dockershim/check-if-dockershim-removal-affects-you/' },
    ],
  },
  {
    key: 'cri-dockerd',
    title: 'cri-dockerd',
    aliases: ['cri-dockerd.sock', 'cri-docker', 'cri-docker.socket', 'cri-docker.service'],
    layer: 'shim',
    status: 'active; maintained by Mirantis and Docker outside Kubernetes',
    summary:
      'A standalone CRI server, built from the former dockershim code, that lets a Kubernetes 1.24+ kubelet use Docker Engine.',
    body: [
      'When the dockershim removal was announced, Mirantis and Docker agreed in 2021 to keep its code alive outside Kubernetes as cri-dockerd. It runs as its own service (systemd units `cri-docker.service` and `cri-docker.socket`), serves the CRI on `unix:///run/cri-dockerd.sock` (often written `/var/run/cri-dockerd.sock`) and talks to Docker Engine: kubelet → CRI → cri-dockerd → dockerd → containerd → runc.',
      'It is what keeps Docker-based Kubernetes running after 1.24: Docker Desktop\'s built-in Kubernetes, minikube with the Docker runtime, Mirantis Container Runtime, and kubeadm clusters that chose to keep Docker Engine. It is not part of Kubernetes, has its own release cycle, and you install and update it yourself.',
      'cri-dockerd reports its runtime as `docker`, exactly as dockershim did, so the node shows `docker://<Docker Engine version>` either way. Tell them apart by the kubelet version (1.24+ means cri-dockerd) and by the CRI socket, e.g. the kubeadm annotation `kubeadm.alpha.kubernetes.io/cri-socket: unix:///var/run/cri-dockerd.sock`. A cri-dockerd node is not affected by the dockershim removal, but every Docker-specific dependency (docker.sock mounts, daemon.json settings) stays with it.',
    ],
    related: ['dockershim', 'dockerd', 'cri', 'container-runtime-endpoint', 'kubelet'],
    links: [
      { title: 'cri-dockerd', url: 'https://github.com/Mirantis/cri-dockerd' },
      { title: 'Migrate Docker Engine nodes from dockershim to cri-dockerd', url: 'https://kubernetes.io/docs/tasks/administer-cluster/migrating-from-dockershim/migrate-dockershim-dockerd/' },
    ],
  },

  // ---------------------------------------------------------------------------------------------
  // OCI and the low-level runtimes

  {
    key: 'oci',
    title: 'Open Container Initiative (OCI)',
    aliases: [
      'open container initiative', 'oci runtime', 'oci image', 'oci runtime spec', 'oci image spec',
      'runtime-spec', 'image-spec', 'distribution-spec',
    ],
    layer: 'interface',
    status: 'active; runtime and image specifications at 1.0 since 2017',
    summary:
      'The Linux Foundation project that standardises container images, how a runtime runs a container, and how registries distribute images.',
    body: [
      'Docker, CoreOS and others founded the OCI in 2015 so that images and runtimes would not be tied to one vendor. Docker contributed its image format and its runtime code (libcontainer, which became runc). The runtime and image specifications reached 1.0 in 2017, the distribution (registry API) specification in 2021.',
      'The runtime spec describes a filesystem bundle, a root filesystem plus a `config.json` listing the process, mounts, namespaces, cgroup limits and security settings, and the operations a runtime must offer (create, start, kill, delete, state). The image spec describes what a registry stores: a manifest or index, an image configuration and compressed filesystem layers.',
      'In a node\'s stack the OCI runtime spec is the boundary between the high-level runtime and the low-level one: containerd or CRI-O unpack the image into a bundle and hand it to runc, crun, youki, gVisor\'s runsc or Kata. Because images built with Docker are OCI images, moving a cluster off Docker Engine does not require rebuilding them.',
    ],
    related: ['runc', 'crun', 'youki', 'gvisor', 'kata', 'containerd', 'cri-o'],
    links: [
      { title: 'Open Container Initiative', url: 'https://opencontainers.org/' },
      { title: 'OCI runtime specification', url: 'https://github.com/opencontainers/runtime-spec' },
      { title: 'OCI image specification', url: 'https://github.com/opencontainers/image-spec' },
    ],
  },
  {
    key: 'runc',
    title: 'runc',
    aliases: ['libcontainer'],
    layer: 'low-level-runtime',
    status: 'active; the OCI reference runtime',
    summary:
      'The reference implementation of the OCI runtime spec: a command-line tool written in Go that creates a container from a bundle using Linux namespaces and cgroups.',
    body: [
      'runc grew out of Docker\'s libcontainer and was handed to the OCI in 2015. Given a bundle, it creates the namespaces and cgroups, sets up mounts, capabilities, seccomp and SELinux or AppArmor profiles, and executes the container\'s process. It is not a daemon: runc exits once the container is running, leaving the shim as the process\'s parent.',
      'It is the default low-level runtime under containerd and Docker Engine, and under older CRI-O releases: kubelet → CRI → containerd → containerd-shim-runc-v2 → runc → your process. Containers started by runc share the host kernel, which is what makes them light and also what bounds their isolation.',
      'runc does privileged work on every container start, so its security fixes matter to every node: CVE-2019-5736 and CVE-2024-21626 each let a malicious container reach the host. Update runc along with containerd or CRI-O; on many distributions it is a separate package.',
    ],
    related: ['oci', 'crun', 'youki', 'containerd-shim', 'containerd', 'containers-vs-vms'],
    links: [
      { title: 'runc', url: 'https://github.com/opencontainers/runc' },
      { title: 'OCI runtime specification', url: 'https://github.com/opencontainers/runtime-spec' },
    ],
  },
  {
    key: 'crun',
    title: 'crun',
    aliases: [],
    layer: 'low-level-runtime',
    status: 'active',
    summary: 'An OCI runtime written in C: a faster, smaller drop-in alternative to runc.',
    body: [
      'crun implements the same OCI runtime spec as runc, so containerd or CRI-O can hand it the same bundle. Written in C by Red Hat engineers, it starts containers faster and uses less memory than the Go-based runc, and it supported cgroup v2 early.',
      'It is Podman\'s default OCI runtime, the default of current CRI-O releases and of OpenShift from 4.18. Under containerd it is usually added as an extra runtime and picked with a RuntimeClass whose handler is `crun`; k3s creates such a RuntimeClass by default, whether or not crun is installed on any node.',
      'crun can also be built with WebAssembly support, in which case it hands `.wasm` workloads to an embedded engine (WasmEdge, Wasmtime or Wasmer) instead of executing a Linux binary: one of several ways to run Wasm on Kubernetes.',
    ],
    related: ['oci', 'runc', 'youki', 'cri-o', 'runtimeclass', 'wasm'],
    links: [
      { title: 'OCI runtime implementations (crun)', url: 'https://github.com/opencontainers/runtime-spec/blob/main/implementations.md' },
      { title: 'Runtime Class', url: 'https://kubernetes.io/docs/concepts/containers/runtime-class/' },
    ],
  },
  {
    key: 'youki',
    title: 'youki',
    aliases: [],
    layer: 'low-level-runtime',
    status: 'active',
    summary: 'An OCI runtime written in Rust, a drop-in alternative to runc and crun.',
    body: [
      'youki implements the OCI runtime spec in Rust, aiming for memory safety with speed comparable to crun. Like any OCI runtime it sits at the bottom of the stack: containerd or CRI-O prepare a bundle, and youki creates the container with namespaces and cgroups on the host kernel.',
      'It is less widely deployed than runc or crun. To use it in Kubernetes, install the binary on the nodes, add a runtime entry for it to containerd or CRI-O, and select it with a RuntimeClass (conventionally with handler `youki`). It gives the same kind of isolation as runc; it is not a sandbox.',
    ],
    related: ['oci', 'runc', 'crun', 'runtimeclass'],
    links: [
      { title: 'OCI runtime implementations (youki)', url: 'https://github.com/opencontainers/runtime-spec/blob/main/implementations.md' },
      { title: 'Runtime Class', url: 'https://kubernetes.io/docs/concepts/containers/runtime-class/' },
    ],
  },

  // ---------------------------------------------------------------------------------------------
  // Sandboxes and special-purpose runtimes, chosen per pod with a RuntimeClass

  {
    key: 'gvisor',
    title: 'gVisor (runsc)',
    aliases: ['runsc', 'containerd-shim-runsc-v1', 'io.containerd.runsc.v1', 'gke sandbox', 'sandbox.gke.io/runtime'],
    layer: 'sandbox',
    status: 'active',
    summary:
      'A container sandbox from Google whose OCI runtime, runsc, runs each container on a user-space kernel that intercepts its system calls.',
    body: [
      'With runc, a container\'s system calls go straight to the host kernel. gVisor puts its own kernel, the Sentry, in between: written in Go and running in user space, it implements the Linux system-call interface itself and uses only a small, filtered set of host calls. A host-kernel bug is then much harder to reach from inside the container.',
      'In the stack it takes runc\'s place: kubelet → CRI → containerd → containerd-shim-runsc-v1 → runsc → Sentry → your process. Pods opt in with a RuntimeClass, usually named `gvisor` with handler `runsc` (some setups call the handler `gvisor`). GKE Sandbox is gVisor; its nodes are labelled and tainted `sandbox.gke.io/runtime=gvisor`.',
      'The price is compatibility and speed: system-call-heavy and I/O-heavy workloads run slower, and some system calls, `/proc` files and device features are missing. It suits untrusted or multi-tenant code better than databases or anything that needs special kernel features.',
    ],
    related: ['runtimeclass', 'runc', 'kata', 'containers-vs-vms', 'containerd-shim', 'oci'],
    links: [
      { title: 'gVisor documentation', url: 'https://gvisor.dev/docs/' },
      { title: 'gVisor with containerd', url: 'https://gvisor.dev/docs/user_guide/containerd/quick_start/' },
      { title: 'Runtime Class', url: 'https://kubernetes.io/docs/concepts/containers/runtime-class/' },
    ],
  },
  {
    key: 'kata',
    title: 'Kata Containers',
    aliases: [
      'kata-containers', 'kata containers', 'kata-qemu', 'kata-clh', 'kata-runtime', 'kata-deploy',
      'containerd-shim-kata-v2', 'io.containerd.kata.v2', 'katacontainers.io/kata-runtime',
    ],
    layer: 'sandbox',
    status: 'active',
    summary:
      'A runtime that runs each pod inside its own lightweight virtual machine with a separate guest kernel, while keeping the usual container workflow.',
    body: [
      'Kata Containers, born in 2017 from Intel Clear Containers and Hyper runV and now an OpenInfra Foundation project, gives every pod a small VM. A hypervisor (QEMU, Cloud Hypervisor, Firecracker, or the built-in Dragonball) boots a minimal guest kernel, and an agent inside the VM creates the containers. The containers of one pod share that VM; different pods share only the hardware.',
      'The stack becomes kubelet → CRI → containerd or CRI-O → containerd-shim-kata-v2 → hypervisor → guest kernel → kata-agent → your process. Pods opt in with a RuntimeClass. kata-deploy installs the binaries and creates classes such as `kata-qemu` and `kata-clh`, confidential-computing variants such as `kata-qemu-tdx`, and `kata-fc` for Firecracker.',
      'Nodes need hardware virtualisation: bare metal, or VMs with nested virtualisation. Every pod pays for a guest kernel and agent, so give the RuntimeClass an `overhead` the scheduler can count, and expect slower start-up than runc. In return, a kernel exploit inside the pod hits the guest kernel, not the node\'s.',
    ],
    related: ['runtimeclass', 'firecracker', 'gvisor', 'containers-vs-vms', 'containerd-shim', 'cri-o'],
    links: [
      { title: 'Kata Containers', url: 'https://katacontainers.io/' },
      { title: 'Runtime Class', url: 'https://kubernetes.io/docs/concepts/containers/runtime-class/' },
    ],
  },
  {
    key: 'firecracker',
    title: 'Firecracker and firecracker-containerd',
    aliases: ['firecracker-containerd', 'kata-fc', 'microvm', 'firecracker microvm'],
    layer: 'sandbox',
    status: 'active',
    summary:
      'A minimal virtual machine monitor from AWS, written in Rust on top of KVM, that boots microVMs in a fraction of a second; containers reach it through Kata or firecracker-containerd.',
    body: [
      'Firecracker was built at AWS to run AWS Lambda functions and AWS Fargate tasks, and was open-sourced in 2018. It uses Linux KVM and offers only a handful of virtual devices (virtio network and block, vsock, a serial console), which keeps its attack surface small and lets a microVM boot in well under a second with only a few megabytes of overhead.',
      'Firecracker is not a container runtime on its own. Two projects put containers in it: firecracker-containerd, which lets containerd run containers inside Firecracker microVMs, and Kata Containers, which can use Firecracker as its hypervisor. In Kubernetes the usual route is Kata with a RuntimeClass whose handler is `kata-fc`: kubelet → CRI → containerd → containerd-shim-kata-v2 → Firecracker → guest kernel → your process.',
      'Firecracker has no shared-filesystem device, so Kata on Firecracker needs a block-device snapshotter in containerd (typically devmapper), and like every VM-based runtime it needs KVM on the node. A `kata-fc` RuntimeClass only proves that the class exists; check that nodes really have Kata and Firecracker installed.',
    ],
    related: ['kata', 'runtimeclass', 'containers-vs-vms', 'containerd', 'gvisor'],
    links: [
      { title: 'Firecracker', url: 'https://firecracker-microvm.github.io/' },
      { title: 'Runtime Class', url: 'https://kubernetes.io/docs/concepts/containers/runtime-class/' },
    ],
  },
  {
    key: 'wasm',
    title: 'WebAssembly runtimes (Wasm shims)',
    aliases: [
      'webassembly', 'wasi', 'runwasi', 'spin', 'spinkube', 'wasmtime', 'wasmedge', 'wasmer', 'slight', 'lunatic',
      'wws', 'wasmtime-spin-v2', 'containerd-shim-spin-v2', 'io.containerd.spin.v2',
    ],
    layer: 'low-level-runtime',
    status: 'active; a young ecosystem',
    summary:
      'containerd shims and runtimes that run WebAssembly modules as pod containers instead of Linux processes.',
    body: [
      'A Wasm workload is a `.wasm` module, not a Linux executable. It runs inside a Wasm engine that lets it touch only what the host grants through WASI. Modules are small, start in milliseconds and run on any CPU architecture; they are packaged as OCI images or artifacts, so registries and image pulls work as usual.',
      'In Kubernetes the Wasm engine takes runc\'s place. containerd starts a Wasm shim, most of them built on containerd\'s runwasi library, which runs the module in-process: kubelet → CRI → containerd → containerd-shim-<engine>-v1 → Wasmtime, WasmEdge or Wasmer → module. Framework-specific shims exist too: Spin (SpinKube\'s `containerd-shim-spin-v2`), slight, lunatic and wws. crun can also run Wasm when built with an embedded engine.',
      'Pods pick a shim with a RuntimeClass, e.g. SpinKube\'s `wasmtime-spin-v2` with handler `spin`, and each node needs the shim binary plus a matching containerd runtime entry. k3s creates RuntimeClasses named `spin`, `wasmtime`, `wasmedge`, `wasmer`, `slight`, `lunatic` and `wws` whether or not any node has those shims, so a class existing proves nothing about where such pods can run.',
    ],
    related: ['runtimeclass', 'containerd-shim', 'containerd', 'crun', 'oci'],
    links: [
      { title: 'runwasi (containerd Wasm shims)', url: 'https://github.com/containerd/runwasi' },
      { title: 'SpinKube', url: 'https://www.spinkube.dev/' },
      { title: 'Wasmtime', url: 'https://wasmtime.dev/' },
    ],
  },
  {
    key: 'nvidia',
    title: 'NVIDIA Container Runtime',
    aliases: [
      'nvidia-container-runtime', 'nvidia container runtime', 'nvidia-container-toolkit', 'nvidia container toolkit',
      'nvidia-experimental', 'nvidia-ctk', 'gpu operator', 'gpu-operator',
    ],
    layer: 'low-level-runtime',
    status: 'active',
    summary:
      'A thin OCI runtime wrapper from the NVIDIA Container Toolkit that adds GPU devices and driver libraries to a container and then hands it to runc.',
    body: [
      'Containers do not see GPUs by default. `nvidia-container-runtime` sits where runc would: it edits the container\'s OCI spec to inject the GPU device nodes and the host\'s driver libraries (through a prestart hook or CDI device specifications) and then calls runc for everything else. The stack is kubelet → CRI → containerd or CRI-O → shim → nvidia-container-runtime → runc.',
      'It is registered in containerd or CRI-O as a runtime named `nvidia` (`nvidia-ctk runtime configure` writes that entry) and exposed as a RuntimeClass with handler `nvidia`. k3s also pre-creates `nvidia-experimental`, which points at the toolkit\'s experimental runtime. Some setups, the NVIDIA GPU Operator among them, can make it the node\'s default runtime instead, and then pods need no `runtimeClassName`.',
      'The runtime only makes GPUs reachable; it does not hand them out. Assigning GPUs is the job of the NVIDIA device plugin, which advertises `nvidia.com/gpu` resources that pods request in their limits. The GPU Operator installs the driver, the toolkit and the device plugin together.',
    ],
    related: ['runtimeclass', 'runc', 'containerd', 'oci'],
    links: [
      { title: 'NVIDIA Container Toolkit', url: 'https://docs.nvidia.com/datacenter/cloud-native/container-toolkit/latest/index.html' },
      { title: 'NVIDIA GPU Operator', url: 'https://docs.nvidia.com/datacenter/cloud-native/gpu-operator/latest/index.html' },
      { title: 'Runtime Class', url: 'https://kubernetes.io/docs/concepts/containers/runtime-class/' },
    ],
  },
  {
    key: 'runtimeclass',
    title: 'RuntimeClass',
    aliases: ['runtimeclassname', 'handler', 'runtime class', 'runtimeclasses', 'runtimeclass.node.k8s.io'],
    layer: 'concept',
    status: 'stable (node.k8s.io/v1 since Kubernetes 1.20)',
    summary:
      'A cluster-wide Kubernetes object that lets a pod choose which runtime configuration on its node runs it, by naming a handler.',
    body: [
      'A node can offer several runtimes side by side: plain runc, gVisor, Kata, a Wasm shim, the NVIDIA wrapper. A RuntimeClass gives one of them a name; a pod selects it with `spec.runtimeClassName`, and pods that set nothing use the node\'s default runtime.',
      'The key field is `handler`. The kubelet passes it to the CRI runtime when it creates the pod sandbox, and the runtime looks it up in its own configuration: a `runtimes.<handler>` entry under the CRI plugin in containerd\'s `config.toml`, or a `[crio.runtime.runtimes.<handler>]` table in CRI-O. Kubernetes does not check that the handler exists; if it does not, the pod stays in ContainerCreating with a sandbox error.',
      'A RuntimeClass can also carry `scheduling` (a node selector and tolerations that steer pods to nodes that have the runtime) and `overhead` (extra CPU and memory the scheduler adds for VM-based runtimes). Some distributions create classes up front (k3s makes ten), so a RuntimeClass existing is no proof that any node can run it. From Kubernetes 1.30, nodes whose runtime reports them list the handlers it loaded in `status.runtimeHandlers`: the class\'s handler should appear there on the nodes it selects (containerd 1.x reports none, so there the list proves nothing).',
    ],
    related: ['gvisor', 'kata', 'firecracker', 'wasm', 'nvidia', 'crun', 'youki', 'containerd', 'cri-o', 'runtime-handlers'],
    links: [
      { title: 'Runtime Class', url: 'https://kubernetes.io/docs/concepts/containers/runtime-class/' },
    ],
  },

  // ---------------------------------------------------------------------------------------------
  // Node and control-plane components

  {
    key: 'kubelet',
    title: 'kubelet',
    aliases: ['kubelet.service', 'kubeletconfiguration', 'node agent'],
    layer: 'node-agent',
    status: 'active',
    summary:
      'The agent on every node that turns the pods assigned to that node into running containers by calling the container runtime through the CRI.',
    body: [
      'The kubelet registers its node with the API server, watches for pods bound to the node (plus static pods from its manifest directory) and makes reality match: it asks the runtime to pull images and create sandboxes and containers, mounts volumes, runs probes, restarts failed containers and reports status back. It usually runs on the host as a systemd service, not in a container; k3s runs it inside its own process.',
      'It sits at the top of the node\'s stack: kubelet → CRI → containerd, CRI-O or cri-dockerd → OCI runtime. It fills `status.nodeInfo` with what it learns, including `kubeletVersion` and `containerRuntimeVersion` (`<runtime>://<version>`), which is where K8s Anatomy reads each node\'s runtime.',
      'Version rules for operators: a kubelet must not be newer than the API server and may trail it by up to three minor versions (two before Kubernetes 1.28). The kubelet is also where dockershim lived until 1.24; which runtime it uses is set by its CRI endpoint (`--container-runtime-endpoint`, or `containerRuntimeEndpoint` in the configuration file from 1.27).',
    ],
    related: ['cri', 'container-runtime-endpoint', 'static-pods', 'kube-apiserver', 'dockershim', 'node-pool', 'version-skew', 'cgroup-v2', 'cri-runtime-config'],
    links: [
      { title: 'Kubernetes components', url: 'https://kubernetes.io/docs/concepts/overview/components/' },
      { title: 'kubelet reference', url: 'https://kubernetes.io/docs/reference/command-line-tools-reference/kubelet/' },
    ],
  },
  {
    key: 'kube-apiserver',
    title: 'kube-apiserver',
    aliases: ['apiserver', 'api server', 'api-server', 'kubernetes api', 'kube-apiserver.yaml'],
    layer: 'control-plane',
    status: 'active',
    summary: 'The control-plane component that serves the Kubernetes API and is the only one that reads and writes etcd.',
    body: [
      'Every client (kubectl, the kubelets, controllers, the scheduler, this extension) reaches the cluster through the API server. It authenticates each request, authorises it (usually with RBAC), runs admission checks, validates the object and stores it in etcd. Watches let components react to changes instead of polling.',
      'It keeps no state of its own, so several replicas can run at once behind one address; providing that address is the job of an HA front (a load balancer, haproxy with keepalived, or kube-vip). Self-hosted installations usually serve it on port 6443.',
      'Where it runs depends on the distribution: as static pods named `kube-apiserver-<node>` in kube-system (kubeadm, kind, RKE2, Talos), in the `openshift-kube-apiserver` namespace on OpenShift, inside a single binary with no pod at all (k3s, k0s, MicroK8s), or out of sight on managed services (EKS, GKE, AKS).',
    ],
    related: ['etcd', 'kube-scheduler', 'kube-controller-manager', 'ha-front', 'control-plane-hosting', 'static-pods'],
    links: [
      { title: 'Kubernetes components', url: 'https://kubernetes.io/docs/concepts/overview/components/' },
      { title: 'kube-apiserver reference', url: 'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/' },
    ],
  },
  {
    key: 'etcd',
    title: 'etcd',
    aliases: ['etcdctl', 'etcd.service'],
    layer: 'control-plane',
    status: 'active; CNCF graduated project',
    summary: 'The consistent, distributed key-value store that holds all of a cluster\'s state.',
    body: [
      'Every object you create (pods, secrets, config maps, custom resources) ends up as a key in etcd, written by the API server and by nothing else. etcd uses the Raft consensus algorithm: a write counts only once a majority of members, the quorum, has it, which keeps the data consistent through failures.',
      'Run an odd number of members, usually three or five: three survive the loss of one, five the loss of two, and an even number adds risk without adding tolerance. Without quorum the API server cannot commit anything: running workloads carry on, but nothing can be created, changed or rescheduled. Back it up with `etcdctl snapshot save`; it is the cluster\'s only durable state.',
      'kubeadm runs etcd as static pods (`etcd-<node>`) on the control-plane nodes, the "stacked" topology, or uses an external etcd cluster. Other distributions differ: Talos and many Kubespray setups run it as a host service, k3s embeds it or replaces it with a SQL database through kine, MicroK8s uses dqlite, and managed services hide it entirely.',
    ],
    related: ['kube-apiserver', 'control-plane-hosting', 'static-pods', 'ha-front'],
    links: [
      { title: 'etcd documentation', url: 'https://etcd.io/docs/' },
      { title: 'Operating etcd clusters for Kubernetes', url: 'https://kubernetes.io/docs/tasks/administer-cluster/configure-upgrade-etcd/' },
      { title: 'Options for highly available topology', url: 'https://kubernetes.io/docs/setup/production-environment/tools/kubeadm/ha-topology/' },
    ],
  },
  {
    key: 'kube-scheduler',
    title: 'kube-scheduler',
    aliases: ['scheduler', 'kube-scheduler.yaml'],
    layer: 'control-plane',
    status: 'active',
    summary: 'The control-plane component that chooses a node for every new pod.',
    body: [
      'The scheduler watches for pods that have no node yet. For each one it filters out nodes that cannot take it (not enough requested CPU or memory, node selectors and affinity, taints without matching tolerations, volume topology), scores the rest, and binds the pod to the best node by setting `spec.nodeName`. The kubelet on that node takes over from there.',
      'It never starts containers and knows nothing about runtimes directly: a RuntimeClass with a `scheduling` section works by adding node selectors and tolerations to the pod, which the scheduler then honours. In an HA control plane several schedulers run, but only the one holding the leader Lease acts.',
    ],
    related: ['kube-apiserver', 'kube-controller-manager', 'kubelet', 'runtimeclass'],
    links: [
      { title: 'Kubernetes scheduler', url: 'https://kubernetes.io/docs/concepts/scheduling-eviction/kube-scheduler/' },
      { title: 'Kubernetes components', url: 'https://kubernetes.io/docs/concepts/overview/components/' },
    ],
  },
  {
    key: 'kube-controller-manager',
    title: 'kube-controller-manager',
    aliases: ['controller-manager', 'controller manager', 'kcm', 'kube-controller-manager.yaml'],
    layer: 'control-plane',
    status: 'active',
    summary:
      'The control-plane process that runs Kubernetes\' built-in controllers, the loops that keep moving the cluster\'s actual state toward the desired state.',
    body: [
      'Most of Kubernetes\' behaviour comes from controllers: the Deployment controller creates ReplicaSets, the ReplicaSet controller creates pods, the node lifecycle controller notices unreachable nodes and evicts their pods, and the Job, EndpointSlice, namespace, service-account and garbage-collection controllers do what their names say. kube-controller-manager bundles them into one binary.',
      'Each controller watches objects through the API server and writes its changes back; none talks to nodes or runtimes directly. With several control-plane nodes, one instance holds the leader Lease and the others stand by. Loops that need a cloud provider live in the separate cloud-controller-manager.',
    ],
    related: ['kube-apiserver', 'cloud-controller-manager', 'kube-scheduler', 'etcd'],
    links: [
      { title: 'Kubernetes components', url: 'https://kubernetes.io/docs/concepts/overview/components/' },
      { title: 'kube-controller-manager reference', url: 'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/' },
    ],
  },
  {
    key: 'cloud-controller-manager',
    title: 'cloud-controller-manager',
    aliases: ['ccm', 'cloud controller manager', 'cloud-node-manager'],
    layer: 'control-plane',
    status: 'active; the in-tree cloud providers it replaces were removed in Kubernetes 1.31',
    summary:
      'The control-plane component that connects Kubernetes to a cloud provider\'s API for nodes, routes and load balancers.',
    body: [
      'It runs the controllers that need a cloud: the node controller fills in a new node\'s provider ID, addresses and zone labels and deletes Node objects whose machines are gone; the route controller programs cloud routes for pod networks; the service controller creates cloud load balancers for `type: LoadBalancer` Services. Each provider ships its own build.',
      'These loops used to live inside kube-controller-manager and the kubelet. They have been moved out of Kubernetes itself (the last in-tree providers were removed in 1.31), so a self-managed cluster on a cloud runs its provider\'s cloud-controller-manager and starts kubelets with `--cloud-provider=external`.',
      'You often cannot see it: managed services run it on their side, sometimes with a visible per-node helper (AKS\'s `cloud-node-manager` pods). RKE2 runs it as a static pod, and Cluster API setups often as a Deployment.',
    ],
    related: ['kube-controller-manager', 'kube-apiserver', 'control-plane-hosting', 'kubelet'],
    links: [
      { title: 'Cloud controller manager', url: 'https://kubernetes.io/docs/concepts/architecture/cloud-controller/' },
      { title: 'Kubernetes components', url: 'https://kubernetes.io/docs/concepts/overview/components/' },
    ],
  },

  // ---------------------------------------------------------------------------------------------
  // Networking

  {
    key: 'kube-proxy',
    title: 'kube-proxy',
    aliases: ['kubeproxy', 'kube proxy'],
    layer: 'networking',
    status: 'active',
    summary: 'The per-node component that makes Service virtual IPs work by programming the node\'s packet-forwarding rules.',
    body: [
      'A Service gets a stable virtual IP, but no process listens on it. kube-proxy watches Services and EndpointSlices and writes rules (iptables, IPVS or nftables on Linux; the Host Networking Service on Windows) so that the kernel sends traffic for a Service IP to one of its ready pods. In these modes kube-proxy itself is not in the data path.',
      'It usually runs as a DaemonSet (`kube-proxy-xxxxx` pods), but not always: GKE and RKE2 run it as static pods (`kube-proxy-gke-<node>` on GKE), k3s runs it inside the k3s agent, and some CNI plugins such as Cilium can replace it with eBPF, in which case there is no kube-proxy at all.',
      'It does not depend on the container runtime, so the dockershim removal does not touch it. From Kubernetes 1.33 the Node field `kubeProxyVersion` is left empty; do not read an empty value as "kube-proxy missing".',
    ],
    related: ['cni', 'coredns', 'kubelet', 'static-pods'],
    links: [
      { title: 'Virtual IPs and Service proxies', url: 'https://kubernetes.io/docs/reference/networking/virtual-ips/' },
      { title: 'kube-proxy reference', url: 'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-proxy/' },
    ],
  },
  {
    key: 'coredns',
    title: 'CoreDNS',
    aliases: ['corefile', 'cluster dns', 'cluster-dns'],
    layer: 'networking',
    status: 'active; the default cluster DNS (kubeadm default since Kubernetes 1.11)',
    summary: 'The DNS server that answers pods\' lookups of Service and pod names inside the cluster.',
    body: [
      'Pods resolve names such as `my-svc.my-namespace.svc.cluster.local` through cluster DNS. CoreDNS answers those from the Kubernetes API (its `kubernetes` plugin) and forwards everything else upstream. Its configuration is the Corefile in the `coredns` ConfigMap in kube-system.',
      'It runs as a Deployment (`coredns-<hash>-<id>` pods) behind a Service that, for compatibility, is still named `kube-dns`, at a fixed cluster IP that the kubelet writes into every pod\'s `/etc/resolv.conf`. CoreDNS replaced kube-dns as the default: it became generally available and kubeadm\'s default in Kubernetes 1.11.',
      'Names vary by distribution: RKE2 shows `rke2-coredns-rke2-coredns-*` pods, OpenShift runs its DNS in the `openshift-dns` namespace, and GKE runs kube-dns instead. CoreDNS pods are ordinary workloads, so they only become ready once the CNI plugin works.',
    ],
    related: ['kube-dns', 'kube-proxy', 'cni', 'kubelet'],
    links: [
      { title: 'CoreDNS', url: 'https://coredns.io/' },
      { title: 'DNS for Services and Pods', url: 'https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/' },
      { title: 'Using CoreDNS for service discovery', url: 'https://kubernetes.io/docs/tasks/administer-cluster/coredns/' },
    ],
  },
  {
    key: 'kube-dns',
    title: 'kube-dns',
    aliases: ['kubedns', 'kube dns'],
    layer: 'networking',
    status: 'legacy; replaced by CoreDNS in most distributions, still GKE\'s default',
    summary: 'The original Kubernetes cluster DNS add-on, since replaced by CoreDNS almost everywhere except GKE.',
    body: [
      'kube-dns served cluster DNS before CoreDNS: each of its pods combined a `kubedns` container that watched the API, a `dnsmasq` cache and a health-check sidecar. kubeadm switched its default to CoreDNS in Kubernetes 1.11 and deprecated kube-dns in 1.18.',
      'GKE still runs kube-dns by default (`kube-dns-*` and `kube-dns-autoscaler-*` pods) unless the cluster uses Cloud DNS. Elsewhere the name survives mostly as the `kube-dns` Service in kube-system, which fronts CoreDNS pods on most clusters: a `kube-dns` Service does not mean kube-dns is running, so look at the pods behind it.',
    ],
    related: ['coredns', 'kube-proxy'],
    links: [
      { title: 'Using CoreDNS for service discovery', url: 'https://kubernetes.io/docs/tasks/administer-cluster/coredns/' },
      { title: 'DNS for Services and Pods', url: 'https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/' },
    ],
  },
  {
    key: 'cni',
    title: 'Container Network Interface (CNI)',
    aliases: [
      'container network interface', 'cni plugin', 'network plugin', 'net.d', 'calico', 'cilium', 'flannel', 'canal',
      'antrea', 'kindnet', 'aws-node',
    ],
    layer: 'networking',
    status: 'active (CNCF specification)',
    summary: 'The specification and plugins that give each pod its network interface and IP address.',
    body: [
      'CNI defines how a runtime asks a plugin to wire up a network namespace: the plugin is an executable, usually in `/opt/cni/bin`, that receives a JSON configuration from `/etc/cni/net.d` and performs ADD, DEL or CHECK. Network providers such as Calico, Cilium, Flannel, Antrea, kindnet and the AWS VPC CNI (`aws-node`) install their plugin and configuration, usually from a DaemonSet.',
      'Who calls the plugins changed with dockershim. Up to 1.23 with dockershim, the kubelet ran them itself (`--network-plugin=cni`, `--cni-bin-dir`, `--cni-conf-dir`). From 1.24 the CRI runtime does it: containerd\'s CRI plugin or CRI-O invoke CNI when they create the pod sandbox, and those kubelet flags are gone.',
      'Without a working CNI configuration the runtime reports its network as not ready, nodes stay NotReady and new pods wait in ContainerCreating. After changing runtimes, check that the new runtime sees the CNI configuration and binaries; containerd 1.6.0 to 1.6.3 also had known problems with old plugins, fixed in 1.6.4.',
    ],
    related: ['kube-proxy', 'containerd', 'cri-o', 'dockershim', 'pod-sandbox'],
    links: [
      { title: 'CNI specification and libraries', url: 'https://github.com/containernetworking/cni' },
      { title: 'Network plugins', url: 'https://kubernetes.io/docs/concepts/extend-kubernetes/compute-storage-net/network-plugins/' },
    ],
  },

  // ---------------------------------------------------------------------------------------------
  // Control-plane high availability

  {
    key: 'ha-front',
    title: 'HA front for the API server (haproxy + keepalived)',
    aliases: [
      'haproxy', 'keepalived', 'nginx-proxy', 'vrrp', 'ha front', 'api load balancer', 'controlplaneendpoint',
      'control-plane-endpoint',
    ],
    layer: 'control-plane',
    status: 'pattern',
    summary:
      'A stable address, usually a virtual IP in front of a TCP load balancer, that sends API traffic to whichever control-plane nodes are healthy.',
    body: [
      'With several kube-apiserver replicas, clients need one address that keeps working when a node fails. The classic self-hosted recipe, offered in kubeadm\'s HA documentation, pairs keepalived and haproxy on the control-plane nodes: keepalived uses VRRP to keep a virtual IP on one healthy node and moves it on failure, and haproxy behind that IP spreads TCP connections across the API servers on port 6443, with health checks. kubeadm\'s `controlPlaneEndpoint` then names that address.',
      'Both often run as static pods (`haproxy-<node>`, `keepalived-<node>`) so that they are up before the API server. The alternatives are a cloud or hardware load balancer, or kube-vip, which does both jobs in one component; managed services provide the endpoint themselves.',
      'Kubespray\'s `nginx-proxy-<node>` static pods are a different thing: they run on worker nodes as a local proxy, so the kubelet and kube-proxy connect to localhost and nginx forwards to all API servers. They say nothing about how many control-plane nodes there are. Also remember that a front only keeps the API reachable; real HA also needs enough etcd members to keep quorum.',
    ],
    related: ['kube-apiserver', 'kube-vip', 'static-pods', 'etcd', 'control-plane-hosting'],
    links: [
      { title: 'Creating highly available clusters with kubeadm', url: 'https://kubernetes.io/docs/setup/production-environment/tools/kubeadm/high-availability/' },
      { title: 'HAProxy', url: 'https://www.haproxy.org/' },
      { title: 'Keepalived', url: 'https://www.keepalived.org/' },
    ],
  },
  {
    key: 'kube-vip',
    title: 'kube-vip',
    aliases: ['kube vip', 'kubevip'],
    layer: 'control-plane',
    status: 'active',
    summary:
      'A single component that provides a virtual IP for the control plane, and optionally load balancers for Services, without external hardware.',
    body: [
      'kube-vip announces a virtual IP for the API server either with ARP (layer 2: the elected leader answers for the address, which moves when the leader changes) or with BGP (layer 3: nodes advertise the address to routers). It can also serve `type: LoadBalancer` Services on bare metal.',
      'With kubeadm it runs as a static pod on each control-plane node (`kube-vip-<node>`), because the address has to exist before the API server does and before anything can be scheduled; with k3s or RKE2 it is usually a DaemonSet. It replaces the haproxy and keepalived pair and is common in Cluster API, vSphere and Tanzu clusters. Finding it is a strong sign of a self-hosted HA control plane.',
    ],
    related: ['ha-front', 'kube-apiserver', 'static-pods', 'control-plane-hosting'],
    links: [
      { title: 'kube-vip', url: 'https://kube-vip.io/' },
      { title: 'kube-vip as a static pod', url: 'https://kube-vip.io/docs/installation/static/' },
    ],
  },

  // ---------------------------------------------------------------------------------------------
  // Concepts

  {
    key: 'static-pods',
    title: 'Static pods and mirror pods',
    aliases: [
      'static pod', 'static pods', 'mirror pod', 'mirror pods', 'staticpodpath', 'kubernetes.io/config.mirror',
      'pod-manifest-path', '--pod-manifest-path',
    ],
    layer: 'concept',
    status: 'stable',
    summary: 'Pods the kubelet runs straight from manifest files on its node, shown in the API as read-only mirror pods.',
    body: [
      'The kubelet can run pods without any API server: it watches a directory (`staticPodPath`; `/etc/kubernetes/manifests` on kubeadm) and runs every pod manifest it finds there. That is how kubeadm starts a control plane: etcd, kube-apiserver, kube-controller-manager and kube-scheduler are static pods, because nothing could schedule them before the API server exists.',
      'For each static pod the kubelet creates a mirror pod in the API so that it can be seen. Mirror pods are named `<pod>-<nodeName>`, carry the annotation `kubernetes.io/config.mirror` and are owned by their Node. They cannot be managed through the API: deleting one only makes the kubelet recreate it, so edit or remove the file on the node instead. A static pod also cannot refer to other API objects such as ServiceAccounts, ConfigMaps or Secrets.',
      'A mirror pod proves that something runs as a static pod, not that the control plane is self-hosted: GKE runs `kube-proxy-gke-<node>` and RKE2 runs kube-proxy as static pods too. K8s Anatomy decides from which component a pod is (its name and labels such as `component=kube-apiserver`), not from the mirror annotation alone.',
    ],
    related: ['kubelet', 'control-plane-hosting', 'kube-apiserver', 'etcd', 'ha-front', 'kube-vip'],
    links: [
      { title: 'Create static Pods', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/static-pod/' },
    ],
  },
  {
    key: 'containers-vs-vms',
    title: 'Containers vs virtual machines',
    aliases: ['containers vs vms', 'container vs vm', 'containers vs virtual machines', 'virtual machine', 'vm', 'hypervisor'],
    layer: 'concept',
    status: 'concept',
    summary:
      'A virtual machine emulates hardware and runs its own kernel; a container is a group of ordinary processes on the host kernel, fenced off with namespaces and limited with cgroups.',
    body: [
      'A VM gets virtual hardware from a hypervisor and boots a whole operating system, kernel included. A container is just processes: the host kernel gives them their own view of the system (Linux namespaces for process IDs, mounts, network, hostname, IPC and users), caps their resources with cgroups, and narrows what they may do with capabilities, seccomp and SELinux or AppArmor. The image carries only user-space files.',
      'That is why containers start in milliseconds and pack densely, and why their isolation is weaker: every container on a node shares one kernel, so a kernel bug can become an escape. A container usually runs one application; there is no boot, no init system and no SSH daemon unless someone puts them there.',
      'Kubernetes works with both: nodes are often VMs, and pods are containers inside them. Between the two sit sandboxed runtimes chosen per pod with a RuntimeClass: gVisor puts a user-space kernel between the container and the host, and Kata Containers (optionally on Firecracker) gives each pod its own lightweight VM while keeping the container workflow.',
    ],
    related: ['runc', 'gvisor', 'kata', 'firecracker', 'systemd-in-containers', 'oci'],
    links: [
      { title: 'Containers', url: 'https://kubernetes.io/docs/concepts/containers/' },
      { title: 'Runtime Class', url: 'https://kubernetes.io/docs/concepts/containers/runtime-class/' },
    ],
  },
  {
    key: 'systemd-in-containers',
    title: 'Why systemd does not simply run in a container',
    aliases: ['systemd', 'systemd in containers', 'systemd in a container', 'systemd in docker', 'pid 1', 'pid1'],
    layer: 'concept',
    status: 'concept; works only when the container manager prepares for it, and unusual in Kubernetes',
    summary:
      'systemd is built to be PID 1 of a whole machine, and an ordinary container withholds most of what that role needs, so it fails unless the container manager deliberately sets up the environment systemd expects.',
    body: [
      'As PID 1, systemd expects to own an operating system. It puts every unit it starts into its own cgroup, so it needs write access to its part of the cgroup tree; it wants `/run`, `/run/lock` and `/tmp` on tmpfs; it builds private mounts and namespaces for services that use settings like `PrivateTmp=` or `ProtectSystem=`, which needs `CAP_SYS_ADMIN`; it brings up journald, logind and the other services of a full system; and it shuts down cleanly only on `SIGRTMIN+3`. SIGTERM, the signal runtimes send to stop a container, merely makes systemd re-execute itself.',
      'A default container offers the opposite. Docker and containerd mount the cgroup file system read-only, leave `CAP_SYS_ADMIN` out of the capability set, give you `/run` and `/tmp` as plain directories from the image, and expect one foreground process that exits on SIGTERM, with SIGKILL after a grace period. Started as `/sbin/init` in such a container, systemd typically gives up early because it cannot create its cgroup, or comes up half-working and is killed instead of shutting down.',
      'It does work when the manager provides what systemd\'s Container Interface asks for: the `container=` environment variable on PID 1 (systemd then skips hardware-related units), a writable, delegated cgroup subtree (easiest on cgroup v2 with a cgroup namespace), tmpfs mounts, and SIGRTMIN+3 to stop. systemd-nspawn and LXC/LXD system containers are built for this. Podman does it in its systemd mode (automatic when the command is systemd or init, forced with `--systemd=always`): tmpfs on `/run`, `/run/lock`, `/tmp` and `/var/lib/journal`, a writable `/sys/fs/cgroup` on cgroup v2, and stop signal SIGRTMIN+3; CRI-O prepares similar mounts when a container\'s command is systemd. Docker can be forced with `--privileged` or hand-mounted cgroups plus `--tmpfs` and `--stop-signal`, but privileged mode gives up most of the isolation and is discouraged.',
      'Kubernetes avoids the need by design. The kubelet already is the supervisor: it restarts containers, runs health probes, collects their stdout logs and stops pods with SIGTERM and a grace period, and a pod groups several single-process containers instead of one container running many services. An init system inside a pod duplicates that work and needs the privileges above. (The `systemd` cgroup driver in kubelet and runtime settings is about the host\'s systemd managing cgroups, not systemd inside containers.)',
    ],
    related: ['containers-vs-vms', 'kubelet', 'runc', 'cri-o', 'static-pods'],
    links: [
      { title: 'systemd: the Container Interface', url: 'https://systemd.io/CONTAINER_INTERFACE/' },
      { title: 'Container runtimes: cgroup drivers', url: 'https://kubernetes.io/docs/setup/production-environment/container-runtimes/' },
    ],
  },
  {
    key: 'container-runtime-endpoint',
    title: 'Container runtime endpoint (CRI socket)',
    aliases: [
      'containerruntimeendpoint', '--container-runtime-endpoint', '--container-runtime', 'crisocket', 'cri-socket',
      'cri socket', 'kubeadm.alpha.kubernetes.io/cri-socket', 'imageserviceendpoint', '--image-service-endpoint',
    ],
    layer: 'concept',
    status: '`--container-runtime` removed in Kubernetes 1.27; `containerRuntimeEndpoint` config field since 1.27',
    summary:
      'The socket, or Windows named pipe, where the kubelet reaches its CRI runtime: the setting that really decides a node\'s runtime.',
    body: [
      'The kubelet dials exactly one CRI endpoint. Common values: `unix:///run/containerd/containerd.sock` (containerd), `unix:///var/run/crio/crio.sock` (CRI-O), `unix:///var/run/cri-dockerd.sock` (cri-dockerd), the old `unix:///var/run/dockershim.sock` (dockershim), and `npipe:////./pipe/containerd-containerd` on Windows. `/var/run` is a symlink to `/run`, so both spellings name the same socket.',
      'How it is set has changed. Up to 1.23, `--container-runtime=docker` (the default) made the kubelet use its built-in dockershim, while `--container-runtime=remote` plus `--container-runtime-endpoint` selected an external CRI runtime. `--container-runtime` was deprecated in 1.24 and removed in 1.27. From 1.27 the endpoint can be set as `containerRuntimeEndpoint` in the KubeletConfiguration file, and the flag is deprecated in its favour.',
      'kubeadm records the socket per node, in `nodeRegistration.criSocket` and in the Node annotation `kubeadm.alpha.kubernetes.io/cri-socket`. Treat the annotation as a hint: it is not updated when you change runtimes (and a stale value breaks `kubeadm upgrade`), old kubeadm wrote it without `unix://`, kubeadm 1.24.0 could repeat the scheme, and from kubeadm 1.34 it is replaced by `/var/lib/kubelet/instance-config.yaml` and removed on upgrade. When it disagrees with `containerRuntimeVersion`, trust `containerRuntimeVersion`.',
    ],
    related: ['kubelet', 'cri', 'containerd', 'cri-o', 'cri-dockerd', 'dockershim'],
    links: [
      { title: 'Find out what container runtime is used on a node', url: 'https://kubernetes.io/docs/tasks/administer-cluster/migrating-from-dockershim/find-out-runtime-you-use/' },
      { title: 'Kubelet configuration (v1beta1)', url: 'https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/' },
      { title: 'Container runtimes', url: 'https://kubernetes.io/docs/setup/production-environment/container-runtimes/' },
    ],
  },
  {
    key: 'control-plane-hosting',
    title: 'How the control plane is hosted',
    aliases: [
      'control plane hosting', 'control-plane', 'control plane', 'embedded control plane', 'managed control plane',
      'self-hosted control plane',
    ],
    layer: 'concept',
    status: 'concept',
    summary:
      'Where the API server, etcd, scheduler and controller manager actually run: as static pods, embedded in one binary, on a provider\'s side, or as containers outside Kubernetes.',
    body: [
      'Every cluster has the same control-plane parts (kube-apiserver, etcd, kube-scheduler, kube-controller-manager, often cloud-controller-manager), but distributions host them differently. That changes what you can see through the API, and how you upgrade, back up and debug them.',
      'Static pods: the kubelet on each control-plane node runs them from manifest files, and they appear as mirror pods such as `kube-apiserver-<node>` in kube-system. kubeadm, kind, minikube, Docker Desktop, Kubespray, RKE2 and Talos work this way (Talos keeps etcd as a host service), and so does OpenShift, in its `openshift-*` namespaces. Embedded: k3s, k0s and MicroK8s run the components inside their own server process, so control-plane nodes exist but no apiserver pods do; k0s controllers do not even register as nodes by default.',
      'Managed: EKS, GKE and AKS run the control plane on the provider\'s side; you see neither control-plane nodes nor their pods, and HA is the provider\'s job. Containers outside Kubernetes: RKE1 starts the components as plain Docker containers with its `rke` tool, so they are neither pods nor static pods. K8s Anatomy reports which of these it found, and says "unknown" when the evidence is missing.',
    ],
    related: ['static-pods', 'kube-apiserver', 'etcd', 'ha-front', 'kube-vip', 'cloud-controller-manager'],
    links: [
      { title: 'Kubernetes components', url: 'https://kubernetes.io/docs/concepts/overview/components/' },
      { title: 'Create static Pods', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/static-pod/' },
      { title: 'Options for highly available topology', url: 'https://kubernetes.io/docs/setup/production-environment/tools/kubeadm/ha-topology/' },
    ],
  },
  {
    key: 'node-pool',
    title: 'Node pool (how K8s Anatomy groups nodes)',
    aliases: ['node pool', 'nodepool', 'node group', 'nodegroup', 'agent pool', 'agentpool'],
    layer: 'concept',
    status: 'K8s Anatomy concept',
    summary:
      'A set of nodes that K8s Anatomy draws as one because they run the same software stack: operating system, runtime and version, kubelet version, Docker path and role.',
    body: [
      'The diagram draws pools, not nodes, so a 500-node cluster stays readable. Two nodes land in the same pool when they share the operating system, the runtime name and version from `containerRuntimeVersion`, the kubelet version, the way they reach Docker Engine (dockershim, cri-dockerd or not at all) and whether they are control-plane nodes. Each pool shows its node count and a few example node names.',
      'This is not the same as a cloud provider\'s node pool (an EKS node group, a GKE node pool, an AKS agent pool). Two cloud pools with identical software merge into one K8s Anatomy pool, and one cloud pool splits in two while it is being upgraded or migrated. That split is often exactly what you need to see: a half-finished runtime migration, a Windows pool still on Docker, kubelets lagging behind the API server.',
      'Readiness findings stay per node even though the diagram groups them, so the report always names the exact nodes to fix.',
    ],
    related: ['kubelet', 'containerd', 'dockershim', 'cri-dockerd', 'control-plane-hosting'],
    links: [
      { title: 'Nodes', url: 'https://kubernetes.io/docs/concepts/architecture/nodes/' },
      { title: 'Find out what container runtime is used on a node', url: 'https://kubernetes.io/docs/tasks/administer-cluster/migrating-from-dockershim/find-out-runtime-you-use/' },
    ],
  },
  {
    key: 'crictl',
    title: 'crictl',
    aliases: ['cri-tools', 'crictl.yaml'],
    layer: 'tooling',
    status: 'active',
    summary:
      'The command-line client for the CRI, used on a node to inspect the pods, containers and images of whatever runtime the kubelet uses.',
    body: [
      'crictl, from the cri-tools project, talks to the same CRI endpoint as the kubelet, set with `--runtime-endpoint` or in `/etc/crictl.yaml`. It works the same way against containerd, CRI-O and cri-dockerd, which makes it the standard replacement for `docker ps`, `docker logs`, `docker exec` and `docker images` when debugging a node.',
      'It shows pod sandboxes as well as containers (`crictl pods`, `crictl ps`, `crictl inspect`). It is a debugging tool: containers you create with it are unknown to the API server, and the kubelet may delete them.',
    ],
    related: ['cri', 'docker-cli', 'containerd', 'cri-o', 'container-runtime-endpoint'],
    links: [
      { title: 'Debugging Kubernetes nodes with crictl', url: 'https://kubernetes.io/docs/tasks/debug/debug-cluster/crictl/' },
      { title: 'Mapping from the docker CLI to crictl', url: 'https://kubernetes.io/docs/reference/tools/map-crictl-dockercli/' },
    ],
  },
  {
    key: 'pod-sandbox',
    title: 'Pod sandbox (the pause container)',
    aliases: [
      'pause', 'pause image', 'pause container', 'sandbox image', 'sandbox_image', 'pause_image', 'pod infra container',
      '--pod-infra-container-image', 'runpodsandbox',
    ],
    layer: 'concept',
    status: 'concept',
    summary: 'The environment a runtime creates for a pod before its containers, usually held open by a tiny "pause" container.',
    body: [
      'Through the CRI a pod is created in two steps: `RunPodSandbox` sets up what the pod\'s containers share (the network namespace with the pod IP, the IPC namespace, the parent cgroup), and then each container is created inside it. With runc-style runtimes the sandbox is a minimal container running the `pause` image, whose only job is to exist so that the namespaces stay alive while application containers come and go. With Kata the sandbox is the pod\'s VM.',
      'The pause image (for example `registry.k8s.io/pause:3.9`) is set in the runtime, not in the pod: `sandbox_image` in containerd 1.x (a pinned `sandbox` image in 2.x), `pause_image` in CRI-O, `--pod-infra-container-image` for cri-dockerd. A node that cannot pull it, such as an air-gapped one without a mirror, cannot start any pod. On Docker-based nodes the sandboxes show up in `docker ps` as `k8s_POD_…` containers.',
    ],
    related: ['cri', 'containerd', 'cri-o', 'cni', 'kata'],
    links: [
      { title: 'Container runtimes: overriding the sandbox (pause) image', url: 'https://kubernetes.io/docs/setup/production-environment/container-runtimes/' },
      { title: 'Pods', url: 'https://kubernetes.io/docs/concepts/workloads/pods/' },
    ],
  },
  // ---------------------------------------------------------------------------------------------
  // Runtime upgrade readiness: what in the runtime stack changes with Kubernetes 1.35 to 1.38.
  // Versions that K8s Anatomy judges by come from src/core/support.ts, not from this prose.

  {
    key: 'containerd-2',
    title: 'containerd 2 (what changed from 1.x)',
    aliases: [
      'containerd 2', 'containerd 2.0', 'containerd2', 'containerd v2', 'containerd-v2', 'containerd 2.x',
      'config version 3', 'containerd config migrate', 'io.containerd.cri.v1.runtime', 'io.containerd.cri.v1.images',
      'io.containerd.grpc.v1.cri', 'io.containerd.runtime.v1.linux', 'aufs', 'schema 1', 'schema1', 'docker schema 1',
      'schema 1 image', 'schema1-image', 'cri v1alpha2', 'registry mirrors', 'config_path',
    ],
    layer: 'concept',
    status: `current major line; containerd 1.x loses kubelet support in Kubernetes ${CONTAINERD_V1_CUTOFF.errorFrom}`,
    summary:
      'The first major containerd release since 2017, which keeps the daemon\'s job the same but deletes what 1.x had deprecated and moves its configuration to a new format.',
    body: [
      'containerd 2.0 (November 2024) is mostly a clean-up. Gone are the CRI v1alpha2 API (the kubelet has spoken only CRI v1 since Kubernetes 1.26, so only other CRI clients on the node notice), the old `io.containerd.runtime.v1.linux` and `io.containerd.runc.v1` shims (use `io.containerd.runc.v2`), the `aufs` snapshotter (use `overlayfs`), and CRI settings replaced long ago: `systemd_cgroup` (now the runc option `SystemdCgroup`), `default_runtime` (now `default_runtime_name`), `runtime_engine`, `runtime_root`. Pulling Docker schema 1 images is refused from 2.0 and the code is gone in 2.1, so an image that was never rebuilt since the early Docker registry days fails with an image-pull error that mentions schema 1; rebuild or re-push it.',
      'The configuration file gets version 3. Its header is `version = 3`, and the CRI plugin, one section `io.containerd.grpc.v1.cri` in version 2, is split into `io.containerd.cri.v1.runtime` (runtimes, CNI, `SystemdCgroup`) and `io.containerd.cri.v1.images` (pulls, the sandbox image, registries). Older files are converted in memory every time containerd starts, so they keep working; `containerd config migrate` prints the converted file so you can review it and make it the new `config.toml`. Scripts and installers that edit `config.toml` (GPU toolkits, gVisor or Kata installers, node bootstrap) must know the new section names, or the runtimes they add never load.',
      'Registry settings move out of `config.toml`. The old `mirrors`, `configs` and `auths` tables under the CRI registry section are deprecated and scheduled for removal; point `config_path` at a directory such as `/etc/containerd/certs.d` and describe each registry in its own `hosts.toml`, and give pods credentials with `imagePullSecrets` instead of `auths`. containerd 1.6.27+ and 1.7.12+ can list the deprecated features a node still uses (`ctr deprecations list`, or the conditions in `crictl info`), but the kubelet does not pass that to the Node object, so it must be checked on each node.',
      `Why it matters now: containerd 1.x lacks the CRI call the kubelet uses to learn the cgroup driver (see cri-runtime-config), Kubernetes 1.35 was announced as the last release for containerd 1.x, and the kubelet drops its fallback in ${CONTAINERD_V1_CUTOFF.errorFrom}. containerd's own support table lists, for Kubernetes ${NEWEST_CONTAINERD_ROW.kubernetes}, only ${NEWEST_CONTAINERD_ROW.lines.map((line) => `${line.minimum}+`).join(' and ')}. On managed clusters the node image decides: upgrade the node group or image, not containerd by hand.`,
    ],
    related: ['containerd', 'containerd-shim', 'cri-runtime-config', 'runtime-handlers', 'cgroup-v2'],
    links: [
      { title: 'containerd 2.0: what changed', url: 'https://github.com/containerd/containerd/blob/main/docs/containerd-2.0.md' },
      { title: 'containerd releases, deprecations and Kubernetes support', url: 'https://github.com/containerd/containerd/blob/main/RELEASES.md' },
      { title: 'containerd registry configuration (hosts.toml)', url: 'https://github.com/containerd/containerd/blob/main/docs/hosts.md' },
    ],
  },
  {
    key: 'cgroup-v2',
    title: 'cgroup v1 and cgroup v2',
    aliases: [
      'cgroup', 'cgroups', 'cgroup v1', 'cgroup v2', 'cgroupv1', 'cgroupv2', 'cgroup-v1', 'cgroup2', 'cgroup2fs',
      'cgroups v1', 'cgroups v2', 'control groups', 'failcgroupv1', '--fail-cgroup-v1', 'fail-cgroup-v1',
      'kubelet_cgroup_version', 'kep-4569', 'kep-5573', 'systemd.unified_cgroup_hierarchy', '/sys/fs/cgroup',
    ],
    layer: 'concept',
    status: `cgroup v2 stable since Kubernetes 1.25; cgroup v1 in maintenance mode since 1.31, and the kubelet refuses it by default from ${CGROUP_V1_CUTOFF.failByDefaultFrom}`,
    summary:
      'The Linux kernel feature the kubelet and the runtime use to enforce each pod\'s CPU, memory and process limits, in its old (v1) or its current, unified (v2) form.',
    body: [
      'Every container runs inside a control group, and the limits and requests of a pod become settings of that group. cgroup v1 gives each resource (cpu, memory, pids, ...) its own tree; cgroup v2 has one tree for all of them, safer delegation to containers, and features only it offers, such as pressure stall information and the memory protection behind Kubernetes\' MemoryQoS. The node\'s boot configuration picks the version; cgroup v2 needs a Linux 5.8 or newer kernel, and nothing in a pod spec chooses it.',
      `Kubernetes is leaving v1 behind. 1.31 put cgroup v1 support in maintenance mode: the kubelet records a Warning event with reason \`CgroupV1\` on the Node, reports the metric \`kubelet_cgroup_version\` (1, 2, or 0 on a node that is not Linux), and gained the setting \`failCgroupV1\` (flag \`--fail-cgroup-v1\`). From ${CGROUP_V1_CUTOFF.failByDefaultFrom} that setting defaults to true: on a cgroup v1 host the kubelet refuses to start, the node goes NotReady after the upgrade, and the log says the kubelet is configured not to run on cgroup v1. Setting \`failCgroupV1: false\` is a temporary escape hatch, not a plan; systemd, containerd and Docker are deprecating or removing v1 as well.`,
      'How to tell a node\'s version. On the node, `stat -fc %T /sys/fs/cgroup/` prints `cgroup2fs` for v2 and `tmpfs` for v1. Through the API server, `kubectl get --raw /api/v1/nodes/NODE/proxy/metrics` includes `kubelet_cgroup_version` (this needs the `nodes/proxy` permission, which is why K8s Anatomy reads it only with the opt-in kubelet probe), and `kubectl get events --field-selector reason=CgroupV1` lists the kubelets that started on v1 (events expire, so absence proves little). The OS image is a hint: Amazon Linux 2, Ubuntu 21.04 and older, Debian 10 and older, CentOS 7 and 8 and RHEL-family 7 and 8 boot v1 by default; Amazon Linux 2023, Bottlerocket, Ubuntu 22.04+, Debian 11+ and RHEL 9 boot v2.',
      'The fix is a node image that boots cgroup v2, rolled out node group by node group (for example Amazon Linux 2 to Amazon Linux 2023 or Bottlerocket), not a kubelet setting. Before you switch, update software that reads the cgroup files itself: old JVMs, cAdvisor run as a DaemonSet, monitoring and security agents that mount `/sys/fs/cgroup`. The kubelet and the runtime adapt on their own; use the systemd cgroup driver in both.',
    ],
    related: ['cri-runtime-config', 'kubelet', 'containerd-2', 'systemd-in-containers', 'node-pool'],
    links: [
      { title: 'About cgroup v2', url: 'https://kubernetes.io/docs/concepts/architecture/cgroups/' },
      { title: 'Kubernetes 1.31: cgroup v1 moves to maintenance mode', url: 'https://kubernetes.io/blog/2024/08/14/kubernetes-1-31-moving-cgroup-v1-support-maintenance-mode/' },
      { title: 'Kubernetes v1.35 release notes (cgroup v1, containerd 1.x)', url: 'https://kubernetes.io/blog/2025/12/17/kubernetes-v1-35-release/' },
    ],
  },
  {
    key: 'cri-runtime-config',
    title: 'The cgroup driver handshake (CRI RuntimeConfig, KEP-4033)',
    aliases: [
      'runtimeconfig', 'runtime config', 'kep-4033', 'kubelet_cri_losing_support', 'cri_losing_support', 'cri-losing-support',
      'cgroup driver', 'cgroupdriver', 'cgroup-driver', '--cgroup-driver', 'systemdcgroup', 'kubeletcgroupdriverfromcri',
      'containerd 1.x', 'containerd-v1-end',
    ],
    layer: 'concept',
    status: `generally available in Kubernetes 1.34; the kubelet's fallback for runtimes without it ends in ${CONTAINERD_V1_CUTOFF.errorFrom}`,
    summary:
      'The CRI call through which the kubelet asks its runtime which cgroup driver (systemd or cgroupfs) it uses, instead of relying on both being configured alike.',
    body: [
      'The kubelet and the runtime both create cgroups for pods, and they must agree on who manages them: the `systemd` driver (recommended on systemd hosts) or `cgroupfs`. For years this was set twice, as the kubelet\'s `cgroupDriver` and in the runtime (for containerd the runc option `SystemdCgroup`), and a mismatch made nodes unstable under memory pressure. KEP-4033 adds the CRI call `RuntimeConfig`: the kubelet asks, the runtime answers, and the kubelet uses the runtime\'s driver. It was alpha in 1.28 (feature gate `KubeletCgroupDriverFromCRI`) and is generally available in 1.34.',
      'containerd 2.0 and newer and CRI-O 1.28 and newer implement the call; containerd 1.6 and 1.7 do not. For those the kubelet falls back to its own `cgroupDriver` setting, logs that the CRI implementation should be updated, and sets the metric `kubelet_cri_losing_support` to 1 with a `version` label naming the Kubernetes release that will stop falling back. The label has moved with the plan (1.36.0, then 1.37.0, then 1.38.0), so read it from the node rather than assuming one.',
      `That is why containerd 1.x loses support. Kubernetes 1.35 was announced as the last release for containerd 1.x, in step with containerd 1.7's end of life; the removal was then deferred, and the current kubelet keeps the fallback until ${CONTAINERD_V1_CUTOFF.errorFrom}. K8s Anatomy therefore warns about containerd 1.6 and 1.7 nodes for targets from ${CONTAINERD_V1_CUTOFF.warnFrom}, and treats them as blocking from ${CONTAINERD_V1_CUTOFF.errorFrom}. kubeadm's preflight check \`ContainerRuntimeVersion\` warns about the same runtimes.`,
      'To check a node: `kubectl get --raw /api/v1/nodes/NODE/proxy/metrics | grep kubelet_cri_losing_support` (needs `nodes/proxy`), or read the runtime version in `status.nodeInfo.containerRuntimeVersion`. The fix is containerd 2.x (see containerd-2 for the configuration changes) or a current CRI-O, which in practice means a newer node image.',
    ],
    related: ['containerd-2', 'cgroup-v2', 'kubelet', 'cri', 'containerd'],
    links: [
      { title: 'Kubernetes 1.34: cgroup driver lookup through CRI is GA', url: 'https://kubernetes.io/blog/2025/09/12/kubernetes-v1-34-cri-cgroup-driver-lookup-now-ga/' },
      { title: 'Container runtimes: cgroup drivers', url: 'https://kubernetes.io/docs/setup/production-environment/container-runtimes/#cgroup-drivers' },
      { title: 'Kubernetes v1.35: final call for containerd v1.X', url: 'https://kubernetes.io/blog/2025/12/17/kubernetes-v1-35-release/' },
    ],
  },
  {
    key: 'runtime-handlers',
    title: 'Runtime handlers and their features (Node status)',
    aliases: [
      'runtimehandlers', 'runtime handlers', 'runtime handler', 'status.runtimehandlers', 'noderuntimehandler',
      'noderuntimehandlerfeatures', 'node features', 'nodefeatures', 'status.features', 'runtimeclass-handler-missing',
    ],
    layer: 'concept',
    status: 'reported in Node status since Kubernetes 1.30 (features added in 1.30 and 1.31)',
    summary:
      'The list in each Node\'s status of the runtime handlers its runtime has loaded, with the workload features each handler supports.',
    body: [
      'Since Kubernetes 1.30 the kubelet copies what the runtime says about itself into the Node: `status.runtimeHandlers` has one entry per handler the runtime configured (the default handler has the empty name `""`), and each entry\'s `features` says whether that handler supports `recursiveReadOnlyMounts` (1.30) and `userNamespaces` (1.31). `status.features.supplementalGroupsPolicy` (1.31) describes the CRI implementation as a whole rather than one handler. Read them with `kubectl get node NODE -o jsonpath=\'{.status.runtimeHandlers}\'`.',
      'This finally lets you check a RuntimeClass against the nodes: its `handler` should appear in `runtimeHandlers` on the nodes it can schedule onto (its `scheduling.nodeSelector`). A handler missing there means pods using the class will sit in ContainerCreating with a sandbox error, a typical result of a runtime entry lost in a `config.toml` rewrite or a migration to containerd\'s configuration version 3.',
      'The kubelet also uses the features: it rejects a pod with `hostUsers: false` when the handler does not support user namespaces, and a pod that needs `recursiveReadOnly: Enabled` or `supplementalGroupsPolicy: Strict` fails when the runtime cannot do it. An empty or missing list says only that the runtime does not report handlers (containerd 1.x does not), not that it has none; K8s Anatomy then falls back to what each runtime version is known to support.',
    ],
    related: ['runtimeclass', 'user-namespaces', 'recursive-read-only-mounts', 'supplemental-groups-policy', 'containerd-2'],
    links: [
      { title: 'Node API reference (status.runtimeHandlers, status.features)', url: 'https://kubernetes.io/docs/reference/kubernetes-api/cluster-resources/node-v1/' },
      { title: 'Runtime Class', url: 'https://kubernetes.io/docs/concepts/containers/runtime-class/' },
    ],
  },
  {
    key: 'version-skew',
    title: 'Kubernetes version skew (kubelet, API server, CRI-O)',
    aliases: [
      'version skew', 'skew', 'version skew policy', 'version-skew-policy', 'kubelet skew', 'kubelet version skew',
      'kubelet-skew-target', 'n-3', 'crio version skew', 'cri-o version skew', 'crio-version-skew',
    ],
    layer: 'concept',
    status: `kubelets up to ${KUBELET_SKEW.maxMinorsBehind} minor versions older than the API server since Kubernetes 1.28, never newer`,
    summary:
      'The rules for how far apart the versions of the control plane, the kubelets and the node runtime may be, which decide the order of an upgrade.',
    body: [
      `A kubelet must never be newer than the API server it talks to, and it may be up to ${KUBELET_SKEW.maxMinorsBehind} minor versions older (two before Kubernetes 1.28). \`kubectl get nodes\` shows each kubelet's version in its VERSION column. The upgrade order follows from that: the control plane goes first, one minor at a time, and the kubelets follow. Before the API server moves to version T, every kubelet must already be at T minus ${KUBELET_SKEW.maxMinorsBehind} or newer, or that node falls outside the policy the moment the control plane is upgraded.`,
      'The skew allowance is what lets large clusters upgrade node groups gradually, but it is a limit, not a target: a node group left behind for several releases blocks the next control-plane upgrade. Count the minors before each control-plane upgrade, not after it.',
      'The runtime has its own rule. CRI-O\'s minor version follows Kubernetes: CRI-O 1.33 is built and tested for Kubernetes 1.33, so run the CRI-O minor that matches each node\'s kubelet, and upgrade them together. containerd has its own release numbers; which containerd lines fit a Kubernetes version is in containerd\'s support table, and K8s Anatomy checks nodes against it.',
    ],
    related: ['kubelet', 'kube-apiserver', 'cri-o', 'containerd-2', 'node-pool'],
    links: [
      { title: 'Version skew policy', url: 'https://kubernetes.io/releases/version-skew-policy/' },
      { title: 'CRI-O and Kubernetes compatibility', url: 'https://github.com/cri-o/cri-o#compatibility-matrix-cri-o--kubernetes' },
    ],
  },
  {
    key: 'image-volumes',
    title: 'Image volumes (OCI image or artifact as a volume)',
    aliases: [
      'image volume', 'image volumes', 'imagevolume', 'imagevolumesource', 'image volume source', 'oci volume',
      'oci volume source', 'kep-4639', 'volumes[].image',
    ],
    layer: 'concept',
    status: 'alpha in Kubernetes 1.31, beta in 1.33, generally available in 1.36',
    summary:
      'A pod volume whose content is an OCI image or artifact from a registry, pulled by the runtime and mounted read-only into the pod\'s containers.',
    body: [
      'A volume with an `image` source (`spec.volumes[].image`, with `reference` and an optional `pullPolicy`) lets a pod ship data separately from its application image: a machine-learning model, a set of plugins, static content. The runtime pulls the reference the same way as a container image, with the same pull secrets and node credentials, and mounts its files read-only where a container\'s `volumeMounts` asks for them (from 1.33 also with `subPath`).',
      `The runtime does the work, so the node's runtime must support it: ${featureRuntimesProse('imageVolume')}. Before it became generally available the kubelet also needed the \`ImageVolume\` feature gate. Nodes do not report this support in their status, so K8s Anatomy judges it from each node's runtime version.`,
      'On a node whose runtime cannot do it, the pod is scheduled and then fails to start its containers, so a workload that uses image volumes should be kept to node groups that can run it (a node selector or affinity on a label those nodes carry).',
    ],
    related: ['containerd-2', 'cri-o', 'runtime-handlers', 'containerd'],
    links: [
      { title: 'Volumes: image', url: 'https://kubernetes.io/docs/concepts/storage/volumes/#image' },
      { title: 'Use an image volume with a pod', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/image-volumes/' },
    ],
  },
  {
    key: 'user-namespaces',
    title: 'User namespaces for pods (hostUsers: false)',
    aliases: [
      'user namespaces', 'user namespace', 'userns', 'hostusers', 'hostusers: false', 'usernamespaces',
      'usernamespacessupport', 'idmap mounts', 'kep-127',
    ],
    layer: 'concept',
    status: 'generally available in Kubernetes 1.36; Linux only',
    summary:
      'A pod setting, `hostUsers: false`, that gives the pod its own user namespace so that root inside its containers is an unprivileged user on the node.',
    body: [
      'By default (`hostUsers: true`, or unset) a pod shares the node\'s user IDs: UID 0 in a container is UID 0 on the host, and a container breakout starts with root on the node. With `spec.hostUsers: false` the kubelet gives the pod a private range of 65,536 host IDs, mapped onto IDs 0–65535 inside the pod, and no two pods on a node share a range. Capabilities granted to the container then apply only inside its namespace, which defuses several serious container-escape vulnerabilities.',
      `Everything below the kubelet has to cooperate. The CRI runtime must support it (${featureRuntimesProse('userNamespaces')}), the OCI runtime too (runc 1.2 or newer, or crun 1.9 or newer), and the kernel must offer idmap mounts on every file system the pod uses, which in practice means Linux 6.3 or newer. containerd 1.6 and older silently ignore the field, so the pod runs without the isolation it asked for.`,
      'A node reports support per runtime handler in `status.runtimeHandlers[].features.userNamespaces`, and the kubelet refuses pods with `hostUsers: false` where it is false. It is Linux-only and cannot be combined with `hostNetwork`, `hostPID` or `hostIPC`.',
    ],
    related: ['runtime-handlers', 'containerd-2', 'cri-o', 'runc', 'crun'],
    links: [
      { title: 'User namespaces', url: 'https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/' },
      { title: 'Use a user namespace with a pod', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/user-namespaces/' },
      { title: 'containerd: user namespaces', url: 'https://github.com/containerd/containerd/blob/main/docs/user-namespaces/README.md' },
    ],
  },
  {
    key: 'recursive-read-only-mounts',
    title: 'Recursive read-only mounts (recursiveReadOnly)',
    aliases: [
      'recursivereadonly', 'recursive read-only', 'recursive read-only mounts', 'recursivereadonlymounts', 'rro',
      'rro mounts', 'kep-3857',
    ],
    layer: 'concept',
    status: 'alpha in Kubernetes 1.30, beta in 1.31, generally available in 1.33',
    summary:
      'A volume-mount setting that makes a read-only mount read-only all the way down, including the mounts nested inside it.',
    body: [
      'A `readOnly: true` volume mount has always protected only its top level: if the host directory contains other mounts (a USB disk, a tmpfs, another volume), those stay writable inside the container. `volumeMounts[].recursiveReadOnly` closes that hole. `Disabled` (the default) keeps the old behaviour, `IfPossible` makes the mount recursively read-only when the runtime can and silently falls back when it cannot, and `Enabled` insists: the container does not start if the runtime cannot do it. It requires `readOnly: true` and no mount propagation.',
      `The work happens in the kernel (Linux 5.12 or newer), the OCI runtime and the CRI runtime: ${featureRuntimesProse('recursiveReadOnlyMounts')}. Each node reports it per runtime handler in \`status.runtimeHandlers[].features.recursiveReadOnlyMounts\`, so with \`Enabled\` it is easy to check in advance which nodes can run the pod.`,
    ],
    related: ['runtime-handlers', 'containerd-2', 'cri-o', 'runc'],
    links: [
      { title: 'Volumes: recursive read-only mounts', url: 'https://kubernetes.io/docs/concepts/storage/volumes/#recursive-read-only-mounts' },
      { title: 'Kubernetes 1.30: recursive read-only mounts', url: 'https://kubernetes.io/blog/2024/04/23/recursive-read-only-mounts/' },
    ],
  },
  {
    key: 'supplemental-groups-policy',
    title: 'Supplemental groups policy (supplementalGroupsPolicy)',
    aliases: ['supplementalgroupspolicy', 'supplemental groups policy', 'supplementalgroups policy', 'kep-3619'],
    layer: 'concept',
    status: 'alpha in Kubernetes 1.31, beta in 1.33, generally available in 1.35',
    summary:
      'A pod security setting that decides whether the groups listed for the container\'s user in the image\'s `/etc/group` are added to the groups the pod asks for.',
    body: [
      'By default (`Merge`) the runtime adds to the container process every group that the image\'s `/etc/group` lists for its user, on top of `runAsGroup`, `fsGroup` and `supplementalGroups` from the pod. Those extra groups appear in no manifest, so policy tools cannot see them, and they can open files on shared volumes that the pod was never meant to reach. `spec.securityContext.supplementalGroupsPolicy: Strict` uses only the groups the pod spells out. The container status then shows the identity the process actually got, in `status.containerStatuses[].user`.',
      `The CRI runtime applies the policy, so it must support it: ${featureRuntimesProse('supplementalGroupsPolicy')}. The node reports support for the whole runtime in \`status.features.supplementalGroupsPolicy\`, and from Kubernetes 1.33 the kubelet rejects a pod with \`Strict\` on a node that does not support it, rather than running it with merged groups.`,
    ],
    related: ['runtime-handlers', 'user-namespaces', 'containerd-2', 'cri-o'],
    links: [
      { title: 'Configure a security context: supplementalGroupsPolicy', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#supplementalgroupspolicy' },
      { title: 'Kubernetes 1.33: fine-grained supplemental groups control (beta)', url: 'https://kubernetes.io/blog/2025/05/06/kubernetes-v1-33-fine-grained-supplementalgroups-control-beta/' },
    ],
  },
];

// -------------------------------------------------------------------------------------------------
// Lookup

/** Every key and alias (lower-case) → its entry. Built once; duplicates are caught by the tests. */
const BY_NAME: ReadonlyMap<string, KnowledgeEntry> = (() => {
  const map = new Map<string, KnowledgeEntry>();
  for (const entry of KNOWLEDGE) {
    for (const name of [entry.key, ...entry.aliases]) {
      if (!map.has(name)) map.set(name, entry);
    }
  }
  return map;
})();

/**
 * RuntimeClass handler prefixes, checked in order (so `kata-fc` wins over `kata-`). Only names that
 * look like handlers (a DNS label) are tried: `kata-qemu-tdx` → kata, `kata-fc` → firecracker,
 * `runsc-debug` → gvisor, `nvidia-experimental` → nvidia, `wasmtime-spin-v2` → wasm.
 */
const HANDLER_PREFIXES: readonly (readonly [prefix: string, key: string])[] = [
  ['kata-fc-', 'firecracker'],
  ['kata-', 'kata'],
  ['runsc-', 'gvisor'],
  ['gvisor-', 'gvisor'],
  ['nvidia-', 'nvidia'],
  ['wasmtime-', 'wasm'],
  ['wasmedge-', 'wasm'],
  ['wasmer-', 'wasm'],
  ['spin-', 'wasm'],
  ['slight-', 'wasm'],
  ['lunatic-', 'wasm'],
  ['wws-', 'wasm'],
];

/** Longest input worth looking at; hover words and socket paths are far shorter. */
const MAX_TERM_LENGTH = 512;

const HANDLER_NAME = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/;
const SCHEME = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/s;
const SOCKET_SCHEMES = new Set(['unix', 'npipe']);
const CONTAINERD_RUNTIME_TYPE = /^io\.containerd\.([a-z0-9-]+)\.v\d+$/;
const CONTAINERD_SHIM_BINARY = /^containerd-shim-([a-z0-9-]+?)-v\d+$/;

/** Trim, lower-case and drop surrounding quotes (`"…"`, `'…'`, `` `…` ``). */
function normalise(term: string): string {
  let text = term.trim().toLowerCase();
  while (text.length >= 2 && /^["'`]/.test(text) && text.endsWith(text[0] ?? '')) {
    text = text.slice(1, -1).trim();
  }
  return text;
}

function byName(name: string): KnowledgeEntry | undefined {
  return BY_NAME.get(name);
}

function byHandler(name: string): KnowledgeEntry | undefined {
  if (!HANDLER_NAME.test(name)) return undefined;
  if (name === 'kata-fc') return byName('firecracker');
  for (const [prefix, key] of HANDLER_PREFIXES) {
    if (name.startsWith(prefix)) return byName(key);
  }
  return undefined;
}

/** `io.containerd.runsc.v1` / `containerd-shim-spin-v2` → the runtime named in the middle. */
function byContainerdRuntime(name: string): KnowledgeEntry | undefined {
  const runtime = CONTAINERD_RUNTIME_TYPE.exec(name)?.[1] ?? CONTAINERD_SHIM_BINARY.exec(name)?.[1];
  if (runtime === undefined) return undefined;
  if (runtime === 'runc') return byName('containerd-shim');
  return byName(runtime) ?? byHandler(runtime);
}

/** A socket path or pipe: look up its last path segment, with and without `.sock`. */
function bySocketPath(path: string): KnowledgeEntry | undefined {
  const segments = path.split(/[\\/]+/).filter((segment) => segment !== '');
  const last = segments[segments.length - 1];
  if (last === undefined) return undefined;
  return byName(last) ?? (last.endsWith('.sock') ? byName(last.slice(0, -'.sock'.length)) : undefined);
}

/**
 * The entry that explains `term`, or undefined. Never throws; see the header comment for the
 * accepted forms.
 */
export function lookupKnowledge(term: string): KnowledgeEntry | undefined {
  if (typeof term !== 'string' || term.length > MAX_TERM_LENGTH) return undefined;
  let text = normalise(term);
  if (text === '') return undefined;

  const direct = byName(text);
  if (direct) return direct;

  // `unix:///run/containerd/containerd.sock`, `unix://unix:///…` (kubeadm 1.24.0), `npipe:////./pipe/…`
  // or `docker://20.10.17`, `cri-o://1.26.4-…`: the scheme says which of the two it is.
  let scheme = SCHEME.exec(text);
  while (scheme?.[1] !== undefined && SOCKET_SCHEMES.has(scheme[1])) {
    text = scheme[2] ?? '';
    scheme = SCHEME.exec(text);
  }
  if (scheme?.[1] !== undefined) return byName(scheme[1]) ?? byHandler(scheme[1]);

  if (text.includes('/') || text.includes('\\')) return bySocketPath(text);

  return byName(text) ?? byContainerdRuntime(text) ?? byHandler(text);
}

/** Every key, in the order of KNOWLEDGE. */
export function knowledgeKeys(): readonly string[] {
  return KNOWLEDGE.map((entry) => entry.key);
}

const MAX_SUGGESTIONS = 5;

/**
 * Up to five entries whose key, an alias or the title contains `term` (case-insensitive), for a
 * "did you mean" list. Exact key or alias matches come first, then names that start with the term.
 */
export function searchKnowledge(term: string): readonly KnowledgeEntry[] {
  if (typeof term !== 'string' || term.length > MAX_TERM_LENGTH) return [];
  const text = normalise(term);
  if (text === '') return [];

  const ranked: { entry: KnowledgeEntry; rank: number }[] = [];
  for (const entry of KNOWLEDGE) {
    const names = [entry.key, ...entry.aliases];
    let rank: number;
    if (names.includes(text)) rank = 0;
    else if (names.some((name) => name.startsWith(text))) rank = 1;
    else if (names.some((name) => name.includes(text)) || entry.title.toLowerCase().includes(text)) rank = 2;
    else continue;
    ranked.push({ entry, rank });
  }
  // Array.prototype.sort is stable, so equal ranks keep the order of KNOWLEDGE.
  return ranked
    .sort((a, b) => a.rank - b.rank)
    .slice(0, MAX_SUGGESTIONS)
    .map((item) => item.entry);
}
