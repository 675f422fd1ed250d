/**
 * A funnel metric's cells (funnel-cells.ts) and its schema (pilot.ts): what
 * counts as reaching a stage, how a skipped stage is counted, and the
 * messages for bad keys and bad cells, each naming the file, the row as a
 * spreadsheet shows it, the column, the value and what was expected.
 */
import { describe, expect, it } from 'vitest';
import { FUNNEL_STAGE_EXPECTED, readFunnelStage } from '../../../src/core/load/funnel-cells.ts';
import { UnitSumsBuilder, type FoldedData } from '../../../src/core/load/unit-sums-builder.ts';
import { parsePilotFile } from '../../../src/core/pilot-file.ts';
import type { Pilot } from '../../../src/core/pilot.ts';
import { formatProblem } from '../../../src/core/problems.ts';
import { BASE_FRONTMATTER, pilotMarkdown } from '../../support/project.ts';

function parse(metrics: string): ReturnType<typeof parsePilotFile> {
  return parsePilotFile('pilots/test.md', pilotMarkdown(`${BASE_FRONTMATTER}\nmetrics:\n${metrics}`));
}

function problemsOf(metrics: string): string[] {
  const parsed = parse(metrics);
  return parsed.ok ? [] : parsed.problems.map(formatProblem);
}

function funnelPilot(): Pilot {
  const parsed = parse(`  - { id: calls, label: Calls, type: mean, column: calls }\n  - { id: funnel, label: Lead funnel, type: funnel, stages: [followed_up, opportunity, won] }`);
  if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'));
  return parsed.value.pilot;
}

const HEADER = ['rep', 'group', 'calls', 'followed_up', 'opportunity', 'won'];

function fold(rows: string[][], lines = false): FoldedData {
  const builder = new UnitSumsBuilder(funnelPilot(), 'data/leads.csv');
  builder.header(HEADER, ',');
  if (lines) {
    const text = `${rows.map((row) => row.join(',')).join('\n')}\n`;
    builder.lines({ text, newline: '\n', firstRow: 2, bytes: Buffer.from(text) });
  } else builder.rows({ firstRow: 2, rows });
  return builder.finish();
}

describe('a funnel stage cell', () => {
  it('is reached for yes, 1, true, x or a date; not reached for no, 0, false or empty', () => {
    for (const cell of ['yes', 'YES', ' Yes ', '1', 'true', 'TRUE', 'x', 'X', 'y', '2026-03-02', '2026-03-02 10:30:00']) expect(readFunnelStage(cell), cell).toBe(true);
    for (const cell of ['no', 'No', '0', 'false', 'n', '', '   ']) expect(readFunnelStage(cell), cell).toBe(false);
    for (const cell of ['maybe', '2', '03/02/2026', '2026-02-31', 'won']) expect(readFunnelStage(cell), cell).toBeNull();
  });
});

describe('a funnel metric in the loader', () => {
  const rows = [
    ['ann', 'pilot', '3', 'yes', 'yes', 'no'],
    ['ann', 'pilot', '4', '2026-03-04', '', ''],
    ['ann', 'pilot', '1', '', '', ''],
    // Won, with the opportunity left blank: counted as an opportunity and a follow-up too.
    ['ann', 'pilot', '2', 'No', '', 'x'],
    ['bob', 'control', '5', '0', '0', '0'],
    ['bob', 'control', '2', 'TRUE', '1', '1'],
  ];

  it('counts each stage per unit over its leads, the funnel\'s own slot holding the last stage', () => {
    for (const lines of [false, true]) {
      const data = fold(rows, lines);
      expect(data.problems).toEqual([]);
      const ann = data.units.get('ann')!;
      const bob = data.units.get('bob')!;
      // Slots: 0 calls, 1 the funnel (its last stage, won), 2 followed_up, 3 opportunity (sum-slots.ts).
      expect(ann.metrics.map((sums) => sums.pilot)).toEqual([
        { rows: 4, numerator: 10, denominator: 4 },
        { rows: 4, numerator: 1, denominator: 4 },
        { rows: 4, numerator: 3, denominator: 4 },
        { rows: 4, numerator: 2, denominator: 4 },
      ]);
      expect(bob.metrics.map((sums) => sums.pilot.numerator)).toEqual([7, 1, 1, 1]);
      // A blank stage is "not reached", never a missing value.
      expect(data.missing).toEqual([0, 0]);
    }
  });

  it('notes the rows that skipped a stage, by spreadsheet row', () => {
    const data = fold(rows);
    expect(data.notes).toEqual([
      {
        message:
          'Lead funnel: 1 lead is marked as reaching a later stage but not an earlier one (row 5); each is counted as reaching the earlier stages too, since a lead reaches a stage only through the ones before it',
      },
    ]);
  });

  it('refuses a cell that is neither reached nor not, naming file, row, column, value and what was expected', () => {
    const data = fold([...rows, ['bob', 'control', '1', 'maybe', 'no', 'pending'], ['bob', 'control', '1', 'yes', '03/04/2026', 'no']]);
    expect(data.problems.map(formatProblem)).toEqual([
      `data/leads.csv, row 8, column "followed_up": "maybe": ${FUNNEL_STAGE_EXPECTED}`,
      `data/leads.csv, row 9, column "opportunity": "03/04/2026": ${FUNNEL_STAGE_EXPECTED}`,
    ]);
  });

  it('names a stage column missing from the header by its key', () => {
    const builder = new UnitSumsBuilder(funnelPilot(), 'data/leads.csv');
    builder.header(['rep', 'group', 'calls', 'followed_up', 'won'], ',');
    expect(builder.finish().problems.map(formatProblem)).toEqual([expect.stringMatching(/^data\/leads\.csv, row 1, column "opportunity": column named by "metrics\.funnel\.stages\[2\]" is not in the header/)]);
  });
});

describe('the funnel keys of a pilot file', () => {
  it('takes stages as column names or { column, label }, and labels a bare column by its name in words', () => {
    const parsed = parse('  - { id: f, label: Funnel, type: funnel, stages: [followed_up, { column: opp, label: became an opportunity }, { column: won-deal }] }');
    expect(parsed.ok).toBe(true);
  });

  it('needs at least two distinct stages, and refuses column keys on a funnel and stages elsewhere', () => {
    expect(problemsOf('  - { id: f, label: F, type: funnel }')).toEqual([
      'pilots/test.md, key "metrics[0].stages": a funnel metric needs "stages": at least 2 columns in the order a lead passes them, e.g. stages: [followed_up, opportunity, won]',
    ]);
    expect(problemsOf('  - { id: f, label: F, type: funnel, stages: [won] }')).toEqual([
      'pilots/test.md, key "metrics[0].stages": a funnel metric needs "stages": at least 2 columns in the order a lead passes them, e.g. stages: [followed_up, opportunity, won]; got 1',
    ]);
    expect(problemsOf('  - { id: f, label: F, type: funnel, stages: [a, b, a] }')).toEqual([
      'pilots/test.md, key "metrics[0].stages": each stage is a column of its own; "a" is named more than once',
    ]);
    expect(problemsOf('  - { id: f, label: F, type: funnel, column: a, stages: [a, b] }')).toEqual([
      'pilots/test.md, key "metrics[0].column": "a": a funnel metric takes no "column"; a funnel names its columns under "stages"',
    ]);
    expect(problemsOf('  - { id: f, label: F, type: proportion, column: a, stages: [a, b] }')).toEqual([
      'pilots/test.md, key "metrics[0].stages": only a funnel metric takes "stages"; write type: funnel, or remove "stages"',
    ]);
    expect(problemsOf('  - { id: f, label: F, type: funnel, stages: [a, 3] }')).toEqual(['pilots/test.md, key "metrics[0].stages[1]": "3": expected a column name, or { column, label }']);
  });
});
