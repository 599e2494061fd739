// Switch Context and Open Sample Cluster: choose what the session shows. The chosen context is
// kept in memory and in workspaceState (so a reload keeps it); the k8sAnatomy.context setting is
// never written, and changing that setting replaces the choice.

import * as vscode from 'vscode';
import { isClusterError } from '../../k8s/errors';
import { COMMANDS } from '../constants';
import { describeError } from '../log';
import type { Services } from '../services';
import type { LoadOutcome } from '../session/session';
import { describeKnownVerdict } from '../fleet/fleetVerdicts';

export async function switchContext(services: Services, requested?: unknown): Promise<LoadOutcome['kind'] | 'unchanged'> {
  const session = await services.session();
  let contexts: ReturnType<typeof session.contexts>;
  try {
    contexts = session.contexts();
  } catch (error) {
    if (isClusterError(error) && error.kind === 'no-kubeconfig') {
      void vscode.window.showWarningMessage(`K8s Anatomy: ${error.message}`, 'Open Sample Cluster').then((choice) => {
        if (choice) void vscode.commands.executeCommand(COMMANDS.openSample);
      });
      return 'no-kubeconfig';
    }
    void vscode.window.showErrorMessage(`K8s Anatomy: cannot read the kubeconfig: ${describeError(error)}`);
    return 'failed';
  }
  let chosen: string | undefined;
  if (typeof requested === 'string') {
    if (!contexts.contexts.includes(requested)) {
      void vscode.window.showErrorMessage(`K8s Anatomy: the kubeconfig has no context named "${requested}".`);
      return 'failed';
    }
    chosen = requested;
  } else {
    // The last known verdict of each context, when a fleet check (Check All Contexts…) included it.
    const verdicts = await services.fleetVerdicts();
    const picked = await vscode.window.showQuickPick(
      contexts.contexts.map((name) => {
        const known = verdicts.get(name);
        return {
          label: name,
          description: [name === contexts.shown ? 'shown now' : '', name === contexts.current ? 'kubeconfig current-context' : '', known ? describeKnownVerdict(known) : ''].filter(Boolean).join(' · '),
        };
      }),
      { title: 'K8s Anatomy: Switch Context', placeHolder: 'The kubeconfig context to show (kept for this workspace; the kubeconfig is not changed)' },
    );
    chosen = picked?.label;
  }
  if (chosen === undefined) return 'unchanged';
  services.log.info(`switch to context ${chosen}`);
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: `K8s Anatomy: reading ${chosen}` },
    () => session.useContext(chosen),
  );
  if (outcome.kind === 'failed') void vscode.window.showErrorMessage(`K8s Anatomy: ${outcome.message} ${outcome.advice}`);
  return outcome.kind;
}

export async function openSample(services: Services, requested?: unknown): Promise<LoadOutcome['kind'] | 'unchanged'> {
  const session = await services.session();
  const samples = session.samples();
  let chosen: string | undefined;
  if (typeof requested === 'string') {
    chosen = requested;
  } else {
    const picked = await vscode.window.showQuickPick(
      samples.map((s) => ({ label: s.title, description: s.name, detail: s.description, name: s.name })),
      { title: 'K8s Anatomy: Open Sample Cluster', placeHolder: 'A built-in cluster dump, to explore without a cluster', matchOnDescription: true, matchOnDetail: true },
    );
    chosen = picked?.name;
  }
  if (chosen === undefined) return 'unchanged';
  services.log.info(`open sample ${chosen}`);
  const outcome = await session.useSample(chosen);
  if (outcome.kind === 'failed') {
    void vscode.window.showErrorMessage(`K8s Anatomy: ${outcome.message}`);
    return outcome.kind;
  }
  (await services.panels()).open();
  return outcome.kind;
}
