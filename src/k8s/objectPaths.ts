// Where a finding's subject lives in the Kubernetes API, for "open the affected object's YAML".
// Pure. Only the kinds the readiness rules report on; anything else has no path (the caller says
// so rather than guessing an API group).

import type { ObjectRef } from '../core/model';
import { isRecord } from '../core/read';

const RESOURCES: Readonly<Record<string, { readonly prefix: string; readonly plural: string; readonly namespaced: boolean }>> = {
  Node: { prefix: '/api/v1', plural: 'nodes', namespaced: false },
  Pod: { prefix: '/api/v1', plural: 'pods', namespaced: true },
  ReplicationController: { prefix: '/api/v1', plural: 'replicationcontrollers', namespaced: true },
  Deployment: { prefix: '/apis/apps/v1', plural: 'deployments', namespaced: true },
  ReplicaSet: { prefix: '/apis/apps/v1', plural: 'replicasets', namespaced: true },
  DaemonSet: { prefix: '/apis/apps/v1', plural: 'daemonsets', namespaced: true },
  StatefulSet: { prefix: '/apis/apps/v1', plural: 'statefulsets', namespaced: true },
  Job: { prefix: '/apis/batch/v1', plural: 'jobs', namespaced: true },
  CronJob: { prefix: '/apis/batch/v1', plural: 'cronjobs', namespaced: true },
};

const NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

export function isObjectRef(value: unknown): value is ObjectRef {
  if (!isRecord(value)) return false;
  const v = value;
  return typeof v['kind'] === 'string' && typeof v['namespace'] === 'string' && typeof v['name'] === 'string';
}

/** The API path of the object, or null for kinds we do not know or names that are not valid. */
export function apiPathOf(ref: ObjectRef): string | null {
  const resource = RESOURCES[ref.kind];
  if (!resource || !NAME.test(ref.name)) return null;
  if (!resource.namespaced) return ref.namespace === '' ? `${resource.prefix}/${resource.plural}/${encodeURIComponent(ref.name)}` : null;
  if (!NAME.test(ref.namespace)) return null;
  return `${resource.prefix}/namespaces/${encodeURIComponent(ref.namespace)}/${resource.plural}/${encodeURIComponent(ref.name)}`;
}

/** `Deployment/ci/runner.yaml` — the path of the read-only document. */
export function documentPathOf(ref: ObjectRef): string {
  const parts = ref.namespace ? [ref.kind, ref.namespace, ref.name] : [ref.kind, ref.name];
  return `/${parts.map(encodeURIComponent).join('/')}.yaml`;
}

/** The inverse of documentPathOf; null for anything else. */
export function refFromDocumentPath(path: string): ObjectRef | null {
  const m = /^\/([A-Za-z]+)\/(?:([^/]+)\/)?([^/]+)\.yaml$/.exec(path);
  if (!m) return null;
  try {
    return { kind: m[1] as string, namespace: m[2] ? decodeURIComponent(m[2]) : '', name: decodeURIComponent(m[3] as string) };
  } catch {
    return null;
  }
}

/** Drop what makes a read-only copy noisy and could leak (managed fields, last-applied config). */
export function presentable(object: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...object };
  const metadata = copy['metadata'];
  if (isRecord(metadata)) {
    const m: Record<string, unknown> = { ...metadata };
    delete m['managedFields'];
    const annotations = m['annotations'];
    if (isRecord(annotations)) {
      const a = { ...annotations };
      delete a['kubectl.kubernetes.io/last-applied-configuration'];
      m['annotations'] = a;
    }
    copy['metadata'] = m;
  }
  return copy;
}
