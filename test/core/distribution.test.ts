// Distribution, control-plane hosting and HA from the strings real clusters show
// (strings from public dumps of each distribution), including the traps.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnoseObjects } from '../../src/core/diagnose';
import type { ClusterFacts } from '../../src/core/model';
import { node, pod, podSpec, type NodeSpec } from '../fixtures/build';

function staticPod(component: string, nodeName: string, namespace = 'kube-system', labels: Record<string, string> = { component, tier: 'control-plane' }): Record<string, unknown> {
  return pod(`${component}-${nodeName}`, namespace, { ...podSpec({}), nodeName }, { kind: 'Node', name: nodeName }, {
    labels, annotations: { 'kubernetes.io/config.mirror': 'f00d', 'kubernetes.io/config.source': 'file' },
  });
}

function daemonPod(name: string, nodeName: string, namespace = 'kube-system'): Record<string, unknown> {
  return pod(name, namespace, { ...podSpec({}), nodeName }, { kind: 'DaemonSet', name: name.replace(/-[a-z0-9]{5}$/, '') });
}

const CP = { 'node-role.kubernetes.io/control-plane': '' };

interface Case {
  id: string;
  server: string | null;
  nodes: NodeSpec[];
  pods?: Record<string, unknown>[];
  expect: ClusterFacts['distribution'];
  hosting: ClusterFacts['controlPlane'];
  ha: boolean | null;
}

const CASES: Case[] = [
  {
    id: 'kubeadm 1.23 HA: static pods on three nodes behind haproxy + keepalived',
    server: 'v1.23.17',
    nodes: ['cp-1', 'cp-2', 'cp-3'].map((name) => ({ name, runtime: 'docker://20.10.17', kubelet: 'v1.23.17', labels: { ...CP, 'node-role.kubernetes.io/master': '' }, criSocket: '/var/run/dockershim.sock' })),
    pods: ['cp-1', 'cp-2', 'cp-3'].flatMap((n) => [staticPod('kube-apiserver', n), staticPod('etcd', n), staticPod('haproxy', n, 'kube-system', {}), staticPod('keepalived', n, 'kube-system', {})]),
    expect: 'kubeadm', hosting: 'static-pods', ha: true,
  },
  {
    id: 'EKS: -eks- kubelets, no control-plane nodes → managed, HA not visible (null, not false)',
    server: 'v1.23.17-eks-8ccc7ba',
    nodes: [{ runtime: 'docker://20.10.17', kubelet: 'v1.23.15-eks-49d8fe8', providerID: 'aws:///us-east-1a/i-0fc1d3abc8e3399e4', labels: { 'eks.amazonaws.com/nodegroup': 'ng-1' } }],
    expect: 'eks', hosting: 'managed', ha: null,
  },
  {
    id: 'trap: aws:// providerID with control-plane nodes is a self-managed cluster, not EKS',
    server: 'v1.27.4',
    nodes: [
      { name: 'ip-10-0-0-10', runtime: 'containerd://1.7.2', kubelet: 'v1.27.4', providerID: 'aws:///us-east-1a/i-0aaa', labels: CP },
      { name: 'ip-10-0-0-11', runtime: 'containerd://1.7.2', kubelet: 'v1.27.4', providerID: 'aws:///us-east-1a/i-0bbb' },
    ],
    pods: [staticPod('kube-apiserver', 'ip-10-0-0-10')],
    expect: 'kubeadm', hosting: 'static-pods', ha: false,
  },
  {
    id: 'trap: GKE kube-proxy mirror pods do not make a managed control plane self-hosted',
    server: 'v1.29.5-gke.1091000',
    nodes: [{ name: 'gke-dev-default-pool-1a2b', runtime: 'containerd://1.7.15', kubelet: 'v1.29.6-gke.1038001', providerID: 'gce://p/us-east1-b/gke-dev-default-pool-1a2b', labels: { 'cloud.google.com/gke-nodepool': 'default-pool' }, osImage: 'Container-Optimized OS from Google' }],
    pods: [staticPod('kube-proxy-gke', 'gke-dev-default-pool-1a2b', 'kube-system', { component: 'kube-proxy', tier: 'node' })],
    expect: 'gke', hosting: 'managed', ha: null,
  },
  {
    id: 'AKS: kubernetes.azure.com labels with a plain kubelet',
    server: 'v1.27.7',
    nodes: [{ name: 'aks-nodepool1-12345678-vmss000000', runtime: 'containerd://1.7.5-1', kubelet: 'v1.27.7', providerID: 'azure:///subscriptions/x/resourceGroups/y/providers/Microsoft.Compute/virtualMachineScaleSets/aks-nodepool1/virtualMachines/0', labels: { 'kubernetes.azure.com/cluster': 'MC_rg' } }],
    expect: 'aks', hosting: 'managed', ha: null,
  },
  {
    id: 'trap: RKE2 also carries -k3s containerd; the +rke2r kubelet decides',
    server: 'v1.28.8+rke2r1',
    nodes: [{ name: 'rke2-server-1', runtime: 'containerd://1.7.11-k3s2', kubelet: 'v1.28.8+rke2r1', labels: { 'node-role.kubernetes.io/control-plane': 'true', 'node-role.kubernetes.io/etcd': 'true' }, annotations: { 'rke2.io/node-args': '["server"]' } }],
    pods: [staticPod('kube-apiserver', 'rke2-server-1', 'kube-system', {}), staticPod('kube-proxy', 'rke2-server-1', 'kube-system', {})],
    expect: 'rke2', hosting: 'static-pods', ha: false,
  },
  {
    id: 'k3s HA: three servers, no apiserver pods → embedded, HA',
    server: 'v1.30.4+k3s1',
    nodes: [1, 2, 3].map((i) => ({ name: `k3s-server-${i}`, runtime: 'containerd://1.7.20-k3s1', kubelet: 'v1.30.4+k3s1', labels: { 'node-role.kubernetes.io/control-plane': 'true', 'node-role.kubernetes.io/etcd': 'true' }, annotations: { 'k3s.io/node-args': '["server"]' } })),
    expect: 'k3s', hosting: 'embedded', ha: true,
  },
  {
    id: 'k0s with controller-only nodes: the control plane is invisible, not managed',
    server: 'v1.30.0+k0s',
    nodes: [{ name: 'worker-1', runtime: 'containerd://1.7.16', kubelet: 'v1.30.0+k0s', labels: { 'node.k0sproject.io/role': 'worker' } }],
    expect: 'k0s', hosting: 'unknown', ha: null,
  },
  {
    id: 'OpenShift: static pods in openshift-* namespaces, not kube-system',
    server: 'v1.26.7+0ef5eae',
    nodes: ['master-0', 'master-1', 'master-2'].map((name) => ({ name, runtime: 'cri-o://1.26.4-3.rhaos4.13.git615a02c.el9', kubelet: 'v1.26.7+0ef5eae', osImage: 'Red Hat Enterprise Linux CoreOS 413.92.202307260246-0 (Plow)', labels: { 'node-role.kubernetes.io/master': '', 'node.openshift.io/os_id': 'rhcos' } })),
    pods: ['master-0', 'master-1', 'master-2'].flatMap((n) => [
      staticPod('kube-apiserver', n, 'openshift-kube-apiserver', { app: 'openshift-kube-apiserver', apiserver: 'true' }),
      pod(`kube-apiserver-guard-${n}`, 'openshift-kube-apiserver', podSpec({})),
      pod(`installer-9-${n}`, 'openshift-kube-apiserver', podSpec({})),
      staticPod('etcd', n, 'openshift-etcd', { 'k8s-app': 'etcd' }),
    ]),
    expect: 'openshift', hosting: 'static-pods', ha: true,
  },
  {
    id: 'trap: Docker Desktop is kubeadm-based but reported as itself',
    server: 'v1.29.1',
    nodes: [{ name: 'docker-desktop', runtime: 'docker://25.0.3', kubelet: 'v1.29.1', osImage: 'Docker Desktop', labels: CP, criSocket: 'unix:///var/run/cri-dockerd.sock' }],
    pods: [staticPod('kube-apiserver', 'docker-desktop')],
    expect: 'docker-desktop', hosting: 'static-pods', ha: false,
  },
  {
    id: 'trap: minikube is kubeadm-based but reported as itself',
    server: 'v1.27.4',
    nodes: [{ name: 'minikube', runtime: 'docker://24.0.4', kubelet: 'v1.27.4', osImage: 'Buildroot 2021.02.12', labels: { ...CP, 'minikube.k8s.io/name': 'minikube' }, criSocket: 'unix:///var/run/cri-dockerd.sock' }],
    pods: [staticPod('kube-apiserver', 'minikube')],
    expect: 'minikube', hosting: 'static-pods', ha: false,
  },
  {
    id: 'kind: kind:// providerID',
    server: 'v1.30.0',
    nodes: [{ name: 'kind-control-plane', runtime: 'containerd://1.7.15', kubelet: 'v1.30.0', providerID: 'kind://docker/kind/kind-control-plane', labels: CP, criSocket: 'unix:///run/containerd/containerd.sock' }],
    pods: [staticPod('kube-apiserver', 'kind-control-plane')],
    expect: 'kind', hosting: 'static-pods', ha: false,
  },
  {
    id: 'MicroK8s: one control-plane voter is not HA',
    server: 'v1.25.3',
    nodes: [{ name: 'mk8s', runtime: 'containerd://1.6.6', kubelet: 'v1.25.3', labels: { 'microk8s.io/cluster': 'true', 'node.kubernetes.io/microk8s-controlplane': 'microk8s-controlplane' } }],
    expect: 'microk8s', hosting: 'embedded', ha: false,
  },
  {
    id: 'Talos: k8s-app labelled static pods',
    server: 'v1.31.2',
    nodes: [{ name: 'talos-cp-1', runtime: 'containerd://2.0.0-rc.6', kubelet: 'v1.31.2', osImage: 'Talos (v1.8.2)', labels: CP }],
    pods: [staticPod('kube-apiserver', 'talos-cp-1', 'kube-system', { 'k8s-app': 'kube-apiserver', tier: 'control-plane' })],
    expect: 'talos', hosting: 'static-pods', ha: false,
  },
  {
    id: 'RKE1: controlplane role without a hyphen, control plane in plain containers',
    server: 'v1.20.5',
    nodes: [{ name: 'rke-1', runtime: 'docker://20.10.13', kubelet: 'v1.20.5', labels: { 'node-role.kubernetes.io/controlplane': 'true', 'node-role.kubernetes.io/etcd': 'true' }, annotations: { 'rke.cattle.io/external-ip': '10.0.0.5' } }],
    expect: 'rke1', hosting: 'containers', ha: false,
  },
  {
    id: 'trap: EKS Anywhere (Bottlerocket, plain kubelet, control-plane nodes) is not EKS',
    server: 'v1.21.6',
    nodes: [{ name: 'eksa-cp-1', runtime: 'containerd://1.5.8+bottlerocket', kubelet: 'v1.21.6', osImage: 'Bottlerocket OS 1.5.3 (vmware-k8s-1.21)', labels: { ...CP, 'node-role.kubernetes.io/master': '' } }],
    pods: [staticPod('kube-apiserver', 'eksa-cp-1')],
    expect: 'kubeadm', hosting: 'static-pods', ha: false,
  },
  {
    id: 'nothing recognisable: generic with an unknown control plane',
    server: 'v1.29.0',
    nodes: [{ name: 'n1', runtime: 'containerd://1.7.11', kubelet: 'v1.29.0' }],
    expect: 'generic', hosting: 'unknown', ha: null,
  },
  {
    id: 'an application etcd StatefulSet in a user namespace is not the control plane',
    server: 'v1.29.0',
    nodes: [{ name: 'n1', runtime: 'containerd://1.7.11', kubelet: 'v1.29.0' }],
    pods: [pod('etcd-0', 'app', podSpec({}), { kind: 'StatefulSet', name: 'etcd' }), pod('kube-apiserver-proxy-1', 'tools', podSpec({}))],
    expect: 'generic', hosting: 'unknown', ha: null,
  },
];

for (const c of CASES) {
  test(c.id, () => {
    const objects = [...c.nodes.map((spec) => node(spec)), ...(c.pods ?? [])].map((object) => ({ object }));
    const { report } = diagnoseObjects(objects, c.server);
    assert.deepEqual(
      { distribution: report.cluster.distribution, hosting: report.cluster.controlPlane, ha: report.cluster.ha },
      { distribution: c.expect, hosting: c.hosting, ha: c.ha },
    );
  });
}

test('OpenShift guard and installer pods are not counted as API servers', () => {
  const objects = [
    node({ name: 'm0', runtime: 'cri-o://1.26.4', kubelet: 'v1.26.7+0ef5eae', labels: { 'node.openshift.io/os_id': 'rhcos', 'node-role.kubernetes.io/master': '' } }),
    staticPod('kube-apiserver', 'm0', 'openshift-kube-apiserver', { app: 'openshift-kube-apiserver' }),
    pod('kube-apiserver-guard-m0', 'openshift-kube-apiserver', podSpec({})),
    pod('kube-apiserver-operator-5d8f-x', 'openshift-kube-apiserver-operator', podSpec({})),
  ].map((object) => ({ object }));
  const { report } = diagnoseObjects(objects, 'v1.26.7+0ef5eae');
  assert.deepEqual(report.controlPlane.map((c) => `${c.component} ${c.namespace}/${c.name}`), ['kube-apiserver openshift-kube-apiserver/kube-apiserver-m0']);
});

test('CoreDNS pods labelled k8s-app=kube-dns are CoreDNS; GKE kube-dns pods are kube-dns', () => {
  const coredns = pod('coredns-5d78c9869d-abcde', 'kube-system', { containers: [{ name: 'coredns', image: 'registry.k8s.io/coredns/coredns:v1.10.1' }] }, undefined, { labels: { 'k8s-app': 'kube-dns' } });
  const kubedns = pod('kube-dns-5b8f8d9d7-xyz12', 'kube-system', { containers: [{ name: 'kubedns', image: 'gke.gcr.io/k8s-dns-kube-dns:1.22.28' }] }, undefined, { labels: { 'k8s-app': 'kube-dns' } });
  const autoscaler = pod('kube-dns-autoscaler-7f89fb6b79-k2xqz', 'kube-system', podSpec({}));
  const { report } = diagnoseObjects([coredns, kubedns, autoscaler].map((object) => ({ object })), null);
  assert.deepEqual(report.controlPlane.map((c) => c.component).sort(), ['coredns', 'kube-dns']);
});

test('CNI is recognised from DaemonSet pod names', () => {
  const objects = [daemonPod('calico-node-7xk2p', 'n1'), daemonPod('aws-node-8d9f2', 'n1')].map((object) => ({ object }));
  const diagnosis = diagnoseObjects(objects, null);
  assert.deepEqual(diagnosis.cni.map((c) => c.name).sort(), ['Amazon VPC CNI', 'Calico']);
});
