/**
 * A site built by two astro processes at once (src/site/shards.ts,
 * scripts/build-site.ts) is byte for byte the site one process builds.
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

beforeAll(async () => {
  const single = prepareProject({ project: 'field', commits: fieldCommits });
  const shared = prepareProject({ project: 'field', commits: fieldCommits });
  work = path.dirname(shared);
  whole = path.join(path.dirname(single), 'dist');
  await astroBuild(single, whole, { ...env, FIELDPROOF_CACHE: 'off' });
  const dist = path.join(work, 'dist');
  sharded = { dist, output: await siteBuild(shared, dist, { ...env, FIELDPROOF_BUILD_SHARDS: '2' }) };
}, 400_000);

afterAll(() => {
  for (const folder of [work, whole && path.dirname(whole)]) if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('a build shared between two astro processes', () => {
  test('splits the pilots between them', () => {
    expect(sharded.output).toContain('fieldproof: the pages were rendered by 2 astro processes at once');
    const slugs = ['alpha-digest', 'beta-calls', 'gamma-stores'];
    const second = slugs.filter((slug) => rendersPilot({ index: 2, count: 2 }, slug));
    // The fixture's pilots fall to both shards, so the merge is exercised.
    expect(second.length).toBeGreaterThan(0);
    expect(second.length).toBeLessThan(slugs.length);
  });

  test('publishes the same files, with the same bytes, as one process', () => {
    const files = listFiles(whole).filter((name) => name !== '.fieldproof-build');
    expect(listFiles(sharded.dist).filter((name) => name !== '.fieldproof-build')).toEqual(files);
    for (const file of files) expect(readFileSync(path.join(sharded.dist, file)).equals(readFileSync(path.join(whole, file))), file).toBe(true);
  });

  test('leaves no shard folder behind', () => {
    expect(existsSync(path.join(work, '.fieldproof-shards'))).toBe(true);
    expect(listFiles(path.join(work, '.fieldproof-shards'))).toEqual([]);
  });
});
