/**
 * Reading a row's cells for one metric: the value (or numerator) and the
 * denominator, where they lie in the row. Plain cells (1834.27, 1, yes) are
 * read by the fast readers without a string of their own; anything else is
 * cut out and read by the careful readers, which say what was expected and
 * note each column's decimal mark (decimal-marks.ts). What an empty or
 * unreadable cell means for the row is row-rules.ts's to say.
 */
import { ANY_POINT, COMMA, NO_MARK, POINT, readPlainNumberIn, readPlainOutcomeIn, type FastMark } from './cells.ts';
import type { MetricPlan, Reader } from './columns.ts';
import type { DecimalMarks } from './decimal-marks.ts';
import type { RowView } from './row-view.ts';

/** What read() found: both values (in `numerator` and `denominator`), an empty cell, or a cell that is not a value. */
export const VALUE = 0;
export const EMPTY = 1;
export const NOT_A_VALUE = 2;
export type MetricCellsRead = typeof VALUE | typeof EMPTY | typeof NOT_A_VALUE;

export const NEGATIVE_DENOMINATOR_EXPECTED =
  "is negative, but a ratio's denominator counts things (opportunities, calls, weeks); expected 0 or more";

export class MetricCells {
  numerator = 0;
  denominator = 1;
  /** After NOT_A_VALUE: the column of the cell, the cell, and what was expected. */
  column = -1;
  cell = '';
  expected = '';

  private readonly fastPaths: boolean;
  private readonly decimalMarks: DecimalMarks;
  /**
   * Per column, the decimal mark the fast readers may read (cells.ts,
   * FastMark): any point in a comma-separated file; elsewhere none until the
   * careful reader has noted one in the column.
   */
  private readonly fastMarks: FastMark[];

  /** `fastPaths` false: every cell through the careful readers, for tests that compare the two. */
  constructor(columns: number, delimiter: string, decimalMarks: DecimalMarks, fastPaths: boolean) {
    this.fastMarks = Array.from({ length: columns }, () => (delimiter === ',' ? ANY_POINT : NO_MARK));
    this.decimalMarks = decimalMarks;
    this.fastPaths = fastPaths;
  }

  read(row: RowView, plan: MetricPlan, rowNumber: number): MetricCellsRead {
    if (this.fastPaths) {
      const first = plan.first;
      const text = row.text(first);
      const numerator = plan.outcome
        ? readPlainOutcomeIn(text, row.start(first), row.end(first))
        : readPlainNumberIn(text, row.start(first), row.end(first), this.fastMarks[first] as FastMark);
      const second = plan.second;
      const denominator = second === -1 ? 1 : readPlainNumberIn(row.text(second), row.start(second), row.end(second), this.fastMarks[second] as FastMark);
      // NaN: an empty or untidy cell, for the careful readers; so is a negative denominator, to be refused there.
      if (numerator === numerator && denominator >= 0) {
        this.numerator = numerator;
        this.denominator = denominator;
        return VALUE;
      }
    }
    return this.readCarefully(row, plan, rowNumber);
  }

  private readCarefully(row: RowView, plan: MetricPlan, rowNumber: number): MetricCellsRead {
    let numerator = 0;
    let denominator = 1;
    for (let c = 0; c < plan.columns.length; c += 1) {
      const column = plan.columns[c] as number;
      if (row.isBlankCell(column)) return EMPTY;
      const cell = row.cell(column);
      const read = (plan.readers[c] as Reader)(cell);
      if (!read.ok) {
        this.column = column;
        this.cell = cell;
        this.expected = read.expected;
        return NOT_A_VALUE;
      }
      if (read.mark !== undefined) {
        this.decimalMarks.note(column, read.mark, rowNumber, cell, read.value);
        // Noted once: later cells with this mark add nothing to the evidence, and may take the fast readers.
        if (this.fastMarks[column] === NO_MARK && read.mark !== 'either') this.fastMarks[column] = read.mark === 'point' ? POINT : COMMA;
      }
      if (c === 0) numerator = read.value;
      else if (read.value < 0) {
        // A ratio's denominator counts things (pilot-format.md): a negative one would flip the unit's ratio, and the arm's.
        this.column = column;
        this.cell = cell;
        this.expected = NEGATIVE_DENOMINATOR_EXPECTED;
        return NOT_A_VALUE;
      } else denominator = read.value;
    }
    this.numerator = numerator;
    this.denominator = denominator;
    return VALUE;
  }
}
