// From the ids mermaid gives the SVG back to anatomy node ids. Mermaid names a flowchart node's
// <g> `<svgId>-flowchart-<mermaidId>-<counter>`; `mermaidId` (core) maps an anatomy id to the id
// written in the mermaid source. Pure, so unit-tested.

import type { AnatomyNode } from '../src/core/model';
import { mermaidId } from '../src/core/mermaid';

const FLOWCHART_NODE = /(?:^|-)flowchart-([A-Za-z0-9_]+)-\d+$/;

/** mermaid id → anatomy id, for every node of the anatomy. */
export function mermaidIdIndex(nodes: readonly Pick<AnatomyNode, 'id'>[]): ReadonlyMap<string, string> {
  return new Map(nodes.map((node) => [mermaidId(node.id), node.id]));
}

/** The anatomy id of a node <g> element id, or null when it is not one of ours. */
export function anatomyIdFromDomId(domId: string, index: ReadonlyMap<string, string>): string | null {
  const match = FLOWCHART_NODE.exec(domId);
  if (!match?.[1]) return null;
  return index.get(match[1]) ?? null;
}
