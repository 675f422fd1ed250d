/**
 * Was the pilot arm already ahead or behind before the pilot started?
 * (statistics.md, section 5: "the classic pilot trap: the best reps were
 * picked for the pilot".) Compares the arms' baselines, the same metric over
 * the pre-period:
 *
 *   p = Welch's p-value of pilot - control (./welch.ts, R's `t.test`),
 *   relative = m_p / m_c - 1 (null when m_c <= 0),
 *   flagged = p < 0.05 or |m_p - m_c| > 0.10 |m_c|.
 *
 * The 5% and 10% thresholds are fixed by the spec, whatever the pilot's
 * confidence level.
 *
 * Example: baselines with means 110 and 100 and a Welch p of 0.3 are not
 * flagged (10% is not more than 10%); means 112 and 100 are (+12%).
 */
import type { ArmEstimate } from './arm.ts';
import { welchDifference } from './welch.ts';

export interface Balance {
  /** The pilot arm's baseline level. */
  pilot: number;
  /** The control arm's baseline level. */
  control: number;
  /** pilot / control - 1; null when the control baseline is zero or negative. */
  relative: number | null;
  /** Welch p-value of the baseline difference. */
  p: number;
  /** True when the arms already differed before the pilot (p < 0.05 or |relative| > 10%). */
  flagged: boolean;
}

const SIGNIFICANT = 0.05;
const LARGEST_GAP = 0.1;

export function baselineBalance(pilot: ArmEstimate, control: ArmEstimate, confidence: number): Balance {
  const { p } = welchDifference(pilot, control, confidence);
  const ratio = control.estimate > 0 ? pilot.estimate / control.estimate - 1 : null;
  const relative = ratio !== null && Number.isFinite(ratio) ? ratio : null;
  const gapTooLarge = baselineGapTooLarge(pilot.estimate, control.estimate);
  const flagged = p < SIGNIFICANT || gapTooLarge;
  return { pilot: pilot.estimate, control: control.estimate, relative, p, flagged };
}

/**
 * The 10% rule alone: |m_p - m_c| > 10% of |m_c| (rather than |m_p / m_c - 1|
 * > 0.1: the same rule, but 110 vs 100 stays "exactly 10%" instead of
 * rounding to 0.10000000000000009). Measured against the control level's
 * size, so baselines of -77 and -63 (a loss 21% apart) count too; a control
 * level of 0 has no size to measure against.
 */
export function baselineGapTooLarge(pilot: number, control: number): boolean {
  return control !== 0 && Math.abs(pilot - control) > LARGEST_GAP * Math.abs(control);
}
