/**
 * statistics.md section 12, "Honest in every corner": each corner built as a
 * small project and run through the whole analysis, file to results
 * document, so what a reader would see is what is checked.
 */
import { describe, expect, it } from 'vitest';
import { analyzeProject } from '../../src/core/project.ts';
import type { MetricResult, ResultsDocument } from '../../src/core/results.ts';
import { BASE_FRONTMATTER, makeProject, pilotMarkdown } from '../support/project.ts';

/** The results of one pilot over data/sales.csv, or the problems that stopped it. */
async function analyse(csv: string, extra: string) {
  const root = await makeProject({ 'data/sales.csv': csv, 'pilots/test.md': pilotMarkdown(`${BASE_FRONTMATTER}${extra}`) });
  return analyzeProject(root);
}

async function resultsOf(csv: string, extra: string): Promise<ResultsDocument> {
  const project = await analyse(csv, extra);
  expect(project.pilots, JSON.stringify(project.problems)).toHaveLength(1);
  return project.pilots[0]!.results;
}

const REVENUE = 'metrics:\n  - { id: revenue, label: Revenue per rep, type: mean, column: revenue, format: currency }\n';

/** Rows rep,group,week,revenue: each rep's baseline week (2026-02-23) and pilot week (2026-03-09). */
function weekly(reps: [rep: string, group: 'pilot' | 'control', before: number | null, during: number | null][]): string {
  const rows = ['rep,group,week,revenue'];
  for (const [rep, group, before, during] of reps) {
    if (before !== null) rows.push(`${rep},${group},2026-02-23,${before}`);
    if (during !== null) rows.push(`${rep},${group},2026-03-09,${during}`);
  }
  return `${rows.join('\n')}\n`;
}

function noDirectionStated(metric: MetricResult): void {
  expect(metric.sentence).not.toMatch(/ was [^ ]+ (higher|lower) for pilot/);
}

describe('no variation', () => {
  it('an arm whose units are all equal is said, and the interval rests on the other arm', async () => {
    const results = await resultsOf('rep,group,revenue\na,pilot,100\nb,pilot,100\nc,pilot,100\nd,pilot,100\ne,control,90\nf,control,70\ng,control,85\nh,control,95\n', REVENUE);
    expect(results.warnings).toContain("Revenue per rep: every pilot rep has the same value ($100), so the interval rests on the control group's spread alone");
    expect(results.metrics[0]!.headline.absolute.low).not.toBeNull();
  });

  it('both arms all yes (or all no) refuses the interval: no "0% to 0%"', async () => {
    const rows = Array.from({ length: 8 }, (_, i) => `L${i},${i < 4 ? 'pilot' : 'control'},yes`);
    const project = await analyse(`rep,group,converted\n${rows.join('\n')}\n`, 'metrics:\n  - { id: conversion, label: Conversion, type: proportion, column: converted }\n');
    expect(project.pilots).toHaveLength(0);
    expect(project.problems.map((problem) => problem.message)).toEqual([
      'Conversion cannot be computed: every row in both groups is a yes, so there is no variation to compare; a longer pilot, or an outcome that is not always the same, is needed',
    ]);
  });
});

describe('extrapolation', () => {
  it('baselines that do not overlap: the adjusted result is not the headline, and the verdict is inconclusive with the reason', async () => {
    // Pilot reps all started above every control rep, and pulled further ahead: a plain win, an adjusted guess.
    const results = await resultsOf(
      weekly([
        ['a', 'pilot', 200, 260], ['b', 'pilot', 210, 275], ['c', 'pilot', 220, 280], ['d', 'pilot', 205, 262],
        ['e', 'control', 100, 110], ['f', 'control', 110, 118], ['g', 'control', 95, 101], ['h', 'control', 105, 115],
      ]),
      `date: week\n${REVENUE}`,
    );
    const revenue = results.metrics[0]!;
    expect(revenue.adjusted!.balance).toMatchObject({ overlap: false, extrapolating: true, flagged: true });
    expect(revenue.headline.basis).toBe('unadjusted');
    // The plain comparison clears zero (Welch: +$149.75), but it cannot tell the pilot from the head start,
    // so no test stands as the headline: no bounds, no p, and no verdict.
    expect(revenue.absolute.low).toBeGreaterThan(0);
    expect(revenue.headline.absolute).toEqual({ estimate: revenue.absolute.estimate, low: null, high: null, p: null });
    expect(revenue.headline.relative).toEqual({ estimate: revenue.relative.estimate, low: null, high: null });
    expect(revenue.headline.randomization).toMatchObject({ assignments: 70, exact: true, unitsNeeded: null });
    expect(revenue.verdict).toBe('inconclusive');
    expect(revenue.headline.reason).toMatch(/^Before the pilot the two groups' baselines did not overlap at all/);
    // Before: (200 + 210 + 220 + 205) / 4 = 208.75 against 102.5; during: 269.25 against 111.
    expect(revenue.sentence).toBe(
      'Revenue per rep: no verdict, because the groups were too far apart before the pilot for a fair comparison. ' +
        'Before it, revenue per rep was $209 for pilot reps against $103 for control reps; during it, $269 for pilot reps against $111 for control reps. ' +
        'How much of the difference is the pilot and how much the head start, this pilot cannot tell.',
    );
    expect(revenue.range).toMatch(/^There is no interval/);
    expect(revenue.rollout).toBeNull();
  });
});

describe('attrition', () => {
  it('counts per arm the units that left, anonymously, flags a difference, and keeps them in the balance check', async () => {
    // Four of five control reps stayed, all five pilot reps did... then three control reps left: 0/5 against 3/6.
    const results = await resultsOf(
      weekly([
        ['a', 'pilot', 100, 120], ['b', 'pilot', 110, 135], ['c', 'pilot', 90, 108], ['d', 'pilot', 105, 126], ['e', 'pilot', 95, 112],
        ['f', 'control', 100, 101], ['g', 'control', 104, 99], ['h', 'control', 98, 103], ['i', 'control', 150, null], ['j', 'control', 160, null], ['k', 'control', 140, null],
      ]),
      `date: week\n${REVENUE}`,
    );
    // R: fisher.test(matrix(c(0, 5, 3, 3), 2, byrow = TRUE))$p.value = 0.181818181818182, but 0% against 50% is over 10 points.
    expect(results.attrition).toMatchObject({ pilot: 0, control: 3, flagged: true });
    expect(results.attrition.p).toBeCloseTo(0.181818181818182, 12);
    expect(results.warnings).toContain(
      '3 of 6 control reps with rows before the pilot have no rows during it (left, or their data is missing): they count in the baseline check but not in the result; the two groups lost reps at different rates (0% against 50%), so those who stayed may no longer be comparable',
    );
    expect(JSON.stringify(results)).not.toMatch(/"(i|j|k)"/);
    // The balance check reads all six control baselines: mean (100 + 104 + 98 + 150 + 160 + 140) / 6.
    expect(results.metrics[0]!.adjusted!.balance.control).toBeCloseTo(125.33333333333333, 10);
    expect(results.metrics[0]!.adjusted!.balance.units).toEqual({ pilot: 5, control: 6 });
  });

  it('names the units that left when the pilot allows it', async () => {
    const results = await resultsOf(
      weekly([['a', 'pilot', 100, 120], ['b', 'pilot', 110, 135], ['c', 'pilot', 90, 108], ['f', 'control', 100, 101], ['g', 'control', 104, 99], ['h', 'control', 98, 103], ['i', 'control', 150, null]]),
      `date: week\nshowUnits: true\n${REVENUE}`,
    );
    expect(results.warnings.find((warning) => warning.startsWith('1 of 4 control reps (i)'))).toBeDefined();
  });
});

describe('percent-format mean metrics', () => {
  it('with more than one row per unit in a period are refused: percents cannot be added', async () => {
    const project = await analyse(
      'rep,group,week,rate\na,pilot,2026-03-02,40%\na,pilot,2026-03-09,50%\nb,pilot,2026-03-02,45%\nc,control,2026-03-02,30%\nd,control,2026-03-02,35%\n',
      'date: week\nmetrics:\n  - { id: rate, label: Close rate, type: mean, column: rate, format: percent }\n',
    );
    expect(project.pilots).toHaveLength(0);
    expect(project.problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        file: 'pilots/test.md',
        column: 'metrics.rate',
        message:
          'Close rate is a mean of percents, and 1 unit has more than one row in a period, whose percents would be added up; expected one row per unit and period, or a ratio metric (numerator: the successes, denominator: the tries) that weighs each row by its size',
      }),
    ]);
  });
});

describe('words at the edges', () => {
  it('a pilot arm of all zeros is not "−100% to −100%": the change is told in the metric\'s units', async () => {
    const results = await resultsOf('rep,group,revenue\na,pilot,0\nb,pilot,0\nc,pilot,0\nd,pilot,0\ne,control,90\nf,control,70\ng,control,85\nh,control,95\n', REVENUE);
    const revenue = results.metrics[0]!;
    expect(revenue.headline.relative.estimate).toBeNull();
    expect(revenue.sentence).not.toMatch(/100%|−\d/);
    expect(revenue.sentence).toMatch(/^Revenue per rep was \$85 lower for pilot reps than for control reps \(95% interval: /);
  });

  it('never writes a change below −100%, nor a direction for an inconclusive result', async () => {
    const results = await resultsOf('rep,group,revenue\na,pilot,10\nb,pilot,400\nc,pilot,15\nd,pilot,20\ne,control,90\nf,control,70\ng,control,85\nh,control,95\n', REVENUE);
    const revenue = results.metrics[0]!;
    expect(revenue.verdict).toBe('inconclusive');
    noDirectionStated(revenue);
    for (const text of [revenue.sentence, revenue.range]) {
      for (const match of text.matchAll(/(\d[\d,.]*)% lower/g)) expect(Number((match[1] as string).replace(/,/g, ''))).toBeLessThan(100);
    }
  });

  it('a lift of 3e-9 is not "0% higher (0% to 0%)"', async () => {
    const base = [900, 1100, 1000, 1200, 800];
    const rows = ['rep,group,revenue', ...base.map((value, i) => `p${i},pilot,${value * (1 + 3e-9)}`), ...base.map((value, i) => `c${i},control,${value}`)];
    const results = await resultsOf(`${rows.join('\n')}\n`, REVENUE);
    const revenue = results.metrics[0]!;
    expect(revenue.sentence).not.toMatch(/ 0%| \+0%| −0%/);
    expect(revenue.sentence).toMatch(/best estimate \+3\.0e−7%/);
  });
});

describe('too few units', () => {
  it('3 vs 3: no split could reach p <= 0.05, so the verdict is too-few, with the units that would do', async () => {
    const results = await resultsOf('rep,group,revenue\na,pilot,500\nb,pilot,520\nc,pilot,540\nd,control,100\ne,control,110\nf,control,105\n', REVENUE);
    const revenue = results.metrics[0]!;
    // However large the gap, the best any of the 20 splits can do is p = 2/20 = 0.1.
    expect(revenue.headline.randomization).toMatchObject({ assignments: 20, exact: true, minimumP: 0.1, unitsNeeded: 4 });
    expect(revenue.verdict).toBe('too-few');
    expect(revenue.mde).toBeNull();
    expect(revenue.sentence).toBe(
      'Revenue per rep: too few reps to show any effect. With 3 pilot and 3 control reps, no way of splitting them could give a result clear at the 95% level; 4 reps in each group would make it possible (best estimate +395%).',
    );
  });
});
