/**
 * A document just big enough for Observable Plot to draw a chart in, and
 * serialised to exactly the bytes linkedom gave (the charts' snapshots and
 * the site's goldens were taken with linkedom).
 *
 * linkedom is a whole DOM: every node (every attribute too) is an object
 * with event-target bookkeeping (a WeakMap entry and a Map), which took
 * about half of a chart's drawing time, garbage collection included. A
 * chart needs SVG elements, text, attributes and a tree; that is all there
 * is here.
 *
 * What Plot (0.6) and d3-selection call while drawing the marks the charts
 * use, and so all that is implemented: createElementNS (SVG only),
 * createTextNode, documentElement, ownerDocument, namespaceURI, appendChild,
 * insertBefore, removeChild, remove, childNodes, children, firstChild,
 * lastChild, nextSibling, previousSibling, parentNode, textContent,
 * set/get/has/removeAttribute, and d3's data property `__data__`.
 *
 * Anything else fails loudly: reading or setting a property not defined
 * here (nor on Object.prototype) throws (see `strict` below), instead of
 * giving undefined or keeping a value nothing draws; and an HTML element
 * (Plot's <figure> for a title, caption or legend) is refused, since a
 * chart's page draws those.
 *
 * linkedom's serialisation of an HTML document, kept byte for byte:
 * - attributes in reverse order of first setting (each new one goes first);
 * - an attribute value with only `"` escaped (as &quot;): & < > stay raw;
 * - an empty id, class or style attribute left out; other empty boolean
 *   attributes (hidden, disabled, ...) written as a bare name;
 * - a class value split on white space, deduplicated and joined by a space
 *   (it is kept as a token list);
 * - text with & < > and the no-break space escaped (&amp; &lt; &gt; &#160;);
 * - an SVG element without children self-closed as `<g />`; one with any
 *   child, even an empty text, closed as `<g></g>`.
 */

export const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';

/** What Plot asked for and the document does not do; renderPlot names the chart. */
export class PlotDocumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlotDocumentError';
  }
}
const XHTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';

/**
 * A property nobody here implements: reading it throws, naming it, and so
 * does writing one (a style or class set as a property would otherwise be
 * kept on the object and never drawn). Placed at the top of the nodes' and
 * the document's prototype chains, it is reached only when a lookup finds
 * nothing below, so implemented members cost nothing.
 */
const strict = new Proxy(Object.create(Object.prototype) as object, {
  get(target, key, receiver) {
    if (typeof key === 'symbol' || key in target) return Reflect.get(target, key, receiver);
    // d3 reads a node's data before any is bound (selection.each, select).
    if (key === '__data__') return undefined;
    throw new PlotDocumentError(`The chart document (src/charts/plot-document.ts) does not implement "${key}", which Plot asked for`);
  },
  set(target, key, value, receiver) {
    if (typeof key === 'string' && !EXPANDOS.has(key)) {
      throw new PlotDocumentError(`The chart document (src/charts/plot-document.ts) does not implement "${key}", which Plot set`);
    }
    return Reflect.set(target, key, value, receiver);
  },
});

/** Properties Plot and d3 keep on a node of their own: d3's bound datum, the scales and legends Plot hangs on its figure. */
const EXPANDOS = new Set(['__data__', 'scale', 'legend']);

/** Attributes linkedom writes as a bare name when empty; of them, an empty id, class or style is left out. */
const BOOLEAN_ATTRIBUTES = new Set([
  'allowfullscreen', 'allowpaymentrequest', 'async', 'autofocus', 'autoplay', 'checked', 'contenteditable', 'controls',
  'default', 'defer', 'disabled', 'draggable', 'formnovalidate', 'hidden', 'ismap', 'itemscope', 'loop', 'multiple',
  'muted', 'nomodule', 'novalidate', 'open', 'playsinline', 'readonly', 'required', 'reversed', 'selected', 'truespeed',
]);
const OMITTED_WHEN_EMPTY = new Set(['id', 'class', 'style']);

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\u00a0': '&#160;' };

export function escapeText(text: string): string {
  return text.replace(/[&<>\u00a0]/g, (character) => TEXT_ESCAPES[character] as string);
}

export function escapeAttribute(value: string): string {
  return value.replace(/"/g, '&quot;');
}

/** What Plot passes as its `document` option. */
export class PlotDocument {
  /** d3 creates Plot's <svg> through `document.documentElement.ownerDocument`. */
  readonly documentElement: PlotElement;

  constructor() {
    this.documentElement = new PlotElement(this, XHTML_NAMESPACE, 'html');
  }

  createElementNS(namespace: string | null, name: string): PlotElement {
    if (namespace !== SVG_NAMESPACE) throw new PlotDocumentError(`The chart document draws SVG only; Plot asked for <${name}> in ${namespace}`);
    return new PlotElement(this, SVG_NAMESPACE, name);
  }

  createElement(name: string): never {
    throw new PlotDocumentError(`The chart document draws SVG only; Plot asked for an HTML <${name}>: pass title, caption and legends to the page, not to Plot`);
  }

  createTextNode(data: unknown): PlotText {
    return new PlotText(this, data);
  }
}

abstract class PlotNode {
  readonly ownerDocument: PlotDocument;
  parentNode: PlotElement | null = null;

  constructor(ownerDocument: PlotDocument) {
    this.ownerDocument = ownerDocument;
  }

  get nextSibling(): PlotNode | null {
    return this.sibling(1);
  }

  get previousSibling(): PlotNode | null {
    return this.sibling(-1);
  }

  remove(): void {
    this.parentNode?.removeChild(this);
  }

  abstract get textContent(): string;
  abstract toString(): string;

  private sibling(step: 1 | -1): PlotNode | null {
    const siblings = this.parentNode?.childNodes;
    if (!siblings) return null;
    return siblings[siblings.indexOf(this) + step] ?? null;
  }
}

export class PlotText extends PlotNode {
  data: string;

  constructor(ownerDocument: PlotDocument, data: unknown) {
    super(ownerDocument);
    this.data = String(data);
  }

  get nodeType(): 3 {
    return 3;
  }

  get textContent(): string {
    return this.data;
  }

  set textContent(text: unknown) {
    this.data = text == null ? '' : String(text);
  }

  toString(): string {
    return escapeText(this.data);
  }
}

export class PlotElement extends PlotNode {
  readonly namespaceURI: string;
  readonly localName: string;
  readonly childNodes: PlotNode[] = [];
  /** Names and values in order of first setting; written out last first, as linkedom does. */
  private readonly names: string[] = [];
  private readonly values: string[] = [];

  constructor(ownerDocument: PlotDocument, namespaceURI: string, localName: string) {
    super(ownerDocument);
    this.namespaceURI = namespaceURI;
    this.localName = localName;
  }

  get nodeType(): 1 {
    return 1;
  }

  /**
   * Upper case, as linkedom gave for every element of an HTML document, SVG
   * ones too. Plot's facets test `tagName === "svg"`; that never held, so a
   * facet was always placed by a transform, and still is.
   */
  get tagName(): string {
    return this.localName.toUpperCase();
  }

  get children(): PlotElement[] {
    return this.childNodes.filter((node): node is PlotElement => node instanceof PlotElement);
  }

  get firstChild(): PlotNode | null {
    return this.childNodes[0] ?? null;
  }

  get lastChild(): PlotNode | null {
    return this.childNodes[this.childNodes.length - 1] ?? null;
  }

  appendChild<T extends PlotNode>(node: T): T {
    return this.insertBefore(node, null);
  }

  insertBefore<T extends PlotNode>(node: T, before: PlotNode | null): T {
    if (!(node instanceof PlotNode)) throw new PlotDocumentError('The chart document can only insert its own nodes');
    node.parentNode?.removeChild(node);
    if (before === null) this.childNodes.push(node);
    else {
      const index = this.childNodes.indexOf(before);
      if (index < 0) throw new PlotDocumentError('insertBefore: the reference node is not a child of this element');
      this.childNodes.splice(index, 0, node);
    }
    node.parentNode = this;
    return node;
  }

  removeChild<T extends PlotNode>(node: T): T {
    const index = this.childNodes.indexOf(node);
    if (index < 0) throw new PlotDocumentError('removeChild: not a child of this element');
    this.childNodes.splice(index, 1);
    node.parentNode = null;
    return node;
  }

  get textContent(): string {
    return this.childNodes.map((node) => node.textContent).join('');
  }

  set textContent(text: unknown) {
    for (const node of this.childNodes) node.parentNode = null;
    this.childNodes.length = 0;
    if (text != null && text !== '') this.appendChild(new PlotText(this.ownerDocument, text));
  }

  getAttribute(name: string): string | null {
    const index = this.names.indexOf(name);
    // linkedom reads class through its token list, which is empty rather than absent.
    return index < 0 ? (name === 'class' ? '' : null) : (this.values[index] as string);
  }

  hasAttribute(name: string): boolean {
    return this.names.includes(name);
  }

  setAttribute(name: string, value: unknown): void {
    let text = String(value);
    if (name === 'class') text = [...new Set(text.split(/\s+/).filter((token) => token !== ''))].join(' ');
    const index = this.names.indexOf(name);
    if (index < 0) {
      this.names.push(name);
      this.values.push(text);
    } else this.values[index] = text;
  }

  removeAttribute(name: string): void {
    const index = this.names.indexOf(name);
    if (index < 0) return;
    this.names.splice(index, 1);
    this.values.splice(index, 1);
  }

  /** Every element inside this one, in document order (a copy: safe to change the tree while going through it). */
  descendants(): PlotElement[] {
    const found: PlotElement[] = [];
    const visit = (element: PlotElement) => {
      for (const node of element.childNodes) {
        if (node instanceof PlotElement) {
          found.push(node);
          visit(node);
        }
      }
    };
    visit(this);
    return found;
  }

  get outerHTML(): string {
    return this.toString();
  }

  toString(): string {
    if (this.namespaceURI !== SVG_NAMESPACE) throw new PlotDocumentError(`The chart document writes SVG only, not <${this.localName}>`);
    let markup = `<${this.localName}`;
    for (let index = this.names.length - 1; index >= 0; index--) {
      const name = this.names[index] as string;
      const value = this.values[index] as string;
      if (value !== '') markup += ` ${name}="${escapeAttribute(value)}"`;
      else if (BOOLEAN_ATTRIBUTES.has(name)) markup += ` ${name}`;
      else if (!OMITTED_WHEN_EMPTY.has(name)) markup += ` ${name}=""`;
    }
    if (this.childNodes.length === 0) return `${markup} />`;
    markup += '>';
    for (const node of this.childNodes) markup += node.toString();
    return `${markup}</${this.localName}>`;
  }
}

for (const prototype of [PlotNode.prototype, PlotDocument.prototype]) Object.setPrototypeOf(prototype, strict);
