import { describe, expect, it } from 'vitest';
import { ancova } from '../../../src/core/stats/ancova.ts';
import { ancovaStatistic } from '../../../src/core/stats/ancova-statistic.ts';
import { meanArm, ratioArm } from '../../../src/core/stats/arm.ts';
import { deltaStatistic } from '../../../src/core/stats/delta-statistic.ts';
import { mulberry32 } from '../../../src/core/stats/random.ts';
import { COEFFICIENTS, type Studentized } from '../../../src/core/stats/studentized.ts';
import { welchDifference } from '../../../src/core/stats/welch.ts';
import { welchStatistic } from '../../../src/core/stats/welch-statistic.ts';
import { anorexia, controlA, mtcars, pilotA, revenueControl, revenuePilot, sleepGroup1, sleepGroup2, winsControl, winsPilot } from './datasets.ts';
import { expectClose } from './expect-close.ts';

/** The five coefficients as named numbers. */
function coefficients(statistic: Studentized, pilot: Uint8Array, y: Float64Array, g: Float64Array) {
  const out = new Float64Array(COEFFICIENTS + 2).fill(NaN);
  statistic.coefficients(pilot, y, g, out, 1);
  // Written exactly at out[at] .. out[at + 4], nothing around them.
  expect(Number.isNaN(out[0])).toBe(true);
  expect(Number.isNaN(out[6])).toBe(true);
  const [a0, a1, q00, q01, q11] = out.subarray(1, 6) as unknown as number[];
  return { a0: a0 as number, a1: a1 as number, q00: q00 as number, q01: q01 as number, q11: q11 as number };
}

function mask(pilotUnits: number, controlUnits: number): Uint8Array {
  return Uint8Array.from({ length: pilotUnits + controlUnits }, (_, i) => (i < pilotUnits ? 1 : 0));
}

/** A uniformly random assignment keeping the count of pilot units (seeded shuffle). */
function shuffled(observed: Uint8Array, uniform: () => number): Uint8Array {
  const copy = Uint8Array.from(observed);
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(uniform() * (i + 1));
    const held = copy[i] as number;
    copy[i] = copy[j] as number;
    copy[j] = held;
  }
  return copy;
}

function split<T>(values: readonly T[], pilot: Uint8Array): { pilot: T[]; control: T[] } {
  return { pilot: values.filter((_, i) => pilot[i] === 1), control: values.filter((_, i) => pilot[i] === 0) };
}

/** a0 - theta a1 = L(y - theta g) and q00 - 2 theta q01 + theta^2 q11 = Q(y - theta g, y - theta g). */
function expectBilinear(statistic: Studentized, pilot: Uint8Array, y: Float64Array, g: Float64Array): void {
  const c = coefficients(statistic, pilot, y, g);
  for (const theta of [-2.5, -0.3, 0.4, 1, 3.7]) {
    const shifted = y.map((value, i) => value - theta * (g[i] as number));
    const direct = coefficients(statistic, pilot, shifted, g);
    expectClose(c.a0 - theta * c.a1, direct.a0, 1e-10);
    expectClose(c.q00 - 2 * theta * c.q01 + theta * theta * c.q11, direct.q00, 1e-10);
  }
}

describe('welchStatistic: Welch t (statistics.md section 2) as five coefficients', () => {
  it('sleep: at the observed assignment, a0 and sqrt(q00) are welchDifference estimate and se to 1e-12', () => {
    const pilot = mask(10, 10);
    const y = Float64Array.from([...sleepGroup1, ...sleepGroup2]);
    const c = coefficients(welchStatistic(20), pilot, y, Float64Array.from(pilot));
    const expected = welchDifference(meanArm(sleepGroup1), meanArm(sleepGroup2), 0.95);
    expectClose(c.a0, expected.estimate, 1e-12);
    expectClose(Math.sqrt(c.q00), expected.se, 1e-12);
    // R: t.test(extra ~ group, data = sleep)$statistic = -1.8608 (the direction z moves the pilot mean only).
    expectClose(c.a0 / Math.sqrt(c.q00), -1.860813, 1e-6);
    expect([c.a1, c.q01, c.q11]).toEqual([1, 0, 0]);
  });

  it('at 50 random assignments of mtcars mpg and pilotA/controlA, T is the Welch t of the rearranged arms', () => {
    const uniform = mulberry32(7);
    for (const [values, pilotUnits] of [
      [mtcars.mpg, 13],
      [[...pilotA, ...controlA], pilotA.length],
    ] as const) {
      const y = Float64Array.from(values);
      const statistic = welchStatistic(y.length);
      for (let trial = 0; trial < 25; trial += 1) {
        const w = shuffled(mask(pilotUnits, values.length - pilotUnits), uniform);
        const arms = split(values, w);
        const expected = welchDifference(meanArm(arms.pilot), meanArm(arms.control), 0.95);
        const c = coefficients(statistic, w, y, Float64Array.from(w));
        expectClose(c.a0, expected.estimate, 1e-12);
        expectClose(Math.sqrt(c.q00), expected.se, 1e-12);
      }
    }
  });

  it('is bilinear in the outcomes along the absolute and the relative directions', () => {
    const observed = mask(7, 11);
    const y = Float64Array.from([...pilotA, ...controlA]);
    const w = shuffled(observed, mulberry32(3));
    expectBilinear(welchStatistic(18), w, y, Float64Array.from(observed));
    expectBilinear(welchStatistic(18), w, y, y.map((value, i) => value * (observed[i] as number)));
  });

  it('keeps its digits for large, nearly equal values and for an arm whose first value is far out', () => {
    const pilot = [1e9 + 0.3, 1e9 + 1.7, 1e9 - 0.4, 1e9 + 0.9];
    const control = [1e9 - 1.1, 1e9 + 0.2, 1e9 - 0.6, 1e9 + 0.1, 1e9 - 0.8];
    const w = mask(4, 5);
    const large = coefficients(welchStatistic(9), w, Float64Array.from([...pilot, ...control]), Float64Array.from(w));
    // v - 1e9 is exact for these doubles, so this difference is right to the last digits; meanArm's means
    // are rounded to the spacing of doubles near 1e9 (1.2e-7), so its estimate is not the yardstick here.
    const shifted = (values: number[]): number[] => values.map((value) => value - 1e9);
    const exactDifference = meanArm(shifted(pilot)).estimate - meanArm(shifted(control)).estimate;
    expectClose(large.a0, exactDifference, 1e-14);
    expectClose(Math.sqrt(large.q00), welchDifference(meanArm(pilot), meanArm(control), 0.95).se, 1e-12);
    expectClose(Math.sqrt(large.q00), welchDifference(meanArm(shifted(pilot)), meanArm(shifted(control)), 0.95).se, 1e-12);

    const outlierFirst = [50_000, 100, 120, 90, 110, 95, 105];
    const others = [80, 130, 100, 70, 115, 60];
    const v = mask(7, 6);
    const far = coefficients(welchStatistic(13), v, Float64Array.from([...outlierFirst, ...others]), Float64Array.from(v));
    const expected = welchDifference(meanArm(outlierFirst), meanArm(others), 0.95);
    expectClose(far.a0, expected.estimate, 1e-12);
    expectClose(Math.sqrt(far.q00), expected.se, 1e-12);
  });

  it('a constant arm has exactly no variance: 0.1 three times is not rounding noise', () => {
    const c = coefficients(welchStatistic(6), mask(3, 3), Float64Array.from([0.1, 0.1, 0.1, 0.7, 0.7, 0.7]), Float64Array.from(mask(3, 3)));
    expect(c.q00).toBe(0);
    expectClose(c.a0, -0.6, 1e-15);
  });
});

describe('deltaStatistic: the delta-method difference of ratios (sections 1 and 2)', () => {
  it('the worked example of its doc comment: a0 = 0.225, q00 = 0.0113296875', () => {
    // R: welchHand(deltaArm(c(2, 3, 5), c(4, 4, 8)), deltaArm(c(1, 2, 1), c(4, 4, 2)), 0.95): estimate 0.225, se 0.1064410047866892
    const denominators = Float64Array.from([4, 4, 8, 4, 4, 2]);
    const pilot = mask(3, 3);
    const c = coefficients(deltaStatistic(denominators), pilot, Float64Array.from([2, 3, 5, 1, 2, 1]), denominators.map((n, i) => n * (pilot[i] as number)));
    expectClose(c.a0, 0.225, 1e-14);
    expectClose(c.q00, 0.0113296875, 1e-13);
    expectClose(Math.sqrt(c.q00), 0.1064410047866892, 1e-13);
    expect([c.a1, c.q01, c.q11]).toEqual([1, 0, 0]);
  });

  it('revenue per opportunity and clustered wins: matches ratioArm + welchDifference at 40 random assignments to 1e-12', () => {
    const uniform = mulberry32(11);
    for (const [pilot, control] of [
      [revenuePilot, revenueControl],
      [winsPilot, winsControl],
    ] as const) {
      const units = [...pilot, ...control];
      const denominators = Float64Array.from(units, (unit) => unit.denominator);
      const y = Float64Array.from(units, (unit) => unit.numerator);
      const statistic = deltaStatistic(denominators);
      const observed = mask(pilot.length, control.length);
      for (let trial = 0; trial < 20; trial += 1) {
        const w = trial === 0 ? observed : shuffled(observed, uniform);
        const arms = split(units, w);
        const expected = welchDifference(ratioArm(arms.pilot), ratioArm(arms.control), 0.95);
        const c = coefficients(statistic, w, y, denominators.map((n, i) => n * (observed[i] as number)));
        expectClose(c.a0, expected.estimate, 1e-12);
        expectClose(Math.sqrt(c.q00), expected.se, 1e-12);
      }
    }
  });

  it('is bilinear along N z and along Y z', () => {
    const units = [...revenuePilot, ...revenueControl];
    const denominators = Float64Array.from(units, (unit) => unit.denominator);
    const y = Float64Array.from(units, (unit) => unit.numerator);
    const observed = mask(10, 12);
    const w = shuffled(observed, mulberry32(5));
    expectBilinear(deltaStatistic(denominators), w, y, denominators.map((n, i) => n * (observed[i] as number)));
    expectBilinear(deltaStatistic(denominators), w, y, y.map((value, i) => value * (observed[i] as number)));
  });

  it('an arm whose denominators sum to 0 writes the "no statistic" coefficients (|T| = Infinity), never NaN', () => {
    const denominators = Float64Array.from([0, 0, 3, 4, 5]);
    const c = coefficients(deltaStatistic(denominators), Uint8Array.from([1, 1, 0, 0, 0]), Float64Array.from([0, 0, 1, 2, 3]), Float64Array.from([1, 1, 0, 0, 0]));
    expect(c).toEqual({ a0: 1, a1: 0, q00: 0, q01: 0, q11: 0 });
  });
});

describe('ancovaStatistic: the OLS coefficient of the pilot and its standard error (section 5)', () => {
  const units = anorexia.treat.flatMap((treat, i) =>
    treat === 'FT' || treat === 'Cont'
      ? [{ outcome: anorexia.postwt[i] as number, baseline: anorexia.prewt[i] as number, pilot: treat === 'FT' }]
      : [],
  );
  const y = Float64Array.from(units, (unit) => unit.outcome);
  const x = Float64Array.from(units, (unit) => unit.baseline);
  const observed = Uint8Array.from(units, (unit) => (unit.pilot ? 1 : 0));

  it('anorexia FT vs Cont: a0 and sqrt(q00) are ancova() estimate and se to 1e-12; T is lm t value 4.44678007370938', () => {
    const c = coefficients(ancovaStatistic(x), observed, y, Float64Array.from(observed));
    const expected = ancova(units, 0.95);
    expectClose(c.a0, expected.estimate, 1e-12);
    expectClose(Math.sqrt(c.q00), expected.se, 1e-12);
    // R: summary(lm(Postwt ~ pilot + Prewt, data = subset(anorexia, Treat != "CBT")))$coefficients["pilotTRUE", ] = 9.03357257444423, 2.03148624953441, 4.44678007370938
    expectClose(c.a0, 9.03357257444423, 1e-12);
    expectClose(c.a0 / Math.sqrt(c.q00), 4.44678007370938, 1e-12);
    expect(c.a1).toBeCloseTo(1, 14);
    expect(Math.abs(c.q01)).toBeLessThan(1e-25);
    expect(Math.abs(c.q11)).toBeLessThan(1e-25);
  });

  it('at 30 random assignments of anorexia and of mtcars (mpg ~ am + wt), matches ancova() to 1e-12', () => {
    const uniform = mulberry32(13);
    const cars = mtcars.mpg.map((outcome, i) => ({ outcome, baseline: mtcars.wt[i] as number, pilot: mtcars.am[i] === 1 }));
    for (const set of [units, cars]) {
      const ys = Float64Array.from(set, (unit) => unit.outcome);
      const xs = Float64Array.from(set, (unit) => unit.baseline);
      const statistic = ancovaStatistic(xs);
      const seen = Uint8Array.from(set, (unit) => (unit.pilot ? 1 : 0));
      for (let trial = 0; trial < 15; trial += 1) {
        const w = shuffled(seen, uniform);
        const expected = ancova(set.map((unit, i) => ({ ...unit, pilot: w[i] === 1 })), 0.95);
        const c = coefficients(statistic, w, ys, Float64Array.from(seen));
        expectClose(c.a0, expected.estimate, 1e-12);
        expectClose(Math.sqrt(c.q00), expected.se, 1e-12);
      }
    }
  });

  it('is bilinear along z and along y z', () => {
    const w = shuffled(observed, mulberry32(17));
    expectBilinear(ancovaStatistic(x), w, y, Float64Array.from(observed));
    expectBilinear(ancovaStatistic(x), w, y, y.map((value, i) => value * (observed[i] as number)));
  });

  it('a baseline aliased with the arms writes the "no statistic" coefficients (|T| = Infinity), never NaN', () => {
    // Within each arm every unit has the same baseline: lm would drop x.
    const c = coefficients(
      ancovaStatistic(Float64Array.from([1, 1, 1, 2, 2, 2])),
      Uint8Array.from([1, 1, 1, 0, 0, 0]),
      Float64Array.from([3, 4, 5, 1, 2, 4]),
      Float64Array.from([1, 1, 1, 0, 0, 0]),
    );
    expect(c).toEqual({ a0: 1, a1: 0, q00: 0, q01: 0, q11: 0 });
  });
});
