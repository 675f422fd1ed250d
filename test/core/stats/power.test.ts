import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../scripts/random.ts';
import { meanArm } from '../../../src/core/stats/arm.ts';
import { normalQuantile, tQuantile } from '../../../src/core/stats/distributions.ts';
import {
  detectableEffect,
  exactPower,
  MOST_UNITS_PER_ARM,
  minimumDetectableEffect,
  powerForUnits,
  unitsForAdjustedEffect,
  unitsForEffect,
  unitsPerArm,
} from '../../../src/core/stats/power.ts';
import { satterthwaite, welchDifference } from '../../../src/core/stats/welch.ts';
import { controlN, mpgAutomatic, mpgManual, pilotN, sleepGroup1, sleepGroup2 } from './datasets.ts';
import { expectClose } from './expect-close.ts';

// Exact power (statistics.md section 7). R 4.2.2, test/core/stats/reference/power.R:
//   pwr <- function(d, se, df, conf) { c <- qt(1 - (1 - conf)/2, df); 1 - pt(c, df, d/se) + pt(-c, df, d/se) }
// R's pt is accurate to about 1e-12 absolute, so these agree to about 1e-12; the tolerance is 1e-9.
describe('exactPower against R', () => {
  const cases: [effect: number, se: number, df: number, confidence: number, power: number][] = [
    // R: pwr(1, 0.5, 10, 0.95)
    [1, 0.5, 10, 0.95, 0.43962730112500092],
    // R: pwr(-1, 0.5, 10, 0.95): the sign of the effect does not matter
    [-1, 0.5, 10, 0.95, 0.43962730112500092],
    // R: pwr(2.3, 1.1, 17.776, 0.9)
    [2.3, 1.1, 17.776, 0.9, 0.64275383589641111],
    // R: pwr(0.4, 0.1, 3.2, 0.99)
    [0.4, 0.1, 3.2, 0.99, 0.33782435194883698],
    // R: pwr(1, 0.5, Inf, 0.95), the z test: pnorm(2 - qnorm(0.975)) + pnorm(-2 - qnorm(0.975))
    [1, 0.5, Infinity, 0.95, 0.51600527397617491],
    // R: pwr(5, 1, 1, 0.95)
    [5, 1, 1, 0.95, 0.30516010273559957],
    // R: pwr(0.001, 1, 30, 0.95): next to no effect, power is alpha
    [0.001, 1, 30, 0.95, 0.050000107427410678],
    // R: pwr(30, 1, 2.5, 0.999)
    [30, 1, 2.5, 0.999, 0.94422904078459735],
  ];
  it.each(cases)('effect %d, se %d, df %d, confidence %d -> %d', (effect, se, df, confidence, power) => {
    expectClose(exactPower(effect, se, df, confidence), power, 1e-9);
  });

  it('is alpha at no effect and equals power.t.test with equal arms', () => {
    expectClose(exactPower(0, 1, 12.5, 0.9), 0.1, 1e-12);
    // R: power.t.test(n = 6, delta = 1, sd = 1, strict = TRUE)$power (pooled t, df 10 = Welch df at equal spreads)
    expectClose(powerForUnits({ effect: 1, pilotSd: 1, controlSd: 1, pilotUnits: 6, controlUnits: 6, confidence: 0.95 }), 0.34735369727228183, 1e-9);
  });

  it('refuses non-finite inputs and a standard error that is not positive', () => {
    expect(() => exactPower(Number.NaN, 1, 10, 0.95)).toThrow(RangeError);
    expect(() => exactPower(Infinity, 1, 10, 0.95)).toThrow(RangeError);
    expect(() => exactPower(1, 0, 10, 0.95)).toThrow(RangeError);
    expect(() => exactPower(1, -1, 10, 0.95)).toThrow(RangeError);
    expect(() => exactPower(1, Infinity, 10, 0.95)).toThrow(RangeError);
    expect(() => exactPower(1, 1, 0, 0.95)).toThrow(RangeError);
    expect(() => exactPower(1, 1, Number.NaN, 0.95)).toThrow(RangeError);
    expect(() => exactPower(1, 1, 10, 1)).toThrow(RangeError);
  });
});

// R: mde <- function(se, df, conf, power) uniroot(function(d) pwr(d, se, df, conf) - power, c(0, 1e4 * se), tol = 1e-14 * se)$root
describe('detectableEffect against R uniroot', () => {
  const cases: [se: number, df: number, confidence: number, power: number, effect: number][] = [
    // R: mde(1, 10, 0.95, 0.8)
    [1, 10, 0.95, 0.8, 3.109968101574796],
    // R: mde(0.37, 4.3, 0.9, 0.9)
    [0.37, 4.3, 0.9, 0.9, 1.3094275017297095],
    // R: mde(1, Inf, 0.95, 0.8): a little below qnorm(0.975) + qnorm(0.8) = 2.8015852, since the far tail counts too
    [1, Infinity, 0.95, 0.8, 2.8015817870135784],
    // R: mde(1e-06, 250.5, 0.95, 0.8)
    [1e-6, 250.5, 0.95, 0.8, 2.8123795086587652e-6],
    // R: mde(sqrt(var(g1)/10 + var(g2)/10), welch df = 17.776473516178488, 0.95, 0.8), the sleep data
    [0.84909101723876201, 17.776473516178488, 0.95, 0.8, 2.5174310026877214],
    // Beyond ncp = 37.62 R's pt is a normal approximation (uniroot with it gives 214.0876348 here), so
    // R: mde(2.5, 1, 0.99, 0.8, f = pwrExact), pwrExact the same formula on the accurate tails of noncentral-t.R
    [2.5, 1, 0.99, 0.8, 203.97365446040234],
    // R: mde(1, 1, 0.999, 0.8, f = pwrExact) (with pt: 856.3277241)
    [1, 1, 0.999, 0.8, 815.8614014347603],
    // R: mde(1, 1, 0.999, 0.999, f = pwrExact) (with pt: 1868.560008); power is flat there, so 1e-9
    [1, 1, 0.999, 0.999, 2094.8152398251668],
  ];
  it.each(cases)('se %d, df %d, confidence %d, power %d -> %d', (se, df, confidence, power, effect) => {
    const mde = detectableEffect({ se, df, confidence, power });
    expectClose(mde, effect, 1e-9);
    expectClose(exactPower(mde, se, df, confidence), power, 1e-12);
  });

  it('uses power 0.8 by default', () => {
    expect(detectableEffect({ se: 1, df: 10, confidence: 0.95 })).toBe(detectableEffect({ se: 1, df: 10, confidence: 0.95, power: 0.8 }));
  });

  it('refuses what has no answer, in plain words', () => {
    expect(() => detectableEffect({ se: 0, df: 10, confidence: 0.95 })).toThrow(/standard error must be above 0/);
    expect(() => detectableEffect({ se: Number.NaN, df: 10, confidence: 0.95 })).toThrow(RangeError);
    // alpha = 0.5 at confidence 0.5: the test already rejects half the time with no effect
    expect(() => detectableEffect({ se: 1, df: 10, confidence: 0.5, power: 0.5 })).toThrow(/no more than alpha/);
    // df 0.2: the critical value is astronomically large
    expect(() => detectableEffect({ se: 1, df: 0.2, confidence: 0.999, power: 0.999 })).toThrow(/no effect up to/);
  });
});

// Units per arm, R: the smallest n with power.t.test(n = n, delta, sd, sig.level, strict = TRUE)$power >= power
// (equal spreads: Welch df at equal n is 2(n - 1), the pooled t of power.t.test); the power at n - 1 and n
// is in each comment.
describe('detectableEffect, bit for bit', () => {
  // The search as first written: bisect on the noncentrality with the full two-sided power at every step.
  // detectableEffect decides some steps from the near tail alone and remembers what it found; its
  // answers must be these, to the last bit.
  const bisected = (df: number, confidence: number, power = 0.8): number => {
    const reaches = (ncp: number) => exactPower(ncp, 1, df, confidence) >= power;
    let low = 0;
    let high = tQuantile(1 - (1 - confidence) / 2, df) + normalQuantile(power);
    while (!reaches(high)) {
      low = high;
      high *= 2;
    }
    while (high - low > 1e-13 * high) {
      const middle = (low + high) / 2;
      if (reaches(middle)) high = middle;
      else low = middle;
    }
    return (low + high) / 2;
  };

  it.each([
    [237, 0.95, 0.8],
    [231.4186, 0.95, 0.8],
    [9, 0.9, 0.8],
    [3.5, 0.95, 0.9],
    [1, 0.95, 0.8],
    [20_000, 0.99, 0.8],
    [Infinity, 0.95, 0.8],
  ])('df %s, confidence %s, power %s: the same noncentrality as the plain bisection, times se', (df, confidence, power) => {
    const noncentrality = bisected(df, confidence, power);
    expect(Object.is(detectableEffect({ se: 1, df, confidence, power }), noncentrality)).toBe(true);
    // Remembered: the second call and another se give the same noncentrality times se.
    expect(Object.is(detectableEffect({ se: 1, df, confidence, power }), noncentrality)).toBe(true);
    expect(Object.is(detectableEffect({ se: 2.7, df, confidence, power }), noncentrality * 2.7)).toBe(true);
  });
});

describe('unitsForEffect against R', () => {
  const equal: [effect: number, sd: number, confidence: number, power: number, units: number][] = [
    // R: power.t.test(n, delta = 10, sd = 30, strict = TRUE): 0.79931543708303643 at 142, 0.80208297373606774 at 143
    // (power.t.test(delta = 10, sd = 30, power = 0.8, strict = TRUE)$n = 142.24624995073626)
    [10, 30, 0.95, 0.8, 143],
    // R: power.t.test(n, delta = 1, sd = 1, strict = TRUE): 0.78139779246653962 at 16, 0.80703671514740538 at 17
    [1, 1, 0.95, 0.8, 17],
    // R: power.t.test(n, delta = 0.5, sd = 2, sig.level = 0.1, strict = TRUE): 0.89932365073788212 at 274, 0.90026244530197497 at 275
    [0.5, 2, 0.9, 0.9, 275],
    // R: power.t.test(n, delta = 3, sd = 1, sig.level = 0.01, strict = TRUE): 0.68752687778474786 at 4, 0.87415152405565977 at 5
    [3, 1, 0.99, 0.8, 5],
    // R: power.t.test(n = 2, delta = 100, sd = 1, strict = TRUE)$power = 1
    [100, 1, 0.95, 0.8, 2],
  ];
  it.each(equal)('effect %d, sd %d, confidence %d, power %d -> %i per arm', (effect, sd, confidence, power, units) => {
    expect(unitsForEffect({ effect, pilotSd: sd, controlSd: sd, confidence, power })).toBe(units);
    expect(unitsForEffect({ effect: -effect, pilotSd: sd, controlSd: sd, confidence, power })).toBe(units);
  });

  // R: pwrWelch <- function(d, sp, sc, np, nc, conf) { vp <- sp^2/np; vc <- sc^2/nc
  //   pwr(d, sqrt(vp + vc), (vp + vc)^2 / (vp^2/(np - 1) + vc^2/(nc - 1)), conf) }
  const unequal: [effect: number, pilotSd: number, controlSd: number, confidence: number, power: number, units: number][] = [
    // R: pwrWelch(10, 30, 20, n, n, 0.95): 0.79943173803715373 at 103, 0.80325320184287685 at 104
    [10, 30, 20, 0.95, 0.8, 104],
    // R: pwrWelch(-2, 1, 5, n, n, 0.9): 0.89556202221890824 at 56, 0.90026454431887049 at 57
    [-2, 1, 5, 0.9, 0.9, 57],
    // R: pwrWelch(1, 0.1, 3, n, n, 0.95): 0.79632158924415453 at 72, 0.80188877321466712 at 73
    [1, 0.1, 3, 0.95, 0.8, 73],
  ];
  it.each(unequal)('unequal spreads: effect %d, sds %d and %d -> %i per arm', (effect, pilotSd, controlSd, confidence, power, units) => {
    expect(unitsForEffect({ effect, pilotSd, controlSd, confidence, power })).toBe(units);
  });

  it('one arm without spread: Welch df is n - 1', () => {
    // The smallest n with exactPower(1, sqrt(1/n), n - 1, 0.95) >= 0.8, checked against its neighbour.
    const units = unitsForEffect({ effect: 1, pilotSd: 0, controlSd: 1, confidence: 0.95 });
    expect(exactPower(1, Math.sqrt(1 / units), units - 1, 0.95)).toBeGreaterThanOrEqual(0.8);
    expect(exactPower(1, Math.sqrt(1 / (units - 1)), units - 2, 0.95)).toBeLessThan(0.8);
  });

  it('refuses an effect of 0, spreads of 0, and plans beyond 10,000,000 units, quickly', () => {
    expect(() => unitsForEffect({ effect: 0, pilotSd: 1, controlSd: 1, confidence: 0.95 })).toThrow(/other than 0/);
    expect(() => unitsForEffect({ effect: 1, pilotSd: 0, controlSd: 0, confidence: 0.95 })).toThrow(/spread above 0/);
    expect(() => unitsForEffect({ effect: 1, pilotSd: -1, controlSd: 1, confidence: 0.95 })).toThrow(RangeError);
    expect(() => unitsForEffect({ effect: Number.NaN, pilotSd: 1, controlSd: 1, confidence: 0.95 })).toThrow(RangeError);
    expect(() => unitsForEffect({ effect: 1, pilotSd: Infinity, controlSd: 1, confidence: 0.95 })).toThrow(RangeError);
    const started = Date.now();
    expect(() => unitsForEffect({ effect: 1e-300, pilotSd: 1, controlSd: 1, confidence: 0.95 })).toThrow(
      /more than 10,000,000 units per arm/,
    );
    expect(() => unitsForAdjustedEffect({ effect: 1e-300, residualSd: 1, confidence: 0.95 })).toThrow(/more than 10,000,000/);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(MOST_UNITS_PER_ARM).toBe(10_000_000);
  });

  it('huge and tiny scales neither overflow nor underflow', () => {
    // The pilot spread dominates: df = n - 1 and ncp = sqrt(n), as for sd 1 and effect 1 in one arm.
    expect(unitsForEffect({ effect: 1e300, pilotSd: 1e300, controlSd: 1e-300, confidence: 0.95 })).toBe(
      unitsForEffect({ effect: 1, pilotSd: 1, controlSd: 0, confidence: 0.95 }),
    );
    expect(unitsForEffect({ effect: 1e-200, pilotSd: 1e-200, controlSd: 1e-200, confidence: 0.95 })).toBe(17);
  });
});

// Adjusted analysis, R: pwrAdjusted <- function(d, sr, n, conf) pwr(d, sr * sqrt(2/n), 2n - 3, conf)
describe('unitsForAdjustedEffect against R', () => {
  const cases: [effect: number, residualSd: number, confidence: number, power: number, units: number][] = [
    // R: pwrAdjusted(10, 20, n, 0.95): 0.79511786937054907 at 63, 0.80141120908917796 at 64
    [10, 20, 0.95, 0.8, 64],
    // R: pwrAdjusted(1, 1, n, 0.95): 0.78045625152305476 at 16, 0.80624580065060747 at 17
    [1, 1, 0.95, 0.8, 17],
    // R: pwrAdjusted(5, 1, n, 0.95): 0.30516010273559957 at 2 (df 1), 0.97175592616157658 at 3
    [5, 1, 0.95, 0.8, 3],
    // R: pwrAdjusted(0.2, 1, n, 0.99): 0.89971251462224133 at 745, 0.90016772199605366 at 746
    [0.2, 1, 0.99, 0.9, 746],
  ];
  it.each(cases)('effect %d, residual sd %d, confidence %d, power %d -> %i per arm', (effect, residualSd, confidence, power, units) => {
    expect(unitsForAdjustedEffect({ effect, residualSd, confidence, power })).toBe(units);
  });

  it('refuses a residual spread of 0 and an effect of 0', () => {
    expect(() => unitsForAdjustedEffect({ effect: 1, residualSd: 0, confidence: 0.95 })).toThrow(RangeError);
    expect(() => unitsForAdjustedEffect({ effect: 0, residualSd: 1, confidence: 0.95 })).toThrow(RangeError);
  });
});

describe('powerForUnits (unequal arms) against R', () => {
  const cases: [effect: number, pilotSd: number, controlSd: number, pilotUnits: number, controlUnits: number, confidence: number, power: number][] = [
    // R: pwrWelch(10, 30, 20, 30, 50, 0.95)
    [10, 30, 20, 30, 50, 0.95, 0.35491316083663116],
    // R: pwrWelch(-3, 2, 4, 4, 25, 0.9)
    [-3, 2, 4, 4, 25, 0.9, 0.68619591963670623],
  ];
  it.each(cases)('effect %d, sds %d and %d, units %i and %i', (effect, pilotSd, controlSd, pilotUnits, controlUnits, confidence, power) => {
    expectClose(powerForUnits({ effect, pilotSd, controlSd, pilotUnits, controlUnits, confidence }), power, 1e-9);
  });

  it('refuses fewer than 2 units or fractional units', () => {
    expect(() => powerForUnits({ effect: 1, pilotSd: 1, controlSd: 1, pilotUnits: 1, controlUnits: 5, confidence: 0.95 })).toThrow(RangeError);
    expect(() => powerForUnits({ effect: 1, pilotSd: 1, controlSd: 1, pilotUnits: 5, controlUnits: 5.5, confidence: 0.95 })).toThrow(RangeError);
  });
});

// Why the exact method: simulate normal data, 6 vs 6 units, sd 1, with the true difference set to
// the exact MDE and to the old normal-approximation MDE, and count how often the tests reject at 0.05.
// The exact formula is the power of the t test with df = 10 (the pooled t, and Welch's df at these
// spreads); Welch's test estimates its df, which costs a little power at n = 6.
// R: mde(sqrt(2/6), 10, 0.95, 0.8) = 1.7955409206153576; (qnorm(0.975) + qnorm(0.8)) * sqrt(2/6) = 1.6174959798351984;
//    pwr(1.6174959798351984, sqrt(2/6), 10, 0.95) = 0.7143758201966417.
// Long runs of this simulation (200,000 draws each, seeds 1 to 4): Welch rejects 0.7854 at the exact
// MDE and 0.6968 at the normal one; the pooled t 0.7984 and 0.7135 (standard errors 0.001).
describe('power by simulation: 6 vs 6 normal units', () => {
  const units = 6;
  const draws = 5000;
  // The binomial standard error of a rejection rate near 0.8 over `draws` draws, and a band of 4 of them.
  const band = 4 * Math.sqrt((0.8 * 0.2) / draws);
  const se = Math.sqrt(2 / units);
  const df = satterthwaite(1 / units, units - 1, 1 / units, units - 1);
  const exact = detectableEffect({ se, df, confidence: 0.95 });
  const approximate = (normalQuantile(0.975) + normalQuantile(0.8)) * se;
  const critical = tQuantile(0.975, 2 * units - 2);

  function rejectionRates(effect: number, seed: number): { welch: number; pooled: number } {
    const random = seededRandom(seed);
    let welch = 0;
    let pooled = 0;
    for (let draw = 0; draw < draws; draw += 1) {
      const pilot = Array.from({ length: units }, () => random.normal(effect, 1));
      const control = Array.from({ length: units }, () => random.normal(0, 1));
      const difference = welchDifference(meanArm(pilot), meanArm(control), 0.95);
      if (difference.p <= 0.05) welch += 1;
      // With equal arms the pooled t statistic is Welch's (the same standard error); only its df, 10, differs.
      if (Math.abs(difference.estimate / difference.se) > critical) pooled += 1;
    }
    return { welch: welch / draws, pooled: pooled / draws };
  }

  it('the inputs are those of the R check', () => {
    expect(df).toBe(10);
    expectClose(exact, 1.7955409206153576, 1e-9);
    expectClose(approximate, 1.6174959798351984, 1e-12);
  });

  it('at the exact MDE the t test rejects 80% of the time, Welch about 78.5%', () => {
    const rates = rejectionRates(exact, 20240611);
    expect(Math.abs(rates.pooled - 0.8)).toBeLessThan(band);
    expect(Math.abs(rates.welch - 0.7854)).toBeLessThan(band);
  });

  it('at the normal-approximation MDE both reject clearly less than the 80% it promises', () => {
    const rates = rejectionRates(approximate, 20240612);
    expect(Math.abs(rates.pooled - 0.7143758201966417)).toBeLessThan(band);
    expect(Math.abs(rates.welch - 0.6968)).toBeLessThan(band);
    expect(rates.welch).toBeLessThan(0.8 - 2 * band);
  });
});

// R 4.2.2: mde <- function(vp, vc, mc, conf, power) {
//   a <- (qnorm(1 - (1 - conf)/2) + qnorm(power)) * sqrt(vp + vc); c(a, a / abs(mc)) }
describe('minimumDetectableEffect', () => {
  it('sleep at 0.95 and power 0.8, relative to the control mean', () => {
    // R: mde(var(g1)/10, var(g2)/10, mean(g2), 0.95, 0.8)
    const mde = minimumDetectableEffect(meanArm(sleepGroup1), meanArm(sleepGroup2), 0.95, 0.8);
    expectClose(mde.absolute, 2.3788008427286189, 1e-12);
    expectClose(mde.relative, 1.0209445676946862, 1e-12);
  });

  it('uses power 0.8 by default', () => {
    const pilot = meanArm(sleepGroup1);
    const control = meanArm(sleepGroup2);
    expect(minimumDetectableEffect(pilot, control, 0.95)).toEqual(minimumDetectableEffect(pilot, control, 0.95, 0.8));
  });

  it('mtcars at confidence 0.9 and power 0.9', () => {
    // R: mde(var(mpgManual)/13, var(mpgAutomatic)/19, mean(mpgAutomatic), 0.9, 0.9)
    const mde = minimumDetectableEffect(meanArm(mpgManual), meanArm(mpgAutomatic), 0.9, 0.9);
    expectClose(mde.absolute, 5.6280687107466116, 1e-12);
    expectClose(mde.relative, 0.32821763506502644, 1e-12);
  });

  it('a negative control mean uses |m_c|', () => {
    // R: mde(var(pilotN)/6, var(controlN)/8, mean(controlN), 0.99, 0.8)
    const mde = minimumDetectableEffect(meanArm(pilotN), meanArm(controlN), 0.99);
    expectClose(mde.absolute, 3.6280596739305606, 1e-12);
    expectClose(mde.relative, 2.1499612882551471, 1e-12);
  });

  it('relative is null when the control mean is 0', () => {
    expect(minimumDetectableEffect(meanArm([1, 2, 3]), meanArm([-1, 0, 1]), 0.95).relative).toBeNull();
  });

  it('validates power', () => {
    expect(() => minimumDetectableEffect(meanArm([1, 2]), meanArm([1, 3]), 0.95, 1)).toThrow(RangeError);
    expect(() => minimumDetectableEffect(meanArm([1, 2]), meanArm([1, 3]), 0.95, 0.2)).toThrow(RangeError);
  });
});

// R 4.2.2: (qnorm(1 - (1 - conf)/2) + qnorm(power))^2 * (sp^2 + sc^2) / (L * mc)^2, then ceiling()
describe('unitsPerArm', () => {
  const cases: [controlMean: number, pilotSd: number, controlSd: number, lift: number, confidence: number, power: number, units: number][] = [
    // R: (qnorm(1 - (1 - 0.95)/2) + qnorm(0.8))^2 * (30^2 + 30^2) / (0.1 * 100)^2 = 141.27983521828355
    [100, 30, 30, 0.1, 0.95, 0.8, 142],
    // R: (qnorm(1 - (1 - 0.9)/2) + qnorm(0.9))^2 * (120^2 + 90^2) / (0.05 * 250)^2 = 1233.1940184961882
    [250, 120, 90, 0.05, 0.9, 0.9, 1234],
    // R: (qnorm(1 - (1 - 0.99)/2) + qnorm(0.8))^2 * (0.4^2 + 0.4^2) / (0.15 * 0.2)^2 = 4152.5220173063744
    [0.2, 0.4, 0.4, 0.15, 0.99, 0.8, 4153],
    // R: (qnorm(1 - (1 - 0.95)/2) + qnorm(0.8))^2 * (20^2 + 25^2) / (0.2 * -50)^2 = 80.451017277078122
    [-50, 20, 25, 0.2, 0.95, 0.8, 81],
    // R: (qnorm(1 - (1 - 0.95)/2) + qnorm(0.8))^2 * (10^2 + 10^2) / (0.5 * 1000)^2 = 0.0062791037874792678
    [1000, 10, 10, 0.5, 0.95, 0.8, 1],
  ];
  it.each(cases)('control %d, sds %d and %d, lift %d, confidence %d, power %d -> %i', (controlMean, pilotSd, controlSd, lift, confidence, power, units) => {
    expect(unitsPerArm({ controlMean, pilotSd, controlSd, lift, confidence, power })).toBe(units);
  });

  it('defaults to power 0.8, close to power.t.test', () => {
    // R: power.t.test(delta = 10, sd = 30, sig.level = 0.05, power = 0.8)$n = 142.24659587712731 (t-based, so a little above 141.28)
    expect(unitsPerArm({ controlMean: 100, pilotSd: 30, controlSd: 30, lift: 0.1, confidence: 0.95 })).toBe(142);
  });

  it('refuses a lift or a control level of zero rather than return Infinity', () => {
    expect(() => unitsPerArm({ controlMean: 100, pilotSd: 30, controlSd: 30, lift: 0, confidence: 0.95 })).toThrow(RangeError);
    expect(() => unitsPerArm({ controlMean: 0, pilotSd: 30, controlSd: 30, lift: 0.1, confidence: 0.95 })).toThrow(RangeError);
    expect(() => unitsPerArm({ controlMean: 1e300, pilotSd: 1e300, controlSd: 1e300, lift: 1e-300, confidence: 0.95 })).toThrow(RangeError);
  });
});
