/**
 * A site built by `npm run build` (scripts/build-site.ts), its charts and
 * cards drawn on threads (src/site/drawing-pool.ts), in one astro process or
 * two at once (src/site/shards.ts), is byte for byte the site astro builds
 * alone, drawing everything on the page's thread.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rendersPilot } from '../../src/site/shards.ts';
import { astroBuild, fieldCommits, listFiles, prepareProject, siteBuild } from './build-project.ts';

const env = { FIELDPROOF_BASE: '/fieldproof', FIELDPROOF_SITE: 'https://acme.github.io' };
let work: string;
let whole: string;
let sharded: { dist: string; output: string };
let threaded: { dist: string; output: string };

beforeAll(async () => {
  const single = prepareProject({ project: 'field', commits: fieldCommits });
  const shared = prepareProject({ project: 'field', commits: fieldCommits });
  const drawn = prepareProject({ project: 'field', commits: fieldCommits });
  work = path.dirname(shared);
  whole = path.join(path.dirname(single), 'dist');
  await astroBuild(single, whole, { ...env, FIELDPROOF_CACHE: 'off' });
  const dist = path.join(work, 'dist');
  sharded = { dist, output: await siteBuild(shared, dist, { ...env, FIELDPROOF_BUILD_SHARDS: '2', FIELDPROOF_DRAWING_THREADS: '1' }) };
  const threadedDist = path.join(path.dirname(drawn), 'dist');
  threaded = { dist: threadedDist, output: await siteBuild(drawn, threadedDist, { ...env, FIELDPROOF_DRAWING_THREADS: '2' }) };
}, 600_000);

afterAll(() => {
  for (const folder of [work, whole && path.dirname(whole), threaded && path.dirname(threaded.dist)]) if (folder) rmSync(folder, { recursive: true, force: true });
});

/** The files of a published site, but the mark that lets the next build replace it. */
const siteFiles = (dist: string) => listFiles(dist).filter((name) => name !== '.fieldproof-build');

describe('a build whose charts and cards are drawn on threads', () => {
  test('draws them there, and says so', () => {
    expect(threaded.output).toMatch(/fieldproof: \d+ charts and cards drawn on 2 threads beside the pages/);
    expect(threaded.output).not.toContain('astro processes at once');
    expect(threaded.output).not.toContain('drawing thread');
  });

  test('publishes the same files, with the same bytes, as astro alone', () => {
    const files = siteFiles(whole);
    expect(siteFiles(threaded.dist)).toEqual(files);
    for (const file of files) expect(readFileSync(path.join(threaded.dist, file)).equals(readFileSync(path.join(whole, file))), file).toBe(true);
  });
});

describe('a build shared between two astro processes', () => {
  test('splits the pilots between them', () => {
    expect(sharded.output).toContain('fieldproof: the pages were rendered by 2 astro processes at once');
    expect(sharded.output).toMatch(/fieldproof: \d+ charts and cards drawn on 1 thread beside the pages/);
    const slugs = ['alpha-digest', 'beta-calls', 'gamma-stores'];
    const second = slugs.filter((slug) => rendersPilot({ index: 2, count: 2 }, slug));
    // The fixture's pilots fall to both shards, so the merge is exercised.
    expect(second.length).toBeGreaterThan(0);
    expect(second.length).toBeLessThan(slugs.length);
  });

  test('publishes the same files, with the same bytes, as one process', () => {
    const files = siteFiles(whole);
    expect(siteFiles(sharded.dist)).toEqual(files);
    for (const file of files) expect(readFileSync(path.join(sharded.dist, file)).equals(readFileSync(path.join(whole, file))), file).toBe(true);
  });

  test('leaves no shard folder behind', () => {
    expect(existsSync(path.join(work, '.fieldproof-shards'))).toBe(true);
    expect(listFiles(path.join(work, '.fieldproof-shards'))).toEqual([]);
  });
});
