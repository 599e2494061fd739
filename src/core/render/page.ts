// The one HTML page shell of every page K8s Anatomy writes: the panel's webview, the readiness
// report's webview and the self-contained topology page (`topology --format html`, Export
// Topology). It owns what makes them safe: the nonce (16 bytes from the platform's CSPRNG), the
// Content-Security-Policy text, the checks on the values that go into attributes, and the escaped
// title. Each page passes its own policy, head and body. Pure: no I/O (Web Crypto is a global of
// Node 20, the extension host and browsers alike).

import { escapeHtml } from '../escape';

/** A fresh nonce per page: 16 random bytes from `crypto.getRandomValues`, base64. */
export function createNonce(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** base64 or base64url, at least 16 characters: what createNonce and node's randomBytes produce. */
const NONCE = /^[A-Za-z0-9+/_-]{16,}={0,2}$/;

/** The nonce, or a TypeError naming the page whose caller passed an unusable one. */
export function checkNonce(nonce: unknown, page: string): string {
  if (typeof nonce !== 'string' || !NONCE.test(nonce)) throw new TypeError(`${page}: the nonce must be base64 or base64url, at least 16 characters`);
  return nonce;
}

/** A source expression of ours (a nonce, `'none'`, a VS Code webview origin): no quote, bracket, space or `;`. */
const SOURCE_UNSAFE = /["<>;,\s]/;

/** One CSP directive: its name and its source list. */
export type CspDirective = readonly [name: string, ...sources: string[]];

/**
 * The policy text, directives in the given order: `default-src 'none'; script-src 'nonce-…'`.
 * A source that could end a directive or the attribute is refused, never escaped.
 */
export function buildCsp(directives: readonly CspDirective[]): string {
  return directives.map(([name, ...sources]) => {
    for (const source of [name, ...sources]) {
      if (source === '' || SOURCE_UNSAFE.test(source)) throw new TypeError(`buildCsp: unusable source ${JSON.stringify(source)}`);
    }
    return [name, ...sources].join(' ');
  }).join('; ');
}

/** `'nonce-…'` as a CSP source. */
export function nonceSource(nonce: string): string {
  return `'nonce-${nonce}'`;
}

export interface PageShellInput {
  /** The policy (buildCsp), written into the page's meta tag. */
  readonly csp: string;
  /** Plain text; escaped here. */
  readonly title: string;
  /** `<meta name=… content=…>` lines between the viewport and the title (values of ours). */
  readonly meta?: readonly (readonly [name: string, content: string])[];
  /** Markup after the title: the stylesheet link or the nonce'd style element. */
  readonly head: string;
  /** Markup of the body, without the body tags. */
  readonly body: string;
}

const ATTRIBUTE_UNSAFE = /["<>&]/;

/** The document around a page's own head and body. */
export function pageShell(input: PageShellInput): string {
  const meta = (input.meta ?? []).map(([name, content]) => {
    if (ATTRIBUTE_UNSAFE.test(name) || ATTRIBUTE_UNSAFE.test(content)) throw new TypeError(`pageShell: unusable meta ${JSON.stringify(name)}`);
    return `<meta name="${name}" content="${content}">\n`;
  }).join('');
  if (ATTRIBUTE_UNSAFE.test(input.csp)) throw new TypeError('pageShell: unusable policy');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${input.csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
${meta}<title>${escapeHtml(input.title)}</title>
${input.head}
</head>
<body>
${input.body}
</body>
</html>
`;
}
