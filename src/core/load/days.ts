/**
 * What each date cell of a data file means for its pilot: the day, whether it
 * falls before `started` (the pre-period) or after `ended` (ignored), and a
 * small number for its period and ISO week that the weekly sums are indexed
 * by. Each distinct cell is read once: an export has a few hundred distinct
 * dates among millions of rows.
 */
import type { Pilot } from '../pilot.ts';
import { readDate, weekOf } from './cells.ts';
import { RegionTable } from './region-table.ts';
import type { WeekOfFile } from './unit-sums.ts';

export interface DayInfo {
  day: string;
  afterEnd: boolean;
  period: 'pre' | 'pilot';
  /** A small number standing for the period and the week's Monday, to index weekly sums without a Map lookup per cell. */
  weekId: number;
}

/**
 * Distinct date cells remembered. Dates alone number a few thousand at most;
 * cells with times can all differ, and then the cache stops growing.
 */
const REMEMBERED_DATES = 20_000;

export class DayBook {
  /** The weeks met so far, by weekId (in the order they were first met). */
  readonly weeks: WeekOfFile[] = [];
  /** Earliest and latest valid day read. */
  first: string | null = null;
  last: string | null = null;

  private readonly pilot: Pilot;
  /** Date cells as written, to their meaning; asked about a cell where it lies in its line. */
  private readonly byCell = new RegionTable<DayInfo>();
  private readonly byDay = new Map<string, DayInfo>();
  /** "pre:YYYY-MM-DD" or "pilot:YYYY-MM-DD" (Monday of the week) to its weekId. */
  private readonly weekIds = new Map<string, number>();
  // Exports are mostly sorted by date: the same cell as the last row's is the common case.
  private lastCell = '';
  private lastDay: DayInfo | null = null;

  constructor(pilot: Pilot) {
    this.pilot = pilot;
  }

  /** What the last cell read returned null for was expected to be. */
  expected = '';

  /** The meaning of a date cell, or null when it is not a valid date (and `expected` says what would be). */
  read(cell: string): DayInfo | null {
    return this.readIn(cell, 0, cell.length);
  }

  /** read() of the cell text.slice(start, end), cut out of its line only when it is not the cell the last call read. */
  readIn(text: string, start: number, end: number): DayInfo | null {
    const lastCell = this.lastCell;
    if (this.lastDay !== null && end - start === lastCell.length && text.startsWith(lastCell, start)) return this.lastDay;
    let day = this.byCell.find(text, start, end);
    const cell = text.slice(start, end);
    if (day === undefined) {
      const date = readDate(cell);
      if (!date.ok) {
        this.expected = date.expected;
        return null;
      }
      day = this.dayInfo(date.value);
      if (this.byCell.size < REMEMBERED_DATES) this.byCell.add(cell, day);
    }
    this.lastCell = cell;
    this.lastDay = day;
    return day;
  }

  /** One object per distinct day (while there are fewer than REMEMBERED_DATES). */
  private dayInfo(day: string): DayInfo {
    let info = this.byDay.get(day);
    if (info === undefined) {
      const { started, ended } = this.pilot;
      const period = day < started ? 'pre' : 'pilot';
      const monday = weekOf(day);
      const week = `${period}:${monday}`;
      let weekId = this.weekIds.get(week);
      if (weekId === undefined) {
        weekId = this.weekIds.size;
        this.weekIds.set(week, weekId);
        this.weeks.push({ period, week: monday });
      }
      info = { day, afterEnd: ended !== undefined && day > ended, period, weekId };
      if (this.byDay.size < REMEMBERED_DATES) this.byDay.set(day, info);
      if (this.first === null || day < this.first) this.first = day;
      if (this.last === null || day > this.last) this.last = day;
    }
    return info;
  }
}
