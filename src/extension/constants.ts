// Every identifier the extension shares with package.json, the webview and the tests: command
// ids, the panel's view type, setting keys, the virtual document scheme. package.json must match
// (test/extension/manifest.test.ts checks that it does).

export const EXTENSION_ID = 'k8s-anatomy.k8s-anatomy';
export const CATEGORY = 'K8s Anatomy';

/** Commands contributed to the palette. */
export const COMMANDS = {
  openPanel: 'k8sAnatomy.openPanel',
  checkReadiness: 'k8sAnatomy.checkReadiness',
  checkUpgradeReadiness: 'k8sAnatomy.checkUpgradeReadiness',
  refresh: 'k8sAnatomy.refresh',
  switchContext: 'k8sAnatomy.switchContext',
  openSample: 'k8sAnatomy.openSample',
  exportTopology: 'k8sAnatomy.exportTopology',
  exportReport: 'k8sAnatomy.exportReport',
  checkAllContexts: 'k8sAnatomy.checkAllContexts',
  exportFleetReport: 'k8sAnatomy.exportFleetReport',
  showLog: 'k8sAnatomy.showLog',
} as const;

/**
 * Commands used only by links in the readiness report (command URIs, allow-listed per webview)
 * and by the Problems panel; hidden from the palette.
 */
export const INTERNAL_COMMANDS = {
  openObject: 'k8sAnatomy.openObject',
  revealFinding: 'k8sAnatomy.revealFinding',
  /** Fleet report links: `{ context, open: 'report' | 'panel' }`. */
  openFleetCluster: 'k8sAnatomy.openFleetCluster',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];
export type InternalCommandId = (typeof INTERNAL_COMMANDS)[keyof typeof INTERNAL_COMMANDS];

export const PANEL_VIEW_TYPE = 'k8sAnatomy.panel';
export const REPORT_VIEW_TYPE = 'k8sAnatomy.report';
export const FLEET_VIEW_TYPE = 'k8sAnatomy.fleet';

/** Read-only documents: cluster objects as YAML. `k8s-anatomy:/Deployment/ns/name.yaml`. */
export const DOCUMENT_SCHEME = 'k8s-anatomy';

export const CONFIG_SECTION = 'k8sAnatomy';

/** Setting keys, relative to CONFIG_SECTION. */
export const SETTINGS = {
  kubeconfig: 'kubeconfig',
  context: 'context',
  namespacesInclude: 'namespaces.include',
  namespacesExclude: 'namespaces.exclude',
  targetVersion: 'targetVersion',
  /** The opt-in kubelet probe (configz and metrics through nodes/proxy). */
  kubeletProbe: 'kubeletProbe',
  /** Deprecated: the old name of kubeletProbe, still honoured. */
  configz: 'configz',
  workspaceScanEnabled: 'workspaceScan.enabled',
  watchEnabled: 'watch.enabled',
  fleetConcurrency: 'fleet.concurrency',
  fleetClusterTimeoutSeconds: 'fleet.clusterTimeoutSeconds',
} as const;

export type SettingKey = (typeof SETTINGS)[keyof typeof SETTINGS];

/** The Kubernetes extension's kubeconfig setting, honoured when ours is empty. */
export const VS_KUBERNETES_SECTION = 'vs-kubernetes';
export const VS_KUBERNETES_KUBECONFIG = 'vs-kubernetes.kubeconfig';

/** workspaceState keys (what the user chose last, restored after a reload). */
export const STATE_KEYS = {
  source: 'k8sAnatomy.source',
  /** Each context's last known verdict from a fleet check (fleet/fleetVerdicts.ts). */
  fleetVerdicts: 'k8sAnatomy.fleetVerdicts',
} as const;

export const OUTPUT_CHANNEL = 'K8s Anatomy';
export const DIAGNOSTIC_SOURCE = 'K8s Anatomy';
