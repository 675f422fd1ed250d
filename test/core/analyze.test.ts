/**
 * The whole path, file to results document, on a small project whose every
 * number was computed independently in R: test/fixtures/projects/small/reference.R
 * (per-unit sums with aggregate(), then t.test, lm and the delta method by
 * hand) for the large-sample analyses, and reference-headline.R for the
 * headline (all 462 splits of the 11 reps enumerated, the weighted regression
 * of section 11 with clubSandwich, the exact detectable effect by uniroot).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeProject } from '../../src/core/project.ts';
import type { MetricResult } from '../../src/core/results.ts';
import { BASE_FRONTMATTER, makeProject, pilotMarkdown } from '../support/project.ts';

const SMALL = fileURLToPath(new URL('../fixtures/projects/small', import.meta.url));

/** Relative tolerance of 1e-9: the same formulas, so only rounding differs. */
function close(actual: number | null | undefined, expected: number) {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

async function small(): Promise<MetricResult[]> {
  const project = await analyzeProject(SMALL);
  expect(project.problems).toEqual([]);
  return project.pilots[0]!.results.metrics;
}

describe('analyzePilot on the small reference project', () => {
  it('mean metric: Welch on per-unit pilot-period sums, as R t.test', async () => {
    const revenue = (await small())[0]!;
    expect(revenue.method).toBe('welch');
    expect(revenue.pilot).toEqual({ units: 5, rows: 15, value: 3804.4 });
    expect(revenue.control).toEqual({ units: 6, rows: 18, value: 3545.5 });
    close(revenue.absolute.estimate, 258.9);
    close(revenue.absolute.low, -812.40341193469817);
    close(revenue.absolute.high, 1330.2034119346986);
    close(revenue.absolute.p, 0.570198069150204);
    close(revenue.absolute.df!, 5.549261760578649);
    // Fieller with Tamhane-Logan df, from the quadratic in R (reference.R).
    close(revenue.relative.estimate, 0.0730221407417855);
    close(revenue.relative.low, -0.2164611977209016);
    close(revenue.relative.high, 0.3944012498669027);
  });

  it('mean metric with a pre-period: ANCOVA as R lm(revenue ~ pilot + x), and the balance check', async () => {
    const revenue = (await small())[0]!;
    const adjusted = revenue.adjusted!;
    expect(adjusted.method).toBe('ancova');
    expect(adjusted.units).toBe(11);
    close(adjusted.absolute.estimate, 631.8781623708140387);
    close(adjusted.absolute.low, -143.2209761824004772);
    close(adjusted.absolute.high, 1406.9773009240284409);
    close(adjusted.absolute.p, 0.0969195094728235);
    expect(adjusted.absolute.df).toBe(8);
    close(adjusted.relative.estimate, 0.187169671860336);
    close(adjusted.relative.low, -0.0424237213943241);
    close(adjusted.relative.high, 0.4167630651149961);
    close(adjusted.balance.pilot, 2117.8);
    close(adjusted.balance.control, 2483.5);
    close(adjusted.balance.relative!, 2117.8 / 2483.5 - 1);
    close(adjusted.balance.p, 0.225942681650293);
    // Pilot reps started 14.7% behind: more than 10%, so the check flags it; their ranges overlap, so the adjustment stands.
    expect(adjusted.balance.flagged).toBe(true);
    expect(adjusted.balance).toMatchObject({ units: { pilot: 5, control: 6 }, overlap: true, extrapolating: false });
  });

  it('headline: the randomization test of the ANCOVA over all 462 splits, as R enumerates it (statistics.md section 10)', async () => {
    const revenue = (await small())[0]!;
    const { headline } = revenue;
    expect(headline.basis).toBe('adjusted');
    expect(headline.method).toBe('randomization');
    expect(headline.randomization).toEqual({ design: 'complete', assumed: true, assignments: 462, exact: true, draws: null, minimumP: 1 / 462, unitsNeeded: null });
    // R: reference-headline.R, "revenue" (randomization-lib.R's analyse with ancovaStat).
    close(headline.absolute.estimate, 631.8781623708140387);
    expect(Math.abs(headline.absolute.low! - -193.257990265589)).toBeLessThan(1e-6 * 555);
    expect(Math.abs(headline.absolute.high! - 1375.19539205739)).toBeLessThan(1e-6 * 555);
    close(headline.absolute.p, 0.0974025974025974);
    close(headline.relative.estimate, 0.187169671860336);
    expect(Math.abs(headline.relative.low! - -0.0552753190004922)).toBeLessThan(1e-6);
    expect(Math.abs(headline.relative.high! - 0.422824068978214)).toBeLessThan(1e-6);
    expect(headline.reason).toBeNull();
    expect(revenue.verdict).toBe('inconclusive');
    // Exact power of the adjusted comparison: R: uniroot on pt(qt(.975, 8), 8, d / se) (reference-headline.R).
    close(revenue.mde!.absolute, 1075.90009244595);
    close(revenue.mde!.relative!, 1075.90009244595 / 3545.5);
    // An inconclusive result states no direction (statistics.md section 6).
    expect(revenue.sentence).toBe(
      'Revenue per rep was somewhere between 5.5% lower and 42% higher for pilot reps than for control reps, adjusted for where each started (best estimate +19%; 95% interval).',
    );
    expect(revenue.range).toBe('The pilot could be anywhere from 5.5% worse to 42% better.');
    // Rollout uses the headline interval (statistics.md section 8).
    expect(revenue.rollout!.units).toBe(100);
    close(revenue.rollout!.estimate, 63187.81623708140387);
    expect(Math.abs(revenue.rollout!.low! - -19325.7990265589)).toBeLessThan(1e-4 * 555);
    expect(Math.abs(revenue.rollout!.high! - 137519.539205739)).toBeLessThan(1e-4 * 555);
  });

  it('ratio and clustered proportion with a pre-period: the weighted regression of section 11, tested by randomization', async () => {
    const [, opportunities, won] = await small();
    // R: reference-headline.R, with clubSandwich's CR2 standard error and Satterthwaite df.
    for (const [metric, expected] of [
      [opportunities!, { estimate: 0.227513227513228, se: 0.751536878667508, df: 7.23962724191832, mde: 2.44340088265859, p: 0.761904761904762, low: -1.56406267138936, high: 2.12843120540424, relativeLow: -0.381308040473994, relativeHigh: 1.19987922786369 }],
      [won!, { estimate: 0.277777777777778, se: 0.147815583919446, df: 7.53592756188385, mde: 0.477471873577781, p: 0.114718614718615, low: -0.0670662621642511, high: 0.666666664689742, relativeLow: -0.128830977966589, relativeHigh: 3.84483580355902 }],
    ] as const) {
      expect(metric.adjusted!.method).toBe('weighted-ancova');
      close(metric.adjusted!.absolute.estimate, expected.estimate);
      close(metric.adjusted!.absolute.df!, expected.df);
      expect(metric.headline.basis).toBe('adjusted');
      close(metric.headline.absolute.p, expected.p);
      expect(Math.abs(metric.headline.absolute.low! - expected.low)).toBeLessThan(1e-6 * expected.se);
      expect(Math.abs(metric.headline.absolute.high! - expected.high)).toBeLessThan(1e-6 * expected.se);
      expect(Math.abs(metric.headline.relative.low! - expected.relativeLow)).toBeLessThan(1e-6);
      expect(Math.abs(metric.headline.relative.high! - expected.relativeHigh)).toBeLessThan(1e-6);
      close(metric.mde!.absolute, expected.mde);
      expect(metric.verdict).toBe('inconclusive');
    }
  });

  it('ratio metric: delta method per arm, Welch-Satterthwaite df', async () => {
    const opportunities = (await small())[1]!;
    expect(opportunities.method).toBe('delta');
    // Section 8 projects per-unit totals: a ratio has none.
    expect(opportunities.rollout).toBeNull();
    close(opportunities.pilot.value, 3.2);
    close(opportunities.control.value, 2.833333333333333);
    close(opportunities.absolute.low, -1.2063227304677);
    close(opportunities.absolute.high, 1.939656063801033);
    close(opportunities.absolute.p, 0.610470141306748);
    close(opportunities.absolute.df!, 8.944263279616059);
  });

  it('proportion with several rows per unit: clustered, by the delta method', async () => {
    const won = (await small())[2]!;
    expect(won.method).toBe('delta');
    close(won.pilot.value, 0.6666666666666666);
    close(won.control.value, 0.3888888888888889);
    close(won.absolute.low, -0.0557320711822762);
    close(won.absolute.high, 0.6112876267378317);
    close(won.absolute.p, 0.0920088035764048);
    close(won.absolute.df!, 8.8256484149855901);
    expect(won.sentence).toBe(
      'Win rate was somewhere between 6.7 pp lower and 66.7 pp higher for pilot reps than for control reps, adjusted for where each started (66.7% vs 38.9%; best estimate +27.8 pp; 95% interval).',
    );
  });

  it('reports the document fields of outputs.md', async () => {
    const project = await analyzeProject(SMALL);
    const results = project.pilots[0]!.results;
    expect(Object.keys(results)).toEqual(['slug', 'title', 'status', 'decision', 'confidence', 'units', 'warnings', 'attrition', 'metrics']);
    expect(results).toMatchObject({ slug: 'small', status: 'concluded', confidence: 0.95, units: { pilot: 5, control: 6 }, warnings: [] });
    // Every rep with rows before the pilot has rows during it: none left (R: fisher.test(matrix(c(0, 5, 0, 6), 2))$p.value is 1).
    expect(results.attrition).toEqual({ pilot: 0, control: 0, p: 1, flagged: false });
    expect(Object.keys(results.metrics[0]!)).toEqual([
      'id', 'label', 'type', 'primary', 'role', 'better', 'format', 'currency', 'method', 'pilot', 'control', 'absolute', 'relative', 'adjusted', 'headline', 'verdict', 'guardrail', 'sentence', 'range', 'mde', 'spread', 'rollout',
    ]);
    expect(results.metrics.map((metric) => metric.primary)).toEqual([true, false, false]);
    // No NaN or Infinity anywhere: JSON would turn them into null silently.
    expect(JSON.stringify(results)).not.toMatch(/NaN|Infinity/);
  });
});

describe('analyzePilot with one row per unit: independent proportions', () => {
  it('uses Newcombe, the pooled z test and the Katz lift, as R computes them', async () => {
    // Newcombe 1998 Table II: 56/70 vs 48/80.
    const leads = [
      ...Array.from({ length: 70 }, (_, i) => `P${i},pilot,${i < 56 ? 'yes' : 'no'}`),
      ...Array.from({ length: 80 }, (_, i) => `C${i},control,${i < 48 ? 'yes' : 'no'}`),
    ];
    const root = await makeProject({
      'data/leads.csv': `lead,group,converted\n${leads.join('\n')}\n`,
      'pilots/leads.md': pilotMarkdown(`
title: Lead-level pilot
status: concluded
hypothesis: More leads convert.
started: 2026-03-02
ended: 2026-05-31
data: leads.csv
unit: lead
metrics:
  - { id: conversion, label: Conversion, type: proportion, column: converted }
`),
    });
    const project = await analyzeProject(root);
    expect(project.problems).toEqual([]);
    const conversion = project.pilots[0]!.results.metrics[0]!;
    expect(conversion.method).toBe('newcombe');
    expect(conversion.pilot).toEqual({ units: 70, rows: 70, value: 0.8 });
    expect(conversion.control).toEqual({ units: 80, rows: 80, value: 0.6 });
    expect(conversion.absolute.df).toBeNull();
    // R: Wilson intervals by formula, then Newcombe's method 10 (statistics.md section 4).
    close(conversion.absolute.estimate, 0.2);
    close(conversion.absolute.low, 0.052431472402365);
    close(conversion.absolute.high, 0.333872654036906);
    // R: prop.test(c(56, 48), c(70, 80), correct = FALSE)$p.value
    close(conversion.absolute.p, 0.00804508136819656);
    // R: rr <- (56/70)/(48/80); se <- sqrt(1/56 - 1/70 + 1/48 - 1/80); exp(log(rr) -/+ qnorm(.975) * se) - 1
    close(conversion.relative.estimate, 0.333333333333333);
    close(conversion.relative.low, 0.076626422763193);
    close(conversion.relative.high, 0.651248511266387);
    // The headline is Newcombe's interval, with its own p: the smallest alpha at which it excludes 0 (section 6).
    expect(conversion.headline.method).toBe('newcombe');
    expect(conversion.headline.randomization).toBeNull();
    close(conversion.headline.absolute.low!, 0.052431472402365);
    expect(conversion.headline.absolute.p).toBeLessThan(0.05);
    expect(conversion.headline.absolute.p).not.toBe(conversion.absolute.p);
    // Section 1's arm variance, v = s^2 / n (the delta method with every N_i = 1), feeds section 7, exact with df infinite:
    // R: yp <- rep(1:0, c(56, 14)); yc <- rep(1:0, c(48, 32)); se <- sqrt(var(yp) / 70 + var(yc) / 80)
    //    uniroot(function(d) 1 - pnorm(qnorm(.975) - d / se) + pnorm(-qnorm(.975) - d / se) - 0.8, c(0, 1), tol = 1e-14)$root
    close(conversion.mde!.absolute, 0.205048520539685);
    // R: sd(yp), sd(yc)
    close(conversion.spread.pilot, 0.402888124148268);
    close(conversion.spread.control, 0.492988818010657);
    expect(conversion.verdict).toBe('win');
    expect(conversion.sentence).toBe(
      'Conversion was 20.0 pp higher for pilot leads than for control leads (80.0% vs 60.0%; 95% interval: +5.2 pp to +33.4 pp).',
    );
  });
});

describe('the weekly trend', () => {
  it('is sorted in plain string order, which is localeCompare\'s for its keys', () => {
    // weeklyTrend sorts weeks (ISO days, years 0000 to 9999, the Monday of 0000-01-01 being -000001-12-27), periods and arms
    // by code point, so that no ICU collation data is loaded; the order must be the one localeCompare gave.
    const days = ['-000001-12-27', '0000-01-03', '0999-12-30', '2025-12-29', '2026-01-05', '2026-01-12', '2026-10-05', '9999-12-27'];
    const keys = days.flatMap((day) => ['pre', 'pilot'].flatMap((period) => ['pilot', 'control'].map((arm) => `${day}|${period}|${arm}`)));
    const sortBy = (compare: (a: string, b: string) => number) =>
      [...keys].reverse().sort((a, b) => {
        const [x, y] = [a.split('|') as [string, string, string], b.split('|') as [string, string, string]];
        return compare(x[0], y[0]) || compare(x[1], y[1]) || compare(x[2], y[2]);
      });
    const byCodePoint = sortBy((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const byLocale = sortBy((a, b) => a.localeCompare(b));
    expect(byCodePoint).toEqual(byLocale);
  });
});

/** The results document of one pilot (BASE_FRONTMATTER plus `extra` keys) over `csv` as data/sales.csv. */
async function resultsOf(csv: string, extra: string) {
  const root = await makeProject({ 'data/sales.csv': csv, 'pilots/test.md': pilotMarkdown(`${BASE_FRONTMATTER}${extra}`) });
  const project = await analyzeProject(root);
  expect(project.pilots, JSON.stringify(project.problems)).toHaveLength(1);
  return project.pilots[0]!.results;
}

describe('how the data was read, when it could be read two ways', () => {
  it('reaches the results document as a warning', async () => {
    const results = await resultsOf(
      'rep;group;revenue\nAna;pilot;4.120\nBen;pilot;5.310\nCai;pilot;4.800\nDan;control;3.870\nEve;control;3.655\nFay;control;4.010\n',
      'metrics:\n  - { id: revenue, label: Revenue per rep, type: mean, column: revenue, format: currency, currency: EUR }\n',
    );
    expect(results.warnings).toEqual([expect.stringMatching(/^values such as "4\.120" on row 2 were read as 4120: in a file separated by ";" a dot groups thousands/)]);
    // (4120 + 5310 + 4800) / 3, not 4.74.
    expect(results.metrics[0]!.pilot.value).toBeCloseTo(4743.333333333333, 9);
  });
});

describe('empty cells', () => {
  it('are counted before the pilot too, and a mean metric says they add nothing to a total', async () => {
    const rows = ['rep,group,week,revenue'];
    for (const [rep, group] of [['a', 'pilot'], ['b', 'pilot'], ['c', 'control'], ['d', 'control']] as const) {
      rows.push(`${rep},${group},2026-02-23,${rep === 'a' ? '' : 100}`, `${rep},${group},2026-03-02,${rep === 'c' ? '' : 120 + rep.charCodeAt(0)}`, `${rep},${group},2026-03-09,${110 + rep.charCodeAt(0) * 2}`);
    }
    const results = await resultsOf(`${rows.join('\n')}\n`, 'date: week\nmetrics:\n  - { id: revenue, label: Revenue per rep, type: mean, column: revenue }\n');
    expect(results.warnings).toEqual([
      "Revenue per rep: 1 row with an empty value was left out, so it adds nothing to its unit's total",
      'Revenue per rep: 1 row before the pilot with an empty value was left out of the baseline',
      // Four reps, one without a baseline: too few for the adjustment, which is said too.
      'Revenue per rep: too few units have pre-period rows for a baseline adjustment; the unadjusted result is the headline',
    ]);
  });
});

describe('a baseline that cannot adjust', () => {
  it('still says when the pilot group was already ahead', async () => {
    // Every pilot rep sold 80 before the pilot and every control rep 40: no variation to test or adjust with.
    const rows = ['rep,group,week,revenue'];
    for (const [rep, group, before, after] of [['a', 'pilot', 80, 100], ['b', 'pilot', 80, 130], ['c', 'control', 40, 90], ['d', 'control', 40, 95], ['e', 'control', 40, 120]] as const) {
      rows.push(`${rep},${group},2026-02-23,${before}`, `${rep},${group},2026-03-09,${after}`);
    }
    const results = await resultsOf(
      `${rows.join('\n')}\n`,
      'date: week\nmetrics:\n  - { id: revenue, label: Revenue per rep, type: mean, column: revenue, format: currency, currency: USD }\n',
    );
    expect(results.metrics[0]!.adjusted).toBeNull();
    expect(results.warnings).toContain(
      'Revenue per rep: before the pilot the pilot group was already ahead ($80 against $40 per unit, more than 10% apart), and with no adjustment part of the difference may have been there all along',
    );
  });
});

describe('a unit with no value of a metric', () => {
  it('is left out of that metric, and the results say so', async () => {
    // Rep e has rows in the pilot but every revenue cell empty: 2 pilot and 2 control reps count for revenue, of 5.
    const csv = 'rep,group,revenue,won\na,pilot,100,1\nb,pilot,130,0\nc,control,90,1\nd,control,95,0\ne,control,,1\n';
    const results = await resultsOf(
      csv,
      'metrics:\n  - { id: revenue, label: Revenue per rep, type: mean, column: revenue }\n  - { id: won, label: Win rate, type: proportion, column: won }\n',
    );
    expect(results.metrics[0]!.control.units).toBe(2);
    expect(results.metrics[1]!.control.units).toBe(3);
    expect(results.warnings).toContain('Revenue per rep: 1 unit with no value in the pilot period is left out of this metric');
    expect(results.warnings.filter((warning) => warning.startsWith('Win rate'))).toEqual([]);
  });
});
