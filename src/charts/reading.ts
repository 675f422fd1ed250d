/**
 * The methodology page's worked picture: three made-up intervals, one per
 * verdict, so a sales audience learns to read every other chart on the site.
 */
import * as Plot from '@observablehq/plot';
import type { Verdict } from '../core/results.ts';
import { formatLift } from '../core/format.ts';
import { liftTick } from '../site/format.ts';
import { verdictPhrase } from '../site/lift.ts';
import { captionId, COMPACT, variantId, WIDE, type Chart } from './chart.ts';
import { colors, HALO, renderPlot } from './render.ts';

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

export function readingChart(): Chart {
  const id = 'reading-intervals';
  const format = (value: number) => formatLift(value, { signed: true });
  const label = 'Three example intervals: a win, an inconclusive result and a loss, against zero';
  const draw = (width: number) => {
    const compact = width <= COMPACT;
    return renderPlot(
      {
        width,
        height: 46 + 40 + 62 * examples.length,
        marginTop: 46,
        marginBottom: 40,
        marginLeft: 30,
        marginRight: 30,
        x: { domain: [-0.35, 0.4] },
        y: { type: 'point', domain: examples.map((example) => example.name), axis: null, padding: 0.5 },
        marks: [
          Plot.gridX({ ticks: compact ? 4 : 8, stroke: colors.grid, strokeOpacity: 1 }),
          Plot.axisX({ ticks: compact ? 4 : 8, tickFormat: liftTick, label: null, fontSize: 12, color: colors.muted, tickSize: 0, tickPadding: 8 }),
          Plot.ruleX([0], { stroke: colors.ink, strokeWidth: 1.5 }),
          Plot.text(['no difference'], { x: () => 0, frameAnchor: 'top', dy: -30, fill: colors.muted, fontSize: 12, ...HALO }),
          Plot.text(examples, { y: 'name', frameAnchor: 'left', text: (example: Example) => `${example.name}: ${verdictPhrase(example.verdict)}`, textAnchor: 'start', dy: -20, fontSize: 13, fontWeight: 600, fill: colors.ink, ...HALO }),
          Plot.ruleY(examples, { y: 'name', x1: 'low', x2: 'high', stroke: (example: Example) => colors[example.verdict], strokeWidth: 5, strokeLinecap: 'round' }),
          Plot.dot(examples, { y: 'name', x: 'estimate', r: 6, fill: 'white', stroke: (example: Example) => colors[example.verdict], strokeWidth: 3 }),
          Plot.text(examples, { y: 'name', x: 'estimate', text: (example: Example) => format(example.estimate), dy: 17, fontSize: 12, fontWeight: 700, fill: (example: Example) => colors[example.verdict], ...HALO }),
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
