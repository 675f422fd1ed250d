import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../scripts/random.ts';
import { ancovaStatistic } from '../../../src/core/stats/ancova-statistic.ts';
import {
  bracketCounter,
  countAtLeast,
  tAtNoEffect,
  tSquared,
  weights,
} from '../../../src/core/stats/randomization-nulls.ts';
import { COEFFICIENTS, type Studentized } from '../../../src/core/stats/studentized.ts';
import { welchStatistic } from '../../../src/core/stats/welch-statistic.ts';

describe('T from five coefficients', () => {
  it('is (a0 - theta a1) / sqrt(q00 - 2 theta q01 + theta^2 q11), the same at any positive scale of the weights', () => {
    const c = Float64Array.from([2, 0.5, 0.9, 0.1, 0.4]);
    const theta = 1.5;
    const direct = (2 - theta * 0.5) ** 2 / (0.9 - 2 * theta * 0.1 + theta * theta * 0.4);
    expect(tSquared(c, 0, 1, theta)).toBeCloseTo(direct, 14);
    const { alpha, beta } = weights(theta);
    expect([alpha, beta]).toEqual([1 / 1.5, 1]);
    expect(tSquared(c, 0, alpha, beta)).toBeCloseTo(direct, 14);
    expect(tAtNoEffect(c, 0)).toBeCloseTo(2 / Math.sqrt(0.9), 14);
  });

  it('a variance of 0: T = +/-Infinity when the estimate is not 0, 0 when it is; theta = -Infinity as weights (0, -1)', () => {
    expect(tSquared(Float64Array.from([3, 0, 0, 0, 0]), 0, 1, 0)).toBe(Infinity);
    expect(tAtNoEffect(Float64Array.from([-3, 0, 0, 0, 0]), 0)).toBe(-Infinity);
    expect(tSquared(Float64Array.from([0, 0, 0, 0, 0]), 0, 1, 0)).toBe(0);
    // A variance that is rounding noise next to its terms counts as 0: (1 - 2 * 1 + 1) with terms of size 1.
    expect(tSquared(Float64Array.from([1, 0, 1, 1 + 1e-16, 1]), 0, 1, 1)).toBe(Infinity);
    expect(weights(-Infinity)).toEqual({ alpha: 0, beta: -1 });
    expect(weights(Infinity)).toEqual({ alpha: 0, beta: 1 });
  });

  it('counts ties with the observed T within 1e-9, an infinite observed T only by other infinite ones, everything when T_obs = 0', () => {
    const observed = Float64Array.from([1, 0, 1, 0, 0]); // T = 1
    const c = Float64Array.from([
      ...[1 - 5e-10, 0, 1, 0, 0], // |T| = 1 - 5e-10: a tie
      ...[-1, 0, 1, 0, 0], // the mirror image
      ...[0.99, 0, 1, 0, 0], // below
      ...[0, 0, 0, 0, 0], // 0/0
      ...[2, 0, 0, 0, 0], // infinite
    ]);
    expect(countAtLeast(c, 5, observed, weights(0))).toBe(3);
    expect(countAtLeast(c, 5, Float64Array.from([1, 0, 0, 0, 0]), weights(0))).toBe(1);
    expect(countAtLeast(c, 5, Float64Array.from([0, 0, 1, 0, 0]), weights(0))).toBe(5);
    expect(countAtLeast(c, 5, observed, weights(0), 2)).toBe(2);
  });
});

/** Every assignment of `units` with `pilots` in the pilot arm, its coefficients for y along g. */
function allCoefficients(statistic: Studentized, pilots: number, y: Float64Array, g: Float64Array): { c: Float64Array; count: number } {
  const units = statistic.units;
  const rows: number[] = [];
  const pilot = new Uint8Array(units);
  const out = new Float64Array(COEFFICIENTS);
  for (let mask = 0; mask < 1 << units; mask += 1) {
    let ones = 0;
    for (let i = 0; i < units; i += 1) {
      pilot[i] = (mask >> i) & 1;
      ones += pilot[i] as number;
    }
    if (ones !== pilots) continue;
    statistic.coefficients(pilot, y, g, out, 0);
    rows.push(...out);
  }
  return { c: Float64Array.from(rows), count: rows.length / COEFFICIENTS };
}

describe('bracketCounter: certified counts equal the full count at every null of a bisection', () => {
  it('Welch and ANCOVA, absolute and relative directions, seeded skewed data with ties, 20 bisections each', () => {
    const random = seededRandom(4242);
    let largestLeft = 0;
    for (let trial = 0; trial < 20; trial += 1) {
      const units = 10;
      const y = Float64Array.from({ length: units }, () => Math.round(random.logNormal(2, 0.8) * (trial % 2 ? 1 : 10)) / 10);
      const z = Float64Array.from({ length: units }, (_, i) => (i < 5 ? 1 : 0));
      const observedMask = Uint8Array.from(z);
      const statistic =
        trial % 3 === 2 ? ancovaStatistic(y.map((value) => value * (0.5 + random.uniform()))) : welchStatistic(units);
      const g = trial % 2 ? z : y.map((value, i) => value * (z[i] as number));
      const { c, count } = allCoefficients(statistic, 5, y, g);
      const observed = new Float64Array(COEFFICIENTS);
      statistic.coefficients(observedMask, y, g, observed, 0);
      // A bracket around some theta, then a bisection toward a random point of it.
      const a = (random.uniform() - 0.3) * 2;
      const b = a + random.uniform() * 1.5;
      const counter = bracketCounter(c, count, observed, a, b);
      expect(counter).not.toBeNull();
      let low = a;
      let high = b;
      for (let step = 0; step < 25; step += 1) {
        const middle = (low + high) / 2;
        const full = countAtLeast(c, count, observed, weights(middle));
        expect(counter?.count(middle)).toBe(full);
        if (random.chance(0.5)) {
          counter?.keep(middle, 'a');
          low = middle;
        } else {
          counter?.keep(middle, 'b');
          high = middle;
        }
      }
      // After 25 halvings almost every one of the 252 assignments is certified: the bisection counts only a few.
      largestLeft = Math.max(largestLeft, counter?.uncertain() ?? count);
    }
    expect(largestLeft).toBeLessThan(10);
  });

  it('declines brackets too far out for the polynomial form', () => {
    const c = Float64Array.from([1, 1, 1, 0, 1]);
    expect(bracketCounter(c, 1, c, -1e9, 0)).toBeNull();
    expect(bracketCounter(c, 1, c, -Infinity, 0)).toBeNull();
  });
});
