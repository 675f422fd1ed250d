/**
 * The interval bar of the overview's every-pilot table: one pilot's primary
 * lift as a tiny SVG on the axis every row shares (zero line, interval line,
 * estimate dot), and that axis once, for the table head.
 *
 * Written by hand, not drawn by Observable Plot: a Plot strip with its own
 * axis, caption and data table weighs about 2.6 kB, this bar about 200 bytes,
 * which is what lets a hundred pilots fit one page. Pure functions of the
 * domain and the interval; colours and stroke widths come from CSS classes in
 * src/styles/site.css (`.ib*`), since the Content-Security-Policy allows no
 * inline style. The bars carry no words: they are aria-hidden, and the table
 * states every number in text.
 */

import { escapeMarkup } from '../core/present/markup.ts';

/** The bar's drawing, in SVG user units: `pad` keeps the dot whole at the domain's edges. */
export const BAR = { width: 200, height: 18, pad: 10 } as const;
/** The axis drawn once in the table head, on the same width as the bars so they line up. */
export const AXIS = { height: 16, baseline: 11 } as const;

/** A relative interval, as fractions (a 12% lift is 0.12). */
export interface BarInterval {
  estimate: number;
  low: number;
  high: number;
}

export interface BarGeometry {
  /** x of zero, or null when the domain leaves zero out. */
  zero: number | null;
  low: number;
  high: number;
  estimate: number;
  /** Which ends ran past the domain and were cut at its edge (drawn with an arrowhead). */
  clipped: { low: boolean; high: boolean };
}

/** A hundredth of a unit is invisible; tenths keep the markup short. */
function round(value: number): number {
  const rounded = Math.round(value * 10) / 10;
  return rounded === 0 ? 0 : rounded;
}

function checkDomain(domain: readonly [number, number]): void {
  const [low, high] = domain;
  if (!Number.isFinite(low) || !Number.isFinite(high) || !(high > low)) {
    throw new Error(`An interval bar needs a finite domain with low < high, got [${low}, ${high}]`);
  }
}

/** Where a value falls on the bar, unclamped and unrounded. */
function position(domain: readonly [number, number], value: number): number {
  const [low, high] = domain;
  return BAR.pad + ((value - low) / (high - low)) * (BAR.width - 2 * BAR.pad);
}

/** x of a value on the bar, clamped to the drawing area, in tenths. */
export function barX(domain: readonly [number, number], value: number): number {
  checkDomain(domain);
  return round(Math.min(BAR.width - BAR.pad, Math.max(BAR.pad, position(domain, value))));
}

export function intervalBarGeometry(domain: readonly [number, number], interval: BarInterval): BarGeometry {
  checkDomain(domain);
  const { estimate, low, high } = interval;
  if (![estimate, low, high].every(Number.isFinite) || low > high) {
    throw new Error(`An interval bar needs finite numbers with low <= high, got ${low}, ${estimate}, ${high}`);
  }
  const [from, to] = domain;
  return {
    zero: from <= 0 && 0 <= to ? barX(domain, 0) : null,
    low: barX(domain, low),
    high: barX(domain, high),
    estimate: barX(domain, estimate),
    clipped: { low: low < from, high: high > to },
  };
}

/**
 * The bar as SVG markup. `className` names its colour (e.g. "ib-win", styled
 * in site.css); the line and dot draw in currentColor.
 */
export function intervalBarSvg(domain: readonly [number, number], interval: BarInterval, options: { className?: string } = {}): string {
  const bar = intervalBarGeometry(domain, interval);
  const middle = BAR.height / 2;
  // An end cut at the domain's edge gets an arrowhead pointing on, outwards.
  const arrow = (x: number, outward: -1 | 1) => `M${round(x - 4 * outward)} ${middle - 4}l${4 * outward} 4l${-4 * outward} 4`;
  const line =
    `M${bar.low} ${middle}H${bar.high}` +
    (bar.clipped.low ? arrow(bar.low, -1) : '') +
    (bar.clipped.high ? arrow(bar.high, 1) : '');
  const className = escapeMarkup(['ib', options.className].filter(Boolean).join(' '));
  return (
    `<svg class="${className}" viewBox="0 0 ${BAR.width} ${BAR.height}" aria-hidden="true">` +
    (bar.zero === null ? '' : `<path class="ib-zero" d="M${bar.zero} 0V${BAR.height}"/>`) +
    `<path class="ib-line" d="${line}"/>` +
    `<circle class="ib-dot" cx="${bar.estimate}" cy="${middle}" r="4.5"/>` +
    `</svg>`
  );
}

/**
 * Round tick values across a domain, at most `most` of them, always with
 * zero when the domain holds it: steps of 1, 2, 2.5 or 5 times a power of
 * ten, the coarsest that still gives at least two ticks.
 */
export function axisTicks(domain: readonly [number, number], most = 5): number[] {
  checkDomain(domain);
  const [from, to] = domain;
  const span = to - from;
  const power = 10 ** Math.floor(Math.log10(span));
  const steps = [10, 5, 2.5, 2, 1, 0.5, 0.25, 0.2, 0.1].map((factor) => factor * power);
  let best: number[] = [];
  for (const step of steps) {
    const first = Math.ceil(from / step - 1e-9);
    const last = Math.floor(to / step + 1e-9);
    // Rounded, so 3 * 0.1 is 0.3 and not 0.30000000000000004.
    const ticks = Array.from({ length: last - first + 1 }, (_, index) => Math.round((first + index) * step * 1e9) / 1e9);
    if (ticks.length > most) break;
    best = ticks;
    if (ticks.length >= 3) break;
  }
  // -0 would print as "−0%".
  return best.map((value) => (value === 0 ? 0 : value));
}

/**
 * The shared axis as SVG markup: a short tick and a label at each tick value
 * (`format`, e.g. liftTick: "−10%", "0%", "+10%"), on the bars' width so it
 * lines up with them. Zero's label carries `ib-axis-zero`.
 */
export function barAxisSvg(domain: readonly [number, number], format: (value: number) => string, ticks: readonly number[] = axisTicks(domain)): string {
  const marks = ticks.map((value) => ({ value, x: barX(domain, value) }));
  const tickPath = marks.map(({ x }) => `M${x} ${AXIS.height - 3}V${AXIS.height}`).join('');
  const labels = marks
    .map(({ value, x }) => `<text${value === 0 ? ' class="ib-axis-zero"' : ''} x="${x}" y="${AXIS.baseline}">${escapeMarkup(format(value))}</text>`)
    .join('');
  return `<svg class="ib-axis" viewBox="0 0 ${BAR.width} ${AXIS.height}" aria-hidden="true"><path d="${tickPath}"/>${labels}</svg>`;
}
