import { readFileSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openEvidenceCache, type EvidenceStore } from '../../src/core/cache.ts';
import { defaultEffects } from '../../src/cli/main.ts';
import { runCli } from '../support/cli.ts';
import { BASE_FRONTMATTER, makeProject, pilotMarkdown } from '../support/project.ts';

const SMALL = fileURLToPath(new URL('../fixtures/projects/small', import.meta.url));

function run(argv: string[], options: { cwd?: string; tty?: boolean; env?: Record<string, string>; store?: EvidenceStore } = {}) {
  return runCli(argv, { ...options, cwd: options.cwd ?? SMALL });
}

describe('fieldproof check', () => {
  it('prints a table of headlines and exits 0', async () => {
    const { code, stdout, stderr } = await run(['check']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toBe(
      [
        'pilot  status     primary metric   change  interval       verdict',
        // The headline: the randomization interval of the adjusted result (reference-headline.R: -5.53% to +42.3%).
        'small  concluded  Revenue per rep  +19%    −5.5% to +42%  Inconclusive',
        '',
      ].join('\n'),
    );
  });

  it('colours only for a terminal, and never with NO_COLOR', async () => {
    expect((await run(['check'], { tty: true })).stdout).toContain('\u001b[');
    expect((await run(['check'], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
    expect((await run(['check'], { tty: false })).stdout).not.toContain('\u001b[');
  });

  it('lists every error of every pilot and exits 1', async () => {
    const root = await makeProject({
      'pilots/a.md': pilotMarkdown(`${BASE_FRONTMATTER}metrics:\n  - { id: revenue, label: Revenue, type: mean, column: revenue }\n`),
      'data/sales.csv': 'rep,group,revenue\nann,pilot,1\nbob,pilot,x\ncy,control,3\ndee,Control,4\n',
      'pilots/b.md': pilotMarkdown(`${BASE_FRONTMATTER.replace('data: sales.csv', 'data: missing.csv')}metrics:\n  - { id: revenue, label: Revenue, type: mean, column: revenue }\n`),
    });
    const { code, stdout, stderr } = await run(['check', '--root', root]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      [
        'error data/sales.csv, row 3, column "revenue": "x": expected a number, e.g. 1200, 1,200.50, $1,200 or 12%',
        'error data/sales.csv, row 5, column "group": "Control": is neither the pilot label "pilot" nor the control label "control"; expected one of them exactly',
        'error pilots/b.md, key "data": "missing.csv": no such file: data/missing.csv; the data/ folder has: sales.csv',
        '',
        '3 errors.',
        '',
      ].join('\n'),
    );
  });

  it('refuses an arm with fewer than 2 units, naming the metric', async () => {
    const root = await makeProject({
      'pilots/a.md': pilotMarkdown(`${BASE_FRONTMATTER}metrics:\n  - { id: revenue, label: Revenue, type: mean, column: revenue }\n`),
      'data/sales.csv': 'rep,group,revenue\nann,pilot,1\nann,pilot,2\ncy,control,3\ndee,control,4\n',
    });
    const { code, stderr } = await run(['check', '--root', root]);
    expect(code).toBe(1);
    expect(stderr).toContain(
      'error pilots/a.md, key "metrics.revenue": Revenue cannot be computed: the pilot group has 1 unit with data; at least 2 are needed to estimate variation\n',
    );
  });

  it('shows a draft in the table but never fails on it', async () => {
    const root = await makeProject({
      'pilots/a.md': pilotMarkdown(
        `${BASE_FRONTMATTER.replace('status: concluded', 'status: draft').replace('data: sales.csv', 'data: later.csv')}metrics:\n  - { id: revenue, label: Revenue, type: mean, column: revenue }\n`,
      ),
    });
    const { code, stderr } = await run(['check', '--root', root]);
    expect(code).toBe(0);
    expect(stderr).toBe('warning pilots/a.md, key "data": "later.csv": (draft) no such file: data/later.csv; the data/ folder has no CSV files\n');
  });
});

describe('fieldproof check with the store of analyses', () => {
  afterEach(() => vi.unstubAllEnvs());
  const smallFile = (file: string) => readFileSync(path.join(SMALL, file), 'utf8');

  it('takes an unchanged pilot from the store and prints exactly what analysing it printed', async () => {
    const root = await makeProject({ 'pilots/small.md': smallFile('pilots/small.md'), 'data/sales.csv': smallFile('data/sales.csv') });
    const store = openEvidenceCache(path.join(root, '.cache'), 'test-1');
    const reused: string[] = [];
    const counting: EvidenceStore = {
      ...store,
      get: async (slug, key) => {
        const found = await store.get(slug, key);
        if (found !== null) reused.push(slug);
        return found;
      },
    };
    const fresh = await run(['check', '--root', root]);
    const first = await run(['check', '--root', root], { store: counting });
    expect((await readdir(path.join(root, '.cache'))).sort()).toEqual(['pilot-files.memo', 'small.json', 'stories.memo']);
    expect(reused).toEqual([]);
    const second = await run(['check', '--root', root], { store: counting });
    expect(reused).toEqual(['small']);
    expect(first).toEqual(fresh);
    expect(second).toEqual(fresh);
    expect(second.stdout).toContain('+19%    −5.5% to +42%  Inconclusive');
  });

  it('by default keeps it in the project\'s node_modules/, and in a bare folder of pilots and data nowhere', async () => {
    // Whatever the environment running the tests says about the cache.
    vi.stubEnv('FIELDPROOF_CACHE_DIR', '');
    vi.stubEnv('FIELDPROOF_CACHE', '');
    const bare = await makeProject({});
    expect(await defaultEffects().evidenceStore?.(bare)).toBeNull();
    const installed = await makeProject({});
    await mkdir(path.join(installed, 'node_modules'));
    expect(await defaultEffects().evidenceStore?.(installed)).not.toBeNull();
  });
});

describe('fieldproof analyze', () => {
  it('--json prints exactly the results document and nothing else', async () => {
    const { code, stdout, stderr } = await run(['analyze', 'pilots/small.md', '--json']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const document = JSON.parse(stdout);
    expect(document.slug).toBe('small');
    expect(document.metrics.map((metric: { id: string }) => metric.id)).toEqual(['revenue', 'opportunities', 'won']);
  });

  it("--json puts a draft's analysis warnings in the document only, and the loader's on standard error", async () => {
    const draft = BASE_FRONTMATTER.replace('status: concluded', 'status: draft');
    const rows = ['rep,group,day,revenue', 'ann,pilot,2026-03-02,10', 'Ann,pilot,2026-03-03,12', 'bob,pilot,2026-03-04,11', 'cy,control,2026-03-02,9', 'dee,control,2026-03-03,8', 'eve,control,2026-03-04,7', 'bob,pilot,2026-06-02,30'];
    const root = await makeProject({
      'pilots/a.md': pilotMarkdown(`${draft}date: day\nmetrics:\n  - { id: revenue, label: Revenue, type: mean, column: revenue }\n`),
      'data/sales.csv': `${rows.join('\n')}\n`,
    });
    const { code, stdout, stderr } = await run(['analyze', 'pilots/a.md', '--json'], { cwd: root });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).warnings).toEqual(['1 row dated after the end (2026-05-31) was ignored']);
    expect(stderr).toBe(
      'warning data/sales.csv, row 2, column "rep": (draft) "ann" (row 2, pilot), "Ann" (row 3, pilot) differ only in capitals or spaces, so they are counted as 2 different units; if they are one, write the name the same way on every row\n',
    );
  });

  it('reads a pilot path relative to --root as well as to the working folder', async () => {
    const elsewhere = await makeProject({});
    const fromRoot = await run(['analyze', 'pilots/small.md', '--json', '--root', SMALL], { cwd: elsewhere });
    expect(fromRoot.code).toBe(0);
    expect(JSON.parse(fromRoot.stdout).slug).toBe('small');
    const fromHere = await run(['analyze', `${SMALL}/pilots/small.md`, '--json', '--root', SMALL], { cwd: elsewhere });
    expect(fromHere.stdout).toBe(fromRoot.stdout);
    expect((await run(['analyze', 'pilots/none.md', '--root', SMALL], { cwd: elsewhere })).code).toBe(1);
    expect((await run(['analyze', '../small/data/small.csv', '--root', SMALL], { cwd: elsewhere })).code).toBe(2);
  });

  it('prints a readable summary', async () => {
    const { code, stdout } = await run(['analyze', 'pilots/small.md']);
    expect(code).toBe(0);
    expect(stdout.split('\n').slice(0, 5)).toEqual([
      'Small pilot for reference values',
      'concluded; 5 pilot and 6 control units; 95% intervals',
      '',
      'Revenue per rep (primary): Inconclusive',
      '  Revenue per rep was somewhere between 5.5% lower and 42% higher for pilot reps than for control reps, adjusted for where each started (best estimate +19%; 95% interval).',
    ]);
    // R (reference-headline.R): all 462 splits, p = 0.0974, interval -193.26 to 1375.20; the smallest possible p is 1/462.
    expect(stdout).toContain(
      '  headline (adjusted): +$632 (−$193 to +$1,375), p = 0.097, randomization, compared with all 462 ways these 11 reps could have been split into groups of the same sizes; smallest possible p = 0.002\n',
    );
    // The large-sample analyses appear as a check where they agree with the headline about zero (reference.R).
    expect(stdout).toContain('  large-sample (welch): +$259 (−$812 to +$1,330), p = 0.57\n');
    expect(stdout).toContain('  baseline: pilot $2,118 vs control $2,484 (−15%), p = 0.23 FLAGGED: the arms differed before the pilot started\n');
    // R: the exact MDE of the adjusted comparison, 1075.90 (30% of the control mean); the rollout is the headline
    // interval times 100 reps.
    expect(stdout).toContain('  smallest effect this pilot could reliably detect: $1,076 (30%)\n');
    expect(stdout).toContain('  rollout to all reps (100): +$63,188 (−$19,326 to +$137,520), if the effect carries over\n');
  });
  it('--help exits 0', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('fieldproof analyze <pilots/x.md> --json');
  });
});

describe('fieldproof plan', () => {
  it('units per arm from a mean and spread, by exact power as R computes it', async () => {
    // R: the smallest n with power.t.test(n, delta = L * 42000, sd = 9000, strict = TRUE)$power >= 0.8,
    //    for L = 0.05, 0.1, 0.2 -> 290, 74, 20 (the normal approximation said 289, 73, 19);
    //    uniroot(pwr(d, 9000 * sqrt(2 / 30), df = 58) - 0.8) / 42000 -> 0.157633 (the lift 30 units per arm can detect)
    const { code, stdout } = await run(['plan', '--mean', '42000', '--sd', '9000', '--units', '30']);
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'Units per arm needed (two-sided 95% confidence, 80% power, exact), control mean 42000, spread 9000 per unit:',
        '  to detect a 5% lift: 290 units per arm',
        '  to detect a 10% lift: 74 units per arm',
        '  to detect a 20% lift: 20 units per arm',
        '  with 30 units per arm: the smallest detectable lift is 16%',
        '',
      ].join('\n'),
    );
  });

  it('honours --confidence and --power', async () => {
    // R: the smallest n with power.t.test(n, delta = 4200, sd = 9000, sig.level = 0.1, strict = TRUE)$power >= 0.9 -> 80
    const { stdout } = await run(['plan', '--mean', '42000', '--sd', '9000', '--lift', '0.1', '--confidence', '0.9', '--power', '0.9']);
    expect(stdout).toContain('  to detect a 10% lift: 80 units per arm\n');
  });

  it('never plans fewer units than randomization needs to show any effect (statistics.md section 10)', async () => {
    // 3 vs 3 reach p = 2/20 = 0.1 at best; 4 vs 4 reach 2/70 = 0.029.
    const { stdout } = await run(['plan', '--mean', '42000', '--sd', '9000', '--lift', '500%', '--units', '3']);
    expect(stdout).toContain('  to detect a 500% lift: 4 units per arm (the fewest with which any effect can be shown at 95%)\n');
    expect(stdout).toContain('  with 3 units per arm: no effect can be shown at 95%, however large\n');
  });

  it('refuses nonsense with exit 2', async () => {
    expect((await run(['plan', '--mean', 'abc', '--sd', '1'])).code).toBe(2);
    expect((await run(['plan', '--sd', '1'])).code).toBe(2);
    expect((await run(['plan', '--mean', '1', '--sd', '1', '--confidence', '2'])).code).toBe(2);
  });

  it('gives the detectable effect of a rate in percentage points', async () => {
    const leads = [
      ...Array.from({ length: 70 }, (_, i) => `P${i},pilot,${i < 56 ? 'yes' : 'no'}`),
      ...Array.from({ length: 80 }, (_, i) => `C${i},control,${i < 48 ? 'yes' : 'no'}`),
    ];
    const root = await makeProject({
      'data/sales.csv': `lead,group,converted\n${leads.join('\n')}\n`,
      'pilots/leads.md': pilotMarkdown(
        `${BASE_FRONTMATTER.replace('unit: rep', 'unit: lead')}metrics:\n  - { id: conversion, label: Conversion, type: proportion, column: converted }\n`,
      ),
    });
    // R: yp <- rep(1:0, c(56, 14)); yc <- rep(1:0, c(48, 32)); se <- sqrt(var(yp) / 70 + var(yc) / 80)
    //    m <- uniroot(function(d) 1 - pnorm(qnorm(.975) - d / se) + pnorm(-qnorm(.975) - d / se) - 0.8, c(0, 1))$root
    //    m = 0.205049 (20.5 pp), m / 0.6 = 0.3417 (34%): one row per lead, so the normal (df infinite) is exact
    const { code, stdout } = await run(['plan', 'pilots/leads.md', '--lift', '0.1'], { cwd: root });
    expect(code).toBe(0);
    expect(stdout).toContain('  this pilot (70 vs 80 units) could detect 20.5 pp (34%)\n');
  });

  it('reads --lift as a fraction or a percent, and refuses a percent typed without its sign', async () => {
    // The same 74 as --lift 0.1 above.
    expect((await run(['plan', '--mean', '42000', '--sd', '9000', '--lift', '10%'])).stdout).toContain('  to detect a 10% lift: 74 units per arm\n');
    const typo = await run(['plan', '--mean', '42000', '--sd', '9000', '--lift', '10']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe('fieldproof: --lift 10 would be a 1,000% change; for 10% write --lift 10% or --lift 0.1\nRun "fieldproof --help" for usage.\n');
    // R: power.t.test reaches 0.8 at n = 2, but no split of 2 vs 2 (or 3 vs 3) can give p <= 0.05.
    expect((await run(['plan', '--mean', '42000', '--sd', '9000', '--lift', '500%'])).stdout).toContain(
      '  to detect a 500% lift: 4 units per arm (the fewest with which any effect can be shown at 95%)\n',
    );
  });

  it('takes a negative lift after a space, as a user types it for a lower-is-better metric', async () => {
    // The same 290 as a 5% lift: only the size of the change matters.
    expect((await run(['plan', '--mean', '42000', '--sd', '9000', '--lift', '-5%'])).stdout).toContain('  to detect a −5% lift: 290 units per arm\n');
  });

  it('refuses a power below 0.5 with exit 2, not a crash', async () => {
    const low = await run(['plan', '--mean', '42000', '--sd', '9000', '--lift', '0.1', '--power', '0.3']);
    expect(low.code).toBe(2);
    expect(low.stderr).toMatch(/^fieldproof: --power expects a probability from 0\.5 to 0\.999, e\.g\. 0\.8\n/);
  });

  it('refuses a metric with no variation to compare, rather than print "0% to 0%" (statistics.md section 12)', async () => {
    // Every lead converted, in both groups: no interval exists, and a detectable effect of 0 would read as "detects anything".
    const leads = [...Array.from({ length: 10 }, (_, i) => `P${i},pilot,yes`), ...Array.from({ length: 20 }, (_, i) => `C${i},control,yes`)];
    const root = await makeProject({
      'data/sales.csv': `lead,group,converted\n${leads.join('\n')}\n`,
      'pilots/leads.md': pilotMarkdown(
        `${BASE_FRONTMATTER.replace('unit: rep', 'unit: lead')}metrics:\n  - { id: conversion, label: Conversion, type: proportion, column: converted }\n`,
      ),
    });
    for (const command of [['plan', 'pilots/leads.md'], ['analyze', 'pilots/leads.md']]) {
      const result = await run(command, { cwd: root });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(
        'error pilots/leads.md, key "metrics.conversion": Conversion cannot be computed: every row in both groups is a yes, so there is no variation to compare',
      );
    }
  });

  it('plans from an existing pilot with --units, using its pre-period as the analysis will', async () => {
    // R, on test/fixtures/projects/small: per-rep pilot-period totals y, pre-period totals x;
    //   s <- summary(lm(y ~ z + x))$sigma (507.378); uniroot on the exact power with se = s * sqrt(2 / 30), df = 57
    //   -> 373.350, and over mean(y[z == 0]) -> 0.1053
    const { code, stdout } = await run(['plan', 'pilots/small.md', '--units', '30']);
    expect(code).toBe(0);
    expect(stdout).toContain('Revenue per rep (each unit against its own baseline, as the analysis compares them):\n');
    expect(stdout).toContain('  with 30 units per arm: the smallest detectable change is $373 (11%)\n');
  });

  it("plans from a pilot at the command's power, not the analysis's 80%", async () => {
    // R: the same se(b1) and df = 8 as the analysis, at power 0.9: uniroot -> 1247.83, 0.35195 of the control mean
    const { stdout } = await run(['plan', 'pilots/small.md', '--power', '0.9']);
    expect(stdout).toContain('Planning from this pilot\'s data (two-sided 95% confidence, 90% power, exact):\n');
    expect(stdout).toContain('  this pilot (5 vs 6 units) could detect $1,248 (35%)\n');
  });

  it('refuses options the command would ignore, and a --root that does not exist', async () => {
    const cases: [string[], string][] = [
      [['analyze', 'pilots/small.md', '--confidence', '0.9'], 'analyze has no option --confidence (it is an option of plan)'],
      [['check', '--json'], 'check has no option --json (it is an option of analyze)'],
      [['plan', 'pilots/small.md', '--mean', '3'], 'plan with a pilot file takes the control level and spread from its data; drop --mean'],
      [['check', '--root', 'no/such/folder'], '--root no/such/folder: no such folder'],
    ];
    for (const [argv, message] of cases) {
      const result = await run(argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr).toBe(`fieldproof: ${message}\nRun "fieldproof --help" for usage.\n`);
    }
  });

  it('plans from an existing pilot: what it could detect is what its report says', async () => {
    // R (reference-headline.R): the analysis's MDE, 1075.90; units for a 10% lift with the residual spread
    //   and df = 2n - 3: the smallest n with exact power >= 0.8 -> 34 (the plain comparison would need far more)
    const { code, stdout } = await run(['plan', 'pilots/small.md', '--lift', '0.1']);
    expect(code).toBe(0);
    expect(stdout).toContain('Revenue per rep (each unit against its own baseline, as the analysis compares them):\n  this pilot (5 vs 6 units) could detect $1,076 (30%)\n  to detect a 10% lift: 34 units per arm\n');
  });
});

describe('pilot files in a subfolder', () => {
  it('are not read, and check says so', async () => {
    const root = await makeProject({
      'data/sales.csv': 'rep,group,revenue\nann,pilot,100\nbob,pilot,120\ncy,control,50\ndee,control,70\n',
      'pilots/archive/old.md': pilotMarkdown(`${BASE_FRONTMATTER}metrics:\n  - { id: revenue, label: Revenue per rep, type: mean, column: revenue }\n`),
    });
    const { code, stderr, stdout } = await run(['check'], { cwd: root });
    expect(code).toBe(0);
    expect(stderr).toBe(
      'warning pilots/archive/: holds a pilot file that is not read: pilots are the .md files directly in pilots/ (a file\'s name is its address); move it up to publish, or leave it there as an archive\n',
    );
    expect(stdout).toBe('No pilots yet: add a markdown file to pilots/ (see the README).\n');
  });
});

describe('every problem at once', () => {
  it('a typo in a key does not hide a bad cell in the data', async () => {
    const root = await makeProject({
      'data/sales.csv': 'rep,group,revenue\nann,pilot,100\nbob,pilot,abc\ncy,control,50\ndee,control,70\n',
      'pilots/typo.md': pilotMarkdown(`${BASE_FRONTMATTER}statu2: x\nmetrics:\n  - { id: revenue, label: Revenue per rep, type: mean, column: revenue }\n`),
    });
    const { code, stderr } = await run(['check'], { cwd: root });
    expect(code).toBe(1);
    expect(stderr).toContain('error pilots/typo.md, key "statu2": unknown key; did you mean "status"?');
    expect(stderr).toContain('error data/sales.csv, row 3, column "revenue": "abc": expected a number');
    expect(stderr).toContain('\n2 errors.\n');
  });
});
