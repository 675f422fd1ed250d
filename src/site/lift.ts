/**
 * Which numbers a page puts first, decided once for every page, chart and
 * card. The headline itself (adjusted when it exists, and its text) comes
 * from src/core/headline.ts, shared with the command line; this module adds
 * what only the site needs: the scale a chart draws it on, and the common
 * percent axis of the overview.
 */
import { formatDifference, formatLift, isPercentScale } from '../core/format.ts';
import { headlineOf, headlineText, primaryResult, type HeadlineNumbers } from '../core/headline.ts';
import type { MetricResult, PilotStatus } from '../core/results.ts';
import { liftTick, tick } from './format.ts';

export { headlineOf, headlineText, primaryResult };
export { verdictPhrase } from '../core/words.ts';

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

/**
 * A rate's change is headlined in percentage points, but the overview draws
 * every pilot on one percent axis: this is the relative lift it is drawn at,
 * in words ("+19% relative, +7.4% to +31%"), so a reader can match the two.
 * Null for other metrics, or when the relative interval is unbounded.
 */
export function relativeAside(metric: MetricResult): string | null {
  if (!isPercentScale(metric)) return null;
  const relative = boundedRelative(headlineOf(metric));
  if (relative === null) return null;
  const lift = (value: number) => formatLift(value, { signed: true });
  return `${lift(relative.estimate)} relative, ${lift(relative.low)} to ${lift(relative.high)}`;
}

/** The unadjusted numbers, shown beside an adjusted headline. */
export function unadjustedOf(metric: MetricResult): HeadlineNumbers {
  return { absolute: metric.absolute, relative: metric.relative, adjusted: false };
}

/**
 * How a metric's own chart draws its interval, matching the headline text:
 * a relative lift in percent, or the difference in the metric's units
 * (percentage points for rates).
 */
export interface Scale {
  kind: 'relative' | 'absolute';
  pick(numbers: HeadlineNumbers): { estimate: number; low: number; high: number };
  /** Labels of estimates and bounds. */
  format(value: number): string;
  /** Axis tick labels (round numbers, trimmed). */
  tick(value: number): string;
}

export function scaleOf(metric: MetricResult): Scale {
  const drawn = metric.adjusted ? [headlineOf(metric), unadjustedOf(metric)] : [headlineOf(metric)];
  const relative = headlineText(metric).scale === 'relative' && drawn.every((numbers) => boundedRelative(numbers) !== null);
  return relative
    ? {
        kind: 'relative',
        pick: (numbers) => boundedRelative(numbers) as BoundedRelative,
        format: (value) => formatLift(value, { signed: true }),
        tick: liftTick,
      }
    : {
        kind: 'absolute',
        pick: (numbers) => numbers.absolute,
        format: (value) => formatDifference(value, metric),
        tick: tick(metric, { difference: true }),
      };
}

/** Why a lift is not in percent, in words, or null when it is. */
export function percentCaveat(metric: MetricResult): string | null {
  const { relative } = headlineOf(metric);
  const text = headlineText(metric);
  if (text.scale === 'points') return null;
  if (relative.estimate === null) return 'The control level is zero or below, so the change cannot be put in percent.';
  if (relative.low === null || relative.high === null) {
    return 'The control level is too uncertain to put the range in percent, so it is given in the metric\u2019s own units.';
  }
  return null;
}

/** One plain line under the verdict badge. */
export function verdictMeaning(verdict: MetricResult['verdict'], status: PilotStatus): string {
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


/**
 * One relative axis for every pilot's primary lift (overview cards and forest
 * plot), so the eye can compare pilots whatever their metric: always
 * includes zero, padded, rounded out to a tidy 5%.
 */
export function commonDomain(metrics: readonly MetricResult[]): [number, number] {
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
