// Turning mermaid's SVG text into DOM without innerHTML. The text is parsed as image/svg+xml (an XML
// parser: no HTML parsing quirks, no script execution), cleaned, and imported into the page.
// Mermaid drew it under securityLevel strict from labels the host escaped, so nothing here should
// ever fire; this is the second lock on the door: scripts, foreignObject, event handlers, links,
// animations that can rewrite attributes and any external reference are removed.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Elements that can run code, embed HTML, load resources or animate attributes. */
const DROP = new Set([
  'script', 'foreignobject', 'iframe', 'object', 'embed', 'image', 'feimage', 'audio', 'video', 'canvas',
  'animate', 'animatemotion', 'animatetransform', 'set', 'discard', 'handler', 'listener', 'mpath',
]);
/** Elements whose children we keep but which themselves could navigate. */
const UNWRAP = new Set(['a']);

const LINK_ATTRIBUTE = /^(?:xlink:)?href$/i;

export class SvgError extends Error {}

/** A url(...) in CSS that points anywhere but into this document. */
const EXTERNAL_URL = /url\(\s*(['"]?)(?!#)[^)]*\1\s*\)/gi;

function cleanCss(css: string): string {
  return css.replace(/@import[^;]*;?/gi, '').replace(EXTERNAL_URL, 'none').replace(/expression\s*\(/gi, '(');
}

function cleanAttributes(element: Element): void {
  for (const attribute of [...element.attributes]) {
    const name = attribute.name;
    const value = attribute.value;
    const compact = value.replace(/[\s\u0000-\u001f]+/g, '').toLowerCase();
    if (/^on/i.test(name)) {
      element.removeAttribute(name);
    } else if (LINK_ATTRIBUTE.test(name) || name.toLowerCase().endsWith(':href')) {
      if (!value.startsWith('#')) element.removeAttribute(name);
    } else if (compact.includes('javascript:') || compact.includes('data:text/html') || compact.includes('vbscript:')) {
      element.removeAttribute(name);
    } else if (name === 'style') {
      element.setAttribute('style', cleanCss(value));
    } else if (/url\(/i.test(value) && !/^url\(\s*['"]?#[^)]*\)$/i.test(value.trim())) {
      // Presentation attributes may only point at markers and gradients inside this SVG.
      element.removeAttribute(name);
    }
  }
}

/** Remove everything dangerous from a parsed SVG tree, in place. */
export function sanitizeSvg(root: Element): void {
  const all = [root, ...root.querySelectorAll('*')];
  for (const element of all) {
    if (!root.contains(element)) continue; // went away with a removed ancestor
    const name = element.localName.toLowerCase();
    if (element.namespaceURI !== SVG_NS || DROP.has(name)) {
      element.remove();
      continue;
    }
    if (UNWRAP.has(name)) {
      element.replaceWith(...element.childNodes);
      continue;
    }
    cleanAttributes(element);
    if (name === 'style') element.textContent = cleanCss(element.textContent ?? '');
  }
}

/**
 * Parse mermaid's SVG text, sanitise it and import it into this document.
 * Throws SvgError with a readable message when the text is not an SVG document.
 */
export function importSvg(markup: string): SVGSVGElement {
  const parsed = new DOMParser().parseFromString(markup, 'image/svg+xml');
  const root = parsed.documentElement;
  if (parsed.getElementsByTagName('parsererror').length > 0 || root.namespaceURI !== SVG_NS || root.localName !== 'svg') {
    throw new SvgError('the diagram library returned something that is not an SVG image');
  }
  sanitizeSvg(root);
  const imported = document.importNode(root, true);
  if (!(imported instanceof SVGSVGElement)) throw new SvgError('the diagram could not be imported');
  return imported;
}
