import { describe, expect, it } from 'vitest';
import { pooledZTest } from '../../../src/core/stats/pooled-z-test.ts';
import { expectClose, expectRounded } from './expect-close.ts';

const count = (successes: number, trials: number) => ({ successes, trials });

describe('pooledZTest', () => {
  it('published: prop.test(c(56, 48), c(70, 80), correct = FALSE): X-squared = 7.0234, p = 0.008045', () => {
    const result = pooledZTest(count(56, 70), count(48, 80));
    expectRounded(result.statistic, '7.0234');
    expectRounded(result.p, '0.008045');
  });

  const cases: [xp: number, np: number, xc: number, nc: number, statistic: number, p: number][] = [
    // R: prop.test(c(56, 48), c(70, 80), correct = FALSE)
    [56, 70, 48, 80, 7.0234113712374597, 0.0080450813681965643],
    // R: prop.test(c(30, 45), c(200, 210), correct = FALSE)
    [30, 200, 45, 210, 2.8324093816631124, 0.092379670559945753],
    // R: prop.test(c(7, 120), c(9, 500), correct = FALSE)
    [7, 9, 120, 500, 13.654283528695037, 0.00021973945588909413],
    // R: prop.test(c(0, 3), c(10, 20), correct = FALSE)
    [0, 10, 3, 20, 1.6666666666666667, 0.19670560245894694],
    // R: prop.test(c(5, 0), c(56, 29), correct = FALSE)
    [5, 56, 0, 29, 2.7511160714285716, 0.097186568170579746],
  ];
  it.each(cases)('%i/%i vs %i/%i agrees with R', (xp, np, xc, nc, statistic, p) => {
    const result = pooledZTest(count(xp, np), count(xc, nc));
    expectClose(result.statistic, statistic, 1e-12);
    expectClose(result.p, p, 1e-12);
  });

  it('identical arms: statistic 0, p exactly 1', () => {
    // R: prop.test(c(17, 17), c(40, 40), correct = FALSE) gives X-squared = 0, p-value = 1
    expect(pooledZTest(count(17, 40), count(17, 40))).toEqual({ statistic: 0, p: 1 });
  });

  it('no successes or only successes in both arms: statistic 0 and p 1 where R prints NaN', () => {
    expect(pooledZTest(count(0, 10), count(0, 20))).toEqual({ statistic: 0, p: 1 });
    expect(pooledZTest(count(10, 10), count(20, 20))).toEqual({ statistic: 0, p: 1 });
  });

  it('keeps very small p-values', () => {
    const { p } = pooledZTest(count(900, 1000), count(100, 1000));
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1e-200);
  });
});
