#!/usr/bin/env node
// Process wiring for `k8s-anatomy`: real stdin/stdout/stderr, Ctrl-C, and the exit code.

import { basename } from 'node:path';
import { run } from './run';

// Run as `kubectl anatomy` when kubectl found us on PATH as its plugin `kubectl-anatomy` (the
// package's second bin): help then names the command the way the user typed it.
const asKubectlPlugin = /^kubectl-anatomy(\.js|\.cmd|\.exe)?$/i.test(basename(process.argv[1] ?? ''));

const controller = new AbortController();
let interrupted = false;
process.on('SIGINT', () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  controller.abort();
});
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // `k8s-anatomy check | head`: the reader went away; that is not a failure of ours.
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdoutIsTty: process.stdout.isTTY === true,
  stderrIsTty: process.stderr.isTTY === true,
  env: process.env,
  signal: controller.signal,
  ...(asKubectlPlugin ? { programName: 'kubectl anatomy' } : {}),
}).then(
  (code) => {
    // Exit once the output is flushed, even if something (a hung credential plugin) still runs.
    process.stdout.write('', () => process.exit(code));
  },
  (error: unknown) => {
    process.stderr.write(`k8s-anatomy: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
