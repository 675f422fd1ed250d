/**
 * Folds CSV rows into per-unit sums while they are read: memory grows with
 * the number of units (and unit-weeks for the trend), never with the number
 * of rows.
 *
 * Which rows count follows pilot-format.md: rows dated before `started` are
 * the pre-period (baseline), rows from `started` to `ended` inclusive are the
 * pilot period, rows after `ended` are ignored and counted. An empty metric
 * cell leaves that row out of that metric only.
 */
import type { Arm } from '../evidence.ts';
import type { Pilot } from '../pilot.ts';
import { quoteValue, type Problem } from '../problems.ts';
import { ANY_POINT, COMMA, DATE_EXPECTED, NO_MARK, POINT, readPlainNumber, readPlainNumberIn, readPlainOutcome, readPlainOutcomeIn, type FastMark } from './cells.ts';
import { planColumns, type ColumnPlan, type MetricPlan, type Reader } from './columns.ts';
import { DayBook, type DayInfo } from './days.ts';
import { DecimalMarks, type DataNote } from './decimal-marks.ts';
import { ProblemLog } from './problem-log.ts';
import type { LineBlock } from './read-csv.ts';
import { RegionTable } from './region-table.ts';
import { PILOT, PRE, UnitSumsStore, type ArmWeek, type UnitSums } from './unit-sums.ts';

export type { ArmWeek, Sums, UnitMetricSums, UnitSums } from './unit-sums.ts';

export interface FoldedData {
  file: string;
  delimiter: string;
  columns: string[];
  units: Map<string, UnitSums>;
  /** Non-blank data rows read. */
  rowsRead: number;
  rowsPre: number;
  rowsPilot: number;
  rowsAfterEnd: number;
  /** Per metric (same order as pilot.metrics): pilot-period rows left out for an empty cell. */
  missing: number[];
  /** The same for pre-period rows, which the baseline adjustment reads. */
  missingPre: number[];
  /**
   * Per metric (same order as pilot.metrics): each arm's weekly sums, weeks in
   * the order they first occur, the pilot arm before the control arm in a week.
   * Empty when the pilot has no date column.
   */
  weeks: ArmWeek[][];
  /** Earliest and latest date seen, when the pilot has a date column. */
  firstDate: string | null;
  lastDate: string | null;
  problems: Problem[];
  /** How the data was read where it could be read two ways: shown with the results, like the analysis's warnings. */
  notes: DataNote[];
}

/**
 * A folder receives the header, then chunks of rows or blocks of lines (in
 * file order), then is finished. Kept separate from the file reading so
 * tests can feed it rows directly. The units' sums are filled in by
 * finish(); `data` is complete only then.
 */
export interface FolderOptions {
  /** The pilot file, named in problems about its keys (pilots can share a data file). */
  pilotFile?: string;
  /** False: every row and cell through the careful readers, for tests that compare the two. */
  fastPaths?: boolean;
}

export function createFolder(pilot: Pilot, file: string, { pilotFile, fastPaths = true }: FolderOptions = {}) {
  const data: FoldedData = {
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
    problems: [],
    notes: [],
  };
  const log = new ProblemLog(file);
  data.problems = log.problems;
  let columns: ColumnPlan = { ok: false, unit: -1, group: -1, date: -1, metrics: [] };
  // The plan's indexes as plain variables: the row loop reads them for every row.
  let unitIndex = -1;
  let groupIndex = -1;
  let dateIndex = -1;
  let plans: MetricPlan[] = [];
  // The units by name (their index, in the order of their first rows), and
  // their sums, until finish() publishes them in data.units.
  const unitsByName = new RegionTable<number>();
  const units: UnitSums[] = [];
  const sums = new UnitSumsStore(pilot.metrics.length);
  const days = new DayBook(pilot);
  const decimalMarks = new DecimalMarks();
  // For the line path: where each cell of the current line starts (one more:
  // one past its end); the first delimiter at or after some point no later
  // than the current line's start, so no stretch of a block is searched
  // twice (a value before the line's start is stale and searched again; a
  // line break never holds the delimiter); the last date cell met and what
  // it means; each metric's two values.
  let cellStarts = new Int32Array(0);
  let nextDelimiter = -1;
  // Per column, the decimal mark the fast paths may read (cells.ts, FastMark):
  // learnt from the careful reader's notes in files not separated by commas.
  let fastMarks: FastMark[] = [];
  let lastDateCell = '';
  let lastDay: DayInfo | null = null;
  const values = new Float64Array(2 * pilot.metrics.length);

  function header(cells: string[], delimiter: string) {
    data.delimiter = delimiter;
    data.columns = cells;
    if (cells.length === 0 || (cells.length === 1 && cells[0] === '')) {
      log.add({ message: 'the file is empty; expected a header row naming the columns, then one row per observation' });
      return;
    }
    columns = planColumns(pilot, cells, delimiter, log, pilotFile);
    ({ unit: unitIndex, group: groupIndex, date: dateIndex, metrics: plans } = columns);
    cellStarts = new Int32Array(cells.length + 1);
    fastMarks = cells.map(() => (delimiter === ',' ? ANY_POINT : NO_MARK));
  }

  /**
   * Lines with no quote: each is a row whose cells are the line split at the
   * delimiter (read-csv.ts). foldLine takes the rows like those before them
   * (known unit and date, plain cells) where they lie in the text; any other
   * is split and goes through foldRow, which says what the rules are.
   */
  function lines(block: LineBlock): number {
    const { text, newline } = block;
    const length = text.length;
    const step = newline.length;
    const width = data.columns.length;
    const { pilot: pilotLabel, control: controlLabel } = pilot.group;
    let row = block.firstRow;
    nextDelimiter = -1;
    let start = 0;
    while (start < length) {
      let end = text.indexOf(newline, start);
      if (end === -1) end = length;
      if (columns.ok && !foldLine(text, start, end, length, data.delimiter, width, pilotLabel, controlLabel)) {
        foldRow(text.slice(start, end).split(data.delimiter), row, width, pilotLabel, controlLabel);
      }
      row += 1;
      start = end + step;
    }
    return row - block.firstRow;
  }

  /**
   * The line text.slice(start, end), when it is a row foldRow would fold
   * without a word (see lines()): folded, and true. Otherwise nothing is
   * changed, and false.
   */
  function foldLine(text: string, start: number, end: number, length: number, delimiter: string, width: number, pilotLabel: string, controlLabel: string): boolean {
    if (delimiter.length !== 1 || !fastPaths) return false;
    // Cell k is text.slice(starts[k], starts[k + 1] - 1); exactly `width` of them.
    // indexOf runs at native speed from the first row on, where a loop over
    // the characters waits for the optimising compiler.
    const starts = cellStarts;
    starts[0] = start;
    let cells = 1;
    let next = nextDelimiter >= start ? nextDelimiter : text.indexOf(delimiter, start);
    if (next === -1) next = length;
    while (next < end) {
      if (cells === width) return false;
      starts[cells] = next + 1;
      cells += 1;
      next = text.indexOf(delimiter, next + 1);
      if (next === -1) next = length;
    }
    // The first delimiter of a later line: found once, however far it is.
    nextDelimiter = next;
    if (cells !== width) return false;
    starts[width] = end + 1;

    // The unit as written, with nothing for trimCell to take off; the group
    // one of the labels exactly (the schema trims them, so neither has any).
    const unitStart = starts[unitIndex] as number;
    const unitEnd = (starts[unitIndex + 1] as number) - 1;
    if (!untrimmable(text, unitStart, unitEnd)) return false;
    const groupStart = starts[groupIndex] as number;
    const groupLength = (starts[groupIndex + 1] as number) - 1 - groupStart;
    let arm: Arm;
    if (groupLength === pilotLabel.length && text.startsWith(pilotLabel, groupStart)) arm = 'pilot';
    else if (groupLength === controlLabel.length && text.startsWith(controlLabel, groupStart)) arm = 'control';
    else return false;

    // A date cell read before (foldRow reads each new one).
    let day: DayInfo | null = null;
    if (dateIndex !== -1) {
      const dateStart = starts[dateIndex] as number;
      const dateEnd = (starts[dateIndex + 1] as number) - 1;
      if (lastDay !== null && dateEnd - dateStart === lastDateCell.length && text.startsWith(lastDateCell, dateStart)) day = lastDay;
      else {
        day = days.known(text, dateStart, dateEnd) ?? null;
        if (day === null) return false;
        lastDateCell = text.slice(dateStart, dateEnd);
        lastDay = day;
      }
    }

    // A unit met before, in this group (foldRow adds new ones and reports a unit in both).
    const index = unitsByName.find(text, unitStart, unitEnd);
    if (index === undefined) return false;
    const unit = units[index] as UnitSums;
    if (unit.arm !== arm) return false;
    if (day !== null && day.afterEnd) {
      data.rowsRead += 1;
      data.rowsAfterEnd += 1;
      return true;
    }

    // Every metric's cells plain, read before anything is added.
    for (let m = 0; m < plans.length; m += 1) {
      const plan = plans[m] as MetricPlan;
      const firstStart = starts[plan.first] as number;
      const firstEnd = (starts[plan.first + 1] as number) - 1;
      const numerator = plan.outcome ? readPlainOutcomeIn(text, firstStart, firstEnd) : readPlainNumberIn(text, firstStart, firstEnd, fastMarks[plan.first] as FastMark);
      const denominator =
        plan.second === -1
          ? 1
          : readPlainNumberIn(text, starts[plan.second] as number, (starts[plan.second + 1] as number) - 1, fastMarks[plan.second] as FastMark);
      if (numerator !== numerator || denominator !== denominator) return false;
      values[2 * m] = numerator;
      values[2 * m + 1] = denominator;
    }

    data.rowsRead += 1;
    let periodIndex: typeof PRE | typeof PILOT = PILOT;
    if (day !== null && day.period === 'pre') {
      data.rowsPre += 1;
      periodIndex = PRE;
    } else {
      data.rowsPilot += 1;
      unit.pilotRows += 1;
    }
    const weekId = day === null ? -1 : day.weekId;
    for (let m = 0; m < plans.length; m += 1) sums.add(index, m, periodIndex, weekId, values[2 * m] as number, values[2 * m + 1] as number);
    return true;
  }

  // Rows as papaparse parsed them (from a file's first quote on): one pass
  // per row, no allocation for rows whose cells are plain (see
  // readPlainNumber); anything else takes the careful readers.
  function rows(chunk: { firstRow: number; rows: string[][] }) {
    if (!columns.ok) return;
    const width = data.columns.length;
    const { pilot: pilotLabel, control: controlLabel } = pilot.group;
    const list = chunk.rows;
    for (let offset = 0; offset < list.length; offset += 1) {
      foldRow(list[offset] as string[], chunk.firstRow + offset, width, pilotLabel, controlLabel);
    }
  }

  // One row, with every rule of pilot-format.md. foldLine takes the common
  // case of these rules without splitting the line: keep the two in step
  // (test/core/load/line-path.test.ts compares them on generated files).
  // A function of its own, called per row, so that V8 optimises it
  // after a few hundred rows rather than waiting to replace the running loop
  // (measured: bench/RESULTS.md).
  function foldRow(cells: string[], row: number, width: number, pilotLabel: string, controlLabel: string) {
    if (isBlank(cells)) return;
    data.rowsRead += 1;
    if (cells.length !== width && !onlyEmptyExtras(cells, width)) {
      log.report('ragged', {
        row,
        message: `this row has ${cells.length} cells but the header has ${width}; expected one cell per column (check for an unquoted delimiter inside a value)`,
      });
      return;
    }
    const unitName = trimCell(cells[unitIndex] ?? '');
    const label = trimCell(cells[groupIndex] ?? '');
    let rowOk = true;
    if (unitName === '') {
      log.report('unit-empty', { row, column: pilot.unit, value: '', message: 'every row must name its unit; expected a unit name' });
      rowOk = false;
    }
    const arm: Arm | null = label === pilotLabel ? 'pilot' : label === controlLabel ? 'control' : null;
    if (arm === null) {
      log.report('group', {
        row,
        column: pilot.group.column,
        value: label,
        message:
          label === ''
            ? `is empty; every row must name its group: expected the pilot label ${quoteValue(pilotLabel)} or the control label ${quoteValue(controlLabel)}`
            : `is neither the pilot label ${quoteValue(pilotLabel)} nor the control label ${quoteValue(controlLabel)}; expected one of them exactly`,
      });
      rowOk = false;
    }
    let day: DayInfo | null = null;
    if (dateIndex !== -1) {
      const rawDate = cells[dateIndex] ?? '';
      day = days.read(rawDate);
      if (day === null) {
        log.report('date', { row, column: pilot.date, value: rawDate, message: rawDate.trim() === '' ? `is empty; ${DATE_EXPECTED}` : days.expected });
        return;
      }
    }
    if (!rowOk || arm === null) return;

    let index = unitsByName.find(unitName, 0, unitName.length);
    if (index === undefined) {
      index = units.length;
      // Sums are filled in by finish(), from the arrays.
      units.push({ name: unitName, arm, firstRow: row, pilotRows: 0, metrics: [] });
      unitsByName.add(unitName, index);
      sums.addUnit();
    } else if ((units[index] as UnitSums).arm !== arm) {
      const unit = units[index] as UnitSums;
      log.report(`both-groups:${unitName}`, {
        row,
        column: pilot.group.column,
        value: label,
        message: `unit ${quoteValue(unitName)} is in the ${unit.arm} group on row ${unit.firstRow} and in the ${arm} group here; expected each unit in exactly one group`,
      });
      return;
    }
    // Rows after the end are ignored, but only once their unit's group is checked:
    // a unit labelled pilot in June and control in April is still in both groups.
    if (day !== null && day.afterEnd) {
      data.rowsAfterEnd += 1;
      return;
    }
    const period = day === null ? 'pilot' : day.period;
    if (period === 'pre') data.rowsPre += 1;
    else {
      data.rowsPilot += 1;
      (units[index] as UnitSums).pilotRows += 1;
    }
    foldMetrics(cells, row, period, day, index);
  }

  // Kept apart from the row loop so that V8 optimises it on its own: the cell
  // readers and sums.add fit its inlining budget, and the numbers stay
  // unboxed doubles (measured: bench/RESULTS.md).
  function foldMetrics(cells: string[], row: number, period: 'pre' | 'pilot', day: DayInfo | null, index: number) {
    const periodIndex = period === 'pre' ? PRE : PILOT;
    const weekId = day === null ? -1 : day.weekId;
    for (let m = 0; m < plans.length; m += 1) {
      const plan = plans[m] as MetricPlan;
      const first = cells[plan.first] ?? '';
      const numerator = plan.outcome ? readPlainOutcome(first) : readPlainNumber(first, fastMarks[plan.first] as FastMark);
      const denominator = plan.second === -1 ? 1 : readPlainNumber(cells[plan.second] ?? '', fastMarks[plan.second] as FastMark);
      // NaN: an empty or untidy cell, which the careful path reads or reports.
      if (!fastPaths || numerator !== numerator || denominator !== denominator) {
        foldMetricCarefully(plan, m, cells, row, period, day, index);
        continue;
      }
      sums.add(index, m, periodIndex, weekId, numerator, denominator);
    }
  }

  // The row whose bad cells were last reported, and their column indexes.
  let badCellsRow = -1;
  const badCells: number[] = [];

  function foldMetricCarefully(plan: MetricPlan, m: number, cells: string[], row: number, period: 'pre' | 'pilot', day: DayInfo | null, index: number) {
    const values: number[] = [];
    for (let c = 0; c < plan.columns.length; c += 1) {
      const index = plan.columns[c] as number;
      const raw = cells[index] ?? '';
      if (raw === '' || raw.trim() === '') {
        const missing = period === 'pilot' ? data.missing : data.missingPre;
        missing[m] = (missing[m] ?? 0) + 1;
        return;
      }
      const read = (plan.readers[c] as Reader)(raw);
      if (!read.ok) {
        // A column read by two metrics (revenue in a mean and as a ratio's numerator) is one cell: one message.
        if (badCellsRow !== row) {
          badCellsRow = row;
          badCells.length = 0;
        }
        if (!badCells.includes(index)) {
          badCells.push(index);
          log.report(`value:${index}`, { row, column: data.columns[index], value: raw, message: read.expected });
        }
        return;
      }
      if (read.mark !== undefined) {
        decimalMarks.note(index, read.mark, row, raw, read.value);
        // Noted once: later cells with this mark add nothing to the evidence, and may take the fast paths.
        if (fastMarks[index] === NO_MARK && read.mark !== 'either') fastMarks[index] = read.mark === 'point' ? POINT : COMMA;
      }
      values.push(read.value);
    }
    sums.add(index, m, period === 'pre' ? PRE : PILOT, day === null ? -1 : day.weekId, values[0] as number, values.length === 2 ? (values[1] as number) : 1);
  }

  /** A quote papaparse could not make sense of (read-csv.ts): listed like the rows' own problems, ten of a kind. */
  function quoteProblem(row: number, message: string) {
    log.report('quotes', { row, message: `a quoted value is not closed or has a stray quote (${message}); expected "..." around values that contain the delimiter` });
  }

  function finish(): FoldedData {
    data.weeks = sums.publish(units, days.weeks);
    data.firstDate = days.first;
    data.lastDate = days.last;
    for (const unit of units) data.units.set(unit.name, unit);
    unitsByName.clear();
    reportOverflowingTotals();
    warnOfLookalikeUnits(units, pilot.unit, log);
    data.notes = decimalMarks.check(data.columns, log, data.delimiter);
    log.closeOverflow();
    if (columns.ok && data.rowsRead === 0) {
      log.add({ message: 'the file has a header but no data rows; expected one row per observation below the header' });
    }
    return data;
  }

  /**
   * Every cell is a finite number, but a unit's total can still pass the largest double
   * (about 1.8e308) and become Infinity. Checked once here rather than on every row.
   */
  function reportOverflowingTotals() {
    for (const unit of data.units.values()) {
      unit.metrics.forEach((unitSums, m) => {
        const plan = plans[m] as MetricPlan;
        for (const total of [unitSums.pre, unitSums.pilot]) {
          const c = !Number.isFinite(total.numerator) ? 0 : !Number.isFinite(total.denominator) ? 1 : -1;
          if (c === -1) continue;
          log.report(`total:${plan.columns[c]}`, {
            row: unit.firstRow,
            column: data.columns[plan.columns[c] as number],
            message: `the values of unit ${quoteValue(unit.name)} (first seen on this row) add up past the largest number that can be computed with (about 1.8e308); expected amounts in a sensible unit (check the column holds values, not IDs or phone numbers)`,
          });
          return;
        }
      });
    }
  }

  return { header, rows, lines, quoteProblem, finish, data };
}

/** At most this many groups of look-alike unit names are listed. */
const LISTED_LOOKALIKES = 5;

/**
 * "Ana Silva", "ana silva" and "Ana  Silva" are three units to the analysis,
 * and most likely one rep typed three ways. Said as a warning (shown by check
 * and the build's log, never published: it names units), listing the rows.
 */
function warnOfLookalikeUnits(units: readonly UnitSums[], column: string, log: ProblemLog): void {
  const byKey = new Map<string, UnitSums[]>();
  for (const unit of units) {
    const key = unit.name.toLowerCase().replace(/\s+/g, ' ');
    const group = byKey.get(key);
    if (group === undefined) byKey.set(key, [unit]);
    else group.push(unit);
  }
  const lookalikes = [...byKey.values()].filter((group) => group.length > 1);
  for (const group of lookalikes.slice(0, LISTED_LOOKALIKES)) {
    const named = group.map((unit) => `${quoteValue(unit.name)} (row ${unit.firstRow}, ${unit.arm})`).join(', ');
    log.warn({
      row: (group[0] as UnitSums).firstRow,
      column,
      message: `${named} differ only in capitals or spaces, so they are counted as ${group.length} different units; if they are one, write the name the same way on every row`,
    });
  }
  if (lookalikes.length > LISTED_LOOKALIKES) {
    log.warn({ column, message: `and ${lookalikes.length - LISTED_LOOKALIKES} more groups of unit names that differ only in capitals or spaces` });
  }
}

/**
 * String#trim, skipping the call when both ends are visible ASCII (the common
 * case): every character trim removes is a space or control below 33 or a
 * non-ASCII space.
 */
function trimCell(raw: string): string {
  const length = raw.length;
  if (length === 0) return raw;
  const first = raw.charCodeAt(0);
  const last = raw.charCodeAt(length - 1);
  return first > 32 && first < 127 && last > 32 && last < 127 ? raw : raw.trim();
}

/**
 * Whether text.slice(start, end) is not empty and String#trim would leave it
 * as it is: its first and last characters are no white space (erring on the
 * side of "no", which only sends the row to foldRow).
 */
function untrimmable(text: string, start: number, end: number): boolean {
  return end > start && !mayBeSpace(text.charCodeAt(start)) && !mayBeSpace(text.charCodeAt(end - 1));
}

/** Every character String#trim removes is below 33, or at or above 127 and one of a few spaces. */
function mayBeSpace(code: number): boolean {
  if (code < 127) return code <= 32;
  return code <= 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/**
 * A blank line, or a row of delimiters only (",,,,": spreadsheets write these
 * for empty rows that once held formatting). Neither is data.
 */
function isBlank(cells: string[]): boolean {
  for (let i = 0; i < cells.length; i += 1) {
    const cell = cells[i] as string;
    // A visible first character settles it without trimming: the common case.
    if (cell.length === 0) continue;
    const first = cell.charCodeAt(0);
    if ((first > 32 && first < 127) || cell.trim() !== '') return false;
  }
  return true;
}

/** Exports often end rows with a stray delimiter: extra cells that are all empty are harmless. */
function onlyEmptyExtras(cells: string[], width: number): boolean {
  if (cells.length < width) return false;
  for (let i = width; i < cells.length; i += 1) if ((cells[i] as string).trim() !== '') return false;
  return true;
}
