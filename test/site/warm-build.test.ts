/**
 * A second build with nothing changed: the analysis comes from the evidence
 * cache, each pilot's address (report, card, results document) whole from
 * the last build (src/site/kept-pages.ts), every other chart, preview card
 * and hypothesis date from the render cache (src/site/render-cache.ts), and
 * the site is byte for byte the same. A third build, after one pilot's story
 * changed, renders that pilot's address again and only that.
 */
import { appendFileSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Chart } from '../../src/charts/chart.ts';
import { renderCacheDirectory, renderKey, siteCodeVersion } from '../../src/site/render-cache.ts';
import { astroBuild, fieldCommits, listFiles, prepareProject, repository } from './build-project.ts';

const env = { FIELDPROOF_BASE: '/fieldproof', FIELDPROOF_SITE: 'https://acme.github.io' };
let project: string;
let cold: { dist: string; output: string; entries: string[] };
let warm: { dist: string; output: string; started: number; entries: { name: string; mtimeMs: number }[] };
let edited: { dist: string; output: string };
const editedLine = 'Edited after the second build: this page must be rendered again.';
const marker = 'Drawn by the test, not by Plot: this page came from the cache.';

beforeAll(async () => {
  project = prepareProject({ project: 'field', commits: fieldCommits });
  const work = path.dirname(project);
  const coldDist = path.join(work, 'cold');
  const coldOutput = await astroBuild(project, coldDist, env);
  const renderDir = renderCacheDirectory(project, {});
  cold = { dist: coldDist, output: coldOutput, entries: readdirSync(renderDir).sort() };

  // Put a known answer where the methodology chart is kept: if the warm
  // build shows it, the warm build read the cache instead of drawing.
  const key = renderKey(siteCodeVersion(repository, env), 'chart:reading', []);
  const file = path.join(renderDir, `${key}.txt`);
  const stored = JSON.parse(readFileSync(file, 'utf8')) as Chart;
  writeFileSync(file, JSON.stringify({ ...stored, description: marker }));

  // Dated an hour back, so pruning after the warm build (two seconds of slack) tells used from unused however fast the builds follow each other.
  const hourAgo = new Date(Date.now() - 3_600_000);
  for (const name of cold.entries) utimesSync(path.join(renderDir, name), hourAgo, hourAgo);
  const started = Date.now() - 2000;
  const warmDist = path.join(work, 'warm');
  const warmOutput = await astroBuild(project, warmDist, env);
  const entries = readdirSync(renderDir)
    .sort()
    .map((name) => ({ name, mtimeMs: statSync(path.join(renderDir, name)).mtimeMs }));
  warm = { dist: warmDist, output: warmOutput, started, entries };

  appendFileSync(path.join(project, 'pilots', 'beta-calls.md'), `\n${editedLine}\n`);
  const editedDist = path.join(work, 'edited');
  edited = { dist: editedDist, output: await astroBuild(project, editedDist, env) };
}, 400_000);

/** The number in Astro's "N page(s) built". */
function pagesBuilt(output: string): number {
  const match = /(\d+) page\(s\) built/.exec(output);
  if (!match) throw new Error(`no page count in the build output:\n${output}`);
  return Number(match[1]);
}

afterAll(() => {
  if (project) rmSync(path.dirname(project), { recursive: true, force: true });
});

describe('a second build with nothing changed', () => {
  test('analyses nothing', () => {
    expect(cold.output).toMatch(/fieldproof: 3 pilots and 1 planned pilot and 1 qualification evidence file ready in [\d.]+ s \(3 analysed\)/);
    expect(warm.output).toMatch(/fieldproof: 3 pilots and 1 planned pilot and 1 qualification evidence file ready in [\d.]+ s \(0 analysed, 3 unchanged since the last build\)/);
  });

  test("keeps each pilot's address whole, and renders none of the three pilots again", () => {
    // The planned pilot's, the qualification file's and the overview's preview cards: a published pilot's is kept only with its address.
    expect(cold.entries.filter((name) => name.endsWith('.bin'))).toHaveLength(3);
    const kept = cold.entries.filter((name) => /\.pilot-(index\.html|card\.png|results\.json)$/.test(name));
    expect(kept).toHaveLength(9);
    // Each pilot's report page is copied, not rendered (Astro counts pages, not the card and results endpoints).
    expect(pagesBuilt(cold.output) - pagesBuilt(warm.output)).toBe(3);
  });

  test('uses again everything the first build kept, and keeps nothing new', () => {
    expect(warm.entries.map((entry) => entry.name)).toEqual(cold.entries);
    for (const { name, mtimeMs } of warm.entries) expect(mtimeMs, name).toBeGreaterThanOrEqual(warm.started);
  });

  test('reads them from the cache instead of drawing', () => {
    expect(readFileSync(path.join(warm.dist, 'methodology/index.html'), 'utf8')).toContain(marker);
  });

  test('publishes the same bytes as the first build', () => {
    const files = listFiles(cold.dist);
    expect(listFiles(warm.dist)).toEqual(files);
    for (const file of files.filter((name) => name !== 'methodology/index.html')) {
      expect(readFileSync(path.join(warm.dist, file)).equals(readFileSync(path.join(cold.dist, file))), file).toBe(true);
    }
  });
});

describe("a build after one pilot's story changed", () => {
  test("renders that pilot's address again, and only that", () => {
    expect(pagesBuilt(edited.output) - pagesBuilt(warm.output)).toBe(1);
    expect(readFileSync(path.join(edited.dist, 'pilots/beta-calls/index.html'), 'utf8')).toContain(editedLine);
  });

  test("publishes every other pilot's files as the first build did", () => {
    for (const slug of ['alpha-digest', 'gamma-stores']) {
      for (const name of ['index.html', 'card.png', 'results.json']) {
        const file = `pilots/${slug}/${name}`;
        expect(readFileSync(path.join(edited.dist, file)).equals(readFileSync(path.join(cold.dist, file))), file).toBe(true);
      }
    }
    expect(listFiles(edited.dist)).toEqual(listFiles(cold.dist));
  });
});
