import { describe, expect, it, test } from 'vitest';
import { randomizationChart } from '../../src/charts/randomization.ts';
import { formatCount } from '../../src/core/present/format.ts';
import { everyMetric, metricOf } from '../support/analysed-pilots.ts';
import { drawnTexts, expectAccessible, labelProblems, widths } from './svg-text.ts';

function chartOf(slug: string, id: string) {
  const { metric, evidence } = metricOf(slug, id);
  if (!evidence.randomization) throw new Error(`expected a randomization distribution for ${slug}/${id}`);
  const chart = randomizationChart(metric, evidence.randomization, { units: 'reps' });
  if (!chart) throw new Error(`expected a randomization chart for ${slug}/${id}`);
  return { chart, metric, distribution: evidence.randomization };
}

const withDistribution = everyMetric.filter(({ evidence }) => evidence.randomization !== null);

describe('randomization chart', () => {
  test('a bin edge a rounding error from zero reads "0", never "−0"', () => {
    const { metric } = metricOf('nurture-q2', 'revenue');
    const distribution = {
      bins: [
        { low: -0.31, high: -1e-17, count: 3 },
        { low: -1e-17, high: 0.29, count: 4 },
      ],
      observed: 0.2,
      negativeInfinite: 0,
      positiveInfinite: 0,
      assignments: 7,
    };
    const chart = randomizationChart(metric, distribution, { units: 'reps' });
    expect(chart?.table.rows.map(([range]) => range)).toEqual(['−0.3 to 0', '0 to +0.3']);
  });

  test('every split of the units, enumerated, with the real one marked', () => {
    const { chart, distribution } = chartOf('nurture-q2', 'revenue');
    expectAccessible(chart);
    expect(chart.id).toBe('randomization-revenue');
    expect(chart.label).toBe("Revenue per rep: the result of all 12,870 possible splits of the reps if the pilot did nothing, with this pilot's real split marked");
    expect(chart.description).toMatch(/The real split lands at \+16\.7; the darker bars, at least that far from zero on either side, are the splits that would look as strong by chance alone \(p < 0\.001\)\.$/);
    expect(chart.svg.wide).toContain('>this pilot<');
    expect(chart.table.columns).toEqual(['Result (standard errors)', 'Splits', 'Reaches as far from zero as the real one']);
    expect(chart.table.rows).toHaveLength(distribution.bins.length);
    // The first bar holds the mirror image of the real split: as far from zero, so dark.
    expect(chart.table.rows[0]).toEqual(['−16.7 to −15.6', '1', 'yes']);
    // Every split is in a bar: the counts add up to all of them.
    const total = chart.table.rows.reduce((sum, [, count]) => sum + Number((count as string).replaceAll(',', '')), 0);
    expect(total).toBe(12_870);
  });

  test('splits drawn at random when there are too many to enumerate', () => {
    const { chart, metric } = chartOf('quote-automation', 'days-to-close');
    expect(metric.headline.randomization).toMatchObject({ exact: false, draws: 10_000, assignments: 352_716 });
    expect(chart.label).toBe("Days to close: the result of 10,000 splits drawn at random of the reps if the pilot did nothing, with this pilot's real split marked");
    expect(chart.description).toMatch(/The real split lands at −8\.1;/);
  });

  test('a too-few pilot still shows its 20 splits: none could be far enough out', () => {
    const { chart, metric } = chartOf('shadow-days', 'meetings');
    expect(metric.headline.randomization?.minimumP).toBe(0.1);
    expect(chart.label).toMatch(/: the result of all 20 possible splits of the reps/);
    expect(chart.description).toMatch(/\(p = 0\.10\)\.$/);
  });

  test('an inconclusive result: the darker bars are the many splits as far out as the real one', () => {
    const { chart, metric } = chartOf('voice-notes', 'calls-per-day');
    const extreme = chart.table.rows.filter(([, , far]) => far === 'yes').reduce((sum, [, count]) => sum + Number(count), 0);
    // p = 538 / 924: the dark bars hold every split it counts, and the rest of the two bars that reach the real one's distance.
    expect(formatCount(Math.round((metric.headline.absolute.p as number) * 924))).toBe('538');
    expect(extreme).toBeGreaterThanOrEqual(538);
    expect(extreme).toBeLessThan(924);
  });

  // src/charts/randomization.ts marks a bar by its middle: the bar that holds the real split (and its mirror image)
  // has its middle nearer zero than the real split, so for a clear result no bar is marked at all, though p counts them.
  it('the bar holding the real split is among the darker ones', () => {
    for (const [slug, id] of [['nurture-q2', 'revenue'], ['shadow-days', 'meetings']] as const) {
      const { chart } = chartOf(slug, id);
      expect(chart.table.rows.filter(([, , far]) => far === 'yes').length, `${slug}/${id}`).toBeGreaterThan(0);
    }
  });

  test('a Newcombe headline has no randomization to draw', () => {
    const { metric, evidence } = metricOf('territory-pricing', 'quotes-accepted');
    expect(metric.headline.method).toBe('newcombe');
    expect(evidence.randomization).toBeNull();
  });

  test('labels neither overlap nor leave the drawing, at either width, for every metric with a distribution', () => {
    for (const { pilot, metric, evidence } of withDistribution) {
      const chart = randomizationChart(metric, evidence.randomization!, { units: 'reps' });
      for (const [width, svg] of widths(chart)) {
        expect(labelProblems(svg), `${pilot.slug}/${metric.id} ${width}`).toEqual([]);
        expect(drawnTexts(svg).map(({ text }) => text), `${pilot.slug}/${metric.id} ${width}`).toContain('this pilot');
      }
    }
  });

  test('the same distribution draws the same bytes', async () => {
    const { chart } = chartOf('nurture-q2', 'revenue');
    expect(chartOf('nurture-q2', 'revenue').chart).toEqual(chart);
    await expect(chart.svg.wide).toMatchFileSnapshot('./__snapshots__/randomization/nurture-q2-revenue-wide.svg');
    await expect(chart.svg.compact).toMatchFileSnapshot('./__snapshots__/randomization/nurture-q2-revenue-compact.svg');
    await expect(chartOf('voice-notes', 'calls-per-day').chart.svg.wide).toMatchFileSnapshot('./__snapshots__/randomization/voice-notes-calls-per-day-wide.svg');
  });
});
