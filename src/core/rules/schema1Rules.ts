// schema1-image: the kubelet reported that a pod's image pull failed because the image is a
// Docker schema 1 manifest, which containerd 2.0 refuses by default and 2.1 no longer supports.
// Before a node runs containerd 2 nothing in the API shows an image's manifest type, so the
// Event is the only API-visible signal. The Event's message is untrusted text: only an image
// reference that looks like one is taken from it.

import type { EventFacts, Finding, ObjectRef } from '../model';
import { EVENT_MESSAGE_LIMIT, PULL_FAILED_EVENT_REASON, isSchema1PullFailure } from '../events';
import { ruleInfo } from './catalog';

export const SCHEMA1_RULE = 'schema1-image';

/** A pod whose pull failed, attributed to its owner, with the images of its containers. */
export interface PulledPod {
  readonly subject: ObjectRef;
  /** Path prefix of the pod spec on the subject (`spec`, `spec.template.spec`...). */
  readonly prefix: string;
  readonly containers: readonly { readonly specPath: string; readonly image: string }[];
  readonly location?: { readonly file: string; readonly line: number };
}

/** Image references as registries write them: no spaces, quotes or control characters. */
const IMAGE_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._\-/:@+]{0,511}$/;

/** The image a kubelet pull-failure message names (`Failed to pull image "REF": ...`), or null. */
export function imageFromPullMessage(message: string): string | null {
  const m = /(?:Failed to pull image|failed to pull and unpack image|failed to resolve image) "([^"\s]{1,512})"/i.exec(message);
  const ref = m?.[1];
  return ref !== undefined && IMAGE_REFERENCE.test(ref) ? ref : null;
}

const REMEDIATION = 'Convert the image to an OCI or Docker schema 2 manifest and point the workload at the new reference: rebuild and push it with a current Docker, BuildKit or nerdctl (containerd\'s advice), or copy it with conversion, for example skopeo copy --format oci docker://IMAGE docker://IMAGE-oci (skopeo converts schema 1 manifests; a plain crane copy keeps the manifest as it is). Before moving more nodes to containerd 2, look for other schema 1 images: on containerd 1.7 nodes, ctr deprecations list names them, and such images carry the label io.containerd.image/converted-docker-schema1.';

/** Event fields are untrusted: a name is at most 253 characters in Kubernetes, a time looks like one. */
function bounded(text: string): string {
  return text.length > 253 ? `${text.slice(0, 253)}…` : text;
}

const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d)$/;

/** One finding per owner and image (or per owner, when the Event names no readable image). */
export function schema1Findings(events: readonly EventFacts[], pods: (namespace: string, name: string) => PulledPod | undefined): Finding[] {
  const info = ruleInfo(SCHEMA1_RULE);
  const out = new Map<string, Finding>();
  for (const event of events) {
    // A message cut to EVENT_MESSAGE_LIMIT may have lost the schema 1 words; eventFacts kept it
    // because the full text had them (it keeps a Failed Event only then).
    const cut = event.message.length >= EVENT_MESSAGE_LIMIT && event.reason === PULL_FAILED_EVENT_REASON && event.involved.kind === 'Pod';
    if (!isSchema1PullFailure(event) && !cut) continue;
    const namespace = bounded(event.involved.namespace);
    const name = bounded(event.involved.name);
    const pod = pods(event.involved.namespace, event.involved.name);
    const subject: ObjectRef = pod?.subject ?? { kind: 'Pod', namespace, name };
    const image = imageFromPullMessage(event.message);
    const container = pod && image ? pod.containers.find((c) => c.image === image) : undefined;
    const path = pod && container ? `${pod.prefix}.${container.specPath}` : subject.kind === 'Pod' ? 'spec.containers' : 'metadata.name';
    const key = `${subject.kind}/${subject.namespace}/${subject.name}/${image ?? ''}`;
    if (out.has(key)) continue;
    const imageWords = image ? `image "${image}"` : 'an image (the Event names no readable image reference)';
    const who = `${subject.kind} ${subject.namespace ? `${subject.namespace}/` : ''}${subject.name}`;
    out.set(key, {
      rule: SCHEMA1_RULE, severity: 'error', subject, path,
      message: `Pod ${namespace}/${name}${subject.kind === 'Pod' ? '' : ` (of ${who})`} cannot pull ${imageWords}: it is a Docker schema 1 manifest, which containerd 2.0 and newer refuse to pull. The kubelet's Event says so${event.lastSeen && TIMESTAMP.test(event.lastSeen) ? ` (last seen ${event.lastSeen})` : ''}. Every node on containerd 2 fails the same way.`,
      remediation: REMEDIATION,
      docs: info?.docs ?? [],
      ...(pod?.location && container ? { location: pod.location } : {}),
    });
  }
  return [...out.values()];
}
