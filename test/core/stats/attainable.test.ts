import { describe, expect, it } from 'vitest';
import { smallestAttainableP, unitsForAttainableP } from '../../../src/core/stats/attainable.ts';
import { expectClose } from './expect-close.ts';

// R: 2 / choose(2 * n, n) with equal arms, 1 / choose(n_p + n_c, n_p) otherwise.
describe('smallestAttainableP', () => {
  it('counts the splits, and the mirror image with equal arms', () => {
    expectClose(smallestAttainableP(3, 3), 0.1, 1e-15);
    expectClose(smallestAttainableP(2, 3), 0.1, 1e-15);
    expectClose(smallestAttainableP(4, 4), 2 / 70, 1e-15);
    expectClose(smallestAttainableP(3, 12), 1 / 455, 1e-15);
    expectClose(smallestAttainableP(10, 10), 2 / 184756, 1e-15);
  });
});

describe('unitsForAttainableP', () => {
  it('is the fewest equal arms that can reach alpha', () => {
    // 3 vs 3 reach 0.1, 4 vs 4 reach 0.029.
    expect(unitsForAttainableP(0.05)).toBe(4);
    expect(unitsForAttainableP(0.1)).toBe(3);
    // 5 vs 5: 2 / 252 = 0.0079 > 0.001; 6 vs 6: 2 / 924 = 0.0022; 7 vs 7: 2 / 3432 = 0.00058.
    expect(unitsForAttainableP(0.001)).toBe(7);
    expect(unitsForAttainableP(0.05, 9)).toBe(9);
  });
});
