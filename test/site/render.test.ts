import * as Plot from '@observablehq/plot';
import { describe, expect, test } from 'vitest';
import {
  CHART_CLASS,
  ChartWarningError,
  placeLabel,
  renderPlot,
  roundCoordinates,
  spacedTicks,
  stableIds,
  textBox,
  textWidth,
  type Box,
} from '../../src/charts/render.ts';

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

describe('textWidth', () => {
  test('counts wide glyphs wide: a percent sign is about an em, a comma a third of one', () => {
    // Inter at 13px, as Chromium draws it: "+3%" 29.2, "$100,000" at 12px 53.3 (see the table's comment).
    expect(textWidth('+3%', 13)).toBeGreaterThanOrEqual(29.2);
    expect(textWidth('$100,000', 12)).toBeGreaterThanOrEqual(53.3);
    expect(textWidth('$100,000', 12)).toBeLessThan(60);
  });
});

describe('spacedTicks', () => {
  const dollars = (value: number) => `$${value.toLocaleString('en-US')}`;

  test('a phone-width money axis gets fewer ticks, so "$100,000$200,000" cannot run together', () => {
    const ticks = spacedTicks([0, 500_000], { length: 284, format: dollars, fontSize: 12 });
    expect(ticks).toEqual([0, 200_000, 400_000]);
    const spacing = (200_000 / 500_000) * 284;
    for (const value of ticks) expect(textWidth(dollars(value), 12) + 12).toBeLessThanOrEqual(spacing);
  });

  test('a wide axis keeps its finer step, up to `most` ticks', () => {
    expect(spacedTicks([0, 500_000], { length: 640, format: dollars, fontSize: 12 })).toEqual([0, 100_000, 200_000, 300_000, 400_000, 500_000]);
    expect(spacedTicks([0, 500_000], { length: 640, format: dollars, fontSize: 12, most: 4 })).toEqual([0, 200_000, 400_000]);
  });

  test('leaves out an end tick whose label would stick out past the margin', () => {
    expect(spacedTicks([0, 500_000], { length: 640, format: dollars, fontSize: 12, overhang: [30, 20] })).toEqual([0, 100_000, 200_000, 300_000, 400_000]);
  });

  test('round values without float noise, and zero never negative', () => {
    const ticks = spacedTicks([-0.3, 0.3], { length: 600, format: (value) => `${value * 100}%`, fontSize: 12, most: 7 });
    expect(ticks).toEqual([-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3]);
    expect(Object.is(ticks[3], -0)).toBe(false);
  });

  test('the same axis gives the same ticks', () => {
    const options = { length: 300, format: (value: number) => String(value), fontSize: 12 };
    expect(spacedTicks([-7.3, 41.9], options)).toEqual(spacedTicks([-7.3, 41.9], options));
  });
});

describe('placeLabel', () => {
  const bounds: Box = { left: 0, right: 360, top: 0, bottom: 200 };
  const zeroRule: Box = { left: 96, right: 104, top: 20, bottom: 180 };
  const label = { text: '+7.9%', fontSize: 13 };

  test('takes the first spot clear of every obstacle, and becomes one itself', () => {
    const obstacles = [zeroRule];
    // Beside the line's end it would sit on the zero rule; under the line it is clear.
    const spot = placeLabel(label, [{ x: 112, y: 100, textAnchor: 'end' }, { x: 108, y: 119, textAnchor: 'start' }], obstacles, bounds);
    expect(spot).toEqual({ x: 108, y: 119, textAnchor: 'start' });
    expect(obstacles).toHaveLength(2);
    expect(obstacles[1]).toEqual(textBox(label, spot));
  });

  test('keeps a gap between neighbouring labels', () => {
    const obstacles: Box[] = [];
    const first = placeLabel(label, [{ x: 100, y: 50, textAnchor: 'start' }], obstacles, bounds);
    const right = textBox(label, first).right;
    const second = placeLabel(label, [{ x: right + 1, y: 50, textAnchor: 'start' }, { x: right + 10, y: 50, textAnchor: 'start' }], obstacles, bounds);
    expect(second.x).toBe(right + 10);
  });

  test('stays inside the drawing, and falls back to the first spot when nothing is clear', () => {
    expect(placeLabel(label, [{ x: 2, y: 50, textAnchor: 'end' }, { x: 2, y: 50, textAnchor: 'start' }], [], bounds).textAnchor).toBe('start');
    expect(placeLabel(label, [{ x: 100, y: 100, textAnchor: 'middle' }], [zeroRule], bounds)).toEqual({ x: 100, y: 100, textAnchor: 'middle' });
  });
});
