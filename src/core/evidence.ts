/**
 * Everything the site needs about one pilot beyond the results document:
 * the per-unit values behind the dot plots and the weekly trend. Computed
 * once by the analysis, so no page ever re-reads a CSV.
 */
import type { Pilot } from './pilot.ts';
import type { ResultsDocument } from './results.ts';
import type { NullDistribution } from './stats/index.ts';

export type Arm = 'pilot' | 'control';

export interface UnitPoint {
  arm: Arm;
  /**
   * The unit's real name only when the pilot sets `showUnits: true`;
   * otherwise an anonymous label such as "Pilot unit 3". Real names never
   * leave the analysis unless allowed.
   */
  label: string;
  /** The unit's value of the metric over the pilot period. */
  value: number;
}

export interface TrendPoint {
  arm: Arm;
  /** Monday of the ISO week, YYYY-MM-DD. */
  week: string;
  /** The arm's metric over that week (mean of unit sums, or sum/sum for ratios and proportions). */
  value: number;
  /** Units with data in that week. */
  units: number;
  period: 'pre' | 'pilot';
}

export interface MetricEvidence {
  id: string;
  units: UnitPoint[];
  /** Empty when the pilot has no `date` column. */
  trend: TrendPoint[];
  /** The headline's randomization statistic over every split of the units, for its chart; null for a Newcombe headline. */
  randomization: NullDistribution | null;
}

export interface PilotEvidence {
  slug: string;
  /** The validated frontmatter. */
  pilot: Pilot;
  /** The markdown story below the frontmatter. */
  story: string;
  /** Repository-relative path of the pilot file, e.g. "pilots/nurture-q2.md". */
  file: string;
  results: ResultsDocument;
  metrics: MetricEvidence[];
  /** Rows read from the data file, and rows left out per reason (for "data notes"). */
  rows: { read: number; used: number };
}

/**
 * When the hypothesis was first committed in its present form: read from git
 * by the site (src/site/history.ts), shown by the report.
 */
export type HypothesisHistory =
  | { status: 'committed'; date: string; commit: string }
  | { status: 'uncommitted' }
  | { status: 'unavailable'; reason: string };
