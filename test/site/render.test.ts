import * as Plot from '@observablehq/plot';
import { describe, expect, test } from 'vitest';
import { CHART_CLASS, ChartWarningError, renderPlot, roundCoordinates, stableIds } from '../../src/charts/render.ts';

describe('renderPlot', () => {
  test('gives a scalable, labelled SVG with no inline style and no random class', () => {
    const svg = renderPlot({ width: 400, height: 120, marks: [Plot.dot([1, 2, 3], { x: (value: number) => value })] }, { id: 'dots', label: 'Three dots', describedBy: 'dots-caption' });
    expect(svg).toMatch(/^<svg /);
    expect(svg).toContain('viewBox="0 0 400 120"');
    expect(svg).toContain('width="100%"');
    expect(svg).not.toMatch(/\sheight="/);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-label="Three dots"');
    expect(svg).toContain('aria-describedby="dots-caption"');
    expect(svg).toContain(`class="${CHART_CLASS}"`);
    expect(svg).not.toContain('<style');
    expect(svg).not.toMatch(/plot-[0-9a-f]{6}/);
  });

  test('the same chart renders to the same bytes every time', () => {
    const options = (): Plot.PlotOptions => ({
      width: 300,
      height: 100,
      marks: [Plot.areaY([1, 3, 2], { x: (_: number, index: number) => index, y: (value: number) => value, clip: true })],
    });
    const first = renderPlot(options(), { id: 'area', label: 'Area' });
    const second = renderPlot(options(), { id: 'area', label: 'Area' });
    expect(second).toBe(first);
    expect(first).toContain('area-clip-1');
    expect(first).not.toMatch(/plot-clip-\d/);
  });

  test('a Plot warning fails the render instead of drawing a warning sign', () => {
    // Strings that look like dates, left unparsed, make Plot warn.
    const options: Plot.PlotOptions = { marks: [Plot.dotX(['2026-01-05', '2026-01-12'], { x: (value: string) => value })] };
    expect(() => renderPlot(options, { id: 'dates', label: 'Dates' })).toThrow(ChartWarningError);
    expect(() => renderPlot(options, { id: 'dates', label: 'Dates' })).toThrow(/Chart "dates"/);
  });
});

describe('stableIds', () => {
  test('renumbers Plot clip and pattern ids in order of appearance', () => {
    expect(stableIds('<clipPath id="plot-clip-17"/><g clip-path="url(#plot-clip-17)"/><pattern id="plot-pattern-3"/>', 'c')).toBe(
      '<clipPath id="c-clip-1"/><g clip-path="url(#c-clip-1)"/><pattern id="c-pattern-2"/>',
    );
  });
});

describe('roundCoordinates', () => {
  test('rounds long coordinates in attributes, never text', () => {
    expect(roundCoordinates('<circle cx="402.2955587484984" cy="53"><title>0.0012345 of 1.23456</title></circle>')).toBe(
      '<circle cx="402.3" cy="53"><title>0.0012345 of 1.23456</title></circle>',
    );
    expect(roundCoordinates('<path d="M0.123456,-5.55555L3,4"/>')).toBe('<path d="M0.12,-5.56L3,4"/>');
  });
});

test('roundCoordinates leaves accessible text alone', () => {
  expect(roundCoordinates('<svg aria-label="a rate of 0.00123" x="1.23456">')).toBe('<svg aria-label="a rate of 0.00123" x="1.23">');
});
