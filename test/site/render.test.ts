import * as Plot from '@observablehq/plot';
import { describe, expect, test } from 'vitest';
import {
  CHART_CLASS,
  centredOffRule,
  ChartWarningError,
  isClear,
  labelWidth,
  placeLabel,
  renderPlot,
  roundCoordinates,
  ruleStretches,
  spacedTicks,
  stableIds,
  textBox,
  textWidth,
  wrapLines,
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

  test('a vertical axis spaces its labels by their height, not their width', () => {
    // A trend's money axis, 196 units tall: "$15,000" is wide but only a line high.
    const ticks = spacedTicks([0, 18_000], { length: 196, format: dollars, fontSize: 12, most: 7, vertical: true });
    expect(ticks).toEqual([0, 5_000, 10_000, 15_000]);
    expect(spacedTicks([0, 12], { length: 196, format: String, fontSize: 12, most: 7, vertical: true })).toEqual([0, 2, 4, 6, 8, 10, 12]);
    // Laid along a horizontal axis the same labels need a far coarser step.
    expect(spacedTicks([0, 18_000], { length: 196, format: dollars, fontSize: 12, most: 7 })).toEqual([0, 10_000]);
  });

  test('takes the finest 1-2-5 step whose labels fit, and only ticks inside the domain', () => {
    // 300 units for a span of 49.2: a step of 2 puts ticks 12.2 units apart, under the 12-unit gap plus a
    // label's width; a step of 5 puts them 30.5 apart, room for "-5" or "40" (about 14 units) and the gap.
    const options = { length: 300, format: (value: number) => String(value), fontSize: 12 };
    expect(spacedTicks([-7.3, 41.9], options)).toEqual([-5, 0, 5, 10, 15, 20, 25, 30, 35, 40]);
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

describe('isClear', () => {
  const bounds: Box = { left: 0, right: 360, top: 0, bottom: 40 };
  const label = { text: 'before', fontSize: 12 };

  test('clear of obstacles by LABEL_GAP, and inside the bounds', () => {
    const started = textBox({ text: 'pilot starts 2 Mar', fontSize: 12, bold: true }, { x: 60, y: 12, textAnchor: 'start' });
    expect(isClear(label, { x: 20, y: 12, textAnchor: 'start' }, [started], bounds)).toBe(false);
    expect(isClear(label, { x: 300, y: 12, textAnchor: 'start' }, [started], bounds)).toBe(true);
    expect(isClear(label, { x: 355, y: 12, textAnchor: 'start' }, [], bounds)).toBe(false);
  });
});

describe('centredOffRule', () => {
  const rule: Box = { left: 146, right: 154, top: 40, bottom: 300 };
  const lift = { text: '+4.5%', fontSize: 12, bold: true };

  test('stays centred on its dot when clear of the rule', () => {
    expect(centredOffRule(lift, { x: 220, y: 100 }, rule, 'right')).toEqual({ x: 220, y: 100, textAnchor: 'middle' });
  });

  test('slides off the rule to its own side of zero, so "+4.5%" is not read as zero', () => {
    // The reviewer's case: the dot of +4.5% is 7 units right of zero.
    const right = centredOffRule(lift, { x: 157, y: 100 }, rule, 'right');
    expect(right).toEqual({ x: 158, y: 100, textAnchor: 'start' });
    expect(textBox(lift, right).left).toBeGreaterThan(rule.right);
    const left = centredOffRule({ ...lift, text: '\u22123.1%' }, { x: 147, y: 100 }, rule, 'left');
    expect(textBox({ ...lift, text: '\u22123.1%' }, left).right).toBeLessThan(rule.left);
  });
});

describe('ruleStretches', () => {
  const rule: Box = { left: 146, right: 154, top: 46, bottom: 300 };

  test('the rule stops 2 units short of each label it would cross', () => {
    const title: Box = { left: 30, right: 230, top: 100, bottom: 116 };
    expect(ruleStretches(rule, [title])).toEqual([
      { top: 46, bottom: 98 },
      { top: 118, bottom: 300 },
    ]);
  });

  test('labels it does not cross leave it whole; labels at its ends or touching each other leave no sliver', () => {
    expect(ruleStretches(rule, [{ left: 30, right: 120, top: 100, bottom: 116 }])).toEqual([{ top: 46, bottom: 300 }]);
    const lines: Box[] = [
      { left: 30, right: 200, top: 47, bottom: 63 },
      { left: 30, right: 200, top: 64, bottom: 80 },
      { left: 30, right: 200, top: 290, bottom: 306 },
    ];
    expect(ruleStretches(rule, lines)).toEqual([{ top: 82, bottom: 288 }]);
  });
});

describe('wrapLines', () => {
  const title = { text: 'Route qualified leads only to reps who follow up', fontSize: 13, bold: true };

  test('breaks on words, every line within the width', () => {
    const lines = wrapLines(title, 190, 2);
    expect(lines.join(' ')).toBe(title.text);
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(labelWidth({ ...title, text: line })).toBeLessThanOrEqual(190);
  });

  test('a title too long for its lines ends in an ellipsis at a word', () => {
    const lines = wrapLines(title, 120, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/\S\u2026$/);
    expect(title.text.startsWith(lines.join(' ').replace('\u2026', ''))).toBe(true);
    for (const line of lines) expect(labelWidth({ ...title, text: line })).toBeLessThanOrEqual(120);
  });

  test('one line when there is room, and a word longer than a line is cut', () => {
    expect(wrapLines(title, 700, 1)).toEqual([title.text]);
    const [line] = wrapLines({ ...title, text: 'Verkaufsgebietspreisliste' }, 80, 2);
    expect(line).toMatch(/\u2026$/);
    expect(labelWidth({ ...title, text: line ?? '' })).toBeLessThanOrEqual(80);
  });
});
