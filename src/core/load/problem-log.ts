/**
 * The problems found while reading a data file, listed the way a person can
 * act on them: the first few of each kind in each column are listed with
 * their row, the rest are counted in one closing line. A file with a million
 * bad dates gives ten messages and "and 999,990 more", not a million.
 */
import { formatCount } from '../present/format.ts';
import { error, warning, type Problem } from '../problems.ts';

/** After this many problems of one kind in one column, the rest are counted, not listed. */
export const LISTED_PER_KIND = 10;

export class ProblemLog {
  readonly problems: Problem[] = [];
  private readonly file: string;
  private readonly seen = new Map<string, { count: number; column: string | undefined }>();

  constructor(file: string) {
    this.file = file;
  }

  /** A problem that is never capped (the header's, the file's as a whole). */
  add(problem: Omit<Problem, 'severity' | 'file'>): void {
    this.problems.push(error({ file: this.file, ...problem }));
  }

  /** Something to check that does not stop the analysis; never published (it may name units). */
  warn(problem: Omit<Problem, 'severity' | 'file'>): void {
    this.problems.push(warning({ file: this.file, ...problem }));
  }

  /**
   * A problem of a row. `kind` groups problems for capping; the text before
   * its first ":" names the kind in the closing count.
   */
  report(kind: string, problem: Omit<Problem, 'severity' | 'file'>): void {
    const key = `${kind}\u0000${problem.column ?? ''}`;
    const seen = this.seen.get(key);
    if (seen === undefined) {
      this.seen.set(key, { count: 1, column: problem.column });
      this.add(problem);
    } else {
      seen.count += 1;
      if (seen.count <= LISTED_PER_KIND) this.add(problem);
    }
  }

  /** One line per kind that passed the cap, saying how many rows were not listed. */
  closeOverflow(): void {
    for (const [key, seen] of this.seen) {
      if (seen.count <= LISTED_PER_KIND) continue;
      const kind = (key.split('\u0000')[0] ?? '').split(':')[0];
      this.add({
        ...(seen.column === undefined ? {} : { column: seen.column }),
        message: `and ${formatCount(seen.count - LISTED_PER_KIND)} more rows with the same problem (${kind})`,
      });
    }
  }
}
