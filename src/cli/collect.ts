// `k8s-anatomy collect --out DIR`: a dump of exactly what `check` reads from a live cluster, so
// `check --from DIR` later (or elsewhere) gives the same report. The reader hands every object to
// a scanner; this one also writes each object to its kind's `kubectl get -o json`-shaped List as
// it arrives (memory stays flat), then adds the server version (`kubectl version -o json` shape)
// and, with the kubelet probe, each node's saved answers as NODE.kubelet-configz.json and
// NODE.kubelet-metrics.txt under DIR/kubelet/.
//
// An existing DIR that holds anything is refused unless --force; --force replaces collect's own
// files and the kubelet answers of an earlier collect, and leaves everything else alone.

import { closeSync, mkdirSync, openSync, readdirSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ClusterScanner } from '../core/diagnose';
import { isNodeName, kubeletFileName, kubeletFileOf } from '../core/dump';
import { isRecord, str } from '../core/read';
import { escapeTerminal } from '../core/escape';
import type { Invocation } from './args';
import type { CliIo } from './run';

export class CollectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CollectError';
  }
}

/** Each kind's file (a `List`), in the order they are written. */
const LIST_FILES: Readonly<Record<string, string>> = {
  Node: 'nodes.json',
  Pod: 'pods.json',
  Deployment: 'deployments.json',
  ReplicaSet: 'replicasets.json',
  DaemonSet: 'daemonsets.json',
  StatefulSet: 'statefulsets.json',
  Job: 'jobs.json',
  CronJob: 'cronjobs.json',
  RuntimeClass: 'runtimeclasses.json',
  Lease: 'leases.json',
  Namespace: 'namespaces.json',
  Event: 'events.json',
};
/** `apiVersion` of each kind's items, as `kubectl get -o json` writes them (API list items carry none). */
const API_VERSIONS: Readonly<Record<string, string>> = {
  Node: 'v1', Pod: 'v1', Namespace: 'v1', Event: 'v1', Deployment: 'apps/v1', ReplicaSet: 'apps/v1', DaemonSet: 'apps/v1',
  StatefulSet: 'apps/v1', Job: 'batch/v1', CronJob: 'batch/v1', RuntimeClass: 'node.k8s.io/v1', Lease: 'coordination.k8s.io/v1',
};
const VERSION_FILE = 'version.json';
const KUBELET_DIR = 'kubelet';

/** Writes `{"apiVersion":"v1","kind":"List","items":[…]}` one item at a time. */
class ListWriter {
  private readonly files = new Map<string, { fd: number; count: number }>();

  constructor(private readonly dir: string) {}

  write(kind: string, object: unknown): void {
    const name = LIST_FILES[kind];
    if (!name) return;
    let file = this.files.get(name);
    if (!file) {
      file = { fd: openSync(join(this.dir, name), 'w'), count: 0 };
      writeSync(file.fd, '{"apiVersion":"v1","kind":"List","metadata":{"resourceVersion":""},"items":[\n');
      this.files.set(name, file);
    }
    const item = isRecord(object) ? { apiVersion: API_VERSIONS[kind], kind, ...object } : object;
    writeSync(file.fd, `${file.count > 0 ? ',\n' : ''}${JSON.stringify(item)}`);
    file.count++;
  }

  /**
   * Close every list. A kind with no objects gets no file: `--from` refuses a file without
   * objects, and an absent kind is what the live check saw too.
   */
  close(): number {
    let total = 0;
    for (const file of this.files.values()) {
      writeSync(file.fd, '\n]}\n');
      closeSync(file.fd);
      total += file.count;
    }
    this.files.clear();
    return total;
  }

  abort(): void {
    for (const file of this.files.values()) closeSync(file.fd);
    this.files.clear();
  }
}

/** A scanner that also writes every object it is handed, as the reader hands it over. */
class CollectingScanner extends ClusterScanner {
  constructor(private readonly writer: ListWriter) {
    super();
  }

  override add(object: unknown, ...rest: Parameters<ClusterScanner['add']> extends [unknown, ...infer R] ? R : never): void {
    if (isRecord(object) && object['kind'] === 'Namespace') this.writer.write('Namespace', object);
    super.add(object, ...rest);
  }

  override addNode(object: unknown): void {
    this.writer.write('Node', object);
    super.addNode(object);
  }

  override addPod(object: unknown, ...rest: Parameters<ClusterScanner['addPod']> extends [unknown, ...infer R] ? R : never): void {
    this.writer.write('Pod', object);
    super.addPod(object, ...rest);
  }

  override addWorkload(object: unknown, ...rest: Parameters<ClusterScanner['addWorkload']> extends [unknown, ...infer R] ? R : never): void {
    if (isRecord(object)) this.writer.write(str(object['kind']), object);
    super.addWorkload(object, ...rest);
  }

  override addRuntimeClass(object: unknown): void {
    this.writer.write('RuntimeClass', object);
    super.addRuntimeClass(object);
  }

  override addLease(object: unknown): void {
    this.writer.write('Lease', object);
    super.addLease(object);
  }

  override addEvent(object: unknown): void {
    this.writer.write('Event', object);
    super.addEvent(object);
  }
}

/** Make DIR ready: create it, or accept an empty one, or with `force` clear collect's own files. */
export function prepareOutDir(dir: string, force: boolean): void {
  let entries: string[] | null = null;
  try {
    const info = statSync(dir);
    if (!info.isDirectory()) throw new CollectError(`--out ${dir} is a file, not a directory`);
    entries = readdirSync(dir);
  } catch (error) {
    if (error instanceof CollectError) throw error;
    if (codeOf(error) !== 'ENOENT') throw new CollectError(`cannot use --out ${dir} (${codeOf(error) ?? 'unknown error'})`);
  }
  if (entries && entries.length > 0 && !force) {
    throw new CollectError(`--out ${dir} already holds files; choose a new or empty directory, or add --force to replace the files collect writes there`);
  }
  try {
    mkdirSync(join(dir, KUBELET_DIR), { recursive: true });
    if (force) {
      // An earlier collect's kubelet answers of nodes that are gone must not be read as this cluster's.
      for (const name of readdirSync(join(dir, KUBELET_DIR))) {
        if (kubeletFileOf(name)) rmSync(join(dir, KUBELET_DIR, name));
      }
    }
  } catch (error) {
    throw new CollectError(`cannot write to --out ${dir} (${codeOf(error) ?? 'unknown error'})`);
  }
}

export async function collect(invocation: Extract<Invocation, { command: 'collect' }>, io: CliIo): Promise<number> {
  const [{ loadKubeconfig }, { createTransport, parseJsonObject, statusError }, { scanCluster, pagedList }, { ClusterError }] = await Promise.all([
    import('../k8s/kubeconfig'), import('../k8s/http'), import('../k8s/reader'), import('../k8s/errors'),
  ]);
  const { source } = invocation;
  const loaded = loadKubeconfig({
    ...(source.kubeconfig ? { kubeconfig: source.kubeconfig } : {}),
    ...(source.context ? { context: source.context } : {}),
    env: io.env,
  });
  prepareOutDir(invocation.out, invocation.force);
  const writer = new ListWriter(invocation.out);
  const scanner = new CollectingScanner(writer);
  const transport = createTransport(loaded.kc);
  const showProgress = invocation.progress === 'auto' ? io.stderrIsTty : invocation.progress;
  const timeoutMs = invocation.timeoutSeconds * 1000;
  let written: number;
  let outcome: Awaited<ReturnType<typeof scanCluster>>;
  try {
    const version = await transport.get('/version', { timeoutMs, scope: 'the server version', ...(io.signal ? { signal: io.signal } : {}) });
    if (version.status !== 200) throw statusError(version, transport.server, 'the server version');
    const serverVersion = parseJsonObject(version.body, transport.server, '/version');
    outcome = await scanCluster(transport, scanner, {
      timeoutMs,
      kubeletProbe: invocation.kubeletProbe,
      keepKubeletAnswers: true,
      ...(io.signal ? { signal: io.signal } : {}),
      ...(showProgress ? { onProgress: (p) => io.stderr(`\rcollecting ${loaded.context}: ${p.pages} pages, ${p.objects.toLocaleString('en-US')} objects (${p.current})\u001b[K`) } : {}),
    });
    // Namespaces as well, for a reader of the dump (check itself learns them from the pods).
    try {
      await pagedList(transport, '/api/v1/namespaces', 'namespaces', { timeoutMs, pageSize: 500, ...(io.signal ? { signal: io.signal } : {}) }, (items) => {
        for (const item of items) if (isRecord(item)) writer.write('Namespace', { kind: 'Namespace', apiVersion: 'v1', ...item });
      });
    } catch (error) {
      if (!(error instanceof ClusterError) || error.kind === 'cancelled' || error.kind === 'unauthorized') throw error;
      io.stderr(`k8s-anatomy: collect: namespaces were not saved: ${escapeTerminal(error.message)}\n`);
    }
    writeFileSync(join(invocation.out, VERSION_FILE), `${JSON.stringify({ serverVersion }, null, 2)}\n`);
    written = writer.close();
  } catch (error) {
    writer.abort();
    throw error;
  } finally {
    transport.close();
  }
  if (showProgress) io.stderr('\n');
  let answers = 0;
  for (const [node, answer] of outcome.kubelet?.answers ?? []) {
    if (!isNodeName(node)) {
      io.stderr(`k8s-anatomy: collect: a node's name is not a valid Node name, so its kubelet answers were not saved\n`);
      continue;
    }
    if (answer.configz) writeFileSync(join(invocation.out, KUBELET_DIR, kubeletFileName(node, 'configz')), answer.configz);
    if (answer.metrics) writeFileSync(join(invocation.out, KUBELET_DIR, kubeletFileName(node, 'metrics')), answer.metrics);
    answers++;
  }
  const gaps = scanner.finish().report.coverage.skipped;
  for (const gap of gaps) io.stderr(`k8s-anatomy: collect: not in the dump: ${escapeTerminal(gap.scope)}: ${escapeTerminal(gap.reason)}\n`);
  const probe = outcome.kubelet
    ? `; kubelet answers of ${answers} node(s), ${outcome.kubelet.inferred} more node(s) to be inferred from their pools`
    : '';
  io.stderr(`k8s-anatomy: wrote ${written.toLocaleString('en-US')} objects from ${escapeTerminal(loaded.context)} to ${invocation.out}${probe}\n  check it with: k8s-anatomy check --from ${invocation.out}\n`);
  return gaps.length > 0 ? 3 : 0;
}

function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}
