/**
 * A second build with nothing changed: the analysis comes from the evidence
 * cache, and every chart, preview card and hypothesis date from the render
 * cache (src/site/render-cache.ts), and the site is byte for byte the same.
 */
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Chart } from '../../src/charts/chart.ts';
import { renderCacheDirectory, renderKey, siteCodeVersion } from '../../src/site/render-cache.ts';
import { astroBuild, fieldCommits, listFiles, prepareProject, repository } from './build-project.ts';

const env = { FIELDPROOF_BASE: '/fieldproof', FIELDPROOF_SITE: 'https://acme.github.io' };
let project: string;
let cold: { dist: string; output: string; entries: string[] };
let warm: { dist: string; output: string; started: number };
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

  const started = Date.now() - 2000;
  const warmDist = path.join(work, 'warm');
  warm = { dist: warmDist, output: await astroBuild(project, warmDist, env), started };
}, 300_000);

afterAll(() => {
  if (project) rmSync(path.dirname(project), { recursive: true, force: true });
});

describe('a second build with nothing changed', () => {
  test('analyses nothing', () => {
    expect(cold.output).toMatch(/fieldproof: 3 pilots and 1 planned pilot and 1 qualification evidence file ready in [\d.]+ s \(3 analysed\)/);
    expect(warm.output).toMatch(/fieldproof: 3 pilots and 1 planned pilot and 1 qualification evidence file ready in [\d.]+ s \(0 analysed, 3 unchanged since the last build\)/);
  });

  test('keeps a chart, card or date for every piece it drew, and uses them all again', () => {
    const renderDir = renderCacheDirectory(project, {});
    // Three published pilots, one planned, one qualification file and the overview: six preview cards.
    expect(cold.entries.filter((name) => name.endsWith('.bin'))).toHaveLength(6);
    expect(readdirSync(renderDir).sort()).toEqual(cold.entries);
    for (const name of cold.entries) expect(statSync(path.join(renderDir, name)).mtimeMs, name).toBeGreaterThanOrEqual(warm.started);
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
