// "Check All Contexts…": pick some or all contexts of the kubeconfig and a target, then check each
// context once (no watches) through the fleet reader the CLI uses (src/k8s/fleet.ts, run by the
// session bundle), at most `k8sAnatomy.fleet.concurrency` at a time, under one cancellable
// progress notification with a count; then the fleet report view. Each cluster has its own
// kubeconfig load (so its own exec credential plugin run) and its own deadline; one that hangs,
// refuses the credentials or is unreachable is an error row and never holds up the rest. Only
// each finished cluster's report is kept. Also the fleet view's two link commands: open one
// cluster's readiness report or its panel, and export the fleet report.

import * as vscode from 'vscode';
import { buildFleetReport, type FleetCluster, type FleetReport } from '../../core/fleet';
import { RULE_FAMILIES } from '../../core/model';
import { upgradeTargets, type UpgradeTarget } from '../../core/rules/targets';
import { describeVerdict } from '../../core/render/text';
import { isClusterError } from '../../k8s/errors';
import { COMMANDS } from '../constants';
import { describeError } from '../log';
import type { Services } from '../services';
import { describeKnownVerdict } from './fleetVerdicts';

export interface FleetRunResult {
  /** Context → verdict, in the report's order (worst first); empty when nothing was picked. */
  readonly verdicts: Readonly<Record<string, FleetCluster['verdict']>>;
  readonly cancelled: boolean;
  readonly target: string | null;
}

/** What a test (or a keybinding) may pass instead of picking: the contexts and the target. */
interface FleetRequest {
  readonly contexts?: readonly string[];
  /** `X.Y`, or null for each cluster's next minor. */
  readonly target?: string | null;
}

function parseRequest(value: unknown): FleetRequest | null {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null) return null;
  const { contexts, target } = value as Record<string, unknown>;
  if (contexts !== undefined && !(Array.isArray(contexts) && contexts.every((c) => typeof c === 'string'))) return null;
  if (target !== undefined && target !== null && typeof target !== 'string') return null;
  return { ...(contexts ? { contexts } : {}), ...(target !== undefined ? { target } : {}) };
}

export async function checkAllContexts(services: Services, requested?: unknown): Promise<FleetRunResult | null> {
  const request = parseRequest(requested);
  if (request === null) {
    services.log.warn('checkAllContexts: refused arguments that are not { contexts?: string[], target?: string | null }');
    return null;
  }
  const session = await services.session();
  let available: readonly string[];
  try {
    available = session.contexts().contexts;
  } catch (error) {
    if (isClusterError(error) && error.kind === 'no-kubeconfig') {
      void vscode.window.showWarningMessage(`K8s Anatomy: ${error.message}`, 'Open Sample Cluster').then((choice) => {
        if (choice) void vscode.commands.executeCommand(COMMANDS.openSample);
      });
      return null;
    }
    void vscode.window.showErrorMessage(`K8s Anatomy: cannot read the kubeconfig: ${describeError(error)}`);
    return null;
  }
  if (available.length === 0) {
    void vscode.window.showWarningMessage('K8s Anatomy: the kubeconfig has no contexts to check.');
    return null;
  }
  const verdicts = await services.fleetVerdicts();
  let contexts: readonly string[] | undefined = request.contexts;
  if (contexts) {
    const unknown = contexts.filter((c) => !available.includes(c));
    if (unknown.length > 0) {
      void vscode.window.showErrorMessage(`K8s Anatomy: the kubeconfig has no context named ${unknown.map((c) => `"${c}"`).join(', ')}.`);
      return null;
    }
  } else {
    contexts = await pickContexts(available, (c) => {
      const known = verdicts.get(c);
      return known ? describeKnownVerdict(known) : '';
    });
  }
  if (!contexts || contexts.length === 0) return null;
  let target: string | null;
  if (request.target !== undefined) {
    const targets = upgradeTargets(null);
    if (request.target !== null && !targets.some((t) => t.minor === request.target)) {
      void vscode.window.showWarningMessage(`K8s Anatomy: pick a target from ${targets[0]?.minor ?? ''} to ${targets[targets.length - 1]?.minor ?? ''}.`);
      return null;
    }
    target = request.target;
  } else {
    const picked = await pickFleetTarget();
    if (picked === undefined) return null;
    target = picked;
  }

  const started = new Date();
  const { clusters, cancelled } = await runFleet(services, contexts, target);
  const fleet = buildFleetReport(clusters, { target, families: RULE_FAMILIES });
  await verdicts.record(fleet.clusters, started.toISOString());
  (await services.fleetView()).show({ fleet, picked: contexts.length, cancelled, generatedAt: new Date().toISOString() });
  services.log.info(`fleet: ${contexts.length} contexts picked, ${clusters.length} checked${cancelled ? ' (cancelled)' : ''}: ${fleet.clusters.map((c) => `${c.context}=${c.verdict}`).join(', ')}`);
  return { verdicts: Object.fromEntries(fleet.clusters.map((c) => [c.context, c.verdict])), cancelled, target };
}

async function pickContexts(available: readonly string[], known: (context: string) => string): Promise<readonly string[] | undefined> {
  const items = available.map((name) => ({ label: name, description: known(name), picked: true }));
  const picked = await vscode.window.showQuickPick(items, {
    title: 'K8s Anatomy: Check All Contexts',
    placeHolder: 'The contexts to check (all are selected; each is read once, nothing is changed)',
    canPickMany: true,
    matchOnDescription: true,
  });
  return picked?.map((p) => p.label);
}

/** The target: each cluster's next minor (the default), or one version for all. undefined: dismissed. */
async function pickFleetTarget(): Promise<string | null | undefined> {
  const items: (vscode.QuickPickItem & { target: string | null })[] = [
    { label: 'Each cluster\'s next minor', description: 'default', detail: 'Judge every cluster for the minor after its own server\'s version (at least 1.24).', target: null },
    ...upgradeTargets(null).map((t: UpgradeTarget) => ({ label: `Kubernetes ${t.minor}`, detail: t.runtimeChanges, target: t.minor })),
  ];
  // The second step of one flow: it opens as the first closes, when VS Code hands focus back to
  // what had it (the panel's webview, say); without ignoreFocusOut that closed this pick at once,
  // as if dismissed. Escape still dismisses it.
  const picked = await vscode.window.showQuickPick(items, { title: 'K8s Anatomy: Check All Contexts', placeHolder: 'Upgrade to which Kubernetes version?', matchOnDetail: true, ignoreFocusOut: true });
  return picked ? picked.target : undefined;
}

async function runFleet(services: Services, contexts: readonly string[], target: string | null): Promise<{ clusters: FleetCluster[]; cancelled: boolean }> {
  const session = await services.session();
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `K8s Anatomy: checking ${contexts.length} contexts`, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const subscription = token.onCancellationRequested(() => abort.abort());
      // Kept as they finish, so a cancelled run still shows what was done.
      const done: FleetCluster[] = [];
      try {
        progress.report({ message: `0 of ${contexts.length} checked` });
        await session.checkFleet(contexts, target, {
          signal: abort.signal,
          onCluster: (row, finished, total) => {
            done.push(row);
            progress.report({ increment: 100 / total, message: `${finished} of ${total} checked (${row.context}: ${row.verdict === 'error' ? 'could not be read' : describeVerdict(row.verdict)})` });
          },
        });
      } catch (error) {
        if (!(isClusterError(error) && error.kind === 'cancelled')) throw error;
      } finally {
        subscription.dispose();
      }
      return { clusters: done, cancelled: abort.signal.aborted };
    },
  );
}

/** `k8sAnatomy.openFleetCluster` (fleet report links): that cluster's readiness report, or its panel. */
export async function openFleetCluster(services: Services, arg: unknown): Promise<boolean> {
  const view = services.startedFleetView;
  const value = typeof arg === 'object' && arg !== null ? (arg as Record<string, unknown>) : {};
  const context = value['context'];
  const open = value['open'];
  const cluster = typeof context === 'string' ? view?.cluster(context) : undefined;
  if (!cluster || (open !== 'report' && open !== 'panel')) {
    services.log.warn('openFleetCluster: refused a context that is not in the fleet report shown');
    void vscode.window.showWarningMessage('K8s Anatomy: that context is not in the fleet report shown; run Check All Contexts again.');
    return false;
  }
  if (open === 'report') {
    if (!('report' in cluster)) return false;
    const report = cluster.report;
    (await services.reportView()).show({
      check: { kind: 'upgrade', target: report.target ?? '' },
      cluster: { kind: 'report', report },
      workspace: null,
      generatedAt: new Date().toISOString(),
    });
    return true;
  }
  const session = await services.session();
  const fleet: FleetReport | null = view?.fleet ?? null;
  (await services.panels()).open();
  const outcome = await session.useContext(cluster.context, {}, fleet?.target ? { minor: fleet.target, reason: 'chosen in Check All Contexts' } : undefined);
  if (outcome.kind === 'failed') void vscode.window.showErrorMessage(`K8s Anatomy: ${outcome.message} ${outcome.advice}`);
  return outcome.kind === 'ok';
}
