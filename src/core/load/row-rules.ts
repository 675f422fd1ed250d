/**
 * What one row of a data file means for its pilot (pilot-format.md, "Data"),
 * the rules in one place whichever way the row was read (row-view.ts):
 *
 * - a blank row, or one of delimiters only, is no data;
 * - a row with more or fewer cells than the header is refused (empty cells
 *   past the last column are harmless);
 * - every row names its unit and its group (one of the two labels exactly,
 *   spaces around it aside), and a date when the pilot has a date column;
 * - a unit belongs to one group: a row putting it in the other is refused;
 * - rows dated after `ended` are ignored and counted (once their unit's
 *   group is checked), rows before `started` are the pre-period (baseline),
 *   the rest the pilot period;
 * - each metric's cells are added to the unit's sums for the row's period
 *   and week; an empty cell leaves the row out of that metric only, and is
 *   counted; a cell that is not a value is refused.
 *
 * accumulate() says whether the row was summed: those rows are the ones
 * checked for exact copies of an earlier row (duplicate-rows.ts), which are
 * summed all the same.
 *
 * Reading cells where they lie means a row of a unit and a date met before,
 * with plain numbers, costs no string at all (bench/RESULTS.md).
 */
import type { Arm } from '../evidence.ts';
import { formatCount } from '../present/format.ts';
import type { Pilot } from '../pilot.ts';
import { quoteValue } from '../problems.ts';
import { DATE_EXPECTED } from './cells.ts';
import type { ColumnPlan, MetricPlan } from './columns.ts';
import type { DayBook, DayInfo } from './days.ts';
import { FUNNEL_STAGE_EXPECTED, FunnelCells } from './funnel-cells.ts';
import { DurationBook } from './durations.ts';
import { EMPTY, VALUE, type MetricCells } from './metric-cells.ts';
import type { ProblemLog } from './problem-log.ts';
import { trimmedEnd, trimmedStart, type RowView } from './row-view.ts';
import type { UnitRegister } from './unit-register.ts';
import { sumSlots } from './sum-slots.ts';
import { PILOT, PRE, type Period, type UnitSums, type UnitSumsStore } from './unit-sums.ts';

/** How many rows went where: the counts the analysis and its data notes read. */
export interface RowCounts {
  /** Non-blank data rows read. */
  rowsRead: number;
  rowsPre: number;
  rowsPilot: number;
  rowsAfterEnd: number;
  /** Per metric (same order as pilot.metrics): pilot-period rows left out for an empty cell. */
  missing: number[];
  /** The same for pre-period rows, which the baseline adjustment reads. */
  missingPre: number[];
}

/** What the rules add to, and read from, for the rows of one file. */
export interface RowBooks {
  log: ProblemLog;
  counts: RowCounts;
  units: UnitRegister;
  sums: UnitSumsStore;
  days: DayBook;
  metricCells: MetricCells;
  /** Where duration metrics' rows wait for the end of the data (durations.ts); one of the rules' own when not given. */
  durations?: DurationBook;
}

export class RowRules {
  private readonly pilot: Pilot;
  private readonly columnNames: readonly string[];
  private readonly width: number;
  private readonly unitColumn: number;
  private readonly groupColumn: number;
  /** -1 when the pilot has no date column. */
  private readonly dateColumn: number;
  protected readonly plans: readonly MetricPlan[];
  private readonly pilotLabel: string;
  private readonly controlLabel: string;
  // The books, each a field of its own: the rules read them on every row.
  private readonly log: ProblemLog;
  protected readonly counts: RowCounts;
  private readonly units: UnitRegister;
  protected readonly sums: UnitSumsStore;
  private readonly days: DayBook;
  protected readonly metricCells: MetricCells;
  /** A funnel's stages, read apart from other metrics' cells; its notes of skipped stages are read when the file is done. */
  readonly funnelCells = new FunnelCells();
  /** Per metric, a funnel's sum slot for each stage (sum-slots.ts); null for other kinds. */
  private readonly stageSlots: readonly (readonly number[] | null)[];
  /** Whether a metric is read by its own rules (a funnel's stages, a duration's dates): then addMetricsAndFunnels() reads the row. */
  private readonly hasFunnelsOrDurations: boolean;
  private readonly durations: DurationBook;
  // The row whose unreadable cells were last reported, and their columns:
  // a column read by two metrics (revenue in a mean and as a ratio's numerator) is one cell, one message.
  private reportedRow = -1;
  private readonly reportedColumns: number[] = [];

  /** `columns` planned from the header `columnNames`, with every column found (columns.ts). */
  constructor(pilot: Pilot, columnNames: readonly string[], columns: ColumnPlan, books: RowBooks) {
    this.pilot = pilot;
    this.columnNames = columnNames;
    this.width = columnNames.length;
    this.unitColumn = columns.unit;
    this.groupColumn = columns.group;
    this.dateColumn = columns.date;
    this.plans = columns.metrics;
    this.stageSlots = sumSlots(pilot.metrics).stages;
    this.hasFunnelsOrDurations = columns.metrics.some((plan) => plan.stages != null || plan.duration !== null);
    this.pilotLabel = pilot.group.pilot;
    this.controlLabel = pilot.group.control;
    ({ log: this.log, counts: this.counts, units: this.units, sums: this.sums, days: this.days, metricCells: this.metricCells } = books);
    this.durations = books.durations ?? new DurationBook(columns.metrics.length);
  }

  /**
   * Row number `row` (as a spreadsheet numbers it, header = 1), with every
   * rule above; true when it was summed (before or during the pilot). A
   * function called per row, so that V8 optimises it after a few hundred
   * rows rather than waiting to replace a running loop.
   */
  accumulate(view: RowView, row: number): boolean {
    if (view.isBlank()) return false;
    const { log, counts } = this;
    counts.rowsRead += 1;
    if (view.count !== this.width && !view.onlyEmptyExtras(this.width)) {
      log.report('ragged', {
        row,
        message: `this row has ${formatCount(view.count)} cells but the header has ${formatCount(this.width)}; expected one cell per column (check for an unquoted delimiter inside a value)`,
      });
      return false;
    }
    // The unit's name and the group's label as String#trim leaves them, where they lie.
    const unitText = view.text(this.unitColumn);
    const unitStart = trimmedStart(unitText, view.start(this.unitColumn), view.end(this.unitColumn));
    const unitEnd = trimmedEnd(unitText, unitStart, view.end(this.unitColumn));
    let rowOk = true;
    if (unitStart === unitEnd) {
      log.report('unit-empty', { row, column: this.pilot.unit, value: '', message: 'every row must name its unit; expected a unit name' });
      rowOk = false;
    }
    const arm = this.armOf(view);
    if (arm === null) {
      this.reportGroup(view, row);
      rowOk = false;
    }
    let day: DayInfo | null = null;
    const dateColumn = this.dateColumn;
    if (dateColumn !== -1) {
      day = this.days.readIn(view.text(dateColumn), view.start(dateColumn), view.end(dateColumn));
      if (day === null) {
        this.reportDate(view, row);
        return false;
      }
    }
    if (!rowOk || arm === null) return false;

    const { units, sums } = this;
    let index = units.indexOf(unitText, unitStart, unitEnd);
    if (index === -1) {
      index = units.add(unitText.slice(unitStart, unitEnd), arm, row);
      sums.addUnit();
    } else if ((units.units[index] as UnitSums).arm !== arm) {
      this.reportBothGroups(units.units[index] as UnitSums, view, row, arm);
      return false;
    }
    // Rows after the end are ignored, but only once their unit's group is checked:
    // a unit labelled pilot in June and control in April is still in both groups.
    if (day !== null && day.afterEnd) {
      counts.rowsAfterEnd += 1;
      return false;
    }
    const pre = day !== null && day.period === 'pre';
    if (pre) counts.rowsPre += 1;
    else {
      counts.rowsPilot += 1;
      (units.units[index] as UnitSums).pilotRows += 1;
    }
    // Two loops, so that a pilot without a funnel or a duration runs the one V8 has always optimised, unchanged.
    if (this.hasFunnelsOrDurations) this.addMetricsAndFunnels(view, row, index, pre, day === null ? -1 : day.weekId);
    else this.addMetrics(view, row, index, pre, day === null ? -1 : day.weekId);
    return true;
  }

  /**
   * Kept apart from the row's other rules so that V8 optimises it on its
   * own: the cell readers and sums.add fit its inlining budget, and the
   * numbers stay unboxed doubles (bench/RESULTS.md).
   */
  protected addMetrics(view: RowView, row: number, index: number, pre: boolean, weekId: number): void {
    const { metricCells, sums, counts } = this;
    const period = pre ? PRE : PILOT;
    const plans = this.plans;
    for (let m = 0; m < plans.length; m += 1) {
      const read = metricCells.read(view, plans[m] as MetricPlan, row);
      if (read === VALUE) sums.add(index, m, period, weekId, metricCells.numerator, metricCells.denominator);
      else if (read === EMPTY) {
        const missing = pre ? counts.missingPre : counts.missing;
        missing[m] = (missing[m] as number) + 1;
      } else this.reportCell(row, metricCells.column, metricCells.cell, metricCells.expected);
    }
  }

  /** addMetrics(), for a pilot with a funnel or a duration: a funnel's stages are read by funnel-cells.ts, a duration's dates by durations.ts. */
  private addMetricsAndFunnels(view: RowView, row: number, index: number, pre: boolean, weekId: number): void {
    const { metricCells, sums, counts } = this;
    const period = pre ? PRE : PILOT;
    const plans = this.plans;
    for (let m = 0; m < plans.length; m += 1) {
      const plan = plans[m] as MetricPlan;
      if (plan.stages) {
        this.addFunnel(view, row, index, period, weekId, m, plan);
        continue;
      }
      if (plan.duration !== null) {
        this.addDuration(view, row, index, period, weekId, m, plan);
        continue;
      }
      const read = metricCells.read(view, plan, row);
      if (read === VALUE) {
        sums.add(index, m, period, weekId, metricCells.numerator, metricCells.denominator);
        this.valueAdded(view, row, index, period, m);
      } else if (read === EMPTY) {
        const missing = pre ? counts.missingPre : counts.missing;
        missing[m] = (missing[m] as number) + 1;
      } else this.reportCell(row, metricCells.column, metricCells.cell, metricCells.expected);
    }
  }

  /**
   * Told of each value addMetricsAndFunnels() sums (metricCells holds it):
   * nothing here; segmented-row-rules.ts gives the primary metric's to its
   * segments. addMetrics() has no such call, so a pilot without a funnel keeps its loop.
   */
  protected valueAdded(_view: RowView, _row: number, _index: number, _period: Period, _m: number): void {}

  /** A funnel's row: every stage's count into its slot, each over the one lead the row is (a denominator of 1). */
  private addFunnel(view: RowView, row: number, index: number, period: Period, weekId: number, m: number, plan: MetricPlan): void {
    const { funnelCells, sums } = this;
    if (!funnelCells.read(view, plan, row, m)) {
      this.reportCell(row, funnelCells.column, funnelCells.cell, FUNNEL_STAGE_EXPECTED);
      return;
    }
    const slots = this.stageSlots[m] as readonly number[];
    for (let s = 0; s < slots.length; s += 1) sums.add(index, slots[s] as number, period, weekId, funnelCells.reached[s] as number, 1);
  }

  /** A duration metric's two dates, held until the end of the data is known (durations.ts). */
  private addDuration(view: RowView, row: number, index: number, period: Period, weekId: number, m: number, plan: MetricPlan): void {
    const { durations, counts } = this;
    const read = durations.read(view, plan, m, index, period, weekId, this.columnNames);
    if (read === EMPTY) {
      const missing = period === PRE ? counts.missingPre : counts.missing;
      missing[m] = (missing[m] as number) + 1;
    } else if (read !== VALUE) this.reportCell(row, durations.column, durations.cell, durations.expected);
  }

  /** The row's arm by its group cell, the label exactly but for spaces around it; null for neither label. */
  private armOf(view: RowView): Arm | null {
    const column = this.groupColumn;
    const text = view.text(column);
    const start = trimmedStart(text, view.start(column), view.end(column));
    const length = trimmedEnd(text, start, view.end(column)) - start;
    const { pilotLabel, controlLabel } = this;
    if (length === pilotLabel.length && text.startsWith(pilotLabel, start)) return 'pilot';
    if (length === controlLabel.length && text.startsWith(controlLabel, start)) return 'control';
    return null;
  }

  private reportGroup(view: RowView, row: number): void {
    const label = view.trimmedCell(this.groupColumn);
    const { pilotLabel, controlLabel } = this;
    this.log.report('group', {
      row,
      column: this.pilot.group.column,
      value: label,
      message:
        label === ''
          ? `is empty; every row must name its group: expected the pilot label ${quoteValue(pilotLabel)} or the control label ${quoteValue(controlLabel)}`
          : `is neither the pilot label ${quoteValue(pilotLabel)} nor the control label ${quoteValue(controlLabel)}; expected one of them exactly`,
    });
  }

  private reportDate(view: RowView, row: number): void {
    const cell = view.cell(this.dateColumn);
    this.log.report('date', {
      row,
      column: this.pilot.date,
      value: cell,
      message: cell.trim() === '' ? `is empty; ${DATE_EXPECTED}` : this.days.expected,
    });
  }

  private reportBothGroups(unit: UnitSums, view: RowView, row: number, arm: Arm): void {
    // One kind for every unit, so the listing stops after the first few (problem-log.ts) however many units there are.
    this.log.report('both-groups', {
      row,
      column: this.pilot.group.column,
      value: view.trimmedCell(this.groupColumn),
      message: `unit ${quoteValue(unit.name)} is in the ${unit.arm} group on row ${unit.firstRow} and in the ${arm} group here; expected each unit in exactly one group`,
    });
  }

  protected reportCell(row: number, column: number, cell: string, expected: string): void {
    if (this.reportedRow !== row) {
      this.reportedRow = row;
      this.reportedColumns.length = 0;
    }
    if (this.reportedColumns.includes(column)) return;
    this.reportedColumns.push(column);
    this.log.report(`value:${column}`, { row, column: this.columnNames[column], value: cell, message: expected });
  }
}
