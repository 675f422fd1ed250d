/**
 * The forest of segments on a pilot's report: one row per value of a
 * `segments` column, its change and interval as a small bar on an axis the
 * column's rows share (interval-bar.ts, as the overview's every-pilot
 * table draws pilots), with the words and verdict of
 * src/core/present/segments-model.ts beside it. A table rather than one
 * Plot figure: it reflows to a phone's width and prints, and every number
 * in the picture is also in its text.
 *
 * The axis always holds zero and every drawn interval, padded a tenth; a
 * segment with no bounded interval (too few units, an unbounded side) gets
 * no bar, and its row says why.
 */
import type { SegmentColumnSection, SegmentRow } from '../core/present/segments-model.ts';
import { segmentTick } from '../core/present/segments-model.ts';
import { axisTicks, barAxisSvg, intervalBarSvg } from './interval-bar.ts';

export interface SegmentsForestRow extends SegmentRow {
  /** The bar's SVG markup (aria-hidden), or null with nothing bounded to draw. */
  bar: string | null;
}

export interface SegmentsForest {
  /** The shared axis for the table head, as SVG markup (aria-hidden); null when no row has a bar. */
  axis: string | null;
  /** What the axis measures: "Change, on one relative axis" or "Difference, in the metric's units". */
  axisLabel: string;
  rows: SegmentsForestRow[];
}

/** Zero and every drawn bound, padded a tenth of the span each side (a span of 1 around zero alone). */
export function segmentsDomain(rows: readonly SegmentRow[]): [number, number] {
  let low = 0;
  let high = 0;
  for (const row of rows) {
    if (row.drawn === null) continue;
    low = Math.min(low, row.drawn.low);
    high = Math.max(high, row.drawn.high);
  }
  const span = high - low;
  if (!(span > 0)) return [-0.5, 0.5];
  return [low - span / 10, high + span / 10];
}

export function segmentsForest(section: SegmentColumnSection): SegmentsForest {
  const domain = segmentsDomain(section.rows);
  const rows = section.rows.map((row) => ({
    ...row,
    bar: row.drawn === null ? null : intervalBarSvg(domain, row.drawn, { className: `ib-${row.verdict}` }),
  }));
  const drawn = rows.some((row) => row.bar !== null);
  return {
    axis: drawn ? barAxisSvg(domain, segmentTick(section), axisTicks(domain)) : null,
    axisLabel: section.scale === 'relative' ? 'Change, on one relative axis' : 'Difference, in the metric\u2019s units',
    rows,
  };
}
