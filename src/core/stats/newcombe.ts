/**
 * The difference of two independent proportions q_p - q_c with Newcombe's
 * hybrid score interval (Newcombe 1998, Stat Med 17:873, method 10), built
 * from each arm's Wilson interval (l, u) (./wilson.ts):
 *
 *   d = q_p - q_c,
 *   low  = d - sqrt((q_p - l_p)^2 + (u_c - q_c)^2),
 *   high = d + sqrt((u_p - q_p)^2 + (q_c - l_c)^2).
 *
 * It stays inside [-1, 1] and exists even when an arm has 0 or all successes.
 *
 * Its p-value (statistics.md, section 6), `newcombeP`: the smallest alpha at
 * which the interval at confidence 1 - alpha excludes 0, so that the p-value
 * and the interval can never disagree about zero. With z = z(1 - alpha/2) the
 * Wilson intervals widen as z grows (each is the set of proportions a score
 * test at that z does not reject), so the bound nearer 0 moves towards it
 * steadily; p = 2 (1 - Phi(z*)) at the z* where that bound is 0, found by
 * bisection on z to 1e-15 relative (about 1e-13 relative in p). The interval
 * excludes 0 when alpha >= p and contains it when alpha < p; the reported p
 * is the end of the final bracket at which it still excludes 0.
 * Edge cases:
 * - d = 0 (the same proportion in both arms, including both arms all
 *   successes or all failures): the interval contains 0 at every confidence,
 *   p = 1.
 * - d != 0: as z grows the Wilson intervals tend to [0, 1], where the
 *   interval contains 0 whatever the counts (|d| < sqrt(q_p^2 + (1 - q_c)^2)
 *   when d > 0), so z* is finite and p > 0. When p is below the smallest
 *   positive double (z* > 38.5, as for 1000/1000 vs 0/1000, z* = 49.1), the
 *   smallest positive double (5e-324) is returned: an upper bound, never 0.
 *
 * The Wilson interval is computed here from z rather than through
 * `wilsonInterval`, which takes a confidence between 0.5 and 0.999 (the
 * levels a pilot may ask for), because p needs every z. The formula is the
 * same, and `newcombeDifference` uses the same code, so the interval and p
 * agree to the last bit.
 *
 * Example (Newcombe 1998, Table II, rows a-f): 56/70 vs 48/80 -> 0.0524 to 0.3339;
 * 9/10 vs 3/10 -> 0.1705 to 0.8090; 6/7 vs 2/7 -> 0.0582 to 0.8062;
 * 5/56 vs 0/29 -> -0.0381 to 0.1926; 0/10 vs 0/20 -> -0.1611 to 0.2775;
 * 10/10 vs 0/20 -> 0.6791 to 1.0000.
 * newcombeP for 56/70 vs 48/80 = 0.0081331403586068 (the pooled z test of
 * section 4 gives 0.008045); R: test/core/stats/reference/newcombe-p.R, uniroot
 * on log(alpha) of the interval's low end.
 */
import { checkConfidence } from './checks.ts';
import { checkCount, type Count } from './counts.ts';
import { normalCdf, normalQuantile } from './distributions.ts';

export type { Count } from './counts.ts';

/** Wilson's interval at a given z (the formula of ./wilson.ts). */
function wilsonAtZ(successes: number, trials: number, z: number): { low: number; high: number } {
  const q = successes / trials;
  const zSquaredOverN = (z * z) / trials;
  const centre = (q + zSquaredOverN / 2) / (1 + zSquaredOverN);
  const halfWidth = (z / (1 + zSquaredOverN)) * Math.sqrt((q * (1 - q)) / trials + zSquaredOverN / (4 * trials));
  const low = successes === 0 ? 0 : Math.max(0, centre - halfWidth);
  const high = successes === trials ? 1 : Math.min(1, centre + halfWidth);
  return { low, high };
}

/** The Newcombe interval at a given z; the counts are already checked. */
function newcombeAtZ(pilot: Count, control: Count, z: number): { estimate: number; low: number; high: number } {
  const qp = pilot.successes / pilot.trials;
  const qc = control.successes / control.trials;
  const wilsonPilot = wilsonAtZ(pilot.successes, pilot.trials, z);
  const wilsonControl = wilsonAtZ(control.successes, control.trials, z);
  const estimate = qp - qc;
  const low = estimate - Math.hypot(qp - wilsonPilot.low, wilsonControl.high - qc);
  const high = estimate + Math.hypot(wilsonPilot.high - qp, qc - wilsonControl.low);
  return { estimate, low: Math.max(-1, low), high: Math.min(1, high) };
}

export function newcombeDifference(
  pilot: Count,
  control: Count,
  confidence: number,
): { estimate: number; low: number; high: number } {
  checkConfidence(confidence);
  checkCount(pilot, 'The pilot arm');
  checkCount(control, 'The control arm');
  return newcombeAtZ(pilot, control, normalQuantile(1 - (1 - confidence) / 2));
}

const MOST_STEPS = 2000;
const RELATIVE_PRECISION = 1e-15;

/** The p-value coherent with the Newcombe interval: the smallest alpha at which it excludes 0 (see above). */
export function newcombeP(pilot: Count, control: Count): number {
  checkCount(pilot, 'The pilot arm');
  checkCount(control, 'The control arm');
  const estimate = pilot.successes / pilot.trials - control.successes / control.trials;
  if (estimate === 0) return 1;
  // Does the interval at this z exclude 0? True near z = 0 (the interval shrinks to d), false for large z.
  const excludesZero = (z: number) => {
    const interval = newcombeAtZ(pilot, control, z);
    return estimate > 0 ? interval.low > 0 : interval.high < 0;
  };
  let excludes = 0;
  let contains = 1;
  for (let step = 0; excludesZero(contains); step += 1) {
    if (step >= MOST_STEPS) throw new RangeError('The Newcombe interval excludes 0 at every confidence tried.');
    excludes = contains;
    contains *= 2;
  }
  for (let step = 0; step < MOST_STEPS && contains - excludes > RELATIVE_PRECISION * contains; step += 1) {
    const middle = (excludes + contains) / 2;
    if (excludesZero(middle)) excludes = middle;
    else contains = middle;
  }
  return Math.max(Number.MIN_VALUE, Math.min(1, 2 * normalCdf(-excludes)));
}
