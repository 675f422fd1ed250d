import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newcombeDifference, newcombeP } from '../../../src/core/stats/newcombe.ts';
import { wilsonInterval } from '../../../src/core/stats/wilson.ts';
import { expectClose, expectRounded } from './expect-close.ts';

const count = (successes: number, trials: number) => ({ successes, trials });

describe('newcombeDifference: Newcombe 1998, Table II, method 10 (published)', () => {
  const table: [pilot: [number, number], control: [number, number], low: string, high: string][] = [
    [[56, 70], [48, 80], '0.0524', '0.3339'],
    [[9, 10], [3, 10], '0.1705', '0.8090'],
    [[6, 7], [2, 7], '0.0582', '0.8062'],
    [[5, 56], [0, 29], '-0.0381', '0.1926'],
    [[0, 10], [0, 20], '-0.1611', '0.2775'],
    [[10, 10], [0, 20], '0.6791', '1.0000'],
  ];
  it.each(table)('%j vs %j -> %s to %s', (pilot, control, low, high) => {
    const result = newcombeDifference(count(...pilot), count(...control), 0.95);
    expectRounded(result.low, low);
    expectRounded(result.high, high);
  });
});

describe('newcombeDifference: against R', () => {
  // R 4.2.2:
  //   wil <- function(x, n, conf) prop.test(x, n, conf.level = conf, correct = FALSE)$conf.int
  //   newc <- function(xp, np, xc, nc, conf) { a <- wil(xp, np, conf); b <- wil(xc, nc, conf); d <- xp/np - xc/nc
  //     c(d, d - sqrt((xp/np - a[1])^2 + (b[2] - xc/nc)^2), d + sqrt((a[2] - xp/np)^2 + (xc/nc - b[1])^2)) }
  const cases: [xp: number, np: number, xc: number, nc: number, confidence: number, estimate: number, low: number, high: number][] = [
    // R: newc(56, 70, 48, 80, 0.95)
    [56, 70, 48, 80, 0.95, 0.20000000000000007, 0.052431472402364926, 0.33387265403690586],
    // R: newc(9, 10, 3, 10, 0.95)
    [9, 10, 3, 10, 0.95, 0.60000000000000009, 0.17052272393450307, 0.80901797353548799],
    // R: newc(6, 7, 2, 7, 0.95)
    [6, 7, 2, 7, 0.95, 0.5714285714285714, 0.058227927482312314, 0.80624963752422774],
    // R: newc(5, 56, 0, 29, 0.95)
    [5, 56, 0, 29, 0.95, 0.089285714285714288, -0.038137147903536853, 0.19256001385511157],
    // R: newc(0, 10, 0, 20, 0.95)
    [0, 10, 0, 20, 0.95, 0, -0.1611251580528193, 0.27753279986288915],
    // R: newc(10, 10, 0, 20, 0.95)
    [10, 10, 0, 20, 0.95, 1, 0.67908603714191484, 1],
    // R: newc(30, 200, 45, 210, 0.9)
    [30, 200, 45, 210, 0.9, -0.064285714285714279, -0.12643802964872303, -0.0013262851878207138],
    // R: newc(30, 200, 45, 210, 0.99)
    [30, 200, 45, 210, 0.99, -0.064285714285714279, -0.16155944152460039, 0.03496334338598836],
    // R: newc(7, 9, 120, 500, 0.95)
    [7, 9, 120, 500, 0.95, 0.5377777777777778, 0.21021960241418347, 0.70065983189833703],
  ];
  it.each(cases)('%i/%i vs %i/%i at %d', (xp, np, xc, nc, confidence, estimate, low, high) => {
    const result = newcombeDifference(count(xp, np), count(xc, nc), confidence);
    expectClose(result.estimate, estimate, 1e-12);
    expectClose(result.low, low, 1e-10);
    expectClose(result.high, high, 1e-10);
  });

  it('identical arms: difference exactly 0 inside a symmetric interval', () => {
    const result = newcombeDifference(count(17, 40), count(17, 40), 0.95);
    expect(result.estimate).toBe(0);
    expectClose(result.low, -result.high, 1e-14);
  });

  it('all successes in both arms: 0, from l_p - 1 to 1 - l_c', () => {
    const result = newcombeDifference(count(12, 12), count(30, 30), 0.95);
    expect(result.estimate).toBe(0);
    expectClose(result.low, wilsonInterval(12, 12, 0.95).low - 1, 1e-15);
    expectClose(result.high, 1 - wilsonInterval(30, 30, 0.95).low, 1e-15);
  });

  it('no successes in both arms: from -u_c to u_p', () => {
    const result = newcombeDifference(count(0, 12), count(0, 30), 0.95);
    expect(result.estimate).toBe(0);
    expectClose(result.low, -wilsonInterval(0, 30, 0.95).high, 1e-15);
    expectClose(result.high, wilsonInterval(0, 12, 0.95).high, 1e-15);
  });
});

describe('newcombeP: the smallest alpha at which the interval excludes 0 (statistics.md section 6)', () => {
  // R 4.2.2, test/core/stats/reference/newcombe-p.R: the interval written from section 4 at z =
  // qnorm(alpha/2, lower.tail = FALSE), and exp(uniroot(function(la) low end (minus the high end when
  // d < 0) at alpha = exp(la), c(log(1e-300), log(1 - 1e-15)), tol = 1e-14)$root).
  const cases: [xp: number, np: number, xc: number, nc: number, p: number][] = [
    // R: newcombeP(56, 70, 48, 80) (prop.test's pooled z gives 0.008045)
    [56, 70, 48, 80, 0.0081331403586068322],
    // R: newcombeP(9, 10, 3, 10)
    [9, 10, 3, 10, 0.0049634014175102556],
    // R: newcombeP(6, 7, 2, 7)
    [6, 7, 2, 7, 0.026625057547865347],
    // R: newcombeP(5, 56, 0, 29): the 95% interval -0.0381 to 0.1926 contains 0, and p > 0.05
    [5, 56, 0, 29, 0.11755573067257465],
    // R: newcombeP(10, 10, 0, 20)
    [10, 10, 0, 20, 4.5078195587426416e-9],
    // R: newcombeP(30, 200, 45, 210): a negative difference
    [30, 200, 45, 210, 0.093129088084776379],
    // R: newcombeP(7, 9, 120, 500)
    [7, 9, 120, 500, 0.00020774374714383078],
    // R: newcombeP(0, 10, 3, 20)
    [0, 10, 3, 20, 0.21958882349042766],
    // R: newcombeP(1, 2, 0, 2)
    [1, 2, 0, 2, 0.25775472557062751],
  ];
  it.each(cases)('%i/%i vs %i/%i -> %d', (xp, np, xc, nc, p) => {
    expectClose(newcombeP(count(xp, np), count(xc, nc)), p, 1e-10);
    // Swapping the arms flips the interval, not the p-value.
    expectClose(newcombeP(count(xc, nc), count(xp, np)), p, 1e-10);
  });

  it('at confidence 1 - p the bound nearer 0 is 0', () => {
    for (const [xp, np, xc, nc, p] of cases) {
      if (1 - p < 0.5 || 1 - p > 0.999) continue; // the confidences a pilot may ask for
      const interval = newcombeDifference(count(xp, np), count(xc, nc), 1 - p);
      const bound = interval.estimate > 0 ? interval.low : interval.high;
      expect(Math.abs(bound)).toBeLessThan(1e-12);
    }
  });

  it('p = 1 when the proportions are equal, including all successes or all failures in both arms', () => {
    expect(newcombeP(count(17, 40), count(17, 40))).toBe(1);
    expect(newcombeP(count(1, 3), count(2, 6))).toBe(1);
    expect(newcombeP(count(12, 12), count(30, 30))).toBe(1);
    expect(newcombeP(count(0, 12), count(0, 30))).toBe(1);
  });

  it('a p below the smallest double is reported as that double (5e-324), never 0', () => {
    // 1000/1000 vs 0/1000: the interval reaches 0 only at z = sqrt(1000 / (sqrt(2) - 1)) = 49.1
    expect(newcombeP(count(1000, 1000), count(0, 1000))).toBe(Number.MIN_VALUE);
  });

  it('refuses counts that are not counts', () => {
    expect(() => newcombeP(count(3, 2), count(1, 2))).toThrow(RangeError);
    expect(() => newcombeP(count(1.5, 2), count(1, 2))).toThrow(RangeError);
    expect(() => newcombeP(count(0, 0), count(1, 2))).toThrow();
  });
});

describe('newcombeP is coherent with newcombeDifference: 0 is outside the interval at 1 - alpha exactly when p <= alpha', () => {
  const alphas = [0.001, 0.01, 0.05, 0.1, 0.2, 0.5];
  // Within 1e-9 of p the answer rests on the last bits of the bisection; such alphas are skipped.
  const agrees = (pilot: { successes: number; trials: number }, control: { successes: number; trials: number }, alpha: number) => {
    const p = newcombeP(pilot, control);
    if (Math.abs(p - alpha) <= 1e-9 * alpha) return;
    const interval = newcombeDifference(pilot, control, 1 - alpha);
    const excludesZero = interval.low > 0 || interval.high < 0;
    expect(excludesZero, `${pilot.successes}/${pilot.trials} vs ${control.successes}/${control.trials} at ${alpha}: p = ${p}`).toBe(p <= alpha);
  };

  it('on every pair of counts with up to 10 rows per arm', () => {
    let checked = 0;
    for (let np = 1; np <= 10; np += 1) {
      for (let xp = 0; xp <= np; xp += 1) {
        for (let nc = 1; nc <= 10; nc += 1) {
          for (let xc = 0; xc <= nc; xc += 1) {
            for (const alpha of alphas) agrees(count(xp, np), count(xc, nc), alpha);
            checked += 1;
          }
        }
      }
    }
    expect(checked).toBe(65 * 65);
  });

  it('on random counts up to 5000 rows and random alphas', () => {
    const arm = fc.integer({ min: 1, max: 5000 }).chain((trials) => fc.record({ successes: fc.integer({ min: 0, max: trials }), trials: fc.constant(trials) }));
    fc.assert(
      fc.property(arm, arm, fc.double({ min: 0.001, max: 0.5, noNaN: true }), (pilot, control, alpha) => agrees(pilot, control, alpha)),
      { seed: 20240611, numRuns: 500 },
    );
  });
});
