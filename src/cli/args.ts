// Command-line parsing for `k8s-anatomy`, exactly per the CLI contract (USAGE; docs/architecture.md). Parsing is
// separate from running so it can be tested without touching a cluster.

import { parseArgs } from 'node:util';
import { isNamespaceName, type NamespaceFilter } from '../core/namespaces';
import { RULE_FAMILIES, type RuleFamily } from '../core/model';
import { newestKnownMinor } from '../core/support';

export type Command = 'check' | 'topology' | 'explain' | 'collect';

export type Source =
  | { readonly kind: 'kubeconfig'; readonly kubeconfig?: string; readonly context?: string }
  | { readonly kind: 'dump'; readonly paths: readonly string[] }
  | { readonly kind: 'sample'; readonly name: string | null };

export type OutputFormat = 'text' | 'json' | 'markdown' | 'sarif';
export type TopologyFormat = 'mermaid' | 'json' | 'html';
export type FailOn = 'error' | 'warning' | 'never';

export type Invocation =
  | { readonly command: 'help'; readonly topic?: Command }
  | { readonly command: 'version' }
  | {
      readonly command: 'check';
      readonly source: Source;
      readonly output: OutputFormat;
      readonly failOn: FailOn;
      readonly target?: string;
      /** `--rules`: the families to judge; absent: all. */
      readonly families?: readonly RuleFamily[];
      /** The kubelet probe (`--kubelet-probe`, or its old name `--configz`). */
      readonly kubeletProbe: boolean;
      readonly timeoutSeconds: number;
      readonly progress: boolean | 'auto';
      /** `--namespace` / `--exclude-namespace`: whose workloads are judged (empty lists: all). */
      readonly namespaces: NamespaceFilter;
      /** `--all-contexts` / `--contexts`: check several contexts of the kubeconfig (a fleet). */
      readonly fleet?: FleetOptions;
    }
  | {
      readonly command: 'topology';
      readonly source: Source;
      readonly format: TopologyFormat;
      readonly out?: string;
      readonly target?: string;
      readonly kubeletProbe: boolean;
      readonly timeoutSeconds: number;
      readonly progress: boolean | 'auto';
      /** `--namespace` / `--exclude-namespace`: whose workloads are judged (empty lists: all). */
      readonly namespaces: NamespaceFilter;
    }
  | { readonly command: 'explain'; readonly term: string }
  // ---- collect (a dump of what check reads) ----
  | {
      readonly command: 'collect';
      readonly source: Extract<Source, { kind: 'kubeconfig' }>;
      readonly out: string;
      /** Write into a DIR that already holds files (collect's own files are replaced). */
      readonly force: boolean;
      readonly kubeletProbe: boolean;
      readonly timeoutSeconds: number;
      readonly progress: boolean | 'auto';
    };

/** How `check` runs over several contexts (src/cli/fleet.ts). */
export interface FleetOptions {
  /** `all` (`--all-contexts`), or the names and globs of `--contexts` (`prod-*`), in the order given. */
  readonly contexts: 'all' | readonly string[];
  /** Clusters checked at the same time (`--concurrency`). */
  readonly concurrency: number;
  /** Each cluster's whole check, credentials to report (`--cluster-timeout`). */
  readonly clusterTimeoutSeconds: number;
}

/** `--concurrency` default: a laptop's share of CPU and sockets; each check is mostly waiting on the network. */
export const DEFAULT_FLEET_CONCURRENCY = 4;
/** `--cluster-timeout` default, in seconds: a 150,000-pod cluster reads in about 12 s here, a slow VPN takes longer. */
export const DEFAULT_CLUSTER_TIMEOUT_SECONDS = 300;

export class UsageError extends Error {
  constructor(message: string, readonly topic?: Command) {
    super(message);
    this.name = 'UsageError';
  }
}

const COMMANDS: readonly Command[] = ['check', 'topology', 'explain', 'collect'];

export function parseInvocation(argv: readonly string[]): Invocation {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' && rest[0] && (COMMANDS as readonly string[]).includes(rest[0]) ? (rest[0] as Command) : undefined;
    return topic ? { command: 'help', topic } : { command: 'help' };
  }
  if (first === '--version' || first === '-v') return { command: 'version' };
  if (!(COMMANDS as readonly string[]).includes(first)) {
    throw new UsageError(first.startsWith('-') ? `expected a command before ${first}` : `unknown command "${first}"; the commands are check, topology, explain and collect`);
  }
  const command = first as Command;
  let parsed;
  try {
    parsed = parseArgs({
      args: [...rest],
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        kubeconfig: { type: 'string' },
        context: { type: 'string' },
        from: { type: 'string', multiple: true, short: 'f' },
        sample: { type: 'boolean' },
        output: { type: 'string', short: 'o' },
        'fail-on': { type: 'string' },
        'target-version': { type: 'string' },
        rules: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        configz: { type: 'boolean' },
        'kubelet-probe': { type: 'boolean' },
        force: { type: 'boolean' },
        timeout: { type: 'string' },
        progress: { type: 'boolean' },
        'no-progress': { type: 'boolean' },
        namespace: { type: 'string', multiple: true, short: 'n' },
        'exclude-namespace': { type: 'string', multiple: true },
        'all-contexts': { type: 'boolean' },
        contexts: { type: 'string', multiple: true },
        concurrency: { type: 'string' },
        'cluster-timeout': { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError(cleanParseError(error), command);
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help', topic: command };

  if (command === 'explain') {
    if (positionals.length === 0) throw new UsageError('explain needs a TERM, e.g. `k8s-anatomy explain containerd`', 'explain');
    return { command: 'explain', term: positionals.join(' ') };
  }

  // `--sample NAME`: parseArgs has no optional-value options, so NAME arrives as a positional.
  const sampleName = values.sample ? (positionals.shift() ?? null) : null;
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, command);
  const sources = [values.from ? 'from' : null, values.sample ? 'sample' : null, values.kubeconfig || values.context ? 'kubeconfig' : null].filter(Boolean);
  if (sources.length > 1) throw new UsageError('choose one source: --kubeconfig/--context, --from or --sample', command);
  const source: Source = values.from
    ? { kind: 'dump', paths: values.from }
    : values.sample
      ? { kind: 'sample', name: sampleName }
      : { kind: 'kubeconfig', ...(values.kubeconfig ? { kubeconfig: values.kubeconfig } : {}), ...(values.context ? { context: values.context } : {}) };
  const timeoutSeconds = values.timeout === undefined ? 60 : Number(values.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) throw new UsageError(`--timeout takes a number of seconds, not "${values.timeout}"`, command);
  const progress = values['no-progress'] ? false : values.progress ? true : 'auto';
  // `--configz` is the old name of `--kubelet-probe`.
  const kubeletProbe = values['kubelet-probe'] === true || values.configz === true;
  if (command === 'collect') {
    if (source.kind !== 'kubeconfig') throw new UsageError('collect reads a live cluster (--kubeconfig/--context); --from and --sample are already dumps', command);
    if (!values.out) throw new UsageError('collect needs --out DIR, the directory to write the dump into', command);
    if (values['all-contexts'] || values.contexts || values.concurrency !== undefined || values['cluster-timeout'] !== undefined) {
      throw new UsageError('collect writes one context\'s dump; --all-contexts, --contexts, --concurrency and --cluster-timeout belong to check', command);
    }
    if (values.output || values['fail-on'] || values.format || values['target-version']) {
      throw new UsageError('collect writes a dump and judges nothing; --output, --fail-on, --format and --target-version belong to check and topology', command);
    }
    return { command, source, out: values.out, force: values.force === true, kubeletProbe, timeoutSeconds, progress };
  }
  if (values.force) throw new UsageError('--force belongs to collect', command);
  const fleet = parseFleet(values, source, command);
  const common = {
    source,
    kubeletProbe,
    timeoutSeconds,
    progress,
    namespaces: {
      include: namespaceNames(values.namespace ?? [], '--namespace', command),
      exclude: namespaceNames(values['exclude-namespace'] ?? [], '--exclude-namespace', command),
    },
    ...(values['target-version'] ? { target: values['target-version'] } : {}),
  } as const;

  if (command === 'check') {
    if (values.format || values.out) throw new UsageError('--format and --out belong to topology; check prints to stdout with --output', command);
    const output = oneOf(values.output ?? 'text', ['text', 'json', 'markdown', 'sarif'], '--output', command);
    const failOn = oneOf(values['fail-on'] ?? 'error', ['error', 'warning', 'never'], '--fail-on', command);
    const families = values.rules === undefined ? undefined : parseFamilies(values.rules, command);
    return { command, output, failOn, ...common, ...(families ? { families } : {}), ...(fleet ? { fleet } : {}) };
  }
  if (values.output || values['fail-on'] || values.rules !== undefined) {
    throw new UsageError('--output, --fail-on and --rules belong to check; topology takes --format and --out', command);
  }
  const format = oneOf(values.format ?? 'mermaid', ['mermaid', 'json', 'html'], '--format', command);
  return { command, format, ...(values.out ? { out: values.out } : {}), ...common };
}

/**
 * `--all-contexts` or `--contexts a,b,'prod-*'` (repeatable), with `--concurrency` and
 * `--cluster-timeout`: only for check, only on a kubeconfig, never with `--context`.
 */
function parseFleet(
  values: { 'all-contexts'?: boolean; contexts?: string[]; concurrency?: string; 'cluster-timeout'?: string; context?: string },
  source: Source, command: Command,
): FleetOptions | undefined {
  const all = values['all-contexts'] === true;
  const listed = values.contexts !== undefined;
  if (!all && !listed) {
    if (values.concurrency !== undefined || values['cluster-timeout'] !== undefined) {
      throw new UsageError('--concurrency and --cluster-timeout belong to --all-contexts and --contexts', command);
    }
    return undefined;
  }
  const flag = all ? '--all-contexts' : '--contexts';
  if (command !== 'check') throw new UsageError(`${flag} belongs to check; topology draws one cluster (pick it with --context)`, command);
  if (all && listed) throw new UsageError('choose --all-contexts or --contexts, not both', command);
  if (source.kind !== 'kubeconfig') throw new UsageError(`${flag} checks the contexts of a kubeconfig; --from and --sample are one cluster each`, command);
  if (values.context !== undefined) throw new UsageError(`--context picks one context; ${flag} picks several: use one of them`, command);
  let contexts: 'all' | string[] = 'all';
  if (listed) {
    contexts = [...new Set((values.contexts ?? []).flatMap((v) => v.split(',')).map((n) => n.trim()).filter((n) => n !== ''))];
    if (contexts.length === 0) throw new UsageError('--contexts needs context names or globs, comma-separated (e.g. --contexts \'prod-*,staging\')', command);
  }
  const concurrency = values.concurrency === undefined ? DEFAULT_FLEET_CONCURRENCY : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new UsageError(`--concurrency takes a whole number from 1 to 64, not "${values.concurrency}"`, command);
  }
  const clusterTimeoutSeconds = values['cluster-timeout'] === undefined ? DEFAULT_CLUSTER_TIMEOUT_SECONDS : Number(values['cluster-timeout']);
  if (!Number.isFinite(clusterTimeoutSeconds) || clusterTimeoutSeconds <= 0) {
    throw new UsageError(`--cluster-timeout takes a number of seconds, not "${values['cluster-timeout']}"`, command);
  }
  return { contexts, concurrency, clusterTimeoutSeconds };
}

/** Each value of a repeatable namespace flag, checked to be a namespace name; each once. */
function namespaceNames(values: readonly string[], flag: string, command: Command): string[] {
  for (const value of values) {
    if (!isNamespaceName(value)) {
      throw new UsageError(`${flag} takes a namespace name (lower-case letters, digits and '-', at most 63), not "${value.slice(0, 80)}"`, command);
    }
  }
  return [...new Set(values)];
}

/** `--rules dockershim,cgroup`: known families only, at least one. */
function parseFamilies(value: string, command: Command): RuleFamily[] {
  const names = value.split(',').map((n) => n.trim()).filter((n) => n !== '');
  const valid = RULE_FAMILIES.join(', ');
  if (names.length === 0) throw new UsageError(`--rules needs at least one rule family: ${valid}`, command);
  const unknown = names.find((n) => !(RULE_FAMILIES as readonly string[]).includes(n));
  if (unknown !== undefined) throw new UsageError(`unknown rule family "${unknown.slice(0, 40)}" in --rules; the families are ${valid}`, command);
  return RULE_FAMILIES.filter((f) => names.includes(f));
}

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string, command: Command): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, not "${value}"`, command);
}

function cleanParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\. To specify a positional argument.*$/s, '').replace(/^Unknown option/, 'unknown option');
}

export const USAGE: Readonly<Record<'main' | Command, string>> = {
  main: `k8s-anatomy — what a Kubernetes cluster is made of, and whether its runtime stack is ready for the next Kubernetes version

Usage:
  k8s-anatomy check    [SOURCE] [--output text|json|markdown|sarif] [--fail-on error|warning|never]
                       [--target-version X.Y] [--rules FAMILY[,FAMILY]]
  k8s-anatomy check    --all-contexts | --contexts NAME_OR_GLOB[,…] [--kubeconfig PATH]
                       [--concurrency N] [--cluster-timeout SECONDS] [check options]
  k8s-anatomy topology [SOURCE] [--format mermaid|json|html] [--out FILE]
  k8s-anatomy explain  TERM
  check and topology also take --namespace NS and --exclude-namespace NS (repeatable)
  k8s-anatomy collect  --out DIR [--kubelet-probe] [--force]

SOURCE (one of):
  (nothing)                     the current context of your kubeconfig
  --kubeconfig PATH [--context NAME]
  --from FILE_OR_DIR            saved \`kubectl get ... -o json|yaml\` output; repeatable; - reads stdin
  --sample [NAME]               a built-in sample cluster (no NAME: list them)

Exit codes:
  0 ready · 1 findings at or above --fail-on · 2 could not run · 3 incomplete (nothing failing
  found, but some scope could not be checked)
  Several contexts: 1 when any cluster has findings at or above --fail-on, else 3 when any is
  incomplete or could not be read, else 0; 2 only for a bad invocation or no kubeconfig.

Also a kubectl plugin: \`kubectl anatomy check …\` (the kubectl-anatomy bin), with the same flags.

Run \`k8s-anatomy COMMAND --help\` for a command's options.`,
  check: `Usage: k8s-anatomy check [SOURCE] [options]

Judge upgrade readiness for a target Kubernetes version: every node's runtime (Docker via
dockershim or cri-dockerd, containerd, CRI-O) against the support facts (containerd 1.x end,
containerd's support table, cgroup v1, kubelet skew, CRI-O's version policy), and every workload
that depends on Docker Engine through a hostPath.

Options:
  -o, --output FORMAT        text (default), json (schemaVersion 1), markdown, sarif
      --fail-on LEVEL        exit 1 when a finding is at least: error (default), warning, never
      --target-version X.Y   judge readiness for this Kubernetes version (default: the minor
                             after the server's, and at least 1.24; at most ${newestKnownMinor()})
      --rules FAMILIES       judge only these rule families, comma-separated: dockershim,
                             runtime, cgroup, kubelet, features (default: all)
      --kubelet-probe        also read each node pool's kubelet /configz and /metrics through
                             the API server (cgroup version, CRI losing support, CRI endpoint).
                             Off by default: it needs get nodes/proxy, which the Kubernetes
                             1.36 docs warn can be abused to run commands in any pod. One node
                             per pool is read, the rest inferred. (--configz: its old name)
      --timeout SECONDS      give up on an unreachable cluster after this long (default 60)
      --progress, --no-progress   progress on stderr (default: only on a terminal)
  -n, --namespace NS         judge only the workloads of namespace NS (repeatable); nodes and
                             the control plane are always read and judged
      --exclude-namespace NS never judge the workloads of namespace NS (repeatable)
SOURCE: --kubeconfig PATH [--context NAME] | --from FILE_OR_DIR ... | --sample [NAME]

Several clusters (a fleet), every option above applying to each:
      --all-contexts         check every context of the kubeconfig (KUBECONFIG merged as
                             kubectl merges it: the first file to set a name wins)
      --contexts LIST        check these contexts: names or globs (* and ?), comma-separated,
                             repeatable, e.g. --contexts 'prod-*,staging'
      --concurrency N        clusters checked at the same time (default ${DEFAULT_FLEET_CONCURRENCY})
      --cluster-timeout SECONDS   give up on one cluster after this long in all, credential
                             plugin included (default ${DEFAULT_CLUSTER_TIMEOUT_SECONDS}); --timeout still bounds each request
  A summary table worst first (not ready, could not be read, unknown, ready), then each
  not-ready cluster's findings; a cluster that cannot be read is a row with its error and
  advice, never a failure of the run. --output json prints { schemaVersion: 1, target,
  clusters: [...] }; sarif has one run per cluster. Without --target-version each cluster is
  judged for the minor after its own server's version, and the JSON's target is null.

Examples:
  k8s-anatomy check
  kubectl get nodes,pods -A -o json | k8s-anatomy check --from -
  k8s-anatomy check --from dump/ --output sarif > anatomy.sarif
  k8s-anatomy check --sample eks-1.23-docker --output json
  k8s-anatomy check --namespace ci --namespace build --exclude-namespace build-old
  k8s-anatomy check --target-version 1.36 --rules runtime,cgroup,kubelet
  k8s-anatomy check --all-contexts --target-version 1.36 --output markdown
  kubectl anatomy check --contexts 'prod-*' --concurrency 8 --output json`,
  topology: `Usage: k8s-anatomy topology [SOURCE] [--format mermaid|json|html] [--out FILE]

Draw the cluster's anatomy: control plane and its hosting, node pools and each pool's runtime
stack down to the OCI runtime, kube-proxy, DNS, CNI.

Options:
      --format FORMAT    mermaid (default), json (the anatomy graph), html (one self-contained
                         page that works offline and explains every component shown)
      --out FILE         write to FILE instead of stdout
  -n, --namespace NS     mark only the findings of namespace NS's workloads (repeatable)
      --exclude-namespace NS   leave out the findings of namespace NS's workloads (repeatable)
SOURCE: --kubeconfig PATH [--context NAME] | --from FILE_OR_DIR ... | --sample [NAME]

Examples:
  k8s-anatomy topology --format html --out anatomy.html
  k8s-anatomy topology --sample k3s-ha`,
  collect: `Usage: k8s-anatomy collect --out DIR [--kubeconfig PATH] [--context NAME] [options]

Save what check reads from a live cluster as a dump, to check later or elsewhere with
\`k8s-anatomy check --from DIR\` (the same report as the live check): Nodes, Pods, workloads,
RuntimeClasses, Leases in kube-system, Namespaces, the Events the rules read and the server
version, as \`kubectl get -o json\` Lists; with --kubelet-probe also NODE.kubelet-configz.json
and NODE.kubelet-metrics.txt for each node read.

Options:
      --out DIR            where to write; created if missing. A DIR that already holds files
                           is refused unless --force (which replaces collect's own files only)
      --kubelet-probe      also save the kubelet answers (needs get nodes/proxy; see check --help)
      --force              write into a DIR that is not empty
      --timeout SECONDS    give up on an unreachable cluster after this long (default 60)
      --progress, --no-progress   progress on stderr (default: only on a terminal)
Exit: 0 written · 3 written, but some scope could not be read (named on stderr; check --from
will not know it was missing) · 2 could not run (unreachable, bad --out, ...)

Examples:
  k8s-anatomy collect --out cluster-dump/
  k8s-anatomy collect --context prod --kubelet-probe --out prod-2026-12-02/`,
  explain: `Usage: k8s-anatomy explain TERM

Explain a component or concept: containerd, cri-dockerd, dockershim, runc, gvisor, kube-vip,
static-pods, a socket path such as /var/run/docker.sock, or a runtime string such as
docker://20.10.17.`,
};
