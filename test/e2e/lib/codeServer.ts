// code-server (VS Code for the browser, with a real Node extension host) for one phase of the run:
// its own user-data, extensions and config folders under the run's temp dir, bound to a free port
// on 127.0.0.1, with exactly the environment the phase wants (KUBECONFIG, HOME, test variables).

import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { delimiter, dirname, join } from 'node:path';
import { freePort, runToEnd, start, stop, tail, waitFor, type Tracked } from './processes';

export interface Tools {
  readonly nodeBin: string;
  readonly codeServerEntry: string;
}

/** Settings that keep an offline workbench quiet and the screenshots about our panel. */
export const QUIET_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.colorTheme': 'Default Light Modern',
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'security.workspace.trust.enabled': false,
  'editor.hover.delay': 200,
  'editor.minimap.enabled': false,
  'files.autoSave': 'off',
  'window.dialogStyle': 'custom',
};

export interface CodeServerOptions {
  readonly tools: Tools;
  /** A fresh folder for this instance: user data, extensions, config, logs. */
  readonly root: string;
  /** The workspace folder to open. */
  readonly folder: string;
  /** Extra environment (KUBECONFIG, HOME, K8S_ANATOMY_TEST_RESULTS...). `undefined` removes a variable. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** User settings.json content (merged over QUIET_SETTINGS). */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** .vsix files to install before starting. */
  readonly install?: readonly string[];
}

export interface CodeServer {
  readonly url: string;
  readonly port: number;
  readonly folder: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly logFile: string;
  readonly process: Tracked;
  /** Browser URL of the workbench for the folder, optionally with extra query parameters. */
  workbenchUrl(query?: Readonly<Record<string, string>>): string;
  /** Remote URI (for `payload`) of a path on this machine. */
  remoteUri(path: string): string;
  stop(): Promise<void>;
}

function environment(tools: Tools, root: string, extra: Readonly<Record<string, string | undefined>>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Nothing of the test runner, of an enclosing VS Code or of tsx leaks into the extension host.
  for (const key of Object.keys(env)) {
    if (key.startsWith('VSCODE_') || key.startsWith('NODE_TEST') || key === 'NODE_OPTIONS' || key === 'ELECTRON_RUN_AS_NODE' || key === 'KUBECONFIG' || key.startsWith('TSX_')) delete env[key];
  }
  env['PATH'] = `${dirname(tools.nodeBin)}${delimiter}${process.env['PATH'] ?? ''}`;
  env['XDG_CONFIG_HOME'] = join(root, 'xdg', 'config');
  env['XDG_DATA_HOME'] = join(root, 'xdg', 'data');
  env['XDG_CACHE_HOME'] = join(root, 'xdg', 'cache');
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

function httpStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { timeout: 2_000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const { tools, root, folder } = options;
  const userDataDir = join(root, 'user-data');
  const extensionsDir = join(root, 'extensions');
  const configFile = join(root, 'code-server.yaml');
  const logFile = join(root, 'code-server.log');
  for (const dir of [root, join(userDataDir, 'User'), extensionsDir]) mkdirSync(dir, { recursive: true });
  writeFileSync(configFile, 'auth: none\ncert: false\n');
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2));
  const env = environment(tools, root, options.env ?? {});
  const common = ['--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

  for (const vsix of options.install ?? []) {
    const out = await runToEnd('code-server --install-extension', tools.nodeBin, [tools.codeServerEntry, ...common, '--install-extension', vsix, '--force'], {
      env,
      logFile,
      timeoutMs: 120_000,
    });
    if (!/successfully installed/i.test(out)) throw new Error(`installing ${vsix} did not report success:\n${tail(out)}`);
  }

  const port = await freePort();
  const args = [
    tools.codeServerEntry, ...common,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--vscode-option', 'enable-smoke-test-driver',
    folder,
  ];
  const proc = start(`code-server :${port}`, tools.nodeBin, args, { env, logFile, cwd: root });
  const url = `http://127.0.0.1:${port}`;
  const ready = await waitFor(`code-server to listen on ${url}`, 60_000, async () => {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) return 'exited';
    return (await httpStatus(`${url}/healthz`)) === 200 ? 'listening' : undefined;
  }, 250).catch(async (error: unknown) => {
    await stop(proc);
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${tail(proc.output())}`);
  });
  if (ready === 'exited') {
    await stop(proc);
    throw new Error(`code-server exited (${proc.child.exitCode ?? proc.child.signalCode}) before listening:\n${tail(proc.output())}`);
  }
  return {
    url,
    port,
    folder,
    userDataDir,
    extensionsDir,
    logFile,
    process: proc,
    workbenchUrl(query = {}) {
      const params = new URLSearchParams({ folder, ...query });
      return `${url}/?${params.toString()}`;
    },
    remoteUri(path: string) {
      return `vscode-remote://127.0.0.1:${port}${path}`;
    },
    async stop() {
      await stop(proc);
    },
  };
}
