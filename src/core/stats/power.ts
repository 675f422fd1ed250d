/**
 * Power and planning with the normal approximation, two-sided alpha and
 * power 0.8 unless told otherwise (statistics.md, section 7; the normal
 * formula behind R's `power.t.test` and Cohen 1988, chapter 2):
 *
 * - Minimum detectable effect of this pilot:
 *   MDE = (z(1 - alpha/2) + z(power)) sqrt(v_p + v_c); relative MDE = MDE / |m_c|
 *   (null when m_c = 0).
 * - Units per arm for a target relative lift L (equal arms), with
 *   sigma_a^2 = n_a v_a the per-unit variance:
 *   n = (z(1 - alpha/2) + z(power))^2 (sigma_p^2 + sigma_c^2) / (L m_c)^2, rounded up.
 *
 * Example: controlMean 100, both sds 30, lift 0.1, confidence 0.95, power 0.8:
 * n = (1.959964 + 0.841621)^2 * 1800 / 100 = 141.3 -> 142 units per arm
 * (R: `ceiling((qnorm(0.975) + qnorm(0.8))^2 * (30^2 + 30^2) / (0.1 * 100)^2)`).
 */
import type { ArmEstimate } from './arm.ts';
import { checkArm, checkConfidence, checkFinite } from './checks.ts';
import { normalQuantile } from './distributions.ts';

const DEFAULT_POWER = 0.8;

function zSum(confidence: number, power: number): number {
  checkConfidence(confidence);
  checkConfidence(power, 'power');
  return normalQuantile(1 - (1 - confidence) / 2) + normalQuantile(power);
}

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
