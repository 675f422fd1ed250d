import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PilotEvidence } from '../../src/core/evidence.ts';
import type { HypothesisHistory } from '../../src/core/history.ts';
import { finishPilotPages, PILOT_FILES, pilotPageStore, splitPilotPages, type PilotPageStore } from '../../src/site/kept-pages.ts';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'fieldproof-kept-'));
  made.push(dir);
  return dir;
}

// Only the slug matters to the split; the key stands in for the digest of the whole evidence.
const pilot = (slug: string) => ({ slug }) as PilotEvidence;
const history: HypothesisHistory = { status: 'unavailable', reason: 'switched off' };
const store = (dir: string): PilotPageStore => ({ dir, keyOf: (evidence) => `key-${evidence.slug}` });

/** A site as Astro writes it: a pilot's three files, with words that say whose they are. */
function writeAddress(out: string, slug: string): void {
  mkdirSync(path.join(out, 'pilots', slug), { recursive: true });
  for (const name of PILOT_FILES) writeFileSync(path.join(out, 'pilots', slug, name), `${slug} ${name}`);
}

describe('a pilot address kept between builds', () => {
  it('renders every pilot when nothing is kept, and keeps what was rendered', async () => {
    const cache = folder();
    const out = folder();
    const pages = await splitPilotPages([pilot('a'), pilot('b')], store(cache), async () => history);
    expect(pages.render.map((evidence) => evidence.slug)).toEqual(['a', 'b']);
    expect(pages.kept).toEqual([]);
    writeAddress(out, 'a');
    writeAddress(out, 'b');
    finishPilotPages(out, pages);
    expect(readdirSync(cache).sort()).toEqual(['key-a', 'key-b'].flatMap((key) => PILOT_FILES.map((name) => `${key}.pilot-${name}`)).sort());
  });

  it('copies a kept address into the next site instead of rendering it', async () => {
    const cache = folder();
    const first = folder();
    writeAddress(first, 'a');
    finishPilotPages(first, await splitPilotPages([pilot('a')], store(cache), async () => history));

    const pages = await splitPilotPages([pilot('a'), pilot('new')], store(cache), async () => history);
    expect(pages.render.map((evidence) => evidence.slug)).toEqual(['new']);
    expect(pages.kept).toEqual([{ slug: 'a', key: 'key-a' }]);
    const next = folder();
    writeAddress(next, 'new');
    finishPilotPages(next, pages);
    for (const name of PILOT_FILES) expect(readFileSync(path.join(next, 'pilots', 'a', name), 'utf8')).toBe(`a ${name}`);
  });

  it('renders a pilot whose kept files are incomplete', async () => {
    const cache = folder();
    writeFileSync(path.join(cache, 'key-a.pilot-index.html'), 'only the page');
    const pages = await splitPilotPages([pilot('a')], store(cache), async () => history);
    expect(pages.render.map((evidence) => evidence.slug)).toEqual(['a']);
  });

  it('fails the build, naming the pilot, when a kept file went missing during it', async () => {
    const cache = folder();
    const first = folder();
    writeAddress(first, 'a');
    finishPilotPages(first, await splitPilotPages([pilot('a')], store(cache), async () => history));
    const pages = await splitPilotPages([pilot('a')], store(cache), async () => history);
    rmSync(path.join(cache, 'key-a.pilot-card.png'));
    expect(() => finishPilotPages(folder(), pages)).toThrow(/the kept card\.png of pilot "a" could not be copied .*build again/);
  });

  it('keeps nothing and renders everything without a store (dev server, cache off)', async () => {
    const pages = await splitPilotPages([pilot('a')], null, async () => history);
    expect(pages).toEqual({ dir: null, render: [pilot('a')], toKeep: [], kept: [] });
    const out = folder();
    finishPilotPages(out, pages);
    expect(readdirSync(out)).toEqual([]);
  });

  it("names a stored pilot's address by its analysis key and evidence level, not by hashing its evidence", () => {
    const version = 'c'.repeat(64);
    const keyed = pilotPageStore(folder(), version, new Map([['a', 'analysis-1']]));
    const evidence = (level: string | null, extra: string) => ({ slug: 'a', file: 'pilots/a.md', results: { evidence: level, extra } }) as unknown as PilotEvidence;
    // What the analysis key already stands for is not hashed again...
    expect(keyed.keyOf(evidence('B', 'x'), history)).toBe(keyed.keyOf(evidence('B', 'y'), history));
    // ...but the evidence level (from git, added after the analysis) and the hypothesis dates are.
    expect(keyed.keyOf(evidence('B', 'x'), history)).not.toBe(keyed.keyOf(evidence('C', 'x'), history));
    expect(keyed.keyOf(evidence('B', 'x'), history)).not.toBe(keyed.keyOf(evidence('B', 'x'), { status: 'unavailable', reason: 'no git' }));
    // A pilot the store does not know is named by its whole evidence.
    const unkeyed = pilotPageStore(folder(), version);
    expect(unkeyed.keyOf(evidence('B', 'x'), history)).not.toBe(unkeyed.keyOf(evidence('B', 'y'), history));
    // The same evidence under another code version is another key.
    const otherCode = pilotPageStore(folder(), 'd'.repeat(64), new Map([['a', 'analysis-1']]));
    expect(otherCode.keyOf(evidence('B', 'x'), history)).not.toBe(keyed.keyOf(evidence('B', 'x'), history));
  });
});
