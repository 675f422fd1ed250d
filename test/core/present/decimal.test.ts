/**
 * formatDecimal (src/core/present/decimal.ts) against its definition:
 * Intl.NumberFormat('en-US') with the same fraction digits, character for
 * character, on the values that trip decimal rounding and on a few hundred
 * thousand drawn ones (seeded).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDecimal } from '../../../src/core/present/decimal.ts';

const intl = new Map<string, Intl.NumberFormat>();
function reference(value: number, minimum: number, maximum: number): string {
  const key = `${minimum}:${maximum}`;
  let format = intl.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat('en-US', { minimumFractionDigits: minimum, maximumFractionDigits: maximum });
    intl.set(key, format);
  }
  return format.format(value);
}

/** Every fraction setting fieldproof asks for (format.ts, assign.ts, the charts), and a few more. */
const SETTINGS: [number, number][] = [
  [0, 0],
  [0, 1],
  [1, 1],
  [0, 2],
  [2, 2],
  [0, 3],
  [3, 3],
  [0, 4],
  [4, 4],
  [5, 5],
  [0, 6],
  [6, 6],
  [2, 6],
];

describe('formatDecimal', () => {
  it('writes the values that trip decimal rounding exactly as Intl does', () => {
    const values = [
      // Halves of the shortest decimal, which the double itself lies just below or above.
      1.005, 2.675, 1.255, 8.345, 1.45, 0.125, 0.015, 0.05, 0.5, 1.5, 2.5, 999.995, 9.995, 0.995, 99999.5,
      // Carries through every digit, to a new digit before the point.
      0.9999995, 9.9999999, 999999.9999, 0.0099,
      // Grouping, and numbers past 1e21 (String writes them with an exponent).
      1000, 999.5, 123456789.125, 1e21, 1.2345e25, 1.7976931348623157e308, 2 ** 53, 2 ** 53 + 2,
      // Small: exponents, values that round to 0 or to the last place.
      1e-7, 5e-7, 4.9e-7, 0.0000015, 1e-5, 5e-324, 0.000004, 0.0000049999,
      // Signs: -0, negative values, and those that round to 0 keep "-".
      -0, -1.5, -0.4, -0.004, -1e-10, -1234.5678,
      0, 1, 10, 0.1, 0.2, 0.30000000000000004, 1 / 3, 2 / 3, Math.PI, Math.E,
      Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY,
    ];
    for (const [minimum, maximum] of SETTINGS) {
      for (const value of values) expect(formatDecimal(value, minimum, maximum), `${value} (${minimum}, ${maximum})`).toBe(reference(value, minimum, maximum));
    }
  });

  it('agrees with Intl on drawn values of every size', () => {
    const setting = fc.constantFrom(...SETTINGS);
    // Any double, and (more often) decimals with few digits, where rounding ties live.
    const value = fc.oneof(
      fc.double({ noNaN: false }),
      fc.double({ min: -1e7, max: 1e7, noNaN: true }),
      fc.tuple(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 0, max: 9 })).map(([digits, places]) => digits / 10 ** places),
      fc.tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: -12, max: 25 })).map(([digits, exponent]) => Number(`${digits}e${exponent}`)),
    );
    fc.assert(
      fc.property(value, setting, (drawn, [minimum, maximum]) => formatDecimal(drawn, minimum, maximum) === reference(drawn, minimum, maximum)),
      { numRuns: 200_000, seed: 18 },
    );
  });
});
