// Output escaping for untrusted cluster strings: node names, osImage, labels, pod names, runtime
// strings, and the messages that embed them. Every renderer (text, Markdown, SARIF, HTML) escapes
// cluster strings through this file. (Percent-encoding file paths into SARIF URIs and inlining our
// own script text into HTML stay with their renderers: neither is about cluster text.)
//
// All functions are total: they accept any value at run time (a report read back from JSON may
// hold numbers or nulls where strings belong), never throw, and run in linear time.
//
// Properties (each one is asserted in test/core/escape.test.ts):
//   escapeHtml          round-trips: decoding its five entities gives the input back. Not idempotent
//                       (`&` becomes `&amp;`, then `&amp;amp;`): escape exactly once, at output.
//   escapeTerminal      idempotent: its output contains no character it would escape. Not
//                       injective: a literal `\x1b` typed into a label looks like an escaped ESC,
//                       which is harmless, and backslashes stay as they are so Windows paths read.
//   truncate            the identity when the text fits; otherwise a prefix plus `… (+N chars)`.
//                       Never splits a surrogate pair. Not idempotent (the suffix adds length).
//   escapeMarkdownText  round-trips through a CommonMark parser to the same text (newlines and tabs
//                       become spaces, control characters become visible escapes). Not idempotent.
//   markdownCode        the code span's content is exactly the input (newlines and tabs as spaces,
//                       control characters as visible escapes), whatever backticks it contains;
//                       text of spaces only keeps the padding (CommonMark strips none there).
//   escapeSarifText     round-trips: replacing each `\\x` by `x` gives the input back. Not idempotent.

/** Any run-time value as text, without throwing (objects without a usable `toString` included). */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  try {
    return String(value);
  } catch {
    return '[unprintable]';
  }
}

// ---------------------------------------------------------------------------------------------
// HTML

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;',
};

/** `& < > " '` → entities. Safe in element text and in quoted attribute values. */
export function escapeHtml(s: string): string {
  return text(s).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

// ---------------------------------------------------------------------------------------------
// Terminal

/**
 * Characters a terminal must never receive raw from cluster data:
 *   Cc      C0 controls (ESC, BEL, BS, CR, LF, TAB ...), DEL and the C1 controls U+0080–U+009F
 *           (U+009B is a one-byte CSI on some terminals);
 *   Cf      format characters: bidi marks, embeddings, overrides and isolates (U+061C, U+200E/F,
 *           U+202A–U+202E, U+2066–U+2069), zero-width U+200B–U+200D, U+2060–U+2064, U+FEFF,
 *           soft hyphen, and the invisible tag characters U+E0000–U+E007F;
 *   Cs      lone surrogates (a paired surrogate is one code point and is kept);
 *   Zl, Zp  U+2028 / U+2029, which some terminals and viewers treat as line breaks.
 */
const TERMINAL_UNSAFE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu;

function visibleEscape(ch: string): string {
  switch (ch) {
    case '\n': return '\\n';
    case '\r': return '\\r';
    case '\t': return '\\t';
  }
  const cp = ch.codePointAt(0) ?? 0;
  if (cp <= 0xff) return `\\x${cp.toString(16).padStart(2, '0')}`;
  if (cp <= 0xffff) return `\\u${cp.toString(16).padStart(4, '0')}`;
  return `\\u{${cp.toString(16)}}`;
}

/**
 * One field of untrusted text made safe for a terminal: every control, format, bidi and zero-width
 * character becomes a visible escape (`\x1b`, `\n`, `\u202e`, `\u{e0041}`), so ESC/OSC/CSI sequences,
 * hyperlinks, title changes and right-to-left overrides cannot act, and nothing hides.
 */
export function escapeTerminal(s: string): string {
  return text(s).replace(TERMINAL_UNSAFE, visibleEscape);
}

/** 1234567 → `1,234,567` (fixed grouping; no locale lookup, so output is the same everywhere). */
function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Cap `s` at `max` UTF-16 code units (String#length). Longer text keeps its first `max` units and
 * ends with `… (+N chars)`, N being what was cut. A cut never falls inside a surrogate pair.
 * `max` below 0 or NaN counts as 0; Infinity never cuts.
 */
export function truncate(s: string, max: number): string {
  const t = text(s);
  const limit = typeof max === 'number' && max > 0 ? Math.floor(max) : 0;
  if (t.length <= limit) return t;
  let cut = limit;
  if (cut > 0 && isHighSurrogate(t.charCodeAt(cut - 1)) && isLowSurrogate(t.charCodeAt(cut))) cut--;
  const removed = t.length - cut;
  return `${t.slice(0, cut)}… (+${groupThousands(removed)} char${removed === 1 ? '' : 's'})`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

// ---------------------------------------------------------------------------------------------
// Markdown (GitHub-flavoured)

const MARKDOWN_LINE_BREAK = /\r\n|[\r\n\t]/g;

/**
 * Backslash-escaped: every character CommonMark or GFM gives a meaning inline — emphasis, code,
 * links and images (`[ ] ( ) !`), autolinks and raw HTML (`< >`), entities (`&`), tables (`|`),
 * strikethrough (`~`), headings and lists (`# + -`), math (`$`) — plus `:` and `@`, the triggers of
 * GFM's extended autolinks (`https://…`, `mailto:`, `user@host`). `www.` gets its dot escaped too.
 */
const MARKDOWN_SPECIAL = /[\\`*_{}[\]<>()#+\-!|~&$:@]/g;

/**
 * Untrusted text for a Markdown paragraph, list item or table cell: it renders as the same
 * characters and never as a link, image, HTML, emphasis or a table break. Newlines and tabs
 * become spaces; other control and bidi characters become visible escapes.
 * Not for the inside of raw HTML (use escapeHtml there).
 */
export function escapeMarkdownText(s: string): string {
  return escapeTerminal(text(s).replace(MARKDOWN_LINE_BREAK, ' '))
    .replace(MARKDOWN_SPECIAL, (c) => `\\${c}`)
    .replace(/(www)\./gi, '$1\\.');
}

export type MarkdownCodeContext = 'inline' | 'table-cell';

/**
 * Untrusted text as an inline code span: the fence is one backtick longer than the longest run of
 * backticks inside, padded with one space each side (CommonMark strips exactly that), so the span
 * shows the text as written. Newlines and tabs become spaces, control characters visible escapes.
 * In a table cell, pipes are escaped as GFM requires; text containing `\|` there (which GFM cannot
 * show inside a code span) is rendered with escapeMarkdownText instead.
 */
export function markdownCode(s: string, context: MarkdownCodeContext = 'inline'): string {
  let t = escapeTerminal(text(s).replace(MARKDOWN_LINE_BREAK, ' '));
  if (context === 'table-cell') {
    if (t.includes('\\|')) return escapeMarkdownText(t);
    t = t.replace(/\|/g, '\\|');
  }
  let longest = 0;
  for (const run of t.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${t} ${fence}`;
}

// ---------------------------------------------------------------------------------------------
// SARIF

/**
 * Untrusted text for a SARIF `message.text`. Plain-text SARIF messages may carry embedded links,
 * `[text](target)` (SARIF 2.1.0 §3.11.6), which viewers turn into hyperlinks; escaping `[`, `]` and
 * the backslash itself with a backslash keeps cluster text from forming one. JSON serialisation
 * takes care of quotes and control characters.
 */
export function escapeSarifText(s: string): string {
  return text(s).replace(/[\\[\]]/g, (c) => `\\${c}`);
}

// ---------------------------------------------------------------------------------------------
// Links

const SAFE_HTTPS_URL = /^https:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?(?:[/?#][A-Za-z0-9\-._~!$&'()*+,;=:@/?#%]*)?$/;

/**
 * The URL when it is a plain `https://host/...` address that can be put in an href or a Markdown
 * link destination as is (no user info, no spaces, quotes, angle brackets, backslashes or control
 * characters); otherwise null, and the caller shows it as text instead of a link.
 */
export function safeHttpsUrl(url: string): string | null {
  const t = text(url);
  return t.length <= 2048 && SAFE_HTTPS_URL.test(t) ? t : null;
}
