import { parseHTML } from 'linkedom';
import { describe, expect, test } from 'vitest';
import type { PilotEvidence } from '../../src/core/evidence.ts';
import type { MetricResult, Verdict } from '../../src/core/results.ts';
import type { Chart } from '../../src/charts/chart.ts';
import { forestChart } from '../../src/charts/forest.ts';
import { intervalChart } from '../../src/charts/interval.ts';
import { liftStripChart } from '../../src/charts/lift-strip.ts';
import { readingChart } from '../../src/charts/reading.ts';
import { overlaps, textBox, ZERO_RULE_CLASS, type Box } from '../../src/charts/render.ts';
import { trendChart } from '../../src/charts/trend.ts';
import { unitsChart } from '../../src/charts/units.ts';
import { commonDomain, primaryResult } from '../../src/core/present/headline.ts';
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

/**
 * Where each text of a drawn chart lies, by the same width estimate the
 * charts make room with: Plot writes a label as <text transform="translate(x,y)">
 * inside groups that may translate it further and set its anchor and size.
 */
function drawnTexts(svg: string): { text: string; box: Box }[] {
  const { document } = parseHTML(`<!doctype html><html><body>${svg}</body></html>`);
  const inherited = (element: Element, name: string): string | null => element.closest(`[${name}]`)?.getAttribute(name) ?? null;
  return [...document.querySelectorAll('text')].map((element) => {
    let x = 0;
    let y = 0;
    for (let node: Element | null = element; node && node.tagName.toLowerCase() !== 'svg'; node = node.parentElement) {
      const [, dx = '0', dy = '0'] = /translate\(([-\d.]+),([-\d.]+)\)/.exec(node.getAttribute('transform') ?? '') ?? [];
      x += Number(dx);
      y += Number(dy);
    }
    const fontSize = Number(inherited(element, 'font-size') ?? 10);
    // y="0.32em" centres a line on y, "0.71em" hangs it below y (axis labels).
    const shift = (Number.parseFloat(element.getAttribute('y') ?? '0.32') - 0.32) * fontSize;
    const anchor = (inherited(element, 'text-anchor') ?? 'start') as 'start' | 'middle' | 'end';
    const label = { text: element.textContent ?? '', fontSize, bold: Number(inherited(element, 'font-weight') ?? 400) >= 600 };
    return { text: label.text, box: textBox(label, { x, y: y + shift, textAnchor: anchor }) };
  });
}

/** The zero rule's stretches, widened by 3 units: a number that close reads as zero's value. */
function zeroRule(svg: string): Box[] {
  const { document } = parseHTML(`<!doctype html><html><body>${svg}</body></html>`);
  return [...document.querySelectorAll(`.${ZERO_RULE_CLASS} line`)].map((line) => {
    const x = Number(line.getAttribute('x1') ?? line.getAttribute('x'));
    return { left: x - 3, right: x + 3, top: Number(line.getAttribute('y1')), bottom: Number(line.getAttribute('y2')) };
  });
}

/** Pairs of texts that overlap, and texts on the zero rule, in words. */
function clashes(svg: string): string[] {
  const texts = drawnTexts(svg);
  const found: string[] = [];
  texts.forEach((a, index) => {
    for (const b of texts.slice(index + 1)) if (overlaps(a.box, b.box)) found.push(`"${a.text}" overlaps "${b.text}"`);
    for (const rule of zeroRule(svg)) if (overlaps(a.box, rule)) found.push(`"${a.text}" is on the zero rule`);
  });
  return found;
}

/** Texts that reach outside the drawing (its viewBox), where a phone's page edge cuts them. */
function cutTexts(svg: string): string[] {
  const [, width = '0', height = '0'] = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg) ?? [];
  return drawnTexts(svg)
    .filter(({ box }) => box.left < 0 || box.right > Number(width) || box.top < 0 || box.bottom > Number(height))
    .map(({ text }) => `"${text}" reaches outside the drawing`);
}

/** Every way a drawn chart's labels can fail a reader: overlapping, on the zero rule, cut at the edge. */
function labelProblems(svg: string): string[] {
  return [...clashes(svg), ...cutTexts(svg)];
}

/** Heights of the dots (estimates) of a drawn interval chart. */
function dotHeights(svg: string): number[] {
  const { document } = parseHTML(`<!doctype html><html><body>${svg}</body></html>`);
  return [...document.querySelectorAll('circle')].map((circle) => Number(circle.getAttribute('cy')));
}

const everyMetric = evidence.flatMap((pilot) =>
  pilot.results.metrics.map((metric) => ({ pilot, metric, metricEvidence: pilot.metrics.find((candidate) => candidate.id === metric.id) })),
);

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

describe('interval chart labels', () => {
  test('no two labels overlap and none sits on the zero rule, at either width, for every metric', () => {
    for (const { pilot, metric } of everyMetric) {
      const chart = intervalChart(metric, { confidence: pilot.results.confidence });
      for (const [width, svg] of Object.entries(chart.svg)) {
        expect(zeroRule(svg).length, `${pilot.slug}/${metric.id} ${width}`).toBeGreaterThan(0);
        expect(clashes(svg), `${pilot.slug}/${metric.id} ${width}`).toEqual([]);
      }
    }
  });

  test('every number is drawn on its own side of zero', () => {
    for (const { pilot, metric } of everyMetric) {
      const chart = intervalChart(metric, { confidence: pilot.results.confidence });
      for (const [width, svg] of Object.entries(chart.svg)) {
        const [rule] = zeroRule(svg);
        if (!rule) throw new Error('expected a zero rule');
        const zero = (rule.left + rule.right) / 2;
        const texts = drawnTexts(svg);
        for (const [, ...numbers] of chart.table.rows) {
          for (const number of numbers.slice(0, 3)) {
            const positive = number.startsWith('+');
            for (const { box } of texts.filter(({ text }) => text === number)) {
              expect(positive ? box.left > zero : box.right < zero, `${pilot.slug}/${metric.id} ${width}: "${number}"`).toBe(true);
            }
          }
        }
      }
    }
  });

  test('a name the zero rule would cross gets a gap in the rule instead', () => {
    const { pilot, metric } = metricOf('nurture-q2', 'revenue');
    const compact = intervalChart(metric, { confidence: pilot.results.confidence }).svg.compact ?? '';
    const name = drawnTexts(compact).find(({ text }) => text === 'Adjusted for baseline');
    if (!name) throw new Error('expected the adjusted row to be named');
    const rule = zeroRule(compact);
    // The name stands across zero, so an unbroken rule would cross it: the rule runs in two stretches, around it.
    const ruleX = ((rule[0]?.left ?? 0) + (rule[0]?.right ?? 0)) / 2;
    expect(name.box.left < ruleX && ruleX < name.box.right).toBe(true);
    expect(rule.length).toBe(2);
    for (const stretch of rule) expect(overlaps(name.box, stretch)).toBe(false);
  });
});

describe('methodology chart', () => {
  test('no two labels overlap, none sits on the zero rule or leaves the drawing, at either width', () => {
    const chart = readingChart();
    expectAccessible(chart);
    for (const [width, svg] of Object.entries(chart.svg)) {
      expect(zeroRule(svg).length, width).toBeGreaterThan(0);
      expect(labelProblems(svg), width).toEqual([]);
    }
  });

  test('the zero rule stops short of "Could go either way: Inconclusive", and still runs through every interval', () => {
    // The reviewer's case: on the methodology page the rule cut through the inconclusive example's title.
    for (const [width, svg] of Object.entries(readingChart().svg)) {
      const title = drawnTexts(svg).find(({ text }) => text === 'Could go either way: Inconclusive');
      if (!title) throw new Error('expected the inconclusive example to be titled');
      const rule = zeroRule(svg);
      for (const stretch of rule) expect(overlaps(title.box, stretch), width).toBe(false);
      for (const y of dotHeights(svg)) expect(rule.some((stretch) => stretch.top < y && y < stretch.bottom), `${width}: the line at ${y}`).toBe(true);
    }
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

  test('labels neither overlap nor leave the drawing, at either width, for every metric with a trend', () => {
    for (const { pilot, metric, metricEvidence } of everyMetric) {
      if (!metricEvidence) continue;
      const chart = trendChart(metric, metricEvidence, { started: pilot.pilot.started });
      for (const [width, svg] of Object.entries(chart?.svg ?? {})) expect(labelProblems(svg), `${pilot.slug}/${metric.id} ${width}`).toEqual([]);
    }
  });

  test('five-figure money on a phone: every tick keeps its "$", and "$0" keeps clear of the first date', () => {
    // The reviewer's case: at 375px "$15,000" and "$10,000" lost their "$" at the left edge, and "$0" touched "5 Jan".
    const { pilot, metric, metricEvidence } = metricOf('nurture-q2', 'revenue');
    const scaled = { ...metricEvidence, trend: metricEvidence.trend.map((point) => ({ ...point, value: point.value * 4 })) };
    const compact = trendChart(metric, scaled, { started: pilot.pilot.started })?.svg.compact ?? '';
    const texts = drawnTexts(compact);
    const money = texts.filter(({ text }) => text.startsWith('$'));
    expect(money.map(({ text }) => text)).toContain('$15,000');
    for (const { text, box } of money) expect(box.left, text).toBeGreaterThanOrEqual(0);
    const zero = texts.find(({ text }) => text === '$0');
    const firstDate = texts.find(({ text }) => /^\d+ [A-Z][a-z]{2}$/.test(text));
    if (!zero || !firstDate) throw new Error('expected "$0" and a date');
    expect(overlaps(zero.box, firstDate.box)).toBe(false);
    expect(labelProblems(compact)).toEqual([]);
  });

  test('a pilot that starts a week in, or in the last week: its start is labelled inside the drawing, "before" only where it fits', () => {
    const { metric, metricEvidence } = metricOf('nurture-q2', 'revenue');
    const weeks = [...new Set(metricEvidence.trend.map((point) => point.week))].sort();
    for (const started of [weeks[1], weeks[weeks.length - 1]] as string[]) {
      const chart = trendChart(metric, metricEvidence, { started });
      for (const [width, svg] of Object.entries(chart?.svg ?? {})) {
        expect(svg, `${started} ${width}`).toContain('pilot starts');
        expect(labelProblems(svg), `${started} ${width}`).toEqual([]);
      }
    }
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

  test('tick labels neither touch nor leave the drawing, at either width, for every metric', () => {
    for (const { pilot, metric, metricEvidence } of everyMetric) {
      if (!metricEvidence) continue;
      const chart = unitsChart(metric, metricEvidence);
      for (const [width, svg] of Object.entries(chart?.svg ?? {})) {
        const viewBoxWidth = Number(/viewBox="0 0 ([\d.]+)/.exec(svg)?.[1]);
        expect(clashes(svg), `${pilot.slug}/${metric.id} ${width}`).toEqual([]);
        for (const { text, box } of drawnTexts(svg)) {
          expect(box.left, `${pilot.slug}/${metric.id} ${width}: "${text}"`).toBeGreaterThanOrEqual(0);
          expect(box.right, `${pilot.slug}/${metric.id} ${width}: "${text}"`).toBeLessThanOrEqual(viewBoxWidth);
        }
      }
    }
  });

  test('six-figure totals on a phone: fewer ticks, none run together or cut at the edge', () => {
    // The reviewer's case: totals up to about $480,000 at 375px printed "$100,000$200,000..." run together.
    const { metric, metricEvidence } = metricOf('nurture-q2', 'revenue');
    const scaled = {
      ...metric,
      pilot: { ...metric.pilot, value: metric.pilot.value * 8 },
      control: { ...metric.control, value: metric.control.value * 8 },
    };
    const chart = unitsChart(scaled, { ...metricEvidence, units: metricEvidence.units.map((unit) => ({ ...unit, value: unit.value * 8 })) });
    const compact = chart?.svg.compact ?? '';
    const ticks = drawnTexts(compact).filter(({ text }) => text.startsWith('$'));
    expect(ticks.map(({ text }) => text)).toEqual(['$0', '$200,000', '$400,000']);
    expect(clashes(compact)).toEqual([]);
    for (const { box } of ticks) expect(box.right).toBeLessThanOrEqual(360);
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
    // The demo script's win rate: 31.2% against 25.4% in the fixture, +5.8 pp, and +23% (0.2283) relative.
    expect(chart.table.rows[1]?.[2]).toBe('+23% (+5.8 pp)');
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

/**
 * A concluded pilot like a fixture one, with another title and primary lift:
 * enough to draw the forest plot of the example site.
 */
function concludedLike(
  slug: string,
  lift: { title: string; estimate: number; low: number; high: number; verdict: Verdict; better?: 'higher' | 'lower' },
): PilotEvidence {
  const base = bySlug(slug);
  const metrics = base.results.metrics.map((metric): MetricResult =>
    metric.primary
      ? { ...metric, adjusted: null, better: lift.better ?? 'higher', verdict: lift.verdict, relative: { ...metric.relative, estimate: lift.estimate, low: lift.low, high: lift.high } }
      : metric,
  );
  return { ...base, slug: `${slug}-${lift.title.length}`, results: { ...base.results, slug: `${slug}-${lift.title.length}`, title: lift.title, status: 'concluded', metrics } };
}

describe('forest plot labels', () => {
  // The example site's overview, as the reviewer saw it at 375px.
  const overview = [
    concludedLike('nurture-q2', { title: 'Automated quote generation', estimate: -0.16, low: -0.25, high: -0.07, verdict: 'win', better: 'lower' }),
    concludedLike('nurture-q2', { title: 'Route qualified leads only to reps who follow up', estimate: 0.045, low: -0.1, high: 0.19, verdict: 'inconclusive' }),
    concludedLike('demo-script', { title: 'Loop-back call after lead hand-off', estimate: 0.19, low: 0.07, high: 0.31, verdict: 'win' }),
    concludedLike('nurture-q2', { title: 'Nurture sequence for prospects not ready to buy', estimate: 0.11, low: 0.03, high: 0.2, verdict: 'win' }),
  ];
  const forestOf = (pilots: readonly PilotEvidence[]) => {
    const chart = forestChart(pilots, { domain: commonDomain(pilots.map((pilot) => primaryResult(pilot.results))) });
    if (!chart) throw new Error('expected a forest');
    return chart;
  };

  test('no two labels overlap, none sits on the zero rule or leaves the drawing, at either width', () => {
    for (const pilots of [overview, evidence, ...evidence.map((pilot) => [pilot])]) {
      if (!pilots.some((pilot) => pilot.results.status === 'concluded')) continue;
      const chart = forestOf(pilots);
      for (const [width, svg] of Object.entries(chart.svg)) {
        const which = `${pilots.map((pilot) => pilot.slug).join(', ')} ${width}`;
        expect(zeroRule(svg).length, which).toBeGreaterThan(0);
        expect(labelProblems(svg), which).toEqual([]);
      }
    }
  });

  test('on a phone the zero rule gives way to the titles it would cross, and "+4.5%" sits right of zero', () => {
    const compact = forestOf(overview).svg.compact ?? '';
    const texts = drawnTexts(compact);
    const rule = zeroRule(compact);
    const crossed = texts.filter(({ text }) => text.startsWith('Route qualified leads'));
    expect(crossed.length).toBeGreaterThan(0);
    for (const { box } of crossed) for (const stretch of rule) expect(overlaps(box, stretch)).toBe(false);
    const lift = texts.find(({ text }) => text === '+4.5%');
    const [stretch] = rule;
    if (!lift || !stretch) throw new Error('expected "+4.5%" and a zero rule');
    expect(lift.box.left).toBeGreaterThan(stretch.right);
  });

  test('a rate keeps its headline in points, and "lower is better" goes under the verdict on a phone', () => {
    const chart = forestOf(overview);
    const compact = drawnTexts(chart.svg.compact ?? '');
    // The relative lift this test gives it (0.19), beside the fixture's 31.2% - 25.4% = +5.8 pp.
    expect(compact.map(({ text }) => text)).toContain('+19% (+5.8 pp)');
    const verdict = compact.find(({ text }) => text === 'Win');
    const note = compact.find(({ text }) => text === 'lower is better');
    if (!verdict || !note) throw new Error('expected "Win" over "lower is better"');
    expect(note.box.top).toBeGreaterThanOrEqual(verdict.box.bottom);
    expect(chart.svg.wide).toContain('>Win (lower is better)<');
  });
});
