// Types for the code that runs inside the browser page (functions passed to Playwright's
// `evaluate`). The project's tsconfig is for Node and has no DOM library, so such code reaches the
// page's globals through `globalThis as unknown as PageGlobals`: only what the suite uses.

export interface PageRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface PageNode {
  readonly textContent: string | null;
  readonly nodeName: string;
  readonly parentNode: PageNode | null;
}

export interface PageText extends PageNode {
  readonly data: string;
}

export interface PageElement extends PageNode {
  readonly className: string;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): PageNodeList<PageElement>;
}

export interface PageNodeList<T> extends Iterable<T> {
  readonly length: number;
}

export interface PageRange {
  setStart(node: PageText, offset: number): void;
  setEnd(node: PageText, offset: number): void;
  getBoundingClientRect(): PageRect;
}

export interface PageTreeWalker {
  nextNode(): PageNode | null;
}

export interface PageStyle {
  readonly backgroundColor: string;
  readonly color: string;
  readonly fill: string;
  readonly stroke: string;
}

export interface PageDocument {
  readonly body: PageElement;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): PageNodeList<PageElement>;
  createTreeWalker(root: PageElement, whatToShow: number): PageTreeWalker;
  createRange(): PageRange;
}

export interface PageGlobals {
  readonly document: PageDocument;
  getComputedStyle(element: PageElement): PageStyle;
  __pwned?: unknown;
  __e2eSamePage?: number;
}
