import { describe, expect, it } from 'vitest';
import { meanArm, ratioArm } from '../../../src/core/stats/arm.ts';
import { StatsRefusal } from '../../../src/core/stats/refusal.ts';
import { pilotN, revenueControl, revenuePilot, sleepGroup1, winsControl, winsPilot } from './datasets.ts';
import { expectClose } from './expect-close.ts';

function refusal(run: () => unknown): StatsRefusal {
  try {
    run();
  } catch (error) {
    if (error instanceof StatsRefusal) return error;
    throw error;
  }
  throw new Error('expected a StatsRefusal');
}

describe('meanArm', () => {
  it('is the mean with variance s^2 / n', () => {
    const arm = meanArm(sleepGroup1);
    // R: c(mean(g1), var(g1) / 10)
    expectClose(arm.estimate, 0.75, 1e-14);
    expectClose(arm.variance, 0.32005555555555559, 1e-13);
    expect(arm.units).toBe(10);
  });

  it('handles negative values', () => {
    const arm = meanArm(pilotN);
    // R: c(mean(pilotN), var(pilotN) / 6)
    expectClose(arm.estimate, 0.03333333333333325, 1e-12);
    expectClose(arm.variance, 0.73511111111111116, 1e-13);
  });

  it('gives exactly zero variance for identical values, even ones that do not add up exactly', () => {
    expect(meanArm([0.1, 0.1, 0.1])).toEqual({ estimate: 0.1, variance: 0, units: 3 });
  });

  it('keeps its digits for large, nearly equal values', () => {
    // var(c(1e9 + 1, 1e9 + 2, 1e9 + 3)) = 1
    expectClose(meanArm([1e9 + 1, 1e9 + 2, 1e9 + 3]).variance, 1 / 3, 1e-12);
  });

  it('refuses fewer than 2 units', () => {
    expect(refusal(() => meanArm([42])).code).toBe('too-few-units');
    expect(refusal(() => meanArm([42])).message).toBe('This arm has 1 unit; at least 2 are needed to estimate variation.');
    expect(refusal(() => meanArm([])).message).toBe('This arm has 0 units; at least 2 are needed to estimate variation.');
  });

  it('rejects values that are not finite numbers', () => {
    expect(() => meanArm([1, Number.NaN])).toThrow(RangeError);
    expect(() => meanArm([1, Infinity])).toThrow(RangeError);
  });
});

describe('ratioArm (delta method)', () => {
  it('matches the delta-method formula computed in R: revenue per opportunity', () => {
    // R: m <- sum(pilotY) / sum(pilotNn); (var(pilotY) - 2 * m * cov(pilotY, pilotNn) + m^2 * var(pilotNn)) / (10 * mean(pilotNn)^2)
    const pilot = ratioArm(revenuePilot);
    expectClose(pilot.estimate, 377.16535433070868, 1e-14);
    expectClose(pilot.variance, 131.21008323980885, 1e-11);
    expect(pilot.units).toBe(10);
    // R: the same for controlY, controlNn
    const control = ratioArm(revenueControl);
    expectClose(control.estimate, 277.18120805369125, 1e-14);
    expectClose(control.variance, 37.43975068691428, 1e-11);
    expect(control.units).toBe(12);
  });

  it('matches the delta-method formula computed in R: a clustered proportion (successes per rep over rows per rep)', () => {
    // R: m <- sum(pilotX) / sum(pilotRows); (var(pilotX) - 2 * m * cov(pilotX, pilotRows) + m^2 * var(pilotRows)) / (8 * mean(pilotRows)^2)
    const pilot = ratioArm(winsPilot);
    expectClose(pilot.estimate, 0.28620689655172415, 1e-14);
    expectClose(pilot.variance, 0.00044175483294475618, 1e-11);
    // R: the same for controlX, controlRows
    const control = ratioArm(winsControl);
    expectClose(control.estimate, 0.20183486238532111, 1e-14);
    expectClose(control.variance, 0.00014915538606372181, 1e-11);
  });

  it('reduces to meanArm when every denominator is 1', () => {
    const values = [3, 8, -2, 7.5, 1];
    const ratio = ratioArm(values.map((numerator) => ({ numerator, denominator: 1 })));
    const mean = meanArm(values);
    expectClose(ratio.estimate, mean.estimate, 1e-15);
    expectClose(ratio.variance, mean.variance, 1e-14);
  });

  it('worked example of the doc comment', () => {
    const arm = ratioArm([
      { numerator: 2, denominator: 4 },
      { numerator: 3, denominator: 4 },
      { numerator: 5, denominator: 8 },
    ]);
    expect(arm).toEqual({ estimate: 0.625, variance: 0.0029296875, units: 3 });
  });

  it('accepts units with a zero denominator as long as the sum is not zero', () => {
    const arm = ratioArm([
      { numerator: 0, denominator: 0 },
      { numerator: 3, denominator: 10 },
      { numerator: 5, denominator: 10 },
    ]);
    expectClose(arm.estimate, 0.4, 1e-15);
    expect(Number.isFinite(arm.variance)).toBe(true);
  });

  it('refuses denominators that sum to zero', () => {
    const error = refusal(() =>
      ratioArm([
        { numerator: 1, denominator: 0 },
        { numerator: 2, denominator: 0 },
      ]),
    );
    expect(error.code).toBe('zero-denominator');
    expect(error.message).toMatch(/add up to 0/);
    expect(
      refusal(() =>
        ratioArm([
          { numerator: 1, denominator: 5 },
          { numerator: 2, denominator: -5 },
        ]),
      ).code,
    ).toBe('zero-denominator');
  });

  it('refuses fewer than 2 units', () => {
    expect(refusal(() => ratioArm([{ numerator: 1, denominator: 5 }])).code).toBe('too-few-units');
  });
});

describe('values beyond the range of doubles', () => {
  it('throws a RangeError rather than return Infinity', () => {
    expect(() => meanArm([1e308, -1e308, 1e308])).toThrow(/too large to represent/);
    expect(() => ratioArm([{ numerator: 1e308, denominator: 1e-300 }, { numerator: 1, denominator: 1e-300 }])).toThrow(
      /too large to represent/,
    );
  });
});
