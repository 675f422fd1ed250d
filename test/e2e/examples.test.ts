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
import { chartLabelClashes, seriousViolations, sidewaysScroll } from './checks.ts';
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

  // The reviewer's phones. Interval and per-unit charts are the ones drawn to keep
  // their labels clear (src/charts/interval.ts, units.ts); trend and methodology
  // charts are not held to it yet.
  for (const viewport of [{ width: 375, height: 812 }, { width: 414, height: 896 }]) {
    test(`chart labels neither overlap nor sit on the zero rule at ${viewport.width}px`, async () => {
      const context = await browser.newContext({ viewport });
      for (const at of pages) {
        const page = await context.newPage();
        await page.goto(new URL(at, server.url).href, { waitUntil: 'networkidle' });
        await page.evaluate(() => document.fonts.ready);
        expect(await chartLabelClashes(page, 'svg[id^="interval-"], svg[id^="units-"]'), at).toEqual([]);
        await page.close();
      }
      await context.close();
    });
  }
});
