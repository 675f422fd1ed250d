/**
 * Rollout projection (statistics.md, section 8): the difference per unit
 * times the number of units it would be rolled out to, the interval scaled
 * the same way. It assumes the pilot's effect carries over to units that were
 * not in the pilot; the words that present it must say so.
 *
 * Example: a difference of +120 (interval +40 to +200) per rep, rolled out to
 * 50 reps: +6,000 (+2,000 to +10,000). A bound that does not exist (null) stays null.
 */
import { checkFinite } from './checks.ts';

export function projectRollout(
  difference: { estimate: number; low: number | null; high: number | null },
  units: number,
): { estimate: number; low: number | null; high: number | null } {
  checkFinite(units, 'The number of rollout units');
  if (units < 0) throw new RangeError(`The number of rollout units must not be negative, got ${units}.`);
  checkFinite(difference.estimate, 'The difference');
  // A bound that does not exist (an interval unbounded on that side) stays null.
  if (difference.low !== null) checkFinite(difference.low, 'The low bound');
  if (difference.high !== null) checkFinite(difference.high, 'The high bound');
  const projected = {
    estimate: difference.estimate * units,
    low: difference.low === null ? null : difference.low * units,
    high: difference.high === null ? null : difference.high * units,
  };
  if ((projected.low !== null && !Number.isFinite(projected.low)) || (projected.high !== null && !Number.isFinite(projected.high))) {
    throw new RangeError('The projected change is too large to represent.');
  }
  return projected;
}
