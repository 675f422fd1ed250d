/**
 * The report page's words (src/core/present/report-model.ts), on real
 * analyses of test/fixtures/site/analysed: every sentence checked here is
 * the one the presentation policy writes for those files.
 */
import { describe, expect, it, test } from 'vitest';
import type { PilotEvidence } from '../../../src/core/evidence.ts';
import { day } from '../../../src/core/present/format.ts';
import {
  baselineNote,
  baselineWarning,
  detectableSize,
  detectableText,
  hypothesisNote,
  methodsOf,
  periodText,
  pilotLength,
  reportModel,
  rolloutText,
} from '../../../src/core/present/report-model.ts';
import { midSentence } from '../../../src/core/present/words.ts';
import { bySlug, everyMetric, metricOf, pilots } from '../../support/analysed-pilots.ts';

const metric = (slug: string, id: string) => metricOf(slug, id).metric;
const report = (slug: string) => reportModel(bySlug(slug), { status: 'uncommitted' });

/** A fixture pilot with another of its metrics marked primary: the same analysis, read from another headline. */
function withPrimary(slug: string, id: string): PilotEvidence {
  const pilot = structuredClone(bySlug(slug));
  for (const result of pilot.results.metrics) result.primary = result.id === id;
  return pilot;
}

describe('the headline', () => {
  test('a win, adjusted for where each rep started', () => {
    expect(report('nurture-q2').headline).toEqual({
      sentence: 'Revenue per rep was 8.4% higher for pilot reps than for control reps, adjusted for where each started (95% interval: +7.1% to +10%).',
      range: 'The pilot could be anywhere from 7.1% to 10% better.',
      meaning: 'The whole interval is on the better side of zero.',
    });
  });

  test('an inconclusive result never states a direction: a range from lower to higher, and a best estimate', () => {
    expect(report('territory-pricing').headline).toEqual({
      sentence:
        'Net margin per territory was somewhere between €250 lower and €2,225 higher for pilot territories than for control territories (best estimate +€994; 95% interval).',
      range: 'The pilot could be anywhere from €250 worse to €2,225 better.',
      meaning: 'The interval includes zero: the data cannot tell a gain from a loss.',
    });
    // Those with no verdict for the groups' head start are worded apart (below).
    const inconclusive = everyMetric.filter(({ metric: result }) => result.verdict === 'inconclusive' && result.headline.reason === null);
    expect(inconclusive.map(({ pilot, metric: result }) => `${pilot.slug}/${result.id}`)).toEqual([
      'voice-notes/calls-per-day',
      'territory-pricing/margin',
      'territory-pricing/hours',
      'territory-pricing/referrals',
    ]);
    for (const { pilot, metric: result } of inconclusive) {
      const which = `${pilot.slug}/${result.id}`;
      expect(result.sentence, which).toMatch(/ (was|were) somewhere between (.+ lower|no change|any amount lower) and (.+ higher|no change|any amount higher) for pilot /);
      expect(result.sentence, which).toMatch(/\(best estimate [+\u2212]/);
      expect(result.sentence, which).not.toMatch(/ was [^ ]+ (higher|lower) for pilot/);
    }
  });

  test('no verdict when the groups were too far apart before the pilot: where each group stood, and no interval', () => {
    const model = report('call-coaching');
    expect(model.verdict).toBe('inconclusive');
    expect(model.headline).toEqual({
      sentence:
        'Calls per rep: no verdict, because the groups were too far apart before the pilot for a fair comparison. Before it, calls per rep were 132 for pilot reps against 99.2 for control reps; during it, 213 for pilot reps against 148 for control reps. How much of the difference is the pilot and how much the head start, this pilot cannot tell.',
      range: 'There is no interval: with groups this unlike before the pilot, no test can tell the pilot\u2019s effect from the head start.',
      meaning: 'The groups differed too much before the pilot for any verdict.',
    });
    expect(model.baselineWarning).toBe('The groups were too far apart before the pilot to adjust for it. So there is no verdict: the +44% of the plain averages may be the head start, not the pilot.');
    expect(model.keyNumbers.change).toMatchObject({ label: 'Calls per rep', value: 'No verdict', interval: '95% interval: none (groups unlike before)' });
    // No test stands, so there is nothing to tell of chance.
    expect(model.randomization).toBeNull();
  });

  test('a running pilot: "yet", and the interim lead in the link preview', () => {
    const model = report('voice-notes');
    expect(model.headline.sentence).toBe(
      'Calls per working day were somewhere between 11% lower and 24% higher for pilot reps than for control reps (best estimate +5.4%; 90% interval).',
    );
    expect(model.headline.meaning).toBe('The interval includes zero: the data cannot yet tell a gain from a loss.');
    expect(model.description).toBe(`Interim result: ${model.headline.sentence}`);
    expect(model.interim).toBe(
      'This pilot is still running (since 6 Apr 2026). The numbers will change as data comes in; looking early and often makes a chance result more likely, so wait for the end before calling it.',
    );
    expect(report('nurture-q2').interim).toBeNull();
  });

  test('too few units: no interval, and how many units per group would make an answer possible', () => {
    const model = report('shadow-days');
    expect(model.verdict).toBe('too-few');
    expect(model.headline).toEqual({
      sentence:
        'Meetings booked per rep: too few reps to show any effect. With 3 pilot and 3 control reps, no way of splitting them could give a result clear at the 95% level; 4 reps in each group would make it possible (best estimate +35%).',
      range: 'There is no interval: with this few units, every possible effect, large or none, fits the data equally well.',
      meaning: 'With so few units, no way of splitting them could show an effect at this confidence level.',
    });
    expect(model.keyNumbers.change).toEqual({ label: 'Meetings booked per rep', value: '+35%', interval: '95% interval: none (too few units)', aside: null });
  });

  test('a rate is told in points, with the relative lift it is drawn at on the overview beside it', () => {
    const model = report('demo-script');
    expect(model.headline.sentence).toBe('Deals won were 16.7 pp higher for pilot reps than for control reps (43.8% vs 27.1%; 95% interval: +8.3 pp to +25.0 pp).');
    expect(model.keyNumbers.change).toEqual({ label: 'Deals won', value: '+16.7 pp', interval: '95% interval: +8.3 pp to +25.0 pp', aside: '+62% relative, +25% to +120%' });
    // A mean is headlined in percent already.
    expect(report('nurture-q2').keyNumbers.change.aside).toBeNull();
  });

  test('lower is better: "lower" is the better side, and the section says so', () => {
    const model = report('quote-automation');
    expect(model.headline.sentence).toBe('Days to close were 19% lower for pilot reps than for control reps (95% interval: −24% to −15%).');
    expect(model.headline.range).toBe('The pilot could be anywhere from 15% to 24% better (lower is better).');
    expect(model.metrics.map((section) => section.lowerIsBetter)).toEqual(['Lower is better', null]);
  });

  test('a lift is never written below −100%, even where the interval in units runs past the whole control level', () => {
    const followups = metric('quote-automation', 'followups');
    expect((followups.headline.absolute.low as number) / followups.control.value).toBeLessThan(-1);
    expect(followups.sentence).toBe('Follow-up calls per rep were 88% lower for pilot reps than for control reps (95% interval: −97% to −76%).');
    expect(followups.range).toBe('The pilot could be anywhere from 76% to 97% worse.');
    for (const pilot of pilots) {
      const model = reportModel(pilot, { status: 'uncommitted' });
      const words = [model.headline.sentence, model.headline.range, model.keyNumbers.change.value, model.keyNumbers.change.interval, ...model.metrics.flatMap((section) => [section.sentence, section.range])];
      for (const [, amount] of words.join(' ').matchAll(/\u2212([\d,.]+)%/g)) expect(Number(amount?.replaceAll(',', '')), pilot.slug).toBeLessThanOrEqual(100);
      for (const [, amount] of words.join(' ').matchAll(/([\d,.]+)% (?:lower|worse)/g)) expect(Number(amount?.replaceAll(',', '')), pilot.slug).toBeLessThanOrEqual(100);
    }
  });

  test('a tiny value is written with its digits, never as 0%', () => {
    expect(metric('territory-pricing', 'hours').sentence).toBe(
      'Hours on site per territory were somewhere between 6% lower and 6.3% higher for pilot territories than for control territories (best estimate +0.025%; 95% interval).',
    );
    for (const { pilot, metric: result } of everyMetric) {
      expect(`${result.sentence} ${result.range}`, `${pilot.slug}/${result.id}`).not.toMatch(/(^|[^\d.,])[+\u2212]?0(\.0+)?%/);
    }
  });

  test('a relative interval with no upper limit is told in the metric\u2019s units, and says why', () => {
    const referrals = metric('territory-pricing', 'referrals');
    expect(referrals.sentence).toBe(
      'Referrals per territory were somewhere between no change and 3.00 higher for pilot territories than for control territories (best estimate +1.63; 95% interval; the control level is too uncertain to put the change in percent).',
    );
    expect(referrals.range).toBe(
      'The pilot could be anywhere from 0 to 3.00 better. The control level is too uncertain to express the change in percent, so the range is given in absolute terms.',
    );
  });
});

describe('key numbers and notes', () => {
  test('an adjusted headline says so, and the arms\u2019 plain values say they are before adjustment', () => {
    const model = report('nurture-q2');
    expect(model.keyNumbers).toEqual({
      change: { label: 'Revenue per rep, adjusted for baseline', value: '+8.4%', interval: '95% interval: +7.1% to +10%', aside: null },
      pilot: { value: '$26,072', detail: '8 reps, before adjustment' },
      control: { value: '$20,282', detail: '8 reps, before adjustment' },
      period: { value: '5 weeks', detail: '2 Mar to 5 Apr 2026' },
    });
    expect(model.imageAlt).toBe('Weekly nurture digest for field reps: Revenue per rep +8.4% (95% interval +7.1% to +10%), win.');
    expect(model.description).toBe(
      'Revenue per rep was 8.4% higher for pilot reps than for control reps, adjusted for where each started (95% interval: +7.1% to +10%).',
    );
  });

  test('a control level below zero: the change in euros, and both arms in euros', () => {
    expect(report('territory-pricing').keyNumbers).toMatchObject({
      change: { value: '+€994', interval: '95% interval: −€250 to +€2,225' },
      pilot: { value: '€900', detail: '8 territories' },
      control: { value: '−€93.75', detail: '8 territories' },
    });
  });

  test('champion, data notes and the metric sections', () => {
    const model = report('nurture-q2');
    expect(model.champion).toEqual({ quote: 'The digest told me who to call on Monday morning. I stopped guessing.', name: 'Dana Whitfield', role: 'Regional sales lead, North' });
    expect(report('demo-script').champion).toEqual({ quote: null, name: 'Priya Raman', role: 'Account executive' });
    expect(report('territory-pricing').champion).toBeNull();
    expect(model.dataNotes).toEqual({
      read: '130 rows read from',
      file: 'data/nurture-q2.csv',
      used: '; 128 used, 2 left out.',
      owner: ' Pilot owner: Revenue Operations.',
      warnings: ['2 rows dated after the end (2026-04-05) were ignored', "Meetings booked per rep: 1 row with an empty value was left out, so it adds nothing to its unit's total"],
    });
    expect(model.metricsTitle).toBe('Every metric');
    expect(report('voice-notes').metricsTitle).toBe('The result');
    expect(model.metrics.map((section) => [section.headingId, section.arms])).toEqual([
      ['metric-revenue', { pilot: { value: '$26,072', detail: '(8 reps, 40 rows)' }, control: { value: '$20,282', detail: '(8 reps, 40 rows)' } }],
      ['metric-meetings', { pilot: { value: '55.5', detail: '(8 reps, 40 rows)' }, control: { value: '48.1', detail: '(8 reps, 39 rows)' } }],
    ]);
  });

  test('trend and dots: only with the data for them; units named only when the pilot allows it', () => {
    expect(report('nurture-q2').trend?.intro).toBe('Revenue per rep, pilot against control, every week, starting before the pilot.');
    expect(report('demo-script').trend?.intro).toBe('Deals won, pilot against control, every week.');
    expect(report('territory-pricing').trend).toBeNull();
    expect(report('nurture-q2').units).toMatchObject({ title: 'Every rep, one dot each', intro: 'Is the difference carried by the whole group or by a few reps? Reps are not named.' });
    expect(report('territory-pricing').units?.title).toBe('Every territory, one dot each');
    expect(report('territory-pricing').units?.intro).not.toMatch(/not named/);
  });

  test('a dated pilot read from per-unit sums says why it has no weekly chart', () => {
    expect(report('nurture-q2').trendNote).toBeNull();
    const aggregate = structuredClone(bySlug('nurture-q2'));
    aggregate.pilot.form = 'unit-sums';
    for (const evidence of aggregate.metrics) evidence.trend = [];
    expect(reportModel(aggregate, { status: 'uncommitted' })).toMatchObject({
      trend: null,
      trendNote: 'No week-by-week chart: this pilot\u2019s data is each unit\u2019s sums per period (before and during the pilot), which have no weeks.',
    });
  });
});

describe('baseline', () => {
  test('a flagged baseline names the trap and both figures', () => {
    const note = baselineNote(bySlug('nurture-q2'), metric('nurture-q2', 'revenue'));
    expect(note).toEqual({
      tone: 'flagged',
      title: 'The pilot reps were already ahead before it started',
      paragraphs: [
        'Before 2 Mar 2026, revenue per rep was $14,424 for pilot reps against $12,098 for control reps: the pilot group was 19% ahead (p = 0.12).',
        'That is the classic pilot trap: when the strongest reps are picked for a pilot, it looks like a win even if it changed nothing. So the headline compares every rep with their own level before the pilot (an ANCOVA adjustment): +8.4% adjusted, against +29% without the adjustment.',
      ],
    });
  });

  test('a fair baseline', () => {
    expect(baselineNote(bySlug('nurture-q2'), metric('nurture-q2', 'meetings'))).toEqual({
      tone: 'fair',
      title: 'The groups were alike before the pilot',
      paragraphs: [
        'Before 2 Mar 2026, meetings booked per rep were 29.6 for pilot reps against 29.5 for control reps (a gap of 0.4%, p = 0.97): no sign that the pilot group was picked from the stronger reps.',
        'The headline still compares every rep with their own level before the pilot (an ANCOVA adjustment), which makes its interval narrower: +15% adjusted, +15% without the adjustment.',
      ],
    });
  });

  test('groups too far apart to adjust for: no adjusted figure, and how to avoid it next time', () => {
    const { metric: calls } = metricOf('call-coaching', 'calls');
    expect(calls.adjusted?.balance).toMatchObject({ flagged: true, overlap: true, extrapolating: true });
    expect(calls.headline.basis).toBe('unadjusted');
    const note = baselineNote(bySlug('call-coaching'), calls);
    expect(note.tone).toBe('flagged');
    expect(note.title).toBe('The groups were too far apart before the pilot to adjust for it');
    expect(note.paragraphs[0]).toMatch(/^Before 1 Sep 2025, calls per rep were 132 for pilot reps against 99\.2 for control reps: 2\.1 standard deviations apart\.$/);
    expect(note.paragraphs[1]).toMatch(/The plain averages \(\+44%\) carry the head start, so no interval is given and there is no verdict\. Next time, split the reps at random/);
  });

  test('no baseline: no date column, or no rows before the start', () => {
    const none = baselineNote(bySlug('territory-pricing'), metric('territory-pricing', 'margin'));
    expect(none.tone).toBe('unknown');
    expect(none.title).toBe('No baseline check');
    expect(none.paragraphs[0]).toBe(
      'The data has no date column, so there is no "before" to compare. So fieldproof cannot check whether the pilot and control territories were alike before the pilot began.',
    );
    expect(baselineNote(bySlug('demo-script'), metric('demo-script', 'win-rate')).paragraphs[0]).toMatch(
      /^The data has no rows from before the pilot started on 12 Jan 2026, or too few reps have them\./,
    );
  });

  test('the report has a note per adjusted metric, each titled with its metric; or the primary\u2019s note', () => {
    expect(report('nurture-q2').baseline.map((note) => [note.tone, note.title])).toEqual([
      ['flagged', 'Revenue per rep: the pilot reps were already ahead before it started'],
      ['fair', 'Meetings booked per rep: the groups were alike before the pilot'],
    ]);
    expect(report('territory-pricing').baseline.map((note) => note.title)).toEqual(['No baseline check']);
  });

  test('a flagged baseline is said in the header, with the adjusted and the plain figure', () => {
    expect(baselineWarning(bySlug('nurture-q2'), metric('nurture-q2', 'revenue'))).toBe(
      'The pilot reps were already ahead before it started. The headline compares each rep with their own level before it: +8.4%, where the plain averages would say +29%.',
    );
    expect(report('nurture-q2').baselineWarning).toBe(baselineWarning(bySlug('nurture-q2'), metric('nurture-q2', 'revenue')));
    // Not flagged, or not checked: nothing to warn about.
    expect(baselineWarning(bySlug('nurture-q2'), metric('nurture-q2', 'meetings'))).toBeNull();
    expect(baselineWarning(bySlug('territory-pricing'), metric('territory-pricing', 'margin'))).toBeNull();
  });
});

describe('what the pilot could detect', () => {
  test('an adjusted headline: the smallest change its own comparison would detect', () => {
    expect(detectableText(bySlug('nurture-q2'), metric('nurture-q2', 'revenue'))).toBe(
      'With 8 pilot and 8 control reps, this pilot would detect a true change in revenue per rep of about 1.7% ($339) or more, 8 times out of 10, comparing each rep with their own level before the pilot as the headline does. The effect it found is clear of zero, so the pilot was large enough for this one.',
    );
  });

  test('inconclusive means "not shown", not "no effect"', () => {
    const text = detectableText(bySlug('voice-notes'), metric('voice-notes', 'calls-per-day'));
    expect(text).toMatch(/^With 6 pilot and 6 control reps, this pilot would detect a true change in calls per working day of about 26% \(2\.64\) or more, 8 times out of 10\. A real effect/);
    expect(text).toMatch(/not "no effect"/);
  });

  test('a rate: in points', () => {
    expect(detectableText(bySlug('territory-pricing'), metric('territory-pricing', 'quotes-accepted'))).toMatch(/ of about 49\.5 pp or more, 8 times out of 10\. /);
  });

  test('too few units: no effect could be shown, and how many units would do', () => {
    expect(detectableText(bySlug('shadow-days'), metric('shadow-days', 'meetings'))).toBe(
      'With this few reps, no effect could be shown at all, however large: 4 reps in each group would make it possible. Plan the next pilot with `fieldproof plan` before it starts.',
    );
    expect(detectableSize(metric('shadow-days', 'meetings'))).toBe('none: too few units');
  });

  test('a detectable change that cannot be known is not written as 0', () => {
    // No fixture has a metric where no unit differs from another in either group; the guard is read on a copy.
    const pilot = structuredClone(bySlug('voice-notes'));
    const rate = pilot.results.metrics[0];
    if (!rate) throw new Error('calls-per-day');
    rate.mde = { ...rate.mde, absolute: 0, relative: null } as typeof rate.mde;
    expect(detectableText(pilot, rate)).toBe('No rep differs from another in either group, so the smallest change this pilot could detect cannot be estimated.');
    expect(detectableSize(rate)).toBe('not known (no variation)');
  });

  test('with several metrics, a table of each one\u2019s detectable size', () => {
    expect(report('nurture-q2').detect.table).toEqual([
      { label: 'Revenue per rep', size: '±1.7%', verdict: 'win' },
      { label: 'Meetings booked per rep', size: '±8.5%', verdict: 'win' },
    ]);
    expect(report('voice-notes').detect.table).toBeNull();
  });

  // The margin's control level is below zero, so the change "cannot be put in percent" (percentCaveat), yet the
  // detectable change is written as a percent of that level's size: mde.relative = mde.absolute / |control|,
  // from src/core/metric-analysis.ts (detectable), read by detectableText and detectableSize.
  it('a change that cannot be put in percent is not detectable in percent either', () => {
    const margin = metric('territory-pricing', 'margin');
    expect(margin.headline.relative.estimate).toBeNull();
    expect(detectableText(bySlug('territory-pricing'), margin)).not.toMatch(/%/);
    expect(detectableSize(margin)).toBe('±€1,766');
  });
});

describe('rollout', () => {
  test('states its assumption, and that it is a total over every unit', () => {
    const rollout = rolloutText(bySlug('nurture-q2'), metric('nurture-q2', 'revenue'));
    expect(rollout).toEqual({
      headline:
        'Rolled out to all reps (120), a change of +$1,867 in revenue per rep for each would add up to +$224,016 over 5 weeks, the length of the pilot (95% interval: +$195,082 to +$252,963).',
      caveat: "This assumes the effect seen in the pilot carries over to every one of the 120, including those unlike the pilot's reps.",
    });
    // The projection is a total over 120 reps of the adjusted estimate.
    const revenue = metric('nurture-q2', 'revenue');
    expect(revenue.rollout?.estimate).toBeCloseTo(revenue.headline.absolute.estimate * 120, 6);
    expect(report('nurture-q2').rollout?.lines).toHaveLength(2);
  });

  test('none without a rollout in the pilot file, and none from too few units', () => {
    expect(rolloutText(bySlug('demo-script'), metric('demo-script', 'win-rate'))).toBeNull();
    expect(report('shadow-days').rollout).toBeNull();
  });
});

describe('could chance alone have done this?', () => {
  test('every split enumerated: how many were as far from zero', () => {
    expect(report('nurture-q2').randomization?.paragraphs).toEqual([
      'Only one thing about this pilot was decided by chance: which reps went into which group (no assignment file records how they were split, so fieldproof assumes it was done at random; if the reps were picked, this test is too kind). So the test asks how unusual this result would be if the pilot had done nothing: the result was compared with all 12,870 ways these 16 reps could have been split into groups of the same sizes.',
      '2 of them give a result at least as far from zero as the real one (p < 0.001). The 95% interval holds every effect this test cannot rule out: each was tried by taking it off the pilot reps’ results and asking the same question.',
    ]);
    expect(report('nurture-q2').randomization?.title).toBe('Could chance alone have done this?');
  });

  test('splits drawn at random: a share of those drawn', () => {
    const [first, second] = report('quote-automation').randomization?.paragraphs ?? [];
    expect(first).toMatch(/the result was compared with 10,000 of the 352,716 ways these 21 reps could have been split into groups of the same sizes, drawn at random\.$/);
    expect(second).toMatch(/^About 0\.02% of those drawn give a result at least as far from zero as the real one \(p < 0\.001\)\./);
  });

  test('too few units: even the most unusual split is not unusual enough', () => {
    expect(report('shadow-days').randomization?.paragraphs[1]).toBe(
      'Even the most unusual of those splits would have p = 0.10, above the 0.05 a 95% result needs: no effect, however large, could be shown with this few reps. 4 reps in each group would make it possible.',
    );
  });

  test('a Newcombe headline has no randomization section', () => {
    const model = reportModel(withPrimary('territory-pricing', 'quotes-accepted'), { status: 'uncommitted' });
    expect(model.headline.sentence).toMatch(/^Quotes accepted were 75\.0 pp lower/);
    expect(model.randomization).toBeNull();
  });
});

describe('methods', () => {
  test('link to the methodology, the headline\u2019s method first', () => {
    const anchors = (slug: string, id: string) => methodsOf(metric(slug, id)).map((method) => method.anchor);
    expect(anchors('nurture-q2', 'revenue')).toEqual(['randomization', 'welch', 'fieller', 'ancova', 'power']);
    expect(anchors('demo-script', 'win-rate')).toEqual(['randomization', 'delta', 'fieller', 'power']);
    expect(anchors('territory-pricing', 'quotes-accepted')).toEqual(['newcombe', 'katz', 'power']);
    // No relative estimate (a control level below zero): no Fieller interval to name.
    expect(anchors('territory-pricing', 'margin')).toEqual(['randomization', 'welch', 'power']);
    expect(report('voice-notes').method.intro).toBe(
      "Every figure compares reps, because reps are what was assigned to pilot or control: each rep's rows are first added up over the pilot period. Intervals are 90% confidence intervals.",
    );
  });
});

describe('periods', () => {
  test('days are split, not parsed, so no time zone shifts them', () => {
    expect(day('2026-03-02')).toBe('2 Mar 2026');
  });

  test('from start to end, or since the start while running', () => {
    expect(periodText(bySlug('nurture-q2'))).toBe('2 Mar to 5 Apr 2026');
    expect(periodText(bySlug('territory-pricing'))).toBe('1 Oct to 31 Dec 2025');
    expect(periodText(bySlug('voice-notes'))).toBe('since 6 Apr 2026');
    expect(pilotLength(bySlug('nurture-q2'))).toBe('5 weeks');
    expect(pilotLength(bySlug('voice-notes'))).toBeNull();
  });
});

describe('the hypothesis', () => {
  test('committed before the start is a pre-registration', () => {
    const pilot = bySlug('nurture-q2');
    expect(hypothesisNote(pilot, { status: 'committed', date: '2026-02-20', commit: 'abc' })).toEqual({
      tone: 'pre-registered',
      text: 'First committed on 20 Feb 2026, 10 days before the pilot started: written before any result existed.',
    });
    expect(hypothesisNote(pilot, { status: 'committed', date: '2026-03-02', commit: 'abc' })).toEqual({
      tone: 'pre-registered',
      text: 'First committed on 2 Mar 2026, the day the pilot started.',
    });
  });

  test('committed after the start, not committed, or not known', () => {
    const pilot = bySlug('nurture-q2');
    expect(hypothesisNote(pilot, { status: 'committed', date: '2026-04-01', commit: 'abc' })).toEqual({
      tone: 'after-start',
      text: 'First committed in this form on 1 Apr 2026, 30 days after the pilot started on 2 Mar 2026: it may have been written or changed knowing early results.',
    });
    expect(hypothesisNote(pilot, { status: 'uncommitted' }).text).toBe('Not yet committed to git in this form, so its date cannot be shown.');
    expect(hypothesisNote(pilot, { status: 'unavailable', reason: 'shallow clone' }).text).toBe('The date it was written is not available (shallow clone).');
    expect(report('nurture-q2').hypothesis.text).toBe('A weekly digest of the five warmest accounts raises revenue per rep by at least 5% over five weeks.');
  });
});

describe('labels inside a sentence keep their acronyms', () => {
  test('only a first word in plain title case is lowered', () => {
    expect(midSentence('Revenue per rep')).toBe('revenue per rep');
    expect(midSentence('Meetings booked per SDR')).toBe('meetings booked per SDR');
    expect(midSentence('SDR meetings')).toBe('SDR meetings');
    expect(midSentence('ARR per account')).toBe('ARR per account');
    expect(midSentence('NPS')).toBe('NPS');
    expect(midSentence('Win-rate')).toBe('win-rate');
    expect(midSentence('iPhone sales')).toBe('iPhone sales');
  });
});
