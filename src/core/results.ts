/**
 * The results document of docs/outputs.md: what `analyze --json`
 * prints and what the site writes to /pilots/<slug>/results.json.
 *
 * Field names are fixed by the contract; fields may be added, never renamed.
 * All numbers are fractions (a 12% lift is 0.12); a bound that does not exist
 * is null, never NaN or Infinity.
 */
import type { DecisionOutcome, Metric, Pilot } from './pilot.ts';

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
}

/** The primary metric's result: the one marked primary, or else the first. */
export function primaryResult(results: ResultsDocument): MetricResult {
  const found = results.metrics.find((metric) => metric.primary) ?? results.metrics[0];
  if (!found) throw new Error(`Pilot "${results.slug}" has no metrics`);
  return found;
}
