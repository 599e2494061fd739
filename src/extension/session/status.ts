// How a failed read shows: the panel's status (with its advice, worded for the editor) and the
// outcome the command gets. Pure: the session applies it.

import { InvalidTargetError, type Diagnosis } from '../../core/diagnose';
import { DumpError } from '../../core/dump';
import { adviceFor, ClusterError } from '../../k8s/errors';
import { UnknownSampleError } from '../../k8s/samples';
import type { PanelSource, PanelStatus, SampleChoice } from '../../protocol/messages';
import { describeError } from '../log';

export type LoadOutcome =
  | {
    readonly kind: 'ok'; readonly diagnosis: Diagnosis; readonly source: PanelSource;
    /** The same read judged as `LoadOptions.also` asked (absent when it was not asked, or the read was replaced). */
    readonly also?: Diagnosis;
  }
  | { readonly kind: 'no-kubeconfig'; readonly message: string }
  | { readonly kind: 'failed'; readonly message: string; readonly advice: string }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'superseded' };

export interface FailureContext {
  /** Something is drawn already (a cancelled refresh keeps it). */
  readonly shown: boolean;
  /** The running reader's context and server, named in the error state. */
  readonly where: { readonly context: string; readonly server: string } | null;
  readonly samples: () => SampleChoice[];
}

export interface Failure {
  readonly status: PanelStatus;
  readonly outcome: LoadOutcome;
  /** The read counts as done (the panel's first `ready` does not read again). */
  readonly settled: boolean;
  /** Not one of ours: log it with its stack. */
  readonly internal: boolean;
}

export function failureOf(error: unknown, context: FailureContext): Failure {
  if (error instanceof ClusterError) {
    if (error.kind === 'cancelled') {
      return {
        status: context.shown ? { kind: 'ready' } : { kind: 'error', errorKind: 'cancelled', message: 'Reading the cluster was cancelled.', advice: 'Refresh to read it again.' },
        outcome: { kind: 'cancelled' },
        settled: false,
        internal: false,
      };
    }
    if (error.kind === 'no-kubeconfig') {
      return { status: { kind: 'no-kubeconfig', message: error.message, samples: context.samples() }, outcome: { kind: 'no-kubeconfig', message: error.message }, settled: true, internal: false };
    }
    const advice = adviceFor(error.kind, 'editor');
    return {
      status: { kind: 'error', errorKind: error.kind, message: error.message, advice, ...(context.where ?? {}) },
      outcome: { kind: 'failed', message: error.message, advice },
      settled: true,
      internal: false,
    };
  }
  const known = error instanceof InvalidTargetError || error instanceof UnknownSampleError || error instanceof DumpError;
  const message = known ? (error as Error).message : `Internal error: ${describeError(error)}`;
  const advice = error instanceof InvalidTargetError ? 'Fix the k8sAnatomy.targetVersion setting (for example 1.24).' : known ? 'Pick another sample or reinstall K8s Anatomy.' : 'Please report it, with the K8s Anatomy log (command "K8s Anatomy: Show Log").';
  return { status: { kind: 'error', errorKind: known ? 'bad-input' : 'internal', message, advice }, outcome: { kind: 'failed', message, advice }, settled: true, internal: !known };
}
