/**
 * What differs between the kinds of metric (pilot-format.md, "What each
 * metric means"), in one table keyed by the schema's own `type` enum: adding
 * a kind means its entry here and its columns in src/core/pilot.ts, and the
 * compiler names every place that must decide (`satisfies` below, and the
 * exhaustive switches that end in `never`).
 *
 * Every kind folds a unit's rows into the same three sums (rows, numerator,
 * denominator: src/core/load/unit-sums.ts); the entries say what those sums
 * mean.
 */
import type { Metric } from './pilot.ts';
import type { Sums } from './load/unit-sums.ts';
import { meanArm, ratioArm, type ArmEstimate } from './stats/index.ts';

export type MetricType = Metric['type'];

export interface MetricKind {
  /** A unit's value is the sum of its rows (so an empty cell adds nothing to it, as a 0 would). */
  readonly summed: boolean;
  /** Values are fractions shown as percents, whatever the metric's `format`. */
  readonly percentScale: boolean;
  /** The large-sample method of sections 1 and 2 (independent rows of a proportion excepted). */
  readonly method: 'welch' | 'delta';
  /** Whether a full rollout's total can be projected (statistics.md section 8: per-unit totals). */
  readonly rollout: boolean;
  /** Whether a baseline (pre-period) check and adjustment apply: sections 5 and 11. */
  readonly adjustable: boolean;
  /** One arm, reduced to (m, v, n) by section 1, from its units' pilot-period sums. */
  arm(units: readonly Sums[]): ArmEstimate;
  /** A unit's own value of the metric (its dot), or null when it has none (nothing to divide by). */
  unitValue(sums: Sums): number | null;
  /** An arm's value over one week, from its units' sums that week; null when it has none. */
  weekValue(sums: Sums, units: number): number | null;
  /** What one unit's dot means, after "each unit's". */
  readonly unitMeaning: string;
}

const ratioOfSums = (sums: Sums): number | null => (sums.denominator === 0 ? null : sums.numerator / sums.denominator);
const ratioArmOf = (units: readonly Sums[]): ArmEstimate =>
  ratioArm(units.map((sums) => ({ numerator: sums.numerator, denominator: sums.denominator })));

export const METRIC_KINDS = {
  mean: {
    summed: true,
    percentScale: false,
    method: 'welch',
    rollout: true,
    adjustable: true,
    arm: (units) => meanArm(units.map((sums) => sums.numerator)),
    unitValue: (sums) => sums.numerator,
    weekValue: (sums, units) => sums.numerator / units,
    unitMeaning: 'total over the pilot',
  },
  ratio: {
    summed: false,
    percentScale: false,
    method: 'delta',
    rollout: false,
    adjustable: true,
    arm: ratioArmOf,
    unitValue: ratioOfSums,
    weekValue: (sums) => ratioOfSums(sums),
    unitMeaning: 'own ratio over the pilot',
  },
  proportion: {
    summed: false,
    percentScale: true,
    method: 'delta',
    rollout: false,
    adjustable: true,
    arm: ratioArmOf,
    unitValue: ratioOfSums,
    weekValue: (sums) => ratioOfSums(sums),
    unitMeaning: 'own share of yes',
  },
  // A funnel's own value is its last stage's overall rate: rows reaching the final stage per row (lead) handed off.
  // Its stages are analysed as proportions and ratios of their own (src/core/funnel-analysis.ts).
  funnel: {
    summed: false,
    percentScale: true,
    method: 'delta',
    rollout: false,
    adjustable: true,
    arm: ratioArmOf,
    unitValue: ratioOfSums,
    weekValue: (sums) => ratioOfSums(sums),
    unitMeaning: 'own share of leads reaching the last stage',
  },
  // A unit's leads' days to the first contact, each capped at the horizon (`within`), or its leads reached
  // within it (`measure: share`), over its leads (statistics.md, "Time to first contact"): a ratio of sums,
  // so it is analysed as a ratio is; a share is shown in percent (its format is percent, pilot.ts).
  duration: {
    summed: false,
    percentScale: false,
    method: 'delta',
    rollout: false,
    adjustable: true,
    arm: ratioArmOf,
    unitValue: ratioOfSums,
    weekValue: (sums) => ratioOfSums(sums),
    // Days or a share (`measure`): words that fit both.
    unitMeaning: 'own figure over its leads, each counted to the horizon',
  },
} as const satisfies Record<MetricType, MetricKind>;

export function kindOf(metric: { type: MetricType }): MetricKind {
  return METRIC_KINDS[metric.type];
}
