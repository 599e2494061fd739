// The workload cases P1–P23 — the peer tools' own cases (https://github.com/aws-containers/kubectl-detector-for-docker-socket,
// https://github.com/clowdhaus/eksup, https://github.com/kubescape/regolibrary, https://github.com/kyverno/policies) —
// with our expected verdicts:
// judge spec.volumes[].hostPath.path (normalised), report once per owner with the field path.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnoseObjects } from '../../src/core/diagnose';
import type { Finding } from '../../src/core/model';
import { node, pod, podSpec, workload } from '../fixtures/build';

const SOCK = [{ name: 'docker-sock', hostPath: '/var/run/docker.sock' }];

function findings(objects: Record<string, unknown>[], nodes = [node({ runtime: 'containerd://1.7.11', kubelet: 'v1.29.1' })]): readonly Finding[] {
  return diagnoseObjects([...nodes, ...objects].map((object) => ({ object })), 'v1.29.1').report.findings;
}

function summary(list: readonly Finding[]): string[] {
  return list.map((f) => `${f.rule}:${f.severity} ${f.subject.kind}/${f.subject.namespace}/${f.subject.name} ${f.path}`).sort();
}

interface WorkloadCase {
  id: string;
  objects: () => Record<string, unknown>[];
  expect: string[];
}

const CASES: WorkloadCase[] = [
  {
    id: 'P1 CronJob with the Docker socket: one error on the CronJob, jobTemplate path',
    objects: () => [workload('CronJob', 'cron-docker-volume', 'default', podSpec({ volumes: SOCK }))],
    expect: ['docker-socket-mount:error CronJob/default/cron-docker-volume spec.jobTemplate.spec.template.spec.volumes[0].hostPath.path'],
  },
  {
    id: 'P2 DaemonSet with the Docker socket',
    objects: () => [workload('DaemonSet', 'ds-docker-volume', 'default', podSpec({ volumes: SOCK }))],
    expect: ['docker-socket-mount:error DaemonSet/default/ds-docker-volume spec.template.spec.volumes[0].hostPath.path'],
  },
  {
    id: 'P3 Deployment with 3 replicas (RS + pods): reported once against the Deployment',
    objects: () => [
      workload('Deployment', 'deploy-docker-volume', 'default', podSpec({ volumes: SOCK })),
      workload('ReplicaSet', 'deploy-docker-volume-7d9f8', 'default', podSpec({ volumes: SOCK }), { kind: 'Deployment', name: 'deploy-docker-volume' }),
      ...[1, 2, 3].map((i) => pod(`deploy-docker-volume-7d9f8-${i}`, 'default', podSpec({ volumes: SOCK }), { kind: 'ReplicaSet', name: 'deploy-docker-volume-7d9f8' })),
    ],
    expect: ['docker-socket-mount:error Deployment/default/deploy-docker-volume spec.template.spec.volumes[0].hostPath.path'],
  },
  {
    id: 'P4 the same Deployment name in another namespace is a separate finding',
    objects: () => [
      workload('Deployment', 'deploy-docker-volume', 'default', podSpec({ volumes: SOCK })),
      workload('Deployment', 'deploy-docker-volume', 'test1', podSpec({ volumes: SOCK })),
    ],
    expect: [
      'docker-socket-mount:error Deployment/default/deploy-docker-volume spec.template.spec.volumes[0].hostPath.path',
      'docker-socket-mount:error Deployment/test1/deploy-docker-volume spec.template.spec.volumes[0].hostPath.path',
    ],
  },
  {
    id: 'P5 Job without a CronJob owner: reported on the Job',
    objects: () => [
      workload('Job', 'job-docker-volume', 'default', podSpec({ volumes: SOCK })),
      pod('job-docker-volume-x1', 'default', podSpec({ volumes: SOCK }), { kind: 'Job', name: 'job-docker-volume' }),
    ],
    expect: ['docker-socket-mount:error Job/default/job-docker-volume spec.template.spec.volumes[0].hostPath.path'],
  },
  {
    id: 'P6 bare Pod in kube-system with two containers: error on the Pod, only the mounting container listed',
    objects: () => [pod('pod-docker-volume', 'kube-system', podSpec({
      volumes: SOCK,
      containers: [{ name: 'docker-volume', mounts: [{ volume: 'docker-sock', mountPath: '/var/run/docker.sock' }] }, { name: 'sidecar' }],
    }))],
    expect: ['docker-socket-mount:error Pod/kube-system/pod-docker-volume spec.volumes[0].hostPath.path'],
  },
  {
    id: 'P7 bare ReplicaSet: reported on the ReplicaSet',
    objects: () => [workload('ReplicaSet', 'replicaset-docker-volume', 'default', podSpec({ volumes: SOCK }))],
    expect: ['docker-socket-mount:error ReplicaSet/default/replicaset-docker-volume spec.template.spec.volumes[0].hostPath.path'],
  },
  {
    id: 'P8 StatefulSet',
    objects: () => [workload('StatefulSet', 'ss-docker-volume', 'default', podSpec({ volumes: SOCK }))],
    expect: ['docker-socket-mount:error StatefulSet/default/ss-docker-volume spec.template.spec.volumes[0].hostPath.path'],
  },
  { id: 'P9 Pod with only an emptyDir: nothing', objects: () => [pod('empty', 'default', podSpec({ volumes: [{ name: 'scratch', emptyDir: true }] }))], expect: [] },
  { id: 'P10 Deployment without volumes: nothing', objects: () => [workload('Deployment', 'nginx', 'default', podSpec({}))], expect: [] },
  {
    id: 'P11 hostPath /var/run/dockershim.sock: dockershim-socket-mount',
    objects: () => [workload('DaemonSet', 'cni-old', 'kube-system', podSpec({ volumes: [{ name: 'shim', hostPath: '/var/run/dockershim.sock' }] }))],
    expect: ['dockershim-socket-mount:error DaemonSet/kube-system/cni-old spec.template.spec.volumes[0].hostPath.path'],
  },
  {
    id: 'P12 hostPath /run/docker.sock is the same socket (normalised)',
    objects: () => [workload('DaemonSet', 'agent', 'default', podSpec({ volumes: [{ name: 'd', hostPath: '/run/docker.sock' }] }))],
    expect: ['docker-socket-mount:error DaemonSet/default/agent spec.template.spec.volumes[0].hostPath.path'],
  },
  {
    id: 'P13 hostPath /var/run (Datadog style parent dir): warning',
    objects: () => [workload('DaemonSet', 'node-agent', 'monitoring', podSpec({ volumes: [{ name: 'run', hostPath: '/var/run' }] }))],
    expect: ['runtime-dir-mount:warning DaemonSet/monitoring/node-agent spec.template.spec.volumes[0].hostPath.path'],
  },
  {
    id: 'P14 emptyDir mounted at /var/run/docker.sock with a dind sidecar: no dockershim finding',
    objects: () => [workload('Deployment', 'builder', 'ci', podSpec({
      volumes: [{ name: 'dind-sock', emptyDir: true }],
      containers: [{ name: 'build', mounts: [{ volume: 'dind-sock', mountPath: '/var/run/docker.sock' }] }, { name: 'dind', mounts: [{ volume: 'dind-sock', mountPath: '/var/run' }] }],
    }))],
    expect: [],
  },
  {
    id: 'P15 hostPath /var/run/docker.sock mounted at /tmp/d.sock: still the Docker socket',
    objects: () => [workload('Deployment', 'renamed', 'default', podSpec({
      volumes: SOCK, containers: [{ name: 'c', mounts: [{ volume: 'docker-sock', mountPath: '/tmp/d.sock' }] }],
    }))],
    expect: ['docker-socket-mount:error Deployment/default/renamed spec.template.spec.volumes[0].hostPath.path'],
  },
  {
    id: 'P16 hostPath /var/run/cri-dockerd.sock: runtime socket, info',
    objects: () => [workload('DaemonSet', 'cri-tool', 'default', podSpec({ volumes: [{ name: 'cri', hostPath: '/var/run/cri-dockerd.sock' }] }))],
    expect: ['runtime-socket-mount:info DaemonSet/default/cri-tool spec.template.spec.volumes[0].hostPath.path'],
  },
  {
    id: 'P18 CronJob with containerd.sock and /var: info on [0], warning on [1]',
    objects: () => [workload('CronJob', 'hello', 'default', podSpec({ volumes: [{ name: 'c', hostPath: '/run/containerd/containerd.sock' }, { name: 'v', hostPath: '/var' }] }))],
    expect: [
      'runtime-dir-mount:warning CronJob/default/hello spec.jobTemplate.spec.template.spec.volumes[1].hostPath.path',
      'runtime-socket-mount:info CronJob/default/hello spec.jobTemplate.spec.template.spec.volumes[0].hostPath.path',
    ],
  },
  {
    id: 'P19 Deployment with /var and containerd.sock: warning on [0], info on [1]',
    objects: () => [workload('Deployment', 'my-deployment', 'default', podSpec({ volumes: [{ name: 'v', hostPath: '/var' }, { name: 'c', hostPath: '/run/containerd/containerd.sock' }] }))],
    expect: [
      'runtime-dir-mount:warning Deployment/default/my-deployment spec.template.spec.volumes[0].hostPath.path',
      'runtime-socket-mount:info Deployment/default/my-deployment spec.template.spec.volumes[1].hostPath.path',
    ],
  },
  {
    id: 'P20 docker.sock / dockershim.sock / /var/log / no template (eksup cases, judged by hostPath)',
    objects: () => [
      workload('Deployment', 'a', 'default', podSpec({ volumes: [{ name: 'x', hostPath: '/var/run/docker.sock' }] })),
      workload('Deployment', 'b', 'default', podSpec({ volumes: [{ name: 'x', hostPath: '/var/run/dockershim.sock' }] })),
      workload('Deployment', 'c', 'default', podSpec({ volumes: [{ name: 'x', hostPath: '/var/log' }] })),
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'default' }, spec: {} },
    ],
    expect: [
      'docker-socket-mount:error Deployment/default/a spec.template.spec.volumes[0].hostPath.path',
      'dockershim-socket-mount:error Deployment/default/b spec.template.spec.volumes[0].hostPath.path',
    ],
  },
  {
    id: 'P21 static pod (owner kind Node) with the socket: scanned, reported on the Pod',
    objects: () => [pod('log-agent-cp-1', 'kube-system', podSpec({ volumes: SOCK }), { kind: 'Node', name: 'cp-1' }, { annotations: { 'kubernetes.io/config.mirror': 'abc' } })],
    expect: ['docker-socket-mount:error Pod/kube-system/log-agent-cp-1 spec.volumes[0].hostPath.path'],
  },
  {
    id: 'P22 ReplicaSet owned by an Argo Rollout: attributed to the Rollout, no crash',
    objects: () => [
      workload('ReplicaSet', 'canary-5f6d', 'apps', podSpec({ volumes: SOCK }), { kind: 'Rollout', name: 'canary' }),
      pod('canary-5f6d-abc', 'apps', podSpec({ volumes: SOCK }), { kind: 'ReplicaSet', name: 'canary-5f6d' }),
    ],
    expect: ['docker-socket-mount:error Rollout/apps/canary spec.template.spec.volumes[0].hostPath.path'],
  },
  {
    id: 'P23 hostPath docker.sock with type Socket: socket mount plus the type-check error',
    objects: () => [workload('DaemonSet', 'typed', 'default', podSpec({ volumes: [{ name: 's', hostPath: '/var/run/docker.sock', type: 'Socket' }] }))],
    expect: [
      'docker-socket-mount:error DaemonSet/default/typed spec.template.spec.volumes[0].hostPath.path',
      'docker-socket-type-check:error DaemonSet/default/typed spec.template.spec.volumes[0].hostPath.path',
    ],
  },
  {
    id: 'pods whose ReplicaSet is absent from the dump are attributed to the Deployment by pod-template-hash',
    objects: () => [pod('web-6d4cf56db6-x2p9k', 'shop', podSpec({ volumes: SOCK }), { kind: 'ReplicaSet', name: 'web-6d4cf56db6' }, { labels: { 'pod-template-hash': '6d4cf56db6' } })],
    expect: ['docker-socket-mount:error Deployment/shop/web spec.template.spec.volumes[0].hostPath.path'],
  },
  {
    id: 'Job pods owned by a CronJob are reported on the CronJob',
    objects: () => [
      workload('Job', 'nightly-28391', 'ci', podSpec({ volumes: SOCK }), { kind: 'CronJob', name: 'nightly' }),
      pod('nightly-28391-abcde', 'ci', podSpec({ volumes: SOCK }), { kind: 'Job', name: 'nightly-28391' }),
    ],
    expect: ['docker-socket-mount:error CronJob/ci/nightly spec.jobTemplate.spec.template.spec.volumes[0].hostPath.path'],
  },
  {
    id: 'Docker data and config mounts are warnings',
    objects: () => [workload('DaemonSet', 'fluentd', 'logging', podSpec({ volumes: [{ name: 'l', hostPath: '/var/lib/docker/containers' }, { name: 'e', hostPath: '/etc/docker' }] }))],
    expect: [
      'docker-data-mount:warning DaemonSet/logging/fluentd spec.template.spec.volumes[0].hostPath.path',
      'docker-data-mount:warning DaemonSet/logging/fluentd spec.template.spec.volumes[1].hostPath.path',
    ],
  },
  {
    id: 'the Windows Docker named pipe is the Docker socket too',
    objects: () => [workload('DaemonSet', 'win-agent', 'default', podSpec({ volumes: [{ name: 'p', hostPath: '\\\\.\\pipe\\docker_engine' }] }))],
    expect: ['docker-socket-mount:error DaemonSet/default/win-agent spec.template.spec.volumes[0].hostPath.path'],
  },
];

for (const c of CASES) {
  test(c.id, () => {
    assert.deepEqual(summary(findings(c.objects())), [...c.expect].sort());
  });
}

test('P6: the finding names the container that mounts the socket, not the sidecar', () => {
  const [finding] = findings([pod('pod-docker-volume', 'kube-system', podSpec({
    volumes: SOCK,
    containers: [{ name: 'docker-volume', mounts: [{ volume: 'docker-sock', mountPath: '/var/run/docker.sock' }] }, { name: 'sidecar' }],
  }))]);
  assert.deepEqual(finding?.containers, ['docker-volume']);
});

test('P17: a comment or annotation mentioning docker.sock is not a finding (objects are parsed, not grepped)', () => {
  const object = workload('Deployment', 'commented', 'default', podSpec({}));
  (object['metadata'] as Record<string, unknown>)['annotations'] = { note: 'see /var/run/docker.sock', 'kubectl.kubernetes.io/last-applied-configuration': '{"hostPath":{"path":"/var/run/docker.sock"}}' };
  assert.deepEqual(findings([object]), []);
});

test('when every node runs Docker through cri-dockerd, a Docker socket mount is a warning, not an error', () => {
  const nodes = [node({ runtime: 'docker://25.0.3', kubelet: 'v1.29.1', name: 'docker-desktop' })];
  const [finding] = findings([workload('DaemonSet', 'agent', 'default', podSpec({ volumes: SOCK }))], nodes).filter((f) => f.rule === 'docker-socket-mount');
  assert.equal(finding?.severity, 'warning');
});

test('known agents are named, and warned about when they mount Docker paths', () => {
  const list = findings([workload('DaemonSet', 'datadog-agent', 'monitoring', podSpec({ volumes: [{ name: 'run', hostPath: '/var/run' }] }))]);
  assert.equal(list.find((f) => f.rule === 'docker-bound-agent')?.severity, 'warning');
});

test('a privileged container running docker commands is noted', () => {
  const list = findings([workload('DaemonSet', 'cleaner', 'ops', podSpec({ containers: [{ name: 'c', privileged: true, command: ['sh', '-c', 'docker ps -q | xargs docker inspect'] }] }))]);
  assert.deepEqual(summary(list), ['docker-cli-usage:info DaemonSet/ops/cleaner spec.template.spec.containers[0].command']);
});
