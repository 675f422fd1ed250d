import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/core/stats/random.ts';
import { hypergeometric, largestSplit, thresholdSplits, tippingPointTest, TIPPING_DRAWS, URN_MOST } from '../../../src/core/stats/tipping-point.ts';
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

  it('draws large groups by inversion with the same answer, as R enumerates it', () => {
    // R: largestGap(n = c(300, 250, 150), w = c(40, 45, 38)) -> t = 2, gap 0.098787878787878813; exactP -> 0.0045706497654336665
    const test = tippingPointTest(groups([300, 250, 150], [40, 45, 38]), { seed: 99 });
    expect(test.largest?.threshold).toBe(2);
    expectClose(test.largest?.difference, 0.098787878787878813, 1e-12);
    expectWithinMonteCarloError(test.p, 0.0045706497654336665, TIPPING_DRAWS);
  });
});

describe('hypergeometric', () => {
  it('draws wins among a group as R\'s phyper gives them, past the urn\'s size', () => {
    expect(200).toBeGreaterThan(URN_MOST);
    const uniform = mulberry32(2026);
    const draws = 100_000;
    const counts = new Map<number, number>();
    for (let draw = 0; draw < draws; draw += 1) {
      const wins = hypergeometric(uniform, 1000, 300, 200);
      counts.set(wins, (counts.get(wins) ?? 0) + 1);
    }
    const atMost = (x: number) => [...counts].filter(([wins]) => wins <= x).reduce((sum, [, count]) => sum + count, 0) / draws;
    // R: phyper(c(50, 55, 60, 65, 70), 300, 700, 200) -> 0.049265992680838581, 0.21962167771557869, 0.53708656633233021, 0.82883333033991502, 0.96387423104601777
    const cdf: [number, number][] = [
      [50, 0.049265992680838581],
      [55, 0.21962167771557869],
      [60, 0.53708656633233021],
      [65, 0.82883333033991502],
      [70, 0.96387423104601777],
    ];
    for (const [x, exact] of cdf) expect(Math.abs(atMost(x) - exact), `P(X <= ${x})`).toBeLessThanOrEqual(4 * Math.sqrt((exact * (1 - exact)) / draws));
    expect(Math.min(...counts.keys())).toBeGreaterThanOrEqual(0);
    expect(Math.max(...counts.keys())).toBeLessThanOrEqual(200);
  });

  it('is certain where the support is one value', () => {
    const uniform = mulberry32(1);
    expect(hypergeometric(uniform, 50, 50, 40)).toBe(40);
    expect(hypergeometric(uniform, 50, 0, 40)).toBe(0);
    expect(hypergeometric(uniform, 50, 20, 0)).toBe(0);
  });

  it('takes seconds, not hours, for a million leads', () => {
    const started = performance.now();
    const test = tippingPointTest(groups([100_000, 300_000, 400_000, 200_000], [9_000, 30_000, 44_000, 24_000]), { seed: 5, draws: 1000 });
    expect(test.draws).toBe(1000);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
