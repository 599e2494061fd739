// A 100 MB dump (25,000 realistic pods in one kubectl List) is diagnosed by the built binary in
// bounded time and memory, with the right verdict — not a crash, a hang or a wrong answer.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReadinessReport } from '../../src/core/model';
import { ensureDebianPackage } from '../fixtures/debian';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const FILE = join(mkdtempSync(join(tmpdir(), 'k8s-anatomy-big-')), 'big.json');
const culprit = { namespace: '', app: '' };

function pod(i: number): object {
  const ns = `team-${i % 40}`;
  const app = `app-${i % 700}`;
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name: `${app}-6d4cf56db6-${i.toString(36).padStart(5, '0')}`, namespace: ns, uid: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
      labels: { app, 'pod-template-hash': '6d4cf56db6', 'app.kubernetes.io/part-of': 'shop' },
      annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-11-01T10:00:00Z', description: 'x'.repeat(1500) },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${app}-6d4cf56db6`, uid: `rs-${app}`, controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      nodeName: `node-${i % 100}`,
      containers: [{
        name: 'main', image: `registry.example.com/${app}:1.4.${i % 9}`, ports: [{ containerPort: 8080, protocol: 'TCP' }],
        env: Array.from({ length: 12 }, (_, k) => ({ name: `SETTING_${k}`, value: `value-${k}-${i}` })),
        resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
        volumeMounts: [{ name: 'kube-api-access', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }],
      }],
      volumes: [{ name: 'kube-api-access', projected: { sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } }] } }],
    },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], podIP: `10.0.${i % 250}.${i % 200}` },
  };
}

before(async () => {
  if (!existsSync(CLI)) assert.equal(spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT }).status, 0);
  ensureDebianPackage('/usr/bin/time', 'time'); // peak RSS comes from the OS: GNU time
  const out = createWriteStream(FILE);
  const write = (text: string) => new Promise<void>((resolve) => { if (out.write(text)) resolve(); else out.once('drain', resolve); });
  await write('{"apiVersion":"v1","kind":"List","items":[');
  for (let n = 0; n < 100; n++) {
    await write(`${JSON.stringify({ apiVersion: 'v1', kind: 'Node', metadata: { name: `node-${n}` }, status: { nodeInfo: { containerRuntimeVersion: 'containerd://1.7.11', kubeletVersion: 'v1.29.6', operatingSystem: 'linux' } } })},`);
  }
  let i = 0;
  while (out.bytesWritten < 100 * 1024 * 1024) await write(`${JSON.stringify(pod(i++))},`);
  const last = pod(i) as { spec: { volumes: object[] } };
  last.spec.volumes.push({ name: 'docker', hostPath: { path: '/var/run/docker.sock' } });
  Object.assign(culprit, { namespace: `team-${i % 40}`, app: `app-${i % 700}` });
  await write(`${JSON.stringify(last)}]}`);
  await new Promise<void>((resolve) => out.end(resolve));
});

test('a 100 MB dump: the right verdict, within 2 minutes and 2 GiB', () => {
  assert.ok(statSync(FILE).size >= 100 * 1024 * 1024);
  const result = spawnSync('/usr/bin/time', ['-v', process.execPath, CLI, 'check', '--from', FILE, '--output', 'json', '--rules', 'dockershim'], { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  assert.equal(result.status, 1, result.stderr.slice(-1500));
  const report = JSON.parse(result.stdout) as ReadinessReport;
  assert.equal(report.verdict, 'not-ready');
  assert.deepEqual(
    report.findings.map((f) => `${f.rule} ${f.subject.kind}/${f.subject.namespace}/${f.subject.name}`),
    [`docker-socket-mount Deployment/${culprit.namespace}/${culprit.app}`],
    'one finding, attributed to the Deployment by pod-template-hash',
  );
  assert.equal(report.nodes.length, 100);
  const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr)?.[1] ?? 0) / 1024;
  assert.ok(rss > 0 && rss < 2048, `peak RSS ${rss.toFixed(0)} MiB`);
});
