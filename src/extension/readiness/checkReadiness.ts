// "Check Dockershim Readiness": read the current source (the kubeconfig context, or the sample
// when one is shown) and the workspace's manifests, with a cancellable progress notification,
// then show the report view. Also the two commands behind the report's links: open an affected
// object's YAML (read-only), and reveal a workspace finding.

import * as vscode from 'vscode';
import type { Services } from '../services';
import type { LoadOutcome } from '../session/session';
import { describeChoice } from '../source/sourceChoice';
import { adviceFor } from '../../k8s/errors';
import { isObjectRef } from '../../k8s/objectPaths';
import { objectDocumentUri } from '../objects/objectDocuments';
import type { ClusterPart } from './reportHtml';
import { rec } from '../../core/read';

export interface CheckResult {
  /** `ready` / `not-ready` / `unknown` when the cluster (or sample) was checked. */
  readonly verdict: string | null;
  readonly outcome: LoadOutcome['kind'];
  readonly workspaceFindings: number;
}

const PROGRESS_INTERVAL_MS = 250;

export async function checkReadiness(services: Services): Promise<CheckResult> {
  const session = await services.session();
  const workspace = await services.workspace();
  const { outcome, scanned } = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'K8s Anatomy: checking dockershim readiness', cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const subscription = token.onCancellationRequested(() => abort.abort());
      let last = 0;
      try {
        progress.report({ message: `reading ${describeChoice(session.choice)}` });
        const cluster = session.load({
          signal: abort.signal,
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
  const view = await services.reportView();
  view.show({
    cluster: clusterPart(outcome),
    workspace: vscode.workspace.workspaceFolders?.length ? scanned : null,
    generatedAt: new Date().toISOString(),
  });
  const verdict = outcome.kind === 'ok' ? outcome.diagnosis.report.verdict : null;
  services.log.info(`readiness: ${verdict ?? outcome.kind}; workspace: ${scanned.rows.length} findings in ${scanned.files} files`);
  return { verdict, outcome: outcome.kind, workspaceFindings: scanned.rows.length };
}

function clusterPart(outcome: LoadOutcome): ClusterPart {
  switch (outcome.kind) {
    case 'ok':
      return { kind: 'report', report: outcome.diagnosis.report };
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
