// Per-run certificates, made with the openssl CLI: a serving CA and the apiserver's certificate
// (SAN IP:127.0.0.1, DNS:localhost), and a separate client CA with a client certificate for
// `--auth cert` (CN is the user name, O its group), as kubeadm lays them out.

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Certificates {
  readonly caPem: string;
  readonly serverCertPem: string;
  readonly serverKeyPem: string;
  readonly clientCaPem: string;
  readonly clientCertPem: string;
  readonly clientKeyPem: string;
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

async function openssl(args: string[]): Promise<void> {
  try {
    await run('openssl', args, { timeout: 20_000 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`openssl ${args.slice(0, 2).join(' ')} failed: ${stderr.trim() || String(error)}`);
  }
}

function makeCa(dir: string, name: string, cn: string): Promise<void> {
  return openssl([
    'req', '-x509', ...EC_KEY, '-keyout', join(dir, `${name}.key`), '-out', join(dir, `${name}.crt`), '-days', '7',
    '-subj', `/CN=${cn}`, '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign,digitalSignature',
  ]);
}

function makeLeaf(dir: string, name: string, ca: string, subject: string, extensions: string[]): Promise<void> {
  return openssl([
    'req', '-x509', ...EC_KEY, '-keyout', join(dir, `${name}.key`), '-out', join(dir, `${name}.crt`), '-days', '7',
    '-subj', subject, '-CA', join(dir, `${ca}.crt`), '-CAkey', join(dir, `${ca}.key`),
    '-addext', 'basicConstraints=critical,CA:FALSE', '-addext', 'keyUsage=critical,digitalSignature,keyEncipherment',
    ...extensions.flatMap((e) => ['-addext', e]),
  ]);
}

/**
 * Make the certificates in a private temp dir, read them, and remove the dir: the keys live only in
 * memory (and, for cert auth, in the kubeconfig), never in files a killed run would leave behind.
 */
export async function generateCertificates(user: string, group: string): Promise<Certificates> {
  const dir = await mkdtemp(join(tmpdir(), 'k8s-anatomy-sim-certs-'));
  try {
    await Promise.all([makeCa(dir, 'ca', 'k8s-anatomy-sim-ca'), makeCa(dir, 'client-ca', 'k8s-anatomy-sim-client-ca')]);
    await Promise.all([
      makeLeaf(dir, 'apiserver', 'ca', '/CN=kube-apiserver', ['subjectAltName=IP:127.0.0.1,DNS:localhost', 'extendedKeyUsage=serverAuth']),
      makeLeaf(dir, 'client', 'client-ca', `/O=${group}/CN=${user}`, ['extendedKeyUsage=clientAuth']),
    ]);
    const read = (file: string): Promise<string> => readFile(join(dir, file), 'utf8');
    const [caPem, serverCertPem, serverKeyPem, clientCaPem, clientCertPem, clientKeyPem] = await Promise.all(
      ['ca.crt', 'apiserver.crt', 'apiserver.key', 'client-ca.crt', 'client.crt', 'client.key'].map(read),
    );
    return {
      caPem: caPem ?? '',
      serverCertPem: serverCertPem ?? '',
      serverKeyPem: serverKeyPem ?? '',
      clientCaPem: clientCaPem ?? '',
      clientCertPem: clientCertPem ?? '',
      clientKeyPem: clientKeyPem ?? '',
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
