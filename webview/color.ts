// Colour arithmetic for the diagram theme. VS Code hands the webview its theme as `--vscode-*`
// CSS variables (`#1f1f1f`, `#ffffff80`, `rgba(…)`); mermaid's `base` theme wants opaque colours
// it can lighten and darken. Pure, so it is unit-tested in node.

export interface Rgba {
  readonly r: number;
  readonly g: number;
  readonly b: number;
  /** 0–1 */
  readonly a: number;
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

function channel(text: string): number | null {
  const t = text.trim();
  if (t.endsWith('%')) {
    const p = Number(t.slice(0, -1));
    return Number.isFinite(p) ? clamp((p / 100) * 255, 0, 255) : null;
  }
  const n = Number(t);
  return t !== '' && Number.isFinite(n) ? clamp(n, 0, 255) : null;
}

function alpha(text: string | undefined): number | null {
  if (text === undefined) return 1;
  const t = text.trim();
  if (t.endsWith('%')) {
    const p = Number(t.slice(0, -1));
    return Number.isFinite(p) ? clamp(p / 100, 0, 1) : null;
  }
  const n = Number(t);
  return t !== '' && Number.isFinite(n) ? clamp(n, 0, 1) : null;
}

/**
 * `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`, `rgb()`/`rgba()` with commas or spaces (and `/ alpha`),
 * and `color(srgb r g b / a)`; null for anything else (named colours, `var(…)`, empty).
 */
export function parseColor(input: string): Rgba | null {
  const text = String(input ?? '').trim().toLowerCase();
  const hex = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(text);
  if (hex?.[1] !== undefined) {
    let digits = hex[1];
    if (digits.length <= 4) digits = [...digits].map((d) => d + d).join('');
    const at = (i: number) => parseInt(digits.slice(i, i + 2), 16);
    return { r: at(0), g: at(2), b: at(4), a: digits.length === 8 ? at(6) / 255 : 1 };
  }
  const fn = /^(rgba?|color)\((.*)\)$/.exec(text);
  if (!fn?.[1] || fn[2] === undefined) return null;
  let body = fn[2].trim();
  let scale = 1;
  if (fn[1] === 'color') {
    if (!body.startsWith('srgb ')) return null;
    body = body.slice(5);
    scale = 255;
  }
  const [main, slashAlpha] = body.split('/');
  const parts = (main ?? '').includes(',') ? (main ?? '').split(',') : (main ?? '').trim().split(/\s+/);
  const a = alpha(slashAlpha ?? (parts.length === 4 ? parts[3] : undefined));
  if (parts.length < 3 || parts.length > 4 || (parts.length === 4 && slashAlpha !== undefined) || a === null) return null;
  const [r, g, b] = parts.slice(0, 3).map((p) => {
    const value = scale === 1 ? channel(p) : Number(p.trim());
    return value === null || !Number.isFinite(value) ? null : clamp(value * scale, 0, 255);
  });
  if (r === null || g === null || b === null || r === undefined || g === undefined || b === undefined) return null;
  return { r, g, b, a };
}

/** `color` painted over an opaque `background`: the opaque colour you see. */
export function over(color: Rgba, background: Rgba): Rgba {
  const a = color.a;
  return {
    r: color.r * a + background.r * (1 - a),
    g: color.g * a + background.g * (1 - a),
    b: color.b * a + background.b * (1 - a),
    a: 1,
  };
}

/** `t` of the way from `from` to `to` (0 gives `from`, 1 gives `to`), opaque. */
export function mix(from: Rgba, to: Rgba, t: number): Rgba {
  const k = clamp(t, 0, 1);
  return { r: from.r + (to.r - from.r) * k, g: from.g + (to.g - from.g) * k, b: from.b + (to.b - from.b) * k, a: 1 };
}

export function toHex(color: Rgba): string {
  const two = (v: number) => Math.round(clamp(v, 0, 255)).toString(16).padStart(2, '0');
  return `#${two(color.r)}${two(color.g)}${two(color.b)}`;
}

/** WCAG relative luminance, 0 (black) to 1 (white). */
export function luminance(color: Rgba): number {
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(color.r) + 0.7152 * lin(color.g) + 0.0722 * lin(color.b);
}

/** WCAG contrast ratio, 1 to 21. */
export function contrast(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
