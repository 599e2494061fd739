// Domain errors for talking to a cluster. Everything that goes wrong between us and an API
// server becomes one of these kinds; callers switch on `kind`, never on message text, and never
// show a raw API error body (it may echo request data).

import { isRecord } from '../core/read';

export type ClusterErrorKind =
  | 'no-kubeconfig'      // nothing to load, or the named context does not exist
  | 'bad-kubeconfig'     // the file exists but cannot be used
  | 'unreachable'        // DNS, connection refused or reset, proxy failure
  | 'tls'                // certificate problems (unknown CA, expired, wrong host)
  | 'auth-plugin'        // the exec credential plugin failed, hung or printed garbage
  | 'unauthorized'       // 401
  | 'forbidden'          // 403
  | 'not-found'          // 404
  | 'expired'            // 410 (stale continue token or resourceVersion)
  | 'too-many-requests'  // 429 after the retries
  | 'server-error'       // 5xx after the retries, or a malformed response
  | 'timeout'            // no answer within the time limit
  | 'cancelled';         // the caller aborted

/** Marks a ClusterError across bundles (the extension loads the cluster reader as its own file). */
const CLUSTER_ERROR = Symbol.for('k8s-anatomy.ClusterError');

export class ClusterError extends Error {
  constructor(
    readonly kind: ClusterErrorKind,
    message: string,
    /** What was being read (`pods in namespace team-a`), for coverage and messages. */
    readonly scope?: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ClusterError';
    Object.defineProperty(this, CLUSTER_ERROR, { value: true });
  }
}

/**
 * `error instanceof ClusterError`, also for one thrown by another copy of this module (the
 * extension's session bundle has its own copy; `instanceof` alone would miss those).
 */
export function isClusterError(error: unknown): error is ClusterError {
  return error instanceof ClusterError || (isRecord(error) && (error as Record<symbol, unknown>)[CLUSTER_ERROR] === true);
}

/** Where the advice is shown: the CLI names its flags, the editor its settings and Refresh. */
export type AdviceSurface = 'cli' | 'editor';

const AGAIN_IN_EDITOR = ' (Refresh reads it again.)';

/**
 * What to try, per kind: the one advice table. A row is one sentence for both surfaces, or one
 * per surface where they differ.
 */
const ADVICE: Readonly<Record<ClusterErrorKind, string | Readonly<Record<AdviceSurface, string>>>> = {
  'no-kubeconfig': {
    cli: 'Point at a kubeconfig with --kubeconfig or KUBECONFIG, or try a built-in sample: k8s-anatomy check --sample',
    editor: 'Point the k8sAnatomy.kubeconfig setting (or KUBECONFIG) at a kubeconfig file, or open a built-in sample cluster.',
  },
  'bad-kubeconfig': 'Check the kubeconfig with `kubectl config view`; fix or remove the entry it names.',
  unreachable: 'Check that the cluster is running and reachable from here (VPN, proxy-url, firewall): `kubectl cluster-info`.',
  tls: 'The server certificate was not accepted: check certificate-authority(-data) and the server address in the kubeconfig.',
  'auth-plugin': 'Run the credential plugin named in the kubeconfig by hand and check its output; you may need to log in again.',
  unauthorized: 'The credentials were rejected: log in again or refresh the token (for example re-run your cloud CLI\'s get-credentials).',
  forbidden: 'Your identity lacks read access to part of the cluster: `kubectl auth can-i list pods --all-namespaces`.',
  'not-found': 'The API server does not serve this resource.',
  expired: {
    cli: 'The list changed while it was read; run the check again.',
    editor: `The list changed while it was read; run the check again.${AGAIN_IN_EDITOR}`,
  },
  'too-many-requests': {
    cli: 'The API server is throttling requests; run the check again later.',
    editor: `The API server is throttling requests; run the check again later.${AGAIN_IN_EDITOR}`,
  },
  'server-error': {
    cli: 'The API server failed to answer; check its health (`kubectl get --raw /readyz`) and run the check again.',
    editor: `The API server failed to answer; check its health (\`kubectl get --raw /readyz\`) and run the check again.${AGAIN_IN_EDITOR}`,
  },
  timeout: {
    cli: 'The API server did not answer in time: check connectivity, or raise --timeout.',
    editor: 'The API server did not answer in time: check the connection (VPN, proxy, firewall), then Refresh.',
  },
  cancelled: '',
};

/** A short sentence on what to try after an error of this kind, worded for the surface. */
export function adviceFor(kind: ClusterErrorKind, surface: AdviceSurface): string {
  const row = ADVICE[kind];
  return typeof row === 'string' ? row : row[surface];
}
