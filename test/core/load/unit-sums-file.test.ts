/**
 * The per-unit aggregate form (form: unit-sums): the same results document
 * as the row-level file it summarises, and every bad cell named by file,
 * row, column, value and what was expected.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzePilot } from '../../../src/core/analyze.ts';
import { loadPilotData } from '../../../src/core/load/load-data.ts';
import type { Pilot } from '../../../src/core/pilot.ts';
import { formatProblem } from '../../../src/core/problems.ts';
import { comparable } from '../../support/comparable-results.ts';
import { assignmentOf, examplePilots, loadFolded, REPOSITORY, resultsOf, rowsOutsideThePilot, unitSumsCsv } from '../../support/examples-both-ways.ts';
import { makeProject, salesPilot } from '../../support/project.ts';

/** Each example is analysed twice, randomization inference and all: seconds on a shared machine. */
const ANALYSED_TWICE_MS = 60_000;

describe('an aggregate written from an example file\'s own sums gives its results document', async () => {
  const pilots = await examplePilots();
  it.each(pilots.map((example) => [example.slug, example] as const))('%s', async (_slug, example) => {
    const rowLevel = await loadFolded(REPOSITORY, example.pilot, example.file);
    const assignment = await assignmentOf(example);
    const expected = resultsOf(example, rowLevel, assignment);
    const outside = await rowsOutsideThePilot(example.pilot, path.join(REPOSITORY, 'data', example.pilot.data));
    const root = await makeProject({ 'data/units.csv': unitSumsCsv(example.pilot, rowLevel, outside) });
    const pilot: Pilot = { ...example.pilot, data: 'units.csv', form: 'unit-sums' };
    const aggregate = await loadFolded(root, pilot, example.file);
    // Every unit's sums, to the last bit, in the same order.
    expect([...aggregate.units.values()].map(({ name, arm, pilotRows, metrics }) => ({ name, arm, pilotRows, metrics }))).toEqual(
      [...rowLevel.units.values()].map(({ name, arm, pilotRows, metrics }) => ({ name, arm, pilotRows, metrics })),
    );
    expect(comparable(resultsOf({ ...example, pilot }, aggregate, assignment), rowLevel)).toEqual(comparable(expected, rowLevel));
  }, ANALYSED_TWICE_MS);
});

const HEADER = 'rep,group,period,row_count,revenue__rows,revenue__numerator,won__rows,won__numerator,per_call__rows,per_call__numerator,per_call__denominator';

async function load(lines: string[], pilot: Pilot = salesPilot()) {
  const root = await makeProject({ 'data/units.csv': `${lines.join('\n')}\n` });
  return loadPilotData(root, { ...pilot, data: 'units.csv', form: 'unit-sums' }, 'pilots/test.md');
}

async function messages(lines: string[]): Promise<string[]> {
  const result = await load(lines);
  return (result.ok ? result.data.problems : result.problems).map(formatProblem);
}

describe('reading an aggregate', () => {
  it('adds the periods\' rows up and counts the rows left out of each metric', async () => {
    const result = await load([
      HEADER,
      'ann,pilot,pre,4,4,400,3,1,4,400,20',
      'ann,pilot,pilot,5,5,900.5,5,2,4,800,40',
      'bob,control,pilot,6,5,300,6,3,5,300,30',
      'bob,control,after,2,0,0,0,0,0,0,0',
      'cy,control,pre,3,3,30,3,0,3,30,3',
    ]);
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
    const { data } = result;
    expect([...data.units.keys()]).toEqual(['ann', 'bob', 'cy']);
    expect(data.units.get('ann')?.metrics[0]).toEqual({ pre: { rows: 4, numerator: 400, denominator: 4 }, pilot: { rows: 5, numerator: 900.5, denominator: 5 } });
    expect(data.units.get('ann')?.metrics[2]?.pilot).toEqual({ rows: 4, numerator: 800, denominator: 40 });
    expect(data.units.get('bob')?.pilotRows).toBe(6);
    expect(data.units.get('cy')?.pilotRows).toBe(0);
    expect(data.units.get('cy')?.firstRow).toBe(6);
    expect({ read: data.rowsRead, pre: data.rowsPre, pilot: data.rowsPilot, after: data.rowsAfterEnd }).toEqual({ read: 20, pre: 7, pilot: 11, after: 2 });
    // Pilot period: revenue 0 + 1, won 0 + 0, per-call 1 + 1; pre: only won at ann (4 rows, 3 with a value).
    expect(data.missing).toEqual([1, 0, 2]);
    expect(data.missingPre).toEqual([0, 1, 0]);
    expect(data.weeks).toEqual([[], [], []]);
  });

  it('names every missing column at once, with the columns the file has', async () => {
    expect(await messages(['rep,group,row_count,revenue__rows', 'ann,pilot,1,1'])).toEqual([
      'data/units.csv, row 1, column "period": column "period" (pre, pilot or after: the pilot has a date column) in pilots/test.md is not in the header (form: unit-sums); the columns are: "rep", "group", "row_count", "revenue__rows". `fieldproof sql` writes the query that makes them',
      expect.stringContaining('column "revenue__numerator": column "revenue__numerator" (the sum of revenue)'),
      expect.stringContaining('column "won__rows": column "won__rows" (the rows with a value of won)'),
      expect.stringContaining('column "won__numerator": column "won__numerator" (the yes count of won)'),
      expect.stringContaining('column "per_call__rows"'),
      expect.stringContaining('column "per_call__numerator"'),
      expect.stringContaining('column "per_call__denominator": column "per_call__denominator" (the sum of per-call\'s denominator)'),
    ]);
  });

  it('refuses each bad cell by row, column and value, saying what was expected', async () => {
    expect(
      await messages([
        HEADER,
        'ann,pilot,pilot,2.5,2,10,2,1,2,10,2',
        'bob,pilot,pilot,-1,0,0,0,0,0,0,0',
        'cy,pilot,pilot,3,4,10,3,1,3,10,3',
        'dee,pilot,pilot,3,3,10,3,4,3,10,3',
        'eve,pilot,pilot,3,3,10,3,1,3,10,-3',
        'fay,pilot,pilot,3,3,"$1,200",3,1,3,10,3',
        'gus,pilot,pilot,3,0,7,3,1,3,10,3',
        'hal,pilot,later,3,3,10,3,1,3,10,3',
        'ida,test,pilot,3,3,10,3,1,3,10,3',
        ',pilot,pilot,3,3,10,3,1,3,10,3',
        'jo,pilot,pilot,3,3,10,3,1,3,10',
        'kim,pilot,pilot,3,3,,3,1,3,10,3',
      ]),
    ).toEqual([
      'data/units.csv, row 2, column "row_count": "2.5": is the unit\'s rows in the period; expected a whole number, 0 or more',
      'data/units.csv, row 3, column "row_count": "-1": is the unit\'s rows in the period; expected a whole number, 0 or more',
      'data/units.csv, row 4, column "revenue__rows": "4": is more than the unit\'s rows in the period (3, column "row_count"); expected at most that many rows with a value',
      'data/units.csv, row 5, column "won__numerator": "4": is more yes outcomes than rows with a value (3, column "won__rows"); expected at most that many',
      'data/units.csv, row 6, column "per_call__denominator": "-3": is negative, but a ratio\'s denominator counts things (opportunities, calls, weeks); expected 0 or more',
      'data/units.csv, row 7, column "revenue__numerator": "$1,200": expected a number as a query writes it, e.g. 1834.27 or 12',
      'data/units.csv, row 8, column "revenue__numerator": "7": is a sum over no rows (column "revenue__rows" is 0); expected 0',
      'data/units.csv, row 9, column "period": "later": expected the period: pre (before "started"), pilot, or after (after "ended")',
      'data/units.csv, row 10, column "group": "test": is neither the pilot label "pilot" nor the control label "control"; expected one of them exactly',
      'data/units.csv, row 11, column "rep": "": every row must name its unit; expected a unit name',
      'data/units.csv, row 12: this row has 10 cells but the header has 11; expected one cell per column',
      'data/units.csv, row 13, column "revenue__numerator": "": is empty; expected a number as a query writes it, e.g. 1834.27 or 12 (0 where the unit has no values)',
    ]);
  });

  it('refuses a unit in both groups, and a unit twice in one period', async () => {
    expect(await messages([HEADER, 'ann,pilot,pilot,1,1,10,1,1,1,10,1', 'ann,control,pre,1,1,10,1,1,1,10,1', 'ann,pilot,pilot,1,1,10,1,1,1,10,1'])).toEqual([
      'data/units.csv, row 3, column "group": "control": unit "ann" is in the pilot group on row 2 and in the control group here; expected each unit in exactly one group',
      'data/units.csv, row 4, column "rep": "ann": unit "ann" has a row for the pilot period already, on row 2; expected one row per unit and period (the query groups by unit, group and period)',
    ]);
  });

  it('gives the file\'s bytes to the tap, for the evidence cache\'s hash', async () => {
    const text = `${HEADER}\nann,pilot,pilot,1,1,10,1,1,1,10,1\n`;
    const root = await makeProject({ 'data/units.csv': text });
    const bytes: Buffer[] = [];
    await loadPilotData(root, { ...salesPilot(), data: 'units.csv', form: 'unit-sums' }, 'pilots/test.md', { tap: (chunk) => void bytes.push(Buffer.from(chunk)) });
    expect(Buffer.concat(bytes).toString('utf8')).toBe(text);
  });

  it('says a file that is not UTF-8 as for a row-level file, by its row', async () => {
    const root = await makeProject({ 'data/units.csv': Buffer.concat([Buffer.from(`${HEADER}\nann,pilot,pilot,1,1,10,1,1,1,10,1\nb`), Buffer.from([0xff]), Buffer.from('b,control,pilot,1,1,10,1,1,1,10,1\n')]) });
    const result = await loadPilotData(root, { ...salesPilot(), data: 'units.csv', form: 'unit-sums' }, 'pilots/test.md');
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual(['data/units.csv, row 3: the file is not UTF-8 text; save it as "CSV UTF-8" from the spreadsheet']);
  });

  it('says a file with a header and no rows is empty', async () => {
    expect(await messages([HEADER])).toEqual(['data/units.csv: the file has a header but no data rows; expected one row per unit and period below the header']);
  });
});

describe('an aggregate with no row for the pilot period', () => {
  it('is refused by the analysis, which says no unit has one (an aggregate keeps no dates)', async () => {
    const root = await makeProject({ 'data/units.csv': `${HEADER}\nann,pilot,pre,1,1,10,1,1,1,10,1\nbob,control,pre,1,1,10,1,1,1,10,1\n` });
    const pilot: Pilot = { ...salesPilot(), data: 'units.csv', form: 'unit-sums' };
    const data = await loadFolded(root, pilot, 'pilots/test.md');
    const outcome = analyzePilot('test', pilot, 'pilots/test.md', data);
    expect(outcome.ok ? [] : outcome.problems.map(formatProblem)).toEqual([
      'data/units.csv, column "day": no row is dated within the pilot (2026-03-02 to 2026-05-31); no unit has a row for the pilot period',
    ]);
  });
});
