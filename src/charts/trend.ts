/**
 * The weekly trend of pilot and control, with the start of the pilot marked:
 * the picture a sales audience trusts most, because it shows the gap opening
 * (or not) when the pilot began, and whether it was there before.
 *
 * Arms are told apart without colour: the pilot line is solid with filled
 * dots, the control dashed with hollow ones, and each line is labelled at its
 * end.
 */
import * as Plot from '@observablehq/plot';
import type { MetricEvidence, TrendPoint } from '../core/evidence.ts';
import type { MetricResult } from '../core/results.ts';
import { formatValue } from '../core/format.ts';
import { midSentence } from '../core/words.ts';
import { day, shortDay, tick } from '../site/format.ts';
import { COMPACT, WIDE, variantId, captionId, type Chart } from './chart.ts';
import { colors, HALO, renderPlot } from './render.ts';

const FONT_SIZE = 13;

interface Point extends TrendPoint {
  date: Date;
}

const toDate = (isoDate: string): Date => new Date(`${isoDate}T00:00:00Z`);

/** Null when the pilot has no dated rows (no `date` column): there is no trend to draw. */
export function trendChart(metric: MetricResult, evidence: MetricEvidence, options: { started: string; id?: string }): Chart | null {
  if (evidence.trend.length === 0) return null;
  const id = options.id ?? `trend-${metric.id}`;
  const points: Point[] = [...evidence.trend]
    .sort((a, b) => a.week.localeCompare(b.week) || a.arm.localeCompare(b.arm))
    .map((point) => ({ ...point, date: toDate(point.week) }));
  const format = (value: number): string => formatValue(value, metric);
  const hasPre = points.some((point) => point.period === 'pre');
  const label = `${metric.label} week by week, pilot and control${hasPre ? ', before and during the pilot' : ''}`;
  const weeks = [...new Set(points.map((point) => point.week))];
  const description =
    `Weekly ${midSentence(metric.label)} of pilot (solid line) and control (dashed line), ` +
    `${day(weeks[0] as string)} to ${day(weeks[weeks.length - 1] as string)}. ` +
    (hasPre
      ? `The vertical line marks the start of the pilot on ${day(options.started)}; weeks before it show how the groups compared beforehand.`
      : `The data starts when the pilot started, on ${day(options.started)}.`);
  const draw = (width: number): string =>
    renderPlot(plotOptions(points, { width, format: tick(metric), started: options.started, hasPre }), { id: variantId(id, width), label, describedBy: captionId(id) });
  const byWeek = new Map<string, { pilot?: TrendPoint; control?: TrendPoint }>();
  for (const point of points) byWeek.set(point.week, { ...byWeek.get(point.week), [point.arm]: point });
  return {
    id,
    label,
    description,
    svg: { wide: draw(WIDE), compact: draw(COMPACT) },
    table: {
      caption: `${metric.label} per week`,
      columns: ['Week of', 'Period', 'Pilot', 'Control'],
      rows: [...byWeek].map(([week, arms]) => [
        day(week),
        (arms.pilot ?? arms.control)?.period === 'pre' ? 'before the pilot' : 'pilot',
        arms.pilot ? format(arms.pilot.value) : '\u2013',
        arms.control ? format(arms.control.value) : '\u2013',
      ]),
    },
  };
}

function plotOptions(
  points: readonly Point[],
  options: { width: number; format: (value: number) => string; started: string; hasPre: boolean },
): Plot.PlotOptions {
  const compact = options.width <= COMPACT;
  const pilot = points.filter((point) => point.arm === 'pilot');
  const control = points.filter((point) => point.arm === 'control');
  const values = points.map((point) => point.value);
  const low = Math.min(0, ...values);
  const high = Math.max(...values);
  const endLabels = lineEndLabels(pilot, control, high - low);
  const started = toDate(options.started);
  const first = points[0] as Point;
  return {
    width: options.width,
    height: compact ? 260 : 300,
    marginTop: 30,
    marginRight: compact ? 58 : 70,
    marginLeft: compact ? 52 : 64,
    marginBottom: 34,
    x: { type: 'utc' },
    y: { domain: [low, high * 1.05], nice: true },
    marks: [
      Plot.gridY({ ticks: 5, stroke: colors.grid, strokeOpacity: 1 }),
      Plot.axisY({ ticks: 5, tickFormat: options.format, label: null, fontSize: FONT_SIZE - 1, color: colors.muted, tickSize: 0 }),
      Plot.axisX({ ticks: weekTicks(points, compact ? 3 : 6), label: null, fontSize: FONT_SIZE - 1, color: colors.muted, tickFormat: (date: Date) => shortDay(date.toISOString()) }),
      options.hasPre && started > first.date
        ? Plot.rectX([0], { x1: () => first.date, x2: () => started, fill: colors.band })
        : null,
      options.hasPre ? Plot.text(['before'], { x: () => first.date, frameAnchor: 'top', textAnchor: 'start', dy: -18, dx: 2, fill: colors.muted, fontSize: FONT_SIZE - 1 }) : null,
      Plot.ruleX([started], { x: (date: Date) => date, stroke: colors.ink, strokeWidth: 1.5 }),
      Plot.text([started], { x: (date: Date) => date, frameAnchor: 'top', textAnchor: 'start', dy: -18, dx: 4, text: () => `pilot starts ${shortDay(options.started)}`, fill: colors.ink, fontSize: FONT_SIZE - 1, fontWeight: 600 }),
      Plot.ruleY([0], { stroke: colors.muted }),
      Plot.lineY(control, { x: 'date', y: 'value', stroke: colors.control, strokeWidth: 2, strokeDasharray: '6 4' }),
      Plot.dot(control, { x: 'date', y: 'value', r: 3, stroke: colors.control, strokeWidth: 1.5, fill: 'white' }),
      Plot.lineY(pilot, { x: 'date', y: 'value', stroke: colors.pilot, strokeWidth: 2.5 }),
      Plot.dot(pilot, { x: 'date', y: 'value', r: 3.5, fill: colors.pilot }),
      ...endLabels.map((label) => Plot.text([label], { x: 'date', y: 'value', text: 'text', dy: label.dy, textAnchor: 'start', dx: 8, fill: label.color, fontSize: FONT_SIZE, fontWeight: 600, ...HALO })),
    ],
  };
}

/** "Pilot" and "Control" at the ends of their lines, nudged apart when the lines end close together. */
function lineEndLabels(pilot: readonly Point[], control: readonly Point[], span: number) {
  const lastPilot = pilot[pilot.length - 1];
  const lastControl = control[control.length - 1];
  const labels: { date: Date; value: number; text: string; color: string; dy: number }[] = [];
  if (lastPilot) labels.push({ date: lastPilot.date, value: lastPilot.value, text: 'Pilot', color: colors.pilot, dy: 0 });
  if (lastControl) labels.push({ date: lastControl.date, value: lastControl.value, text: 'Control', color: colors.control, dy: 0 });
  const [a, b] = labels;
  if (a && b && Math.abs(a.value - b.value) < span * 0.1) {
    const [upper, lower] = a.value >= b.value ? [a, b] : [b, a];
    upper.dy = -8;
    lower.dy = 8;
  }
  return labels;
}

/** At most `most` week starts, evenly spaced, always including the first week. */
function weekTicks(points: readonly Point[], most: number): Date[] {
  const weeks = [...new Set(points.map((point) => point.week))].sort();
  const step = Math.max(1, Math.ceil(weeks.length / most));
  return weeks.filter((_, index) => index % step === 0).map(toDate);
}
