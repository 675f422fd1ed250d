/**
 * The randomization test as a picture (statistics.md section 10): every way
 * the units could have been split into groups of the same sizes, piled up by
 * how far from "no difference" each split's result would land if the pilot
 * had done nothing, with this pilot's real split marked. Bars as far out as
 * the real result, or further, are the chance explanations that remain: their
 * share is the p-value.
 *
 * The statistic is the studentized one of the headline's method (the
 * difference over its standard error), so the axis reads "standard errors
 * from no difference" whatever the metric's units.
 */
import * as Plot from '@observablehq/plot';
import type { NullDistribution } from '../core/stats/index.ts';
import type { MetricResult } from '../core/results.ts';
import { formatCount, formatP, numberFormat, MINUS } from '../core/present/format.ts';
import { COMPACT, WIDE, variantId, captionId, type Chart } from './chart.ts';
import { colors, HALO, renderPlot, spacedTicks } from './render.ts';

const FONT_SIZE = 13;

interface Bar {
  low: number;
  high: number;
  count: number;
  /** At least as far from zero as the real split: these splits make up the p-value. */
  extreme: boolean;
}

/** "+1.5", "−2", "0": standard errors on the axis. */
function standardErrors(value: number): string {
  const text = numberFormat(0, 1).format(Math.abs(value));
  // The sign of what is shown, not of the value: a bin edge of -1e-17 is "0", never "−0".
  if (text === '0') return text;
  return `${value < 0 ? MINUS : '+'}${text}`;
}

/** Null when nothing was drawn (no finite statistic): the words above the chart then stand alone. */
export function randomizationChart(metric: MetricResult, distribution: NullDistribution, options: { units: string; id?: string }): Chart | null {
  if (distribution.bins.length === 0) return null;
  const id = options.id ?? `randomization-${metric.id}`;
  const observed = distribution.observed;
  const reach = observed === null ? Infinity : Math.abs(observed);
  // A bar is dark when it reaches as far from zero as the real split (the bar holding it included):
  // its splits are among those the p-value counts.
  const bars: Bar[] = distribution.bins.map((bin) => ({ ...bin, extreme: Math.max(Math.abs(bin.low), Math.abs(bin.high)) >= reach * (1 - 1e-9) }));
  const total = distribution.assignments;
  const splits = metric.headline.randomization?.exact ? `all ${formatCount(total)} possible splits` : `${formatCount(total)} splits drawn at random`;
  const label = `${metric.label}: the result of ${splits} of the ${options.units} if the pilot did nothing, with this pilot's real split marked`;
  const p = metric.headline.absolute.p;
  const description =
    `Each bar counts splits of the ${options.units} into groups of the same sizes, by how far their result would land from no difference if the pilot had done nothing ` +
    `(in standard errors). ` +
    (observed === null
      ? `The real split's result is beyond every bar.`
      : `The real split lands at ${standardErrors(observed)}; the darker bars, at least that far from zero on either side, are the splits that would look as strong by chance alone${p === null ? '' : ` (${formatP(p)})`}.`);
  const draw = (width: number): string =>
    renderPlot(plotOptions(bars, observed, { width }), { id: variantId(id, width), label, describedBy: captionId(id) });
  return {
    id,
    label,
    description,
    svg: { wide: draw(WIDE), compact: draw(COMPACT) },
    table: {
      caption: `${metric.label}: splits by their result if the pilot did nothing`,
      columns: ['Result (standard errors)', 'Splits', 'Reaches as far from zero as the real one'],
      rows: bars.map((bar) => [`${standardErrors(bar.low)} to ${standardErrors(bar.high)}`, formatCount(bar.count), bar.extreme ? 'yes' : 'no']),
    },
  };
}

function plotOptions(bars: readonly Bar[], observed: number | null, options: { width: number }): Plot.PlotOptions {
  const compact = options.width <= COMPACT;
  const low = Math.min(0, ...bars.map((bar) => bar.low), observed ?? 0);
  const high = Math.max(0, ...bars.map((bar) => bar.high), observed ?? 0);
  const pad = (high - low || 1) * 0.04;
  const domain: [number, number] = [low - pad, high + pad];
  const margin = 24;
  const plotWidth = options.width - 2 * margin;
  const ticks = spacedTicks(domain, { length: plotWidth, format: standardErrors, fontSize: FONT_SIZE - 1, most: compact ? 6 : 10, overhang: [margin - 4, margin - 4] });
  const tallest = Math.max(...bars.map((bar) => bar.count));
  return {
    width: options.width,
    height: compact ? 200 : 220,
    marginTop: 34,
    marginBottom: 44,
    marginLeft: margin,
    marginRight: margin,
    x: { domain },
    y: { domain: [0, tallest], axis: null },
    marks: [
      Plot.gridX({ ticks, stroke: colors.grid, strokeOpacity: 1 }),
      Plot.axisX({ ticks, tickFormat: standardErrors, label: null, fontSize: FONT_SIZE - 1, color: colors.muted, tickSize: 0, tickPadding: 8 }),
      Plot.rectY(bars, {
        x1: 'low',
        x2: 'high',
        y: 'count',
        insetLeft: 0.5,
        insetRight: 0.5,
        fill: (bar: Bar) => (bar.extreme ? colors.ink : colors.grid),
      }),
      Plot.ruleY([0], { stroke: colors.muted }),
      ...(observed === null
        ? []
        : [
            Plot.ruleX([observed], { stroke: colors.pilot, strokeWidth: 2.5, y1: 0, y2: tallest }),
            Plot.text([observed], {
              x: (value: number) => value,
              frameAnchor: 'top',
              dy: -22,
              text: () => 'this pilot',
              textAnchor: observed > (domain[0] + domain[1]) / 2 ? 'end' : 'start',
              fill: colors.pilot,
              fontWeight: 700,
              fontSize: FONT_SIZE,
              ...HALO,
            }),
          ]),
      Plot.text(['standard errors from no difference \u2192'], {
        frameAnchor: 'bottom-right',
        dy: 36,
        text: (value: string) => value,
        textAnchor: 'end',
        fill: colors.muted,
        fontSize: FONT_SIZE - 1,
      }),
    ],
  };
}
