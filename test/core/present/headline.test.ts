/**
 * The presentation policy (src/core/present/headline.ts): the scale a result
 * is told in, and the words of statistics.md section 6, on figures written
 * the way the analysis writes them.
 */
import { describe, expect, it } from 'vitest';
import {
  drawnNumbers,
  hasInterval,
  headlineSentence,
  headlineText,
  notDrawnWhy,
  onCommonAxis,
  percentCaveat,
  randomizationWords,
  rangeSentence,
  scaleOf,
  verdictLabel,
  verdictMeaning,
  type MetricFigures,
} from '../../../src/core/present/headline.ts';
import { unitNouns } from '../../../src/core/present/words.ts';
import type { AdjustedResult, HeadlineResult, Verdict } from '../../../src/core/results.ts';
import { verdictOf } from '../../../src/core/verdict.ts';

const wording = { units: 'reps', confidence: 0.95 };

interface Overrides extends Partial<Omit<MetricFigures, 'absolute' | 'relative' | 'headline'>> {
  pilotValue?: number;
  controlValue?: number;
  /** The headline's absolute interval. */
  absolute?: { estimate: number; low: number | null; high: number | null };
  relative?: MetricFigures['relative'];
  headline?: Partial<HeadlineResult>;
}

/** A metric's figures as the analysis writes them, with only what a test cares about given; the verdict follows the interval. */
function headline({ pilotValue = 48210.5, controlValue = 41770, absolute, relative, headline: headlineOverrides, ...overrides }: Overrides): MetricFigures {
  const interval = { estimate: 6440.5, low: 1210.2, high: 11670.8, ...absolute };
  const lift = relative ?? { estimate: 0.1542, low: 0.027, high: 0.3 };
  const better = overrides.better ?? 'higher';
  const verdict: Verdict = overrides.verdict ?? verdictOf({ low: interval.low ?? -Infinity, high: interval.high ?? Infinity }, better);
  return {
    id: 'revenue',
    label: 'Revenue per rep',
    type: 'mean',
    primary: true,
    role: 'primary',
    format: 'currency',
    currency: 'USD',
    better,
    method: 'welch',
    pilot: { units: 12, rows: 12, value: pilotValue },
    control: { units: 14, rows: 14, value: controlValue },
    // The large-sample figures agree with the headline here; tests that need them apart say so.
    absolute: { estimate: interval.estimate, low: interval.low ?? -1e9, high: interval.high ?? 1e9, p: 0.02, df: 20 },
    relative: lift,
    adjusted: null,
    headline: {
      basis: 'unadjusted',
      method: 'randomization',
      absolute: { ...interval, p: 0.02 },
      relative: lift,
      randomization: { design: 'complete', assumed: true, assignments: 9657700, exact: false, draws: 10000, minimumP: 2.07e-7, unitsNeeded: null },
      reason: null,
      ...headlineOverrides,
    },
    verdict,
    guardrail: null,
    mde: { absolute: 5000, relative: 0.12, se: 1800, df: 20 },
    spread: { pilot: 1000, control: 1000, adjusted: null },
    rollout: null,
    ...overrides,
  };
}

const fairBalance: AdjustedResult['balance'] = {
  pilot: 1,
  control: 1,
  relative: 0,
  p: 0.9,
  flagged: false,
  units: { pilot: 12, control: 14 },
  standardizedDifference: 0.1,
  overlap: true,
  extrapolating: false,
};

describe('verdictOf', () => {
  it('reads the interval from the better side', () => {
    expect(verdictOf({ low: 1, high: 5 }, 'higher')).toBe('win');
    expect(verdictOf({ low: -5, high: -1 }, 'higher')).toBe('loss');
    expect(verdictOf({ low: -1, high: 5 }, 'higher')).toBe('inconclusive');
    expect(verdictOf({ low: -5, high: -1 }, 'lower')).toBe('win');
    expect(verdictOf({ low: 1, high: 5 }, 'lower')).toBe('loss');
    // An interval touching zero does not rule out zero.
    expect(verdictOf({ low: 0, high: 5 }, 'higher')).toBe('inconclusive');
  });
});

describe('sentences of a verdict', () => {
  it('a lift in percent with its interval, and what it cannot rule out', () => {
    expect(headlineSentence(headline({}), wording)).toBe(
      'Revenue per rep was 15% higher for pilot reps than for control reps (95% interval: +2.7% to +30%).',
    );
    expect(rangeSentence(headline({}))).toBe('The pilot could be anywhere from 2.7% to 30% better.');
  });

  it('"lower is better" is worded the right way round', () => {
    const hours = headline({
      label: 'Admin hours per rep-week',
      format: 'number',
      better: 'lower',
      absolute: { estimate: -1.6, low: -2.6, high: -0.6 },
      relative: { estimate: -0.16, low: -0.25, high: -0.07 },
    });
    expect(hours.verdict).toBe('win');
    expect(headlineSentence(hours, wording)).toBe(
      'Admin hours per rep-week were 16% lower for pilot reps than for control reps (95% interval: −25% to −7%).',
    );
    expect(rangeSentence(hours)).toBe('The pilot could be anywhere from 7% to 25% better (lower is better).');
  });

  it('proportions in percentage points', () => {
    const rate = headline({
      label: 'Follow-up rate',
      type: 'proportion',
      format: 'percent',
      pilotValue: 0.412,
      controlValue: 0.289,
      absolute: { estimate: 0.123, low: 0.061, high: 0.184 },
      relative: { estimate: 0.43, low: 0.2, high: 0.7 },
    });
    expect(headlineSentence(rate, wording)).toBe(
      'Follow-up rate was 12.3 pp higher for pilot reps than for control reps (41.2% vs 28.9%; 95% interval: +6.1 pp to +18.4 pp).',
    );
    expect(rangeSentence(rate)).toBe('The pilot could be anywhere from 6.1 pp to 18.4 pp better.');
  });

  it('an unbounded relative interval puts the change and its range in the metric\'s units, and says why', () => {
    const shaky = headline({ relative: { estimate: 0.8, low: null, high: null }, absolute: { estimate: 900, low: 300, high: 2100 } });
    // The sentence, the tiles, the card and the command line all tell it in dollars: a percent
    // beside a range in dollars would read as the range of that percent.
    expect(headlineSentence(shaky, wording)).toBe(
      'Revenue per rep was $900 higher for pilot reps than for control reps (95% interval: +$300 to +$2,100; the control level is too uncertain to put the change in percent).',
    );
    expect(headlineText(shaky)).toEqual({ change: '+$900', interval: '+$300 to +$2,100 (not in %)', scale: 'absolute' });
    expect(percentCaveat(shaky)).toBe('The control level is too uncertain to put the range in percent, so it is given in the metric\u2019s own units.');
    expect(rangeSentence(shaky)).toBe(
      'The pilot could be anywhere from $300 to $2,100 better. The control level is too uncertain to express the change in percent, so the range is given in absolute terms.',
    );
  });

  it('an undefined lift (a group at or below zero) uses the absolute difference', () => {
    const margin = headline({ label: 'Margin per rep', controlValue: -50, relative: { estimate: null, low: null, high: null } });
    expect(headlineSentence(margin, wording)).toBe(
      'Margin per rep was $6,441 higher for pilot reps than for control reps (95% interval: +$1,210 to +$11,671).',
    );
    expect(percentCaveat(margin)).toMatch(/^The change cannot be put in percent/);
  });

  it('a side without a limit is said so, never Infinity', () => {
    const open = headline({ absolute: { estimate: 900, low: 300, high: null }, relative: { estimate: 0.8, low: 0.2, high: null } });
    expect(headlineText(open)).toEqual({ change: '+$900', interval: '+$300 to no upper limit (not in %)', scale: 'absolute' });
    expect(rangeSentence(open)).toMatch(/^The pilot could be anywhere from at least \$300 better to any amount better\./);
  });
});

describe('an inconclusive result never states a direction (statistics.md section 6)', () => {
  it('says "somewhere between", with the best estimate apart', () => {
    const open = headline({ absolute: { estimate: 1800, low: -3900, high: 7600 }, relative: { estimate: 0.045, low: -0.097, high: 0.19 } });
    expect(open.verdict).toBe('inconclusive');
    const sentence = headlineSentence(open, wording);
    expect(sentence).toBe(
      'Revenue per rep was somewhere between 9.7% lower and 19% higher for pilot reps than for control reps (best estimate +4.5%; 95% interval).',
    );
    expect(sentence).not.toMatch(/was [\d.]+% higher/);
    expect(rangeSentence(open)).toBe('The pilot could be anywhere from 9.7% worse to 19% better.');
    expect(verdictMeaning(open, 'concluded')).toBe('The interval includes zero: the data cannot tell a gain from a loss.');
    expect(verdictMeaning(open, 'running')).toMatch(/cannot yet tell/);
  });

  it('a bound of exactly zero is "no change", and a rate keeps both levels', () => {
    const rate = headline({
      label: 'Conversion',
      type: 'proportion',
      format: 'percent',
      pilotValue: 0.5,
      controlValue: 0.45,
      absolute: { estimate: 0.05, low: 0, high: 0.161 },
      relative: { estimate: 0.11, low: 0, high: 0.4 },
    });
    expect(headlineSentence(rate, wording)).toBe(
      'Conversion was somewhere between no change and 16.1 pp higher for pilot reps than for control reps (50.0% vs 45.0%; best estimate +5.0 pp; 95% interval).',
    );
  });

  it('an estimate of exactly zero is "no different" in a verdict sentence, never "0.0 pp higher"', () => {
    const rate = headline({
      label: 'Conversion',
      type: 'proportion',
      format: 'percent',
      pilotValue: 0.4,
      controlValue: 0.4,
      absolute: { estimate: 0, low: -0.278, high: 0.161 },
      relative: { estimate: 0, low: -0.278, high: 0.161 },
    });
    expect(headlineSentence(rate, wording)).toBe(
      'Conversion was somewhere between 27.8 pp lower and 16.1 pp higher for pilot reps than for control reps (40.0% vs 40.0%; best estimate 0.0 pp; 95% interval).',
    );
  });
});

describe('too few units (statistics.md section 10)', () => {
  const few = headline({
    verdict: 'too-few',
    absolute: { estimate: 900, low: null, high: null },
    relative: { estimate: 0.12, low: null, high: null },
    pilot: { units: 3, rows: 3, value: 1120 },
    control: { units: 3, rows: 3, value: 1000 },
    mde: null,
    headline: { randomization: { design: 'complete', assumed: true, assignments: 20, exact: true, draws: null, minimumP: 0.1, unitsNeeded: 4 } },
  });

  it('says no split could show an effect, and how many units would', () => {
    expect(headlineSentence(few, wording)).toBe(
      'Revenue per rep: too few reps to show any effect. With 3 pilot and 3 control reps, no way of splitting them could give a result clear at the 95% level; 4 reps in each group would make it possible (best estimate +12%).',
    );
    expect(rangeSentence(few)).toMatch(/^There is no interval/);
    expect(headlineText(few)).toEqual({ change: '+12%', interval: 'none (too few units)', scale: 'relative' });
    expect(verdictMeaning(few, 'concluded')).toMatch(/no way of splitting them could show an effect/);
    expect(onCommonAxis(few)).toBeNull();
    expect(drawnNumbers(few)).toHaveLength(1);
  });
});

describe('one metric, one scale', () => {
  it('a rate in points, a lift in percent, and the metric\'s units when an interval drawn beside the headline has no percent', () => {
    expect(scaleOf(headline({ type: 'proportion', format: 'number' }))).toBe('points');
    expect(scaleOf(headline({}))).toBe('relative');
    expect(scaleOf(headline({ relative: { estimate: null, low: null, high: null } }))).toBe('absolute');
  });

  it('draws the unadjusted comparison beside an adjusted headline only when the two agree about zero', () => {
    const adjusted: Overrides = {
      adjusted: { method: 'ancova', units: 26, absolute: { estimate: 500, low: 100, high: 900, p: 0.01, df: 23 }, relative: { estimate: 0.05, low: 0.01, high: 0.09 }, balance: fairBalance },
      absolute: { estimate: 500, low: 100, high: 900 },
      relative: { estimate: 0.05, low: 0.01, high: 0.09 },
      headline: { basis: 'adjusted' },
    };
    // The large-sample unadjusted interval crosses zero: it disagrees with the Win, so it is not drawn.
    const crossing = headline(adjusted);
    crossing.absolute = { estimate: 800, low: -200, high: 1800, p: 0.1, df: 22 };
    crossing.relative = { estimate: 0.08, low: -0.02, high: 0.19 };
    expect(drawnNumbers(crossing)).toHaveLength(1);
    // Clear of zero on the same side: drawn for context, on the same scale.
    const agreeing = headline(adjusted);
    agreeing.absolute = { estimate: 800, low: 200, high: 1400, p: 0.01, df: 22 };
    agreeing.relative = { estimate: 0.08, low: 0.02, high: 0.14 };
    expect(drawnNumbers(agreeing)).toHaveLength(2);
    expect(scaleOf(agreeing)).toBe('relative');
    // An unadjusted relative interval without bounds beside it puts both in the metric's units.
    agreeing.relative = { estimate: 0.08, low: null, high: null };
    expect(scaleOf(agreeing)).toBe('absolute');
  });
});

describe('why there is no verdict (statistics.md section 12: extrapolation)', () => {
  it('says so in the sentence, the range, the meaning and a table\'s label, with no interval anywhere', () => {
    const apart = headline({
      verdict: 'inconclusive',
      adjusted: {
        method: 'ancova',
        units: 26,
        absolute: { estimate: 500, low: 100, high: 900, p: 0.01, df: 23 },
        relative: { estimate: 0.05, low: 0.01, high: 0.09 },
        balance: { ...fairBalance, pilot: 45100, control: 38050.4, relative: 0.185, flagged: true, standardizedDifference: 1.4, extrapolating: true },
      },
      headline: {
        absolute: { estimate: 6440.5, low: null, high: null, p: null },
        relative: { estimate: 0.1542, low: null, high: null },
        reason: 'Before the pilot the two groups\u2019 baselines were 1.4 standard deviations apart.',
      },
    });
    expect(headlineSentence(apart, wording)).toBe(
      'Revenue per rep: no verdict, because the groups were too far apart before the pilot for a fair comparison. ' +
        'Before it, revenue per rep was $45,100 for pilot reps against $38,050 for control reps; during it, $48,211 for pilot reps against $41,770 for control reps. ' +
        'How much of the difference is the pilot and how much the head start, this pilot cannot tell.',
    );
    expect(rangeSentence(apart)).toBe('There is no interval: with groups this unlike before the pilot, no test can tell the pilot\u2019s effect from the head start.');
    expect(verdictMeaning(apart, 'concluded')).toBe('The groups differed too much before the pilot for any verdict.');
    expect(verdictLabel(apart)).toBe('Inconclusive (groups unlike before)');
    expect(headlineText(apart)).toEqual({ change: 'No verdict', interval: 'none (groups unlike before)', scale: 'relative' });
    expect(hasInterval(apart)).toBe(false);
    expect(onCommonAxis(apart)).toBeNull();
    // Baselines 45,100 against 38,050.4: +18.5%, told to two digits.
    expect(notDrawnWhy(apart)).toBe('Before the pilot started, the pilot group was already 19% higher.');
    const unknownHeadStart = { ...apart, adjusted: { ...(apart.adjusted as AdjustedResult), balance: { ...fairBalance, relative: null, extrapolating: true } } };
    expect(notDrawnWhy(unknownHeadStart)).toBe('The groups differed too much before the pilot for a fair comparison.');
  });
});

describe('how the headline was tested', () => {
  it('counts the splits, exactly or drawn', () => {
    expect(randomizationWords(headline({}), 'reps')).toBe(
      'compared with 10,000 of the 9,657,700 ways these 26 reps could have been split into groups of the same sizes, drawn at random',
    );
    const exact = headline({ headline: { randomization: { design: 'complete', assumed: true, assignments: 924, exact: true, draws: null, minimumP: 0.0022, unitsNeeded: null } } });
    expect(randomizationWords(exact, 'reps')).toBe('compared with all 924 ways these 26 reps could have been split into groups of the same sizes');
    expect(randomizationWords(headline({ headline: { method: 'newcombe', randomization: null } }), 'leads')).toBeNull();
  });
});

describe('words', () => {
  it('names units in plain plural words', () => {
    expect(unitNouns('rep').many).toBe('reps');
    expect(unitNouns('rep_id').many).toBe('reps');
    expect(unitNouns('territory').many).toBe('territories');
    expect(unitNouns('branch').many).toBe('branches');
    expect(unitNouns('storeName').many).toBe('stores');
    // The singular names anonymous units ("Pilot store 3"), so it must undo the plural exactly.
    expect(unitNouns('store')).toEqual({ one: 'store', many: 'stores' });
    expect(unitNouns('branch_code')).toEqual({ one: 'branch', many: 'branches' });
  });
});
