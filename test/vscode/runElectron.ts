// Runs the extension-host suite in desktop VS Code through @vscode/test-electron: the minimum
// supported version (engines.vscode, 1.90.0) and stable, or the versions in VSCODE_TEST_VERSIONS
// (comma-separated). Build first: `npm run test:electron` does (esbuild.mjs + test/vscode/build.mjs).
// VS Code is downloaded on first use; where that is impossible (no network), this says so and
// exits 1. On Linux without a display, run it under `xvfb-run -a`.

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

const root = resolve(__dirname, '..', '..');
const testsPath = join(root, 'out', 'test', 'vscode', 'index.js');
const workspace = join(root, 'test', 'vscode', 'fixtures');

async function main(): Promise<number> {
  if (!existsSync(testsPath)) {
    console.error(`runElectron: ${testsPath} is missing; build it with \`node test/vscode/build.mjs\` (npm run test:electron does).`);
    return 1;
  }
  if (process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) {
    console.warn('runElectron: no display; if VS Code fails to start, run this under `xvfb-run -a`.');
  }
  const versions = (process.env['VSCODE_TEST_VERSIONS'] ?? '1.90.0,stable').split(',').map((v) => v.trim()).filter(Boolean);
  for (const version of versions) {
    let executable: string;
    try {
      executable = await downloadAndUnzipVSCode({ version });
    } catch (error) {
      console.error([
        `runElectron: could not download VS Code ${version} (${error instanceof Error ? error.message.split('\n')[0] : String(error)}).`,
        'This machine cannot reach the VS Code download service, so the desktop run is impossible here.',
        'Run the same suite inside code-server instead (test/e2e), or run this where update.code.visualstudio.com is reachable.',
      ].join('\n'));
      return 1;
    }
    console.log(`runElectron: VS Code ${version} at ${executable}`);
    try {
      await runTests({
        vscodeExecutablePath: executable,
        extensionDevelopmentPath: root,
        extensionTestsPath: testsPath,
        launchArgs: [workspace, '--disable-extensions'],
        extensionTestsEnv: {
          ...(process.env['K8S_ANATOMY_TEST_RESULTS'] ? { K8S_ANATOMY_TEST_RESULTS: process.env['K8S_ANATOMY_TEST_RESULTS'].replace(/(\.json)?$/, `-${version}.json`) } : {}),
        },
      });
    } catch (error) {
      console.error(`runElectron: the suite failed on VS Code ${version}: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    }
  }
  return 0;
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
