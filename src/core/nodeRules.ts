// Readiness rules that read one Node (R1–R4, R12, R16–R19 of src/core/rules/catalog.ts, whose
// entries link their sources, plus the kubelet/API-server skew check).

import type { Finding, KubeVersion, NodeFacts, Severity } from './model';
import { dockerPath } from './nodes';
import { parseSocketEndpoint } from './paths';
import { ruleInfo } from './rules/catalog';
import { formatMinor, minorAtLeast, runtimeBelow } from './versions';

const RUNTIME_PATH = 'status.nodeInfo.containerRuntimeVersion';
const ANNOTATION_PATH = 'metadata.annotations["kubeadm.alpha.kubernetes.io/cri-socket"]';

export interface NodeRuleContext {
  /** The Kubernetes version readiness is judged against (at least 1.24 by default). */
  readonly target: KubeVersion;
  readonly server: KubeVersion | null;
}

export function nodeFindings(node: NodeFacts, context: NodeRuleContext): Finding[] {
  const out: Finding[] = [];
  const subject = { kind: 'Node', namespace: '', name: node.name };
  const add = (rule: string, path: string, message: string, remediation: string, severity?: Severity) => {
    const info = ruleInfo(rule);
    out.push({ rule, severity: severity ?? info?.defaultSeverity ?? 'warning', subject, path, message, remediation, docs: info?.docs ?? [] });
  };
  const runtime = node.runtime;
  const raw = JSON.stringify(runtime.raw);
  const windows = node.os === 'windows';

  if (runtime.name === 'unknown' || runtime.version === null) {
    add('runtime-unknown', RUNTIME_PATH,
      runtime.raw === ''
        ? 'The node reports no container runtime at all.'
        : `The node reports ${raw}, which does not say which runtime version answers the kubelet${/unknown$/i.test(runtime.raw) ? ' (the runtime did not answer the kubelet\'s Version call)' : ''}.`,
      'Check the kubelet and the container runtime on the node (systemctl status kubelet containerd / crio / docker, journalctl -u kubelet), then look again.');
  }

  if (runtime.name === 'docker') {
    const path = dockerPath(node);
    const gkeDocker = node.labels['cloud.google.com/gke-container-runtime'] === 'docker';
    if (path.shim === 'dockershim') {
      const targetIsPast = minorAtLeast(context.target, 1, 24);
      add('dockershim-node', RUNTIME_PATH,
        `The node runs Docker Engine ${runtime.version ?? ''} through dockershim: ${path.evidence}.${gkeDocker ? ' GKE labels it with a Docker node image (cloud.google.com/gke-container-runtime=docker).' : ''} Kubelets from 1.24 on have no dockershim, so ${targetIsPast ? `the node cannot run Kubernetes ${formatMinor(context.target)} as it is` : 'the node must change before it moves to 1.24'}.`,
        windows
          ? 'Drain the node, then move it to containerd (endpoint npipe:////./pipe/containerd-containerd) or install cri-dockerd (npipe:////./pipe/cri-dockerd) and point the kubelet\'s --container-runtime-endpoint at it; update the kubeadm cri-socket annotation to match; uncordon. Managed Windows pools: create a containerd node pool and move the workloads.'
          : gkeDocker
            ? 'Switch the node pool to a containerd image (COS_CONTAINERD or UBUNTU_CONTAINERD) before upgrading to 1.24.'
            : 'Drain the node, then either install containerd (or CRI-O) and set the kubelet\'s --container-runtime-endpoint to unix:///run/containerd/containerd.sock, or install cri-dockerd and set it to unix:///var/run/cri-dockerd.sock; update the kubeadm.alpha.kubernetes.io/cri-socket annotation to the same socket; restart the kubelet and uncordon. On managed node groups, roll to an image that ships containerd.',
        targetIsPast ? 'error' : 'warning');
    } else if (path.shim === 'cri-dockerd') {
      add('cri-dockerd-node', RUNTIME_PATH,
        `The node runs Docker Engine ${runtime.version ?? ''} through cri-dockerd: ${path.evidence}. The dockershim removal does not affect it.`,
        'Keep cri-dockerd installed and upgraded with the node (it is not part of Kubernetes). If you do not need Docker Engine on the node, containerd or CRI-O remove a layer.');
    }
  }

  if (node.criSocketAnnotation !== null) {
    const endpoint = parseSocketEndpoint(node.criSocketAnnotation);
    const annotated = JSON.stringify(node.criSocketAnnotation);
    if (endpoint.malformed) {
      add('malformed-cri-socket-annotation', ANNOTATION_PATH,
        `The kubeadm cri-socket annotation is ${annotated}${/^(unix:\/\/){2,}/i.test(node.criSocketAnnotation.trim()) ? ', with the unix:// scheme repeated (a kubeadm 1.24.0 bug)' : ', which is not a socket path'}. It was read as ${endpoint.path}.`,
        `Correct it: kubectl annotate node ${node.name} --overwrite kubeadm.alpha.kubernetes.io/cri-socket=unix://${endpoint.path.startsWith('/') ? endpoint.path : '/run/containerd/containerd.sock'}`);
    }
    const family = endpoint.runtime;
    const dockerFamily = family === 'dockershim' || family === 'cri-dockerd' || family === 'docker';
    const stale =
      runtime.name !== 'unknown' && family !== 'other' && (
        (runtime.name === 'docker' && !dockerFamily) ||
        (runtime.name === 'containerd' && family !== 'containerd') ||
        (runtime.name === 'cri-o' && family !== 'cri-o') ||
        (runtime.name === 'docker' && family === 'dockershim' && minorAtLeast(node.kubelet, 1, 24)));
    if (stale) {
      const real = realSocket(runtime.name, node);
      add('stale-cri-socket-annotation', ANNOTATION_PATH,
        family === 'dockershim' && runtime.name === 'docker'
          ? `The kubeadm cri-socket annotation is ${annotated}, but kubelet ${node.kubeletVersion} has no dockershim: either an adapter serves Docker on the old dockershim path, or the annotation was not updated after the move to cri-dockerd.`
          : `The kubeadm cri-socket annotation is ${annotated} (${family}), but the node reports ${raw}. The annotation is stale; the reported runtime is what runs.`,
        `Update it to the socket the kubelet really uses: kubectl annotate node ${node.name} --overwrite kubeadm.alpha.kubernetes.io/cri-socket=${real}. kubeadm upgrade reads it and fails on a stale value.`);
    }
  }

  if (runtime.name === 'containerd' && runtime.major === 1 && runtime.minor === 6 && runtimeBelow(runtime, 1, 6, 4)) {
    add('containerd-cni-bug', RUNTIME_PATH,
      `containerd ${runtime.version} is in the 1.6.0–1.6.3 range, whose CNI setup and teardown fail with older CNI plugins ("incompatible CNI versions", "failed to destroy network for sandbox").`,
      'Upgrade containerd to 1.6.4 or newer, update the CNI plugins, and make sure the CNI configuration sets cniVersion.');
  }
  if (runtime.name === 'containerd' && runtimeBelow(runtime, 1, 6, 0)) {
    const kubeletTooNew = minorAtLeast(node.kubelet, 1, 26);
    const targetTooNew = minorAtLeast(context.target, 1, 26);
    if (kubeletTooNew || targetTooNew) {
      add('containerd-too-old', RUNTIME_PATH,
        kubeletTooNew
          ? `containerd ${runtime.version} only speaks CRI v1alpha2, but kubelet ${node.kubeletVersion} needs CRI v1 (required from Kubernetes 1.26).`
          : `containerd ${runtime.version} only speaks CRI v1alpha2; upgrading the node to Kubernetes ${formatMinor(context.target)} needs CRI v1 (containerd 1.6 or newer).`,
        'Upgrade containerd to a release supported for the kubelet version (1.7 or 2.x; see the containerd release matrix) before upgrading the kubelet.',
        kubeletTooNew ? 'error' : 'warning');
    }
  }

  if (context.server && node.kubelet && (node.kubelet.major > context.server.major || (node.kubelet.major === context.server.major && node.kubelet.minor > context.server.minor))) {
    add('kubelet-newer-than-apiserver', 'status.nodeInfo.kubeletVersion',
      `kubelet ${node.kubeletVersion} is newer than the API server (${context.server.raw}); the version skew policy allows kubelets to be older, never newer.`,
      'Upgrade the control plane to at least the kubelet\'s minor version, or roll this node back to the control plane\'s version.');
  }
  return out;
}

function realSocket(runtime: string, node: NodeFacts): string {
  const windows = node.os === 'windows';
  if (runtime === 'containerd') return windows ? 'npipe:////./pipe/containerd-containerd' : 'unix:///run/containerd/containerd.sock';
  if (runtime === 'cri-o') return 'unix:///var/run/crio/crio.sock';
  if (runtime === 'docker') return windows ? 'npipe:////./pipe/cri-dockerd' : 'unix:///var/run/cri-dockerd.sock';
  return '<the socket in the kubelet\'s --container-runtime-endpoint>';
}
