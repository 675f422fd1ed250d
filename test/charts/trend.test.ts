import { describe, expect, test } from 'vitest';
import { overlaps } from '../../src/charts/render.ts';
import { trendChart } from '../../src/charts/trend.ts';
import { tick } from '../../src/core/present/format.ts';
import { everyMetric, metricOf } from '../support/analysed-pilots.ts';
import { drawnTexts, expectAccessible, labelProblems, widths } from './svg-text.ts';

function trendOf(slug: string, id: string) {
  const { pilot, metric, evidence } = metricOf(slug, id);
  const chart = trendChart(metric, evidence, { started: pilot.pilot.started });
  if (!chart) throw new Error(`expected a trend for ${slug}/${id}`);
  return chart;
}

describe('trend chart', () => {
  test('marks the start of the pilot, shades the weeks before it and labels both lines', () => {
    const chart = trendOf('nurture-q2', 'revenue');
    expectAccessible(chart);
    expect(chart.id).toBe('trend-revenue');
    expect(chart.label).toBe('Revenue per rep week by week, pilot and control, before and during the pilot');
    expect(chart.description).toBe(
      'Weekly revenue per rep of pilot (solid line) and control (dashed line), 9 Feb 2026 to 30 Mar 2026. ' +
        'The vertical line marks the start of the pilot on 2 Mar 2026; weeks before it show how the groups compared beforehand.',
    );
    expect(chart.svg.wide).toContain('pilot starts 2 Mar');
    expect(chart.svg.wide).toContain('>before<');
    expect(chart.svg.wide).toContain('>Pilot<');
    expect(chart.svg.wide).toContain('>Control<');
    // Three weeks before, five during; the rows dated after the end are not drawn.
    expect(chart.table.rows.map((row) => row.slice(0, 2))).toEqual([
      ['9 Feb 2026', 'before the pilot'],
      ['16 Feb 2026', 'before the pilot'],
      ['23 Feb 2026', 'before the pilot'],
      ['2 Mar 2026', 'pilot'],
      ['9 Mar 2026', 'pilot'],
      ['16 Mar 2026', 'pilot'],
      ['23 Mar 2026', 'pilot'],
      ['30 Mar 2026', 'pilot'],
    ]);
    expect(chart.table.rows[0]).toEqual(['9 Feb 2026', 'before the pilot', '$4,820', '$4,030']);
  });

  test('data that starts with the pilot says so, and has no "before"', () => {
    const chart = trendOf('demo-script', 'win-rate');
    expect(chart.description).toMatch(/The data starts when the pilot started, on 12 Jan 2026\.$/);
    expect(chart.svg.wide).not.toContain('>before<');
    // A rate's weekly value is a percent.
    expect(chart.table.rows[0]?.[2]).toMatch(/^\d+\.\d%$/);
  });

  test('no dates, no trend', () => {
    for (const [slug, id] of [['territory-pricing', 'margin'], ['quote-automation', 'days-to-close'], ['shadow-days', 'meetings']]) {
      const { pilot, metric, evidence } = metricOf(slug as string, id as string);
      expect(evidence.trend, `${slug}/${id}`).toEqual([]);
      expect(trendChart(metric, evidence, { started: pilot.pilot.started }), `${slug}/${id}`).toBeNull();
    }
  });

  test('labels neither overlap nor leave the drawing, at either width, for every metric with a trend', () => {
    const drawn = everyMetric.filter(({ evidence }) => evidence.trend.length > 0);
    expect(drawn.map(({ pilot, metric }) => `${pilot.slug}/${metric.id}`)).toEqual(['voice-notes/calls-per-day', 'nurture-q2/revenue', 'nurture-q2/meetings', 'demo-script/win-rate', 'call-coaching/calls']);
    for (const { pilot, metric, evidence } of drawn) {
      const chart = trendChart(metric, evidence, { started: pilot.pilot.started });
      for (const [width, svg] of widths(chart)) expect(labelProblems(svg), `${pilot.slug}/${metric.id} ${width}`).toEqual([]);
    }
  });

  test('five-figure money on a phone: every tick keeps its "$", and "$0" keeps clear of the first date', () => {
    // The reviewer's case: at 375px "$15,000" and "$10,000" lost their "$" at the left edge, and "$0" touched the first date.
    const { pilot, metric, evidence } = metricOf('nurture-q2', 'revenue');
    const scaled = { ...evidence, trend: evidence.trend.map((point) => ({ ...point, value: point.value * 4 })) };
    const compact = trendChart(metric, scaled, { started: pilot.pilot.started })?.svg.compact ?? '';
    const texts = drawnTexts(compact);
    const money = texts.filter(({ text }) => text.startsWith('$'));
    expect(money.map(({ text }) => text)).toEqual(['$0', '$5,000', '$10,000', '$15,000', '$20,000']);
    for (const { text, box } of money) expect(box.left, text).toBeGreaterThanOrEqual(0);
    const zero = texts.find(({ text }) => text === '$0');
    const firstDate = texts.find(({ text }) => /^\d+ [A-Z][a-z]{2}$/.test(text));
    if (!zero || !firstDate) throw new Error('expected "$0" and a date');
    expect(firstDate.text).toBe('9 Feb');
    expect(overlaps(zero.box, firstDate.box)).toBe(false);
    expect(labelProblems(compact)).toEqual([]);
  });

  test('a pilot that starts a week in, or in the last week: its start is labelled inside the drawing, "before" only where it fits', () => {
    const { metric, evidence } = metricOf('nurture-q2', 'revenue');
    const weeks = [...new Set(evidence.trend.map((point) => point.week))].sort();
    for (const started of [weeks[1], weeks[weeks.length - 1]] as string[]) {
      const chart = trendChart(metric, evidence, { started });
      for (const [width, svg] of widths(chart)) {
        expect(svg, `${started} ${width}`).toContain('pilot starts');
        expect(labelProblems(svg), `${started} ${width}`).toEqual([]);
      }
    }
  });

  test('axis ticks are trimmed and in the metric units', () => {
    expect(tick({ format: 'currency', currency: 'USD', type: 'mean' })(40000)).toBe('$40,000');
    expect(tick({ format: 'number', currency: 'USD', type: 'proportion' })(0.35)).toBe('35%');
    expect(tick({ format: 'number', currency: 'USD', type: 'ratio' }, { difference: true })(-2.5)).toBe('−2.5');
  });

  test('the same evidence draws the same bytes', async () => {
    const chart = trendOf('nurture-q2', 'revenue');
    expect(trendOf('nurture-q2', 'revenue')).toEqual(chart);
    await expect(chart.svg.wide).toMatchFileSnapshot('./__snapshots__/trend/nurture-q2-revenue-wide.svg');
    await expect(chart.svg.compact).toMatchFileSnapshot('./__snapshots__/trend/nurture-q2-revenue-compact.svg');
    await expect(trendOf('demo-script', 'win-rate').svg.wide).toMatchFileSnapshot('./__snapshots__/trend/demo-script-win-rate-wide.svg');
  });
});
