/**
 * Builds a data file's per-unit sums while the file is read: memory grows
 * with the number of units (and unit-weeks for the trend), never with the
 * number of rows.
 *
 * It receives what read-csv.ts gives, in file order: the header, then
 * blocks of lines without quotes (the line path) or rows papaparse parsed,
 * then finish(). Kept apart from the file reading so tests can hand it rows
 * directly. Both ways come to one RowView per row (row-view.ts), so the
 * rules of a row (row-rules.ts) are written once; this module only finds
 * the rows, hands those summed to the duplicate check (duplicate-rows.ts)
 * and, at the end, checks the file as a whole.
 */
import { primaryMetric, type Pilot } from '../pilot.ts';
import { formatCount } from '../present/format.ts';
import { quoteValue, type Problem } from '../problems.ts';
import { planColumns, type ColumnPlan, type MetricPlan } from './columns.ts';
import { DayBook } from './days.ts';
import { DurationBook } from './durations.ts';
import { DecimalMarks, type DataNote } from './decimal-marks.ts';
import { DuplicateRows, duplicateRowsMessage, type DuplicateRowsFound } from './duplicate-rows.ts';
import { warnOfLookalikeUnits } from './lookalike-units.ts';
import type { SkippedStages } from './funnel-cells.ts';
import { MetricCells } from './metric-cells.ts';
import { ProblemLog } from './problem-log.ts';
import type { CsvChunk, LineBlock } from './read-csv.ts';
import { RowRules, type RowBooks, type RowCounts } from './row-rules.ts';
import { RowView } from './row-view.ts';
import { SegmentedRowRules } from './segmented-row-rules.ts';
import { SegmentBook, type SegmentColumnSums } from './segment-sums.ts';
import { sumSlots } from './sum-slots.ts';
import { UnitRegister } from './unit-register.ts';
import { UnitSumsStore, type ArmWeek, type UnitSums } from './unit-sums.ts';

export interface FoldedData extends RowCounts {
  file: string;
  delimiter: string;
  columns: string[];
  units: Map<string, UnitSums>;
  /**
   * Per metric (same order as pilot.metrics): each arm's weekly sums, weeks in
   * the order they first occur, the pilot arm before the control arm in a week.
   * Empty when the pilot has no date column.
   */
  weeks: ArmWeek[][];
  /** Earliest and latest date seen, when the pilot has a date column. */
  firstDate: string | null;
  lastDate: string | null;
  /**
   * Duration metrics (durations.ts): per metric, leads handed off too near
   * the end of the data to have had the whole horizon, not counted (0 for
   * other kinds); and the day the data ends, that they are counted to.
   */
  notYetDue?: number[];
  observedUntil?: string | null;
  /** Rows identical in every cell to an earlier row (duplicate-rows.ts); each is summed, and `notes` says so. */
  duplicates: DuplicateRowsFound;
  problems: Problem[];
  /** How the data was read where it could be read two ways, and rows that repeat others: shown with the results, like the analysis's warnings. */
  notes: DataNote[];
  /** The primary metric per segment value (segment-sums.ts); empty when the pilot declares no `segments`. */
  segments: SegmentColumnSums[];
}

export interface UnitSumsBuilderOptions {
  /** The pilot file, named in problems about its keys (pilots can share a data file). */
  pilotFile?: string;
  /** False: every cell through the careful readers, for tests that compare the two. */
  fastPaths?: boolean;
  /** The file's size in bytes, when known: with the first block's lines, how many rows to make room for (duplicate-rows.ts). */
  fileBytes?: number;
}

const NO_DUPLICATES: DuplicateRowsFound = { count: 0, examples: [], checkedRows: 0, complete: true };

/** A file's data before its first row: what every reader of a data file (rows, per-unit sums) starts from. */
export function emptyFoldedData(pilot: Pilot, file: string, problems: Problem[]): FoldedData {
  return {
    file,
    delimiter: ',',
    columns: [],
    units: new Map(),
    rowsRead: 0,
    rowsPre: 0,
    rowsPilot: 0,
    rowsAfterEnd: 0,
    missing: pilot.metrics.map(() => 0),
    missingPre: pilot.metrics.map(() => 0),
    weeks: pilot.metrics.map(() => []),
    firstDate: null,
    lastDate: null,
    duplicates: { ...NO_DUPLICATES },
    problems,
    notes: [],
    segments: [],
  };
}

/** The lines of a block, when no header has named the pilot's columns and none is read. */
function countLines({ text, newline }: LineBlock): number {
  let lines = 0;
  for (let start = 0; start < text.length; lines += 1) {
    const end = text.indexOf(newline, start);
    start = end === -1 ? text.length : end + newline.length;
  }
  return lines;
}

export class UnitSumsBuilder {
  private readonly pilot: Pilot;
  private readonly options: UnitSumsBuilderOptions;
  private readonly data: FoldedData;
  private readonly log: ProblemLog;
  private readonly view = new RowView();
  private readonly decimalMarks = new DecimalMarks();
  /** Where the pilot's columns are, once a header names them all. */
  private columns: ColumnPlan | null = null;
  /** Null until a header names every column the pilot reads: until then, and without one, rows are not read. */
  private rules: RowRules | null = null;
  private books: RowBooks | null = null;
  private duplicates: DuplicateRows | null = null;
  /** The primary metric per segment, when the pilot declares `segments`. */
  private segments: SegmentBook | null = null;

  constructor(pilot: Pilot, file: string, options: UnitSumsBuilderOptions = {}) {
    this.pilot = pilot;
    this.options = options;
    this.log = new ProblemLog(file);
    this.data = emptyFoldedData(pilot, file, this.log.problems);
  }

  /** The header cells (trimmed) and the delimiter in use. */
  header(cells: string[], delimiter: string): void {
    const data = this.data;
    data.delimiter = delimiter;
    data.columns = cells;
    if (cells.length === 0 || (cells.length === 1 && cells[0] === '')) {
      this.log.add({ message: 'the file is empty; expected a header row naming the columns, then one row per observation' });
      return;
    }
    const columns = planColumns(this.pilot, cells, delimiter, this.log, this.options.pilotFile);
    if (!columns.ok) return;
    this.columns = columns;
    this.books = {
      log: this.log,
      // The counts are data's own: the rules add to them where the analysis reads them.
      counts: data,
      units: new UnitRegister(),
      // One slot per metric, and one per earlier stage of each funnel (sum-slots.ts).
      sums: new UnitSumsStore(sumSlots(this.pilot.metrics).count),
      days: new DayBook(this.pilot),
      metricCells: new MetricCells(cells.length, delimiter, this.decimalMarks, this.options.fastPaths ?? true),
      durations: new DurationBook(this.pilot.metrics.length),
    };
    this.duplicates = new DuplicateRows(delimiter);
    if (columns.segments.length === 0) this.rules = new RowRules(this.pilot, cells, columns, this.books);
    else {
      this.segments = new SegmentBook(columns.segments, this.pilot.segments ?? [], this.pilot.metrics.indexOf(primaryMetric(this.pilot)), this.pilot.metrics.length);
      this.rules = new SegmentedRowRules(this.pilot, cells, columns, this.books, this.segments);
    }
  }

  /**
   * Lines with no quote: each is a row whose cells are the line split at the
   * delimiter (read-csv.ts). Returns the number of lines.
   */
  lines(block: LineBlock): number {
    const { rules, duplicates } = this;
    // papaparse guesses one-character delimiters only (read-csv.ts); were it another, the lines are split as rows.
    if (this.data.delimiter.length !== 1) return this.linesAsRows(block);
    if (rules === null || duplicates === null) return countLines(block);
    if (!duplicates.wantsRows()) return this.addLines(block, rules);
    duplicates.startBlock(block.text, block.bytes);
    const lines = this.addAndNoteLines(block, rules, duplicates);
    const { fileBytes } = this.options;
    // The file's rows, from its size and the first block's bytes a line, a tenth more for longer lines later.
    if (block.firstRow === 2 && fileBytes !== undefined && block.bytes !== undefined && block.bytes.length > 0) {
      duplicates.expectRows(Math.ceil((1.1 * fileBytes * lines) / block.bytes.length));
    }
    duplicates.endBlock();
    return lines;
  }

  /**
   * Each line through the rules. Two copies of the loop, this one and
   * addAndNoteLines(), so that once the duplicate check has done its rows
   * the loop V8 optimises has nothing of it: with the noting in the one loop,
   * every row of a 1M-row file took longer (bench/RESULTS.md).
   */
  private addLines(block: LineBlock, rules: RowRules): number {
    const { text, newline } = block;
    const length = text.length;
    const step = newline.length;
    const delimiter = this.data.delimiter;
    const view = this.view;
    view.startBlock();
    let row = block.firstRow;
    let start = 0;
    while (start < length) {
      let end = text.indexOf(newline, start);
      if (end === -1) end = length;
      // A "\r" before the "\n" is part of the line break (read-csv.ts, LineBlock).
      view.setLine(text, start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end, length, delimiter);
      rules.accumulate(view, row);
      row += 1;
      start = end + step;
    }
    return row - block.firstRow;
  }

  /** addLines(), noting the rows summed for the duplicate check. */
  private addAndNoteLines(block: LineBlock, rules: RowRules, duplicates: DuplicateRows): number {
    const { text, newline } = block;
    const length = text.length;
    const step = newline.length;
    const delimiter = this.data.delimiter;
    const view = this.view;
    view.startBlock();
    let row = block.firstRow;
    let start = 0;
    while (start < length) {
      let end = text.indexOf(newline, start);
      if (end === -1) end = length;
      // A "\r" before the "\n" is part of the line break (read-csv.ts, LineBlock).
      view.setLine(text, start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end, length, delimiter);
      if (rules.accumulate(view, row)) duplicates.noteLine(view, row);
      row += 1;
      start = end + step;
    }
    return row - block.firstRow;
  }

  private linesAsRows(block: LineBlock): number {
    const lines = block.text.split(block.newline);
    // A final line break ends the last line; it starts none.
    if (lines.at(-1) === '') lines.pop();
    // A "\r" before the "\n" is part of the line break (read-csv.ts, LineBlock).
    const rows = lines.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line).split(this.data.delimiter));
    this.rows({ firstRow: block.firstRow, rows });
    return lines.length;
  }

  /** Rows as papaparse parsed them (from a file's first quote on). */
  rows(chunk: CsvChunk): void {
    const { rules, duplicates, view } = this;
    if (rules === null || duplicates === null) return;
    const list = chunk.rows;
    for (let offset = 0; offset < list.length; offset += 1) {
      const cells = list[offset] as string[];
      view.setCells(cells);
      if (rules.accumulate(view, chunk.firstRow + offset)) duplicates.checkCells(cells, chunk.firstRow + offset);
    }
  }

  /** A quote papaparse could not make sense of (read-csv.ts): listed like the rows' own problems, ten of a kind. */
  quoteProblem(row: number, message: string): void {
    this.log.report('quotes', { row, message: `a quoted value is not closed or has a stray quote (${message}); expected "..." around values that contain the delimiter` });
  }

  /** The sums and what the file as a whole says; the builder is spent. */
  finish(): FoldedData {
    const { data, books, duplicates, log } = this;
    if (books !== null) {
      if (this.pilot.metrics.some((metric) => metric.type === 'duration')) {
        const settled = (books.durations as DurationBook).settle(books.sums, this.columns?.metrics ?? [], this.pilot.ended, books.days.last);
        data.notYetDue = settled.notYetDue;
        data.observedUntil = settled.end;
      }
      data.weeks = books.sums.publish(books.units.units, books.days.weeks);
      data.firstDate = books.days.first;
      data.lastDate = books.days.last;
      data.units = books.units.publish();
      this.reportOverflowingTotals(books.units.units);
      warnOfLookalikeUnits(books.units.units, this.pilot.unit, log);
    }
    if (duplicates !== null) {
      data.duplicates = duplicates.result();
      duplicates.clear();
    }
    // The notes are published: a unit name read as a number is quoted only where the pilot shows units.
    const unitColumn = this.columns === null || this.pilot.showUnits ? [] : [this.columns.unit];
    data.notes = this.decimalMarks.check(data.columns, log, data.delimiter, new Set(unitColumn));
    if (books !== null && this.segments !== null) {
      const { segments, notes } = this.segments.publish(books.units.units, log);
      data.segments = segments;
      data.notes.push(...notes);
    }
    if (this.rules !== null) data.notes.push(...skippedStageNotes(this.pilot, this.rules.funnelCells.skipped));
    const copies = duplicateRowsMessage(data.duplicates);
    if (copies !== null) data.notes.push({ message: copies });
    log.closeOverflow();
    if (books !== null && data.rowsRead === 0) {
      log.add({ message: 'the file has a header but no data rows; expected one row per observation below the header' });
    }
    return data;
  }

  /**
   * Every cell is a finite number, but a unit's total can still pass the largest double
   * (about 1.8e308) and become Infinity. Checked once here rather than on every row.
   */
  private reportOverflowingTotals(units: readonly UnitSums[]): void {
    const plans = this.columns?.metrics ?? [];
    for (const unit of units) {
      unit.metrics.forEach((unitSums, m) => {
        const plan = plans[m];
        // A funnel's stage slots (past the metrics) count leads, one a row: they cannot overflow.
        if (plan === undefined) return;
        for (const total of [unitSums.pre, unitSums.pilot]) {
          const c = !Number.isFinite(total.numerator) ? 0 : !Number.isFinite(total.denominator) ? 1 : -1;
          if (c === -1) continue;
          this.log.report(`total:${plan.columns[c]}`, {
            row: unit.firstRow,
            column: this.data.columns[plan.columns[c] as number],
            message: `the values of unit ${quoteValue(unit.name)} (first seen on this row) add up past the largest number that can be computed with (about 1.8e308); expected amounts in a sensible unit (check the column holds values, not IDs or phone numbers)`,
          });
          return;
        }
      });
    }
  }
}

/**
 * A funnel's rows marked at a later stage and not an earlier one: counted at
 * the earlier stages too (funnel-cells.ts), and said with the results, so a
 * reader can check the export. Row numbers name no unit, so they may be published.
 */
function skippedStageNotes(pilot: Pilot, skipped: ReadonlyMap<number, SkippedStages>): DataNote[] {
  return [...skipped].map(([m, { rows, examples }]) => {
    const metric = pilot.metrics[m] as Pilot['metrics'][number];
    const more = rows - examples.length;
    const where = `${rows === 1 ? 'row' : 'rows'} ${examples.join(', ')}${more > 0 ? ` and ${formatCount(more)} more` : ''}`;
    return {
      message: `${metric.label}: ${formatCount(rows)} ${rows === 1 ? 'lead is' : 'leads are'} marked as reaching a later stage but not an earlier one (${where}); each is counted as reaching the earlier stages too, since a lead reaches a stage only through the ones before it`,
    };
  });
}
