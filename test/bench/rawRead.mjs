// The physical floor of a readiness check: fetch every page of every list `k8s-anatomy check`
// reads (same paths, same page size, same concurrency) over HTTPS and JSON.parse it — nothing
// else. `node test/bench/rawRead.mjs KUBECONFIG` prints the object count.
// It understands the simulator's kubeconfig (token or client certificate, CA data) only.

import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { parse } from 'yaml';

const [kubeconfigPath] = process.argv.slice(2);
const config = parse(readFileSync(kubeconfigPath, 'utf8'));
const context = config.contexts.find((c) => c.name === config['current-context']).context;
const cluster = config.clusters.find((c) => c.name === context.cluster).cluster;
const user = config.users.find((u) => u.name === context.user).user;
const server = new URL(cluster.server);
const b64 = (s) => (s ? Buffer.from(s, 'base64') : undefined);
const tls = { ca: b64(cluster['certificate-authority-data']), cert: b64(user['client-certificate-data']), key: b64(user['client-key-data']) };
const headers = { Accept: 'application/json', ...(user.token ? { Authorization: `Bearer ${user.token}` } : {}) };

const PATHS = [
  '/api/v1/nodes', '/api/v1/pods', '/apis/apps/v1/deployments', '/apis/apps/v1/replicasets', '/apis/apps/v1/daemonsets',
  '/apis/apps/v1/statefulsets', '/apis/batch/v1/jobs', '/apis/batch/v1/cronjobs', '/apis/node.k8s.io/v1/runtimeclasses',
  '/apis/coordination.k8s.io/v1/namespaces/kube-system/leases',
];

function get(path) {
  return new Promise((resolve, reject) => {
    const req = request({ host: server.hostname, port: server.port, path, method: 'GET', headers, ...tls }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

let objects = 0;
async function list(path) {
  let token = '';
  do {
    const body = await get(`${path}?limit=500${token ? `&continue=${encodeURIComponent(token)}` : ''}`);
    objects += Array.isArray(body.items) ? body.items.length : 0;
    token = body.metadata?.continue ?? '';
  } while (token);
}

const queue = [...PATHS];
await Promise.all([0, 1, 2].map(async () => {
  while (queue.length) await list(queue.shift());
}));
console.log(objects);
