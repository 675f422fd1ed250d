/**
 * Every unit as a dot, one row per arm: how spread out the reps (stores,
 * territories) are, and whether a few outliers carry the result. Dots are
 * stacked where they would overlap (Plot's dodge, which is deterministic).
 *
 * Labels come from the evidence, which already made them anonymous unless the
 * pilot sets showUnits; this chart never sees a real name it may not show.
 */
import * as Plot from '@observablehq/plot';
import type { Arm, MetricEvidence, UnitPoint } from '../core/evidence.ts';
import type { MetricResult } from '../core/results.ts';
import { formatValue } from '../core/present/format.ts';
import { MOST_UNIT_DOTS } from '../core/present/report-model.ts';
import { kindOf } from '../core/metric-kinds.ts';
import { COMPACT, WIDE, variantId, captionId, type Chart } from './chart.ts';
import { colors, HALO, renderPlot } from './render.ts';
import { FONT_SIZE, TICK_SIZE, unitsAxis } from './units-axis.ts';
import { unitsSummaryChart } from './units-summary.ts';

const RADIUS = { wide: 5, compact: 4.5 };
const MOST_UNITS_TWICE = 150;

const armNames: Record<Arm, string> = { pilot: 'Pilot', control: 'Control' };

/** What one unit's dot means, per metric type. */
function unitMeaning(metric: MetricResult): string {
  return `each unit's ${kindOf(metric).unitMeaning}`;
}

/**
 * One dot per unit; past MOST_UNIT_DOTS units, how many units fall in each
 * range of values instead (units-summary.ts): dots that many only pile into a
 * solid band, and placing each one clear of the others takes time that grows
 * faster than their number.
 */
export function unitsChart(metric: MetricResult, evidence: MetricEvidence, options: { id?: string } = {}): Chart | null {
  if (evidence.units.length === 0) return null;
  if (evidence.units.length > MOST_UNIT_DOTS) return unitsSummaryChart(metric, evidence, options);
  const id = options.id ?? `units-${metric.id}`;
  const format = (value: number): string => formatValue(value, metric);
  const units = [...evidence.units].sort((a, b) => (a.arm === b.arm ? a.value - b.value || a.label.localeCompare(b.label) : a.arm === 'pilot' ? -1 : 1));
  const count = (arm: Arm) => units.filter((unit) => unit.arm === arm).length;
  const label = `${metric.label}: ${unitMeaning(metric)}, one dot per unit, pilot and control`;
  const description =
    `Each dot is one unit (${unitMeaning(metric)}): ${count('pilot')} in the pilot (filled dots), ${count('control')} in control (hollow dots). ` +
    `The vertical mark is the group's overall value: pilot ${format(metric.pilot.value)}, control ${format(metric.control.value)}.`;
  const draw = (width: number): string =>
    renderPlot(plotOptions(units, metric, { width, format }), { id: variantId(id, width), label, describedBy: captionId(id) });
  return {
    id,
    label,
    description,
    // Hundreds of units would double a page's weight in a second drawing; the
    // wide one then stands in on phones too.
    svg: units.length > MOST_UNITS_TWICE ? { wide: draw(WIDE) } : { wide: draw(WIDE), compact: draw(COMPACT) },
    table: {
      caption: `${metric.label} per unit`,
      columns: ['Unit', 'Group', metric.label],
      rows: units.map((unit) => [unit.label, armNames[unit.arm], format(unit.value)]),
    },
  };
}

/**
 * Height one arm's row needs: the tallest pile of dots once dodged, estimated
 * by binning dots at the width of one dot.
 */
function pileHeight(values: readonly number[], domain: [number, number], plotWidth: number, radius: number): number {
  const diameter = radius * 2 + 1;
  const span = domain[1] - domain[0] || 1;
  const bins = new Map<number, number>();
  for (const value of values) {
    const bin = Math.floor((((value - domain[0]) / span) * plotWidth) / diameter);
    bins.set(bin, (bins.get(bin) ?? 0) + 1);
  }
  let tallest = 1;
  for (const pile of bins.values()) tallest = Math.max(tallest, pile);
  return tallest * diameter * 0.9 + diameter * 2;
}

function plotOptions(
  units: readonly UnitPoint[],
  metric: MetricResult,
  options: { width: number; format: (value: number) => string },
): Plot.PlotOptions {
  const compact = options.width <= COMPACT;
  const radius = compact ? RADIUS.compact : RADIUS.wide;
  const { domain, ticks, tickFormat, marginLeft, marginRight, plotWidth } = unitsAxis(
    units.map((unit) => unit.value),
    metric,
    { width: options.width, compact },
  );
  const rowHeight = Math.max(
    64,
    ...(['pilot', 'control'] as const).map((arm) =>
      pileHeight(units.filter((unit) => unit.arm === arm).map((unit) => unit.value), domain, plotWidth, radius),
    ),
  ) + 26;
  const arms = [
    { arm: 'pilot' as const, name: `Pilot (${units.filter((unit) => unit.arm === 'pilot').length})`, value: metric.pilot.value },
    { arm: 'control' as const, name: `Control (${units.filter((unit) => unit.arm === 'control').length})`, value: metric.control.value },
  ];
  return {
    width: options.width,
    height: rowHeight * 2 + 40,
    marginTop: 6,
    marginBottom: 34,
    marginLeft,
    marginRight,
    x: { domain },
    fy: { domain: ['pilot', 'control'], axis: null, padding: 0.08 },
    marks: [
      Plot.gridX({ ticks, stroke: colors.grid, strokeOpacity: 1 }),
      Plot.axisX({ ticks, tickFormat, label: null, fontSize: TICK_SIZE, color: colors.muted, tickSize: 0, tickPadding: 8 }),
      Plot.text(arms, { fy: 'arm', frameAnchor: 'top-left', text: 'name', dy: 6, fontSize: FONT_SIZE, fontWeight: 600, fill: (arm: (typeof arms)[number]) => colors[arm.arm] }),
      Plot.tickX(arms, { fy: 'arm', x: 'value', stroke: colors.ink, strokeWidth: 2.5, inset: 18 }),
      ...arms.map((arm) => {
        // Keep the label inside the frame when the overall value sits near an edge.
        const at = (arm.value - domain[0]) / (domain[1] - domain[0] || 1);
        const textAnchor = at < 0.15 ? 'start' : at > 0.85 ? 'end' : 'middle';
        return Plot.text([arm], { fy: 'arm', x: 'value', frameAnchor: 'bottom', lineAnchor: 'bottom', text: () => `overall ${options.format(arm.value)}`, dy: -2, dx: textAnchor === 'start' ? -2 : textAnchor === 'end' ? 2 : 0, textAnchor, fontSize: FONT_SIZE - 1, fill: colors.ink, ...HALO });
      }),
      Plot.dot(
        units,
        Plot.dodgeY(
          { anchor: 'middle', padding: 1 },
          {
            x: 'value',
            fy: 'arm',
            r: radius,
            fill: (unit: UnitPoint) => (unit.arm === 'pilot' ? colors.pilot : 'white'),
            stroke: (unit: UnitPoint) => (unit.arm === 'pilot' ? 'white' : colors.control),
            strokeWidth: 1.5,
            title: (unit: UnitPoint) => `${unit.label}: ${options.format(unit.value)}`,
          },
        ),
      ),
    ],
  };
}
