// "Check Dockershim Readiness" and "Check Upgrade Readiness…": read the current source (the
// kubeconfig context, or the sample when one is shown) and the workspace's manifests, with a
// cancellable progress notification, then show the report view. The dockershim check judges the
// dockershim family alone for the default target (the setting, else the next minor, at least
// 1.24); the upgrade check asks for a target (upgradeTargets), makes it the session's chosen
// target (so the panel and the status bar follow it) and judges every family for it. Also the two
// commands behind the report's links: open an affected object's YAML (read-only), and reveal a
// workspace finding.

import * as vscode from 'vscode';
import type { Services } from '../services';
import type { LoadOptions, LoadOutcome, Session } from '../session/session';
import { describeChoice } from '../source/sourceChoice';
import { adviceFor } from '../../k8s/errors';
import { isObjectRef } from '../../k8s/objectPaths';
import { objectDocumentUri } from '../objects/objectDocuments';
import type { ClusterPart, ReadinessCheck } from './reportHtml';
import { rec } from '../../core/read';
import { upgradeTargets, type UpgradeTarget } from '../../core/rules/targets';
import type { Diagnosis } from '../../core/diagnose';

export interface CheckResult {
  /** `ready` / `not-ready` / `unknown` when the cluster (or sample) was checked. */
  readonly verdict: string | null;
  readonly outcome: LoadOutcome['kind'];
  readonly workspaceFindings: number;
  /** The target judged (`X.Y`), when the cluster was checked. */
  readonly target?: string | null;
}

const PROGRESS_INTERVAL_MS = 250;

/** "Check Dockershim Readiness": the dockershim family only, for the default target. */
export async function checkReadiness(services: Services): Promise<CheckResult> {
  const target = services.config.targetVersion;
  return runCheck(services, { kind: 'dockershim' }, 'checking dockershim readiness', {
    families: ['dockershim'],
    ...(target ? { target, targetReason: 'the k8sAnatomy.targetVersion setting' } : {}),
  });
}

/**
 * "Check Upgrade Readiness…": pick a target (`target` given, e.g. by the report's "Re-run" link or
 * a test: validated against the list), make it the session's chosen target, judge every family.
 */
export async function checkUpgradeReadiness(services: Services, requested?: unknown): Promise<CheckResult | null> {
  const session = await services.session();
  const targets = await targetsFor(session);
  if (targets === null) return null;
  let picked: UpgradeTarget | undefined;
  if (requested !== undefined) {
    picked = targets.find((t) => t.minor === requested);
    if (!picked) {
      services.log.warn('checkUpgradeReadiness: refused a target that is not in the list of upgrade targets');
      void vscode.window.showWarningMessage(`K8s Anatomy: pick a target from ${targets[0]?.minor ?? ''} to ${targets[targets.length - 1]?.minor ?? ''}.`);
      return null;
    }
  } else {
    picked = await pickTarget(targets, session.serverVersion);
    if (!picked) return null;
  }
  session.chooseTarget({ minor: picked.minor, reason: picked.preselected ? `next minor after the server's ${session.serverVersion ?? 'version'}, chosen in Check Upgrade Readiness` : 'chosen in Check Upgrade Readiness' });
  return runCheck(services, { kind: 'upgrade', target: picked.minor }, `checking upgrade readiness for Kubernetes ${picked.minor}`, undefined);
}

/** The targets for the shown source's server (reading it first when nothing was read yet); null when it cannot be read. */
async function targetsFor(session: Session): Promise<readonly UpgradeTarget[] | null> {
  if (!session.snapshot.diagnosis) {
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `K8s Anatomy: reading ${describeChoice(session.choice)} for its version`, cancellable: true },
      async (_progress, token) => {
        const abort = new AbortController();
        const subscription = token.onCancellationRequested(() => abort.abort());
        try {
          return await session.load({ signal: abort.signal });
        } finally {
          subscription.dispose();
        }
      },
    );
    if (outcome.kind === 'no-kubeconfig' || outcome.kind === 'failed') {
      const message = outcome.kind === 'failed' ? `${outcome.message} ${outcome.advice}` : `${outcome.message}. Open a sample cluster (K8s Anatomy: Open Sample Cluster) to try it.`;
      void vscode.window.showErrorMessage(`K8s Anatomy: cannot check upgrade readiness: ${message}`);
      return null;
    }
    if (outcome.kind !== 'ok') return null;
  }
  return upgradeTargets(session.serverVersion);
}

async function pickTarget(targets: readonly UpgradeTarget[], server: string | null): Promise<UpgradeTarget | undefined> {
  const items = targets.map((t) => ({
    label: `Kubernetes ${t.minor}`,
    description: t.preselected ? 'next minor' : '',
    detail: t.runtimeChanges,
    target: t,
  }));
  const quickPick = vscode.window.createQuickPick<(typeof items)[number]>();
  quickPick.title = 'K8s Anatomy: Check Upgrade Readiness';
  quickPick.placeholder = `Upgrade to which Kubernetes version?${server ? ` The server runs ${server}.` : ''}`;
  quickPick.matchOnDetail = true;
  quickPick.items = items;
  const preselected = items.find((i) => i.target.preselected);
  if (preselected) quickPick.activeItems = [preselected];
  return new Promise((resolve) => {
    let done = false;
    quickPick.onDidAccept(() => {
      done = true;
      resolve(quickPick.selectedItems[0]?.target ?? quickPick.activeItems[0]?.target);
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      if (!done) resolve(undefined);
      quickPick.dispose();
    });
    quickPick.show();
  });
}

async function runCheck(services: Services, check: ReadinessCheck, title: string, also: LoadOptions['also']): Promise<CheckResult> {
  const session = await services.session();
  const workspace = await services.workspace();
  const { outcome, scanned } = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `K8s Anatomy: ${title}`, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const subscription = token.onCancellationRequested(() => abort.abort());
      let last = 0;
      try {
        progress.report({ message: `reading ${describeChoice(session.choice)}` });
        const cluster = session.load({
          signal: abort.signal,
          ...(also ? { also } : {}),
          onProgress: (p) => {
            const now = Date.now();
            if (now - last < PROGRESS_INTERVAL_MS) return;
            last = now;
            progress.report({ message: `${p.objects.toLocaleString('en-US')} objects read (${p.current})` });
          },
        });
        const files = workspace.scanAll(token);
        const [outcome, scanned] = await Promise.all([cluster, files]);
        return { outcome, scanned };
      } finally {
        subscription.dispose();
      }
    },
  );
  if (outcome.kind === 'cancelled') {
    void vscode.window.showInformationMessage('K8s Anatomy: the readiness check was cancelled.');
    return { verdict: null, outcome: outcome.kind, workspaceFindings: scanned.rows.length };
  }
  // The dockershim check's own judgement; a read replaced by a newer one has none.
  const judged: Diagnosis | null = outcome.kind === 'ok' ? (also ? outcome.also ?? null : outcome.diagnosis) : null;
  const view = await services.reportView();
  view.show({
    check,
    cluster: clusterPart(outcome, judged),
    workspace: vscode.workspace.workspaceFolders?.length ? scanned : null,
    generatedAt: new Date().toISOString(),
  }, outcome.kind === 'ok' ? outcome.diagnosis : null);
  const verdict = judged ? judged.report.verdict : null;
  const kind = outcome.kind === 'ok' && !judged ? 'superseded' : outcome.kind;
  services.log.info(`readiness (${check.kind}${judged ? ` for ${judged.report.target ?? '?'}` : ''}): ${verdict ?? kind}; workspace: ${scanned.rows.length} findings in ${scanned.files} files`);
  return { verdict, outcome: kind, workspaceFindings: scanned.rows.length, target: judged?.report.target ?? null };
}

function clusterPart(outcome: LoadOutcome, judged: Diagnosis | null): ClusterPart {
  switch (outcome.kind) {
    case 'ok':
      if (!judged) return { kind: 'none', title: 'not checked', message: 'The check was replaced by another read of the cluster.', advice: 'Run the check again.', offerSamples: false };
      return { kind: 'report', report: judged.report };
    case 'no-kubeconfig':
      return { kind: 'none', title: 'no cluster', message: outcome.message, advice: adviceFor('no-kubeconfig', 'editor'), offerSamples: true };
    case 'failed':
      return { kind: 'none', title: 'could not check', message: outcome.message, advice: outcome.advice, offerSamples: false };
    case 'cancelled':
    case 'superseded':
      return { kind: 'none', title: 'not checked', message: 'The check was replaced by another read of the cluster.', advice: 'Run the check again.', offerSamples: false };
  }
}

/** `k8sAnatomy.openObject` (report links): a read-only copy of an object of the last check. */
export async function openObject(services: Services, arg: unknown): Promise<boolean> {
  const session = services.startedSession;
  if (!isObjectRef(arg) || !session || !session.knows(arg)) {
    services.log.warn('openObject: refused an object that is not part of the last readiness check');
    void vscode.window.showWarningMessage('K8s Anatomy: that object is not part of the last readiness check; run the check again.');
    return false;
  }
  const ref = { kind: arg.kind, namespace: arg.namespace, name: arg.name };
  const document = await vscode.workspace.openTextDocument(objectDocumentUri(ref));
  if (document.languageId !== 'yaml') await vscode.languages.setTextDocumentLanguage(document, 'yaml');
  await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Active });
  return true;
}

/** `k8sAnatomy.revealFinding` (report links): jump to a workspace finding's line. */
export async function revealFinding(services: Services, arg: unknown): Promise<boolean> {
  const value = rec(arg);
  const uri = value['uri'];
  const line = value['line'];
  if (typeof uri !== 'string' || typeof line !== 'number' || !Number.isInteger(line) || line < 1 || !services.startedWorkspace?.has(uri, line)) {
    services.log.warn('revealFinding: refused a location that is not a workspace finding');
    return false;
  }
  const position = new vscode.Position(line - 1, 0);
  await vscode.window.showTextDocument(vscode.Uri.parse(uri, true), { selection: new vscode.Range(position, position), preview: false });
  return true;
}
