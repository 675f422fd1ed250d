/**
 * The analysis cache (src/core/cache.ts) and the site's memoized door
 * (src/site/evidence.ts): unchanged pilots are not re-analysed, anything that
 * changes is, and what comes back is exactly what the analysis gave.
 */
import { readFileSync } from 'node:fs';
import { appendFile, mkdir, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analysisVersion, cacheDirectory, findCodeRoot, openEvidenceCache, type EvidenceStore as EvidenceCache } from '../../src/core/cache.ts';
import type { PilotEvidence } from '../../src/core/evidence.ts';
import { analyzeProject, readPilotFiles } from '../../src/core/project.ts';
import { createEvidenceLoader, type EvidenceEffects } from '../../src/site/evidence.ts';
import { makeProject } from '../support/project.ts';

const SMALL = fileURLToPath(new URL('../fixtures/projects/small', import.meta.url));
const EXAMPLES = fileURLToPath(new URL('../..', import.meta.url));
const PILOT = readFileSync(path.join(SMALL, 'pilots/small.md'), 'utf8');
const SALES = readFileSync(path.join(SMALL, 'data/sales.csv'), 'utf8');

/** Three published pilots on two data files, and a draft. */
async function project(): Promise<string> {
  return makeProject({
    'pilots/alpha.md': PILOT,
    'pilots/beta.md': PILOT.replace('title: Small pilot for reference values', 'title: Beta'),
    'pilots/gamma.md': PILOT.replace('data: sales.csv', 'data: other/sales.csv').replace('started: 2026-03-02', 'started: 2026-03-09'),
    'pilots/delta.md': PILOT.replace('status: concluded', 'status: draft'),
    'data/sales.csv': SALES,
    'data/other/sales.csv': SALES,
  });
}

async function run(root: string, cache: EvidenceCache | null) {
  const analysed: string[] = [];
  const result = await analyzeProject(root, { store: cache, analyzing: (slug) => analysed.push(slug) });
  expect(result.analysed).toEqual(analysed);
  return result;
}

const cacheIn = (root: string, version = 'test-1') => openEvidenceCache(path.join(root, '.cache'), version);

describe('analyzeProject with a store of analyses', () => {
  it('gives what analyzeProject gives, and a second run re-analyses nothing', async () => {
    const root = await project();
    const reference = await analyzeProject(root);
    const cold = await run(root, cacheIn(root));
    expect(cold.analysed).toEqual(['alpha', 'beta', 'gamma']);
    expect(cold.reused).toEqual([]);
    expect(cold.pilots).toEqual(reference.pilots);
    expect(cold.problems).toEqual(reference.problems);
    expect(cold.drafts.map((draft) => draft.slug)).toEqual(['delta']);

    const warm = await run(root, cacheIn(root));
    expect(warm.analysed).toEqual([]);
    expect(warm.reused).toEqual(['alpha', 'beta', 'gamma']);
    expect(warm.pilots).toEqual(reference.pilots);
    expect(warm.problems).toEqual(reference.problems);
    // Same order as analyzeProject: newest start first.
    expect(warm.pilots.map((pilot) => pilot.slug)).toEqual(['gamma', 'alpha', 'beta']);
  });

  it('reads each data file once on a first build: hashed while analysed, not before', async () => {
    const root = await project();
    const keysAsked: string[] = [];
    const counting = (cache: EvidenceCache): EvidenceCache => ({
      ...cache,
      key: (at, pilotFile) => {
        keysAsked.push(pilotFile.slug);
        return cache.key(at, pilotFile);
      },
    });
    expect((await run(root, counting(cacheIn(root)))).analysed).toEqual(['alpha', 'beta', 'gamma']);
    expect(keysAsked).toEqual([]);
    // The keys made while reading are the keys a later build works out: it reuses all three.
    expect((await run(root, counting(cacheIn(root)))).reused).toEqual(['alpha', 'beta', 'gamma']);
    expect(keysAsked.sort()).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('re-analyses a pilot whose data, pilot file or analysis version changed, and only that one', async () => {
    const root = await project();
    await run(root, cacheIn(root));
    await appendFile(path.join(root, 'data/other/sales.csv'), 'p1,pilot,2026-03-16,1,1,1,no\n');
    expect((await run(root, cacheIn(root))).analysed).toEqual(['gamma']);
    await appendFile(path.join(root, 'pilots/beta.md'), '\nOne more line of story.\n');
    expect((await run(root, cacheIn(root))).analysed).toEqual(['beta']);
    expect((await run(root, cacheIn(root))).analysed).toEqual([]);
    expect((await run(root, cacheIn(root, 'test-2'))).analysed).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('a pointed-at file that changes counts even when the pilot file does not', async () => {
    const root = await project();
    await run(root, cacheIn(root));
    await writeFile(path.join(root, 'data/sales.csv'), SALES.replace('p1,pilot,2026-03-02,1355', 'p1,pilot,2026-03-02,1455'));
    const again = await run(root, cacheIn(root));
    expect(again.analysed).toEqual(['alpha', 'beta']);
    expect(again.pilots).toEqual((await analyzeProject(root)).pilots);
  });

  it('an edited assignment file counts: the design it records is part of the analysis', async () => {
    const example = (file: string) => readFileSync(fileURLToPath(new URL(`../../${file}`, import.meta.url)), 'utf8');
    const assignment = example('data/assignments/follow-up-sla.csv');
    const root = await makeProject({
      'pilots/follow-up-sla.md': example('pilots/follow-up-sla.md'),
      'data/follow-up-sla.csv': example('data/follow-up-sla.csv'),
      'data/assignments/follow-up-sla.csv': assignment,
    });
    expect((await run(root, cacheIn(root))).analysed).toEqual(['follow-up-sla']);
    expect((await run(root, cacheIn(root))).analysed).toEqual([]);
    // The same reps in the same groups, the blocks renamed: only the assignment file changed.
    expect(assignment).toContain(',Central,');
    await writeFile(path.join(root, 'data/assignments/follow-up-sla.csv'), assignment.replaceAll(',Central,', ',Middle,'));
    const again = await run(root, cacheIn(root));
    expect(again.analysed).toEqual(['follow-up-sla']);
    expect(again.pilots).toEqual((await analyzeProject(root)).pilots);
  });

  it('never caches a pilot with errors, and reports them exactly as analyzeProject does', async () => {
    const root = await project();
    await writeFile(path.join(root, 'data/sales.csv'), `${SALES}p1,pilot,2026-03-16,12a,1,1,yes\n`);
    const first = await run(root, cacheIn(root));
    const reference = await analyzeProject(root);
    expect(first.problems).toEqual(reference.problems);
    expect(first.problems.some((problem) => problem.severity === 'error')).toBe(true);
    const second = await run(root, cacheIn(root));
    expect(second.analysed).toEqual(['alpha', 'beta']);
    expect(second.problems).toEqual(reference.problems);
  });

  it('forgets pilots that were removed, and treats a damaged entry as a miss', async () => {
    const root = await project();
    await run(root, cacheIn(root));
    const entries = async () => (await readdir(path.join(root, '.cache'))).filter((name) => name.endsWith('.json')).sort();
    expect(await entries()).toEqual(['alpha.json', 'beta.json', 'gamma.json']);
    await writeFile(path.join(root, 'pilots/beta.md'), PILOT.replace('status: concluded', 'status: draft'));
    await writeFile(path.join(root, '.cache/alpha.json'), '{"format":1,"key":');
    const next = await run(root, cacheIn(root));
    expect(next.analysed).toEqual(['alpha']);
    expect(await entries()).toEqual(['alpha.json', 'gamma.json']);
  });

  it('without a cache analyses everything and writes nothing', async () => {
    const root = await project();
    expect((await run(root, null)).analysed).toEqual(['alpha', 'beta', 'gamma']);
    expect((await run(root, null)).analysed).toEqual(['alpha', 'beta', 'gamma']);
    await expect(readdir(path.join(root, '.cache'))).rejects.toThrow();
  });
});

describe('stories and drafts in the store', () => {
  /** A story nested deeper than a page can publish (story.ts, MOST_STORY_DEPTH). */
  const TOO_DEEP = `${'- '.repeat(200)}deep`;

  it('renders a story once: a second run with it unchanged renders nothing, an edited story is rendered again', async () => {
    const root = await project();
    await run(root, cacheIn(root));
    const memo = (await readFile(path.join(root, '.cache', 'stories.memo'), 'utf8')).split('\n');
    // alpha, beta and gamma share one story; delta's is the same too: one digest, one line.
    expect(memo).toHaveLength(2);
    expect(memo[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(memo[1]).toBe('');
    const store = cacheIn(root);
    expect(await store.storyPassed(PILOT.split('---').slice(2).join('---'))).toBe(false);
    const alpha = (await analyzeProject(root)).pilots.find((pilot) => pilot.slug === 'alpha');
    expect(await store.storyPassed(alpha?.story ?? '')).toBe(true);
    expect(await store.storyPassed(`${alpha?.story ?? ''}\nA new line.`)).toBe(false);
    // Another version of the code renders every story again.
    expect(await cacheIn(root, 'test-2').storyPassed(alpha?.story ?? '')).toBe(false);
  });

  it('keeps the stories two runs remember at once (the analyses ahead check one story each)', async () => {
    const root = await project();
    const first = cacheIn(root);
    const second = cacheIn(root);
    expect(await first.storyPassed('One story.')).toBe(false);
    expect(await second.storyPassed('Another story.')).toBe(false);
    await Promise.all([first.rememberStoriesPassed(['One story.']), second.rememberStoriesPassed(['Another story.'])]);
    const reopened = cacheIn(root);
    expect(await reopened.storyPassed('One story.')).toBe(true);
    expect(await reopened.storyPassed('Another story.')).toBe(true);
    expect(await reopened.storyPassed('A third story.')).toBe(false);
  });

  it('never remembers a story it refused: the problem is named on every run', async () => {
    const root = await project();
    await writeFile(path.join(root, 'pilots/beta.md'), `${PILOT}\n${TOO_DEEP}\n`);
    const first = await run(root, cacheIn(root));
    const second = await run(root, cacheIn(root));
    for (const result of [first, second]) {
      expect(result.problems.filter((problem) => problem.file === 'pilots/beta.md' && problem.severity === 'error').map((problem) => problem.message)).toEqual([
        expect.stringMatching(/^the story nests lists, quotes or markup more than \d+ levels deep by this line/),
      ]);
    }
  });

  it('stores a draft like any pilot, and analyses it again once its file changes', async () => {
    const root = await project();
    const first = await analyzeProject(root, { store: cacheIn(root), includeDrafts: true });
    expect(first.analysed).toEqual(['alpha', 'beta', 'delta', 'gamma']);
    const second = await analyzeProject(root, { store: cacheIn(root), includeDrafts: true });
    expect(second.analysed).toEqual([]);
    expect(second.pilots).toEqual(first.pilots);
    expect(second.problems).toEqual(first.problems);
    await writeFile(path.join(root, 'pilots/delta.md'), PILOT.replace('status: concluded', 'status: draft').replace('title: Small pilot for reference values', 'title: Delta'));
    expect((await analyzeProject(root, { store: cacheIn(root), includeDrafts: true })).analysed).toEqual(['delta']);
  });
});

describe('plans and qualification evidence in the store', () => {
  const FIELD = fileURLToPath(new URL('../fixtures/site/projects/field', import.meta.url));
  /** The field fixture's planned pilot (with its assignment file) and its qualification file, with their data. */
  async function fieldProject(): Promise<string> {
    const files: Record<string, string> = {};
    for (const name of ['pilots/delta-plan.md', 'data/delta-split.csv', 'pilots/lead-checklist.md', 'data/lead-checklist.csv']) files[name] = readFileSync(path.join(FIELD, name), 'utf8');
    return makeProject(files);
  }

  it('keeps a plan and a qualification analysis, and gives back exactly what working them out gives', async () => {
    const root = await fieldProject();
    const reference = await analyzeProject(root);
    expect(reference.plans.map((plan) => plan.slug)).toEqual(['delta-plan']);
    expect(reference.qualifications.map((evidence) => evidence.slug)).toEqual(['lead-checklist']);
    const first = await analyzeProject(root, { store: cacheIn(root) });
    expect((await readdir(path.join(root, '.cache'))).filter((name) => name.endsWith('.kept')).sort()).toEqual(['plan-delta-plan.kept', 'qualification-lead-checklist.kept']);
    const second = await analyzeProject(root, { store: cacheIn(root) });
    for (const result of [first, second]) {
      expect(result.plans).toEqual(reference.plans);
      expect(result.qualifications).toEqual(reference.qualifications);
      expect(result.problems).toEqual(reference.problems);
    }
  });

  it('works a qualification file out again when its leads change, and a plan when its assignment does', async () => {
    const root = await fieldProject();
    const before = await analyzeProject(root, { store: cacheIn(root) });
    const leads = path.join(root, 'data/lead-checklist.csv');
    const lines = (await readFile(leads, 'utf8')).trimEnd().split('\n');
    // Drop the last lead: one lead fewer, whatever the file's columns.
    await writeFile(leads, `${lines.slice(0, -1).join('\n')}\n`);
    const split = path.join(root, 'data/delta-split.csv');
    const rows = (await readFile(split, 'utf8')).trimEnd().split('\n');
    await writeFile(split, `${rows.slice(0, -1).join('\n')}\n`);
    const changed = await analyzeProject(root, { store: cacheIn(root) });
    const fresh = await analyzeProject(root);
    expect(changed.qualifications).toEqual(fresh.qualifications);
    expect(changed.plans).toEqual(fresh.plans);
    expect(changed.problems).toEqual(fresh.problems);
    // Both changes show: what was kept before would not have passed.
    expect(changed.plans).toHaveLength(1);
    expect(changed.plans).not.toEqual(before.plans);
    expect(changed.qualifications).toHaveLength(1);
    expect(changed.qualifications).not.toEqual(before.qualifications);
  });
});

describe('data files known by size, modification time and inode', () => {
  const longAgo = new Date('2026-01-01T00:00:00Z');
  const edited = SALES.replace('p1,pilot,2026-03-02,1355', 'p1,pilot,2026-03-02,1455');

  it('reads an unchanged file again only when its modification time changed, even at the same size', async () => {
    const root = await project();
    const sales = path.join(root, 'data/sales.csv');
    const other = path.join(root, 'data/other/sales.csv');
    // Files modified long ago: settled, so their hashes are remembered (data-hashes.ts).
    for (const file of [sales, other]) await utimes(file, longAgo, longAgo);
    expect((await run(root, cacheIn(root))).analysed).toEqual(['alpha', 'beta', 'gamma']);
    const memo = (await readFile(path.join(root, '.cache', 'data-hashes.memo'), 'utf8')).split('\n').filter(Boolean);
    expect(memo.map((line) => (JSON.parse(line) as { file: string }).file).sort()).toEqual([other, sales]);
    // New bytes, same size, and the old modification time put back: the facts are trusted, as make
    // and git trust them, so the file is not read and the stored analyses are reused. This is the cost
    // of not re-reading; an editor or export always gives the file a new modification time.
    expect(edited.length).toBe(SALES.length);
    await writeFile(sales, edited);
    await utimes(sales, longAgo, longAgo);
    expect((await run(root, cacheIn(root))).reused).toEqual(['alpha', 'beta', 'gamma']);
    // A new modification time at the same size: hashed again, the new bytes found, both its pilots re-analysed.
    const later = new Date('2026-01-02T00:00:00Z');
    await utimes(sales, later, later);
    const again = await run(root, cacheIn(root));
    expect(again.analysed).toEqual(['alpha', 'beta']);
    expect(again.reused).toEqual(['gamma']);
    expect(again.pilots).toEqual((await analyzeProject(root)).pilots);
  });
});

describe('the cache on disk', () => {
  it('gives back numbers JSON cannot hold as they were', async () => {
    const root = await makeProject({});
    const cache = openEvidenceCache(path.join(root, '.cache'), 'v');
    const evidence = { slug: 'x', odd: [Infinity, -Infinity, NaN, -0, 0.1 + 0.2, 1e-300] } as unknown as PilotEvidence;
    await cache.set('x', 'key', { evidence, problems: [] });
    const back = await cache.get('x', 'key');
    expect((back?.evidence as unknown as { odd: number[] }).odd).toEqual([Infinity, -Infinity, NaN, 0, 0.30000000000000004, 1e-300]);
    expect(await cache.get('x', 'other key')).toBeNull();
    expect(await cache.get('y', 'key')).toBeNull();
  });

  it('never fails a build because it cannot be written', async () => {
    const root = await project();
    // A file where the cache folder should be: mkdir fails.
    await writeFile(path.join(root, '.cache'), 'not a folder');
    const first = await run(root, cacheIn(root));
    expect(first.analysed).toEqual(['alpha', 'beta', 'gamma']);
    expect(first.pilots).toEqual((await analyzeProject(root)).pilots);
    expect((await run(root, cacheIn(root))).analysed).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('lives in Astro\'s cache folder unless FIELDPROOF_CACHE_DIR says otherwise', () => {
    expect(cacheDirectory('/repo', {})).toBe(path.join('/repo', 'node_modules', '.astro', 'fieldproof'));
    expect(cacheDirectory('/repo', { FIELDPROOF_CACHE_DIR: '/tmp/fp-cache' })).toBe(path.resolve('/tmp/fp-cache'));
    expect(cacheDirectory('/repo', { FIELDPROOF_CACHE_DIR: 'cache' })).toBe(path.join('/repo', 'cache'));
  });

  it('changes the analysis version when the package version, the analysis sources or the lock file change', async () => {
    const root = await makeProject({ 'package.json': '{"version":"1.0.0"}', 'src/core/stats/welch.ts': 'export const a = 1;\n' });
    const first = await analysisVersion(root);
    expect(first).toMatch(/^1\.0\.0\+[0-9a-f]{16}$/);
    expect(await analysisVersion(root)).toBe(first);
    await writeFile(path.join(root, 'src/core/stats/welch.ts'), 'export const a = 2;\n');
    const second = await analysisVersion(root);
    expect(second).not.toBe(first);
    await writeFile(path.join(root, 'package-lock.json'), '{}');
    const third = await analysisVersion(root);
    expect(third).not.toBe(second);
    await writeFile(path.join(root, 'package.json'), '{"version":"1.0.1"}');
    expect(await analysisVersion(root)).toMatch(/^1\.0\.1\+/);
    expect(await analysisVersion(null)).toMatch(/^unknown\+[0-9a-f]{16}$/);
  });

  it('finds the code that runs: this repository from its sources, or from a bundle inside it', async () => {
    const repository = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
    expect(findCodeRoot()).toBe(repository);
    expect(findCodeRoot(path.join(repository, 'dist', '.prerender', 'chunks', 'cache_x.mjs'))).toBe(repository);
    const elsewhere = await makeProject({});
    expect(findCodeRoot(path.join(elsewhere, 'x.mjs'))).toBeNull();
  });
});

describe('loadEvidence (createEvidenceLoader)', () => {
  function effects(root: string, analysed: string[], stderr: string[]): EvidenceEffects {
    return {
      stderr: (text) => stderr.push(text),
      stderrIsTTY: false,
      env: { FIELDPROOF_CACHE_DIR: path.join(root, '.cache') },
      now: () => 0,
      analyzing: (slug) => analysed.push(slug),
    };
  }

  it('analyses each pilot once per process, however many pages ask, at once or later', async () => {
    const root = await project();
    const analysed: string[] = [];
    const stderr: string[] = [];
    const load = createEvidenceLoader(effects(root, analysed, stderr));
    const pages = await Promise.all(Array.from({ length: 20 }, () => load(root)));
    const later = await load(root);
    expect(analysed).toEqual(['alpha', 'beta', 'gamma']);
    for (const page of pages) expect(page).toBe(later);
    expect(later.pilots.map((pilot) => pilot.slug)).toEqual(['gamma', 'alpha', 'beta']);
    expect(stderr.filter((line) => line.includes('ready in'))).toEqual(['fieldproof: 3 pilots ready in 0.0 s (3 analysed)\n']);
  });

  it('under the dev server, an edited or added pilot is analysed again on the next call; in a build, never', async () => {
    const root = await project();
    const analysed: string[] = [];
    const live = createEvidenceLoader(effects(root, analysed, []), { live: () => true });
    const build = createEvidenceLoader(effects(root, [], []), { live: () => false });
    const first = await live(root);
    await build(root);
    // Same files: the same analysis, not a new one.
    expect(await live(root)).toBe(first);
    await writeFile(path.join(root, 'pilots/beta.md'), PILOT.replace('title: Small pilot for reference values', 'title: Beta, renamed'));
    await writeFile(path.join(root, 'pilots/epsilon.md'), PILOT.replace('title: Small pilot for reference values', 'title: Epsilon'));
    const edited = await live(root);
    expect(edited.pilots.map((pilot) => pilot.results.title).sort()).toEqual(['Beta, renamed', 'Epsilon', 'Small pilot for reference values', 'Small pilot for reference values']);
    // Only the changed and new pilots were read again (the cache has the rest).
    expect(analysed).toEqual(['alpha', 'beta', 'gamma', 'beta', 'epsilon']);
    expect((await build(root)).pilots.map((pilot) => pilot.results.title)).not.toContain('Epsilon');
  });

  it('a second build (a new process) with nothing changed analyses nothing', async () => {
    const root = await project();
    const analysed: string[] = [];
    const stderr: string[] = [];
    const cold = await createEvidenceLoader(effects(root, analysed, stderr))(root);
    const warm = await createEvidenceLoader(effects(root, analysed, stderr))(root);
    expect(analysed).toEqual(['alpha', 'beta', 'gamma']);
    expect(warm).toEqual(cold);
    expect(stderr.at(-1)).toBe('fieldproof: 3 pilots ready in 0.0 s (0 analysed, 3 unchanged since the last build)\n');
  });

  it('FIELDPROOF_CACHE=off analyses every time', async () => {
    const root = await project();
    const analysed: string[] = [];
    const off = (): EvidenceEffects => ({ ...effects(root, analysed, []), env: { FIELDPROOF_CACHE: 'off', FIELDPROOF_CACHE_DIR: path.join(root, '.cache') } });
    await createEvidenceLoader(off())(root);
    await createEvidenceLoader(off())(root);
    expect(analysed).toEqual(['alpha', 'beta', 'gamma', 'alpha', 'beta', 'gamma']);
  });

  it('fails with every problem, and prints warnings the way the build always has', async () => {
    const root = await project();
    await mkdir(path.join(root, 'data'), { recursive: true });
    await writeFile(path.join(root, 'data/sales.csv'), `${SALES}p1,pilot,2026-03-16,12a,1,1,yes\n`);
    const stderr: string[] = [];
    await expect(createEvidenceLoader(effects(root, [], stderr))(root)).rejects.toThrow(/2 problems found:\n.*data\/sales.csv, row 57, column "revenue": "12a"/);
    await writeFile(path.join(root, 'data/sales.csv'), `${SALES}p1,pilot,2026-03-16,,1,1,yes\n`);
    const warned: string[] = [];
    await createEvidenceLoader(effects(root, [], warned))(root);
    expect(warned.filter((line) => !line.includes('ready in'))).toEqual([
      'fieldproof: data/sales.csv, column "revenue": Revenue per rep: 1 row with an empty value was left out, so it adds nothing to its unit\'s total\n',
      'fieldproof: data/sales.csv, column "revenue": Revenue per rep: 1 row with an empty value was left out, so it adds nothing to its unit\'s total\n',
    ]);
    expect(await readFile(path.join(root, '.cache', 'alpha.json'), 'utf8')).toContain('"key"');
  });
});

describe('pilot files in the store', () => {
  it('gives every example pilot and qualification file back exactly as the schemas read it', async () => {
    const folder = path.join(await makeProject({}), '.cache');
    const reference = await readPilotFiles(EXAMPLES);
    expect(reference.files.length).toBeGreaterThan(5);
    expect(reference.qualifications.length).toBeGreaterThan(0);
    const first = await readPilotFiles(EXAMPLES, undefined, openEvidenceCache(folder, 'test-1'));
    // A store opened afresh, as the next run opens it: every file comes from the memo.
    const store = openEvidenceCache(folder, 'test-1');
    for (const file of reference.files) expect(await store.readPilotFile(file.file, await readFile(path.join(EXAMPLES, file.file), 'utf8'))).toStrictEqual({ kind: 'pilot', value: file });
    const second = await readPilotFiles(EXAMPLES, undefined, store);
    for (const result of [first, second]) {
      expect(result.files).toStrictEqual(reference.files);
      expect(result.qualifications).toStrictEqual(reference.qualifications);
      expect(result.salvaged).toStrictEqual(reference.salvaged);
      expect(result.problems).toStrictEqual(reference.problems);
    }
  });

  it('reads a changed file again, never remembers one with a problem, and forgets files that are gone', async () => {
    const root = await project();
    const folder = path.join(root, '.cache');
    await readPilotFiles(root, undefined, openEvidenceCache(folder, 'test-1'));
    const alpha = await readFile(path.join(root, 'pilots/alpha.md'), 'utf8');
    // One line per file remembered.
    const memo = async () => (await readFile(path.join(folder, 'pilot-files.memo'), 'utf8')).split('\n').filter((line) => line !== '').length;
    expect(await memo()).toBe(4);

    // Broken after it was remembered: the problem is named on this run and the next.
    await writeFile(path.join(root, 'pilots/alpha.md'), alpha.replace('status: concluded', 'status: finished'));
    for (let run = 0; run < 2; run += 1) {
      const read = await readPilotFiles(root, undefined, openEvidenceCache(folder, 'test-1'));
      expect(read.files.map((file) => file.slug)).toEqual(['beta', 'delta', 'gamma']);
      expect(read.problems.map((problem) => `${problem.file}: ${problem.message}`)).toEqual(['pilots/alpha.md: expected one of: draft, planned, running, concluded']);
    }
    // The broken alpha is not remembered, and the old alpha is forgotten.
    expect(await memo()).toBe(3);

    // A title changed: read again, not served the old one.
    await writeFile(path.join(root, 'pilots/alpha.md'), alpha.replace('title: Small pilot for reference values', 'title: Alpha, renamed'));
    const renamed = await readPilotFiles(root, undefined, openEvidenceCache(folder, 'test-1'));
    expect(renamed.files.find((file) => file.slug === 'alpha')?.pilot.title).toBe('Alpha, renamed');
    // Another version of the code reads every file again.
    expect(await openEvidenceCache(folder, 'test-2').readPilotFile('pilots/alpha.md', await readFile(path.join(root, 'pilots/alpha.md'), 'utf8'))).toBeNull();
    // The same text under another name is another file (its name is its address).
    expect(await openEvidenceCache(folder, 'test-1').readPilotFile('pilots/other.md', await readFile(path.join(root, 'pilots/alpha.md'), 'utf8'))).toBeNull();
  });

  it('adds the one file a run for one pilot reads, and keeps the others, even when two runs add at once', async () => {
    const root = await project();
    const folder = path.join(root, '.cache');
    const text = (name: string) => readFile(path.join(root, `pilots/${name}.md`), 'utf8');
    // As the build's analysis workers do: each its own store, opened before either has written.
    const first = openEvidenceCache(folder, 'test-1');
    const second = openEvidenceCache(folder, 'test-1');
    expect(await first.readPilotFile('pilots/beta.md', await text('beta'))).toBeNull();
    expect(await second.readPilotFile('pilots/alpha.md', await text('alpha'))).toBeNull();
    await Promise.all([readPilotFiles(root, 'pilots/beta.md', first), readPilotFiles(root, 'pilots/alpha.md', second)]);
    const store = openEvidenceCache(folder, 'test-1');
    for (const name of ['alpha', 'beta']) expect(await store.readPilotFile(`pilots/${name}.md`, await text(name))).not.toBeNull();
    expect(await store.readPilotFile('pilots/gamma.md', await text('gamma'))).toBeNull();
  });

  it('skips a line cut short, and a whole run writes the memo anew with only its own files', async () => {
    const root = await project();
    const folder = path.join(root, '.cache');
    const memoFile = path.join(folder, 'pilot-files.memo');
    await readPilotFiles(root, 'pilots/alpha.md', openEvidenceCache(folder, 'test-1'));
    await appendFile(memoFile, '{"digest":"cut sho');
    const store = openEvidenceCache(folder, 'test-1');
    expect(await store.readPilotFile('pilots/alpha.md', await readFile(path.join(root, 'pilots/alpha.md'), 'utf8'))).not.toBeNull();
    const whole = await readPilotFiles(root, undefined, store);
    expect(whole.problems).toEqual([]);
    const lines = (await readFile(memoFile, 'utf8')).split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1).map((line) => (JSON.parse(line) as { read: { value: { file: string } } }).read.value.file).sort()).toEqual(['pilots/alpha.md', 'pilots/beta.md', 'pilots/delta.md', 'pilots/gamma.md']);
  });
});
