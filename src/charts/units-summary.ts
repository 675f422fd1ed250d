/**
 * The per-unit chart for many units (more than MOST_UNIT_DOTS): how many
 * units of each arm fall in each range of values, one row of bars per arm on
 * the dot plot's axis, with the same mark for each group's overall value.
 * Dots that many would only pile into a solid band, and placing each clear of
 * the others (Plot's dodge) takes time that grows faster than their number:
 * 50,000 units took 39 s for one page. Counting into ranges takes one pass.
 */
import * as Plot from '@observablehq/plot';
import type { Arm, MetricEvidence } from '../core/evidence.ts';
import { kindOf } from '../core/metric-kinds.ts';
import { formatCount, formatValue } from '../core/present/format.ts';
import type { MetricResult } from '../core/results.ts';
import { COMPACT, WIDE, captionId, variantId, type Chart } from './chart.ts';
import { colors, HALO, renderPlot } from './render.ts';
import { FONT_SIZE, TICK_SIZE, unitsAxis } from './units-axis.ts';

const RANGES = { wide: 48, compact: 24 };
const ROW_HEIGHT = 110;
const ARMS: readonly Arm[] = ['pilot', 'control'];

interface Bar {
  arm: Arm;
  low: number;
  high: number;
  units: number;
  /** Its share of its arm's units: arms of different sizes are compared by shape. */
  share: number;
}

export function unitsSummaryChart(metric: MetricResult, evidence: MetricEvidence, options: { id?: string } = {}): Chart {
  const id = options.id ?? `units-${metric.id}`;
  const format = (value: number): string => formatValue(value, metric);
  const meaning = `each unit's ${kindOf(metric).unitMeaning}`;
  const values = evidence.units.map((unit) => unit.value);
  const counts = { pilot: 0, control: 0 };
  for (const unit of evidence.units) counts[unit.arm] += 1;
  const label = `${metric.label}: ${meaning}, how many units fall in each range of values, pilot and control`;
  const description =
    `Each bar counts the units whose value (${meaning}) falls in its range: ${formatCount(counts.pilot)} in the pilot (filled bars), ` +
    `${formatCount(counts.control)} in control (outlined bars); a bar's height is its share of its group. ` +
    `The vertical mark is the group's overall value: pilot ${format(metric.pilot.value)}, control ${format(metric.control.value)}.`;
  const draw = (width: number): string => {
    const compact = width <= COMPACT;
    const axis = unitsAxis(values, metric, { width, compact });
    const bars = countInRanges(evidence, axis.domain, compact ? RANGES.compact : RANGES.wide, counts);
    return renderPlot(plotOptions(bars, metric, { width, axis, format }), { id: variantId(id, width), label, describedBy: captionId(id) });
  };
  // The table lists the wide chart's ranges that hold a unit.
  const wideAxis = unitsAxis(values, metric, { width: WIDE, compact: false });
  const wideBars = countInRanges(evidence, wideAxis.domain, RANGES.wide, counts);
  const ranges = [...new Set(wideBars.filter((bar) => bar.units > 0).map((bar) => bar.low))].sort((a, b) => a - b);
  const unitsIn = (arm: Arm, low: number) => wideBars.find((bar) => bar.arm === arm && bar.low === low)?.units ?? 0;
  return {
    id,
    label,
    description,
    svg: { wide: draw(WIDE), compact: draw(COMPACT) },
    table: {
      caption: `${metric.label}: units in each range of values`,
      columns: [metric.label, 'Pilot units', 'Control units'],
      rows: ranges.map((low) => {
        const high = wideBars.find((bar) => bar.low === low)?.high ?? low;
        return [`${format(low)} to ${format(high)}`, formatCount(unitsIn('pilot', low)), formatCount(unitsIn('control', low))];
      }),
    },
  };
}

/** Each arm's units counted into `ranges` equal ranges across the axis, in one pass. */
function countInRanges(evidence: MetricEvidence, domain: readonly [number, number], ranges: number, counts: Record<Arm, number>): Bar[] {
  const span = domain[1] - domain[0] || 1;
  const tally = { pilot: new Array<number>(ranges).fill(0), control: new Array<number>(ranges).fill(0) };
  for (const unit of evidence.units) {
    const index = Math.min(ranges - 1, Math.max(0, Math.floor(((unit.value - domain[0]) / span) * ranges)));
    tally[unit.arm][index] = (tally[unit.arm][index] as number) + 1;
  }
  return ARMS.flatMap((arm) =>
    tally[arm].map((units, index) => ({
      arm,
      low: domain[0] + (span * index) / ranges,
      high: domain[0] + (span * (index + 1)) / ranges,
      units,
      share: counts[arm] > 0 ? units / counts[arm] : 0,
    })),
  );
}

function plotOptions(
  bars: readonly Bar[],
  metric: MetricResult,
  options: { width: number; axis: ReturnType<typeof unitsAxis>; format: (value: number) => string },
): Plot.PlotOptions {
  const { domain, ticks, tickFormat, marginLeft, marginRight } = options.axis;
  let tallest = 0;
  for (const bar of bars) tallest = Math.max(tallest, bar.share);
  const counted = (arm: Arm) => bars.filter((bar) => bar.arm === arm).reduce((total, bar) => total + bar.units, 0);
  const arms = ARMS.map((arm) => ({ arm, name: `${arm === 'pilot' ? 'Pilot' : 'Control'} (${formatCount(counted(arm))})`, value: metric[arm].value }));
  return {
    width: options.width,
    height: ROW_HEIGHT * 2 + 40,
    marginTop: 6,
    marginBottom: 34,
    marginLeft,
    marginRight,
    x: { domain },
    // Room above the tallest bar for the arm's name and its overall value.
    y: { domain: [0, (tallest || 1) * 1.8], axis: null },
    fy: { domain: ['pilot', 'control'], axis: null, padding: 0.08 },
    marks: [
      Plot.gridX({ ticks, stroke: colors.grid, strokeOpacity: 1 }),
      Plot.axisX({ ticks, tickFormat, label: null, fontSize: TICK_SIZE, color: colors.muted, tickSize: 0, tickPadding: 8 }),
      Plot.rect(
        bars.filter((bar) => bar.units > 0),
        {
          fy: 'arm',
          x1: 'low',
          x2: 'high',
          y1: 0,
          y2: 'share',
          insetLeft: 0.5,
          insetRight: 0.5,
          fill: (bar: Bar) => (bar.arm === 'pilot' ? colors.pilot : 'white'),
          stroke: (bar: Bar) => (bar.arm === 'pilot' ? 'white' : colors.control),
          strokeWidth: 1,
          title: (bar: Bar) => `${options.format(bar.low)} to ${options.format(bar.high)}: ${formatCount(bar.units)} units`,
        },
      ),
      Plot.text(arms, { fy: 'arm', frameAnchor: 'top-left', text: 'name', dy: 6, fontSize: FONT_SIZE, fontWeight: 600, fill: (arm: (typeof arms)[number]) => colors[arm.arm] }),
      // Below the overall value's words, down to the bars' base.
      Plot.tickX(arms, { fy: 'arm', x: 'value', stroke: colors.ink, strokeWidth: 2.5, insetTop: 42, insetBottom: 0 }),
      ...arms.map((arm) => {
        // Keep the label inside the frame when the overall value sits near an edge.
        const at = (arm.value - domain[0]) / (domain[1] - domain[0] || 1);
        const textAnchor = at < 0.15 ? 'start' : at > 0.85 ? 'end' : 'middle';
        return Plot.text([arm], { fy: 'arm', x: 'value', frameAnchor: 'top', lineAnchor: 'top', text: () => `overall ${options.format(arm.value)}`, dy: 24, dx: textAnchor === 'start' ? -2 : textAnchor === 'end' ? 2 : 0, textAnchor, fontSize: FONT_SIZE - 1, fill: colors.ink, ...HALO });
      }),
    ],
  };
}
