import { describe, expect, test } from 'vitest';
import { roadblockChart } from '../../src/charts/roadblock.ts';
import { roadblockView } from '../../src/core/present/roadblock.ts';
import { metricOf } from '../support/analysed-pilots.ts';
import { clashes, expectAccessible, widths } from './svg-text.ts';

function demoScriptView() {
  const { pilot, metric, evidence } = metricOf('demo-script', 'win-rate');
  const view = roadblockView(metric, evidence, { roadblock: 0.35, showUnits: pilot.pilot.showUnits, units: { one: 'rep', many: 'reps' } });
  if (view === null) throw new Error('expected a roadblock view of demo-script/win-rate');
  return view;
}

describe('roadblock chart', () => {
  test('counts per range and arm, the same numbers in its table, in words first', () => {
    const chart = roadblockChart(demoScriptView());
    expectAccessible(chart);
    expect(chart.id).toBe('roadblock-win-rate');
    expect(chart.description).toBe(
      'Each bar counts the units whose own rate falls in its range; bars below the dashed line are filled. The line at 35.0% is the pilot file\u2019s own (roadblock: 35.0%).',
    );
    expect(chart.table.columns).toEqual(['Deals won of the unit', 'Pilot units', 'Control units']);
    expect(chart.table.rows).toEqual([
      // Control reps won 1 in 6 (three reps) or 1 in 3 (five); pilot reps 1 in 3 (three) or 1 in 2 (five).
      ['10% to 20% (below the line)', '0', '3'],
      ['30% to 35% (below the line)', '3', '5'],
      ['50% to 60%', '5', '0'],
    ]);
    for (const [, svg] of widths(chart)) {
      expect(clashes(svg)).toEqual([]);
      // Each arm's count of units below the line is drawn, not only told.
      expect(svg).toContain('Pilot: 3 of 8 below the line');
      expect(svg).toContain('Control: 8 of 8 below the line');
    }
  });

  test('snapshots', async () => {
    const chart = roadblockChart(demoScriptView());
    await expect(chart.svg.wide).toMatchFileSnapshot('./__snapshots__/roadblock/demo-script-win-rate-wide.svg');
    await expect(chart.svg.compact).toMatchFileSnapshot('./__snapshots__/roadblock/demo-script-win-rate-compact.svg');
  });
});
