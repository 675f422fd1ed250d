import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import type { ResultsDocument, SegmentColumnResult } from '../../src/core/results.ts';
import { MOST_SEGMENT_VALUES } from '../../src/core/load/segment-sums.ts';
import { pilotSchema } from '../../src/core/pilot-schema.ts';
import { analyzeRows, pilotOf } from '../robustness/support.ts';
import { HEADER, regionResults, regionSegments, ROWS } from './segments-fixture.ts';
import { expectClose } from './stats/expect-close.ts';

/** A bound agrees to 1e-6 of its own size (the bisection stops at 1e-7 se). */
const BOUND = 1e-6;

describe('segments', () => {
  it('analyses each value over its own rows, Holm-adjusted, each interval at the level Holm tested it at (pinned to R)', () => {
    const column = regionSegments();
    expect(column.column).toBe('region');
    expect(column.metric).toBe('revenue');
    expect(column.values.map((value) => value.value)).toEqual(['north', 'south', 'west']);
    // west has one rep per group: flagged, no comparison.
    expect(column.comparisons).toBe(2);
    const [north, south, west] = column.values;

    // R (interaction.R, C): unadjusted p: north 0.0079365079365079361, south 0.22857142857142856
    // R: p.adjust(c(north, south), 'holm'): 0.015873015873015872 0.22857142857142856
    expectClose(north?.p, 0.0079365079365079361, 1e-12);
    expectClose(north?.adjustedP, 0.015873015873015872, 1e-12);
    expectClose(south?.p, 0.22857142857142856, 1e-12);
    expectClose(south?.adjustedP, 0.22857142857142856, 1e-12);

    // R: north at confidence 0.975 (Holm's first step, alpha / 2):
    // { assignments: 252, p: 0.00793650793650794, minimumP: 0.00793650793650794, low: 15.0000007197844, high: 129.999999192832, relativeLow: 0.18750000722832, relativeHigh: 2.18181816556774 }
    expectClose(north?.confidence, 0.975, 1e-12);
    expect(north?.units).toEqual({ pilot: 5, control: 5 });
    expect(north?.headline?.randomization).toMatchObject({ assignments: 252, exact: true });
    expectClose(north?.headline?.absolute.estimate, 134 - 68, 1e-12); // (200 + 150 + 90 + 130 + 100) / 5 - (70 + 85 + 60 + 75 + 50) / 5
    expectClose(north?.headline?.absolute.low, 15.0000007197844, BOUND);
    expectClose(north?.headline?.absolute.high, 129.999999192832, BOUND);
    expectClose(north?.headline?.relative.low, 0.18750000722832, BOUND);
    expectClose(north?.headline?.relative.high, 2.18181816556774, BOUND);
    expect(north?.verdict).toBe('win');

    // R: south at confidence 0.95 (north was rejected, so Holm's second step is at alpha / 1):
    // { assignments: 70, p: 0.228571428571429, minimumP: 0.0285714285714286, low: -24.9999995638641, high: 64.9999996331212 }
    expectClose(south?.confidence, 0.95, 1e-12);
    expect(south?.units).toEqual({ pilot: 4, control: 4 });
    expectClose(south?.headline?.absolute.low, -24.9999995638641, BOUND);
    expectClose(south?.headline?.absolute.high, 64.9999996331212, BOUND);
    expect(south?.verdict).toBe('inconclusive');

    expect(west).toMatchObject({ units: { pilot: 1, control: 1 }, headline: null, verdict: 'too-few', p: null, adjustedP: null });
    expect(west?.reason).toMatch(/1 pilot rep and 1 control rep have rows here; at least 2 in each group are needed/);
  });

  it('tests whether the effect differs between the analysed segments (pinned to R)', () => {
    // R (interaction.R, C): regionInteraction: { statistic: 551.25, commonEffect: 45, p: 0.18253968253968253, assignments: 252, valid: 252 }
    const { interaction } = regionSegments();
    expectClose(interaction?.statistic, 551.25, 1e-12);
    expectClose(interaction?.commonEffect, 45, 1e-12);
    expectClose(interaction?.p, 0.18253968253968253, 1e-12);
    expect(interaction).toMatchObject({ segments: 2, design: 'complete', assignments: 252, valid: 252, exact: true });
  });

  it('flags a segment whose units no split could read at the pilot\'s confidence, and leaves it out of the adjustment', () => {
    // east: 3 pilot and 3 control reps, 20 splits, smallest p 2/20 = 0.1 > 0.05.
    const east = ['p1', 'p2', 'p3', 'c1', 'c2', 'c3'].map((rep, i) => [rep, rep.startsWith('p') ? 'pilot' : 'control', 'east', String(10 + i)]);
    const column = regionSegments([...ROWS, ...east]);
    const flagged = column.values.find((value) => value.value === 'east');
    expect(flagged).toMatchObject({ units: { pilot: 3, control: 3 }, verdict: 'too-few', p: null, adjustedP: null, confidence: null });
    expect(flagged?.headline?.randomization?.minimumP).toBe(0.1);
    // Still 2 comparisons: north's adjusted p is R's for two (p.adjust(c(north, south), 'holm')).
    expect(column.comparisons).toBe(2);
    expectClose(column.values.find((value) => value.value === 'north')?.adjustedP, 0.015873015873015872, 1e-12);
    // The interaction test compares all three analysed segments.
    expect(column.interaction?.segments).toBe(3);
  });

  it('leaves a segment the statistics refuse (no variation) unread and inconclusive, saying why', () => {
    const flat = ['p1', 'p2', 'c1', 'c2'].map((rep) => [rep, rep.startsWith('p') ? 'pilot' : 'control', 'flat', '10']);
    const segment = regionSegments([...ROWS, ...flat]).values.find((value) => value.value === 'flat');
    expect(segment).toMatchObject({ units: { pilot: 2, control: 2 }, headline: null, verdict: 'inconclusive', p: null });
    expect(segment?.reason).toMatch(/no variation|same value|spread/i);
  });

  it('leaves rows with no segment value out of the segments, and says how many', () => {
    const { outcome } = analyzeRows(pilotOf({ segments: ['region'] }), HEADER, ROWS);
    expect(outcome?.ok && outcome.analysis.results.warnings).toContain(
      'Segments by region: 1 row has no region and is left out of them (the overall result keeps it)',
    );
  });

  it('has no interaction test with fewer than 2 segments to compare', () => {
    const column = regionSegments(ROWS.filter((row) => row[2] !== 'south'));
    expect(column.comparisons).toBe(1);
    expect(column.interaction).toBeNull();
    expect(column.interactionReason).toMatch(/fewer than 2 segments/);
    // One comparison: nothing to adjust for, the pilot's own confidence.
    expect(column.values[0]?.confidence).toBe(0.95);
    expect(column.values[0]?.adjustedP).toBe(column.values[0]?.p);
  });

  it('is absent from the results of a pilot that declares no segments', () => {
    const { outcome } = analyzeRows(pilotOf({}), HEADER, ROWS);
    expect(outcome?.ok && 'segments' in outcome.analysis.results).toBe(false);
  });
});

/** statistics.md section 14: a segment is a win or a loss exactly when its adjusted p is at most alpha, and its interval excludes 0 exactly then. */
function expectVerdictsAgree(column: SegmentColumnResult, alpha: number): void {
  for (const value of column.values) {
    if (value.adjustedP === null || value.headline === null || value.verdict === 'too-few') continue;
    const decided = value.verdict === 'win' || value.verdict === 'loss';
    expect(decided, value.value).toBe(value.adjustedP <= alpha);
    const { low, high } = value.headline.absolute;
    expect((low !== null && low > 0) || (high !== null && high < 0), value.value).toBe(decided);
  }
}

describe('segments: a proportion with one row per unit (Newcombe headlines)', () => {
  it('adjusts Newcombe p-values too, each verdict agreeing with its adjusted p and interval', () => {
    // 4 segments of 30 leads a group, one row per lead (the lead is the unit): clear in "web", none elsewhere.
    const rows: string[][] = [];
    const rates: Record<string, [number, number]> = { event: [9, 10], partner: [8, 8], referral: [12, 10], web: [24, 6] };
    for (const [source, [pilotWins, controlWins]] of Object.entries(rates)) {
      for (let i = 0; i < 30; i += 1) rows.push([`${source}-p${i}`, 'pilot', source, i < pilotWins ? 'yes' : 'no']);
      for (let i = 0; i < 30; i += 1) rows.push([`${source}-c${i}`, 'control', source, i < controlWins ? 'yes' : 'no']);
    }
    const pilot = pilotOf({ unit: 'lead', segments: ['source'], metrics: [{ id: 'won', label: 'Win rate', type: 'proportion', column: 'won' }] });
    const { outcome } = analyzeRows(pilot, ['lead', 'group', 'source', 'won'], rows);
    const column = outcome?.ok ? outcome.analysis.results.segments?.[0] : undefined;
    expect(column?.comparisons).toBe(4);
    expect(column?.values.every((value) => value.headline?.method === 'newcombe')).toBe(true);
    expect(column?.values.find((value) => value.value === 'web')?.verdict).toBe('win');
    expectVerdictsAgree(column as SegmentColumnResult, 0.05);
    // Each lead is in one segment: the interaction test still runs, over all 240 leads.
    expect(column?.interaction?.segments).toBe(4);
    expect(column?.interaction?.exact).toBe(false);
    expect(column?.interaction?.p).toBeLessThan(0.05);
  });

  it('agrees on the R-pinned pilot as well', () => {
    expectVerdictsAgree(regionSegments(), 0.05);
  });
});

describe('segments of the example pilots/follow-up-sla.md (blocked by region, a clustered proportion)', () => {
  it('flags every region (3 reps a group) and tests the difference between them within the drawn blocks (pinned to R)', async () => {
    let output = '';
    const code = await main(['analyze', 'pilots/follow-up-sla.md', '--json'], {
      stdout: (text) => void (output += text),
      stderr: () => {},
      env: {},
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      stdoutIsTTY: false,
      stderrIsTTY: false,
      now: () => Date.UTC(2026, 11, 1),
    });
    expect(code).toBe(0);
    const [region] = (JSON.parse(output) as ResultsDocument).segments ?? [];
    expect(region?.values.map((value) => [value.value, value.units, value.verdict, value.p])).toEqual([
      ['Central', { pilot: 3, control: 3 }, 'too-few', null],
      ['East', { pilot: 3, control: 3 }, 'too-few', null],
      ['West', { pilot: 3, control: 3 }, 'too-few', null],
    ]);
    expect(region?.comparisons).toBe(0);
    // R (interaction.R, D): followUpSlaByRegion: { statistic: 0.0009778037941939714, commonEffect: -0.0026625508175175858, p: 0.087499999999999994, assignments: 8000, valid: 8000 }
    expectClose(region?.interaction?.statistic, 0.0009778037941939714, 1e-9);
    expectClose(region?.interaction?.commonEffect, -0.0026625508175175858, 1e-9);
    expectClose(region?.interaction?.p, 0.087499999999999994, 1e-12);
    expect(region?.interaction).toMatchObject({ design: 'blocked', assignments: 8000, valid: 8000, exact: true, segments: 3 });
  });
});

describe('segments: bad input', () => {
  it('names a segment column missing from the header, and the columns there are', () => {
    const { data } = analyzeRows(pilotOf({ segments: ['Region'] }), HEADER, ROWS);
    expect(data.problems.map((problem) => [problem.severity, problem.row, problem.column, problem.message])).toContainEqual([
      'error',
      1,
      'Region',
      'column named by "segments" is not in the header; did you mean "region"? Names must match exactly. The columns are: "rep", "group", "region", "revenue"',
    ]);
  });

  it(`refuses a column with more than ${MOST_SEGMENT_VALUES} values, naming the row of the first one over`, () => {
    const rows = Array.from({ length: 30 }, (_, i) => [`r${i}`, i % 2 === 0 ? 'pilot' : 'control', `lead-${i}`, '10']);
    const { data } = analyzeRows(pilotOf({ segments: ['region'] }), HEADER, rows);
    const problem = data.problems.find((found) => found.column === 'region');
    expect(problem).toMatchObject({ severity: 'error', row: 2 + MOST_SEGMENT_VALUES, column: 'region' });
    expect(problem?.message).toMatch(/^is a segment column with 30 different values \(this row has value number 21\); expected at most 20/);
  });

  it('refuses segments that name the unit, group or date column, a metric\'s column, a column twice, or none', () => {
    const base = { title: 'T', status: 'concluded', hypothesis: 'H', started: '2026-03-02', ended: '2026-05-31', data: 'x.csv', unit: 'rep', date: 'day', metrics: [{ id: 'revenue', label: 'Revenue', type: 'mean', column: 'revenue' }] };
    const messages = (segments: unknown) => {
      const parsed = pilotSchema.safeParse({ ...base, segments });
      return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    };
    expect(messages(['rep'])).toEqual(['segments.0: "rep" is the unit column ("unit"); expected a column that sorts rows into a few kinds, such as region or lead source']);
    expect(messages(['region', 'group'])).toEqual(['segments.1: "group" is the group column ("group.column"); expected a column that sorts rows into a few kinds, such as region or lead source']);
    expect(messages(['day'])).toEqual(['segments.0: "day" is the date column ("date"); expected a column that sorts rows into a few kinds, such as region or lead source']);
    expect(messages(['revenue'])).toEqual([
      'segments.0: "revenue" is a column the metric "revenue" measures; a segment must be something the pilot cannot change, such as region or lead source, or each segment would be chosen by its own outcome',
    ]);
    expect(messages(['region', 'region'])).toEqual(['segments.1: column "region" is listed twice']);
    expect(messages([])).toEqual(['segments: expected at least one column, e.g. segments: [region]; or remove "segments"']);
    expect(messages(['region', 'source'])).toEqual([]);
  });
});

describe('segments beside a funnel', () => {
  const revenue = { id: 'revenue', label: 'Revenue per rep', type: 'mean' as const, column: 'revenue' };
  const funnel = { id: 'lead-funnel', label: 'Leads won', type: 'funnel' as const, stages: ['called', 'won'] };
  const withStages = (rows: string[][]) => rows.map((row, index) => [...row, index % 2 === 0 ? 'yes' : 'no', index % 4 === 0 ? 'yes' : '']);

  it('split the primary metric exactly as they do without the funnel (the funnel rows take their own loop)', () => {
    const { outcome } = analyzeRows(pilotOf({ segments: ['region'], metrics: [revenue, funnel] }), [...HEADER, 'called', 'won'], withStages(ROWS));
    if (outcome === null || !outcome.ok) throw new Error('expected an analysis');
    expect(outcome.analysis.results.segments).toEqual(regionResults().segments);
  });

  it('refuse a funnel as the primary metric, which they cannot split yet', () => {
    const parsed = pilotSchema.safeParse({ ...pilotOf({}), segments: ['region'], metrics: [funnel, revenue] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.message)).toContain(
      'segments split the primary metric, and a funnel cannot be split by segment yet; make another metric primary (the funnel can stay, as a secondary metric), or remove "segments"',
    );
  });

  it('refuse a funnel stage as a segment column: it is an outcome the pilot changes', () => {
    const parsed = pilotSchema.safeParse({ ...pilotOf({}), segments: ['called'], metrics: [revenue, funnel] });
    expect(parsed.error?.issues.map((issue) => issue.message).join('\n')).toMatch(/"called" is a column the metric "lead-funnel" measures/);
  });
});

describe('what needs the raw rows', () => {
  const duration = { id: 'days', label: 'Days to first contact', type: 'duration' as const, from: 'handoff', to: 'contact', within: 7 };
  const funnel = { id: 'lead-funnel', label: 'Leads won', type: 'funnel' as const, stages: ['called', 'won'] };
  const revenue = { id: 'revenue', label: 'Revenue per rep', type: 'mean' as const, column: 'revenue' };
  const messages = (input: object) => pilotSchema.safeParse({ ...pilotOf({}), ...input }).error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? [];

  it('a duration cannot be the primary metric of a segmented pilot yet', () => {
    expect(messages({ segments: ['region'], metrics: [duration, revenue] })).toEqual([
      'segments: segments split the primary metric, and a duration cannot be split by segment yet; make another metric primary (the duration can stay, as a secondary metric), or remove "segments"',
    ]);
  });

  it('a per-unit aggregate or a Parquet file carries no funnel, duration or segments', () => {
    expect(messages({ form: 'unit-sums', metrics: [revenue, funnel, duration] })).toEqual([
      'metrics.1.type: a funnel metric needs the raw rows, one per lead, and form: unit-sums holds per-unit sums of mean, proportion and ratio metrics only; point "data" at the row-level CSV export, or remove this metric',
      'metrics.2.type: a duration metric needs the raw rows, one per lead, and form: unit-sums holds per-unit sums of mean, proportion and ratio metrics only; point "data" at the row-level CSV export, or remove this metric',
    ]);
    expect(messages({ data: 'leads.parquet', segments: ['region'], metrics: [revenue] })).toEqual([
      'segments: segments need the raw rows, and a Parquet file is read as one sum per unit and period; point "data" at the row-level CSV export, or remove "segments"',
    ]);
  });
});
