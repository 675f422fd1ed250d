import { describe, expect, it } from 'vitest';
import { katzLift } from '../../../src/core/stats/katz.ts';
import { expectClose } from './expect-close.ts';

const count = (successes: number, trials: number) => ({ successes, trials });

describe('katzLift', () => {
  // R 4.2.2:
  //   katz <- function(xp, np, xc, nc, conf) { rr <- (xp/np)/(xc/nc); se <- sqrt(1/xp - 1/np + 1/xc - 1/nc)
  //     c(rr - 1, exp(log(rr) + c(-1, 1) * qnorm(1 - (1 - conf)/2) * se) - 1) }
  const cases: [xp: number, np: number, xc: number, nc: number, confidence: number, estimate: number, low: number, high: number][] = [
    // R: katz(56, 70, 48, 80, 0.95)
    [56, 70, 48, 80, 0.95, 0.33333333333333348, 0.076626422763192981, 0.65124851126638705],
    // R: katz(30, 200, 45, 210, 0.9)
    [30, 200, 45, 210, 0.9, -0.29999999999999993, -0.50769881823252438, -0.0046743372811208772],
    // R: katz(30, 200, 45, 210, 0.99)
    [30, 200, 45, 210, 0.99, -0.29999999999999993, -0.59662485796973863, 0.21475011458004056],
    // R: katz(7, 9, 120, 500, 0.95)
    [7, 9, 120, 500, 0.95, 2.2407407407407409, 1.2107588632078592, 3.7505862007300221],
    // R: katz(10, 10, 5, 20, 0.95)
    [10, 10, 5, 20, 0.95, 3, 0.87236731482290475, 7.5453318231595699],
  ];
  it.each(cases)('%i/%i vs %i/%i at %d agrees with R', (xp, np, xc, nc, confidence, estimate, low, high) => {
    const lift = katzLift(count(xp, np), count(xc, nc), confidence);
    expectClose(lift.estimate, estimate, 1e-12);
    expectClose(lift.low, low, 1e-10);
    expectClose(lift.high, high, 1e-10);
    expect(lift.unbounded).toBe(false);
  });

  it('all successes in both arms: lift 0 with a zero-width interval', () => {
    // R: katz(10, 10, 10, 10, 0.95) gives 0, 0, 0
    expect(katzLift(count(10, 10), count(10, 10), 0.95)).toEqual({ estimate: 0, low: 0, high: 0, unbounded: false });
  });

  it('no successes in the pilot arm: lift -100%, bounds null', () => {
    expect(katzLift(count(0, 10), count(3, 20), 0.95)).toEqual({ estimate: -1, low: null, high: null, unbounded: false });
  });

  it('no successes in the control arm: lift undefined, everything null', () => {
    expect(katzLift(count(5, 56), count(0, 29), 0.95)).toEqual({ estimate: null, low: null, high: null, unbounded: false });
    expect(katzLift(count(0, 10), count(0, 20), 0.95)).toEqual({ estimate: null, low: null, high: null, unbounded: false });
  });
});
