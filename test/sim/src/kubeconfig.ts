// The kubeconfig a run hands out: one cluster (the CA inline), one user for the chosen auth mode,
// one context. For `exec`, a small script beside the kubeconfig prints the ExecCredential, the way
// cloud CLIs (aws eks get-token, gke-gcloud-auth-plugin) do.

import { chmod, writeFile } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { stringify } from 'yaml';
import type { AuthMode } from './auth';
import type { Certificates } from './certs';

export const CONTEXT_NAME = 'k8s-anatomy-sim';

export interface KubeconfigInput {
  readonly path: string;
  readonly url: string;
  readonly auth: AuthMode;
  readonly token: string;
  readonly certificates: Certificates;
  readonly user: string;
}

function b64(text: string): string {
  return Buffer.from(text).toString('base64');
}

/** Where the exec credential script goes for a kubeconfig at `path`. */
export function execScriptPath(path: string): string {
  return join(dirname(path), `${basename(path)}.exec-credential.sh`);
}

function execCredential(token: string): string {
  return JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token } });
}

export async function writeKubeconfig(input: KubeconfigInput): Promise<void> {
  let user: Record<string, unknown>;
  switch (input.auth) {
    case 'cert':
      user = { 'client-certificate-data': b64(input.certificates.clientCertPem), 'client-key-data': b64(input.certificates.clientKeyPem) };
      break;
    case 'token':
      user = { token: input.token };
      break;
    case 'exec': {
      const script = execScriptPath(input.path);
      await writeFile(script, `#!/bin/sh\n# Prints the credential of one simulator run (see test/sim/README.md).\ncat <<'EOF'\n${execCredential(input.token)}\nEOF\n`, { mode: 0o700 });
      await chmod(script, 0o700);
      user = { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: script, interactiveMode: 'Never', provideClusterInfo: false } };
      break;
    }
  }
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: CONTEXT_NAME, cluster: { server: input.url, 'certificate-authority-data': b64(input.certificates.caPem) } }],
    users: [{ name: input.user, user }],
    contexts: [{ name: CONTEXT_NAME, context: { cluster: CONTEXT_NAME, user: input.user } }],
    'current-context': CONTEXT_NAME,
    preferences: {},
  };
  await writeFile(input.path, stringify(config), { mode: 0o600 });
}
