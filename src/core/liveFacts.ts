// One line of live facts for the hover, from the last diagnosis held in memory (never a new
// request): "3 of 5 nodes run containerd 1.7.11". Pure; plain text (the hover escapes it).

import type { Diagnosis } from './diagnose';
import type { KnowledgeEntry, NodeReport } from './model';
import { plural } from './render/text';

const RUNTIME_OF_ENTRY: Readonly<Record<string, { name: string; label: string }>> = {
  containerd: { name: 'containerd', label: 'containerd' },
  'cri-o': { name: 'cri-o', label: 'CRI-O' },
  dockerd: { name: 'docker', label: 'Docker Engine' },
  moby: { name: 'docker', label: 'Docker Engine' },
  'docker-cli': { name: 'docker', label: 'Docker Engine' },
};

const SANDBOX_KEYS = new Set(['gvisor', 'kata', 'firecracker', 'wasm', 'nvidia', 'crun', 'youki', 'runc']);

export function liveFactLine(entry: KnowledgeEntry, diagnosis: Pick<Diagnosis, 'report' | 'runtimeClasses'>): string | null {
  const nodes = diagnosis.report.nodes;
  const total = nodes.length;
  const runtime = RUNTIME_OF_ENTRY[entry.key];
  if (runtime) return runtimeLine(nodes.filter((n) => n.runtime.name === runtime.name), total, runtime.label);
  if (entry.key === 'dockershim' || entry.key === 'cri-dockerd') {
    if (total === 0) return null;
    const count = nodes.filter((n) => n.dockerShim === entry.key).length;
    return `${count === 0 ? 'none' : count} of ${plural(total, 'node')} reach Docker Engine through ${entry.key}`;
  }
  if (entry.key === 'kubelet') {
    if (total === 0) return null;
    return `kubelet ${versionsText(nodes.map((n) => n.kubeletVersion || 'unknown'))} on ${plural(total, 'node')}`;
  }
  if (entry.key === 'cri' || entry.key === 'container-runtime-endpoint') {
    if (total === 0) return null;
    return `${plural(total, 'node')}: ${versionsText(nodes.map((n) => n.runtime.raw || 'unknown'))}`;
  }
  if (entry.key === 'runtimeclass' || SANDBOX_KEYS.has(entry.key)) {
    const classes = diagnosis.runtimeClasses.filter((rc) => entry.key === 'runtimeclass' || rc.explain === entry.key);
    if (classes.length === 0) return entry.key === 'runtimeclass' ? 'no RuntimeClass in the cluster' : null;
    const shown = classes.slice(0, 3).map((rc) => `${rc.name} (handler ${rc.handler}, ${plural(rc.runningPods, 'running pod')})`);
    return `RuntimeClass ${shown.join(', ')}${classes.length > 3 ? ` and ${classes.length - 3} more` : ''}`;
  }
  return null;
}

function runtimeLine(matching: readonly NodeReport[], total: number, label: string): string | null {
  if (total === 0) return null;
  if (matching.length === 0) return `none of the ${plural(total, 'node')} run ${label}`;
  const verb = matching.length === 1 && total === 1 ? 'runs' : 'run';
  const versions = matching.map((n) => n.runtime.version ?? 'unknown version');
  const distinct = new Set(versions);
  const what = distinct.size === 1 ? `${label} ${versions[0]}` : `${label} (${versionsText(versions)})`;
  return total === 1 ? `the only node ${verb} ${what}` : `${matching.length} of ${total} nodes ${verb} ${what}`;
}

/** `1.7.11 on 3, 1.6.20 on 2`, or just `1.7.11` when all agree; most common first, at most 4. */
function versionsText(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  if (counts.size === 1) return values[0] ?? '';
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const shown = sorted.slice(0, 4).map(([v, n]) => `${v} on ${n}`);
  return shown.join(', ') + (sorted.length > 4 ? `, ${sorted.length - 4} more` : '');
}

