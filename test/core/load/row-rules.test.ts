/**
 * The rules of a row (row-rules.ts, pilot-format.md "Data"), one rule at a
 * time, on rows handed over as cells. That a line read in place means the
 * same as its cells is read-csv.test.ts's to show.
 */
import { describe, expect, it } from 'vitest';
import { planColumns } from '../../../src/core/load/columns.ts';
import { DayBook } from '../../../src/core/load/days.ts';
import { DecimalMarks } from '../../../src/core/load/decimal-marks.ts';
import { MetricCells } from '../../../src/core/load/metric-cells.ts';
import { ProblemLog } from '../../../src/core/load/problem-log.ts';
import { RowRules, type RowBooks } from '../../../src/core/load/row-rules.ts';
import { RowView } from '../../../src/core/load/row-view.ts';
import { UnitRegister } from '../../../src/core/load/unit-register.ts';
import { UnitSumsStore } from '../../../src/core/load/unit-sums.ts';
import { formatProblem } from '../../../src/core/problems.ts';
import { salesPilot } from '../../support/project.ts';

const HEADER = ['rep', 'group', 'day', 'revenue', 'won', 'calls'];

/** The rules over `rows` (cells; row numbers from 2), and what each accumulate() said. */
function apply(rows: string[][]) {
  const pilot = salesPilot();
  const log = new ProblemLog('data/sales.csv');
  const columns = planColumns(pilot, HEADER, ',', log);
  const books: RowBooks = {
    log,
    counts: { rowsRead: 0, rowsPre: 0, rowsPilot: 0, rowsAfterEnd: 0, missing: [0, 0, 0], missingPre: [0, 0, 0] },
    units: new UnitRegister(),
    sums: new UnitSumsStore(pilot.metrics.length),
    days: new DayBook(pilot),
    metricCells: new MetricCells(HEADER.length, ',', new DecimalMarks(), true),
  };
  const rules = new RowRules(pilot, HEADER, columns, books);
  const view = new RowView();
  const summed = rows.map((cells, index) => {
    view.setCells(cells);
    return rules.accumulate(view, index + 2);
  });
  const units = books.units.units.map((unit) => `${unit.name}:${unit.arm}:${unit.firstRow}:${unit.pilotRows}`);
  books.sums.publish(books.units.units, books.days.weeks);
  const revenue = Object.fromEntries(books.units.units.map((unit) => [unit.name, [unit.metrics[0]?.pre.numerator, unit.metrics[0]?.pilot.numerator]]));
  return { summed, counts: books.counts, units, revenue, problems: log.problems.map(formatProblem) };
}

describe('RowRules', () => {
  it('skips blank rows and rows of delimiters only, which are no data', () => {
    const { summed, counts, problems } = apply([[''], ['', '', '', '', '', ''], [' ', '\u00a0', '', '', '', '']]);
    expect(summed).toEqual([false, false, false]);
    expect(counts.rowsRead).toBe(0);
    expect(problems).toEqual([]);
  });

  it('refuses a row with more or fewer cells than the header, but not empty cells past the last column', () => {
    const { summed, counts, problems } = apply([
      ['ann', 'pilot', '2026-03-02', '5', '1', '1', '7'],
      ['ann', 'pilot', '2026-03-02', '5', '1'],
      ['ann', 'pilot', '2026-03-02', '5', '1', '1', '', ' '],
    ]);
    expect(summed).toEqual([false, false, true]);
    expect(counts.rowsRead).toBe(3);
    expect(problems).toEqual([
      'data/sales.csv, row 2: this row has 7 cells but the header has 6; expected one cell per column (check for an unquoted delimiter inside a value)',
      'data/sales.csv, row 3: this row has 5 cells but the header has 6; expected one cell per column (check for an unquoted delimiter inside a value)',
    ]);
  });

  it('reads the unit and the group as String#trim leaves them, and refuses a label that is neither', () => {
    const { summed, units, problems } = apply([
      [' ann ', '\tpilot\u00a0', '2026-03-02', '5', '1', '1'],
      ['ann', 'pilot', '2026-03-03', '5', '1', '1'],
      ['bob', 'Pilot', '2026-03-02', '5', '1', '1'],
      ['', 'control', '2026-03-02', '5', '1', '1'],
      ['cy', ' ', '2026-03-02', '5', '1', '1'],
    ]);
    expect(summed).toEqual([true, true, false, false, false]);
    expect(units).toEqual(['ann:pilot:2:2']);
    expect(problems).toEqual([
      'data/sales.csv, row 4, column "group": "Pilot": is neither the pilot label "pilot" nor the control label "control"; expected one of them exactly',
      'data/sales.csv, row 5, column "rep": "": every row must name its unit; expected a unit name',
      'data/sales.csv, row 6, column "group": "": is empty; every row must name its group: expected the pilot label "pilot" or the control label "control"',
    ]);
  });

  it('splits the rows by date: pre-period, pilot period, and after the end (ignored, counted)', () => {
    const { summed, counts, revenue, problems } = apply([
      ['ann', 'pilot', '2026-02-23', '10', '1', '1'],
      ['ann', 'pilot', '2026-03-02', '20', '1', '1'],
      ['ann', 'pilot', '2026-05-31 23:59:00', '40', '1', '1'],
      ['ann', 'pilot', '2026-06-01', '80', '1', '1'],
      ['ann', 'pilot', '03/02/2026', '160', '1', '1'],
      ['ann', 'pilot', ' ', '320', '1', '1'],
    ]);
    expect(summed).toEqual([true, true, true, false, false, false]);
    expect(counts).toMatchObject({ rowsRead: 6, rowsPre: 1, rowsPilot: 2, rowsAfterEnd: 1 });
    expect(revenue).toEqual({ ann: [10, 60] });
    expect(problems).toEqual([
      'data/sales.csv, row 6, column "day": "03/02/2026": expected a date as YYYY-MM-DD, e.g. 2026-03-02',
      'data/sales.csv, row 7, column "day": " ": is empty; expected a date as YYYY-MM-DD, e.g. 2026-03-02',
    ]);
  });

  it('refuses a unit in both groups, even on a row after the end', () => {
    const { summed, problems } = apply([
      ['ann', 'pilot', '2026-03-02', '5', '1', '1'],
      ['ann', 'control', '2026-07-01', '5', '1', '1'],
    ]);
    expect(summed).toEqual([true, false]);
    expect(problems).toEqual([
      'data/sales.csv, row 3, column "group": "control": unit "ann" is in the pilot group on row 2 and in the control group here; expected each unit in exactly one group',
    ]);
  });

  it('leaves a row out of a metric whose cell is empty, counting it by period, and refuses a cell that is no value once', () => {
    const { summed, counts, revenue, problems } = apply([
      ['ann', 'pilot', '2026-03-02', '', '1', '1'],
      ['ann', 'pilot', '2026-02-23', ' ', '1', '1'],
      ['ann', 'pilot', '2026-03-02', '12a', '1', '1'],
      ['ann', 'pilot', '2026-03-02', '7', 'maybe', ''],
    ]);
    expect(summed).toEqual([true, true, true, true]);
    // revenue: empty in the pilot and before it; the ratio revenue / calls: the same, and calls empty on row 5.
    expect(counts.missing).toEqual([1, 0, 2]);
    expect(counts.missingPre).toEqual([1, 0, 1]);
    expect(revenue).toEqual({ ann: [0, 7] });
    // "12a" is read by the mean and by the ratio's numerator: one cell, one message.
    expect(problems).toEqual([
      'data/sales.csv, row 4, column "revenue": "12a": expected a number, e.g. 1200, 1,200.50, $1,200 or 12%',
      'data/sales.csv, row 5, column "won": "maybe": expected a yes/no outcome: 1 or 0, true or false, yes or no',
    ]);
  });
});
