/**
 * A pilot as the rest of the code reads it: its types, derived from the
 * schema (./pilot-schema.ts) as types only, and two helpers. This module loads
 * no zod, so a command that finds every pilot file unchanged since it last
 * read it (src/core/cache.ts) never loads the schema library at all.
 */
import type { z } from 'zod';
import type { metricEntry, pilotSchema } from './pilot-schema.ts';

export type Pilot = z.output<typeof pilotSchema>;
export type PilotInput = z.input<typeof pilotSchema>;
export type Metric = z.output<typeof metricEntry>;

/** The primary metric: the one marked, or else the first. */
export function primaryMetric(pilot: Pilot): Metric {
  return pilot.metrics.find((metric) => metric.primary === true) ?? (pilot.metrics[0] as Metric);
}

/** A funnel metric's stages in order, each as its column and the label pages show (the column's own name unless one is given). */
export function funnelStages(metric: Pick<Metric, 'stages'>): { column: string; label: string }[] {
  // followed_up reads as "followed up": a column name is a machine's spelling of the stage.
  const spoken = (column: string) => column.replace(/[_-]+/g, ' ').trim() || column;
  return (metric.stages ?? []).map((stage) =>
    typeof stage === 'string' ? { column: stage, label: spoken(stage) } : { column: stage.column, label: stage.label ?? spoken(stage.column) },
  );
}
