/**
 * The primary metric's sums per segment (pilot-format.md, "Segments"): for
 * each `segments` column and each of its values, every unit's sums over its
 * rows with that value, per period. A segment is a property of a row (a
 * lead's source), so one unit can have rows in several segments; the
 * randomized unit stays the unit.
 *
 * Kept only when the pilot declares `segments`: the row rules (row-rules.ts)
 * call add() from a copy of their metric loop, so a pilot without segments
 * pays nothing. Memory grows with units times values, and the values of a
 * column are capped (MOST_SEGMENT_VALUES): more is an id, not a segment.
 */
import type { DataNote } from './decimal-marks.ts';
import { formatCount } from '../present/format.ts';
import type { ProblemLog } from './problem-log.ts';
import { PRE, type Period, type Sums, type UnitSums } from './unit-sums.ts';

/** Values one segment column may have; past it the column is refused (an id, a free-text field, a date). */
export const MOST_SEGMENT_VALUES = 20;
/** Distinct values counted for the message once the cap is passed; beyond, "more than". */
const COUNTED_VALUES = 10_000;

/** One value of a segment column: the units with rows of the primary metric in it, their sums at the primary metric's index. */
export interface SegmentValueSums {
  value: string;
  units: UnitSums[];
}

export interface SegmentColumnSums {
  column: string;
  /** In code-point order of their values. */
  values: SegmentValueSums[];
}

interface ColumnBook {
  name: string;
  cell: number;
  /** Per value: per unit index, [pre rows, numerator, denominator, pilot rows, numerator, denominator]. */
  values: Map<string, Map<number, Float64Array>>;
  /** Summed rows with an empty cell here: left out of this column's segments. */
  blank: number;
  /** Past the cap: the row of the first value over it, and the distinct values seen (up to COUNTED_VALUES). */
  overflowRow: number;
  overflow: Set<string> | null;
}

export class SegmentBook {
  private readonly columns: ColumnBook[];
  private readonly primary: number;
  private readonly metricCount: number;

  /** `cells`: the segment columns' places in the header; `names`: their names, in the same order. */
  constructor(cells: readonly number[], names: readonly string[], primary: number, metricCount: number) {
    this.primary = primary;
    this.metricCount = metricCount;
    this.columns = cells.map((cell, k) => ({ name: names[k] as string, cell, values: new Map(), blank: 0, overflowRow: -1, overflow: null }));
  }

  /** The primary metric's values of one summed row of unit `unit`. */
  add(view: { trimmedCell(k: number): string }, row: number, unit: number, period: Period, numerator: number, denominator: number): void {
    for (const book of this.columns) {
      const value = view.trimmedCell(book.cell);
      if (value === '') {
        book.blank += 1;
        continue;
      }
      let units = book.values.get(value);
      if (units === undefined) {
        if (book.overflow !== null || book.values.size >= MOST_SEGMENT_VALUES) {
          this.noteOverflow(book, value, row);
          continue;
        }
        units = new Map();
        book.values.set(value, units);
      }
      let sums = units.get(unit);
      if (sums === undefined) {
        sums = new Float64Array(6);
        units.set(unit, sums);
      }
      const at = period === PRE ? 0 : 3;
      sums[at] = (sums[at] as number) + 1;
      sums[at + 1] = (sums[at + 1] as number) + numerator;
      sums[at + 2] = (sums[at + 2] as number) + denominator;
    }
  }

  private noteOverflow(book: ColumnBook, value: string, row: number): void {
    if (book.overflow === null) {
      book.overflow = new Set(book.values.keys());
      book.overflowRow = row;
    }
    if (book.overflow.size < COUNTED_VALUES) book.overflow.add(value);
  }

  /**
   * Each column's segments, the units' sums copied into UnitSums the metric
   * analysis reads (every other metric's sums empty); a column past the cap
   * is an error in `log`, and blank cells a note. `units`: every unit of the
   * file, by index.
   */
  publish(units: readonly UnitSums[], log: ProblemLog): { segments: SegmentColumnSums[]; notes: DataNote[] } {
    const notes: DataNote[] = [];
    const segments: SegmentColumnSums[] = [];
    for (const book of this.columns) {
      if (book.overflow !== null) {
        const seen = book.overflow.size >= COUNTED_VALUES ? `more than ${formatCount(COUNTED_VALUES)}` : formatCount(book.overflow.size);
        log.add({
          row: book.overflowRow,
          column: book.name,
          message: `is a segment column with ${seen} different values (this row has value number ${MOST_SEGMENT_VALUES + 1}); expected at most ${MOST_SEGMENT_VALUES}, a few kinds such as regions or lead sources. A column with this many values is probably an id or free text: remove it from "segments", or group its values into a new column`,
        });
        continue;
      }
      if (book.blank > 0) {
        notes.push({
          column: book.name,
          message: `Segments by ${book.name}: ${formatCount(book.blank)} ${book.blank === 1 ? 'row has' : 'rows have'} no ${book.name} and ${book.blank === 1 ? 'is' : 'are'} left out of them (the overall result keeps ${book.blank === 1 ? 'it' : 'them'})`,
        });
      }
      const values = [...book.values.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      segments.push({
        column: book.name,
        values: values.map((value) => ({ value, units: this.unitsOf(book.values.get(value) as Map<number, Float64Array>, units) })),
      });
    }
    return { segments, notes };
  }

  private unitsOf(sums: Map<number, Float64Array>, units: readonly UnitSums[]): UnitSums[] {
    const empty = (): Sums => ({ rows: 0, numerator: 0, denominator: 0 });
    return [...sums.keys()]
      .sort((a, b) => a - b)
      .map((index) => {
        const unit = units[index] as UnitSums;
        const totals = sums.get(index) as Float64Array;
        const metrics = Array.from({ length: this.metricCount }, () => ({ pre: empty(), pilot: empty() }));
        metrics[this.primary] = { pre: sumsAt(totals, 0), pilot: sumsAt(totals, 3) };
        return { name: unit.name, arm: unit.arm, firstRow: unit.firstRow, pilotRows: (totals[3] as number), metrics };
      });
  }
}

function sumsAt(totals: Float64Array, at: number): Sums {
  return { rows: totals[at] as number, numerator: totals[at + 1] as number, denominator: totals[at + 2] as number };
}
