/**
 * A funnel metric's stages side by side (pilot-format.md, "Funnel metrics"):
 * for each stage, from the leads handed off down, one bar per arm as long as
 * the share of its leads handed off that reached the stage, labelled with the
 * share and the count. Every bar is on that one scale, so the bars shrink
 * stage by stage as a funnel does; each stage's rate from the one before is
 * a number in the table (with its change, interval and verdict), not a bar.
 * The sentence naming the stage where the pilot gained most is the page's,
 * beside the chart (src/core/present/funnel.ts).
 */
import * as Plot from '@observablehq/plot';
import type { Arm } from '../core/evidence.ts';
import { formatConfidence, formatCount, formatValue } from '../core/present/format.ts';
import { funnelRows, type FunnelRow } from '../core/present/funnel.ts';
import { verdictPhrase } from '../core/present/words.ts';
import type { MetricResult } from '../core/results.ts';
import { captionId, COMPACT, variantId, WIDE, type Chart } from './chart.ts';
import { colors, HALO, renderPlot } from './render.ts';

const FONT_SIZE = 12;
/** Each stage takes three bands: its label, the pilot bar, the control bar. */
const BANDS = ['label', 'pilot', 'control'] as const;
const BAND_HEIGHT = 20;
const ARMS: readonly Arm[] = ['pilot', 'control'];
const ARM_NAMES: Record<Arm, string> = { pilot: 'Pilot', control: 'Control' };
const RATE = { format: 'percent', currency: 'USD', type: 'proportion' } as const;

interface Bar {
  stage: number;
  arm: Arm;
  /** Share of the arm's leads handed off that reached the stage. */
  share: number;
  text: string;
}

/** The bars, from the results' own rates (the leads row is every lead: 1). */
function barsOf(metric: MetricResult, rows: readonly FunnelRow[]): Bar[] {
  const stages = metric.stages ?? [];
  return rows.flatMap((row, stage) =>
    ARMS.map((arm): Bar => {
      const share = stage === 0 ? (metric[arm].rows > 0 ? 1 : 0) : (stages[stage - 1]?.perArm[arm].overallRate ?? 0);
      return { stage, arm, share, text: `${ARM_NAMES[arm]} ${stage === 0 ? formatValue(share, RATE) : row[arm].ofLeads} (${row[arm].count})` };
    }),
  );
}

/** Null for a metric that is not a funnel. */
export function funnelChart(metric: MetricResult, options: { confidence: number; id?: string }): Chart | null {
  if (metric.stages === undefined) return null;
  const id = options.id ?? `funnel-${metric.id}`;
  const rows = funnelRows(metric);
  const bars = barsOf(metric, rows);
  // The bars are shares of the leads handed off; each stage's rate from the one before is in the table and the caption.
  const labels = rows.map((row, stage) => ({ stage, text: row.label }));
  const label = `${metric.label}: the share of leads handed off that reached each stage, pilot and control side by side`;
  const draw = (width: number): string =>
    renderPlot(
      {
        width,
        height: rows.length * BANDS.length * BAND_HEIGHT + 12,
        marginTop: 4,
        marginBottom: 8,
        marginLeft: 4,
        // Room for "Control 100.0% (1,234)" past the longest bar.
        marginRight: width <= COMPACT ? 132 : 150,
        x: { domain: [0, 1], axis: null },
        y: { domain: [...BANDS], axis: null, padding: 0.15 },
        fy: { domain: rows.map((_, stage) => stage), axis: null, padding: 0.1 },
        marks: [
          Plot.text(labels, { fy: 'stage', y: () => 'label', x: 0, text: 'text', textAnchor: 'start', fontSize: FONT_SIZE, fontWeight: 600, fill: colors.ink }),
          ...ARMS.map((arm) =>
            Plot.barX(
              bars.filter((bar) => bar.arm === arm),
              { fy: 'stage', y: 'arm', x1: 0, x2: 'share', fill: colors[arm] },
            ),
          ),
          Plot.text(bars, { fy: 'stage', y: 'arm', x: 'share', text: 'text', textAnchor: 'start', dx: 5, fontSize: FONT_SIZE, fill: colors.ink, ...HALO }),
        ],
      },
      { id: variantId(id, width), label, describedBy: captionId(id) },
    );
  const level = formatConfidence(options.confidence);
  return {
    id,
    label,
    description:
      `Each bar is the share of a group’s leads handed off that reached the stage (pilot ${formatCount(metric.pilot.rows)} leads, control ${formatCount(metric.control.rows)}), with the count in brackets. ` +
      'Each stage’s rate from the stage before, and its change with its interval, are in the table.',
    svg: { wide: draw(WIDE), compact: draw(COMPACT) },
    table: {
      caption: `${metric.label}: leads reaching each stage, pilot and control`,
      columns: [
        'Stage',
        'Pilot leads',
        'Pilot, of the stage before',
        'Pilot, of leads handed off',
        'Control leads',
        'Control, of the stage before',
        'Control, of leads handed off',
        'Change from the stage before',
        `${level} interval`,
        'Verdict',
      ],
      rows: rows.map((row) => [
        row.label,
        row.pilot.count,
        row.pilot.ofPrevious,
        row.pilot.ofLeads,
        row.control.count,
        row.control.ofPrevious,
        row.control.ofLeads,
        row.change ?? (row.refused === null ? '\u2013' : 'not computed'),
        row.interval ?? (row.refused ?? '\u2013'),
        row.verdict === null ? '\u2013' : verdictPhrase(row.verdict),
      ]),
    },
  };
}
