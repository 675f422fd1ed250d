/**
 * The weekly trend of pilot and control, with the start of the pilot marked:
 * the picture a sales audience trusts most, because it shows the gap opening
 * (or not) when the pilot began, and whether it was there before.
 *
 * Arms are told apart without colour: the pilot line is solid with filled
 * dots, the control dashed with hollow ones, and each line is labelled at its
 * end.
 */
import { largest, smallest } from '../core/extent.ts';
import * as Plot from '@observablehq/plot';
import type { MetricEvidence, TrendPoint } from '../core/evidence.ts';
import type { MetricResult } from '../core/results.ts';
import { formatValue } from '../core/present/format.ts';
import { midSentence } from '../core/present/words.ts';
import { day, shortDay, tick } from '../core/present/format.ts';
import { COMPACT, WIDE, variantId, captionId, type Chart } from './chart.ts';
import { colors, HALO, isClear, labelWidth, LINE_HEIGHT, placeLabel, renderPlot, spacedTicks, textBox, textWidth, type Box, type TextLabel, type TextSpot } from './render.ts';

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

/** How far above the plot the "before" and "pilot starts" labels sit. */
const HEADER_ABOVE = 18;
/** Plot's room between a y tick label and the frame when ticks are not drawn (see its axisTextKy). */
const Y_TICK_PADDING = 9;
/** How far right of a line's last point its name starts. */
const END_LABEL_DX = 8;
const TICK_SIZE = FONT_SIZE - 1;

function plotOptions(
  points: readonly Point[],
  options: { width: number; format: (value: number) => string; started: string; hasPre: boolean },
): Plot.PlotOptions {
  const { width, format } = options;
  const compact = width <= COMPACT;
  const pilot = points.filter((point) => point.arm === 'pilot');
  const control = points.filter((point) => point.arm === 'control');
  const values = points.map((point) => point.value);
  const low = smallest(values, 0);
  const high = largest(values);
  const started = toDate(options.started);
  const first = points[0] as Point;
  const last = points[points.length - 1] as Point;
  const height = compact ? 260 : 300;
  const marginTop = 30;
  const marginBottom = 34;
  const plotHeight = height - marginTop - marginBottom;
  // Rounded out as Plot's `nice` would, here, so the ticks below are chosen on the axis as drawn.
  const yDomain = Plot.scale({ y: { domain: [low, high * 1.05], nice: true } }).domain as [number, number];
  const yTicks = spacedTicks(yDomain, { length: plotHeight, format, fontSize: TICK_SIZE, most: 7, vertical: true });
  // Room for the widest tick label ("$15,000" keeps its "$"), and for the lines' names at their ends.
  const marginLeft = Math.max(compact ? 52 : 64, Math.ceil(Math.max(...yTicks.map((value) => textWidth(format(value), TICK_SIZE)))) + Y_TICK_PADDING + 4);
  const endLabels = lineEndLabels(pilot, control, { domain: yDomain, plotHeight });
  const marginRight = Math.max(compact ? 58 : 70, ...endLabels.map((label) => Math.ceil(labelWidth(endLabel(label.text))) + END_LABEL_DX + 4));
  const xDomain: [Date, Date] = [first.date < started ? first.date : started, last.date > started ? last.date : started];
  const plotWidth = width - marginLeft - marginRight;
  const px = (date: Date) => marginLeft + ((date.getTime() - xDomain[0].getTime()) / (xDomain[1].getTime() - xDomain[0].getTime() || 1)) * plotWidth;
  const dateTicks = dateTickAnchors(weekTicks(points, compact ? 3 : 6), { px, left: marginLeft, right: width - 2 });
  const startedText = `pilot starts ${shortDay(options.started)}`;
  const header = headerLabels({ px, width, y: marginTop - HEADER_ABOVE, first: options.hasPre ? first.date : null, started, startedText });
  // Spots are in user units; x goes back to the scale's dates.
  const dateAt = (x: number) => new Date(xDomain[0].getTime() + ((x - marginLeft) / plotWidth) * (xDomain[1].getTime() - xDomain[0].getTime()));
  const headerText = (spot: TextSpot, words: string, style: Plot.TextOptions) =>
    Plot.text([words], { x: () => dateAt(spot.x), frameAnchor: 'top', dy: -HEADER_ABOVE, textAnchor: spot.textAnchor, text: (value: string) => value, fontSize: TICK_SIZE, ...style });
  return {
    width,
    height,
    marginTop,
    marginRight,
    marginLeft,
    marginBottom,
    x: { type: 'utc', domain: xDomain },
    y: { domain: yDomain },
    marks: [
      Plot.gridY({ ticks: yTicks, stroke: colors.grid, strokeOpacity: 1 }),
      Plot.axisY({ ticks: yTicks, tickFormat: format, label: null, fontSize: TICK_SIZE, color: colors.muted, tickSize: 0 }),
      // A date label that would reach under the y axis's labels, or out of the drawing, is anchored at its tick instead of centred on it.
      ...(['start', 'middle', 'end'] as const).map((textAnchor) => {
        const ticks = dateTicks.filter((tick) => tick.textAnchor === textAnchor).map((tick) => tick.date);
        return ticks.length === 0
          ? null
          : Plot.axisX({ ticks, textAnchor, label: null, fontSize: TICK_SIZE, color: colors.muted, tickFormat: (date: Date) => shortDay(date.toISOString()) });
      }),
      options.hasPre && started > first.date
        ? Plot.rectX([0], { x1: () => first.date, x2: () => started, fill: colors.band })
        : null,
      header.before ? headerText(header.before, 'before', { fill: colors.muted }) : null,
      Plot.ruleX([started], { x: (date: Date) => date, stroke: colors.ink, strokeWidth: 1.5 }),
      headerText(header.started, startedText, { fill: colors.ink, fontWeight: 600 }),
      Plot.ruleY([0], { stroke: colors.muted }),
      Plot.lineY(control, { x: 'date', y: 'value', stroke: colors.control, strokeWidth: 2, strokeDasharray: '6 4' }),
      Plot.dot(control, { x: 'date', y: 'value', r: 3, stroke: colors.control, strokeWidth: 1.5, fill: 'white' }),
      Plot.lineY(pilot, { x: 'date', y: 'value', stroke: colors.pilot, strokeWidth: 2.5 }),
      Plot.dot(pilot, { x: 'date', y: 'value', r: 3.5, fill: colors.pilot }),
      ...endLabels.map((label) => Plot.text([label], { x: 'date', y: 'value', text: 'text', dy: label.dy, textAnchor: 'start', dx: END_LABEL_DX, fill: label.color, fontSize: FONT_SIZE, fontWeight: 600, ...HALO })),
    ],
  };
}

const endLabel = (text: string): TextLabel => ({ text, fontSize: FONT_SIZE, bold: true });

/**
 * "Pilot" and "Control" at the ends of their lines, pushed apart (each by
 * half the shortfall) when the lines end less than a line of text apart.
 */
function lineEndLabels(pilot: readonly Point[], control: readonly Point[], axis: { domain: [number, number]; plotHeight: number }) {
  const lastPilot = pilot[pilot.length - 1];
  const lastControl = control[control.length - 1];
  const labels: { date: Date; value: number; text: string; color: string; dy: number }[] = [];
  if (lastPilot) labels.push({ date: lastPilot.date, value: lastPilot.value, text: 'Pilot', color: colors.pilot, dy: 0 });
  if (lastControl) labels.push({ date: lastControl.date, value: lastControl.value, text: 'Control', color: colors.control, dy: 0 });
  const [a, b] = labels;
  if (a && b) {
    const apart = (Math.abs(a.value - b.value) / (axis.domain[1] - axis.domain[0])) * axis.plotHeight;
    const needed = FONT_SIZE * LINE_HEIGHT + 1;
    if (apart < needed) {
      const [upper, lower] = a.value >= b.value ? [a, b] : [b, a];
      upper.dy = -(needed - apart) / 2;
      lower.dy = (needed - apart) / 2;
    }
  }
  return labels;
}

/**
 * Each date tick with the anchor its label is drawn at: centred on its tick,
 * or starting at it when centred it would reach left of the frame (under the
 * y axis's "$0"), or ending at it when it would leave the drawing.
 */
function dateTickAnchors(dates: readonly Date[], axis: { px: (date: Date) => number; left: number; right: number }): { date: Date; textAnchor: TextSpot['textAnchor'] }[] {
  return dates.map((date) => {
    const x = axis.px(date);
    const box = textBox({ text: shortDay(date.toISOString()), fontSize: TICK_SIZE }, { x, y: 0, textAnchor: 'middle' });
    return { date, textAnchor: box.left < axis.left ? 'start' : box.right > axis.right ? 'end' : 'middle' };
  });
}

/**
 * "pilot starts 2 Mar" beside the start rule, right of it or, when it would
 * leave the drawing, left of it; and "before" at the start of the weeks before
 * the pilot, only where it stays clear of the other.
 */
function headerLabels(options: { px: (date: Date) => number; width: number; y: number; first: Date | null; started: Date; startedText: string }): { started: TextSpot; before: TextSpot | null } {
  const bounds: Box = { left: 2, right: options.width - 2, top: options.y - FONT_SIZE, bottom: options.y + FONT_SIZE };
  const obstacles: Box[] = [];
  const startedAt = options.px(options.started);
  const started = placeLabel(
    { text: options.startedText, fontSize: TICK_SIZE, bold: true },
    [{ x: startedAt + 4, y: options.y, textAnchor: 'start' }, { x: startedAt - 4, y: options.y, textAnchor: 'end' }],
    obstacles,
    bounds,
  );
  if (!options.first) return { started, before: null };
  const before: TextSpot = { x: options.px(options.first) + 2, y: options.y, textAnchor: 'start' };
  return { started, before: isClear({ text: 'before', fontSize: TICK_SIZE }, before, obstacles, bounds) ? before : null };
}

/** At most `most` week starts, evenly spaced, always including the first week. */
function weekTicks(points: readonly Point[], most: number): Date[] {
  const weeks = [...new Set(points.map((point) => point.week))].sort();
  const step = Math.max(1, Math.ceil(weeks.length / most));
  return weeks.filter((_, index) => index % step === 0).map(toDate);
}
