// What the user chose to look at: a kubeconfig context (null: the configured or current one) or a
// built-in sample. Kept in workspaceState so a reload shows the same source. Pure.

import { isRecord } from '../../core/read';

export type SourceChoice =
  | { readonly kind: 'cluster'; readonly context: string | null }
  | { readonly kind: 'sample'; readonly name: string };

export const DEFAULT_CHOICE: SourceChoice = { kind: 'cluster', context: null };

/** Validate a stored value (workspaceState is ours, but an older version may have written it). */
export function parseSourceChoice(value: unknown): SourceChoice | null {
  if (!isRecord(value)) return null;
  const v = value;
  if (v['kind'] === 'sample' && typeof v['name'] === 'string' && /^[a-z0-9][a-z0-9.-]{0,62}$/.test(v['name'])) return { kind: 'sample', name: v['name'] };
  if (v['kind'] === 'cluster' && (v['context'] === null || (typeof v['context'] === 'string' && v['context'].length > 0 && v['context'].length < 256))) {
    return { kind: 'cluster', context: v['context'] as string | null };
  }
  return null;
}

export function describeChoice(choice: SourceChoice): string {
  return choice.kind === 'sample' ? `sample ${choice.name}` : choice.context ? `context ${choice.context}` : 'the current context';
}

/** Field by field: the same context (or the configured one) or the same sample. */
export function sameChoice(a: SourceChoice, b: SourceChoice): boolean {
  return a.kind === 'sample' ? b.kind === 'sample' && a.name === b.name : b.kind === 'cluster' && a.context === b.context;
}
