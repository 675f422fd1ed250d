/**
 * Which decimal mark each number column uses, in a file where either may be
 * (one separated by ";", tabs or "|"). Cells are read as they come (a column
 * of millions of rows is never held), so the check is made at the end from
 * the first cell of each kind:
 *
 * - a decimal point (1.5) and a decimal comma (1,5) in one column: refused,
 *   the same column cannot mean both;
 * - a decimal point and a cell that reads both ways (4.120, read as 4120):
 *   refused, because that cell was most likely 4.12;
 * - cells that read both ways and nothing to decide: a note saying how they
 *   were read, so the reading is never silent.
 */
import { quoteValue } from '../problems.ts';
import type { DecimalMark } from './cells.ts';
import type { ProblemLog } from './problem-log.ts';

interface Seen {
  row: number;
  raw: string;
  value: number;
}

export interface DataNote {
  column: string;
  message: string;
}

export class DecimalMarks {
  private readonly columns = new Map<number, Partial<Record<DecimalMark, Seen>>>();

  /** A cell of `column` showed `mark`; only the first of each kind is kept. */
  note(column: number, mark: DecimalMark, row: number, raw: string, value: number): void {
    let seen = this.columns.get(column);
    if (seen === undefined) {
      seen = {};
      this.columns.set(column, seen);
    }
    if (seen[mark] === undefined) seen[mark] = { row, raw, value };
  }

  /** Logs a column that mixes conventions as an error; returns the notes for columns read by the export convention alone. */
  check(names: readonly string[], log: ProblemLog): DataNote[] {
    const notes: DataNote[] = [];
    for (const [index, seen] of this.columns) {
      const column = names[index] ?? '';
      const cell = (kind: Seen) => `${quoteValue(kind.raw.trim())} on row ${kind.row}`;
      if (seen.point && seen.comma) {
        log.add({
          row: seen.comma.row,
          column,
          value: seen.comma.raw,
          message: `has a decimal comma, but ${cell(seen.point)} has a decimal point; expected one decimal mark in the whole column`,
        });
      } else if (seen.point && seen.either) {
        log.add({
          row: seen.either.row,
          column,
          value: seen.either.raw,
          message:
            `reads as ${seen.either.value} (a dot grouping thousands, as files separated by ";" or tabs write it), but ${cell(seen.point)} has a decimal point, ` +
            `so this one may have a decimal point too; expected one convention in the whole column: write thousands without a separator, e.g. 4120 and 4.12`,
        });
      } else if (seen.either && !seen.comma) {
        notes.push({
          column,
          message:
            `values such as ${cell(seen.either)} were read as ${seen.either.value}: in a file separated by ";" or tabs a dot groups thousands and a comma marks decimals. ` +
            `If that is wrong, write the decimals with a point and no thousands separator (e.g. 4.12)`,
        });
      }
    }
    return notes;
  }
}
