// Events exist once in a real cluster and are served in two shapes: core/v1 (`involvedObject`,
// `message`, `source`, `firstTimestamp`/`lastTimestamp`/`count`) and events.k8s.io/v1
// (`regarding`, `note`, `reportingController`, the `deprecated*` fields). The simulator keeps
// each Event in both: every Event loaded from a dump is stored as loaded and converted into the
// other version, field for field as the apiserver's conversion does. A write through the API
// after loading changes only the version it was made in.

import type { KubeObject } from './store';

function rec(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function defined(entries: Record<string, unknown>): KubeObject {
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined && v !== null && v !== '')) as KubeObject;
}

/** core/v1 Event → events.k8s.io/v1 Event. */
export function toEventsV1(event: KubeObject): KubeObject {
  const source = rec(event['source']);
  return defined({
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: structuredClone(event['metadata']),
    eventTime: event['eventTime'] ?? null,
    series: event['series'],
    reportingController: event['reportingComponent'] || source['component'],
    reportingInstance: event['reportingInstance'] || source['host'],
    action: event['action'],
    reason: event['reason'],
    regarding: event['involvedObject'],
    related: event['related'],
    note: event['message'],
    type: event['type'],
    deprecatedSource: Object.keys(source).length ? source : undefined,
    deprecatedFirstTimestamp: event['firstTimestamp'],
    deprecatedLastTimestamp: event['lastTimestamp'],
    deprecatedCount: event['count'],
  });
}

/** events.k8s.io/v1 Event → core/v1 Event. */
export function toCoreEvent(event: KubeObject): KubeObject {
  const source = rec(event['deprecatedSource']);
  return defined({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: structuredClone(event['metadata']),
    involvedObject: event['regarding'] ?? {},
    reason: event['reason'],
    message: event['note'],
    source: Object.keys(source).length ? source : defined({ component: event['reportingController'], host: event['reportingInstance'] }),
    firstTimestamp: event['deprecatedFirstTimestamp'],
    lastTimestamp: event['deprecatedLastTimestamp'],
    count: event['deprecatedCount'],
    type: event['type'],
    eventTime: event['eventTime'],
    series: event['series'],
    action: event['action'],
    related: event['related'],
    reportingComponent: event['reportingController'],
    reportingInstance: event['reportingInstance'],
  });
}

/** The objects to load, with each Event also in its other API version. */
export function withBothEventVersions(objects: readonly KubeObject[]): KubeObject[] {
  const out: KubeObject[] = [];
  for (const object of objects) {
    out.push(object);
    if (object['kind'] !== 'Event') continue;
    const apiVersion = String(object['apiVersion'] ?? 'v1');
    if (apiVersion === 'v1') out.push(toEventsV1(object));
    else if (apiVersion === 'events.k8s.io/v1') out.push(toCoreEvent(object));
  }
  return out;
}
