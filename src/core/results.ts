/**
 * The results document of docs/outputs.md: what `analyze --json`
 * prints and what the site writes to /pilots/<slug>/results.json.
 *
 * Field names are fixed by the contract; fields may be added, never renamed.
 * All numbers are fractions (a 12% lift is 0.12); a bound that does not exist
 * is null, never NaN or Infinity.
 */
import type { Metric, Pilot } from './pilot.ts';
import type { DecisionOutcome } from './pilot-terms.ts';

/** statistics.md section 6: from the headline interval; `too-few` when no split of these units could show an effect. */
export type Verdict = 'win' | 'loss' | 'inconclusive' | 'too-few';
export type Method = 'welch' | 'delta' | 'newcombe';
export type PilotStatus = Pilot['status'];

export interface ArmResult {
  /** Units that contributed to this metric in this arm. */
  units: number;
  /** Rows (pilot period, non-missing) that contributed. */
  rows: number;
  /** The arm's metric, m_a in statistics.md. */
  value: number;
}

export interface AbsoluteResult {
  estimate: number;
  low: number;
  high: number;
  p: number;
  /** Degrees of freedom; null for normal-approximation methods (newcombe). */
  df: number | null;
}

export interface RelativeResult {
  /** Null when the control level is zero or negative (undefined lift). */
  estimate: number | null;
  /** Null when the interval is unbounded or does not exist. */
  low: number | null;
  high: number | null;
}

export interface BalanceResult {
  /** Baseline (pre-period) metric per arm, over every unit with a baseline (those that left during the pilot included). */
  pilot: number;
  control: number;
  /** pilot / control - 1 of the baselines; null when control <= 0. */
  relative: number | null;
  /** Welch p-value of the baseline difference (delta method for ratios). */
  p: number;
  /** True when the pilot arm was already ahead or behind (p < 0.05 or |relative| > 10%). */
  flagged: boolean;
  /** Units with a baseline, per arm. */
  units: { pilot: number; control: number };
  /**
   * The arms' baselines over the units in the adjustment: their standardized
   * difference (pilot minus control, over the root mean of the two variances),
   * and whether they overlap at all. Null when either arm does not vary.
   */
  standardizedDifference: number | null;
  overlap: boolean;
  /** statistics.md section 12: no overlap, or a standardized difference above 1; the adjusted result is then not the headline. */
  extrapolating: boolean;
}

export interface AdjustedResult {
  /** ANCOVA for means (section 5); weighted least squares with HC2 errors for ratios and clustered proportions (section 11). */
  method: 'ancova' | 'weighted-ancova';
  /** Units with both a pre-period and a pilot-period value. */
  units: number;
  absolute: AbsoluteResult;
  relative: RelativeResult;
  balance: BalanceResult;
}

export interface RolloutResult {
  units: number;
  label: string;
  estimate: number;
  /** Null where the headline interval has no bound on that side. */
  low: number | null;
  high: number | null;
}

/** How the headline's randomization test was made (statistics.md section 10). */
export interface RandomizationResult {
  design: 'complete' | 'blocked' | 'pairs';
  /** True when no assignment file records the design: complete randomization is assumed. */
  assumed: boolean;
  /** |Omega|: the ways the analysed units could have been split. */
  assignments: number;
  /** Enumerated; false when drawn. */
  exact: boolean;
  /** Assignments drawn; null when enumerated. */
  draws: number | null;
  /** The smallest p any split of these units could give. */
  minimumP: number;
  /** When no effect could be shown (`too-few`): the units per arm at which one could; null otherwise. */
  unitsNeeded: number | null;
}

/** statistics.md section 6 and outputs.md `headline`: the one analysis every page, card and sentence shows. */
export interface HeadlineResult {
  basis: 'adjusted' | 'unadjusted';
  method: 'randomization' | 'newcombe';
  /**
   * Bounds null where the interval has no limit on that side. Bounds and p
   * all null when no test can stand as the headline (`reason`: the
   * adjustment would extrapolate, statistics.md section 12).
   */
  absolute: { estimate: number; low: number | null; high: number | null; p: number | null };
  /** Null estimate when either arm's value is not positive; null bounds when unbounded or not coherent with the absolute interval. */
  relative: RelativeResult;
  randomization: RandomizationResult | null;
  /** Why the verdict is what it is when it is not read off the interval; null otherwise. */
  reason: string | null;
}

/** A guardrail's verdict (src/core/guardrail.ts): no harm beyond the margin, possible harm, or no interval to tell. */
export type GuardrailVerdict = 'no-harm' | 'possible-harm' | 'unknown';

export interface GuardrailResult {
  /** The harm tolerated, as a fraction: `relative` of the control's level, `absolute` in the metric's unit (a rate's points as fractions). */
  margin: { scale: 'relative' | 'absolute'; value: number };
  /** The headline interval's bound on the worse side, on the margin's scale; null where it has none (or verdict `unknown`). */
  bound: number | null;
  verdict: GuardrailVerdict;
}

export interface MetricResult {
  id: string;
  label: string;
  type: Metric['type'];
  primary: boolean;
  /** `primary` (the one that decides the pilot's verdict), `guardrail` (must not be harmed beyond its margin), or `secondary`. */
  role: 'primary' | 'secondary' | 'guardrail';
  better: Metric['better'];
  format: Metric['format'];
  currency: string;
  method: Method;
  pilot: ArmResult;
  control: ArmResult;
  absolute: AbsoluteResult;
  relative: RelativeResult;
  adjusted: AdjustedResult | null;
  headline: HeadlineResult;
  verdict: Verdict;
  /** For a guardrail metric, its verdict against the margin; null for any other. */
  guardrail: GuardrailResult | null;
  /** The headline in plain words, e.g. "Pilot reps sold 15% more (95% interval: +3% to +30%)." */
  sentence: string;
  /** What the interval can and cannot rule out, in plain words. */
  range: string;
  /**
   * statistics.md section 7, by the exact power of the headline's comparison,
   * whose standard error and degrees of freedom (null: infinite, for
   * independent rows) are kept so a plan can ask again at another power;
   * null when no effect could be shown (`too-few`).
   */
  mde: { absolute: number; relative: number | null; se: number; df: number | null } | null;
  /**
   * Per-unit standard deviation of each arm, sigma_a = sqrt(n_a * v_a), and
   * under a baseline adjustment the residual spread per unit (statistics.md
   * section 7): what `fieldproof plan` sizes a new pilot from.
   */
  spread: { pilot: number; control: number; adjusted: number | null };
  rollout: RolloutResult | null;
  /** A duration metric's horizon in days (statistics.md, "Time to first contact"): a lead not reached within it counts as this many; absent for other kinds. */
  within?: number;
  /**
   * A funnel metric's stages in order (src/core/funnel-analysis.ts); absent
   * for other kinds. The funnel's own figures above are its last stage's
   * overall rate, and its arms' `rows` are the leads handed off.
   */
  stages?: FunnelStageResult[];
}

/** One arm at one stage of a funnel: ratios of its units' summed counts. */
export interface FunnelArmStage {
  /** Leads (rows) that reached the stage, in the pilot period. */
  count: number;
  /** count over the previous stage's count (over the leads handed off for the first stage); null when that is 0. */
  stageRate: number | null;
  /** count over the leads handed off; null when there are none. */
  overallRate: number | null;
}

/** One stage of a funnel: its counts, and each of its two rates compared by the headline method, like any metric. */
export interface FunnelStageResult {
  column: string;
  label: string;
  perArm: { pilot: FunnelArmStage; control: FunnelArmStage };
  /** The stage's rate from the previous stage (for the first stage, from the leads handed off: its overall rate); null with `refused` when it cannot be computed. */
  stageToStage: MetricResult | null;
  /** The stage's rate over the leads handed off; null with `refused` when it cannot be computed. */
  overall: MetricResult | null;
  /** Why a rate is null, in plain words; null when both were computed. */
  refused: string | null;
}

/**
 * statistics.md section 14: the primary metric's headline within one value
 * of a segment column, over the units with rows of that value (each unit's
 * sums over those rows only), tested at the level Holm's procedure gives it.
 */
export interface SegmentValueResult {
  value: string;
  /** Units with rows of the primary metric in this segment, per arm. */
  units: { pilot: number; control: number };
  rows: number;
  /**
   * The headline at confidence `confidence`; null when the segment cannot
   * be analysed at all (`reason` says why; the verdict is `too-few` for
   * fewer than 2 units in a group, else `inconclusive`).
   */
  headline: HeadlineResult | null;
  /** Win, loss or inconclusive by the adjusted test; `too-few` when no split of these units could show an effect at its level. */
  verdict: Verdict;
  /**
   * The headline's p, unadjusted; null when the segment is not one of the
   * comparisons (not analysed, or too few units for any split to reach
   * 1 - the pilot's confidence: flagged, verdict `too-few`).
   */
  p: number | null;
  /** Holm-adjusted over the column's comparisons; the verdict is a win or loss exactly when it is at most 1 - the pilot's confidence. */
  adjustedP: number | null;
  /** The confidence of this segment's interval: 1 - the alpha Holm's procedure tested it at (at least the pilot's); null when not a comparison. */
  confidence: number | null;
  reason: string | null;
}

/** Whether the effect differs between a column's segments: a randomization test (statistics.md section 14). */
export interface InteractionResult {
  /** The units-weighted variance of the segments' effects. */
  statistic: number;
  /** The common effect the null assumes: the units-weighted mean of the segments' effects. */
  commonEffect: number;
  p: number;
  /** The segments whose effects are compared: every one analysed, too few units to read alone included. */
  segments: number;
  /** How the assignments were permuted: as the headline's (section 10). */
  design: RandomizationResult['design'];
  assignments: number;
  /** Assignments (enumerated) or draws that left every segment units in both arms: the test is conditional on these. */
  valid: number;
  exact: boolean;
  draws: number | null;
}

/** One `segments` column (pilot-format.md, "Segments"). */
export interface SegmentColumnResult {
  column: string;
  /** The metric split: the primary one. */
  metric: string;
  /** Segments compared: those analysed whose units could reach 1 - the pilot's confidence; Holm's adjustment is for these. */
  comparisons: number;
  /** In code-point order of their values. */
  values: SegmentValueResult[];
  /** Null when fewer than 2 segments could be analysed (`interactionReason` says so). */
  interaction: InteractionResult | null;
  interactionReason: string | null;
}

/** statistics.md section 12: units with rows before the pilot and none during it. */
export interface AttritionResult {
  pilot: number;
  control: number;
  /** Fisher's exact p of the two arms' shares that left; null when no unit has a baseline. */
  p: number | null;
  /** Different attrition: p < 0.05, or shares more than 10 points apart. */
  flagged: boolean;
}

/** How far a pilot's design can be trusted (statistics.md section 13), set by src/core/evidence-level.ts. */
export interface EvidenceLevel {
  level: 'strong' | 'moderate' | 'weak';
  /** Every reason that set the level, good and bad. */
  reasons: string[];
}

/** What was decided after the pilot, as its file says (pilot-format.md: `decision`). */
export interface DecisionResult {
  outcome: DecisionOutcome;
  /** ISO date */
  date: string;
  by: string;
  note: string | null;
}

export interface ResultsDocument {
  slug: string;
  title: string;
  status: PilotStatus;
  /** Null until the pilot file records one. */
  decision: DecisionResult | null;
  confidence: number;
  units: { pilot: number; control: number };
  warnings: string[];
  attrition: AttritionResult;
  /**
   * statistics.md section 13: how far the design can be trusted, from what
   * the repository proves. Read from git on every run (never kept with the
   * analysis, since a commit changes it); absent only where git was not asked
   * (`fieldproof check`).
   */
  evidence?: EvidenceLevel;
  metrics: MetricResult[];
  /** The primary metric per segment, one entry per `segments` column; absent when the pilot declares none. */
  segments?: SegmentColumnResult[];
}

/** The primary metric's result: the one marked primary, or else the first. */
export function primaryResult(results: ResultsDocument): MetricResult {
  const found = results.metrics.find((metric) => metric.primary) ?? results.metrics[0];
  if (!found) throw new Error(`Pilot "${results.slug}" has no metrics`);
  return found;
}
