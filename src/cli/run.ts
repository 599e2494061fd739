// `k8s-anatomy`: the same core and reader as the extension, for terminals and CI.
// `run()` takes its input and output as parameters so tests drive it without a process.

import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseInvocation, UsageError, USAGE, type Invocation, type Source } from './args';
import { InvalidTargetError, diagnoseObjects, type Diagnosis } from '../core/diagnose';
import { DumpError } from '../core/dump';
import { anatomyToMermaid } from '../core/mermaid';
import { lookupKnowledge, searchKnowledge, KNOWLEDGE } from '../core/knowledge';
import { renderText } from '../core/render/text';
import { renderTopologyPage } from '../core/render/html';
import { renderFleetDocument, renderFleetText } from '../core/render/fleet';
import { renderReportDocument } from '../core/render/document';
import { ContextSelectionError, type FleetReport } from '../core/fleet';
import { createNonce } from '../core/render/page';
import { escapeTerminal } from '../core/escape';
import { PRODUCT_ID, VERSION } from '../core/product';
import { isRecord } from '../core/read';
import { loadDumps } from '../k8s/dumpFiles';
import { collect, CollectError } from './collect';
import { listSamples, loadSample, UnknownSampleError } from '../k8s/samples';
import { ClusterError, adviceFor } from '../k8s/errors';
import type { ReadinessReport, RuleFamily } from '../core/model';
import type { NamespaceFilter } from '../core/namespaces';

export const EXIT = { ready: 0, findings: 1, failed: 2, incomplete: 3 } as const;

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stdoutIsTty: boolean;
  readonly stderrIsTty: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly stdin?: () => Promise<Buffer>;
  readonly signal?: AbortSignal;
  /** Today, `YYYY-MM-DD`, for end-of-life dates; default the clock's UTC date (tests fix it). */
  readonly today?: string;
  /** How the user ran us, for help and hints: `k8s-anatomy` (default) or `kubectl anatomy` (the kubectl plugin). */
  readonly programName?: string;
}

/** The usage text as the user ran us: `kubectl anatomy check …` when run as the kubectl plugin. */
function asRun(text: string, io: Pick<CliIo, 'programName'>): string {
  const name = io.programName ?? PRODUCT_ID;
  return name === PRODUCT_ID ? text : text.replace(/\bk8s-anatomy(?= )/g, name);
}

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let invocation: Invocation;
  try {
    invocation = parseInvocation(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`k8s-anatomy: ${error.message}\n${asRun(`Run \`k8s-anatomy ${error.topic ? `${error.topic} ` : ''}--help\` for usage.`, io)}\n`);
      return EXIT.failed;
    }
    throw error;
  }
  try {
    switch (invocation.command) {
      case 'help':
        io.stdout(`${asRun(USAGE[invocation.topic ?? 'main'], io)}\n`);
        return EXIT.ready;
      case 'version':
        io.stdout(`${PRODUCT_ID} ${VERSION}\n`);
        return EXIT.ready;
      case 'explain':
        return explain(invocation.term, io);
      case 'check':
      case 'topology':
        return await diagnoseAndRender(invocation, io);
      case 'collect':
        return await collect(invocation, io);
    }
  } catch (error) {
    return reportFailure(error, io);
  }
}

async function diagnoseAndRender(invocation: Extract<Invocation, { command: 'check' | 'topology' }>, io: CliIo): Promise<number> {
  if (invocation.source.kind === 'sample' && invocation.source.name === null) {
    io.stdout(listSamplesText());
    return EXIT.ready;
  }
  if (invocation.command === 'check' && invocation.fleet) {
    const { checkFleet } = await import('./fleet');
    return checkFleet({ ...invocation, fleet: invocation.fleet }, io);
  }
  const diagnosis = await diagnose(invocation.source, invocation, io);
  if (invocation.command === 'check') {
    const report = diagnosis.report;
    io.stdout(renderReport(report, invocation.output, io));
    return exitCodeFor(report, invocation.failOn);
  }
  const output = renderTopology(diagnosis, invocation.format);
  if (invocation.out) {
    await writeFile(invocation.out, output);
    io.stderr(`k8s-anatomy: wrote ${invocation.out}\n`);
  } else {
    io.stdout(output);
  }
  return EXIT.ready;
}

export interface DiagnoseSettings {
  readonly target?: string;
  /** Whose workloads are judged; default all. The live reader lists only what it needs. */
  readonly namespaces?: NamespaceFilter;
  readonly families?: readonly RuleFamily[];
  /** The opt-in kubelet probe (configz and metrics through nodes/proxy). */
  readonly kubeletProbe: boolean;
  readonly timeoutSeconds: number;
  readonly progress: boolean | 'auto';
}

/** Read the source and diagnose it. Throws DumpError, ClusterError and friends. */
export async function diagnose(source: Source, settings: DiagnoseSettings, io: CliIo): Promise<Diagnosis> {
  const finish = {
    ...(settings.target ? { target: settings.target, targetReason: 'given with --target-version' } : {}),
    ...(settings.families ? { families: settings.families } : {}),
    ...(settings.namespaces ? { namespaces: settings.namespaces } : {}),
    today: io.today ?? new Date().toISOString().slice(0, 10),
  };
  if (source.kind === 'dump') {
    const loaded = await loadDumps(source.paths, io.stdin ? { stdin: io.stdin } : {});
    return diagnoseObjects(loaded.objects, loaded.serverVersion, { ...finish, requireNodesAndWorkloads: true, source: { kind: 'dump', files: loaded.files } }, loaded.kubelet);
  }
  if (source.kind === 'sample') {
    const name = source.name ?? '';
    const loaded = await loadSample(name);
    return diagnoseObjects(loaded.objects, loaded.serverVersion, { ...finish, requireNodesAndWorkloads: true, source: { kind: 'sample', name } }, loaded.kubelet);
  }
  // Loaded on demand: dumps and samples never pay for client-node's start-up.
  const { checkContext } = await import('../k8s/check');
  const showProgress = settings.progress === 'auto' ? io.stderrIsTty : settings.progress;
  let context = '';
  let lastDraw = 0;
  const { diagnosis, outcome } = await checkContext({
    ...(source.kubeconfig ? { kubeconfig: source.kubeconfig } : {}),
    ...(source.context ? { context: source.context } : {}),
    env: io.env,
    finish,
    ...(settings.namespaces ? { namespaces: settings.namespaces } : {}),
    timeoutMs: settings.timeoutSeconds * 1000,
    kubeletProbe: settings.kubeletProbe,
    ...(io.signal ? { signal: io.signal } : {}),
    onLoaded: (loaded) => { context = loaded.context; },
    ...(showProgress ? {
      onProgress: (p) => {
        const now = Date.now();
        if (now - lastDraw < 100) return;
        lastDraw = now;
        io.stderr(`\rreading ${context}: ${p.pages} pages, ${p.objects.toLocaleString('en-US')} objects (${p.current})\u001b[K`);
      },
    } : {}),
  });
  if (showProgress) io.stderr(`\rread ${outcome.objects.toLocaleString('en-US')} objects in ${outcome.pages} pages from ${context}\u001b[K\n`);
  if (outcome.configzForbidden > 0) io.stderr(`k8s-anatomy: note: ${configzNote(outcome.configzForbidden)}\n`);
  return diagnosis;
}

/** The note when the kubelet probe was refused (`get nodes/proxy`) for some nodes. */
export function configzNote(nodes: number): string {
  return `get nodes/proxy is forbidden for ${nodes} node(s), so their kubelet configz and metrics were not read; their runtimes were judged from the Node objects alone`;
}

export function renderReport(report: ReadinessReport, output: 'text' | 'json' | 'markdown' | 'sarif', io: Pick<CliIo, 'stdoutIsTty' | 'env'>): string {
  if (output !== 'text') return renderReportDocument(report, output);
  return renderText(report, { color: io.stdoutIsTty && io.env['NO_COLOR'] === undefined && io.env['TERM'] !== 'dumb' });
}

/** The fleet report (`check --all-contexts`) in the chosen format: the fleet renderers of core. */
export function renderFleetOutput(fleet: FleetReport, output: 'text' | 'json' | 'markdown' | 'sarif', io: Pick<CliIo, 'stdoutIsTty' | 'env'>): string {
  if (output !== 'text') return renderFleetDocument(fleet, output);
  return renderFleetText(fleet, { color: io.stdoutIsTty && io.env['NO_COLOR'] === undefined && io.env['TERM'] !== 'dumb' });
}

export function renderTopology(diagnosis: Diagnosis, format: 'mermaid' | 'json' | 'html'): string {
  const mermaid = anatomyToMermaid(diagnosis.anatomy);
  if (format === 'mermaid') return `${mermaid}\n`;
  if (format === 'json') return `${JSON.stringify(diagnosis.anatomy, null, 2)}\n`;
  const source = diagnosis.report.source;
  const title = source?.kind === 'cluster' ? source.context : source?.kind === 'sample' ? `sample ${source.name}` : source?.kind === 'dump' ? source.files.join(', ') : 'cluster';
  return renderTopologyPage({
    title: `K8s Anatomy — ${title}`,
    mermaidSource: mermaid,
    anatomy: diagnosis.anatomy,
    report: diagnosis.report,
    knowledge: KNOWLEDGE,
    mermaidScript: mermaidScript(),
    nonce: createNonce(),
    generatedAt: new Date().toISOString(),
  });
}

/** The exported page's diagram library (mermaid with ELK inside: webview/mermaidBundle.ts), built into `dist/webview`. */
function mermaidScript(): string {
  const candidates = [
    join(__dirname, 'webview', 'mermaid-page.js'),
    join(__dirname, '..', '..', 'dist', 'webview', 'mermaid-page.js'),
  ];
  const found = candidates.find((file) => existsSync(file));
  if (!found) throw new Error('the mermaid library is missing from this installation (dist/webview/mermaid-page.js); rebuild with `npm run build`');
  return readFileSync(found, 'utf8');
}

export function exitCodeFor(report: ReadinessReport, failOn: 'error' | 'warning' | 'never'): number {
  const failing = failOn === 'never' ? false
    : report.findings.some((f) => f.severity === 'error' || (failOn === 'warning' && f.severity === 'warning'));
  if (failing) return EXIT.findings;
  if (report.verdict === 'unknown' || (report.verdict === 'not-ready' && report.coverage.skipped.length > 0)) return EXIT.incomplete;
  return EXIT.ready;
}

function listSamplesText(): string {
  const samples = listSamples();
  const width = Math.max(...samples.map((s) => s.name.length));
  return `Built-in samples (k8s-anatomy check --sample NAME):\n${samples.map((s) => `  ${s.name.padEnd(width)}  ${s.title}${s.default ? ' (default)' : ''}`).join('\n')}\n`;
}

function explain(term: string, io: CliIo): number {
  const entry = lookupKnowledge(term);
  if (!entry) {
    const suggestions = searchKnowledge(term);
    io.stderr(`k8s-anatomy: nothing known as "${escapeTerminal(term.slice(0, 80))}".${suggestions.length ? ` Did you mean: ${suggestions.map((s) => s.key).join(', ')}?` : ''}\nKnown terms include: containerd, cri-o, dockershim, cri-dockerd, runc, gvisor, kata, kubelet, etcd, kube-vip, static-pods.\n`);
    return EXIT.failed;
  }
  const lines = [
    `${entry.title}  [${entry.layer}]`,
    `Status: ${entry.status}`,
    '',
    entry.summary,
    '',
    ...entry.body.flatMap((p) => [wrap(p, 96), '']),
    ...(entry.related.length ? [`Related: ${entry.related.join(', ')}`] : []),
    ...entry.links.map((l) => `  ${l.title}: ${l.url}`),
  ];
  io.stdout(`${lines.join('\n')}\n`);
  return EXIT.ready;
}

function wrap(text: string, width: number): string {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      out.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) out.push(line);
  return out.join('\n');
}

function reportFailure(error: unknown, io: CliIo): number {
  if (error instanceof DumpError) {
    io.stderr(`k8s-anatomy: ${escapeTerminal(error.message)}\n`);
  } else if (error instanceof ClusterError) {
    if (error.kind === 'cancelled') {
      io.stderr('\nk8s-anatomy: cancelled\n');
      return 130;
    }
    const advice = adviceFor(error.kind, 'cli');
    io.stderr(`k8s-anatomy: ${escapeTerminal(error.message)}\n${advice ? `  ${advice}\n` : ''}`);
  } else if (error instanceof ContextSelectionError) {
    io.stderr(`k8s-anatomy: ${escapeTerminal(error.message)}\n`);
  } else if (error instanceof UnknownSampleError || error instanceof InvalidTargetError || error instanceof CollectError) {
    io.stderr(`k8s-anatomy: ${error.message}\n`);
  } else if (isWriteError(error)) {
    io.stderr(`k8s-anatomy: cannot write the output: ${(error as Error).message}\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`k8s-anatomy: internal error: ${escapeTerminal(message)}\n  Please report it with the command you ran.${io.env['K8S_ANATOMY_DEBUG'] && error instanceof Error ? `\n${error.stack ?? ''}` : ''}\n`);
  }
  return EXIT.failed;
}

function isWriteError(error: unknown): boolean {
  return isRecord(error) && 'syscall' in error && ['open', 'write'].includes(String(error['syscall']));
}

