// `Status` objects: how a real apiserver reports every failure (and a few successes). The
// messages follow k8s.io/apimachinery/pkg/api/errors word for word, because clients and users
// read them.

import { qualifiedName, type ResourceInfo } from './resources';

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: { reason?: string; message: string; field?: string }[];
  retryAfterSeconds?: number;
}

export interface StatusObject {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, unknown>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

/** A failure to answer with: thrown inside handlers, turned into a response by the server. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toStatus(): StatusObject {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

function resourceDetails(info: Pick<ResourceInfo, 'group' | 'plural'>, name?: string): StatusDetails {
  return { ...(name !== undefined && name !== '' ? { name } : {}), ...(info.group ? { group: info.group } : {}), kind: info.plural };
}

export function notFound(info: Pick<ResourceInfo, 'group' | 'plural'>, name: string): ApiError {
  return new ApiError(404, 'NotFound', `${qualifiedName(info)} "${name}" not found`, resourceDetails(info, name));
}

/** An unknown URL: real servers answer with an empty-details NotFound. */
export function pathNotFound(): ApiError {
  return new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
}

export function alreadyExists(info: ResourceInfo, name: string): ApiError {
  return new ApiError(409, 'AlreadyExists', `${qualifiedName(info)} "${name}" already exists`, resourceDetails(info, name));
}

export function conflict(info: ResourceInfo, name: string, why = 'the object has been modified; please apply your changes to the latest version and try again'): ApiError {
  return new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedName(info)} "${name}": ${why}`, resourceDetails(info, name));
}

export interface ForbiddenScope {
  readonly user: string;
  readonly verb: string;
  readonly group: string;
  readonly plural: string;
  readonly subresource?: string;
  readonly namespace?: string;
  readonly name?: string;
}

/** `pods is forbidden: User "sim-user" cannot list resource "pods" in API group "" in the namespace "team-a"` */
export function forbidden(scope: ForbiddenScope): ApiError {
  const resource = scope.subresource ? `${scope.plural}/${scope.subresource}` : scope.plural;
  const where = scope.namespace ? `in the namespace "${scope.namespace}"` : 'at the cluster scope';
  const reason = `User "${scope.user}" cannot ${scope.verb} resource "${resource}" in API group "${scope.group}" ${where}`;
  const subject = qualifiedName(scope);
  const message = scope.name ? `${subject} "${scope.name}" is forbidden: ${reason}` : `${subject} is forbidden: ${reason}`;
  return new ApiError(403, 'Forbidden', message, resourceDetails(scope, scope.name));
}

export function unauthorized(): ApiError {
  return new ApiError(401, 'Unauthorized', 'Unauthorized');
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

export function invalid(info: ResourceInfo, name: string, field: string, message: string): ApiError {
  return new ApiError(422, 'Invalid', `${info.kind} "${name}" is invalid: ${field}: ${message}`, {
    ...resourceDetails(info, name),
    kind: info.kind,
    causes: [{ reason: 'FieldValueInvalid', message, field }],
  });
}

export function methodNotAllowed(): ApiError {
  return new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
}

export function notAcceptable(accept: string): ApiError {
  return new ApiError(406, 'NotAcceptable', `only the following media types are accepted: application/json, application/yaml (got ${accept})`);
}

export function unsupportedMediaType(contentType: string): ApiError {
  return new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json (got ${contentType})`);
}

export const CONTINUE_EXPIRED_MESSAGE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.';

export function continueExpired(): ApiError {
  return new ApiError(410, 'Expired', CONTINUE_EXPIRED_MESSAGE);
}

/** What a watch reports (as an ERROR event) when asked to resume from a compacted resourceVersion. */
export function tooOldResourceVersion(requested: number, oldest: number): ApiError {
  return new ApiError(410, 'Expired', `too old resource version: ${requested} (${oldest})`);
}

export function tooManyRequests(retryAfterSeconds: number): ApiError {
  return new ApiError(429, 'TooManyRequests', 'Too many requests, please try again later.', { retryAfterSeconds }, { 'Retry-After': String(retryAfterSeconds) });
}

export function internalError(cause: string): ApiError {
  return new ApiError(500, 'InternalError', `Internal error occurred: ${cause}`, { causes: [{ message: cause }] });
}

export function serviceUnavailable(message = 'the server is currently unable to handle the request'): ApiError {
  return new ApiError(503, 'ServiceUnavailable', message);
}

/** The body of a successful DELETE of an object that is removed at once (no graceful deletion). */
export function deleteSuccess(info: ResourceInfo, name: string, uid: string | undefined): StatusObject {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: { ...resourceDetails(info, name), ...(uid ? { uid } : {}) },
    code: 200,
  };
}
