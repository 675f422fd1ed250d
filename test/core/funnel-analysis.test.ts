/**
 * A funnel metric, file to results document, on a small project whose every
 * number was computed independently in R: test/fixtures/projects/funnel/reference.R
 * reads the stage cells by the documented rules (a later stage implying the
 * earlier ones), counts per rep, and enumerates all 252 splits of the 10
 * reps with the delta statistic (randomization-lib.R's analyse).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeProject } from '../../src/core/project.ts';
import type { FunnelStageResult, MetricResult } from '../../src/core/results.ts';

const FUNNEL = fileURLToPath(new URL('../fixtures/projects/funnel', import.meta.url));

/** Relative tolerance of 1e-9: the same sums and formulas, so only rounding differs. */
function close(actual: number | null | undefined, expected: number) {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

interface Expected {
  estimate: number;
  se: number;
  p: number;
  low: number;
  high: number;
  relativeLow: number;
  relativeHigh: number;
}

/**
 * The headline as R enumerates it. Bounds are found by bisection to 1e-7
 * standard errors in both (randomization-lib.R's invert), so they agree to
 * 1e-6 standard errors; the estimate and the p-value (a count over 252
 * splits) agree to rounding.
 */
function expectHeadline(rate: MetricResult | null, expected: Expected) {
  expect(rate).not.toBeNull();
  const { headline } = rate as MetricResult;
  expect(headline.method).toBe('randomization');
  expect(headline.basis).toBe('unadjusted');
  expect(headline.randomization).toMatchObject({ assignments: 252, exact: true, minimumP: 2 / 252 });
  close(headline.absolute.estimate, expected.estimate);
  close(headline.absolute.p, expected.p);
  expect(Math.abs(headline.absolute.low! - expected.low)).toBeLessThan(1e-6 * expected.se);
  expect(Math.abs(headline.absolute.high! - expected.high)).toBeLessThan(1e-6 * expected.se);
  expect(Math.abs(headline.relative.low! - expected.relativeLow)).toBeLessThan(1e-6);
  expect(Math.abs(headline.relative.high! - expected.relativeHigh)).toBeLessThan(1e-6);
}

async function funnel(): Promise<{ metric: MetricResult; stages: FunnelStageResult[]; warnings: string[] }> {
  const project = await analyzeProject(FUNNEL);
  expect(project.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
  const results = project.pilots[0]!.results;
  const metric = results.metrics[0]!;
  return { metric, stages: metric.stages!, warnings: results.warnings };
}

describe('a funnel metric on the small reference project', () => {
  it('counts each stage per arm, a later stage implying the earlier ones, as R does', async () => {
    const { metric, stages } = await funnel();
    expect(stages.map((stage) => [stage.column, stage.label])).toEqual([
      ['followed_up', 'followed up'],
      ['opportunity', 'became an opportunity'],
      ['won', 'won'],
    ]);
    // R: reference.R, "pilot: leads 28, counts 24 11 7" and "control: leads 27, counts 17 10 6".
    expect(metric.pilot.rows).toBe(28);
    expect(metric.control.rows).toBe(27);
    expect(stages.map((stage) => stage.perArm.pilot.count)).toEqual([24, 11, 7]);
    expect(stages.map((stage) => stage.perArm.control.count)).toEqual([17, 10, 6]);
    // R: sum(O[s]) / sum(F[s]) and sum(O[s]) / sum(leads[s]) per arm (reference.R).
    const pilotStageRates = [0.857142857142857, 0.458333333333333, 0.636363636363636];
    const controlStageRates = [0.62962962962963, 0.588235294117647, 0.6];
    const pilotOverall = [0.857142857142857, 0.392857142857143, 0.25];
    const controlOverall = [0.62962962962963, 0.37037037037037, 0.222222222222222];
    stages.forEach((stage, s) => {
      close(stage.perArm.pilot.stageRate, pilotStageRates[s]!);
      close(stage.perArm.control.stageRate, controlStageRates[s]!);
      close(stage.perArm.pilot.overallRate, pilotOverall[s]!);
      close(stage.perArm.control.overallRate, controlOverall[s]!);
      // Each rate's arms are the same ratios of sums.
      close(stage.overall!.pilot.value, pilotOverall[s]!);
      close(stage.stageToStage!.control.value, controlStageRates[s]!);
      expect(stage.refused).toBeNull();
    });
  });

  it('says which rows skipped a stage, by spreadsheet row', async () => {
    const { warnings } = await funnel();
    // R: reference.R, "skipped rows (spreadsheet numbers): 55, 56".
    expect(warnings).toContain(
      'Lead funnel: 2 leads are marked as reaching a later stage but not an earlier one (rows 55, 56); each is counted as reaching the earlier stages too, since a lead reaches a stage only through the ones before it',
    );
  });

  it('stage-to-stage rates: the headline randomization test over all 252 splits', async () => {
    const { stages } = await funnel();
    // R: reference.R, "opportunityFromFollowed: deltaStat over 252 splits" (N = reps' followed-up leads).
    expectHeadline(stages[1]!.stageToStage, {
      estimate: -0.129901960784314, se: 0.22251018787138, p: 0.547619047619048, low: -0.593910804055915, high: 0.489068664044168, relativeLow: -0.730332275781785, relativeHigh: 1.19433870961251,
    });
    // R: reference.R, "wonFromOpportunity: deltaStat over 252 splits" (N = reps' opportunities).
    expectHeadline(stages[2]!.stageToStage, {
      estimate: 0.0363636363636364, se: 0.200736469317519, p: 0.825396825396825, low: -0.48461860225422, high: 0.729518476018893, relativeLow: -0.482183272452792, relativeHigh: 3.69385636876504,
    });
    expect(stages[1]!.stageToStage!.method).toBe('delta');
    expect(stages[2]!.stageToStage!.verdict).toBe('inconclusive');
  });

  it('overall rates: the first stage is a win, and the funnel itself is its last stage over leads handed off', async () => {
    const { metric, stages } = await funnel();
    // R: reference.R, "followedOverall: deltaStat over 252 splits".
    const followed = { estimate: 0.227513227513227, se: 0.0907286215801631, p: 0.0317460317460317, low: 0.0223023938115768, high: 0.458314194540713, relativeLow: 0.0295560743214775, relativeHigh: 1.01763294523523 };
    expectHeadline(stages[0]!.overall, followed);
    expect(stages[0]!.overall!.verdict).toBe('win');
    // The first stage's rate from the previous stage is from the leads handed off: the same analysis.
    expect(stages[0]!.stageToStage).toEqual(stages[0]!.overall);
    // R: reference.R, "wonOverall: deltaStat over 252 splits".
    const wonOverall = { estimate: 0.0277777777777778, se: 0.123100971115132, p: 0.777777777777778, low: -0.288574855786197, high: 0.31138805108346, relativeLow: -0.762508257260746, relativeHigh: 3.89136880910841 };
    expectHeadline(metric, wonOverall);
    expectHeadline(stages[2]!.overall, wonOverall);
    expect(stages[2]!.overall!.headline).toEqual(metric.headline);
    expect(metric.verdict).toBe('inconclusive');
    expect(metric.type).toBe('funnel');
    // The stage's own copy of the funnel's result does not hold the stages again (no cycle in results.json).
    expect(stages[2]!.overall).not.toHaveProperty('stages');
  });
});

describe('a funnel stage that cannot be compared', () => {
  it('is null with the reason, and the rest of the funnel (and the pilot) still stands', async () => {
    const { makeProject, pilotMarkdown, BASE_FRONTMATTER } = await import('../support/project.ts');
    const rows = ['rep,group,followed_up,opportunity,won'];
    // No control lead became an opportunity: the control group's rate of won from opportunity has nothing to divide by.
    for (const [rep, group, cells] of [
      ['p1', 'pilot', ['yes,yes,yes', 'yes,no,no', 'no,,']],
      ['p2', 'pilot', ['yes,yes,no', 'yes,,', 'no,no,no']],
      ['p3', 'pilot', ['yes,,', 'yes,yes,yes', 'yes,yes,no']],
      ['c1', 'control', ['yes,no,no', 'no,,']],
      ['c2', 'control', ['no,no,no', 'yes,,', 'yes,,']],
      ['c3', 'control', ['no,,']],
    ] as const) {
      for (const cell of cells) rows.push(`${rep},${group},${cell}`);
    }
    const root = await makeProject({
      'pilots/leads.md': pilotMarkdown(`${BASE_FRONTMATTER.replace('sales.csv', 'leads.csv')}\nmetrics:\n  - { id: funnel, label: Lead funnel, type: funnel, stages: [followed_up, opportunity, won] }`),
      'data/leads.csv': `${rows.join('\n')}\n`,
    });
    const project = await analyzeProject(root);
    expect(project.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    const stages = project.pilots[0]!.results.metrics[0]!.stages!;
    expect(stages[2]!.perArm.control).toEqual({ count: 0, stageRate: null, overallRate: 0 });
    expect(stages[2]!.stageToStage).toBeNull();
    expect(stages[2]!.refused).toMatch(/^Leads won, of those opportunity cannot be computed: the control group's "opportunity" add up to 0/);
    // The overall rates exist (0 of the control's leads is a rate), and so does the rate of opportunity from follow-up.
    expect(stages[2]!.overall).not.toBeNull();
    expect(stages[1]!.stageToStage!.control.value).toBe(0);
    expect(stages[1]!.refused).toBeNull();
  });
});
