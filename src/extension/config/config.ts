// One typed owner of every `k8sAnatomy.*` setting. Values are read when asked (settings can
// change at any time) and parsed by the pure helpers in configValues.ts. In an untrusted
// workspace, settings that decide which cluster is read, or with which permissions, come from
// user settings only: a cloned repository cannot point the extension at another kubeconfig.

import * as vscode from 'vscode';
import { homedir } from 'node:os';
import { CONFIG_SECTION, SETTINGS, VS_KUBERNETES_KUBECONFIG, VS_KUBERNETES_SECTION, type SettingKey } from '../constants';
import {
  RECONNECT_SETTINGS, RESCAN_SETTINGS, booleanSetting, integerSetting, contextName, kubeletProbeSetting, namespaceList, normaliseTargetVersion,
  resolveKubeconfig, type PathContext,
} from './configValues';
import type { NamespaceFilter } from '../../core/namespaces';
import type { Log } from '../log';
import { isRecord } from '../../core/read';

/** Settings taken from user settings only while the workspace is untrusted. */
const TRUST_SENSITIVE: readonly SettingKey[] = [SETTINGS.kubeconfig, SETTINGS.context, SETTINGS.kubeletProbe, SETTINGS.configz];

export interface ConfigChange {
  /** The cluster must be read again. */
  readonly reconnect: boolean;
  /** Workspace manifests must be scanned again (or their problems cleared). */
  readonly rescan: boolean;
  /** `k8sAnatomy.context` itself changed (an explicit choice that replaces Switch Context's). */
  readonly context: boolean;
}

export class Config {
  private readonly warned = new Set<string>();

  constructor(private readonly log: Log) {}

  /** Explicit kubeconfig file(s), ours or the Kubernetes extension's; undefined: KUBECONFIG / ~/.kube/config. */
  get kubeconfig(): { paths: string[]; from: 'k8sAnatomy' | 'vs-kubernetes' } | undefined {
    return resolveKubeconfig(this.get(SETTINGS.kubeconfig), this.theirKubeconfig(), this.pathContext());
  }

  get context(): string | null {
    return contextName(this.get(SETTINGS.context));
  }

  get namespaces(): NamespaceFilter {
    const include = namespaceList(this.get(SETTINGS.namespacesInclude));
    const exclude = namespaceList(this.get(SETTINGS.namespacesExclude));
    const rejected = [...include.rejected, ...exclude.rejected];
    if (rejected.length) this.warnOnce(`namespaces:${rejected.join(',')}`, `ignoring namespace names that are not valid: ${rejected.join(', ')}`);
    return { include: include.names, exclude: exclude.names };
  }

  /** The Kubernetes minor version to judge against (`1.24`); null: the server's, at least 1.24. */
  get targetVersion(): string | null {
    const raw = this.get(SETTINGS.targetVersion);
    const parsed = normaliseTargetVersion(raw);
    if (parsed.invalid) this.warnOnce(`target:${String(raw)}`, `k8sAnatomy.targetVersion "${String(raw)}" is not a Kubernetes version such as 1.24; using the server's version`);
    return parsed.value;
  }

  /** The kubelet probe: `k8sAnatomy.kubeletProbe`, or its deprecated old name `k8sAnatomy.configz`. */
  get kubeletProbe(): boolean {
    return kubeletProbeSetting(this.get(SETTINGS.kubeletProbe), this.get(SETTINGS.configz));
  }

  get workspaceScanEnabled(): boolean {
    return booleanSetting(this.get(SETTINGS.workspaceScanEnabled), true);
  }

  get watchEnabled(): boolean {
    return booleanSetting(this.get(SETTINGS.watchEnabled), true);
  }

  /** Check All Contexts…: clusters read at once (1–16, default 4). */
  get fleetConcurrency(): number {
    return integerSetting(this.get(SETTINGS.fleetConcurrency), 4, 1, 16);
  }

  /** Check All Contexts…: how long one cluster's check may take, in seconds (10–3600, default 120). */
  get fleetClusterTimeoutSeconds(): number {
    return integerSetting(this.get(SETTINGS.fleetClusterTimeoutSeconds), 120, 10, 3600);
  }

  /** Classify a configuration change for the listeners that care. */
  classify(event: vscode.ConfigurationChangeEvent): ConfigChange | null {
    const affects = (key: SettingKey) => event.affectsConfiguration(`${CONFIG_SECTION}.${key}`);
    const theirs = event.affectsConfiguration(VS_KUBERNETES_SECTION);
    const reconnect = RECONNECT_SETTINGS.some(affects) || theirs;
    const rescan = RESCAN_SETTINGS.some(affects);
    if (!reconnect && !rescan) return null;
    return { reconnect, rescan, context: affects(SETTINGS.context) };
  }

  onDidChange(listener: (change: ConfigChange) => void): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration((event) => {
      const change = this.classify(event);
      if (change) listener(change);
    });
  }

  private get(key: SettingKey): unknown {
    const section = vscode.workspace.getConfiguration(CONFIG_SECTION);
    return TRUST_SENSITIVE.includes(key) ? this.trusted(section, key) : section.get<unknown>(key);
  }

  private trusted(section: vscode.WorkspaceConfiguration, key: string): unknown {
    if (vscode.workspace.isTrusted) return section.get<unknown>(key);
    const inspected = section.inspect<unknown>(key);
    return inspected?.globalValue ?? inspected?.defaultValue;
  }

  /** `vs-kubernetes.kubeconfig` is a dotted key inside the `vs-kubernetes` object setting. */
  private theirKubeconfig(): unknown {
    const root = vscode.workspace.getConfiguration();
    const object = vscode.workspace.isTrusted ? root.get<unknown>(VS_KUBERNETES_SECTION) : root.inspect<unknown>(VS_KUBERNETES_SECTION)?.globalValue;
    return isRecord(object) ? object[VS_KUBERNETES_KUBECONFIG] : undefined;
  }

  private pathContext(): PathContext {
    const folder = vscode.workspace.workspaceFolders?.[0];
    return {
      home: homedir(),
      ...(folder && folder.uri.scheme === 'file' ? { workspaceFolder: folder.uri.fsPath } : {}),
      env: process.env,
    };
  }

  private warnOnce(key: string, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.log.warn(message);
  }
}
