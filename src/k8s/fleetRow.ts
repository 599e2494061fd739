// A fleet cluster that could not be read, as its row of the fleet report (core/fleet.ts): the
// error kind, its message and what to try. Shared by `check --all-contexts` (src/cli/fleet.ts)
// and "Check All Contexts…" (src/extension/fleet/checkFleet.ts), so both say the same.

import type { FleetCluster } from '../core/fleet';
import { adviceFor, isClusterError, type AdviceSurface } from './errors';

export interface FleetErrorContext {
  readonly surface: AdviceSurface;
  /** The cluster's own deadline fired (the run was not cancelled). */
  readonly timedOut: boolean;
  readonly timeoutSeconds: number;
  /** What the surface lets the user raise, e.g. "--cluster-timeout". */
  readonly timeoutSetting: string;
}

export function fleetErrorRow(context: string, error: unknown, how: FleetErrorContext): FleetCluster {
  if (how.timedOut) {
    return {
      context,
      verdict: 'error',
      error: {
        kind: 'timeout',
        message: `the check of context "${context}" did not finish within ${how.timeoutSeconds} s`,
        advice: `The cluster did not answer in time: check connectivity (VPN, proxy, firewall), or raise ${how.timeoutSetting}.`,
      },
    };
  }
  if (isClusterError(error)) {
    const advice = adviceFor(error.kind, how.surface);
    return { context, verdict: 'error', error: { kind: error.kind, message: error.message, ...(advice ? { advice } : {}) } };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { context, verdict: 'error', error: { kind: 'internal', message: `internal error: ${message}`, advice: how.surface === 'cli' ? 'Please report it with the command you ran.' : 'Please report it with what you ran (K8s Anatomy: Show Log has the details).' } };
}
