/**
 * A row's cells for one metric (metric-cells.ts): the fast readers and the
 * careful ones give the same values, a column's decimal mark is learnt from
 * the careful reader, and an empty or unreadable cell is told apart.
 */
import { describe, expect, it } from 'vitest';
import type { MetricPlan } from '../../../src/core/load/columns.ts';
import { readNumber } from '../../../src/core/load/cells.ts';
import { DecimalMarks } from '../../../src/core/load/decimal-marks.ts';
import { EMPTY, MetricCells, NOT_A_VALUE, VALUE } from '../../../src/core/load/metric-cells.ts';
import { ProblemLog } from '../../../src/core/load/problem-log.ts';
import { RowView } from '../../../src/core/load/row-view.ts';

/** A ratio of columns 0 over 1 in a ";" file. */
const RATIO: MetricPlan = {
  columns: [0, 1],
  readers: [(cell) => readNumber(cell, { delimiter: ';' }), (cell) => readNumber(cell, { delimiter: ';' })],
  first: 0,
  second: 1,
  outcome: false,
  duration: null,
};

function readAll(lines: string[], fastPaths: boolean) {
  const marks = new DecimalMarks();
  const cells = new MetricCells(2, ';', marks, fastPaths);
  const view = new RowView();
  const text = lines.join('\n');
  view.startBlock();
  let start = 0;
  const read = lines.map((line, k) => {
    view.setLine(text, start, start + line.length, text.length, ';');
    start += line.length + 1;
    const outcome = cells.read(view, RATIO, k + 2);
    return outcome === VALUE ? [cells.numerator, cells.denominator] : outcome === EMPTY ? 'empty' : `not a value: ${cells.cell} (${cells.expected})`;
  });
  const log = new ProblemLog('data/x.csv');
  return { read, notes: marks.check(['revenue', 'calls'], log, ';'), problems: log.problems };
}

describe('MetricCells', () => {
  const lines = ['12,5;2', '7;1', '1.250;4', '3,25;1,5E+00', ';3', '4;x', '2,5;1', '-0,5;2'];

  it('reads what the careful readers alone read, and tells an empty cell from one that is no value', () => {
    const fast = readAll(lines, true);
    expect(fast).toEqual(readAll(lines, false));
    expect(fast.read).toEqual([[12.5, 2], [7, 1], [1250, 4], [3.25, 1.5], 'empty', `not a value: x (expected a number, e.g. 1200, 1200.50, 1.200,50, €1.200 or 12%)`, [2.5, 1], [-0.5, 2]]);
    // 1.250 reads both ways: beside decimal commas, as thousands, and no note is needed; the careful reader saw it.
    expect(fast.problems).toEqual([]);
    expect(fast.notes).toEqual([]);
    expect(readAll(['1.250;4', '7;1'], true).notes).toEqual([{ column: 'revenue', message: expect.stringMatching(/^values such as "1.250" on row 2 were read as 1250/) }]);
    expect([EMPTY, NOT_A_VALUE]).toEqual([1, 2]);
  });
});
