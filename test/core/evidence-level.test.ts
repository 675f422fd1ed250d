/**
 * The evidence level of statistics.md section 13, for every combination of
 * the facts that set it, and the words of each reason.
 */
import { describe, expect, it } from 'vitest';
import type { HypothesisHistory } from '../../src/core/evidence.ts';
import { evidenceLevel, type DesignFacts } from '../../src/core/evidence-level.ts';
import type { MetricResult, ResultsDocument } from '../../src/core/results.ts';

const STARTED = '2026-03-02';
const before: HypothesisHistory = { status: 'committed', date: '2026-02-20', commit: 'a' };
const after: HypothesisHistory = { status: 'committed', date: '2026-03-05', commit: 'b' };
const sameDay: HypothesisHistory = { status: 'committed', date: STARTED, commit: 'c' };
const uncommitted: HypothesisHistory = { status: 'uncommitted' };
const unavailable: HypothesisHistory = { status: 'unavailable', reason: 'shallow clone' };

type Balance = 'alike' | 'flagged' | 'none' | 'extrapolating';
type Attrition = 'none' | 'similar' | 'flagged';

function results(options: { tooFew: boolean; balance: Balance; attrition: Attrition }): ResultsDocument {
  const balance = {
    pilot: options.balance === 'alike' ? 101 : 130,
    control: 100,
    relative: 0.01,
    p: 0.5,
    flagged: options.balance === 'flagged' || options.balance === 'extrapolating',
    units: { pilot: 6, control: 6 },
    standardizedDifference: options.balance === 'extrapolating' ? 1.4 : 0.1,
    overlap: true,
    extrapolating: options.balance === 'extrapolating',
  };
  const metric = {
    id: 'revenue',
    primary: true,
    verdict: options.tooFew ? 'too-few' : options.balance === 'extrapolating' ? 'inconclusive' : 'win',
    adjusted: options.balance === 'none' ? null : { balance },
    headline: {
      randomization: { minimumP: options.tooFew ? 0.1 : 0.0022 },
      reason: options.balance === 'extrapolating' ? 'too far apart' : null,
    },
  } as unknown as MetricResult;
  return {
    slug: 's',
    title: 't',
    status: 'concluded',
    decision: null,
    confidence: 0.95,
    units: { pilot: 6, control: 6 },
    warnings: [],
    attrition: { pilot: options.attrition === 'none' ? 0 : 1, control: options.attrition === 'flagged' ? 4 : options.attrition === 'none' ? 0 : 1, p: 0.5, flagged: options.attrition === 'flagged' },
    metrics: [metric],
  };
}

describe('evidenceLevel, every combination', () => {
  const assignments: [string, DesignFacts['assignment']][] = [
    ['none', null],
    ['before', { file: 'split.csv', history: before }],
    ['same day', { file: 'split.csv', history: sameDay }],
    ['after', { file: 'split.csv', history: after }],
    ['uncommitted', { file: 'split.csv', history: uncommitted }],
    ['unavailable', { file: 'split.csv', history: unavailable }],
  ];
  const registrations: [string, HypothesisHistory][] = [
    ['before', before],
    ['after', after],
    ['uncommitted', uncommitted],
    ['unavailable', unavailable],
  ];
  const cases = assignments.flatMap(([assignmentName, assignment]) =>
    registrations.flatMap(([registrationName, registration]) =>
      [false, true].flatMap((tooFew) =>
        (['alike', 'flagged', 'none', 'extrapolating'] as const).flatMap((balance) =>
          (['none', 'similar', 'flagged'] as const).map((attrition) => ({ assignmentName, assignment, registrationName, registration, tooFew, balance, attrition })),
        ),
      ),
    ),
  );

  it('covers them all', () => {
    expect(cases).toHaveLength(6 * 4 * 2 * 4 * 3);
  });

  it.each(cases)('assignment $assignmentName, registration $registrationName, too few $tooFew, balance $balance, attrition $attrition', (item) => {
    const { level, reasons } = evidenceLevel(results(item), { started: STARTED, assignment: item.assignment, registration: item.registration });
    // The rule as section 13 states it.
    const weak = item.balance === 'flagged' || item.balance === 'extrapolating' || item.tooFew;
    const strong = item.assignmentName === 'before' && item.registrationName === 'before' && item.attrition !== 'flagged';
    expect(level).toBe(weak ? 'weak' : strong ? 'strong' : 'moderate');
    // One reason per condition, whether it holds or not.
    expect(reasons).toHaveLength(5);
  });
});

describe('the reasons, in words', () => {
  it('a well-run pilot', () => {
    expect(evidenceLevel(results({ tooFew: false, balance: 'alike', attrition: 'none' }), { started: STARTED, assignment: { file: 'split.csv', history: before }, registration: before })).toEqual({
      level: 'strong',
      reasons: [
        'assignment recorded in data/split.csv, committed 10 days before the start',
        'hypothesis and primary metric committed 10 days before the start',
        'a split of these units can reach p = 0.002, below 0.05',
        'the groups were alike before the pilot',
        'no unit left during the pilot',
      ],
    });
  });

  it('the pilot trap, written after the fact, with too few units', () => {
    expect(evidenceLevel(results({ tooFew: true, balance: 'flagged', attrition: 'flagged' }), { started: STARTED, assignment: null, registration: after })).toEqual({
      level: 'weak',
      reasons: [
        'no assignment file: a random split is assumed, not recorded',
        'hypothesis and primary metric first committed 3 days after the start',
        'too few units: the best any split of them could give is p = 0.10, above 0.05',
        'the pilot group was already ahead before the pilot',
        'units left the two groups at different rates during the pilot',
      ],
    });
  });

  it('what git cannot say, and the same day', () => {
    const { reasons } = evidenceLevel(results({ tooFew: false, balance: 'none', attrition: 'similar' }), {
      started: STARTED,
      assignment: { file: 'split.csv', history: sameDay },
      registration: unavailable,
    });
    expect(reasons).toEqual([
      'assignment recorded in data/split.csv, committed the day the pilot started, not before',
      'hypothesis and primary metric not known to have been committed before the start (shallow clone)',
      'a split of these units can reach p = 0.002, below 0.05',
      'no data from before the pilot to check that the groups were alike',
      '2 units left during the pilot, at similar rates in both groups',
    ]);
  });
});
