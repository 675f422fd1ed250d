/**
 * The per-unit aggregate form of a data file (pilot-format.md, "Per-unit
 * aggregate data"): one row per unit and period holding the sums each metric
 * needs, the columns named from the pilot itself. `fieldproof sql` writes
 * them (src/core/sql/) and unit-sums-file.ts reads them: both take the names
 * from here, so the query and the loader cannot disagree.
 *
 *   <unit>, <group column>   as in the row-level file
 *   period                   pre | pilot | after (only with a date column)
 *   row_count                the unit's rows in the period
 *   <metric_id>__rows        rows with a value of the metric (the id's dashes
 *                            written as underscores, which every warehouse
 *                            takes in a column name)
 *   <metric_id>__numerator   mean: the sum of its column; proportion: the yes
 *                            count; ratio: the sum of the numerator column
 *   <metric_id>__denominator ratio only: the sum of the denominator column
 */
import type { Metric, Pilot } from '../pilot.ts';
import { isAggregatedType, type AggregatedType } from '../pilot-terms.ts';

export const PERIOD_COLUMN = 'period';
export const ROWS_COLUMN = 'row_count';
/** The periods a row can fall in; `after` rows (dated after `ended`) are only counted, like ignored rows. */
export const AGGREGATE_PERIODS = ['pre', 'pilot', 'after'] as const;
export type AggregatePeriod = (typeof AGGREGATE_PERIODS)[number];

/**
 * What each kind's sums are in an aggregate (metric-kinds.ts says what they
 * mean): whether it has a denominator column (else its denominator is its
 * rows with a value), and whether its numerator counts rows (a yes count,
 * at most its rows). A new kind must decide both here, and say in
 * src/core/sql/aggregate-query.ts (`metricSources`) how its cells are read.
 */
export const AGGREGATE_SUMS = {
  mean: { denominator: false, numeratorCountsRows: false },
  ratio: { denominator: true, numeratorCountsRows: false },
  proportion: { denominator: false, numeratorCountsRows: true },
} as const satisfies Record<AggregatedType, { denominator: boolean; numeratorCountsRows: boolean }>;

/** A kind's aggregate sums; the pilot's schema refuses the kinds without (pilot.ts, AGGREGATED_TYPES) before any file is read. */
export function aggregateSumsOf(type: Metric['type']): (typeof AGGREGATE_SUMS)[AggregatedType] {
  if (!isAggregatedType(type)) throw new Error(`a ${type} metric has no per-unit aggregate form`);
  return AGGREGATE_SUMS[type];
}

export interface MetricSumColumns {
  rows: string;
  numerator: string;
  /** null for mean and proportion, whose denominator is their rows. */
  denominator: string | null;
}

export function metricSumColumns(metric: Pick<Metric, 'id' | 'type'>): MetricSumColumns {
  const stem = metric.id.replaceAll('-', '_');
  return {
    rows: `${stem}__rows`,
    numerator: `${stem}__numerator`,
    denominator: aggregateSumsOf(metric.type).denominator ? `${stem}__denominator` : null,
  };
}

/** Every column of the pilot's aggregate, in the order `fieldproof sql` writes them. */
export function aggregateColumnNames(pilot: Pilot): string[] {
  const names = [pilot.unit, pilot.group.column];
  if (pilot.date !== undefined) names.push(PERIOD_COLUMN);
  names.push(ROWS_COLUMN);
  for (const metric of pilot.metrics) {
    const columns = metricSumColumns(metric);
    names.push(columns.rows, columns.numerator);
    if (columns.denominator !== null) names.push(columns.denominator);
  }
  return names;
}
