import { symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPilotData } from '../../../src/core/load/load-data.ts';
import type { Pilot } from '../../../src/core/pilot.ts';
import { parsePilotFile } from '../../../src/core/pilot-file.ts';
import { formatProblem } from '../../../src/core/problems.ts';
import { BASE_FRONTMATTER, makeProject, pilotMarkdown } from '../../support/project.ts';

const MEAN_METRIC = `
metrics:
  - { id: revenue, label: Revenue per rep, type: mean, column: revenue }
  - { id: won, label: Win rate, type: proportion, column: won }
`;

function pilotFrom(extra = '', base = BASE_FRONTMATTER): Pilot {
  const parsed = parsePilotFile('pilots/test.md', pilotMarkdown(base + extra + MEAN_METRIC));
  if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'));
  return parsed.value.pilot;
}

async function load(csv: string | Buffer, extra = '', dataPath = 'sales.csv') {
  const root = await makeProject({ [`data/${dataPath}`]: csv });
  const pilot = pilotFrom(`${extra}${dataPath === 'sales.csv' ? '' : ''}`);
  return loadPilotData(root, { ...pilot, data: dataPath }, 'pilots/test.md');
}

async function messages(csv: string | Buffer, extra = ''): Promise<string[]> {
  const result = await load(csv, extra);
  return result.ok ? result.data.problems.map(formatProblem) : result.problems.map(formatProblem);
}

const GOOD = ['rep,group,revenue,won', 'ann,pilot,100,1', 'bob,pilot,200,0', 'cy,control,50,yes', 'dee,control,70,no'].join('\n');

describe('a file separated by ";" or tabs, where either mark may be the decimal one', () => {
  const rows = (...revenues: string[]) =>
    ['rep;group;revenue;won', ...revenues.map((revenue, index) => `r${index};${index % 2 === 0 ? 'pilot' : 'control'};${revenue};1`)].join('\n');

  it('reads 4.120 as four thousand when the column also has decimal commas', async () => {
    // The reviewer's export: whole amounts with a thousands dot, some with decimals after a comma.
    const result = await load(rows('4.120', '3.870', '5.310', '3.655', '4.800,50', '4.010,25'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const totals = [...result.data.units.values()].map((unit) => unit.metrics[0]?.pilot.numerator);
    expect(totals).toEqual([4120, 3870, 5310, 3655, 4800.5, 4010.25]);
    expect(result.data.notes).toEqual([]);
  });

  it('says how cells that read both ways were read when nothing in the column decides', async () => {
    const result = await load(rows('4.120', '3.870', '5.310', '3.655'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.units.get('r0')?.metrics[0]?.pilot.numerator).toBe(4120);
    expect(result.data.notes).toEqual([
      {
        column: 'revenue',
        message:
          'values such as "4.120" on row 2 were read as 4120: in a file separated by ";" a dot groups thousands and a comma marks decimals. If that is wrong, write numbers without a thousands separator (e.g. 4120 or 4,12)',
      },
    ]);
  });

  it('refuses a column that mixes a decimal point with cells read as thousands', async () => {
    expect(await messages(rows('4.120', '5.31', '3.870', '3.655'))).toEqual([
      'data/sales.csv, row 2, column "revenue": "4.120": reads as 4120 (in a file separated by ";", a dot groups thousands and a comma marks decimals), but "5.31" on row 3 has a decimal point, so this one may have one too; expected one convention in the whole column: write thousands without a separator, e.g. 4120 and 4.12',
    ]);
  });

  it('refuses a column with both a decimal point and a decimal comma', async () => {
    expect(await messages(rows('4.5', '5,5', '4', '3'))).toEqual([
      'data/sales.csv, row 3, column "revenue": "5,5": has a decimal comma, but "4.5" on row 2 has a decimal point; expected one decimal mark in the whole column',
    ]);
  });

  it('in a tab-separated file, reads 1,250 as a US export writes it, and refuses it beside decimal commas', async () => {
    const tabs = (...revenues: string[]) => rows(...revenues).replaceAll(';', '\t');
    const us = await load(tabs('1,250', '980', '12,500', '3,100'));
    expect(us.ok).toBe(true);
    if (!us.ok) return;
    expect([...us.data.units.values()].map((unit) => unit.metrics[0]?.pilot.numerator)).toEqual([1250, 980, 12500, 3100]);
    expect(us.data.notes.map((note) => note.message)).toEqual([
      'values such as "1,250" on row 2 were read as 1250: in a file separated by tabs a comma groups thousands and a dot marks decimals. If that is wrong, write numbers without a thousands separator (e.g. 4120 or 4.12)',
    ]);
    // A "|" file reads the same way, and says which file it is.
    const pipes = await load(rows('1,250', '980', '12,500', '3,100').replaceAll(';', '|'));
    expect(pipes.ok ? pipes.data.notes.map((note) => note.message) : []).toEqual([
      'values such as "1,250" on row 2 were read as 1250: in a file separated by "|" a comma groups thousands and a dot marks decimals. If that is wrong, write numbers without a thousands separator (e.g. 4120 or 4.12)',
    ]);
    expect(await messages(tabs('1,250', '4,5', '12', '3'))).toEqual([
      'data/sales.csv, row 2, column "revenue": "1,250": reads as 1250 (in a file separated by tabs, a comma groups thousands and a dot marks decimals), but "4,5" on row 3 has a decimal comma, so this one may have one too; expected one convention in the whole column: write thousands without a separator, e.g. 4120 and 4,12',
    ]);
  });

  it('reads decimal points alone as decimal points, in a tab-separated file too', async () => {
    const result = await load(rows('4.12', '3.5', '5.31', '3.65').replaceAll(';', '\t'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.delimiter).toBe('\t');
    expect([...result.data.units.values()].map((unit) => unit.metrics[0]?.pilot.numerator)).toEqual([4.12, 3.5, 5.31, 3.65]);
    expect(result.data.notes).toEqual([]);
  });
});

describe('loadPilotData folds rows into per-unit sums', () => {
  it('sums each unit over its rows', async () => {
    const csv = `${GOOD}\nann,pilot,"1,000",true\n`;
    const result = await load(csv);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const ann = result.data.units.get('ann');
    expect(ann?.arm).toBe('pilot');
    expect(ann?.metrics[0]?.pilot).toEqual({ rows: 2, numerator: 1100, denominator: 2 });
    expect(ann?.metrics[1]?.pilot).toEqual({ rows: 2, numerator: 2, denominator: 2 });
    expect(result.data.rowsRead).toBe(5);
    expect([...result.data.units.keys()]).toEqual(['ann', 'bob', 'cy', 'dee']);
  });

  it('reads a spreadsheet export: BOM, CRLF, ";" delimiter, quotes, currency, decimal commas, blank lines', async () => {
    const csv = '\uFEFFrep;group;revenue;won\r\n"ann";pilot;"€1.234,50";YES\r\nbob;pilot;€10;No\r\n\r\ncy ;control; 12,5 ;1\r\ndee;control;(3);0\r\n';
    const result = await load(csv);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.delimiter).toBe(';');
    expect(result.data.units.get('ann')?.metrics[0]?.pilot.numerator).toBe(1234.5);
    expect(result.data.units.get('cy')?.metrics[0]?.pilot.numerator).toBe(12.5);
    expect(result.data.units.get('dee')?.metrics[0]?.pilot.numerator).toBe(-3);
    expect(result.data.rowsRead).toBe(4);
  });

  it('reads tab-separated exports', async () => {
    const result = await load(GOOD.replaceAll(',', '\t'));
    expect(result.ok && result.data.delimiter).toBe('\t');
  });

  it('splits pre-period, pilot period and rows after the end by date', async () => {
    const csv = [
      'rep,group,day,revenue,won',
      'ann,pilot,2026-02-27,5,1', // before started: baseline
      'ann,pilot,2026-03-02,10,1', // the first day counts
      'ann,pilot,2026-05-31,20,0', // the last day counts
      'ann,pilot,2026-06-01,99,1', // after ended: ignored
      'bob,control,2026-04-01,7,',
    ].join('\n');
    const result = await load(csv, 'date: day\n');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const ann = result.data.units.get('ann')!.metrics[0]!;
    expect(ann.pre).toEqual({ rows: 1, numerator: 5, denominator: 1 });
    expect(ann.pilot).toEqual({ rows: 2, numerator: 30, denominator: 2 });
    const weeks = (arm: string) => result.data.weeks[0]!.filter((week) => week.arm === arm).map(({ period, week, sums, units }) => ({ period, week, sums, units }));
    expect(weeks('pilot')).toEqual([
      { period: 'pre', week: '2026-02-23', sums: { rows: 1, numerator: 5, denominator: 1 }, units: 1 },
      { period: 'pilot', week: '2026-03-02', sums: { rows: 1, numerator: 10, denominator: 1 }, units: 1 },
      { period: 'pilot', week: '2026-05-25', sums: { rows: 1, numerator: 20, denominator: 1 }, units: 1 },
    ]);
    expect(weeks('control')).toEqual([{ period: 'pilot', week: '2026-03-30', sums: { rows: 1, numerator: 7, denominator: 1 }, units: 1 }]);
    expect(result.data.rowsAfterEnd).toBe(1);
    expect(result.data.rowsPre).toBe(1);
    expect(result.data.rowsPilot).toBe(3);
    // bob's empty "won" is missing for that metric only.
    expect(result.data.missing).toEqual([0, 1]);
    expect(result.data.units.get('bob')!.metrics[0]!.pilot.rows).toBe(1);
    expect(result.data.units.get('bob')!.metrics[1]!.pilot.rows).toBe(0);
  });
});

describe('loadPilotData reports bad input with file, row, column, value and what was expected', () => {
  it('a value that is not a number, and every other bad cell at once', async () => {
    const csv = `${GOOD}\nann,pilot,12a,1\nbob,pilot,7,maybe\n`;
    expect(await messages(csv)).toEqual([
      'data/sales.csv, row 6, column "revenue": "12a": expected a number, e.g. 1200, 1,200.50, $1,200 or 12%',
      'data/sales.csv, row 7, column "won": "maybe": expected a yes/no outcome: 1 or 0, true or false, yes or no',
    ]);
  });

  it('a column that is not in the header lists the columns that are', async () => {
    const csv = GOOD.replace('revenue', 'Revenue');
    expect(await messages(csv)).toEqual([
      'data/sales.csv, row 1, column "revenue": column named by "metrics.revenue.column" in pilots/test.md is not in the header; did you mean "Revenue"? Names must match exactly. The columns are: "rep", "group", "Revenue", "won"',
    ]);
  });

  it('a group label that is neither pilot nor control', async () => {
    expect(await messages(`${GOOD}\nann,Pilot,5,1\n`)).toEqual([
      'data/sales.csv, row 6, column "group": "Pilot": is neither the pilot label "pilot" nor the control label "control"; expected one of them exactly',
    ]);
  });

  it('a unit in both groups', async () => {
    expect(await messages(`${GOOD}\nann,control,5,1\n`)).toEqual([
      'data/sales.csv, row 6, column "group": "control": unit "ann" is in the pilot group on row 2 and in the control group here; expected each unit in exactly one group',
    ]);
  });

  it('a row without its unit', async () => {
    expect(await messages(`${GOOD}\n,control,5,1\n`)).toEqual([
      'data/sales.csv, row 6, column "rep": "": every row must name its unit; expected a unit name',
    ]);
  });

  it('a date that does not parse, or does not exist', async () => {
    const csv = ['rep,group,day,revenue,won', 'ann,pilot,03/02/2026,5,1', 'bob,pilot,2026-02-31,5,1', 'cy,control,,5,1'].join('\n');
    expect(await messages(csv, 'date: day\n')).toEqual([
      'data/sales.csv, row 2, column "day": "03/02/2026": expected a date as YYYY-MM-DD, e.g. 2026-03-02',
      'data/sales.csv, row 3, column "day": "2026-02-31": expected a date as YYYY-MM-DD, e.g. 2026-03-02; this day does not exist',
      'data/sales.csv, row 4, column "day": "": is empty; expected a date as YYYY-MM-DD, e.g. 2026-03-02',
    ]);
  });

  it('counts rows a spreadsheet shows, including quoted line breaks and blank lines', async () => {
    const csv = 'rep,group,revenue,won\n"ann\nsmith",pilot,1,1\n\nbob,pilot,x,1\n';
    expect(await messages(csv)).toEqual([
      'data/sales.csv, row 4, column "revenue": "x": expected a number, e.g. 1200, 1,200.50, $1,200 or 12%',
    ]);
  });

  it('says each malformed quote once per row, lists ten rows and counts the rest', async () => {
    // Each row has two stray quotes (papaparse reports both), and its last quoted cell closes it.
    const rows = Array.from({ length: 12 }, (_, i) => `"r${i}"x,pilot,5,"1"`);
    const quoted = (row: number) =>
      `data/sales.csv, row ${row}: a quoted value is not closed or has a stray quote (Trailing quote on quoted field is malformed); expected "..." around values that contain the delimiter`;
    const said = await messages(`rep,group,revenue,won\n${rows.join('\n')}\n`);
    // The rows are ragged too (the quoted cell swallowed their delimiters); that is said on its own.
    expect(said.filter((message) => message.includes('ragged'))).toEqual(['data/sales.csv: and 2 more rows with the same problem (ragged)']);
    expect(said.filter((message) => /a quoted value|\(quotes\)/.test(message))).toEqual([
      ...Array.from({ length: 10 }, (_, i) => quoted(i + 2)),
      'data/sales.csv: and 2 more rows with the same problem (quotes)',
    ]);
  });

  it("skips Excel's empty rows of delimiters only, but still counts them as rows", async () => {
    // Rows 6 and 7 are ",,," and " , ,,": formatting left in empty rows. Row 8 is data again.
    const csv = `${GOOD}\n,,,\n , ,,\nann,pilot,x,1\n`;
    expect(await messages(csv)).toEqual([
      'data/sales.csv, row 8, column "revenue": "x": expected a number, e.g. 1200, 1,200.50, $1,200 or 12%',
    ]);
    const result = await load(`${GOOD}\n,,,\n`);
    expect(result.ok && result.data.rowsRead).toBe(4);
  });

  it('warns of unit names that differ only in capitals or spaces', async () => {
    const csv = `${GOOD}\nAnn,pilot,5,1\nann ,pilot,5,1\nBOB,control,5,0\n`;
    const result = await load(csv);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.problems.map((problem) => problem.severity)).toEqual(['warning', 'warning']);
    expect(result.data.problems.map(formatProblem)).toEqual([
      'data/sales.csv, row 2, column "rep": "ann" (row 2, pilot), "Ann" (row 6, pilot) differ only in capitals or spaces, so they are counted as 2 different units; if they are one, write the name the same way on every row',
      'data/sales.csv, row 3, column "rep": "bob" (row 3, pilot), "BOB" (row 8, control) differ only in capitals or spaces, so they are counted as 2 different units; if they are one, write the name the same way on every row',
    ]);
  });

  it('a title above the header says to delete the rows above it', async () => {
    const messagesOf = await messages(`Pilot revenue report\n\n${GOOD}\n`);
    expect(messagesOf[0]).toBe(
      'data/sales.csv, row 1, column "rep": column named by "unit" in pilots/test.md is not in the header. The columns are: "Pilot revenue report". Row 1 must name the columns: if the export starts with a title or notes above the header, delete those rows',
    );
  });

  it('a ragged row', async () => {
    expect(await messages(`${GOOD}\nann,pilot,5\n`)).toEqual([
      'data/sales.csv, row 6: this row has 3 cells but the header has 4; expected one cell per column (check for an unquoted delimiter inside a value)',
    ]);
  });

  it('accepts a stray trailing delimiter', async () => {
    expect(await messages(`${GOOD.split('\n').map((line) => `${line},`).join('\n')}\n`)).toEqual([]);
  });

  it('lists ten problems of a kind, then counts the rest', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => `u${i},pilot,oops,1`);
    const found = await messages(`rep,group,revenue,won\n${rows.join('\n')}\n`);
    expect(found).toHaveLength(11);
    expect(found[9]).toBe('data/sales.csv, row 11, column "revenue": "oops": expected a number, e.g. 1200, 1,200.50, $1,200 or 12%');
    expect(found[10]).toBe('data/sales.csv, column "revenue": and 15 more rows with the same problem (value)');
  });

  it('an empty file, a header only, duplicate column names', async () => {
    expect(await messages('')).toEqual([
      'data/sales.csv: the file is empty; expected a header row naming the columns, then one row per observation',
    ]);
    expect(await messages('rep,group,revenue,won\n')).toEqual([
      'data/sales.csv: the file has a header but no data rows; expected one row per observation below the header',
    ]);
    expect(await messages('rep,group,revenue,won,revenue\nann,pilot,1,1,2\n')).toEqual([
      'data/sales.csv, row 1, column "revenue": the header has more than one column with this name; expected each column name once',
    ]);
  });

  it('a file that is not UTF-8 names the row of the first bad byte', async () => {
    // GOOD is the header and 4 rows; "jörg" in Latin-1 (0xf6) is on row 6.
    const latin1 = Buffer.concat([Buffer.from(`${GOOD}\n`), Buffer.from([0x6a, 0xf6, 0x72, 0x67]), Buffer.from(',pilot,5,1\n')]);
    expect(await messages(latin1)).toEqual([
      'data/sales.csv, row 6: the file is not UTF-8 text; save it as "CSV UTF-8" from the spreadsheet',
    ]);
    // At the very start of a row, in the header, and past a quoted line break (a spreadsheet counts that row once).
    const atRowStart = Buffer.concat([Buffer.from(`${GOOD}\n`), Buffer.from([0xe9]), Buffer.from('ric,pilot,5,1\n')]);
    expect(await messages(atRowStart)).toEqual(['data/sales.csv, row 6: the file is not UTF-8 text; save it as "CSV UTF-8" from the spreadsheet']);
    const inHeader = Buffer.concat([Buffer.from('rep,gr'), Buffer.from([0xfc]), Buffer.from('ppe,revenue,won\nann,pilot,1,1\n')]);
    expect(await messages(inHeader)).toEqual(['data/sales.csv, row 1: the file is not UTF-8 text; save it as "CSV UTF-8" from the spreadsheet']);
    const quoted = Buffer.concat([Buffer.from('rep,group,revenue,won\n"ann\nsmith",pilot,1,1\nbob,pilot,1,1\n'), Buffer.from('b'), Buffer.from([0xf6]), Buffer.from('b,pilot,1,1\n')]);
    expect(await messages(quoted)).toEqual(['data/sales.csv, row 4: the file is not UTF-8 text; save it as "CSV UTF-8" from the spreadsheet']);
  });

  it('a bad byte far into a large file is found on its row, not at the start of its chunk', async () => {
    // 20,000 rows of about 20 bytes: the bad byte (row 15,002) is deep inside a 64 KiB read.
    const lines = ['rep,group,revenue,won', ...Array.from({ length: 20_000 }, (_, i) => `r${i % 40},${i % 2 ? 'pilot' : 'control'},${i},1`)];
    const before = Buffer.from(`${lines.slice(0, 15_001).join('\n')}\n`);
    const after = Buffer.from(`${lines.slice(15_001).join('\n')}\n`);
    const file = Buffer.concat([before, Buffer.from('Jos'), Buffer.from([0xe9]), after]);
    expect(await messages(file)).toEqual(['data/sales.csv, row 15002: the file is not UTF-8 text; save it as "CSV UTF-8" from the spreadsheet']);
  });

  it('a data file that does not exist names what data/ has', async () => {
    const root = await makeProject({ 'data/nurture.csv': GOOD, 'data/q3/routing.csv': GOOD });
    const result = await loadPilotData(root, { ...pilotFrom(), data: 'nurture-q2.csv' }, 'pilots/test.md');
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      'pilots/test.md, key "data": "nurture-q2.csv": no such file: data/nurture-q2.csv; the data/ folder has: nurture.csv, q3/routing.csv',
    ]);
  });

  it('a data path that leaves data/ is refused, and so is a link that does', async () => {
    const root = await makeProject({ 'data/sales.csv': GOOD, 'secret.csv': GOOD });
    const refused = async (dataPath: string) => {
      const result = await loadPilotData(root, { ...pilotFrom(), data: dataPath }, 'pilots/test.md');
      return result.ok ? [] : result.problems.map(formatProblem);
    };
    expect(await refused('../../etc/passwd')).toEqual([
      'pilots/test.md, key "data": "../../etc/passwd": leads outside the data/ folder; expected a path relative to data/, e.g. nurture-q2.csv',
    ]);
    expect(await refused('/etc/passwd')).toEqual([
      'pilots/test.md, key "data": "/etc/passwd": leads outside the data/ folder; expected a path relative to data/, e.g. nurture-q2.csv',
    ]);
    await symlink(path.join(root, 'secret.csv'), path.join(root, 'data', 'link.csv'));
    expect(await refused('link.csv')).toEqual([
      'pilots/test.md, key "data": "link.csv": is a link that leads outside the data/ folder; expected a file inside data/',
    ]);
    await writeFile(path.join(root, 'data', 'inside.csv'), GOOD);
    await symlink(path.join(root, 'data', 'inside.csv'), path.join(root, 'data', 'alias.csv'));
    expect(await refused('alias.csv')).toEqual([]);
  });
});
