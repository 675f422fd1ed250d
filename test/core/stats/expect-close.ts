/**
 * Number assertions for the statistics tests: relative agreement with a
 * reference value from R, and agreement with a published figure to the
 * digits it was printed with.
 */
import { expect } from 'vitest';

/** |actual - expected| <= relative * |expected| (absolute when expected is 0). */
export function expectClose(actual: number | null | undefined, expected: number, relative = 1e-9): void {
  expect(typeof actual).toBe('number');
  const value = actual as number;
  const tolerance = expected === 0 ? relative : relative * Math.abs(expected);
  if (!(Math.abs(value - expected) <= tolerance)) {
    expect.fail(`expected ${value} to be within ${relative} (relative) of ${expected}`);
  }
}

/** The value rounds to the printed figure: "0.07939" means within 0.000005 of 0.07939. */
export function expectRounded(actual: number | null | undefined, printed: string): void {
  expect(typeof actual).toBe('number');
  const value = actual as number;
  const decimals = printed.includes('.') ? (printed.split('.')[1] ?? '').length : 0;
  const halfStep = 0.5 * 10 ** -decimals;
  if (!(Math.abs(value - Number(printed)) <= halfStep * (1 + 1e-9))) {
    expect.fail(`expected ${value} to round to ${printed}`);
  }
}

/** Every number field is finite (never NaN or Infinity); null is allowed. */
export function expectNoNonFinite(result: object): void {
  for (const [key, value] of Object.entries(result)) {
    if (typeof value === 'number') expect(Number.isFinite(value), `${key} = ${value}`).toBe(true);
    else if (value !== null && typeof value === 'object') expectNoNonFinite(value);
  }
}
