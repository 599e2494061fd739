// Content negotiation: which representation a request's Accept header asks for. kubectl sends a
// list of alternatives ("Table if you can, else plain JSON"); the first one the endpoint can
// produce wins, as on a real apiserver.

import { notAcceptable } from './status';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export type Representation =
  | { readonly kind: 'json' }
  | { readonly kind: 'table'; readonly version: 'v1' | 'v1beta1' }
  | { readonly kind: 'discovery'; readonly version: 'v2' | 'v2beta1' };

export interface MediaRange {
  readonly type: string;
  readonly params: Readonly<Record<string, string>>;
}

export function parseAccept(header: string | undefined): MediaRange[] {
  if (header === undefined || header.trim() === '') return [{ type: '*/*', params: {} }];
  return header
    .split(',')
    .map((part) => {
      const [type = '', ...rest] = part.split(';');
      const params: Record<string, string> = {};
      for (const p of rest) {
        const eq = p.indexOf('=');
        if (eq > 0) params[p.slice(0, eq).trim().toLowerCase()] = p.slice(eq + 1).trim().replace(/^"|"$/g, '');
      }
      return { type: type.trim().toLowerCase(), params };
    })
    .filter((m) => m.type !== '');
}

/** `v=1` is accepted as well as `v=v1`: some hand-written clients drop the "v". */
function tableVersion(v: string | undefined): 'v1' | 'v1beta1' | undefined {
  if (v === 'v1' || v === '1') return 'v1';
  if (v === 'v1beta1') return 'v1beta1';
  return undefined;
}

export function negotiate(header: string | undefined, offers: { table?: boolean; discovery?: boolean }): Representation {
  for (const media of parseAccept(header)) {
    const { as, g, v } = media.params;
    const jsonish = media.type === 'application/json' || media.type === 'application/*' || media.type === '*/*';
    if (!jsonish) continue;
    if (as === undefined) return { kind: 'json' };
    if (as === 'Table' && g === 'meta.k8s.io' && offers.table) {
      const version = tableVersion(v);
      if (version) return { kind: 'table', version };
    }
    if (as === 'APIGroupDiscoveryList' && g === 'apidiscovery.k8s.io' && offers.discovery && (v === 'v2' || v === 'v2beta1')) {
      return { kind: 'discovery', version: v };
    }
  }
  throw notAcceptable(header ?? '');
}
