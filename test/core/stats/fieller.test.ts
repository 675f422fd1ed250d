import { describe, expect, it } from 'vitest';
import { meanArm, ratioArm, type ArmEstimate } from '../../../src/core/stats/arm.ts';
import { fiellerLift, type Lift } from '../../../src/core/stats/fieller.ts';
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

// mratios is not on Debian's or npm's registries here, so the references are
// Fieller's formula written out in R (R 4.2.2), as statistics.md states it:
//   fiellerHand <- function(p, c, conf) {
//     r <- mp / mc; df <- (vp + r^2 * vc)^2 / (vp^2 / (np - 1) + r^4 * vc^2 / (nc - 1))
//     t <- qt(1 - (1 - conf) / 2, df); A <- mc^2 - t^2 * vc; B <- -2 * mp * mc; C <- mp^2 - t^2 * vp
//     if (A <= 0) unbounded else sort((-B + c(-1, 1) * sqrt(B^2 - 4 * A * C)) / (2 * A)) - 1 }
// For mtcars it was also checked against the code of mratios' ttestratio.default
// (var.equal = FALSE, iterativeCI = FALSE), which gives the same bounds.

function expectLift(actual: Lift, expected: { estimate: number; low: number; high: number }, relative = 1e-9): void {
  expectClose(actual.estimate, expected.estimate, relative);
  expectClose(actual.low, expected.low, relative);
  expectClose(actual.high, expected.high, relative);
  expect(actual.unbounded).toBe(false);
}

describe('fiellerLift: published example (statistics.md)', () => {
  it('mtcars mpg: lift +42.25%, interval +18.15% to +69.58%', () => {
    const lift = fiellerLift(meanArm(mpgManual), meanArm(mpgAutomatic), 0.95);
    expectRounded(lift.estimate, '0.4225');
    expectRounded(lift.low, '0.1815');
    expectRounded(lift.high, '0.6958');
  });
});

describe('fiellerLift: against Fieller computed in R', () => {
  it('mtcars, all digits', () => {
    // R: fiellerHand(meanArmR(mpgManual), meanArmR(mpgAutomatic), 0.95)  (df_r = 23.747362423846361)
    expectLift(fiellerLift(meanArm(mpgManual), meanArm(mpgAutomatic), 0.95), {
      estimate: 0.42251027057656887,
      low: 0.18149865597775872,
      high: 0.69580681399692779,
    });
  });

  it('unequal n (7 vs 11) at confidence 0.9 and 0.99', () => {
    // R: fiellerHand(meanArmR(pilotA), meanArmR(controlA), 0.9)
    expectLift(fiellerLift(meanArm(pilotA), meanArm(controlA), 0.9), {
      estimate: 0.30564784053156147,
      low: 0.046311383032270115,
      high: 0.59699049779951552,
    });
    // R: fiellerHand(meanArmR(pilotA), meanArmR(controlA), 0.99)
    expectLift(fiellerLift(meanArm(pilotA), meanArm(controlA), 0.99), {
      estimate: 0.30564784053156147,
      low: -0.13101067170188108,
      high: 0.84140742131684987,
    });
  });

  it('sleep, a lift below zero', () => {
    // R: fiellerHand(meanArmR(g1), meanArmR(g2), 0.95)
    expectLift(fiellerLift(meanArm(sleepGroup1), meanArm(sleepGroup2), 0.95), {
      estimate: -0.67811158798283255,
      low: -1.2278581215048214,
      high: 0.22665062339721631,
    });
  });

  it('delta-method ratio arms', () => {
    // R: fiellerHand(deltaArm(pilotY, pilotNn), deltaArm(controlY, controlNn), 0.95)
    expectLift(
      fiellerLift(ratioArm(revenuePilot), ratioArm(revenueControl), 0.95),
      { estimate: 0.36071762216163683, low: 0.25578131683831495, high: 0.4715640328481665 },
      1e-8,
    );
  });

  it('clustered proportion arms', () => {
    // R: fiellerHand(deltaArm(pilotX, pilotRows), deltaArm(controlX, controlRows), 0.95)
    expectLift(
      fiellerLift(ratioArm(winsPilot), ratioArm(winsControl), 0.95),
      { estimate: 0.41802507836990599, low: 0.14954384669522303, high: 0.73505175743167683 },
      1e-8,
    );
  });

  it('a pilot mean near zero with negative values', () => {
    // R: fiellerHand(meanArmR(pilotN), meanArmR(-controlN), 0.95)
    expectLift(fiellerLift(meanArm(pilotN), meanArm(controlN.map((v) => -v)), 0.95), {
      estimate: -0.98024691358024696,
      low: -5.1225057745786549,
      high: 3.5578868066025748,
    });
  });
});

describe('fiellerLift: unbounded and undefined', () => {
  it('A <= 0 (control level not clearly above zero): estimate kept, bounds null, unbounded', () => {
    // R: fiellerHand(meanArmR(g2), meanArmR(g1), 0.9) gives A = -0.46478762993596923
    expect(fiellerLift(meanArm(sleepGroup2), meanArm(sleepGroup1), 0.9)).toEqual({
      estimate: expect.closeTo(2.1066666666666669, 12),
      low: null,
      high: null,
      unbounded: true,
    });
    // R: fiellerHand(meanArmR(pilotA), meanArmR(c(-1, 4, 0.5, 3, -2, 1)), 0.95) gives A = -4.86898272843775
    const lift = fiellerLift(meanArm(pilotA), meanArm([-1, 4, 0.5, 3, -2, 1]), 0.95);
    expectClose(lift.estimate, 11.249350649350649, 1e-12);
    expect(lift).toMatchObject({ low: null, high: null, unbounded: true });
  });

  it('control mean <= 0: everything null, not unbounded', () => {
    const undefinedLift = { estimate: null, low: null, high: null, unbounded: false };
    expect(fiellerLift(meanArm(pilotN), meanArm(controlN), 0.95)).toEqual(undefinedLift);
    expect(fiellerLift(meanArm([1, 2, 3]), meanArm([-1, 0, 1]), 0.95)).toEqual(undefinedLift);
  });

  it('a control mean near zero: a huge lift that is finite, or unbounded; never Infinity', () => {
    const tiny: ArmEstimate = { estimate: 1e-12, variance: 1e-6, units: 10 };
    const lift = fiellerLift(meanArm([10, 12, 14]), tiny, 0.95);
    expect(lift.unbounded).toBe(true);
    expect(lift.estimate).toBeGreaterThan(1e12);
    expectNoNonFinite(lift);
    const precise: ArmEstimate = { estimate: 1e-9, variance: 1e-24, units: 10 };
    const bounded = fiellerLift(meanArm([10, 12, 14]), precise, 0.95);
    expect(bounded.unbounded).toBe(false);
    expectNoNonFinite(bounded);
    const subnormal: ArmEstimate = { estimate: 5e-324, variance: 0, units: 10 };
    expectNoNonFinite(fiellerLift(meanArm([10, 12, 14]), subnormal, 0.95));
  });

  it('identical arms: lift 0 with an interval around it', () => {
    const arm = meanArm([10, 12, 15, 9]);
    const lift = fiellerLift(arm, arm, 0.95);
    expect(lift.estimate).toBe(0);
    expect(lift.low).toBeLessThan(0);
    expect(lift.high).toBeGreaterThan(0);
  });

  it('no variance in either arm: the single point r - 1', () => {
    const lift = fiellerLift(meanArm([6, 6]), meanArm([4, 4, 4]), 0.95);
    expect(lift).toEqual({ estimate: 0.5, low: 0.5, high: 0.5, unbounded: false });
  });

  it('no variance in the pilot arm and a pilot mean of zero: lift -100%', () => {
    const lift = fiellerLift(meanArm([0, 0, 0]), meanArm([4, 5, 6]), 0.95);
    expect(lift).toEqual({ estimate: -1, low: -1, high: -1, unbounded: false });
  });

  it('no variance in the pilot arm only: bounded interval from the control arm', () => {
    const lift = fiellerLift(meanArm([6, 6, 6]), meanArm([4, 5, 6]), 0.95);
    expect(lift.unbounded).toBe(false);
    expect(lift.low).toBeLessThan(0.2);
    expect(lift.high).toBeGreaterThan(0.2);
    expectNoNonFinite(lift);
  });
});
