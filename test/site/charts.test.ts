import { describe, expect, test } from 'vitest';
import type { Chart } from '../../src/charts/chart.ts';
import { forestChart } from '../../src/charts/forest.ts';
import { intervalChart } from '../../src/charts/interval.ts';
import { liftStripChart } from '../../src/charts/lift-strip.ts';
import { trendChart } from '../../src/charts/trend.ts';
import { unitsChart } from '../../src/charts/units.ts';
import { commonDomain, primaryResult } from '../../src/site/lift.ts';
import { bySlug, evidence, namedUnits } from '../fixtures/site/evidence.ts';

function metricOf(slug: string, id: string) {
  const pilot = bySlug(slug);
  const metric = pilot.results.metrics.find((candidate) => candidate.id === id);
  const metricEvidence = pilot.metrics.find((candidate) => candidate.id === id);
  if (!metric || !metricEvidence) throw new Error(`no ${slug}/${id}`);
  return { pilot, metric, metricEvidence };
}

/** What every chart promises a page. */
function expectAccessible(chart: Chart) {
  for (const svg of [chart.svg.wide, chart.svg.compact].filter((svg): svg is string => svg !== undefined)) {
    expect(svg).toContain('role="img"');
    expect(svg).toContain(`aria-label="${chart.label.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}"`);
    expect(svg).toContain(`aria-describedby="${chart.id}-caption"`);
    expect(svg).toContain('viewBox=');
    expect(svg).not.toContain('<style');
    expect(svg).not.toMatch(/plot-[0-9a-f]{6}|plot-clip-\d/);
  }
  expect(chart.description.length).toBeGreaterThan(20);
  expect(chart.table.rows.length).toBeGreaterThan(0);
  for (const row of chart.table.rows) expect(row).toHaveLength(chart.table.columns.length);
}

describe('interval chart', () => {
  test('adjusted metric: adjusted headline first, unadjusted beside it, in percent', () => {
    const { pilot, metric } = metricOf('nurture-q2', 'revenue');
    const chart = intervalChart(metric, { confidence: pilot.results.confidence });
    expectAccessible(chart);
    expect(chart.table.rows.map((row) => row[0])).toEqual(['Adjusted for baseline', 'Unadjusted']);
    expect(chart.table.rows[0]).toEqual(['Adjusted for baseline', '+7.1%', '−1.9%', '+16%', 'Inconclusive']);
    expect(chart.description).toMatch(/crosses zero/);
    expect(chart.svg.wide).toContain('no difference');
  });

  test('a percent-scale metric is drawn in percentage points, like its headline', () => {
    const { pilot, metric } = metricOf('demo-script', 'win-rate');
    const chart = intervalChart(metric, { confidence: pilot.results.confidence });
    expect(chart.table.rows[0]).toEqual(['Pilot vs control', '+5.8 pp', '+1.2 pp', '+10.4 pp', 'Win']);
  });

  test('an unbounded relative interval falls back to the metric units', () => {
    const { pilot, metric } = metricOf('territory-pricing', 'margin');
    const chart = intervalChart(metric, { confidence: pilot.results.confidence });
    expectAccessible(chart);
    expect(chart.table.rows[0]?.slice(1, 4)).toEqual(['+€890', '−€421', '+€2,201']);
    expect(chart.label).toMatch(/difference/);
  });

  test('lower is better: the better side is on the left and the caption says so', () => {
    const { pilot, metric } = metricOf('demo-script', 'days-to-close');
    const chart = intervalChart(metric, { confidence: pilot.results.confidence });
    expect(chart.svg.wide).toContain('← pilot better');
    expect(chart.description).toMatch(/Lower is better/);
  });
});

describe('trend chart', () => {
  test('marks the start of the pilot and labels both lines', () => {
    const { pilot, metric, metricEvidence } = metricOf('nurture-q2', 'revenue');
    const chart = trendChart(metric, metricEvidence, { started: pilot.pilot.started });
    if (!chart) throw new Error('expected a trend');
    expectAccessible(chart);
    expect(chart.svg.wide).toContain('pilot starts 2 Mar');
    expect(chart.svg.wide).toContain('>Pilot<');
    expect(chart.svg.wide).toContain('>Control<');
    expect(chart.table.rows[0]?.[1]).toBe('before the pilot');
    expect(chart.table.rows).toHaveLength(20);
  });

  test('no dates, no trend', () => {
    const { pilot, metric, metricEvidence } = metricOf('territory-pricing', 'margin');
    expect(trendChart(metric, metricEvidence, { started: pilot.pilot.started })).toBeNull();
  });
});

describe('units chart', () => {
  test('anonymous labels stay anonymous', () => {
    const { metric, metricEvidence } = metricOf('nurture-q2', 'revenue');
    const chart = unitsChart(metric, metricEvidence);
    if (!chart) throw new Error('expected a chart');
    expectAccessible(chart);
    expect(chart.table.rows).toHaveLength(26);
    expect(chart.table.rows[0]?.[0]).toMatch(/^Pilot unit \d+$/);
  });

  test('names appear only because the evidence carries them (showUnits)', () => {
    const { metric, metricEvidence } = metricOf('territory-pricing', 'margin');
    const chart = unitsChart(metric, metricEvidence);
    expect(namedUnits.some((name) => chart?.svg.wide.includes(name))).toBe(true);
  });
});

describe('overview charts', () => {
  const domain = commonDomain(evidence.map((pilot) => primaryResult(pilot.results)));

  test('the common axis includes zero and every bounded interval', () => {
    expect(domain[0]).toBeLessThanOrEqual(-0.0194);
    expect(domain[1]).toBeGreaterThanOrEqual(0.452);
    expect(domain[0]).toBeLessThan(0);
  });

  test('forest: concluded pilots only, unbounded ones noted in words', () => {
    const chart = forestChart(evidence, { domain });
    if (!chart) throw new Error('expected a forest');
    expectAccessible(chart);
    expect(chart.table.rows.map((row) => row[0])).toEqual([
      'Weekly nurture digest for field reps',
      'Customer-numbers demo script',
      'Value-based price list in six territories',
    ]);
    expect(chart.table.rows[2]?.[2]).toBe('not in percent');
    expect(chart.svg.wide).toContain('no percent interval');
    expect(forestChart(evidence.filter((pilot) => pilot.results.status === 'running'), { domain })).toBeNull();
  });

  test('card strip: drawn on the shared axis, or not at all', () => {
    const strip = liftStripChart(primaryResult(bySlug('demo-script').results), { domain, confidence: 0.95, id: 'strip-demo' });
    if (!strip) throw new Error('expected a strip');
    expectAccessible(strip);
    expect(liftStripChart(primaryResult(bySlug('territory-pricing').results), { domain, confidence: 0.95, id: 'strip-t' })).toBeNull();
  });

  test('charts are deterministic', () => {
    expect(forestChart(evidence, { domain })).toEqual(forestChart(evidence, { domain }));
  });
});
