/**
 * The pilot's markdown story, rendered with Astro's own markdown processor
 * (Sätteri, what `.md` pages use; a plain function, no Astro runtime) and
 * then cut down to plain prose. It lives in core because `check` renders
 * every story the build will render (src/core/project.ts), so a story that
 * cannot be published fails the check, naming its file and line, rather than
 * the build.
 *
 * A story is written by whoever commits the pilot, so its HTML is not
 * trusted: the published page must run no script, load nothing from another
 * host and keep its heading outline. Only an allow-list of prose elements and
 * attributes survives; images become links (a remote image would be a request
 * to another host, a local one is not published), links keep only the
 * targets story-links.ts allows, control characters are dropped, and
 * headings are moved below the page's own.
 *
 * Nesting is bounded: a story whose prose would be more than MOST_STORY_DEPTH
 * elements deep (lists in lists, quotes in quotes) is refused. The walk below
 * keeps its own stack, so no story can overflow the call stack.
 */
import { createSatteriMarkdownProcessor } from '@astrojs/markdown-satteri';
import { parseHTML } from 'linkedom';
import { withoutControls } from './controls.ts';
import { error, type Problem } from './problems.ts';
import { safeHref } from './story-links.ts';

/** How deep a story's published elements may nest: 50 levels of lists (each a list and its item), far beyond any prose. */
export const MOST_STORY_DEPTH = 100;

const ALLOWED = new Set([
  'p', 'br', 'hr', 'strong', 'b', 'em', 'i', 's', 'del', 'code', 'pre', 'blockquote', 'a',
  'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'table', 'thead', 'tbody', 'tr', 'th', 'td', 'sup', 'sub', 'span',
]);
/** Elements removed with everything inside them (not unwrapped). */
const DROPPED = new Set(['script', 'style', 'iframe', 'object', 'embed', 'template', 'noscript', 'link', 'meta', 'svg', 'math', 'form', 'input', 'button', 'select', 'textarea', 'video', 'audio', 'source', 'picture', 'canvas']);
const ATTRIBUTES: Record<string, string[]> = { a: ['href', 'title'], th: ['align'], td: ['align'], ol: ['start'] };

export interface StoryOptions {
  /** The heading level the story's first level maps to. */
  topLevel?: number;
}

export type StoryOutcome = { ok: true; html: string } | { ok: false; depth: number };

let renderer: ReturnType<typeof createSatteriMarkdownProcessor> | undefined;

// A build renders each story twice (the check of every pilot, then its page): the second is this lookup.
const rendered = new Map<string, Promise<StoryOutcome>>();
const MOST_REMEMBERED = 1000;

/** Markdown -> safe HTML, or how deep it nests when that is too deep. */
export function storyHtml(markdown: string, options: StoryOptions = {}): Promise<StoryOutcome> {
  const key = `${options.topLevel ?? ''}\n${markdown}`;
  let outcome = rendered.get(key);
  if (outcome === undefined) {
    // A dev server renders each edit anew: forget old stories rather than keep every version.
    if (rendered.size >= MOST_REMEMBERED) rendered.clear();
    outcome = renderOnce(markdown, options);
    rendered.set(key, outcome);
  }
  return outcome;
}

async function renderOnce(markdown: string, options: StoryOptions): Promise<StoryOutcome> {
  if (markdown.trim() === '') return { ok: true, html: '' };
  renderer ??= createSatteriMarkdownProcessor({ syntaxHighlight: false } as Parameters<typeof createSatteriMarkdownProcessor>[0]);
  const { code } = await (await renderer).render(markdown);
  return sanitizeWithin(code, options);
}

/** Markdown -> safe HTML. Throws on a story `check` refuses (storyProblems names its line). */
export async function renderStory(markdown: string, options: StoryOptions = {}): Promise<string> {
  const outcome = await storyHtml(markdown, options);
  if (!outcome.ok) throw new Error(`a story nests ${outcome.depth} elements deep, more than ${MOST_STORY_DEPTH}; fieldproof check names its file and line`);
  return outcome.html;
}

/**
 * What is wrong with a pilot file's story for publishing, as problems naming
 * the file and the line (`firstLine`: the file's line the story starts on).
 */
export async function storyProblems(file: string, story: string, firstLine = 1): Promise<Problem[]> {
  const outcome = await storyHtml(story);
  if (outcome.ok) return [];
  const line = firstLine - 1 + (await firstTooDeepLine(story));
  return [
    error({
      file,
      row: line,
      message: `the story nests lists, quotes or markup more than ${MOST_STORY_DEPTH} levels deep by this line, which no page can publish; flatten it`,
    }),
  ];
}

/**
 * The story's first line by which it nests too deep: the fewest leading lines
 * that alone nest too deep, found by halving (each try renders once, so this
 * stays a few renders even for a long story).
 */
async function firstTooDeepLine(story: string): Promise<number> {
  const lines = story.split('\n');
  let fits = 0;
  let tooDeep = lines.length;
  while (tooDeep - fits > 1) {
    const middle = Math.floor((fits + tooDeep) / 2);
    if ((await renderOnce(lines.slice(0, middle).join('\n'), {})).ok) fits = middle;
    else tooDeep = middle;
  }
  return tooDeep;
}

/** The allow-list pass of renderStory, exported for its tests. Throws when the HTML nests too deep. */
export function sanitize(html: string, options: StoryOptions = {}): string {
  const outcome = sanitizeWithin(html, options);
  if (!outcome.ok) throw new Error(`the HTML nests ${outcome.depth} elements deep, more than ${MOST_STORY_DEPTH}`);
  return outcome.html;
}

function sanitizeWithin(html: string, options: StoryOptions): StoryOutcome {
  const topLevel = options.topLevel ?? 3;
  const { document } = parseHTML(`<!doctype html><html><body><div id="story">${html}</div></body></html>`);
  const root = document.getElementById('story') as unknown as Element;
  let highest = 7;
  for (const heading of root.querySelectorAll('h1, h2, h3, h4, h5, h6')) highest = Math.min(highest, Number(heading.tagName.slice(1)));
  const depth = clean(root, document as unknown as Document, topLevel - highest);
  if (depth > MOST_STORY_DEPTH) return { ok: false, depth };
  // Controls can only be text here (the serializer writes <, > and & as entities), so dropping them is safe.
  return { ok: true, html: withoutControls(root.innerHTML.trim()) };
}

/**
 * Every node under `root` through the allow-list, with a stack of its own
 * instead of recursion; returns the depth of the deepest element kept.
 */
function clean(root: Element, document: Document, shift: number): number {
  let deepest = 0;
  const work: { node: ChildNode; depth: number }[] = [...root.childNodes].map((node) => ({ node, depth: 1 }));
  while (work.length > 0) {
    const { node, depth } = work.pop() as { node: ChildNode; depth: number };
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
      // Unwrapped: its children take its place, at its depth.
      const children = [...element.childNodes];
      element.replaceWith(...children);
      for (const child of children) work.push({ node: child, depth });
      continue;
    }
    deepest = Math.max(deepest, depth);
    // Too deep to publish: the caller refuses the story, so the rest need not be cleaned.
    if (deepest > MOST_STORY_DEPTH) return deepest;
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
      const href = current.getAttribute('href');
      const safe = href === null ? null : safeHref(href);
      if (safe === null) current.removeAttribute('href');
      else current.setAttribute('href', safe);
    }
    for (const child of current.childNodes) work.push({ node: child, depth: depth + 1 });
  }
  return deepest;
}

function imageLink(image: Element, document: Document): Node {
  const alt = image.getAttribute('alt')?.trim() || 'image';
  const src = image.getAttribute('src') ?? '';
  const href = /^https?:\/\//i.test(src) ? safeHref(src) : null;
  if (href === null) return document.createTextNode(`[${alt}]`);
  const link = document.createElement('a');
  link.setAttribute('href', href);
  link.textContent = `[image: ${alt}]`;
  return link;
}
