/**
 * The pilot's markdown story, rendered with Astro's own markdown processor
 * (Sätteri, what `.md` pages use) and then cut down to plain prose.
 *
 * A story is written by whoever commits the pilot, so its HTML is not
 * trusted: the published page must run no script, load nothing from another
 * host and keep its heading outline. Only an allow-list of prose elements and
 * attributes survives; images become links (a remote image would be a request
 * to another host, a local one is not published), `javascript:` links lose
 * their target, and headings are moved below the page's own.
 */
import { createSatteriMarkdownProcessor } from '@astrojs/markdown-satteri';
import { parseHTML } from 'linkedom';

const ALLOWED = new Set([
  'p', 'br', 'hr', 'strong', 'b', 'em', 'i', 's', 'del', 'code', 'pre', 'blockquote', 'a',
  'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'table', 'thead', 'tbody', 'tr', 'th', 'td', 'sup', 'sub', 'span',
]);
/** Elements removed with everything inside them (not unwrapped). */
const DROPPED = new Set(['script', 'style', 'iframe', 'object', 'embed', 'template', 'noscript', 'link', 'meta', 'svg', 'math', 'form', 'input', 'button', 'select', 'textarea', 'video', 'audio', 'source', 'picture', 'canvas']);
const ATTRIBUTES: Record<string, string[]> = { a: ['href', 'title'], th: ['align'], td: ['align'], ol: ['start'] };

let renderer: ReturnType<typeof createSatteriMarkdownProcessor> | undefined;

/** Markdown -> safe HTML. `topLevel` is the heading level the story's first level maps to. */
export async function renderStory(markdown: string, options: { topLevel?: number; idPrefix?: string } = {}): Promise<string> {
  if (markdown.trim() === '') return '';
  renderer ??= createSatteriMarkdownProcessor({ syntaxHighlight: false } as Parameters<typeof createSatteriMarkdownProcessor>[0]);
  const { code } = await (await renderer).render(markdown);
  return sanitize(code, options);
}

/** The allow-list pass of renderStory, exported for its tests. */
export function sanitize(html: string, options: { topLevel?: number; idPrefix?: string } = {}): string {
  const topLevel = options.topLevel ?? 3;
  const { document } = parseHTML(`<!doctype html><html><body><div id="story">${html}</div></body></html>`);
  const root = document.getElementById('story') as unknown as Element;
  const headings = [...root.querySelectorAll('h1, h2, h3, h4, h5, h6')];
  const highest = Math.min(7, ...headings.map((heading) => Number(heading.tagName.slice(1))));
  const shift = topLevel - highest;
  visit(root, document as unknown as Document, shift);
  return root.innerHTML.trim();
}

function visit(parent: Element, document: Document, shift: number): void {
  for (const node of [...parent.childNodes]) {
    if (node.nodeType === 8) {
      node.remove();
      continue;
    }
    if (node.nodeType !== 1) continue;
    const element = node as Element;
    const tag = element.tagName.toLowerCase();
    if (tag === 'img') {
      element.replaceWith(imageLink(element, document));
      continue;
    }
    if (DROPPED.has(tag)) {
      element.remove();
      continue;
    }
    if (!ALLOWED.has(tag)) {
      visit(element, document, shift);
      element.replaceWith(...element.childNodes);
      continue;
    }
    let current = element;
    if (/^h[1-6]$/.test(tag)) {
      const level = Math.min(6, Math.max(2, Number(tag.slice(1)) + shift));
      const heading = document.createElement(`h${level}`);
      heading.append(...element.childNodes);
      element.replaceWith(heading);
      current = heading;
    }
    for (const attribute of [...current.attributes]) {
      if (!(ATTRIBUTES[current.tagName.toLowerCase()] ?? []).includes(attribute.name)) current.removeAttribute(attribute.name);
    }
    if (current.tagName.toLowerCase() === 'a') {
      const href = current.getAttribute('href') ?? '';
      if (!/^(https?:|mailto:|#|\/|\.{0,2}\/?[\w-])/i.test(href) || /^\s*(javascript|data|vbscript):/i.test(href)) {
        current.removeAttribute('href');
      }
    }
    visit(current, document, shift);
  }
}

function imageLink(image: Element, document: Document): Node {
  const alt = image.getAttribute('alt')?.trim() || 'image';
  const src = image.getAttribute('src') ?? '';
  if (!/^https?:\/\//i.test(src)) return document.createTextNode(`[${alt}]`);
  const link = document.createElement('a');
  link.setAttribute('href', src);
  link.textContent = `[image: ${alt}]`;
  return link;
}
