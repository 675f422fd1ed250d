/**
 * The forest plot of the overview: every concluded pilot's primary lift with
 * its interval on one common percent axis, so an executive sees at a glance
 * which initiatives worked, which did not, and which are still a coin toss.
 *
 * Each row's title is written above its line (not on a left axis) so long
 * titles fit a phone. A lift that cannot be put in percent (unbounded or
 * undefined relative interval) gets a row with a note instead of a line.
 */
import * as Plot from '@observablehq/plot';
import type { PilotEvidence } from '../core/evidence.ts';
import type { Verdict } from '../core/results.ts';
import { formatConfidence, formatLift } from '../core/present/format.ts';
import { liftTick } from '../core/present/format.ts';
import { headlineText, onCommonAxis, primaryResult, relativeAside } from '../core/present/headline.ts';
import { verdictPhrase } from '../core/present/words.ts';
import { COMPACT, WIDE, variantId, captionId, type Chart } from './chart.ts';
import {
  centredOffRule,
  colors,
  HALO,
  intervalObstacles,
  labelWidth,
  placeLabel,
  renderPlot,
  rowFrame,
  ruleStretches,
  spacedTicks,
  textAt,
  textBox,
  wrapLines,
  ZERO_RULE_CLASS,
  type Box,
  type RowFrame,
  type TextLabel,
  type TextSpot,
} from './render.ts';

const FONT_SIZE = 13;

interface Row {
  key: string;
  lowerIsBetter: boolean;
  title: string;
  metric: string;
  verdict: Verdict;
  color: string;
  estimate: number | null;
  low: number | null;
  high: number | null;
  /** For a rate headlined in points: that headline ("+11.4 pp"), shown beside the relative lift drawn. */
  headline: string | null;
  /** Inconclusive for a reason other than its interval (statistics.md section 12): drawn without a line. */
  noVerdict: boolean;
}

export function forestChart(pilots: readonly PilotEvidence[], options: { domain: [number, number]; id?: string }): Chart | null {
  const concluded = pilots.filter((pilot) => pilot.results.status === 'concluded');
  if (concluded.length === 0) return null;
  const id = options.id ?? 'forest';
  const rows: Row[] = concluded.map((pilot) => {
    const metric = primaryResult(pilot.results);
    const relative = onCommonAxis(metric);
    return {
      key: pilot.slug,
      lowerIsBetter: metric.better === 'lower',
      title: pilot.results.title,
      metric: metric.label,
      verdict: metric.verdict,
      color: colors[metric.verdict],
      estimate: relative?.estimate ?? null,
      low: relative?.low ?? null,
      high: relative?.high ?? null,
      headline: relativeAside(metric) !== null ? headlineText(metric).change : null,
      noVerdict: metric.headline.reason !== null,
    };
  });
  const levels = [...new Set(concluded.map((pilot) => formatConfidence(pilot.results.confidence)))];
  const label = `Primary lift of every concluded pilot, with its interval, on one percent axis`;
  const counts = (['win', 'loss', 'inconclusive', 'too-few'] as const)
    .map((verdict) => [verdict, rows.filter((row) => row.verdict === verdict).length] as const)
    .filter(([, count]) => count > 0)
    .map(([verdict, count]) => `${count} ${verdictPhrase(verdict).toLowerCase()}${count === 1 || verdict === 'inconclusive' || verdict === 'too-few' ? '' : verdict === 'loss' ? 'es' : 's'}`);
  const description =
    `${rows.length} concluded pilot${rows.length === 1 ? '' : 's'}: ${counts.join(', ')}. ` +
    `Each line is a pilot's ${levels.join(' or ')} interval for its primary metric; a line clear of zero is a result, a line across zero is not (yet).`;
  const draw = (width: number): string => renderPlot(plotOptions(rows, { width, domain: options.domain }), { id: variantId(id, width), label, describedBy: captionId(id) });
  return {
    id,
    label,
    description,
    svg: { wide: draw(WIDE), compact: draw(COMPACT) },
    table: {
      caption: 'Primary lift of each concluded pilot',
      columns: ['Pilot', 'Primary metric', 'Lift', 'Interval low', 'Interval high', 'Verdict'],
      rows: rows.map((row) => [
        row.title,
        row.metric,
        row.estimate === null ? noteOf(row).replace(': see the report', '') : liftWithHeadline(row),
        row.low === null ? '\u2013' : formatLift(row.low, { signed: true }),
        row.high === null ? '\u2013' : formatLift(row.high, { signed: true }),
        verdictPhrase(row.verdict),
      ]),
    },
  };
}

/** "+12%", or for a rate headlined in points "+19% (+11.4 pp)": the card's figure beside the one drawn. */
function liftWithHeadline(row: Row): string {
  const lift = formatLift(row.estimate as number, { signed: true });
  return row.headline === null ? lift : `${lift} (${row.headline})`;
}

/**
 * How a forest row is laid out, shared with the methodology page's worked
 * picture (reading.ts), which teaches the reader this chart: how far above
 * its line a row's last line of title (and of verdict) sits, how far below
 * (or above) its dot a lift sits, how far above the plot the zero rule's own
 * label sits, and the dots.
 */
export const FOREST_ROW = { titleAbove: 20, estimateBelow: 17, noDifferenceAbove: 30, dot: { r: 6, strokeWidth: 3 } } as const;
const { titleAbove: TITLE_ABOVE, estimateBelow: ESTIMATE_BELOW, noDifferenceAbove: NO_DIFFERENCE_ABOVE, dot: DOT } = FOREST_ROW;
/** The step between a title's lines. */
const LINE_STEP = 17;
/** Room between a title and its row's verdict. */
const TITLE_GAP = 12;
/** The note of a row drawn without a line, by why it has none. */
function noteOf(row: Row): string {
  if (row.verdict === 'too-few') return 'too few units for an interval: see the report';
  if (row.noVerdict) return 'groups unlike before the pilot: see the report';
  return 'no percent interval: see the report';
}

interface Line {
  text: string;
  spot: TextSpot;
}

interface RowLabels {
  row: Row;
  /** The line's height, in SVG user units. */
  y: number;
  title: Line[];
  verdict: Line[];
  /** The lift under its dot, or the note of a row drawn without a line. */
  estimate: Line;
}

interface Layout {
  width: number;
  compact: boolean;
  marginTop: number;
  marginBottom: number;
  margin: number;
  rowHeight: number;
  domain: [number, number];
}

const titleLabel = (text: string): TextLabel => ({ text, fontSize: FONT_SIZE, bold: true });
const verdictLabel = titleLabel;
const estimateLabel = (text: string): TextLabel => ({ text, fontSize: FONT_SIZE - 1, bold: true });
const noteLabel = (text: string): TextLabel => ({ text, fontSize: FONT_SIZE - 1 });

/** "Win", or "Win (lower is better)"; on a phone "lower is better" is a line of its own under the verdict. */
function verdictLines(row: Row, compact: boolean): string[] {
  const verdict = verdictPhrase(row.verdict);
  if (!row.lowerIsBetter) return [verdict];
  return compact ? [verdict, 'lower is better'] : [`${verdict} (lower is better)`];
}

/**
 * Where every label goes, in SVG user units, and which stretches of the zero
 * rule to draw. A row's title is written above its line from the left edge,
 * wrapped into what the verdict on the right leaves (two lines on a phone, one
 * when wide); titles and verdicts keep their place, and the zero rule stops
 * short of any title or verdict it would cross. A lift goes under its dot, else over it,
 * slid off the zero rule on its own side of zero, so "+4.5%" is not read as
 * zero's value.
 */
function placeLabels(rows: readonly Row[], layout: Layout): { frame: RowFrame; labels: RowLabels[]; zeroRule: { top: number; bottom: number }[] } {
  const { domain, margin, marginTop, rowHeight, width } = layout;
  const plotWidth = width - 2 * margin;
  const frame = rowFrame({ domain, left: margin, plotWidth, top: marginTop, rowHeight, rows: rows.length });
  const { px, lineAt, zeroBand } = frame;
  const bounds: Box = { left: 2, right: width - 2, top: 0, bottom: marginTop + rowHeight * rows.length + layout.marginBottom };
  const drawnRows = rows.map((row) => (row.low === null || row.high === null || row.estimate === null ? null : { low: row.low, high: row.high, estimate: row.estimate }));
  const obstacles = intervalObstacles(frame, drawnRows, {
    noDifference: noteLabel('no difference'),
    top: marginTop,
    above: NO_DIFFERENCE_ABOVE,
    dotReach: DOT.r + DOT.strokeWidth / 2 + 1,
  });
  // Lines stacked upwards from the last, which sits TITLE_ABOVE over the row's line.
  const stacked = (texts: readonly string[], label: (text: string) => TextLabel, y: number, x: number, textAnchor: 'start' | 'end'): Line[] =>
    texts.map((text, index) => ({ text, spot: placeLabel(label(text), [{ x, y: y - TITLE_ABOVE - (texts.length - 1 - index) * LINE_STEP, textAnchor }], obstacles, bounds) }));
  const words: Box[] = [];
  const fixed = rows.map((row, index) => {
    const y = lineAt(index);
    const verdictTexts = verdictLines(row, layout.compact);
    const verdict = stacked(verdictTexts, verdictLabel, y, width - margin, 'end');
    const room = plotWidth - Math.max(...verdictTexts.map((text) => labelWidth(verdictLabel(text)))) - TITLE_GAP;
    const title = stacked(wrapLines(titleLabel(row.title), room, layout.compact ? 2 : 1), titleLabel, y, margin, 'start');
    words.push(...title.map((line) => textBox(titleLabel(line.text), line.spot)));
    // The verdict stays at the right edge, where zero falls when every interval is below it: the rule stops short of it too.
    words.push(...verdict.map((line) => textBox(verdictLabel(line.text), line.spot)));
    const note = row.estimate === null ? { text: noteOf(row), spot: placeLabel(noteLabel(noteOf(row)), [{ x: margin, y, textAnchor: 'start' }], obstacles, bounds) } : null;
    if (note) words.push(textBox(noteLabel(note.text), note.spot));
    return { title, verdict, note };
  });
  const zeroRule = ruleStretches(zeroBand, words);
  obstacles.push(zeroBand);
  const labels = rows.map((row, index): RowLabels => {
    const y = lineAt(index);
    const { title, verdict, note } = fixed[index] as (typeof fixed)[number];
    const value = row.estimate;
    // A row without a percent interval has its note (placed above) where the lift would be.
    if (value === null) return { row, y, title, verdict, estimate: note as Line };
    const text = liftWithHeadline(row);
    const side = value >= 0 ? 'right' : 'left';
    const at = (dy: number) => centredOffRule(estimateLabel(text), { x: px(value), y: y + dy }, zeroBand, side);
    return { row, y, title, verdict, estimate: { text, spot: placeLabel(estimateLabel(text), [at(ESTIMATE_BELOW), at(-ESTIMATE_BELOW)], obstacles, bounds) } };
  });
  return { frame, labels, zeroRule };
}

function plotOptions(rows: readonly Row[], options: { width: number; domain: [number, number] }): Plot.PlotOptions {
  const compact = options.width <= COMPACT;
  // Compact rows leave room for a title wrapped onto two lines above the line.
  const rowHeight = compact ? 76 : 58;
  const marginTop = 46;
  const marginBottom = 42;
  const margin = 30;
  const { domain } = options;
  const plotWidth = options.width - 2 * margin;
  const ticks = spacedTicks(domain, { length: plotWidth, format: liftTick, fontSize: FONT_SIZE - 1, most: compact ? 6 : 10, overhang: [margin - 4, margin - 4] });
  const { frame, labels, zeroRule } = placeLabels(rows, { width: options.width, compact, marginTop, marginBottom, margin, rowHeight, domain });
  const drawn = labels.filter((label) => label.row.estimate !== null);
  const text = ({ text: words, spot }: Line, style: Plot.TextOptions) => textAt(frame, spot, words, { fontSize: FONT_SIZE, ...style });
  return {
    width: options.width,
    height: marginTop + marginBottom + rowHeight * rows.length,
    marginTop,
    marginBottom,
    marginLeft: margin,
    marginRight: margin,
    x: { domain },
    y: { type: 'identity', axis: null },
    marks: [
      Plot.gridX({ ticks, stroke: colors.grid, strokeOpacity: 1 }),
      Plot.axisX({ ticks, tickFormat: liftTick, label: null, fontSize: FONT_SIZE - 1, color: colors.muted, tickSize: 0, tickPadding: 8 }),
      Plot.ruleX(zeroRule, { x: () => 0, y1: 'top', y2: 'bottom', stroke: colors.ink, strokeWidth: 1.5, className: ZERO_RULE_CLASS }),
      Plot.text(['no difference'], { x: () => 0, y: () => marginTop - NO_DIFFERENCE_ABOVE, fill: colors.muted, fontSize: FONT_SIZE - 1, ...HALO }),
      Plot.ruleY(drawn, { y: 'y', x1: (label: RowLabels) => label.row.low, x2: (label: RowLabels) => label.row.high, stroke: (label: RowLabels) => label.row.color, strokeWidth: 5, strokeLinecap: 'round' }),
      Plot.dot(drawn, { y: 'y', x: (label: RowLabels) => label.row.estimate, r: DOT.r, fill: 'white', stroke: (label: RowLabels) => label.row.color, strokeWidth: DOT.strokeWidth }),
      ...labels.flatMap(({ row, title, verdict, estimate }) => [
        ...title.map((line) => text(line, { fontWeight: 600, fill: colors.ink, ...HALO })),
        ...verdict.map((line) => text(line, { fontWeight: 700, fill: row.color })),
        row.estimate === null
          ? text(estimate, { fontSize: FONT_SIZE - 1, fontStyle: 'italic', fill: colors.muted })
          : text(estimate, { fontSize: FONT_SIZE - 1, fontWeight: 700, fill: row.color, ...HALO }),
      ]),
    ],
  };
}
