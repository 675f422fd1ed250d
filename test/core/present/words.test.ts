import { describe, expect, it } from 'vitest';
import { armsPhrase, spelledPoints, verbAfter } from '../../../src/core/present/words.ts';

describe('verbAfter: "was" or "were" after a metric label', () => {
  it.each([
    ['Leads followed up by sales', 'were'],
    ['Admin hours per rep-week', 'were'],
    ['Meetings booked per SDR', 'were'],
    ['Deals won', 'were'],
    ['Days to close', 'were'],
    ['Calls per working day', 'were'],
    ['Revenue per rep', 'was'],
    ['Win rate', 'was'],
    ['Win rate of inbound leads', 'was'],
    ['Discount as a share of list price', 'was'],
    ['Number of deals', 'was'],
    ['Renewal revenue per rep', 'was'],
    ['Average deal size', 'was'],
    ['Business', 'was'],
    ['Status', 'was'],
  ])('%s %s', (label, verb) => {
    expect(verbAfter(label)).toBe(verb);
  });
});

describe('card words', () => {
  it('spells out points and names the arms with the unit noun', () => {
    expect(spelledPoints('+16.7 pp')).toBe('+16.7 points');
    expect(spelledPoints('+8.3 pp to +25.0 pp')).toBe('+8.3 points to +25.0 points');
    expect(spelledPoints('app pp')).toBe('app pp');
    expect(armsPhrase('rep', { pilot: 12, control: 14 })).toBe('12 pilot reps vs 14 control reps');
    expect(armsPhrase('territory', { pilot: 1, control: 1_200 })).toBe('1 pilot territory vs 1,200 control territories');
  });
});
