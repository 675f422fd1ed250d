/**
 * A metric's baseline (statistics.md sections 5, 11 and 12): did the pilot
 * arm start ahead or behind (balance), and the effect adjusted for where
 * each unit started, with whether that adjustment would be extrapolating.
 *
 * A unit's baseline is the same metric over its rows before `started`: its
 * total for a mean metric, its own ratio (Y / N) for a ratio or clustered
 * proportion. The balance check reads every unit with a baseline, those that
 * left during the pilot included; the adjustment reads units with both
 * periods.
 */
import { largest, smallest } from './extent.ts';
import type { Arm } from './evidence.ts';
import type { UnitSums } from './load/unit-sums.ts';
import { count, formatValue } from './present/format.ts';
import type { Metric, Pilot } from './pilot.ts';
import type { AdjustedResult, BalanceResult } from './results.ts';
import {
  ancova,
  baselineBalance,
  baselineGapTooLarge,
  meanArm,
  ratioArm,
  StatsRefusal,
  weightedAncova,
  type Ancova,
  type ArmEstimate,
} from './stats/index.ts';

/** One unit in the adjusted fit: its outcome over the pilot period, its weight (N for ratios, 1 for means) and its baseline. */
export interface FitUnit {
  /** The unit's name, to find its block in an assignment file; never published. */
  name: string;
  pilot: boolean;
  /** y for a mean metric; the ratio r = Y / N for the others. */
  outcome: number;
  weight: number;
  baseline: number;
}

export interface Baseline {
  adjusted: AdjustedResult;
  fit: Ancova;
  units: FitUnit[];
  /** The residual spread per unit, for planning (statistics.md section 7). */
  residualSpread: number;
}

type Warn = (text: string, column?: string) => void;

/** A unit's baseline, or null when it has none (no pre-period rows, or for a ratio nothing to divide by). */
function baselineOf(metric: Metric, unit: UnitSums, index: number): number | null {
  const pre = unit.metrics[index]?.pre;
  if (pre === undefined || pre.rows === 0) return null;
  if (metric.type === 'mean') return pre.numerator;
  return pre.denominator === 0 ? null : pre.numerator / pre.denominator;
}

/** An arm's baseline level: the mean of its units' totals, or its ratio of sums (statistics.md section 11). */
function baselineArm(metric: Metric, units: readonly UnitSums[], index: number): ArmEstimate {
  const pre = units.map((unit) => unit.metrics[index]?.pre).filter((sums) => sums !== undefined);
  return metric.type === 'mean'
    ? meanArm(pre.map((sums) => sums.numerator))
    : ratioArm(pre.map((sums) => ({ numerator: sums.numerator, denominator: sums.denominator })));
}

/**
 * The adjusted result of a metric, or null (with a warning saying why) when
 * the data has no pre-period or too few units have one. Refusals of the fit
 * (a baseline that does not vary, a perfect fit) are warnings too: the
 * adjustment is optional, the unadjusted result stays the headline.
 */
export function adjustForBaseline(metric: Metric, index: number, pilot: Pilot, units: readonly UnitSums[], warn: Warn): Baseline | null {
  const withBaseline = units.filter((unit) => baselineOf(metric, unit, index) !== null);
  if (withBaseline.length === 0) return null;
  const inPilot = units.filter((unit) => (unit.metrics[index]?.pilot.rows ?? 0) > 0);
  const both = inPilot.filter((unit) => baselineOf(metric, unit, index) !== null && (metric.type === 'mean' || (unit.metrics[index]?.pilot.denominator ?? 0) > 0));
  const perArm = (list: readonly UnitSums[], arm: Arm) => list.filter((unit) => unit.arm === arm);
  if (perArm(both, 'pilot').length < 2 || perArm(both, 'control').length < 2) {
    warn(`${metric.label}: too few units have pre-period rows for a baseline adjustment; the unadjusted result is the headline`);
    return null;
  }
  const leftOut = inPilot.length - both.length;
  if (leftOut > 0) {
    warn(`${metric.label}: ${count(leftOut, 'unit')} without pre-period rows ${leftOut === 1 ? 'was' : 'were'} left out of the baseline adjustment`);
  }
  const fitUnits = both.map((unit): FitUnit => {
    const sums = unit.metrics[index]?.pilot;
    const baseline = baselineOf(metric, unit, index) as number;
    if (sums === undefined) throw new Error('a unit in the fit has no sums');
    return metric.type === 'mean'
      ? { name: unit.name, pilot: unit.arm === 'pilot', outcome: sums.numerator, weight: 1, baseline }
      : { name: unit.name, pilot: unit.arm === 'pilot', outcome: sums.numerator / sums.denominator, weight: sums.denominator, baseline };
  });
  let fit: Ancova;
  let balance: ReturnType<typeof baselineBalance> | null = null;
  try {
    // The fit first: when the baseline does not vary, its refusal says so in the words that fit.
    fit =
      metric.type === 'mean'
        ? ancova(fitUnits.map(({ pilot: inPilotArm, outcome, baseline }) => ({ outcome, baseline, pilot: inPilotArm })), pilot.confidence)
        : weightedAncova(fitUnits.map(({ pilot: inPilotArm, outcome, weight, baseline }) => ({ ratio: outcome, weight, baseline, pilot: inPilotArm })), pilot.confidence);
    const [pilotBaseline, controlBaseline] = [baselineArm(metric, perArm(withBaseline, 'pilot'), index), baselineArm(metric, perArm(withBaseline, 'control'), index)];
    balance = baselineBalance(pilotBaseline, controlBaseline, pilot.confidence);
  } catch (cause) {
    // The adjustment is optional (statistics.md section 5): when it cannot be made, say why and
    // keep the unadjusted result as the headline instead of failing the metric.
    if (!(cause instanceof StatsRefusal)) throw cause;
    warn(`${metric.label}: no baseline adjustment (${asClause(cause.message)}); the unadjusted result is the headline`);
    // Without a test or an adjustment, the pilot trap can still be seen in the plain gap.
    const pilotLevel = levelOf(metric, perArm(withBaseline, 'pilot'), index);
    const controlLevel = levelOf(metric, perArm(withBaseline, 'control'), index);
    if (pilotLevel !== null && controlLevel !== null && baselineGapTooLarge(pilotLevel, controlLevel)) {
      warn(
        `${metric.label}: before the pilot the pilot group was already ${pilotLevel > controlLevel ? 'ahead' : 'behind'} ` +
          `(${formatValue(pilotLevel, metric)} against ${formatValue(controlLevel, metric)} per unit, more than 10% apart), and with no adjustment part of the difference may have been there all along`,
      );
    }
    return null;
  }
  const spread = baselineSpread(fitUnits);
  const result: BalanceResult = {
    ...balance,
    units: { pilot: perArm(withBaseline, 'pilot').length, control: perArm(withBaseline, 'control').length },
    ...spread,
    extrapolating: !spread.overlap || (spread.standardizedDifference !== null && Math.abs(spread.standardizedDifference) > 1),
  };
  return {
    adjusted: {
      method: metric.type === 'mean' ? 'ancova' : 'weighted-ancova',
      units: fitUnits.length,
      absolute: { estimate: fit.estimate, low: fit.low, high: fit.high, p: fit.p, df: fit.df },
      relative: { estimate: fit.lift.estimate, low: fit.lift.low, high: fit.lift.high },
      balance: result,
    },
    fit,
    units: fitUnits,
    residualSpread: fit.residualSd,
  };
}

/** An arm's baseline level without a test (the check that stays when the adjustment cannot be made). */
function levelOf(metric: Metric, units: readonly UnitSums[], index: number): number | null {
  if (units.length === 0) return null;
  const pre = units.map((unit) => unit.metrics[index]?.pre).filter((sums) => sums !== undefined);
  if (metric.type === 'mean') return pre.reduce((total, sums) => total + sums.numerator, 0) / pre.length;
  const denominator = pre.reduce((total, sums) => total + sums.denominator, 0);
  return denominator === 0 ? null : pre.reduce((total, sums) => total + sums.numerator, 0) / denominator;
}

/**
 * Do the arms' baselines overlap, and how far apart are they in standard
 * deviations (statistics.md section 12)? Past either limit the adjustment
 * compares units unlike any in the other arm: it extrapolates.
 */
function baselineSpread(units: readonly FitUnit[]): { standardizedDifference: number | null; overlap: boolean } {
  const arm = (pilot: boolean) => units.filter((unit) => unit.pilot === pilot).map((unit) => unit.baseline);
  const [pilotValues, controlValues] = [arm(true), arm(false)];
  const overlap = largest(pilotValues) >= smallest(controlValues) && largest(controlValues) >= smallest(pilotValues);
  const mean = (values: readonly number[]) => values.reduce((total, value) => total + value, 0) / values.length;
  const variance = (values: readonly number[]) => {
    const centre = mean(values);
    return values.reduce((total, value) => total + (value - centre) ** 2, 0) / (values.length - 1);
  };
  const pooled = Math.sqrt((variance(pilotValues) + variance(controlValues)) / 2);
  const standardizedDifference = pooled > 0 ? (mean(pilotValues) - mean(controlValues)) / pooled : null;
  return { standardizedDifference: standardizedDifference !== null && Number.isFinite(standardizedDifference) ? standardizedDifference : null, overlap };
}

/** A statistics message ("Every unit ... against.") as the clause after "cannot be computed: ". */
export function asClause(message: string): string {
  const clause = message.trim().replace(/\.$/, '');
  return /^[A-Z][a-z]/.test(clause) ? `${clause[0]?.toLowerCase()}${clause.slice(1)}` : clause;
}
