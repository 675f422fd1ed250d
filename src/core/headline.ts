/**
 * The headline of a metric: the adjusted result when it exists
 * (statistics.md section 5), else the unadjusted one; and its figures as
 * short text for tables, cards and badges. The site, the preview cards and
 * the command line all use this, so they always quote the same numbers.
 */
import { formatDifference, formatLift, isPercentScale } from './format.ts';
import type { AbsoluteResult, MetricResult, RelativeResult, ResultsDocument } from './results.ts';

export interface HeadlineNumbers {
  absolute: AbsoluteResult;
  relative: RelativeResult;
  adjusted: boolean;
}

export function headlineOf(metric: MetricResult): HeadlineNumbers {
  return metric.adjusted
    ? { absolute: metric.adjusted.absolute, relative: metric.adjusted.relative, adjusted: true }
    : { absolute: metric.absolute, relative: metric.relative, adjusted: false };
}

export interface HeadlineText {
  /** "+15%", "+12.3 pp" or "+$1,200": always in the same units as the interval beside it. */
  change: string;
  /** "+3% to +30%", or in the metric's units when the relative interval is unbounded or undefined. */
  interval: string;
  /** Whether change and interval are relative lifts (percent), percentage points, or differences in the metric's units. */
  scale: 'relative' | 'points' | 'absolute';
}

export function headlineText(metric: MetricResult): HeadlineText {
  const { absolute, relative } = headlineOf(metric);
  const absoluteInterval = `${formatDifference(absolute.low, metric)} to ${formatDifference(absolute.high, metric)}`;
  if (isPercentScale(metric)) {
    return { change: formatDifference(absolute.estimate, metric), interval: absoluteInterval, scale: 'points' };
  }
  if (relative.estimate === null) {
    return { change: formatDifference(absolute.estimate, metric), interval: absoluteInterval, scale: 'absolute' };
  }
  if (relative.low === null || relative.high === null) {
    // A lift in percent beside a range in dollars reads as the range of that
    // percent: when the range cannot be in percent, neither is the change.
    return { change: formatDifference(absolute.estimate, metric), interval: `${absoluteInterval} (too uncertain for %)`, scale: 'absolute' };
  }
  const interval = `${formatLift(relative.low, { signed: true })} to ${formatLift(relative.high, { signed: true })}`;
  return { change: formatLift(relative.estimate, { signed: true }), interval, scale: 'relative' };
}

/**
 * Whether the minimum detectable effect means anything: when no unit differs
 * from another in either arm (every lead converted, in both groups), the
 * formula gives 0, which would read as "this pilot detects any change".
 */
export function detectableIsKnown(metric: MetricResult): boolean {
  return metric.mde.absolute > 0;
}

/** Said in place of a detectable effect that is not known. */
export const NO_VARIATION = 'cannot be estimated: no unit differs from another in either group';

/** The primary metric's result: the one marked primary (the analysis always marks one). */
export function primaryResult(results: ResultsDocument): MetricResult {
  const found = results.metrics.find((metric) => metric.primary) ?? results.metrics[0];
  if (!found) throw new Error(`Pilot "${results.slug}" has no metrics`);
  return found;
}
