import { describe, expect, it } from 'vitest';
import { largestSplit, thresholdSplits, tippingPointTest, TIPPING_DRAWS } from '../../../src/core/stats/tipping-point.ts';
import { expectClose } from './expect-close.ts';

const groups = (leads: number[], wins: number[]) => leads.map((trials, k) => ({ trials, successes: wins[k] as number }));

/** The p a Monte Carlo test may report: within four standard errors of the exact one, plus the +1 of (1 + count) / (1 + draws). */
function expectWithinMonteCarloError(p: number, exact: number, draws: number): void {
  const bound = 4 * Math.sqrt((exact * (1 - exact)) / draws) + 1 / (draws + 1);
  expect(Math.abs(p - exact)).toBeLessThanOrEqual(bound);
}

describe('thresholdSplits', () => {
  it('pools the groups below and at or above each threshold', () => {
    const splits = thresholdSplits(groups([10, 12, 9, 7], [1, 2, 5, 5]));
    expect(splits.map((split) => split.threshold)).toEqual([1, 2, 3]);
    expect(splits[1]).toMatchObject({ threshold: 2, atLeast: { successes: 10, trials: 16 }, below: { successes: 3, trials: 22 } });
  });

  it('leaves out thresholds with no leads on one side', () => {
    // No lead meets 0 criteria, and none meets 3: t = 1 has nobody below it, t = 3 nobody at or above.
    expect(thresholdSplits(groups([0, 5, 5, 0], [0, 1, 4, 0])).map((split) => split.threshold)).toEqual([2]);
    expect(largestSplit(groups([0, 9, 0], [0, 3, 0]))).toBeNull();
  });
});

describe('tippingPointTest', () => {
  it('finds the largest gap and its permutation p, as R enumerates it', () => {
    // R: largestGap(n = c(10, 12, 9, 7), w = c(1, 2, 5, 5)) -> t = 2, gap 0.48863636363636365; exactP -> 0.0056858697341586745
    // (test/core/stats/reference/tipping-point.R)
    const test = tippingPointTest(groups([10, 12, 9, 7], [1, 2, 5, 5]), { seed: 20261206 });
    expect(test.largest?.threshold).toBe(2);
    expectClose(test.largest?.difference, 0.48863636363636365, 1e-12);
    expect(test.draws).toBe(TIPPING_DRAWS);
    expectWithinMonteCarloError(test.p, 0.0056858697341586745, TIPPING_DRAWS);
  });

  it('gives a large p when the checklist barely matters', () => {
    // R: largestGap(n = c(8, 8, 8), w = c(3, 4, 4)) -> t = 1, gap 0.125; exactP -> 0.50625925427379281
    const test = tippingPointTest(groups([8, 8, 8], [3, 4, 4]), { seed: 7 });
    expect(test.largest?.threshold).toBe(1);
    expectClose(test.largest?.difference, 0.125, 1e-12);
    expectWithinMonteCarloError(test.p, 0.50625925427379281, TIPPING_DRAWS);
  });

  it('is the same for the same seed', () => {
    const counts = groups([10, 12, 9, 7], [1, 2, 5, 5]);
    expect(tippingPointTest(counts, { seed: 3, draws: 500 })).toEqual(tippingPointTest(counts, { seed: 3, draws: 500 }));
  });

  it('draws nothing when every lead has the same outcome, or no split exists', () => {
    expect(tippingPointTest(groups([4, 5, 6], [0, 0, 0]), { seed: 1 })).toMatchObject({ p: 1, draws: 0 });
    expect(tippingPointTest(groups([0, 6, 0], [0, 2, 0]), { seed: 1 })).toEqual({ largest: null, p: 1, draws: 0, atLeastAsLarge: 0 });
  });

  it('keeps every draw\'s wins within the groups (a p of 1 for a perfect split is impossible)', () => {
    // 5 of 10 leads meet both criteria and all of them won, none of the rest did: only 1 in C(10, 5) = 252 spreads is as extreme.
    const test = tippingPointTest(groups([5, 0, 5], [0, 0, 5]), { seed: 11 });
    expect(test.largest).toMatchObject({ threshold: 1, difference: 1 });
    expectWithinMonteCarloError(test.p, 1 / 252, TIPPING_DRAWS);
  });
});
