// Kubeconfig loading as kubectl does it: an explicit path (or several), else KUBECONFIG (several
// files, merged, first wins), else ~/.kube/config. client-node's loadFromDefault() silently
// falls back to localhost:8080 (or an in-cluster config) when nothing is found; we detect that
// case and say "no kubeconfig" instead.

import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { ClusterError } from './errors';

export interface KubeconfigTarget {
  /** Explicit kubeconfig file(s); takes precedence over KUBECONFIG. */
  readonly kubeconfig?: string | readonly string[];
  readonly context?: string;
  /** Environment to read KUBECONFIG and HOME from (tests pass their own). */
  readonly env?: NodeJS.ProcessEnv;
}

export interface LoadedKubeconfig {
  readonly kc: KubeConfig;
  readonly context: string;
  readonly server: string;
  readonly files: readonly string[];
  /** Every context name, for "Switch Context". */
  readonly contexts: readonly string[];
}

/** The kubeconfig files kubectl would read, in order. Empty when there are none. */
export function kubeconfigFiles(target: KubeconfigTarget = {}): string[] {
  const env = target.env ?? process.env;
  if (target.kubeconfig !== undefined) {
    const list = typeof target.kubeconfig === 'string' ? [target.kubeconfig] : [...target.kubeconfig];
    return list.filter((f) => f.length > 0);
  }
  const fromEnv = (env['KUBECONFIG'] ?? '').split(delimiter).filter((f) => f.length > 0);
  if (fromEnv.length > 0) return fromEnv.filter((f) => existsSync(f));
  const home = env['HOME'] ?? env['USERPROFILE'] ?? homedir();
  const fallback = join(home, '.kube', 'config');
  return existsSync(fallback) ? [fallback] : [];
}

export function loadKubeconfig(target: KubeconfigTarget = {}): LoadedKubeconfig {
  const { kc, files } = loadMerged(target);
  if (target.context !== undefined) {
    if (!kc.getContextObject(target.context)) {
      throw new ClusterError('no-kubeconfig', `the kubeconfig has no context named "${target.context}" (contexts: ${kc.getContexts().map((c) => c.name).join(', ') || 'none'})`);
    }
    kc.setCurrentContext(target.context);
  }
  const context = kc.getCurrentContext();
  if (!context || !kc.getContextObject(context)) {
    throw new ClusterError('no-kubeconfig', `the kubeconfig ${files.join(', ')} has no current context; pass --context (contexts: ${kc.getContexts().map((c) => c.name).join(', ') || 'none'})`);
  }
  const cluster = kc.getCurrentCluster();
  if (!cluster || !cluster.server) {
    throw new ClusterError('bad-kubeconfig', `context "${context}" names a cluster that is missing or has no server address`);
  }
  return { kc, context, server: cluster.server, files, contexts: kc.getContexts().map((c) => c.name) };
}

/**
 * Every context of the kubeconfig kubectl would read (merged as it merges them, first file wins),
 * in file order, without choosing one: `check --all-contexts` / `--contexts`. A kubeconfig with
 * no current context is fine here. Throws ClusterError `no-kubeconfig` / `bad-kubeconfig`.
 */
export function kubeconfigContexts(target: Omit<KubeconfigTarget, 'context'> = {}): { readonly files: readonly string[]; readonly contexts: readonly string[] } {
  const { kc, files } = loadMerged(target);
  return { files, contexts: kc.getContexts().map((c) => c.name) };
}

/** Load and merge the kubeconfig files, as kubectl does: the first file to set a value wins. */
function loadMerged(target: KubeconfigTarget): { kc: KubeConfig; files: string[] } {
  const files = kubeconfigFiles(target);
  if (files.length === 0) {
    throw new ClusterError('no-kubeconfig', target.kubeconfig !== undefined
      ? 'no kubeconfig: the --kubeconfig path is empty'
      : 'no kubeconfig: KUBECONFIG is not set to an existing file and ~/.kube/config does not exist');
  }
  const kc = new KubeConfig();
  for (const [i, file] of files.entries()) {
    if (!existsSync(file)) throw new ClusterError('no-kubeconfig', `no kubeconfig at ${file}`);
    try {
      if (i === 0) {
        kc.loadFromFile(file);
      } else {
        const next = new KubeConfig();
        next.loadFromFile(file);
        // kubectl: the first file to set a value wins; keep the first file's current context.
        const current = kc.getCurrentContext();
        mergeMissing(kc, next);
        if (current) kc.setCurrentContext(current);
      }
    } catch (error) {
      throw new ClusterError('bad-kubeconfig', `cannot use the kubeconfig ${file}: ${describeLoadError(error)}`);
    }
  }
  return { kc, files };
}

function mergeMissing(into: KubeConfig, from: KubeConfig): void {
  const clusters = new Set(into.getClusters().map((c) => c.name));
  const users = new Set(into.getUsers().map((u) => u.name));
  const contexts = new Set(into.getContexts().map((c) => c.name));
  for (const c of from.getClusters()) if (!clusters.has(c.name)) into.addCluster(c);
  for (const u of from.getUsers()) if (!users.has(u.name)) into.addUser(u);
  for (const c of from.getContexts()) if (!contexts.has(c.name)) into.addContext(c);
  if (!into.getCurrentContext() && from.getCurrentContext()) into.setCurrentContext(from.getCurrentContext());
}

function describeLoadError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Keep the parser's first line; never echo file contents (they may hold credentials).
  return (message.split('\n')[0] ?? '').replace(/:\s*\{.*$/, '').slice(0, 200) || 'it could not be parsed';
}
