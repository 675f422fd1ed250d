import { describe, expect, it } from 'vitest';
import { winRateByCriteriaChart } from '../../src/charts/qualification.ts';
import { analysedQualification, CLEAR, WEAK, type LeadGroup } from '../support/qualification.ts';

describe('winRateByCriteriaChart', () => {
  it('draws every group with leads, names the empty one and says where the rate jumps', async () => {
    const chart = winRateByCriteriaChart((await analysedQualification(CLEAR.criteria, CLEAR.groups)).results);
    expect(chart.table.rows.map((row) => row.slice(0, 3))).toEqual([
      ['0 of 3', '0', 'no leads'],
      ['1 of 3', '40', '10%'],
      ['2 of 3', '60', '10%'],
      ['3 of 3', '30', '40%'],
    ]);
    expect(chart.table.rows[0]?.slice(3)).toEqual(['\u2013', '\u2013']);
    expect(chart.description).toMatch(/^Win rate jumps at 3 or more of the 3 criteria/);
    // Three groups have a rate: three dots in each variant, and the empty group's words instead of a fourth.
    expect(chart.svg.wide.match(/<circle/g)?.length).toBe(3);
    expect(chart.svg.wide).toContain('no leads');
    expect(chart.svg.wide).not.toMatch(/NaN/);
  });

  it('says there is no clear jump when the evidence is weak', async () => {
    expect(winRateByCriteriaChart((await analysedQualification(WEAK.criteria, WEAK.groups)).results).description).toMatch(/^No clear jump in win rate/);
  });

  it('leaves the per-column words to the table when a long checklist crowds a phone', async () => {
    // Seven criteria, met cumulatively: 20 leads meet exactly k of them for k = 0..7, k of them won.
    const criteria = Array.from({ length: 7 }, (_, index) => `check${index + 1}`);
    const groups: LeadGroup[] = Array.from({ length: 8 }, (_, k) => ({ met: criteria.map((_, index) => index < k), leads: 20, wins: k }));
    const chart = winRateByCriteriaChart((await analysedQualification(criteria, groups)).results);
    expect(chart.svg.compact).not.toContain('20 leads');
    expect(chart.svg.wide).toContain('20 leads');
    expect(chart.table.rows).toHaveLength(8);
  });
});
