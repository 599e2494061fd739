// schema1-image (issue 12 §2): a kubelet pull-failure Event saying the image is a Docker schema 1
// manifest, reported on the pod's owner with the image named; the Event text is untrusted.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnoseObjects } from '../../src/core/diagnose';
import { imageFromPullMessage } from '../../src/core/rules/schema1Rules';
import { pod, workload } from '../fixtures/build';
import { BOTTLEROCKET, runtimeNode } from '../fixtures/runtimeNodes';

const IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/legacy/report-renderer:2016.11';
/** containerd 2.x, transfer-service pull path (core/transfer/local/pull.go), as the kubelet words the Event. */
const TRANSFER = `Failed to pull image "${IMAGE}": failed to pull and unpack image "${IMAGE}": schema 1 image manifests are no longer supported: https://github.com/containerd/containerd/blob/main/docs/containerd-2.0.md`;
/** containerd 2.0, remotes converter (core/remotes/docker/schema1/converter.go). */
const CONVERTER = `Failed to pull image "${IMAGE}": rpc error: code = Unknown desc = failed to pull and unpack image "${IMAGE}": Pulling Schema 1 images have been deprecated and disabled by default since containerd v2.0. As a workaround you may set an environment variable \`CONTAINERD_ENABLE_DEPRECATED_PULL_SCHEMA_1_IMAGE=1\`, but this will be completely removed in containerd v2.1.`;

function coreEvent(podName: string, message: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'v1', kind: 'Event',
    metadata: { name: `${podName}.18a4f3c2b1d0e9f8`, namespace: 'reports' },
    involvedObject: { apiVersion: 'v1', kind: 'Pod', namespace: 'reports', name: podName, fieldPath: 'spec.containers{renderer}' },
    reason: 'Failed', type: 'Warning', message, count: 4,
    source: { component: 'kubelet', host: 'ip-10-0-3-88.ec2.internal' },
    firstTimestamp: '2026-11-30T09:12:04Z', lastTimestamp: '2026-11-30T09:14:41Z',
    ...extra,
  };
}

const SPEC = { containers: [{ name: 'renderer', image: IMAGE }] };
/** The pod as the API shows it while the pull keeps failing. */
function pullingPod(name: string): Record<string, unknown> {
  return {
    ...pod(name, 'reports', { ...SPEC, nodeName: 'ip-10-0-3-88.ec2.internal' }, { kind: 'ReplicaSet', name: 'report-renderer-7f9c6d8b5' }, { labels: { 'pod-template-hash': '7f9c6d8b5' } }),
    status: { phase: 'Pending', containerStatuses: [{ name: 'renderer', image: IMAGE, ready: false, restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${IMAGE}"` } } }] },
  };
}

function schema1(objects: Record<string, unknown>[]) {
  const { report } = diagnoseObjects([runtimeNode(BOTTLEROCKET()), ...objects].map((object) => ({ object })), 'v1.33.5-eks-3025e55');
  return { report, mine: report.findings.filter((f) => f.rule === 'schema1-image') };
}

test('transfer-service message on a Deployment\'s pod: one error on the Deployment, at the container image, naming it', () => {
  const { report, mine } = schema1([
    workload('Deployment', 'report-renderer', 'reports', SPEC),
    workload('ReplicaSet', 'report-renderer-7f9c6d8b5', 'reports', SPEC, { kind: 'Deployment', name: 'report-renderer' }),
    pullingPod('report-renderer-7f9c6d8b5-q7v2m'),
    coreEvent('report-renderer-7f9c6d8b5-q7v2m', TRANSFER),
  ]);
  assert.deepEqual(mine.map((f) => `${f.severity} ${f.subject.kind}/${f.subject.namespace}/${f.subject.name} ${f.path}`), ['error Deployment/reports/report-renderer spec.template.spec.containers[0].image']);
  assert.ok(mine[0]?.message.includes(`image "${IMAGE}"`));
  assert.ok(mine[0]?.message.includes('last seen 2026-11-30T09:14:41Z'));
  assert.match(mine[0]?.remediation ?? '', /skopeo copy --format oci/);
  assert.deepEqual(mine[0]?.docs, ['https://github.com/containerd/containerd/blob/main/docs/containerd-2.0.md#docker-schema-1-image-support-is-disabled-by-default']);
  assert.equal(report.verdict, 'not-ready');
});

test('an events.k8s.io/v1 Event (regarding, note) with the converter message, no ReplicaSet listed: the pod-template-hash names the Deployment', () => {
  const { mine } = schema1([
    pullingPod('report-renderer-7f9c6d8b5-q7v2m'),
    {
      apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: { name: 'e1', namespace: 'reports' },
      regarding: { kind: 'Pod', namespace: 'reports', name: 'report-renderer-7f9c6d8b5-q7v2m' },
      reason: 'Failed', type: 'Warning', note: CONVERTER, reportingController: 'kubelet', eventTime: '2026-11-30T09:12:04.118392Z',
    },
  ]);
  assert.deepEqual(mine.map((f) => `${f.subject.kind}/${f.subject.name} ${f.path}`), ['Deployment/report-renderer spec.template.spec.containers[0].image']);
});

test('the Event names a pod that is gone: the error is on that Pod', () => {
  const { mine } = schema1([coreEvent('report-renderer-7f9c6d8b5-old01', TRANSFER)]);
  assert.deepEqual(mine.map((f) => `${f.subject.kind}/${f.subject.namespace}/${f.subject.name} ${f.path}`), ['Pod/reports/report-renderer-7f9c6d8b5-old01 spec.containers']);
});

test('two Events for the pod and one for its sibling: one finding per owner and image', () => {
  const { mine } = schema1([
    workload('Deployment', 'report-renderer', 'reports', SPEC),
    workload('ReplicaSet', 'report-renderer-7f9c6d8b5', 'reports', SPEC, { kind: 'Deployment', name: 'report-renderer' }),
    pullingPod('report-renderer-7f9c6d8b5-q7v2m'), pullingPod('report-renderer-7f9c6d8b5-zt4kp'),
    coreEvent('report-renderer-7f9c6d8b5-q7v2m', TRANSFER), coreEvent('report-renderer-7f9c6d8b5-q7v2m', CONVERTER),
    coreEvent('report-renderer-7f9c6d8b5-zt4kp', TRANSFER),
  ]);
  assert.equal(mine.length, 1);
});

test('other pull failures (not found, unauthorized) are not schema 1', () => {
  const { mine } = schema1([
    coreEvent('a', `Failed to pull image "ghcr.io/acme/render:9.9": failed to pull and unpack image "ghcr.io/acme/render:9.9": failed to resolve reference "ghcr.io/acme/render:9.9": ghcr.io/acme/render:9.9: not found`),
    coreEvent('b', 'Failed to pull image "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1": failed to authorize: failed to fetch anonymous token: unexpected status: 401 Unauthorized'),
    coreEvent('c', 'Error: ImagePullBackOff'),
  ]);
  assert.deepEqual(mine, []);
});

test('hostile Event text: markup or control characters in the "image" are not taken; the finding still stands', () => {
  const { mine } = schema1([
    coreEvent('x', 'Failed to pull image "<img src=x onerror=alert(1)>": schema 1 image manifests are no longer supported'),
    coreEvent('y', `Failed to pull image "evil\u001b]8;;http://pwn\u0007": schema 1 image manifests are no longer supported`),
    coreEvent('z', `Failed to pull image "${'a'.repeat(1_000_000)}": schema 1 image manifests are no longer supported`, { lastTimestamp: '<script>' }),
  ]);
  assert.equal(mine.length, 3);
  for (const f of mine) {
    assert.match(f.message, /the Event names no readable image reference/);
    assert.ok(!f.message.includes('<') && !f.message.includes('\u001b') && !f.message.includes('script'), f.message);
    assert.ok(f.message.length < 2_000);
  }
});

test('imageFromPullMessage reads the reference the kubelet quotes, and only a reference', () => {
  const rows: [string, string | null][] = [
    [TRANSFER, IMAGE],
    [CONVERTER, IMAGE],
    ['Failed to pull image "quay.io/coreos/etcd:v2.3.8": schema 1 image manifests are no longer supported', 'quay.io/coreos/etcd:v2.3.8'],
    ['failed to pull and unpack image "docker.io/library/centos@sha256:a799dd8a2ded4a83484bbae769d97655392b3f86533ceb7dd96bbac929809f3c": schema 1', 'docker.io/library/centos@sha256:a799dd8a2ded4a83484bbae769d97655392b3f86533ceb7dd96bbac929809f3c'],
    ['Failed to pull image "a b": x', null],
    ['Failed to pull image "": x', null],
    ['schema 1 image manifests are no longer supported', null],
  ];
  for (const [message, image] of rows) assert.equal(imageFromPullMessage(message), image, message.slice(0, 80));
});
