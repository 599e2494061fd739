// What a run leaves for a person in test-results/e2e/: a screenshot per step, and on failure a
// screenshot, VS Code's logs, code-server's output and the browser console of the failing step.

import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ConsoleEntry, Workbench } from './workbench';

export const REPO = resolve(__dirname, '..', '..', '..');
export const RESULTS = process.env['K8S_ANATOMY_E2E_RESULTS'] ?? join(REPO, 'test-results', 'e2e');

export function resultPath(name: string): string {
  mkdirSync(RESULTS, { recursive: true });
  return join(RESULTS, name);
}

export interface LogSource {
  readonly name: string;
  readonly userDataDir: string;
  readonly logFile: string;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
}

/** Save everything that helps explain a failed step; never throws. */
export async function saveFailure(step: string, workbench: Workbench | undefined, sources: readonly LogSource[], error: unknown): Promise<void> {
  const base = `FAILED-${slug(step)}`;
  const dir = resultPath(base);
  mkdirSync(dir, { recursive: true });
  try {
    writeFileSync(join(dir, 'error.txt'), error instanceof Error ? `${error.stack ?? error.message}\n` : `${String(error)}\n`);
    if (workbench) {
      await workbench.screenshot(resultPath(`${base}.png`)).catch((e: Error) => writeFileSync(join(dir, 'screenshot-error.txt'), e.message));
      writeConsole(join(dir, 'console.txt'), workbench.console);
      const frames = workbench.page.frames().map((f) => f.url());
      writeFileSync(join(dir, 'frames.txt'), `${frames.join('\n')}\n`);
    }
    for (const source of sources) {
      const logs = join(source.userDataDir, 'logs');
      if (existsSync(logs)) cpSync(logs, join(dir, `${source.name}-vscode-logs`), { recursive: true });
      if (existsSync(source.logFile)) cpSync(source.logFile, join(dir, `${source.name}-code-server.log`));
    }
    console.error(`# artifacts of the failed step: ${dir}`);
  } catch (e) {
    console.error(`# could not save all artifacts of "${step}": ${(e as Error).message}`);
  }
}

/**
 * Run a test step's body; on failure save what explains it (`saveFailure`, with the workbench the
 * step was using at that moment) and rethrow.
 */
export async function runStep(name: string, workbench: () => Workbench | undefined, sources: readonly LogSource[], body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    await saveFailure(name, workbench(), sources, error);
    throw error;
  }
}

export function writeConsole(file: string, entries: readonly ConsoleEntry[]): void {
  writeFileSync(file, entries.map((e) => `${new Date(e.at).toISOString()} [${e.type}] ${e.text}${e.url ? `  (${e.url})` : ''}`).join('\n') + '\n');
}
