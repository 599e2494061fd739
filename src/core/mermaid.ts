// Mermaid flowchart text from the anatomy graph. Every label goes through `mermaidLabel` and
// every id through `mermaidId`: cluster strings are untrusted, and mermaid source is a language
// (`"]`, `click … href`, `%%{init}%%`, `:::class` would otherwise be code). No directives are
// emitted; theme and security settings belong to the renderer's `mermaid.initialize`.

import type { Anatomy, AnatomyEdge, AnatomyGroup, AnatomyGroupKind, AnatomyNode, Severity } from './model';

/** Mermaid's default `maxTextSize`; our output always stays below it. */
export const MERMAID_MAX_TEXT = 50_000;
/** Mermaid's default `maxEdges`. */
export const MERMAID_MAX_EDGES = 500;
const MAX_LABEL = 90;

/** Characters that can appear literally inside a quoted label; everything else becomes `#code;`. */
const SAFE = /[A-Za-z0-9 .,_\-/:+=@()·→↔✖▲]/;

/**
 * Escape untrusted text for use inside a quoted mermaid label (`id["…"]`). The result contains
 * only letters, digits, a few punctuation marks and `#NNN;` entities that mermaid decodes back
 * to the original characters for display; control, format and bidi characters are dropped.
 */
export function mermaidLabel(text: string, max = MAX_LABEL): string {
  const clean = stripInvisible(String(text)).replace(/\s+/g, ' ').trim();
  const chars = [...clean];
  const clipped = chars.length > max ? [...chars.slice(0, max - 1), '…'] : chars;
  let out = '';
  for (const ch of clipped) out += SAFE.test(ch) ? ch : `#${ch.codePointAt(0)};`;
  return out;
}

/** Control characters, DEL/C1, bidi overrides and zero-width format characters. */
export function stripInvisible(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\u061c]/g, ' ');
}

/** A safe mermaid node/subgraph id: `[A-Za-z0-9_]`, prefixed so it is never a keyword. */
export function mermaidId(id: string): string {
  const safe = id.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[ng]_/.test(safe) || /^pool_/.test(safe) ? safe : `x_${safe}`;
}

const SHAPES: Readonly<Record<string, [string, string]>> = {
  'api-server': ['[["', '"]]'],
  etcd: ['[("', '")]'],
  'ha-front': ['{{"', '"}}'],
  kubelet: ['(["', '"])'],
  'oci-runtime': ['[/"', '"/]'],
  'runtime-class': ['[/"', '"/]'],
  pool: ['[["', '"]]'],
};

/**
 * How the panel and the exported page lay the drawing out (their mermaid configurations read
 * it, so both draw the same picture). NETWORK_SIMPLEX places ELK's nodes the most compactly of
 * its strategies on the built-in samples (about 30 px less height than BRANDES_KOEPF, measured
 * with test/webview/panelGeometry.test.ts); a box's padding of 8 px instead of mermaid's 15 keeps
 * the deepest stacks (dockershim: five boxes) inside the panel's first view.
 */
export const DIAGRAM_LAYOUT = { elkNodePlacement: 'NETWORK_SIMPLEX', boxPadding: 8, wrappingWidth: 300 } as const;

export interface MermaidOptions {
  readonly direction?: 'TB' | 'LR';
}

/** Pools per row of the node band: past this many, the band wraps into rows (invisible links). */
export const POOLS_PER_ROW = 4;
/** RuntimeClasses per row of their band. */
const RUNTIME_CLASSES_PER_ROW = 3;
/** The line from a RuntimeClass to a pool that loads its handler: a circle at the pool's end. */
export const RUNS_ON = '--o';
/** Characters per line of a wrapped label (node and pool labels). */
const WRAP_AT = 34;
/** Characters per line of a band's title (the bands are wider than a component). */
const BAND_WRAP_AT = 48;
/** Characters of a component's second line (its detail) before it wraps. */
const DETAIL_WRAP_AT = 40;

/** The text marker in front of a pool's title, so its severity shows without colour. */
const POOL_MARK: Readonly<Record<Severity, string>> = { error: '✖', warning: '▲', info: 'ℹ' };

export function anatomyToMermaid(anatomy: Anatomy, options: MermaidOptions = {}): string {
  const text = render(anatomy, options);
  if (text.length <= MERMAID_MAX_TEXT) return text;
  // Pathological input only (the graph is bounded by pools): drop details, shorten labels.
  const slim: Anatomy = {
    ...anatomy,
    nodes: anatomy.nodes.map((n) => ({ ...n, label: n.label.slice(0, 24), detail: undefined }) as AnatomyNode),
    groups: anatomy.groups.map((g) => ({ ...g, label: g.label.slice(0, 24) })),
  };
  const small = render(slim, options);
  return small.length <= MERMAID_MAX_TEXT ? small : 'flowchart TB\n  x_too_big["The anatomy is too large to draw"]';
}

/**
 * Untrusted text as mermaid label lines: cut at spaces into lines of about `width` characters,
 * each escaped by mermaidLabel, joined by `<br/>` (which mermaid draws as a line break).
 */
export function wrappedLabel(text: string, width = WRAP_AT, max = MAX_LABEL): string {
  const clean = [...stripInvisible(String(text)).replace(/\s+/g, ' ').trim()];
  const clipped = clean.length > max ? `${clean.slice(0, max - 1).join('')}…` : clean.join('');
  const lines: string[] = [];
  let line = '';
  for (const word of clipped.split(' ')) {
    if (line !== '' && [...line].length + 1 + [...word].length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines.map((l) => mermaidLabel(l, max)).join('<br/>');
}

/**
 * The lines from each RuntimeClass to the pools that load its handler (`AnatomyNode.loadedBy`),
 * drawn pools only: the RuntimeClass's node id and the pool's group id.
 */
export function runsOnLinks(anatomy: Anatomy): { readonly from: string; readonly to: string }[] {
  const groupOf = new Map(anatomy.pools.map((p) => [p.id, p.group]));
  return anatomy.nodes.flatMap((node) => (node.loadedBy ?? []).flatMap((poolId) => {
    const group = groupOf.get(poolId);
    return group === undefined ? [] : [{ from: node.id, to: group }];
  }));
}

/**
 * The drawing, top-down as the seed draws it: the control plane as the top band (the HA front
 * above the API server, etcd, the scheduler and the controller manager in a row below it); below
 * it the node band, its pools side by side (wrapped into rows of POOLS_PER_ROW), each pool a
 * vertical stack kubelet → CRI runtime → … → OCI runtime; the add-ons beside the node band; the
 * RuntimeClasses beside the control plane when they link into pools, else beside the add-ons.
 * Edges from one component to every member of a band (the API server to each pool's kubelet, to
 * each add-on) are drawn once, to the band; each RuntimeClass is linked to the pools that load its
 * handler (runsOnLinks). Labels are kept short (a component on one line where it fits, no label
 * on any line) so every built-in sample fits the panel's first view at a
 * readable size (test/webview/panelGeometry.test.ts).
 */
function render(anatomy: Anatomy, options: MermaidOptions): string {
  const lines: string[] = [`flowchart ${options.direction ?? 'TB'}`];
  const byGroup = new Map<string | undefined, AnatomyNode[]>();
  for (const node of anatomy.nodes) byGroup.set(node.group, [...(byGroup.get(node.group) ?? []), node]);
  const children = new Map<string | undefined, AnatomyGroup[]>();
  for (const g of anatomy.groups) children.set(g.parent, [...(children.get(g.parent) ?? []), g]);
  const poolById = new Map(anatomy.pools.map((p) => [p.id, p]));

  const groupTitle = (group: AnatomyGroup): string => {
    const pool = group.pool === undefined ? undefined : poolById.get(group.pool);
    const mark = pool?.severity ? `${POOL_MARK[pool.severity]} ` : '';
    return wrappedLabel(`${mark}${group.label}`, group.parent === undefined ? BAND_WRAP_AT : WRAP_AT);
  };
  const emitGroup = (group: AnatomyGroup, indent: string) => {
    lines.push(`${indent}subgraph ${mermaidId(group.id)}["${groupTitle(group)}"]`);
    for (const child of children.get(group.id) ?? []) emitGroup(child, `${indent}  `);
    for (const node of byGroup.get(group.id) ?? []) lines.push(`${indent}  ${nodeLine(node)}`);
    lines.push(`${indent}end`);
  };
  const top = children.get(undefined) ?? [];
  const classes = top.find((g) => g.kind === 'runtime-classes');
  const classNodes = classes ? (byGroup.get(classes.id) ?? []) : [];
  const links = runsOnLinks(anatomy);
  const linkedClasses = classNodes.some((n) => links.some((l) => l.from === n.id));
  // RuntimeClasses linked to pools come first: ELK then puts them at the top left, beside the
  // control plane, their lines running down into the node band. Unlinked ones sit beside the
  // add-ons, level with the node band (an invisible link from the API server, below).
  const order = linkedClasses ? (['runtime-classes', 'control-plane', 'nodes', 'addons'] as const) : (['control-plane', 'nodes', 'addons', 'runtime-classes'] as const);
  for (const kind of order) for (const group of top.filter((g) => g.kind === kind)) emitGroup(group, '  ');
  for (const group of top.filter((g) => !['control-plane', 'nodes', 'addons', 'runtime-classes'].includes(g.kind))) emitGroup(group, '  ');
  for (const node of byGroup.get(undefined) ?? []) lines.push(`  ${nodeLine(node)}`);

  // The band (top-level group) of every node, and how many nodes each band holds.
  const groupById = new Map(anatomy.groups.map((g) => [g.id, g]));
  const bandOf = (groupId: string | undefined): AnatomyGroup | undefined => {
    let group = groupId === undefined ? undefined : groupById.get(groupId);
    while (group?.parent !== undefined) group = groupById.get(group.parent);
    return group;
  };
  const nodeById = new Map(anatomy.nodes.map((n) => [n.id, n]));
  const collapsible = new Set<AnatomyGroupKind>(['nodes', 'addons']);
  const ids = new Set(anatomy.nodes.map((n) => n.id));
  const out: string[] = [];
  const drawnToBand = new Set<string>();
  for (const edge of anatomy.edges) {
    if (!ids.has(edge.from) || !ids.has(edge.to)) continue;
    const fromBand = bandOf(nodeById.get(edge.from)?.group);
    const toBand = bandOf(nodeById.get(edge.to)?.group);
    let to = mermaidId(edge.to);
    if (toBand && toBand !== fromBand && collapsible.has(toBand.kind)) {
      const key = `${edge.from}→${toBand.id}`;
      if (drawnToBand.has(key)) continue;
      drawnToBand.add(key);
      to = mermaidId(toBand.id);
    }
    // Lines carry no label: the legend names each line's style (a dotted line is a watch on the
    // API server: the pods to run, the Services) and each component's details its part. A
    // labelled line costs the drawing a row of its own (ELK lays the label out like a node), and
    // that row is what kept the taller samples from fitting the panel at 1440×900.
    // A control-plane component's two-way talk with the API server (it watches and writes back),
    // drawn from the API server so the band is two rows deep: the API server, the rest below it.
    if (nodeById.get(edge.to)?.kind === 'api-server' && fromBand?.kind === 'control-plane' && edge.style === undefined) {
      out.push(`  ${to} <--> ${mermaidId(edge.from)}`);
      continue;
    }
    out.push(`  ${mermaidId(edge.from)} ${arrow(edge.style)} ${to}`);
  }
  // Each RuntimeClass to the pools that load its handler (drawn pools only): its pods run there.
  // A line with a circle at the pool's end, so it reads apart from a call (arrow) and a watch
  // (dotted) without a label.
  for (const link of links) out.push(`  ${mermaidId(link.from)} ${RUNS_ON} ${mermaidId(link.to)}`);
  const addons = top.find((g) => g.kind === 'addons');
  const api = anatomy.nodes.find((n) => n.kind === 'api-server');
  if (classes && !linkedClasses && api) out.push(`  ${mermaidId(api.id)} ~~~ ${mermaidId(classes.id)}`);
  // The add-ons in a column.
  const addonNodes = addons ? (byGroup.get(addons.id) ?? []) : [];
  for (let i = 1; i < addonNodes.length; i++) out.push(`  ${mermaidId((addonNodes[i - 1] as AnatomyNode).id)} ~~~ ${mermaidId((addonNodes[i] as AnatomyNode).id)}`);
  // RuntimeClasses in rows of RUNTIME_CLASSES_PER_ROW, one row under the other.
  for (let i = RUNTIME_CLASSES_PER_ROW; i < classNodes.length; i++) {
    out.push(`  ${mermaidId((classNodes[i - RUNTIME_CLASSES_PER_ROW] as AnatomyNode).id)} ~~~ ${mermaidId((classNodes[i] as AnatomyNode).id)}`);
  }
  // Rows of pools: the bottom of a pool's stack above the top of the pool a row further on.
  const drawnPools = anatomy.pools.filter((p) => (p.members?.length ?? 0) > 0);
  for (let i = POOLS_PER_ROW; i < drawnPools.length; i++) {
    const above = drawnPools[i - POOLS_PER_ROW]?.members ?? [];
    const below = drawnPools[i]?.members ?? [];
    const last = above[above.length - 1];
    if (last !== undefined && below[0] !== undefined) out.push(`  ${mermaidId(last)} ~~~ ${mermaidId(below[0])}`);
  }
  lines.push(...out.slice(0, MERMAID_MAX_EDGES - 1));

  lines.push(
    '  classDef sev_error stroke:#d73a49,stroke-width:3px',
    '  classDef sev_warning stroke:#d29922,stroke-width:3px,stroke-dasharray:6 3',
    '  classDef sev_info stroke:#3b82f6,stroke-width:2px',
    '  classDef removed fill:#fdecea,color:#86181d',
    '  classDef pool_error stroke:#d73a49,stroke-width:3px',
    '  classDef pool_warning stroke:#d29922,stroke-width:2px,stroke-dasharray:8 4',
  );
  const bySeverity = new Map<Severity, string[]>();
  for (const node of anatomy.nodes) {
    if (node.severity) bySeverity.set(node.severity, [...(bySeverity.get(node.severity) ?? []), mermaidId(node.id)]);
  }
  for (const [severity, members] of bySeverity) lines.push(`  class ${members.join(',')} sev_${severity}`);
  const removed = anatomy.nodes.filter((n) => n.kind === 'dockershim').map((n) => mermaidId(n.id));
  if (removed.length) lines.push(`  class ${removed.join(',')} removed`);
  for (const severity of ['error', 'warning'] as const) {
    const pools = anatomy.pools.filter((p) => p.severity === severity && p.group !== undefined).map((p) => mermaidId(p.group as string));
    if (pools.length) lines.push(`  class ${pools.join(',')} pool_${severity}`);
  }

  return lines.join('\n');
}

function arrow(style: AnatomyEdge['style']): string {
  return style === 'dotted' ? '-.->' : style === 'thick' ? '==>' : '-->';
}

function nodeLine(node: AnatomyNode): string {
  const [open, close] = SHAPES[node.kind] ?? ['["', '"]'];
  const oneLine = node.detail ? `${node.label} · ${node.detail}` : node.label;
  const label = !node.detail || [...oneLine].length <= WRAP_AT ? wrappedLabel(oneLine) : `${wrappedLabel(node.label)}<br/>${wrappedLabel(node.detail, DETAIL_WRAP_AT, 60)}`;
  return `${mermaidId(node.id)}${open}${label}${close}`;
}
