/**
 * Rows identical in every cell to an earlier row (statistics.md section 12):
 * counted, and said in a warning with the first row numbers. Each is still
 * summed: a copy may be a second observation that happens to look the same,
 * so the reader decides, and is told how.
 *
 * Memory stays flat however long the file (README, "Big files"): no row is
 * kept, only each row's 64-bit hash (row-hash.ts) and row number, 12 bytes,
 * in an open-addressing table of 32-bit integers at most three quarters
 * full. The first 131,072 rows checked are compared with every row before
 * them (a table of 2.1 MB at the most), and there the check stops:
 * `complete` is false and the warning says so. Stopping, rather than
 * comparing later rows with those remembered, bounds the cost of a long file
 * by that of its first rows.
 *
 * What the check costs (bench/RESULTS.md) is mostly memory: each page of a
 * new table costs about 12 microseconds to touch the first time on the
 * benchmark's host, some 3 ns a byte, more than hashing the row. So the
 * table is as small as its rows allow: sized once from the number of rows
 * the file is expected to hold when that is known (expectRows), grown only
 * when it is not, and no power of two (a hash's home slot is its high half
 * times the number of slots, over 2^32).
 *
 * Cheap on the line path: a row's place in its block is noted as it is
 * read, and the block's rows are hashed and looked up together once the
 * block is done, in a tight loop that stays in the processor's caches
 * rather than a lookup between two rows' other work.
 */
import { count, formatCount } from '../present/format.ts';
import { RowHasher } from './row-hash.ts';
import type { RowView } from './row-view.ts';

/** Rows checked at the most. */
export const MAX_CHECKED_ROWS = 131_072;
/** Rows in the table at the most, per slot. */
const LOAD = 0.75;
/** Slots of a table whose file's length is not known. */
const FIRST_SLOTS = 4096;
/**
 * The largest table a finished file left, for the next file's: a build
 * reads pilot after pilot, and memory it has touched once costs nothing to
 * touch again. At most one table of 2.1 MB is kept.
 */
let spare: { tags: Int32Array; rest: Int32Array } | null = null;
/** Pairs of rows kept for the warning and for FoldedData. */
const EXAMPLES = 10;
/** Pairs of rows the warning lists. */
const LISTED = 3;

export interface DuplicateRowsFound {
  /** Rows identical in every cell to an earlier row. */
  count: number;
  /** The first of them (at most 10): the row, and the earlier row it repeats (rows as a spreadsheet numbers them). */
  examples: { row: number; copyOf: number }[];
  /**
   * Rows checked: the rows that are summed (before and during the pilot; not
   * blank, refused or after the end), each compared with every one before it,
   * up to MAX_CHECKED_ROWS.
   */
  checkedRows: number;
  /** False when the check stopped at MAX_CHECKED_ROWS before the last row summed. */
  complete: boolean;
}

export class DuplicateRows {
  private readonly hasher: RowHasher;
  private readonly maxCheckedRows: number;
  /** Per slot: the hash's low half with its lowest bit set (0: an empty slot). Made at the first row. */
  private tags: Int32Array = new Int32Array(0);
  /** Per slot: the hash's high half and the row number. */
  private rest: Int32Array = new Int32Array(0);
  /** Slots over 2^32: a hash's home slot is floor(hi * scale), hi unsigned. */
  private scale = 0;
  private expected = 0;
  private checked = 0;
  private stopped = false;
  private found = 0;
  private readonly examples: { row: number; copyOf: number }[] = [];
  /** The current block's rows to check: where each lies in the block's text, and its number. */
  private pending = new Int32Array(3 * 1024);
  private pendingCount = 0;
  private blockText = '';

  /** `maxCheckedRows`: for tests, fewer rows than MAX_CHECKED_ROWS. */
  constructor(delimiter: string, { maxCheckedRows = MAX_CHECKED_ROWS }: { maxCheckedRows?: number } = {}) {
    this.hasher = new RowHasher(delimiter);
    this.maxCheckedRows = maxCheckedRows;
  }

  /** How many rows the file likely holds (unit-sums-builder.ts estimates it from the first block): the table's size, when asked before the first row. */
  expectRows(rows: number): void {
    this.expected = rows;
  }

  /** The rows that follow are lines of `text`, decoded from `bytes` when given (row-hash.ts). */
  startBlock(text: string, bytes: Uint8Array | undefined): void {
    this.blockText = text;
    this.hasher.startBlock(text, bytes);
  }

  /** Whether rows are still checked: false once MAX_CHECKED_ROWS are. */
  wantsRows(): boolean {
    return !this.stopped;
  }

  /** Row `rowNumber`, a line of the current block, which is summed: checked once the block is done. */
  noteLine(row: RowView, rowNumber: number): void {
    let pending = this.pending;
    const at = 3 * this.pendingCount;
    if (at === pending.length) {
      pending = new Int32Array(2 * pending.length);
      pending.set(this.pending);
      this.pending = pending;
    }
    pending[at] = row.lineStart();
    pending[at + 1] = row.lineEnd();
    pending[at + 2] = rowNumber;
    this.pendingCount += 1;
  }

  /** Row `rowNumber`, cells papaparse parsed, which is summed: checked against the rows before it. */
  checkCells(cells: readonly string[], rowNumber: number): void {
    if (this.stopped) return;
    this.hasher.hashCells(cells);
    this.lookUp(this.hasher.hi, this.hasher.lo, rowNumber);
  }

  /** The current block is done: its rows are hashed and looked up, in order, in one tight loop. */
  endBlock(): void {
    const count = Math.min(this.pendingCount, this.maxCheckedRows - this.checked);
    this.checkPending(count);
    if (this.pendingCount > count) this.stopped = true;
    this.pendingCount = 0;
    this.blockText = '';
  }

  /**
   * The loop of endBlock(), in a function of its own with nothing after the
   * loop. V8 compiles a loop this long while it runs (on-stack
   * replacement); with endBlock's own code after the loop, that code was
   * sent back to the interpreter at the loop's end on block after block (31
   * times in a 1M-row file, node --trace-deopt), and its rows ran slowly.
   */
  private checkPending(count: number): void {
    const hasher = this.hasher;
    const pending = this.pending;
    const text = this.blockText;
    for (let k = 0; k < count; k += 1) {
      hasher.hashLine(text, pending[3 * k] as number, pending[3 * k + 1] as number);
      this.lookUp(hasher.hi, hasher.lo, pending[3 * k + 2] as number);
    }
  }

  result(): DuplicateRowsFound {
    return { count: this.found, examples: [...this.examples], checkedRows: this.checked, complete: !this.stopped };
  }

  /** Done with the file: no row is checked after, and the table is kept for the next file (see `spare`). */
  clear(): void {
    if (this.tags.length > (spare?.tags.length ?? 0)) spare = { tags: this.tags, rest: this.rest };
    this.tags = new Int32Array(0);
    this.rest = new Int32Array(0);
    this.pending = new Int32Array(0);
    this.stopped = true;
  }

  /** Counts the row if its hash is in the table; else puts it there. */
  private lookUp(hi: number, lo: number, row: number): void {
    if (this.checked === this.maxCheckedRows) {
      this.stopped = true;
      return;
    }
    if (this.tags.length === 0) this.makeTable();
    this.checked += 1;
    const tags = this.tags;
    const slots = tags.length;
    const tag = lo | 1;
    let slot = Math.floor((hi >>> 0) * this.scale);
    for (;;) {
      const found = tags[slot] as number;
      if (found === 0) break;
      if (found === tag && this.rest[2 * slot] === hi) {
        this.found += 1;
        if (this.examples.length < EXAMPLES) this.examples.push({ row, copyOf: this.rest[2 * slot + 1] as number });
        return;
      }
      slot = slot + 1 === slots ? 0 : slot + 1;
    }
    tags[slot] = tag;
    this.rest[2 * slot] = hi;
    this.rest[2 * slot + 1] = row;
    // Rows in the table: those checked but the copies, which are not put in.
    const rows = this.checked - this.found;
    if (rows > LOAD * slots && rows < this.maxCheckedRows) this.grow(2 * slots);
  }

  /** The first table: room for the rows expected, or a few thousand while nobody knows. */
  private makeTable(): void {
    const rows = Math.min(this.maxCheckedRows, this.expected);
    this.setTable(rows > 0 ? Math.ceil(rows / LOAD) + 1 : FIRST_SLOTS);
  }

  private setTable(slots: number): void {
    if (spare !== null && spare.tags.length >= slots) {
      // A table a file before this one left: its memory is already touched.
      this.tags = spare.tags.subarray(0, slots).fill(0);
      this.rest = spare.rest.subarray(0, 2 * slots).fill(0);
      spare = null;
    } else {
      this.tags = new Int32Array(slots);
      this.rest = new Int32Array(2 * slots);
    }
    this.scale = slots / 2 ** 32;
  }

  /**
   * A table of `wanted` slots at the most (room for maxCheckedRows). A
   * hash's home slot grows with its high half, so the entries are put in
   * the new table front to back, not at random.
   */
  private grow(wanted: number): void {
    const { tags: oldTags, rest: oldRest } = this;
    this.setTable(Math.min(wanted, Math.ceil(this.maxCheckedRows / LOAD) + 1));
    const { tags, rest, scale } = this;
    const slots = tags.length;
    for (let old = 0; old < oldTags.length; old += 1) {
      const tag = oldTags[old] as number;
      if (tag === 0) continue;
      const hi = oldRest[2 * old] as number;
      let slot = Math.floor((hi >>> 0) * scale);
      while (tags[slot] !== 0) slot = slot + 1 === slots ? 0 : slot + 1;
      tags[slot] = tag;
      rest[2 * slot] = hi;
      rest[2 * slot + 1] = oldRest[2 * old + 1] as number;
    }
  }
}

/**
 * The warning, in words a person can act on; row numbers only, never a cell
 * (unit names may be private): null when no row repeats another.
 */
export function duplicateRowsMessage(found: DuplicateRowsFound): string | null {
  if (found.count === 0) return null;
  const listed = found.examples.slice(0, LISTED);
  const rows = listOf(listed.map((pair) => String(pair.row)));
  const earlier = listOf(listed.map((pair) => String(pair.copyOf)));
  const pairs = listed.length === 1 ? `row ${rows} repeats row ${earlier}` : `rows ${rows} repeat rows ${earlier}`;
  const which = found.count > listed.length ? `the first ${listed.length}: ${pairs}` : pairs;
  const said =
    found.count === 1
      ? `1 row is an exact copy of an earlier row (${which}); it is counted: if it is the same observation exported twice, remove the copy`
      : `${count(found.count, 'row')} are exact copies of an earlier row (${which}); each is counted: if they are the same observation exported twice, remove the copies`;
  if (found.complete) return said;
  return `${said}. Only the first ${formatCount(found.checkedRows)} rows were checked, so later copies may have been missed`;
}

/** "14", "14 and 15", "14, 15 and 92". */
function listOf(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
