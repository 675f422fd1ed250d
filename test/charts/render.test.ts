/**
 * The helpers of src/charts/render.ts that the chart tests measure with
 * (textBox, overlaps) and the row frame the interval charts share.
 * renderPlot, stableIds, spacedTicks, placeLabel and the other layout
 * helpers are tested in test/site/render.test.ts.
 */
import * as Plot from '@observablehq/plot';
import { describe, expect, test } from 'vitest';
import { intervalObstacles, LINE_HEIGHT, labelWidth, overlaps, renderPlot, rowFrame, textBox, textWidth, ZERO_CLEARANCE } from '../../src/charts/render.ts';
import { drawnTexts } from './svg-text.ts';

describe('textBox', () => {
  const label = { text: '+12%', fontSize: 10 };
  const width = textWidth('+12%', 10);

  test('a line of text is LINE_HEIGHT em high, centred on its spot', () => {
    expect(textBox(label, { x: 100, y: 50, textAnchor: 'start' })).toEqual({ left: 100, right: 100 + width, top: 50 - LINE_HEIGHT * 5, bottom: 50 + LINE_HEIGHT * 5 });
  });

  test('its anchor says which end of it is at x', () => {
    expect(textBox(label, { x: 100, y: 0, textAnchor: 'end' })).toMatchObject({ left: 100 - width, right: 100 });
    const middle = textBox(label, { x: 100, y: 0, textAnchor: 'middle' });
    expect(middle.left).toBeCloseTo(100 - width / 2, 10);
    expect(middle.right).toBeCloseTo(100 + width / 2, 10);
  });

  test('bold text is measured about 8% wider', () => {
    expect(labelWidth({ ...label, bold: true })).toBeCloseTo(width * 1.08, 10);
  });
});

describe('overlaps', () => {
  const box = { left: 0, right: 10, top: 0, bottom: 10 };

  test('boxes that share area overlap; boxes that only touch do not', () => {
    expect(overlaps(box, { left: 9, right: 20, top: 9, bottom: 20 })).toBe(true);
    expect(overlaps(box, { left: 10, right: 20, top: 0, bottom: 10 })).toBe(false);
    expect(overlaps(box, { left: 0, right: 10, top: 10, bottom: 20 })).toBe(false);
    expect(overlaps(box, { left: 2, right: 3, top: 2, bottom: 3 })).toBe(true);
  });
});

describe('rowFrame', () => {
  const frame = rowFrame({ domain: [-0.5, 1.5], left: 30, plotWidth: 200, top: 20, rowHeight: 50, rows: 2 });

  test('maps values across and rows down, and back', () => {
    expect(frame.px(-0.5)).toBe(30);
    expect(frame.px(0)).toBe(80);
    expect(frame.px(1.5)).toBe(230);
    expect(frame.valueAt(130)).toBeCloseTo(0.5, 12);
    expect(frame.lineAt(0)).toBe(45);
    expect(frame.lineAt(1)).toBe(95);
  });

  test('keeps a band clear around the zero rule, from the first row to the last', () => {
    expect(frame.zeroBand).toEqual({ left: 80 - ZERO_CLEARANCE, right: 80 + ZERO_CLEARANCE, top: 20, bottom: 120 });
  });

  test('the obstacles of the rows: "no difference", each line and each dot; none for a row without a line', () => {
    const obstacles = intervalObstacles(frame, [{ low: 0, high: 1, estimate: 0.5 }, null], {
      noDifference: { text: 'no difference', fontSize: 12 },
      top: 20,
      above: 16,
      dotReach: 9,
    });
    expect(obstacles).toHaveLength(3);
    expect(obstacles[0]).toEqual(textBox({ text: 'no difference', fontSize: 12 }, { x: 80, y: 4, textAnchor: 'middle' }));
    expect(obstacles[1]).toEqual({ left: 77, right: 183, top: 41.5, bottom: 48.5 });
    expect(obstacles[2]).toEqual({ left: 121, right: 139, top: 36, bottom: 54 });
  });
});

describe('reading a drawing back', () => {
  test('a text is found where Plot draws it, by its anchor and size', () => {
    const svg = renderPlot(
      {
        width: 200,
        height: 100,
        x: { domain: [0, 200], axis: null },
        y: { domain: [0, 100], axis: null },
        margin: 0,
        marks: [Plot.text(['+12%'], { x: () => 50, y: () => 50, textAnchor: 'start', fontSize: 10 })],
      },
      { id: 'probe', label: 'Probe' },
    );
    const [text] = drawnTexts(svg);
    expect(text?.text).toBe('+12%');
    // Plot's y scale runs upwards: 50 of 100 is the middle either way.
    expect(text?.box).toEqual(textBox({ text: '+12%', fontSize: 10 }, { x: 50, y: 50, textAnchor: 'start' }));
  });
});
