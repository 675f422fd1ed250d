/**
 * A qualification file's leads ──► its results document (docs/outputs.md,
 * "The qualification results document"): win rate by number of criteria met
 * with Wilson intervals, each criterion's difference in win rate with
 * Newcombe's interval, and the tipping point with a permutation p that
 * accounts for the threshold having been picked after looking
 * (docs/statistics.md, "Qualification evidence").
 *
 * Leads are observed, not assigned: every number here is an association. A
 * criterion that goes with winning may do so because of what else such leads
 * have; the page says so.
 */
import type { LeadCounts } from './load/load-leads.ts';
import type { Problem } from './problems.ts';
import type { Qualification } from './qualification.ts';
import type { QualificationFile } from './qualification-file.ts';
import type { Count } from './stats/counts.ts';
import { newcombeDifference, newcombeP } from './stats/newcombe.ts';
import { fnv1a32 } from './stats/random.ts';
import { tippingPointTest } from './stats/tipping-point.ts';
import { wilsonInterval } from './stats/wilson.ts';

export interface Interval {
  low: number;
  high: number;
}

export interface WinRate {
  leads: number;
  wins: number;
  /** wins / leads; null when there are no leads. */
  rate: number | null;
  /** Wilson's interval; null when there are no leads. */
  interval: Interval | null;
}

export interface DifferenceResult {
  /** Win rate of the first side minus the second's. */
  estimate: number;
  /** Newcombe's hybrid score interval. */
  low: number;
  high: number;
  /** The p coherent with that interval (newcombeP). */
  p: number;
}

export interface CriterionResult {
  column: string;
  label: string;
  met: WinRate;
  notMet: WinRate;
  /** Met minus not met; null when every lead, or none, meets it. */
  difference: DifferenceResult | null;
}

export interface TippingPointResult {
  /** t: leads meeting at least this many criteria against the rest. */
  threshold: number;
  atLeast: WinRate;
  below: WinRate;
  /** At least t minus below t, with Newcombe's interval as if t had been fixed in advance. */
  difference: DifferenceResult;
  /** The max-statistic permutation p over every threshold (it accounts for picking t). */
  p: number;
  /** Random reassignments of the wins behind p; its Monte Carlo error is about sqrt(p (1 - p) / draws). */
  draws: number;
  /** p at or below 1 - confidence: a tipping point the data support. */
  clear: boolean;
}

export interface QualificationResults {
  kind: 'qualification';
  slug: string;
  title: string;
  question: string;
  data: string;
  confidence: number;
  /** Leads read, used, and left out by reason. */
  leads: { read: number; used: number; leftOut: { blank: number; outsidePeriod: number } };
  /** Every lead used: its win rate with Wilson's interval. */
  overall: WinRate;
  /** The first and last lead date used; null without a date column. */
  period: { first: string; last: string } | null;
  /** byCriteriaMet[k]: leads meeting exactly k of the criteria, k = 0..K. */
  byCriteriaMet: (WinRate & { met: number })[];
  criteria: CriterionResult[];
  /** Null when no threshold has leads on both sides. */
  tippingPoint: TippingPointResult | null;
  warnings: string[];
}

export interface QualificationEvidence {
  slug: string;
  file: string;
  qualification: Qualification;
  story: string;
  results: QualificationResults;
}

export function winRate(count: Count, confidence: number): WinRate {
  if (count.trials === 0) return { leads: 0, wins: 0, rate: null, interval: null };
  return { leads: count.trials, wins: count.successes, rate: count.successes / count.trials, interval: wilsonInterval(count.successes, count.trials, confidence) };
}

function difference(first: Count, second: Count, confidence: number): DifferenceResult | null {
  if (first.trials === 0 || second.trials === 0) return null;
  return { ...newcombeDifference(first, second, confidence), p: newcombeP(first, second) };
}

/** The seed of a file's permutation draws: its slug, so a rebuild gives the same p. */
export function tippingSeed(slug: string): number {
  return fnv1a32(`${slug}/tipping-point`);
}

export function analyzeQualification({ slug, qualification }: QualificationFile, leads: LeadCounts, problems: readonly Problem[]): QualificationResults {
  const { confidence } = qualification;
  const total = leads.byCriteriaMet.reduce<Count>((sum, group) => ({ successes: sum.successes + group.successes, trials: sum.trials + group.trials }), { successes: 0, trials: 0 });
  const test = tippingPointTest(leads.byCriteriaMet, { seed: tippingSeed(slug) });
  const split = test.largest;
  const tippingPoint: TippingPointResult | null =
    split === null
      ? null
      : {
          threshold: split.threshold,
          atLeast: winRate(split.atLeast, confidence),
          below: winRate(split.below, confidence),
          difference: difference(split.atLeast, split.below, confidence) as DifferenceResult,
          p: test.p,
          draws: test.draws,
          clear: split.difference > 0 && test.p <= 1 - confidence,
        };
  return {
    kind: 'qualification',
    slug,
    title: qualification.title,
    question: qualification.question,
    data: leads.file,
    confidence,
    leads: { read: leads.rowsRead, used: total.trials, leftOut: { ...leads.leftOut } },
    overall: winRate(total, confidence),
    period: leads.dates,
    byCriteriaMet: leads.byCriteriaMet.map((group, met) => ({ met, ...winRate(group, confidence) })),
    criteria: leads.criteria.map(({ column, met, notMet }) => ({
      column,
      label: criterionLabel(qualification, column),
      met: winRate(met, confidence),
      notMet: winRate(notMet, confidence),
      difference: difference(met, notMet, confidence),
    })),
    tippingPoint,
    warnings: problems.filter((problem) => problem.severity === 'warning' && problem.published === true).map((problem) => problem.message),
  };
}

/** A criterion's name on the page: its label, or else its column. */
function criterionLabel(qualification: Qualification, column: string): string {
  return qualification.labels?.[column] ?? column;
}
