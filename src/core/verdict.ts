/**
 * The verdict of a metric (statistics.md section 6), from its headline
 * interval and the side that is better: a decision of the analysis, written
 * into the results document, which every view then shows as it is.
 */
import type { Verdict } from './results.ts';

export function verdictOf(interval: { low: number; high: number }, better: 'higher' | 'lower'): Verdict {
  const sign = better === 'higher' ? 1 : -1;
  const low = Math.min(sign * interval.low, sign * interval.high);
  const high = Math.max(sign * interval.low, sign * interval.high);
  if (low > 0) return 'win';
  if (high < 0) return 'loss';
  return 'inconclusive';
}
