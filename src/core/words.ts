/**
 * Verdicts and sentences in plain words (statistics.md section 6), written
 * for a salesperson: a lift in percent, a difference of proportions in
 * percentage points, currency in the metric's currency, "lower is better"
 * metrics the right way round, and what the interval cannot rule out.
 */
import {
  formatConfidence,
  formatDifference,
  formatLift,
  formatPoints,
  formatValue,
  isPercentScale,
  type ValueFormat,
} from './format.ts';
import type { Verdict } from './results.ts';

export interface Headline extends ValueFormat {
  label: string;
  better: 'higher' | 'lower';
  pilotValue: number;
  controlValue: number;
  /** The headline difference (adjusted when it exists). */
  absolute: { estimate: number; low: number; high: number };
  /** The headline relative lift; null estimate when undefined, null bounds when unbounded. */
  relative: { estimate: number | null; low: number | null; high: number | null };
  adjusted: boolean;
}

export interface Wording {
  /** Plural noun for the units, e.g. "reps". */
  units: string;
  confidence: number;
}

/** statistics.md section 6, from the headline interval and the better direction. */
export function verdictOf(interval: { low: number; high: number }, better: 'higher' | 'lower'): Verdict {
  const sign = better === 'higher' ? 1 : -1;
  const low = Math.min(sign * interval.low, sign * interval.high);
  const high = Math.max(sign * interval.low, sign * interval.high);
  if (low > 0) return 'win';
  if (high < 0) return 'loss';
  return 'inconclusive';
}

/** The unit column as nouns: "rep" -> rep/reps, "territory" -> territory/territories, "rep_id" -> rep/reps. */
export function unitNouns(column: string): { one: string; many: string } {
  const words = column
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => !['id', 'name', 'code', 'key'].includes(word));
  const one = words.join(' ') || 'unit';
  if (/[^aeiou]y$/.test(one)) return { one, many: `${one.slice(0, -1)}ies` };
  if (/(s|x|z|ch|sh)$/.test(one)) return { one, many: `${one}es` };
  return { one, many: `${one}s` };
}

/** "rep" -> "reps": the plural the sentences use. */
export function unitNoun(column: string): string {
  return unitNouns(column).many;
}

/** Whether the headline is told as a percent lift (else as an absolute difference). */
function toldAsLift(headline: Headline): boolean {
  return !isPercentScale(headline) && headline.relative.estimate !== null;
}

/**
 * One sentence, e.g. "Revenue per rep was 15% higher for pilot reps than
 * for control reps (95% interval: +3% to +30%)."
 */
export function headlineSentence(headline: Headline, wording: Wording): string {
  const level = formatConfidence(wording.confidence);
  const adjusted = headline.adjusted ? ', adjusted for where each started' : '';
  const { absolute, relative } = headline;
  // "was 0.0 pp higher" says nothing true: an estimate of exactly zero is "the same".
  const compared = (magnitude: string, estimate: number) =>
    estimate === 0
      ? `the same for pilot ${wording.units} as for control ${wording.units}`
      : `${magnitude} ${estimate > 0 ? 'higher' : 'lower'} for pilot ${wording.units} than for control ${wording.units}`;
  if (isPercentScale(headline)) {
    const levels = `${formatValue(headline.pilotValue, headline)} vs ${formatValue(headline.controlValue, headline)}`;
    return (
      `${headline.label} was ${compared(formatPoints(Math.abs(absolute.estimate)), absolute.estimate)}` +
      ` (${levels}${adjusted}; ${level} interval: ${formatPoints(absolute.low, { signed: true })} to ${formatPoints(absolute.high, { signed: true })}).`
    );
  }
  if (toldAsLift(headline)) {
    const estimate = relative.estimate as number;
    const interval =
      relative.low === null || relative.high === null
        ? `${level} interval of the difference: ${formatDifference(absolute.low, headline)} to ${formatDifference(absolute.high, headline)}; the control level is too uncertain to put the range in percent`
        : `${level} interval: ${formatLift(relative.low, { signed: true })} to ${formatLift(relative.high, { signed: true })}`;
    return `${headline.label} was ${compared(formatLift(Math.abs(estimate)), estimate)}${adjusted} (${interval}).`;
  }
  return (
    `${headline.label} was ${compared(formatValue(Math.abs(absolute.estimate), headline), absolute.estimate)}${adjusted}` +
    ` (${level} interval: ${formatDifference(absolute.low, headline)} to ${formatDifference(absolute.high, headline)}).`
  );
}

/**
 * What the data can and cannot rule out, from the better side:
 * "The pilot could be anywhere from 4% worse to 31% better."
 */
export function rangeSentence(headline: Headline): string {
  const useLift = toldAsLift(headline) && headline.relative.low !== null && headline.relative.high !== null;
  const [low, high] = useLift
    ? [headline.relative.low as number, headline.relative.high as number]
    : [headline.absolute.low, headline.absolute.high];
  const show = (magnitude: number) =>
    useLift ? formatLift(magnitude) : isPercentScale(headline) ? formatPoints(magnitude) : formatValue(magnitude, headline);
  // Turn the bounds into "better" amounts: positive is better for the business.
  const sign = headline.better === 'higher' ? 1 : -1;
  const [worstBetter, bestBetter] = [Math.min(sign * low, sign * high), Math.max(sign * low, sign * high)];
  const describe = (amount: number) => (amount >= 0 ? `${show(amount)} better` : `${show(-amount)} worse`);
  let range: string;
  if (worstBetter >= 0) range = `from ${show(worstBetter)} to ${show(bestBetter)} better`;
  else if (bestBetter <= 0) range = `from ${show(-bestBetter)} to ${show(-worstBetter)} worse`;
  else range = `from ${describe(worstBetter)} to ${describe(bestBetter)}`;
  const unbounded =
    toldAsLift(headline) && !useLift
      ? ' The control level is too uncertain to express the change in percent, so the range is given in absolute terms.'
      : '';
  const direction = headline.better === 'lower' ? ' (lower is better)' : '';
  return `The pilot could be anywhere ${range}${direction}.${unbounded}`;
}

/**
 * A label in the middle of a sentence: "Revenue per rep" becomes "revenue
 * per rep", but "SDR meetings" and "Meetings per SDR" keep their capitals
 * (only a first word in plain title case is lowered).
 */
export function midSentence(label: string): string {
  return /^[A-Z][a-z]*(?:[\s,;:.-]|$)/.test(label) ? `${label[0]?.toLowerCase()}${label.slice(1)}` : label;
}

/** The verdict as a short phrase for badges and tables. */
export function verdictPhrase(verdict: Verdict): string {
  return { win: 'Win', loss: 'Loss', inconclusive: 'Inconclusive' }[verdict];
}
