// The resource types the simulator serves: one table drives discovery, routing, RBAC names,
// tables and field selectors. Kinds found in a dump that are not in the table are registered on
// the fly (see `registerFromObject`), so a `--from` dump with custom resources still loads.

export interface SubresourceInfo {
  readonly name: string;
  readonly kind: string;
  readonly group?: string;
  readonly version?: string;
  readonly verbs: readonly string[];
}

export interface ResourceInfo {
  /** API group; '' is the core (legacy) group served under /api. */
  readonly group: string;
  readonly version: string;
  /** Plural resource name, as in URLs and RBAC rules. */
  readonly plural: string;
  readonly singular: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly verbs: readonly string[];
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
  readonly subresources: readonly SubresourceInfo[];
  /** Field selectors the real apiserver accepts for this resource, besides metadata.name/namespace. */
  readonly fieldSelectors: readonly string[];
  /** Registered from a dump (a custom resource): list items keep their kind and apiVersion. */
  readonly custom: boolean;
}

const CRUD = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] as const;
const STATUS_VERBS = ['get', 'patch', 'update'] as const;

function resource(
  group: string,
  version: string,
  plural: string,
  kind: string,
  namespaced: boolean,
  extra: Partial<Pick<ResourceInfo, 'verbs' | 'shortNames' | 'categories' | 'subresources' | 'fieldSelectors'>> = {},
): ResourceInfo {
  return {
    group,
    version,
    plural,
    singular: kind.toLowerCase(),
    kind,
    namespaced,
    verbs: extra.verbs ?? CRUD,
    shortNames: extra.shortNames ?? [],
    categories: extra.categories ?? [],
    subresources: extra.subresources ?? [],
    fieldSelectors: extra.fieldSelectors ?? [],
    custom: false,
  };
}

function status(kind: string): SubresourceInfo {
  return { name: 'status', kind, verbs: STATUS_VERBS };
}

function scale(): SubresourceInfo {
  return { name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: STATUS_VERBS };
}

/** Built-in resources, in the order real servers list them in discovery. */
export const BUILTIN_RESOURCES: readonly ResourceInfo[] = [
  resource('', 'v1', 'configmaps', 'ConfigMap', true, { shortNames: ['cm'] }),
  resource('', 'v1', 'endpoints', 'Endpoints', true, { shortNames: ['ep'] }),
  resource('', 'v1', 'events', 'Event', true, {
    shortNames: ['ev'],
    fieldSelectors: [
      'involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid',
      'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath',
      'reason', 'reportingComponent', 'source', 'type',
    ],
  }),
  resource('', 'v1', 'namespaces', 'Namespace', false, {
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    shortNames: ['ns'],
    subresources: [status('Namespace'), { name: 'finalize', kind: 'Namespace', verbs: ['update'] }],
    fieldSelectors: ['status.phase'],
  }),
  resource('', 'v1', 'nodes', 'Node', false, {
    shortNames: ['no'],
    subresources: [{ name: 'proxy', kind: 'NodeProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] }, status('Node')],
    fieldSelectors: ['spec.unschedulable'],
  }),
  resource('', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', true, { shortNames: ['pvc'], subresources: [status('PersistentVolumeClaim')] }),
  resource('', 'v1', 'persistentvolumes', 'PersistentVolume', false, { shortNames: ['pv'], subresources: [status('PersistentVolume')] }),
  resource('', 'v1', 'pods', 'Pod', true, {
    shortNames: ['po'],
    categories: ['all'],
    subresources: [
      { name: 'log', kind: 'Pod', verbs: ['get'] },
      status('Pod'),
    ],
    fieldSelectors: [
      'spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork',
      'status.phase', 'status.podIP', 'status.podIPs', 'status.nominatedNodeName',
    ],
  }),
  resource('', 'v1', 'secrets', 'Secret', true, { fieldSelectors: ['type'] }),
  resource('', 'v1', 'serviceaccounts', 'ServiceAccount', true, { shortNames: ['sa'] }),
  resource('', 'v1', 'services', 'Service', true, { shortNames: ['svc'], categories: ['all'], subresources: [status('Service')] }),
  resource('apps', 'v1', 'controllerrevisions', 'ControllerRevision', true),
  resource('apps', 'v1', 'daemonsets', 'DaemonSet', true, { shortNames: ['ds'], categories: ['all'], subresources: [status('DaemonSet')] }),
  resource('apps', 'v1', 'deployments', 'Deployment', true, { shortNames: ['deploy'], categories: ['all'], subresources: [scale(), status('Deployment')] }),
  resource('apps', 'v1', 'replicasets', 'ReplicaSet', true, {
    shortNames: ['rs'],
    categories: ['all'],
    subresources: [scale(), status('ReplicaSet')],
    fieldSelectors: ['status.replicas'],
  }),
  resource('apps', 'v1', 'statefulsets', 'StatefulSet', true, { shortNames: ['sts'], categories: ['all'], subresources: [scale(), status('StatefulSet')] }),
  resource('authorization.k8s.io', 'v1', 'selfsubjectaccessreviews', 'SelfSubjectAccessReview', false, { verbs: ['create'] }),
  resource('batch', 'v1', 'cronjobs', 'CronJob', true, { shortNames: ['cj'], categories: ['all'], subresources: [status('CronJob')] }),
  resource('batch', 'v1', 'jobs', 'Job', true, { categories: ['all'], subresources: [status('Job')], fieldSelectors: ['status.successful'] }),
  resource('coordination.k8s.io', 'v1', 'leases', 'Lease', true),
  // The same Events in their newer shape: the apiserver's field labels for this version name
  // `regarding.*` and `reportingController` where core/v1 says `involvedObject.*` and `reportingComponent`.
  resource('events.k8s.io', 'v1', 'events', 'Event', true, {
    shortNames: ['ev'],
    fieldSelectors: [
      'regarding.kind', 'regarding.namespace', 'regarding.name', 'regarding.uid', 'regarding.apiVersion',
      'regarding.resourceVersion', 'regarding.fieldPath', 'reason', 'reportingController', 'type',
    ],
  }),
  resource('node.k8s.io', 'v1', 'runtimeclasses', 'RuntimeClass', false),
];

/** Resources that exist only as a create verb (reviews): never stored, never listed. */
export function isVirtual(info: ResourceInfo): boolean {
  return info.verbs.length === 1 && info.verbs[0] === 'create';
}

export function groupVersionOf(info: Pick<ResourceInfo, 'group' | 'version'>): string {
  return info.group === '' ? info.version : `${info.group}/${info.version}`;
}

/** `pods`, or `deployments.apps`: how error messages name a resource. */
export function qualifiedName(info: Pick<ResourceInfo, 'group' | 'plural'>): string {
  return info.group === '' ? info.plural : `${info.plural}.${info.group}`;
}

/** The set of served resources, extendable with kinds found in dumps. */
export class ResourceRegistry {
  private readonly all: ResourceInfo[] = [...BUILTIN_RESOURCES];
  private readonly byKind = new Map<string, ResourceInfo>();
  private readonly byPath = new Map<string, ResourceInfo>();

  constructor() {
    for (const info of this.all) this.index(info);
  }

  list(): readonly ResourceInfo[] {
    return this.all;
  }

  /** By `apiVersion` + `kind` of an object. */
  forKind(apiVersion: string, kind: string): ResourceInfo | undefined {
    return this.byKind.get(`${apiVersion}|${kind}`);
  }

  /** By kind alone (or plural, or short name): the store API's convenience lookup. */
  find(nameOrKind: string): ResourceInfo | undefined {
    const lower = nameOrKind.toLowerCase();
    return this.all.find(
      (r) => r.kind.toLowerCase() === lower || r.plural === lower || r.singular === lower || r.shortNames.includes(lower),
    );
  }

  forPath(group: string, version: string, plural: string): ResourceInfo | undefined {
    return this.byPath.get(`${group}/${version}/${plural}`);
  }

  /** Register a kind seen in a dump that is not built in, naming its plural the way most CRDs do. */
  registerFromObject(apiVersion: string, kind: string, namespaced: boolean): ResourceInfo {
    const known = this.forKind(apiVersion, kind);
    if (known) return known;
    const slash = apiVersion.indexOf('/');
    const group = slash === -1 ? '' : apiVersion.slice(0, slash);
    const version = slash === -1 ? apiVersion : apiVersion.slice(slash + 1);
    const info: ResourceInfo = { ...resource(group, version, pluralize(kind.toLowerCase()), kind, namespaced), custom: true };
    this.all.push(info);
    this.index(info);
    return info;
  }

  private index(info: ResourceInfo): void {
    this.byKind.set(`${groupVersionOf(info)}|${info.kind}`, info);
    this.byPath.set(`${info.group}/${info.version}/${info.plural}`, info);
  }
}

function pluralize(word: string): string {
  if (/(s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}
