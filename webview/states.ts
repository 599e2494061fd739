// The designed states: loading, no kubeconfig, and errors (full page when there is nothing to show,
// a banner over the last model otherwise); plus the banners that qualify a model: sample mode and
// partial coverage.

import type { CoverageGap } from '../src/core/model';
import { KUBECONFIG_DOCS_URL, type PanelSource, type PanelStatus } from '../src/protocol/messages';
import { actionButton, custom, h, linkButton } from './dom';
import { field, formatCount, prose } from './format';
import { plural } from '../src/core/render/text';

export interface StateHooks {
  refresh(): void;
  switchContext(): void;
  pickSample(): void;
  openSample(name: string): void;
  open(url: string): void;
}

type Loading = Extract<PanelStatus, { kind: 'loading' }>;
type NoKubeconfig = Extract<PanelStatus, { kind: 'no-kubeconfig' }>;
type Failure = Extract<PanelStatus, { kind: 'error' }>;

/** "Read 3 pages, 1,240 objects" when the host counts them. */
export function loadingProgress(status: Loading): string {
  const parts: string[] = [];
  if (typeof status.pages === 'number') parts.push(plural(status.pages, 'page'));
  if (typeof status.objects === 'number') parts.push(plural(status.objects, 'object'));
  return parts.length ? `Read so far: ${parts.join(', ')}` : '';
}

export function loadingPage(status: Loading): HTMLElement {
  return h('div', { class: 'state-page loading', attrs: { 'aria-busy': 'true' } }, [
    custom('vscode-progress-ring', { attrs: { 'aria-label': 'Loading' } }),
    h('div', {}, [
      h('h1', { text: field(status.message || 'Reading the cluster…', 300) }),
      h('p', { class: 'muted progress-counts', text: loadingProgress(status) }),
    ]),
  ]);
}

export function noKubeconfigPage(status: NoKubeconfig, hooks: StateHooks): HTMLElement {
  const samples = status.samples.slice(0, 20).map((sample, i) => h('li', { class: 'sample' }, [
    actionButton(`Open ${field(sample.title || sample.name, 80)}`, () => hooks.openSample(sample.name), { key: `sample-${field(sample.name, 60)}`, secondary: i > 0 }),
    h('span', { class: 'muted', text: field(sample.description, 400) }),
  ]));
  return h('div', { class: 'state-page' }, [
    h('h1', { text: 'No kubeconfig found' }),
    h('p', { text: prose(status.message || 'K8s Anatomy found no kubeconfig to read a cluster from.', 600) }),
    h('p', {
      text: 'The panel reads the cluster named by your current kubeconfig context (the file in KUBECONFIG, or ~/.kube/config). Until you have one, explore a built-in sample: a recorded cluster, clearly labelled, that shows every part of the anatomy.',
    }),
    samples.length ? h('ul', { class: 'sample-list', attrs: { 'aria-label': 'Sample clusters' } }, samples) : null,
    h('div', { class: 'actions' }, [
      actionButton('Pick a sample…', hooks.pickSample, { secondary: true, key: 'pick-sample' }),
      linkButton('How kubeconfig files work (kubernetes.io)', KUBECONFIG_DOCS_URL, hooks.open),
    ]),
  ]);
}

/** Headings for the error kinds of src/k8s/errors.ts (ClusterErrorKind); the host sends the kind. */
const ERROR_TITLES: Readonly<Record<string, string>> = {
  'no-kubeconfig': 'No kubeconfig found',
  'bad-kubeconfig': 'The kubeconfig cannot be used',
  unreachable: 'The cluster could not be reached',
  tls: 'The cluster\'s certificate was not accepted',
  'auth-plugin': 'The credential plugin failed',
  unauthorized: 'The cluster did not accept your credentials',
  forbidden: 'Your account may not read what the panel needs',
  'not-found': 'The cluster does not serve what the panel reads',
  expired: 'The cluster changed while it was read',
  'too-many-requests': 'The cluster asked us to slow down',
  'server-error': 'The API server failed to answer',
  timeout: 'The cluster took too long to answer',
  cancelled: 'Reading the cluster was cancelled',
};

function errorTitle(status: Failure): string {
  return Object.hasOwn(ERROR_TITLES, status.errorKind) ? ERROR_TITLES[status.errorKind] as string : 'The cluster could not be read';
}

function errorBody(status: Failure, hooks: StateHooks, withHeading: 'page' | 'banner'): HTMLElement[] {
  const where = [
    status.context ? ['Context', field(status.context, 200)] : null,
    status.server ? ['Server', field(status.server, 300)] : null,
  ].filter((row): row is string[] => row !== null);
  return [
    withHeading === 'page' ? h('h1', { text: errorTitle(status) }) : h('strong', { text: errorTitle(status) }),
    h('p', {}, [h('span', { class: 'muted', text: 'What failed: ' }), prose(status.message, 800)]),
    where.length ? h('p', { class: 'muted', text: where.map(([k, v]) => `${k}: ${v}`).join(' · ') }) : null,
    status.advice ? h('p', {}, [h('span', { class: 'muted', text: 'What to try: ' }), prose(status.advice, 800)]) : null,
    h('div', { class: 'actions' }, [
      actionButton('Retry', hooks.refresh, { key: 'retry' }),
      actionButton('Switch Context', hooks.switchContext, { secondary: true, key: 'error-switch' }),
      actionButton('Open a Sample…', hooks.pickSample, { secondary: true, key: 'error-sample' }),
    ]),
  ].filter((n): n is HTMLElement => n !== null);
}

export function errorPage(status: Failure, hooks: StateHooks): HTMLElement {
  return h('div', { class: 'state-page error' }, errorBody(status, hooks, 'page'));
}

/** The error, above the last model (which is kept, marked as possibly out of date). */
export function errorBanner(status: Failure, hooks: StateHooks): HTMLElement {
  return h('div', { class: 'banner banner-error', attrs: { role: 'group', 'aria-label': 'Error' } }, [
    ...errorBody(status, hooks, 'banner'),
    h('p', { class: 'muted', text: 'The anatomy below is the last one read and may be out of date.' }),
  ]);
}

export function sampleBanner(source: PanelSource, hooks: StateHooks): HTMLElement {
  return h('div', { class: 'banner banner-sample', attrs: { role: 'note' } }, [
    h('p', {}, [h('strong', { text: `Sample cluster: ${field(source.name, 80)}` }), ' — not a live cluster. Everything shown is recorded data that ships with K8s Anatomy.']),
    h('div', { class: 'actions' }, [
      actionButton('Connect to a Cluster…', hooks.switchContext, { secondary: true, key: 'sample-switch' }),
      actionButton('Another Sample…', hooks.pickSample, { secondary: true, key: 'sample-pick' }),
    ]),
  ]);
}

const MAX_GAPS = 12;

/** One scope that could not be read, as a list item: the scope, then why. */
export function gapItem(gap: CoverageGap): HTMLElement {
  return h('li', {}, [h('strong', { text: field(gap.scope, 200) }), `: ${prose(gap.reason, 400)}`]);
}

export function partialBanner(gaps: readonly CoverageGap[]): HTMLElement {
  const shown = gaps.slice(0, MAX_GAPS);
  return h('div', { class: 'banner banner-partial', attrs: { role: 'note' } }, [
    h('p', {}, [h('strong', { text: 'Partial view' }), ` — ${plural(gaps.length, 'scope')} could not be checked, so the verdict cannot be "ready":`]),
    h('ul', { class: 'plain' }, shown.map(gapItem)),
    gaps.length > MAX_GAPS ? h('p', { class: 'muted', text: `and ${formatCount(gaps.length - MAX_GAPS)} more (see the table view).` }) : null,
  ]);
}
