import { describe, expect, it } from 'vitest';
import { winRateByCriteriaChart } from '../../src/charts/qualification.ts';
import type { QualificationResults } from '../../src/core/qualification-analysis.ts';
import { winRate } from '../../src/core/qualification-analysis.ts';

function results(tippingClear: boolean): QualificationResults {
  const groups = [
    { trials: 40, successes: 4 },
    { trials: 0, successes: 0 },
    { trials: 30, successes: 15 },
  ];
  return {
    kind: 'qualification',
    slug: 'leads',
    title: 'Leads',
    question: 'Which criteria?',
    data: 'data/leads.csv',
    confidence: 0.95,
    leads: { read: 70, used: 70, leftOut: { blank: 0, outsidePeriod: 0 } },
    overall: winRate({ trials: 70, successes: 19 }, 0.95),
    period: null,
    byCriteriaMet: groups.map((group, met) => ({ met, ...winRate(group, 0.95) })),
    criteria: [],
    tippingPoint: {
      threshold: 2,
      atLeast: winRate(groups[2]!, 0.95),
      below: winRate(groups[0]!, 0.95),
      difference: { estimate: 0.4, low: 0.2, high: 0.58, p: 0.0001 },
      p: 0.0001,
      draws: 10_000,
      clear: tippingClear,
    },
    warnings: [],
  };
}

describe('winRateByCriteriaChart', () => {
  it('draws every group with leads, names the empty one and says where the rate jumps', () => {
    const chart = winRateByCriteriaChart({ ...results(true), criteria: [{} as never, {} as never] });
    expect(chart.table.rows).toEqual([
      ['0 of 2', '40', '10%', '4%', '23%'],
      ['1 of 2', '0', 'no leads', '\u2013', '\u2013'],
      ['2 of 2', '30', '50%', '33%', '67%'],
    ]);
    expect(chart.description).toMatch(/^Win rate jumps at 2 or more of the 2 criteria/);
    // Two groups have a rate: two dots in each variant, and the empty group's words instead of a third.
    expect(chart.svg.wide.match(/<circle/g)?.length).toBe(2);
    expect(chart.svg.wide).toContain('no leads');
    expect(chart.svg.wide).not.toMatch(/NaN/);
  });

  it('says there is no clear jump when the evidence is weak', () => {
    expect(winRateByCriteriaChart(results(false)).description).toMatch(/^No clear jump in win rate/);
  });

  it('leaves the per-column words to the table when a long checklist crowds a phone', () => {
    const many = results(true);
    const byCriteriaMet = Array.from({ length: 8 }, (_, met) => ({ met, ...winRate({ trials: 20, successes: met }, 0.95) }));
    const chart = winRateByCriteriaChart({ ...many, byCriteriaMet });
    expect(chart.svg.compact).not.toContain('20 leads');
    expect(chart.svg.wide).toContain('20 leads');
    expect(chart.table.rows).toHaveLength(8);
  });
});
