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
  /**
   * A warning the results document publishes among its `warnings` (so the
   * command line need not print it again beside the document). Absent for
   * warnings only the person running the build sees, such as look-alike
   * unit names, which may be private.
   */
  published?: boolean;
}

const LONGEST_VALUE = 60;

/**
 * Characters a reader cannot see or that a terminal would act on, beyond the
 * C0 controls JSON already escapes: DEL and the C1 controls, no-break and
 * soft hyphen, line and paragraph separators, and every invisible format
 * character (zero-width spaces and joiners, bidirectional overrides, BOM).
 * A group label "pilot\u200b" must not look exactly like "pilot".
 */
const INVISIBLE = /[\u007f-\u00a0\u2028\u2029\p{Cf}]/gu;

/**
 * Quote a value for a message, shortening very long ones so a 10 MB cell cannot flood the terminal,
 * and writing invisible or control characters as \u escapes.
 */
export function quoteValue(value: string): string {
  const shown = value.length > LONGEST_VALUE ? `${value.slice(0, LONGEST_VALUE)}… (${value.length} characters)` : value;
  return JSON.stringify(shown).replace(INVISIBLE, (character) => `\\u${(character.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
}

// C0 and DEL, C1, line/paragraph separators, bidi embeddings, overrides and isolates.
const UNSAFE_IN_A_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from a user's files made safe to print as one line of a terminal or a
 * build log: line breaks and tabs become spaces, and every other control
 * character or bidi control is written as a visible \u escape, so an ESC in a
 * title cannot clear the screen or forge a line, and a right-to-left
 * override cannot reorder the rest of the line (CVE-2021-42574).
 */
export function oneLine(text: string): string {
  return text.replace(UNSAFE_IN_A_LINE, (character) =>
    character === '\n' || character === '\r' || character === '\t' || character === '\u2028' || character === '\u2029'
      ? ' '
      : `\\u${(character.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * One line: `data/x.csv, row 14, column "revenue": "12a" is not a number; expected ...`.
 * Safe to print as it is: user text in the message (a label, a file name) cannot break the line or act on a terminal.
 */
export function formatProblem(problem: Problem): string {
  // In a pilot file the place is a line and a frontmatter key; in a CSV, a row and a column.
  const inPilotFile = problem.file.endsWith('.md');
  const place = [problem.file];
  if (problem.row !== undefined) place.push(`${inPilotFile ? 'line' : 'row'} ${problem.row}`);
  if (problem.column !== undefined) place.push(`${inPilotFile ? 'key' : 'column'} ${quoteValue(problem.column)}`);
  const value = problem.value === undefined ? '' : `${quoteValue(problem.value)}: `;
  return oneLine(`${place.join(', ')}: ${value}${problem.message}`);
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
    // Problems in the user's files, not a fault in the code: the message is the
    // whole story. Without a stack, a failed `astro build` prints the list and
    // no "Location:" or "Stack trace:" of fieldproof's own source files.
    this.stack = '';
  }
}
