/**
 * Reading a data file's header against its pilot: where the unit, group,
 * date and each metric's columns are, and how each metric's cells are read.
 * Worked out once per file, before the first row.
 */
import { formatCount } from '../present/format.ts';
import { funnelStages, type Metric, type Pilot } from '../pilot.ts';
import { quoteValue } from '../problems.ts';
import { readNumber, readOutcome, type NumberResult } from './cells.ts';
import type { ProblemLog } from './problem-log.ts';

export type Reader = (cell: string) => NumberResult;

export interface MetricPlan {
  /** Column indexes: [value] for mean and proportion, [numerator, denominator] for ratio. */
  columns: number[];
  readers: Reader[];
  /** The same columns for the fast path: the value (or numerator) and the denominator, -1 for none. */
  first: number;
  second: number;
  /** A proportion: the first column is a yes/no outcome rather than a number. */
  outcome: boolean;
  /** A funnel: `columns` are its stages in order, read by funnel-cells.ts rather than by the readers; null for any other kind. */
  stages?: number[] | null;
  /** A duration: its date columns are read by durations.ts, not as numbers; null for any other kind. */
  /** `share`: a counted lead's value is 1 when reached within the horizon, else 0, rather than its capped days. */
  duration: { from: number; to: number; within: number; share: boolean } | null;
}

/** Where the pilot's columns are; an index is -1 when the column is absent (and then a problem is logged). */
export interface ColumnPlan {
  /** False when any named column is missing or duplicated: no row can then be read. */
  ok: boolean;
  unit: number;
  group: number;
  /** -1 when the pilot has no date column. */
  date: number;
  metrics: MetricPlan[];
  /** The `segments` columns, in the pilot's order; empty when it declares none. */
  segments: number[];
}

/**
 * Finds the pilot's columns in the header cells, logging each one missing or
 * named twice. A missing one names the key and, when given, the pilot file
 * it is in: pilots can share a data file.
 */
export function planColumns(pilot: Pilot, cells: readonly string[], delimiter: string, log: ProblemLog, pilotFile?: string): ColumnPlan {
  const problemsBefore = log.problems.length;
  // One pass over the header with a set: indexOf per cell was quadratic, minutes for 300,000 columns (issue #17).
  const named = new Set<string>();
  const duplicated = new Set<string>();
  for (const cell of cells) {
    if (cell === '') continue;
    if (named.has(cell)) duplicated.add(cell);
    else named.add(cell);
  }
  // A report title or a blank line above the header: row 1 names one column at most.
  const titleRow = cells.filter((cell) => cell !== '').length <= 1;
  const find = (column: string, key: string): number => {
    const index = cells.indexOf(column);
    if (index === -1) {
      const near = cells.find((cell) => cell.toLowerCase() === column.toLowerCase());
      const hint = near === undefined ? '' : `; did you mean ${quoteValue(near)}? Names must match exactly`;
      const title = titleRow ? '. Row 1 must name the columns: if the export starts with a title or notes above the header, delete those rows' : '';
      const where = pilotFile === undefined ? '' : ` in ${pilotFile}`;
      log.add({ row: 1, column, message: `column named by "${key}"${where} is not in the header${hint}. The columns are: ${listColumns(cells)}${title}` });
    } else if (duplicated.has(column)) {
      log.add({ row: 1, column, message: `the header has more than one column with this name; expected each column name once` });
    }
    return index;
  };
  const unit = find(pilot.unit, 'unit');
  const group = find(pilot.group.column, 'group.column');
  const date = pilot.date === undefined ? -1 : find(pilot.date, 'date');
  const metrics = pilot.metrics.map((metric) => planMetric(metric, find, { delimiter }));
  const segments = (pilot.segments ?? []).map((column) => find(column, 'segments'));
  return { ok: log.problems.length === problemsBefore, unit, group, date, metrics, segments };
}

function planMetric(metric: Metric, find: (column: string, key: string) => number, options: { delimiter: string }): MetricPlan {
  const number: Reader = (cell) => readNumber(cell, options);
  // A money metric's amounts (a mean's column, a ratio's numerator) must be in its currency.
  const money = metric.format === 'currency' ? { ...options, currency: metric.currency } : options;
  const amount: Reader = (cell) => readNumber(cell, money);
  const outcomeReader: Reader = (cell) => {
    const read = readOutcome(cell);
    return read.ok ? { ok: true, value: read.value ? 1 : 0 } : read;
  };
  if (metric.type === 'ratio') {
    const columns = [find(metric.numerator as string, `metrics.${metric.id}.numerator`), find(metric.denominator as string, `metrics.${metric.id}.denominator`)];
    return { columns, readers: [amount, number], first: columns[0] as number, second: columns[1] as number, outcome: false, stages: null, duration: null };
  }
  if (metric.type === 'funnel') {
    const columns = funnelStages(metric).map(({ column }, s) => find(column, `metrics.${metric.id}.stages[${s + 1}]`));
    return { columns, readers: columns.map(() => outcomeReader), first: columns[0] as number, second: -1, outcome: true, stages: columns, duration: null };
  }
  if (metric.type === 'duration') {
    const [from, to] = [find(metric.from as string, `metrics.${metric.id}.from`), find(metric.to as string, `metrics.${metric.id}.to`)];
    // The readers are never called: row-rules.ts hands a duration's cells to durations.ts.
    return { columns: [from, to], readers: [number, number], first: from, second: to, outcome: false, duration: { from, to, within: metric.within as number, share: metric.measure === 'share' }, stages: null };
  }
  const column = find(metric.column as string, `metrics.${metric.id}.column`);
  const outcome = metric.type === 'proportion';
  return { columns: [column], readers: [outcome ? outcomeReader : amount], first: column, second: -1, outcome, stages: null, duration: null };
}

/** The header's columns for a message: each quoted (long names shortened), at most 30 of them. */
export function listColumns(cells: readonly string[]): string {
  const LISTED = 30;
  const listed = cells.slice(0, LISTED).map(quoteValue).join(', ');
  return cells.length > LISTED ? `${listed} and ${formatCount(cells.length - LISTED)} more` : listed;
}
