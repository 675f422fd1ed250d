/**
 * No number the statistics return is ever NaN or Infinity, whatever the
 * arms: every method either answers with finite numbers (or null where
 * statistics.md says null) or refuses with a StatsRefusal. Property-based,
 * with fast-check's default seed handling and 500 cases per property.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ArmEstimate } from '../../../src/core/stats/arm.ts';
import { meanArm, ratioArm } from '../../../src/core/stats/arm.ts';
import { ancova } from '../../../src/core/stats/ancova.ts';
import { baselineBalance } from '../../../src/core/stats/balance.ts';
import { fiellerLift } from '../../../src/core/stats/fieller.ts';
import { katzLift } from '../../../src/core/stats/katz.ts';
import { newcombeDifference } from '../../../src/core/stats/newcombe.ts';
import { pooledZTest } from '../../../src/core/stats/pooled-z-test.ts';
import { minimumDetectableEffect } from '../../../src/core/stats/power.ts';
import { StatsRefusal } from '../../../src/core/stats/refusal.ts';
import { welchDifference } from '../../../src/core/stats/welch.ts';
import { expectNoNonFinite } from './expect-close.ts';

const RUNS = { numRuns: Number(process.env.FIELDPROOF_PROPERTY_RUNS ?? 500), seed: process.env.FIELDPROOF_PROPERTY_SEED === undefined ? 20_240_601 : Number(process.env.FIELDPROOF_PROPERTY_SEED) };

const magnitude = fc.oneof(
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.double({ min: -1e-6, max: 1e-6, noNaN: true }),
  fc.constantFrom(0, -0, 1e-300, -1e-300, 1e150, -1e150),
);
const variance = fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constantFrom(0, 1e-300, 1e-20, 1e150));
const arm: fc.Arbitrary<ArmEstimate> = fc.record({
  estimate: magnitude,
  variance,
  units: fc.oneof(fc.integer({ min: 2, max: 50 }), fc.integer({ min: 2, max: 10_000_000 })),
});
const confidence = fc.oneof(fc.double({ min: 0.5, max: 0.999, noNaN: true }), fc.constantFrom(0.5, 0.8, 0.9, 0.95, 0.99, 0.999));

/**
 * Runs the method; a refusal is an acceptable answer, and so is a RangeError
 * for a result beyond the largest double (around 1e308): anything else must
 * be finite.
 */
function finiteOrRefused(run: () => object): void {
  try {
    expectNoNonFinite(run());
  } catch (error) {
    if (error instanceof StatsRefusal) return;
    if (error instanceof RangeError && /too large to represent/.test(error.message)) return;
    throw error;
  }
}

describe('never NaN or Infinity', () => {
  it('welchDifference, fiellerLift, baselineBalance, minimumDetectableEffect on any two arms', () => {
    fc.assert(
      fc.property(arm, arm, confidence, (pilot, control, level) => {
        finiteOrRefused(() => welchDifference(pilot, control, level));
        finiteOrRefused(() => fiellerLift(pilot, control, level));
        finiteOrRefused(() => baselineBalance(pilot, control, level));
        finiteOrRefused(() => minimumDetectableEffect(pilot, control, level));
      }),
      RUNS,
    );
  });

  it('Welch and Fieller intervals contain their estimate', () => {
    fc.assert(
      fc.property(arm, arm, confidence, (pilot, control, level) => {
        finiteOrRefused(() => {
          const difference = welchDifference(pilot, control, level);
          expect(difference.low).toBeLessThanOrEqual(difference.estimate);
          expect(difference.high).toBeGreaterThanOrEqual(difference.estimate);
          expect(difference.p).toBeGreaterThanOrEqual(0);
          expect(difference.p).toBeLessThanOrEqual(1);
          return difference;
        });
        const lift = fiellerLift(pilot, control, level);
        if (lift.low !== null && lift.high !== null && lift.estimate !== null) {
          const slack = 1e-9 * Math.max(1, Math.abs(lift.estimate));
          expect(lift.low).toBeLessThanOrEqual(lift.estimate + slack);
          expect(lift.high).toBeGreaterThanOrEqual(lift.estimate - slack);
        }
      }),
      RUNS,
    );
  });

  it('meanArm and ratioArm on any finite values', () => {
    const values = fc.array(magnitude, { minLength: 0, maxLength: 30 });
    const units = fc.array(fc.record({ numerator: magnitude, denominator: magnitude }), { minLength: 0, maxLength: 30 });
    fc.assert(
      fc.property(values, units, (means, ratios) => {
        finiteOrRefused(() => meanArm(means));
        finiteOrRefused(() => ratioArm(ratios));
      }),
      RUNS,
    );
  });

  it('proportions: Newcombe, Katz and the pooled z-test on any counts', () => {
    const count = fc.integer({ min: 1, max: 5000 }).chain((trials) =>
      fc.record({ successes: fc.integer({ min: 0, max: trials }), trials: fc.constant(trials) }),
    );
    fc.assert(
      fc.property(count, count, confidence, (pilot, control, level) => {
        const difference = newcombeDifference(pilot, control, level);
        expectNoNonFinite(difference);
        expect(difference.low).toBeGreaterThanOrEqual(-1);
        expect(difference.high).toBeLessThanOrEqual(1);
        expect(difference.low).toBeLessThanOrEqual(difference.estimate);
        expect(difference.high).toBeGreaterThanOrEqual(difference.estimate);
        expectNoNonFinite(katzLift(pilot, control, level));
        expectNoNonFinite(pooledZTest(pilot, control));
      }),
      RUNS,
    );
  });

  it('ancova on any units', () => {
    const unit = fc.record({ outcome: magnitude, baseline: magnitude, pilot: fc.boolean() });
    fc.assert(
      fc.property(fc.array(unit, { minLength: 0, maxLength: 20 }), confidence, (units, level) => {
        finiteOrRefused(() => ancova(units, level));
      }),
      RUNS,
    );
  });
});
