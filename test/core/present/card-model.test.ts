/**
 * What a preview card says (src/core/present/card-model.ts), on real
 * analyses of test/fixtures/site/analysed. Its drawing is tested in
 * test/site/card.test.ts.
 */
import { describe, expect, test } from 'vitest';
import type { PilotEvidence } from '../../../src/core/evidence.ts';
import { overviewCardContent, pilotCardContent } from '../../../src/core/present/card-model.ts';
import { bySlug, pilots } from '../../support/analysed-pilots.ts';

const cardOf = (slug: string) => pilotCardContent(bySlug(slug), { host: 'example.github.io/fieldproof' });

/** A fixture pilot with another of its metrics marked primary: the same analysis, read from another headline. */
function withPrimary(slug: string, id: string): PilotEvidence {
  const pilot = structuredClone(bySlug(slug));
  for (const result of pilot.results.metrics) result.primary = result.id === id;
  return pilot;
}

describe('preview card', () => {
  test('a pilot card states title, headline change, interval and verdict, and draws the interval', () => {
    expect(cardOf('nurture-q2')).toEqual({
      kicker: 'Sales pilot evidence',
      status: 'Concluded',
      interim: false,
      title: 'Weekly nurture digest for field reps',
      metric: 'Revenue per rep, adjusted for baseline',
      lift: '+8.4%',
      interval: '95% interval: +7.1% to +10%',
      verdict: 'win',
      bar: {
        estimate: expect.closeTo(0.0839, 4),
        low: expect.closeTo(0.0714, 4),
        high: expect.closeTo(0.1021, 4),
        lowText: '+7.1%',
        highText: '+10%',
      },
      note: null,
      guardrail: null,
      footer: 'example.github.io/fieldproof · 8 pilot reps vs 8 control reps',
    });
  });

  test('a running pilot says interim, at its own level', () => {
    const content = cardOf('voice-notes');
    expect(content.interim).toBe(true);
    expect(content.status).toBe('Interim: pilot still running');
    expect(content.interval).toBe('90% interval: −11% to +24%');
  });

  test('a rate is told in points, its bar too', () => {
    expect(cardOf('demo-script')).toMatchObject({ lift: '+16.7 points', interval: '95% interval: +8.3 points to +25.0 points', bar: { lowText: '+8.3 points', highText: '+25.0 points' } });
  });

  test('a control level below zero: the figure, the interval and the bar in euros, with the reason', () => {
    const content = cardOf('territory-pricing');
    expect(content.lift).toBe('+€994');
    expect(content.interval).toBe('95% interval: −€250 to +€2,225');
    expect(content.bar).toMatchObject({ estimate: 993.75, lowText: '−€250', highText: '+€2,225' });
    expect(content.note).toBe('The change cannot be put in percent (a group\u2019s level is zero or below), so it is given in the metric\u2019s own units.');
  });

  test('a relative interval with no upper limit: in the metric\u2019s units, without the table\u2019s "(not in %)"', () => {
    const content = pilotCardContent(withPrimary('territory-pricing', 'referrals'), { host: 'x' });
    expect(content.lift).toBe('+1.63');
    expect(content.interval).toBe('95% interval: 0 to +3.00');
    expect(content.bar).toMatchObject({ low: 0, lowText: '0', highText: '+3.00' });
    expect(content.note).toBe('The control level is too uncertain to put the range in percent, so it is given in the metric\u2019s own units.');
  });

  test('too few units: no bar, no interval, and how many units per group would make a result possible', () => {
    const content = cardOf('shadow-days');
    expect(content).toMatchObject({
      metric: 'Meetings booked per rep',
      lift: '+35%',
      interval: '95% interval: none (too few units)',
      verdict: 'too-few',
      bar: null,
      note: 'Too few units for any result: 4 units per group would make one possible.',
      footer: 'example.github.io/fieldproof · 3 pilot reps vs 3 control reps',
    });
  });

  test('no verdict (groups unlike before the pilot): no change printed large, no interval, and the head start', () => {
    expect(cardOf('call-coaching')).toMatchObject({
      metric: 'Calls per rep',
      // The plain +44% is mostly the head start: not a number to print large.
      lift: 'No verdict',
      interval: '95% interval: none (groups unlike before)',
      verdict: 'inconclusive',
      bar: null,
      // Baselines 132 against 99.2 calls per rep: 132 / 99.2 - 1 = +33%.
      note: 'Before the pilot started, the pilot group was already 33% higher.',
    });
  });

  test('a lower-is-better metric says so on the card', () => {
    expect(cardOf('quote-automation').metric).toBe('Days to close (lower is better)');
    expect(cardOf('quote-automation').bar).toMatchObject({ lowText: '−24%', highText: '−15%' });
    expect(cardOf('demo-script').metric).toBe('Deals won');
  });

  test('the overview card: wins of the concluded pilots, and how many still run', () => {
    expect(overviewCardContent(pilots, { host: 'example.github.io' })).toEqual({
      kicker: 'Sales pilot evidence',
      status: '1 running',
      interim: false,
      title: '7 pilots, every result with its honest interval',
      metric: 'Concluded pilots whose primary metric clearly improved',
      lift: '3 of 6',
      interval: 'Pilot versus control, with confidence intervals',
      verdict: null,
      bar: null,
      note: null,
      guardrail: null,
      footer: 'example.github.io',
    });
    expect(overviewCardContent(pilots.filter((pilot) => pilot.results.status === 'concluded'), { host: 'x' }).status).toBe('All concluded');
  });
});
