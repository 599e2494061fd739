import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import {
  escapeHtml, escapeMarkdownText, escapeSarifText, escapeTerminal, markdownCode, safeHttpsUrl, truncate,
} from '../../src/core/escape';

// markdown-it (a CommonMark parser with GFM tables) is the oracle for the Markdown escapers. It is
// installed with @vscode/vsce and has no bundled types, hence require and the small interface.
interface MdToken { type: string; content: string; children: MdToken[] | null }
interface MarkdownIt { parseInline(src: string, env: object): MdToken[]; render(src: string): string }
const MarkdownItCtor = createRequire(import.meta.url)('markdown-it') as new (options: object) => MarkdownIt;
const md = new MarkdownItCtor({ html: true, linkify: false, typographer: false });

/** The inline tokens markdown-it makes of one line. */
function inlineTokens(src: string): MdToken[] {
  return md.parseInline(src, {})[0]?.children ?? [];
}

const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '"]; click A href "javascript:alert(1)"',
  '%%{init: {"securityLevel":"loose"}}%%',
  ':::evil',
  '\x1b[31mred',
  '\x1b]8;;http://x\x07link\x1b]8;;\x07',
  'admin\u202etxt.exe',
];

// ---------------------------------------------------------------------------------------------
// escapeHtml

test('escapeHtml turns the five HTML-significant characters into entities and leaves the rest', () => {
  const rows: [string, string][] = [
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['"]; click A href "javascript:alert(1)"', '&quot;]; click A href &quot;javascript:alert(1)&quot;'],
    ['it\'s & done', 'it&#39;s &amp; done'],
    ['&amp;', '&amp;amp;'],
    ['ip-10-0-1-23.eu-west-1.compute.internal', 'ip-10-0-1-23.eu-west-1.compute.internal'],
    ['', ''],
  ];
  for (const [input, expected] of rows) assert.equal(escapeHtml(input), expected, JSON.stringify(input));
});

test('escapeHtml round-trips: decoding its entities gives the input back', () => {
  const decode = (s: string) => s.replace(/&(lt|gt|quot|#39|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': '\'', amp: '&' })[e] ?? '');
  fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => decode(escapeHtml(s)) === s));
});

test('escapeHtml output never contains a raw < > " \' or an & that does not start one of its entities', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => {
    const out = escapeHtml(s);
    return !/[<>"']/.test(out) && !/&(?!(?:lt|gt|quot|#39|amp);)/.test(out);
  }));
});

// ---------------------------------------------------------------------------------------------
// escapeTerminal

test('escapeTerminal shows control, bidi and invisible characters as visible escapes', () => {
  const rows: [string, string, string][] = [
    ['SGR colour', '\x1b[31mred', '\\x1b[31mred'],
    ['OSC 8 hyperlink', '\x1b]8;;http://x\x07link', '\\x1b]8;;http://x\\x07link'],
    ['OSC window title', '\x1b]0;pwned\x1b\\', '\\x1b]0;pwned\\x1b\\'],
    ['newline, CR and tab inside one field', 'a\nb\rc\td', 'a\\nb\\rc\\td'],
    ['NUL, BEL, backspace', '\x00\x07\x08', '\\x00\\x07\\x08'],
    ['DEL', 'a\x7fb', 'a\\x7fb'],
    ['C1 CSI (U+009B) and NEL (U+0085)', '\u009b31m\u0085', '\\x9b31m\\x85'],
    ['right-to-left override', 'admin\u202etxt.exe', 'admin\\u202etxt.exe'],
    ['bidi isolates and marks', '\u2066\u2067\u2068\u2069\u200e\u200f\u061c', '\\u2066\\u2067\\u2068\\u2069\\u200e\\u200f\\u061c'],
    ['bidi embeddings', '\u202a\u202b\u202c\u202d', '\\u202a\\u202b\\u202c\\u202d'],
    ['zero-width characters and BOM', 'a\u200bb\u200cc\u200dd\ufeff', 'a\\u200bb\\u200cc\\u200dd\\ufeff'],
    ['invisible tag characters (ASCII smuggling)', 'ok\u{e0041}\u{e0042}', 'ok\\u{e0041}\\u{e0042}'],
    ['line and paragraph separators', 'a\u2028b\u2029c', 'a\\u2028b\\u2029c'],
    ['lone surrogates', 'a\ud800b\udc00', 'a\\ud800b\\udc00'],
    ['emoji (a surrogate pair) is kept', 'node-😀', 'node-😀'],
    ['accents and CJK are kept', 'café-节点', 'café-节点'],
    ['Windows paths keep their backslashes', 'C:\\k\\bin', 'C:\\k\\bin'],
    ['plain node name unchanged', 'ip-10-0-1-23.ec2.internal', 'ip-10-0-1-23.ec2.internal'],
  ];
  for (const [name, input, expected] of rows) assert.equal(escapeTerminal(input), expected, name);
});

test('escapeTerminal output holds no ESC, C0/C1 control, DEL, bidi, format or separator character', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => !/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u.test(escapeTerminal(s))));
  for (const s of HOSTILE) assert.doesNotMatch(escapeTerminal(s), /[\x00-\x1f\x7f-\x9f\u202a-\u202e]/);
});

test('escapeTerminal is idempotent', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => escapeTerminal(escapeTerminal(s)) === escapeTerminal(s)));
});

// ---------------------------------------------------------------------------------------------
// truncate

test('truncate keeps text that fits and says how much it cut from text that does not', () => {
  const big = 'x'.repeat(300_000);
  const rows: [string, string, number, string][] = [
    ['fits exactly', 'abcde', 5, 'abcde'],
    ['shorter than the cap', 'abc', 200, 'abc'],
    ['one char over', 'abcdef', 5, 'abcde… (+1 char)'],
    ['300 KB string with thousands separators', big, 188, `${'x'.repeat(188)}… (+299,812 chars)`],
    ['cap 0', 'abc', 0, '… (+3 chars)'],
    ['negative cap counts as 0', 'abc', -5, '… (+3 chars)'],
    ['NaN cap counts as 0', 'abc', Number.NaN, '… (+3 chars)'],
    ['Infinity never cuts', 'abc', Number.POSITIVE_INFINITY, 'abc'],
    ['fractional cap is floored', 'abcdef', 2.9, 'ab… (+4 chars)'],
    ['a surrogate pair is not split', 'ab😀cd', 3, 'ab… (+4 chars)'],
  ];
  for (const [name, input, max, expected] of rows) assert.equal(truncate(input, max), expected, name);
});

test('truncate is the identity when the text fits and otherwise keeps a prefix of at most max units', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.integer({ min: 0, max: 80 }), (s, max) => {
    const out = truncate(s, max);
    if (s.length <= max) return out === s;
    const cut = out.indexOf('… (+');
    return cut >= 0 && cut <= max && s.startsWith(out.slice(0, cut)) && out.endsWith(` char${s.length - cut === 1 ? '' : 's'})`);
  }));
});

// ---------------------------------------------------------------------------------------------
// escapeMarkdownText

test('escapeMarkdownText backslash-escapes everything that could become a link, HTML, emphasis or a table break', () => {
  const rows: [string, string][] = [
    ['<script>alert(1)</script>', '\\<script\\>alert\\(1\\)\\</script\\>'],
    ['<img src=x onerror=alert(1)>', '\\<img src=x onerror=alert\\(1\\)\\>'],
    ['javascript:alert(1)', 'javascript\\:alert\\(1\\)'],
    ['"]; click A href "javascript:alert(1)"', '"\\]; click A href "javascript\\:alert\\(1\\)"'],
    ['[x](https://evil.example)', '\\[x\\]\\(https\\://evil.example\\)'],
    ['![i](x)', '\\!\\[i\\]\\(x\\)'],
    ['see www.evil.example', 'see www\\.evil.example'],
    ['mail me@evil.example', 'mail me\\@evil.example'],
    ['a | b', 'a \\| b'],
    ['*bold* _it_ ~~s~~ `c`', '\\*bold\\* \\_it\\_ \\~\\~s\\~\\~ \\`c\\`'],
    ['&lt; &#60;', '\\&lt; \\&\\#60;'],
    ['# heading + list - item', '\\# heading \\+ list \\- item'],
    ['$x$', '\\$x\\$'],
    ['two\nlines\r\nand\ttab', 'two lines and tab'],
    ['\x1b[31mred', '\\\\x1b\\[31mred'],
    ['plain-node-1', 'plain\\-node\\-1'],
  ];
  for (const [input, expected] of rows) assert.equal(escapeMarkdownText(input), expected, JSON.stringify(input));
});

test('escapeMarkdownText renders as exactly its input text in a CommonMark parser, never as a link or HTML', () => {
  const alphabet = fc.constantFrom(...'\\`*_{}[]<>()#+-!|~&$:@.;"\'=/% aZ09w'.split(''), 'www.', 'http://', '&amp;', '<b>', 'é');
  fc.assert(fc.property(fc.array(alphabet, { maxLength: 40 }).map((a) => a.join('')), (s) => {
    const tokens = inlineTokens(`x ${escapeMarkdownText(s)} x`);
    return tokens.every((t) => t.type === 'text') && tokens.map((t) => t.content).join('') === `x ${s} x`;
  }), { numRuns: 500 });
  for (const s of HOSTILE) {
    const html = md.render(escapeMarkdownText(s));
    assert.doesNotMatch(html, /<(?!\/?p>)/, `only the paragraph is HTML for ${JSON.stringify(s)}`);
  }
});

// ---------------------------------------------------------------------------------------------
// markdownCode

test('markdownCode fences with one more backtick than the longest run inside, padded with spaces', () => {
  const rows: [string, string][] = [
    ['kube-system/etcd-cp-1', '` kube-system/etcd-cp-1 `'],
    ['a`b', '`` a`b ``'],
    ['``x```', '```` ``x``` ````'],
    ['`', '`` ` ``'],
    ['two\nlines', '` two lines `'],
    ['\x1b[31m', '` \\x1b[31m `'],
    ['<script>alert(1)</script>', '` <script>alert(1)</script> `'],
    ['', '`  `'],
  ];
  for (const [input, expected] of rows) assert.equal(markdownCode(input), expected, JSON.stringify(input));
});

test('markdownCode parses as one code span whose content is exactly the input', () => {
  const alphabet = fc.constantFrom('`', '``', ' ', 'a', '<', '>', '|', '\\', '*', '[', ']', '(', ')', '&amp;', 'é');
  fc.assert(fc.property(fc.array(alphabet, { minLength: 1, maxLength: 30 }).map((a) => a.join('')), (s) => {
    fc.pre(s.trim() !== '');
    const tokens = inlineTokens(`x ${markdownCode(s)} x`);
    const code = tokens.filter((t) => t.type === 'code_inline');
    return code.length === 1 && code[0]?.content === s && tokens.every((t) => t.type === 'text' || t.type === 'code_inline');
  }), { numRuns: 500 });
});

test('markdownCode in a table cell escapes pipes so the row keeps its cells, and falls back for "\\|"', () => {
  const rows: [string, string][] = [
    ['a|b', 'a|b'],
    ['"]; click A href "javascript:alert(1)" | x', '"]; click A href "javascript:alert(1)" | x'],
    ['ends with \\|', 'ends with \\|'],
  ];
  for (const [input, shown] of rows) {
    const html = md.render(`| h | g |\n|---|---|\n| ${markdownCode(input, 'table-cell')} | z |\n`);
    const cells = [...html.matchAll(/<td>(.*?)<\/td>/g)].map((m) => m[1]);
    assert.equal(cells.length, 2, `two cells for ${JSON.stringify(input)}`);
    const text = (cells[0] ?? '').replace(/<\/?code>/g, '').replace(/&quot;/g, '"');
    assert.equal(text, shown);
    assert.equal(cells[1], 'z');
  }
});

// ---------------------------------------------------------------------------------------------
// escapeSarifText, safeHttpsUrl

test('escapeSarifText escapes brackets and backslashes so no SARIF embedded link can form', () => {
  const rows: [string, string][] = [
    ['[click](javascript:alert(1))', '\\[click\\](javascript:alert(1))'],
    ['"]; click A href "javascript:alert(1)"', '"\\]; click A href "javascript:alert(1)"'],
    ['\\[x]', '\\\\\\[x\\]'],
    ['plain text', 'plain text'],
  ];
  for (const [input, expected] of rows) assert.equal(escapeSarifText(input), expected);
  fc.assert(fc.property(fc.string(), (s) => escapeSarifText(s).replace(/\\(.)/gs, '$1') === s));
});

test('safeHttpsUrl accepts plain https URLs and rejects every other scheme and risky character', () => {
  const rows: [string, boolean][] = [
    ['https://kubernetes.io/docs/tasks/administer-cluster/migrating-from-dockershim/', true],
    ['https://kubernetes.io/docs/concepts/storage/volumes/#hostpath', true],
    ['https://github.com/Mirantis/cri-dockerd', true],
    ['https://example.com:8443/a?b=c&d=(e)', true],
    ['javascript:alert(1)', false],
    ['JAVASCRIPT:alert(1)', false],
    ['http://kubernetes.io/', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['https://evil.example/"onmouseover="alert(1)', false],
    ['https://evil.example/<script>', false],
    ['https://evil.example/a b', false],
    ['https://user:pass@evil.example/', false],
    ['https://evil.example/\\x', false],
    ['https://evil.example/\nx', false],
    [' https://kubernetes.io/', false],
    ['', false],
  ];
  for (const [url, ok] of rows) assert.equal(safeHttpsUrl(url) !== null, ok, url);
});

// ---------------------------------------------------------------------------------------------
// totality

test('every escaper is total: any run-time value, even a hostile object, gives a string', () => {
  const hostile = [null, undefined, 42, Symbol('s'), { toString() { throw new Error('no'); } }, Object.create(null), ['<a>']];
  const fns: ((s: string) => string)[] = [
    escapeHtml, escapeTerminal, escapeMarkdownText, markdownCode, escapeSarifText, (s) => truncate(s, 3), (s) => String(safeHttpsUrl(s)),
  ];
  for (const fn of fns) {
    for (const value of hostile) assert.equal(typeof fn(value as unknown as string), 'string');
    fc.assert(fc.property(fc.anything(), (value) => typeof fn(value as string) === 'string'), { numRuns: 200 });
  }
});

test('escapers handle a 300 KB string in linear time', () => {
  const big = '<script>\x1b[31m|`\u202e'.repeat(30_000);
  const started = performance.now();
  for (const fn of [escapeHtml, escapeTerminal, escapeMarkdownText, markdownCode, escapeSarifText]) assert.ok(fn(big).length >= big.length);
  assert.ok(performance.now() - started < 2000, 'all five escapers within 2 s');
});
