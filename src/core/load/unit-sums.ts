/**
 * Where the row rules (row-rules.ts) add each row's values: every unit's sums per
 * period and per week, kept in arrays of doubles while rows arrive, and
 * copied into the Sums objects the analysis reads once the file is done.
 *
 * Arrays rather than objects because adding to them allocates nothing and
 * touches little memory, and a unit costs no allocation beyond its UnitSums:
 * a million one-row units stay affordable (bench/RESULTS.md).
 *
 * Period sums: one Float64Array for all units, at unit index * 2 * metrics
 * * 3 + (period * metrics + metric) * 3: rows, numerator, denominator.
 * Weekly sums: per unit, from its first dated value, a plain array of
 * doubles at (weekId * metrics + metric) * 3, the same three.
 */
import type { Arm } from '../evidence.ts';

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
}

/** One arm's sums of one metric over one week: a point of the weekly trend. */
export interface ArmWeek {
  arm: Arm;
  period: 'pre' | 'pilot';
  /** Monday of the ISO week, YYYY-MM-DD. */
  week: string;
  /** The arm's units' sums of the metric that week, added unit by unit in the order of their first rows. */
  sums: Sums;
  /** Units of the arm with a value of the metric that week. */
  units: number;
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

export const PRE = 0;
export const PILOT = 1;
export type Period = typeof PRE | typeof PILOT;

/** A week of the file: its period and Monday, by the small number (weekId) rows use for it. */
export interface WeekOfFile {
  period: 'pre' | 'pilot';
  week: string;
}

export class UnitSumsStore {
  private periodSums = new Float64Array(0);
  private readonly weekSums: (number[] | undefined)[] = [];
  private readonly metricCount: number;

  constructor(metricCount: number) {
    this.metricCount = metricCount;
  }

  /** Room for the next unit (its index is the number of units added before it). */
  addUnit(): void {
    const index = this.weekSums.length;
    this.weekSums.push(undefined);
    const needed = (index + 1) * 2 * this.metricCount * 3;
    if (needed > this.periodSums.length) {
      const bigger = new Float64Array(Math.max(needed, 2 * this.periodSums.length));
      bigger.set(this.periodSums);
      this.periodSums = bigger;
    }
  }

  /** One metric's values of one row, into the period's and (weekId -1: undated) the week's sums of unit `index`. */
  add(index: number, m: number, period: Period, weekId: number, numerator: number, denominator: number): void {
    const metricCount = this.metricCount;
    const sums = this.periodSums;
    const total = index * 2 * metricCount * 3 + (period * metricCount + m) * 3;
    sums[total] = (sums[total] as number) + 1;
    sums[total + 1] = (sums[total + 1] as number) + numerator;
    sums[total + 2] = (sums[total + 2] as number) + denominator;
    if (weekId !== -1) {
      const weekly = (weekId * metricCount + m) * 3;
      let weeks = this.weekSums[index];
      if (weeks === undefined || weekly >= weeks.length) weeks = this.growWeeks(index, weekly);
      weeks[weekly] = (weeks[weekly] as number) + 1;
      weeks[weekly + 1] = (weeks[weekly + 1] as number) + numerator;
      weeks[weekly + 2] = (weeks[weekly + 2] as number) + denominator;
    }
  }

  /** add() of `rows` rows at once, whose values sum to `numerator` and `denominator`: a duration's leads, settled once the file is read (durations.ts). */
  addRows(index: number, m: number, period: Period, weekId: number, rows: number, numerator: number, denominator: number): void {
    this.add(index, m, period, weekId, numerator, denominator);
    const total = index * 2 * this.metricCount * 3 + (period * this.metricCount + m) * 3;
    this.periodSums[total] = (this.periodSums[total] as number) + rows - 1;
    if (weekId !== -1) {
      const weeks = this.weekSums[index] as number[];
      const weekly = (weekId * this.metricCount + m) * 3;
      weeks[weekly] = (weeks[weekly] as number) + rows - 1;
    }
  }

  /** Room for position `at` in a unit's weekly sums: a few weeks at first, doubling as more come. */
  private growWeeks(index: number, at: number): number[] {
    const old = this.weekSums[index] ?? [];
    let length = Math.max(old.length, 4 * this.metricCount * 3);
    while (length <= at) length *= 2;
    const weeks = zeros(length);
    for (let i = 0; i < old.length; i += 1) weeks[i] = old[i] as number;
    this.weekSums[index] = weeks;
    return weeks;
  }

  /**
   * Copies every unit's sums into `units` (in the order they were added) and
   * returns each metric's arm-weeks: weeks in the order of their weekIds, the
   * pilot arm before the control arm. A week's sums are added unit by unit in
   * the units' order, so the trend is the same to the last bit however the
   * rows were chunked. The store is empty afterwards.
   */
  publish(units: readonly UnitSums[], weeks: readonly WeekOfFile[]): ArmWeek[][] {
    const metricCount = this.metricCount;
    // Per (weekId * metrics + metric) * 2 + arm (0 pilot, 1 control): rows, numerator, denominator, units.
    const armWeeks = new Float64Array(weeks.length * metricCount * 2 * 4);
    units.forEach((unit, index) => {
      const base = index * 2 * metricCount * 3;
      unit.metrics = Array.from({ length: metricCount }, (_, m) => ({
        pilot: sumsAt(this.periodSums, base + (PILOT * metricCount + m) * 3),
        pre: sumsAt(this.periodSums, base + (PRE * metricCount + m) * 3),
      }));
      const unitWeeks = this.weekSums[index];
      if (unitWeeks !== undefined) {
        const arm = unit.arm === 'pilot' ? 0 : 1;
        // Each (week, metric) the unit has rows in: its rows count is not zero.
        for (let code = 0; code * 3 < unitWeeks.length; code += 1) {
          if (unitWeeks[code * 3] === 0) continue;
          const to = (code * 2 + arm) * 4;
          armWeeks[to] = (armWeeks[to] as number) + (unitWeeks[code * 3] as number);
          armWeeks[to + 1] = (armWeeks[to + 1] as number) + (unitWeeks[code * 3 + 1] as number);
          armWeeks[to + 2] = (armWeeks[to + 2] as number) + (unitWeeks[code * 3 + 2] as number);
          armWeeks[to + 3] = (armWeeks[to + 3] as number) + 1;
        }
      }
      // Let each unit's array go once copied.
      this.weekSums[index] = undefined;
    });
    const published: ArmWeek[][] = Array.from({ length: metricCount }, () => []);
    for (let weekId = 0; weekId < weeks.length; weekId += 1) {
      const { period, week } = weeks[weekId] as WeekOfFile;
      for (let m = 0; m < metricCount; m += 1) {
        for (let arm = 0; arm < 2; arm += 1) {
          const at = ((weekId * metricCount + m) * 2 + arm) * 4;
          const count = armWeeks[at + 3] as number;
          if (count === 0) continue;
          (published[m] as ArmWeek[]).push({ arm: arm === 0 ? 'pilot' : 'control', period, week, sums: sumsAt(armWeeks, at), units: count });
        }
      }
    }
    this.periodSums = new Float64Array(0);
    return published;
  }
}

function sumsAt(source: ArrayLike<number>, at: number): Sums {
  return {
    rows: compact(source[at] as number),
    numerator: compact(source[at + 1] as number),
    denominator: compact(source[at + 2] as number),
  };
}

/**
 * A whole number as a small integer, so the Sums objects of a million units
 * do not each box their counts; the value is the same number.
 */
function compact(value: number): number {
  return value === (value | 0) ? value | 0 : value;
}

/** An array of n zeros held as doubles (copied from a template, so it starts out as a double array). */
function zeros(n: number): number[] {
  let template = ZEROS.get(n);
  if (template === undefined) {
    template = Array.from({ length: n }, () => 0.5).fill(0);
    ZEROS.set(n, template);
  }
  return template.slice();
}
const ZEROS = new Map<number, number[]>();
