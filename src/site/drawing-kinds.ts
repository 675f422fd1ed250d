/**
 * The pieces a build can hand to a drawing thread (drawing-pool.ts), by the
 * kind their cache entries carry: the preview card and the charts of a
 * pilot's report. Each is a pure function of its arguments, which cross to
 * the thread by structured clone, so a thread draws the same bytes as the
 * page's own thread would.
 */
import type { Chart } from '../charts/chart.ts';
import { funnelChart } from '../charts/funnel.ts';
import { intervalChart } from '../charts/interval.ts';
import { randomizationChart } from '../charts/randomization.ts';
import { roadblockChart } from '../charts/roadblock.ts';
import { trendChart } from '../charts/trend.ts';
import { unitsChart } from '../charts/units.ts';
import { cardPng } from './card.ts';

type Drawn = Chart | null | Uint8Array<ArrayBuffer>;

export const drawingKinds = {
  'card:png': cardPng,
  'chart:funnel': funnelChart,
  'chart:interval': intervalChart,
  'chart:randomization': randomizationChart,
  'chart:roadblock': roadblockChart,
  'chart:trend': trendChart,
  'chart:units': unitsChart,
} satisfies Record<string, (...args: never[]) => Drawn | Promise<Drawn>>;

export type DrawingKind = keyof typeof drawingKinds;

/** Draws `kind` from `args` in this thread. */
export async function drawHere(kind: DrawingKind, args: readonly unknown[]): Promise<Drawn> {
  const draw = drawingKinds[kind] as (...args: readonly unknown[]) => Drawn | Promise<Drawn>;
  return draw(...args);
}
