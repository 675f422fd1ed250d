import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { count as countOf, formatConfidence, formatDecimal, formatDifference, formatLift, formatP, formatPoints, formatValue } from '../../src/core/format.ts';

const usd = { format: 'currency', currency: 'USD', type: 'mean' } as const;
const eur = { format: 'currency', currency: 'EUR', type: 'mean' } as const;
const count = { format: 'number', currency: 'USD', type: 'ratio' } as const;
const rate = { format: 'number', currency: 'USD', type: 'proportion' } as const;

describe('format', () => {
  it('writes lifts in percent, with a real minus sign', () => {
    expect(formatLift(0.1542)).toBe('15%');
    expect(formatLift(0.1542, { signed: true })).toBe('+15%');
    expect(formatLift(-0.042, { signed: true })).toBe('−4.2%');
    expect(formatLift(0.00001, { signed: true })).toBe('0%');
    expect(formatLift(1.5)).toBe('150%');
  });

  it('writes differences of proportions in percentage points, never %', () => {
    expect(formatPoints(0.1234, { signed: true })).toBe('+12.3 pp');
    expect(formatPoints(-0.05)).toBe('−5.0 pp');
    expect(formatDifference(0.18, rate)).toBe('+18.0 pp');
  });

  it('writes currency in the metric currency', () => {
    expect(formatValue(48210.5, usd)).toBe('$48,211');
    expect(formatValue(12.345, usd)).toBe('$12.35');
    expect(formatDifference(-1200, usd)).toBe('−$1,200');
    expect(formatValue(950, eur)).toBe('€950');
  });

  it('writes plain numbers with sensible precision, and proportions as percents', () => {
    expect(formatValue(3.2, count)).toBe('3.20');
    expect(formatValue(12.5, count)).toBe('12.5');
    expect(formatValue(0.01234, count)).toBe('0.0123');
    expect(formatValue(12345.6, count)).toBe('12,346');
    expect(formatValue(0.724, rate)).toBe('72.4%');
    expect(formatValue(0.12, rate)).toBe('12.0%');
    expect(formatValue(0.0035, rate)).toBe('0.35%');
  });

  it('writes p-values and levels', () => {
    expect(formatP(0.0004)).toBe('p < 0.001');
    expect(formatP(0.0123)).toBe('p = 0.01');
    expect(formatP(0.0042)).toBe('p = 0.004');
    expect(formatConfidence(0.95)).toBe('95%');
    expect(formatConfidence(0.975)).toBe('97.5%');
  });
});

describe('formatDecimal writes what Intl.NumberFormat en-US writes, without Intl', () => {
  const formats = new Map<string, Intl.NumberFormat>();
  const intl = (value: number, min: number, max: number) => {
    let format = formats.get(`${min}:${max}`);
    if (format === undefined) {
      format = new Intl.NumberFormat('en-US', { minimumFractionDigits: min, maximumFractionDigits: max });
      formats.set(`${min}:${max}`, format);
    }
    return format.format(value);
  };
  // The settings the formats above use (0 to 6 decimals, trimmed or fixed), and a few more.
  const settings = Array.from({ length: 9 }, (_, max) => [
    [0, max],
    [max, max],
  ]).flat() as [number, number][];
  const sameAsIntl = (value: number) => {
    for (const [min, max] of settings) expect(formatDecimal(value, min, max), `${value} ${min}-${max}`).toBe(intl(value, min, max));
  };

  it('on ties, carries, tiny and huge numbers, and what Intl keeps for itself', () => {
    // 12.345 is 12.3449999... in binary: Intl (and so formatDecimal) rounds the shortest decimal, toFixed does not.
    expect(formatDecimal(12.345, 2, 2)).toBe('12.35');
    expect(formatDecimal(1234.5, 0, 0)).toBe('1,235');
    expect(formatDecimal(9.996, 0, 2)).toBe('10');
    for (const value of [
      0, 1, 0.5, 1.5, 2.5, 0.125, 1.005, 12.345, 9.995, 99.95, 999.5, 0.0005, 5e-7, 4.9999e-7, 1e-7, 123456789.125, 0.045, 1.45,
      1e15, 9007199254740993, 1e21, 1.5e21, 1.7976931348623157e308, 5e-324, -0, -1.5, Number.NaN, Number.POSITIVE_INFINITY,
    ]) {
      sameAsIntl(value);
    }
  });

  it('on any double', () => {
    fc.assert(fc.property(fc.double({ min: 0, noNaN: true }), sameAsIntl), { numRuns: 1000 });
  });

  it('on decimals as people write them, ties included', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 9 }), (digits, shift) => sameAsIntl(digits / 10 ** shift)),
      { numRuns: 3000 },
    );
  });

  it('on values of every magnitude the formats meet', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 10, noNaN: true }), fc.integer({ min: -9, max: 12 }), (mantissa, exponent) => sameAsIntl(mantissa * 10 ** exponent)),
      { numRuns: 3000 },
    );
  });

  it('counts with thousands separators', () => {
    expect(countOf(1, 'row')).toBe('1 row');
    expect(countOf(1234567, 'row')).toBe('1,234,567 rows');
  });
});
