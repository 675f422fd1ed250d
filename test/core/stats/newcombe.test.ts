import { describe, expect, it } from 'vitest';
import { newcombeDifference } from '../../../src/core/stats/newcombe.ts';
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
