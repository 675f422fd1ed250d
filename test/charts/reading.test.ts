import { describe, expect, test } from 'vitest';
import { readingChart } from '../../src/charts/reading.ts';
import { overlaps } from '../../src/charts/render.ts';
import { dotHeights, drawnTexts, expectAccessible, labelProblems, widths, zeroRule } from './svg-text.ts';

describe('methodology chart', () => {
  test('three made-up examples, one per verdict, with their numbers in the table', () => {
    const chart = readingChart();
    expectAccessible(chart);
    expect(chart.id).toBe('reading-intervals');
    expect(chart.table.rows).toEqual([
      ['Clear gain', '+15%', '+3%', '+30%', 'Win'],
      ['Could go either way', '+12%', '−6%', '+31%', 'Inconclusive'],
      ['Clear loss', '−14%', '−25%', '−3%', 'Loss'],
    ]);
  });

  test('no two labels overlap, none sits on the zero rule or leaves the drawing, at either width', () => {
    for (const [width, svg] of widths(readingChart())) {
      expect(zeroRule(svg).length, width).toBeGreaterThan(0);
      expect(labelProblems(svg), width).toEqual([]);
    }
  });

  test('the zero rule stops short of "Could go either way: Inconclusive", and still runs through every interval', () => {
    // The reviewer's case: on the methodology page the rule cut through the inconclusive example's title.
    for (const [width, svg] of widths(readingChart())) {
      const title = drawnTexts(svg).find(({ text }) => text === 'Could go either way: Inconclusive');
      if (!title) throw new Error('expected the inconclusive example to be titled');
      const rule = zeroRule(svg);
      for (const stretch of rule) expect(overlaps(title.box, stretch), width).toBe(false);
      const heights = dotHeights(svg);
      expect(heights).toHaveLength(3);
      for (const y of heights) expect(rule.some((stretch) => stretch.top < y && y < stretch.bottom), `${width}: the line at ${y}`).toBe(true);
    }
  });

  test('the same chart every time', async () => {
    const chart = readingChart();
    expect(readingChart()).toEqual(chart);
    await expect(chart.svg.wide).toMatchFileSnapshot('./__snapshots__/reading/wide.svg');
    await expect(chart.svg.compact).toMatchFileSnapshot('./__snapshots__/reading/compact.svg');
  });
});
