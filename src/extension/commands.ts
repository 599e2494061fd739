// The command table: one factory per command id, given the Services context object. Handlers of
// heavy commands import their module on first use. Every command logs what was asked and how it
// ended; failures become one error message (never a raw stack) and a log line.

import * as vscode from 'vscode';
import { COMMANDS, INTERNAL_COMMANDS, type CommandId, type InternalCommandId } from './constants';
import { describeError } from './log';
import type { Services } from './services';

type Handler = (...args: unknown[]) => unknown;
type Factory = (services: Services) => Handler;

export const COMMAND_TABLE: Readonly<Record<CommandId | InternalCommandId, Factory>> = {
  [COMMANDS.openPanel]: (s) => async () => {
    (await s.panels()).open();
    void (await s.session()).ensureLoaded();
    return true;
  },
  [COMMANDS.checkReadiness]: (s) => async () => (await import('./readiness/checkReadiness')).checkReadiness(s),
  [COMMANDS.checkUpgradeReadiness]: (s) => async (target?: unknown) => (await import('./readiness/checkReadiness')).checkUpgradeReadiness(s, target),
  [COMMANDS.refresh]: (s) => async () => {
    const session = await s.session();
    const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'K8s Anatomy: reading' }, () => session.load());
    if (outcome.kind === 'failed') void vscode.window.showErrorMessage(`K8s Anatomy: ${outcome.message} ${outcome.advice}`);
    return outcome.kind;
  },
  [COMMANDS.switchContext]: (s) => async (name?: unknown) => (await import('./source/sourceCommands')).switchContext(s, name),
  [COMMANDS.openSample]: (s) => async (name?: unknown) => (await import('./source/sourceCommands')).openSample(s, name),
  [COMMANDS.exportTopology]: (s) => async (format?: unknown, target?: unknown) => (await import('./export/exports')).exportTopology(s, format, target),
  [COMMANDS.exportReport]: (s) => async (format?: unknown, target?: unknown) => (await import('./export/exports')).exportReport(s, format, target),
  [COMMANDS.checkAllContexts]: (s) => async (request?: unknown) => (await import('./fleet/checkFleet')).checkAllContexts(s, request),
  [COMMANDS.exportFleetReport]: (s) => async (format?: unknown, target?: unknown) => (await import('./export/exports')).exportFleetReport(s, format, target),
  [COMMANDS.showLog]: (s) => () => {
    s.log.channel.show(true);
    return true;
  },
  [INTERNAL_COMMANDS.openObject]: (s) => async (ref?: unknown) => (await import('./readiness/checkReadiness')).openObject(s, ref),
  [INTERNAL_COMMANDS.revealFinding]: (s) => async (location?: unknown) => (await import('./readiness/checkReadiness')).revealFinding(s, location),
  [INTERNAL_COMMANDS.openFleetCluster]: (s) => async (arg?: unknown) => (await import('./fleet/checkFleet')).openFleetCluster(s, arg),
};

export function registerCommands(services: Services): vscode.Disposable[] {
  return Object.entries(COMMAND_TABLE).map(([id, factory]) => {
    const handler = factory(services);
    return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      const started = Date.now();
      services.log.info(`command ${id}`);
      try {
        const result = await handler(...args);
        services.log.debug(`command ${id}: done in ${Date.now() - started} ms`);
        return result;
      } catch (error) {
        services.log.error(`command ${id} failed after ${Date.now() - started} ms: ${describeError(error)}`);
        void vscode.window.showErrorMessage(`K8s Anatomy: ${describeError(error)}`);
        return undefined;
      }
    });
  });
}
