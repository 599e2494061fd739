// Diagnosis → PanelModel: what the webview draws. Pure (no vscode). The relations the webview
// shows (pool membership, which findings touch which component) come from the core's anatomy;
// nothing here rebuilds them.

import type { Diagnosis } from '../../core/diagnose';
import type { AnatomyNode, KnowledgeEntry } from '../../core/model';
import { anatomyToMermaid } from '../../core/mermaid';
import { lookupKnowledge } from '../../core/knowledge';
import type { PanelModel, PanelSource } from '../../protocol/messages';
import { upgradeTargets } from '../../core/rules/targets';

export interface PanelModelOptions {
  readonly live: boolean;
  readonly updatedAt: Date;
  /** `PanelModel.version`; default: the next number of this extension host (each model built is new data). */
  readonly version?: number;
}

let lastVersion = 0;

export function buildPanelModel(diagnosis: Pick<Diagnosis, 'anatomy' | 'report'>, source: PanelSource, options: PanelModelOptions): PanelModel {
  const { anatomy, report } = diagnosis;
  return {
    version: options.version ?? ++lastVersion,
    source,
    anatomy,
    mermaid: anatomyToMermaid(anatomy),
    report,
    knowledge: knowledgeFor(anatomy.nodes),
    coverage: report.coverage.skipped,
    updatedAt: options.updatedAt.toISOString(),
    live: options.live,
    targets: upgradeTargets(report.cluster.serverVersion).map((t) => ({ minor: t.minor, runtimeChanges: t.runtimeChanges, preselected: t.preselected })),
  };
}

/** The knowledge entries the diagram's components point at, each once, in diagram order. */
export function knowledgeFor(nodes: readonly AnatomyNode[]): KnowledgeEntry[] {
  const seen = new Set<string>();
  const out: KnowledgeEntry[] = [];
  for (const node of nodes) {
    const entry = lookupKnowledge(node.explain);
    if (entry && !seen.has(entry.key)) {
      seen.add(entry.key);
      out.push(entry);
    }
  }
  return out;
}
