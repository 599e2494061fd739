// Load: the live view under a steady stream of node and control-plane pod changes (50 events/s)
// keeps its memory flat and its picture current. CI runs it for 20 s; `npm run soak` runs it for
// 10 minutes (SOAK_SECONDS=600).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadKubeconfig } from '../../src/k8s/kubeconfig';
import { LiveCluster } from '../../src/k8s/live';
import type { Diagnosis } from '../../src/core/diagnose';
import { startSimulator } from '../sim/src/server';

const SECONDS = Number(process.env['SOAK_SECONDS'] ?? 20);
const EVENTS_PER_SECOND = 50;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapMiB(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

test(`live view: ${EVENTS_PER_SECOND} changes/s for ${SECONDS} s keeps memory flat and the picture current`, { timeout: (SECONDS + 60) * 1000 }, async () => {
  const sim = await startSimulator({ scale: { nodes: 200, pods: 2000 } });
  let latest: Diagnosis | null = null;
  let updates = 0;
  const live = new LiveCluster(loadKubeconfig({ kubeconfig: sim.kubeconfigPath }), {
    watch: true, debounceMs: 200, onUpdate: (d) => { latest = d; updates++; },
  });
  try {
    await live.scan();
    await new Promise((r) => setTimeout(r, 500));
    const names = Array.from({ length: 40 }, (_, i) => `soak-node-${i}`);
    const present = new Set<string>();
    const samples: number[] = [];
    const started = Date.now();
    let tick = 0;
    while (Date.now() - started < SECONDS * 1000) {
      const name = names[tick % names.length] as string;
      if (present.has(name) && tick % 3 === 0) {
        sim.store.delete('Node', undefined, name);
        present.delete(name);
      } else if (present.has(name)) {
        const node = sim.store.get('Node', undefined, name) as unknown as Record<string, unknown>;
        (node['metadata'] as Record<string, unknown>)['labels'] = { tick: String(tick), 'kubernetes.io/os': 'linux' };
        sim.store.update(node);
      } else {
        sim.store.create({
          apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/os': 'linux' } },
          status: { nodeInfo: { containerRuntimeVersion: tick % 2 ? 'containerd://1.7.11' : 'cri-o://1.29.1', kubeletVersion: 'v1.29.6', operatingSystem: 'linux' } },
        });
        present.add(name);
      }
      tick++;
      if (tick % (EVENTS_PER_SECOND * 5) === 0) samples.push(heapMiB());
      await new Promise((r) => setTimeout(r, 1000 / EVENTS_PER_SECOND));
    }
    await new Promise((r) => setTimeout(r, 1500));
    const final = latest as Diagnosis | null;
    assert.ok(final, 'updates arrived');
    assert.ok(updates > SECONDS, `${updates} updates for ${tick} changes (debounced, but steady)`);
    const soakNodes = final.report.nodes.filter((n) => n.name.startsWith('soak-node-')).map((n) => n.name).sort();
    assert.deepEqual(soakNodes, [...present].sort(), 'the picture matches the cluster after the stream');
    const warm = samples[Math.floor(samples.length / 4)] ?? samples[0] ?? 0;
    const end = samples[samples.length - 1] ?? 0;
    assert.ok(end - warm < 40, `heap grew from ${warm.toFixed(1)} MiB to ${end.toFixed(1)} MiB`);
  } finally {
    live.dispose();
    await sim.close();
  }
});
