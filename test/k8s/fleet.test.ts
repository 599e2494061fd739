// readFleet (src/k8s/fleet.ts), the reader behind `check --all-contexts`, as another surface (the
// editor) would call it: rows in kubeconfig order, advice in that surface's words, a callback per
// finished cluster, and cancellation of the whole fleet.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { readFleet, type FleetReadOptions } from '../../src/k8s/fleet';
import { adviceFor, ClusterError } from '../../src/k8s/errors';
import { simulatorPool } from '../fixtures/simulators';

const simulators = simulatorPool();

async function fleetKubeconfig(): Promise<string> {
  const [good, refusing] = await Promise.all([simulators.start({ sample: 'k3s-ha' }), simulators.start({ sample: 'k3s-ha' })]);
  const entry = (path: string, name: string, user?: object) => {
    const c = parse(readFileSync(path, 'utf8')) as { clusters: { cluster: object }[]; users: { user: object }[] };
    return { cluster: { name, cluster: c.clusters[0]?.cluster }, user: { name, user: user ?? c.users[0]?.user }, context: { name, context: { cluster: name, user: name } } };
  };
  const entries = [entry(refusing.kubeconfigPath, 'refusing', { token: 'wrong' }), entry(good.kubeconfigPath, 'good')];
  const file = join(mkdtempSync(join(tmpdir(), 'k8s-anatomy-readfleet-')), 'kubeconfig');
  writeFileSync(file, stringify({ apiVersion: 'v1', kind: 'Config', clusters: entries.map((e) => e.cluster), users: entries.map((e) => e.user), contexts: entries.map((e) => e.context) }));
  return file;
}

const base = (kubeconfig: string): FleetReadOptions => ({
  kubeconfig, env: { HOME: tmpdir() }, contexts: 'all', concurrency: 2, clusterTimeoutMs: 20_000, timeoutMs: 10_000,
  kubeletProbe: false, finish: { today: '2026-12-02' }, surface: 'editor', timeoutSetting: 'the timeout setting',
});

test('rows in kubeconfig order, the editor\'s advice, one callback per finished cluster', async () => {
  const kubeconfig = await fleetKubeconfig();
  const finished: string[] = [];
  let started: readonly string[] = [];
  const rows = await readFleet({ ...base(kubeconfig), onStart: (c) => { started = c; }, onCluster: (row, n, total) => finished.push(`${n}/${total} ${row.context}`) });
  assert.deepEqual(started, ['refusing', 'good']);
  assert.deepEqual(rows.map((r) => [r.context, r.verdict]), [['refusing', 'error'], ['good', 'ready']]);
  assert.deepEqual(finished.map((f) => f.split(' ')[0]).sort(), ['1/2', '2/2']);
  const refused = rows[0];
  assert.ok(refused && 'error' in refused);
  assert.equal(refused.error.kind, 'unauthorized');
  assert.equal(refused.error.advice, adviceFor('unauthorized', 'editor'));
});

test('a cancelled fleet rejects with cancelled, whatever the clusters were doing', async () => {
  const kubeconfig = await fleetKubeconfig();
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(readFleet({ ...base(kubeconfig), signal: controller.signal }), (e: unknown) => e instanceof ClusterError && e.kind === 'cancelled');
});
