/**
 * The repository's own example pilots (pilots/ and data/), built as a new
 * user's first `npm run build` builds them: every page must pass axe-core
 * without a serious or critical violation, fit a phone, and load nothing
 * from another host. Real data finds layout problems fixtures do not.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { astroBuild, listFiles, repository } from '../site/build-project.ts';
import { launchChromium } from './browser.ts';
import { chartLabelClashes, chartLabelsCut, seriousViolations, sidewaysScroll } from './checks.ts';
import { serveStatic, type StaticServer } from './static-server.ts';

let server: StaticServer;
let browser: Browser;
let work: string;
let pages: string[];

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'fieldproof-examples-'));
  const dist = path.join(work, 'dist');
  server = await serveStatic(dist, '/');
  await astroBuild(repository, dist, { FIELDPROOF_BASE: '/', FIELDPROOF_SITE: new URL(server.url).origin });
  pages = listFiles(dist)
    .filter((file) => file.endsWith('index.html'))
    .map((file) => file.replace(/index\.html$/, ''));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the example pilots', () => {
  for (const viewport of [{ width: 1280, height: 900 }, { width: 375, height: 812 }]) {
    test(`every page is accessible and fits at ${viewport.width}px`, async () => {
      expect(pages.length).toBeGreaterThan(2);
      // axe is injected by the test; the pages' CSP would rightly block it.
      const context = await browser.newContext({ viewport, bypassCSP: true });
      const origin = new URL(server.url).origin;
      for (const at of pages) {
        const page = await context.newPage();
        const foreign: string[] = [];
        page.on('request', (request) => {
          if (!request.url().startsWith(origin)) foreign.push(request.url());
        });
        await page.goto(new URL(at, server.url).href, { waitUntil: 'networkidle' });
        expect(await sidewaysScroll(page), `${at} scrolls sideways`).toBe(0);
        expect(await seriousViolations(page), at).toEqual([]);
        expect(foreign, at).toEqual([]);
        await page.close();
      }
      await context.close();
    });
  }

  // The reviewer's phones, and a desktop screen for the wide drawings: every
  // Plot chart (interval, per-unit, trend, the overview's forest plot, the
  // methodology's example) keeps its labels apart, off the zero rule and inside
  // the drawing.
  for (const viewport of [{ width: 375, height: 812 }, { width: 414, height: 896 }, { width: 1440, height: 900 }]) {
    test(`chart labels neither overlap, sit on the zero rule nor leave the chart at ${viewport.width}px`, async () => {
      const context = await browser.newContext({ viewport });
      const seen = new Set<string>();
      for (const at of pages) {
        const page = await context.newPage();
        await page.goto(new URL(at, server.url).href, { waitUntil: 'networkidle' });
        await page.evaluate(() => document.fonts.ready);
        const shown = await page.$$eval('svg.fp-chart', (svgs) =>
          svgs.filter((svg) => svg.getBoundingClientRect().width > 0).map((svg) => ({ id: svg.id, zeroRules: svg.querySelectorAll('.zero-rule line').length })),
        );
        for (const { id, zeroRules } of shown) {
          // A chart's kind is its id's first word: "trend-revenue-compact" is a trend.
          const kind = id.split('-')[0] ?? id;
          seen.add(kind);
          // Charts against zero mark their zero rule, or the check above could not see it.
          if (['interval', 'forest', 'reading'].includes(kind)) expect(zeroRules, `${at} ${id}: its zero rule`).toBeGreaterThan(0);
        }
        expect(await chartLabelClashes(page), at).toEqual([]);
        expect(await chartLabelsCut(page), at).toEqual([]);
        await page.close();
      }
      // The check saw every kind of chart it is meant to hold.
      expect([...seen].sort()).toEqual(expect.arrayContaining(['forest', 'interval', 'reading', 'trend', 'units']));
      await context.close();
    });
  }
});
