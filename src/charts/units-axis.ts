/**
 * The value axis shared by the per-unit dot plot (units.ts) and its summary
 * for many units (units-summary.ts): from zero (or below) to past the largest
 * value, rounded out, with room for half a tick label beyond each end.
 */
import * as Plot from '@observablehq/plot';
import { largest, smallest } from '../core/extent.ts';
import { tick } from '../core/present/format.ts';
import type { MetricResult } from '../core/results.ts';
import { spacedTicks, textWidth } from './render.ts';

export const FONT_SIZE = 13;
export const TICK_SIZE = FONT_SIZE - 1;

export interface UnitsAxis {
  domain: [number, number];
  ticks: number[];
  tickFormat: (value: number) => string;
  marginLeft: number;
  marginRight: number;
  plotWidth: number;
}

export function unitsAxis(values: readonly number[], metric: MetricResult, options: { width: number; compact: boolean }): UnitsAxis {
  const tickFormat = tick(metric);
  // A loop, not Math.min(...values): hundreds of thousands of units would overflow the call stack.
  const rawLow = smallest(values, 0);
  const rawHigh = largest(values, metric.pilot.value, metric.control.value);
  const pad = (rawHigh - rawLow || 1) * 0.04;
  // Rounded out as Plot's `nice` would, here, so the ticks below are chosen on the axis as drawn.
  const domain = Plot.scale({ x: { domain: [rawLow - (rawLow < 0 ? pad : 0), rawHigh + pad], nice: true } }).domain as [number, number];
  // Room for half the widest tick label beyond each end of the axis.
  const marginLeft = Math.max(34, Math.ceil(textWidth(tickFormat(domain[0]), TICK_SIZE) / 2) + 8);
  const marginRight = Math.max(34, Math.ceil(textWidth(tickFormat(domain[1]), TICK_SIZE) / 2) + 8);
  const plotWidth = options.width - marginLeft - marginRight;
  const ticks = spacedTicks(domain, { length: plotWidth, format: tickFormat, fontSize: TICK_SIZE, most: options.compact ? 6 : 9, overhang: [marginLeft - 4, marginRight - 4] });
  return { domain, ticks, tickFormat, marginLeft, marginRight, plotWidth };
}
