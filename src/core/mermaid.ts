// Mermaid flowchart text from the anatomy graph. Every label goes through `mermaidLabel` and
// every id through `mermaidId`: cluster strings are untrusted, and mermaid source is a language
// (`"]`, `click … href`, `%%{init}%%`, `:::class` would otherwise be code). No directives are
// emitted; theme and security settings belong to the renderer's `mermaid.initialize`.

import type { Anatomy, AnatomyNode, Severity } from './model';

/** Mermaid's default `maxTextSize`; our output always stays below it. */
export const MERMAID_MAX_TEXT = 50_000;
/** Mermaid's default `maxEdges`. */
export const MERMAID_MAX_EDGES = 500;
const MAX_LABEL = 90;

/** Characters that can appear literally inside a quoted label; everything else becomes `#code;`. */
const SAFE = /[A-Za-z0-9 .,_\-/:+=@()·→↔]/;

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

export interface MermaidOptions {
  readonly direction?: 'TB' | 'LR';
}

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

function render(anatomy: Anatomy, options: MermaidOptions): string {
  const lines: string[] = [`flowchart ${options.direction ?? 'TB'}`];
  const byGroup = new Map<string | undefined, AnatomyNode[]>();
  for (const node of anatomy.nodes) byGroup.set(node.group, [...(byGroup.get(node.group) ?? []), node]);
  const children = new Map<string | undefined, string[]>();
  for (const g of anatomy.groups) children.set(g.parent, [...(children.get(g.parent) ?? []), g.id]);
  const groupLabel = new Map(anatomy.groups.map((g) => [g.id, g.label]));

  const emitGroup = (groupId: string, indent: string) => {
    lines.push(`${indent}subgraph ${mermaidId(groupId)}["${mermaidLabel(groupLabel.get(groupId) ?? groupId)}"]`);
    for (const child of children.get(groupId) ?? []) emitGroup(child, `${indent}  `);
    for (const node of byGroup.get(groupId) ?? []) lines.push(`${indent}  ${nodeLine(node)}`);
    lines.push(`${indent}end`);
  };
  for (const top of children.get(undefined) ?? []) emitGroup(top, '  ');
  for (const node of byGroup.get(undefined) ?? []) lines.push(`  ${nodeLine(node)}`);

  const ids = new Set(anatomy.nodes.map((n) => n.id));
  let edgeCount = 0;
  for (const edge of anatomy.edges) {
    if (!ids.has(edge.from) || !ids.has(edge.to)) continue;
    if (edgeCount >= MERMAID_MAX_EDGES - 1) break;
    const arrow = edge.style === 'dotted' ? '-.->' : edge.style === 'thick' ? '==>' : '-->';
    const label = edge.label ? `|"${mermaidLabel(edge.label, 40)}"|` : '';
    lines.push(`  ${mermaidId(edge.from)} ${arrow}${label} ${mermaidId(edge.to)}`);
    edgeCount++;
  }

  lines.push(
    '  classDef sev_error stroke:#d73a49,stroke-width:3px',
    '  classDef sev_warning stroke:#d29922,stroke-width:3px,stroke-dasharray:6 3',
    '  classDef sev_info stroke:#3b82f6,stroke-width:2px',
    '  classDef removed fill:#fdecea,color:#86181d',
  );
  const bySeverity = new Map<Severity, string[]>();
  for (const node of anatomy.nodes) {
    if (node.severity) bySeverity.set(node.severity, [...(bySeverity.get(node.severity) ?? []), mermaidId(node.id)]);
  }
  for (const [severity, members] of bySeverity) lines.push(`  class ${members.join(',')} sev_${severity}`);
  const removed = anatomy.nodes.filter((n) => n.kind === 'dockershim').map((n) => mermaidId(n.id));
  if (removed.length) lines.push(`  class ${removed.join(',')} removed`);

  return lines.join('\n');
}

function nodeLine(node: AnatomyNode): string {
  const [open, close] = SHAPES[node.kind] ?? ['["', '"]'];
  const label = node.detail ? `${mermaidLabel(node.label)}<br/>${mermaidLabel(node.detail, 60)}` : mermaidLabel(node.label);
  return `${mermaidId(node.id)}${open}${label}${close}`;
}
