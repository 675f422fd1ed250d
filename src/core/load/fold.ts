/**
 * Folds CSV rows into per-unit sums while they are read: memory grows with
 * the number of units (and unit-weeks for the trend), never with the number
 * of rows.
 *
 * Which rows count follows pilot-format.md: rows dated before `started` are
 * the pre-period (baseline), rows from `started` to `ended` inclusive are the
 * pilot period, rows after `ended` are ignored and counted. An empty metric
 * cell leaves that row out of that metric only.
 */
import type { Arm } from '../evidence.ts';
import type { Metric, Pilot } from '../pilot.ts';
import { error, type Problem } from '../problems.ts';
import { DATE_EXPECTED, readDate, readNumber, readOutcome, weekOf } from './cells.ts';

/** Sums of one metric over some rows of one unit. */
export interface Sums {
  /** Rows with a value for this metric. */
  rows: number;
  /** mean: sum of the column; ratio: sum of the numerator; proportion: successes. */
  numerator: number;
  /** ratio: sum of the denominator; mean and proportion: rows. */
  denominator: number;
}

export interface UnitMetricSums {
  pilot: Sums;
  pre: Sums;
  /** Keyed by "pre:YYYY-MM-DD" or "pilot:YYYY-MM-DD" (Monday of the week). */
  weeks: Map<string, Sums>;
}

export interface UnitSums {
  name: string;
  arm: Arm;
  /** First spreadsheet row naming this unit, for messages. */
  firstRow: number;
  /** Rows of this unit in the pilot period. */
  pilotRows: number;
  metrics: UnitMetricSums[];
}

export interface FoldedData {
  file: string;
  delimiter: string;
  columns: string[];
  units: Map<string, UnitSums>;
  /** Non-blank data rows read. */
  rowsRead: number;
  rowsPre: number;
  rowsPilot: number;
  rowsAfterEnd: number;
  /** Per metric (same order as pilot.metrics): pilot-period rows left out for an empty cell. */
  missing: number[];
  /** Earliest and latest date seen, when the pilot has a date column. */
  firstDate: string | null;
  lastDate: string | null;
  problems: Problem[];
}

/** After this many problems of one kind in one column, the rest are counted, not listed. */
const LISTED_PER_KIND = 10;

type Reader = (cell: string) => { ok: true; value: number } | { ok: false; expected: string };

interface MetricPlan {
  /** Column indexes: [value] for mean and proportion, [numerator, denominator] for ratio. */
  columns: number[];
  readers: Reader[];
}

export function emptySums(): Sums {
  return { rows: 0, numerator: 0, denominator: 0 };
}

/**
 * A folder receives the header, then chunks of rows, then is finished.
 * Kept separate from the file reading so tests can feed it rows directly.
 */
export function createFolder(pilot: Pilot, file: string) {
  const data: FoldedData = {
    file,
    delimiter: ',',
    columns: [],
    units: new Map(),
    rowsRead: 0,
    rowsPre: 0,
    rowsPilot: 0,
    rowsAfterEnd: 0,
    missing: pilot.metrics.map(() => 0),
    firstDate: null,
    lastDate: null,
    problems: [],
  };
  const overflow = new Map<string, { count: number; column: string | undefined; message: string }>();
  let headerOk = false;
  let unitIndex = -1;
  let groupIndex = -1;
  let dateIndex = -1;
  let plans: MetricPlan[] = [];

  function report(kind: string, problem: Omit<Problem, 'severity' | 'file'>) {
    const key = `${kind}\u0000${problem.column ?? ''}`;
    const seen = overflow.get(key);
    if (seen === undefined) {
      overflow.set(key, { count: 1, column: problem.column, message: problem.message });
      data.problems.push(error({ file, ...problem }));
    } else if (seen.count < LISTED_PER_KIND) {
      seen.count += 1;
      data.problems.push(error({ file, ...problem }));
    } else {
      seen.count += 1;
    }
  }

  function header(cells: string[], delimiter: string) {
    data.delimiter = delimiter;
    data.columns = cells;
    if (cells.length === 0 || (cells.length === 1 && cells[0] === '')) {
      data.problems.push(error({ file, message: 'the file is empty; expected a header row naming the columns, then one row per observation' }));
      return;
    }
    const problemsBefore = data.problems.length;
    const duplicated = new Set(cells.filter((cell, index) => cell !== '' && cells.indexOf(cell) !== index));
    const find = (column: string, key: string): number => {
      const index = cells.indexOf(column);
      if (index === -1) {
        const near = cells.find((cell) => cell.toLowerCase() === column.toLowerCase());
        const hint = near === undefined ? '' : `; did you mean "${near}"? Names must match exactly`;
        data.problems.push(
          error({
            file,
            row: 1,
            column,
            message: `column named by "${key}" is not in the header${hint}. The columns are: ${cells.map((cell) => JSON.stringify(cell)).join(', ')}`,
          }),
        );
      } else if (duplicated.has(column)) {
        data.problems.push(
          error({ file, row: 1, column, message: `the header has more than one column with this name; expected each column name once` }),
        );
      }
      return index;
    };
    unitIndex = find(pilot.unit, 'unit');
    groupIndex = find(pilot.group.column, 'group.column');
    dateIndex = pilot.date === undefined ? -1 : find(pilot.date, 'date');
    const numberOptions = { delimiter };
    plans = pilot.metrics.map((metric) => planMetric(metric, find, numberOptions));
    headerOk = data.problems.length === problemsBefore;
  }

  function rows(chunk: { firstRow: number; rows: string[][] }) {
    if (!headerOk) return;
    const width = data.columns.length;
    const { pilot: pilotLabel, control: controlLabel } = pilot.group;
    for (let offset = 0; offset < chunk.rows.length; offset += 1) {
      const cells = chunk.rows[offset] as string[];
      const row = chunk.firstRow + offset;
      if (isBlank(cells)) continue;
      data.rowsRead += 1;
      if (cells.length !== width && !onlyEmptyExtras(cells, width)) {
        report('ragged', {
          row,
          message: `this row has ${cells.length} cells but the header has ${width}; expected one cell per column (check for an unquoted delimiter inside a value)`,
        });
        continue;
      }
      const unitName = (cells[unitIndex] ?? '').trim();
      const label = (cells[groupIndex] ?? '').trim();
      let rowOk = true;
      if (unitName === '') {
        report('unit-empty', { row, column: pilot.unit, value: '', message: 'every row must name its unit; expected a unit name' });
        rowOk = false;
      }
      const arm: Arm | null = label === pilotLabel ? 'pilot' : label === controlLabel ? 'control' : null;
      if (arm === null) {
        report('group', {
          row,
          column: pilot.group.column,
          value: label,
          message: `is neither the pilot label ${JSON.stringify(pilotLabel)} nor the control label ${JSON.stringify(controlLabel)}; expected one of them exactly`,
        });
        rowOk = false;
      }
      let period: 'pre' | 'pilot' = 'pilot';
      let week = '';
      if (dateIndex !== -1) {
        const rawDate = cells[dateIndex] ?? '';
        const date = readDate(rawDate);
        if (!date.ok) {
          report('date', { row, column: pilot.date, value: rawDate, message: rawDate.trim() === '' ? `is empty; ${DATE_EXPECTED}` : date.expected });
          continue;
        }
        const day = date.value;
        if (data.firstDate === null || day < data.firstDate) data.firstDate = day;
        if (data.lastDate === null || day > data.lastDate) data.lastDate = day;
        if (pilot.ended !== undefined && day > pilot.ended) {
          data.rowsAfterEnd += 1;
          continue;
        }
        period = day < pilot.started ? 'pre' : 'pilot';
        week = `${period}:${weekOf(day)}`;
      }
      if (!rowOk || arm === null) continue;

      let unit = data.units.get(unitName);
      if (unit === undefined) {
        unit = {
          name: unitName,
          arm,
          firstRow: row,
          pilotRows: 0,
          metrics: plans.map(() => ({ pilot: emptySums(), pre: emptySums(), weeks: new Map() })),
        };
        data.units.set(unitName, unit);
      } else if (unit.arm !== arm) {
        report(`both-groups:${unitName}`, {
          row,
          column: pilot.group.column,
          value: label,
          message: `unit ${JSON.stringify(unitName)} is in the ${unit.arm} group on row ${unit.firstRow} and in the ${arm} group here; expected each unit in exactly one group`,
        });
        continue;
      }
      if (period === 'pre') data.rowsPre += 1;
      else {
        data.rowsPilot += 1;
        unit.pilotRows += 1;
      }
      for (let m = 0; m < plans.length; m += 1) {
        foldMetric(plans[m] as MetricPlan, m, cells, row, period, week, unit);
      }
    }
  }

  function foldMetric(plan: MetricPlan, m: number, cells: string[], row: number, period: 'pre' | 'pilot', week: string, unit: UnitSums) {
    const values: number[] = [];
    for (let c = 0; c < plan.columns.length; c += 1) {
      const index = plan.columns[c] as number;
      const raw = cells[index] ?? '';
      if (raw === '' || raw.trim() === '') {
        if (period === 'pilot') data.missing[m] = (data.missing[m] ?? 0) + 1;
        return;
      }
      const read = (plan.readers[c] as Reader)(raw);
      if (!read.ok) {
        report(`value:${index}`, { row, column: data.columns[index], value: raw, message: read.expected });
        return;
      }
      values.push(read.value);
    }
    const numerator = values[0] as number;
    const denominator = values.length === 2 ? (values[1] as number) : 1;
    const sums = unit.metrics[m] as UnitMetricSums;
    add(period === 'pre' ? sums.pre : sums.pilot, numerator, denominator);
    if (week !== '') {
      let weekly = sums.weeks.get(week);
      if (weekly === undefined) {
        weekly = emptySums();
        sums.weeks.set(week, weekly);
      }
      add(weekly, numerator, denominator);
    }
  }

  function finish(): FoldedData {
    for (const [key, seen] of overflow) {
      if (seen.count > LISTED_PER_KIND) {
        const kind = key.split('\u0000')[0] ?? '';
        data.problems.push(
          error({
            file,
            ...(seen.column === undefined ? {} : { column: seen.column }),
            message: `and ${(seen.count - LISTED_PER_KIND).toLocaleString('en-US')} more rows with the same problem (${kind.split(':')[0]})`,
          }),
        );
      }
    }
    if (headerOk && data.rowsRead === 0) {
      data.problems.push(error({ file, message: 'the file has a header but no data rows; expected one row per observation below the header' }));
    }
    return data;
  }

  return { header, rows, finish, data };
}

function planMetric(metric: Metric, find: (column: string, key: string) => number, options: { delimiter: string }): MetricPlan {
  const number: Reader = (cell) => readNumber(cell, options);
  const outcome: Reader = (cell) => {
    const read = readOutcome(cell);
    return read.ok ? { ok: true, value: read.value ? 1 : 0 } : read;
  };
  if (metric.type === 'ratio') {
    return {
      columns: [find(metric.numerator as string, `metrics.${metric.id}.numerator`), find(metric.denominator as string, `metrics.${metric.id}.denominator`)],
      readers: [number, number],
    };
  }
  return {
    columns: [find(metric.column as string, `metrics.${metric.id}.column`)],
    readers: [metric.type === 'proportion' ? outcome : number],
  };
}

function add(sums: Sums, numerator: number, denominator: number) {
  sums.rows += 1;
  sums.numerator += numerator;
  sums.denominator += denominator;
}

function isBlank(cells: string[]): boolean {
  return cells.length <= 1 && (cells[0] ?? '').trim() === '';
}

/** Exports often end rows with a stray delimiter: extra cells that are all empty are harmless. */
function onlyEmptyExtras(cells: string[], width: number): boolean {
  if (cells.length < width) return false;
  for (let i = width; i < cells.length; i += 1) if ((cells[i] as string).trim() !== '') return false;
  return true;
}
