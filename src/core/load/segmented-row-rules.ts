/**
 * The row rules of a pilot that declares `segments`: every rule of
 * row-rules.ts, and the primary metric's values of each summed row also go
 * to the segments (segment-sums.ts). A subclass rather than a test in the
 * rules' metric loop, so that a pilot without segments runs exactly the loop
 * it always did (bench/RESULTS.md).
 */
import { primaryMetric, type Pilot } from '../pilot.ts';
import type { ColumnPlan, MetricPlan } from './columns.ts';
import { EMPTY, VALUE } from './metric-cells.ts';
import { RowRules, type RowBooks } from './row-rules.ts';
import type { RowView } from './row-view.ts';
import type { SegmentBook } from './segment-sums.ts';
import { PILOT, PRE, type Period } from './unit-sums.ts';

export class SegmentedRowRules extends RowRules {
  private readonly segments: SegmentBook;
  private readonly primary: number;

  constructor(pilot: Pilot, columnNames: readonly string[], columns: ColumnPlan, books: RowBooks, segments: SegmentBook) {
    super(pilot, columnNames, columns, books);
    this.segments = segments;
    this.primary = pilot.metrics.indexOf(primaryMetric(pilot));
  }

  /** RowRules.addMetrics, giving the primary metric's values to the segments too. */
  protected override addMetrics(view: RowView, row: number, index: number, pre: boolean, weekId: number): void {
    const { metricCells, sums, counts, segments } = this;
    const period = pre ? PRE : PILOT;
    const plans = this.plans;
    for (let m = 0; m < plans.length; m += 1) {
      const read = metricCells.read(view, plans[m] as MetricPlan, row);
      if (read === VALUE) {
        sums.add(index, m, period, weekId, metricCells.numerator, metricCells.denominator);
        if (m === this.primary) segments.add(view, row, index, period, metricCells.numerator, metricCells.denominator);
      } else if (read === EMPTY) {
        const missing = pre ? counts.missingPre : counts.missing;
        missing[m] = (missing[m] as number) + 1;
      } else this.reportCell(row, metricCells.column, metricCells.cell, metricCells.expected);
    }
  }

  /** The same for a pilot with a funnel metric beside its primary one (row-rules.ts, addMetricsAndFunnels). */
  protected override valueAdded(view: RowView, row: number, index: number, period: Period, m: number): void {
    if (m === this.primary) this.segments.add(view, row, index, period, this.metricCells.numerator, this.metricCells.denominator);
  }
}
