/**
 * Every message a user sees about their input goes through here, so each one
 * names the file, the row as a spreadsheet shows it (header = row 1), the
 * column, the offending value and what was expected.
 */

export type Severity = 'error' | 'warning';

export interface Problem {
  severity: Severity;
  /** Repository-relative path, e.g. "data/nurture.csv" or "pilots/nurture.md". */
  file: string;
  /** Spreadsheet row number (header = 1), or for a pilot file its line; absent for whole-file problems. */
  row?: number;
  /** CSV column, or for a pilot file the frontmatter key (printed as "key"). */
  column?: string;
  /** The offending value exactly as written (shortened when very long). */
  value?: string;
  /** What is wrong and what was expected, in plain words. */
  message: string;
}

const LONGEST_VALUE = 60;

/** Quote a value for a message, shortening very long ones so a 10 MB cell cannot flood the terminal. */
export function quoteValue(value: string): string {
  const shown = value.length > LONGEST_VALUE ? `${value.slice(0, LONGEST_VALUE)}… (${value.length} characters)` : value;
  return JSON.stringify(shown);
}

/** One line: `data/x.csv, row 14, column "revenue": "12a" is not a number; expected ...` */
export function formatProblem(problem: Problem): string {
  // In a pilot file the place is a line and a frontmatter key; in a CSV, a row and a column.
  const inPilotFile = problem.file.endsWith('.md');
  const place = [problem.file];
  if (problem.row !== undefined) place.push(`${inPilotFile ? 'line' : 'row'} ${problem.row}`);
  if (problem.column !== undefined) place.push(`${inPilotFile ? 'key' : 'column'} ${JSON.stringify(problem.column)}`);
  const value = problem.value === undefined ? '' : `${quoteValue(problem.value)}: `;
  return `${place.join(', ')}: ${value}${problem.message}`;
}

export const error = (problem: Omit<Problem, 'severity'>): Problem => ({ severity: 'error', ...problem });
export const warning = (problem: Omit<Problem, 'severity'>): Problem => ({ severity: 'warning', ...problem });

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((problem) => problem.severity === 'error');
}

/**
 * An error that carries every problem of a run and the exit status it means:
 * 1 for invalid input, 2 for wrong usage of the command line.
 */
export class FieldproofError extends Error {
  readonly problems: readonly Problem[];
  readonly exitCode: 1 | 2;

  constructor(problems: readonly Problem[], exitCode: 1 | 2 = 1) {
    const errors = problems.filter((problem) => problem.severity === 'error');
    const shown = errors.length > 0 ? errors : problems;
    super(
      `${shown.length} problem${shown.length === 1 ? '' : 's'} found:\n` +
        shown.map((problem) => `  ${formatProblem(problem)}`).join('\n'),
    );
    this.name = 'FieldproofError';
    this.problems = problems;
    this.exitCode = exitCode;
  }
}

/** An English list: "a", "a and b", "a, b and c". */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "1 row", "3 rows" */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? singular : plural}`;
}
