/**
 * Analyses worked out on every core before the build (src/site/analyse-ahead.ts):
 * the build then analyses nothing, and gets exactly what analysing gives.
 */
import { readFileSync } from 'node:fs';
import { rm, utimes } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analysisVersion, findCodeRoot, openEvidenceCache } from '../../src/core/cache.ts';
import { analyzeProject } from '../../src/core/project.ts';
import { AHEAD_FROM_CHANGES, AHEAD_FROM_PILOTS, analyseAhead, claimFiles } from '../../src/site/analyse-ahead.ts';
import { makeProject } from '../support/project.ts';

const SMALL = fileURLToPath(new URL('../fixtures/projects/small', import.meta.url));
const PILOT = readFileSync(path.join(SMALL, 'pilots/small.md'), 'utf8');
const SALES = readFileSync(path.join(SMALL, 'data/sales.csv'), 'utf8');

/** `count` pilots on one data file, each its own title; one with a data file that is not there. */
async function project(count: number): Promise<string> {
  const files: Record<string, string> = { 'data/sales.csv': SALES };
  for (let index = 0; index < count; index += 1) {
    files[`pilots/p${String(index).padStart(2, '0')}.md`] = PILOT.replace('title: Small pilot for reference values', `title: Pilot ${index}`);
  }
  files['pilots/p99-missing.md'] = PILOT.replace('data: sales.csv', 'data: nowhere.csv');
  return makeProject(files);
}

describe('analysing ahead on every core', () => {
  it('lets each worker take the next file, so each file is taken once and a busy worker takes fewer', () => {
    const next = new Int32Array(new SharedArrayBuffer(4));
    const quick = claimFiles(next, 5);
    const slow = claimFiles(next, 5);
    // The slow worker takes one file and works on it while the quick one takes the rest.
    expect(slow.next().value).toBe(0);
    expect([...quick]).toEqual([1, 2, 3, 4]);
    expect([...slow]).toEqual([]);
    expect([...claimFiles(new Int32Array(new SharedArrayBuffer(4)), 0)]).toEqual([]);
  });

  it('fills the store so that the build analyses nothing it could store, and gives exactly what analysing gives', async () => {
    const root = await project(AHEAD_FROM_PILOTS);
    const env = { FIELDPROOF_CACHE_DIR: path.join(root, '.cache') };
    expect(await analyseAhead(root, env, 2)).toBe(AHEAD_FROM_PILOTS + 1);
    const store = openEvidenceCache(env.FIELDPROOF_CACHE_DIR, await analysisVersion(findCodeRoot()));
    const built = await analyzeProject(root, { store });
    const fresh = await analyzeProject(root);
    // Only the pilot whose data file is missing is analysed (and refused) again: it was never stored.
    expect(built.analysed).toEqual(['p99-missing']);
    expect(built.reused).toHaveLength(AHEAD_FROM_PILOTS);
    expect(built.pilots).toEqual(fresh.pilots);
    expect(built.problems).toEqual(fresh.problems);
    expect(built.problems.some((problem) => problem.file === 'pilots/p99-missing.md' && problem.severity === 'error')).toBe(true);
  }, 60_000);

  it('starts no worker when little changed since the last run, and starts them again when many files did', async () => {
    const root = await project(AHEAD_FROM_PILOTS);
    const env = { FIELDPROOF_CACHE_DIR: path.join(root, '.cache') };
    expect(await analyseAhead(root, env, 2)).toBe(AHEAD_FROM_PILOTS + 1);
    // The pilot whose data is missing is never stored, yet it does not send them out again: nothing changed.
    expect(await analyseAhead(root, env, 2)).toBe(0);
    await rm(path.join(root, 'pilots/p99-missing.md'));
    expect(await analyseAhead(root, env, 2)).toBe(0);
    // One edit (its time after the last run began): the build analyses what it changed itself.
    const later = new Date(Date.now() + 60_000);
    await utimes(path.join(root, 'data/sales.csv'), later, later);
    expect(await analyseAhead(root, env, 2)).toBe(0);
    // Many edits: the workers go out again.
    for (let index = 0; index < AHEAD_FROM_CHANGES; index += 1) {
      await utimes(path.join(root, `pilots/p${String(index).padStart(2, '0')}.md`), later, later);
    }
    expect(await analyseAhead(root, env, 2)).toBe(AHEAD_FROM_PILOTS);
  }, 60_000);

  it('leaves a small project, a single core and a build without the cache to the build itself', async () => {
    const root = await project(3);
    expect(await analyseAhead(root, {}, 2)).toBe(0);
    expect(await analyseAhead(root, { FIELDPROOF_CACHE: 'off' }, 8)).toBe(0);
    expect(await analyseAhead(await project(AHEAD_FROM_PILOTS), {}, 1)).toBe(0);
  });
});
