// Read-only YAML copies of the objects of the last diagnosis (the `k8s-anatomy:` documents): from
// the built-in sample's own objects, or one GET against the cluster, parsed by the reader's JSON
// parse (parseJsonObject: a body that is not a JSON object is a ClusterError that never quotes
// it). Managed fields and the last-applied annotation are dropped (presentable).

import { stringify } from 'yaml';
import type { DumpObject } from '../../core/dump';
import type { ObjectRef, ReadinessReport } from '../../core/model';
import { meta } from '../../core/read';
import { createTransport, parseJsonObject, statusError } from '../../k8s/http';
import type { LoadedKubeconfig } from '../../k8s/kubeconfig';
import { apiPathOf, presentable } from '../../k8s/objectPaths';
import type { PanelSource } from '../../protocol/messages';
import type { Log } from '../log';

const OBJECT_TIMEOUT_MS = 15_000;

/** What the copy is made from: the last diagnosis and where it came from. */
export interface ObjectSource {
  readonly report: ReadinessReport | null;
  readonly source: PanelSource | null;
  /** The sample's objects when the source is a sample. */
  readonly sampleObjects: readonly DumpObject[];
  /** The kubeconfig to GET with (the running reader's, else loaded now). Throws ClusterError. */
  readonly kubeconfig: () => LoadedKubeconfig;
}

/** Is this object part of the report (a finding's subject or a node)? */
export function reportKnows(report: ReadinessReport | null | undefined, ref: ObjectRef): boolean {
  if (!report) return false;
  if (ref.kind === 'Node' && ref.namespace === '') return report.nodes.some((n) => n.name === ref.name);
  return report.findings.some((f) => f.subject.kind === ref.kind && f.subject.namespace === ref.namespace && f.subject.name === ref.name);
}

export async function objectYaml(ref: ObjectRef, from: ObjectSource, log: Log, signal?: AbortSignal): Promise<string> {
  const label = `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
  if (!reportKnows(from.report, ref)) throw new Error(`${label} is not part of the last readiness check`);
  const source = from.source;
  if (source?.kind === 'sample') {
    const found = from.sampleObjects.find((o) => o.object['kind'] === ref.kind && meta(o.object).namespace === ref.namespace && meta(o.object).name === ref.name);
    if (!found) throw new Error(`${label} is not in sample ${source.name} as an object of its own (its finding comes from the pods it owns)`);
    return `# ${label} from the built-in sample "${source.name}" (read-only).\n${stringify(presentable(found.object))}`;
  }
  const path = apiPathOf(ref);
  if (!path) throw new Error(`K8s Anatomy does not know where the API serves ${ref.kind} objects`);
  const kubeconfig = from.kubeconfig();
  const transport = createTransport(kubeconfig.kc);
  const response = await log.timed(`GET ${label} (context ${kubeconfig.context})`, () => transport.get(path, {
    timeoutMs: OBJECT_TIMEOUT_MS, scope: label, retries: 1, ...(signal ? { signal } : {}),
  })).finally(() => transport.close());
  if (response.status !== 200) throw statusError(response, transport.server, label);
  const object = parseJsonObject(response.body, transport.server, label);
  return `# ${label} as read from context "${kubeconfig.context}" at ${new Date().toISOString()} (read-only; K8s Anatomy never writes to the cluster).\n${stringify(presentable(object))}`;
}
