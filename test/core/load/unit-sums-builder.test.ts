/**
 * The builder of per-unit sums (unit-sums-builder.ts): what it makes of a
 * file does not depend on how the reader cut it (chunks, lines or parsed
 * rows), and what it says of the file as a whole. The rules of a row are
 * row-rules.test.ts's; the line path against papaparse is read-csv.test.ts's.
 */
import { describe, expect, it } from 'vitest';
import { loadPilotData } from '../../../src/core/load/load-data.ts';
import { READ_CHUNK } from '../../../src/core/load/read-csv.ts';
import { UnitSumsBuilder, type FoldedData } from '../../../src/core/load/unit-sums-builder.ts';
import { formatProblem } from '../../../src/core/problems.ts';
import { makeProject, salesPilot } from '../../support/project.ts';

/** Rows with every kind of cell the fast path hands to the careful one, seeded. */
function untidyRows(count: number): string[][] {
  let state = 7;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const rows: string[][] = [];
  for (let i = 0; i < count; i += 1) {
    const rep = pick(['ann', 'bob', ' cy ', 'dee', 'eve', 'fay']);
    const group = rep === 'ann' || rep === 'bob' || rep === ' cy ' ? 'pilot' : 'control';
    rows.push([
      rep,
      pick([group, group, group, ` ${group}`, 'Pilot']),
      pick(['2026-02-23', '2026-03-02', '2026-03-02', '2026-03-03 10:00:00', '2026-05-31', '2026-06-01', '03/02/2026', '']),
      pick(['100', '12.5', '-3', '$1,200', ' 42 ', '', '12a', '1e3', '0.1', '7%']),
      pick(['1', '0', 'yes', 'No', 'TRUE', '', 'maybe']),
      pick(['1', '2', '0', '', '1,5']),
    ]);
  }
  return rows;
}

function fold(rows: string[][], sizes: readonly number[]): FoldedData {
  const builder = new UnitSumsBuilder(salesPilot(), 'data/sales.csv');
  builder.header(['rep', 'group', 'day', 'revenue', 'won', 'calls'], ',');
  let at = 0;
  let size = 0;
  while (at < rows.length) {
    const length = sizes[size % sizes.length] as number;
    builder.rows({ firstRow: at + 2, rows: rows.slice(at, at + length) });
    at += length;
    size += 1;
  }
  return builder.finish();
}

function plain(data: FoldedData) {
  return {
    ...data,
    units: [...data.units.values()],
    problems: data.problems.map(formatProblem),
  };
}

describe('folding', () => {
  it('does not depend on where the chunks break', () => {
    const rows = untidyRows(3000);
    const whole = plain(fold(rows, [rows.length]));
    expect(whole.problems.length).toBeGreaterThan(5);
    expect(whole.units.length).toBeGreaterThan(3);
    for (const sizes of [[1], [7, 1, 300], [999]]) expect(plain(fold(rows, sizes))).toEqual(whole);
  });
});

describe('reading in chunks', () => {
  const header = 'rep,group,day,revenue,won,calls';

  it('reads a file of many chunks whose characters straddle them as one string', async () => {
    // Three-byte characters in unit names: some land across a 64 KiB boundary.
    const lines = Array.from({ length: 9000 }, (_, i) => `rép€-${i % 40},${i % 40 < 20 ? 'pilot' : 'control'},2026-03-${String(2 + (i % 20)).padStart(2, '0')},${i % 97}.25,${i % 3 === 0 ? 1 : 0},1`);
    const csv = `${header}\n${lines.join('\n')}\n`;
    expect(Buffer.byteLength(csv)).toBeGreaterThan(4 * READ_CHUNK);
    const root = await makeProject({ 'data/sales.csv': csv });
    const result = await loadPilotData(root, { ...salesPilot(), data: 'sales.csv' }, 'pilots/test.md');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.rowsRead).toBe(9000);
    expect([...result.data.units.keys()].sort()).toEqual(Array.from({ length: 40 }, (_, i) => `rép€-${i}`).sort());
    const expected = fold(
      lines.map((line) => line.split(',')),
      [9000],
    );
    expect(plain(result.data)).toEqual({ ...plain(expected), file: 'data/sales.csv' });
  });

  it('still refuses bytes that are not UTF-8 far into a large file', async () => {
    const lines = Array.from({ length: 9000 }, (_, i) => `rep${i % 10},${i % 10 < 5 ? 'pilot' : 'control'},2026-03-02,${i},1,1`);
    const csv = Buffer.concat([Buffer.from(`${header}\n${lines.join('\n')}\n`), Buffer.from([0x6a, 0xf6, 0x72, 0x67]), Buffer.from(',pilot,2026-03-02,5,1,1\n')]);
    expect(csv.length).toBeGreaterThan(3 * READ_CHUNK);
    const root = await makeProject({ 'data/sales.csv': csv });
    const result = await loadPilotData(root, { ...salesPilot(), data: 'sales.csv' }, 'pilots/test.md');
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^data\/sales\.csv, row \d+: the file is not UTF-8 text; save it as "CSV UTF-8" from the spreadsheet$/),
    ]);
  });
});

describe('the same rows, however they come', () => {
  const lines = [
    'ann,pilot,2026-03-02,100,1,2',
    '',
    'bob,control,2026-03-03,50,0,1',
    'ann,pilot,2026-03-02,100,1,2',
    ' cy ,control,2026-06-09,7,1,1',
    'dee,pilot,2026-02-23,1.2E+03,yes,1',
    'bob,control,2026-03-03,50,0,1',
    'ann,pilot,2026-03-02,100,1,2',
  ];

  function asLines(newline: string, cut: number[]): FoldedData {
    const builder = new UnitSumsBuilder(salesPilot(), 'data/sales.csv');
    builder.header(['rep', 'group', 'day', 'revenue', 'won', 'calls'], ',');
    let from = 0;
    for (const to of [...cut, lines.length]) {
      const text = lines.slice(from, to).join(newline) + (to < lines.length ? newline : '');
      builder.lines({ text, newline, firstRow: from + 2, bytes: Buffer.from(text) });
      from = to;
    }
    return builder.finish();
  }

  it('gives the same sums, problems, notes and copies from lines, in any blocks, as from parsed rows', () => {
    const parsed = fold(
      lines.map((line) => (line === '' ? [''] : line.split(','))),
      [3, 1],
    );
    for (const [newline, cut] of [['\n', []], ['\r\n', [1, 4]], ['\n', [7]]] as const) expect(plain(asLines(newline, [...cut]))).toEqual(plain(parsed));
    expect(parsed.rowsRead).toBe(7);
    expect(parsed.rowsAfterEnd).toBe(1);
    expect(parsed.duplicates).toEqual({ count: 3, examples: [{ row: 5, copyOf: 2 }, { row: 8, copyOf: 4 }, { row: 9, copyOf: 2 }], checkedRows: 6, complete: true });
  });

  it('says the copies in the notes, which the results publish, by row number only', () => {
    const data = fold(
      lines.map((line) => (line === '' ? [''] : line.split(','))),
      [8],
    );
    expect(data.notes).toEqual([
      {
        message:
          '3 rows are exact copies of an earlier row (rows 5, 8 and 9 repeat rows 2, 4 and 2); each is counted: if they are the same observation exported twice, remove the copies',
      },
    ]);
    expect(JSON.stringify(data.notes)).not.toMatch(/ann|bob/);
  });

  it('reads no row, and checks none, when the header lacks a column the pilot names', () => {
    const builder = new UnitSumsBuilder(salesPilot(), 'data/sales.csv');
    builder.header(['rep', 'group', 'day', 'revenue', 'won'], ',');
    builder.rows({ firstRow: 2, rows: [['ann', 'pilot', '2026-03-02', '1', '1']] });
    const data = builder.finish();
    expect(data.rowsRead).toBe(0);
    expect(data.duplicates).toEqual({ count: 0, examples: [], checkedRows: 0, complete: true });
    expect(data.problems.map(formatProblem)).toEqual([expect.stringMatching(/column named by "metrics.per-call.denominator" is not in the header/)]);
  });
});
