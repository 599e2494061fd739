// An API server whose certificate has expired: the check ends with a TLS error naming the server
// (exit 2), never by trusting it. The certificate is made here with the openssl CLI, dated in 2020.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/run';

const DIR = mkdtempSync(join(tmpdir(), 'k8s-anatomy-tls-'));
let server: Server;
let port = 0;

function openssl(args: string[]): void {
  execFileSync('openssl', args, { cwd: DIR, stdio: 'pipe' });
}

before(async () => {
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '3650', '-subj', '/CN=test-ca']);
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1']);
  writeFileSync(join(DIR, 'index.txt'), '');
  writeFileSync(join(DIR, 'serial'), '1000\n');
  writeFileSync(join(DIR, 'ca.cnf'), [
    '[ ca ]', 'default_ca = test', '[ test ]', `dir = ${DIR}`, 'database = $dir/index.txt', 'serial = $dir/serial',
    'new_certs_dir = $dir', 'default_md = sha256', 'policy = any', 'copy_extensions = none', 'x509_extensions = ext',
    '[ any ]', 'commonName = supplied', '[ ext ]', 'subjectAltName = IP:127.0.0.1',
  ].join('\n'));
  openssl(['ca', '-batch', '-config', 'ca.cnf', '-cert', 'ca.crt', '-keyfile', 'ca.key', '-in', 'server.csr', '-out', 'server.crt',
    '-startdate', '20200101000000Z', '-enddate', '20200201000000Z', '-notext']);
  server = createServer({ key: readFileSync(join(DIR, 'server.key')), cert: readFileSync(join(DIR, 'server.crt')) }, (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"gitVersion":"v1.29.0"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});

after(() => {
  server.close();
});

test('an expired server certificate: a TLS error naming the server, exit 2', async () => {
  const ca = readFileSync(join(DIR, 'ca.crt')).toString('base64');
  const kubeconfig = join(DIR, 'kubeconfig');
  writeFileSync(kubeconfig, `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: https://127.0.0.1:${port}\n    certificate-authority-data: ${ca}\nusers:\n- name: u\n  user:\n    token: abc\ncontexts:\n- name: ctx\n  context: {cluster: c, user: u}\ncurrent-context: ctx\n`);
  let stderr = '';
  const code = await run(['check', '--kubeconfig', kubeconfig, '--timeout', '5'], {
    stdout: () => {}, stderr: (t) => { stderr += t; }, stdoutIsTty: false, stderrIsTty: false, env: { HOME: DIR },
  });
  assert.equal(code, 2);
  assert.match(stderr, new RegExp(`TLS with https://127\\.0\\.0\\.1:${port} failed: certificate has expired`));
  assert.match(stderr, /certificate-authority/);
});
