/**
 * The charts and preview cards pages draw, through the render cache
 * (render-cache.ts): a piece whose inputs and code are unchanged since the
 * last build is read back instead of drawn again. The chart modules in
 * src/charts/ stay pure functions of their inputs; only pages call these.
 *
 * The forest plot is drawn afresh each build: its input is every pilot's
 * evidence, so hashing it would cost about what drawing it does.
 */
import type { Chart } from '../charts/chart.ts';
import { funnelChart as drawFunnelChart } from '../charts/funnel.ts';
import { intervalChart as drawIntervalChart } from '../charts/interval.ts';
import { liftStripChart as drawLiftStripChart } from '../charts/lift-strip.ts';
import { randomizationChart as drawRandomizationChart } from '../charts/randomization.ts';
import { readingChart as drawReadingChart } from '../charts/reading.ts';
import { roadblockChart as drawRoadblockChart } from '../charts/roadblock.ts';
import { trendChart as drawTrendChart } from '../charts/trend.ts';
import { unitsChart as drawUnitsChart } from '../charts/units.ts';
import { error, FieldproofError } from '../core/problems.ts';
import { cardPng, type CardContent } from './card.ts';
import { projectRoot } from './data.ts';
import { isDevServer } from './evidence.ts';
import { noRenderCache, renderCacheFor } from './render-cache.ts';

/**
 * Whether this build keeps each published pilot's address whole
 * (kept-pages.ts): then the pieces only that address shows are drawn without
 * being kept one by one. The address is rendered again only when its
 * evidence, its dates or the code changed, and then most of its pieces did
 * too; keying and storing each piece cost more than drawing it once.
 */
function pilotAddressesKept(): boolean {
  return !isDevServer() && renderCacheFor(projectRoot()).place !== null;
}

/**
 * `draw`, answered from the cache when the same `kind` was drawn from the
 * same arguments before (`pilotAddress`: a piece only a published pilot's own
 * address shows, kept with it instead when addresses are kept). A new chart
 * needs no entry here: a page can wrap it itself,
 * `cachedChart('chart:funnel', funnelChart)(...)`.
 */
export function cachedChart<Args extends unknown[], Drawn extends Chart | null>(
  kind: string,
  draw: (...args: Args) => Drawn,
  options: { pilotAddress?: boolean } = {},
): (...args: Args) => Drawn {
  return (...args) => {
    const cache = options.pilotAddress && pilotAddressesKept() ? noRenderCache : renderCacheFor(projectRoot());
    return JSON.parse(cache.text(kind, args, () => JSON.stringify(draw(...args)))) as Drawn;
  };
}

// Charts of the report page only (ReportView, MetricResult) are kept with the pilot's address.
const onPilotAddress = { pilotAddress: true };
export const funnelChart = cachedChart('chart:funnel', drawFunnelChart, onPilotAddress);
export const intervalChart = cachedChart('chart:interval', drawIntervalChart, onPilotAddress);
export const liftStripChart = cachedChart('chart:lift-strip', drawLiftStripChart);
export const randomizationChart = cachedChart('chart:randomization', drawRandomizationChart, onPilotAddress);
export const readingChart = cachedChart('chart:reading', drawReadingChart);
export const roadblockChart = cachedChart('chart:roadblock', drawRoadblockChart, onPilotAddress);
export const trendChart = cachedChart('chart:trend', drawTrendChart, onPilotAddress);
export const unitsChart = cachedChart('chart:units', drawUnitsChart, onPilotAddress);

/**
 * One piece of a pilot's page (a chart, the story, the card), drawn; a
 * failure becomes a problem naming the pilot file and the piece, which the
 * build prints, instead of a stack trace that names neither. `check`
 * renders what could fail on the user's input; this is the net for the rest.
 */
export async function drawnFor<T>(file: string, piece: string, draw: () => T | Promise<T>): Promise<T> {
  try {
    return await draw();
  } catch (cause) {
    if (cause instanceof FieldproofError) throw cause;
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new FieldproofError([error({ file, message: `the ${piece} could not be drawn (${reason}); this is a fault in fieldproof: please report it with this pilot file` })]);
  }
}

/** A preview card as PNG bytes (satori and resvg take about 35 ms per card); `pilotAddress`: a published pilot's own card (see cachedChart). */
export function cardImage(card: CardContent, options: { pilotAddress?: boolean } = {}): Promise<Uint8Array<ArrayBuffer>> {
  const cache = options.pilotAddress && pilotAddressesKept() ? noRenderCache : renderCacheFor(projectRoot());
  return cache.bytes('card:png', card, () => cardPng(card));
}
