// The diagram follows the editor's theme. VS Code marks <body> with `vscode-light`, `vscode-dark`,
// `vscode-high-contrast` (+ `vscode-high-contrast-light`) and sets `--vscode-*` variables on <html>;
// mermaid's `base` theme is fed colours derived from those variables, and the diagram is re-drawn
// when they change (a MutationObserver, as VS Code's own mermaid rendering does).

import type { MermaidConfig } from 'mermaid';
import { contrast, mix, over, parseColor, toHex, type Rgba } from './color';
import { DIAGRAM_LAYOUT } from '../src/core/mermaid';

export type ThemeKind = 'light' | 'dark' | 'hc-dark' | 'hc-light';

export function themeKind(body: HTMLElement): ThemeKind {
  const c = body.classList;
  if (c.contains('vscode-high-contrast-light')) return 'hc-light';
  if (c.contains('vscode-high-contrast')) return 'hc-dark';
  if (c.contains('vscode-dark')) return 'dark';
  return 'light';
}

const FALLBACK: Readonly<Record<ThemeKind, { bg: string; fg: string }>> = {
  light: { bg: '#ffffff', fg: '#3b3b3b' },
  dark: { bg: '#1f1f1f', fg: '#cccccc' },
  'hc-dark': { bg: '#000000', fg: '#ffffff' },
  'hc-light': { bg: '#ffffff', fg: '#292929' },
};

/** The colours the diagram is drawn with, all opaque hex. */
export interface Palette {
  readonly kind: ThemeKind;
  readonly background: string;
  readonly foreground: string;
  readonly nodeFill: string;
  readonly nodeBorder: string;
  readonly clusterFill: string;
  readonly clusterBorder: string;
  readonly line: string;
  readonly accent: string;
  readonly fontFamily: string;
  readonly fontSize: string;
}

function variable(style: CSSStyleDeclaration, name: string): string {
  return style.getPropertyValue(`--vscode-${name}`).trim();
}

/** Read the current theme's colours from the computed `--vscode-*` variables. */
export function readPalette(): Palette {
  const kind = themeKind(document.body);
  const style = getComputedStyle(document.body);
  const read = (name: string): Rgba | null => parseColor(variable(style, name));
  const bg = read('editor-background') ?? parseColor(FALLBACK[kind].bg) as Rgba;
  const solid = (c: Rgba | null) => (c ? over(c, bg) : null);
  const fg = solid(read('editor-foreground')) ?? solid(read('foreground')) ?? parseColor(FALLBACK[kind].fg) as Rgba;
  const highContrast = kind === 'hc-dark' || kind === 'hc-light';
  const contrastBorder = solid(read('contrastBorder'));
  // The accent marks boxes and focus: the button colour, unless it is too faint on this background.
  const candidates = [solid(read('button-background')), solid(read('focusBorder')), solid(read('charts-blue'))];
  const accent = candidates.find((c): c is Rgba => c !== null && contrast(c, bg) >= 3) ?? fg;

  return {
    kind,
    background: toHex(bg),
    foreground: toHex(fg),
    nodeFill: toHex(highContrast ? bg : mix(bg, fg, kind === 'dark' ? 0.08 : 0.05)),
    nodeBorder: toHex(highContrast ? contrastBorder ?? fg : mix(accent, bg, 0.15)),
    clusterFill: toHex(highContrast ? bg : mix(bg, fg, 0.025)),
    clusterBorder: toHex(highContrast ? contrastBorder ?? fg : mix(bg, fg, 0.3)),
    line: toHex(highContrast ? fg : mix(bg, fg, 0.65)),
    accent: toHex(accent),
    fontFamily: variable(style, 'font-family') || 'system-ui, sans-serif',
    fontSize: variable(style, 'font-size') || '13px',
  };
}

/** A stable text form of a palette: re-draw only when it changes. */
export function paletteKey(p: Palette): string {
  return JSON.stringify(p);
}

/** The mermaid configuration of the panel: strict security, our limits, SVG text labels. */
export function mermaidConfig(p: Palette): MermaidConfig {
  return {
    startOnLoad: false,
    securityLevel: 'strict',
    theme: 'base',
    darkMode: p.kind === 'dark' || p.kind === 'hc-dark',
    maxTextSize: 50_000,
    maxEdges: 500,
    suppressErrorRendering: true,
    // ELK (registered by the library itself, webview/mermaidBundle.ts): no edge through a box on any
    // built-in sample, where dagre draws some (test/webview/panelGeometry.test.ts measures both).
    layout: 'elk',
    elk: { nodePlacementStrategy: DIAGRAM_LAYOUT.elkNodePlacement },
    // SVG text labels, no HTML in foreignObject. Mermaid 11 reads the root-level flag first; the
    // flowchart one is its deprecated older spelling, set too so no version draws HTML labels.
    htmlLabels: false,
    fontFamily: p.fontFamily,
    themeVariables: {
      darkMode: p.kind === 'dark' || p.kind === 'hc-dark',
      background: p.background,
      fontFamily: p.fontFamily,
      fontSize: p.fontSize,
      primaryColor: p.nodeFill,
      primaryTextColor: p.foreground,
      primaryBorderColor: p.nodeBorder,
      secondaryColor: p.clusterFill,
      secondaryTextColor: p.foreground,
      secondaryBorderColor: p.clusterBorder,
      tertiaryColor: p.clusterFill,
      tertiaryTextColor: p.foreground,
      tertiaryBorderColor: p.clusterBorder,
      mainBkg: p.nodeFill,
      nodeBorder: p.nodeBorder,
      nodeTextColor: p.foreground,
      textColor: p.foreground,
      titleColor: p.foreground,
      clusterBkg: p.clusterFill,
      clusterBorder: p.clusterBorder,
      lineColor: p.line,
      edgeLabelBackground: p.background,
    },
    // ELK ignores nodeSpacing and rankSpacing (mermaid's ELK layout fixes its own spacing); they
    // stay for dagre. `padding` (inside a box) and `wrappingWidth` (mermaid's own line break,
    // wider than the lines core/mermaid.ts writes) shape every box under either layout.
    flowchart: { htmlLabels: false, useMaxWidth: false, padding: DIAGRAM_LAYOUT.boxPadding, wrappingWidth: DIAGRAM_LAYOUT.wrappingWidth, nodeSpacing: 40, rankSpacing: 48 },
  };
}

/**
 * Call `onChange` (once per animation frame at most) when the theme may have changed: the class
 * or theme attributes of <body>, or the variables VS Code writes into <html style>.
 */
export function observeTheme(onChange: () => void): () => void {
  let frame = 0;
  const schedule = () => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      onChange();
    });
  };
  const observer = new MutationObserver(schedule);
  observer.observe(document.body, {
    attributes: true,
    attributeFilter: ['class', 'data-vscode-theme-kind', 'data-vscode-theme-id', 'data-vscode-theme-name'],
  });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
  return () => {
    observer.disconnect();
    if (frame) cancelAnimationFrame(frame);
  };
}
