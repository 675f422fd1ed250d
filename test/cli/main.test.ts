import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main, type Effects } from '../../src/cli/main.ts';
import { BASE_FRONTMATTER, makeProject, pilotMarkdown } from '../support/project.ts';

const SMALL = fileURLToPath(new URL('../fixtures/projects/small', import.meta.url));

async function run(argv: string[], options: { cwd?: string; tty?: boolean; env?: Record<string, string> } = {}) {
  let stdout = '';
  let stderr = '';
  const effects: Effects = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: options.env ?? {},
    cwd: options.cwd ?? SMALL,
    stdoutIsTTY: options.tty ?? false,
    stderrIsTTY: options.tty ?? false,
    now: () => 0,
  };
  const code = await main(argv, effects);
  return { code, stdout, stderr };
}

describe('fieldproof check', () => {
  it('prints a table of headlines and exits 0', async () => {
    const { code, stdout, stderr } = await run(['check']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toBe(
      [
        'pilot  status     primary metric   change  interval       verdict',
        'small  concluded  Revenue per rep  +19%    −4.2% to +42%  Inconclusive',
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
      '  Revenue per rep was 19% higher for pilot reps than for control reps, adjusted for where each started (95% interval: −4.2% to +42%).',
    ]);
    expect(stdout).toContain('  baseline: pilot $2,118 vs control $2,484 (−15%), p = 0.23 FLAGGED: the arms differed before the pilot started\n');
    // R (reference.R): the MDE z * sqrt(vp + vc) = 1202.5 (33.9%); the rollout is lm's pilot coefficient
    // 631.878 (-143.221 to 1406.977) times 100 reps.
    expect(stdout).toContain('  smallest effect this pilot could reliably detect: $1,203 (34%)\n');
    expect(stdout).toContain('  rollout to all reps (100): +$63,188 (−$14,322 to +$140,698), if the effect carries over\n');
  });

  it('exits 2 on wrong usage', async () => {
    expect(await run(['analyze'])).toMatchObject({ code: 2, stdout: '' });
    expect((await run(['analyze', '../etc/passwd'])).code).toBe(2);
    expect(await run(['frobnicate'])).toMatchObject({
      code: 2,
      stderr: 'fieldproof: unknown command "frobnicate"; expected check, analyze or plan\nRun "fieldproof --help" for usage.\n',
    });
    expect((await run(['check', '--bogus'])).code).toBe(2);
    expect((await run([])).code).toBe(2);
  });

  it('exits 1 when the pilot is invalid', async () => {
    const root = await makeProject({ 'pilots/a.md': '---\ntitle: x\n---\n' });
    const { code, stdout } = await run(['analyze', 'pilots/a.md', '--json'], { cwd: root });
    expect(code).toBe(1);
    expect(stdout).toBe('');
  });

  it('--help exits 0', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('fieldproof analyze <pilots/x.md> --json');
  });
});

describe('fieldproof plan', () => {
  it('units per arm from a mean and spread, as R computes them', async () => {
    // R: z <- qnorm(.975) + qnorm(.8); ceiling(z^2 * (2 * 9000^2) / (L * 42000)^2) for L = 0.05, 0.1, 0.2 -> 289, 73, 19
    //    z * sqrt(2 * 9000^2 / 30) / 42000 -> 0.155007 (the lift 30 units per arm can detect)
    const { code, stdout } = await run(['plan', '--mean', '42000', '--sd', '9000', '--units', '30']);
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'Units per arm needed (two-sided 95% confidence, 80% power), control mean 42000, spread 9000 per unit:',
        '  to detect a 5% lift: 289 units per arm',
        '  to detect a 10% lift: 73 units per arm',
        '  to detect a 20% lift: 19 units per arm',
        '  with 30 units per arm: the smallest detectable lift is 16%',
        '',
      ].join('\n'),
    );
  });

  it('honours --confidence and --power', async () => {
    // R: z <- qnorm(.95) + qnorm(.9); ceiling(z^2 * (2 * 9000^2) / (0.1 * 42000)^2) -> 79
    const { stdout } = await run(['plan', '--mean', '42000', '--sd', '9000', '--lift', '0.1', '--confidence', '0.9', '--power', '0.9']);
    expect(stdout).toContain('  to detect a 10% lift: 79 units per arm\n');
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
    // R: yp <- rep(1:0, c(56, 14)); yc <- rep(1:0, c(48, 32)); m <- (qnorm(.975) + qnorm(.8)) * sqrt(var(yp) / 70 + var(yc) / 80)
    //    m = 0.20505 (20.5 pp), m / 0.6 = 0.3417 (34%)
    const { code, stdout } = await run(['plan', 'pilots/leads.md', '--lift', '0.1'], { cwd: root });
    expect(code).toBe(0);
    expect(stdout).toContain('  this pilot (70 vs 80 units) could detect 20.5 pp (34%)\n');
  });

  it('reads --lift as a fraction or a percent, and refuses a percent typed without its sign', async () => {
    // The same 73 as --lift 0.1 above.
    expect((await run(['plan', '--mean', '42000', '--sd', '9000', '--lift', '10%'])).stdout).toContain('  to detect a 10% lift: 73 units per arm\n');
    const typo = await run(['plan', '--mean', '42000', '--sd', '9000', '--lift', '10']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe('fieldproof: --lift 10 would be a 1,000% change; for 10% write --lift 10% or --lift 0.1\nRun "fieldproof --help" for usage.\n');
    // R: ceiling(z^2 * 2 * 9000^2 / (5 * 42000)^2) -> 1, but an analysis needs 2 units per arm.
    expect((await run(['plan', '--mean', '42000', '--sd', '9000', '--lift', '500%'])).stdout).toContain(
      '  to detect a 500% lift: 2 units per arm (the fewest an analysis accepts)\n',
    );
  });

  it('takes a negative lift after a space, as a user types it for a lower-is-better metric', async () => {
    // The same 289 as a 5% lift: only the size of the change matters.
    expect((await run(['plan', '--mean', '42000', '--sd', '9000', '--lift', '-5%'])).stdout).toContain('  to detect a −5% lift: 289 units per arm\n');
  });

  it('refuses a power below 0.5 with exit 2, not a crash', async () => {
    const low = await run(['plan', '--mean', '42000', '--sd', '9000', '--lift', '0.1', '--power', '0.3']);
    expect(low.code).toBe(2);
    expect(low.stderr).toMatch(/^fieldproof: --power expects a probability from 0\.5 to 0\.999, e\.g\. 0\.8\n/);
  });

  it('says the detectable change is not known when nothing varies', async () => {
    // Every lead converted, in both groups: the formula's 0 would read as "detects anything".
    const leads = [...Array.from({ length: 10 }, (_, i) => `P${i},pilot,yes`), ...Array.from({ length: 20 }, (_, i) => `C${i},control,yes`)];
    const root = await makeProject({
      'data/sales.csv': `lead,group,converted\n${leads.join('\n')}\n`,
      'pilots/leads.md': pilotMarkdown(
        `${BASE_FRONTMATTER.replace('unit: rep', 'unit: lead')}metrics:\n  - { id: conversion, label: Conversion, type: proportion, column: converted }\n`,
      ),
    });
    const plan = await run(['plan', 'pilots/leads.md'], { cwd: root });
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain(
      'Conversion:\n  the smallest change this pilot could detect, and the units a pilot needs, cannot be estimated: no unit differs from another in either group\n',
    );
    expect(plan.stdout).not.toMatch(/units per arm/);
    const analyzed = await run(['analyze', 'pilots/leads.md'], { cwd: root });
    expect(analyzed.stdout).toContain('Conversion was the same for pilot leads as for control leads');
    expect(analyzed.stdout).toContain('  smallest effect this pilot could reliably detect: cannot be estimated: no unit differs from another in either group\n');
  });

  it('plans from an existing pilot with --units', async () => {
    // R, on test/fixtures/projects/small: per-rep pilot-period revenue totals yp, yc;
    //   z <- qnorm(.975) + qnorm(.8); m <- z * sqrt((var(yp) + var(yc)) / 30); c(m, m / mean(yc)) -> 498.894, 0.14071
    const { code, stdout } = await run(['plan', 'pilots/small.md', '--units', '30']);
    expect(code).toBe(0);
    expect(stdout).toContain('Revenue per rep:\n');
    expect(stdout).toContain('  with 30 units per arm: the smallest detectable change is $499 (14%)\n');
  });

  it("plans from a pilot at the command's power, not the analysis's 80%", async () => {
    // R, same per-rep totals: z <- qnorm(.975) + qnorm(.9); m <- z * sqrt(var(yp) / 5 + var(yc) / 6); c(m, m / mean(yc)) -> 1391.34, 0.39242
    const { stdout } = await run(['plan', 'pilots/small.md', '--power', '0.9']);
    expect(stdout).toContain('Planning from this pilot\'s data (two-sided 95% confidence, 90% power):\n');
    expect(stdout).toContain('  this pilot (5 vs 6 units) could detect $1,391 (39%)\n');
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

  it('plans from an existing pilot', async () => {
    const { code, stdout } = await run(['plan', 'pilots/small.md', '--lift', '0.1']);
    expect(code).toBe(0);
    expect(stdout).toContain('Revenue per rep:\n  this pilot (5 vs 6 units) could detect $1,');
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
