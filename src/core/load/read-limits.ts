/**
 * The most a data file may hold in one row, one value and one header, and
 * the problem that stops the read when a file passes one (pilot-format.md,
 * "Data"; docs/pilot-format.md).
 *
 * Each is far above what any spreadsheet writes (a cell of Excel holds
 * 32,767 characters, a sheet 16,384 columns; Google Sheets 50,000
 * characters and 18,278 columns), so only a broken or hostile file meets
 * one. They are what keeps reading linear in the file and its memory
 * bounded: an opening quote with no closing quote turns the rest of the file
 * into one value of one row, which papaparse would otherwise parse again
 * with every read (issue #17).
 */
import { formatCount } from '../present/format.ts';
import { error, type Problem } from '../problems.ts';

/** Characters in one row, from its first character to its line break (quoted line breaks inside it included). */
export const MAX_ROW_CHARACTERS = 10_000_000;
/** Characters in one value (cell), quotes removed. */
export const MAX_CELL_CHARACTERS = 1_000_000;
/** Columns in the header. */
export const MAX_COLUMNS = 100_000;

/** A file past one of the limits: the read stops there, with one problem naming the row. */
export class ReadLimitError extends Error {
  readonly row: number;
  readonly column: string | undefined;

  constructor(row: number, message: string, column?: string) {
    super(message);
    this.name = 'ReadLimitError';
    this.row = row;
    this.column = column;
  }

  /** The problem, for the file as the user knows it (e.g. data/sales.csv). */
  problem(file: string): Problem {
    return error({ file, row: this.row, ...(this.column === undefined ? {} : { column: this.column }), message: this.message });
  }
}

/**
 * Row `row` has run past MAX_ROW_CHARACTERS without ending; `quoted`: a
 * quote is open in it, so its line breaks are taken as part of a value.
 */
export function rowTooLong(row: number, quoted: boolean): ReadLimitError {
  const limit = `this row runs past ${formatCount(MAX_ROW_CHARACTERS)} characters without ending, the most a row may hold`;
  return new ReadLimitError(
    row,
    quoted
      ? `${limit}: most likely an opening quote with no closing quote from row ${row}, which makes every line after it part of one value; ` +
          'expected each value that starts with a quote to end with one (a quote inside a value is written twice: "")'
      : `${limit}: most likely a value in it holds a whole document, or the file is not a CSV export with one row per line; expected rows of values as a spreadsheet exports them`,
  );
}

/**
 * A value of row `row` (in `column`, unless the header has not named it)
 * holds `length` characters, more than MAX_CELL_CHARACTERS; `unclosed`: its
 * quote is never closed (the file ends inside it).
 */
export function cellTooLong(row: number, column: string | undefined, length: number, unclosed: boolean): ReadLimitError {
  const cause = unclosed
    ? `most likely an opening quote with no closing quote from row ${row}, which makes every line after it part of this value; expected each value that starts with a quote to end with one`
    : 'most likely a quote opened in this row is closed only by a stray quote much later; expected each quoted value to end on the quote that closes it';
  return new ReadLimitError(
    row,
    `a value of ${formatCount(length)} characters, more than the ${formatCount(MAX_CELL_CHARACTERS)} a value may hold (a spreadsheet cell holds at most 32,767): ${cause}`,
    column,
  );
}

/** The header (row 1) names more than MAX_COLUMNS columns. */
export function tooManyColumns(columns: number): ReadLimitError {
  return new ReadLimitError(
    1,
    `the header has ${formatCount(columns)} columns, more than the ${formatCount(MAX_COLUMNS)} a file may have (a spreadsheet holds at most 16,384): ` +
      'most likely the file is not a CSV export with one row per line; expected a header row naming the columns',
  );
}

/** Throws when a header has too many columns. */
export function checkHeaderWidth(cells: readonly string[]): void {
  if (cells.length > MAX_COLUMNS) throw tooManyColumns(cells.length);
}
