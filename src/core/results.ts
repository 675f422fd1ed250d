/**
 * The results document of docs/outputs.md: what `analyze --json`
 * prints and what the site writes to /pilots/<slug>/results.json.
 *
 * Field names are fixed by the contract; fields may be added, never renamed.
 * All numbers are fractions (a 12% lift is 0.12); a bound that does not exist
 * is null, never NaN or Infinity.
 */
import type { Metric, Pilot } from './pilot.ts';

export type Verdict = 'win' | 'loss' | 'inconclusive';
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
  /** Baseline (pre-period) metric per arm. */
  pilot: number;
  control: number;
  /** pilot / control - 1 of the baselines; null when control <= 0. */
  relative: number | null;
  /** Welch p-value of the baseline difference. */
  p: number;
  /** True when the pilot arm was already ahead or behind (p < 0.05 or |relative| > 10%). */
  flagged: boolean;
}

export interface AdjustedResult {
  method: 'ancova';
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
  low: number;
  high: number;
}

export interface MetricResult {
  id: string;
  label: string;
  type: Metric['type'];
  primary: boolean;
  better: Metric['better'];
  format: Metric['format'];
  currency: string;
  method: Method;
  pilot: ArmResult;
  control: ArmResult;
  absolute: AbsoluteResult;
  relative: RelativeResult;
  adjusted: AdjustedResult | null;
  verdict: Verdict;
  /** The headline in plain words, e.g. "Pilot reps sold 15% more (95% interval: +3% to +30%)." */
  sentence: string;
  /** What the interval can and cannot rule out, in plain words. */
  range: string;
  mde: { absolute: number; relative: number | null };
  /**
   * Per-unit standard deviation of each arm, sigma_a = sqrt(n_a * v_a)
   * (statistics.md section 7): what `fieldproof plan` sizes a new pilot from.
   */
  spread: { pilot: number; control: number };
  rollout: RolloutResult | null;
}

export interface ResultsDocument {
  slug: string;
  title: string;
  status: PilotStatus;
  confidence: number;
  units: { pilot: number; control: number };
  warnings: string[];
  metrics: MetricResult[];
}
