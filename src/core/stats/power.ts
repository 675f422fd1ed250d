/**
 * Power and planning, exact (statistics.md, section 7): the two-sided t test
 * at alpha = 1 - confidence, counting both tails as R's
 * `power.t.test(..., strict = TRUE)` does. With se the standard error of the
 * difference, nu its degrees of freedom and c = t(1 - alpha/2, nu):
 *
 *   power(delta) = P(T > c) + P(T < -c),  T noncentral t(nu, delta / se),
 *
 * that is 1 - T(c; nu, delta/se) + T(-c; nu, delta/se) with T the noncentral
 * t distribution function of ./noncentral-t.ts (R: `pt(q, nu, ncp)`), each
 * tail computed directly. nu = Infinity is the z test (independent rows).
 *
 * - `exactPower(effect, se, df, confidence)`: the power against a true
 *   difference `effect` (either sign; 0 gives alpha).
 * - `detectableEffect({ se, df, confidence, power })`: the minimum detectable
 *   effect, the delta > 0 with power(delta) = power (0.8 unless told), by
 *   bisection on delta / se to 1e-13 relative (R: `uniroot`). Absolute; the
 *   relative one is MDE / |m_c|.
 * - `unitsForEffect({ effect, pilotSd, controlSd, confidence, power })`: the
 *   smallest whole n >= 2 per arm with power >= the target, for per-unit
 *   spreads sigma_p, sigma_c: se = sqrt(sigma_p^2 / n + sigma_c^2 / n), nu the
 *   Welch-Satterthwaite df at that n (./welch.ts). With equal spreads nu =
 *   2(n - 1), the pooled t of `power.t.test`.
 * - `unitsForAdjustedEffect({ effect, residualSd, confidence, power })`: the
 *   same for the baseline-adjusted analysis (section 5): se = sigma_r sqrt(2/n),
 *   nu = 2n - 3, sigma_r the residual spread of the ANCOVA.
 * - `powerForUnits({ effect, pilotSd, controlSd, pilotUnits, controlUnits, confidence })`:
 *   the power of a Welch comparison with unequal arms,
 *   se = sqrt(sigma_p^2 / n_p + sigma_c^2 / n_c), nu Welch-Satterthwaite.
 *
 * Power grows with delta / se, with nu and with n, so each search brackets
 * the answer by doubling and then bisects. Non-finite inputs, se <= 0, an
 * effect of 0 to plan for, and a plan needing more than 10,000,000 units per
 * arm are refused with a RangeError in plain words; nothing loops unbounded.
 *
 * Why exact: the normal approximation MDE = (z(1 - alpha/2) + z(power)) se
 * ignores the t reference distribution and overstates power in small pilots.
 * At 6 vs 6 units (nu = 10), alpha = 0.05, it gives delta / se = 2.8016,
 * which the t test detects only 71.4% of the time (Welch's, with its df
 * estimated, about 70%); the exact MDE is delta / se = 3.1100 (power 80% for
 * the t test with nu = 10; Welch's about 78.5%). See the simulation in
 * test/core/stats/power.test.ts.
 *
 * Examples: exactPower(1, 0.5, 10, 0.95) = 0.439627301125 (R:
 * `1 - pt(qt(0.975, 10), 10, 2) + pt(-qt(0.975, 10), 10, 2)`);
 * unitsForEffect({ effect: 10, pilotSd: 30, controlSd: 30, confidence: 0.95 }) = 143
 * (R: `power.t.test(delta = 10, sd = 30, power = 0.8, strict = TRUE)$n` = 142.2466).
 *
 * The two older functions at the end (`minimumDetectableEffect`,
 * `unitsPerArm`) are the normal approximation, kept until their callers move
 * to the exact ones.
 */
import { checkArm, type ArmEstimate } from './arm.ts';
import { checkConfidence, checkFinite } from './checks.ts';
import { normalQuantile, tQuantile } from './distributions.ts';
import { noncentralTCdf, noncentralTUpper } from './noncentral-t.ts';
import { satterthwaite } from './welch.ts';

const DEFAULT_POWER = 0.8;
/** Plans beyond this many units per arm are refused rather than searched for. */
export const MOST_UNITS_PER_ARM = 10_000_000;
/** Bisection on delta / se stops when the bracket is this narrow, relative to its end. */
const RELATIVE_PRECISION = 1e-13;
/** delta / se beyond which no power target is searched for (1e8: far beyond any real plan). */
const LARGEST_NONCENTRALITY = 1e8;

/** P(T > c) + P(T < -c) for T noncentral t(df, ncp): the two-sided test's power. */
function powerAtNoncentrality(ncp: number, df: number, critical: number): number {
  if (!Number.isFinite(ncp)) return 1;
  return Math.min(1, noncentralTUpper(critical, df, ncp) + noncentralTCdf(-critical, df, ncp));
}

function criticalValue(confidence: number, df: number): number {
  checkConfidence(confidence);
  return tQuantile(1 - (1 - confidence) / 2, df);
}

function checkDegreesOfFreedom(df: number): void {
  if (!(df > 0)) throw new RangeError(`Degrees of freedom must be positive (Infinity allowed), got ${df}.`);
}

function checkStandardError(se: number): void {
  checkFinite(se, 'The standard error');
  if (!(se > 0)) throw new RangeError(`The standard error must be above 0, got ${se}.`);
}

function checkTarget(power: number, confidence: number): void {
  checkConfidence(power, 'power');
  if (!(power > 1 - confidence)) {
    throw new RangeError(
      `A power of ${power} is no more than alpha = ${1 - confidence}, which the test reaches with no effect at all.`,
    );
  }
}

function checkEffect(effect: number): void {
  checkFinite(effect, 'The effect');
  if (effect === 0) throw new RangeError('Planning needs an effect other than 0: no number of units can detect no change.');
}

function checkSpreads(pilotSd: number, controlSd: number): void {
  checkFinite(pilotSd, 'The pilot spread');
  checkFinite(controlSd, 'The control spread');
  if (pilotSd < 0 || controlSd < 0) throw new RangeError('Standard deviations must not be negative.');
  if (pilotSd === 0 && controlSd === 0) {
    throw new RangeError('Planning needs a spread above 0 in at least one arm: with none, any difference is certain.');
  }
}

/** The power of the two-sided t test at alpha = 1 - confidence against a true difference `effect`. */
export function exactPower(effect: number, se: number, df: number, confidence: number): number {
  checkFinite(effect, 'The effect');
  checkStandardError(se);
  checkDegreesOfFreedom(df);
  return powerAtNoncentrality(Math.abs(effect) / se, df, criticalValue(confidence, df));
}

/**
 * The noncentralities detectableEffect has found, by df, confidence and power (the search reads
 * nothing else, and the effect is the noncentrality times se): pilots of one size, whose
 * baseline-adjusted metrics share df = n - 3, search once per project build rather than once each.
 */
const detectableNoncentralities = new Map<string, number>();
/** Kept at most; the oldest is forgotten first. */
const MOST_REMEMBERED = 1000;

/** The minimum detectable effect (absolute, > 0): the delta at which exactPower reaches `power`. */
export function detectableEffect(input: { se: number; df: number; confidence: number; power?: number }): number {
  const { se, df, confidence, power = DEFAULT_POWER } = input;
  checkStandardError(se);
  checkDegreesOfFreedom(df);
  checkTarget(power, confidence);
  // A number's string is exact (it reads back as the same double), so equal keys mean equal arguments.
  const key = `${df} ${confidence} ${power}`;
  let noncentrality = detectableNoncentralities.get(key);
  if (noncentrality === undefined) {
    noncentrality = detectableNoncentrality(df, confidence, power);
    if (detectableNoncentralities.size >= MOST_REMEMBERED) {
      detectableNoncentralities.delete(detectableNoncentralities.keys().next().value as string);
    }
    detectableNoncentralities.set(key, noncentrality);
  }
  const effect = noncentrality * se;
  if (!Number.isFinite(effect)) throw new RangeError('The standard error is too large for a detectable effect to be represented.');
  return effect;
}

/** delta / se at which the power of the two-sided t test reaches `power`, bisected to RELATIVE_PRECISION. */
function detectableNoncentrality(df: number, confidence: number, power: number): number {
  const critical = criticalValue(confidence, df);
  // powerAtNoncentrality(ncp, df, critical) >= power, deciding without the far tail P(T < -c) when
  // the near one alone reaches power: the far tail is at least 0 and rounding is monotone, so adding
  // it could only keep the sum at or above power. The same decisions, so the same bisection and
  // effect, for about half the integrals (the far tail is the costly one, ./noncentral-t.ts method 2).
  const reaches = (ncp: number): boolean => {
    if (!Number.isFinite(ncp)) return 1 >= power;
    const near = noncentralTUpper(critical, df, ncp);
    if (Math.min(1, near) >= power) return true;
    return Math.min(1, near + noncentralTCdf(-critical, df, ncp)) >= power;
  };
  // Power at ncp = 0 is alpha < power; the normal approximation is a first guess for the other end.
  let low = 0;
  let high = critical + normalQuantile(power);
  while (!reaches(high)) {
    if (high > LARGEST_NONCENTRALITY) {
      throw new RangeError(`With ${df} degrees of freedom no effect up to ${LARGEST_NONCENTRALITY} standard errors reaches power ${power}.`);
    }
    low = high;
    high *= 2;
  }
  while (high - low > RELATIVE_PRECISION * high) {
    const middle = (low + high) / 2;
    if (reaches(middle)) high = middle;
    else low = middle;
  }
  return (low + high) / 2;
}

/**
 * The smallest whole n in [2, MOST_UNITS_PER_ARM] with powerAt(n) >= power,
 * powerAt increasing in n: doubling, then bisection.
 */
function smallestUnits(powerAt: (units: number) => number, power: number, describe: () => string): number {
  if (powerAt(2) >= power) return 2;
  let low = 2;
  let high = 4;
  while (powerAt(high) < power) {
    if (high >= MOST_UNITS_PER_ARM) {
      throw new RangeError(
        `${describe()} would need more than ${MOST_UNITS_PER_ARM.toLocaleString('en-US')} units per arm to reach power ${power}: the effect is too small next to the spread.`,
      );
    }
    low = high;
    high = Math.min(2 * high, MOST_UNITS_PER_ARM);
  }
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (powerAt(middle) >= power) high = middle;
    else low = middle;
  }
  return high;
}

/** Power of a Welch comparison with per-unit spreads and units per arm (the spreads may not both be 0). */
function welchPower(
  effect: number,
  pilotSd: number,
  controlSd: number,
  pilotUnits: number,
  controlUnits: number,
  critical: (df: number) => number,
): number {
  // Scaled by the larger spread, so that squaring neither overflows nor underflows.
  const scale = Math.max(pilotSd, controlSd);
  const pilotShare = (pilotSd / scale) ** 2 / pilotUnits;
  const controlShare = (controlSd / scale) ** 2 / controlUnits;
  const df = satterthwaite(pilotShare, pilotUnits - 1, controlShare, controlUnits - 1);
  const ncp = Math.abs(effect) / scale / Math.sqrt(pilotShare + controlShare);
  return powerAtNoncentrality(ncp, df, critical(df));
}

/** Units per arm (equal arms) for a Welch comparison to detect `effect` with the given power. */
export function unitsForEffect(input: {
  effect: number;
  pilotSd: number;
  controlSd: number;
  confidence: number;
  power?: number;
}): number {
  const { effect, pilotSd, controlSd, confidence, power = DEFAULT_POWER } = input;
  checkEffect(effect);
  checkSpreads(pilotSd, controlSd);
  checkTarget(power, confidence);
  const critical = (df: number) => criticalValue(confidence, df);
  return smallestUnits(
    (units) => welchPower(effect, pilotSd, controlSd, units, units, critical),
    power,
    () => `An effect of ${effect} with spreads ${pilotSd} (pilot) and ${controlSd} (control)`,
  );
}

/** Units per arm (equal arms) for the baseline-adjusted analysis: se = sigma_r sqrt(2/n), df = 2n - 3. */
export function unitsForAdjustedEffect(input: {
  effect: number;
  residualSd: number;
  confidence: number;
  power?: number;
}): number {
  const { effect, residualSd, confidence, power = DEFAULT_POWER } = input;
  checkEffect(effect);
  checkFinite(residualSd, 'The residual spread');
  if (!(residualSd > 0)) throw new RangeError(`The residual spread must be above 0, got ${residualSd}.`);
  checkTarget(power, confidence);
  return smallestUnits(
    (units) => {
      const df = 2 * units - 3;
      return powerAtNoncentrality((Math.abs(effect) / residualSd) * Math.sqrt(units / 2), df, criticalValue(confidence, df));
    },
    power,
    () => `An adjusted effect of ${effect} with residual spread ${residualSd}`,
  );
}

/** The power of a Welch comparison with n_p and n_c units (whole numbers >= 2) and per-unit spreads. */
export function powerForUnits(input: {
  effect: number;
  pilotSd: number;
  controlSd: number;
  pilotUnits: number;
  controlUnits: number;
  confidence: number;
}): number {
  const { effect, pilotSd, controlSd, pilotUnits, controlUnits, confidence } = input;
  checkFinite(effect, 'The effect');
  checkSpreads(pilotSd, controlSd);
  for (const [units, arm] of [[pilotUnits, 'pilot'], [controlUnits, 'control']] as const) {
    if (!(Number.isInteger(units) && units >= 2)) {
      throw new RangeError(`The ${arm} arm needs a whole number of units, at least 2, got ${units}.`);
    }
  }
  return welchPower(effect, pilotSd, controlSd, pilotUnits, controlUnits, (df) => criticalValue(confidence, df));
}

// ---------------------------------------------------------------------------
// The normal approximation, kept for src/core/analyze.ts and src/cli/plan.ts
// until they call the exact functions above.
//
// MDE = (z(1 - alpha/2) + z(power)) sqrt(v_p + v_c), relative MDE = MDE / |m_c|
// (null when m_c = 0); units per arm for a relative lift L (equal arms), with
// sigma_a^2 = n_a v_a the per-unit variance:
// n = (z(1 - alpha/2) + z(power))^2 (sigma_p^2 + sigma_c^2) / (L m_c)^2, rounded up.
// Example: controlMean 100, both sds 30, lift 0.1, confidence 0.95, power 0.8:
// n = (1.959964 + 0.841621)^2 * 1800 / 100 = 141.3 -> 142 units per arm
// (R: `ceiling((qnorm(0.975) + qnorm(0.8))^2 * (30^2 + 30^2) / (0.1 * 100)^2)`).

function zSum(confidence: number, power: number): number {
  checkConfidence(confidence);
  checkConfidence(power, 'power');
  return normalQuantile(1 - (1 - confidence) / 2) + normalQuantile(power);
}

/** @deprecated The normal approximation; use `detectableEffect` (exact, statistics.md section 7). */
export function minimumDetectableEffect(
  pilot: ArmEstimate,
  control: ArmEstimate,
  confidence: number,
  power = DEFAULT_POWER,
): { absolute: number; relative: number | null } {
  const multiplier = zSum(confidence, power);
  checkArm(pilot, 'pilot');
  checkArm(control, 'control');
  const absolute = multiplier * Math.sqrt(pilot.variance + control.variance);
  if (!Number.isFinite(absolute)) throw new RangeError('The arms vary too much for a detectable effect to be represented.');
  const relative = control.estimate === 0 ? null : absolute / Math.abs(control.estimate);
  return { absolute, relative: relative !== null && Number.isFinite(relative) ? relative : null };
}

/** @deprecated The normal approximation; use `unitsForEffect` (exact, statistics.md section 7). */
export function unitsPerArm(input: {
  controlMean: number;
  pilotSd: number;
  controlSd: number;
  lift: number;
  confidence: number;
  power?: number;
}): number {
  const { controlMean, pilotSd, controlSd, lift, confidence, power = DEFAULT_POWER } = input;
  const multiplier = zSum(confidence, power);
  checkFinite(controlMean, 'controlMean');
  checkFinite(pilotSd, 'pilotSd');
  checkFinite(controlSd, 'controlSd');
  checkFinite(lift, 'lift');
  if (pilotSd < 0 || controlSd < 0) throw new RangeError('Standard deviations must not be negative.');
  const effect = lift * controlMean;
  if (effect === 0) {
    throw new RangeError('Planning needs a lift other than 0 and a control level other than 0: no number of units can detect no change.');
  }
  const units = Math.ceil((multiplier * multiplier * (pilotSd * pilotSd + controlSd * controlSd)) / (effect * effect));
  if (!Number.isFinite(units)) throw new RangeError('The lift is too small for any realistic number of units to detect.');
  return units;
}
