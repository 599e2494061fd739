// Server-side printing: the meta.k8s.io/v1 Table that `kubectl get` asks for, with the columns a
// real apiserver prints for each resource (priority 1 columns appear with `-o wide`). Cell values
// follow the apiserver's printers: "<none>" for empty, ages like "5d3h", pod STATUS from container
// states, node ROLES from node-role labels.

import type { ResourceInfo } from './resources';
import type { IncludeObject } from './negotiate';
import type { KubeObject } from './store';

export interface ColumnDefinition {
  readonly name: string;
  readonly type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  readonly format: string;
  readonly description: string;
  readonly priority: number;
}

type Cell = string | number | boolean;
type Printer = (object: KubeObject, now: number) => Cell[];

interface TablePrinter {
  readonly columns: readonly ColumnDefinition[];
  readonly cells: Printer;
}

function column(name: string, description: string, options: { type?: ColumnDefinition['type']; priority?: number; format?: string } = {}): ColumnDefinition {
  return { name, type: options.type ?? 'string', format: options.format ?? '', description, priority: options.priority ?? 0 };
}

const NAME = column('Name', 'Name must be unique within a namespace.', { format: 'name' });
const AGE = column('Age', 'CreationTimestamp is the time the object was created, as a duration.');

// ---- small readers -------------------------------------------------------------------------------

function rec(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function arr(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.map(rec) : [];
}

function str(value: unknown, fallback = '<none>'): string {
  return typeof value === 'string' && value !== '' ? value : fallback;
}

function int(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : 0;
}

function meta(object: KubeObject): Record<string, unknown> {
  return rec(object['metadata']);
}

/** Go's duration.HumanDuration: the compact ages kubectl shows ("45s", "5m3s", "3h12m", "12d"). */
export function humanDuration(milliseconds: number): string {
  // Go truncates toward zero: up to two seconds in the future counts as "now" (clock skew).
  const seconds = Math.trunc(milliseconds / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  const days = Math.floor(hours / 24);
  if (hours < 24 * 8) return hours % 24 === 0 ? `${days}d` : `${days}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.floor(days / 365);
  if (hours < 24 * 365 * 8) return days % 365 === 0 ? `${years}y` : `${years}y${days % 365}d`;
  return `${years}y`;
}

function since(timestamp: unknown, now: number): string {
  if (typeof timestamp !== 'string' || timestamp === '') return '<unknown>';
  const at = Date.parse(timestamp);
  return Number.isNaN(at) ? '<unknown>' : humanDuration(now - at);
}

function age(object: KubeObject, now: number): string {
  return since(meta(object)['creationTimestamp'], now);
}

function podTemplateContainers(template: unknown): { containers: string; images: string } {
  const containers = arr(rec(rec(template)['spec'])['containers']);
  return {
    containers: containers.map((c) => str(c['name'], '')).join(',') || '<none>',
    images: containers.map((c) => str(c['image'], '')).join(',') || '<none>',
  };
}

function selectorString(selector: unknown): string {
  const s = rec(selector);
  const parts: string[] = [];
  for (const [k, v] of Object.entries(rec(s['matchLabels']))) parts.push(`${k}=${String(v)}`);
  for (const e of arr(s['matchExpressions'])) {
    const key = String(e['key'] ?? '');
    const values = Array.isArray(e['values']) ? (e['values'] as unknown[]).map(String).join(',') : '';
    switch (e['operator']) {
      case 'In': parts.push(`${key} in (${values})`); break;
      case 'NotIn': parts.push(`${key} notin (${values})`); break;
      case 'Exists': parts.push(key); break;
      case 'DoesNotExist': parts.push(`!${key}`); break;
    }
  }
  return parts.length ? parts.join(',') : '<none>';
}

// ---- pods ----------------------------------------------------------------------------------------

function podStatusCells(pod: KubeObject, now: number): { ready: string; status: string; restarts: string } {
  const spec = rec(pod['spec']);
  const status = rec(pod['status']);
  const containers = arr(spec['containers']);
  const initContainers = arr(spec['initContainers']);
  const sidecars = initContainers.filter((c) => c['restartPolicy'] === 'Always');
  const total = containers.length + sidecars.length;
  let reason = str(status['reason'], '') || str(status['phase'], 'Unknown');
  let readyCount = 0;
  let restarts = 0;
  let lastRestart = 0;
  const noteRestart = (cs: Record<string, unknown>): void => {
    restarts += int(cs['restartCount']);
    const finished = rec(rec(cs['lastState'])['terminated'])['finishedAt'];
    if (typeof finished === 'string') lastRestart = Math.max(lastRestart, Date.parse(finished) || 0);
  };

  let initializing = false;
  const initStatuses = arr(status['initContainerStatuses']);
  initStatuses.forEach((cs, i) => {
    noteRestart(cs);
    const state = rec(cs['state']);
    const terminated = rec(state['terminated']);
    const waiting = rec(state['waiting']);
    const isSidecar = sidecars.some((s) => s['name'] === cs['name']);
    if (isSidecar && state['running'] !== undefined && cs['ready'] === true) readyCount++;
    if (Object.keys(terminated).length && int(terminated['exitCode']) === 0) return;
    if (isSidecar && state['running'] !== undefined && cs['started'] === true) return;
    if (initializing) return;
    initializing = true;
    if (Object.keys(terminated).length) {
      reason = str(terminated['reason'], '') ? `Init:${String(terminated['reason'])}` : int(terminated['signal']) ? `Init:Signal:${int(terminated['signal'])}` : `Init:ExitCode:${int(terminated['exitCode'])}`;
    } else if (str(waiting['reason'], '') !== '' && waiting['reason'] !== 'PodInitializing') {
      reason = `Init:${String(waiting['reason'])}`;
    } else {
      reason = `Init:${i}/${initContainers.length}`;
    }
  });

  if (!initializing) {
    let hasRunning = false;
    const statuses = arr(status['containerStatuses']);
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i] ?? {};
      noteRestart(cs);
      const state = rec(cs['state']);
      const waiting = rec(state['waiting']);
      const terminated = rec(state['terminated']);
      if (str(waiting['reason'], '') !== '') reason = String(waiting['reason']);
      else if (str(terminated['reason'], '') !== '') reason = String(terminated['reason']);
      else if (Object.keys(terminated).length) reason = int(terminated['signal']) ? `Signal:${int(terminated['signal'])}` : `ExitCode:${int(terminated['exitCode'])}`;
      else if (state['running'] !== undefined && cs['ready'] === true) {
        hasRunning = true;
        readyCount++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const readyCondition = arr(status['conditions']).find((c) => c['type'] === 'Ready');
      reason = readyCondition?.['status'] === 'True' ? 'Running' : 'NotReady';
    }
  }
  if (meta(pod)['deletionTimestamp'] !== undefined) reason = status['reason'] === 'NodeLost' ? 'Unknown' : 'Terminating';
  const restartText = lastRestart > 0 ? `${restarts} (${humanDuration(now - lastRestart)} ago)` : String(restarts);
  return { ready: `${readyCount}/${total}`, status: reason, restarts: restartText };
}

const POD_PRINTER: TablePrinter = {
  columns: [
    NAME,
    column('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
    column('Status', 'The aggregate status of the containers in this pod.'),
    column('Restarts', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
    AGE,
    column('IP', 'IP address allocated to the pod. Routable at least within the cluster.', { priority: 1 }),
    column('Node', 'NodeName is the node the pod is scheduled onto.', { priority: 1 }),
    column('Nominated Node', 'nominatedNodeName is set when this pod preempts other pods on a node.', { priority: 1 }),
    column('Readiness Gates', 'If specified, all readiness gates will be evaluated for pod readiness.', { priority: 1 }),
  ],
  cells: (pod, now) => {
    const { ready, status, restarts } = podStatusCells(pod, now);
    const spec = rec(pod['spec']);
    const podStatus = rec(pod['status']);
    const gates = arr(spec['readinessGates']);
    const trueConditions = new Set(arr(podStatus['conditions']).filter((c) => c['status'] === 'True').map((c) => String(c['type'])));
    const gateText = gates.length ? `${gates.filter((g) => trueConditions.has(String(g['conditionType']))).length}/${gates.length}` : '<none>';
    return [
      str(meta(pod)['name']), ready, status, restarts, age(pod, now),
      str(podStatus['podIP']), str(spec['nodeName']), str(podStatus['nominatedNodeName']), gateText,
    ];
  },
};

// ---- nodes ---------------------------------------------------------------------------------------

export function nodeRoles(node: KubeObject): string {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(rec(meta(node)['labels']))) {
    if (key.startsWith('node-role.kubernetes.io/')) {
      const role = key.slice('node-role.kubernetes.io/'.length);
      if (role !== '') roles.add(role);
    } else if (key === 'kubernetes.io/role' && typeof value === 'string' && value !== '') {
      roles.add(value);
    }
  }
  return roles.size ? [...roles].sort().join(',') : '<none>';
}

function nodeStatus(node: KubeObject): string {
  const ready = arr(rec(node['status'])['conditions']).find((c) => c['type'] === 'Ready');
  let text = ready?.['status'] === 'True' ? 'Ready' : ready?.['status'] === 'False' ? 'NotReady' : 'Unknown';
  if (rec(node['spec'])['unschedulable'] === true) text += ',SchedulingDisabled';
  return text;
}

function nodeAddress(node: KubeObject, type: string): string {
  return str(arr(rec(node['status'])['addresses']).find((a) => a['type'] === type)?.['address']);
}

const NODE_PRINTER: TablePrinter = {
  columns: [
    NAME,
    column('Status', 'The status of the node'),
    column('Roles', 'The roles of the node'),
    AGE,
    column('Version', 'Kubelet Version reported by the node.'),
    column('Internal-IP', 'List of addresses reachable to the node.', { priority: 1 }),
    column('External-IP', 'List of addresses reachable to the node.', { priority: 1 }),
    column('OS-Image', 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).', { priority: 1 }),
    column('Kernel-Version', "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", { priority: 1 }),
    column('Container-Runtime', 'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).', { priority: 1 }),
  ],
  cells: (node, now) => {
    const info = rec(rec(node['status'])['nodeInfo']);
    return [
      str(meta(node)['name']), nodeStatus(node), nodeRoles(node), age(node, now), str(info['kubeletVersion'], ''),
      nodeAddress(node, 'InternalIP'), nodeAddress(node, 'ExternalIP'),
      str(info['osImage'], '<unknown>'), str(info['kernelVersion'], '<unknown>'), str(info['containerRuntimeVersion'], '<unknown>'),
    ];
  },
};

// ---- workloads and the rest ----------------------------------------------------------------------

const CONTAINERS = column('Containers', 'Names of each container in the template.', { priority: 1 });
const IMAGES = column('Images', 'Images referenced by each container in the template.', { priority: 1 });
const SELECTOR = column('Selector', 'Label selector for pods.', { priority: 1 });

function wide(object: KubeObject, withSelector = true): Cell[] {
  const spec = rec(object['spec']);
  const { containers, images } = podTemplateContainers(spec['template']);
  return withSelector ? [containers, images, selectorString(spec['selector'])] : [containers, images];
}

const PRINTERS: Record<string, TablePrinter> = {
  '/pods': POD_PRINTER,
  '/nodes': NODE_PRINTER,
  '/namespaces': {
    columns: [NAME, column('Status', 'The status of the namespace'), AGE],
    cells: (o, now) => [str(meta(o)['name']), str(rec(o['status'])['phase'], 'Active'), age(o, now)],
  },
  '/configmaps': {
    columns: [NAME, column('Data', 'Number of entries in the configmap.', { type: 'integer' }), AGE],
    cells: (o, now) => [str(meta(o)['name']), Object.keys(rec(o['data'])).length + Object.keys(rec(o['binaryData'])).length, age(o, now)],
  },
  '/events': {
    columns: [
      column('Last Seen', 'Time when this Event was last observed.'),
      column('Type', 'Type of this event (Normal, Warning), new types could be added in the future.'),
      column('Reason', 'This should be a short, machine understandable string that gives the reason for the transition into the object\'s current status.'),
      column('Object', 'The object that this event is about.'),
      column('Subobject', 'The subobject that this event is about.', { priority: 1 }),
      column('Source', 'The component reporting this event.', { priority: 1 }),
      column('Message', 'A human-readable description of the status of this operation.'),
      column('First Seen', 'The time at which the event was first recorded.', { priority: 1 }),
      column('Count', 'The number of times this event has occurred.', { priority: 1, type: 'integer' }),
      column('Name', 'Name must be unique within a namespace.', { priority: 1, format: 'name' }),
    ],
    cells: (o, now) => {
      const involved = rec(o['involvedObject']);
      const last = o['lastTimestamp'] ?? o['eventTime'] ?? meta(o)['creationTimestamp'];
      return [
        since(last, now), str(o['type'], ''), str(o['reason'], ''),
        `${String(involved['kind'] ?? '').toLowerCase()}/${String(involved['name'] ?? '')}`,
        str(involved['fieldPath'], ''), str(rec(o['source'])['component'], '') || str(o['reportingComponent'], ''),
        str(o['message'], ''), since(o['firstTimestamp'] ?? last, now), int(o['count']) || 1, str(meta(o)['name']),
      ];
    },
  },
  'apps/deployments': {
    columns: [
      NAME,
      column('Ready', 'Number of the pod with ready state'),
      column('Up-to-date', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.', { type: 'integer' }),
      column('Available', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.', { type: 'integer' }),
      AGE, CONTAINERS, IMAGES, SELECTOR,
    ],
    cells: (o, now) => {
      const s = rec(o['status']);
      return [str(meta(o)['name']), `${int(s['readyReplicas'])}/${int(rec(o['spec'])['replicas'])}`, int(s['updatedReplicas']), int(s['availableReplicas']), age(o, now), ...wide(o)];
    },
  },
  'apps/replicasets': {
    columns: [
      NAME,
      column('Desired', 'Replicas is the number of desired replicas.', { type: 'integer' }),
      column('Current', 'Replicas is the most recently observed number of replicas.', { type: 'integer' }),
      column('Ready', 'The number of ready replicas for this replica set.', { type: 'integer' }),
      AGE, CONTAINERS, IMAGES, SELECTOR,
    ],
    cells: (o, now) => {
      const s = rec(o['status']);
      return [str(meta(o)['name']), int(rec(o['spec'])['replicas']), int(s['replicas']), int(s['readyReplicas']), age(o, now), ...wide(o)];
    },
  },
  'apps/daemonsets': {
    columns: [
      NAME,
      column('Desired', 'The total number of nodes that should be running the daemon pod.', { type: 'integer' }),
      column('Current', 'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod.', { type: 'integer' }),
      column('Ready', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.', { type: 'integer' }),
      column('Up-to-date', 'The total number of nodes that are running updated daemon pod', { type: 'integer' }),
      column('Available', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available.', { type: 'integer' }),
      column('Node Selector', 'NodeSelector is a selector which must be true for the pod to fit on a node.'),
      AGE, CONTAINERS, IMAGES, SELECTOR,
    ],
    cells: (o, now) => {
      const s = rec(o['status']);
      const nodeSelector = Object.entries(rec(rec(rec(rec(o['spec'])['template'])['spec'])['nodeSelector'])).map(([k, v]) => `${k}=${String(v)}`).join(',');
      return [
        str(meta(o)['name']), int(s['desiredNumberScheduled']), int(s['currentNumberScheduled']), int(s['numberReady']),
        int(s['updatedNumberScheduled']), int(s['numberAvailable']), nodeSelector || '<none>', age(o, now), ...wide(o),
      ];
    },
  },
  'apps/statefulsets': {
    columns: [NAME, column('Ready', 'Number of the pod with ready state'), AGE, CONTAINERS, IMAGES],
    cells: (o, now) => [str(meta(o)['name']), `${int(rec(o['status'])['readyReplicas'])}/${int(rec(o['spec'])['replicas'])}`, age(o, now), ...wide(o, false)],
  },
  'batch/jobs': {
    columns: [
      NAME,
      column('Status', 'Status of the job.'),
      column('Completions', 'The completion status of the job.'),
      column('Duration', 'Time required to complete the job.'),
      AGE, CONTAINERS, IMAGES, SELECTOR,
    ],
    cells: (o, now) => {
      const s = rec(o['status']);
      const spec = rec(o['spec']);
      const conditions = arr(s['conditions']).filter((c) => c['status'] === 'True').map((c) => String(c['type']));
      const state = conditions.includes('Complete') ? 'Complete' : conditions.includes('Failed') ? 'Failed' : spec['suspend'] === true ? 'Suspended' : 'Running';
      const start = typeof s['startTime'] === 'string' ? Date.parse(s['startTime']) : NaN;
      const end = typeof s['completionTime'] === 'string' ? Date.parse(s['completionTime']) : now;
      const completions = spec['completions'] === undefined ? `${int(s['succeeded'])}/1 of ${int(spec['parallelism']) || 1}` : `${int(s['succeeded'])}/${int(spec['completions'])}`;
      return [str(meta(o)['name']), state, completions, Number.isNaN(start) ? '' : humanDuration(end - start), age(o, now), ...wide(o)];
    },
  },
  'batch/cronjobs': {
    columns: [
      NAME,
      column('Schedule', 'The schedule in Cron format.'),
      column('Timezone', 'The time zone name for the given schedule.'),
      column('Suspend', 'This flag tells the controller to suspend subsequent executions.', { type: 'boolean' }),
      column('Active', 'A list of pointers to currently running jobs.', { type: 'integer' }),
      column('Last Schedule', 'Information when was the last time the job was successfully scheduled.'),
      AGE,
      column('Containers', 'Names of each container in the template.', { priority: 1 }),
      column('Images', 'Images referenced by each container in the template.', { priority: 1 }),
      column('Selector', 'Label selector for pods.', { priority: 1 }),
    ],
    cells: (o, now) => {
      const spec = rec(o['spec']);
      const s = rec(o['status']);
      const jobSpec = rec(rec(spec['jobTemplate'])['spec']);
      const { containers, images } = podTemplateContainers(jobSpec['template']);
      return [
        str(meta(o)['name']), str(spec['schedule'], ''), str(spec['timeZone']), spec['suspend'] === true, arr(s['active']).length,
        s['lastScheduleTime'] !== undefined ? since(s['lastScheduleTime'], now) : '<none>', age(o, now), containers, images, selectorString(jobSpec['selector']),
      ];
    },
  },
  'coordination.k8s.io/leases': {
    columns: [NAME, column('Holder', 'HolderIdentity contains the identity of the holder of a current lease.'), AGE],
    cells: (o, now) => [str(meta(o)['name']), str(rec(o['spec'])['holderIdentity'], ''), age(o, now)],
  },
  'node.k8s.io/runtimeclasses': {
    columns: [NAME, column('Handler', 'Handler specifies the underlying runtime and configuration that the CRI implementation will use to handle pods of this class.'), AGE],
    cells: (o, now) => [str(meta(o)['name']), str(o['handler'], ''), age(o, now)],
  },
  '/services': {
    columns: [
      NAME,
      column('Type', 'type determines how the Service is exposed.'),
      column('Cluster-IP', 'clusterIP is the IP address of the service.'),
      column('External-IP', 'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.'),
      column('Port(s)', 'The list of ports that are exposed by this service.'),
      AGE,
      column('Selector', 'Route service traffic to pods with label keys and values matching this selector.', { priority: 1 }),
    ],
    cells: (o, now) => {
      const spec = rec(o['spec']);
      const ports = arr(spec['ports']).map((p) => `${int(p['port'])}${p['nodePort'] ? `:${int(p['nodePort'])}` : ''}/${str(p['protocol'], 'TCP')}`).join(',');
      const selector = Object.entries(rec(spec['selector'])).map(([k, v]) => `${k}=${String(v)}`).join(',');
      const external = arr(rec(rec(o['status'])['loadBalancer'])['ingress']).map((i) => str(i['ip'], '') || str(i['hostname'], '')).filter(Boolean);
      return [
        str(meta(o)['name']), str(spec['type'], 'ClusterIP'), str(spec['clusterIP']),
        external.length ? external.join(',') : spec['type'] === 'LoadBalancer' ? '<pending>' : '<none>', ports || '<none>', age(o, now), selector || '<none>',
      ];
    },
  },
};

const DEFAULT_PRINTER: TablePrinter = {
  columns: [NAME, AGE],
  cells: (o, now) => [str(meta(o)['name']), age(o, now)],
};

export function printerFor(info: ResourceInfo): TablePrinter {
  return PRINTERS[`${info.group}/${info.plural}`] ?? DEFAULT_PRINTER;
}

export interface TableOptions {
  readonly includeObject: IncludeObject;
  /** Watch events after the first omit the column definitions, as real servers do. */
  readonly noHeaders?: boolean;
  readonly listMeta?: Record<string, unknown>;
  readonly now?: number;
}

function rowObject(object: KubeObject, include: IncludeObject): KubeObject | undefined {
  if (include === 'None') return undefined;
  if (include === 'Object') return object;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object['metadata'] };
}

/** `objects` may be a generator: each object is printed and let go, so large lists stay small in memory. */
export function toTable(info: ResourceInfo, objects: Iterable<KubeObject>, options: TableOptions): KubeObject {
  const printer = printerFor(info);
  const now = options.now ?? Date.now();
  const rows: KubeObject[] = [];
  for (const object of objects) {
    const embedded = rowObject(object, options.includeObject);
    rows.push({ cells: printer.cells(object, now), ...(embedded ? { object: embedded } : {}) });
  }
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: options.listMeta ?? {},
    columnDefinitions: options.noHeaders ? null : printer.columns,
    rows,
  };
}

export function parseIncludeObject(value: string | null): IncludeObject {
  return value === 'None' || value === 'Object' ? value : 'Metadata';
}
