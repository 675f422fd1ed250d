/**
 * A qualification file's leads, read once into counts: how many leads met
 * each number of criteria and how many of those were won, and for each
 * criterion the leads and wins with it met and not met. Nothing per lead is
 * kept, so memory stays that of the counts however long the export.
 *
 * The rules (docs/pilot-format.md, "Qualification evidence"):
 * - a blank row is no lead;
 * - a row with more or fewer cells than the header is refused;
 * - a criterion or outcome cell is yes or no: yes, y, true, 1 or x; no, n,
 *   false or 0 (any case, spaces around ignored); anything else is refused;
 * - a blank criterion or outcome cell leaves that lead out, counted in one
 *   warning: an open deal has no outcome yet, and an unknown criterion
 *   cannot be counted as met or as not met without guessing;
 * - with a `date` column every lead needs a date; leads dated outside
 *   `started`..`ended` are left out and counted.
 */
import { formatCount } from '../present/format.ts';
import type { Count } from '../stats/counts.ts';
import { error, warning, type Problem } from '../problems.ts';
import type { Qualification } from '../qualification.ts';
import { readDate, readTickBox } from './cells.ts';
import { listColumns } from './columns.ts';
import { resolveDataPath, unreadableProblems } from './load-data.ts';
import { ProblemLog } from './problem-log.ts';
import { readCsv } from './read-csv.ts';

export interface CriterionCounts {
  column: string;
  met: Count;
  notMet: Count;
}

export interface LeadCounts {
  /** The data file as the page names it, e.g. "data/leads.csv". */
  file: string;
  /** Non-blank rows read. */
  rowsRead: number;
  /** byCriteriaMet[k]: leads meeting exactly k criteria, and their wins; k = 0..K. */
  byCriteriaMet: Count[];
  criteria: CriterionCounts[];
  /** Leads left out for a blank criterion or outcome cell, and for a date outside the period. */
  leftOut: { blank: number; outsidePeriod: number };
  /** The first and last lead date among the leads used; null without a date column. */
  dates: { first: string; last: string } | null;
  /** Warnings for the user and the page (published). */
  problems: Problem[];
}

export type LeadsResult = { ok: true; leads: LeadCounts } | { ok: false; problems: Problem[] };

export const YES_NO_EXPECTED = 'expected yes or no: yes, y, true, 1 or x for yes; no, n, false or 0 for no (a blank cell leaves the lead out)';

/** A criterion or outcome cell: true, false, null when blank, or undefined when it is neither. */
export const readYesNo = readTickBox;

export async function loadLeads(root: string, qualification: Qualification, qualificationFile: string): Promise<LeadsResult> {
  const resolved = await resolveDataPath(root, qualification.data, qualificationFile);
  if (!resolved.ok) return { ok: false, problems: [resolved.problem] };
  const reader = new LeadReader(qualification, resolved.shown, qualificationFile);
  try {
    const summary = await readCsv(resolved.absolute, { header: (cells) => reader.header(cells), rows: ({ firstRow, rows }) => rows.forEach((cells, index) => reader.row(cells, firstRow + index)) });
    for (const { row, message } of summary.quoteProblems) {
      reader.log.report('quotes', { row, message: `a quoted value is not closed or has a stray quote (${message}); expected "..." around values that contain the delimiter` });
    }
  } catch (cause) {
    // As for a pilot's data file: the row of the first byte that is not UTF-8, a read limit, a file that cannot be read.
    return { ok: false, problems: await unreadableProblems(cause, resolved) };
  }
  return reader.finish();
}

class LeadReader {
  readonly log: ProblemLog;
  private readonly qualification: Qualification;
  private readonly shown: string;
  private readonly qualificationFile: string;
  private width = 0;
  private criterionIndexes: number[] = [];
  private outcomeIndex = -1;
  private dateIndex = -1;
  private headerOk = false;
  private rowsRead = 0;
  private readonly byCriteriaMet: Count[];
  private readonly criteria: CriterionCounts[];
  private readonly leftOut = { blank: 0, outsidePeriod: 0 };
  private first: string | null = null;
  private last: string | null = null;

  constructor(qualification: Qualification, shown: string, qualificationFile: string) {
    this.qualification = qualification;
    this.shown = shown;
    this.qualificationFile = qualificationFile;
    this.log = new ProblemLog(shown);
    this.byCriteriaMet = Array.from({ length: qualification.criteria.length + 1 }, () => ({ successes: 0, trials: 0 }));
    this.criteria = qualification.criteria.map((column) => ({ column, met: { successes: 0, trials: 0 }, notMet: { successes: 0, trials: 0 } }));
  }

  header(cells: string[]): void {
    this.width = cells.length;
    const before = this.log.problems.length;
    const find = (column: string, key: string): number => {
      const index = cells.indexOf(column);
      if (index === -1) {
        const near = cells.find((cell) => cell.toLowerCase() === column.toLowerCase());
        const hint = near === undefined ? '' : `; did you mean "${near}"? Names must match exactly`;
        this.log.add({ row: 1, column, message: `column named by "${key}" in ${this.qualificationFile} is not in the header${hint}. The columns are: ${listColumns(cells)}` });
      } else if (cells.indexOf(column, index + 1) !== -1) {
        this.log.add({ row: 1, column, message: 'the header has more than one column with this name; expected each column name once' });
      }
      return index;
    };
    this.criterionIndexes = this.qualification.criteria.map((column, index) => find(column, `criteria[${index}]`));
    this.outcomeIndex = find(this.qualification.outcome, 'outcome');
    this.dateIndex = this.qualification.date === undefined ? -1 : find(this.qualification.date, 'date');
    this.headerOk = this.log.problems.length === before;
  }

  row(cells: string[], row: number): void {
    if (!this.headerOk || cells.every((cell) => cell.trim() === '')) return;
    this.rowsRead += 1;
    if (cells.length < this.width || (cells.length > this.width && !cells.slice(this.width).every((cell) => cell.trim() === ''))) {
      this.log.report('ragged', {
        row,
        message: `this row has ${formatCount(cells.length)} cells but the header has ${formatCount(this.width)}; expected one cell per column (check for an unquoted delimiter inside a value)`,
      });
      return;
    }
    let refused = false;
    let blank = false;
    const read = (index: number, column: string): boolean | null => {
      const raw = cells[index] ?? '';
      const value = readYesNo(raw);
      if (value === undefined) {
        this.log.report(`yes/no: ${column}`, { row, column, value: raw, message: YES_NO_EXPECTED });
        refused = true;
        return null;
      }
      if (value === null) blank = true;
      return value;
    };
    const met = this.criterionIndexes.map((index, position) => read(index, this.qualification.criteria[position] as string));
    const won = read(this.outcomeIndex, this.qualification.outcome);
    let day: string | null = null;
    if (this.dateIndex !== -1) {
      const raw = cells[this.dateIndex] ?? '';
      const date = readDate(raw);
      if (!date.ok) {
        this.log.report('date', { row, column: this.qualification.date as string, value: raw, message: raw.trim() === '' ? `is empty; ${date.expected}` : date.expected });
        return;
      }
      day = date.value;
    }
    if (refused) return;
    const { started, ended } = this.qualification;
    if (day !== null && ((started !== undefined && day < started) || (ended !== undefined && day > ended))) {
      this.leftOut.outsidePeriod += 1;
      return;
    }
    if (blank) {
      this.leftOut.blank += 1;
      return;
    }
    const win = won === true ? 1 : 0;
    let count = 0;
    met.forEach((isMet, position) => {
      const criterion = this.criteria[position] as CriterionCounts;
      const side = isMet ? criterion.met : criterion.notMet;
      side.trials += 1;
      side.successes += win;
      if (isMet) count += 1;
    });
    const group = this.byCriteriaMet[count] as Count;
    group.trials += 1;
    group.successes += win;
    if (day !== null) {
      if (this.first === null || day < this.first) this.first = day;
      if (this.last === null || day > this.last) this.last = day;
    }
  }

  finish(): LeadsResult {
    this.log.closeOverflow();
    const problems = this.log.problems;
    if (problems.some((problem) => problem.severity === 'error')) return { ok: false, problems };
    const { blank, outsidePeriod } = this.leftOut;
    if (blank > 0) {
      problems.push(
        warning({
          file: this.shown,
          message: `${formatCount(blank)} ${blank === 1 ? 'lead was' : 'leads were'} left out for a blank criterion or outcome cell; fill in yes or no to count ${blank === 1 ? 'it' : 'them'} (a lead still open has no outcome yet)`,
          published: true,
        }),
      );
    }
    if (outsidePeriod > 0) {
      problems.push(warning({ file: this.shown, message: `${formatCount(outsidePeriod)} ${outsidePeriod === 1 ? 'lead was' : 'leads were'} dated outside the period and left out`, published: true }));
    }
    return {
      ok: true,
      leads: {
        file: this.shown,
        rowsRead: this.rowsRead,
        byCriteriaMet: this.byCriteriaMet,
        criteria: this.criteria,
        leftOut: { ...this.leftOut },
        dates: this.first !== null && this.last !== null ? { first: this.first, last: this.last } : null,
        problems,
      },
    };
  }
}
