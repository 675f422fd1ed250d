import { describe, expect, it } from 'vitest';
import { meanArm, ratioArm } from '../../../src/core/stats/arm.ts';
import { StatsRefusal } from '../../../src/core/stats/refusal.ts';
import { welchDifference, type Difference } from '../../../src/core/stats/welch.ts';
import {
  controlA,
  controlN,
  mpgAutomatic,
  mpgManual,
  pilotA,
  pilotN,
  revenueControl,
  revenuePilot,
  sleepGroup1,
  sleepGroup2,
  winsControl,
  winsPilot,
} from './datasets.ts';
import { expectClose, expectNoNonFinite, expectRounded } from './expect-close.ts';

function expectDifference(actual: Difference, expected: Omit<Difference, 'se'> & { se?: number }, relative = 1e-9): void {
  expectClose(actual.estimate, expected.estimate, relative);
  if (expected.se !== undefined) expectClose(actual.se, expected.se, relative);
  expectClose(actual.df, expected.df, relative);
  expectClose(actual.low, expected.low, relative);
  expectClose(actual.high, expected.high, relative);
  expectClose(actual.p, expected.p, relative);
}

describe('welchDifference: published examples (statistics.md)', () => {
  it('sleep: t = -1.8608, df = 17.776, p = 0.07939, interval -3.3654832 to 0.2054832', () => {
    const result = welchDifference(meanArm(sleepGroup1), meanArm(sleepGroup2), 0.95);
    expectRounded(result.estimate / result.se, '-1.8608');
    expectRounded(result.df, '17.776');
    expectRounded(result.p, '0.07939');
    expectRounded(result.low, '-3.3654832');
    expectRounded(result.high, '0.2054832');
  });

  it('mtcars mpg, manual vs automatic: interval 3.209684 to 11.280194, df = 18.332, p = 0.001374', () => {
    expect(mpgManual).toHaveLength(13);
    expect(mpgAutomatic).toHaveLength(19);
    const pilot = meanArm(mpgManual);
    const control = meanArm(mpgAutomatic);
    expectRounded(pilot.estimate, '24.392');
    expectRounded(control.estimate, '17.147');
    const result = welchDifference(pilot, control, 0.95);
    expectRounded(result.low, '3.209684');
    expectRounded(result.high, '11.280194');
    expectRounded(result.df, '18.332');
    expectRounded(result.p, '0.001374');
  });
});

describe('welchDifference: against R t.test and a hand computation in R', () => {
  it('sleep, all digits', () => {
    // R: t.test(g1, g2)
    expectDifference(welchDifference(meanArm(sleepGroup1), meanArm(sleepGroup2), 0.95), {
      estimate: -1.5800000000000001,
      se: 0.84909101723876201,
      df: 17.776473516178498,
      low: -3.3654832307117104,
      high: 0.20548323071171018,
      p: 0.079394140187358173,
    });
  });

  it('mtcars, all digits', () => {
    // R: t.test(mpgManual, mpgAutomatic)
    expectDifference(welchDifference(meanArm(mpgManual), meanArm(mpgAutomatic), 0.95), {
      estimate: 7.2449392712550598,
      se: 1.9232021338597201,
      df: 18.332251638400461,
      low: 3.2096841874699598,
      high: 11.280194355040161,
      p: 0.0013736383330710284,
    });
  });

  it('unequal n (7 vs 11) at confidence 0.9', () => {
    // R: t.test(pilotA, controlA, conf.level = 0.9)
    expectDifference(welchDifference(meanArm(pilotA), meanArm(controlA), 0.9), {
      estimate: 2.6285714285714281,
      se: 1.2263318961864302,
      df: 8.7291240261571126,
      low: 0.37259838881458995,
      high: 4.8845444683282659,
      p: 0.061609192891644217,
    });
  });

  it('unequal n (7 vs 11) at confidence 0.99', () => {
    // R: t.test(pilotA, controlA, conf.level = 0.99)
    expectDifference(welchDifference(meanArm(pilotA), meanArm(controlA), 0.99), {
      estimate: 2.6285714285714281,
      df: 8.7291240261571126,
      low: -1.3883109070120805,
      high: 6.6454537641549365,
      p: 0.061609192891644217,
    });
  });

  it('arms swapped at confidence 0.8', () => {
    // R: t.test(controlA, pilotA, conf.level = 0.8)
    expectDifference(welchDifference(meanArm(controlA), meanArm(pilotA), 0.8), {
      estimate: -2.6285714285714281,
      df: 8.7291240261571126,
      low: -4.3287913730364505,
      high: -0.92835148410640533,
      p: 0.061609192891644217,
    });
  });

  it('negative values', () => {
    // R: t.test(pilotN, controlN)
    expectDifference(welchDifference(meanArm(pilotN), meanArm(controlN), 0.95), {
      estimate: 1.7208333333333332,
      se: 1.0616275596445419,
      df: 9.7694021650407059,
      low: -0.65221043273451662,
      high: 4.0938770994011833,
      p: 0.13681794066547789,
    });
  });

  it('delta-method ratio arms (revenue per opportunity)', () => {
    // R: welchHand(deltaArm(pilotY, pilotNn), deltaArm(controlY, controlNn), 0.95), where
    //   welchHand: d <- mp - mc; se <- sqrt(vp + vc); df <- (vp + vc)^2 / (vp^2 / (np - 1) + vc^2 / (nc - 1));
    //   d + c(-1, 1) * qt(1 - (1 - conf) / 2, df) * se; p <- 2 * pt(-abs(d / se), df)
    expectDifference(
      welchDifference(ratioArm(revenuePilot), ratioArm(revenueControl), 0.95),
      {
        estimate: 99.98414627701743,
        se: 12.986525090520679,
        df: 13.940285152779834,
        low: 72.119622469392795,
        high: 127.84867008464207,
        p: 2.1920118678551889e-6,
      },
      1e-8,
    );
  });

  it('clustered proportion arms at confidence 0.9', () => {
    // R: welchHand(deltaArm(pilotX, pilotRows), deltaArm(controlX, controlRows), 0.9)
    expectDifference(
      welchDifference(ratioArm(winsPilot), ratioArm(winsControl), 0.9),
      {
        estimate: 0.084372034166403043,
        se: 0.024308644943897593,
        df: 11.388945303176234,
        low: 0.040852537183448147,
        high: 0.12789153114935795,
        p: 0.0049779994735136982,
      },
      1e-8,
    );
  });
});

describe('welchDifference: edge cases', () => {
  it('identical arms: difference 0, p exactly 1', () => {
    const arm = meanArm([3, 5, 9, 4]);
    const result = welchDifference(arm, arm, 0.95);
    expect(result.estimate).toBe(0);
    expect(result.p).toBe(1);
    expect(result.low).toBeCloseTo(-result.high, 14);
    expectNoNonFinite(result);
  });

  it('works when one arm has no variance (df = n - 1 of the other arm)', () => {
    // R: t.test(c(5, 5, 5, 5), controlA)
    expectDifference(welchDifference(meanArm([5, 5, 5, 5]), meanArm(controlA), 0.95), {
      estimate: -3.5999999999999996,
      se: 0.52483763723131127,
      df: 10,
      low: -4.769411130499762,
      high: -2.4305888695002373,
      p: 4.4082186576771877e-5,
    });
  });

  it('refuses two arms without variance', () => {
    const run = () => welchDifference(meanArm([5, 5, 5]), meanArm([4, 4]), 0.95);
    expect(run).toThrow(StatsRefusal);
    expect(run).toThrow(/no variation/);
    try {
      run();
    } catch (error) {
      expect((error as StatsRefusal).code).toBe('no-variance');
    }
  });

  it('refuses rounding noise as variance, as t.test does ("data are essentially constant")', () => {
    const noisy = { estimate: 1e6, variance: 1e-30, units: 5 };
    expect(() => welchDifference(noisy, noisy, 0.95)).toThrow(StatsRefusal);
  });

  it('refuses an arm summary with fewer than 2 units', () => {
    const arm = meanArm([1, 2, 3]);
    expect(() => welchDifference({ estimate: 2, variance: 1, units: 1 }, arm, 0.95)).toThrow(
      'The pilot arm has 1 unit; at least 2 are needed to estimate variation.',
    );
  });

  it('validates the confidence level (0.5 to 0.999)', () => {
    const arm = meanArm([1, 2, 3]);
    for (const confidence of [0.4, 1, 95, Number.NaN, 0.9995]) {
      expect(() => welchDifference(arm, arm, confidence)).toThrow(RangeError);
    }
    expect(() => welchDifference(arm, arm, 0.5)).not.toThrow();
    expect(() => welchDifference(arm, arm, 0.999)).not.toThrow();
  });

  it('returns tiny p-values without rounding them to 0', () => {
    const result = welchDifference(meanArm([100, 100.1, 99.9, 100.05]), meanArm([1, 1.1, 0.9, 1.05]), 0.95);
    expect(result.p).toBeGreaterThan(0);
    expect(result.p).toBeLessThan(1e-9);
  });
});
