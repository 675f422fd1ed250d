/**
 * Where each metric's per-unit sums are kept (unit-sums.ts): metric m in
 * slot m, as before funnels, so every reader of `unit.metrics[m]` is
 * unchanged. A funnel metric (pilot-format.md, "Funnel metrics") needs one
 * count per stage: its last stage is its own slot m (its value, the share of
 * leads reaching the final stage), and each earlier stage takes a slot
 * after the last metric's, in the order the metrics and stages are listed.
 */
import type { Metric } from '../pilot.ts';

export interface SumSlots {
  /** Slots in all: the metrics, then the funnels' earlier stages. */
  count: number;
  /** Per metric: a funnel's slot for each stage in order (the last is the metric's own), null for any other kind. */
  stages: (number[] | null)[];
}

export function sumSlots(metrics: readonly Pick<Metric, 'type' | 'stages'>[]): SumSlots {
  let next = metrics.length;
  const stages = metrics.map((metric, m) => {
    if (metric.type !== 'funnel') return null;
    const earlier = Array.from({ length: (metric.stages?.length ?? 1) - 1 }, () => next++);
    return [...earlier, m];
  });
  return { count: next, stages };
}
