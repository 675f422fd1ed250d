/**
 * Reading single cells (cells.ts): the careful readers, and the fast ones the
 * loader reads plain cells with where they lie in their line, which must give
 * exactly what the careful readers give, or leave the cell to them (NaN).
 * Timings are measured by `npm run bench`, never asserted here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ANY_POINT,
  COMMA,
  NO_MARK,
  POINT,
  readDate,
  readNumber,
  readOutcome,
  readPlainNumber,
  readPlainNumberIn,
  readPlainOutcome,
  readPlainOutcomeIn,
  weekOf,
  type FastMark,
} from '../../../src/core/load/cells.ts';

const comma = { delimiter: ',' };
const semicolon = { delimiter: ';' };

describe('readNumber', () => {
  it.each([
    ['1200', 1200],
    ['-3.5', -3.5],
    ['  42 ', 42],
    ['1,234,567.89', 1234567.89],
    ['$1,200', 1200],
    ['$ 1,200.50', 1200.5],
    ['€950', 950],
    ['£12', 12],
    ['USD 300', 300],
    ['-$1,200', -1200],
    ['$-1,200', -1200],
    ['(1,200)', -1200],
    ['($75.25)', -75.25],
    ['12%', 0.12],
    ['12.5 %', 0.125],
    ['-0', 0],
    ['+7', 7],
    ['.5', 0.5],
    ['1 234', 1234],
  ])('reads %j as %d', (raw, expected) => {
    const read = readNumber(raw, comma);
    expect(read).toEqual({ ok: true, value: expected });
    if (read.ok) expect(Object.is(read.value, -0)).toBe(false);
  });

  // In a file not separated by commas, either mark may be the decimal one: each cell
  // is read with the evidence it gives (decimal-marks.ts checks a column is consistent).
  it.each([
    ['1200', 1200, undefined],
    ['1.234,56', 1234.56, 'comma'],
    ['12,5', 12.5, 'comma'],
    ['0,125', 0.125, 'comma'],
    ['1234,567', 1234.567, 'comma'],
    ['1.234.567', 1234567, 'comma'],
    ['4.120,50 €', 4120.5, 'comma'],
    ['4 800,75', 4800.75, 'comma'],
    ['12.5', 12.5, 'point'],
    ['4.12', 4.12, 'point'],
    ['0.125', 0.125, 'point'],
    ['1,234.50', 1234.5, 'point'],
    ['1,234,567', 1234567, 'point'],
    ['$1,234,567.89', 1234567.89, 'point'],
    // Thousands or three decimals: read as spreadsheets that save with ";" write them.
    ['4.120', 4120, 'either'],
    ['1,250', 1.25, 'either'],
    ['-4.120', -4120, 'either'],
    ['1 234', 1234, undefined],
    ['12%', 0.12, undefined],
    ['12,5 %', 0.125, 'comma'],
  ])('reads %j from a ";" file as %d (decimal mark: %s)', (raw, expected, mark) => {
    expect(readNumber(raw, semicolon)).toEqual(mark === undefined ? { ok: true, value: expected } : { ok: true, value: expected, mark });
    // A tab-separated file reads the same, but for the cells that read both ways (below).
    if (mark !== 'either') expect(readNumber(raw, { delimiter: '\t' })).toEqual(readNumber(raw, semicolon));
  });

  // Where nothing in the cell decides, the file's delimiter does: ";" files come from
  // spreadsheets whose decimal mark is the comma; tab files keep the comma-separated reading.
  it.each([
    ['4.120', 4120, 4.12],
    ['1,250', 1.25, 1250],
    ['-4.120', -4120, -4.12],
  ])('reads %j as %d in a ";" file and as %d in a tab file', (raw, semicolonValue, tabValue) => {
    expect(readNumber(raw, semicolon)).toEqual({ ok: true, value: semicolonValue, mark: 'either' });
    expect(readNumber(raw, { delimiter: '\t' })).toEqual({ ok: true, value: tabValue, mark: 'either' });
  });

  it.each(['1.234.5', '1,234,5', '1.234,567.8', '4,120.50,1', '1..5'])('refuses %j in a ";" file', (raw) => {
    expect(readNumber(raw, semicolon).ok).toBe(false);
  });

  it("reads accounting format's dash for a zero amount, but not a dash alone", () => {
    expect(readNumber(' $ -   ', comma)).toEqual({ ok: true, value: 0 });
    expect(readNumber('€ –', semicolon)).toEqual({ ok: true, value: 0 });
    // Without a currency, a dash may mean "not known": refused rather than guessed.
    expect(readNumber('-', comma).ok).toBe(false);
  });

  it('reads a trailing currency symbol or code', () => {
    expect(readNumber('1200 USD', comma)).toEqual({ ok: true, value: 1200 });
    expect(readNumber('950 €', comma)).toEqual({ ok: true, value: 950 });
  });

  it.each(['abc', '12a', '1e309', 'NaN', 'Infinity', '1,23', '12,5', '1.234,56', '--5', '$', '%', '1 2'])(
    'refuses %j in a "," file',
    (raw) => {
      expect(readNumber(raw, comma)).toEqual({
        ok: false,
        expected: 'expected a number, e.g. 1200, 1,200.50, $1,200 or 12%',
      });
    },
  );
});

describe('numbers in scientific notation, as spreadsheets write them (statistics.md section 12)', () => {
  it.each([
    ['1.2E+06', 1.2e6],
    ['3.2e-09', 3.2e-9],
    ['-4.5E-3', -4.5e-3],
    ['1E5', 1e5],
    ['1e0', 1],
    [' 2.50E+02 ', 250],
    ['-0E+00', 0],
    ['1.5E+01%', 0.15],
  ])('reads %j as %d in a "," file', (raw, expected) => {
    const read = readNumber(raw, comma);
    expect(read).toEqual({ ok: true, value: expected });
    if (read.ok) expect(Object.is(read.value, -0)).toBe(false);
  });

  it('reads a decimal comma in the mantissa outside a comma-separated file, as evidence of the column\'s mark', () => {
    expect(readNumber('1,2E+06', semicolon)).toEqual({ ok: true, value: 1.2e6, mark: 'comma' });
    expect(readNumber('1.2E+06', semicolon)).toEqual({ ok: true, value: 1.2e6, mark: 'point' });
    // Three digits after the mark: never thousands in a mantissa.
    expect(readNumber('4,120E+03', semicolon)).toEqual({ ok: true, value: 4120, mark: 'comma' });
    expect(readNumber('1E5', semicolon)).toEqual({ ok: true, value: 1e5 });
    expect(readNumber('3,2e-09', { delimiter: '\t' })).toEqual({ ok: true, value: 3.2e-9, mark: 'comma' });
  });

  it.each(['1,2E+06', '1.2E', '1.2E+', 'E5', '1.E5', '.5E3', '1.2E+06.5', '1e309', '1.2E3E4', '1 E5'])('refuses %j in a "," file', (raw) => {
    expect(readNumber(raw, comma).ok).toBe(false);
  });

  it('reads them on the fast path too, bit for bit, and leaves the rest to the careful reader', () => {
    for (const raw of ['1.2E+06', '3.2e-09', '-4.5E-3', '1E5', '9.999999999999999E+22', '1.7976931348623157E+308', '5E-324', '1e-400']) {
      const careful = readNumber(raw, comma);
      expect(careful.ok).toBe(true);
      if (careful.ok) expect(Object.is(readPlainNumber(raw, ANY_POINT), careful.value)).toBe(true);
    }
    expect(readPlainNumber('1,2E+06', COMMA)).toBe(1.2e6);
    for (const [raw, mark] of [['1,2E+06', ANY_POINT], ['1,2E+06', NO_MARK], ['1.2E+06', NO_MARK], ['1.2E+06', COMMA], ['1e', ANY_POINT], ['1e1000', ANY_POINT], ['1E+5 ', ANY_POINT]] as const) {
      expect(readPlainNumber(raw, mark)).toBeNaN();
    }
  });

  it('gives exactly what readNumber gives for every number in scientific notation', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^-?\d{1,18}(\.\d{1,18})?[eE][+-]?\d{1,3}$/), (raw) => {
        const careful = readNumber(raw, comma);
        const fast = readPlainNumber(raw, ANY_POINT);
        if (careful.ok) expect(Object.is(fast, careful.value)).toBe(true);
        else expect(fast).toBeNaN();
      }),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 16 }), (value, digits) => {
        for (const raw of [value.toExponential(digits), value.toExponential(digits).toUpperCase()]) {
          const careful = readNumber(raw, comma);
          // 1.5e308 to no digits is 2e+308, past the largest double: refused both ways.
          expect(careful.ok).toBe(Math.abs(Number(raw)) !== Infinity);
          if (careful.ok) expect(Object.is(readPlainNumber(raw, ANY_POINT), careful.value)).toBe(true);
          else expect(readPlainNumber(raw, ANY_POINT)).toBeNaN();
        }
      }),
      { numRuns: 5000 },
    );
  });
});

describe('readOutcome', () => {
  it.each([
    ['1', true],
    ['0', false],
    ['TRUE', true],
    ['False', false],
    [' yes ', true],
    ['NO', false],
  ])('reads %j as %s', (raw, expected) => {
    expect(readOutcome(raw)).toEqual({ ok: true, value: expected });
  });

  it.each(['2', 'y', 'maybe', '0.5', '1.0'])('refuses %j', (raw) => {
    expect(readOutcome(raw)).toEqual({ ok: false, expected: 'expected a yes/no outcome: 1 or 0, true or false, yes or no' });
  });
});

describe('readDate', () => {
  it('reads ISO days and drops a time some exports add', () => {
    expect(readDate('2026-03-02')).toEqual({ ok: true, value: '2026-03-02' });
    expect(readDate(' 2026-03-02 00:00:00 ')).toEqual({ ok: true, value: '2026-03-02' });
    expect(readDate('2026-03-02T09:15:00Z')).toEqual({ ok: true, value: '2026-03-02' });
    expect(readDate('2024-02-29')).toEqual({ ok: true, value: '2024-02-29' });
  });

  it('refuses days that do not exist and ambiguous formats', () => {
    expect(readDate('2026-02-31')).toEqual({ ok: false, expected: 'expected a date as YYYY-MM-DD, e.g. 2026-03-02; this day does not exist' });
    expect(readDate('2026-02-29')).toEqual({ ok: false, expected: 'expected a date as YYYY-MM-DD, e.g. 2026-03-02; this day does not exist' });
    for (const raw of ['31/02/2026', '03/02/2026', '2026-3-2', 'March 2', '']) {
      expect(readDate(raw)).toEqual({ ok: false, expected: 'expected a date as YYYY-MM-DD, e.g. 2026-03-02' });
    }
  });
});

describe('weekOf', () => {
  it('gives the Monday of the ISO week', () => {
    expect(weekOf('2026-03-02')).toBe('2026-03-02'); // a Monday
    expect(weekOf('2026-03-08')).toBe('2026-03-02'); // the Sunday after
    expect(weekOf('2026-03-09')).toBe('2026-03-09');
    expect(weekOf('2026-01-01')).toBe('2025-12-29'); // a Thursday
  });
});

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
    for (const raw of ['', ' 1', '1 ', '+1', '.5', '5.', '1,200', '$5', '12%', '(3)', '1e', '0x10', 'Infinity', '-', '−5', '١٢', '1'.repeat(400)]) {
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
