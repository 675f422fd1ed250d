/**
 * The bad-input corpus: test/fixtures/bad/<case>/ is a small project
 * (pilots/ + data/) and expected.txt is the whole standard error of
 * `fieldproof check --root <case>`, byte for byte. Each case is copied to a
 * temporary folder first, so the few inputs that cannot be committed (a 10 MB
 * cell, a symlink, two names differing only in case) are made here.
 *
 * Every case exits 1, except the inputs that are accepted (listed in
 * ACCEPTED), which exit 0 and have their analysed numbers checked.
 *
 * To rewrite the expected files after a deliberate change of wording:
 * FIELDPROOF_UPDATE_BAD=1 npx vitest run test/robustness/bad-inputs.test.ts
 * then read every diff before keeping it.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { analyzeProject, type ProjectAnalysis } from '../../src/core/project.ts';

const CORPUS = fileURLToPath(new URL('../fixtures/bad/', import.meta.url));
const UPDATE = process.env.FIELDPROOF_UPDATE_BAD === '1';
const TEN_MB = 10 * 1024 * 1024;

/** Inputs that cannot live in the repository, written into the copy before the run. */
const SETUP: Record<string, (root: string) => Promise<void>> = {
  'huge-field': async (root) => {
    // One cell of 10 MB in a number column: the message must quote it shortened.
    const cell = 'A'.repeat(TEN_MB);
    await writeFile(path.join(root, 'data', 'huge.csv'), `rep,group,revenue\nann,pilot,120\nbob,pilot,${cell}\ncy,control,100\ndee,control,90\n`);
  },
  'slug-case-clash': async (root) => {
    const text = await readFile(path.join(root, 'pilots', 'nurture.md'), 'utf8');
    await writeFile(path.join(root, 'pilots', 'Nurture.md'), text);
  },
  'data-symlink-outside': async (root) => {
    // An absolute target, so a message that quoted it would show a machine path.
    await symlink(path.join(root, 'secret.csv'), path.join(root, 'data', 'link.csv'));
  },
};

/** Inputs that are read as something sensible: exit 0, and the numbers they were read as. */
const ACCEPTED: Record<string, (project: ProjectAnalysis) => void> = {
  'number-negative-zero': (project) => {
    const revenue = project.pilots[0]!.results.metrics[0]!;
    // "-0" and "-0.00" are 0: the pilot mean is exactly 0, and never -0.
    expect(Object.is(revenue.pilot.value, 0)).toBe(true);
    expect(revenue.control.value).toBe(95);
  },
  'number-accounting-negative': (project) => {
    const revenue = project.pilots[0]!.results.metrics[0]!;
    // "(1,200)" is -1200: the pilot mean is (-1200 + 150) / 2.
    expect(revenue.pilot.value).toBe(-525);
    expect(revenue.absolute.estimate).toBe(-525 - 95);
  },
  'ratio-unit-zero-denominator': (project) => {
    const pilot = project.pilots[0]!;
    const rate = pilot.results.metrics[0]!;
    // eve (0 of 0) counts as a unit of the pilot arm; the arm's ratio is (3 + 2 + 0) / (10 + 8 + 0).
    expect(rate.pilot).toEqual({ units: 3, rows: 3, value: 5 / 18 });
    // A unit with nothing to divide by has no ratio of its own, so the dot plot leaves it out rather than plotting NaN.
    const points = pilot.metrics[0]!.units;
    expect(points.filter((point) => point.arm === 'pilot')).toHaveLength(2);
    for (const point of points) expect(Number.isFinite(point.value)).toBe(true);
  },
  'constant-baseline': (project) => {
    const revenue = project.pilots[0]!.results.metrics[0]!;
    // Every baseline is 0, so there is nothing to adjust for: the unadjusted Welch result is the headline.
    expect(revenue.adjusted).toBeNull();
    expect(revenue.method).toBe('welch');
    expect(revenue.absolute.estimate).toBe(135 - 95);
  },
};

const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function copyCase(name: string): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), `fieldproof-bad-${name}-`));
  made.push(root);
  await cp(path.join(CORPUS, name), root, { recursive: true, filter: (source) => path.basename(source) !== 'expected.txt' });
  // Git keeps no empty folders; a case whose data is made here still needs data/.
  await mkdir(path.join(root, 'data'), { recursive: true });
  await SETUP[name]?.(root);
  return root;
}

async function check(root: string) {
  // A working directory elsewhere, as when the command is run with --root.
  return runCli(['check', '--root', root], { cwd: tmpdir(), env: { NO_COLOR: '1' } });
}

const cases = (await readdir(CORPUS, { withFileTypes: true }))
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('the bad-input corpus', () => {
  it('has a case for every kind the robustness issue lists', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    for (const name of [...Object.keys(SETUP), ...Object.keys(ACCEPTED)]) expect(cases).toContain(name);
  });

  it.each(cases)('%s', async (name) => {
    const root = await copyCase(name);
    const { code, stdout, stderr } = await check(root);
    const expectedFile = path.join(CORPUS, name, 'expected.txt');
    if (UPDATE) await writeFile(expectedFile, stderr);
    expect(stderr).toBe(await readFile(expectedFile, 'utf8'));

    // Messages name files as the repository does, never where the machine keeps them.
    expect(stderr).not.toContain(root);
    expect(stderr).not.toContain(tmpdir());
    expect(stderr).not.toMatch(/(^|[\s"'(])\/(tmp|home|root|work|Users|var|private)\//m);
    // A 10 MB cell is quoted shortened, never whole.
    expect(stderr.length).toBeLessThan(10_000);

    const accepted = ACCEPTED[name];
    if (accepted === undefined) {
      expect(code).toBe(1);
      expect(stderr).toMatch(/^\d+ errors?(, \d+ warnings?)?\.\n$/m);
      return;
    }
    expect(code).toBe(0);
    expect(stdout).toContain('primary metric');
    accepted(await analyzeProject(root, { includeDrafts: true }));
  }, 30_000);
});
