import { describe, expect, it } from 'vitest';
import { segmentsSection } from '../../../src/core/present/segments-model.ts';
import { primaryResult } from '../../../src/core/results.ts';
import { regionResults, ROWS } from '../segments-fixture.ts';

function section() {
  const results = regionResults();
  const found = segmentsSection(results.segments, primaryResult(results), 'rep', results.confidence);
  if (found === null) throw new Error('expected a segments section');
  return found;
}

describe('segmentsSection', () => {
  it('is null for a pilot without segments', () => {
    const results = regionResults();
    expect(segmentsSection(undefined, primaryResult(results), 'rep', 0.95)).toBeNull();
  });

  it('says the primary metric is split, and how many comparisons each column is adjusted for', () => {
    const { intro, columns } = section();
    expect(intro).toMatch(/^Revenue per rep, the primary metric, within each segment/);
    expect(intro).toContain('Only the primary metric is split');
    const [region] = columns;
    expect(region?.title).toBe('By region');
    expect(region?.id).toBe('segments-region');
    expect(region?.adjusted).toMatch(/^Adjusted for 2 comparisons \(Holm's method\)/);
    expect(region?.adjusted).toContain('from 97.5% for the clearest segment down to at most 95%');
  });

  it('words each segment on one relative scale, with its own interval level and adjusted p', () => {
    const [north, south, west] = section().columns[0]?.rows ?? [];
    // North: +66 on 68, a lift of +97%; R's relative bounds 0.1875 and 2.1818 at 97.5%.
    expect(north).toMatchObject({
      value: 'north',
      verdict: 'win',
      units: '5 pilot reps, 5 control reps',
      change: '+97%',
      interval: '97.5% interval: +19% to +218%',
      p: 'p = 0.016 after adjusting (p = 0.008 before)',
      flag: null,
    });
    expect(north?.drawn?.low).toBeCloseTo(0.1875, 6);
    expect(south).toMatchObject({ verdict: 'inconclusive', interval: '95% interval: −38% to +217%', p: 'p = 0.23 after adjusting (p = 0.23 before)' });
    expect(west).toMatchObject({ verdict: 'too-few', change: null, interval: null, p: null, drawn: null });
    expect(west?.flag).toBe('Too few to read: 1 pilot rep and 1 control rep have rows here; at least 2 in each group are needed.');
  });

  it('flags a segment whose units no split could read, without an interval or a p', () => {
    const east = ['p1', 'p2', 'p3', 'c1', 'c2', 'c3'].map((rep, i) => [rep, rep.startsWith('p') ? 'pilot' : 'control', 'east', String(10 + i)]);
    const results = regionResults([...ROWS, ...east]);
    const rows = segmentsSection(results.segments, primaryResult(results), 'rep', results.confidence)?.columns[0]?.rows ?? [];
    expect(rows.find((row) => row.value === 'east')).toMatchObject({
      verdict: 'too-few',
      interval: null,
      p: null,
      drawn: null,
      flag: "Too few to read: with 3 pilot and 3 control reps here, no split of them could show an effect, so this segment's change is not read either way.",
    });
  });

  it('gives each column an id of its own, even when two names make the same one', () => {
    const results = regionResults();
    const column = results.segments?.[0];
    if (column === undefined) throw new Error('expected a segments column');
    const twice = [column, { ...column, column: 'Region' }];
    expect(segmentsSection(twice, primaryResult(results), 'rep', 0.95)?.columns.map((found) => found.id)).toEqual(['segments-region', 'segments-region-2']);
  });

  it('gives the interaction test its sentence', () => {
    // R (interaction.R, C): p = 0.18253968253968253 over all 252 splits.
    expect(section().columns[0]?.interaction).toBe(
      'This does not show that the effect differs between these segments (a randomization test of one effect for all 2 segments, against all 252 ways the reps could have been split, p = 0.18): the overall result stays the best guide for each, and the differences between them may well be chance.',
    );
  });
});
