/**
 * The overview table's hand-written interval bar and shared axis
 * (src/charts/interval-bar.ts): exact coordinates for known inputs,
 * clamping, escaping.
 */
import { describe, expect, test } from 'vitest';
import { AXIS, BAR, axisTicks, barAxisSvg, barX, intervalBarGeometry, intervalBarSvg } from '../../src/charts/interval-bar.ts';
import { liftTick } from '../../src/core/present/format.ts';
import { escapeMarkup } from '../../src/core/present/markup.ts';
import { commonDomain, headlineOf, boundedRelative, primaryResult } from '../../src/core/present/headline.ts';
import { bySlug, pilots } from '../support/analysed-pilots.ts';

// A domain of 100 percentage points over a drawing area of 180 units (200 wide, 10 padding each side): 1.8 units per point.
const DOMAIN: [number, number] = [-0.2, 0.8];

describe('interval bar geometry', () => {
  test('the drawing is 200 by 18 units with 10 units of padding', () => {
    expect(BAR).toEqual({ width: 200, height: 18, pad: 10 });
  });

  test('maps the domain onto the drawing area, linearly, in tenths', () => {
    expect(barX(DOMAIN, -0.2)).toBe(10);
    expect(barX(DOMAIN, 0)).toBe(46);
    expect(barX(DOMAIN, 0.3)).toBe(100);
    expect(barX(DOMAIN, 0.8)).toBe(190);
    // 10 + (0.1333 + 0.2) * 180 = 69.994 -> 70
    expect(barX(DOMAIN, 0.1333)).toBe(70);
    expect(barX([-0.15, 0.4], 0.1)).toBe(91.8);
  });

  test('places zero, the interval and the estimate', () => {
    expect(intervalBarGeometry(DOMAIN, { estimate: 0.1, low: -0.05, high: 0.3 })).toEqual({
      zero: 46,
      low: 37,
      high: 100,
      estimate: 64,
      clipped: { low: false, high: false },
    });
  });

  test('an interval that runs past the domain is cut at its edge, and says which end', () => {
    const bar = intervalBarGeometry(DOMAIN, { estimate: 0.5, low: -0.6, high: 1.4 });
    expect(bar).toEqual({ zero: 46, low: 10, high: 190, estimate: 136, clipped: { low: true, high: true } });
    expect(intervalBarGeometry(DOMAIN, { estimate: 0.9, low: 0.85, high: 0.95 })).toMatchObject({ low: 190, high: 190, estimate: 190, clipped: { low: false, high: true } });
  });

  test('a domain without zero draws no zero line', () => {
    expect(intervalBarGeometry([0.1, 0.5], { estimate: 0.3, low: 0.2, high: 0.4 }).zero).toBeNull();
    expect(intervalBarSvg([0.1, 0.5], { estimate: 0.3, low: 0.2, high: 0.4 })).not.toContain('ib-zero');
  });

  test('refuses an empty domain and numbers it cannot draw', () => {
    expect(() => barX([0.2, 0.2], 0.1)).toThrow(/low < high/);
    expect(() => intervalBarGeometry([0.5, -0.5], { estimate: 0, low: 0, high: 0 })).toThrow(/low < high/);
    expect(() => intervalBarGeometry(DOMAIN, { estimate: Number.NaN, low: 0, high: 0.1 })).toThrow(/finite/);
    expect(() => intervalBarGeometry(DOMAIN, { estimate: 0.1, low: 0.3, high: 0.1 })).toThrow(/low <= high/);
  });
});

describe('interval bar markup', () => {
  test('zero line, interval line, estimate dot: exactly, and small', () => {
    const svg = intervalBarSvg(DOMAIN, { estimate: 0.1, low: -0.05, high: 0.3 }, { className: 'ib-win' });
    expect(svg).toBe(
      '<svg class="ib ib-win" viewBox="0 0 200 18" aria-hidden="true">' +
        '<path class="ib-zero" d="M46 0V18"/>' +
        '<path class="ib-line" d="M37 9H100"/>' +
        '<circle class="ib-dot" cx="64" cy="9" r="4.5"/>' +
        '</svg>',
    );
    expect(svg.length).toBeLessThan(250);
  });

  test('a clipped end gets an arrowhead pointing outwards', () => {
    const svg = intervalBarSvg(DOMAIN, { estimate: 0.5, low: -0.6, high: 1.4 });
    expect(svg).toContain('<path class="ib-line" d="M10 9H190M14 5l-4 4l4 4M186 5l4 4l-4 4"/>');
    expect(intervalBarSvg(DOMAIN, { estimate: 0.1, low: -0.05, high: 0.3 })).not.toContain('l4 4');
  });

  test('no inline style, no colour: colour comes from the class', () => {
    const svg = intervalBarSvg(DOMAIN, { estimate: 0.1, low: -0.05, high: 0.3 }, { className: 'ib-loss' });
    expect(svg).not.toMatch(/style|fill=|stroke=|#[0-9a-f]{3,6}/i);
  });

  test('escapes the class name', () => {
    const svg = intervalBarSvg(DOMAIN, { estimate: 0, low: 0, high: 0 }, { className: 'x" onload="alert(1)<b>&' });
    expect(svg).toContain('class="ib x&quot; onload=&quot;alert(1)&lt;b&gt;&amp;"');
    expect(svg).not.toContain('onload="');
  });

  test('escapeMarkup covers every markup character', () => {
    expect(escapeMarkup('<a href="x">&</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;');
  });

  test('an analysed lift on the overview axis: demo-script\u2019s rate at its relative lift, +25% to +120%', async () => {
    const domain = commonDomain(pilots.map((pilot) => primaryResult(pilot.results)));
    const relative = boundedRelative(headlineOf(primaryResult(bySlug('demo-script').results)));
    if (!relative) throw new Error('expected a bounded relative interval');
    // [-0.35, 1.3]: 180 units over 165 points; zero at 10 + 0.35 / 1.65 * 180.
    expect(intervalBarGeometry(domain, relative)).toEqual({ zero: 48.2, low: 75.5, high: 179.1, estimate: 115.3, clipped: { low: false, high: false } });
    await expect(intervalBarSvg(domain, relative, { className: 'ib-win' })).toMatchFileSnapshot('./__snapshots__/interval-bar/demo-script.svg');
  });
});

describe('the shared axis', () => {
  test('round ticks, at most five, zero always among them', () => {
    expect(axisTicks([-0.15, 0.4])).toEqual([0, 0.2, 0.4]);
    expect(axisTicks([-0.35, 0.6])).toEqual([-0.25, 0, 0.25, 0.5]);
    expect(axisTicks([-0.1, 0.1])).toEqual([-0.1, 0, 0.1]);
    expect(axisTicks([-0.05, 0.05])).toEqual([-0.05, 0, 0.05]);
    expect(axisTicks([-1, 5])).toEqual([0, 2.5, 5]);
    for (const domain of [[-0.3, 0.1], [-0.05, 1.35], [-0.45, 0.05], [-0.35, 1.3]] as [number, number][]) {
      const ticks = axisTicks(domain);
      expect(ticks.length, String(domain)).toBeGreaterThanOrEqual(2);
      expect(ticks.length, String(domain)).toBeLessThanOrEqual(5);
      expect(ticks, String(domain)).toContain(0);
    }
  });

  test('draws a tick and a label per value, on the bars\u2019 coordinates', () => {
    const svg = barAxisSvg(DOMAIN, liftTick, [-0.1, 0, 0.5]);
    expect(svg).toBe(
      `<svg class="ib-axis" viewBox="0 0 200 ${AXIS.height}" aria-hidden="true">` +
        '<path d="M28 13V16M46 13V16M136 13V16"/>' +
        '<text x="28" y="11">\u221210%</text><text class="ib-axis-zero" x="46" y="11">0%</text><text x="136" y="11">+50%</text>' +
        '</svg>',
    );
  });

  test('escapes its labels', () => {
    const svg = barAxisSvg(DOMAIN, () => '<b>&"', [0]);
    expect(svg).toContain('>&lt;b&gt;&amp;&quot;</text>');
  });
});
