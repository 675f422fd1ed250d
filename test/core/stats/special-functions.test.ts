import { describe, expect, it } from 'vitest';
import { regularizedIncompleteBeta } from '../../../src/core/stats/incomplete-beta.ts';
import { regularizedUpperIncompleteGamma } from '../../../src/core/stats/incomplete-gamma.ts';
import { logBeta, logGamma } from '../../../src/core/stats/log-gamma.ts';
import { expectClose } from './expect-close.ts';

// pbeta(x, a, b) with 1 - x passed as the exact complement the caller knows.
const pbeta = (x: number, a: number, b: number) => regularizedIncompleteBeta(x, 1 - x, a, b);

describe('special functions against R 4.2.2', () => {
  const cases: [call: string, compute: () => number, expected: number][] = [
    // R: lgamma(0.5)
    ['lgamma(0.5)', () => logGamma(0.5), 0.57236494292470008],
    // R: lgamma(1e-8)
    ['lgamma(1e-8)', () => logGamma(1e-8), 18.420680738180209],
    // R: lgamma(3.7)
    ['lgamma(3.7)', () => logGamma(3.7), 1.4280723266653881],
    // R: lgamma(9.99)
    ['lgamma(9.99)', () => logGamma(9.99), 12.779315214350193],
    // R: lgamma(10)
    ['lgamma(10)', () => logGamma(10), 12.801827480081469],
    // R: lgamma(123.4)
    ['lgamma(123.4)', () => logGamma(123.4), 469.33609744219063],
    // R: lgamma(5e6)
    ['lgamma(5e6)', () => logGamma(5e6), 72124735.558456168],
    // R: lbeta(2.5, 0.5)
    ['lbeta(2.5, 0.5)', () => logBeta(2.5, 0.5), 0.16390063283767389],
    // R: lbeta(40, 0.5)
    ['lbeta(40, 0.5)', () => logBeta(40, 0.5), -1.2689498654972247],
    // R: lbeta(5e5, 0.5)
    ['lbeta(5e5, 0.5)', () => logBeta(5e5, 0.5), -5.9888164957774643],
    // R: lbeta(15, 22)
    ['lbeta(15, 22)', () => logBeta(15, 22), -25.148334460927614],
    // R: lbeta(0.3, 7)
    ['lbeta(0.3, 7)', () => logBeta(0.3, 7), 0.52715668380592784],
    // R: pbeta(0.5, 2, 3)
    ['pbeta(0.5, 2, 3)', () => pbeta(0.5, 2, 3), 0.6875],
    // R: pbeta(0.3, 8.888, 0.5)
    ['pbeta(0.3, 8.888, 0.5)', () => pbeta(0.3, 8.888, 0.5), 4.9207307624629693e-6],
    // R: pbeta(0.999, 50, 0.5)
    ['pbeta(0.999, 50, 0.5)', () => pbeta(0.999, 50, 0.5), 0.75236901996537675],
    // R: pbeta(1e-5, 0.5, 20)
    ['pbeta(1e-5, 0.5, 20)', () => pbeta(1e-5, 0.5, 20), 0.0158572726846643],
    // R: pbeta(0.7, 30, 12)
    ['pbeta(0.7, 30, 12)', () => pbeta(0.7, 30, 12), 0.4010477903496098],
    // R: pgamma(1.9208, 0.5, lower.tail = FALSE)
    ['pgamma(1.9208, 0.5, lower.tail = FALSE)', () => regularizedUpperIncompleteGamma(0.5, 1.9208), 0.04999579029644094],
    // R: pgamma(0.3, 0.5, lower.tail = FALSE)
    ['pgamma(0.3, 0.5, lower.tail = FALSE)', () => regularizedUpperIncompleteGamma(0.5, 0.3), 0.43857802608099994],
    // R: pgamma(200, 0.5, lower.tail = FALSE)
    ['pgamma(200, 0.5, lower.tail = FALSE)', () => regularizedUpperIncompleteGamma(0.5, 200), 5.5072482372124689e-89],
    // R: pgamma(2.5, 3, lower.tail = FALSE)
    ['pgamma(2.5, 3, lower.tail = FALSE)', () => regularizedUpperIncompleteGamma(3, 2.5), 0.54381311588332959],
  ];
  it.each(cases)('%s', (_, compute, expected) => {
    expectClose(compute(), expected, 1e-12);
  });

  it('has the exact values at the ends', () => {
    expect(regularizedIncompleteBeta(0, 1, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 0, 2, 3)).toBe(1);
    expect(regularizedUpperIncompleteGamma(0.5, 0)).toBe(1);
    expect(regularizedUpperIncompleteGamma(0.5, Infinity)).toBe(0);
  });

  it('rejects arguments outside the domain', () => {
    expect(() => logGamma(0)).toThrow(RangeError);
    expect(() => logBeta(-1, 2)).toThrow(RangeError);
    expect(() => regularizedIncompleteBeta(-0.1, 1.1, 2, 3)).toThrow(RangeError);
    expect(() => regularizedUpperIncompleteGamma(0, 1)).toThrow(RangeError);
  });
});
