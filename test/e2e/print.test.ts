/**
 * Print, as a board pack receives it: Chromium's print to PDF of the
 * repository's example pilots and of a 12-pilot project, on A4 and on Letter,
 * the paper chosen by the "printer" (`preferCSSPageSize: false`), read back
 * with poppler (pdfinfo, pdftotext).
 *
 * - The paper is the printer's: a PDF page has the size asked for, and a
 *   landscape request comes out landscape even when the page's own CSS size
 *   is preferred (the stylesheet names none).
 * - The overview is one page, for the examples and for 12 pilots.
 * - A report's first page is its brief: address, title, verdict, evidence,
 *   headline, key numbers, the primary metric's interval chart, rollout value,
 *   champion quote, and the decision when there is one; nothing else.
 * - Nothing is split across a page break: no chart or other figure, table
 *   row, callout, metric, or heading from what follows it.
 *
 * How "on which page" is measured, honestly: in print emulation a page is
 * laid out as one long column, so element boxes cannot tell where Chromium's
 * pages break (breaks move content, and `break-*` rules decide where). The
 * test measures the PDF itself instead. Before printing it places two probes
 * in each element it checks: a tiny word at the element's top-left corner and
 * one at its bottom-left (absolutely positioned inside it, so the layout does
 * not change). Chromium paginates the element with its probes; pdftotext says
 * which page each probe landed on. An element is whole when both its probes
 * are on one page; a heading stays with its content when the heading's top
 * and the first line of the next element are on one page. Every probe must be
 * found exactly once, so a probe lost or garbled fails the test rather than
 * passing it.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { astroBuild, listFiles, repository } from '../site/build-project.ts';
import { writeManyPilotsProject } from '../site/many-pilots.ts';
import { launchChromium } from './browser.ts';
import { serveStatic, type StaticServer } from './static-server.ts';

const FORMATS = ['A4', 'Letter'] as const;
type Format = (typeof FORMATS)[number];
/** PDF page sizes in points, as pdfinfo prints them. */
const SIZES: Record<Format, string> = { A4: '595.92 x 842.88', Letter: '612 x 792' };

interface Site {
  server: StaticServer;
  pages: string[];
}

let work: string;
let browser: Browser;
let examples: Site;
let twelve: Site;
let pdfs = 0;

async function buildSite(project: string, name: string): Promise<Site> {
  const dist = path.join(work, name, 'dist');
  mkdirSync(path.dirname(dist), { recursive: true });
  const server = await serveStatic(dist, '/');
  await astroBuild(project, dist, { FIELDPROOF_BASE: '/', FIELDPROOF_SITE: 'https://acme.github.io' });
  const pages = listFiles(dist)
    .filter((file) => file.endsWith('index.html'))
    .map((file) => file.replace(/index\.html$/, ''));
  return { server, pages };
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'fieldproof-print-'));
  const many = path.join(work, 'twelve', 'project');
  await writeManyPilotsProject(many, 12);
  // One build at a time: each uses a whole core.
  examples = await buildSite(repository, 'examples');
  twelve = await buildSite(many, 'twelve');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await examples?.server.close();
  await twelve?.server.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function open(site: Site, at: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(new URL(at, site.server.url).href, { waitUntil: 'networkidle' });
  await page.evaluate(() => document.fonts.ready);
  return page;
}

interface Printed {
  file: string;
  /** pdfinfo's page count. */
  pages: number;
  /** pdfinfo's page size, "612 x 792". */
  size: string;
  /** Each page's text, as plain() compares it, probes (placeProbes) left out. */
  texts: string[];
  /** Each page's probes. */
  probes: string[][];
}

/**
 * Text as compared with the PDF's: without spaces and hyphens, since
 * pdftotext joins a word broken after a hyphen ("hand-" "off" as "handoff")
 * and reads side-by-side lines in its own order of spaces; and without the
 * probes placeProbes adds.
 */
const PROBE = /zq[se]\d+q/g;
const plain = (text: string) => text.replace(PROBE, '').replace(/[\s-]+/g, '');

async function print(page: Page, format: Format, options: { landscape?: boolean; preferCSSPageSize?: boolean } = {}): Promise<Printed> {
  const pdf = await page.pdf({ format, preferCSSPageSize: false, printBackground: true, ...options });
  pdfs += 1;
  const file = path.join(work, `print-${pdfs}.pdf`);
  writeFileSync(file, pdf);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 })
    .split('\f')
    .slice(0, -1);
  return {
    file,
    pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]),
    size: /^Page size:\s+([\d.]+ x [\d.]+)/m.exec(info)?.[1] ?? '',
    texts: pages.map(plain),
    probes: pages.map((text) => text.match(PROBE) ?? []),
  };
}

/** What the probes mark: an element, or a heading with the first line of what follows it. */
interface Probed {
  /** "figure#interval-revenue", for messages. */
  name: string;
  /** An item is a top-level part of the page, long ones free to run over pages; only its place is checked. */
  kind: 'whole' | 'heading' | 'item';
  /** In the brief: the top-level item holds one of the brief's parts. */
  brief: boolean;
  /** A top-level item of main (the brief test wants its place). */
  top: boolean;
}

/**
 * Puts the probes (see the header) into every visible element the checks
 * cover, and returns what each pair marks; pair n is "zqs<n>q" and "zqe<n>q".
 * The brief is what the stylesheet orders before the page break (flex order
 * below 9 on a report's main).
 */
async function placeProbes(page: Page): Promise<Probed[]> {
  await page.emulateMedia({ media: 'print' });
  // One body, no named inner functions: the browser runs it as written.
  return page.evaluate(() => {
    const probed: { name: string; kind: 'whole' | 'heading' | 'item'; brief: boolean; top: boolean }[] = [];
    const main = document.querySelector('main') as HTMLElement;
    const shown = (element: Element) => element.getClientRects().length > 0 && element.closest('.visually-hidden') === null;
    const nameOf = (element: Element) => `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${element.classList.length > 0 ? `.${[...element.classList].join('.')}` : ''} "${(element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 50)}"`;
    const probe = (holder: Element, word: string, at: 'top' | 'bottom') => {
      const span = document.createElement('span');
      span.textContent = word;
      // Through the CSSOM: the pages' Content-Security-Policy refuses style attributes.
      Object.assign(span.style, { position: 'absolute', left: '0', [at]: '0', font: '3px/1 monospace', color: '#fff', whiteSpace: 'nowrap', textTransform: 'none' });
      if (getComputedStyle(holder).position === 'static') (holder as HTMLElement).style.position = 'relative';
      holder.appendChild(span);
    };
    const add = (start: Element, end: Element, endAt: 'top' | 'bottom', entry: { name: string; kind: 'whole' | 'heading' | 'item'; brief: boolean; top: boolean }) => {
      const n = probed.length;
      probe(start, `zqs${n}q`, 'top');
      probe(end, `zqe${n}q`, endAt);
      probed.push(entry);
    };
    const isReport = main.querySelector(':scope > section > .key-numbers') !== null;
    // Top-level items: main's children, and the children of a section the print stylesheet dissolves.
    const items = [...main.children].flatMap((child) => (getComputedStyle(child).display === 'contents' ? [...child.children] : [child])).filter(shown);
    for (const item of items) {
      const order = Number(getComputedStyle(item).order);
      add(item, item, 'bottom', { name: nameOf(item), kind: 'item', brief: isReport && order < 9, top: true });
    }
    // Body rows: a table's head row repeats on every page it spans, so is never split.
    for (const element of main.querySelectorAll('figure, tbody tr, .callout, .metric, .quote, .decision, .key-numbers, .pilot-card')) {
      if (!shown(element)) continue;
      if (element.tagName === 'TR') {
        const cells = [...element.children].filter(shown);
        if (cells.length === 0) continue;
        add(cells[0] as Element, cells[cells.length - 1] as Element, 'bottom', { name: nameOf(element), kind: 'whole', brief: false, top: false });
      } else {
        add(element, element, 'bottom', { name: nameOf(element), kind: 'whole', brief: false, top: false });
      }
    }
    for (const heading of main.querySelectorAll('h1, h2, h3')) {
      if (!shown(heading)) continue;
      const head = heading.parentElement?.classList.contains('metric-head') ? heading.parentElement : heading;
      let next = head.nextElementSibling;
      while (next !== null && !shown(next)) next = next.nextElementSibling;
      if (next === null) continue;
      add(head, next, 'top', { name: nameOf(heading), kind: 'heading', brief: false, top: false });
    }
    return probed;
  });
}

/** The page (1-based) each probe landed on; fails unless every probe is found exactly once. */
function probePages(printed: Printed, probed: Probed[]): { start: number; end: number }[] {
  const found = new Map<string, number[]>();
  printed.probes.forEach((words, index) => {
    for (const word of words) found.set(word, [...(found.get(word) ?? []), index + 1]);
  });
  return probed.map((entry, n) => {
    const start = found.get(`zqs${n}q`) ?? [];
    const end = found.get(`zqe${n}q`) ?? [];
    expect([start.length, end.length], `the probes of ${entry.name}, found once each`).toEqual([1, 1]);
    return { start: start[0] as number, end: end[0] as number };
  });
}

/** Elements a page break splits, one line each. */
function splits(probed: Probed[], pages: { start: number; end: number }[]): string[] {
  return probed.flatMap((entry, n) => {
    const { start, end } = pages[n] as { start: number; end: number };
    if (entry.kind === 'item' || start === end) return [];
    return [`${entry.kind === 'heading' ? 'heading parted from what follows' : 'split'}: ${entry.name} (pages ${start}-${end})`];
  });
}

const reports = () => examples.pages.filter((at) => at.startsWith('pilots/'));

describe('the paper is the printer’s', () => {
  test('A4 and Letter come out at their size, and landscape is landscape', async () => {
    const page = await open(examples, 'pilots/nurture-sequence/');
    for (const format of FORMATS) expect((await print(page, format)).size, format).toBe(SIZES[format]);
    // With the page's CSS size preferred, a forced `@page { size }` would win; there is none.
    const landscape = await print(page, 'Letter', { landscape: true, preferCSSPageSize: true });
    expect(landscape.size).toBe('792 x 612');
    await page.close();
  });
});

describe('the overview prints as one page', () => {
  for (const format of FORMATS) {
    test(`the examples (${format})`, async () => {
      const page = await open(examples, '');
      expect((await print(page, format)).pages).toBe(1);
      // Every published pilot is on it, a row of the table each, and every planned one.
      const pilots = await page.locator('.pilot-card:not(.is-planned)').count();
      expect(pilots).toBeGreaterThanOrEqual(6);
      const probed = await placeProbes(page);
      const printed = await print(page, format);
      expect(printed.pages).toBe(1);
      const pages = probePages(printed, probed);
      expect(probed.filter((entry) => entry.name.startsWith('tr.')).length).toBe(pilots);
      expect(probed.filter((entry) => entry.name.startsWith('article.pilot-card')).length).toBe(await page.locator('.pilot-card.is-planned').count());
      expect(pages.every(({ start, end }) => start === 1 && end === 1)).toBe(true);
      await page.close();
    });

    test(`12 pilots (${format})`, async () => {
      const page = await open(twelve, '');
      expect(await page.locator('.pilot-card').count()).toBe(12);
      const printed = await print(page, format);
      expect(printed.pages).toBe(1);
      expect(await page.locator('.printed-table tbody tr').count()).toBe(12);
      const probed = await placeProbes(page);
      expect(splits(probed, probePages(await print(page, format), probed))).toEqual([]);
      await page.close();
    });
  }
});

describe('a report’s first page is its brief, and no break splits anything', () => {
  for (const format of FORMATS) {
    test(`every example report (${format})`, async () => {
      const counts: string[] = [];
      let quotes = 0;
      let rollouts = 0;
      for (const at of reports()) {
        const page = await open(examples, at);
        const report = (await page.locator('main > section > .key-numbers').count()) > 0;
        const probed = await placeProbes(page);
        const printed = await print(page, format);
        const pages = probePages(printed, probed);
        counts.push(`${at}: ${printed.pages}`);
        expect(splits(probed, pages), at).toEqual([]);
        if (!report) {
          await page.close();
          continue;
        }
        // Page 1 is the brief, all of it; everything else starts on page 2 or later.
        const brief = probed.flatMap((entry, n) => (entry.brief ? [{ entry, at: pages[n] as { start: number; end: number } }] : []));
        const rest = probed.flatMap((entry, n) => (entry.top && !entry.brief ? [{ entry, at: pages[n] as { start: number; end: number } }] : []));
        expect(brief.filter(({ at }) => at.end !== 1).map(({ entry }) => entry.name), `${at}: brief parts past page 1`).toEqual([]);
        expect(rest.filter(({ at }) => at.start === 1).map(({ entry }) => entry.name), `${at}: non-brief parts on page 1`).toEqual([]);
        expect(rest.length, at).toBeGreaterThan(0);
        // The brief holds what the issue lists, in words read back from page 1.
        const first = printed.texts[0] ?? '';
        // Line by line: pdftotext may read side-by-side boxes (the key numbers) across, not down.
        const words = async (selector: string) =>
          (await page.locator(selector).allInnerTexts()).flatMap((text) => text.split('\n')).filter((line) => line.trim() !== '');
        const expected = [
          ...(await words('.print-url')),
          ...(await words('h1')),
          ...(await words('.report-head .badges li')),
          ...(await words('.headline')),
          ...(await words('.key-numbers dd')),
          ...(await words('.metric:has(.badge-primary) h3')),
          ...(await words('section[aria-labelledby="rollout-title"] p')),
          ...(await words('.quote')),
          ...(await words('.decision')),
        ];
        for (const text of expected) expect(first, `${at}: "${text}" on page 1`).toContain(plain(text));
        expect(await page.locator('.metric:has(.badge-primary) figure.chart').count(), `${at}: the primary metric's chart`).toBeLessThanOrEqual(1);
        if ((await page.locator('.metric:has(.badge-primary) figure.chart').count()) === 1) {
          const chart = brief.find(({ entry }) => entry.name.includes('metric'));
          expect(chart?.at.end, `${at}: the primary metric with its chart`).toBe(1);
        }
        quotes += await page.locator('.quote blockquote').count();
        rollouts += await page.locator('section[aria-labelledby="rollout-title"]').count();
        await page.close();
      }
      // The examples cover a champion's quote and a rollout value in the brief.
      expect(quotes).toBeGreaterThan(0);
      expect(rollouts).toBeGreaterThan(0);
      console.log(`${format} pages per report: ${counts.join(', ')}`);
    });
  }
});
