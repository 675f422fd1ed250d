/**
 * Which decimal mark each number column uses, in a file where either may be
 * (one separated by ";", tabs or "|"). Cells are read as they come (a column
 * of millions of rows is never held), so the check is made at the end from
 * the first cell of each kind:
 *
 * - a decimal point (1.5) and a decimal comma (1,5) in one column: refused,
 *   the same column cannot mean both;
 * - a cell that reads both ways (4.120, 1,250), read by the file's convention
 *   (cells.ts, commaIsDecimal), in a column that shows the other convention
 *   elsewhere: refused, because that cell was most likely meant that way too;
 * - cells that read both ways and nothing to decide: a note saying how they
 *   were read, so the reading is never silent. The note is published with
 *   the results, so in a column of unit names (the unit column read as a
 *   metric too) it names the row only, unless the pilot says `showUnits`.
 */
import { quoteValue } from '../problems.ts';
import { commaIsDecimal, type DecimalMark } from './cells.ts';
import type { ProblemLog } from './problem-log.ts';

interface Seen {
  row: number;
  raw: string;
  value: number;
}

/** A warning about the data as a whole, published with the results (analyze.ts). */
export interface DataNote {
  /** The column it is about; none for the rows as a whole (duplicate-rows.ts). */
  column?: string;
  message: string;
}

export class DecimalMarks {
  private readonly columns = new Map<number, Partial<Record<DecimalMark, Seen>>>();

  /**
   * A cell of `column` showed `mark`; only the first of each kind is kept.
   * The fast readers rely on that (metric-cells.ts, fastMarks): once a column's mark is
   * noted they read its later cells with that mark without noting them.
   */
  note(column: number, mark: DecimalMark, row: number, raw: string, value: number): void {
    let seen = this.columns.get(column);
    if (seen === undefined) {
      seen = {};
      this.columns.set(column, seen);
    }
    if (seen[mark] === undefined) seen[mark] = { row, raw, value };
  }

  /**
   * Logs a column that mixes conventions as an error; returns the notes for
   * columns read by the file's convention alone (commaIsDecimal in cells.ts).
   * `secret` columns hold unit names the notes must not quote.
   */
  check(names: readonly string[], log: ProblemLog, delimiter: string, secret: ReadonlySet<number> = new Set()): DataNote[] {
    const notes: DataNote[] = [];
    const commaDecimal = commaIsDecimal(delimiter);
    const file = commaDecimal ? 'a file separated by ";"' : delimiter === '|' ? 'a file separated by "|"' : 'a file separated by tabs';
    const convention = commaDecimal ? 'a dot groups thousands and a comma marks decimals' : 'a comma groups thousands and a dot marks decimals';
    for (const [index, seen] of this.columns) {
      const column = names[index] ?? '';
      const cell = (kind: Seen) => `${quoteValue(kind.raw.trim())} on row ${kind.row}`;
      // Evidence of the other convention: a decimal point where the comma is the decimal mark, or the reverse.
      const other = commaDecimal ? seen.point : seen.comma;
      if (seen.point && seen.comma) {
        log.add({
          row: seen.comma.row,
          column,
          value: seen.comma.raw,
          message: `has a decimal comma, but ${cell(seen.point)} has a decimal point; expected one decimal mark in the whole column`,
        });
      } else if (other && seen.either) {
        log.add({
          row: seen.either.row,
          column,
          value: seen.either.raw,
          message:
            `reads as ${seen.either.value} (in ${file}, ${convention}), but ${cell(other)} has a decimal ${commaDecimal ? 'point' : 'comma'}, ` +
            `so this one may have one too; expected one convention in the whole column: write thousands without a separator, e.g. 4120 and ${commaDecimal ? '4.12' : '4,12'}`,
        });
      } else if (seen.either && !other && !(commaDecimal ? seen.comma : seen.point)) {
        // The cell and the number read from it would both say the unit's name.
        const example = secret.has(index) ? `values such as the one on row ${seen.either.row} (a unit name, not shown) were read by the file's convention` : `values such as ${cell(seen.either)} were read as ${seen.either.value}`;
        notes.push({
          column,
          message:
            `${example}: in ${file} ${convention}. ` +
            `If that is wrong, write numbers without a thousands separator (e.g. ${commaDecimal ? '4120 or 4,12' : '4120 or 4.12'})`,
        });
      }
    }
    return notes;
  }
}
