/**
 * The overview of a site with many pilots: 130 small synthetic pilots
 * (many-pilots.ts) built by Astro as `npm run build` builds a real site.
 * Above FOREST_TABLE_THRESHOLD the overview is one table of every pilot
 * instead of a card each and the forest plot, so that it stays under the
 * 150 kB (HTML and CSS) every page is held to; past TABLE_PAGE_SIZE rows the
 * table runs over static pages (/page/2/). The small site's overview,
 * cards and forest plot, is pinned by the golden pages of build.test.ts.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FOREST_TABLE_THRESHOLD, TABLE_PAGE_SIZE } from '../../src/core/present/overview-model.ts';
import { headlineText, percentCaveat, primaryResult, relativeAside } from '../../src/core/present/headline.ts';
import { spelledPoints, verdictPhrase } from '../../src/core/present/words.ts';
import type { ResultsDocument } from '../../src/core/results.ts';
import { astroBuild, listFiles } from './build-project.ts';
import { writeManyPilotsProject, type ManyPilot } from './many-pilots.ts';

const BASE = '/fieldproof';
const COUNT = 130;

let work: string;
let dist: string;
let pilots: ManyPilot[];
/** The overview's first page, and its second (the table's rows after the first TABLE_PAGE_SIZE). */
let html: string;
let second: string;
let css: string;
/** The table's body rows, as markup, in page order. */
let rows: string[];

const results = (slug: string): ResultsDocument => JSON.parse(readFileSync(path.join(dist, 'pilots', slug, 'results.json'), 'utf8')) as ResultsDocument;
const link = (slug: string) => `href="${BASE}/pilots/${slug}/"`;
const rowOf = (slug: string): string => {
  const found = rows.filter((row) => row.includes(link(slug)));
  expect(found, slug).toHaveLength(1);
  return found[0] as string;
};
/** Text content of markup, entities for & < > " decoded. */
const text = (markup: string) =>
  markup
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'fieldproof-many-'));
  const project = path.join(work, 'project');
  dist = path.join(work, 'dist');
  pilots = await writeManyPilotsProject(project, COUNT);
  await astroBuild(project, dist, { FIELDPROOF_BASE: BASE, FIELDPROOF_SITE: 'https://acme.github.io', FIELDPROOF_GIT_HISTORY: 'off' });
  html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  second = readFileSync(path.join(dist, 'page', '2', 'index.html'), 'utf8');
  css = listFiles(dist)
    .filter((file) => file.endsWith('.css'))
    .map((file) => readFileSync(path.join(dist, file), 'utf8'))
    .join('');
  rows = [html, second].flatMap((page) => {
    const body = /<tbody>([\s\S]*)<\/tbody>/.exec(page)?.[1] ?? '';
    return body.split(/(?=<tr[\s>])/).filter((row) => row.startsWith('<tr'));
  });
}, 240_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe(`an overview of ${COUNT} pilots`, () => {
  test('is past the threshold, so it is the table', () => {
    expect(COUNT).toBeGreaterThan(FOREST_TABLE_THRESHOLD);
    expect(html).toContain('<table class="forest-table">');
    expect(rows).toHaveLength(COUNT);
  });

  test('weighs under 150 kB of HTML and CSS, page by page', () => {
    for (const page of [html, second]) {
      const weight = Buffer.byteLength(page) + Buffer.byteLength(css);
      expect(weight).toBeLessThan(150_000);
      // For the record: about 82 kB of HTML for 100 rows and 16 kB of CSS; the HTML gzips to about 6 kB.
      expect(gzipSync(page).length).toBeLessThan(30_000);
    }
  });

  test(`runs over pages of ${TABLE_PAGE_SIZE} rows, each linking the others, with no page left over`, () => {
    expect(COUNT).toBeGreaterThan(TABLE_PAGE_SIZE);
    expect(COUNT).toBeLessThanOrEqual(2 * TABLE_PAGE_SIZE);
    expect(html.match(/<th scope="row"/g)).toHaveLength(TABLE_PAGE_SIZE);
    expect(second.match(/<th scope="row"/g)).toHaveLength(COUNT - TABLE_PAGE_SIZE);
    for (const [page, range] of [
      [html, `Pilots 1 to ${TABLE_PAGE_SIZE} of ${COUNT}`],
      [second, `Pilots ${TABLE_PAGE_SIZE + 1} to ${COUNT} of ${COUNT}`],
    ] as const) {
      expect(text(page)).toContain(range);
      expect(page).toContain(`<nav class="pager" aria-label="Pages of pilots: ${range}">`);
      expect(page).toContain(`<caption class="visually-hidden">${range}, newest first:`);
      // The head counts every pilot on every page.
      expect(text(page)).toContain(`${COUNT} pilots run`);
    }
    expect(html).toContain(`href="${BASE}/page/2/" rel="next"`);
    expect(html).toContain(`<a href="${BASE}/" aria-current="page">1</a>`);
    expect(second).toContain(`href="${BASE}/" rel="prev"`);
    expect(second).toContain(`<a href="${BASE}/page/2/" aria-current="page">2</a>`);
    expect(listFiles(dist).filter((file) => /^page\//.test(file))).toEqual(['page/2/index.html']);
  });

  test('a filtered overview runs over pages too', () => {
    const concluded = pilots.filter((pilot) => pilot.status === 'concluded').length;
    expect(concluded).toBeGreaterThan(TABLE_PAGE_SIZE);
    expect(listFiles(dist).filter((file) => file.includes('/page/')).sort()).toEqual(['status/concluded/page/2/index.html']);
    const later = readFileSync(path.join(dist, 'status', 'concluded', 'page', '2', 'index.html'), 'utf8');
    expect(text(later)).toContain(`Pilots ${TABLE_PAGE_SIZE + 1} to ${concluded} of ${concluded}`);
    expect(later.match(/<th scope="row"/g)).toHaveLength(concluded - TABLE_PAGE_SIZE);
    expect(later).toContain(`href="${BASE}/status/concluded/" rel="prev"`);
    expect(later).toContain('<h1>Status: Concluded \u00b7 page 2 of 2</h1>');
  });

  test('draws no Plot chart: no strip, no forest plot, no hidden chart tables', () => {
    expect(html).not.toContain('fp-chart');
    expect(html).not.toContain('role="img"');
    expect(html).not.toContain('<figure');
    expect(html).not.toContain('pilot-card');
    expect(html.match(/<table/g)).toHaveLength(1);
  });

  test('has a caption, column headers, a row header per pilot, and the shared axis once', () => {
    expect(html).toMatch(/<caption[^>]*>Pilots 1 to 100 of 130, newest first/);
    expect(html.match(/<th scope="col"/g)).toHaveLength(5);
    expect(rows.filter((row) => row.includes('<th scope="row"'))).toHaveLength(COUNT);
    expect(html.match(/<svg class="ib-axis"/g)).toHaveLength(1);
    expect(html).toMatch(/<svg class="ib-axis"[^>]*aria-hidden="true">.*?>0%<\/text>/);
  });

  test('links every pilot exactly once, newest first', () => {
    for (const pilot of pilots) expect((html + second).split(link(pilot.slug)).length - 1, pilot.slug).toBe(1);
    // many-pilots.ts starts each pilot five days after the one before.
    const order = rows.map((row) => /pilots\/(many-\d+)\//.exec(row)?.[1]);
    expect(order).toEqual(pilots.map((pilot) => pilot.slug).reverse());
  });

  test('each row states its title, change and interval as the card does, and its verdict in words', () => {
    for (const pilot of pilots) {
      const row = rowOf(pilot.slug);
      const document = results(pilot.slug);
      const metric = primaryResult(document);
      const words = headlineText(metric);
      const shown = text(row);
      expect(shown, pilot.slug).toContain(pilot.title);
      expect(shown, pilot.slug).toContain(metric.label);
      // The table is the overview's: "points" rather than "pp", as the cards say it.
      expect(shown, pilot.slug).toContain(`${spelledPoints(words.change)} 95% interval: ${spelledPoints(words.interval)}`);
      expect(row, pilot.slug).toContain(`class="badge badge-${metric.verdict}"`);
      expect(shown, pilot.slug).toContain(verdictPhrase(metric.verdict));
      expect(shown.includes('(lower is better)'), pilot.slug).toBe(metric.better === 'lower');
    }
  });

  test('running pilots, and only they, are marked interim', () => {
    const running = pilots.filter((pilot) => pilot.status === 'running');
    expect(running.length).toBeGreaterThan(5);
    for (const pilot of pilots) {
      const row = rowOf(pilot.slug);
      expect(row.includes('<span class="ft-interim">Interim</span>'), pilot.slug).toBe(pilot.status === 'running');
      expect(results(pilot.slug).status).toBe(pilot.status);
    }
  });

  test('a bar coloured by its verdict for every lift in percent; a rate in points says its bar is relative', () => {
    for (const pilot of pilots.filter((candidate) => ['revenue', 'rate', 'lower'].includes(candidate.kind))) {
      const row = rowOf(pilot.slug);
      const metric = primaryResult(results(pilot.slug));
      expect(row.match(/<svg class="ib /g), pilot.slug).toHaveLength(1);
      expect(row, pilot.slug).toContain(`<svg class="ib ib-${metric.verdict}" viewBox="0 0 200 18" aria-hidden="true">`);
      const aside = relativeAside(metric);
      expect(aside !== null, pilot.slug).toBe(pilot.kind === 'rate');
      // The relative lift the bar is drawn at, in words beside the headline in points.
      expect(row.includes(`Drawn as a relative change: ${aside}.`), pilot.slug).toBe(pilot.kind === 'rate');
      if (pilot.kind === 'rate') expect(headlineText(metric).change, pilot.slug).toMatch(/ pp$/);
    }
  });

  test('a lift with no percent interval has no bar, and says why', () => {
    const undrawn = pilots.filter((pilot) => pilot.kind === 'zero-control' || pilot.kind === 'uncertain-control');
    expect(undrawn).toHaveLength(2);
    for (const pilot of undrawn) {
      const row = rowOf(pilot.slug);
      const caveat = percentCaveat(primaryResult(results(pilot.slug)));
      expect(caveat, pilot.slug).toBeTruthy();
      expect(row, pilot.slug).not.toContain('<svg');
      expect(text(row), pilot.slug).toContain(caveat);
    }
  });

  test('escapes titles, and keeps to the Content-Security-Policy: no script, no inline style', () => {
    expect(html).toContain('Q&amp;A webinar &lt;live&gt; for late-stage deals');
    expect(html).not.toContain('<live>');
    expect(html).not.toMatch(/<script|<style|\sstyle="|\son[a-z]+="/i);
  });
});
