/**
 * A site whose report charts and preview cards `npm run build` drew on its
 * drawing threads (src/site/drawing-pool.ts) is byte for byte the site astro
 * builds alone, drawing everything on the page's thread. The project is the
 * repository's examples (every chart a report has: funnels, roadblocks,
 * randomization) and four bench pilots, so that enough pilot pages are
 * rendered for the build to start its threads (THREADS_FROM_PAGES).
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeBenchProject } from '../../bench/generate.ts';
import { THREADS_FROM_PAGES } from '../../src/site/drawings.ts';
import { astroBuild, listFiles, repository, siteBuild } from './build-project.ts';

const env = { FIELDPROOF_BASE: '/fieldproof', FIELDPROOF_SITE: 'https://acme.github.io' };
let work: string;
let alone: string;
let threaded: { dist: string; output: string };

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'fieldproof-threaded-'));
  const project = path.join(work, 'project');
  for (const folder of ['pilots', 'data']) cpSync(path.join(repository, folder), path.join(project, folder), { recursive: true });
  await writeBenchProject(project, [300, 300, 300, 300], 7);
  alone = path.join(work, 'alone', 'dist');
  threaded = { dist: path.join(work, 'threaded', 'dist'), output: '' };
  for (const dist of [alone, threaded.dist]) mkdirSync(path.dirname(dist), { recursive: true });
  await astroBuild(project, alone, { ...env, FIELDPROOF_CACHE: 'off' });
  threaded.output = await siteBuild(project, threaded.dist, { ...env, FIELDPROOF_DRAWING_THREADS: '2' });
}, 600_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The files of a published site, but the mark that lets the next build replace it. */
const siteFiles = (dist: string) => listFiles(dist).filter((name) => name !== '.fieldproof-build');

describe('a build whose charts and cards are drawn on threads', () => {
  test('renders enough pilot pages to start them, draws there, and says so', () => {
    expect(readdirSync(path.join(alone, 'pilots')).length).toBeGreaterThanOrEqual(THREADS_FROM_PAGES);
    expect(threaded.output).toMatch(/fieldproof: \d+ charts and cards drawn on 2 threads beside the pages/);
    expect(threaded.output).not.toContain('drawing thread');
  });

  test('publishes the same files, with the same bytes, as astro alone', () => {
    const files = siteFiles(alone);
    expect(files.filter((file) => file.endsWith('/card.png')).length).toBeGreaterThanOrEqual(THREADS_FROM_PAGES);
    expect(siteFiles(threaded.dist)).toEqual(files);
    for (const file of files) expect(readFileSync(path.join(threaded.dist, file)).equals(readFileSync(path.join(alone, file))), file).toBe(true);
  });
});
