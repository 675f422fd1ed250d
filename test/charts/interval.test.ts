import { describe, expect, test } from 'vitest';
import { intervalChart } from '../../src/charts/interval.ts';
import { overlaps } from '../../src/charts/render.ts';
import { drawnNumbers } from '../../src/core/present/headline.ts';
import { everyMetric, metricOf } from '../support/analysed-pilots.ts';
import { clashes, drawnTexts, expectAccessible, widths, zeroRule } from './svg-text.ts';

function chartOf(slug: string, id: string) {
  const { pilot, metric } = metricOf(slug, id);
  const chart = intervalChart(metric, { confidence: pilot.results.confidence });
  if (!chart) throw new Error(`expected an interval chart for ${slug}/${id}`);
  return chart;
}

const drawable = everyMetric.filter(({ metric }) => metric.verdict !== 'too-few' && metric.headline.reason === null);

describe('interval chart', () => {
  test('a flagged baseline: the adjusted headline first, the unadjusted interval beside it when it agrees about zero', () => {
    const { metric } = metricOf('nurture-q2', 'revenue');
    const chart = chartOf('nurture-q2', 'revenue');
    expectAccessible(chart);
    // The plain comparison (a Welch interval) is also clear of zero: it agrees with the headline, so it is drawn for context.
    expect(metric.absolute.low).toBeGreaterThan(0);
    expect(drawnNumbers(metric)).toHaveLength(2);
    expect(chart.table.rows).toEqual([
      ['Adjusted for baseline', '+8.4%', '+7.1%', '+10%', 'Win'],
      ['Unadjusted', '+29%', '+3.3%', '+60%', 'shown for comparison'],
    ]);
    expect(chart.description).toBe('Adjusted for baseline: +8.4%, 95% interval +7.1% to +10%. The whole interval lies on the better side of zero.');
    expect(chart.svg.wide).toContain('no difference');
  });

  test('an unadjusted interval that crosses zero is not drawn beside an adjusted win', () => {
    const { metric } = metricOf('nurture-q2', 'meetings');
    expect(metric.verdict).toBe('win');
    expect(metric.absolute.low).toBeLessThan(0);
    const chart = chartOf('nurture-q2', 'meetings');
    expect(chart.table.rows).toEqual([['Adjusted for baseline', '+15%', '+8.3%', '+23%', 'Win']]);
    expect(chart.svg.wide).not.toContain('Unadjusted');
  });

  test('a rate is drawn in percentage points, like its headline', () => {
    expect(chartOf('demo-script', 'win-rate').table.rows).toEqual([['Pilot vs control', '+16.7 pp', '+8.3 pp', '+25.0 pp', 'Win']]);
  });

  test('a control level below zero: drawn in the metric units, euros here', () => {
    const chart = chartOf('territory-pricing', 'margin');
    expectAccessible(chart);
    expect(chart.table.rows).toEqual([['Pilot vs control', '+€994', '−€250', '+€2,225', 'Inconclusive']]);
    expect(chart.label).toBe('Net margin per territory: 95% interval of the difference of pilot over control, against zero');
    expect(chart.description).toMatch(/crosses zero/);
  });

  test('a relative interval with no upper limit: drawn in the metric units too', () => {
    const { metric } = metricOf('territory-pricing', 'referrals');
    expect(metric.headline.relative.estimate).not.toBeNull();
    expect(metric.headline.relative.high).toBeNull();
    expect(chartOf('territory-pricing', 'referrals').table.rows).toEqual([['Pilot vs control', '+1.63', '0', '+3.00', 'Inconclusive']]);
  });

  test('lower is better: the better side is on the left and the caption says so', () => {
    const chart = chartOf('quote-automation', 'days-to-close');
    expect(chart.table.rows[0]).toEqual(['Pilot vs control', '−19%', '−24%', '−15%', 'Win']);
    expect(chart.svg.wide).toContain('← pilot better');
    expect(chart.svg.wide).toContain('pilot worse →');
    expect(chart.description).toMatch(/Lower is better for this metric\.$/);
  });

  test('a running pilot at 90%: labelled with its own level', () => {
    const chart = chartOf('voice-notes', 'calls-per-day');
    expect(chart.label).toMatch(/: 90% interval of the lift in percent/);
    expect(chart.table.caption).toBe('Calls per working day: lift of pilot over control (90% interval)');
    expect(chart.description).toMatch(/The interval crosses zero, so the data cannot tell a gain from a loss\./);
  });

  test('a lift is never drawn below −100%, even where the interval in units runs past the whole control level', () => {
    const { metric } = metricOf('quote-automation', 'followups');
    // In units the interval reaches further below zero than the control level itself: a straight line would say about −125%.
    expect((metric.headline.absolute.low as number) / metric.control.value).toBeLessThan(-1);
    expect(chartOf('quote-automation', 'followups').table.rows[0]).toEqual(['Pilot vs control', '−88%', '−97%', '−76%', 'Loss']);
  });

  test('a tiny lift is written with its digits, never as 0%', () => {
    const row = chartOf('territory-pricing', 'hours').table.rows[0];
    expect(row?.[1]).toBe('+0.025%');
    expect(chartOf('territory-pricing', 'hours').svg.wide).toContain('>+0.025%<');
  });

  test('no verdict (groups unlike before the pilot): no interval, so no chart', () => {
    const { metric } = metricOf('call-coaching', 'calls');
    expect(metric.headline.reason).not.toBeNull();
    // The plain comparison, +19% to +76%, would sit clear of zero beside "inconclusive": it is not drawn.
    expect(metric.relative.low).toBeGreaterThan(0);
    expect(intervalChart(metric, { confidence: 0.95 })).toBeNull();
  });

  test('too few units: no interval, so no chart', () => {
    const { metric } = metricOf('shadow-days', 'meetings');
    expect(metric.verdict).toBe('too-few');
    expect(intervalChart(metric, { confidence: 0.95 })).toBeNull();
  });

  test('ids: the chart id, its variants and its caption', () => {
    const chart = chartOf('nurture-q2', 'revenue');
    expect(chart.id).toBe('interval-revenue');
    expect(chart.svg.wide).toContain('id="interval-revenue-wide"');
    expect(chart.svg.compact).toContain('id="interval-revenue-compact"');
    const { metric } = metricOf('nurture-q2', 'revenue');
    expect(intervalChart(metric, { confidence: 0.95, id: 'other' })?.svg.wide).toContain('aria-describedby="other-caption"');
  });

  test('every drawable metric is accessible, and the same input draws the same bytes', () => {
    for (const { pilot, metric } of drawable) {
      const chart = intervalChart(metric, { confidence: pilot.results.confidence });
      if (!chart) throw new Error(`${pilot.slug}/${metric.id}`);
      expectAccessible(chart);
      expect(intervalChart(metric, { confidence: pilot.results.confidence }), `${pilot.slug}/${metric.id}`).toEqual(chart);
    }
  });
});

describe('interval chart labels', () => {
  test('no two labels overlap and none sits on the zero rule, at either width, for every metric', () => {
    for (const { pilot, metric } of drawable) {
      const chart = intervalChart(metric, { confidence: pilot.results.confidence });
      for (const [width, svg] of widths(chart)) {
        expect(zeroRule(svg).length, `${pilot.slug}/${metric.id} ${width}`).toBeGreaterThan(0);
        expect(clashes(svg), `${pilot.slug}/${metric.id} ${width}`).toEqual([]);
      }
    }
  });

  test('every number is drawn on its own side of zero', () => {
    for (const { pilot, metric } of drawable) {
      const chart = intervalChart(metric, { confidence: pilot.results.confidence });
      for (const [width, svg] of widths(chart)) {
        const [rule] = zeroRule(svg);
        if (!rule) throw new Error('expected a zero rule');
        const zero = (rule.left + rule.right) / 2;
        const texts = drawnTexts(svg);
        for (const [, ...numbers] of chart?.table.rows ?? []) {
          for (const number of numbers.slice(0, 3).filter((text) => /^[+\u2212]/.test(text))) {
            const positive = number.startsWith('+');
            const drawn = texts.filter(({ text }) => text === number);
            expect(drawn.length, `${pilot.slug}/${metric.id} ${width}: "${number}" is drawn`).toBeGreaterThan(0);
            for (const { box } of drawn) {
              expect(positive ? box.left > zero : box.right < zero, `${pilot.slug}/${metric.id} ${width}: "${number}"`).toBe(true);
            }
          }
        }
      }
    }
  });

  test('a name the zero rule would cross gets a gap in the rule instead', () => {
    const compact = chartOf('nurture-q2', 'revenue').svg.compact ?? '';
    const name = drawnTexts(compact).find(({ text }) => text === 'Adjusted for baseline');
    if (!name) throw new Error('expected the adjusted row to be named');
    const rule = zeroRule(compact);
    // The name stands across zero, so an unbroken rule would cross it: the rule runs in two stretches, around it.
    const ruleX = ((rule[0]?.left ?? 0) + (rule[0]?.right ?? 0)) / 2;
    expect(name.box.left < ruleX && ruleX < name.box.right).toBe(true);
    expect(rule).toHaveLength(2);
    for (const stretch of rule) expect(overlaps(name.box, stretch)).toBe(false);
  });
});

describe('interval chart snapshots', () => {
  const cases: [string, string][] = [
    ['nurture-q2', 'revenue'],
    ['nurture-q2', 'meetings'],
    ['demo-script', 'win-rate'],
    ['quote-automation', 'days-to-close'],
    ['territory-pricing', 'margin'],
    ['voice-notes', 'calls-per-day'],
  ];
  for (const [slug, id] of cases) {
    test(`${slug}/${id}`, async () => {
      const chart = chartOf(slug, id);
      await expect(chart.svg.wide).toMatchFileSnapshot(`./__snapshots__/interval/${slug}-${id}-wide.svg`);
      await expect(chart.svg.compact).toMatchFileSnapshot(`./__snapshots__/interval/${slug}-${id}-compact.svg`);
    });
  }
});
