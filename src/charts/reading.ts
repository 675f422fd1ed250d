/**
 * The methodology page's worked picture: three made-up intervals, one per
 * verdict, so a sales audience learns to read every other chart on the site.
 */
import * as Plot from '@observablehq/plot';
import type { Verdict } from '../core/results.ts';
import { formatLift } from '../core/present/format.ts';
import { liftTick } from '../core/present/format.ts';
import { verdictPhrase } from '../core/present/words.ts';
import { captionId, COMPACT, variantId, WIDE, type Chart } from './chart.ts';
import { centredOffRule, colors, HALO, intervalObstacles, placeLabel, renderPlot, rowFrame, ruleStretches, spacedTicks, textAt, textBox, ZERO_RULE_CLASS, type Box, type RowFrame, type TextLabel, type TextSpot } from './render.ts';
import { FOREST_ROW } from './forest.ts';

interface Example {
  name: string;
  verdict: Verdict;
  estimate: number;
  low: number;
  high: number;
}

const examples: Example[] = [
  { name: 'Clear gain', verdict: 'win', estimate: 0.15, low: 0.03, high: 0.3 },
  { name: 'Could go either way', verdict: 'inconclusive', estimate: 0.12, low: -0.06, high: 0.31 },
  { name: 'Clear loss', verdict: 'loss', estimate: -0.14, low: -0.25, high: -0.03 },
];

/** Title and number sizes. */
const FONT_SIZE = 13;
const NUMBER_SIZE = 12;
// Laid out as the overview's forest plot is, since this picture teaches it.
const { titleAbove: TITLE_ABOVE, estimateBelow: ESTIMATE_BELOW, noDifferenceAbove: NO_DIFFERENCE_ABOVE, dot: DOT } = FOREST_ROW;
const MARGIN = { top: 46, bottom: 40, side: 30 };
const ROW_HEIGHT = 62;
const DOMAIN: [number, number] = [-0.35, 0.4];

interface Placed {
  example: Example;
  /** The line's height, in SVG user units. */
  y: number;
  title: TextSpot;
  estimate: TextSpot;
}

const titleOf = (example: Example): TextLabel => ({ text: `${example.name}: ${verdictPhrase(example.verdict)}`, fontSize: FONT_SIZE, bold: true });

/**
 * Where every label goes, in SVG user units, and which stretches of the zero
 * rule to draw: titles keep their place above their line at the left edge and
 * the rule stops short of any title it would cross ("Could go either way:
 * Inconclusive" reaches past zero); an estimate goes under its dot, else over
 * it, slid off the zero rule on its own side of zero.
 */
function placeLabels(width: number, format: (value: number) => string): { frame: RowFrame; placed: Placed[]; zeroRule: { top: number; bottom: number }[] } {
  const frame = rowFrame({ domain: DOMAIN, left: MARGIN.side, plotWidth: width - 2 * MARGIN.side, top: MARGIN.top, rowHeight: ROW_HEIGHT, rows: examples.length });
  const { px, lineAt, zeroBand } = frame;
  const bounds: Box = { left: 2, right: width - 2, top: 0, bottom: MARGIN.top + ROW_HEIGHT * examples.length + MARGIN.bottom };
  const obstacles = intervalObstacles(frame, examples, {
    noDifference: { text: 'no difference', fontSize: NUMBER_SIZE },
    top: MARGIN.top,
    above: NO_DIFFERENCE_ABOVE,
    dotReach: DOT.r + DOT.strokeWidth / 2 + 1,
  });
  const titles = examples.map((example, index) => placeLabel(titleOf(example), [{ x: MARGIN.side, y: lineAt(index) - TITLE_ABOVE, textAnchor: 'start' }], obstacles, bounds));
  const zeroRule = ruleStretches(zeroBand, titles.map((spot, index) => textBox(titleOf(examples[index] as Example), spot)));
  obstacles.push(zeroBand);
  const placed = examples.map((example, index): Placed => {
    const y = lineAt(index);
    const estimate: TextLabel = { text: format(example.estimate), fontSize: NUMBER_SIZE, bold: true };
    const side = example.estimate >= 0 ? 'right' : 'left';
    const spot = placeLabel(
      estimate,
      [ESTIMATE_BELOW, -ESTIMATE_BELOW].map((dy) => centredOffRule(estimate, { x: px(example.estimate), y: y + dy }, zeroBand, side)),
      obstacles,
      bounds,
    );
    return { example, y, title: titles[index] as TextSpot, estimate: spot };
  });
  return { frame, placed, zeroRule };
}

export function readingChart(): Chart {
  const id = 'reading-intervals';
  const format = (value: number) => formatLift(value, { signed: true });
  const label = 'Three example intervals: a win, an inconclusive result and a loss, against zero';
  const draw = (width: number) => {
    const compact = width <= COMPACT;
    const plotWidth = width - 2 * MARGIN.side;
    const ticks = spacedTicks(DOMAIN, { length: plotWidth, format: liftTick, fontSize: NUMBER_SIZE, most: compact ? 6 : 10, overhang: [MARGIN.side - 4, MARGIN.side - 4] });
    const { frame, placed, zeroRule } = placeLabels(width, format);
    const text = (spot: TextSpot, words: string, style: Plot.TextOptions) => textAt(frame, spot, words, { ...style, ...HALO });
    return renderPlot(
      {
        width,
        height: MARGIN.top + MARGIN.bottom + ROW_HEIGHT * examples.length,
        marginTop: MARGIN.top,
        marginBottom: MARGIN.bottom,
        marginLeft: MARGIN.side,
        marginRight: MARGIN.side,
        x: { domain: DOMAIN },
        y: { type: 'identity', axis: null },
        marks: [
          Plot.gridX({ ticks, stroke: colors.grid, strokeOpacity: 1 }),
          Plot.axisX({ ticks, tickFormat: liftTick, label: null, fontSize: NUMBER_SIZE, color: colors.muted, tickSize: 0, tickPadding: 8 }),
          Plot.ruleX(zeroRule, { x: () => 0, y1: 'top', y2: 'bottom', stroke: colors.ink, strokeWidth: 1.5, className: ZERO_RULE_CLASS }),
          Plot.text(['no difference'], { x: () => 0, y: () => MARGIN.top - NO_DIFFERENCE_ABOVE, fill: colors.muted, fontSize: NUMBER_SIZE, ...HALO }),
          Plot.ruleY(placed, { y: 'y', x1: (row: Placed) => row.example.low, x2: (row: Placed) => row.example.high, stroke: (row: Placed) => colors[row.example.verdict], strokeWidth: 5, strokeLinecap: 'round' }),
          Plot.dot(placed, { y: 'y', x: (row: Placed) => row.example.estimate, r: DOT.r, fill: 'white', stroke: (row: Placed) => colors[row.example.verdict], strokeWidth: DOT.strokeWidth }),
          ...placed.flatMap(({ example, title, estimate }) => [
            text(title, titleOf(example).text, { fontSize: FONT_SIZE, fontWeight: 600, fill: colors.ink }),
            text(estimate, format(example.estimate), { fontSize: NUMBER_SIZE, fontWeight: 700, fill: colors[example.verdict] }),
          ]),
        ],
      },
      { id: variantId(id, width), label, describedBy: captionId(id) },
    );
  };
  return {
    id,
    label,
    description:
      'The dot is the best estimate; the line is the interval, the range the true effect most likely lies in. Only when the whole line is on one side of zero does the pilot count as a win or a loss.',
    svg: { wide: draw(WIDE), compact: draw(COMPACT) },
    table: {
      caption: 'Example intervals and their verdicts',
      columns: ['Example', 'Best estimate', 'Interval low', 'Interval high', 'Verdict'],
      rows: examples.map((example) => [example.name, format(example.estimate), format(example.low), format(example.high), verdictPhrase(example.verdict)]),
    },
  };
}
