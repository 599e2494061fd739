// Runtime upgrade-readiness rules that read one Node (issue 12 §2): the containerd 1.x end, the
// containerd support table, containerd end of life, the kubelet's losing-support metric, CRI-O's
// version policy, cgroup v1 and kubelet skew against the target. Every version cutoff comes from
// support.ts; this file only asks it questions. Node strings are untrusted: they go into messages
// as data (the renderers escape them) and decide nothing beyond what support.ts parses.

import type { CgroupEvidence, EventFacts, Finding, KubeletEvidence, NodeCgroup, NodeFacts, Severity } from '../model';
import { ruleInfo } from './catalog';
import {
  CGROUP_V1_CUTOFF, CONTAINERD_END_OF_LIFE, CONTAINERD_V1_CUTOFF, CRIO_VERSION_POLICY, KUBELET_SKEW, RUNTIME_CONFIG_MINIMUM,
  RUNTIME_DOCS, atLeast, cgroupV1OsImage, cgroupV1Severity, compareVersions, containerdMatrixStanding, containerdPastEndOfLife,
  containerdSupportRow, containerdV1Severity, describeContainerdRow, isContainerdV1Line, minorOf, minorParts, oldestKubeletFor,
  CONTAINERD_KUBERNETES_SUPPORT, type CgroupV1OsImage, type ContainerdKubernetesRow, type Minor,
} from '../support';

const RUNTIME_PATH = 'status.nodeInfo.containerRuntimeVersion';
const KUBELET_PATH = 'status.nodeInfo.kubeletVersion';
const OS_IMAGE_PATH = 'status.nodeInfo.osImage';
const CGROUP_METRIC_PATH = 'kubelet metrics: kubelet_cgroup_version';
const CGROUP_EVENT_PATH = 'Event reason=CgroupV1';
const LOSING_SUPPORT_PATH = 'kubelet metrics: kubelet_cri_losing_support';
/** Longest metric label quoted back in a message (the label is untrusted). */
const LABEL_QUOTE_MAX = 40;
/** Longest node string (OS image, runtime) quoted back in a message. */
const QUOTE_MAX = 120;

/** A cluster string as a bounded JSON-quoted value for a message. */
function quote(value: string, max = QUOTE_MAX): string {
  return JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value);
}

export interface RuntimeRuleContext {
  /** The target Kubernetes minor, `X.Y`. */
  readonly target: Minor;
  /** Today, `YYYY-MM-DD`; without it `containerd-eol` is not judged. */
  readonly today?: string;
  /** What the node's kubelet said (probe or dump), if anything. */
  readonly evidence?: KubeletEvidence;
  /** A `CgroupV1` Warning Event on this Node, if one was read. */
  readonly cgroupV1Event?: EventFacts;
}

/** The node's cgroup version as the evidence says, best evidence first; the OS image row when it decided. */
export function nodeCgroup(node: NodeFacts, evidence: KubeletEvidence | undefined, cgroupV1Event: EventFacts | undefined): NodeCgroup & { readonly osImageRow?: CgroupV1OsImage } {
  if (node.os === 'windows') return { version: null, evidence: null };
  // The kubelet metric is authoritative: 2 beats a CgroupV1 Event (which may predate a migration)
  // and any OS image; 0 means a non-Linux node.
  const metric = evidence?.cgroupVersion ?? null;
  if (metric === 1 || metric === 2) return { version: metric, evidence: 'metrics' };
  if (metric === 0) return { version: null, evidence: null };
  if (cgroupV1Event) return { version: 1, evidence: 'event' };
  const row = cgroupV1OsImage(node.osImage);
  if (row) return { version: 1, evidence: 'os-image', osImageRow: row };
  return { version: null, evidence: null };
}

export function runtimeNodeFindings(node: NodeFacts, context: RuntimeRuleContext): Finding[] {
  const out: Finding[] = [];
  const subject = { kind: 'Node', namespace: '', name: node.name };
  const add = (rule: string, path: string, message: string, remediation: string, severity?: Severity, extraDocs: readonly string[] = []) => {
    const info = ruleInfo(rule);
    const docs = [...(info?.docs ?? [])];
    for (const d of extraDocs) if (!docs.includes(d)) docs.push(d);
    out.push({ rule, severity: severity ?? info?.defaultSeverity ?? 'warning', subject, path, message, remediation, docs });
  };
  const T = context.target;
  const runtime = node.runtime;
  const evidence = context.evidence;
  const fromOther = evidence && evidence.readFrom !== node.name ? ` (inferred from node ${evidence.readFrom}, read for this node's pool)` : '';

  // --- containerd --------------------------------------------------------------------------------
  if (runtime.name === 'containerd' && runtime.version !== null && runtime.major !== null && runtime.minor !== null) {
    const version = runtime.version;
    const line = minorOf(runtime.major, runtime.minor);
    const v1Line = isContainerdV1Line(runtime.major, runtime.minor);
    const v1Severity = v1Line ? containerdV1Severity(T) : null;
    const rowForSteps = containerdSupportRow(T) ?? newestSupportRow();
    if (v1Severity) {
      add('containerd-v1-end', RUNTIME_PATH,
        `containerd ${version} is a 1.x release. Kubernetes 1.35 was announced as the last release supporting containerd 1.x, and the kubelet drops its fallback for 1.x runtimes in ${CONTAINERD_V1_CUTOFF.errorFrom}`
          + (v1Severity === 'error'
            ? `, so a Kubernetes ${T} kubelet no longer supports this node's runtime.`
            : `: a Kubernetes ${T} kubelet still works with it, a ${CONTAINERD_V1_CUTOFF.errorFrom} kubelet will not.`)
          + (containerdSupportRow(T) ? ` containerd's own support table for Kubernetes ${T} lists only ${describeContainerdRow(rowForSteps)}.` : ''),
        containerd2Steps(T, rowForSteps),
        v1Severity);
    }
    // Lines older than the 1.x cutoff's first line belong to containerd-too-old (dockershim family).
    const tooOld = runtime.major < 1 || (runtime.major === 1 && compareVersions(line, CONTAINERD_V1_CUTOFF.firstLine) < 0);
    if (!v1Severity && !tooOld) {
      const standing = containerdMatrixStanding(T, version);
      if (standing.kind === 'below-minimum' || standing.kind === 'not-listed') {
        const listed = describeContainerdRow(standing.row);
        add('containerd-outside-matrix', RUNTIME_PATH,
          standing.kind === 'below-minimum'
            ? `containerd ${version} is older than ${standing.minimum}, the first ${line} release containerd's support table lists for Kubernetes ${T} (${listed}).`
            : `containerd's support table for Kubernetes ${T} lists ${listed}; the ${line} line that runs here (${version}) is not among them.`,
          standing.kind === 'below-minimum'
            ? `Upgrade containerd to ${standing.minimum} or newer within the ${line} line (a patch upgrade: no configuration change) before the kubelet moves to ${T}; on managed node groups, roll the group to its newest node image.`
            : `Upgrade containerd to a listed line (${listed}) before the kubelet moves to ${T}. containerd supports upgrades between sequential minor releases (2.0 to 2.1, not 2.0 to 2.2) and between sequential LTS releases (1.7 to 2.3), so step through the lines in between; on managed node groups, roll the group to a node image that ships a listed release.`);
      }
    }
    if (context.today !== undefined) {
      const eol = containerdPastEndOfLife(line, context.today);
      if (eol) {
        const advice = containerdEolAdvice(line, T, context.today);
        add('containerd-eol', RUNTIME_PATH,
          `containerd ${line} reached its end of life on ${eol.endOfLife}${eol.note ? ` (${eol.note})` : ''} by containerd's support horizon, so containerd ${version} gets no more fixes.`,
          advice);
      }
    }
  }

  // --- kubelet_cri_losing_support --------------------------------------------------------------
  if (evidence?.criLosingSupport) {
    const label = evidence.criLosingSupport;
    const parts = minorParts(label);
    const quoted = quote(label, LABEL_QUOTE_MAX);
    const losing = parts ? minorOf(parts.major, parts.minor) : null;
    const severity: Severity = losing !== null && atLeast(T, losing) ? 'error' : 'warning';
    add('cri-losing-support', LOSING_SUPPORT_PATH,
      `The kubelet's metric kubelet_cri_losing_support{version=${quoted}} is 1${fromOther}: the runtime (${runtime.raw ? quote(runtime.raw) : 'not reported'}) lacks the CRI RuntimeConfig call`
        + (losing === null
          ? ', and the version label cannot be read, so when support ends is not known.'
          : severity === 'error'
            ? `, and the kubelet drops its support from Kubernetes ${losing}: the target ${T} is at or past it.`
            : `; the kubelet drops its support from Kubernetes ${losing}, after the target ${T}.`),
      `Upgrade the runtime before the kubelet reaches ${losing ?? 'the version in the label'}: containerd ${RUNTIME_CONFIG_MINIMUM.containerd} or newer (for containerd 1.x: install containerd 2.x and run \`containerd config migrate\`), or CRI-O ${RUNTIME_CONFIG_MINIMUM['cri-o']} or newer. Then confirm the metric is gone: kubectl get --raw /api/v1/nodes/${node.name}/proxy/metrics | grep kubelet_cri_losing_support`,
      severity);
  }

  // --- CRI-O version policy ----------------------------------------------------------------------
  if (CRIO_VERSION_POLICY.minorFollowsKubernetes && runtime.name === 'cri-o' && runtime.major !== null && runtime.minor !== null && node.kubelet) {
    const crio = minorOf(runtime.major, runtime.minor);
    const kubelet = minorOf(node.kubelet.major, node.kubelet.minor);
    if (crio !== kubelet) {
      add('crio-version-skew', RUNTIME_PATH,
        `CRI-O ${runtime.version ?? crio} is the ${crio} line, but the node's kubelet is ${node.kubeletVersion} (${kubelet}); CRI-O's minor version follows the Kubernetes minor it is released for.`,
        `Match CRI-O's minor to the kubelet's: install CRI-O ${kubelet}.x (from the CRI-O ${kubelet} package repository), restart crio and then the kubelet. When the kubelet moves to ${T}, move CRI-O to ${T}.x with it. On OpenShift the cluster upgrade does both; a mismatch there means the node's update did not finish.`);
    }
  }

  // --- cgroup v1 ---------------------------------------------------------------------------------
  const cgroup = nodeCgroup(node, evidence, context.cgroupV1Event);
  if (cgroup.version === 1 && cgroup.evidence) {
    const severity = cgroupV1Severity(T);
    const row = cgroup.osImageRow ?? cgroupV1OsImage(node.osImage);
    add('cgroup-v1', cgroupPath(cgroup.evidence),
      `${cgroupEvidenceText(node, cgroup.evidence, context.cgroupV1Event, fromOther, cgroup.osImageRow)} `
        + (severity === 'error'
          ? `From Kubernetes ${CGROUP_V1_CUTOFF.failByDefaultFrom} the kubelet refuses to start on a cgroup v1 host by default (failCgroupV1: true), so a Kubernetes ${T} kubelet will not start on this node.`
          : `From Kubernetes ${CGROUP_V1_CUTOFF.failByDefaultFrom} the kubelet refuses to start on a cgroup v1 host by default; move the node to cgroup v2 before then.`)
        + (evidence?.failCgroupV1 === false ? ' Its kubelet configuration sets failCgroupV1: false, an override that keeps it starting for now; cgroup v1 support is planned to be removed.' : '')
        + ` Confirm with: kubectl get --raw /api/v1/nodes/${node.name}/proxy/metrics | grep kubelet_cgroup_version (1 is cgroup v1, 2 is v2; needs get nodes/proxy), or on the node: stat -fc %T /sys/fs/cgroup (cgroup2fs is v2, tmpfs is v1).`,
      cgroupSteps(row),
      severity,
      row?.name === 'Amazon Linux 2' ? [RUNTIME_DOCS.al2023] : []);
  }

  // --- kubelet skew against the target -----------------------------------------------------------
  if (node.kubelet && node.kubelet.major === 1) {
    const oldest = oldestKubeletFor(T);
    const kubelet = minorOf(node.kubelet.major, node.kubelet.minor);
    if (compareVersions(kubelet, oldest) < 0) {
      const targetMinor = minorParts(T)?.minor ?? 0;
      const behind = targetMinor - node.kubelet.minor;
      const lastControlPlane = minorOf(node.kubelet.major, node.kubelet.minor + KUBELET_SKEW.maxMinorsBehind);
      add('kubelet-skew-target', KUBELET_PATH,
        `kubelet ${node.kubeletVersion} is ${behind} minors behind Kubernetes ${T}; the version skew policy allows kubelets at most ${KUBELET_SKEW.maxMinorsBehind} minors older than the API server, so this kubelet must be at least ${oldest} before the control plane goes to ${T}.`,
        `Upgrade this node's kubelet before the control plane passes ${lastControlPlane}: upgrade the control plane one minor at a time, and while it is at ${lastControlPlane} or older, drain this node, upgrade its kubelet (and kube-proxy) to a version no newer than the control plane, or replace it with a node of a newer pool image, then uncordon. Repeat until the kubelet is at least ${oldest}.`);
    }
  }
  return out;
}

function newestSupportRow(): ContainerdKubernetesRow {
  const row = CONTAINERD_KUBERNETES_SUPPORT[CONTAINERD_KUBERNETES_SUPPORT.length - 1];
  if (!row) throw new Error('CONTAINERD_KUBERNETES_SUPPORT is empty');
  return row;
}

function containerd2Steps(target: Minor, row: ContainerdKubernetesRow): string {
  return `Upgrade containerd to 2.x before the kubelet moves to ${target}, to a release containerd lists for Kubernetes ${row.kubernetes} (${describeContainerdRow(row)}). `
    + 'Managed nodes: roll the node group to an image that ships containerd 2 (EKS: Amazon Linux 2023 or Bottlerocket AMIs; GKE: node versions 1.33 and later). '
    + 'Self-managed nodes: drain the node; install containerd 2.x (containerd tests direct upgrades between sequential LTS releases, 1.7 to 2.3); '
    + 'run `containerd config migrate` and install its output as /etc/containerd/config.toml (config version 3); '
    + 'check for what 2.0 removed: the io.containerd.runtime.v1.linux and io.containerd.runc.v1 shims (use io.containerd.runc.v2), the aufs snapshotter, the CRI v1alpha2 API, Docker schema 1 images, and the systemd_cgroup and default_runtime keys; '
    + 'restart containerd and the kubelet, then uncordon.';
}

function cgroupPath(evidence: CgroupEvidence): string {
  return evidence === 'metrics' ? CGROUP_METRIC_PATH : evidence === 'event' ? CGROUP_EVENT_PATH : OS_IMAGE_PATH;
}

function cgroupEvidenceText(node: NodeFacts, evidence: CgroupEvidence, event: EventFacts | undefined, fromOther: string, row: CgroupV1OsImage | undefined): string {
  if (evidence === 'metrics') return `The kubelet reports kubelet_cgroup_version 1${fromOther}: the node runs on cgroup v1.`;
  if (evidence === 'event') {
    return `The kubelet posted a CgroupV1 Warning Event on this Node${event?.lastSeen ? ` (last seen ${event.lastSeen})` : ''}: it started on a cgroup v1 host.`;
  }
  const family = row && row.name !== node.osImage.trim() ? ` (${row.name})` : '';
  return `The node's OS image ${quote(node.osImage)}${family} boots cgroup v1 by default, and no kubelet metric says otherwise.`;
}

function cgroupSteps(row: CgroupV1OsImage | undefined): string {
  const override = ' Until then, a 1.35+ kubelet starts on cgroup v1 only with failCgroupV1: false in its configuration, a temporary override.';
  if (row?.name === 'Amazon Linux 2') {
    return `Move the node group to ${row.moveTo}, which boot cgroup v2: create a node group with an AL2023 (or Bottlerocket) AMI type, cordon and drain the Amazon Linux 2 nodes (kubectl drain NODE --ignore-daemonsets --delete-emptydir-data), then delete the old group. Amazon EKS releases no Amazon Linux 2 AMIs after Kubernetes 1.32.${override}`;
  }
  if (row) {
    return `Move the node to ${row.moveTo}, which boots cgroup v2 by default: drain it, then upgrade its OS or replace it with a node built from such an image, and uncordon. Where the OS cannot change yet, systemd-based distributions switch to cgroup v2 with the kernel argument systemd.unified_cgroup_hierarchy=1 and a reboot.${override}`;
  }
  return `Move the node to cgroup v2: drain it, then boot it with the kernel argument systemd.unified_cgroup_hierarchy=1 or replace it with a node built from an image that boots cgroup v2 by default (Ubuntu 22.04+, Debian 11+, RHEL-family 9+, Amazon Linux 2023, Bottlerocket, Container-Optimized OS), and uncordon.${override}`;
}

/**
 * Where to go from a containerd line past its end of life: maintained lines newer than it (never a
 * downgrade), preferring those containerd lists for the target; else the newer maintained lines
 * with the Kubernetes rows that list them.
 */
function containerdEolAdvice(line: Minor, target: Minor, today: string): string {
  const newer = CONTAINERD_END_OF_LIFE.filter((r) => r.endOfLife >= today && compareVersions(r.line, line) > 0);
  const row = containerdSupportRow(target);
  const listed = row ? newer.filter((r) => row.lines.some((l) => l.line === r.line)) : newer;
  const until = (r: { line: Minor; endOfLife: string }) => `${r.line} (until ${r.endOfLife})`;
  if (listed.length > 0) {
    return `Plan the move to a newer maintained containerd line${row ? ` that containerd lists for Kubernetes ${target}` : ''}: ${listed.map(until).join(', ')}.`;
  }
  if (newer.length > 0) {
    const rowsListing = (l: Minor) => CONTAINERD_KUBERNETES_SUPPORT.filter((k) => k.lines.some((x) => x.line === l)).map((k) => k.kubernetes);
    return `Plan the move to a newer maintained containerd line: ${newer.map((r) => {
      const rows = rowsListing(r.line);
      return `${until(r)}${rows.length > 0 ? `, listed for Kubernetes ${rows.join(', ')}` : ''}`;
    }).join('; ')}.`;
  }
  return 'Plan the move to a newer maintained containerd line (see containerd\'s support horizon).';
}
