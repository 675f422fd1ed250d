import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../scripts/random.ts';
import { sumOfIndependent } from '../../../src/core/stats/portfolio.ts';

describe('sumOfIndependent', () => {
  it('adds estimates and combines each side\'s margins in quadrature, as R computes it', () => {
    // R: e <- c(6000, 2500); lo <- c(2000, -500); hi <- c(10000, 5500)
    //    c(sum(e), sum(e) - sqrt(sum((e - lo)^2)), sum(e) + sqrt(sum((hi - e)^2)))  # 8500 3500 13500
    expect(sumOfIndependent([
      { estimate: 6000, low: 2000, high: 10000 },
      { estimate: 2500, low: -500, high: 5500 },
    ])).toEqual({ estimate: 8500, low: 3500, high: 13500 });
    // R: e <- c(1234.5, -300.25, 87000); lo <- c(100, -900, 41000.5); hi <- c(2600, 250, 160000)
    //    -> 87934.25 41916.8533921681 160949.0934587961 (print(..., digits = 15))
    const uneven = sumOfIndependent([
      { estimate: 1234.5, low: 100, high: 2600 },
      { estimate: -300.25, low: -900, high: 250 },
      { estimate: 87000, low: 41000.5, high: 160000 },
    ]);
    expect(uneven.estimate).toBeCloseTo(87934.25, 9);
    expect(uneven.low as number).toBeCloseTo(41916.8533921681, 8);
    expect(uneven.high as number).toBeCloseTo(160949.0934587961, 8);
  });

  it('has no limit on a side where any pilot has none, and is the one pilot itself alone', () => {
    expect(sumOfIndependent([
      { estimate: 10, low: null, high: 20 },
      { estimate: 5, low: 1, high: 9 },
    ])).toEqual({ estimate: 15, low: null, high: 15 + Math.sqrt(100 + 16) });
    expect(sumOfIndependent([{ estimate: 7, low: 2, high: 30 }])).toEqual({ estimate: 7, low: 2, high: 30 });
    expect(sumOfIndependent([])).toEqual({ estimate: 0, low: 0, high: 0 });
  });

  it('covers the true total about 95% of the time when each pilot\'s 95% interval is normal (seeded simulation)', () => {
    const random = seededRandom(2026_12_06);
    const truths = [12_000, -3_000, 40_000, 800];
    const spreads = [4_000, 1_500, 25_000, 300];
    const z = 1.959963984540054;
    const runs = 20_000;
    let covered = 0;
    for (let run = 0; run < runs; run += 1) {
      const projections = truths.map((truth, index) => {
        const estimate = truth + (spreads[index] as number) * random.normal();
        return { estimate, low: estimate - z * (spreads[index] as number), high: estimate + z * (spreads[index] as number) };
      });
      const sum = sumOfIndependent(projections);
      const total = truths.reduce((a, b) => a + b, 0);
      if ((sum.low as number) <= total && total <= (sum.high as number)) covered += 1;
    }
    // 20,000 runs: a standard error of 0.15 points around 95%.
    expect(covered / runs).toBeGreaterThan(0.945);
    expect(covered / runs).toBeLessThan(0.955);
  });
});
