// Mermaid 11 with SVG text labels (`htmlLabels: false`) sometimes leaves the entity codes of a
// label as literal text: the core writes `"` as `#34;` in the mermaid source (its escaping of
// cluster strings), and a single-line label then shows `&#34;` instead of `"`. Labels that wrap
// can even split one code over two lines (`…&` | `#62;…`). The diagram passes the text of each
// SVG <text> element, piece by piece, through `decodeEntityRuns` and writes it back as text:
// nothing is ever parsed as markup. Pure, so unit-tested.

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: '\'', nbsp: '\u00a0' };

/**
 * Mermaid's own stand-ins for entity codes (`#39;` → `fl°°39¶ß`, `#quot;` → `fl°quot¶ß`), which
 * it forgets to turn back in subgraph titles drawn as SVG text.
 */
const MERMAID_CODE = /fl°°(\d{1,7})¶ß|fl°([a-z]{2,5})¶ß/gi;

/** `&#34;`, `&#x22;`, `&quot;` (or mermaid's `fl°°34¶ß`) → the character; anything else stays as written. */
export function decodeEntities(text: string): string {
  return text.replace(MERMAID_CODE, (_, code: string | undefined, name: string | undefined) => (code !== undefined ? `&#${code};` : `&${name};`)).replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,5});/gi, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      const visible = code > 0x1f && code !== 0x7f && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
      return visible ? String.fromCodePoint(code) : whole;
    }
    return NAMED[body.toLowerCase()] ?? whole;
  });
}

/** An entity cut off at the end of a piece: `&`, `&#`, `&#6`, `&am`. */
const OPEN_TAIL = /&(#x?[0-9a-f]{0,7}|[a-z]{0,5})$/i;

/**
 * Decode the consecutive text pieces of one label, where an entity may start at the end of one
 * piece and finish at the start of the next. Returns as many pieces as it was given.
 */
export function decodeEntityRuns(pieces: readonly string[]): string[] {
  const out: string[] = [];
  let carry = '';
  pieces.forEach((piece, i) => {
    let text = carry + piece;
    carry = '';
    const tail = i < pieces.length - 1 ? OPEN_TAIL.exec(text) : null;
    if (tail) {
      carry = tail[0];
      text = text.slice(0, -tail[0].length);
    }
    out.push(decodeEntities(text));
  });
  if (carry && out.length > 0) out[out.length - 1] += carry;
  return out;
}
