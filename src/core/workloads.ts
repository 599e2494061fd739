// Workload readiness: judge every pod and pod template by its `spec.volumes[].hostPath.path`
// (never mountPath, never free text), normalised, and report each finding once per owning
// workload (Deployment, DaemonSet, StatefulSet, CronJob, Job, bare ReplicaSet, bare Pod) with the
// exact field path and the containers that mount the volume (the socket paths of
// https://kubernetes.io/docs/tasks/administer-cluster/migrating-from-dockershim/check-if-dockershim-removal-affects-you/;
// the hostPath test as https://github.com/aws-containers/kubectl-detector-for-docker-socket makes it).
//
// Pods stream through `addPod` one at a time; only pods with findings are remembered, so memory
// depends on the number of findings, not on the number of pods.

import type { Finding, HostPathVolume, ObjectRef, Severity, SourceLocation } from './model';
import { arr, controllerOf, dig, isRecord, rec, str, type Meta } from './read';
import { isUnder, normaliseHostPath, socketRuntime } from './paths';
import { ruleInfo } from './rules/catalog';
import { featureUses, type AttributedFeatureUse, type FeatureUse } from './rules/featureRules';
import { podScheduling, type PodScheduling } from './rules/scheduling';
import type { RuntimeClassUse } from './rules/runtimeClassRules';
import type { PulledPod } from './rules/schema1Rules';

/** Where the pod spec sits inside each kind of object. */
export const POD_SPEC_PATH: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
};

export const WORKLOAD_KINDS = Object.keys(POD_SPEC_PATH).filter((k) => k !== 'Pod');

/** Names of monitoring and security agents whose vendors document a Docker migration (§1.3). */
const DOCKER_BOUND_AGENTS: readonly [RegExp, string][] = [
  [/datadog|dd-agent/, 'Datadog: https://docs.datadoghq.com/agent/guide/docker-deprecation/'],
  [/dynatrace-oneagent/, 'Dynatrace OneAgent supports containerd and CRI-O'],
  [/falco/, 'Falco supports any CRI runtime'],
  [/twistlock-defender/, 'Prisma Cloud Compute: redeploy the Defenders from YAML generated with --cri'],
  [/signalfx-agent/, 'SignalFx: remove the docker-container-stats monitor and enable kubelet-metrics'],
];

interface VolumeFinding {
  readonly rule: string;
  readonly volume: HostPathVolume;
  readonly message: string;
  readonly remediation: string;
  readonly severity?: Severity;
}

/** hostPath volumes of a pod spec, with the containers that mount each. */
export function hostPathVolumes(spec: unknown): HostPathVolume[] {
  const mounts = new Map<string, string[]>();
  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
    for (const container of arr(dig(spec, list))) {
      if (!isRecord(container)) continue;
      for (const mount of arr(container['volumeMounts'])) {
        const name = str(dig(mount, 'name'));
        if (!name) continue;
        const users = mounts.get(name) ?? [];
        const containerName = str(container['name']) || '(unnamed)';
        if (!users.includes(containerName)) users.push(containerName);
        mounts.set(name, users);
      }
    }
  }
  const out: HostPathVolume[] = [];
  arr(dig(spec, 'volumes')).forEach((volume, index) => {
    const hostPath = dig(volume, 'hostPath');
    if (!isRecord(hostPath)) return;
    const path = str(hostPath['path']);
    if (!path) return;
    const name = str(dig(volume, 'name'));
    const type = str(hostPath['type']);
    out.push({ index, volumeName: name, path, type: type || null, mountedBy: mounts.get(name) ?? [] });
  });
  return out;
}

function judgeVolume(volume: HostPathVolume): VolumeFinding[] {
  const path = normaliseHostPath(volume.path);
  const runtime = socketRuntime(path);
  const base = path.split(/[\\/]/).pop() ?? '';
  const quoted = JSON.stringify(volume.path);
  const out: VolumeFinding[] = [];
  if (runtime === 'dockershim') {
    out.push({
      rule: 'dockershim-socket-mount', volume,
      message: `hostPath ${quoted} is the dockershim socket; it does not exist on kubelets 1.24 and newer.`,
      remediation: 'Point the tool at the node\'s real CRI socket (unix:///run/containerd/containerd.sock, unix:///var/run/crio/crio.sock or unix:///var/run/cri-dockerd.sock), or upgrade it to a version that talks to the CRI or the Kubernetes API; then remove this volume.',
    });
  } else if (runtime === 'docker' || (/^docker[-_.][\w.-]*\.sock$/.test(base) && !base.startsWith('docker-containerd'))) {
    out.push({
      rule: 'docker-socket-mount', volume,
      message: `hostPath ${quoted} mounts the Docker Engine socket: the pod talks to dockerd directly. On containerd or CRI-O nodes there is no Docker Engine behind it.`,
      remediation: 'Replace the Docker API dependency: read container data from the kubelet or CRI (crictl, the containerd or CRI-O socket) or the Kubernetes API; build images with Kaniko, BuildKit or Buildah instead of docker build; if it must run Docker, run Docker-in-Docker as a sidecar. Then drop this hostPath volume. Check the vendor\'s guidance for agents.',
    });
    if (volume.type === 'Socket') {
      out.push({
        rule: 'docker-socket-type-check', volume,
        message: `hostPath ${quoted} has type: Socket, so the kubelet refuses to start the pod on any node where that socket does not exist ("hostPath type check failed").`,
        remediation: 'Remove the Docker socket dependency (see docker-socket-mount); until then, keep these pods on nodes that still run Docker Engine with a nodeSelector, and plan their move before the nodes change runtime.',
      });
    }
  } else if (runtime === 'containerd' || runtime === 'cri-o' || runtime === 'cri-dockerd') {
    out.push({
      rule: 'runtime-socket-mount', volume,
      message: `hostPath ${quoted} mounts the ${runtime === 'cri-o' ? 'CRI-O' : runtime} socket: not a dockershim dependency, but it ties the workload to that runtime and gives it control of every container on the node.`,
      remediation: 'Make sure the tool supports the runtime of every node it runs on, and restrict who can deploy it: access to a runtime socket is equivalent to root on the node.',
    });
  } else if (path === '/run' || path === '/var' || path === '/') {
    out.push({
      rule: 'runtime-dir-mount', volume,
      message: `hostPath ${quoted} mounts a directory that contains the runtime sockets (docker.sock lives in /var/run, which is /run); the pod may reach Docker Engine through it without naming it.`,
      remediation: 'Check whether the container uses docker.sock inside this mount (its configuration, e.g. an agent\'s docker_host setting). If it does, move it to the CRI socket or the kubelet API; either way, mount the narrowest path it needs.',
    });
  } else if (isUnder(path, '/var/lib/docker') || isUnder(path, '/etc/docker') || isUnder(path, '/run/docker')) {
    out.push({
      rule: 'docker-data-mount', volume,
      message: `hostPath ${quoted} reads Docker Engine's own files (container logs, daemon.json or its state), which containerd and CRI-O do not write.`,
      remediation: 'Read container logs from /var/log/pods (and the /var/log/containers links) instead of /var/lib/docker/containers; move registry mirrors and other daemon.json settings into the new runtime\'s configuration.',
    });
  }
  return out;
}

function dockerCliUse(spec: unknown): { container: string; index: number; list: string } | null {
  for (const list of ['initContainers', 'containers']) {
    const containers = arr(dig(spec, list));
    for (let index = 0; index < containers.length; index++) {
      const container = containers[index];
      if (!isRecord(container) || dig(container, 'securityContext', 'privileged') !== true) continue;
      const words = [...arr(container['command']), ...arr(container['args'])].map(str).join(' ');
      if (/(^|[\s;&|/])docker\s+(ps|run|exec|inspect|logs|pull|build|rm|kill|stop|images|info|system)\b/.test(words) || /systemctl\s+(re)?start\s+docker\b/.test(words)) {
        return { container: str(container['name']), index, list };
      }
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------

interface Attributed {
  /** The object the pod spec belongs to, before owner resolution. */
  readonly holder: ObjectRef;
  /** The immediate controller of the holder (ReplicaSet of a pod, Deployment of an RS...). */
  readonly owner: { readonly kind: string; readonly name: string } | null;
  readonly templateHash?: string;
  readonly findings: readonly Omit<Finding, 'subject' | 'path'>[];
  /** Field paths relative to the pod spec (`volumes[2].hostPath.path`), one per finding. */
  readonly specPaths: readonly string[];
  readonly locate?: (path: readonly (string | number)[]) => number | undefined;
  readonly source?: SourceLocation;
}

/**
 * What a pod or pod template asks of the node's runtime (features, a RuntimeClass), kept until
 * every node is known: the runtime rules judge it in `finish`. Only specs that ask are kept.
 */
interface RuntimeDemand extends Pick<Attributed, 'holder' | 'owner' | 'templateHash' | 'locate' | 'source'> {
  readonly uses: readonly FeatureUse[];
  readonly scheduling: PodScheduling;
}

/** A pod whose image pull is failing (waiting in ErrImagePull or ImagePullBackOff), for schema1-image. */
interface PullingPod extends Pick<Attributed, 'holder' | 'owner' | 'templateHash' | 'locate' | 'source'> {
  readonly containers: readonly { readonly specPath: string; readonly image: string }[];
}

const PULL_WAITING_REASONS = new Set(['ErrImagePull', 'ImagePullBackOff']);
/** Pods with failing pulls remembered per scan: bounded against a cluster-wide registry outage. */
const MAX_PULLING_PODS = 10_000;

function pullIsFailing(pod: unknown): boolean {
  return ['containerStatuses', 'initContainerStatuses'].some((list) =>
    arr(dig(pod, 'status', list)).some((s) => PULL_WAITING_REASONS.has(str(dig(s, 'state', 'waiting', 'reason')))));
}

function containerImages(spec: unknown): { specPath: string; image: string }[] {
  return ['initContainers', 'containers'].flatMap((list) =>
    arr(dig(spec, list)).map((c, i) => ({ specPath: `${list}[${i}].image`, image: str(dig(c, 'image')) })));
}

export interface WorkloadScanOptions {
  /** All nodes run Docker Engine through cri-dockerd: the Docker socket exists everywhere. */
  readonly everyNodeHasDocker?: boolean;
}

/** Accumulates workload findings from pods and workload objects, then resolves owners. */
export class WorkloadScanner {
  private readonly pending: Attributed[] = [];
  /** `Kind/namespace/name` → controller of that object (ReplicaSet → Deployment, Job → CronJob). */
  private readonly controllers = new Map<string, { kind: string; name: string }>();
  /** ReplicaSets and Jobs seen, so an absent controller is known to be absent. */
  private readonly seen = new Set<string>();
  /** Pod specs and templates that use a runtime feature or name a RuntimeClass. */
  private readonly demands: RuntimeDemand[] = [];
  /** `namespace/name` of pods whose image pull is failing. */
  private readonly pulling = new Map<string, PullingPod>();
  podsScanned = 0;
  templatesScanned = 0;

  /** A Pod (from a cluster, a dump or a manifest), with its metadata already read by the caller. */
  addPod(pod: unknown, m: Meta, source?: SourceLocation, locate?: (p: readonly (string | number)[]) => number | undefined): void {
    this.podsScanned++;
    const holder = { kind: 'Pod', namespace: m.namespace, name: m.name };
    const spec = rec(dig(pod, 'spec'));
    if (pullIsFailing(pod) && this.pulling.size < MAX_PULLING_PODS) {
      this.pulling.set(`${m.namespace}/${m.name}`, { ...this.attribution(holder, m, source, locate), containers: containerImages(spec) });
    }
    this.judge(holder, m, spec, source, locate);
  }

  /** A workload object with a pod template (Deployment, DaemonSet, ..., CronJob); `m` is its metadata. */
  addWorkload(object: unknown, m: Meta, source?: SourceLocation, locate?: (p: readonly (string | number)[]) => number | undefined): void {
    const kind = str(dig(object, 'kind'));
    const specPath = POD_SPEC_PATH[kind];
    if (!specPath || kind === 'Pod') return;
    this.templatesScanned++;
    this.addOwnership(kind, m);
    this.judge({ kind, namespace: m.namespace, name: m.name }, m, rec(dig(object, ...specPath)), source, locate);
  }

  /** Ownership only (from a metadata-only list of ReplicaSets or Jobs). */
  addOwnership(kind: string, m: Meta): void {
    const key = `${kind}/${m.namespace}/${m.name}`;
    this.seen.add(key);
    const owner = controllerOf(m);
    if (owner && owner.kind) this.controllers.set(key, { kind: owner.kind, name: owner.name });
  }

  private attribution(holder: ObjectRef, m: Meta, source?: SourceLocation, locate?: (p: readonly (string | number)[]) => number | undefined): Pick<Attributed, 'holder' | 'owner' | 'templateHash' | 'locate' | 'source'> {
    const owner = controllerOf(m);
    return {
      holder,
      owner: owner && owner.kind ? { kind: owner.kind, name: owner.name } : null,
      ...(m.labels['pod-template-hash'] ? { templateHash: m.labels['pod-template-hash'] } : {}),
      ...(locate ? { locate } : {}),
      ...(source ? { source } : {}),
    };
  }

  private judge(holder: ObjectRef, m: Meta, spec: unknown, source?: SourceLocation, locate?: (p: readonly (string | number)[]) => number | undefined): void {
    const uses = featureUses(spec);
    const scheduling = podScheduling(spec);
    if (uses.length > 0 || scheduling.runtimeClassName) this.demands.push({ ...this.attribution(holder, m, source, locate), uses, scheduling });

    const volumeFindings = hostPathVolumes(spec).flatMap(judgeVolume);
    const findings: Omit<Finding, 'subject' | 'path'>[] = [];
    const specPaths: string[] = [];
    for (const f of volumeFindings) {
      const info = ruleInfo(f.rule);
      findings.push({
        rule: f.rule,
        severity: f.severity ?? info?.defaultSeverity ?? 'warning',
        message: f.message,
        remediation: f.remediation,
        docs: info?.docs ?? [],
        containers: f.volume.mountedBy,
      });
      specPaths.push(`volumes[${f.volume.index}].hostPath.path`);
    }
    const cli = dockerCliUse(spec);
    if (cli) {
      const info = ruleInfo('docker-cli-usage');
      findings.push({
        rule: 'docker-cli-usage', severity: 'info',
        message: `Privileged container "${cli.container}" runs Docker commands (docker … or systemctl restart docker) on the node; they stop seeing Kubernetes containers once the node runs another runtime.`,
        remediation: 'Use crictl (same tasks, any CRI runtime) or the Kubernetes API instead of the docker CLI, and drop the privileged access if the tool no longer needs it.',
        docs: info?.docs ?? [], containers: [cli.container],
      });
      specPaths.push(`${cli.list}[${cli.index}].command`);
    }
    const owner = controllerOf(m);
    const ownerName = (owner?.name ?? '').toLowerCase();
    const agent = DOCKER_BOUND_AGENTS.find(([pattern]) => pattern.test(m.name.toLowerCase()) || pattern.test(ownerName));
    if (agent) {
      const touchesDocker = volumeFindings.some((f) => f.rule === 'docker-socket-mount' || f.rule === 'runtime-dir-mount' || f.rule === 'docker-data-mount');
      const info = ruleInfo('docker-bound-agent');
      findings.push({
        rule: 'docker-bound-agent', severity: touchesDocker ? 'warning' : 'info',
        message: `This looks like a monitoring or security agent with a documented move away from Docker Engine (${agent[1]})${touchesDocker ? ', and it mounts Docker paths from the node' : ''}.`,
        remediation: 'Upgrade the agent to a version that supports the node\'s CRI runtime and switch its configuration from the Docker socket to the CRI or kubelet source, as its vendor documents.',
        docs: info?.docs ?? [],
      });
      specPaths.push('');
    }
    if (findings.length === 0) return;
    this.pending.push({
      holder,
      owner: owner && owner.kind ? { kind: owner.kind, name: owner.name } : null,
      ...(m.labels['pod-template-hash'] ? { templateHash: m.labels['pod-template-hash'] } : {}),
      findings, specPaths,
      ...(locate ? { locate } : {}),
      ...(source ? { source } : {}),
    });
  }

  /** Resolve owners and return one finding per owner, rule and field. */
  findings(options: WorkloadScanOptions = {}): Finding[] {
    const out = new Map<string, Finding>();
    for (const item of this.pending) {
      const subject = this.resolve(item);
      const prefix = prefixFor(subject.kind);
      item.findings.forEach((finding, i) => {
        const specPath = item.specPaths[i] ?? '';
        const path = specPath ? `${prefix}.${specPath}` : 'metadata.name';
        const key = `${subject.kind}/${subject.namespace}/${subject.name}/${finding.rule}/${path}`;
        if (out.has(key)) return;
        let severity = finding.severity;
        let message = finding.message;
        if (finding.rule === 'docker-socket-mount' && options.everyNodeHasDocker) {
          severity = 'warning';
          message += ' Every node here still runs Docker Engine (through cri-dockerd), so it works today; it breaks when a node changes runtime.';
        }
        const location = locationOf(item, subject, specPath);
        out.set(key, { ...finding, severity, message, subject, path, ...(location ? { location } : {}) });
      });
    }
    return [...out.values()];
  }

  /** Every use of a runtime feature, attributed to its owner (runtime-feature-missing). */
  featureUses(): AttributedFeatureUse[] {
    const out: AttributedFeatureUse[] = [];
    for (const item of this.demands) {
      if (item.uses.length === 0) continue;
      // A pod bound to a node (spec.nodeName) counts for that node only; its owner's template, or
      // its sibling pods, contribute the owner's other nodes (featureFindings takes the union).
      const subject = this.resolve(item);
      for (const use of item.uses) {
        const location = locationOf(item, subject, use.specPath);
        out.push({ subject, path: `${prefixFor(subject.kind)}.${use.specPath}`, use, scheduling: item.scheduling, ...(location ? { location } : {}) });
      }
    }
    return out;
  }

  /** Every workload whose pods name a RuntimeClass, attributed to its owner (runtimeclass-handler-missing). */
  runtimeClassUses(): RuntimeClassUse[] {
    const out: RuntimeClassUse[] = [];
    for (const item of this.demands) {
      if (!item.scheduling.runtimeClassName) continue;
      const subject = this.resolve(item);
      const location = locationOf(item, subject, 'runtimeClassName');
      out.push({ subject, runtimeClassName: item.scheduling.runtimeClassName, path: `${prefixFor(subject.kind)}.runtimeClassName`, ...(location ? { location } : {}) });
    }
    return out;
  }

  /** A pod whose pull is failing, attributed to its owner, or undefined when it was not seen so. */
  pullingPod(namespace: string, name: string): PulledPod | undefined {
    const item = this.pulling.get(`${namespace}/${name}`);
    if (!item) return undefined;
    const subject = this.resolve(item);
    const [first] = item.containers;
    const location = first ? locationOf(item, subject, first.specPath) : undefined;
    return { subject, prefix: prefixFor(subject.kind), containers: item.containers, ...(location ? { location } : {}) };
  }

  private resolve(item: Pick<Attributed, 'holder' | 'owner' | 'templateHash'>): ObjectRef {
    const { holder } = item;
    const ns = holder.namespace;
    let current: ObjectRef = holder;
    let owner = holder.kind === 'Pod' ? item.owner : this.controllers.get(`${holder.kind}/${ns}/${holder.name}`) ?? null;
    // Pod → ReplicaSet → Deployment, Pod → Job → CronJob; a pod owned by a Node is a static pod.
    for (let depth = 0; owner && depth < 4; depth++) {
      if (owner.kind === 'Node') break;
      const next: ObjectRef = { kind: owner.kind, namespace: ns, name: owner.name };
      const nextKey = `${next.kind}/${ns}/${next.name}`;
      current = next;
      owner = this.controllers.get(nextKey) ?? null;
      if (!owner && !this.seen.has(nextKey) && next.kind === 'ReplicaSet' && item.templateHash && next.name.endsWith(`-${item.templateHash}`)) {
        // The ReplicaSet was not listed: its Deployment is named by the pod-template-hash rule.
        current = { kind: 'Deployment', namespace: ns, name: next.name.slice(0, -item.templateHash.length - 1) };
        break;
      }
    }
    return current;
  }
}

/** The file and line of a field, when the subject is the object the spec was read from. */
function locationOf(item: Pick<Attributed, 'holder' | 'locate' | 'source'>, subject: ObjectRef, specPath: string): { file: string; line: number } | undefined {
  const same = item.holder.kind === subject.kind;
  const line = same && item.locate && specPath ? item.locate([...specPathSegments(item.holder.kind), ...pathSegments(specPath)]) : undefined;
  if (line !== undefined && item.source) return { file: item.source.file, line };
  return item.source?.line !== undefined && same ? { file: item.source.file, line: item.source.line } : undefined;
}

function prefixFor(subjectKind: string): string {
  // Controllers we do not know (Argo Rollouts, OpenKruise...) keep their pod template at
  // spec.template, like the built-in ones.
  return (POD_SPEC_PATH[subjectKind] ?? ['spec', 'template', 'spec']).join('.');
}

function specPathSegments(kind: string): readonly (string | number)[] {
  return POD_SPEC_PATH[kind] ?? ['spec'];
}

function pathSegments(path: string): (string | number)[] {
  return path.split('.').flatMap((part) => {
    const m = /^(\w+)\[(\d+)\]$/.exec(part);
    return m ? [m[1] as string, Number(m[2])] : [part];
  });
}
