import { describe, expect, it } from 'vitest';
import { readDate, readNumber, readOutcome, weekOf } from '../../../src/core/load/cells.ts';

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
  // is read with the evidence it gives (the folder checks a column is consistent).
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
