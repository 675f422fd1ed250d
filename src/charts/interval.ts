/**
 * One metric's interval against zero: where the pilot's effect could be,
 * with "no difference" drawn in. With a baseline adjustment, the adjusted
 * (headline) interval is drawn first and the unadjusted one below it, so a
 * reader sees how much the head start mattered.
 *
 * Percent axis when every drawn interval has both relative bounds; otherwise
 * the metric's own units (statistics.md section 3: unbounded Fieller).
 */
import * as Plot from '@observablehq/plot';
import type { MetricResult } from '../core/results.ts';
import { formatConfidence } from '../core/format.ts';
import type { HeadlineNumbers } from '../core/headline.ts';
import { headlineOf, scaleOf, unadjustedOf, verdictPhrase } from '../site/lift.ts';
import { COMPACT, WIDE, variantId, captionId, type Chart } from './chart.ts';
import { colors, HALO, renderPlot, textWidth } from './render.ts';

interface Row {
  name: string;
  estimate: number;
  low: number;
  high: number;
  color: string;
  headline: boolean;
}

const FONT_SIZE = 13;

export function intervalChart(metric: MetricResult, options: { confidence: number; id?: string }): Chart {
  const id = options.id ?? `interval-${metric.id}`;
  const drawn: { name: string; numbers: HeadlineNumbers; headline: boolean }[] = metric.adjusted
    ? [
        { name: 'Adjusted for baseline', numbers: headlineOf(metric), headline: true },
        { name: 'Unadjusted', numbers: unadjustedOf(metric), headline: false },
      ]
    : [{ name: 'Pilot vs control', numbers: headlineOf(metric), headline: true }];
  const scale = scaleOf(metric);
  const inPercent = scale.kind === 'relative';
  const rows: Row[] = drawn.map(({ name, numbers, headline }) => {
    const values = scale.pick(numbers);
    return {
      name,
      estimate: values.estimate,
      low: values.low,
      high: values.high,
      color: headline ? colors[metric.verdict] : colors.muted,
      headline,
    };
  });
  const format = scale.format;
  const level = formatConfidence(options.confidence);
  const label = `${metric.label}: ${level} interval of the ${inPercent ? 'lift in percent' : 'difference'} of pilot over control, against zero`;
  const headline = rows[0] as Row;
  const sides =
    metric.verdict === 'inconclusive'
      ? 'The interval crosses zero, so the data cannot tell a gain from a loss.'
      : `The whole interval lies on the ${metric.verdict === 'win' ? 'better' : 'worse'} side of zero.`;
  const description =
    `${headline.name}: ${format(headline.estimate)}, ${level} interval ${format(headline.low)} to ${format(headline.high)}. ${sides}` +
    (metric.better === 'lower' ? ' Lower is better for this metric.' : '');
  const draw = (width: number): string =>
    renderPlot(plotOptions(rows, { width, format, tick: scale.tick, better: metric.better }), { id: variantId(id, width), label, describedBy: captionId(id) });
  return {
    id,
    label,
    description,
    svg: { wide: draw(WIDE), compact: draw(COMPACT) },
    table: {
      caption: `${metric.label}: ${inPercent ? 'lift' : 'difference'} of pilot over control (${level} interval)`,
      columns: ['Comparison', 'Estimate', 'Interval low', 'Interval high', 'Verdict'],
      rows: rows.map((row) => [
        row.name,
        format(row.estimate),
        format(row.low),
        format(row.high),
        row.headline ? verdictPhrase(metric.verdict) : 'shown for comparison',
      ]),
    },
  };
}

/**
 * Zero and every bound in view, with room beside the bounds for their labels:
 * the padding p (a fraction of the span) satisfies p / (1 + 2p) * plot width
 * >= label width.
 */
function paddedDomain(rows: readonly Row[], plotWidth: number, labelWidth: number): [number, number] {
  const low = Math.min(0, ...rows.map((row) => row.low));
  const high = Math.max(0, ...rows.map((row) => row.high));
  const span = high - low || 1;
  const pad = labelWidth / Math.max(plotWidth - 2 * labelWidth, plotWidth / 3);
  return [low - span * pad, high + span * pad];
}

function plotOptions(
  rows: readonly Row[],
  options: { width: number; format: (value: number) => string; tick: (value: number) => string; better: 'higher' | 'lower' },
): Plot.PlotOptions {
  const compact = options.width <= COMPACT;
  const twoRows = rows.length > 1;
  // Row names sit in a left column on wide charts, above each line on compact ones.
  const namesLeft = twoRows && !compact;
  const namesAbove = twoRows && compact;
  const rowHeight = namesAbove ? 62 : 54;
  const marginTop = namesAbove ? 44 : 26;
  const marginBottom = 50;
  const margin = 30;
  const marginLeft = namesLeft ? 170 : margin;
  const labelWidth = Math.max(...rows.flatMap((row) => [row.low, row.high].map((value) => textWidth(options.format(value), FONT_SIZE)))) + 10;
  const domain = paddedDomain(rows, options.width - marginLeft - margin, labelWidth);
  const sides = options.better === 'higher' ? ['\u2190 pilot worse', 'pilot better \u2192'] : ['\u2190 pilot better', 'pilot worse \u2192'];
  const ticks = compact ? 4 : 7;
  return {
    width: options.width,
    height: marginTop + marginBottom + rowHeight * rows.length,
    marginTop,
    marginBottom,
    marginLeft,
    marginRight: margin,
    x: { domain },
    y: { type: 'point', domain: rows.map((row) => row.name), axis: null, padding: 0.5 },
    marks: [
      Plot.gridX({ ticks, stroke: colors.grid, strokeOpacity: 1 }),
      Plot.axisX({ ticks, tickFormat: options.tick, label: null, fontSize: FONT_SIZE - 1, color: colors.muted, tickSize: 0, tickPadding: 8 }),
      Plot.ruleX([0], { stroke: colors.ink, strokeWidth: 1.5 }),
      Plot.text(['no difference'], { x: () => 0, frameAnchor: 'top', dy: -12, fill: colors.muted, fontSize: FONT_SIZE - 1, ...HALO }),
      ...(twoRows
        ? [true, false].map((headline) =>
            Plot.text(rows.filter((row) => row.headline === headline), {
              y: 'name',
              frameAnchor: 'left',
              text: 'name',
              textAnchor: namesLeft ? 'end' : 'start',
              dx: namesLeft ? -12 : 0,
              dy: namesLeft ? 0 : -22,
              fontSize: FONT_SIZE,
              fontWeight: headline ? 600 : 400,
              fill: colors.ink,
              ...HALO,
            }),
          )
        : []),
      Plot.ruleY(rows, { y: 'name', x1: 'low', x2: 'high', stroke: 'color', strokeWidth: 5, strokeLinecap: 'round' }),
      Plot.dot(rows, { y: 'name', x: 'estimate', r: 6.5, fill: 'white', stroke: 'color', strokeWidth: 3 }),
      Plot.text(rows, { y: 'name', x: 'low', text: (row: Row) => options.format(row.low), textAnchor: 'end', dx: -9, fontSize: FONT_SIZE, fill: colors.ink, ...HALO }),
      Plot.text(rows, { y: 'name', x: 'high', text: (row: Row) => options.format(row.high), textAnchor: 'start', dx: 9, fontSize: FONT_SIZE, fill: colors.ink, ...HALO }),
      Plot.text(rows, { y: 'name', x: 'estimate', text: (row: Row) => options.format(row.estimate), dy: 19, fontSize: FONT_SIZE, fontWeight: 700, fill: 'color', ...HALO }),
      Plot.text([sides[0]], { frameAnchor: 'bottom-left', dy: 38, text: (value: string) => value, textAnchor: 'start', fill: colors.muted, fontSize: FONT_SIZE - 1 }),
      Plot.text([sides[1]], { frameAnchor: 'bottom-right', dy: 38, text: (value: string) => value, textAnchor: 'end', fill: colors.muted, fontSize: FONT_SIZE - 1 }),
    ],
  };
}
