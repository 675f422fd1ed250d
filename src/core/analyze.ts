/**
 * One pilot + its folded data -> the results document (outputs.md) and the
 * evidence behind the charts. Pure: no file system, no clock.
 *
 * All analysis is at the level of the unit, the thing that was randomized
 * (pilot-format.md): rows were already summed per unit by the loader. Each
 * metric's numbers come from src/core/metric-analysis.ts; this module adds
 * what belongs to the whole pilot: the data's warnings, attrition, and the
 * evidence for the charts.
 */
import { showControls } from './controls.ts';
import { asClause } from './baseline.ts';
import type { Arm, MetricEvidence, TrendPoint, UnitPoint } from './evidence.ts';
import type { UnitSums } from './load/unit-sums.ts';
import type { FoldedData } from './load/unit-sums-builder.ts';
import { analyzeFunnelStages } from './funnel-analysis.ts';
import { analyzeMetric } from './metric-analysis.ts';
import { analyzeSegments } from './segments.ts';
import { kindOf } from './metric-kinds.ts';
import { primaryMetric, type Metric, type Pilot } from './pilot.ts';
import { count, day } from './present/format.ts';
import { unitNouns } from './present/words.ts';
import { error, type Problem, warning } from './problems.ts';
import type { AttritionResult, MetricResult, ResultsDocument } from './results.ts';
import { fisherExactP, StatsRefusal } from './stats/index.ts';
import type { Assignment } from './design/assignment-file.ts';

export interface Analysis {
  results: ResultsDocument;
  metrics: MetricEvidence[];
  /**
   * Every warning, as a problem for the command line; those the results
   * document publishes (its `warnings`, in the same order) are marked
   * `published`, so no reader has to match them back by their text.
   */
  problems: Problem[];
}

export type AnalysisOutcome = { ok: true; analysis: Analysis } | { ok: false; problems: Problem[] };

/**
 * `assignment`: the pilot's assignment file when it names one (already held
 * against the data by the caller): randomization inference then permutes
 * within its blocks and pairs, and assigned units with no rows count as
 * attrition.
 */
export function analyzePilot(slug: string, pilot: Pilot, pilotFile: string, data: FoldedData, assignment: Assignment | null = null): AnalysisOutcome {
  const problems: Problem[] = [];
  const warnings: string[] = [];
  const warn = (text: string, column?: string) => {
    warnings.push(text);
    problems.push(warning({ file: data.file, ...(column === undefined ? {} : { column }), message: text, published: true }));
  };

  for (const note of data.notes) warn(note.message, note.column);
  if (data.rowsAfterEnd > 0) {
    warn(`${count(data.rowsAfterEnd, 'row')} dated after the end (${pilot.ended}) ${data.rowsAfterEnd === 1 ? 'was' : 'were'} ignored`, pilot.date);
  }
  if (pilot.date !== undefined && data.rowsPilot === 0) {
    problems.push(
      error({
        file: data.file,
        column: pilot.date,
        // A per-unit aggregate keeps no dates, only periods (pilot-format.md).
        message: `no row is dated within the pilot (${pilot.started} to ${pilot.ended ?? 'now'}); ${data.firstDate === null ? 'no unit has a row for the pilot period' : `the dates run from ${data.firstDate} to ${data.lastDate}`}`,
      }),
    );
    return { ok: false, problems };
  }
  const units = [...data.units.values()];
  const attrition = attritionOf(units, pilot, assignment, warn);

  const primary = primaryMetric(pilot);
  const nouns = unitNouns(pilot.unit);
  const metrics: MetricResult[] = [];
  const evidence: MetricEvidence[] = [];
  pilot.metrics.forEach((metric, index) => {
    warnOfMissingValues(metric, index, data, warn);
    warnOfLeadsNotYetDue(metric, index, pilot, data, warn);
    const refusal = percentsAdded(metric, index, units);
    if (refusal !== null) {
      problems.push(error({ file: pilotFile, column: `metrics.${metric.id}`, message: refusal }));
      return;
    }
    try {
      const analysed = analyzeMetric({ metric, index, primary: metric === primary, pilot, slug, units, nouns, warn, assignment });
      if (metric.type === 'funnel') analysed.result.stages = analyzeFunnelStages({ metric, index, pilot, slug, units, nouns, warn, assignment, result: analysed.result });
      metrics.push(analysed.result);
      evidence.push({ ...metricEvidence(metric, index, pilot, data, nouns.one), randomization: analysed.randomization });
    } catch (cause) {
      // A refusal (too few units, no variation, nothing to divide by) or numbers too large to
      // compute with (a RangeError from the statistics) is a property of the data: report it.
      // Only the statistics' overflow checks ("must be a finite number", "too large to represent");
      // any other RangeError (a stack overflow, a bug) still surfaces as one.
      const overflow = cause instanceof RangeError && /finite number|too large|too much/.test(cause.message);
      if (!(cause instanceof StatsRefusal) && !overflow) throw cause;
      problems.push(
        error({
          file: pilotFile,
          column: `metrics.${metric.id}`,
          message: `${metric.label} cannot be computed: ${
            cause instanceof StatsRefusal
              ? asClause(cause.message)
              : 'the numbers are too large to compute with (past about 1.8e308); expected amounts in a sensible unit (check the columns hold values, not IDs or phone numbers)'
          }`,
        }),
      );
    }
  });
  if (problems.some((problem) => problem.severity === 'error')) return { ok: false, problems };

  const armUnits = (arm: Arm) => units.filter((unit) => unit.arm === arm && unit.pilotRows > 0).length;
  const segments = pilot.segments === undefined ? {} : { segments: analyzeSegments({ pilot, slug, segments: data.segments, nouns, assignment }) };
  return {
    ok: true,
    analysis: {
      results: {
        slug,
        title: pilot.title,
        status: pilot.status,
        decision: pilot.decision ? { ...pilot.decision, note: pilot.decision.note ?? null } : null,
        confidence: pilot.confidence,
        units: { pilot: armUnits('pilot'), control: armUnits('control') },
        warnings,
        attrition,
        metrics,
        ...segments,
      },
      metrics: evidence,
      problems,
    },
  };
}

/**
 * A duration's leads handed off too near the end of the data to have had the
 * whole horizon (statistics.md, "Time to first contact"): not counted, and said, so a
 * reader knows the pilot's last days are not in the number yet.
 */
function warnOfLeadsNotYetDue(metric: Metric, index: number, pilot: Pilot, data: FoldedData, warn: (text: string, column?: string) => void): void {
  const notYetDue = data.notYetDue?.[index] ?? 0;
  if (metric.type !== 'duration' || notYetDue === 0 || data.observedUntil == null) return;
  const within = count(metric.within ?? 0, 'day');
  const counted = pilot.ended === undefined ? 'not counted yet' : 'not counted';
  warn(
    `${metric.label}: ${count(notYetDue, 'lead')} handed off less than ${within} before the data ends (${day(data.observedUntil)}) ${notYetDue === 1 ? 'is' : 'are'} ${counted}: ${notYetDue === 1 ? 'it has' : 'they have'} not had the full ${within} to be reached`,
    metric.from,
  );
}

/** Rows left out of a metric for an empty cell, said per period (pilot-format.md: missing values). */
function warnOfMissingValues(metric: Metric, index: number, data: FoldedData, warn: (text: string, column?: string) => void): void {
  const column = metric.column ?? metric.numerator ?? metric.from;
  const missing = data.missing[index] ?? 0;
  // A summed metric adds each unit's rows up: a row left out adds nothing, as a 0 would. Say so.
  const inTotals = !kindOf(metric).summed ? '' : missing === 1 ? ', so it adds nothing to its unit\'s total' : ', so they add nothing to their units\' totals';
  if (missing > 0) warn(`${metric.label}: ${count(missing, 'row')} with an empty value ${missing === 1 ? 'was' : 'were'} left out${inTotals}`, column);
  const missingPre = data.missingPre[index] ?? 0;
  if (missingPre > 0 && kindOf(metric).adjustable) {
    warn(`${metric.label}: ${count(missingPre, 'row')} before the pilot with an empty value ${missingPre === 1 ? 'was' : 'were'} left out of the baseline`, column);
  }
}

/**
 * statistics.md section 12: a mean metric adds a unit's rows up, and percents
 * cannot be added (a rep at 40% one week and 50% the next did not convert
 * 90%). Refused, with what to write instead, when a unit has more than one
 * row of a percent-format mean in a period.
 */
function percentsAdded(metric: Metric, index: number, units: readonly UnitSums[]): string | null {
  if (!(kindOf(metric).summed && metric.format === 'percent')) return null;
  const several = units.filter((unit) => (unit.metrics[index]?.pilot.rows ?? 0) > 1 || (unit.metrics[index]?.pre.rows ?? 0) > 1).length;
  if (several === 0) return null;
  return `${metric.label} is a mean of percents, and ${count(several, 'unit')} ${several === 1 ? 'has' : 'have'} more than one row in a period, whose percents would be added up; expected one row per unit and period, or a ratio metric (numerator: the successes, denominator: the tries) that weighs each row by its size`;
}

/**
 * statistics.md section 12: units that were in the pilot's population and
 * have no rows during it, per arm, and whether the arms lost units
 * differently (Fisher's exact test p < 0.05, or shares more than 10 points
 * apart). The population is the assigned units when an assignment file
 * records them, else the units with rows before the pilot. Said in the data
 * notes, naming units only when the pilot allows it.
 */
function attritionOf(units: readonly UnitSums[], pilot: Pilot, assignment: Assignment | null, warn: (text: string, column?: string) => void): AttritionResult {
  const byName = new Map(units.map((unit) => [unit.name, unit]));
  const population: { name: string; arm: Arm; during: boolean }[] =
    assignment === null
      ? units.filter((unit) => unit.metrics.some((sums) => sums.pre.rows > 0)).map((unit) => ({ name: unit.name, arm: unit.arm, during: unit.pilotRows > 0 }))
      : [...assignment.units].map(([name, record]) => ({ name, arm: record.group, during: (byName.get(name)?.pilotRows ?? 0) > 0 }));
  const counts = (arm: Arm) => {
    const members = population.filter((unit) => unit.arm === arm);
    return { members: members.length, left: members.filter((unit) => !unit.during) };
  };
  const [pilotArm, controlArm] = [counts('pilot'), counts('control')];
  if (population.length === 0) return { pilot: 0, control: 0, p: null, flagged: false };
  const p = fisherExactP(pilotArm.left.length, pilotArm.members - pilotArm.left.length, controlArm.left.length, controlArm.members - controlArm.left.length);
  const share = (arm: typeof pilotArm) => (arm.members === 0 ? 0 : arm.left.length / arm.members);
  const flagged = p < 0.05 || Math.abs(share(pilotArm) - share(controlArm)) > 0.1;
  const { one, many } = unitNouns(pilot.unit);
  const said = (arm: typeof pilotArm, name: Arm) => {
    if (arm.left.length === 0) return null;
    const names = pilot.showUnits ? ` (${arm.left.map((unit) => showControls(unit.name)).join(', ')})` : '';
    return `${arm.left.length} of ${arm.members} ${assignment === null ? '' : 'assigned '}${name} ${arm.members === 1 ? one : many}${names}`;
  };
  const lost = [said(pilotArm, 'pilot'), said(controlArm, 'control')].filter((part) => part !== null);
  if (lost.length > 0) {
    const whose = assignment === null ? ' with rows before the pilot' : '';
    warn(
      `${lost.join(' and ')}${whose} ${lost.length === 1 && pilotArm.left.length + controlArm.left.length === 1 ? 'has' : 'have'} no rows during ${assignment === null ? 'it' : 'the pilot'} (left, or their data is missing): ` +
        (assignment === null ? 'they count in the baseline check but not in the result' : 'they are not in the result') +
        (flagged ? `; the two groups lost ${many} at different rates (${Math.round(100 * share(pilotArm))}% against ${Math.round(100 * share(controlArm))}%), so those who stayed may no longer be comparable` : ''),
      pilot.unit,
    );
  }
  return { pilot: pilotArm.left.length, control: controlArm.left.length, p, flagged };
}

/** Per-unit values for the dot plot and the weekly trend for the line chart. */
function metricEvidence(metric: Metric, index: number, pilot: Pilot, data: FoldedData, singular: string): Omit<MetricEvidence, 'randomization'> {
  const units: UnitPoint[] = [];
  for (const arm of ['pilot', 'control'] as const) {
    const values: { name: string; value: number }[] = [];
    for (const unit of data.units.values()) {
      const sums = unit.metrics[index]?.pilot;
      if (unit.arm !== arm || sums === undefined || sums.rows === 0) continue;
      // A unit whose denominator adds up to 0 (no opportunities at all) has no ratio of its own:
      // it still counts in its arm's ratio, but there is no dot to plot, and never a NaN.
      const value = kindOf(metric).unitValue(sums);
      if (value !== null) values.push({ name: unit.name, value });
    }
    // Anonymous labels are numbered by value, so they reveal nothing of the names.
    values.sort((a, b) => b.value - a.value || (pilot.showUnits ? a.name.localeCompare(b.name) : 0));
    values.forEach(({ name, value }, position) => {
      const anonymous = `${arm === 'pilot' ? 'Pilot' : 'Control'} ${singular} ${position + 1}`;
      // A name is published as written, but for control characters, which are shown as \u escapes.
      units.push({ arm, label: pilot.showUnits ? showControls(name) : anonymous, value });
    });
  }
  return { id: metric.id, units, trend: weeklyTrend(metric, index, data) };
}

function weeklyTrend(metric: Metric, index: number, data: FoldedData): TrendPoint[] {
  const points: TrendPoint[] = [];
  for (const { arm, period, week, sums, units } of data.weeks[index] ?? []) {
    const value = kindOf(metric).weekValue(sums, units);
    if (value === null) continue;
    points.push({ arm, week, value, units, period });
  }
  return points.sort((a, b) => byCodePoint(a.week, b.week) || byCodePoint(a.period, b.period) || byCodePoint(a.arm, b.arm));
}

/**
 * Plain string order. For ISO days of one shape ("2026-03-02"), "pilot" / "pre"
 * and "control" / "pilot" it is the order localeCompare gives, without
 * loading ICU's collation data on the first call (about 8 ms per process).
 */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
