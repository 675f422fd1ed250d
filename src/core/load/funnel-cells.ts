/**
 * Reading a row's cells for one funnel metric (pilot-format.md, "Funnel
 * metrics"): one cell per stage, each saying whether the lead reached it.
 *
 * - yes, 1, true or x (any case), or a date (the day it was reached): reached;
 * - no, 0, false, or an empty cell: not reached. Unlike a proportion's
 *   column, where an empty cell is a value nobody recorded, an export leaves
 *   a stage's cell empty for every lead that never got there;
 * - anything else is refused, with what was expected.
 *
 * Reaching a stage implies reaching every earlier one (a deal won was an
 * opportunity first, even if nobody ticked the box): a row marked at a later
 * stage and not an earlier one counts at the earlier stages too, and its row
 * is noted so the data notes can say how many, and where.
 */
import { readDate, readPlainOutcomeIn, readTickBox } from './cells.ts';
import type { MetricPlan } from './columns.ts';
import type { RowView } from './row-view.ts';

export const FUNNEL_STAGE_EXPECTED =
  'expected whether the lead reached this stage: yes or no (also 1 or 0, true or false, x), the date it was reached (YYYY-MM-DD), or an empty cell for not reached';

/** One stage's cell: reached or not (a blank cell is not reached), or null when it says neither. */
export function readFunnelStage(raw: string): boolean | null {
  const ticked = readTickBox(raw);
  if (ticked !== undefined) return ticked ?? false;
  return readDate(raw).ok ? true : null;
}

/** How many rows of one funnel marked a later stage but not an earlier one, and the first few of them. */
export interface SkippedStages {
  rows: number;
  examples: number[];
}

/** Rows named in a skipped-stages note; the rest are counted. */
export const SKIPPED_EXAMPLES = 5;

export class FunnelCells {
  /** After read(): per stage, 1 when the lead reached it (or a later one), else 0. */
  readonly reached: number[] = [];
  /** After a false read(): the column of the cell that is not a stage, and the cell. */
  column = -1;
  cell = '';
  /** Per metric index, the rows that skipped a stage. */
  readonly skipped = new Map<number, SkippedStages>();

  /** The row's stages of funnel metric `m`; false when a cell says neither reached nor not (see column, cell). */
  read(row: RowView, plan: MetricPlan, rowNumber: number, m: number): boolean {
    const columns = plan.columns;
    const reached = this.reached;
    reached.length = columns.length;
    for (let s = 0; s < columns.length; s += 1) {
      const column = columns[s] as number;
      const text = row.text(column);
      let value = readPlainOutcomeIn(text, row.start(column), row.end(column));
      if (value !== value) {
        const cell = row.cell(column);
        const read = readFunnelStage(cell);
        if (read === null) {
          this.column = column;
          this.cell = cell;
          return false;
        }
        value = read ? 1 : 0;
      }
      reached[s] = value;
    }
    // From the last stage back: a stage reached implies every one before it.
    let later = 0;
    let skipped = false;
    for (let s = columns.length - 1; s >= 0; s -= 1) {
      if (reached[s] === 1) later = 1;
      else if (later === 1) {
        reached[s] = 1;
        skipped = true;
      }
    }
    if (skipped) this.noteSkipped(m, rowNumber);
    return true;
  }

  private noteSkipped(m: number, rowNumber: number): void {
    let noted = this.skipped.get(m);
    if (noted === undefined) {
      noted = { rows: 0, examples: [] };
      this.skipped.set(m, noted);
    }
    noted.rows += 1;
    if (noted.examples.length < SKIPPED_EXAMPLES) noted.examples.push(rowNumber);
  }
}
