// `npm run sim -- [flags]`: the simulator as a command. Parses flags into SimOptions, starts the
// server, prints one line with the URL on stdout, and runs until SIGINT or SIGTERM.

import { parseArgs } from 'node:util';
import { parseForbid } from './auth';
import { FAULT_USAGE, parseFault } from './faults';
import { startSimulator, type SimOptions } from './server';
import type { AuthMode } from './auth';
import { defaultSample } from '../../../src/k8s/samples';

export const USAGE = `Usage: npm run sim -- [options]

Serve a simulated Kubernetes API over HTTPS on 127.0.0.1, for kubectl and for tests.

Scenario (combine freely; with none, the default built-in sample):
  --from FILE_OR_DIR        kubectl get -o json|yaml dumps (repeatable); a kubectl version
                            document in them sets the server version
  --sample NAME             a built-in sample from samples/
  --scale nodes=N,pods=M[,seed=S][,profile=2026]
                            generate a large realistic cluster (deterministic for a seed)
  --server-version vX.Y.Z   what /version reports (default: the dump's, else v1.30.0)

Serving:
  --port N                  port on 127.0.0.1 (default 0: any free port)
  --kubeconfig-out PATH     write the kubeconfig here (default: a temp file, printed on stderr)
  --auth cert|token|exec    how the kubeconfig authenticates (default token)
  --discovery aggregated|legacy
                            legacy answers like a server before 1.26 (no aggregated discovery)

Misbehaving on purpose:
  --forbid VERBS:RESOURCES[@NAMESPACES]
                            deny requests with 403 Forbidden (repeatable), e.g.
                            list:pods@team-a   '*:replicasets'   get:nodes/proxy
  --fault SPEC              inject a fault (repeatable):
                              ${FAULT_USAGE.join('\n                              ')}

  -h, --help                show this help

See test/sim/README.md for details.`;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

function parseScale(text: string): NonNullable<SimOptions['scale']> {
  const values: Record<string, number> = {};
  let profile: '2024' | '2026' | undefined;
  for (const part of text.split(',')) {
    const [key = '', value = ''] = part.split('=', 2);
    if (key.trim() === 'profile') {
      if (value.trim() !== '2024' && value.trim() !== '2026') throw new UsageError(`--scale "${text}": profile is 2024 or 2026`);
      profile = value.trim() as '2024' | '2026';
      continue;
    }
    const n = Number(value);
    if (!['nodes', 'pods', 'seed'].includes(key.trim()) || value.trim() === '' || !Number.isInteger(n) || n < 0) {
      throw new UsageError(`--scale "${text}": expected nodes=N,pods=M[,seed=S] with whole numbers`);
    }
    values[key.trim()] = n;
  }
  if (values['nodes'] === undefined || values['pods'] === undefined) throw new UsageError(`--scale "${text}": both nodes=N and pods=M are required`);
  if (values['nodes'] < 1) throw new UsageError('--scale: nodes must be at least 1');
  return { nodes: values['nodes'], pods: values['pods'], ...(values['seed'] !== undefined ? { seed: values['seed'] } : {}), ...(profile ? { profile } : {}) };
}

/** argv (without node and the script) → options, or UsageError; `help` when --help was given. */
export function parseCommandLine(argv: readonly string[]): { help: true } | { help: false; options: SimOptions; usedDefaultSample: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        from: { type: 'string', multiple: true },
        sample: { type: 'string' },
        scale: { type: 'string' },
        'server-version': { type: 'string' },
        port: { type: 'string' },
        'kubeconfig-out': { type: 'string' },
        auth: { type: 'string' },
        discovery: { type: 'string' },
        forbid: { type: 'string', multiple: true },
        fault: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const v = parsed.values;
  if (v.help) return { help: true };
  const port = v.port === undefined ? 0 : Number(v.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port "${v.port}": expected a port number (0 for any free port)`);
  if (v.auth !== undefined && !['cert', 'token', 'exec'].includes(v.auth)) throw new UsageError(`--auth "${v.auth}": expected cert, token or exec`);
  if (v.discovery !== undefined && !['aggregated', 'legacy'].includes(v.discovery)) throw new UsageError(`--discovery "${v.discovery}": expected aggregated or legacy`);
  const faults = v.fault ?? [];
  const forbid = v.forbid ?? [];
  for (const spec of faults) wrap(() => parseFault(spec));
  for (const spec of forbid) wrap(() => parseForbid(spec));
  const hasSource = (v.from?.length ?? 0) > 0 || v.sample !== undefined || v.scale !== undefined;
  const options: SimOptions = {
    ...(v.from ? { from: v.from } : {}),
    ...(v.sample !== undefined ? { sample: v.sample } : {}),
    ...(v.scale !== undefined ? { scale: parseScale(v.scale) } : {}),
    ...(v['server-version'] !== undefined ? { serverVersion: v['server-version'] } : {}),
    port,
    ...(v['kubeconfig-out'] !== undefined ? { kubeconfigOut: v['kubeconfig-out'] } : {}),
    ...(v.auth !== undefined ? { auth: v.auth as AuthMode } : {}),
    ...(v.discovery !== undefined ? { discovery: v.discovery as 'aggregated' | 'legacy' } : {}),
    faults,
    forbid,
  };
  return { help: false, options, usedDefaultSample: !hasSource };
}

function wrap(check: () => unknown): void {
  try {
    check();
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  let command;
  try {
    command = parseCommandLine(argv);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
    return 2;
  }
  if (command.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let options = command.options;
  if (command.usedDefaultSample) {
    try {
      options = { ...options, sample: defaultSample().name };
    } catch {
      process.stderr.write('No --from, --sample or --scale, and no built-in samples found: serving an empty cluster.\n');
    }
  }
  const started = Date.now();
  let sim;
  try {
    sim = await startSimulator(options);
  } catch (error) {
    process.stderr.write(`k8s-anatomy sim: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  process.stdout.write(`K8s Anatomy simulator listening on ${sim.url}\n`);
  process.stderr.write(
    [
      `  server version ${sim.serverVersion}, ${sim.store.count('pods')} pods, ${sim.store.count('nodes')} nodes (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
      `  kubeconfig: ${sim.kubeconfigPath} (auth: ${sim.auth})`,
      `  try: kubectl --kubeconfig ${sim.kubeconfigPath} get nodes -o wide`,
      '  stop with Ctrl-C',
      '',
    ].join('\n'),
  );
  const running = sim;
  return new Promise<number>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      running.close().then(
        () => resolve(0),
        () => resolve(1),
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`k8s-anatomy sim: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(2);
    },
  );
}
