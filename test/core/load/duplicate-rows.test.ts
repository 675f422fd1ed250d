/**
 * Rows identical in every cell to an earlier row (duplicate-rows.ts,
 * statistics.md section 12): counted, with the first row numbers, up to a
 * documented number of rows, and said in words that quote no cell.
 */
import { describe, expect, it } from 'vitest';
import { DuplicateRows, duplicateRowsMessage, MAX_CHECKED_ROWS, type DuplicateRowsFound } from '../../../src/core/load/duplicate-rows.ts';
import { RowView } from '../../../src/core/load/row-view.ts';

/** Rows (cells) through the check, as parsed rows; row numbers from 2. */
function checkCells(rows: string[][], options: { maxCheckedRows?: number; expected?: number } = {}): DuplicateRowsFound {
  const duplicates = new DuplicateRows(',', options);
  if (options.expected !== undefined) duplicates.expectRows(options.expected);
  rows.forEach((cells, index) => duplicates.checkCells(cells, index + 2));
  const found = duplicates.result();
  duplicates.clear();
  return found;
}

/** The same rows as lines of blocks of `perBlock` lines, as the line path notes them. */
function checkLines(rows: string[][], perBlock: number, options: { maxCheckedRows?: number } = {}): DuplicateRowsFound {
  const duplicates = new DuplicateRows(',', options);
  const view = new RowView();
  for (let first = 0; first < rows.length; first += perBlock) {
    const lines = rows.slice(first, first + perBlock).map((cells) => cells.join(','));
    const text = lines.join('\n');
    view.startBlock();
    duplicates.startBlock(text, Buffer.from(text));
    let start = 0;
    lines.forEach((line, k) => {
      view.setLine(text, start, start + line.length, text.length, ',');
      if (duplicates.wantsRows()) duplicates.noteLine(view, first + k + 2);
      start += line.length + 1;
    });
    duplicates.endBlock();
  }
  const found = duplicates.result();
  duplicates.clear();
  return found;
}

const lead = (n: number) => [`L${n}`, `R${n % 7}`, n % 2 === 0 ? 'pilot' : 'control', '2026-03-02', String(n % 5), '1'];

describe('DuplicateRows', () => {
  it('counts each row that repeats an earlier one, and names the first ten with the row they repeat', () => {
    // Rows 2..1201: leads 0..1199, then the first 30 again, and lead 5 a third time.
    const rows = [...Array.from({ length: 1200 }, (_, n) => lead(n)), ...Array.from({ length: 30 }, (_, n) => lead(n)), lead(5)];
    const expected = {
      count: 31,
      examples: Array.from({ length: 10 }, (_, n) => ({ row: 1202 + n, copyOf: 2 + n })),
      checkedRows: 1231,
      complete: true,
    };
    expect(checkCells(rows)).toEqual(expected);
    for (const perBlock of [1, 7, 5000]) expect(checkLines(rows, perBlock)).toEqual(expected);
    // A copy of a copy repeats the first of them.
    const thrice = checkCells([lead(1), lead(1), lead(1)]);
    expect(thrice.examples).toEqual([{ row: 3, copyOf: 2 }, { row: 4, copyOf: 2 }]);
  });

  it('finds copies whether or not it knew how many rows to make room for, and however wrong the guess', () => {
    const rows = [...Array.from({ length: 20_000 }, (_, n) => lead(n)), lead(19_999), lead(0)];
    for (const expected of [undefined, 10, 20_002, 10_000_000]) {
      expect(checkCells(rows, expected === undefined ? {} : { expected })).toMatchObject({ count: 2, examples: [{ row: 20_002, copyOf: 20_001 }, { row: 20_003, copyOf: 2 }] });
    }
  });

  it('stops after its documented number of rows, and says so', () => {
    expect(MAX_CHECKED_ROWS).toBe(131_072);
    const rows = [...Array.from({ length: 100 }, (_, n) => lead(n)), lead(3), lead(4)];
    expect(checkCells(rows, { maxCheckedRows: 101 })).toEqual({ count: 1, examples: [{ row: 102, copyOf: 5 }], checkedRows: 101, complete: false });
    expect(checkLines(rows, 30, { maxCheckedRows: 101 })).toEqual({ count: 1, examples: [{ row: 102, copyOf: 5 }], checkedRows: 101, complete: false });
    // Exactly as many rows as it checks: complete.
    expect(checkCells(rows, { maxCheckedRows: 102 }).complete).toBe(true);
  });

  it('starts each file afresh, though it may reuse the memory of the one before', () => {
    const first = Array.from({ length: 5000 }, (_, n) => lead(n));
    expect(checkCells(first, { expected: 5000 }).count).toBe(0);
    expect(checkCells([lead(1), lead(2), lead(1)], { expected: 3 })).toMatchObject({ count: 1, examples: [{ row: 4, copyOf: 2 }] });
    expect(checkCells(first.slice(0, 3000), { expected: 3000 }).count).toBe(0);
  });
});

describe('duplicateRowsMessage', () => {
  const found = (count: number, examples: [number, number][], complete = true): DuplicateRowsFound => ({
    count,
    examples: examples.map(([row, copyOf]) => ({ row, copyOf })),
    checkedRows: 131_072,
    complete,
  });

  it('says nothing when no row repeats another', () => {
    expect(duplicateRowsMessage(found(0, []))).toBeNull();
  });

  it('gives the count and the first row numbers, never a cell', () => {
    expect(duplicateRowsMessage(found(1, [[14, 13]]))).toBe(
      '1 row is an exact copy of an earlier row (row 14 repeats row 13); it is counted: if it is the same observation exported twice, remove the copy',
    );
    expect(duplicateRowsMessage(found(3, [[14, 13], [15, 13], [92, 40]]))).toBe(
      '3 rows are exact copies of an earlier row (rows 14, 15 and 92 repeat rows 13, 13 and 40); each is counted: if they are the same observation exported twice, remove the copies',
    );
    expect(duplicateRowsMessage(found(1250, [[14, 13], [15, 13], [92, 40], [93, 41]]))).toBe(
      '1,250 rows are exact copies of an earlier row (the first 3: rows 14, 15 and 92 repeat rows 13, 13 and 40); each is counted: if they are the same observation exported twice, remove the copies',
    );
  });

  it('says when the check stopped before the end of the file', () => {
    expect(duplicateRowsMessage(found(2, [[14, 13], [15, 13]], false))).toBe(
      '2 rows are exact copies of an earlier row (rows 14 and 15 repeat rows 13 and 13); each is counted: if they are the same observation exported twice, remove the copies. Only the first 131,072 rows were checked, so later copies may have been missed',
    );
  });
});
