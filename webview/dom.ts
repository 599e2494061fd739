// Tiny element helpers. Cluster strings are data, never markup: everything here builds nodes with
// createElement and textContent, and `h` refuses attributes that could execute or load anything
// (`on*`, `href`, `src`, `style`, `srcdoc`, `action`, `formaction`, `xlink:href`). There is no
// innerHTML anywhere in the webview.

export type Child = Node | string | number | null | undefined | false;

export interface Props {
  readonly class?: string;
  readonly text?: string;
  /** Plain attributes (aria-*, role, data-*, id, type, tabindex, title...). */
  readonly attrs?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly hidden?: boolean;
}

const FORBIDDEN_ATTRIBUTE = /^(on|href$|src$|srcdoc$|style$|action$|formaction$|xlink:href$)/i;

function setAttributes(element: Element, attrs: Props['attrs']): void {
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (FORBIDDEN_ATTRIBUTE.test(name)) throw new Error(`dom: refusing to set attribute ${name}`);
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
}

function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/** Give `element` its class, safe attributes, text and children. */
function fill<E extends HTMLElement>(element: E, props: Props, children: readonly Child[]): E {
  if (props.class) element.className = props.class;
  setAttributes(element, props.attrs);
  if (props.hidden) element.hidden = true;
  if (props.text !== undefined) element.textContent = props.text;
  append(element, children);
  return element;
}

/** An HTML element with text, safe attributes and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, children: readonly Child[] = []): HTMLElementTagNameMap[K] {
  return fill(document.createElement(tag), props, children);
}

/** A custom element (vscode-elements) with the same rules as `h`. */
export function custom(tag: `vscode-${string}`, props: Props = {}, children: readonly Child[] = []): HTMLElement {
  return fill(document.createElement(tag), props, children);
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element for our own drawings (legend swatches); geometry attributes only. */
export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Readonly<Record<string, string | number>> = {}, children: readonly Node[] = []): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  setAttributes(element, attrs);
  for (const child of children) element.appendChild(child);
  return element;
}

/** Replace every child of `parent`. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/**
 * Text with `code spans` (the knowledge base writes commands and paths in backticks) as
 * text nodes and <code> elements.
 */
export function richText(text: string): Node[] {
  const parts = text.split('`');
  // An odd number of backticks leaves the last one unpaired: show it as written.
  if (parts.length % 2 === 0) return [document.createTextNode(text)];
  const nodes: Node[] = [];
  parts.forEach((part, i) => {
    if (part === '') return;
    nodes.push(i % 2 === 1 ? h('code', { text: part }) : document.createTextNode(part));
  });
  return nodes;
}

/**
 * A native <button> that looks like a link. The webview never navigates: `open` posts the URL to
 * the host, which checks it and opens it in the browser.
 */
export function linkButton(label: string, url: string, open: (url: string) => void): HTMLButtonElement {
  const button = h('button', {
    class: 'link-button',
    text: label,
    attrs: { type: 'button', title: url, 'data-url': url },
  });
  button.addEventListener('click', () => open(url));
  return button;
}

/** A <vscode-button> with a click handler; `secondary` for everything but the main action. */
export function actionButton(
  text: string, onClick: () => void,
  options: { secondary?: boolean; title?: string; key?: string; /** accessible name when `text` is a symbol */ label?: string } = {},
): HTMLElement {
  const button = custom('vscode-button', {
    text,
    attrs: { secondary: options.secondary === true, title: options.title, 'data-key': options.key, 'aria-label': options.label },
  });
  button.addEventListener('click', onClick);
  return button;
}

/**
 * Run `render` (which rebuilds the children of `container`) and give focus back to the element
 * with the same `data-key` if focus was inside `container`, so live updates never lose it.
 * Only while the panel has the keyboard: the iframe keeps its activeElement after the user moved
 * to the workbench, and focusing it again would pull the focus out of the workbench (closing a
 * quick pick the user has open).
 */
export function keepingFocus(container: Element, render: () => void): void {
  const active = document.activeElement;
  const key = active instanceof HTMLElement && container.contains(active) && document.hasFocus() ? active.dataset['key'] : undefined;
  render();
  if (key === undefined) return;
  for (const candidate of container.querySelectorAll<HTMLElement>('[data-key]')) {
    if (candidate.dataset['key'] === key) {
      candidate.focus();
      return;
    }
  }
}
