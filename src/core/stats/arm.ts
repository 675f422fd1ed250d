/**
 * One arm (pilot or control) reduced to what every comparison needs: the
 * estimate m, the variance of that estimate v, and the number of units n
 * (statistics.md, section 1).
 *
 * - `meanArm`: m = mean(y), v = s^2 / n with s^2 the sample variance (n - 1),
 *   the squared standard error of R's `t.test`.
 * - `ratioArm` (ratios such as revenue per opportunity, and clustered
 *   proportions: successes per row, counted per unit): m = sum Y / sum N and
 *   the delta-method variance
 *   v = (s_Y^2 - 2 m s_YN + m^2 s_N^2) / (n mean(N)^2)
 *   (the variance of the ratio estimator, Cochran, Sampling Techniques,
 *   3rd ed., chapter 6, without the finite-population correction), sample
 *   variances and covariance with n - 1.
 *   The numerator equals the sample variance of the residuals e_i = Y_i - m N_i
 *   (they sum to zero), which is how it is computed: no cancellation, never
 *   negative.
 *
 * Examples (R, sleep data group 1: 0.7 -1.6 -0.2 -1.2 -0.1 3.4 3.7 0.8 0 2):
 * meanArm(...) = { estimate: 0.75, variance: 0.3200556 (= var(x) / 10), units: 10 }.
 * ratioArm([{ numerator: 2, denominator: 4 }, { numerator: 3, denominator: 4 }, { numerator: 5, denominator: 8 }])
 * = { estimate: 0.625, variance: 0.0029296875, units: 3 }
 * (residuals -0.5, 0.5, 0; their variance 0.25 / (3 * (16/3)^2)).
 */
import { checkFinite, checkUnits } from './checks.ts';
import { StatsRefusal } from './refusal.ts';

export interface ArmEstimate {
  /** m_a: the arm's mean, or its ratio sum Y / sum N. */
  estimate: number;
  /** v_a: the variance of the estimate (squared standard error), not of the units. */
  variance: number;
  /** n_a: units (reps, stores, accounts) in the arm. */
  units: number;
}

/** The mean, summed around the first value so that identical values give exactly that value back. */
function average(values: readonly number[]): number {
  const shift = values[0] ?? 0;
  let sum = 0;
  for (const value of values) sum += value - shift;
  return shift + sum / values.length;
}

/** Sample variance (n - 1) by two passes around the mean, which keeps its digits for large, nearly equal values. */
function sampleVariance(values: readonly number[], mean: number): number {
  let squares = 0;
  let drift = 0;
  for (const value of values) {
    const deviation = value - mean;
    squares += deviation * deviation;
    drift += deviation;
  }
  // The drift term corrects the rounding of the mean (Chan, Golub and LeVeque 1983).
  return (squares - (drift * drift) / values.length) / (values.length - 1);
}

export function meanArm(values: readonly number[]): ArmEstimate {
  checkUnits(values.length);
  values.forEach((value, index) => checkFinite(value, `Value ${index + 1}`));
  const estimate = average(values);
  const variance = Math.max(0, sampleVariance(values, estimate)) / values.length;
  if (!Number.isFinite(estimate) || !Number.isFinite(variance)) {
    throw new RangeError('The values are too large to represent their mean and variance; check their units.');
  }
  return { estimate, variance, units: values.length };
}

export function ratioArm(units: readonly { numerator: number; denominator: number }[]): ArmEstimate {
  checkUnits(units.length);
  let numeratorSum = 0;
  let denominatorSum = 0;
  units.forEach((unit, index) => {
    checkFinite(unit.numerator, `Unit ${index + 1}'s numerator`);
    checkFinite(unit.denominator, `Unit ${index + 1}'s denominator`);
    numeratorSum += unit.numerator;
    denominatorSum += unit.denominator;
  });
  if (denominatorSum === 0) {
    throw new StatsRefusal(
      'zero-denominator',
      'The denominators of this arm add up to 0, so the ratio does not exist: there is nothing to divide by.',
    );
  }
  const estimate = numeratorSum / denominatorSum;
  const residuals = units.map((unit) => unit.numerator - estimate * unit.denominator);
  const meanDenominator = denominatorSum / units.length;
  const variance =
    Math.max(0, sampleVariance(residuals, average(residuals))) / (units.length * meanDenominator * meanDenominator);
  if (!Number.isFinite(estimate) || !Number.isFinite(variance)) {
    throw new RangeError(
      'The ratio or its variance is too large to represent; check the units of the numerator and denominator.',
    );
  }
  return { estimate, variance, units: units.length };
}

/** An arm summary handed in from outside: finite numbers, a variance that is not negative, 2 units or more. */
export function checkArm(arm: ArmEstimate, name: 'pilot' | 'control'): void {
  checkFinite(arm.estimate, `The ${name} arm's estimate`);
  checkFinite(arm.variance, `The ${name} arm's variance`);
  if (arm.variance < 0) throw new RangeError(`The ${name} arm's variance must not be negative, got ${arm.variance}.`);
  if (!Number.isInteger(arm.units)) throw new RangeError(`The ${name} arm's units must be a whole number, got ${arm.units}.`);
  checkUnits(arm.units, `The ${name} arm`);
}
