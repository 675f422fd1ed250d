/**
 * Hostile and careless data files against the CSV reader (issue #17, items 1
 * and 8 and the reader's share of item 9): each case is a real file read by
 * loadPilotData, with the exact problems it must give.
 *
 * The size limits (src/core/load/read-limits.ts) are tested at their values:
 * the files are a few MB, written to a temporary folder and removed. How long
 * a read takes is the benchmark's to measure (npm run bench -- --pathological),
 * never a test's.
 */
import { describe, expect, it } from 'vitest';
import type { PilotEvidence } from '../../src/core/evidence.ts';
import { designHistory, gitIn } from '../../src/core/history.ts';
import { formatProblem } from '../../src/core/problems.ts';
import { analyzeProject } from '../../src/core/project.ts';
import { makeProject, pilotMarkdown } from '../support/project.ts';
import { loadFile, pilotOf } from './support.ts';

/** The problems of a file that must be refused, formatted as `check` prints them. */
async function refused(csv: string, pilot = pilotOf({})): Promise<string[]> {
  const loaded = await loadFile(pilot, csv);
  if (loaded.ok) throw new Error('the file was read without an error');
  return loaded.problems.map(formatProblem);
}

/** An ordinary row of the test pilot's file (rep,group,revenue), numbered k. */
const row = (k: number) => `r${k % 7},${k % 2 === 0 ? 'pilot' : 'control'},${100 + (k % 13)}\n`;
const rows = (from: number, count: number) => Array.from({ length: count }, (_, k) => row(from + k)).join('');

describe('the read limits', () => {
  it('stops at an opening quote with no closing quote once its row passes 10,000,000 characters', async () => {
    // Row 4 opens a value with a quote that is never closed: the 10 MB after it are one value of one row.
    const csv = `rep,group,revenue\n${rows(0, 2)}r3,"pilot,120\n${rows(3, 750_000)}`;
    expect(csv.length).toBeGreaterThan(10_000_000);
    expect(await refused(csv)).toEqual([
      'data/prop.csv, row 4: this row runs past 10,000,000 characters without ending, the most a row may hold: most likely an opening quote with no closing quote from row 4, ' +
        'which makes every line after it part of one value; expected each value that starts with a quote to end with one (a quote inside a value is written twice: "")',
    ]);
  });

  it('names the value and its column when the file ends inside an unclosed quote of more than 1,000,000 characters', async () => {
    const csv = `rep,group,revenue\n${rows(0, 2)}r3,"pilot,120\n${rows(3, 100_000)}`;
    const length = csv.length - csv.indexOf('"') - 1;
    expect(await refused(csv)).toEqual([
      `data/prop.csv, row 4, column "group": a value of ${length.toLocaleString('en-US')} characters, more than the 1,000,000 a value may hold (a spreadsheet cell holds at most 32,767): ` +
        'most likely an opening quote with no closing quote from row 4, which makes every line after it part of this value; expected each value that starts with a quote to end with one',
    ]);
  });

  it('reads a quoted value of exactly 1,000,000 characters and refuses one of 1,000,001', async () => {
    const pilot = pilotOf({});
    const note = (length: number) => `"${'line of a note\n'.repeat(Math.ceil(length / 15)).slice(0, length)}"`;
    const file = (length: number) => `rep,group,revenue,note\nr1,pilot,10,x\nr2,pilot,12,${note(length)}\nr3,control,9,x\nr4,control,8,x\n`;
    const accepted = await loadFile(pilot, file(1_000_000));
    expect(accepted.ok && accepted.data.rowsRead).toBe(4);
    expect(await refused(file(1_000_001), pilot)).toEqual([
      'data/prop.csv, row 3, column "note": a value of 1,000,001 characters, more than the 1,000,000 a value may hold (a spreadsheet cell holds at most 32,767): ' +
        'most likely a quote opened in this row is closed only by a stray quote much later; expected each quoted value to end on the quote that closes it',
    ]);
  });

  it('reads rows of 2,000,000 characters one after another (under the limits)', async () => {
    const pilot = pilotOf({});
    const note = `"${'x'.repeat(999_990)}"`;
    const long = (k: number) => `r${k},${k % 2 === 0 ? 'pilot' : 'control'},${k},${note},${note}\n`;
    const loaded = await loadFile(pilot, `rep,group,revenue,a,b\n${Array.from({ length: 6 }, (_, k) => long(k)).join('')}`);
    expect(loaded.ok && loaded.data.rowsRead).toBe(6);
    expect(loaded.ok && [...loaded.data.units.keys()]).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5']);
  });

  it('reads a row of exactly 10,000,000 characters and refuses one of 10,000,001', async () => {
    const pilot = pilotOf({});
    const header = `rep,group,revenue,${Array.from({ length: 10 }, (_, k) => `n${k}`).join(',')}\n`;
    const short = (k: number) => `r${k},${k < 2 ? 'pilot' : 'control'},${k}${',x'.repeat(10)}\n`;
    // 11 + 10 quoted values of 999,996 characters and the 9 delimiters between them: 10,000,000 characters.
    const long = (extra: number) => `r1,pilot,7,${Array.from({ length: 10 }, (_, k) => `"${'x'.repeat(999_996 + (k === 9 ? extra : 0))}"`).join(',')}\n`;
    const file = (extra: number) => `${header}${short(0)}${long(extra)}${short(2)}${short(3)}`;
    expect(long(0).length).toBe(10_000_001);
    const accepted = await loadFile(pilot, file(0));
    expect(accepted.ok && accepted.data.rowsRead).toBe(4);
    expect(await refused(file(1), pilot)).toEqual([
      'data/prop.csv, row 3: this row runs past 10,000,000 characters without ending, the most a row may hold: most likely an opening quote with no closing quote from row 3, ' +
        'which makes every line after it part of one value; expected each value that starts with a quote to end with one (a quote inside a value is written twice: "")',
    ]);
  });

  it('stops at a row of more than 10,000,000 characters with no line break', async () => {
    const csv = `rep,group,revenue\n${rows(0, 1)}r2,pilot,${'1,'.repeat(5_000_001)}\n`;
    expect(await refused(csv)).toEqual([
      'data/prop.csv, row 3: this row runs past 10,000,000 characters without ending, the most a row may hold: most likely a value in it holds a whole document, ' +
        'or the file is not a CSV export with one row per line; expected rows of values as a spreadsheet exports them',
    ]);
  });

  it('stops at a header of more than 100,000 columns', async () => {
    const header = ['rep', 'group', 'revenue', ...Array.from({ length: 99_998 }, (_, k) => `c${k}`)].join(',');
    expect(await refused(`${header}\n${rows(0, 4)}`)).toEqual([
      'data/prop.csv, row 1: the header has 100,001 columns, more than the 100,000 a file may have (a spreadsheet holds at most 16,384): ' +
        'most likely the file is not a CSV export with one row per line; expected a header row naming the columns',
    ]);
  });

  it('reads a header of 100,000 columns, the last ones the pilot reads', async () => {
    const header = [...Array.from({ length: 99_997 }, (_, k) => `c${k}`), 'rep', 'group', 'revenue'].join(',');
    const filler = ','.repeat(99_996);
    const csv = `${header}\n${[0, 1, 2, 3].map((k) => `${filler},r${k},${k < 2 ? 'pilot' : 'control'},${k}\n`).join('')}`;
    const loaded = await loadFile(pilotOf({}), csv);
    expect(loaded.ok && loaded.data.rowsRead).toBe(4);
  });
});

describe('line breaks', () => {
  // Rows 2 to 7, some ended by \r\n and some by \n alone (a row added by hand or by a script); row 6 holds a value that is not a number.
  const ROWS = [
    ['r1,pilot,10', '\r\n'],
    ['r2,pilot,12', '\n'],
    ['r3,control,9', '\r\n'],
    ['r4,control,8', '\n'],
    ['r5,pilot,x', '\r\n'],
    ['r6,control,7', '\r\n'],
  ];
  const NOT_A_NUMBER = 'data/prop.csv, row 6, column "revenue": "x": expected a number, e.g. 1200, 1,200.50, $1,200 or 12%';
  const file = (rows: string[][], headerBreak = '\r\n') => `rep,group,revenue${headerBreak}${rows.map(([line, end]) => `${line}${end}`).join('')}`;

  it('reads \\r\\n and \\n mixed as row ends, row numbers exact', async () => {
    expect(await refused(file(ROWS))).toEqual([NOT_A_NUMBER]);
  });

  it('reads them so in a file with quotes (papaparse from the first row)', async () => {
    const quoted = ROWS.map(([line, end]) => [line!.replace(/^(r\d)/, '"$1"'), end!]);
    expect(await refused(file(quoted))).toEqual([NOT_A_NUMBER]);
  });

  it('reads them so when the first line ends with \\n and the rest with \\r\\n', async () => {
    expect(await refused(file(ROWS.map(([line]) => [line!, '\r\n']), '\n'))).toEqual([NOT_A_NUMBER]);
  });

  it('reads them so when the \\n rows come after the first 64 KiB, with and without quotes', async () => {
    const before = Array.from({ length: 6000 }, (_, k) => [`r${k % 7},${k % 7 % 2 === 0 ? 'pilot' : 'control'},${k % 13}`, '\r\n']);
    const after = [['r2,"pilot",4', '\n'], ['r4,pilot,5', '\n'], ['r3,control,x', '\r\n'], ['r5,control,6', '\n']];
    for (const rows of [[...before, ...after], [...before, ...after.map(([line, end]) => [line!.replaceAll('"', ''), end!])]]) {
      expect(await refused(file(rows))).toEqual(['data/prop.csv, row 6004, column "revenue": "x": expected a number, e.g. 1200, 1,200.50, $1,200 or 12%']);
    }
  });

  it('reads the same sums whichever line breaks a file mixes', async () => {
    const good = ROWS.map(([line, end]) => [line!.replace(',x', ',11'), end!]);
    const mixed = await loadFile(pilotOf({}), file(good));
    const crlf = await loadFile(pilotOf({}), file(good.map(([line]) => [line!, '\r\n'])));
    expect(mixed.ok && crlf.ok).toBe(true);
    if (mixed.ok && crlf.ok) expect([...mixed.data.units.values()]).toEqual([...crlf.data.units.values()]);
  });
});

describe('signs inside accounting parentheses', () => {
  const file = (revenue: string) => `rep,group,revenue\nr1,pilot,10\nr2,pilot,"${revenue}"\nr3,control,9\nr4,control,8\n`;
  const EXPECTED = 'has a sign inside accounting parentheses, which already make an amount negative, so it may mean either; expected one or the other, e.g. (5) or -5 for minus five';

  it.each(['(\u22125)', '(-5)', '(+5)', '($-5)', '(\u2212$1,200.50)', ' ( -5 ) '])('refuses %s, naming the cell', async (cell) => {
    expect(await refused(file(cell))).toEqual([`data/prop.csv, row 3, column "revenue": ${JSON.stringify(cell)}: ${EXPECTED}`]);
  });

  it.each([
    ['(5)', -5],
    ['\u22125', -5],
    ['($1,200.50)', -1200.5],
    ['$-5', -5],
  ])('still reads %s as %d', async (cell, value) => {
    const loaded = await loadFile(pilotOf({}), file(cell));
    expect(loaded.ok && loaded.data.units.get('r2')?.metrics[0]?.pilot.numerator).toBe(value);
  });
});

describe('ratio denominators', () => {
  const ratio = () => pilotOf({ metrics: [{ id: 'per-call', label: 'Revenue per call', type: 'ratio', numerator: 'revenue', denominator: 'calls' }] });
  const file = (calls: string) => `rep,group,revenue,calls\nr1,pilot,10,2\nr2,pilot,12,${calls}\nr3,control,9,3\nr4,control,-8,1\n`;

  it.each(['-4', '-0.5', '"(4)"', '\u22124', '" -4 "'])('refuses a negative denominator %s, naming file, row, column and value', async (calls) => {
    // The cell as written, without the quotes around it in the file.
    const shown = calls.startsWith('"') ? calls.slice(1, -1) : calls;
    expect(await refused(file(calls), ratio())).toEqual([
      `data/prop.csv, row 3, column "calls": ${JSON.stringify(shown)}: is negative, but a ratio's denominator counts things (opportunities, calls, weeks); expected 0 or more`,
    ]);
  });

  it('reads a denominator of 0, and a negative numerator (a refund)', async () => {
    const loaded = await loadFile(ratio(), file('0'));
    expect(loaded.ok && loaded.data.units.get('r4')?.metrics[0]?.pilot).toMatchObject({ numerator: -8, denominator: 1 });
  });
});

describe('repeated problems', () => {
  it('lists the first 10 units in both groups and counts the rest in one line', async () => {
    // 100,000 units, each in the pilot group on one row and in the control group on the next.
    const lines = Array.from({ length: 100_000 }, (_, k) => `u${k},pilot,1\nu${k},control,2\n`).join('');
    const problems = await refused(`rep,group,revenue\n${lines}`);
    const listed = Array.from(
      { length: 10 },
      (_, k) =>
        `data/prop.csv, row ${2 * k + 3}, column "group": "control": unit "u${k}" is in the pilot group on row ${2 * k + 2} and in the control group here; expected each unit in exactly one group`,
    );
    expect(problems).toEqual([...listed, 'data/prop.csv, column "group": and 99,990 more rows with the same problem (both-groups)']);
  });
});

describe('unit names in published notes', () => {
  // The unit column read as a metric too, in a ";" file: every name reads as a number two ways (3.270: thousands or decimals).
  const csv = 'store;group;revenue\n3.270;pilot;10\n5.310;pilot;12\n6.580;control;9\n7.450;control;8\n';
  const pilot = (showUnits: boolean) =>
    pilotMarkdown(`
title: Store numbers
status: concluded
hypothesis: The pilot sells more.
started: 2026-03-02
ended: 2026-05-31
data: stores.csv
unit: store
showUnits: ${showUnits}
metrics:
  - { id: revenue, label: Revenue per store, type: mean, column: revenue, primary: true }
  - { id: number, label: Store number, type: mean, column: store }
`);
  const NAMES = ['3.270', '5.310', '6.580', '7.450', '3270', '5310', '6580', '7450', '3,270', '5,310', '6,580', '7,450'];

  async function published(showUnits: boolean) {
    const root = await makeProject({ 'pilots/stores.md': pilot(showUnits), 'data/stores.csv': csv });
    const project = await analyzeProject(root, { history: designHistory(gitIn(root), null) });
    expect(project.problems.filter((problem) => problem.severity === 'error').map(formatProblem)).toEqual([]);
    return (project.pilots[0] as PilotEvidence).results;
  }

  it('does not quote a unit name in the decimal-mark note unless the pilot shows units', async () => {
    const results = await published(false);
    expect(results.warnings).toContain(
      'values such as the one on row 2 (a unit name, not shown) were read by the file\'s convention: in a file separated by ";" a dot groups thousands and a comma marks decimals. ' +
        'If that is wrong, write numbers without a thousands separator (e.g. 4120 or 4,12)',
    );
    const text = JSON.stringify(results);
    for (const name of NAMES) expect(text).not.toContain(name);
  });

  it('quotes it where the pilot says showUnits: true', async () => {
    const results = await published(true);
    expect(results.warnings).toContain(
      'values such as "3.270" on row 2 were read as 3270: in a file separated by ";" a dot groups thousands and a comma marks decimals. ' +
        'If that is wrong, write numbers without a thousands separator (e.g. 4120 or 4,12)',
    );
  });
});
