// Wording and display helpers for the panel. Pure (no DOM), so unit tests can run them in node.
// Cluster strings pass through `field`/`prose` before they are shown: capped in length, with
// control, bidi and zero-width characters turned into visible escapes so a node name cannot
// reorder or hide the text around it.

import { escapeTerminal, safeHttpsUrl, truncate } from '../src/core/escape';
import { FIELD_MAX, PROSE_MAX, formatCount as groupDigits, plural } from '../src/core/render/text';

/** One identifier-like value from the cluster, ready for textContent. */
export function field(value: unknown, max = FIELD_MAX): string {
  return escapeTerminal(truncate(typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value), max));
}

/** A sentence from the host that may embed cluster strings (a finding's message, an error). */
export function prose(value: unknown, max = PROSE_MAX): string {
  return field(value, max);
}

/** Like `prose`, but line breaks stay line breaks (for text shown with white-space: pre-wrap). */
export function lines(value: unknown, max = PROSE_MAX): string {
  return field(value, max).split('\\n').join('\n');
}

/** 1234567 → `1,234,567`; anything that is not a finite number → `?`. */
export function formatCount(n: number): string {
  if (typeof n !== 'number' || !Number.isFinite(n)) return '?';
  return groupDigits(Math.trunc(n));
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * `just now`, `5 minutes ago`, `3 hours ago`, `2 days ago` for an ISO time, seen at `now`.
 * Times slightly in the future (clock skew between host and webview) read as `just now`.
 */
export function relativeTime(iso: string, now: number): string {
  const then = Date.parse(iso);
  if (!Number.isFinite(then)) return 'at an unknown time';
  const ago = now - then;
  if (ago < 45_000) return 'just now';
  if (ago < HOUR) return `${plural(Math.max(1, Math.round(ago / MINUTE)), 'minute')} ago`;
  if (ago < DAY) return `${plural(Math.round(ago / HOUR), 'hour')} ago`;
  return `${plural(Math.round(ago / DAY), 'day')} ago`;
}

/** Only plain https links are offered; the host checks again before it opens anything. */
export function isHttpsLink(url: unknown): url is string {
  return typeof url === 'string' && safeHttpsUrl(url) !== null;
}

/** A readable name for a link without a title: `host › last path segment`. */
export function linkLabel(url: string): string {
  const path = url.replace(/^https:\/\//, '').replace(/[?#].*$/, '').replace(/\/+$/, '');
  const segments = path.split('/');
  const host = segments[0] ?? path;
  const last = segments.length > 1 ? segments[segments.length - 1] : undefined;
  return truncate(last ? `${host} › ${last}` : host, 90);
}
