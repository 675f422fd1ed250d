/**
 * A guardrail's verdict (docs/statistics.md, "Guardrails"): whether the pilot
 * harmed a metric it must not harm by more than its margin. A non-inferiority
 * test read off the headline interval (statistics.md section 6): with a
 * two-sided interval at confidence 1 - alpha, "the bound on the worse side is
 * beyond the margin" is the one-sided test of H0 "harm of at least the
 * margin" at alpha / 2 (2.5% for a 95% interval; Schumi and Wittes 2011,
 * "Through the looking glass: understanding non-inferiority", Trials 12:106).
 *
 * Example: revenue per rep, higher is better, margin -5% (relative). A
 * headline lift of +1% (95% interval -3% to +6%): the worse bound -3% is
 * above -5%, so no harm beyond the margin. With an interval of -7% to +6%, or
 * one whose low bound is exactly -5%, harm of 5% is not ruled out: possible
 * harm (a bound is a value the interval still holds).
 */
import type { Margin } from './pilot-terms.ts';
import type { GuardrailResult, HeadlineResult, Verdict } from './results.ts';

export function guardrailOf(metric: { better: 'higher' | 'lower'; margin: Margin }, headline: HeadlineResult, verdict: Verdict): GuardrailResult {
  // Points are the absolute difference of a rate: both compare with the absolute interval.
  const scale = metric.margin.scale === 'relative' ? 'relative' : 'absolute';
  const margin = { scale, value: metric.margin.value } as const;
  const interval = scale === 'relative' ? headline.relative : headline.absolute;
  // No interval to judge: too few units for any test, groups too unlike before the pilot for one to
  // stand (section 12), or a relative margin and no relative interval (a level at or below zero, or
  // one that cannot be put in percent). Never "no harm" without a bound that says so.
  const judged = verdict !== 'too-few' && headline.reason === null && interval.estimate !== null && (interval.low !== null || interval.high !== null);
  if (!judged) return { margin, bound: null, verdict: 'unknown' };
  const bound = metric.better === 'higher' ? interval.low : interval.high;
  // An interval with no limit on the worse side cannot rule out any harm.
  if (bound === null) return { margin, bound: null, verdict: 'possible-harm' };
  const clear = metric.better === 'higher' ? bound > margin.value : bound < margin.value;
  return { margin, bound, verdict: clear ? 'no-harm' : 'possible-harm' };
}
