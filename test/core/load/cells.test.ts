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

  it.each([
    ['1.234,56', 1234.56],
    ['12,5', 12.5],
    ['1,234', 1234],
  ])('reads %j from a ";" file as %d', (raw, expected) => {
    expect(readNumber(raw, semicolon)).toEqual({ ok: true, value: expected });
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
