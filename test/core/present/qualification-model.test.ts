import { describe, expect, it } from 'vitest';
import { qualificationCardContent, qualificationListModel, qualificationModel, tippingSentence } from '../../../src/core/present/qualification-model.ts';
import { analysedQualification, CLEAR, WEAK } from '../../support/qualification.ts';

const clear = () => analysedQualification(CLEAR.criteria, CLEAR.groups, 'owner: Sales Ops\nsummary: Three checks are enough.\nlabels: { budget: Budget confirmed }\n');
const weak = () => analysedQualification(WEAK.criteria, WEAK.groups);

describe('qualificationModel', () => {
  it('headlines a clear tipping point with both win rates and the gap in points', async () => {
    const model = qualificationModel(await clear());
    expect(model.headline).toBe('Leads meeting 3 or more of the 3 criteria won 40% of the time, against 10% for the rest: +30.0 points.');
    expect(model.description).toBe(model.headline);
    expect(model.clear).toBe(true);
    expect(model.evidence).toMatch(/^The threshold was picked as the one with the largest gap, so the test allows for that: which leads won was reshuffled at random 10,000 times, and each time the largest gap over all 2 thresholds was found\. A gap as large as this one came up (in none of them|once|twice|[\d,]+ times) \(p < 0\.001\), so the tipping point is not an artefact/);
    expect(model.evidence).toMatch(/Its 95% interval, \+[\d.]+ points to \+[\d.]+ points, is for this threshold alone/);
    expect(model.summary).toEqual({ text: 'Three checks are enough.', attribution: 'In the words of Sales Ops:' });
    expect(model.keyNumbers).toEqual([
      { label: 'Leads', value: '130' },
      { label: 'Won', value: '17% (22)' },
      { label: 'Criteria', value: '3' },
    ]);
    expect(model.tags).toEqual([]);
  });

  it('says there is no clear tipping point when reshuffling finds gaps that large often', async () => {
    // 22.5% of 40 vs 15% of 20 at 1 or more; 25% of 20 vs 17.5% of 40 at 2: a tie, told at the smaller threshold.
    const model = qualificationModel(await weak());
    expect(model.clear).toBe(false);
    expect(model.headline).toBe(
      'No clear tipping point: the largest jump in win rate, at 1 or more of the 2 criteria, is +7.5 points, a gap that picking the best of 2 thresholds finds by chance alone too often to rely on.',
    );
    expect(model.evidence).toMatch(/p = 0\.\d\d/);
    expect(model.evidence).toContain('gather more leads before setting one');
  });

  it('reads each criterion from its interval, and says when there is nothing to compare', async () => {
    const [budget, champion, need] = qualificationModel(await clear()).criteria.rows;
    // Budget: 60 leads met it (15 won), 70 did not (7 won).
    expect(budget).toMatchObject({ label: 'Budget confirmed', column: 'budget', met: '25% (15 of 60)', notMet: '10% (7 of 70)', difference: '+15.0 points' });
    expect(champion?.column).toBeNull();
    expect(need).toMatchObject({ label: 'need', column: null, difference: '\u2013', interval: '\u2013', reading: 'no comparison', readingText: 'Every lead met it: nothing to compare.' });
  });

  it('never shows a rate for a group without leads', async () => {
    const model = qualificationModel(await clear());
    // Every lead meets "need": none meets 0 of 3.
    expect(model.byCriteriaMet.rows[0]).toEqual({ label: '0 of 3', leads: '0', wins: '0', rate: 'no leads', interval: '\u2013' });
    expect(JSON.stringify(model)).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('shows the file\'s tags', async () => {
    expect(qualificationModel(await analysedQualification(WEAK.criteria, WEAK.groups, 'tags: [inbound, emea]\n')).tags).toEqual(['inbound', 'emea']);
  });
});

describe('qualificationCardContent', () => {
  it('puts the gap and its interval on the card only when the tipping point is clear', async () => {
    const evidence = await clear();
    const card = qualificationCardContent(evidence, { host: 'acme.github.io/pilots/checklist' });
    expect(card).toMatchObject({ kicker: 'Lead qualification evidence', status: 'Observational', lift: '+30.0 pts', verdict: null, footer: 'acme.github.io/pilots/checklist \u00b7 130 leads' });
    expect(card.interval).toMatch(/^95% interval: \+[\d.]+ points to \+[\d.]+ points; p < 0\.001, best of 2 thresholds$/);
    expect(card.bar).toMatchObject({ estimate: evidence.results.tippingPoint?.difference.estimate });
    expect(qualificationCardContent(await weak(), { host: 'acme.github.io' })).toMatchObject({ lift: 'No clear tipping point', bar: null });
  });
});

describe('qualificationListModel', () => {
  it('is null without qualification evidence, and lists each with its tipping point sentence', async () => {
    expect(qualificationListModel([])).toBeNull();
    const evidence = await clear();
    expect(qualificationListModel([evidence])?.items).toEqual([
      { slug: 'checklist', titleId: 'qualification-checklist', title: 'Checklist', line: tippingSentence(evidence.results), leads: '130 leads, 3 criteria' },
    ]);
  });
});
