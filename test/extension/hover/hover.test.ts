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
