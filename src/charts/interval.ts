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
import { formatConfidence } from '../core/present/format.ts';
import type { HeadlineNumbers } from '../core/present/headline.ts';
import { drawnNumbers, hasInterval, scaleFormat } from '../core/present/headline.ts';
import { verdictPhrase } from '../core/present/words.ts';
import { COMPACT, WIDE, variantId, captionId, type Chart } from './chart.ts';
import {
  centredOffRule,
  colors,
  HALO,
  intervalObstacles,
  placeLabel,
  renderPlot,
  rowFrame,
  ruleStretches,
  spacedTicks,
  textAt,
  textBox,
  textWidth,
  ZERO_RULE_CLASS,
  type Box,
  type RowFrame,
  type TextLabel,
  type TextSpot,
} from './render.ts';

interface Row {
  name: string;
  estimate: number;
  /** A bound the interval lacks (no limit on that side) is drawn to a point past the others and labelled so. */
  low: number;
  high: number;
  lowText: string;
  highText: string;
  color: string;
  headline: boolean;
}

const FONT_SIZE = 13;

/**
 * Null when the headline has no interval: too few units (the report shows the
 * randomization chart instead) or groups too unlike before the pilot (the
 * baseline check says why).
 */
export function intervalChart(metric: MetricResult, options: { confidence: number; id?: string }): Chart | null {
  if (!hasInterval(metric)) return null;
  const id = options.id ?? `interval-${metric.id}`;
  const numbers = drawnNumbers(metric);
  const drawn: { name: string; numbers: HeadlineNumbers; headline: boolean }[] = numbers.map((entry, index) => ({
    name: index > 0 ? 'Unadjusted' : entry.adjusted ? 'Adjusted for baseline' : 'Pilot vs control',
    numbers: entry,
    headline: index === 0,
  }));
  const scale = scaleFormat(metric);
  const inPercent = scale.scale === 'relative';
  const format = scale.format;
  const picked = drawn.map(({ numbers: entry }) => scale.pick(entry));
  const finite = [0, ...picked.flatMap(({ estimate, low, high }) => [estimate, low, high].filter((value): value is number => value !== null))];
  const reach = (Math.max(...finite) - Math.min(...finite) || Math.abs(finite[1] ?? 0) || 1) * 0.6;
  const rows: Row[] = drawn.map(({ name, headline }, index) => {
    const values = picked[index] as (typeof picked)[number];
    return {
      name,
      estimate: values.estimate,
      low: values.low ?? Math.min(...finite) - reach,
      high: values.high ?? Math.max(...finite) + reach,
      lowText: values.low === null ? 'no limit' : format(values.low),
      highText: values.high === null ? 'no limit' : format(values.high),
      color: headline ? colors[metric.verdict] : colors.muted,
      headline,
    };
  });
  const level = formatConfidence(options.confidence);
  const label = `${metric.label}: ${level} interval of the ${inPercent ? 'lift in percent' : 'difference'} of pilot over control, against zero`;
  const headline = rows[0] as Row;
  const sides =
    metric.verdict === 'inconclusive'
      ? 'The interval crosses zero, so the data cannot tell a gain from a loss.'
      : `The whole interval lies on the ${metric.verdict === 'win' ? 'better' : 'worse'} side of zero.`;
  const description =
    `${headline.name}: ${format(headline.estimate)}, ${level} interval ${headline.lowText} to ${headline.highText}. ${sides}` +
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
        row.lowText,
        row.highText,
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

/** How far below or above its line an estimate or a displaced bound sits. */
const BESIDE_LINE = 19;
/** How far above the plot the zero rule's own label sits. */
const NO_DIFFERENCE_ABOVE = 16;
/** The estimate's dot, and how far from its centre labels keep: its radius, half its stroke and a unit more. */
const DOT = { r: 6.5, strokeWidth: 3 };
const DOT_REACH = DOT.r + DOT.strokeWidth / 2 + 1;
/** How far above its line a row's name sits when names are drawn above the lines. */
const NAME_ABOVE = 36;

interface Layout {
  width: number;
  height: number;
  marginTop: number;
  marginLeft: number;
  marginRight: number;
  rowHeight: number;
  domain: [number, number];
  namesLeft: boolean;
  namesAbove: boolean;
  format: (value: number) => string;
}

interface RowLabels {
  row: Row;
  /** The line's height, in SVG user units. */
  y: number;
  name: TextSpot | null;
  estimate: TextSpot;
  low: TextSpot;
  high: TextSpot;
}

/**
 * Where every label goes, in SVG user units, and which stretches of the zero
 * rule to draw. Names keep their place (a left column, or above each line at
 * the left edge), and the zero rule stops short of any name it would cross.
 * Numbers move instead: each takes the first spot, in order of preference,
 * clear of the zero rule, the lines, the dots and the labels placed before it:
 * an estimate under its dot, else over it; a bound beside its end of the line,
 * else over or under that end, on its own side of zero, so that no number is
 * crossed by the rule or sits on it as if it were zero's value.
 */
function placeLabels(rows: readonly Row[], layout: Layout): { frame: RowFrame; labels: RowLabels[]; zeroRule: { top: number; bottom: number }[] } {
  const { domain, marginLeft, marginTop, rowHeight } = layout;
  const plotWidth = layout.width - marginLeft - layout.marginRight;
  const frame = rowFrame({ domain, left: marginLeft, plotWidth, top: marginTop, rowHeight, rows: rows.length });
  const { px, lineAt, zeroBand } = frame;
  const obstacles = intervalObstacles(frame, rows, {
    noDifference: { text: 'no difference', fontSize: FONT_SIZE - 1 },
    top: marginTop,
    above: NO_DIFFERENCE_ABOVE,
    dotReach: DOT_REACH,
  });
  const bounds: Box = { left: 2, right: layout.width - 2, top: 0, bottom: layout.height };
  const names = rows.map((row, index): TextSpot | null => {
    const name: TextLabel = { text: row.name, fontSize: FONT_SIZE, bold: row.headline };
    if (layout.namesLeft) return placeLabel(name, [{ x: marginLeft - 12, y: lineAt(index), textAnchor: 'end' }], obstacles, bounds);
    if (layout.namesAbove) return placeLabel(name, [{ x: marginLeft, y: lineAt(index) - NAME_ABOVE, textAnchor: 'start' }], obstacles, bounds);
    return null;
  });
  const nameBoxes = rows.flatMap((row, index) => {
    const spot = names[index];
    return spot ? [textBox({ text: row.name, fontSize: FONT_SIZE, bold: row.headline }, spot)] : [];
  });
  obstacles.push(zeroBand);
  // Centred on x at height y or, when that would cross the zero rule, slid clear of it on the side of zero its value is on.
  const centred = (label: TextLabel, x: number, y: number, value: number): TextSpot =>
    centredOffRule(label, { x, y }, zeroBand, value >= 0 ? 'right' : 'left');
  const labels = rows.map((row, index): RowLabels => {
    const y = lineAt(index);
    const estimate: TextLabel = { text: layout.format(row.estimate), fontSize: FONT_SIZE, bold: true };
    const estimateSpot = placeLabel(
      estimate,
      [BESIDE_LINE, -BESIDE_LINE].map((dy) => centred(estimate, px(row.estimate), y + dy, row.estimate)),
      obstacles,
      bounds,
    );
    const bound = (value: number, side: 'low' | 'high'): TextSpot => {
      const label: TextLabel = { text: side === 'low' ? row.lowText : row.highText, fontSize: FONT_SIZE };
      const beside: TextSpot = side === 'low' ? { x: px(value) - 9, y, textAnchor: 'end' } : { x: px(value) + 9, y, textAnchor: 'start' };
      // Over the line first: under it is the estimate's place.
      return placeLabel(label, [beside, ...[-BESIDE_LINE, BESIDE_LINE].map((dy) => centred(label, px(value), y + dy, value))], obstacles, bounds);
    };
    return { row, y, name: names[index] ?? null, estimate: estimateSpot, low: bound(row.low, 'low'), high: bound(row.high, 'high') };
  });
  return { frame, labels, zeroRule: ruleStretches(zeroBand, nameBoxes) };
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
  // Names above the lines get a band of their own, clear of numbers moved over a line.
  const rowHeight = namesAbove ? 76 : 54;
  const marginTop = namesAbove ? 48 : 26;
  const marginBottom = 50;
  const margin = 30;
  const marginLeft = namesLeft ? 170 : margin;
  const height = marginTop + marginBottom + rowHeight * rows.length;
  const labelWidth = Math.max(...rows.flatMap((row) => [row.lowText, row.highText].map((text) => textWidth(text, FONT_SIZE)))) + 10;
  const plotWidth = options.width - marginLeft - margin;
  const domain = paddedDomain(rows, plotWidth, labelWidth);
  const sides = options.better === 'higher' ? ['\u2190 pilot worse', 'pilot better \u2192'] : ['\u2190 pilot better', 'pilot worse \u2192'];
  const ticks = spacedTicks(domain, { length: plotWidth, format: options.tick, fontSize: FONT_SIZE - 1, most: compact ? 6 : 10, overhang: [margin - 4, margin - 4] });
  const { frame, labels, zeroRule } = placeLabels(rows, { width: options.width, height, marginTop, marginLeft, marginRight: margin, rowHeight, domain, namesLeft, namesAbove, format: options.format });
  const text = (spot: TextSpot, words: string, style: Plot.TextOptions) => textAt(frame, spot, words, { fontSize: FONT_SIZE, ...style, ...HALO });
  return {
    width: options.width,
    height,
    marginTop,
    marginBottom,
    marginLeft,
    marginRight: margin,
    x: { domain },
    y: { type: 'identity', axis: null },
    marks: [
      Plot.gridX({ ticks, stroke: colors.grid, strokeOpacity: 1 }),
      Plot.axisX({ ticks, tickFormat: options.tick, label: null, fontSize: FONT_SIZE - 1, color: colors.muted, tickSize: 0, tickPadding: 8 }),
      Plot.ruleX(zeroRule, { x: () => 0, y1: 'top', y2: 'bottom', stroke: colors.ink, strokeWidth: 1.5, className: ZERO_RULE_CLASS }),
      Plot.text(['no difference'], { x: () => 0, y: () => marginTop - NO_DIFFERENCE_ABOVE, fill: colors.muted, fontSize: FONT_SIZE - 1, ...HALO }),
      Plot.ruleY(labels, { y: 'y', x1: (label: RowLabels) => label.row.low, x2: (label: RowLabels) => label.row.high, stroke: (label: RowLabels) => label.row.color, strokeWidth: 5, strokeLinecap: 'round' }),
      Plot.dot(labels, { y: 'y', x: (label: RowLabels) => label.row.estimate, r: DOT.r, fill: 'white', stroke: (label: RowLabels) => label.row.color, strokeWidth: DOT.strokeWidth }),
      ...labels.flatMap(({ row, name, estimate, low, high }) => [
        ...(name ? [text(name, row.name, { fontWeight: row.headline ? 600 : 400, fill: colors.ink })] : []),
        text(low, row.lowText, { fill: colors.ink }),
        text(high, row.highText, { fill: colors.ink }),
        text(estimate, options.format(row.estimate), { fontWeight: 700, fill: row.color }),
      ]),
      Plot.text([sides[0]], { frameAnchor: 'bottom-left', dy: 38, text: (value: string) => value, textAnchor: 'start', fill: colors.muted, fontSize: FONT_SIZE - 1 }),
      Plot.text([sides[1]], { frameAnchor: 'bottom-right', dy: 38, text: (value: string) => value, textAnchor: 'end', fill: colors.muted, fontSize: FONT_SIZE - 1 }),
    ],
  };
}
