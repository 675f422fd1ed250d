/**
 * Reading a per-unit aggregate (aggregate-columns.ts; pilot-format.md,
 * "Per-unit aggregate data") into the same folded data the row-level loader
 * gives (unit-sums-builder.ts): each row is one unit's sums over one period,
 * taken as they are, so an aggregate written from a row-level file's sums
 * gives the very same numbers, to the last bit.
 *
 * What an aggregate cannot carry, it leaves empty: no weekly trend (the
 * trend chart is left out, as for a pilot without a date column), no
 * duplicate-row check and no decimal-mark notes (both are about cells the
 * aggregate no longer has), and no first and last date.
 *
 * The rows arrive as text cells (from a CSV, or from DuckDB for a Parquet
 * file, load-parquet.ts) with their row number as a spreadsheet shows it.
 */
import type { Arm } from '../evidence.ts';
import { formatCount } from '../present/format.ts';
import type { Pilot } from '../pilot.ts';
import { quoteValue } from '../problems.ts';
import { AGGREGATE_PERIODS, aggregateSumsOf, metricSumColumns, PERIOD_COLUMN, ROWS_COLUMN, type AggregatePeriod } from './aggregate-columns.ts';
import { warnOfLookalikeUnits } from './lookalike-units.ts';
import { ProblemLog } from './problem-log.ts';
import type { Sums, UnitSums } from './unit-sums.ts';
import { emptyFoldedData, type FoldedData } from './unit-sums-builder.ts';

/** Where each column the pilot needs is in the header; -1 where absent (a problem is logged). */
interface AggregatePlan {
  unit: number;
  group: number;
  /** -1 when the pilot has no date column: every row is then of the pilot period. */
  period: number;
  rows: number;
  metrics: { rows: number; numerator: number; denominator: number }[];
}

/** A number as a query writes it: digits, a decimal point, an exponent; nothing a spreadsheet adds. */
const PLAIN_NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

export const AGGREGATE_NUMBER_EXPECTED = 'expected a number as a query writes it, e.g. 1834.27 or 12';

export class UnitSumsFileBuilder {
  private readonly pilot: Pilot;
  private readonly pilotFile: string | undefined;
  private readonly log: ProblemLog;
  private readonly data: FoldedData;
  private plan: AggregatePlan | null = null;
  /** Whether any row below the header held something, read or refused. */
  private sawRow = false;
  private readonly units: UnitSums[] = [];
  private readonly byName = new Map<string, { unit: UnitSums; rowOf: Partial<Record<AggregatePeriod, number>> }>();

  constructor(pilot: Pilot, file: string, options: { pilotFile?: string } = {}) {
    this.pilot = pilot;
    this.pilotFile = options.pilotFile;
    this.log = new ProblemLog(file);
    this.data = emptyFoldedData(pilot, file, this.log.problems);
  }

  /** The header's cells (trimmed); every missing column is named at once, with the columns there are. */
  header(cells: string[], delimiter = ','): void {
    this.data.columns = cells;
    this.data.delimiter = delimiter;
    if (cells.length === 0 || (cells.length === 1 && cells[0] === '')) {
      this.log.add({ message: 'the file is empty; expected a header row naming the columns, then one row per unit and period' });
      return;
    }
    const where = this.pilotFile === undefined ? '' : ` in ${this.pilotFile}`;
    const listed = cells.slice(0, 30).map(quoteValue).join(', ') + (cells.length > 30 ? ` and ${formatCount(cells.length - 30)} more` : '');
    let complete = true;
    const find = (column: string, what: string): number => {
      const index = cells.indexOf(column);
      if (index === -1) {
        complete = false;
        this.log.add({ row: 1, column, message: `column ${what}${where} is not in the header (form: unit-sums); the columns are: ${listed}. \`fieldproof sql\` writes the query that makes them` });
      } else if (cells.indexOf(column, index + 1) !== -1) {
        complete = false;
        this.log.add({ row: 1, column, message: 'the header has more than one column with this name; expected each column name once' });
      }
      return index;
    };
    const plan: AggregatePlan = {
      unit: find(this.pilot.unit, 'named by "unit"'),
      group: find(this.pilot.group.column, 'named by "group.column"'),
      period: this.pilot.date === undefined ? -1 : find(PERIOD_COLUMN, '"period" (pre, pilot or after: the pilot has a date column)'),
      rows: find(ROWS_COLUMN, `"${ROWS_COLUMN}" (the unit's rows in the period)`),
      metrics: this.pilot.metrics.map((metric) => {
        const names = metricSumColumns(metric);
        return {
          rows: find(names.rows, `"${names.rows}" (the rows with a value of ${metric.id})`),
          numerator: find(names.numerator, `"${names.numerator}" (${aggregateSumsOf(metric.type).numeratorCountsRows ? 'the yes count' : 'the sum'} of ${metric.id})`),
          denominator: names.denominator === null ? -1 : find(names.denominator, `"${names.denominator}" (the sum of ${metric.id}'s denominator)`),
        };
      }),
    };
    if (complete) this.plan = plan;
  }

  /** One aggregate row, numbered as a spreadsheet shows it (header = 1). */
  row(cells: readonly string[], row: number): void {
    const plan = this.plan;
    if (plan === null || cells.every((cell) => cell.trim() === '')) return;
    const width = this.data.columns.length;
    this.sawRow = true;
    // Empty cells past the last column are harmless, as in a row-level file.
    if (cells.length < width || (cells.length > width && !cells.slice(width).every((cell) => cell.trim() === ''))) {
      this.log.report('ragged', { row, message: `this row has ${formatCount(cells.length)} cells but the header has ${formatCount(width)}; expected one cell per column` });
      return;
    }
    const text = (column: number) => (cells[column] ?? '').trim();
    const name = text(plan.unit);
    const label = text(plan.group);
    const arm: Arm | null = label === this.pilot.group.pilot ? 'pilot' : label === this.pilot.group.control ? 'control' : null;
    let ok = true;
    if (name === '') {
      this.log.report('unit-empty', { row, column: this.pilot.unit, value: '', message: 'every row must name its unit; expected a unit name' });
      ok = false;
    }
    if (arm === null) {
      this.log.report('group', {
        row,
        column: this.pilot.group.column,
        value: label,
        message: `is neither the pilot label ${quoteValue(this.pilot.group.pilot)} nor the control label ${quoteValue(this.pilot.group.control)}; expected one of them exactly`,
      });
      ok = false;
    }
    let period: AggregatePeriod = 'pilot';
    if (plan.period !== -1) {
      const written = text(plan.period);
      if (!(AGGREGATE_PERIODS as readonly string[]).includes(written)) {
        this.log.report('period', { row, column: PERIOD_COLUMN, value: written, message: 'expected the period: pre (before "started"), pilot, or after (after "ended")' });
        ok = false;
      } else period = written as AggregatePeriod;
    }
    const rows = this.count(cells, plan.rows, row, 'the unit\'s rows in the period');
    if (!ok || rows === null || arm === null) return;

    const sums: Sums[] = [];
    if (period !== 'after') {
      for (let m = 0; m < plan.metrics.length; m += 1) {
        const read = this.metricSums(cells, m, rows, row);
        if (read === null) return;
        sums.push(read);
      }
    }
    const known = this.byName.get(name);
    if (known !== undefined && known.unit.arm !== arm) {
      this.log.report('both-groups', {
        row,
        column: this.pilot.group.column,
        value: label,
        message: `unit ${quoteValue(name)} is in the ${known.unit.arm} group on row ${known.unit.firstRow} and in the ${arm} group here; expected each unit in exactly one group`,
      });
      return;
    }
    const earlier = known?.rowOf[period];
    if (earlier !== undefined) {
      this.log.report('twice', {
        row,
        column: this.pilot.unit,
        value: name,
        message: `unit ${quoteValue(name)} has a row for the ${period} period already, on row ${earlier}; expected one row per unit and period (the query groups by unit, group and period)`,
      });
      return;
    }
    const entry = known ?? this.addUnit(name, arm, row);
    entry.rowOf[period] = row;
    const counts = this.data;
    counts.rowsRead += rows;
    if (period === 'after') {
      counts.rowsAfterEnd += rows;
      return;
    }
    const missing = period === 'pre' ? counts.missingPre : counts.missing;
    sums.forEach((metricSums, m) => {
      missing[m] = (missing[m] as number) + rows - metricSums.rows;
      const unitMetric = entry.unit.metrics[m];
      if (unitMetric !== undefined) unitMetric[period] = metricSums;
    });
    if (period === 'pre') counts.rowsPre += rows;
    else {
      counts.rowsPilot += rows;
      entry.unit.pilotRows = rows;
    }
  }

  /** The folded data; the builder is spent. */
  finish(): FoldedData {
    const data = this.data;
    if (this.plan !== null) {
      data.units = new Map(this.units.map((unit) => [unit.name, unit]));
      warnOfLookalikeUnits(this.units, this.pilot.unit, this.log);
      if (!this.sawRow) this.log.add({ message: 'the file has a header but no data rows; expected one row per unit and period below the header' });
    }
    this.log.closeOverflow();
    return data;
  }

  private addUnit(name: string, arm: Arm, row: number): { unit: UnitSums; rowOf: Partial<Record<AggregatePeriod, number>> } {
    const empty = (): Sums => ({ rows: 0, numerator: 0, denominator: 0 });
    const unit: UnitSums = { name, arm, firstRow: row, pilotRows: 0, metrics: this.pilot.metrics.map(() => ({ pilot: empty(), pre: empty() })) };
    const entry = { unit, rowOf: {} };
    this.units.push(unit);
    this.byName.set(name, entry);
    return entry;
  }

  /** One metric's three sums from the row, each checked against what the others allow. */
  private metricSums(cells: readonly string[], m: number, rows: number, row: number): Sums | null {
    const metric = this.pilot.metrics[m];
    const plan = this.plan?.metrics[m];
    if (metric === undefined || plan === undefined) return null;
    const valued = this.count(cells, plan.rows, row, `the rows with a value of ${metric.id}`);
    if (valued === null) return null;
    const columnNames = this.data.columns;
    if (valued > rows) {
      this.reportCell(row, plan.rows, cells, `is more than the unit's rows in the period (${formatCount(rows)}, column "${ROWS_COLUMN}"); expected at most that many rows with a value`);
      return null;
    }
    const counts = aggregateSumsOf(metric.type).numeratorCountsRows;
    const numerator = counts ? this.count(cells, plan.numerator, row, `the yes count of ${metric.id}`) : this.number(cells, plan.numerator, row);
    if (numerator === null) return null;
    if (counts && numerator > valued) {
      this.reportCell(row, plan.numerator, cells, `is more yes outcomes than rows with a value (${formatCount(valued)}, column ${quoteValue(columnNames[plan.rows] ?? '')}); expected at most that many`);
      return null;
    }
    let denominator = valued;
    if (plan.denominator !== -1) {
      const read = this.number(cells, plan.denominator, row);
      if (read === null) return null;
      if (read < 0) {
        this.reportCell(row, plan.denominator, cells, "is negative, but a ratio's denominator counts things (opportunities, calls, weeks); expected 0 or more");
        return null;
      }
      denominator = read;
    }
    if (valued === 0 && (numerator !== 0 || denominator !== 0)) {
      this.reportCell(row, plan.numerator, cells, `is a sum over no rows (column ${quoteValue(columnNames[plan.rows] ?? '')} is 0); expected 0`);
      return null;
    }
    return { rows: valued, numerator: numerator === 0 ? 0 : numerator, denominator };
  }

  /** A whole number of rows or outcomes, 0 or more. */
  private count(cells: readonly string[], column: number, row: number, what: string): number | null {
    const value = this.number(cells, column, row);
    if (value === null) return null;
    if (!Number.isInteger(value) || value < 0) {
      this.reportCell(row, column, cells, `is ${what}; expected a whole number, 0 or more`);
      return null;
    }
    return value;
  }

  private number(cells: readonly string[], column: number, row: number): number | null {
    const cell = (cells[column] ?? '').trim();
    const value = PLAIN_NUMBER.test(cell) ? Number(cell) : NaN;
    if (Number.isFinite(value)) return value;
    this.reportCell(row, column, cells, cell === '' ? `is empty; ${AGGREGATE_NUMBER_EXPECTED} (0 where the unit has no values)` : AGGREGATE_NUMBER_EXPECTED);
    return null;
  }

  private reportCell(row: number, column: number, cells: readonly string[], message: string): void {
    const name = this.data.columns[column] ?? '';
    this.log.report(`value:${name}`, { row, column: name, value: cells[column] ?? '', message });
  }
}
