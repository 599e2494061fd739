import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';

import { KNOWLEDGE, knowledgeKeys, lookupKnowledge, searchKnowledge } from '../../src/core/knowledge';

const REQUIRED_KEYS = [
  'docker-cli', 'dockerd', 'moby', 'containerd', 'containerd-shim', 'cri', 'cri-o', 'dockershim', 'cri-dockerd',
  'oci', 'runc', 'crun', 'youki', 'gvisor', 'kata', 'firecracker', 'wasm', 'nvidia', 'runtimeclass', 'kubelet',
  'kube-apiserver', 'etcd', 'kube-scheduler', 'kube-controller-manager', 'cloud-controller-manager', 'kube-proxy',
  'coredns', 'kube-dns', 'cni', 'ha-front', 'kube-vip', 'static-pods', 'containers-vs-vms', 'systemd-in-containers',
  'container-runtime-endpoint', 'control-plane-hosting', 'node-pool',
];

/** Official documentation only: the project's own site or its own GitHub organisation. */
const ALLOWED_LINK_PREFIXES = [
  'https://kubernetes.io/',
  'https://containerd.io/', 'https://github.com/containerd/',
  'https://cri-o.io/', 'https://github.com/cri-o/',
  'https://opencontainers.org/', 'https://github.com/opencontainers/',
  'https://docs.docker.com/', 'https://mobyproject.org/',
  'https://gvisor.dev/', 'https://katacontainers.io/', 'https://firecracker-microvm.github.io/',
  'https://github.com/Mirantis/cri-dockerd',
  'https://kube-vip.io/', 'https://coredns.io/', 'https://github.com/containernetworking/cni', 'https://etcd.io/',
  'https://www.haproxy.org/', 'https://keepalived.org/', 'https://www.keepalived.org/',
  'https://systemd.io/',
  'https://spinkube.dev/', 'https://www.spinkube.dev/', 'https://wasmtime.dev/', 'https://wasmedge.org/',
  'https://docs.nvidia.com/',
];

const entryByKey = new Map(KNOWLEDGE.map((entry) => [entry.key, entry]));

function entry(key: string) {
  const found = entryByKey.get(key);
  assert.ok(found, `no entry ${key}`);
  return found;
}

test('every required key has an entry', () => {
  const missing = REQUIRED_KEYS.filter((key) => !entryByKey.has(key));
  assert.deepEqual(missing, []);
});

test('the knowledge base has at least 32 entries', () => {
  assert.ok(KNOWLEDGE.length >= 32, `only ${KNOWLEDGE.length} entries`);
});

test('knowledgeKeys lists every key once, in the order of KNOWLEDGE', () => {
  assert.deepEqual(knowledgeKeys(), KNOWLEDGE.map((e) => e.key));
  assert.equal(new Set(knowledgeKeys()).size, KNOWLEDGE.length);
});

test('keys and aliases are lower-case, trimmed and non-empty', () => {
  for (const e of KNOWLEDGE) {
    for (const name of [e.key, ...e.aliases]) {
      assert.ok(name.length > 0, `${e.key}: empty name`);
      assert.equal(name, name.trim().toLowerCase(), `${e.key}: "${name}" is not lower-case and trimmed`);
    }
    assert.match(e.key, /^[a-z0-9][a-z0-9-]*$/, `${e.key}: key is not a stable slug`);
  }
});

test('no key or alias belongs to two entries', () => {
  const owner = new Map<string, string>();
  const clashes: string[] = [];
  for (const e of KNOWLEDGE) {
    for (const name of new Set([e.key, ...e.aliases])) {
      const previous = owner.get(name);
      if (previous !== undefined) clashes.push(`${name}: ${previous} and ${e.key}`);
      else owner.set(name, e.key);
    }
  }
  assert.deepEqual(clashes, []);
});

test('every key and alias looks up its own entry', () => {
  for (const e of KNOWLEDGE) {
    for (const name of [e.key, ...e.aliases]) {
      assert.equal(lookupKnowledge(name)?.key, e.key, `lookup of "${name}"`);
    }
  }
});

test('every related key resolves to another entry', () => {
  for (const e of KNOWLEDGE) {
    assert.ok(e.related.length > 0, `${e.key}: no related entries`);
    for (const key of e.related) {
      assert.ok(entryByKey.has(key), `${e.key}: related key ${key} does not exist`);
      assert.notEqual(key, e.key, `${e.key}: relates to itself`);
    }
  }
});

test('every entry has 1–3 links, all https on an official documentation host', () => {
  for (const e of KNOWLEDGE) {
    assert.ok(e.links.length >= 1 && e.links.length <= 3, `${e.key}: ${e.links.length} links`);
    for (const link of e.links) {
      assert.ok(link.title.trim().length > 0, `${e.key}: link without title`);
      const url = new URL(link.url);
      assert.equal(url.protocol, 'https:', `${e.key}: ${link.url}`);
      const base = `${url.origin}${url.pathname}`;
      assert.ok(
        ALLOWED_LINK_PREFIXES.some((prefix) => base.startsWith(prefix)),
        `${e.key}: ${link.url} is not on an allowed official host`,
      );
    }
  }
});

test('every entry has a title, a status, a one-sentence summary and 2–4 body paragraphs', () => {
  for (const e of KNOWLEDGE) {
    assert.ok(e.title.trim().length > 0, `${e.key}: title`);
    assert.ok(e.status.trim().length > 0, `${e.key}: status`);
    assert.match(e.summary, /^\S.*\.$/, `${e.key}: summary is not one sentence ending in a full stop`);
    assert.doesNotMatch(e.summary, /\.\s+[A-Z]/, `${e.key}: summary has more than one sentence`);
    assert.ok(e.body.length >= 2 && e.body.length <= 4, `${e.key}: ${e.body.length} paragraphs`);
    for (const paragraph of e.body) assert.ok(paragraph.trim().length > 40, `${e.key}: near-empty paragraph`);
  }
});

const REAL_WORLD_LOOKUPS: readonly (readonly [input: string, key: string])[] = [
  ['containerd', 'containerd'],
  ['CRI-O', 'cri-o'],
  ['crio', 'cri-o'],
  ['runsc', 'gvisor'],
  ['gVisor', 'gvisor'],
  ['kata-qemu', 'kata'],
  ['kata-qemu-tdx', 'kata'],
  ['kata-clh', 'kata'],
  ['kata-fc', 'firecracker'],
  ['wasmtime-spin-v2', 'wasm'],
  ['spin', 'wasm'],
  ['wasmedge', 'wasm'],
  ['nvidia', 'nvidia'],
  ['nvidia-experimental', 'nvidia'],
  ['unix:///var/run/cri-dockerd.sock', 'cri-dockerd'],
  ['/var/run/cri-dockerd.sock', 'cri-dockerd'],
  ['/var/run/docker.sock', 'dockerd'],
  ['/run/docker.sock', 'dockerd'],
  ['unix:///run/containerd/containerd.sock', 'containerd'],
  ['unix://unix://unix:///run/containerd/containerd.sock', 'containerd'],
  ['/run/k3s/containerd/containerd.sock', 'containerd'],
  ['npipe:////./pipe/containerd-containerd', 'containerd'],
  ['/var/run/crio/crio.sock', 'cri-o'],
  ['unix:///var/run/crio/crio.sock', 'cri-o'],
  ['/var/run/dockershim.sock', 'dockershim'],
  ['npipe:////./pipe/dockershim', 'dockershim'],
  ['docker://20.10.17', 'dockerd'],
  ['docker://Unknown', 'dockerd'],
  ['containerd://1.7.7-k3s1', 'containerd'],
  ['containerd://1.6.20+bottlerocket', 'containerd'],
  ['cri-o://1.26.4-3.rhaos4.13.git615a02c.el9', 'cri-o'],
  ['io.containerd.runc.v2', 'containerd-shim'],
  ['io.containerd.runsc.v1', 'gvisor'],
  ['containerd-shim-kata-v2', 'kata'],
  ['containerd-shim-wasmtime-v1', 'wasm'],
  ['dockershim', 'dockershim'],
  ['docker', 'dockerd'],
  ['Docker Engine', 'dockerd'],
  ['kube-vip', 'kube-vip'],
  ['haproxy', 'ha-front'],
  ['keepalived', 'ha-front'],
  ['nginx-proxy', 'ha-front'],
  ['static pod', 'static-pods'],
  ['mirror pod', 'static-pods'],
  ['systemd', 'systemd-in-containers'],
  ['runtimeClassName', 'runtimeclass'],
  ['handler', 'runtimeclass'],
  ['containerRuntimeEndpoint', 'container-runtime-endpoint'],
  ['--container-runtime-endpoint', 'container-runtime-endpoint'],
  ['--container-runtime', 'container-runtime-endpoint'],
  ['criSocket', 'container-runtime-endpoint'],
  ['kubeadm.alpha.kubernetes.io/cri-socket', 'container-runtime-endpoint'],
  ['kube-dns', 'kube-dns'],
  ['CoreDNS', 'coredns'],
  ['etcd', 'etcd'],
  ['apiserver', 'kube-apiserver'],
  ['  "containerd"  ', 'containerd'],
  ["'runsc'", 'gvisor'],
];

for (const [input, key] of REAL_WORLD_LOOKUPS) {
  test(`lookupKnowledge(${JSON.stringify(input)}) explains ${key}`, () => {
    assert.equal(lookupKnowledge(input)?.key, key);
  });
}

const UNKNOWN_LOOKUPS = [
  'flibbertigibbet', '', '   ', '""', '<script>', '<script>alert(1)</script>', 'mvp://0.1.0', 'rockrobo://v1',
  'https://example.com/docker.sock.html', '/var/run', '/var/run/docker-host.sock', 'unix://', '://', 'shim',
  'kubernetes', 'x'.repeat(10_000),
];

for (const input of UNKNOWN_LOOKUPS) {
  const shown = input.length > 40 ? `${input.slice(0, 20)}… (${input.length} chars)` : input;
  test(`lookupKnowledge(${JSON.stringify(shown)}) returns undefined rather than a guess`, () => {
    assert.equal(lookupKnowledge(input), undefined);
  });
}

test('lookupKnowledge never throws, whatever the string', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (input) => {
      const result = lookupKnowledge(input);
      assert.ok(result === undefined || entryByKey.get(result.key) === result);
    }),
    { numRuns: 2000 },
  );
  fc.assert(
    fc.property(
      fc.constantFrom('unix://', 'npipe://', 'docker://', '/', '\\', '"', 'kata-', 'io.containerd.', 'containerd-shim-'),
      fc.string({ maxLength: 40 }),
      (prefix, rest) => {
        lookupKnowledge(prefix + rest);
      },
    ),
    { numRuns: 2000 },
  );
});

test('dockershim status says it was removed in Kubernetes 1.24 and deprecated in 1.20', () => {
  const { status } = entry('dockershim');
  assert.match(status, /1\.24/);
  assert.match(status, /1\.20/);
});

test('Docker entries warn that docker:// looks the same for dockershim and cri-dockerd', () => {
  for (const key of ['dockerd', 'cri-dockerd']) {
    const text = entry(key).body.join(' ');
    assert.match(text, /docker:\/\//, key);
    assert.match(text, /dockershim/, key);
  }
});

test('cri-dockerd is described as maintained outside Kubernetes by Mirantis and Docker', () => {
  const { status } = entry('cri-dockerd');
  assert.match(status, /Mirantis/);
  assert.match(status, /Docker/);
});

test('the systemd entry answers why: PID 1, cgroups, SIGRTMIN+3, and when it works', () => {
  const text = [entry('systemd-in-containers').summary, ...entry('systemd-in-containers').body].join(' ');
  for (const needle of ['PID 1', 'cgroup', 'CAP_SYS_ADMIN', 'SIGRTMIN+3', 'SIGTERM', '--systemd=always', 'container=', 'kubelet']) {
    assert.ok(text.includes(needle), `systemd entry does not mention ${needle}`);
  }
});

test('the container-runtime-endpoint entry gives the 1.27 flag removal and config field', () => {
  const e = entry('container-runtime-endpoint');
  const text = [e.status, ...e.body].join(' ');
  assert.match(text, /--container-runtime`? was deprecated in 1\.24 and removed in 1\.27/);
  assert.match(text, /containerRuntimeEndpoint/);
});

test('searchKnowledge returns at most five entries whose names or title contain the term', () => {
  const results = searchKnowledge('dock');
  assert.ok(results.length > 0 && results.length <= 5);
  for (const e of results) {
    const haystack = [e.key, ...e.aliases, e.title.toLowerCase()];
    assert.ok(haystack.some((name) => name.includes('dock')), e.key);
  }
  assert.ok(searchKnowledge('kube').length <= 5);
});

test('searchKnowledge puts an exact key or alias match first', () => {
  assert.equal(searchKnowledge('runsc')[0]?.key, 'gvisor');
  assert.equal(searchKnowledge('CRI-O')[0]?.key, 'cri-o');
  assert.equal(searchKnowledge('containerd')[0]?.key, 'containerd');
});

test('searchKnowledge finds partial words for a "did you mean" list', () => {
  assert.ok(searchKnowledge('gvis').some((e) => e.key === 'gvisor'));
  assert.ok(searchKnowledge('keepal').some((e) => e.key === 'ha-front'));
  assert.ok(searchKnowledge('Firecrack').some((e) => e.key === 'firecracker'));
});

test('searchKnowledge returns nothing for empty or unknown terms', () => {
  assert.deepEqual(searchKnowledge(''), []);
  assert.deepEqual(searchKnowledge('   '), []);
  assert.deepEqual(searchKnowledge('flibbertigibbet'), []);
});
