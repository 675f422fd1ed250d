import { describe, expect, it } from 'vitest';
import { qualificationCardContent, qualificationListModel, qualificationModel, tippingSentence } from '../../../src/core/present/qualification-model.ts';
import type { QualificationEvidence, QualificationResults, TippingPointResult } from '../../../src/core/qualification-analysis.ts';
import { winRate } from '../../../src/core/qualification-analysis.ts';
import type { Count } from '../../../src/core/stats/counts.ts';

const groups: Count[] = [
  { trials: 40, successes: 4 },
  { trials: 60, successes: 6 },
  { trials: 30, successes: 12 },
];

function tipping(clear: boolean, p: number): TippingPointResult {
  return {
    threshold: 2,
    atLeast: winRate({ trials: 30, successes: 12 }, 0.95),
    below: winRate({ trials: 100, successes: 10 }, 0.95),
    difference: { estimate: 0.3, low: 0.13, high: 0.47, p: 0.0002 },
    p,
    draws: 10_000,
    clear,
  };
}

function evidence(overrides: Partial<QualificationResults> = {}): QualificationEvidence {
  const results: QualificationResults = {
    kind: 'qualification',
    slug: 'checklist',
    title: 'Checklist',
    question: 'Which checks matter?',
    data: 'data/leads.csv',
    confidence: 0.95,
    leads: { read: 131, used: 130, leftOut: { blank: 1, outsidePeriod: 0 } },
    overall: winRate({ trials: 130, successes: 22 }, 0.95),
    period: { first: '2026-01-05', last: '2026-03-30' },
    byCriteriaMet: groups.map((group, met) => ({ met, ...winRate(group, 0.95) })),
    criteria: [
      { column: 'budget', label: 'Budget confirmed', met: winRate({ trials: 70, successes: 16 }, 0.95), notMet: winRate({ trials: 60, successes: 6 }, 0.95), difference: { estimate: 0.129, low: 0.004, high: 0.25, p: 0.04 } },
      { column: 'need', label: 'need', met: winRate({ trials: 130, successes: 22 }, 0.95), notMet: winRate({ trials: 0, successes: 0 }, 0.95), difference: null },
    ],
    tippingPoint: tipping(true, 0.0003),
    warnings: ['1 lead was left out for a blank criterion or outcome cell; fill in yes or no to count it (a lead still open has no outcome yet)'],
    ...overrides,
  };
  return { slug: 'checklist', file: 'pilots/checklist.md', qualification: { title: 'Checklist', kind: 'qualification', question: 'Which checks matter?', data: 'leads.csv', criteria: ['budget', 'need'], outcome: 'won', confidence: 0.95, owner: 'Sales Ops', summary: 'Two checks are enough.' }, story: '', results };
}

describe('qualificationModel', () => {
  it('headlines a clear tipping point with both win rates and the gap in points', () => {
    const model = qualificationModel(evidence());
    expect(model.headline).toBe('Leads meeting 2 or more of the 2 criteria won 40% of the time, against 10% for the rest: +30.0 points.');
    expect(model.description).toBe(model.headline);
    expect(model.evidence).toContain('p < 0.001, from 10,000 random reshufflings of which leads won');
    expect(model.evidence).toContain('95% interval +13.0 points to +47.0 points is for this threshold alone');
    expect(model.summary).toEqual({ text: 'Two checks are enough.', attribution: 'In the words of Sales Ops:' });
    expect(model.tags).toEqual([]);
    const tagged = evidence();
    expect(qualificationModel({ ...tagged, qualification: { ...tagged.qualification, tags: ['inbound', 'emea'] } }).tags).toEqual(['inbound', 'emea']);
    expect(model.keyNumbers).toEqual([
      { label: 'Leads', value: '130' },
      { label: 'Won', value: '17% (22)' },
      { label: 'Criteria', value: '2' },
      { label: 'Leads dated', value: '5 Jan 2026 to 30 Mar 2026' },
    ]);
  });

  it('says there is no clear tipping point when reshuffling finds gaps that large often', () => {
    const model = qualificationModel(evidence({ tippingPoint: tipping(false, 0.21) }));
    expect(model.clear).toBe(false);
    expect(model.headline).toBe(
      'No clear tipping point: the largest jump in win rate, at 2 or more of the 2 criteria, is +30.0 points, a gap that picking the best of 2 thresholds finds by chance alone too often to rely on.',
    );
    expect(model.evidence).toContain('p = 0.21');
    expect(model.evidence).toContain('gather more leads before setting one');
  });

  it('reads each criterion from its interval, and says when there is nothing to compare', () => {
    const [budget, need] = qualificationModel(evidence()).criteria.rows;
    expect(budget).toMatchObject({ label: 'Budget confirmed', column: 'budget', met: '23% (16 of 70)', notMet: '10% (6 of 60)', difference: '+12.9 points', interval: '+0.4 points to +25.0 points', reading: 'higher' });
    expect(need).toMatchObject({ label: 'need', column: null, difference: '\u2013', reading: 'no comparison', readingText: 'Every lead met it: nothing to compare.' });
  });

  it('never shows a rate for a group without leads', () => {
    const model = qualificationModel(evidence({ byCriteriaMet: [{ met: 0, ...winRate({ trials: 0, successes: 0 }, 0.95) }, ...groups.slice(1).map((group, index) => ({ met: index + 1, ...winRate(group, 0.95) }))] }));
    expect(model.byCriteriaMet.rows[0]).toEqual({ label: '0 of 2', leads: '0', wins: '0', rate: 'no leads', interval: '\u2013' });
    expect(JSON.stringify(model)).not.toMatch(/NaN|undefined|Infinity/);
  });
});

describe('qualificationCardContent', () => {
  it('puts the gap and its interval on the card only when the tipping point is clear', () => {
    const clear = qualificationCardContent(evidence(), { host: 'acme.github.io/pilots/checklist' });
    expect(clear).toMatchObject({ kicker: 'Lead qualification evidence', status: 'Observational', lift: '+30.0 pts', verdict: null, footer: 'acme.github.io/pilots/checklist \u00b7 130 leads' });
    expect(clear.bar).toMatchObject({ low: 0.13, high: 0.47 });
    const weak = qualificationCardContent(evidence({ tippingPoint: tipping(false, 0.21) }), { host: 'acme.github.io' });
    expect(weak).toMatchObject({ lift: 'No clear tipping point', bar: null });
  });
});

describe('qualificationListModel', () => {
  it('is null without qualification evidence, and lists each with its tipping point sentence', () => {
    expect(qualificationListModel([])).toBeNull();
    const list = qualificationListModel([evidence()]);
    expect(list?.items).toEqual([
      { slug: 'checklist', titleId: 'qualification-checklist', title: 'Checklist', line: tippingSentence(evidence().results), leads: '130 leads, 2 criteria' },
    ]);
  });
});
