// The status bar item's text: the source and one word of state. Pure.

import type { Verdict } from '../../core/model';
import type { PanelSource, PanelStatus } from '../../protocol/messages';

export interface StatusInput {
  readonly status: PanelStatus;
  readonly source: PanelSource | null;
  readonly verdict: Verdict | null;
  /** What is being read when there is no source yet (`context prod`, `sample k3s-ha`). */
  readonly choiceLabel: string;
  /** What the verdict is of: the report's title ("Upgrade readiness for Kubernetes 1.36") and target (`1.36`). */
  readonly judged?: { readonly title: string; readonly target: string | null };
}

export const STATUS_ICON = '$(type-hierarchy)';

export function statusText(input: StatusInput): { text: string; tooltip: string } {
  const label = input.source ? (input.source.kind === 'sample' ? `sample ${input.source.name}` : input.source.name) : input.choiceLabel;
  const word = stateWord(input);
  const safe = (s: string) => s.replace(/\$\(/g, '$ (').slice(0, 60);
  const detail = input.status.kind === 'error'
    ? `${input.status.message}`
    : input.status.kind === 'no-kubeconfig'
      ? 'No kubeconfig found: open a sample cluster or set k8sAnatomy.kubeconfig.'
      : input.verdict ? `${input.judged?.title ?? 'Dockershim readiness'}: ${input.verdict === 'not-ready' ? 'not ready' : input.verdict}.` : '';
  const target = input.status.kind === 'ready' && input.verdict && input.judged?.target ? ` for ${input.judged.target.slice(0, 8)}` : '';
  return {
    text: `${STATUS_ICON} ${safe(label)} · ${word}${target}`,
    tooltip: `K8s Anatomy — ${label}${input.source?.server ? ` (${input.source.server})` : ''}. ${detail} Click to open the anatomy panel.`.replace(/\s+/g, ' ').trim(),
  };
}

function stateWord(input: StatusInput): string {
  switch (input.status.kind) {
    case 'loading': return 'reading';
    case 'no-kubeconfig': return 'no-kubeconfig';
    case 'error': return input.status.errorKind === 'cancelled' ? 'cancelled' : 'unreachable';
    case 'ready': return input.verdict ?? 'unknown';
  }
}
