// The diagnosis, fed one object at a time. Dumps, samples and the live reader all push
// Kubernetes objects into a ClusterScanner; `finish()` classifies the cluster, applies the
// readiness rules and returns the report and the anatomy graph. The scanner keeps a compact view
// of each node, the pods it recognises as cluster components, and workload findings — never the
// full list of pods — so memory stays flat as the cluster grows.

import type {
  Anatomy, ControlPlaneEntry, CoverageGap, EventFacts, Finding, KubeletEvidence, NodeFacts, NodeReport,
  ReadinessReport, ReportSource, RuleFamily, Severity, SourceLocation, Verdict,
} from './model';
import { RULE_FAMILIES } from './model';
import { eventFacts, isCgroupV1Event } from './events';
import { inferKubeletEvidence } from './kubelet';
import { dig, meta, str, arr, isRecord, type Meta } from './read';
import { nodeFacts, dockerPath } from './nodes';
import { nodeFindings } from './nodeRules';
import { ruleFamily } from './rules/catalog';
import { nodeCgroup, runtimeNodeFindings } from './rules/runtimeRules';
import { resolveTarget } from './rules/targets';
import { WorkloadScanner, WORKLOAD_KINDS } from './workloads';
import {
  detectDistribution, detectHa, detectHosting, identifyCni, identifyComponent, imageOf, isMirror,
  type ComponentPod,
} from './controlPlane';
import { runtimeClassEvidence, runtimeClassFacts, type RuntimeClassEvidence, type RuntimeClassFacts } from './runtimeClasses';
import { parseKubeVersion } from './versions';
import { featureFindings } from './rules/featureRules';
import { handlerFindings, missingHandlers } from './rules/runtimeClassRules';
import { schema1Findings } from './rules/schema1Rules';
import { buildAnatomy, groupPools } from './anatomy';
import { ALL_NAMESPACES, isFiltering, scoped, type NamespaceFilter } from './namespaces';

export interface Diagnosis {
  readonly report: ReadinessReport;
  readonly anatomy: Anatomy;
  readonly runtimeClasses: readonly RuntimeClassEvidence[];
  readonly cni: readonly { readonly name: string; readonly pods: number }[];
  readonly stats: ScanStats;
}

export interface ScanStats {
  readonly nodes: number;
  readonly pods: number;
  readonly workloads: number;
  readonly ignored: number;
}

export interface FinishOptions {
  readonly source?: ReportSource;
  /**
   * Kubernetes version to judge against, e.g. `1.36`; default: the minor after the server's, and
   * at least 1.24 (rules/targets.ts). A target newer than the support facts cover is refused.
   */
  readonly target?: string;
  /** Why `target` was asked for, for the report (e.g. "given with --target-version"). */
  readonly targetReason?: string;
  /**
   * Say so in coverage when the input held no nodes or no workloads (dumps: what is absent was
   * not checked). The live reader lists everything and reports failures itself.
   */
  readonly requireNodesAndWorkloads?: boolean;
  /**
   * Results of an earlier full scan for what this scanner was not fed again (LiveCluster
   * re-reads nodes and control-plane pods on every change, not every pod).
   */
  readonly carried?: CarriedResults;
  /** Rule families to judge; default (and when empty) all of RULE_FAMILIES. */
  readonly families?: readonly RuleFamily[];
  /** Today, `YYYY-MM-DD`, for end-of-life dates; the callers pass the clock, tests a fixed day. */
  readonly today?: string;
  /**
   * Judge only these namespaces' workloads (core/namespaces.ts): findings on other namespaces and
   * gaps confined to them do not count, and the verdict is of what is left. Default: all.
   */
  readonly namespaces?: NamespaceFilter;
}

export interface CarriedResults {
  readonly findings: readonly Finding[];
  readonly gaps: readonly CoverageGap[];
  readonly cni: readonly { readonly name: string; readonly pods: number }[];
}

/** Events kept per scan: far more than any rule needs, bounded against a flood. */
const MAX_EVENTS = 10_000;

export { InvalidTargetError } from './rules/targets';

export class ClusterScanner {
  private readonly nodes: NodeFacts[] = [];
  private readonly nodeNames = new Set<string>();
  private readonly components: ComponentPod[] = [];
  private readonly componentKeys = new Set<string>();
  private readonly workloads = new WorkloadScanner();
  private readonly runtimeClasses: RuntimeClassFacts[] = [];
  private readonly runtimeClassUse = new Map<string, number>();
  private readonly cni = new Map<string, number>();
  private readonly namespaces = new Set<string>();
  private readonly gaps: CoverageGap[] = [];
  private apiServerLeases = 0;
  private serverVersion: string | null = null;
  private workloadObjects = 0;
  private ignored = 0;
  private configz = new Map<string, string | null>();
  /** Kubelet answers per node (the opt-in probe, or a dump's NODE.kubelet-* files). */
  private readonly kubeletEvidence = new Map<string, KubeletEvidence>();
  /** Only the Events a rule reads (eventFacts drops the rest), at most MAX_EVENTS of them. */
  private readonly events: EventFacts[] = [];

  setServerVersion(version: string | null): void {
    if (version) this.serverVersion = version;
  }

  /** Record a scope that could not be checked (forbidden namespace, failed list...), with the kind and namespace it covers. */
  skip(scope: string, reason: string, where: { readonly kind?: string; readonly namespace?: string } = {}): void {
    if (this.gaps.some((g) => g.scope === scope)) return;
    this.gaps.push({ scope, reason, ...(where.namespace !== undefined ? { namespace: where.namespace } : {}), ...(where.kind !== undefined ? { kind: where.kind } : {}) });
  }

  /** Record that one namespace's list of `kind` (default Pod) could not be read. */
  skipNamespace(namespace: string, reason: string, kind = 'Pod', resource = 'pods'): void {
    this.skip(namespacedScope(resource, namespace), reason, { namespace, kind });
  }

  /** Kubelet configz evidence for a node (`containerRuntimeEndpoint`), read by the opt-in probe. */
  setConfigzEndpoint(node: string, endpoint: string | null): void {
    this.configz.set(node, endpoint);
  }

  /** What a node's kubelet answered (or what was inferred for it from a pool member). */
  setKubeletEvidence(node: string, evidence: KubeletEvidence): void {
    this.kubeletEvidence.set(node, evidence);
  }

  /** Per node, its newest `CgroupV1` Warning Event (events without a time count as oldest). */
  private cgroupV1Events(): Map<string, EventFacts> {
    const byNode = new Map<string, EventFacts>();
    for (const event of this.events) {
      if (event.type !== 'Warning' || !isCgroupV1Event(event)) continue;
      const seen = byNode.get(event.involved.name);
      if (!seen || (event.lastSeen ?? '') > (seen.lastSeen ?? '')) byNode.set(event.involved.name, event);
    }
    return byNode;
  }

  /** An Event (core/v1 or events.k8s.io/v1); kept only when a rule reads it. */
  addEvent(object: unknown): void {
    const facts = eventFacts(object);
    if (facts && this.events.length < MAX_EVENTS) this.events.push(facts);
    else if (!facts) this.ignored++;
  }

  /** Any object from a dump or the API; unknown kinds are counted and ignored. */
  add(object: unknown, source?: SourceLocation, locate?: (p: readonly (string | number)[]) => number | undefined): void {
    if (!isRecord(object)) {
      this.ignored++;
      return;
    }
    const kind = str(object['kind']);
    if (kind === 'Node') this.addNode(object);
    else if (kind === 'Pod') this.addPod(object, source, locate);
    else if (WORKLOAD_KINDS.includes(kind)) this.addWorkload(object, source, locate);
    else if (kind === 'RuntimeClass') this.addRuntimeClass(object);
    else if (kind === 'Lease') this.addLease(object);
    else if (kind === 'Namespace') this.namespaces.add(meta(object).name);
    else if (kind === 'Event') this.addEvent(object);
    else this.ignored++;
  }

  addNode(object: unknown): void {
    const facts = nodeFacts(object);
    if (this.nodeNames.has(facts.name)) return; // the same node in two dump files
    this.nodeNames.add(facts.name);
    this.nodes.push(facts);
  }

  addPod(object: unknown, source?: SourceLocation, locate?: (p: readonly (string | number)[]) => number | undefined): void {
    const m = meta(object);
    const spec = dig(object, 'spec');
    if (m.namespace) this.namespaces.add(m.namespace);
    const component = identifyComponent(m, spec);
    const running = str(dig(object, 'status', 'phase')) === 'Running';
    if (component) {
      const key = `${m.namespace}/${m.name}`;
      if (!this.componentKeys.has(key)) {
        this.componentKeys.add(key);
        this.components.push({
          component, namespace: m.namespace, name: m.name,
          node: str(dig(spec, 'nodeName')) || null,
          ready: podReady(object),
          mirror: isMirror(m),
          image: imageOf(spec),
        });
      }
    } else {
      const cni = identifyCni(m);
      if (cni) this.cni.set(cni, (this.cni.get(cni) ?? 0) + 1);
    }
    const runtimeClass = str(dig(spec, 'runtimeClassName'));
    if (runtimeClass && running) this.runtimeClassUse.set(runtimeClass, (this.runtimeClassUse.get(runtimeClass) ?? 0) + 1);
    this.workloads.addPod(object, m, source, locate);
  }

  addWorkload(object: unknown, source?: SourceLocation, locate?: (p: readonly (string | number)[]) => number | undefined): void {
    this.workloadObjects++;
    const m = meta(object);
    if (m.namespace) this.namespaces.add(m.namespace);
    this.workloads.addWorkload(object, m, source, locate);
  }

  /** Owner links only, from metadata of ReplicaSets and Jobs (the live reader's owner index). */
  addOwnership(kind: string, m: Meta): void {
    this.workloads.addOwnership(kind, m);
  }

  addRuntimeClass(object: unknown): void {
    this.runtimeClasses.push(runtimeClassFacts(object));
  }

  addLease(object: unknown): void {
    const m = meta(object);
    if (m.namespace === 'kube-system' && m.labels['k8s.io/component'] === 'kube-apiserver') this.apiServerLeases++;
  }

  /** The runtime rules for workloads (rt-workloads); see judgeRuntimeWorkloads below. */
  private runtimeWorkloadRules(nodes: readonly NodeFacts[], families: readonly RuleFamily[]): RuntimeWorkloadResults {
    return judgeRuntimeWorkloads({ workloads: this.workloads, runtimeClasses: this.runtimeClasses, events: this.events }, nodes, families);
  }

  finish(options: FinishOptions = {}): Diagnosis {
    const server = parseKubeVersion(this.serverVersion);
    const resolved = resolveTarget(options.target, this.serverVersion, options.targetReason);
    const target = resolved.version;
    const families = selectedFamilies(options.families);
    const judgedFamilies = new Set<RuleFamily>(families);
    // Sorted by name: a live list (key order) and a dump (file order) give the same report.
    const nodes = this.nodes
      .map((n) => (this.configz.has(n.name) ? { ...n, configzEndpoint: this.configz.get(n.name) ?? null } : n))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const allGaps = [...this.gaps];
    for (const gap of options.carried?.gaps ?? []) if (!allGaps.some((g) => g.scope === gap.scope)) allGaps.push(gap);
    if (options.requireNodesAndWorkloads) {
      if (nodes.length === 0) allGaps.push({ scope: 'nodes', reason: 'the input holds no Node objects, so no node runtime was checked', kind: 'Node' });
      if (this.workloads.podsScanned === 0 && this.workloadObjects === 0) {
        allGaps.push({ scope: 'workloads', reason: 'the input holds no Pods or workloads (Deployments, DaemonSets, ...), so no hostPath was checked' });
      }
    }

    const distribution = detectDistribution({ nodes, serverVersion: this.serverVersion, components: this.components, namespaces: this.namespaces });
    const hosting = detectHosting(distribution, nodes, this.components);
    const ha = detectHa(hosting, distribution, nodes, this.components, this.apiServerLeases);

    const cgroupEvents = this.cgroupV1Events();
    const nodeReports: NodeReport[] = nodes.map((n) => {
      const cgroup = nodeCgroup(n, this.kubeletEvidence.get(n.name), cgroupEvents.get(n.name));
      return {
        name: n.name,
        kubeletVersion: n.kubeletVersion,
        os: n.os,
        roles: n.roles,
        runtime: { name: n.runtime.name, version: n.runtime.version, raw: n.runtime.raw },
        dockerShim: dockerPath(n).shim,
        osImage: n.osImage,
        cgroup: { version: cgroup.version, evidence: cgroup.evidence },
        runtimeHandlers: n.runtimeHandlers,
      };
    });
    const everyNodeHasDocker = nodeReports.length > 0 && nodeReports.every((n) => n.dockerShim === 'cri-dockerd');
    const filter = options.namespaces ?? ALL_NAMESPACES;
    const everyFamily = families.length === RULE_FAMILIES.length;
    const runtimeContext = (n: NodeFacts) => {
      const evidence = this.kubeletEvidence.get(n.name);
      const event = cgroupEvents.get(n.name);
      return {
        target: resolved.minor,
        ...(options.today !== undefined ? { today: options.today } : {}),
        ...(evidence ? { evidence } : {}),
        ...(event ? { cgroupV1Event: event } : {}),
      };
    };
    const runtimeWorkload = this.runtimeWorkloadRules(nodes, families);
    for (const gap of runtimeWorkload.gaps) if (!allGaps.some((g) => g.scope === gap.scope)) allGaps.push(gap);
    const judged = scoped(dedupe([
      ...nodes.flatMap((n) => nodeFindings(n, { target, server })),
      ...nodes.flatMap((n) => runtimeNodeFindings(n, runtimeContext(n))),
      ...this.workloads.findings({ everyNodeHasDocker }),
      ...runtimeWorkload.findings,
      ...(options.carried?.findings ?? []),
    ].filter((f) => {
      // A rule this catalog does not know (a carried finding from a newer version) is kept only
      // when every family is judged.
      const family = ruleFamily(f.rule);
      return family === undefined ? everyFamily : judgedFamilies.has(family);
    })), allGaps, filter);
    const findings: Finding[] = judged.findings.sort(compareFindings);
    const gaps = judged.gaps;

    const verdict = readinessVerdict(findings, gaps, nodes.map((n) => n.runtime));

    const controlPlane: ControlPlaneEntry[] = this.components
      .map(({ component, namespace, name, node, ready }) => ({ component, namespace, name, node, ready }))
      .sort((a, b) => a.component.localeCompare(b.component) || a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));

    const cluster = { serverVersion: this.serverVersion, distribution, controlPlane: hosting, ha: ha.ha };
    const report: ReadinessReport = {
      schemaVersion: 1,
      verdict,
      cluster,
      nodes: nodeReports,
      controlPlane,
      findings,
      coverage: { skipped: gaps },
      ...(options.source ? { source: options.source } : {}),
      target: resolved.minor,
      targetReason: resolved.reason,
      families,
      ...(isFiltering(filter) ? { namespaces: { include: [...filter.include], exclude: [...filter.exclude] } } : {}),
    };
    const runtimeClasses = this.runtimeClasses.map((rc) => runtimeClassEvidence(rc, this.runtimeClassUse.get(rc.name) ?? 0, nodes));
    const cni = options.carried?.cni.length
      ? [...options.carried.cni]
      : [...this.cni.entries()].map(([name, pods]) => ({ name, pods })).sort((a, b) => b.pods - a.pods);
    const anatomy = buildAnatomy({
      cluster, nodes, pools: groupPools(nodes), components: this.components, fronts: ha.fronts, apiServers: ha.apiServers,
      findings, runtimeClasses, cni,
    });
    return {
      report, anatomy, runtimeClasses, cni,
      stats: { nodes: nodes.length, pods: this.workloads.podsScanned, workloads: this.workloadObjects, ignored: this.ignored },
    };
  }
}

/** The families to judge, in RULE_FAMILIES order; none given (or an empty list) means all. */
function selectedFamilies(requested: readonly RuleFamily[] | undefined): readonly RuleFamily[] {
  if (!requested || requested.length === 0) return RULE_FAMILIES;
  return RULE_FAMILIES.filter((f) => requested.includes(f));
}

// ---- What workloads need from the runtime (issue 12 §2: runtime-feature-missing, ------------
// ---- runtimeclass-handler-missing, schema1-image). Kept apart from finish() on purpose. -------

export interface RuntimeWorkloadResults {
  readonly findings: readonly Finding[];
  readonly gaps: readonly CoverageGap[];
}

/** Judge the scanned workloads, RuntimeClasses and Events against every node, for the families asked. */
function judgeRuntimeWorkloads(
  scan: { workloads: WorkloadScanner; runtimeClasses: readonly RuntimeClassFacts[]; events: readonly EventFacts[] },
  nodes: readonly NodeFacts[],
  families: readonly RuleFamily[],
): RuntimeWorkloadResults {
  const findings: Finding[] = [];
  const gaps: CoverageGap[] = [];
  if (families.includes('features')) {
    const classes = new Map(scan.runtimeClasses.map((rc) => [rc.name, rc]));
    const lookup = (name: string) => {
      const rc = classes.get(name);
      return rc ? { handler: rc.handler, scheduling: { nodeSelector: rc.nodeSelector, tolerations: rc.tolerations } } : undefined;
    };
    const judged = featureFindings(scan.workloads.featureUses(), nodes, lookup);
    findings.push(...judged.findings);
    gaps.push(...judged.gaps);
  }
  if (families.includes('runtime')) {
    findings.push(...handlerFindings(missingHandlers(scan.runtimeClasses, nodes), scan.workloads.runtimeClassUses()));
    findings.push(...schema1Findings(scan.events, (namespace, name) => scan.workloads.pullingPod(namespace, name)));
  }
  return { findings, gaps };
}

function podReady(object: unknown): boolean | null {
  const ready = arr(dig(object, 'status', 'conditions')).find((c) => isRecord(c) && c['type'] === 'Ready');
  if (isRecord(ready)) return ready['status'] === 'True';
  const phase = str(dig(object, 'status', 'phase'));
  return phase ? phase === 'Running' : null;
}

function dedupe(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.rule}|${f.subject.kind}|${f.subject.namespace}|${f.subject.name}|${f.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

function compareFindings(a: Finding, b: Finding): number {
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]
    || a.rule.localeCompare(b.rule)
    || a.subject.kind.localeCompare(b.subject.kind)
    || a.subject.namespace.localeCompare(b.subject.namespace)
    || a.subject.name.localeCompare(b.subject.name)
    || a.path.localeCompare(b.path);
}

/** Diagnose a whole list of objects at once (dumps, samples, tests). */
export function diagnoseObjects(
  objects: readonly { object: unknown; file?: string; line?: number; locate?: (p: readonly (string | number)[]) => number | undefined }[],
  serverVersion: string | null,
  options: FinishOptions = {},
  kubelet?: ReadonlyMap<string, KubeletEvidence>,
): Diagnosis {
  const scanner = new ClusterScanner();
  scanner.setServerVersion(serverVersion);
  for (const item of objects) {
    const source = item.file !== undefined ? { file: item.file, ...(item.line !== undefined ? { line: item.line } : {}) } : undefined;
    scanner.add(item.object, source, item.locate);
  }
  // A dump's saved kubelet answers (NODE.kubelet-*), with pool peers inferred as the live probe does.
  if (kubelet && kubelet.size > 0) {
    const nodes = objects.filter((o) => isRecord(o.object) && o.object['kind'] === 'Node').map((o) => nodeFacts(o.object));
    for (const [node, evidence] of inferKubeletEvidence(nodes, kubelet)) scanner.setKubeletEvidence(node, evidence);
    // What the live probe does with a configz it read (never with one inferred from a peer).
    for (const [node, evidence] of kubelet) if (evidence.readFrom === node && evidence.containerRuntimeEndpoint) scanner.setConfigzEndpoint(node, evidence.containerRuntimeEndpoint);
  }
  return scanner.finish(options);
}

/**
 * The verdict rule (docs/architecture.md), in one place: any error finding → `not-ready`; else any scope that
 * could not be read, or any node whose runtime is not known → `unknown`; else `ready`.
 */
export function readinessVerdict(
  findings: readonly Pick<Finding, 'severity'>[],
  gaps: readonly unknown[],
  runtimes: readonly { readonly name: string; readonly version: string | null }[],
): Verdict {
  if (findings.some((f) => f.severity === 'error')) return 'not-ready';
  const unknownRuntime = runtimes.some((r) => r.name === 'unknown' || r.version === null);
  return gaps.length > 0 || unknownRuntime ? 'unknown' : 'ready';
}

/** The coverage scope of one namespace's pods: the readers write it (the text users read). */
export function podsScope(namespace: string): string {
  return namespacedScope('pods', namespace);
}

/** The coverage scope of one namespace's list of a resource, e.g. `deployments in namespace ci`. */
export function namespacedScope(resource: string, namespace: string): string {
  return `${resource} in namespace ${namespace}`;
}
