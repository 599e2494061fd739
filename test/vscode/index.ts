// The extension-host test runner: VS Code (desktop through @vscode/test-electron, or code-server
// through the `payload` URL parameter) loads out/test/vscode/index.js as extensionTestsPath and
// calls run(). It runs every suite/*.test.js with mocha (bdd) and, when the environment names a
// file in K8S_ANATOMY_TEST_RESULTS, writes the results there as JSON: the end-to-end harness reads
// pass/fail from that file because a browser-hosted VS Code has no process exit code to give.

import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Mocha from 'mocha';

export interface TestResult {
  readonly title: string;
  readonly fullTitle: string;
  readonly state: 'passed' | 'failed' | 'pending';
  readonly durationMs: number;
  readonly error?: string;
}

export interface TestResults {
  readonly passed: number;
  readonly failed: number;
  readonly pending: number;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly vscodeVersion: string;
  readonly tests: readonly TestResult[];
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  const grep = process.env['K8S_ANATOMY_TEST_GREP'];
  if (grep) mocha.grep(grep);
  const suiteDir = join(__dirname, 'suite');
  for (const file of readdirSync(suiteDir).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(join(suiteDir, file));

  const tests: TestResult[] = [];
  const startedAt = new Date().toISOString();
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run((count) => resolve(count));
    runner.on('pass', (test) => tests.push({ title: test.title, fullTitle: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 }));
    runner.on('pending', (test) => tests.push({ title: test.title, fullTitle: test.fullTitle(), state: 'pending', durationMs: 0 }));
    runner.on('fail', (test, error: unknown) => tests.push({
      title: test.title,
      fullTitle: test.fullTitle(),
      state: 'failed',
      durationMs: test.duration ?? 0,
      error: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error),
    }));
  });

  const target = process.env['K8S_ANATOMY_TEST_RESULTS'];
  if (target) {
    const results: TestResults = {
      passed: tests.filter((t) => t.state === 'passed').length,
      failed: failures,
      pending: tests.filter((t) => t.state === 'pending').length,
      startedAt,
      finishedAt: new Date().toISOString(),
      vscodeVersion: await vscodeVersion(),
      tests,
    };
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, `${JSON.stringify(results, null, 2)}\n`);
  }
  if (failures > 0) throw new Error(`${failures} extension-host test${failures === 1 ? '' : 's'} failed`);
}

async function vscodeVersion(): Promise<string> {
  try {
    const vscode = await import('vscode');
    return vscode.version;
  } catch {
    return 'unknown';
  }
}
