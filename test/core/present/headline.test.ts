import { describe, expect, it } from 'vitest';
import { headlineSentence, headlineText, percentCaveat, rangeSentence, scaleOf, type MetricFigures } from '../../../src/core/present/headline.ts';
import { unitNouns } from '../../../src/core/present/words.ts';
import { verdictOf } from '../../../src/core/verdict.ts';

const wording = { units: 'reps', confidence: 0.95 };

interface Overrides extends Partial<Omit<MetricFigures, 'absolute' | 'relative'>> {
  pilotValue?: number;
  controlValue?: number;
  absolute?: { estimate: number; low: number; high: number };
  relative?: MetricFigures['relative'];
}

/** A metric's figures as the analysis writes them, with only what a test cares about given. */
function headline({ pilotValue = 48210.5, controlValue = 41770, absolute, relative, ...overrides }: Overrides): MetricFigures {
  return {
    id: 'revenue',
    label: 'Revenue per rep',
    type: 'mean',
    primary: true,
    format: 'currency',
    currency: 'USD',
    better: 'higher',
    method: 'welch',
    pilot: { units: 12, rows: 12, value: pilotValue },
    control: { units: 14, rows: 14, value: controlValue },
    absolute: { estimate: 6440.5, low: 1210.2, high: 11670.8, p: 0.02, df: 20, ...absolute },
    relative: relative ?? { estimate: 0.1542, low: 0.027, high: 0.3 },
    adjusted: null,
    verdict: 'win',
    mde: { absolute: 5000, relative: 0.12 },
    spread: { pilot: 1000, control: 1000 },
    rollout: null,
    ...overrides,
  };
}

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

describe('sentences', () => {
  it('a lift in percent with its interval, and what it cannot rule out', () => {
    expect(headlineSentence(headline({}), wording)).toBe(
      'Revenue per rep was 15% higher for pilot reps than for control reps (95% interval: +2.7% to +30%).',
    );
    expect(rangeSentence(headline({}))).toBe('The pilot could be anywhere from 2.7% to 30% better.');
    expect(rangeSentence(headline({ relative: { estimate: 0.12, low: -0.04, high: 0.31 } }))).toBe(
      'The pilot could be anywhere from 4% worse to 31% better.',
    );
  });

  it('"lower is better" is worded the right way round', () => {
    const hours = headline({
      label: 'Admin hours per rep-week',
      format: 'number',
      better: 'lower',
      absolute: { estimate: -1.6, low: -2.6, high: -0.6 },
      relative: { estimate: -0.16, low: -0.25, high: -0.07 },
    });
    expect(headlineSentence(hours, wording)).toBe(
      'Admin hours per rep-week was 16% lower for pilot reps than for control reps (95% interval: −25% to −7%).',
    );
    expect(rangeSentence(hours)).toBe('The pilot could be anywhere from 7% to 25% better (lower is better).');
    const worse = { ...hours, relative: { estimate: 0.1, low: -0.05, high: 0.2 } };
    expect(rangeSentence(worse)).toBe('The pilot could be anywhere from 20% worse to 5% better (lower is better).');
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
    const shaky = headline({ relative: { estimate: 0.8, low: null, high: null }, absolute: { estimate: 900, low: -300, high: 2100 } });
    // The sentence, the tiles, the card and the command line all tell it in dollars: a percent
    // beside a range in dollars would read as the range of that percent.
    expect(headlineSentence(shaky, wording)).toBe(
      'Revenue per rep was $900 higher for pilot reps than for control reps (95% interval: −$300 to +$2,100; the control level is too uncertain to put the change in percent).',
    );
    expect(headlineText(shaky)).toEqual({ change: '+$900', interval: '−$300 to +$2,100 (too uncertain for %)', scale: 'absolute' });
    expect(percentCaveat(shaky)).toBe('The control level is too uncertain to put the range in percent, so it is given in the metric\u2019s own units.');
    expect(rangeSentence(shaky)).toBe(
      'The pilot could be anywhere from $300 worse to $2,100 better. The control level is too uncertain to express the change in percent, so the range is given in absolute terms.',
    );
  });

  it('an undefined lift (control at or below zero) uses the absolute difference', () => {
    const margin = headline({ label: 'Margin per rep', controlValue: -50, relative: { estimate: null, low: null, high: null } });
    expect(headlineSentence(margin, wording)).toBe(
      'Margin per rep was $6,441 higher for pilot reps than for control reps (95% interval: +$1,210 to +$11,671).',
    );
  });

  it('names units in plain plural words', () => {
    expect(unitNouns('rep').many).toBe('reps');
    expect(unitNouns('rep_id').many).toBe('reps');
    expect(unitNouns('territory').many).toBe('territories');
    expect(unitNouns('branch').many).toBe('branches');
    expect(unitNouns('storeName').many).toBe('stores');
    // The singular names anonymous units ("Pilot store 3"), so it must undo the plural exactly.
    expect(unitNouns('store')).toEqual({ one: 'store', many: 'stores' });
    expect(unitNouns('branch_code')).toEqual({ one: 'branch', many: 'branches' });
    expect(unitNouns('territory')).toEqual({ one: 'territory', many: 'territories' });
  });
});

describe('an estimate of exactly zero', () => {
  it('is "the same", not "0.0 pp higher"', () => {
    const rate = headline({
      label: 'Conversion',
      type: 'proportion',
      format: 'percent',
      pilotValue: 1,
      controlValue: 1,
      absolute: { estimate: 0, low: -0.278, high: 0.161 },
      relative: { estimate: 0, low: -0.278, high: 0.161 },
    });
    expect(headlineSentence(rate, wording)).toBe(
      'Conversion was the same for pilot reps as for control reps (100.0% vs 100.0%; 95% interval: −27.8 pp to +16.1 pp).',
    );
    expect(headlineSentence(headline({ relative: { estimate: 0, low: -0.1, high: 0.1 } }), wording)).toBe(
      'Revenue per rep was the same for pilot reps as for control reps (95% interval: −10% to +10%).',
    );
  });
});

describe('one metric, one scale', () => {
  it('a rate in points, a lift in percent, and the metric\'s units when an interval drawn beside the headline has no percent', () => {
    expect(scaleOf(headline({ type: 'proportion', format: 'number' }))).toBe('points');
    expect(scaleOf(headline({}))).toBe('relative');
    expect(scaleOf(headline({ relative: { estimate: null, low: null, high: null } }))).toBe('absolute');
    // An adjusted headline with a percent interval, drawn above an unadjusted one without: both in dollars.
    const adjusted = headline({
      relative: { estimate: 0.8, low: null, high: null },
      adjusted: {
        method: 'ancova',
        units: 26,
        absolute: { estimate: 500, low: 100, high: 900, p: 0.01, df: 23 },
        relative: { estimate: 0.05, low: 0.01, high: 0.09 },
        balance: { pilot: 1, control: 1, relative: 0, p: 0.9, flagged: false },
      },
    });
    expect(scaleOf(adjusted)).toBe('absolute');
    // Its own relative interval is bounded: the reason is the unadjusted row beside it, drawn on the same scale.
    expect(headlineText(adjusted)).toEqual({ change: '+$500', interval: '+$100 to +$900 (too uncertain for %)', scale: 'absolute' });
  });
});
