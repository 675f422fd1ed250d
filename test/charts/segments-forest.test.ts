import { describe, expect, it } from 'vitest';
import { segmentsDomain, segmentsForest } from '../../src/charts/segments-forest.ts';
import { segmentsSection } from '../../src/core/present/segments-model.ts';
import { primaryResult } from '../../src/core/results.ts';
import { regionResults } from '../core/segments-fixture.ts';

function regionColumn() {
  const results = regionResults();
  const column = segmentsSection(results.segments, primaryResult(results), 'rep', results.confidence)?.columns[0];
  if (column === undefined) throw new Error('expected a column');
  return column;
}

describe('segmentsForest', () => {
  it('draws a bar for each segment with a bounded interval, on one axis holding zero and every bound', () => {
    const column = regionColumn();
    const forest = segmentsForest(column);
    expect(forest.rows.map((row) => row.bar !== null)).toEqual([true, true, false]);
    expect(forest.rows[0]?.bar).toContain('class="ib ib-win"');
    expect(forest.rows[1]?.bar).toContain('class="ib ib-inconclusive"');
    expect(forest.axis).toContain('class="ib-axis"');
    expect(forest.axis).toContain('0%');
    expect(forest.axisLabel).toBe('Change, on one relative axis');
    const [low, high] = segmentsDomain(column.rows);
    // South's low (-38%) and north's high (+218%), padded a tenth of the span.
    const south = column.rows[1]?.drawn?.low as number;
    const north = column.rows[0]?.drawn?.high as number;
    expect(low).toBeCloseTo(south - (north - south) / 10, 12);
    expect(high).toBeCloseTo(north + (north - south) / 10, 12);
  });

  it('has no axis when no segment can be drawn', () => {
    const column = { ...regionColumn() };
    column.rows = column.rows.map((row) => ({ ...row, drawn: null }));
    const forest = segmentsForest(column);
    expect(forest.axis).toBeNull();
    expect(forest.rows.every((row) => row.bar === null)).toBe(true);
    expect(segmentsDomain(column.rows)).toEqual([-0.5, 0.5]);
  });
});
