/**
 * The primary metric per segment (statistics.md section 14, pilot-format.md
 * "Segments"): for each `segments` column, each value's headline by the
 * very analysis every metric gets (metric-analysis.ts) over the units with
 * rows of that value, each unit's sums over those rows only; Holm's
 * adjustment across the column's values; and a randomization test of
 * whether the effect differs between them.
 *
 * Only the primary metric: it is the one the pilot was run to decide, and
 * every further metric would multiply the comparisons a reader must discount.
 *
 * Holm's family is one column's values: "does it work in every region?" and
 * "for every lead source?" are separate questions a reader asks one at a
 * time, as with one factor's levels in an analysis of variance. Each
 * segment's interval is at the level Holm tested it at (stats/holm.ts), so
 * its verdict, its adjusted p and its interval agree about "no effect".
 */
import type { Assignment } from './design/assignment-file.ts';
import type { SegmentColumnSums, SegmentValueSums } from './load/segment-sums.ts';
import type { UnitSums } from './load/unit-sums.ts';
import { analyzeMetric, blocksOf } from './metric-analysis.ts';
import { primaryMetric, type Metric, type Pilot } from './pilot.ts';
import { count } from './present/format.ts';
import type { InteractionResult, MetricResult, SegmentColumnResult, SegmentValueResult } from './results.ts';
import { holmAdjust, holmLevels, interactionTest, StatsRefusal, type InteractionSegment } from './stats/index.ts';
import { showControls } from './controls.ts';

export interface SegmentsInput {
  pilot: Pilot;
  slug: string;
  segments: readonly SegmentColumnSums[];
  nouns: { one: string; many: string };
  assignment: Assignment | null;
}

/** One segment's first reading, before the adjustment: its analysis at the pilot's confidence, or why there is none. */
type Reading = { sums: SegmentValueSums; result: MetricResult | null; reason: string | null; tooFew: boolean };

export function analyzeSegments(input: SegmentsInput): SegmentColumnResult[] {
  return input.segments.map((column) => analyzeColumn(input, column));
}

function analyzeColumn(input: SegmentsInput, column: SegmentColumnSums): SegmentColumnResult {
  const { pilot } = input;
  const metric = primaryMetric(pilot);
  const alpha = 1 - pilot.confidence;
  const readings: Reading[] = column.values.map((sums) => read(input, column.column, sums, pilot.confidence));
  // Segments with a test: one without (too few units, no test that can stand) is no comparison.
  const comparable = readings.filter((reading) => reading.result?.headline.absolute.p != null);
  // Holm's family leaves out a segment no split of whose units could reach alpha (Tarone 1990,
  // Biometrics 46:515): Holm never tests at a level above alpha, so it could not be a win or a
  // loss at any step, and counting it would only ask more of the others. Its smallest p is
  // fixed by its units and values, not by the assignment, so leaving it out keeps the adjustment exact.
  const tested = comparable.filter((reading) => !((reading.result?.headline.randomization?.minimumP ?? 0) > alpha));
  const p = tested.map((reading) => reading.result?.headline.absolute.p as number);
  const adjusted = holmAdjust(p);
  const levels = holmLevels(p, alpha);
  const values = readings.map((reading): SegmentValueResult => {
    const k = tested.indexOf(reading);
    const level = k === -1 ? null : (levels[k] as number);
    // Read again at the level Holm tested it at, unless that is the pilot's own.
    const result = level === null || level === alpha ? reading.result : read(input, column.column, reading.sums, 1 - level).result;
    return valueResult(reading, result, k === -1 ? null : (p[k] as number), k === -1 ? null : (adjusted[k] as number), level, input.nouns, pilot.metrics.indexOf(metric));
  });
  // The interaction test reads every segment with a test: too few units to read one alone can still show a difference between them.
  const { interaction, reason } = interactionOf(input, column.column, metric, comparable);
  return { column: column.column, metric: metric.id, comparisons: tested.length, values, interaction, interactionReason: reason };
}

/** The segment's analysis at `confidence`; refusals (too few units, no variation) are its reason, not the pilot's error. */
function read(input: SegmentsInput, column: string, sums: SegmentValueSums, confidence: number): Reading {
  const { pilot } = input;
  const metric = primaryMetric(pilot);
  try {
    const { result } = analyzeMetric({
      metric,
      index: pilot.metrics.indexOf(metric),
      primary: true,
      // No rollout: a projection is the whole pilot's, never a segment's.
      pilot: { ...pilot, confidence, rollout: undefined },
      // The seed of any draws: the segment's own, so adding a segment changes no other.
      slug: `${input.slug}/segments/${column}/${sums.value}`,
      units: sums.units,
      nouns: input.nouns,
      // The data's warnings are the whole pilot's, said once with its result; a segment's are its verdict and flags.
      warn: () => {},
      assignment: input.assignment,
    });
    return { sums, result, reason: null, tooFew: false };
  } catch (cause) {
    const overflow = cause instanceof RangeError && /finite number|too large|too much/.test(cause.message);
    if (!(cause instanceof StatsRefusal) && !overflow) throw cause;
    if (cause instanceof StatsRefusal) return { sums, result: null, reason: cause.message, tooFew: cause.code === 'too-few-units' };
    return { sums, result: null, reason: 'the numbers are too large to compute with', tooFew: false };
  }
}

function valueResult(
  reading: Reading,
  result: MetricResult | null,
  p: number | null,
  adjustedP: number | null,
  level: number | null,
  nouns: { one: string; many: string },
  index: number,
): SegmentValueResult {
  const arm = (name: 'pilot' | 'control') => reading.sums.units.filter((unit) => unit.arm === name && primaryRows(unit, index) > 0).length;
  const units = { pilot: arm('pilot'), control: arm('control') };
  const rows = reading.sums.units.reduce((total, unit) => total + primaryRows(unit, index), 0);
  const value = showControls(reading.sums.value);
  if (result === null) {
    // Too few units is a flag; any other refusal (no variation, nothing to divide by) leaves the segment unread, said why.
    const tooFew = reading.tooFew || units.pilot < 2 || units.control < 2;
    const reason = tooFew ? tooFewReason(units, nouns, reading.reason) : (reading.reason ?? 'this segment cannot be analysed');
    return { value, units, rows, headline: null, verdict: tooFew ? 'too-few' : 'inconclusive', p: null, adjustedP: null, confidence: null, reason };
  }
  return {
    value,
    units,
    rows,
    headline: result.headline,
    verdict: result.verdict,
    p,
    adjustedP,
    confidence: level === null ? null : 1 - level,
    reason: result.headline.reason,
  };
}

/** A unit's pilot-period rows of the primary metric (at `index`) in this segment. */
function primaryRows(unit: UnitSums, index: number): number {
  return unit.metrics[index]?.pilot.rows ?? 0;
}

function tooFewReason(units: { pilot: number; control: number }, nouns: { one: string; many: string }, refusal: string | null): string {
  const few = units.pilot < 2 || units.control < 2;
  if (few) {
    return `${count(units.pilot, 'pilot ' + nouns.one, 'pilot ' + nouns.many)} and ${count(units.control, 'control ' + nouns.one, 'control ' + nouns.many)} have rows here; at least 2 in each group are needed`;
  }
  return refusal ?? 'this segment cannot be analysed';
}

/** The randomization test of one effect for every analysed segment; null (with why) for fewer than 2. */
function interactionOf(
  input: SegmentsInput,
  column: string,
  metric: Metric,
  tested: readonly Reading[],
): { interaction: InteractionResult | null; reason: string | null } {
  if (tested.length < 2) {
    return { interaction: null, reason: `fewer than 2 segments have at least 2 ${input.nouns.many} in each group, so there is nothing to compare` };
  }
  const index = input.pilot.metrics.indexOf(metric);
  // Every unit of any analysed segment, in one assignment: a unit spans segments.
  const place = new Map<string, number>();
  const members: UnitSums[] = [];
  const segments: InteractionSegment[] = tested.map(({ sums }) => {
    const inPilot = sums.units.filter((unit) => (unit.metrics[index]?.pilot.rows ?? 0) > 0);
    const units = Int32Array.from(inPilot, (unit) => {
      let at = place.get(unit.name);
      if (at === undefined) {
        at = members.length;
        place.set(unit.name, at);
        members.push(unit);
      }
      return at;
    });
    return {
      units,
      numerators: Float64Array.from(inPilot, (unit) => unit.metrics[index]?.pilot.numerator ?? 0),
      // A mean metric compares units' totals, each unit weighing 1; a ratio or rate its sums (metric-kinds.ts).
      denominators: Float64Array.from(inPilot, (unit) => (metric.type === 'mean' ? 1 : (unit.metrics[index]?.pilot.denominator ?? 0))),
    };
  });
  const observed = Uint8Array.from(members, (unit) => (unit.arm === 'pilot' ? 1 : 0));
  const { blocks, design } = blocksOf(
    members.map((unit) => unit.name),
    input.assignment,
  );
  try {
    const test = interactionTest({ segments, observed, blocks, seed: `${input.slug}/segments/${column}/interaction` });
    return { interaction: { ...test, segments: segments.length, design }, reason: null };
  } catch (cause) {
    if (!(cause instanceof RangeError || cause instanceof StatsRefusal)) throw cause;
    return { interaction: null, reason: 'the segments cannot be compared: an arm has nothing to divide by in one of them' };
  }
}
