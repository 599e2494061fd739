import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hoverAt, parseYamlForHover, yamlHoverAt, type YamlHoverKind } from '../../src/core/yamlHover';

/** The offset of the `nth` (0-based) occurrence of `needle`, plus `delta`. */
function at(text: string, needle: string, delta = 1, nth = 0): number {
  let offset = -1;
  for (let i = 0; i <= nth; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset === -1) throw new Error(`fixture has no ${nth + 1}. "${needle}"`);
  }
  return offset + delta;
}

// A realistic multi-document file: a DaemonSet of a monitoring agent, a RuntimeClass, kubeadm and
// kubelet configuration, a crictl.yaml, Helm-values-style prose.
const MANIFESTS = `# monitoring agent
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: datadog-agent
  namespace: monitoring
spec:
  template:
    spec:
      runtimeClassName: gvisor
      containers:
        - name: agent
          image: gcr.io/datadoghq/agent:7.50.3
          args:
            - --container-runtime-endpoint=unix:///run/containerd/containerd.sock
            - --cri-socket
            - /var/run/crio/crio.sock
          env:
            - name: NOTE
              value: "this node runs containerd 1.7 with runc"
            - name: KUBELET_EXTRA_ARGS
              value: "--container-runtime=remote --container-runtime-endpoint=unix:///var/run/cri-dockerd.sock"
      volumes:
        - name: dockersocket
          hostPath:
            path: /var/run/docker.sock
            type: Socket
        - name: shim
          hostPath:
            path: /var/run/dockershim.sock
        - name: dockerdata
          hostPath:
            path: /var/lib/docker/containers
        - name: varrun
          hostPath:
            path: /var/run
---
apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata:
  name: sandboxed
handler: kata-qemu
---
apiVersion: kubeadm.k8s.io/v1beta3
kind: InitConfiguration
nodeRegistration:
  criSocket: unix:///var/run/cri-dockerd.sock
  kubeletExtraArgs:
    container-runtime: docker
---
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
containerRuntimeEndpoint: "unix:///run/containerd/containerd.sock"
---
runtime-endpoint: unix:///run/k3s/containerd/containerd.sock
image-endpoint: npipe:////./pipe/containerd-containerd
---
# Helm values
runtime:
  name: crun
  shim: containerd-shim-spin-v2
workload:
  handler: nginx
  scheduler: default-scheduler
  runtimeClassName: my-custom-class
`;

interface Row {
  readonly name: string;
  readonly needle: string;
  readonly delta?: number;
  readonly nth?: number;
  readonly kind: YamlHoverKind;
  readonly entry: string;
  readonly word: string;
  readonly path?: readonly (string | number)[];
  readonly documentIndex?: number;
  readonly note?: RegExp;
}

const ROWS: readonly Row[] = [
  { name: 'the runtimeClassName key explains RuntimeClasses', needle: 'runtimeClassName', kind: 'key', entry: 'runtimeclass', word: 'runtimeClassName', path: ['spec', 'template', 'spec', 'runtimeClassName'], documentIndex: 0 },
  { name: 'a runtimeClassName value that names a sandbox explains that sandbox', needle: 'gvisor', kind: 'runtimeClass', entry: 'gvisor', word: 'gvisor' },
  { name: 'a runtimeClassName value we do not know explains the RuntimeClass concept', needle: 'my-custom-class', kind: 'runtimeClass', entry: 'runtimeclass', word: 'my-custom-class', documentIndex: 5 },
  { name: 'the flag half of --container-runtime-endpoint=... explains the endpoint', needle: '--container-runtime-endpoint=unix', delta: 4, kind: 'key', entry: 'container-runtime-endpoint', word: '--container-runtime-endpoint', path: ['spec', 'template', 'spec', 'containers', 0, 'args', 0] },
  { name: 'the value half of --container-runtime-endpoint=... explains the runtime behind the socket', needle: '/run/containerd/containerd.sock', delta: 10, kind: 'socket', entry: 'containerd', word: 'unix:///run/containerd/containerd.sock' },
  { name: 'a bare --cri-socket flag in args explains the endpoint', needle: '--cri-socket', delta: 5, kind: 'key', entry: 'container-runtime-endpoint', word: '--cri-socket' },
  { name: 'a socket path in args explains CRI-O', needle: '/var/run/crio/crio.sock', delta: 12, kind: 'socket', entry: 'cri-o', word: '/var/run/crio/crio.sock' },
  { name: 'a runtime name inside prose is recognised word by word', needle: 'containerd 1.7', delta: 3, kind: 'name', entry: 'containerd', word: 'containerd' },
  { name: 'runc inside prose is recognised', needle: 'with runc', delta: 6, kind: 'name', entry: 'runc', word: 'runc' },
  { name: '--container-runtime=remote inside a string means "use a CRI endpoint"', needle: 'remote --container', delta: 2, kind: 'name', entry: 'cri', word: 'remote' },
  { name: 'the second flag inside one string is found after the first', needle: 'cri-dockerd.sock"', delta: 2, kind: 'socket', entry: 'cri-dockerd', word: 'unix:///var/run/cri-dockerd.sock' },
  { name: 'a hostPath to the Docker socket explains Docker Engine and what breaks', needle: '/var/run/docker.sock', delta: 12, kind: 'hostPath', entry: 'dockerd', word: '/var/run/docker.sock', path: ['spec', 'template', 'spec', 'volumes', 0, 'hostPath', 'path'], note: /containerd or CRI-O nodes the socket does not exist/ },
  { name: 'a hostPath to dockershim.sock says it is gone from 1.24', needle: '/var/run/dockershim.sock', delta: 12, kind: 'hostPath', entry: 'dockershim', word: '/var/run/dockershim.sock', note: /removed from the kubelet in 1\.24/ },
  { name: 'a hostPath to /var/lib/docker says other runtimes do not write there', needle: '/var/lib/docker/containers', delta: 3, kind: 'hostPath', entry: 'dockerd', word: '/var/lib/docker/containers', note: /\/var\/log\/pods/ },
  { name: 'the handler key of a RuntimeClass explains RuntimeClasses', needle: 'handler: kata', delta: 2, kind: 'key', entry: 'runtimeclass', word: 'handler', path: ['handler'], documentIndex: 1 },
  { name: 'a RuntimeClass handler value names its sandbox (multi-document: second document)', needle: 'kata-qemu', kind: 'runtimeClass', entry: 'kata', word: 'kata-qemu', documentIndex: 1 },
  { name: 'kubeadm criSocket key', needle: 'criSocket', kind: 'key', entry: 'container-runtime-endpoint', word: 'criSocket', documentIndex: 2 },
  { name: 'kubeadm criSocket value', needle: 'unix:///var/run/cri-dockerd.sock\n', delta: 20, kind: 'socket', entry: 'cri-dockerd', word: 'unix:///var/run/cri-dockerd.sock', path: ['nodeRegistration', 'criSocket'] },
  { name: 'container-runtime: docker (kubelet flag before 1.24) meant dockershim', needle: 'container-runtime: docker', delta: 21, kind: 'name', entry: 'dockershim', word: 'docker' },
  { name: 'KubeletConfiguration containerRuntimeEndpoint key', needle: 'containerRuntimeEndpoint', kind: 'key', entry: 'container-runtime-endpoint', word: 'containerRuntimeEndpoint', documentIndex: 3 },
  { name: 'a quoted endpoint value', needle: '"unix:///run/containerd', delta: 5, kind: 'socket', entry: 'containerd', word: 'unix:///run/containerd/containerd.sock', documentIndex: 3 },
  { name: 'crictl.yaml runtime-endpoint value (k3s socket path)', needle: 'unix:///run/k3s', delta: 3, kind: 'socket', entry: 'containerd', word: 'unix:///run/k3s/containerd/containerd.sock', documentIndex: 4 },
  { name: 'a Windows named pipe endpoint', needle: 'npipe:', delta: 2, kind: 'socket', entry: 'containerd', word: 'npipe:////./pipe/containerd-containerd' },
  { name: 'a runtime name as a plain value', needle: 'crun', kind: 'name', entry: 'crun', word: 'crun' },
  { name: 'a containerd shim binary name', needle: 'containerd-shim-spin-v2', delta: 4, kind: 'name', entry: 'wasm', word: 'containerd-shim-spin-v2' },
];

for (const row of ROWS) {
  test(`hover: ${row.name}`, () => {
    const hover = yamlHoverAt(MANIFESTS, at(MANIFESTS, row.needle, row.delta ?? 1, row.nth ?? 0));
    assert.ok(hover, 'expected a hover');
    assert.equal(hover.kind, row.kind);
    assert.equal(hover.entry.key, row.entry);
    assert.equal(hover.word, row.word);
    assert.equal(MANIFESTS.slice(hover.start, hover.end), row.word, 'start/end cover the word in the text');
    if (row.path) assert.deepEqual(hover.path, row.path);
    if (row.documentIndex !== undefined) assert.equal(hover.documentIndex, row.documentIndex);
    if (row.note) assert.match(hover.note ?? '', row.note);
    else assert.equal(hover.note, undefined);
  });
}

const NOTHING: readonly { name: string; needle: string; delta?: number }[] = [
  { name: 'an unrelated key', needle: 'namespace: monitoring', delta: 2 },
  { name: 'an unrelated value', needle: 'monitoring', delta: 2 },
  { name: 'an image reference', needle: 'gcr.io/datadoghq', delta: 4 },
  { name: 'a hostPath that names no runtime (/var/run alone)', needle: 'path: /var/run\n', delta: 9 },
  { name: 'a comment', needle: '# monitoring agent', delta: 4 },
  { name: 'a handler key outside a RuntimeClass', needle: 'handler: nginx', delta: 2 },
  { name: 'a control-plane word outside its context (scheduler)', needle: 'scheduler: default', delta: 2 },
  { name: 'the hostPath type', needle: 'type: Socket', delta: 8 },
  { name: 'the space between a key and its value', needle: 'criSocket: ', delta: 10 },
];

for (const row of NOTHING) {
  test(`hover: nothing on ${row.name}`, () => {
    assert.equal(yamlHoverAt(MANIFESTS, at(MANIFESTS, row.needle, row.delta ?? 1)), null);
  });
}

test('hover: offsets outside the text, negative or fractional give null', () => {
  assert.equal(yamlHoverAt(MANIFESTS, -1), null);
  assert.equal(yamlHoverAt(MANIFESTS, MANIFESTS.length), null);
  assert.equal(yamlHoverAt(MANIFESTS, 3.5), null);
  assert.equal(yamlHoverAt('', 0), null);
});

test('hover: a parse is reusable — the same answers as one-shot calls, for every offset', () => {
  const parsed = parseYamlForHover(MANIFESTS);
  for (let offset = 0; offset < MANIFESTS.length; offset += 7) {
    assert.deepEqual(hoverAt(parsed, offset), yamlHoverAt(MANIFESTS, offset));
  }
});

test('hover: broken YAML (Helm template braces) still answers on the parts that parse, and never throws', () => {
  const helm = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "app.fullname" . }}
spec:
  template:
    spec:
      runtimeClassName: {{ .Values.runtimeClass | default "gvisor" }}
      volumes:
        - name: docker
          hostPath:
            path: /var/run/docker.sock
`;
  const hover = yamlHoverAt(helm, at(helm, '/var/run/docker.sock', 10));
  assert.equal(hover?.entry.key, 'dockerd');
  assert.equal(hover?.kind, 'hostPath');
  for (let offset = 0; offset < helm.length; offset++) yamlHoverAt(helm, offset);
});

test('hover: flow-style documents and JSON work like block style', () => {
  const json = '{"kind":"Pod","spec":{"runtimeClassName":"kata-fc","volumes":[{"name":"s","hostPath":{"path":"/run/containerd/containerd.sock"}}]}}';
  const kata = yamlHoverAt(json, at(json, 'kata-fc', 2));
  assert.equal(kata?.entry.key, 'firecracker');
  assert.equal(kata?.kind, 'runtimeClass');
  const sock = yamlHoverAt(json, at(json, 'containerd.sock', 2));
  assert.equal(sock?.entry.key, 'containerd');
  assert.equal(sock?.kind, 'hostPath');
  assert.deepEqual(sock?.path, ['spec', 'volumes', 0, 'hostPath', 'path']);
  assert.match(sock?.note ?? '', /binds the workload to one runtime/);
});

test('hover: aliases and anchors do not confuse the walk', () => {
  const text = `base: &sock /var/run/docker.sock
other:
  hostPath:
    path: *sock
`;
  assert.equal(yamlHoverAt(text, at(text, '*sock', 1)), null, 'an alias is not followed (its text is not a runtime)');
  assert.equal(yamlHoverAt(text, at(text, '/var/run/docker.sock', 12))?.entry.key, 'dockerd');
});

test('hover: block scalars are searched word by word with exact offsets', () => {
  const text = `script: |
  crictl ps
  systemctl restart containerd
`;
  const hover = yamlHoverAt(text, at(text, 'containerd', 3));
  assert.equal(hover?.word, 'containerd');
  assert.equal(text.slice(hover?.start, hover?.end), 'containerd');
  assert.equal(yamlHoverAt(text, at(text, 'crictl', 2))?.entry.key, 'crictl');
});

test('hover: document boundaries — each document answers for its own lines', () => {
  const docs = Array.from({ length: 50 }, (_, i) => `kind: RuntimeClass\nmetadata:\n  name: rc-${i}\nhandler: ${i % 2 ? 'runsc' : 'crun'}\n`).join('---\n');
  const parsed = parseYamlForHover(docs);
  for (let i = 0; i < 50; i++) {
    const hover = hoverAt(parsed, at(docs, 'handler: ', 10, i));
    assert.equal(hover?.documentIndex, i);
    assert.equal(hover?.entry.key, i % 2 ? 'gvisor' : 'crun');
  }
});

// ---------------------------------------------------------------------------------------------
// Pod settings the node's runtime must support (issue 12): a multi-document file of the shapes
// they take in real manifests, with the container-image trap next to an image volume.

const FEATURES = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: model-server
  namespace: ml
spec:
  template:
    spec:
      hostUsers: false
      runtimeClassName: gvisor
      securityContext:
        runAsUser: 1000
        supplementalGroupsPolicy: Strict
      initContainers:
        - name: warmup
          image: registry.k8s.io/pause:3.10
      containers:
        - name: server
          image: ghcr.io/example/model-server:1.4.2
          volumeMounts:
            - name: model
              mountPath: /models
            - name: host-data
              mountPath: /data
              readOnly: true
              recursiveReadOnly: Enabled
      volumes:
        - name: model
          image:
            reference: quay.io/crio/artifact:v2
            pullPolicy: IfNotPresent
        - name: host-data
          hostPath:
            path: /mnt/data
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          hostUsers: true
          securityContext:
            supplementalGroupsPolicy: Merge
          containers:
            - name: report
              image: busybox:1.36
              volumeMounts:
                - name: cfg
                  mountPath: /cfg
                  readOnly: true
                  recursiveReadOnly: IfPossible
          volumes:
            - name: cfg
              configMap:
                name: report
---
apiVersion: v1
kind: Pod
metadata:
  name: sys-reader
spec:
  runtimeClassName: kata-qemu
  volumes:
    - name: cgroup
      hostPath:
        path: /sys/fs/cgroup
    - name: empty-image
      image:
  containers:
    - name: reader
      image: alpine:3.20
      securityContext:
        supplementalGroupsPolicy: Strict
`;

interface FeatureRow {
  readonly name: string;
  readonly needle: string;
  readonly delta?: number;
  readonly nth?: number;
  readonly entry: string;
  readonly word: string;
  readonly feature: string;
  readonly setting: string;
  readonly requested: boolean | null;
  readonly runtimes: RegExp;
  readonly path?: readonly (string | number)[];
  readonly documentIndex: number;
}

const FEATURE_ROWS: readonly FeatureRow[] = [
  { name: 'the hostUsers key of a pod template', needle: 'hostUsers: false', entry: 'user-namespaces', word: 'hostUsers', feature: 'userNamespaces', setting: 'hostUsers: false', requested: true, runtimes: /^containerd 2\.0\+, CRI-O 1\.25\+; not Docker Engine through cri-dockerd$/, path: ['spec', 'template', 'spec', 'hostUsers'], documentIndex: 0 },
  { name: 'the value false of hostUsers (a YAML boolean)', needle: 'hostUsers: false', delta: 12, entry: 'user-namespaces', word: 'false', feature: 'userNamespaces', setting: 'hostUsers: false', requested: true, runtimes: /containerd 2\.0\+/, documentIndex: 0 },
  { name: 'hostUsers: true asks nothing of the runtime (CronJob, second document)', needle: 'hostUsers: true', entry: 'user-namespaces', word: 'hostUsers', feature: 'userNamespaces', setting: 'hostUsers: true', requested: false, runtimes: /CRI-O 1\.25\+/, path: ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'hostUsers'], documentIndex: 1 },
  { name: 'supplementalGroupsPolicy: Strict under the pod securityContext', needle: 'supplementalGroupsPolicy: Strict', entry: 'supplemental-groups-policy', word: 'supplementalGroupsPolicy', feature: 'supplementalGroupsPolicy', setting: 'supplementalGroupsPolicy: Strict', requested: true, runtimes: /^containerd 2\.0\+, CRI-O 1\.31\+; not Docker Engine/, documentIndex: 0 },
  { name: 'the value Strict', needle: 'supplementalGroupsPolicy: Strict', delta: 28, entry: 'supplemental-groups-policy', word: 'Strict', feature: 'supplementalGroupsPolicy', setting: 'supplementalGroupsPolicy: Strict', requested: true, runtimes: /CRI-O 1\.31\+/, documentIndex: 0 },
  { name: 'supplementalGroupsPolicy: Merge is the default', needle: 'supplementalGroupsPolicy: Merge', entry: 'supplemental-groups-policy', word: 'supplementalGroupsPolicy', feature: 'supplementalGroupsPolicy', setting: 'supplementalGroupsPolicy: Merge', requested: false, runtimes: /CRI-O 1\.31\+/, documentIndex: 1 },
  { name: 'supplementalGroupsPolicy in a container securityContext (third document)', needle: 'supplementalGroupsPolicy: Strict', nth: 1, entry: 'supplemental-groups-policy', word: 'supplementalGroupsPolicy', feature: 'supplementalGroupsPolicy', setting: 'supplementalGroupsPolicy: Strict', requested: true, runtimes: /CRI-O 1\.31\+/, documentIndex: 2 },
  { name: 'recursiveReadOnly: Enabled on a volume mount', needle: 'recursiveReadOnly: Enabled', entry: 'recursive-read-only-mounts', word: 'recursiveReadOnly', feature: 'recursiveReadOnlyMounts', setting: 'recursiveReadOnly: Enabled', requested: true, runtimes: /^containerd 2\.0\+, CRI-O 1\.30\+; not Docker Engine/, path: ['spec', 'template', 'spec', 'containers', 0, 'volumeMounts', 1, 'recursiveReadOnly'], documentIndex: 0 },
  { name: 'the value Enabled', needle: 'recursiveReadOnly: Enabled', delta: 20, entry: 'recursive-read-only-mounts', word: 'Enabled', feature: 'recursiveReadOnlyMounts', setting: 'recursiveReadOnly: Enabled', requested: true, runtimes: /CRI-O 1\.30\+/, documentIndex: 0 },
  { name: 'recursiveReadOnly: IfPossible depends on the runtime', needle: 'recursiveReadOnly: IfPossible', entry: 'recursive-read-only-mounts', word: 'recursiveReadOnly', feature: 'recursiveReadOnlyMounts', setting: 'recursiveReadOnly: IfPossible', requested: null, runtimes: /CRI-O 1\.30\+/, documentIndex: 1 },
  { name: 'the image key of a volume is an image volume source', needle: '          image:\n            reference', delta: 11, entry: 'image-volumes', word: 'image', feature: 'imageVolume', setting: 'volumes[].image', requested: true, runtimes: /^containerd 2\.1\+, CRI-O 1\.31\+; not Docker Engine through cri-dockerd$/, path: ['spec', 'template', 'spec', 'volumes', 0, 'image'], documentIndex: 0 },
  { name: 'its reference key too', needle: 'reference: quay.io', delta: 2, entry: 'image-volumes', word: 'reference', feature: 'imageVolume', setting: 'volumes[].image', requested: true, runtimes: /containerd 2\.1\+/, path: ['spec', 'template', 'spec', 'volumes', 0, 'image', 'reference'], documentIndex: 0 },
  { name: 'an image volume still being typed (empty value)', needle: '      image:\n  containers', delta: 7, entry: 'image-volumes', word: 'image', feature: 'imageVolume', setting: 'volumes[].image', requested: true, runtimes: /CRI-O 1\.31\+/, path: ['spec', 'volumes', 1, 'image'], documentIndex: 2 },
];

for (const row of FEATURE_ROWS) {
  test(`hover (runtime feature): ${row.name}`, () => {
    const hover = yamlHoverAt(FEATURES, at(FEATURES, row.needle, row.delta ?? 1, row.nth ?? 0));
    assert.ok(hover, 'expected a hover');
    assert.equal(hover.kind, 'feature');
    assert.equal(hover.entry.key, row.entry);
    assert.equal(hover.word, row.word);
    assert.equal(FEATURES.slice(hover.start, hover.end), row.word, 'start/end cover the word in the text');
    assert.equal(hover.documentIndex, row.documentIndex);
    if (row.path) assert.deepEqual(hover.path, row.path);
    assert.equal(hover.feature?.feature, row.feature);
    assert.equal(hover.feature?.setting, row.setting);
    assert.equal(hover.feature?.requested, row.requested);
    assert.match(hover.runtimes ?? '', row.runtimes);
  });
}

const FEATURE_NOTHING: readonly { name: string; needle: string; delta?: number; nth?: number }[] = [
  { name: "a container's image key (the trap: not an image volume)", needle: 'image: ghcr.io', delta: 2 },
  { name: "a container's image value", needle: 'ghcr.io/example', delta: 3 },
  { name: "an init container's image key", needle: 'image: registry.k8s.io/pause', delta: 2 },
  { name: "a CronJob container's image key", needle: 'image: busybox', delta: 2 },
  { name: 'the reference value of an image volume (an image reference)', needle: 'quay.io/crio', delta: 3 },
  { name: 'the pullPolicy of an image volume', needle: 'pullPolicy: IfNotPresent', delta: 2 },
  { name: 'readOnly next to recursiveReadOnly', needle: 'readOnly: true', delta: 2 },
  { name: 'runAsUser next to supplementalGroupsPolicy', needle: 'runAsUser', delta: 2 },
  { name: 'the configMap volume source', needle: 'configMap:', delta: 2 },
];

for (const row of FEATURE_NOTHING) {
  test(`hover (runtime feature): nothing on ${row.name}`, () => {
    assert.equal(yamlHoverAt(FEATURES, at(FEATURES, row.needle, row.delta ?? 1, row.nth ?? 0)), null);
  });
}

test('hover: an image key that is not a volume source, or under a volumes key of another shape, is not an image volume', () => {
  const text = `spec:
  volumes:
    - name: x
      image: nginx:1.27
  hostUsersx: false
  template:
    hostUsers: false
`;
  assert.equal(yamlHoverAt(text, at(text, 'image: nginx', 2)), null, 'a scalar image under volumes[] is not a volume source');
  assert.equal(yamlHoverAt(text, at(text, 'hostUsersx', 2)), null);
  assert.equal(yamlHoverAt(text, at(text, '    hostUsers: false', 6)), null, 'hostUsers only counts directly under a pod spec');
});

test('hover: runtimeClassName keys and values carry the class name and which runtimes serve a handler', () => {
  const key = yamlHoverAt(FEATURES, at(FEATURES, 'runtimeClassName: gvisor', 2));
  assert.equal(key?.kind, 'key');
  assert.equal(key?.entry.key, 'runtimeclass');
  assert.equal(key?.runtimeClass, 'gvisor');
  assert.match(key?.runtimes ?? '', /status\.runtimeHandlers/);
  const value = yamlHoverAt(FEATURES, at(FEATURES, 'kata-qemu', 2));
  assert.equal(value?.kind, 'runtimeClass');
  assert.equal(value?.entry.key, 'kata');
  assert.equal(value?.runtimeClass, 'kata-qemu');
  assert.equal(value?.handler, undefined);
  assert.match(value?.runtimes ?? '', /CRI-O/);
  const handler = yamlHoverAt(MANIFESTS, at(MANIFESTS, 'kata-qemu'));
  assert.equal(handler?.handler, 'kata-qemu', 'a RuntimeClass handler value names the handler');
  assert.equal(handler?.runtimeClass, undefined);
  const unnamed = yamlHoverAt('spec:\n  runtimeClassName:\n', 8);
  assert.equal(unnamed?.entry.key, 'runtimeclass');
  assert.equal(unnamed?.runtimeClass, undefined, 'no value, no class name');
});

test('hover: a hostPath of /sys/fs/cgroup explains cgroup v1 and v2', () => {
  const hover = yamlHoverAt(FEATURES, at(FEATURES, '/sys/fs/cgroup', 5));
  assert.equal(hover?.kind, 'hostPath');
  assert.equal(hover?.entry.key, 'cgroup-v2');
  assert.equal(hover?.word, '/sys/fs/cgroup');
  assert.equal(hover?.note, undefined);
});

test('hover: a long setting value is cut in what is shown back', () => {
  const text = `spec:\n  securityContext:\n    supplementalGroupsPolicy: ${'x'.repeat(500)}\n`;
  const hover = yamlHoverAt(text, at(text, 'supplementalGroupsPolicy', 2));
  assert.equal(hover?.kind, 'feature');
  assert.equal(hover?.feature?.requested, null);
  assert.ok((hover?.feature?.setting.length ?? 0) <= 80, 'setting is cut to 80 characters');
});

test('hover (runtime feature): every offset of the feature file answers the same from a reused parse, and never throws', () => {
  const parsed = parseYamlForHover(FEATURES);
  let features = 0;
  for (let offset = 0; offset < FEATURES.length; offset++) {
    const hover = hoverAt(parsed, offset);
    assert.deepEqual(hover, yamlHoverAt(FEATURES, offset));
    if (hover?.kind === 'feature') {
      features++;
      assert.ok(hover.start <= offset && offset < hover.end, `offset ${offset} lies inside the hovered word`);
    }
  }
  assert.ok(features > 50, `feature hovers were found (${features})`);
});
