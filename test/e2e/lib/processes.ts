// Child processes of an end-to-end run, each in its own process group so that stopping one stops
// everything it started (code-server forks its extension hosts and file watchers). Every group is
// killed when the run ends, normally, on an uncaught error, or on SIGINT/SIGTERM/SIGHUP: no orphans.

import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { createServer } from 'node:net';

export interface Tracked {
  readonly name: string;
  readonly child: ChildProcess;
  /** Resolves with the exit code (or signal name) once the process has exited. */
  readonly exited: Promise<number | string>;
  /** Everything it printed so far (stdout and stderr, interleaved), for error messages. */
  output(): string;
}

export interface StartOptions extends Omit<SpawnOptions, 'stdio' | 'detached'> {
  /** Also written here, line by line. */
  readonly logFile?: string;
}

const live = new Set<Tracked>();
let handlersInstalled = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  // Last resort, synchronous: whatever is still alive when this process exits.
  process.on('exit', () => {
    for (const t of live) killGroup(t.child, 'SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      console.error(`\n[e2e] ${signal}: stopping ${[...live].map((t) => t.name).join(', ') || 'nothing'}`);
      for (const t of live) killGroup(t.child, 'SIGKILL');
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

/** Start a process in its own group; its output is kept and optionally logged to a file. */
export function start(name: string, command: string, args: readonly string[], options: StartOptions = {}): Tracked {
  installHandlers();
  const { logFile, ...spawnOptions } = options;
  const child = spawn(command, args, { ...spawnOptions, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let log: WriteStream | undefined = logFile ? createWriteStream(logFile, { flags: 'a' }) : undefined;
  const chunks: string[] = [];
  let size = 0;
  const keep = (data: Buffer) => {
    const text = data.toString('utf8');
    chunks.push(text);
    size += text.length;
    while (size > 200_000 && chunks.length > 1) size -= chunks.shift()!.length;
    log?.write(data);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | string>((resolve) => {
    child.once('error', (error) => {
      keep(Buffer.from(`\n[e2e] could not start ${command}: ${error.message}\n`));
      resolve('spawn-error');
    });
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  const tracked: Tracked = { name, child, exited, output: () => chunks.join('') };
  live.add(tracked);
  void exited.then(() => {
    live.delete(tracked);
    log?.end();
    log = undefined;
  });
  return tracked;
}

/** SIGTERM the process group, then SIGKILL it if it has not exited within `graceMs`. */
export async function stop(tracked: Tracked, graceMs = 5_000): Promise<void> {
  const { child } = tracked;
  if (child.exitCode !== null || child.signalCode !== null) {
    // The leader is gone; its group may not be.
    killGroup(child, 'SIGKILL');
    return;
  }
  killGroup(child, 'SIGTERM');
  const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
  if ((await Promise.race([tracked.exited, timer])) === 'timeout') killGroup(child, 'SIGKILL');
  await Promise.race([tracked.exited, new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
  // Children that outlived the leader (same group) go too.
  try {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // group empty
  }
}

export async function stopAll(): Promise<void> {
  await Promise.all([...live].map((t) => stop(t)));
}

/** Run a command to completion within `timeoutMs`; rejects with its output when it fails. */
export async function runToEnd(name: string, command: string, args: readonly string[], options: StartOptions & { timeoutMs: number }): Promise<string> {
  const { timeoutMs, ...rest } = options;
  const tracked = start(name, command, args, rest);
  const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs).unref());
  const result = await Promise.race([tracked.exited, timer]);
  if (result === 'timeout') {
    await stop(tracked);
    throw new Error(`${name} did not finish within ${timeoutMs / 1000} s:\n${tail(tracked.output())}`);
  }
  if (result !== 0) throw new Error(`${name} failed (${result}):\n${tail(tracked.output())}`);
  return tracked.output();
}

export function tail(text: string, lines = 40): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** Poll `check` until it returns a value other than undefined/false, or throw after `timeoutMs`. */
export async function waitFor<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined | false> | T | undefined | false, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
