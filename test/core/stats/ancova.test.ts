import { describe, expect, it } from 'vitest';
import { ancova, type Ancova, type AncovaUnit } from '../../../src/core/stats/ancova.ts';
import { StatsRefusal } from '../../../src/core/stats/refusal.ts';
import { anorexia, mtcars } from './datasets.ts';
import { expectClose, expectNoNonFinite, expectRounded } from './expect-close.ts';

/** Family therapy (or CBT) as the pilot, Cont as control; y = Postwt, x = Prewt. */
function anorexiaUnits(pilotTreatment: 'FT' | 'CBT'): AncovaUnit[] {
  return anorexia.treat.flatMap((treat, i) =>
    treat === pilotTreatment || treat === 'Cont'
      ? [{ outcome: anorexia.postwt[i] as number, baseline: anorexia.prewt[i] as number, pilot: treat === pilotTreatment }]
      : [],
  );
}

interface Expected {
  estimate: number;
  se: number;
  df: number;
  low: number;
  high: number;
  p: number;
  intercept: number;
  slope: number;
  meanBaseline: number;
  liftEstimate: number;
  liftLow: number;
  liftHigh: number;
}

function expectAncova(actual: Ancova, expected: Expected, relative = 1e-9): void {
  expectClose(actual.estimate, expected.estimate, relative);
  expectClose(actual.se, expected.se, relative);
  expect(actual.df).toBe(expected.df);
  expectClose(actual.low, expected.low, relative);
  expectClose(actual.high, expected.high, relative);
  expectClose(actual.p, expected.p, relative);
  expectClose(actual.intercept, expected.intercept, relative);
  expectClose(actual.slope, expected.slope, relative);
  expectClose(actual.meanBaseline, expected.meanBaseline, relative);
  expectClose(actual.lift.estimate, expected.liftEstimate, relative);
  expectClose(actual.lift.low, expected.liftLow, relative);
  expectClose(actual.lift.high, expected.liftHigh, relative);
  expect(actual.lift.unbounded).toBe(false);
}

describe('ancova: published example (statistics.md)', () => {
  it('MASS::anorexia, FT (n = 17) vs Cont (n = 26): interval 4.928 to 13.139', () => {
    const units = anorexiaUnits('FT');
    expect(units.filter((unit) => unit.pilot)).toHaveLength(17);
    expect(units.filter((unit) => !unit.pilot)).toHaveLength(26);
    const result = ancova(units, 0.95);
    expectRounded(result.low, '4.928');
    expectRounded(result.high, '13.139');
  });
});

describe('ancova: against R lm(y ~ pilot + x)', () => {
  // Each reference: b0, b1, b2, se(b1), p from summary(fit)$coefficients, df = fit$df.residual,
  // bounds from confint(fit, 'pilotTRUE', level = conf), lift = b1, bounds / (b0 + b2 * mean(x)).
  it('anorexia FT vs Cont at 0.95', () => {
    // R: fit <- lm(Postwt ~ pilot + Prewt, data = subset(anorexia, Treat != 'CBT')); confint(fit, 'pilotTRUE', level = 0.95)
    expectAncova(ancova(anorexiaUnits('FT'), 0.95), {
      estimate: 9.0335725744442268,
      se: 2.0314862495344115,
      df: 40,
      low: 4.9277857097646391,
      high: 13.139359439123815,
      p: 6.7677796853820853e-5,
      intercept: 63.893166801803524,
      slope: 0.21107175814812959,
      meanBaseline: 82.218604651162792,
      liftEstimate: 0.11118627395739084,
      liftLow: 0.060651766221396126,
      liftHigh: 0.16172078169338555,
    });
  });

  it('anorexia FT vs Cont at 0.9', () => {
    // R: the same fit; confint(fit, 'pilotTRUE', level = 0.9)
    const result = ancova(anorexiaUnits('FT'), 0.9);
    expectClose(result.low, 5.6128523945882627);
    expectClose(result.high, 12.454292754300191);
    expectClose(result.lift.low, 0.069083647569575496);
    expectClose(result.lift.high, 0.15328890034520617);
  });

  it('anorexia FT vs Cont at 0.99', () => {
    // R: the same fit; confint(fit, 'pilotTRUE', level = 0.99)
    const result = ancova(anorexiaUnits('FT'), 0.99);
    expectClose(result.low, 3.5395007602278499);
    expectClose(result.high, 14.527644388660605);
    expectClose(result.lift.low, 0.043564591744401727);
    expectClose(result.lift.high, 0.17880795617037995);
  });

  it('anorexia CBT (n = 29) vs Cont (n = 26)', () => {
    // R: fit <- lm(Postwt ~ pilot + Prewt, data = subset(anorexia, Treat != 'FT')); confint(fit, 'pilotTRUE', level = 0.95)
    expectAncova(ancova(anorexiaUnits('CBT'), 0.95), {
      estimate: 4.244112265475052,
      se: 1.8377959309851675,
      df: 52,
      low: 0.55630493220829536,
      high: 7.9319195987418087,
      p: 0.02492917601010379,
      intercept: 56.2687307665567,
      slope: 0.30455694414974138,
      meanBaseline: 82.154545454545456,
      liftEstimate: 0.052209866367830413,
      liftLow: 0.0068435056269910048,
      liftHigh: 0.097576227108669825,
    });
  });

  it('mtcars mpg ~ am + wt: a negative slope and a p near 1', () => {
    // R: fit <- lm(mpg ~ pilot + wt, data = mtcars) with pilot = am == 1; confint(fit, 'pilotTRUE', level = 0.95)
    const units = mtcars.mpg.map((outcome, i) => ({
      outcome,
      baseline: mtcars.wt[i] as number,
      pilot: mtcars.am[i] === 1,
    }));
    expectAncova(
      ancova(units, 0.95),
      {
        estimate: -0.023615219662702771,
        se: 1.545645332434928,
        df: 29,
        low: -3.1848148697826737,
        high: 3.1375844304572684,
        p: 0.9879145855484468,
        intercept: 37.321551310204946,
        slope: -5.3528114467999011,
        meanBaseline: 3.2172499999999999,
        liftEstimate: -0.0011748737680495867,
        liftLow: -0.15844677712278701,
        liftHigh: 0.15609702958668786,
      },
      1e-8,
    );
  });
});

describe('ancova: edge cases', () => {
  const unit = (outcome: number, baseline: number, pilot: boolean): AncovaUnit => ({ outcome, baseline, pilot });

  it('adjusted control level <= 0: lift all null, absolute result kept', () => {
    const units = [unit(-5, 1, false), unit(-3, 2, false), unit(-4, 3, false), unit(2, 1, true), unit(1, 2, true), unit(3, 4, true)];
    const result = ancova(units, 0.95);
    expect(result.lift).toEqual({ estimate: null, low: null, high: null, unbounded: false });
    expectNoNonFinite(result);
  });

  it('refuses a baseline that does not vary within the arms', () => {
    const units = [unit(5, 1, false), unit(6, 1, false), unit(8, 2, true), unit(9, 2, true)];
    expect(() => ancova(units, 0.95)).toThrow(StatsRefusal);
    expect(() => ancova(units, 0.95)).toThrow(/same baseline/);
  });

  it('refuses a perfect fit (no residual variance)', () => {
    // y = 1 + 2 * pilot + 3 * x exactly
    const units = [unit(4, 1, false), unit(7, 2, false), unit(10, 3, false), unit(9, 2, true), unit(12, 3, true)];
    try {
      ancova(units, 0.95);
      expect.fail('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(StatsRefusal);
      expect((error as StatsRefusal).code).toBe('no-variance');
    }
  });

  it('refuses an arm with 1 unit', () => {
    const units = [unit(4, 1, false), unit(7, 2, false), unit(10, 3, false), unit(9, 2, true)];
    expect(() => ancova(units, 0.95)).toThrow('The pilot arm has 1 unit; at least 2 are needed to estimate variation.');
  });

  it('2 units per arm is enough (df = 1)', () => {
    const units = [unit(4, 1, false), unit(7.5, 2, false), unit(9, 2, true), unit(12.5, 3.2, true)];
    const result = ancova(units, 0.95);
    expect(result.df).toBe(1);
    expectNoNonFinite(result);
  });
});
