// Discovery documents: /api, /apis, /apis/GROUP, /apis/GROUP/VERSION (APIResourceList), and the
// aggregated form (APIGroupDiscoveryList, apidiscovery.k8s.io v2 and v2beta1) that kubectl ≥ 1.26
// asks for first.

import { groupVersionOf, type ResourceInfo, type ResourceRegistry } from './resources';

/** The order real servers list built-in groups in; custom groups follow alphabetically. */
const GROUP_ORDER = ['apps', 'events.k8s.io', 'authorization.k8s.io', 'batch', 'coordination.k8s.io', 'node.k8s.io'];

interface GroupVersions {
  readonly name: string;
  readonly versions: string[];
}

function groupsOf(registry: ResourceRegistry): GroupVersions[] {
  const groups = new Map<string, GroupVersions>();
  for (const info of registry.list()) {
    if (info.group === '') continue;
    const group = groups.get(info.group) ?? { name: info.group, versions: [] };
    if (!group.versions.includes(info.version)) group.versions.push(info.version);
    groups.set(info.group, group);
  }
  const rank = (name: string): number => {
    const i = GROUP_ORDER.indexOf(name);
    return i === -1 ? GROUP_ORDER.length : i;
  };
  return [...groups.values()].sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
}

function versionEntries(group: GroupVersions): { groupVersion: string; version: string }[] {
  return group.versions.map((version) => ({ groupVersion: `${group.name}/${version}`, version }));
}

export function apiVersions(serverAddress: string): object {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function apiGroup(group: GroupVersions): object {
  const versions = versionEntries(group);
  return { name: group.name, versions, preferredVersion: versions[0] };
}

export function apiGroupList(registry: ResourceRegistry): object {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groupsOf(registry).map(apiGroup) };
}

/** `/apis/GROUP`, or undefined when the group is not served. */
export function apiGroupDocument(registry: ResourceRegistry, name: string): object | undefined {
  const group = groupsOf(registry).find((g) => g.name === name);
  return group ? { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(group) } : undefined;
}

/** `/api/v1` or `/apis/GROUP/VERSION`, or undefined when not served. */
export function apiResourceList(registry: ResourceRegistry, group: string, version: string): object | undefined {
  const infos = registry.list().filter((r) => r.group === group && r.version === version);
  if (infos.length === 0) return undefined;
  const resources: object[] = [];
  for (const info of [...infos].sort((a, b) => a.plural.localeCompare(b.plural))) {
    resources.push({
      name: info.plural,
      singularName: info.singular,
      namespaced: info.namespaced,
      kind: info.kind,
      verbs: info.verbs,
      ...(info.shortNames.length ? { shortNames: info.shortNames } : {}),
      ...(info.categories.length ? { categories: info.categories } : {}),
    });
    for (const sub of info.subresources) {
      resources.push({
        name: `${info.plural}/${sub.name}`,
        singularName: '',
        namespaced: info.namespaced,
        ...(sub.group !== undefined ? { group: sub.group, version: sub.version } : {}),
        kind: sub.kind,
        verbs: sub.verbs,
      });
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: groupVersionOf({ group, version }), resources };
}

function discoveryResource(info: ResourceInfo): object {
  return {
    resource: info.plural,
    responseKind: { group: info.group, version: info.version, kind: info.kind },
    scope: info.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: info.singular,
    verbs: info.verbs,
    ...(info.shortNames.length ? { shortNames: info.shortNames } : {}),
    ...(info.categories.length ? { categories: info.categories } : {}),
    ...(info.subresources.length
      ? {
          subresources: info.subresources.map((sub) => ({
            subresource: sub.name,
            responseKind: { group: sub.group ?? info.group, version: sub.version ?? info.version, kind: sub.kind },
            verbs: sub.verbs,
          })),
        }
      : {}),
  };
}

/** The aggregated document for `/api` (legacy: true) or `/apis`. */
export function aggregatedDiscovery(registry: ResourceRegistry, legacy: boolean, version: 'v2' | 'v2beta1'): object {
  const groups: { name: string; versions: string[] }[] = legacy ? [{ name: '', versions: ['v1'] }] : groupsOf(registry);
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${version}`,
    metadata: {},
    items: groups.map((group) => ({
      metadata: { ...(group.name ? { name: group.name } : {}), creationTimestamp: null },
      versions: group.versions.map((v) => ({
        version: v,
        resources: registry
          .list()
          .filter((r) => r.group === group.name && r.version === v)
          .sort((a, b) => a.plural.localeCompare(b.plural))
          .map(discoveryResource),
        freshness: 'Current',
      })),
    })),
  };
}

export function aggregatedContentType(version: 'v2' | 'v2beta1'): string {
  return `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`;
}

/**
 * `/openapi/v2` as protobuf (the only encoding kubectl reads): a valid document with no
 * definitions. kubectl's client-side validation finds no schema and skips itself, as it does for
 * resources a server does not describe.
 */
export function emptyOpenApiV2(serverVersion: string): Buffer {
  const field = (tag: number, value: Buffer): Buffer => Buffer.concat([Buffer.from([tag]), varint(value.length), value]);
  const info = Buffer.concat([field(0x0a, Buffer.from('Kubernetes')), field(0x12, Buffer.from(serverVersion))]);
  return Buffer.concat([field(0x0a, Buffer.from('2.0')), field(0x12, info)]);
}

function varint(n: number): Buffer {
  const bytes: number[] = [];
  let value = n;
  while (value > 0x7f) {
    bytes.push((value & 0x7f) | 0x80);
    value >>>= 7;
  }
  bytes.push(value);
  return Buffer.from(bytes);
}
