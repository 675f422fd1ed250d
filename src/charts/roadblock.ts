/**
 * The roadblock view of a rate (src/core/present/roadblock.ts): one row of
 * bars per arm, each bar the number of units whose own rate falls in a range
 * ten percentage points wide, the count written on it, and the line below
 * which a unit is held up. Bars below the line are filled, the others
 * outlined, so it reads the same in colour, in grey and on paper.
 *
 * Counts, not shares: with a dozen units a share hides that a bar is one rep.
 */
import * as Plot from '@observablehq/plot';
import type { Arm } from '../core/evidence.ts';
import { formatCount } from '../core/present/format.ts';
import type { RoadblockRange, RoadblockView } from '../core/present/roadblock.ts';
import { tick } from '../core/present/format.ts';
import { COMPACT, WIDE, captionId, variantId, type Chart } from './chart.ts';
import { colors, HALO, renderPlot } from './render.ts';
import { FONT_SIZE, TICK_SIZE } from './units-axis.ts';

const ROW_HEIGHT = 96;
const ARMS: readonly Arm[] = ['pilot', 'control'];

interface Bar {
  arm: Arm;
  range: RoadblockRange;
  units: number;
}

export function roadblockChart(view: RoadblockView, options: { id?: string } = {}): Chart {
  const { metric } = view;
  const id = options.id ?? `roadblock-${metric.id}`;
  const label = `${metric.label}: how many units of each group have their own rate in each range, and the roadblock line`;
  const bars: Bar[] = ARMS.flatMap((arm) => view.ranges.map((range) => ({ arm, range, units: range[arm] })));
  const draw = (width: number): string => renderPlot(plotOptions(view, bars, width), { id: variantId(id, width), label, describedBy: captionId(id) });
  return {
    id,
    label,
    // The count itself is the paragraph above the chart (ReportView.astro): the caption says how to read the bars.
    description: `Each bar counts the units whose own rate falls in its range; bars below the dashed line are filled. ${view.line}`,
    svg: { wide: draw(WIDE), compact: draw(COMPACT) },
    table: {
      caption: `${metric.label}: units in each range of their own rate`,
      columns: [`${metric.label} of the unit`, 'Pilot units', 'Control units'],
      rows: view.ranges
        .filter((range) => range.pilot + range.control > 0)
        .map((range) => [`${range.label}${range.below ? ' (below the line)' : ''}`, formatCount(range.pilot), formatCount(range.control)]),
    },
  };
}

function plotOptions(view: RoadblockView, bars: readonly Bar[], width: number): Plot.PlotOptions {
  const compact = width <= COMPACT;
  const first = view.ranges[0] as RoadblockRange;
  const last = view.ranges.at(-1) as RoadblockRange;
  let tallest = 1;
  for (const bar of bars) tallest = Math.max(tallest, bar.units);
  const tickFormat = tick(view.metric);
  // Every 20 points on a phone, every 10 on a screen or paper: the ticks never touch.
  const step = compact ? 0.2 : 0.1;
  const ticks: number[] = [];
  for (let at = Math.ceil(first.low / step - 1e-9); at * step <= last.high + 1e-9; at += 1) ticks.push(Number((at * step).toFixed(6)));
  const arms = ARMS.map((arm) => ({ arm, name: `${arm === 'pilot' ? 'Pilot' : 'Control'}: ${formatCount(view.arms[arm].below)} of ${formatCount(view.arms[arm].units)} below the line` }));
  const shown = bars.filter((bar) => bar.units > 0);
  return {
    width,
    height: ROW_HEIGHT * 2 + 40,
    marginTop: 6,
    marginBottom: 34,
    marginLeft: 24,
    marginRight: 24,
    x: { domain: [first.low, last.high] },
    // Room above the tallest bar for the arm's words and the bar's count.
    y: { domain: [0, tallest * 2], axis: null },
    fy: { domain: [...ARMS], axis: null, padding: 0.1 },
    marks: [
      Plot.gridX({ ticks, stroke: colors.grid, strokeOpacity: 1 }),
      Plot.axisX({ ticks, tickFormat, label: null, fontSize: TICK_SIZE, color: colors.muted, tickSize: 0, tickPadding: 8 }),
      Plot.ruleY([0], { stroke: colors.grid }),
      Plot.rect(shown, {
        fy: 'arm',
        x1: (bar: Bar) => bar.range.low,
        x2: (bar: Bar) => bar.range.high,
        y1: 0,
        y2: 'units',
        insetLeft: 1,
        insetRight: 1,
        fill: (bar: Bar) => (bar.range.below ? colors[bar.arm] : 'white'),
        stroke: (bar: Bar) => colors[bar.arm],
        strokeWidth: 1.5,
        title: (bar: Bar) => `${bar.range.label}: ${formatCount(bar.units)} ${bar.arm} units${bar.range.below ? ', below the line' : ''}`,
      }),
      Plot.text(shown, {
        fy: 'arm',
        x: (bar: Bar) => (bar.range.low + bar.range.high) / 2,
        y: 'units',
        text: (bar: Bar) => formatCount(bar.units),
        dy: -8,
        fontSize: FONT_SIZE - 1,
        fill: colors.ink,
        ...HALO,
      }),
      // Up to just above the tallest bar's count, clear of the arm's words at the top.
      Plot.ruleX([view.threshold], { y1: 0, y2: tallest * 1.3, stroke: colors.ink, strokeWidth: 2, strokeDasharray: '5,3' }),
      Plot.text(arms, { fy: 'arm', frameAnchor: 'top-left', text: 'name', dy: 6, dx: 2, fontSize: FONT_SIZE, fontWeight: 600, fill: (arm: (typeof arms)[number]) => colors[arm.arm], ...HALO }),
    ],
  };
}
