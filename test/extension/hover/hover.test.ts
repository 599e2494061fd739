// What the hover shows, beyond the pure lookup (yamlHover.test.ts): the Markdown text (escaping
// anything taken from the file or the cluster) and the one line of live facts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnoseObjects } from '../../../src/core/diagnose';
import { lookupKnowledge } from '../../../src/core/knowledge';
import type { KnowledgeEntry } from '../../../src/core/model';
import { yamlHoverAt } from '../../../src/core/yamlHover';
import { hoverMarkdownText } from '../../../src/extension/hover/hoverMarkdown';
import { liveFactLine } from '../../../src/core/liveFacts';
import { node } from '../../fixtures/build';

const entry = (key: string) => lookupKnowledge(key) as KnowledgeEntry;

const CLUSTER = diagnoseObjects([
  { object: node({ name: 'a', runtime: 'containerd://1.7.11', kubelet: 'v1.29.1' }) },
  { object: node({ name: 'b', runtime: 'containerd://1.7.11', kubelet: 'v1.29.1' }) },
  { object: node({ name: 'c', runtime: 'containerd://1.7.11', kubelet: 'v1.29.1' }) },
  { object: node({ name: 'd', runtime: 'docker://24.0.7', kubelet: 'v1.29.1' }) },
  { object: node({ name: 'e', runtime: 'cri-o://1.28.2', kubelet: 'v1.28.4' }) },
  { object: { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'gvisor' }, handler: 'runsc' } },
], 'v1.29.1');

test('live facts: "N of M nodes run <runtime> <version>"', () => {
  assert.equal(liveFactLine(entry('containerd'), CLUSTER), '3 of 5 nodes run containerd 1.7.11');
  assert.equal(liveFactLine(entry('cri-o'), CLUSTER), '1 of 5 nodes run CRI-O 1.28.2');
  assert.equal(liveFactLine(entry('dockerd'), CLUSTER), '1 of 5 nodes run Docker Engine 24.0.7');
  assert.equal(liveFactLine(entry('cri-dockerd'), CLUSTER), '1 of 5 nodes reach Docker Engine through cri-dockerd');
  assert.equal(liveFactLine(entry('dockershim'), CLUSTER), 'none of 5 nodes reach Docker Engine through dockershim');
  assert.equal(liveFactLine(entry('kubelet'), CLUSTER), 'kubelet v1.29.1 on 4, v1.28.4 on 1 on 5 nodes');
  assert.equal(liveFactLine(entry('gvisor'), CLUSTER), 'RuntimeClass gvisor (handler runsc, 0 running pods)');
  assert.equal(liveFactLine(entry('kata'), CLUSTER), null, 'no RuntimeClass for Kata: nothing to say');
  assert.equal(liveFactLine(entry('etcd'), CLUSTER), null, 'only runtime-related entries get a live line');
});

test('live facts: mixed versions are counted, and an empty cluster says nothing', () => {
  const mixed = diagnoseObjects([
    { object: node({ name: 'a', runtime: 'containerd://1.7.11', kubelet: 'v1.29.1' }) },
    { object: node({ name: 'b', runtime: 'containerd://1.6.20', kubelet: 'v1.29.1' }) },
  ], 'v1.29.1');
  assert.equal(liveFactLine(entry('containerd'), mixed), '2 of 2 nodes run containerd (1.6.20 on 1, 1.7.11 on 1)');
  assert.equal(liveFactLine(entry('containerd'), diagnoseObjects([], null)), null);
});

test('hover text: title, layer, status, summary, one link; the live line and the hostPath note when there are', () => {
  const text = 'spec:\n  volumes:\n    - hostPath:\n        path: /var/run/docker.sock\n';
  const hover = yamlHoverAt(text, text.indexOf('docker.sock'));
  assert.ok(hover);
  const md = hoverMarkdownText(hover, { sourceLabel: 'cluster prod', line: '1 of 5 nodes run Docker Engine 24.0.7' });
  assert.match(md, /^\*\*Docker Engine \(dockerd\)\*\* · container engine/);
  assert.match(md, /\*Status:\* active/);
  assert.match(md, /This `hostPath` mounts ` \/var\/run\/docker\.sock ` from the node/);
  assert.match(md, /\*\*Without it:\*\* The pod mounts docker\.sock/);
  assert.match(md, /\*Live \(cluster prod\):\* 1 of 5 nodes run Docker Engine 24\.0\.7/);
  assert.equal((md.match(/\]\(https:\/\//g) ?? []).length, 1, 'exactly one link');
});

test('hover text: text from the file or the cluster cannot become a link, HTML or emphasis', () => {
  const text = 'spec:\n  volumes:\n    - hostPath:\n        path: "/x/[a](https://evil.example)<img src=x>*b*/docker.sock"\n';
  const hover = yamlHoverAt(text, text.indexOf('docker.sock'));
  assert.equal(hover?.entry.key, 'dockerd');
  assert.ok(hover);
  const md = hoverMarkdownText(hover, { sourceLabel: 'cluster [x](https://evil.example)', line: '<b>3</b> of *5*' });
  const span = '` /x/[a](https://evil.example)<img src=x>*b*/docker.sock `';
  assert.ok(md.includes(span), 'the YAML value is shown as a code span, literally');
  const outsideCode = md.replace(span, '');
  assert.doesNotMatch(outsideCode, /\]\(https:\/\/evil|<img|<b>|\*5\*/);
  assert.match(md, /\\\*5\\\*/, 'cluster text is escaped');
});

test('hover: a runtimeClassName value that is not a valid name gets no answer', () => {
  const text = 'spec:\n  runtimeClassName: "[click](https://evil.example)"\n';
  assert.equal(yamlHoverAt(text, text.indexOf('click')), null);
});

// ---------------------------------------------------------------------------------------------
// Pod settings the runtime must support, and runtimeClassName: the Markdown and the live line.

import { hoverLiveLine, nodeFeatureSupport, type LiveDiagnosis, type LiveNode } from '../../../src/core/liveFacts';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: sandboxed
spec:
  hostUsers: false
  runtimeClassName: gvisor
  securityContext:
    supplementalGroupsPolicy: Strict
  containers:
    - name: app
      image: nginx:1.27
      volumeMounts:
        - name: data
          mountPath: /data
          readOnly: true
          recursiveReadOnly: Enabled
  volumes:
    - name: data
      image:
        reference: quay.io/crio/artifact:v2
`;

function hoverOn(needle: string, delta = 1) {
  const hover = yamlHoverAt(POD, POD.indexOf(needle) + delta);
  assert.ok(hover, `a hover on ${needle}`);
  return hover;
}

// Five real-world nodes: containerd 1.7 (AL2), containerd 2.1 with a Bottlerocket suffix, CRI-O 1.33
// from OpenShift, Docker Engine through cri-dockerd, and a Windows node on containerd 2.0.
const FLEET = diagnoseObjects([
  { object: node({ name: 'al2-a', runtime: 'containerd://1.7.27', kubelet: 'v1.32.9-eks-113cf36' }) },
  { object: node({ name: 'br-a', runtime: 'containerd://2.1.4+bottlerocket', kubelet: 'v1.33.5-eks-113cf36' }) },
  { object: node({ name: 'ocp-a', runtime: 'cri-o://1.33.2-3.rhaos4.20.gitb9f4a3a.el9', kubelet: 'v1.33.4' }) },
  { object: node({ name: 'dock-a', runtime: 'docker://28.1.1', kubelet: 'v1.33.1' }) },
  { object: node({ name: 'win-a', runtime: 'containerd://2.0.5', kubelet: 'v1.33.5', os: 'windows' }) },
  { object: { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'gvisor' }, handler: 'runsc', scheduling: { nodeSelector: { sandbox: 'gvisor' } } } },
], 'v1.33.5');

test('live facts (runtime features): by runtime version from the support table when nodes do not report', () => {
  assert.equal(hoverLiveLine(hoverOn('hostUsers'), FLEET), '2 of 5 nodes support user namespaces; 3 cannot: containerd 1.7.27 on 1, Docker Engine 28.1.1 on 1, Windows on 1');
  assert.equal(hoverLiveLine(hoverOn('false'), FLEET), '2 of 5 nodes support user namespaces; 3 cannot: containerd 1.7.27 on 1, Docker Engine 28.1.1 on 1, Windows on 1', 'the value answers like the key');
  assert.equal(hoverLiveLine(hoverOn('  image:\n', 3), FLEET), '2 of 5 nodes support image volumes; 3 cannot: containerd 1.7.27 on 1, containerd 2.0.5 on 1, Docker Engine 28.1.1 on 1');
  assert.equal(hoverLiveLine(hoverOn('recursiveReadOnly'), FLEET), '2 of 5 nodes support recursive read-only mounts; 3 cannot: containerd 1.7.27 on 1, Docker Engine 28.1.1 on 1, Windows on 1');
  assert.equal(hoverLiveLine(hoverOn('Strict'), FLEET), '2 of 5 nodes support supplementalGroupsPolicy: Strict; 3 cannot: containerd 1.7.27 on 1, Docker Engine 28.1.1 on 1, Windows on 1');
  assert.equal(hoverLiveLine(hoverOn('hostUsers'), diagnoseObjects([], null)), null, 'no nodes, nothing to say');
});

test('live facts (runtime features): a node\'s own report beats the version table, both ways', () => {
  const handlers = (userNamespaces: boolean | null, recursiveReadOnlyMounts: boolean | null) => [
    { name: '', features: { userNamespaces, recursiveReadOnlyMounts } },
    { name: 'runsc', features: { userNamespaces: false, recursiveReadOnlyMounts: false } },
  ];
  const nodes: LiveNode[] = [
    // containerd 2.1 that says it cannot (an old kernel without idmap mounts): reported false wins.
    { name: 'a', os: 'linux', kubeletVersion: 'v1.33.5', dockerShim: null, runtime: { name: 'containerd', version: '2.1.4', raw: 'containerd://2.1.4' }, runtimeHandlers: handlers(false, true), criFeatures: { supplementalGroupsPolicy: false } },
    // A runtime the table does not know, which says it can.
    { name: 'b', os: 'linux', kubeletVersion: 'v1.33.5', dockerShim: null, runtime: { name: 'isulad', version: '2.1.5', raw: 'isulad://2.1.5' }, runtimeHandlers: handlers(true, null), criFeatures: { supplementalGroupsPolicy: true } },
    // No report at all: the table decides.
    { name: 'c', os: 'linux', kubeletVersion: 'v1.33.5', dockerShim: null, runtime: { name: 'cri-o', version: '1.33.2', raw: 'cri-o://1.33.2' }, runtimeHandlers: null, criFeatures: null },
    // An unknown runtime without a report: unknown, never counted as able.
    { name: 'd', os: 'linux', kubeletVersion: 'v1.33.5', dockerShim: null, runtime: { name: 'unknown', version: null, raw: 'Unknown' } },
  ];
  const live: LiveDiagnosis = { report: { nodes }, runtimeClasses: [] };
  assert.equal(hoverLiveLine(hoverOn('hostUsers'), live), '2 of 4 nodes support user namespaces (1 says so in its status); 1 cannot: containerd 2.1.4 (its status says no); 1 unknown: an unknown runtime');
  assert.equal(hoverLiveLine(hoverOn('recursiveReadOnly'), live), '2 of 4 nodes support recursive read-only mounts (1 says so in its status); 2 unknown: an unknown runtime on 1, isulad 2.1.5 on 1');
  assert.equal(hoverLiveLine(hoverOn('Strict'), live), '2 of 4 nodes support supplementalGroupsPolicy: Strict (1 says so in its status); 1 cannot: containerd 2.1.4 (its status says no); 1 unknown: an unknown runtime');
  assert.deepEqual(nodeFeatureSupport(nodes[0] as LiveNode, 'imageVolume'), { supported: true, reported: false, basis: 'containerd 2.1.4' }, 'nodes never report image volumes: the version decides');
});

test('live facts (runtime features): version edges — exactly the minimum, a patch below, vendor builds', () => {
  const at = (runtime: string) => {
    const d = diagnoseObjects([{ object: node({ name: 'n', runtime, kubelet: 'v1.33.5' }) }], 'v1.33.5');
    const n = d.report.nodes[0];
    assert.ok(n);
    return nodeFeatureSupport(n, 'imageVolume').supported;
  };
  assert.equal(at('containerd://2.1.0'), true);
  assert.equal(at('containerd://2.0.9'), false);
  assert.equal(at('containerd://2.1.4+bottlerocket'), true);
  assert.equal(at('containerd://1.7.20-k3s1'), false);
  assert.equal(at('cri-o://1.31.0'), true);
  assert.equal(at('cri-o://1.30.9'), false);
  assert.equal(at('docker://28.1.1'), false);
  assert.equal(at('Unknown'), null);
});

test('live facts (runtimeClassName): the class, how many nodes load its handler, its nodeSelector', () => {
  assert.equal(hoverLiveLine(hoverOn('runtimeClassName'), FLEET), 'RuntimeClass gvisor (handler runsc, 0 running pods); which nodes load it is not known: no node\'s runtime handlers were read; its nodeSelector matches 0 nodes');
  assert.equal(hoverLiveLine(hoverOn('gvisor'), FLEET), 'RuntimeClass gvisor (handler runsc, 0 running pods); which nodes load it is not known: no node\'s runtime handlers were read; its nodeSelector matches 0 nodes');
  const other = diagnoseObjects([{ object: node({ name: 'a', runtime: 'containerd://2.1.4', kubelet: 'v1.33.5' }) }], 'v1.33.5');
  assert.equal(hoverLiveLine(hoverOn('gvisor'), other), 'no RuntimeClass named gvisor in the cluster');
  const nodes: LiveNode[] = ['a', 'b', 'c'].map((name, i) => ({
    name, os: 'linux', kubeletVersion: 'v1.33.5', dockerShim: null, runtime: { name: 'containerd', version: '2.1.4', raw: 'containerd://2.1.4' },
    runtimeHandlers: i === 2 ? null : [{ name: '', features: { userNamespaces: true, recursiveReadOnlyMounts: true } }, ...(i === 0 ? [{ name: 'runsc', features: { userNamespaces: false, recursiveReadOnlyMounts: false } }] : [])],
  }));
  const live: LiveDiagnosis = { report: { nodes }, runtimeClasses: FLEET.runtimeClasses };
  assert.equal(hoverLiveLine(hoverOn('gvisor'), live), 'RuntimeClass gvisor (handler runsc, 0 running pods); loaded by 1 of the 2 nodes whose handlers are known (1 more unknown); its nodeSelector matches 0 nodes');
  const all: LiveDiagnosis = { report: { nodes: nodes.slice(0, 2) }, runtimeClasses: FLEET.runtimeClasses };
  assert.equal(hoverLiveLine(hoverOn('gvisor'), all), 'RuntimeClass gvisor (handler runsc, 0 running pods); loaded by 1 of 2 nodes; its nodeSelector matches 0 nodes');
  // A RuntimeClass document's handler value: how many nodes load that handler.
  const rc = 'apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata:\n  name: sandboxed\nhandler: kata-qemu\n';
  const handler = yamlHoverAt(rc, rc.indexOf('kata-qemu') + 1);
  assert.ok(handler);
  assert.equal(hoverLiveLine(handler, all), 'handler kata-qemu: loaded by none of 2 nodes');
  assert.equal(hoverLiveLine(handler, CLUSTER), 'handler kata-qemu: which nodes load it is not known: no node\'s runtime handlers were read');
  const runsc = yamlHoverAt(rc.replace('kata-qemu', 'runsc'), rc.indexOf('kata-qemu') + 1);
  assert.ok(runsc);
  assert.equal(hoverLiveLine(runsc, { report: { nodes: [] }, runtimeClasses: FLEET.runtimeClasses }), 'RuntimeClass gvisor (0 running pods)', 'the classes that use the handler');
  assert.equal(hoverLiveLine(runsc, { report: { nodes: [] }, runtimeClasses: [] }), null, 'nothing known: nothing said');
});

test('hover text (runtime features): the setting, what it does, which runtimes, where nodes report it, the live line', () => {
  const md = hoverMarkdownText(hoverOn('hostUsers'), { sourceLabel: 'cluster prod', line: '2 of 5 nodes support user namespaces' });
  assert.match(md, /^\*\*User namespaces for pods \(hostUsers: false\)\*\* · concept/);
  assert.match(md, /` hostUsers: false ` gives the pod its own user namespace/);
  assert.match(md, /\*Runtimes:\* containerd 2\.0\+, CRI-O 1\.25\+; not Docker Engine through cri-dockerd\. Nodes report it in `status\.runtimeHandlers\[\]\.features\.userNamespaces`\./);
  assert.match(md, /\*Live \(cluster prod\):\* 2 of 5 nodes support user namespaces/);
  assert.equal((md.match(/\]\(https:\/\//g) ?? []).length, 1, 'exactly one link');
  const image = hoverMarkdownText(hoverOn('  image:\n', 3), null);
  assert.match(image, /` volumes\[\]\.image ` mounts an OCI image or artifact/);
  assert.match(image, /\*Runtimes:\* containerd 2\.1\+, CRI-O 1\.31\+; not Docker Engine through cri-dockerd\.\n|\*Runtimes:\* containerd 2\.1\+, CRI-O 1\.31\+; not Docker Engine through cri-dockerd\.$/);
  assert.doesNotMatch(image, /Nodes report it/, 'nodes do not report image-volume support');
  const rcName = hoverMarkdownText(hoverOn('runtimeClassName'), null);
  assert.match(rcName, /\*Runtimes:\* any CRI runtime whose configuration defines the handler/);
});

test('hover text (runtime features): a setting value from the file stays a code span; cluster strings are escaped', () => {
  const text = 'spec:\n  securityContext:\n    supplementalGroupsPolicy: "[x](https://evil.example)<img src=x>"\n';
  const hover = yamlHoverAt(text, text.indexOf('supplementalGroupsPolicy') + 1);
  assert.ok(hover);
  const evilClass = diagnoseObjects([
    { object: node({ name: 'a', runtime: 'containerd://2.1.4', kubelet: 'v1.33.5' }) },
    { object: { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'gvisor' }, handler: '*runsc*<b>[y](https://evil.example)' } },
  ], 'v1.33.5');
  const md = hoverMarkdownText(hover, { sourceLabel: 'cluster c', line: hoverLiveLine(hoverOn('gvisor'), evilClass) ?? '' });
  const span = '` supplementalGroupsPolicy: [x](https://evil.example)<img src=x> `';
  assert.ok(md.includes(span), 'the YAML value is shown as a code span, literally');
  const outside = md.replace(span, '');
  assert.doesNotMatch(outside, /\]\(https:\/\/evil|<img|<b>|\*runsc\*/);
  assert.match(outside, /handler \\\*runsc\\\*/, 'the cluster handler is escaped');
});
