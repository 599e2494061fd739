import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';

import { KNOWLEDGE, featureRuntimes, knowledgeKeys, lookupKnowledge, searchKnowledge } from '../../src/core/knowledge';
import {
  CGROUP_V1_CUTOFF, CONTAINERD_KUBERNETES_SUPPORT, CONTAINERD_V1_CUTOFF, KUBELET_SKEW, RUNTIME_FEATURES,
} from '../../src/core/support';

const REQUIRED_KEYS = [
  'docker-cli', 'dockerd', 'moby', 'containerd', 'containerd-shim', 'cri', 'cri-o', 'dockershim', 'cri-dockerd',
  'oci', 'runc', 'crun', 'youki', 'gvisor', 'kata', 'firecracker', 'wasm', 'nvidia', 'runtimeclass', 'kubelet',
  'kube-apiserver', 'etcd', 'kube-scheduler', 'kube-controller-manager', 'cloud-controller-manager', 'kube-proxy',
  'coredns', 'kube-dns', 'cni', 'ha-front', 'kube-vip', 'static-pods', 'containers-vs-vms', 'systemd-in-containers',
  'container-runtime-endpoint', 'control-plane-hosting', 'node-pool',
  // Runtime upgrade readiness (issue 12)
  'containerd-2', 'cgroup-v2', 'cri-runtime-config', 'runtime-handlers', 'version-skew', 'image-volumes',
  'user-namespaces', 'recursive-read-only-mounts', 'supplemental-groups-policy',
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
  // Runtime upgrade readiness: the words in release notes, kubelet metrics, events and manifests.
  ['containerd 2', 'containerd-2'],
  ['containerd 2.0', 'containerd-2'],
  ['containerd v2', 'containerd-2'],
  ['config version 3', 'containerd-2'],
  ['containerd config migrate', 'containerd-2'],
  ['io.containerd.cri.v1.runtime', 'containerd-2'],
  ['io.containerd.cri.v1.images', 'containerd-2'],
  ["'io.containerd.grpc.v1.cri'", 'containerd-2'],
  ['io.containerd.runtime.v1.linux', 'containerd-2'],
  ['aufs', 'containerd-2'],
  ['Docker schema 1', 'containerd-2'],
  ['schema1', 'containerd-2'],
  ['CRI v1alpha2', 'containerd-2'],
  ['config_path', 'containerd-2'],
  ['cgroup v2', 'cgroup-v2'],
  ['cgroup v1', 'cgroup-v2'],
  ['cgroupv1', 'cgroup-v2'],
  ['CgroupV1', 'cgroup-v2'],
  ['cgroup2fs', 'cgroup-v2'],
  ['cgroups', 'cgroup-v2'],
  ['failCgroupV1', 'cgroup-v2'],
  ['--fail-cgroup-v1', 'cgroup-v2'],
  ['kubelet_cgroup_version', 'cgroup-v2'],
  ['KEP-5573', 'cgroup-v2'],
  ['/sys/fs/cgroup', 'cgroup-v2'],
  ['/sys/fs/cgroup/', 'cgroup-v2'],
  ['KEP-4033', 'cri-runtime-config'],
  ['RuntimeConfig', 'cri-runtime-config'],
  ['kubelet_cri_losing_support', 'cri-runtime-config'],
  ['cgroupDriver', 'cri-runtime-config'],
  ['--cgroup-driver', 'cri-runtime-config'],
  ['SystemdCgroup', 'cri-runtime-config'],
  ['KubeletCgroupDriverFromCRI', 'cri-runtime-config'],
  ['containerd 1.x', 'cri-runtime-config'],
  ['runtimeHandlers', 'runtime-handlers'],
  ['status.runtimeHandlers', 'runtime-handlers'],
  ['status.features', 'runtime-handlers'],
  ['NodeRuntimeHandlerFeatures', 'runtime-handlers'],
  ['version skew', 'version-skew'],
  ['version-skew-policy', 'version-skew'],
  ['n-3', 'version-skew'],
  ['CRI-O version skew', 'version-skew'],
  ['image volume', 'image-volumes'],
  ['ImageVolume', 'image-volumes'],
  ['ImageVolumeSource', 'image-volumes'],
  ['KEP-4639', 'image-volumes'],
  ['hostUsers', 'user-namespaces'],
  ['hostUsers: false', 'user-namespaces'],
  ['user namespaces', 'user-namespaces'],
  ['userns', 'user-namespaces'],
  ['UserNamespacesSupport', 'user-namespaces'],
  ['recursiveReadOnly', 'recursive-read-only-mounts'],
  ['recursiveReadOnlyMounts', 'recursive-read-only-mounts'],
  ['RRO', 'recursive-read-only-mounts'],
  ['supplementalGroupsPolicy', 'supplemental-groups-policy'],
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

// ---------------------------------------------------------------------------------------------
// Runtime upgrade readiness entries: the facts they must carry, with versions from the support table.

function text(key: string): string {
  const e = entry(key);
  return [e.status, e.summary, ...e.body].join(' ');
}

test('runtime-readiness entries take their cutoffs from the support table, not from prose', () => {
  assert.match(entry('containerd-2').status, new RegExp(`Kubernetes ${CONTAINERD_V1_CUTOFF.errorFrom.replace('.', '\\.')}$`));
  assert.ok(text('cri-runtime-config').includes(`until ${CONTAINERD_V1_CUTOFF.errorFrom}`), 'the fallback end');
  assert.ok(text('cri-runtime-config').includes(`targets from ${CONTAINERD_V1_CUTOFF.warnFrom}`), 'the warning start');
  assert.ok(entry('cgroup-v2').status.endsWith(`from ${CGROUP_V1_CUTOFF.failByDefaultFrom}`));
  assert.ok(text('cgroup-v2').includes(`From ${CGROUP_V1_CUTOFF.failByDefaultFrom} that setting defaults to true`));
  assert.ok(text('version-skew').includes(`up to ${KUBELET_SKEW.maxMinorsBehind} minor versions older`));
  const newest = CONTAINERD_KUBERNETES_SUPPORT[CONTAINERD_KUBERNETES_SUPPORT.length - 1];
  assert.ok(newest);
  assert.ok(text('containerd-2').includes(`for Kubernetes ${newest.kubernetes}, only ${newest.lines.map((l) => `${l.minimum}+`).join(' and ')}`));
});

const FEATURE_ENTRIES = [
  ['imageVolume', 'image-volumes'],
  ['userNamespaces', 'user-namespaces'],
  ['recursiveReadOnlyMounts', 'recursive-read-only-mounts'],
  ['supplementalGroupsPolicy', 'supplemental-groups-policy'],
] as const;

for (const [feature, key] of FEATURE_ENTRIES) {
  test(`the ${key} entry names every runtime minimum of RUNTIME_FEATURES (${feature}) and the runtimes that never support it`, () => {
    const row = RUNTIME_FEATURES.find((r) => r.feature === feature);
    assert.ok(row);
    const body = text(key);
    assert.ok(body.includes(`containerd ${row.minimum['containerd']} or newer`), 'containerd minimum');
    assert.ok(body.includes(`CRI-O ${row.minimum['cri-o']} or newer`), 'CRI-O minimum');
    assert.ok(body.includes('Docker Engine through cri-dockerd cannot'), 'Docker Engine never');
    if (row.nodeField) assert.ok(body.includes(row.nodeField), `names where nodes report it: ${row.nodeField}`);
  });
}

test('featureRuntimes lists the supported runtimes with their minimum and the never-supporting ones', () => {
  assert.deepEqual(featureRuntimes('imageVolume'), { supported: ['containerd 2.1', 'CRI-O 1.31'], never: ['Docker Engine through cri-dockerd'] });
  assert.deepEqual(featureRuntimes('userNamespaces'), { supported: ['containerd 2.0', 'CRI-O 1.25'], never: ['Docker Engine through cri-dockerd'] });
});

test('the cgroup entry says how to tell a node\'s cgroup version: metric, event, stat, OS image', () => {
  const body = text('cgroup-v2');
  for (const needle of ['kubelet_cgroup_version', 'CgroupV1', 'stat -fc %T /sys/fs/cgroup/', 'cgroup2fs', 'tmpfs', 'failCgroupV1', 'nodes/proxy', 'Amazon Linux 2023', 'Bottlerocket']) {
    assert.ok(body.includes(needle), `cgroup entry does not mention ${needle}`);
  }
});

test('the containerd 2 entry covers config version 3, the new plugin ids, migrate, the removed shims, aufs, v1alpha2, schema 1 and hosts.toml', () => {
  const body = text('containerd-2');
  for (const needle of [
    'version = 3', 'io.containerd.cri.v1.runtime', 'io.containerd.cri.v1.images', 'io.containerd.grpc.v1.cri', 'containerd config migrate',
    'io.containerd.runc.v1', 'io.containerd.runtime.v1.linux', 'aufs', 'v1alpha2', 'schema 1', 'hosts.toml', 'config_path',
  ]) {
    assert.ok(body.includes(needle), `containerd-2 entry does not mention ${needle}`);
  }
});

test('the handshake entry explains RuntimeConfig, the losing-support metric and its moving label', () => {
  const body = text('cri-runtime-config');
  for (const needle of ['RuntimeConfig', 'KEP-4033', 'kubelet_cri_losing_support', '`version` label', 'cgroupDriver', 'SystemdCgroup', 'containerd 1.6 and 1.7']) {
    assert.ok(body.includes(needle), `cri-runtime-config entry does not mention ${needle}`);
  }
});

test('the runtime-handlers entry names the Node fields and the RuntimeClass check', () => {
  const body = text('runtime-handlers');
  for (const needle of ['status.runtimeHandlers', 'recursiveReadOnlyMounts', 'userNamespaces', 'status.features.supplementalGroupsPolicy', 'handler', 'scheduling.nodeSelector']) {
    assert.ok(body.includes(needle), `runtime-handlers entry does not mention ${needle}`);
  }
  assert.doesNotMatch(text('runtimeclass'), /Nothing in a Node's status lists the handlers/, 'the RuntimeClass entry no longer says nodes never list handlers');
  assert.match(text('runtimeclass'), /status\.runtimeHandlers/);
});

test('the version-skew entry: kubelet never newer, n-3 since 1.28, CRI-O follows the Kubernetes minor', () => {
  const body = text('version-skew');
  assert.match(body, /never be newer than the API server/);
  assert.match(body, /1\.28/);
  assert.match(body, /CRI-O's minor version follows Kubernetes/);
});

test('runtime-readiness entries are concepts, so the YAML hover never guesses them from a bare word', () => {
  for (const [, key] of FEATURE_ENTRIES) assert.equal(entry(key).layer, 'concept');
  for (const key of ['containerd-2', 'cgroup-v2', 'cri-runtime-config', 'runtime-handlers', 'version-skew']) assert.equal(entry(key).layer, 'concept');
});

test('apiVersion strings that contain v1alpha2 are not taken for the CRI v1alpha2 removal', () => {
  assert.equal(lookupKnowledge('kubeadm.k8s.io/v1alpha2'), undefined);
  assert.equal(lookupKnowledge('v1alpha2'), undefined);
});
