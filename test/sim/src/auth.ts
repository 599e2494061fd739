// Who is calling (authentication: bearer token or client certificate) and what they may do
// (authorization: everything, except what `--forbid` rules take away). The same rules answer
// SelfSubjectAccessReviews, so `kubectl auth can-i` agrees with what requests really get.

import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { timingSafeEqual } from 'node:crypto';
import { badRequest, forbidden, unauthorized, type ApiError } from './status';
import { qualifiedName, type ResourceRegistry } from './resources';

export type AuthMode = 'cert' | 'token' | 'exec';

export const SIM_USER = 'sim-user';

export interface User {
  readonly name: string;
  readonly groups: readonly string[];
}

export const ANONYMOUS: User = { name: 'system:anonymous', groups: ['system:unauthenticated'] };

/** Paths anyone may read without credentials (the system:public-info-viewer role). */
const PUBLIC_PATHS = new Set(['/version', '/livez', '/readyz', '/healthz']);

export function isPublicPath(path: string): boolean {
  return PUBLIC_PATHS.has(path) || path.startsWith('/livez/') || path.startsWith('/readyz/') || path.startsWith('/healthz/');
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The user behind a request. A bearer token that is present but wrong is 401 even when a client
 * certificate would do, as on real servers; no credentials at all is the anonymous user.
 */
export function authenticate(request: IncomingMessage, mode: AuthMode, token: string): User {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match || mode === 'cert' || !sameSecret(match[1] ?? '', token)) throw unauthorized();
    return { name: SIM_USER, groups: ['system:authenticated'] };
  }
  const socket = request.socket as TLSSocket;
  if (typeof socket.getPeerCertificate === 'function') {
    const certificate = socket.getPeerCertificate();
    if (certificate && Object.keys(certificate).length > 0) {
      if (!socket.authorized) throw unauthorized();
      const subject = certificate.subject as unknown as Record<string, string | string[] | undefined> | undefined;
      const cn = subject?.['CN'];
      const organisations = subject?.['O'];
      const groups = Array.isArray(organisations) ? organisations : organisations ? [organisations] : [];
      return { name: Array.isArray(cn) ? (cn[0] ?? '') : (cn ?? ''), groups: [...groups, 'system:authenticated'] };
    }
  }
  return ANONYMOUS;
}

// ---- authorization -------------------------------------------------------------------------------

export interface RequestAttributes {
  readonly verb: string;
  readonly group: string;
  /** Plural resource name. */
  readonly resource: string;
  readonly subresource?: string;
  /** undefined: cluster-scoped, or a namespaced resource across all namespaces. */
  readonly namespace?: string;
  readonly name?: string;
}

export interface ForbidRule {
  readonly source: string;
  readonly verbs: readonly string[];
  /** `pods`, `nodes/proxy`, `pods/*`, `*`; each with the group it applies to (undefined: any group). */
  readonly resources: readonly { readonly resource: string; readonly group?: string }[];
  /** undefined: everywhere. */
  readonly namespaces?: readonly string[];
}

const VERBS = new Set(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', '*']);

/**
 * `VERBS:RESOURCES[@NAMESPACES]`, each a comma-separated list:
 * `list:pods@team-a`, `*:replicasets`, `get:nodes/proxy`, `list,watch:deployments.apps,pods@a,b`.
 */
export function parseForbid(spec: string): ForbidRule {
  const colon = spec.indexOf(':');
  if (colon <= 0) throw new Error(`--forbid "${spec}": expected VERBS:RESOURCES[@NAMESPACES], e.g. list:pods@team-a`);
  const verbs = spec.slice(0, colon).split(',').map((v) => v.trim().toLowerCase());
  for (const verb of verbs) if (!VERBS.has(verb)) throw new Error(`--forbid "${spec}": unknown verb "${verb}" (use ${[...VERBS].join(', ')})`);
  const rest = spec.slice(colon + 1);
  const at = rest.indexOf('@');
  const resourcePart = at === -1 ? rest : rest.slice(0, at);
  const namespacePart = at === -1 ? undefined : rest.slice(at + 1);
  const resources = resourcePart.split(',').map((r) => r.trim()).filter(Boolean).map((r) => {
    const slash = r.indexOf('/');
    const base = slash === -1 ? r : r.slice(0, slash);
    const sub = slash === -1 ? '' : r.slice(slash);
    const dot = base.indexOf('.');
    return dot === -1 ? { resource: r.toLowerCase() } : { resource: `${base.slice(0, dot)}${sub}`.toLowerCase(), group: base.slice(dot + 1).toLowerCase() };
  });
  if (resources.length === 0) throw new Error(`--forbid "${spec}": no resource named (use * for all)`);
  const namespaces = namespacePart?.split(',').map((n) => n.trim()).filter(Boolean);
  if (namespacePart !== undefined && (!namespaces || namespaces.length === 0)) throw new Error(`--forbid "${spec}": nothing after "@"`);
  return { source: spec, verbs, resources, ...(namespaces ? { namespaces } : {}) };
}

function resourceMatches(pattern: string, resource: string, subresource: string | undefined): boolean {
  if (pattern === '*') return true;
  const full = subresource ? `${resource}/${subresource}` : resource;
  if (pattern === full) return true;
  if (pattern === `${resource}/*` && subresource) return true;
  if (pattern === `*/${subresource ?? ''}` && subresource) return true;
  return false;
}

function ruleDenies(rule: ForbidRule, attributes: RequestAttributes): boolean {
  if (!rule.verbs.includes('*') && !rule.verbs.includes(attributes.verb)) return false;
  const resourceHit = rule.resources.some(
    (r) => (r.group === undefined || r.group === attributes.group) && resourceMatches(r.resource, attributes.resource, attributes.subresource),
  );
  if (!resourceHit) return false;
  // A namespaced rule also denies the all-namespaces form: no real RBAC grant allows listing across
  // every namespace while withholding one of them.
  if (rule.namespaces && attributes.namespace !== undefined && !rule.namespaces.includes(attributes.namespace)) return false;
  return true;
}

export interface Decision {
  readonly allowed: boolean;
  readonly reason: string;
}

export class Authorizer {
  constructor(
    readonly rules: readonly ForbidRule[],
    private readonly registry: ResourceRegistry,
  ) {}

  decide(user: User, attributes: RequestAttributes): Decision {
    if (user === ANONYMOUS) return { allowed: false, reason: '' };
    const denied = this.rules.find((rule) => ruleDenies(rule, attributes));
    if (denied) return { allowed: false, reason: '' };
    return { allowed: true, reason: `RBAC: allowed by ClusterRoleBinding "sim-user-admin" of ClusterRole "cluster-admin" to User "${user.name}"` };
  }

  /** Throws the Forbidden Status a real apiserver would send. */
  check(user: User, attributes: RequestAttributes): void {
    if (!this.decide(user, attributes).allowed) throw this.forbiddenError(user, attributes);
  }

  forbiddenError(user: User, attributes: RequestAttributes): ApiError {
    return forbidden({
      user: user.name,
      verb: attributes.verb,
      group: attributes.group,
      plural: attributes.resource,
      ...(attributes.subresource ? { subresource: attributes.subresource } : {}),
      ...(attributes.namespace ? { namespace: attributes.namespace } : {}),
      ...(attributes.name ? { name: attributes.name } : {}),
    });
  }

  /** The status of a SelfSubjectAccessReview for `spec`. */
  review(user: User, spec: Record<string, unknown>): Record<string, unknown> {
    const resourceAttributes = spec['resourceAttributes'] as Record<string, unknown> | undefined;
    const nonResourceAttributes = spec['nonResourceAttributes'] as Record<string, unknown> | undefined;
    if (!resourceAttributes && !nonResourceAttributes) {
      throw badRequest('SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified');
    }
    if (nonResourceAttributes) {
      // Non-resource URLs (discovery, /version, /healthz) are never forbidden here.
      return { allowed: user !== ANONYMOUS, reason: user !== ANONYMOUS ? 'RBAC: allowed by ClusterRoleBinding "system:discovery"' : '' };
    }
    const attrs = resourceAttributes ?? {};
    const resource = String(attrs['resource'] ?? '');
    const group = String(attrs['group'] ?? '');
    const namespace = typeof attrs['namespace'] === 'string' && attrs['namespace'] !== '' ? attrs['namespace'] : undefined;
    const known = this.registry.list().find((r) => r.plural === resource && (group === '*' || r.group === group));
    const decision = this.decide(user, {
      verb: String(attrs['verb'] ?? ''),
      group: known?.group ?? group,
      resource,
      ...(typeof attrs['subresource'] === 'string' && attrs['subresource'] !== '' ? { subresource: attrs['subresource'] } : {}),
      ...(known && !known.namespaced ? {} : namespace !== undefined ? { namespace } : {}),
      ...(typeof attrs['name'] === 'string' && attrs['name'] !== '' ? { name: attrs['name'] } : {}),
    });
    return decision.allowed ? { allowed: true, reason: decision.reason } : { allowed: false };
  }

  describe(): string[] {
    return this.rules.map((rule) => {
      const resources = rule.resources.map((r) => (r.group ? qualifiedName({ group: r.group, plural: r.resource }) : r.resource)).join(', ');
      return `${rule.verbs.join(',')} on ${resources}${rule.namespaces ? ` in ${rule.namespaces.join(', ')}` : ' everywhere'}`;
    });
  }
}
