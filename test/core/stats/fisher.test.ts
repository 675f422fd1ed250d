import { describe, expect, it } from 'vitest';
import { fisherExactP } from '../../../src/core/stats/fisher.ts';
import { expectClose } from './expect-close.ts';

// R 4.2.2: fisher.test(matrix(c(a, b, c, d), 2, byrow = TRUE))$p.value
describe('fisherExactP', () => {
  const cases: [number, number, number, number, number][] = [
    [0, 12, 3, 11, 0.224615384615385],
    [2, 10, 9, 5, 0.0214160721496836],
    [1, 5, 0, 7, 0.461538461538462],
    [5, 5, 5, 5, 1],
    [0, 20, 6, 14, 0.0201960201960202],
    [3, 3, 0, 6, 0.181818181818182],
    [10, 40, 25, 25, 0.00305205933643334],
  ];
  it.each(cases)('%i %i / %i %i', (a, b, c, d, p) => {
    expectClose(fisherExactP(a, b, c, d), p, 1e-12);
    // Which arm is written first does not matter.
    expectClose(fisherExactP(c, d, a, b), p, 1e-12);
  });

  it('a table with one possible arrangement has p = 1', () => {
    expect(fisherExactP(0, 5, 0, 7)).toBe(1);
    expect(fisherExactP(5, 0, 7, 0)).toBe(1);
  });

  it('refuses counts that are not whole numbers', () => {
    expect(() => fisherExactP(1.5, 2, 3, 4)).toThrow(RangeError);
    expect(() => fisherExactP(-1, 2, 3, 4)).toThrow(RangeError);
  });
});
