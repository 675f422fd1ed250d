/**
 * Win rate by number of criteria met: one column per count k = 0..K, the
 * group's win rate as a dot with its Wilson interval as a line, and the
 * groups at or above a clear tipping point drawn in the accent colour. A
 * group with no leads has nothing drawn and says "no leads".
 */
import * as Plot from '@observablehq/plot';
import { formatConfidence, formatCount } from '../core/present/format.ts';
import type { QualificationResults } from '../core/qualification-analysis.ts';
import { COMPACT, WIDE, captionId, variantId, type Chart } from './chart.ts';
import { colors, HALO, renderPlot } from './render.ts';

interface Column {
  met: string;
  leads: number;
  rate: number | null;
  low: number | null;
  high: number | null;
  color: string;
  note: string;
}

const percent = (fraction: number): string => `${Math.round(fraction * 100)}%`;

export function winRateByCriteriaChart(results: QualificationResults, options: { id?: string } = {}): Chart {
  const id = options.id ?? 'win-rate-by-criteria';
  const criteria = results.criteria.length;
  const tipping = results.tippingPoint;
  const accentFrom = tipping?.clear === true ? tipping.threshold : Infinity;
  const columns: Column[] = results.byCriteriaMet.map((group) => ({
    met: String(group.met),
    leads: group.leads,
    rate: group.rate,
    low: group.interval?.low ?? null,
    high: group.interval?.high ?? null,
    color: group.met >= accentFrom ? colors.pilot : colors.control,
    note: group.rate === null ? 'no leads' : `${percent(group.rate)}`,
  }));
  const level = formatConfidence(results.confidence);
  const label = `Win rate by number of criteria met, 0 to ${criteria}, with ${level} intervals`;
  const description =
    tipping?.clear === true
      ? `Win rate jumps at ${tipping.threshold} or more of the ${criteria} criteria: groups from there on are drawn in blue. Lines are ${level} intervals; a group with few leads has a long one.`
      : `No clear jump in win rate at any number of criteria. Lines are ${level} intervals; a group with few leads has a long one.`;
  const draw = (width: number): string => renderPlot(plotOptions(columns, width), { id: variantId(id, width), label, describedBy: captionId(id) });
  return {
    id,
    label,
    description,
    svg: { wide: draw(WIDE), compact: draw(COMPACT) },
    table: {
      caption: `Win rate by number of criteria met (${level} interval)`,
      columns: ['Criteria met', 'Leads', 'Win rate', 'Interval low', 'Interval high'],
      rows: columns.map((column) => [
        `${column.met} of ${criteria}`,
        formatCount(column.leads),
        column.rate === null ? 'no leads' : percent(column.rate),
        column.low === null ? '\u2013' : percent(column.low),
        column.high === null ? '\u2013' : percent(column.high),
      ]),
    },
  };
}

function plotOptions(columns: readonly Column[], width: number): Plot.PlotOptions {
  const drawn = columns.filter((column) => column.rate !== null);
  const compact = width <= COMPACT;
  const crowded = compact ? columns.length > 6 : columns.length > 10;
  // Up to the highest interval's end and room for its label, in tens of percent: win rates are rarely near 100%.
  const top = Math.min(1, Math.ceil((drawn.reduce((highest, column) => Math.max(highest, column.high ?? 0), 0) + 0.08) * 10) / 10);
  return {
    width,
    height: compact ? 240 : 300,
    marginLeft: 44,
    marginBottom: 60,
    marginTop: 24,
    x: {
      domain: columns.map((column) => column.met),
      // On a phone a long checklist has no room for the counts under each column: the table beside the chart has them.
      tickFormat: (met: string) => (crowded ? met : `${met}\n${formatCount(columns.find((column) => column.met === met)?.leads ?? 0)} leads`),
      tickSize: 0,
      label: 'Criteria met',
      labelAnchor: 'center',
      labelArrow: 'none',
      labelOffset: 48,
      padding: 0.4,
    },
    y: { domain: [0, top], grid: true, tickFormat: (value: number) => percent(value), label: null, ticks: 5 },
    marks: [
      Plot.ruleY([0], { stroke: colors.grid }),
      Plot.ruleX(drawn, { x: 'met', y1: 'low', y2: 'high', stroke: 'color', strokeWidth: 3 }),
      Plot.dot(drawn, { x: 'met', y: 'rate', r: 6, fill: '#ffffff', stroke: 'color', strokeWidth: 3 }),
      ...(crowded ? [] : [Plot.text(columns, { x: 'met', y: (column: Column) => column.high ?? 0, text: 'note', dy: -12, fontSize: compact ? 11 : 13, fill: colors.ink, ...HALO })]),
    ],
  };
}
