// Panel models for the harness, built by the real core and the host's own model builder from the
// built-in samples (and from a hostile cluster made of crafted objects), so every label reaches
// the page through the same escaping path as in the extension. Run under tsx (it imports the
// TypeScript sources).

import { fileURLToPath } from 'node:url';
import { loadDumps } from '../../src/k8s/dumpFiles.ts';
import { ClusterScanner, diagnoseObjects } from '../../src/core/diagnose.ts';
import { buildPanelModel } from '../../src/extension/panel/panelModel.ts';

const SAMPLES = ['mixed-windows', 'kubeadm-1.23-ha', 'eks-1.23-docker', 'k3s-ha', 'openshift-4.13', 'docker-desktop'];

/** The model exactly as the extension host builds it (src/extension/panel/panelModel.ts). */
function panelModel(diagnosis, source, options = {}) {
  return buildPanelModel(diagnosis, source, {
    live: options.live ?? false,
    updatedAt: options.updatedAt ? new Date(options.updatedAt) : new Date(),
  });
}

export async function sampleModel(name, options = {}) {
  if (!SAMPLES.includes(name)) throw new Error(`unknown sample ${name}`);
  const loaded = await loadDumps([fileURLToPath(new URL(`../../samples/${name}.yaml`, import.meta.url))]);
  const objects = [...loaded.objects, ...(options.extraObjects ?? []).map((object) => ({ object }))];
  const diagnosis = diagnoseObjects(objects, loaded.serverVersion, { source: { kind: 'sample', name } });
  const source = options.asCluster
    ? { kind: 'cluster', name: 'kubernetes-admin@prod-eu', server: 'https://10.20.0.5:6443' }
    : { kind: 'sample', name };
  return panelModel(diagnosis, source, options);
}

/** A cluster object for a node, as the API returns it (the fields the core reads). */
function node(name, { kubelet, runtime, os = 'linux', controlPlane = false }) {
  return {
    apiVersion: 'v1', kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/os': os, ...(controlPlane ? { 'node-role.kubernetes.io/control-plane': '' } : {}) }, annotations: {} },
    spec: {},
    status: {
      conditions: [{ type: 'Ready', status: 'True' }],
      nodeInfo: { kubeletVersion: kubelet, containerRuntimeVersion: runtime, operatingSystem: os, osImage: 'Ubuntu', kernelVersion: '5.15', architecture: 'amd64' },
    },
  };
}

/** One more worker on a newer kubelet: a new pool, so the diagram's text changes on a live update. */
export function grownObjects() {
  return [node('k8s-worker-9', { kubelet: 'v1.24.17', runtime: 'containerd://1.7.2' })];
}

const PWN = (n) => `window.__pwned=${n}`;
export const HOSTILE_STRINGS = [
  `<img src=x onerror="${PWN(1)}">`,
  `"]; click n_api href "javascript:${PWN(2)}"`,
  `%%{init: {"securityLevel":"loose","startOnLoad":true}}%%`,
  `<script>${PWN(3)}</script>`,
  `x"]:::evil --> n_api`,
  `admin\u202Egnp.exe\u2066hidden\u2069`,
  `<svg onload="${PWN(4)}"><foreignObject><iframe srcdoc="<script>${PWN(5)}</script>"></iframe></foreignObject></svg>`,
  `javascript:${PWN(6)}`,
];

/** A cluster whose every string is an attack, diagnosed through the real core. */
export function hostileModel() {
  const big = `${'A'.repeat(300 * 1024)}<img src=x onerror="${PWN(7)}">`;
  const scanner = new ClusterScanner();
  scanner.setServerVersion(`v1.23.4<img src=x onerror="${PWN(8)}">`);
  const objects = [
    node(`cp-${HOSTILE_STRINGS[0]}`, { kubelet: `v1.23.4"]<script>${PWN(9)}</script>`, runtime: 'docker://20.10.7', controlPlane: true }),
    node(`w-${HOSTILE_STRINGS[5]}`, { kubelet: 'v1.23.4', runtime: `${HOSTILE_STRINGS[2]}://1.0.0` }),
    node(big, { kubelet: 'v1.23.4', runtime: 'containerd://1.6.19' }),
    node(`w-${HOSTILE_STRINGS[6]}`, { kubelet: `v1.24.0${HOSTILE_STRINGS[1]}`, runtime: `cri-o://1.24.1${HOSTILE_STRINGS[3]}` }),
    {
      apiVersion: 'v1', kind: 'Pod',
      metadata: { namespace: 'kube-system', name: `kube-apiserver-${HOSTILE_STRINGS[3]}`, labels: { component: 'kube-apiserver' }, annotations: { 'kubernetes.io/config.mirror': 'x' } },
      spec: { nodeName: `cp-${HOSTILE_STRINGS[0]}`, containers: [{ name: 'kube-apiserver', image: `registry.k8s.io/kube-apiserver:${HOSTILE_STRINGS[1]}` }] },
      status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
    },
    {
      apiVersion: 'apps/v1', kind: 'Deployment',
      metadata: { namespace: `ns-${HOSTILE_STRINGS[4]}`, name: `evil-${HOSTILE_STRINGS[5]}${HOSTILE_STRINGS[0]}` },
      spec: {
        template: {
          spec: {
            containers: [{ name: `c${HOSTILE_STRINGS[3]}`, image: 'x', volumeMounts: [{ name: 'sock', mountPath: '/var/run/docker.sock' }] }],
            volumes: [{ name: `sock${HOSTILE_STRINGS[0]}`, hostPath: { path: '/var/run/docker.sock' } }, { name: 'sock', hostPath: { path: '/var/run/docker.sock' } }],
          },
        },
      },
    },
    {
      apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass',
      metadata: { name: `rc-${HOSTILE_STRINGS[4]}` }, handler: `kata${HOSTILE_STRINGS[0]}`,
    },
  ];
  for (const object of objects) scanner.add(object);
  scanner.skip(`pods in namespace ${HOSTILE_STRINGS[0]}`, `forbidden: User "${HOSTILE_STRINGS[3]}" cannot list pods`);
  scanner.skip('runtimeclasses', HOSTILE_STRINGS[6]);
  const diagnosis = scanner.finish({ source: { kind: 'cluster', context: HOSTILE_STRINGS[0], server: 'https://x' } });
  return panelModel(diagnosis, { kind: 'cluster', name: `ctx-${HOSTILE_STRINGS[3]}${HOSTILE_STRINGS[5]}`, server: HOSTILE_STRINGS[7] }, { live: true });
}
