/**
 * One pilot + its folded data -> the results document (outputs.md) and the
 * evidence behind the charts. Pure: no file system, no clock.
 *
 * All analysis is at the level of the unit, the thing that was randomized
 * (pilot-format.md): rows were already summed per unit by the loader.
 */
import type { Arm, MetricEvidence, TrendPoint, UnitPoint } from './evidence.ts';
import type { FoldedData, Sums, UnitMetricSums, UnitSums } from './load/fold.ts';
import { kindOf } from './metric-kinds.ts';
import { primaryMetric, type Metric, type Pilot } from './pilot.ts';
import { count, formatValue } from './present/format.ts';
import { headlineSentence, rangeSentence } from './present/headline.ts';
import { unitNouns } from './present/words.ts';
import { error, type Problem, warning } from './problems.ts';
import type { AbsoluteResult, AdjustedResult, MetricResult, RelativeResult, ResultsDocument } from './results.ts';
import {
  ancova,
  baselineBalance,
  baselineGapTooLarge,
  fiellerLift,
  katzLift,
  meanArm,
  minimumDetectableEffect,
  newcombeDifference,
  pooledZTest,
  projectRollout,
  StatsRefusal,
  welchDifference,
  type ArmEstimate,
} from './stats/index.ts';
import { verdictOf } from './verdict.ts';

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

interface ArmUnits {
  unit: UnitSums;
  sums: Sums;
}

export function analyzePilot(slug: string, pilot: Pilot, pilotFile: string, data: FoldedData): AnalysisOutcome {
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
        message: `no row is dated within the pilot (${pilot.started} to ${pilot.ended ?? 'now'}); the dates run from ${data.firstDate} to ${data.lastDate}`,
      }),
    );
    return { ok: false, problems };
  }

  const primary = primaryMetric(pilot);
  const nouns = unitNouns(pilot.unit);
  const metrics: MetricResult[] = [];
  const evidence: MetricEvidence[] = [];
  pilot.metrics.forEach((metric, index) => {
    const missing = data.missing[index] ?? 0;
    // A summed metric adds each unit's rows up: a row left out adds nothing, as a 0 would. Say so.
    const inTotals = !kindOf(metric).summed ? '' : missing === 1 ? ', so it adds nothing to its unit\'s total' : ', so they add nothing to their units\' totals';
    if (missing > 0) {
      warn(
        `${metric.label}: ${count(missing, 'row')} with an empty value ${missing === 1 ? 'was' : 'were'} left out${inTotals}`,
        metric.column ?? metric.numerator,
      );
    }
    const missingPre = data.missingPre[index] ?? 0;
    // Only an adjustable metric has a baseline (statistics.md section 5); for the others pre-period rows are not read.
    if (missingPre > 0 && kindOf(metric).adjustable) {
      warn(
        `${metric.label}: ${count(missingPre, 'row')} before the pilot with an empty value ${missingPre === 1 ? 'was' : 'were'} left out of the baseline`,
        metric.column ?? metric.numerator,
      );
    }
    try {
      const result = analyzeMetric(metric, index, metric === primary, pilot, data, nouns.many, warn);
      metrics.push(result);
      evidence.push(metricEvidence(metric, index, pilot, data, nouns.one));
    } catch (cause) {
      // A refusal (too few units, no variation, nothing to divide by) or numbers too large to
      // compute with (a RangeError from the statistics) is a property of the data: report it.
      // Only the statistics' overflow checks ("must be a finite number", "too large to represent");
      // any other RangeError (a stack overflow, a bug) still surfaces as one.
      const overflow = cause instanceof RangeError && /finite number|too large|too much/.test(cause.message);
      if (!(cause instanceof StatsRefusal) && !overflow) throw cause;
      const refusal = cause instanceof StatsRefusal;
      problems.push(
        error({
          file: pilotFile,
          column: `metrics.${metric.id}`,
          message: `${metric.label} cannot be computed: ${
            refusal
              ? asClause((cause as StatsRefusal).message)
              : 'the numbers are too large to compute with (past about 1.8e308); expected amounts in a sensible unit (check the columns hold values, not IDs or phone numbers)'
          }`,
        }),
      );
    }
  });
  if (problems.some((problem) => problem.severity === 'error')) return { ok: false, problems };

  const armUnits = (arm: Arm) => [...data.units.values()].filter((unit) => unit.arm === arm && unit.pilotRows > 0).length;
  return {
    ok: true,
    analysis: {
      results: {
        slug,
        title: pilot.title,
        status: pilot.status,
        confidence: pilot.confidence,
        units: { pilot: armUnits('pilot'), control: armUnits('control') },
        warnings,
        metrics,
      },
      metrics: evidence,
      problems,
    },
  };
}

/** Units of one arm that have at least one value of this metric in the pilot period. */
function unitsWithValues(data: FoldedData, index: number, arm: Arm, period: 'pilot' | 'pre' = 'pilot'): ArmUnits[] {
  const out: ArmUnits[] = [];
  for (const unit of data.units.values()) {
    const sums = (unit.metrics[index] as UnitMetricSums)[period];
    if (unit.arm === arm && sums.rows > 0) out.push({ unit, sums });
  }
  return out;
}

/** A statistics message ("Every unit ... against.") as the clause after "cannot be computed: ". */
function asClause(message: string): string {
  const clause = message.trim().replace(/\.$/, '');
  return /^[A-Z][a-z]/.test(clause) ? `${clause[0]?.toLowerCase()}${clause.slice(1)}` : clause;
}

function armEstimate(metric: Metric, units: readonly ArmUnits[], armName: Arm): ArmEstimate {
  if (units.length < 2) {
    throw new StatsRefusal(
      'too-few-units',
      `the ${armName} group has ${count(units.length, 'unit')} with data; at least 2 are needed to estimate variation`,
    );
  }
  // Named here, where the column and arm are known, rather than by ratioArm's generic refusal.
  if (metric.type === 'ratio' && sumOf(units, 'denominator') === 0) {
    throw new StatsRefusal(
      'zero-denominator',
      `the ${armName} group's ${JSON.stringify(metric.denominator)} add up to 0, so there is nothing to divide by; expected ${JSON.stringify(metric.denominator)} above 0 for at least one ${armName} unit`,
    );
  }
  return kindOf(metric).arm(units.map(({ sums }) => sums));
}

function analyzeMetric(
  metric: Metric,
  index: number,
  isPrimary: boolean,
  pilot: Pilot,
  data: FoldedData,
  noun: string,
  warn: (text: string, column?: string) => void,
): MetricResult {
  const confidence = pilot.confidence;
  const pilotUnits = unitsWithValues(data, index, 'pilot');
  const controlUnits = unitsWithValues(data, index, 'control');
  const rows = (units: ArmUnits[]) => units.reduce((total, { sums }) => total + sums.rows, 0);
  const pilotArm = armEstimate(metric, pilotUnits, 'pilot');
  const controlArm = armEstimate(metric, controlUnits, 'control');
  // A unit in the pilot period whose cells of this metric are all empty is not in its arm for this
  // metric: the arms' unit counts then differ from the pilot's, so say why.
  const inPeriod = [...data.units.values()].filter((unit) => unit.pilotRows > 0).length;
  const withoutValues = inPeriod - pilotUnits.length - controlUnits.length;
  if (withoutValues > 0) {
    warn(
      `${metric.label}: ${count(withoutValues, 'unit')} with no value in the pilot period ${withoutValues === 1 ? 'is' : 'are'} left out of this metric`,
      metric.column ?? metric.numerator,
    );
  }

  // Every unit has exactly one row: the rows are independent trials (statistics.md section 4).
  const independent =
    metric.type === 'proportion' && [...pilotUnits, ...controlUnits].every(({ sums }) => sums.rows === 1);

  let method: MetricResult['method'];
  let absolute: AbsoluteResult;
  let relative: RelativeResult;
  if (independent) {
    method = 'newcombe';
    const pilotCount = { successes: sumOf(pilotUnits, 'numerator'), trials: pilotUnits.length };
    const controlCount = { successes: sumOf(controlUnits, 'numerator'), trials: controlUnits.length };
    const difference = newcombeDifference(pilotCount, controlCount, confidence);
    const test = pooledZTest(pilotCount, controlCount);
    absolute = { estimate: difference.estimate, low: difference.low, high: difference.high, p: test.p, df: null };
    const lift = katzLift(pilotCount, controlCount, confidence);
    relative = { estimate: lift.estimate, low: lift.low, high: lift.high };
  } else {
    method = kindOf(metric).method;
    const difference = welchDifference(pilotArm, controlArm, confidence);
    absolute = { estimate: difference.estimate, low: difference.low, high: difference.high, p: difference.p, df: difference.df };
    const lift = fiellerLift(pilotArm, controlArm, confidence);
    relative = { estimate: lift.estimate, low: lift.low, high: lift.high };
  }

  const adjusted = kindOf(metric).adjustable ? adjustForBaseline(metric, index, pilot, data, warn) : null;
  const headlineAbsolute = adjusted?.absolute ?? absolute;
  const verdict = verdictOf(headlineAbsolute, metric.better);
  // Every metric reduces each arm to (m, v, n) by section 1 of statistics.md, independent
  // proportions included (the delta method with N_i = 1 gives v = s^2 / n): section 7 uses those.
  const mde = minimumDetectableEffect(pilotArm, controlArm, confidence);
  const rollout =
    kindOf(metric).rollout && pilot.rollout !== undefined
      ? { units: pilot.rollout.units, label: pilot.rollout.label, ...projectRollout(headlineAbsolute, pilot.rollout.units) }
      : null;

  const result: MetricResult = {
    id: metric.id,
    label: metric.label,
    type: metric.type,
    primary: isPrimary,
    better: metric.better,
    format: metric.format,
    currency: metric.currency,
    method,
    pilot: { units: pilotUnits.length, rows: rows(pilotUnits), value: pilotArm.estimate },
    control: { units: controlUnits.length, rows: rows(controlUnits), value: controlArm.estimate },
    absolute,
    relative,
    adjusted,
    verdict,
    // Written from the figures by the presentation policy, below.
    sentence: '',
    range: '',
    mde,
    spread: { pilot: spreadOf(pilotArm), control: spreadOf(controlArm) },
    rollout,
  };
  result.sentence = headlineSentence(result, { units: noun, confidence });
  result.range = rangeSentence(result);
  return result;

}

function spreadOf(arm: ArmEstimate): number {
  return Math.sqrt(arm.units * arm.variance);
}

function sumOf(units: readonly ArmUnits[], key: 'numerator' | 'denominator'): number {
  return units.reduce((total, { sums }) => total + sums[key], 0);
}

/**
 * ANCOVA over units with both a pre-period and a pilot-period value
 * (statistics.md section 5). Null when the data has no pre-period.
 */
function adjustForBaseline(
  metric: Metric,
  index: number,
  pilot: Pilot,
  data: FoldedData,
  warn: (text: string, column?: string) => void,
): AdjustedResult | null {
  if (pilot.date === undefined || data.rowsPre === 0) return null;
  const both = [...data.units.values()].filter((unit) => {
    const sums = unit.metrics[index] as UnitMetricSums;
    return sums.pilot.rows > 0 && sums.pre.rows > 0;
  });
  const inPilot = [...data.units.values()].filter((unit) => (unit.metrics[index] as UnitMetricSums).pilot.rows > 0);
  const perArm = (arm: Arm) => both.filter((unit) => unit.arm === arm).length;
  if (perArm('pilot') < 2 || perArm('control') < 2) {
    warn(`${metric.label}: too few units have pre-period rows for a baseline adjustment; the unadjusted result is the headline`);
    return null;
  }
  const leftOut = inPilot.length - both.length;
  if (leftOut > 0) {
    warn(`${metric.label}: ${count(leftOut, 'unit')} without pre-period rows ${leftOut === 1 ? 'was' : 'were'} left out of the baseline adjustment`);
  }
  const baselineOf = (arm: Arm) =>
    meanArm(both.filter((unit) => unit.arm === arm).map((unit) => (unit.metrics[index] as UnitMetricSums).pre.numerator));
  let fit: ReturnType<typeof ancova>;
  let balance: ReturnType<typeof baselineBalance>;
  try {
    fit = ancova(
      both.map((unit) => {
        const sums = unit.metrics[index] as UnitMetricSums;
        return { outcome: sums.pilot.numerator, baseline: sums.pre.numerator, pilot: unit.arm === 'pilot' };
      }),
      pilot.confidence,
    );
    balance = baselineBalance(baselineOf('pilot'), baselineOf('control'), pilot.confidence);
  } catch (cause) {
    // The adjustment is optional (statistics.md section 5): when it cannot be made, say why and
    // keep the unadjusted result as the headline instead of failing the metric.
    if (!(cause instanceof StatsRefusal)) throw cause;
    warn(`${metric.label}: no baseline adjustment (${asClause(cause.message)}); the unadjusted result is the headline`);
    // Without a test or an adjustment, the pilot trap can still be seen in the plain gap.
    const [ahead, behind] = [baselineOf('pilot').estimate, baselineOf('control').estimate];
    if (baselineGapTooLarge(ahead, behind)) {
      warn(
        `${metric.label}: before the pilot the pilot group was already ${ahead > behind ? 'ahead' : 'behind'} ` +
          `(${formatValue(ahead, metric)} against ${formatValue(behind, metric)} per unit, more than 10% apart), and with no adjustment part of the difference may have been there all along`,
      );
    }
    return null;
  }
  return {
    method: 'ancova',
    units: both.length,
    absolute: { estimate: fit.estimate, low: fit.low, high: fit.high, p: fit.p, df: fit.df },
    relative: { estimate: fit.lift.estimate, low: fit.lift.low, high: fit.lift.high },
    balance,
  };
}

/** Per-unit values for the dot plot and the weekly trend for the line chart. */
function metricEvidence(metric: Metric, index: number, pilot: Pilot, data: FoldedData, singular: string): MetricEvidence {
  const units: UnitPoint[] = [];
  for (const arm of ['pilot', 'control'] as const) {
    // A unit whose denominator adds up to 0 (no opportunities at all) has no ratio of its own:
    // it still counts in its arm's ratio, but there is no dot to plot, and never a NaN.
    const values = unitsWithValues(data, index, arm).flatMap(({ unit, sums }) => {
      const value = kindOf(metric).unitValue(sums);
      return value === null ? [] : [{ name: unit.name, value }];
    });
    // Anonymous labels are numbered by value, so they reveal nothing of the names.
    values.sort((a, b) => b.value - a.value || (pilot.showUnits ? a.name.localeCompare(b.name) : 0));
    values.forEach(({ name, value }, position) => {
      const anonymous = `${arm === 'pilot' ? 'Pilot' : 'Control'} ${singular} ${position + 1}`;
      units.push({ arm, label: pilot.showUnits ? name : anonymous, value });
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
