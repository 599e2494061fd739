// The last known verdict of each kubeconfig context, from the last fleet check that included it,
// kept in workspaceState so Switch Context can show it after a reload. Only the verdict, the
// target it was judged for and when: never a report or anything read from the cluster beyond that.

import type * as vscode from 'vscode';
import type { FleetCluster } from '../../core/fleet';
import { STATE_KEYS } from '../constants';

export interface KnownVerdict {
  readonly verdict: FleetCluster['verdict'];
  /** The target it was judged for (`X.Y`), or null for a cluster that could not be read. */
  readonly target: string | null;
  /** ISO time of the check. */
  readonly checkedAt: string;
}

/** At most this many contexts are remembered (the newest checks win). */
const MAX_REMEMBERED = 500;
const VERDICTS: ReadonlySet<string> = new Set(['ready', 'not-ready', 'unknown', 'error']);

function parse(value: unknown): Map<string, KnownVerdict> {
  const out = new Map<string, KnownVerdict>();
  if (typeof value !== 'object' || value === null) return out;
  for (const [context, entry] of Object.entries(value as Record<string, unknown>)) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { verdict, target, checkedAt } = entry as Record<string, unknown>;
    if (typeof verdict !== 'string' || !VERDICTS.has(verdict) || typeof checkedAt !== 'string' || (target !== null && typeof target !== 'string')) continue;
    out.set(context, { verdict: verdict as KnownVerdict['verdict'], target, checkedAt });
  }
  return out;
}

export class FleetVerdicts {
  private readonly known: Map<string, KnownVerdict>;

  constructor(private readonly state: vscode.Memento) {
    this.known = parse(state.get(STATE_KEYS.fleetVerdicts));
  }

  get(context: string): KnownVerdict | undefined {
    return this.known.get(context);
  }

  /** Remember what a fleet check found; contexts it did not check keep what they had. */
  record(clusters: readonly FleetCluster[], checkedAt: string): Thenable<void> {
    for (const c of clusters) {
      this.known.delete(c.context);
      this.known.set(c.context, { verdict: c.verdict, target: 'report' in c ? c.report.target ?? null : null, checkedAt });
    }
    while (this.known.size > MAX_REMEMBERED) {
      const oldest = this.known.keys().next().value;
      if (oldest === undefined) break;
      this.known.delete(oldest);
    }
    return this.state.update(STATE_KEYS.fleetVerdicts, Object.fromEntries(this.known));
  }
}

/** `not ready for 1.36 (checked 2026-12-02 14:05)`, for the context picker. */
export function describeKnownVerdict(known: KnownVerdict): string {
  const when = known.checkedAt.slice(0, 16).replace('T', ' ');
  const what = known.verdict === 'error' ? 'could not be read'
    : `${known.verdict === 'not-ready' ? 'not ready' : known.verdict}${known.target ? ` for ${known.target}` : ''}`;
  return `${what} (checked ${when} UTC)`;
}
