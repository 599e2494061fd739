// What a node's kubelet answers through the apiserver's node proxy: `/configz` (the running
// KubeletConfiguration) and `/healthz`. The config follows what kubeadm-installed kubelets report;
// `containerRuntimeEndpoint` follows the node's runtime and exists only from kubelet 1.27, when it
// moved from a flag into the config file.

import { mergePatch } from './patch';
import type { KubeObject } from './store';

/** Node annotation whose JSON is merge-patched onto the generated kubeletconfig. */
export const CONFIGZ_ANNOTATION = 'sim.k8s-anatomy.dev/configz';

function rec(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function minorOf(kubeletVersion: string): number | undefined {
  const m = /^v?(\d+)\.(\d+)/.exec(kubeletVersion);
  return m && m[1] === '1' ? Number(m[2]) : undefined;
}

/** The CRI socket a kubelet on this node would be configured with, or undefined when unknown. */
export function runtimeEndpoint(node: KubeObject): string | undefined {
  const status = rec(node['status']);
  const info = rec(status['nodeInfo']);
  const runtime = String(info['containerRuntimeVersion'] ?? '');
  const scheme = runtime.split('://')[0] ?? '';
  const windows = String(info['operatingSystem'] ?? '') === 'windows';
  const minor = minorOf(String(info['kubeletVersion'] ?? '')) ?? 0;
  switch (scheme) {
    case 'containerd':
      return windows ? 'npipe:////./pipe/containerd-containerd' : 'unix:///run/containerd/containerd.sock';
    case 'cri-o':
      return 'unix:///var/run/crio/crio.sock';
    case 'docker':
      if (minor >= 24) return windows ? 'npipe:////./pipe/cri-dockerd' : 'unix:///var/run/cri-dockerd.sock';
      return undefined;
    default:
      return undefined;
  }
}

export function kubeletConfigz(node: KubeObject): Record<string, unknown> {
  const info = rec(rec(node['status'])['nodeInfo']);
  const minor = minorOf(String(info['kubeletVersion'] ?? '')) ?? 0;
  const endpoint = runtimeEndpoint(node);
  const windows = String(info['operatingSystem'] ?? '') === 'windows';
  const config: Record<string, unknown> = {
    enableServer: true,
    ...(windows ? {} : { staticPodPath: '/etc/kubernetes/manifests' }),
    syncFrequency: '1m0s',
    fileCheckFrequency: '20s',
    httpCheckFrequency: '20s',
    address: '0.0.0.0',
    port: 10250,
    tlsCertFile: '/var/lib/kubelet/pki/kubelet.crt',
    tlsPrivateKeyFile: '/var/lib/kubelet/pki/kubelet.key',
    rotateCertificates: true,
    authentication: {
      x509: { clientCAFile: '/etc/kubernetes/pki/ca.crt' },
      webhook: { enabled: true, cacheTTL: '2m0s' },
      anonymous: { enabled: false },
    },
    authorization: { mode: 'Webhook', webhook: { cacheAuthorizedTTL: '5m0s', cacheUnauthorizedTTL: '30s' } },
    registryPullQPS: 5,
    registryBurst: 10,
    eventRecordQPS: 50,
    eventBurst: 100,
    enableDebuggingHandlers: true,
    healthzPort: 10248,
    healthzBindAddress: '127.0.0.1',
    oomScoreAdj: -999,
    clusterDomain: 'cluster.local',
    clusterDNS: ['10.96.0.10'],
    streamingConnectionIdleTimeout: '4h0m0s',
    nodeStatusUpdateFrequency: '10s',
    nodeStatusReportFrequency: '5m0s',
    nodeLeaseDurationSeconds: 40,
    imageMinimumGCAge: '2m0s',
    imageGCHighThresholdPercent: 85,
    imageGCLowThresholdPercent: 80,
    volumeStatsAggPeriod: '1m0s',
    cgroupsPerQOS: !windows,
    cgroupDriver: windows ? '' : 'systemd',
    cpuManagerPolicy: 'none',
    cpuManagerReconcilePeriod: '10s',
    memoryManagerPolicy: 'None',
    topologyManagerPolicy: 'none',
    topologyManagerScope: 'container',
    runtimeRequestTimeout: '2m0s',
    hairpinMode: 'promiscuous-bridge',
    maxPods: 110,
    podPidsLimit: -1,
    resolvConf: '/run/systemd/resolve/resolv.conf',
    cpuCFSQuota: true,
    cpuCFSQuotaPeriod: '100ms',
    nodeStatusMaxImages: 50,
    maxOpenFiles: 1000000,
    contentType: 'application/vnd.kubernetes.protobuf',
    kubeAPIQPS: minor >= 27 ? 50 : 5,
    kubeAPIBurst: minor >= 27 ? 100 : 10,
    serializeImagePulls: true,
    evictionHard: { 'imagefs.available': '15%', 'memory.available': '100Mi', 'nodefs.available': '10%', 'nodefs.inodesFree': '5%' },
    evictionPressureTransitionPeriod: '5m0s',
    enableControllerAttachDetach: true,
    makeIPTablesUtilChains: true,
    failSwapOn: true,
    containerLogMaxSize: '10Mi',
    containerLogMaxFiles: 5,
    configMapAndSecretChangeDetectionStrategy: 'Watch',
    enforceNodeAllocatable: ['pods'],
    volumePluginDir: '/usr/libexec/kubernetes/kubelet-plugins/volume/exec/',
    logging: { format: 'text', flushFrequency: '5s', verbosity: 0, options: { json: { infoBufferSize: '0' } } },
    enableSystemLogHandler: true,
    shutdownGracePeriod: '0s',
    shutdownGracePeriodCriticalPods: '0s',
    enableProfilingHandler: true,
    enableDebugFlagsHandler: true,
    seccompDefault: false,
    memoryThrottlingFactor: 0.9,
    registerNode: true,
    localStorageCapacityIsolation: true,
    // The field joined the config file in 1.27 (it was the --container-runtime-endpoint flag).
    ...(minor >= 27 && endpoint ? { containerRuntimeEndpoint: endpoint } : {}),
  };
  const override = rec(rec(node['metadata'])['annotations'])[CONFIGZ_ANNOTATION];
  if (typeof override === 'string' && override.trim() !== '') {
    let patch: unknown;
    try {
      patch = JSON.parse(override);
    } catch {
      throw new Error(`the ${CONFIGZ_ANNOTATION} annotation of node "${String(rec(node['metadata'])['name'])}" is not JSON`);
    }
    return { kubeletconfig: mergePatch(config, patch) };
  }
  return { kubeletconfig: config };
}

/** Node annotation naming the cgroup version the generated `/metrics` reports (`1` or `2`). */
export const CGROUP_ANNOTATION = 'sim.k8s-anatomy.dev/cgroup-version';

/** What a kubelet answered, as saved in a dump's `NODE.kubelet-configz.json` / `NODE.kubelet-metrics.txt`. */
export interface SavedKubeletAnswers {
  configz?: string;
  metrics?: string;
}

/**
 * The kubelet's own `/metrics` in the Prometheus text format, reduced to what a kubelet 1.31+
 * always exposes about its host and runtime: `kubelet_cgroup_version` (0 on Windows; 1 when the
 * node's CGROUP_ANNOTATION says so, else 2), and `kubelet_cri_losing_support{version="1.38.0"} 1`
 * for a runtime without the CRI RuntimeConfig call (containerd 1.x). Kubelets before 1.31 had
 * neither metric.
 */
export function kubeletMetrics(node: KubeObject): string {
  const info = rec(rec(node['status'])['nodeInfo']);
  const minor = minorOf(String(info['kubeletVersion'] ?? '')) ?? 0;
  const windows = String(info['operatingSystem'] ?? '') === 'windows';
  const runtime = String(info['containerRuntimeVersion'] ?? '');
  const lines = [
    '# HELP kubelet_node_name [ALPHA] The node\'s name. The count is always 1.',
    '# TYPE kubelet_node_name gauge',
    `kubelet_node_name{node="${String(rec(node['metadata'])['name'] ?? '')}"} 1`,
    '# HELP kubelet_running_pods [ALPHA] Number of pods that have a running pod sandbox',
    '# TYPE kubelet_running_pods gauge',
    'kubelet_running_pods 0',
  ];
  if (minor >= 31) {
    const annotated = rec(rec(node['metadata'])['annotations'])[CGROUP_ANNOTATION];
    const cgroup = windows ? 0 : annotated === '1' ? 1 : 2;
    lines.push(
      '# HELP kubelet_cgroup_version [ALPHA] cgroup version on the hosts.',
      '# TYPE kubelet_cgroup_version gauge',
      `kubelet_cgroup_version ${cgroup}`,
    );
    if (/^containerd:\/\/1\./.test(runtime)) {
      lines.push(
        '# HELP kubelet_cri_losing_support [ALPHA] the Kubernetes version that the currently running CRI implementation will lose support on if not upgraded.',
        '# TYPE kubelet_cri_losing_support gauge',
        'kubelet_cri_losing_support{version="1.38.0"} 1',
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
