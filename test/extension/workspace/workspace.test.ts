// Workspace manifests → findings with file and line (what the Problems panel shows), skipping
// YAML that is not Kubernetes; and the findFiles exclude glob derived from files.exclude.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnoseManifestText, excludeGlob, keepKubernetesDocuments } from '../../../src/extension/workspace/manifests';

const FILE = 'file:///ws/deploy/agent.yaml';

const MULTI = `# values for the chart, then the rendered manifests
replicaCount: 2
image:
  repository: example/agent
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: log-agent
  namespace: logging
spec:
  selector:
    matchLabels: { app: log-agent }
  template:
    metadata:
      labels: { app: log-agent }
    spec:
      containers:
        - name: agent
          image: example/agent:1.0
          volumeMounts:
            - { name: docker, mountPath: /var/run/docker.sock }
            - { name: logs, mountPath: /var/lib/docker/containers }
      volumes:
        - name: docker
          hostPath:
            path: /var/run/docker.sock
        - name: logs
          hostPath:
            path: /var/lib/docker/containers
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: agent-config
data:
  docker.sock: /var/run/docker.sock
`;

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

test('workspace: findings land on the exact line of the hostPath path, in a multi-document file with a non-Kubernetes document', () => {
  const result = diagnoseManifestText(MULTI, FILE);
  assert.equal(result.objects, 2, 'the DaemonSet and the ConfigMap; the values document is skipped');
  const socket = result.findings.find((f) => f.rule === 'docker-socket-mount');
  const data = result.findings.find((f) => f.rule === 'docker-data-mount');
  assert.deepEqual(socket?.location, { file: FILE, line: lineOf(MULTI, 'path: /var/run/docker.sock') });
  assert.deepEqual(data?.location, { file: FILE, line: lineOf(MULTI, 'path: /var/lib/docker/containers') });
  assert.equal(socket?.subject.kind, 'DaemonSet');
  assert.equal(socket?.path, 'spec.template.spec.volumes[0].hostPath.path');
  assert.ok(socket?.docs.some((d) => d.startsWith('https://')), 'a documentation link for the Problems code');
});

test('workspace: YAML that is not Kubernetes gives nothing, silently', () => {
  const rows: [string, string][] = [
    ['Helm values', 'replicaCount: 1\nimage:\n  tag: latest\n'],
    ['a GitHub workflow', 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n'],
    ['a Helm template', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  volumes:\n  {{- toYaml .Values.volumes | nindent 2 }}\n'],
    ['broken YAML', 'kind: Pod\n  bad: [\n'],
    ['a kubeadm config (a kind the rules ignore)', 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: InitConfiguration\nnodeRegistration:\n  criSocket: unix:///var/run/dockershim.sock\n'],
    ['an empty file', ''],
  ];
  for (const [name, text] of rows) {
    const result = diagnoseManifestText(text, FILE);
    assert.deepEqual(result.findings, [], name);
  }
});

test('workspace: a Pod mounting the dockershim socket is an error on its line; Node objects in a manifest are not reported', () => {
  const text = `apiVersion: v1
kind: Pod
metadata: { name: p, namespace: default }
spec:
  containers: [{ name: c, image: x }]
  volumes:
    - name: shim
      hostPath: { path: /var/run/dockershim.sock }
---
apiVersion: v1
kind: Node
metadata: { name: n1 }
status: { nodeInfo: { containerRuntimeVersion: docker://19.3.15, kubeletVersion: v1.22.4 } }
`;
  const result = diagnoseManifestText(text, FILE);
  assert.deepEqual(result.findings.map((f) => [f.rule, f.severity, f.location?.line]), [['dockershim-socket-mount', 'error', 8]]);
});

test('workspace: blanking non-Kubernetes documents keeps every line number', () => {
  const kept = keepKubernetesDocuments(MULTI);
  assert.ok(kept);
  assert.equal(kept.length, MULTI.length);
  assert.equal(kept.split('\n').length, MULTI.split('\n').length);
  assert.doesNotMatch(kept, /replicaCount/);
  assert.match(kept, /kind: DaemonSet/);
  assert.equal(keepKubernetesDocuments('a: 1\n---\nb: 2\n'), null);
});

test('workspace: the exclude glob follows files.exclude (true entries only) and always skips node_modules and .git', () => {
  assert.equal(excludeGlob(undefined), '{**/node_modules/**,**/.git/**}');
  assert.equal(
    excludeGlob({ '**/.svn': true, 'charts/**/templates': true, '**/*.js': { when: '$(basename).ts' }, 'out': false, '**/{a,b}': true }),
    '{**/node_modules/**,**/.git/**,**/.svn,charts/**/templates}',
  );
  assert.equal(excludeGlob({}, ['**/x/**']), '**/x/**');
});
