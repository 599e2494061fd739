// The Events the upgrade-readiness rules read, distilled from core/v1 Events and
// events.k8s.io/v1 Events alike: the kubelet's `CgroupV1` warning on a Node, and image pulls that
// failed because the image is a Docker schema 1 manifest (which containerd 2 refuses). Every other
// Event is dropped at once, so a big event stream costs no memory. Messages are untrusted text:
// they are cut here and escaped by every renderer.

import type { EventFacts } from './model';
import { dig, isRecord, str } from './read';

/** Longest message kept of one Event (a hostile one may be megabytes). */
export const EVENT_MESSAGE_LIMIT = 2_000;

/** The reason the kubelet gives its Warning Event when it starts on a cgroup v1 host (1.31+). */
export const CGROUP_V1_EVENT_REASON = 'CgroupV1';

/** The reason of a failed image pull (and of other container start failures). */
export const PULL_FAILED_EVENT_REASON = 'Failed';

/**
 * What containerd 2 says when it refuses a schema 1 image: the transfer-service pull path
 * (core/transfer/local/pull.go) and the remotes converter (core/remotes/docker/schema1), v2.0–v2.1.
 * Source: https://github.com/containerd/containerd/blob/main/docs/containerd-2.0.md
 */
export const SCHEMA1_PULL_MESSAGES: readonly RegExp[] = [
  /schema 1 image manifests are no longer supported/i,
  /Pulling Schema 1 images have been deprecated and disabled by default/i,
];

/** The facts of an Event a rule reads, or null for every other object and every other Event. */
export function eventFacts(object: unknown): EventFacts | null {
  if (!isRecord(object) || str(object['kind']) !== 'Event') return null;
  const reason = str(object['reason']);
  if (reason !== CGROUP_V1_EVENT_REASON && reason !== PULL_FAILED_EVENT_REASON) return null;
  // core/v1 names the object `involvedObject` and the text `message`; events.k8s.io/v1 uses
  // `regarding` and `note`.
  const involved = isRecord(object['regarding']) ? object['regarding'] : dig(object, 'involvedObject');
  const fullMessage = str(object['message']) || str(object['note']);
  const facts: EventFacts = {
    reason,
    type: str(object['type']),
    involved: {
      kind: str(dig(involved, 'kind')),
      namespace: str(dig(involved, 'namespace')),
      name: str(dig(involved, 'name')),
    },
    message: fullMessage.length > EVENT_MESSAGE_LIMIT ? fullMessage.slice(0, EVENT_MESSAGE_LIMIT) : fullMessage,
    lastSeen: str(dig(object, 'series', 'lastObservedTime')) || str(object['lastTimestamp'])
      || str(object['deprecatedLastTimestamp']) || str(object['eventTime']) || null,
  };
  if (isCgroupV1Event(facts) || isSchema1PullFailure(facts, fullMessage)) return facts;
  return null;
}

/** The kubelet's Warning that it runs on cgroup v1, on a Node. */
export function isCgroupV1Event(event: EventFacts): boolean {
  return event.reason === CGROUP_V1_EVENT_REASON && event.involved.kind === 'Node' && event.involved.name !== '';
}

/** A Pod's failed pull of a Docker schema 1 image. `fullMessage` defaults to the kept message. */
export function isSchema1PullFailure(event: EventFacts, fullMessage: string = event.message): boolean {
  return event.reason === PULL_FAILED_EVENT_REASON && event.involved.kind === 'Pod'
    && SCHEMA1_PULL_MESSAGES.some((pattern) => pattern.test(fullMessage));
}
