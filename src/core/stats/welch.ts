/**
 * The absolute difference pilot - control with Welch's unequal-variance t
 * interval and p-value (statistics.md, section 2; Welch 1947, Satterthwaite 1946):
 *
 *   d = m_p - m_c,  se = sqrt(v_p + v_c),
 *   df = (v_p + v_c)^2 / (v_p^2 / (n_p - 1) + v_c^2 / (n_c - 1)),
 *   interval d -/+ t(1 - alpha/2, df) se,  p = 2 (1 - T_df(|d| / se)).
 *
 * For mean arms this is exactly R's `t.test(pilot, control)`; the same
 * formula serves ratio and clustered-proportion arms with their delta-method
 * variances.
 *
 * Example (R `sleep`, group 1 as pilot, group 2 as control):
 * `t.test(extra ~ group, data = sleep)` gives t = -1.8608, df = 17.776,
 * p = 0.07939, 95% interval -3.3654832 to 0.2054832, and so does
 * welchDifference(meanArm(group1), meanArm(group2), 0.95).
 */
import { checkArm, type ArmEstimate } from './arm.ts';
import { checkConfidence } from './checks.ts';
import { tCdf, tQuantile } from './distributions.ts';
import { StatsRefusal } from './refusal.ts';

export interface Difference {
  /** pilot - control */
  estimate: number;
  /** standard error of the estimate */
  se: number;
  /** degrees of freedom of the t reference distribution */
  df: number;
  low: number;
  high: number;
  /** two-sided p-value of "no difference" */
  p: number;
}

/**
 * Satterthwaite's df for a sum of two variances a + b with df_a and df_b:
 * (a + b)^2 / (a^2 / df_a + b^2 / df_b), written with the shares a / (a + b)
 * and b / (a + b) so that tiny, huge or infinite variances cannot turn it
 * into 0/0. At least one variance must be positive.
 */
export function satterthwaite(a: number, dfA: number, b: number, dfB: number): number {
  // The smaller variance over the larger: in [0, 1], never overflowing.
  const smallerOverLarger = a === b ? 1 : a > b ? b / a : a / b;
  const larger = 1 / (1 + smallerOverLarger);
  const smaller = smallerOverLarger / (1 + smallerOverLarger);
  const [shareA, shareB] = a >= b ? [larger, smaller] : [smaller, larger];
  return 1 / ((shareA * shareA) / dfA + (shareB * shareB) / dfB);
}

/** A difference with its t interval and two-sided p; se must be positive. */
export function tInterval(estimate: number, se: number, df: number, confidence: number): Difference {
  const t = tQuantile(1 - (1 - confidence) / 2, df);
  // 2 T_df(-|d|/se) is 2 (1 - T_df(|d|/se)) without the subtraction that loses small p-values.
  const p = Math.min(1, 2 * tCdf(-Math.abs(estimate / se), df));
  return { estimate, se, df, low: estimate - t * se, high: estimate + t * se, p };
}

/**
 * R's `t.test` stops with "data are essentially constant" when
 * se < 10 * .Machine$double.eps * max(|m_p|, |m_c|): a standard error that
 * small is rounding noise in a mean of identical values, not variation.
 */
export const ESSENTIALLY_CONSTANT = 10 * Number.EPSILON;

export const NO_VARIANCE_MESSAGE =
  'Every unit in the pilot arm has the same value (or ratio), and so does every unit in the control arm, so there is no variation to judge the difference against.';

export function welchDifference(pilot: ArmEstimate, control: ArmEstimate, confidence: number): Difference {
  checkConfidence(confidence);
  checkArm(pilot, 'pilot');
  checkArm(control, 'control');
  const se = Math.sqrt(pilot.variance + control.variance);
  if (!(se > ESSENTIALLY_CONSTANT * Math.max(Math.abs(pilot.estimate), Math.abs(control.estimate)))) {
    throw new StatsRefusal('no-variance', NO_VARIANCE_MESSAGE);
  }
  const estimate = pilot.estimate - control.estimate;
  if (!Number.isFinite(estimate) || !Number.isFinite(se)) {
    throw new RangeError('The difference between the arms is too large to represent.');
  }
  const df = satterthwaite(pilot.variance, pilot.units - 1, control.variance, control.units - 1);
  return tInterval(estimate, se, df, confidence);
}
