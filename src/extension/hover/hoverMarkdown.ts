// The hover's Markdown text for a yamlHoverAt result. Pure. Knowledge-base text is ours and is
// Markdown already; anything taken from the YAML file or the cluster is escaped (code spans or
// escaped text). One official link, and only when it passes safeHttpsUrl. For settings the runtime
// must support, which runtimes can (from the support table) and where nodes report it.

import type { KnowledgeLayer } from '../../core/model';
import type { YamlHover } from '../../core/yamlHover';
import { escapeMarkdownText, markdownCode, safeHttpsUrl } from '../../core/escape';

const LAYER_TEXT: Readonly<Record<KnowledgeLayer, string>> = {
  tooling: 'tool',
  engine: 'container engine',
  'high-level-runtime': 'high-level runtime (serves the CRI)',
  'low-level-runtime': 'low-level (OCI) runtime',
  sandbox: 'sandboxed runtime',
  interface: 'interface',
  shim: 'shim / adapter',
  'control-plane': 'control plane',
  'node-agent': 'node agent',
  networking: 'networking',
  concept: 'concept',
};

export interface LiveFacts {
  /** `cluster prod-eu` or `sample mixed-windows`. */
  readonly sourceLabel: string;
  readonly line: string;
}

export function hoverMarkdownText(hover: YamlHover, live: LiveFacts | null): string {
  const { entry } = hover;
  const parts: string[] = [];
  parts.push(`**${entry.title}** · ${LAYER_TEXT[entry.layer] ?? entry.layer}`);
  parts.push(`*Status:* ${entry.status}`);
  const context = contextLine(hover);
  if (context) parts.push(context);
  parts.push(entry.summary);
  if (hover.note) parts.push(`**Without it:** ${hover.note}`);
  if (hover.runtimes) {
    const reported = hover.feature?.nodeField ? ` Nodes report it in \`${hover.feature.nodeField}\`.` : '';
    parts.push(`*Runtimes:* ${hover.runtimes}.${reported}`);
  }
  if (live) parts.push(`*Live (${escapeMarkdownText(live.sourceLabel)}):* ${escapeMarkdownText(live.line)}`);
  const link = entry.links.map((l) => ({ title: l.title, url: safeHttpsUrl(l.url) })).find((l) => l.url !== null);
  if (link?.url) parts.push(`[${escapeMarkdownText(link.title)}](${link.url})`);
  return parts.join('\n\n');
}

function contextLine(hover: YamlHover): string | null {
  const word = markdownCode(hover.word.length > 120 ? `${hover.word.slice(0, 119)}…` : hover.word);
  switch (hover.kind) {
    case 'socket': return `${word} is a CRI endpoint of ${hover.entry.title}.`;
    case 'hostPath': return `This \`hostPath\` mounts ${word} from the node into the pod.`;
    case 'runtimeClass': return hover.entry.key === 'runtimeclass' ? `${word} names a RuntimeClass.` : `${word} selects ${hover.entry.title} through a RuntimeClass.`;
    case 'feature': return hover.feature ? `${markdownCode(hover.feature.setting)} ${hover.feature.effect}` : null;
    case 'key':
    case 'name':
      return null;
  }
}
