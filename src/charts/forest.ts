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
import { formatConfidence, formatLift } from '../core/format.ts';
import { liftTick } from '../site/format.ts';
import { boundedRelative, headlineOf, headlineText, primaryResult, relativeAside, verdictPhrase } from '../site/lift.ts';
import { COMPACT, WIDE, variantId, captionId, type Chart } from './chart.ts';
import { colors, HALO, renderPlot } from './render.ts';

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
}

export function forestChart(pilots: readonly PilotEvidence[], options: { domain: [number, number]; id?: string }): Chart | null {
  const concluded = pilots.filter((pilot) => pilot.results.status === 'concluded');
  if (concluded.length === 0) return null;
  const id = options.id ?? 'forest';
  const rows: Row[] = concluded.map((pilot) => {
    const metric = primaryResult(pilot.results);
    const relative = boundedRelative(headlineOf(metric));
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
      headline: relative !== null && relativeAside(metric) !== null ? headlineText(metric).change : null,
    };
  });
  const levels = [...new Set(concluded.map((pilot) => formatConfidence(pilot.results.confidence)))];
  const label = `Primary lift of every concluded pilot, with its interval, on one percent axis`;
  const counts = (['win', 'loss', 'inconclusive'] as const)
    .map((verdict) => [verdict, rows.filter((row) => row.verdict === verdict).length] as const)
    .filter(([, count]) => count > 0)
    .map(([verdict, count]) => `${count} ${verdictPhrase(verdict).toLowerCase()}${count === 1 || verdict === 'inconclusive' ? '' : verdict === 'loss' ? 'es' : 's'}`);
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
        row.estimate === null ? 'not in percent' : liftWithHeadline(row),
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

/** Shorten a title to what fits `lines` lines of the given width, on a word boundary. */
function fitTitle(title: string, width: number, lines = 1): string {
  const most = Math.floor(width / (FONT_SIZE * 0.6)) * lines - (lines - 1) * 4;
  if (title.length <= most) return title;
  const cut = title.slice(0, most - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), most / 2)).trimEnd()}\u2026`;
}

function plotOptions(rows: readonly Row[], options: { width: number; domain: [number, number] }): Plot.PlotOptions {
  const compact = options.width <= COMPACT;
  // Compact rows leave room for a title wrapped onto two lines above the line.
  const rowHeight = compact ? 76 : 58;
  // Leave room on the right for the verdict (and "lower is better" when wide).
  const lowerIsBetter = rows.some((row) => row.lowerIsBetter);
  const titleWidth = options.width - 2 * 30 - (lowerIsBetter ? (compact ? 130 : 200) : 110);
  const margin = 30;
  const drawn = rows.filter((row) => row.low !== null);
  const undrawn = rows.filter((row) => row.low === null);
  const ticks = compact ? 4 : 8;
  return {
    width: options.width,
    height: 46 + 42 + rowHeight * rows.length,
    marginTop: 46,
    marginBottom: 42,
    marginLeft: margin,
    marginRight: margin,
    x: { domain: options.domain },
    y: { type: 'point', domain: rows.map((row) => row.key), axis: null, padding: 0.5 },
    marks: [
      Plot.gridX({ ticks, stroke: colors.grid, strokeOpacity: 1 }),
      Plot.axisX({ ticks, tickFormat: liftTick, label: null, fontSize: FONT_SIZE - 1, color: colors.muted, tickSize: 0, tickPadding: 8 }),
      Plot.ruleX([0], { stroke: colors.ink, strokeWidth: 1.5 }),
      Plot.text(['no difference'], { x: () => 0, frameAnchor: 'top', dy: -30, fill: colors.muted, fontSize: FONT_SIZE - 1, ...HALO }),
      Plot.text(rows, {
        y: 'key',
        frameAnchor: 'left',
        text: (row: Row) => fitTitle(row.title, titleWidth, compact ? 2 : 1),
        textAnchor: 'start',
        lineAnchor: 'bottom',
        lineWidth: (titleWidth / FONT_SIZE) * 0.95,
        lineHeight: 1.15,
        dy: -13,
        fontSize: FONT_SIZE,
        fontWeight: 600,
        fill: colors.ink,
        ...HALO,
      }),
      // On a phone "lower is better" goes on a line of its own under the verdict.
      Plot.text(rows, { y: 'key', frameAnchor: 'right', text: (row: Row) => `${verdictPhrase(row.verdict)}${row.lowerIsBetter ? (compact ? '\nlower is better' : ' (lower is better)') : ''}`, textAnchor: 'end', lineAnchor: 'bottom', dy: -13, fontSize: FONT_SIZE, fontWeight: 700, fill: 'color' }),
      Plot.ruleY(drawn, { y: 'key', x1: 'low', x2: 'high', stroke: 'color', strokeWidth: 5, strokeLinecap: 'round' }),
      Plot.dot(drawn, { y: 'key', x: 'estimate', r: 6, fill: 'white', stroke: 'color', strokeWidth: 3 }),
      Plot.text(drawn, { y: 'key', x: 'estimate', text: (row: Row) => liftWithHeadline(row), dy: 17, fontSize: FONT_SIZE - 1, fontWeight: 700, fill: 'color', ...HALO }),
      Plot.text(undrawn, { y: 'key', frameAnchor: 'left', text: () => 'no percent interval: see the report', textAnchor: 'start', fontSize: FONT_SIZE - 1, fontStyle: 'italic', fill: colors.muted }),
    ],
  };
}
