/**
 * The presentation policy: how a metric's result is shown, decided once for
 * the results document's sentence, the report page, the preview card, the
 * overview's cards, forest plot and table, the metric's chart and the
 * command line, so no two of them can disagree.
 *
 * One metric, one scale:
 * - a rate (a proportion, or a `percent`-format metric) is told in
 *   percentage points;
 * - any other metric as a relative lift in percent, when its headline and
 *   every interval drawn beside it (the unadjusted one, under an adjusted
 *   headline) have both relative bounds;
 * - otherwise in the metric's own units, with the reason said in words (a
 *   control level at or below zero, or too uncertain for a bounded relative
 *   interval: statistics.md section 3). The change and its interval are then
 *   both in those units: a lift in percent beside a range in dollars reads as
 *   the range of that percent.
 */
import {
  formatConfidence,
  formatDifference,
  formatLift,
  formatValue,
  isPercentScale,
  liftTick,
  tick,
  type ValueFormat,
} from './format.ts';
import type { AbsoluteResult, MetricResult, PilotStatus, RelativeResult, ResultsDocument } from '../results.ts';
import { LOWER_IS_BETTER } from './words.ts';

/** What the policy reads of a metric: the results document's fields, without the words it writes. */
export type MetricFigures = Omit<MetricResult, 'sentence' | 'range'>;

export interface HeadlineNumbers {
  absolute: AbsoluteResult;
  relative: RelativeResult;
  adjusted: boolean;
}

/** The headline numbers: the adjusted result when it exists (statistics.md section 5), else the unadjusted one. */
export function headlineOf(metric: MetricFigures): HeadlineNumbers {
  return metric.adjusted
    ? { absolute: metric.adjusted.absolute, relative: metric.adjusted.relative, adjusted: true }
    : { absolute: metric.absolute, relative: metric.relative, adjusted: false };
}

/** The unadjusted numbers, shown beside an adjusted headline. */
export function unadjustedOf(metric: MetricFigures): HeadlineNumbers {
  return { absolute: metric.absolute, relative: metric.relative, adjusted: false };
}

/** Every interval a metric's own chart draws: the headline first. */
export function drawnNumbers(metric: MetricFigures): HeadlineNumbers[] {
  return metric.adjusted ? [headlineOf(metric), unadjustedOf(metric)] : [headlineOf(metric)];
}

/** A relative interval with both bounds: the only kind a percent axis can draw. */
export interface BoundedRelative {
  estimate: number;
  low: number;
  high: number;
}

export function boundedRelative(numbers: Pick<HeadlineNumbers, 'relative'>): BoundedRelative | null {
  const { estimate, low, high } = numbers.relative;
  return estimate === null || low === null || high === null ? null : { estimate, low, high };
}

/** Percentage points, a relative lift in percent, or a difference in the metric's own units. */
export type Scale = 'points' | 'relative' | 'absolute';

/** The one decision of this module (see the comment at the top). */
export function scaleOf(metric: MetricFigures): Scale {
  if (isPercentScale(metric)) return 'points';
  return drawnNumbers(metric).every((numbers) => boundedRelative(numbers) !== null) ? 'relative' : 'absolute';
}

/** Numbers on a metric's scale, with the labels that go with them. */
export interface ScaleFormat {
  scale: Scale;
  pick(numbers: HeadlineNumbers): { estimate: number; low: number; high: number };
  /** Labels of estimates and bounds: "+15%", "+2.1 pp", "+$1,200". */
  format(value: number): string;
  /** Axis ticks (round numbers, trimmed). */
  tick(value: number): string;
}

export function scaleFormat(metric: MetricFigures): ScaleFormat {
  const scale = scaleOf(metric);
  if (scale === 'relative') {
    return {
      scale,
      pick: (numbers) => boundedRelative(numbers) as BoundedRelative,
      format: (value) => formatLift(value, { signed: true }),
      tick: liftTick,
    };
  }
  return {
    scale,
    pick: (numbers) => numbers.absolute,
    format: (value) => formatDifference(value, metric),
    tick: tick(metric, { difference: true }),
  };
}

export interface HeadlineText {
  /** "+15%", "+12.3 pp" or "+$1,200": always in the same units as the interval beside it. */
  change: string;
  /** "+3% to +30%", "+6.1 pp to +18.4 pp" or "−$300 to +$2,700". */
  interval: string;
  scale: Scale;
}

export function headlineText(metric: MetricFigures): HeadlineText {
  const scale = scaleFormat(metric);
  // Where a table has no room for percentCaveat, a few words say why the range is not in percent.
  const tooUncertain = scale.scale === 'absolute' && headlineOf(metric).relative.estimate !== null ? ' (too uncertain for %)' : '';
  return { change: headlineChange(metric), interval: `${headlineInterval(metric)}${tooUncertain}`, scale: scale.scale };
}

/** The headline change on its scale: "+15%", "+12.3 pp" or "+$1,200". */
function headlineChange(metric: MetricFigures): string {
  const scale = scaleFormat(metric);
  return scale.format(scale.pick(headlineOf(metric)).estimate);
}

/** The headline interval's bounds on its scale: "+3% to +30%". */
function headlineInterval(metric: MetricFigures): string {
  const scale = scaleFormat(metric);
  const drawn = scale.pick(headlineOf(metric));
  return `${scale.format(drawn.low)} to ${scale.format(drawn.high)}`;
}

/** Why a change is not in percent, in words, or null when it is (or is a rate, told in points). */
export function percentCaveat(metric: MetricFigures): string | null {
  if (scaleOf(metric) !== 'absolute') return null;
  if (headlineOf(metric).relative.estimate === null) return 'The control level is zero or below, so the change cannot be put in percent.';
  return 'The control level is too uncertain to put the range in percent, so it is given in the metric\u2019s own units.';
}

/**
 * A rate's change is headlined in percentage points, but the overview draws
 * every pilot on one percent axis: this is the relative lift it is drawn at,
 * in words ("+19% relative, +7.4% to +31%"), so a reader can match the two.
 * Null for other metrics, or when the relative interval is unbounded.
 */
export function relativeAside(metric: MetricFigures): string | null {
  if (!isPercentScale(metric)) return null;
  const relative = boundedRelative(headlineOf(metric));
  if (relative === null) return null;
  const lift = (value: number) => formatLift(value, { signed: true });
  return `${lift(relative.estimate)} relative, ${lift(relative.low)} to ${lift(relative.high)}`;
}

/** The metric's label with "(lower is better)" when more is worse. */
export function labelWithDirection(metric: Pick<MetricFigures, 'label' | 'better'>): string {
  return metric.better === 'lower' ? `${metric.label} (${LOWER_IS_BETTER})` : metric.label;
}

/** One plain line under the verdict badge. */
export function verdictMeaning(verdict: MetricFigures['verdict'], status: PilotStatus): string {
  switch (verdict) {
    case 'win':
      return 'The whole interval is on the better side of zero.';
    case 'loss':
      return 'The whole interval is on the worse side of zero.';
    case 'inconclusive':
      // A concluded pilot will get no more data: "yet" would promise an answer that is not coming.
      return status === 'running'
        ? 'The interval includes zero: the data cannot yet tell a gain from a loss.'
        : 'The interval includes zero: the data cannot tell a gain from a loss.';
  }
}

/** Plural noun for the units, e.g. "reps", and the interval's confidence level. */
export interface Wording {
  units: string;
  confidence: number;
}

/**
 * The headline in one sentence, e.g. "Revenue per rep was 15% higher for
 * pilot reps than for control reps (95% interval: +3% to +30%)."
 */
export function headlineSentence(metric: MetricFigures, wording: Wording): string {
  const numbers = headlineOf(metric);
  const text = headlineText(metric);
  const level = formatConfidence(wording.confidence);
  const adjusted = numbers.adjusted ? ', adjusted for where each started' : '';
  const estimate = text.scale === 'relative' ? (numbers.relative.estimate as number) : numbers.absolute.estimate;
  const magnitude =
    text.scale === 'relative' ? formatLift(Math.abs(estimate)) : text.scale === 'points' ? formatDifference(Math.abs(estimate), metric, { signed: false }) : formatValue(Math.abs(estimate), metric);
  // "was 0.0 pp higher" says nothing true: an estimate of exactly zero is "the same".
  const compared =
    estimate === 0
      ? `the same for pilot ${wording.units} as for control ${wording.units}`
      : `${magnitude} ${estimate > 0 ? 'higher' : 'lower'} for pilot ${wording.units} than for control ${wording.units}`;
  const interval = `${level} interval: ${headlineInterval(metric)}`;
  if (text.scale === 'points') {
    const levels = `${formatValue(metric.pilot.value, metric)} vs ${formatValue(metric.control.value, metric)}`;
    return `${metric.label} was ${compared} (${levels}${adjusted}; ${interval}).`;
  }
  const caveat = text.scale === 'absolute' && numbers.relative.estimate !== null ? '; the control level is too uncertain to put the change in percent' : '';
  return `${metric.label} was ${compared}${adjusted} (${interval}${caveat}).`;
}

/**
 * What the data can and cannot rule out, from the better side:
 * "The pilot could be anywhere from 4% worse to 31% better."
 */
export function rangeSentence(metric: MetricFigures): string {
  const scale = scaleFormat(metric);
  const { low, high } = scale.pick(headlineOf(metric));
  const show = (magnitude: number) =>
    scale.scale === 'relative' ? formatLift(magnitude) : formatDifference(magnitude, metric, { signed: false });
  // Turn the bounds into "better" amounts: positive is better for the business.
  const sign = metric.better === 'higher' ? 1 : -1;
  const [worstBetter, bestBetter] = [Math.min(sign * low, sign * high), Math.max(sign * low, sign * high)];
  const describe = (amount: number) => (amount >= 0 ? `${show(amount)} better` : `${show(-amount)} worse`);
  let range: string;
  if (worstBetter >= 0) range = `from ${show(worstBetter)} to ${show(bestBetter)} better`;
  else if (bestBetter <= 0) range = `from ${show(-bestBetter)} to ${show(-worstBetter)} worse`;
  else range = `from ${describe(worstBetter)} to ${describe(bestBetter)}`;
  const unbounded =
    scale.scale === 'absolute' && headlineOf(metric).relative.estimate !== null
      ? ' The control level is too uncertain to express the change in percent, so the range is given in absolute terms.'
      : '';
  const direction = metric.better === 'lower' ? ` (${LOWER_IS_BETTER})` : '';
  return `The pilot could be anywhere ${range}${direction}.${unbounded}`;
}

/**
 * One relative axis for every pilot's primary lift (overview cards, forest
 * plot and table), so the eye can compare pilots whatever their metric:
 * always includes zero, padded, rounded out to a tidy 5%.
 */
export function commonDomain(metrics: readonly MetricFigures[]): [number, number] {
  let low = 0;
  let high = 0;
  for (const metric of metrics) {
    const relative = boundedRelative(headlineOf(metric));
    if (!relative) continue;
    low = Math.min(low, relative.low);
    high = Math.max(high, relative.high);
  }
  const pad = Math.max(0.02, (high - low) * 0.06);
  const step = 0.05;
  const round = (value: number) => Math.round(value * 100) / 100;
  return [round(Math.floor((low - pad) / step) * step), round(Math.ceil((high + pad) / step) * step)];
}

/** The primary metric's result: the one marked primary (the analysis always marks one). */
export function primaryResult(results: ResultsDocument): MetricResult {
  const found = results.metrics.find((metric) => metric.primary) ?? results.metrics[0];
  if (!found) throw new Error(`Pilot "${results.slug}" has no metrics`);
  return found;
}

/**
 * Whether the minimum detectable effect means anything: when no unit differs
 * from another in either arm (every lead converted, in both groups), the
 * formula gives 0, which would read as "this pilot detects any change".
 */
export function detectableIsKnown(metric: MetricFigures): boolean {
  return metric.mde.absolute > 0;
}

/** Said in place of a detectable effect that is not known. */
export const NO_VARIATION = 'cannot be estimated: no unit differs from another in either group';

export type { ValueFormat };
