/**
 * The small interval strip on an overview card: one pilot's primary lift on
 * the axis every card shares, so cards can be compared side by side.
 */
import * as Plot from '@observablehq/plot';
import type { MetricResult } from '../core/results.ts';
import { formatConfidence, formatLift } from '../core/present/format.ts';
import { liftTick } from '../core/present/format.ts';
import { onCommonAxis } from '../core/present/headline.ts';
import { verdictPhrase } from '../core/present/words.ts';
import { captionId, variantId, WIDE, type Chart } from './chart.ts';
import { colors, renderPlot } from './render.ts';

const WIDTH = 320;
const FONT_SIZE = 12;

/** Null when the lift has no percent interval: the card then says so in words. */
export function liftStripChart(metric: MetricResult, options: { domain: [number, number]; confidence: number; id: string }): Chart | null {
  const relative = onCommonAxis(metric);
  if (!relative) return null;
  const format = (value: number) => formatLift(value, { signed: true });
  const level = formatConfidence(options.confidence);
  const label = `${metric.label}: relative change ${format(relative.estimate)}, ${level} interval ${format(relative.low)} to ${format(relative.high)}, on the axis shared by all pilots (${format(options.domain[0])} to ${format(options.domain[1])})`;
  const svg = renderPlot(
    {
      width: WIDTH,
      height: 58,
      marginTop: 8,
      marginBottom: 24,
      marginLeft: 18,
      marginRight: 18,
      x: { domain: options.domain },
      y: { domain: [0, 1], axis: null },
      marks: [
        Plot.gridX({ ticks: 4, stroke: colors.grid, strokeOpacity: 1 }),
        Plot.axisX({ ticks: 4, tickFormat: liftTick, label: null, fontSize: FONT_SIZE - 1, color: colors.muted, tickSize: 0, tickPadding: 6 }),
        Plot.ruleX([0], { stroke: colors.ink, strokeWidth: 1.5 }),
        Plot.ruleY([relative], { y: () => 0.5, x1: 'low', x2: 'high', stroke: colors[metric.verdict], strokeWidth: 5, strokeLinecap: 'round' }),
        Plot.dot([relative], { y: () => 0.5, x: 'estimate', r: 5.5, fill: 'white', stroke: colors[metric.verdict], strokeWidth: 2.5 }),
      ],
    },
    // The page's <figure> carries options.id; the strip is its one (wide) drawing.
    { id: variantId(options.id, WIDE), label, describedBy: captionId(options.id) },
  );
  return {
    id: options.id,
    label,
    description: `Relative change ${format(relative.estimate)} (${level} interval ${format(relative.low)} to ${format(relative.high)}) on the axis all pilots share.`,
    svg: { wide: svg },
    table: {
      caption: `${metric.label}: relative change of pilot over control`,
      columns: ['Relative change', 'Interval low', 'Interval high', 'Verdict'],
      rows: [[format(relative.estimate), format(relative.low), format(relative.high), verdictPhrase(metric.verdict)]],
    },
  };
}
