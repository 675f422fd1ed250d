/**
 * The evidence site as its three readers use it, in a real Chromium: the
 * executive opens the overview, the field champion follows a pilot's link and
 * shares it (preview card), someone prints a report for a board deck, a rep
 * opens it on a phone. Every page must pass axe-core without a serious or
 * critical violation and load nothing from another host.
 *
 * The site is built from test/fixtures/site/projects/field under the sub-path
 * /fieldproof/ (as a GitHub Pages project site is served), with `site` set to
 * the local server so share links can be followed.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { astroBuild, fieldCommits, listFiles, prepareProject, repository } from '../site/build-project.ts';
import { launchChromium } from './browser.ts';
import { seriousViolations, sidewaysScroll } from './checks.ts';
import { serveStatic, type StaticServer } from './static-server.ts';

const BASE = '/fieldproof/';
const screenshots = process.env.E2E_SCREENSHOTS ? path.join(repository, 'test-results/screenshots') : null;

let server: StaticServer;
let browser: Browser;
let work: string;
let pages: string[];

beforeAll(async () => {
  const project = prepareProject({ project: 'field', commits: fieldCommits });
  work = path.dirname(project);
  const dist = path.join(work, 'dist');
  server = await serveStatic(dist, BASE);
  const origin = new URL(server.url).origin;
  await astroBuild(project, dist, { FIELDPROOF_BASE: BASE, FIELDPROOF_SITE: origin });
  pages = listFiles(dist)
    .filter((file) => file.endsWith('index.html'))
    .map((file) => file.replace(/index\.html$/, ''));
  browser = await launchChromium();
  if (screenshots) mkdirSync(screenshots, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** A fresh page that records every request and fails on any to another host. */
async function open(context: BrowserContext, at: string): Promise<{ page: Page; foreign: string[] }> {
  const page = await context.newPage();
  const foreign: string[] = [];
  const origin = new URL(server.url).origin;
  page.on('request', (request) => {
    if (!request.url().startsWith(origin) && !request.url().startsWith('data:')) foreign.push(request.url());
  });
  const response = await page.goto(new URL(at, server.url).href, { waitUntil: 'networkidle' });
  expect(response?.status(), at).toBe(200);
  return { page, foreign };
}

async function shoot(page: Page, name: string): Promise<void> {
  if (screenshots) await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
}

describe('an executive browses, a champion shares', () => {
  test('open the overview, follow a pilot, see the headline and the charts', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, foreign } = await open(context, '');
    await expect(page.title()).resolves.toBe('Sales pilot evidence');
    expect(await page.locator('.pilot-card:not(.is-planned)').count()).toBe(3);
    expect(await page.locator('.pilot-card.is-planned').count()).toBe(1);
    expect(await page.locator('.pilot-card.is-interim').count()).toBe(1);
    await expect(page.locator('.pilot-card.is-interim').innerText()).resolves.toMatch(/interim/i);
    expect(await page.locator('#forest svg[role="img"]').first().isVisible()).toBe(true);
    await shoot(page, 'overview-desktop');

    await page.getByRole('link', { name: 'Weekly account digest' }).click();
    await page.waitForLoadState('networkidle');
    expect(new URL(page.url()).pathname).toBe(`${BASE}pilots/alpha-digest/`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Weekly account digest');
    await expect(page.locator('.headline').innerText()).resolves.toMatch(/^Revenue per rep was [\d.]+% higher for pilot reps/);
    const charts = page.locator('figure.chart svg[role="img"]:visible');
    expect(await charts.count()).toBeGreaterThanOrEqual(3);
    for (const chart of await charts.all()) {
      const box = await chart.boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(200);
      expect(box?.height ?? 0).toBeGreaterThan(60);
      expect(await chart.getAttribute('aria-label')).toMatch(/\S{3,}/);
    }
    await expect(page.locator('#trend-title').innerText()).resolves.toBe('Week by week');
    // The fixture's hypothesis was committed before the pilot started (fixed commit dates).
    expect(await page.getByText('Pre-registered.', { exact: true }).count()).toBe(1);
    await shoot(page, 'report-desktop');

    const download = page.getByRole('link', { name: 'Download results.json' });
    const results = await page.request.get(new URL((await download.getAttribute('href')) ?? '', page.url()).href);
    expect(results.status()).toBe(200);
    expect((await results.json()).slug).toBe('alpha-digest');
    expect(foreign).toEqual([]);
    await context.close();
  });

  test('a planned pilot links to its plan: the design drawn, and no result before the data exists', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 } });
    const { page, foreign } = await open(context, '');
    await page.locator('.pilot-card.is-planned').getByRole('link', { name: 'Territory plans for new reps' }).click();
    await page.waitForLoadState('networkidle');
    expect(new URL(page.url()).pathname).toBe(`${BASE}pilots/delta-plan/`);
    await expect(page.locator('.headline').innerText()).resolves.toMatch(/No result yet/);
    await expect(page.locator('#design-title').innerText()).resolves.toBe('How the groups were chosen');
    expect(await page.locator('figure.chart').count()).toBe(0);
    const noScroll = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    expect(noScroll).toBe(true);
    await shoot(page, 'plan-phone');
    expect(foreign).toEqual([]);
    await context.close();
  });

  test('pages show their evidence with JavaScript switched off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const { page } = await open(context, 'pilots/alpha-digest/');
    expect(await page.locator('figure.chart svg[role="img"]:visible').count()).toBeGreaterThanOrEqual(3);
    await context.close();
  });

  test('a shared link previews as a card: tags with absolute URLs, and the image behind them', async () => {
    const context = await browser.newContext();
    const { page } = await open(context, 'pilots/alpha-digest/');
    const meta = async (key: string) => page.locator(`meta[property="${key}"], meta[name="${key}"]`).first().getAttribute('content');
    expect(await meta('twitter:card')).toBe('summary_large_image');
    expect(await meta('og:url')).toBe(new URL('pilots/alpha-digest/', server.url).href);
    expect(await meta('og:description')).toMatch(/Revenue per rep was/);
    const image = (await meta('og:image')) ?? '';
    expect(image).toBe(new URL('pilots/alpha-digest/card.png', server.url).href);
    expect(await meta('twitter:image')).toBe(image);
    const response = await page.request.get(image);
    expect(response.headers()['content-type']).toBe('image/png');
    const png = await response.body();
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
    const card = await context.newPage();
    await card.goto(image);
    expect(await card.evaluate(() => [document.images[0]?.naturalWidth, document.images[0]?.naturalHeight])).toEqual([1200, 630]);
    await context.close();
  });
});

describe('print', () => {
  test('a report prints without navigation, with its link, and charts sized to the page', async () => {
    const context = await browser.newContext({ viewport: { width: 800, height: 1100 } });
    const { page } = await open(context, 'pilots/alpha-digest/');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.locator('.site-footer').isVisible()).toBe(false);
    expect(await page.locator('.crumbs').isVisible()).toBe(false);
    const printed = page.locator('.print-url');
    expect(await printed.isVisible()).toBe(true);
    expect(await printed.innerText()).toBe(new URL('pilots/alpha-digest/', server.url).href);
    for (const chart of await page.locator('figure.chart svg[role="img"]:visible').all()) {
      const box = await chart.boundingBox();
      expect(box?.width ?? Infinity).toBeLessThanOrEqual(800);
    }
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
    await shoot(page, 'report-print');
    await context.close();
  });
});

describe('every page, on a phone and on a desktop', () => {
  test('no horizontal scroll at 375px, compact charts, nothing from another host', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    for (const at of pages) {
      const { page, foreign } = await open(context, at);
      expect(await sidewaysScroll(page), `${at} scrolls sideways`).toBe(0);
      if ((await page.locator('.chart-compact').count()) > 0) {
        expect(await page.locator('.chart-compact').first().isVisible(), at).toBe(true);
        expect(await page.locator('.has-compact .chart-wide').first().isVisible(), at).toBe(false);
      }
      expect(foreign, at).toEqual([]);
      await shoot(page, `phone-${at.replaceAll('/', '_') || 'overview'}`);
      await page.close();
    }
    await context.close();
  });

  test('the Content-Security-Policy blocks any inline script', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(new URL(pages[0] as string, server.url).href);
    await expect(page.addScriptTag({ content: 'window.injected = true' })).rejects.toThrow(/Content Security Policy/);
    expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected ?? false)).toBe(false);
    await context.close();
  });

  for (const viewport of [{ width: 1280, height: 900 }, { width: 375, height: 812 }]) {
    test(`axe-core finds no serious or critical violation (${viewport.width}px)`, async () => {
      // The pages forbid every script; axe is injected by the test, so it alone bypasses that.
      const context = await browser.newContext({ viewport, bypassCSP: true });
      for (const at of [...pages, 'no-such-page/']) {
        const page = await context.newPage();
        await page.goto(new URL(at, server.url).href, { waitUntil: 'networkidle' });
        const violations = await seriousViolations(page);
        expect(violations, at).toEqual([]);
        await page.close();
      }
      await context.close();
    });
  }
});
