/**
 * The loader's fast paths (src/core/load) must be invisible: the same numbers
 * and the same messages as the careful readers, whatever the chunk
 * boundaries. Timings are measured by `npm run bench`, never asserted here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANY_POINT, COMMA, NO_MARK, POINT, readNumber, readOutcome, readPlainNumber, readPlainNumberIn, readPlainOutcome, readPlainOutcomeIn, type FastMark } from '../../../src/core/load/cells.ts';
import { createFolder, type FoldedData } from '../../../src/core/load/fold.ts';
import { loadPilotData } from '../../../src/core/load/load-data.ts';
import { READ_CHUNK } from '../../../src/core/load/read-csv.ts';
import { formatProblem } from '../../../src/core/problems.ts';
import { makeProject, salesPilot } from '../../support/project.ts';

const comma = { delimiter: ',' };

describe('readPlainNumber', () => {
  it('gives exactly what readNumber gives for every plain number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^-?\d{1,20}(\.\d{1,20})?$/), (raw) => {
        const careful = readNumber(raw, comma);
        const fast = readPlainNumber(raw, ANY_POINT);
        if (careful.ok) expect(Object.is(fast, careful.value)).toBe(true);
        else expect(fast).toBeNaN();
      }),
      { numRuns: 5000 },
    );
  });

  it('gives exactly what readNumber gives for doubles written out in full', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }), fc.integer({ min: 0, max: 17 }), (value, digits) => {
        const raw = value.toFixed(digits);
        const careful = readNumber(raw, comma);
        const fast = readPlainNumber(raw, ANY_POINT);
        expect(careful.ok).toBe(true);
        if (careful.ok) expect(Object.is(fast, careful.value)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('leaves everything else to the careful reader (NaN)', () => {
    for (const raw of ['', ' 1', '1 ', '+1', '.5', '5.', '1,200', '$5', '12%', '(3)', '1e5', '0x10', 'Infinity', '-', '−5', '١٢', '1'.repeat(400)]) {
      expect(readPlainNumber(raw, ANY_POINT)).toBeNaN();
    }
    fc.assert(
      fc.property(fc.string(), (raw) => {
        const fast = readPlainNumber(raw, ANY_POINT);
        if (!Number.isNaN(fast)) {
          const careful = readNumber(raw, comma);
          expect(careful.ok && Object.is(careful.value, fast)).toBe(true);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('publishes -0 as 0, as readNumber does', () => {
    expect(Object.is(readPlainNumber('-0', ANY_POINT), 0)).toBe(true);
    expect(Object.is(readPlainNumber('-0.000', ANY_POINT), 0)).toBe(true);
  });
});

describe('readPlainNumber with a decimal mark already noted in the column', () => {
  // What the careful reader would say of each cell the fast path reads: the same value, and either no
  // mark or the very mark the column has noted (so skipping the note loses no evidence; 4.120 is "either").
  const cases: { mark: FastMark; delimiters: string[]; noted: string | undefined }[] = [
    { mark: ANY_POINT, delimiters: [','], noted: undefined },
    { mark: POINT, delimiters: [';', '\t', '|'], noted: 'point' },
    { mark: COMMA, delimiters: [';', '\t', '|'], noted: 'comma' },
    { mark: NO_MARK, delimiters: [';', '\t', '|'], noted: undefined },
  ];
  const cell = fc.oneof(
    fc.stringMatching(/^-?\d{1,20}([.,]\d{1,20})?$/),
    fc.stringMatching(/^-?[0-9]{1,4}[.,][0-9]{3}$/),
    fc.constantFrom('4.120', '1,250', '0,250', '012,345', '1234,567', '-0,0', ',5', '5,', '1.234,5', '1,234.5', ' 1,5', '1,5%'),
    fc.string(),
  );
  it('reads only cells the careful reader reads the same, with no new evidence', () => {
    fc.assert(
      fc.property(cell, fc.constantFrom(...cases), fc.nat(2), (raw, { mark, delimiters, noted }, pick) => {
        const fast = readPlainNumber(raw, mark);
        if (Number.isNaN(fast)) return;
        const careful = readNumber(raw, { delimiter: delimiters[pick % delimiters.length] as string });
        expect(careful.ok).toBe(true);
        if (!careful.ok) return;
        expect(Object.is(fast, careful.value)).toBe(true);
        expect([undefined, noted]).toContain(careful.mark);
      }),
      { numRuns: 20000 },
    );
  });

  it('reads the decimal cells of a column once its mark is noted, but not the ones that may be thousands', () => {
    expect(readPlainNumber('1349,22', COMMA)).toBe(1349.22);
    expect(readPlainNumber('-0,5', COMMA)).toBe(-0.5);
    expect(readPlainNumber('1234,567', COMMA)).toBe(1234.567);
    expect(readPlainNumber('1349.22', POINT)).toBe(1349.22);
    for (const [raw, mark] of [['1349,22', NO_MARK], ['1349,22', POINT], ['1349.22', COMMA], ['1,250', COMMA], ['4.120', POINT], ['1.5', NO_MARK]] as const) {
      expect(readPlainNumber(raw, mark)).toBeNaN();
    }
  });
});

describe('reading a cell where it lies in its line', () => {
  it('gives what reading the cell alone gives, whatever stands around it', () => {
    const cell = fc.oneof(fc.stringMatching(/^-?\d{1,20}([.,]\d{0,20})?$/), fc.constantFrom('1', '0', 'true', 'false', 'yes', 'no', '', '-', '1.', 'nope'), fc.string());
    const around = fc.oneof(fc.constant(''), fc.constantFrom('7', '.5', '1,', ',2', 'e', 'es'), fc.string());
    fc.assert(
      fc.property(around, cell, around, fc.constantFrom<FastMark>(NO_MARK, ANY_POINT, POINT, COMMA), (before, raw, after, mark) => {
        const line = before + raw + after;
        const start = before.length;
        const end = start + raw.length;
        expect(Object.is(readPlainNumberIn(line, start, end, mark), readPlainNumber(raw, mark))).toBe(true);
        expect(Object.is(readPlainOutcomeIn(line, start, end), readPlainOutcome(raw))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('readPlainOutcome', () => {
  it('agrees with readOutcome wherever it answers', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom('1', '0', 'true', 'false', 'yes', 'no', 'TRUE', ' yes', 'No', '2', ''), fc.string()), (raw) => {
        const fast = readPlainOutcome(raw);
        if (Number.isNaN(fast)) return;
        const careful = readOutcome(raw);
        expect(careful).toEqual({ ok: true, value: fast === 1 });
      }),
    );
  });
});


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
  const folder = createFolder(salesPilot(), 'data/sales.csv');
  folder.header(['rep', 'group', 'day', 'revenue', 'won', 'calls'], ',');
  let at = 0;
  let size = 0;
  while (at < rows.length) {
    const length = sizes[size % sizes.length] as number;
    folder.rows({ firstRow: at + 2, rows: rows.slice(at, at + length) });
    at += length;
    size += 1;
  }
  return folder.finish();
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
