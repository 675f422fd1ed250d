/**
 * A funnel metric's stages (pilot-format.md, "Funnel metrics"; statistics.md,
 * "Funnels"). Each stage has two rates, and each is a per-unit ratio of sums
 * analysed exactly as any proportion or ratio metric is (metric-analysis.ts:
 * the same headline method, interval, p and verdict):
 *
 * - overall: leads reaching the stage / leads handed off, a proportion;
 * - stage to stage: leads reaching the stage / leads reaching the one before,
 *   a ratio of two counts (for the first stage, the overall rate itself).
 *
 * The loader counted every stage per unit (load/sum-slots.ts); this module
 * builds each rate's sums from those counts and asks analyzeMetric. The last
 * stage's overall rate is the funnel's own result, so a page never shows two
 * different intervals for one number.
 *
 * Each rate is labelled in the leads' words ("Leads followed up", "Leads won,
 * of those converted"): every row of a funnel is a lead handed off.
 */
import { asClause } from './baseline.ts';
import type { Arm } from './evidence.ts';
import { sumSlots } from './load/sum-slots.ts';
import type { Sums, UnitMetricSums, UnitSums } from './load/unit-sums.ts';
import { analyzeMetric, type MetricInput } from './metric-analysis.ts';
import { funnelStages, type Metric } from './pilot.ts';
import type { FunnelArmStage, FunnelStageResult, MetricResult } from './results.ts';
import { StatsRefusal } from './stats/index.ts';

export interface FunnelInput extends Omit<MetricInput, 'primary'> {
  /** The funnel's own analysis: its last stage's overall rate. */
  result: MetricResult;
}

export function analyzeFunnelStages(input: FunnelInput): FunnelStageResult[] {
  const { metric, index, pilot } = input;
  const slots = sumSlots(pilot.metrics).stages[index] as number[];
  const stages = funnelStages(metric);
  // Units as the funnel's own analysis counts them: with rows (leads) in the pilot period.
  const counted = input.units.filter((unit) => (unit.metrics[index]?.pilot.rows ?? 0) > 0);
  return stages.map((stage, s) => {
    const slot = slots[s] as number;
    const previous = s === 0 ? null : { ...(stages[s - 1] as { column: string; label: string }), slot: slots[s - 1] as number };
    const refusals: string[] = [];
    const last = s === stages.length - 1;
    const overall = last
      ? withoutStages(input.result)
      : rateOf(input, refusals, {
          metric: { ...rateMetric(metric), id: `${metric.id}/${stage.column}/overall`, label: `Leads ${stage.label}`, type: 'proportion', column: stage.column },
          sums: (unit) => unit.metrics[slot] as UnitMetricSums,
        });
    const stageToStage =
      previous === null
        ? overall
        : rateOf(input, refusals, {
            metric: {
              ...rateMetric(metric),
              id: `${metric.id}/${stage.column}/from-${previous.column}`,
              label: `Leads ${stage.label}, of those ${previous.label}`,
              type: 'ratio',
              numerator: stage.column,
              denominator: previous.column,
            },
            sums: (unit) => stageOverPrevious(unit.metrics[slot] as UnitMetricSums, unit.metrics[previous.slot] as UnitMetricSums),
          });
    const armStage = (arm: Arm): FunnelArmStage => {
      const units = counted.filter((unit) => unit.arm === arm);
      const total = (at: number) => units.reduce((sum, unit) => sum + (unit.metrics[at]?.pilot.numerator ?? 0), 0);
      const leads = units.reduce((sum, unit) => sum + (unit.metrics[index]?.pilot.rows ?? 0), 0);
      const count = total(slot);
      const before = previous === null ? leads : total(previous.slot);
      return { count, stageRate: before === 0 ? null : count / before, overallRate: leads === 0 ? null : count / leads };
    };
    return {
      column: stage.column,
      label: stage.label,
      perArm: { pilot: armStage('pilot'), control: armStage('control') },
      stageToStage,
      overall,
      refused: refusals.length === 0 ? null : refusals.join('; '),
    };
  });
}

/** A stage's rate as a metric of its own: the funnel's settings, no columns of its own, never primary nor a guardrail. */
function rateMetric(funnel: Metric): Metric {
  const { stages: _stages, role: _role, margin: _margin, primary: _primary, ...settings } = funnel;
  return { ...settings, format: 'percent' };
}

/** Leads reaching a stage over those reaching the stage before, per period: the counts the loader kept, one over the other. */
function stageOverPrevious(stage: UnitMetricSums, previous: UnitMetricSums): UnitMetricSums {
  const over = (reached: Sums, before: Sums): Sums => ({ rows: reached.rows, numerator: reached.numerator, denominator: before.numerator });
  return { pilot: over(stage.pilot, previous.pilot), pre: over(stage.pre, previous.pre) };
}

/**
 * One rate through analyzeMetric, on units whose only sums are the rate's.
 * A rate that cannot be computed (no control lead reached the stage before,
 * so there is nothing to divide by) is null, and its refusal is said: one
 * stage must not take the whole funnel, or the pilot, down with it.
 */
function rateOf(input: FunnelInput, refusals: string[], rate: { metric: Metric; sums: (unit: UnitSums) => UnitMetricSums }): MetricResult | null {
  const units = input.units.map((unit) => ({ ...unit, metrics: [rate.sums(unit)] }));
  try {
    return analyzeMetric({ ...input, metric: rate.metric, index: 0, primary: false, units }).result;
  } catch (cause) {
    if (!(cause instanceof StatsRefusal)) throw cause;
    refusals.push(`${rate.metric.label} cannot be computed: ${asClause(cause.message)}`);
    return null;
  }
}

/** The funnel's own result, as its last stage's overall rate (without its stages, which would hold it again). */
function withoutStages(result: MetricResult): MetricResult {
  const { stages: _stages, ...rate } = result;
  return rate;
}
