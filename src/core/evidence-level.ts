/**
 * The evidence level (statistics.md section 13): how far the design of a
 * pilot can be trusted, from what the repository proves, shown beside every
 * verdict with the reasons that set it.
 *
 * - strong: the assignment file committed before `started`, the hypothesis
 *   and primary metric committed before `started`, a design that can reach
 *   alpha, balance not flagged, attrition not flagged;
 * - weak: balance flagged, an adjustment that would extrapolate, or a design
 *   that cannot reach alpha (too few units);
 * - moderate: the rest (randomization recorded or assumed, some of the
 *   strong conditions missing).
 *
 * Each condition gives one reason, in the order above, whether it holds or
 * not, so a reader sees what was checked. Pure: the git facts come in.
 */
import type { HypothesisHistory } from './evidence.ts';
import { daysBetween, formatP } from './present/format.ts';
import { primaryResult } from './present/headline.ts';
import type { EvidenceLevel, ResultsDocument } from './results.ts';

export type { EvidenceLevel };

/** What the repository says about a pilot's design. */
export interface DesignFacts {
  started: string;
  /** The assignment file and when it was first committed; null when the pilot names none. */
  assignment: { file: string; history: HypothesisHistory } | null;
  /** When the hypothesis and primary metric, as they are now, were first committed. */
  registration: HypothesisHistory;
}

/** "3 days before the start", "the day it started", "5 days after the start". */
function whenCommitted(history: HypothesisHistory, started: string): { before: boolean; words: string } {
  switch (history.status) {
    case 'committed': {
      const lead = daysBetween(history.date, started);
      if (lead > 0) return { before: true, words: `committed ${lead} day${lead === 1 ? '' : 's'} before the start` };
      if (lead === 0) return { before: false, words: 'committed the day the pilot started, not before' };
      return { before: false, words: `first committed ${-lead} day${lead === -1 ? '' : 's'} after the start` };
    }
    case 'uncommitted':
      return { before: false, words: 'not committed yet' };
    case 'unavailable':
      return { before: false, words: `not known to have been committed before the start (${history.reason})` };
  }
}

export function evidenceLevel(results: ResultsDocument, facts: DesignFacts): EvidenceLevel {
  const metric = primaryResult(results);
  const alpha = 1 - results.confidence;
  const reasons: string[] = [];

  const assignment = facts.assignment === null ? null : whenCommitted(facts.assignment.history, facts.started);
  reasons.push(
    facts.assignment === null || assignment === null
      ? 'no assignment file: a random split is assumed, not recorded'
      : `assignment recorded in data/${facts.assignment.file}, ${assignment.words}`,
  );
  const registration = whenCommitted(facts.registration, facts.started);
  reasons.push(`hypothesis and primary metric ${registration.words}`);

  const minimumP = metric.headline.randomization?.minimumP ?? null;
  const tooFew = metric.verdict === 'too-few';
  reasons.push(
    tooFew
      ? `too few units: the best any split of them could give is ${formatP(minimumP ?? 1)}, above ${Number(alpha.toFixed(4))}`
      : minimumP === null
        ? 'one row per unit: the comparison can reach any level'
        : `a split of these units can reach ${formatP(minimumP)}, below ${Number(alpha.toFixed(4))}`,
  );

  const balance = metric.adjusted?.balance ?? null;
  const extrapolating = metric.headline.reason !== null;
  const flagged = balance?.flagged === true;
  reasons.push(
    extrapolating
      ? 'the groups were too far apart before the pilot to adjust for it'
      : flagged
        ? `the pilot group was already ${(balance?.pilot ?? 0) >= (balance?.control ?? 0) ? 'ahead' : 'behind'} before the pilot`
        : balance !== null
          ? 'the groups were alike before the pilot'
          : 'no data from before the pilot to check that the groups were alike',
  );

  const { attrition } = results;
  const left = attrition.pilot + attrition.control;
  reasons.push(
    attrition.flagged
      ? 'units left the two groups at different rates during the pilot'
      : left === 0
        ? 'no unit left during the pilot'
        : `${left} unit${left === 1 ? '' : 's'} left during the pilot, at similar rates in both groups`,
  );

  const level: EvidenceLevel['level'] =
    flagged || extrapolating || tooFew
      ? 'weak'
      : assignment?.before === true && registration.before && !attrition.flagged
        ? 'strong'
        : 'moderate';
  return { level, reasons };
}
