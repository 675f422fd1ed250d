/**
 * The roadblock view of a rate (pilot-format.md, "The roadblock view"): how
 * many units of each arm have their own rate below a line, and how the
 * units' rates spread, counted into ranges ten percentage points wide.
 * The per-unit chart shows each unit of the primary metric; this counts, for
 * every rate, the units a sales manager would call stuck: "3 of 5 control
 * reps are below 15%".
 *
 * The line is the metric's `roadblock` when the pilot file sets one, else
 * half the control group's overall rate: a unit doing less than half as well
 * as the control group as a whole. Half the control's rate, not the control's
 * median, because a median puts half the control units below it whatever the
 * data, so the count would say nothing about the control group; and the
 * control's, not the pilot's, so the line does not move with the effect
 * being measured.
 */
import type { MetricEvidence } from '../evidence.ts';
import type { MetricResult } from '../results.ts';
import { count, formatCount, formatValue, isPercentScale, tick } from './format.ts';

/** A range of rates, lower bound included (the last range includes both ends), and each arm's units in it. */
export interface RoadblockRange {
  low: number;
  high: number;
  /** "10% to 20%" */
  label: string;
  /** The whole range lies below the line: the line is always a range's end. */
  below: boolean;
  pilot: number;
  control: number;
}

export interface RoadblockArm {
  units: number;
  below: number;
  /** The units below the line by name, only when the pilot sets `showUnits: true`; null otherwise. */
  names: string[] | null;
}

export interface RoadblockView {
  metric: MetricResult;
  /** The line, as a fraction. */
  threshold: number;
  /** Where the line comes from: the pilot file's `roadblock`, or half the control group's rate. */
  source: 'set' | 'half-control';
  /** "Win rate below 15.0%: 3 of 5 control reps, 1 of 5 pilot reps." */
  sentence: string;
  /** Why the line is where it is. */
  line: string;
  /** Who is below it, by name (showUnits), or null. */
  named: string | null;
  arms: { pilot: RoadblockArm; control: RoadblockArm };
  ranges: RoadblockRange[];
}

/** Ranges ten percentage points wide: at most a dozen bars for rates up to 100%, each read at a glance. */
const RANGE_WIDTH = 0.1;
/** Names listed per arm before "and N more". */
const MOST_NAMES = 20;

/**
 * The roadblock view of one metric, or null where it has none: a metric that
 * is not a rate, a rate with one row per unit (each unit's rate is then 0% or
 * 100%), no units, or no line (the control group's rate is 0% and none is set).
 */
export function roadblockView(
  metric: MetricResult,
  evidence: MetricEvidence,
  options: { roadblock?: number | undefined; showUnits: boolean; units: { one: string; many: string } },
): RoadblockView | null {
  if (!isPercentScale(metric) || metric.method === 'newcombe' || evidence.units.length === 0) return null;
  const source = options.roadblock === undefined ? 'half-control' : 'set';
  const threshold = options.roadblock ?? metric.control.value / 2;
  if (!(threshold > 0) || !Number.isFinite(threshold)) return null;

  const arms = { pilot: emptyArm(options.showUnits), control: emptyArm(options.showUnits) };
  // From 0%, to the highest rate or the line: low rates (a 4% reply rate) keep their bars wide, not squeezed against 0%.
  let lowest = 0;
  let highest = threshold;
  for (const unit of evidence.units) {
    const arm = arms[unit.arm];
    arm.units += 1;
    if (unit.value < threshold) {
      arm.below += 1;
      arm.names?.push(unit.label);
    }
    lowest = Math.min(lowest, unit.value);
    highest = Math.max(highest, unit.value);
  }
  const ranges = rangesAround(lowest, highest, threshold, metric);
  for (const unit of evidence.units) {
    const range = ranges.find((candidate, index) => unit.value < candidate.high || index === ranges.length - 1) as RoadblockRange;
    range[unit.arm] += 1;
  }

  const line = formatValue(threshold, metric);
  const noun = (n: number) => (n === 1 ? options.units.one : options.units.many);
  const of = (arm: RoadblockArm, name: 'control' | 'pilot') => `${formatCount(arm.below)} of ${formatCount(arm.units)} ${name} ${noun(arm.units)}`;
  return {
    metric,
    threshold,
    source,
    sentence: `${metric.label} below ${line}: ${of(arms.control, 'control')}, ${of(arms.pilot, 'pilot')}.`,
    line:
      source === 'set'
        ? `The line at ${line} is the pilot file\u2019s own (roadblock: ${line}).`
        : `The line at ${line} is half the control group\u2019s overall rate (${formatValue(metric.control.value, metric)}): a ${options.units.one} below it does less than half as well as the control group as a whole. The pilot file can set its own line (roadblock).`,
    named: options.showUnits ? namedBelow(arms) : null,
    arms,
    ranges,
  };
}

function emptyArm(showUnits: boolean): RoadblockArm {
  return { units: 0, below: 0, names: showUnits ? [] : null };
}

/** Ranges RANGE_WIDTH wide from `lowest` (0% at most) to `highest` and the line, the line one more end. */
function rangesAround(lowest: number, highest: number, threshold: number, metric: MetricResult): RoadblockRange[] {
  // Whole steps, so float error never adds a sliver of a range (0.1 * 3 is 0.30000000000000004).
  const first = Math.floor(lowest / RANGE_WIDTH + 1e-9);
  // A rate on an end starts the range above it (50% is in "50% to 60%"), but 100% closes the last range, "90% to 100%".
  const top = Math.floor(highest / RANGE_WIDTH + 1e-9);
  const last = Math.max(first + 1, Math.abs(highest - 1) < 1e-12 ? top : top + 1);
  const ends: number[] = [];
  for (let step = first; step <= last; step += 1) ends.push(step / 10);
  // The line is an end, so every range lies wholly below it or wholly above.
  if (threshold > (ends[0] as number) && threshold < (ends.at(-1) as number) && !ends.some((end) => Math.abs(end - threshold) < 1e-12)) {
    ends.push(threshold);
    ends.sort((a, b) => a - b);
  }
  const label = tick(metric);
  return ends.slice(1).map((high, index) => {
    const low = ends[index] as number;
    return { low, high, label: `${label(low)} to ${label(high)}`, below: high <= threshold + 1e-12, pilot: 0, control: 0 };
  });
}

/** "Below the line: control: Anna, Ben; pilot: Cleo." */
function namedBelow(arms: RoadblockView['arms']): string | null {
  const list = (names: string[]) => (names.length > MOST_NAMES ? `${names.slice(0, MOST_NAMES).join(', ')} and ${count(names.length - MOST_NAMES, 'more', 'more')}` : names.join(', '));
  const parts = (['control', 'pilot'] as const).flatMap((arm) => {
    const names = arms[arm].names ?? [];
    return names.length === 0 ? [] : [`${arm}: ${list([...names].sort((a, b) => a.localeCompare(b)))}`];
  });
  return parts.length === 0 ? null : `Below the line: ${parts.join('; ')}.`;
}
