/**
 * The cells of a duration metric (pilot-format.md, "Duration metrics";
 * statistics.md, "Time to first contact"): two dates per row, the clock's start (`from`,
 * the hand-off) and its stop (`to`, the first contact; empty while the lead
 * has not been reached).
 *
 * A lead counts only once it has had the whole horizon (`within` days) to be
 * reached before the end of the data: leads handed off later would be
 * counted only if they were reached fast, which flatters every arm. Its
 * value is then its days to the first contact, capped at `within`, and
 * `within` when it was not reached at all: the restricted mean time; or,
 * with `measure: share`, 1 when it was reached within `within` days, else 0.
 *
 * The end of the data is known only once the whole file is read (a running
 * pilot's end is its last date), so rows are held here, summed per unit,
 * period, week and hand-off day (a few hundred days, whatever the rows),
 * and settle() adds those that had the whole horizon to the unit sums.
 */
import { quoteValue } from '../problems.ts';
import { DATE_EXPECTED, readDate } from './cells.ts';
import type { MetricPlan } from './columns.ts';
import { EMPTY, NOT_A_VALUE, VALUE, type MetricCellsRead } from './metric-cells.ts';
import type { RowView } from './row-view.ts';
import type { Period, UnitSumsStore } from './unit-sums.ts';

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO day (YYYY-MM-DD), in UTC, so no time zone moves a day. */
function dayNumber(isoDay: string): number {
  return Math.round(Date.parse(`${isoDay}T00:00:00Z`) / DAY_MS);
}

/** The ISO day of a day number. */
export function isoDayOf(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

/** One group of held rows: the same unit, metric, period, week and hand-off day. */
interface Held {
  unit: number;
  metric: number;
  period: Period;
  weekId: number;
  handoff: number;
  rows: number;
  /** The leads' values summed: days to the first contact, each capped at the horizon; or, for a share, leads reached within it. */
  value: number;
}

/** What settle() found: per metric, the leads not yet counted, and the day the data ends. */
export interface DurationsSettled {
  notYetDue: number[];
  /** The last day every counted lead was seen until (YYYY-MM-DD); null when the file has no dates. */
  end: string | null;
}

export class DurationBook {
  /** After NOT_A_VALUE: the column of the cell, the cell, and what was expected. */
  column = -1;
  cell = '';
  expected = '';

  private readonly held = new Map<string, Held>();
  /** Date cells as written to their day number, or NaN for a cell that is not a date. */
  private readonly dates = new Map<string, number>();
  /** The latest date read in any duration column: a running pilot's data ends no earlier. */
  private latest = -Infinity;

  private readonly metricCount: number;

  constructor(metricCount: number) {
    this.metricCount = metricCount;
  }

  /** One row's cells of duration metric `metric`, held for unit `unit`; what row-rules.ts does with an empty or bad cell is as for any metric. */
  read(view: RowView, plan: MetricPlan, metric: number, unit: number, period: Period, weekId: number, columnNames: readonly string[]): MetricCellsRead {
    const { from, to, within, share } = plan.duration as NonNullable<MetricPlan['duration']>;
    // No hand-off date: not a lead of this metric, left out and counted as any empty cell is.
    if (view.isBlankCell(from)) return EMPTY;
    const fromCell = view.cell(from);
    const handoff = this.day(fromCell, from);
    if (handoff === null) return NOT_A_VALUE;
    // Days from hand-off to first contact; null while the lead has not been reached.
    let span: number | null = null;
    if (!view.isBlankCell(to)) {
      const toCell = view.cell(to);
      const contact = this.day(toCell, to);
      if (contact === null) return NOT_A_VALUE;
      if (contact < handoff) {
        // A contact before its hand-off is a data error (a swapped column, a typo), not a fast reply.
        this.column = to;
        this.cell = toCell;
        this.expected = `is before this row's ${quoteValue(columnNames[from] ?? '')} (${isoDayOf(handoff)}); expected the date of the first contact on or after the hand-off`;
        return NOT_A_VALUE;
      }
      span = contact - handoff;
    }
    // Days: capped at the horizon, a lead not reached counting as the horizon. Share: reached within it, the last day included.
    const value = share ? (span !== null && span <= within ? 1 : 0) : span === null ? within : Math.min(span, within);
    const key = `${unit} ${metric} ${period} ${weekId} ${handoff}`;
    const group = this.held.get(key);
    if (group === undefined) this.held.set(key, { unit, metric, period, weekId, handoff, rows: 1, value });
    else {
      group.rows += 1;
      group.value += value;
    }
    return VALUE;
  }

  /** The day number of a date cell, or null (and `column`, `cell`, `expected` set) when it is not a date. */
  private day(cell: string, column: number): number | null {
    let day = this.dates.get(cell);
    if (day === undefined) {
      const read = readDate(cell);
      day = read.ok ? dayNumber(read.value) : NaN;
      // Distinct dates are few; cells with times can all differ, and then the cache stops growing.
      if (this.dates.size < 20_000) this.dates.set(cell, day);
    }
    if (day !== day) {
      const read = readDate(cell);
      this.column = column;
      this.cell = cell;
      this.expected = read.ok ? DATE_EXPECTED : read.expected;
      return null;
    }
    if (day > this.latest) this.latest = day;
    return day;
  }

  /**
   * Adds to `sums` every held lead handed off at least `within` days before
   * the end of the data: `ended` when the pilot has one and the file reaches
   * it, else the latest date in the file (`lastDate`, the date column's, or
   * the latest in a duration column). The book is empty afterwards.
   */
  settle(sums: UnitSumsStore, plans: readonly MetricPlan[], ended: string | undefined, lastDate: string | null): DurationsSettled {
    const notYetDue = Array.from({ length: this.metricCount }, () => 0);
    const latest = Math.max(this.latest, lastDate === null ? -Infinity : dayNumber(lastDate));
    // A file that stops before `ended` shows nothing after its last date: leads near the end had less time than `ended` says.
    const end = ended === undefined ? latest : Math.min(dayNumber(ended), latest);
    for (const group of this.held.values()) {
      const within = (plans[group.metric] as MetricPlan).duration?.within ?? 0;
      if (group.handoff + within <= end) sums.addRows(group.unit, group.metric, group.period, group.weekId, group.rows, group.value, group.rows);
      else notYetDue[group.metric] = (notYetDue[group.metric] as number) + group.rows;
    }
    this.held.clear();
    return { notYetDue, end: Number.isFinite(end) ? isoDayOf(end) : null };
  }
}
