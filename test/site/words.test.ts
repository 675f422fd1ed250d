import { describe, expect, test } from 'vitest';
import { absoluteUrl, sitePath } from '../../src/site/urls.ts';
import { day, tick } from '../../src/core/present/format.ts';
import { baselineNote, baselineWarning, detectableSize, detectableText, hypothesisNote, methodsOf, periodText, rolloutText } from '../../src/core/present/report-model.ts';
import { relativeAside, verdictMeaning } from '../../src/core/present/headline.ts';
import { midSentence } from '../../src/core/present/words.ts';
import { bySlug } from '../fixtures/site/evidence.ts';

const metric = (slug: string, id: string) => {
  const found = bySlug(slug).results.metrics.find((candidate) => candidate.id === id);
  if (!found) throw new Error(id);
  return found;
};

describe('urls respect the base path', () => {
  test('sitePath', () => {
    expect(sitePath('pilots/x/', '/')).toBe('/pilots/x/');
    expect(sitePath('pilots/x/', '/fieldproof')).toBe('/fieldproof/pilots/x/');
    expect(sitePath('/pilots/x/', '/fieldproof/')).toBe('/fieldproof/pilots/x/');
    expect(sitePath('', '/fieldproof/')).toBe('/fieldproof/');
  });

  test('absoluteUrl', () => {
    expect(absoluteUrl('pilots/x/card.png', 'https://acme.github.io', '/fieldproof')).toBe('https://acme.github.io/fieldproof/pilots/x/card.png');
    expect(() => absoluteUrl('x', undefined, '/')).toThrow(/site/);
  });
});

describe('site formats', () => {
  test('days are split, not parsed, so no time zone shifts them', () => {
    expect(day('2026-03-02')).toBe('2 Mar 2026');
  });

  test('axis ticks are trimmed and in the metric units', () => {
    expect(tick({ format: 'currency', currency: 'USD', type: 'mean' })(40000)).toBe('$40,000');
    expect(tick({ format: 'number', currency: 'USD', type: 'proportion' })(0.35)).toBe('35%');
    expect(tick({ format: 'number', currency: 'USD', type: 'ratio' }, { difference: true })(-2.5)).toBe('−2.5');
  });
});

describe('report words', () => {
  test('a flagged baseline names the trap and both figures', () => {
    const note = baselineNote(bySlug('nurture-q2'), metric('nurture-q2', 'revenue'));
    expect(note.tone).toBe('flagged');
    expect(note.title).toBe('The pilot reps were already ahead before it started');
    expect(note.paragraphs.join(' ')).toMatch(/classic pilot trap/);
    expect(note.paragraphs.join(' ')).toMatch(/\+7\.1% adjusted, against \+15% without/);
  });

  test('a fair baseline, and no baseline at all', () => {
    expect(baselineNote(bySlug('nurture-q2'), metric('nurture-q2', 'meetings')).tone).toBe('fair');
    const none = baselineNote(bySlug('territory-pricing'), metric('territory-pricing', 'margin'));
    expect(none.tone).toBe('unknown');
    expect(none.paragraphs[0]).toMatch(/no date column/);
  });

  test('what the pilot could detect, and what inconclusive means', () => {
    const text = detectableText(bySlug('nurture-q2'), metric('nurture-q2', 'revenue'));
    expect(text).toMatch(/12 pilot and 14 control reps/);
    expect(text).toMatch(/13% \(\$5,603\)/);
    expect(text).toMatch(/not "no effect"/);
    // nurture-q2's headline is adjusted; its MDE is of the plain comparison (statistics.md section 7), and says so.
    expect(text).toMatch(/of about 13% \(\$5,603\) or more, 8 times out of 10, comparing the groups' plain averages; the headline, which compares each rep with their own baseline, can detect smaller changes\./);
    const unadjusted = detectableText(bySlug('territory-pricing'), metric('territory-pricing', 'margin'));
    expect(unadjusted).toMatch(/8 times out of 10\. A real effect/);
  });

  test('a detectable change that cannot be known is not written as 0', () => {
    const pilot = structuredClone(bySlug('demo-script'));
    const rate = pilot.results.metrics.find((candidate) => candidate.id === 'win-rate');
    if (!rate) throw new Error('win-rate');
    rate.mde = { absolute: 0, relative: 0 };
    expect(detectableText(pilot, rate)).toBe('No rep differs from another in either group, so the smallest change this pilot could detect cannot be estimated.');
    expect(detectableSize(rate)).toBe('not known (no variation)');
  });

  test('a flagged baseline is said in the header, with the adjusted and the plain figure', () => {
    expect(baselineWarning(bySlug('nurture-q2'), metric('nurture-q2', 'revenue'))).toBe(
      'The pilot reps were already ahead before it started. The headline compares each rep with their own level before it: +7.1%, where the plain averages would say +15%.',
    );
    // Not flagged, or not checked: nothing to warn about.
    expect(baselineWarning(bySlug('territory-pricing'), metric('territory-pricing', 'margin'))).toBeNull();
  });

  test('a rate is drawn on the shared axis at its relative lift, and says which', () => {
    // demo-script's win rate: relative 0.2283 (0.041 to 0.452).
    expect(relativeAside(metric('demo-script', 'win-rate'))).toBe('+23% relative, +4.1% to +45%');
    // A mean is headlined in percent already.
    expect(relativeAside(metric('nurture-q2', 'revenue'))).toBeNull();
  });

  test('"yet" only while the pilot runs', () => {
    expect(verdictMeaning('inconclusive', 'running')).toMatch(/cannot yet tell/);
    expect(verdictMeaning('inconclusive', 'concluded')).toBe('The interval includes zero: the data cannot tell a gain from a loss.');
  });

  test('labels inside a sentence keep their acronyms', () => {
    expect(midSentence('Revenue per rep')).toBe('revenue per rep');
    expect(midSentence('Meetings booked per SDR')).toBe('meetings booked per SDR');
    expect(midSentence('SDR meetings')).toBe('SDR meetings');
    expect(midSentence('ARR per account')).toBe('ARR per account');
    expect(midSentence('NPS')).toBe('NPS');
    expect(midSentence('Win-rate')).toBe('win-rate');
    expect(midSentence('iPhone sales')).toBe('iPhone sales');
  });

  test('rollout states its assumption', () => {
    const rollout = rolloutText(bySlug('nurture-q2'), metric('nurture-q2', 'revenue'));
    // The projection is a total over 120 reps: 374,448 / 120 = 3,120.4 each, the adjusted estimate.
    expect(rollout?.headline).toMatch(/^Rolled out to all reps \(120\), a change of \+\$3,120 in revenue per rep for each would add up to \+\$374,448 over 12 weeks/);
    expect(rollout?.headline).toMatch(/over 12 weeks/);
    expect(rollout?.caveat).toMatch(/assumes/);
    expect(rolloutText(bySlug('demo-script'), metric('demo-script', 'win-rate'))).toBeNull();
  });

  test('methods link to the methodology', () => {
    expect(methodsOf(metric('nurture-q2', 'revenue')).map((method) => method.anchor)).toEqual(['welch', 'fieller', 'ancova']);
    expect(methodsOf(metric('territory-pricing', 'quotes-accepted')).map((method) => method.anchor)).toEqual(['newcombe', 'katz']);
  });

  test('periods', () => {
    expect(periodText(bySlug('nurture-q2'))).toBe('2 Mar to 24 May 2026');
    expect(periodText(bySlug('territory-pricing'))).toBe('1 Oct to 31 Dec 2025');
    expect(periodText(bySlug('voice-notes'))).toBe('since 6 Apr 2026');
  });

  test('a hypothesis committed before the start is a pre-registration', () => {
    const pilot = bySlug('nurture-q2');
    expect(hypothesisNote(pilot, { status: 'committed', date: '2026-02-20', commit: 'abc' })).toEqual({
      tone: 'pre-registered',
      text: 'First committed on 20 Feb 2026, 10 days before the pilot started: written before any result existed.',
    });
    expect(hypothesisNote(pilot, { status: 'committed', date: '2026-04-01', commit: 'abc' }).tone).toBe('after-start');
    expect(hypothesisNote(pilot, { status: 'unavailable', reason: 'shallow clone' }).text).toMatch(/not available \(shallow clone\)/);
  });
});
