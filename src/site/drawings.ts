/**
 * The charts and preview cards pages draw, through the render cache
 * (render-cache.ts): a piece whose inputs and code are unchanged since the
 * last build is read back instead of drawn again. In `npm run build`, the
 * cards and report charts are drawn on the build's drawing threads
 * (drawing-pool.ts), so they are asynchronous. The chart modules in
 * src/charts/ stay pure functions of their inputs; only pages call these.
 *
 * The forest plot is drawn afresh each build: its input is every pilot's
 * evidence, so hashing it would cost about what drawing it does.
 */
import path from 'node:path';
import type { Chart } from '../charts/chart.ts';
import { liftStripChart as drawLiftStripChart } from '../charts/lift-strip.ts';
import { readingChart as drawReadingChart } from '../charts/reading.ts';
import { error, FieldproofError } from '../core/problems.ts';
import type { CardContent } from './card.ts';
import { pilotPagesOfBuild, projectRoot } from './data.ts';
import { type DrawingKind, drawHere, type drawingKinds } from './drawing-kinds.ts';
import { type DrawingPool, drawingThreads, openDrawingPool } from './drawing-pool.ts';
import { isDevServer } from './evidence.ts';
import { findSiteRoot, noRenderCache, renderCacheFor } from './render-cache.ts';

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
 * same arguments before. A new chart needs no entry here: a page can wrap it
 * itself, `cachedChart('chart:win-rate-by-criteria', winRateByCriteriaChart)(...)`.
 */
export function cachedChart<Args extends unknown[], Drawn extends Chart | null>(kind: string, draw: (...args: Args) => Drawn): (...args: Args) => Drawn {
  return (...args) => JSON.parse(renderCacheFor(projectRoot()).text(kind, args, () => JSON.stringify(draw(...args)))) as Drawn;
}

/**
 * Pilot pages to render from which a build starts its drawing threads. Each
 * thread takes about 0.4 s to load Plot, satori and resvg before it draws
 * anything: a build after one CSV edit took 6.2 s with them against 5.8 s
 * without (1,000 bench pilots, 7 pieces to draw).
 */
export const THREADS_FROM_PAGES = 8;

/**
 * The build's drawing threads (drawing-pool.ts): as many as
 * FIELDPROOF_DRAWING_THREADS says, which `npm run build` sets, when
 * THREADS_FROM_PAGES pilot pages or more are to be rendered; none under
 * `astro dev`, or when the site's code cannot be found.
 */
function drawingPool(): Promise<DrawingPool | null> {
  pool ??= (async () => {
    const size = drawingThreads(process.env);
    const siteRoot = findSiteRoot();
    if (size === 0 || isDevServer() || siteRoot === null) return null;
    if ((await pilotPagesOfBuild()).render.length < THREADS_FROM_PAGES) return null;
    return openDrawingPool({ size, script: path.join(siteRoot, 'src', 'site', 'drawing-worker.ts'), drawHere, tell: (text) => process.stderr.write(text) });
  })();
  return pool;
}
let pool: Promise<DrawingPool | null> | undefined;

/** `kind` drawn from `args`, on a drawing thread when the build has them. */
async function drawn<Drawn>(kind: DrawingKind, args: unknown[]): Promise<Drawn> {
  const threads = await drawingPool();
  return (await (threads === null ? drawHere(kind, args) : threads.draw(kind, args))) as Drawn;
}

/**
 * A chart of the report page (ReportView, MetricResult), drawn on a drawing
 * thread when the build has them, and kept with the pilot's address rather
 * than on its own when addresses are kept (pilotAddressesKept).
 */
function reportChart<Kind extends Exclude<DrawingKind, 'card:png'>>(kind: Kind) {
  type Draw = (typeof drawingKinds)[Kind];
  return async (...args: Parameters<Draw>): Promise<ReturnType<Draw>> => {
    const cache = pilotAddressesKept() ? noRenderCache : renderCacheFor(projectRoot());
    return JSON.parse(await cache.asyncText(kind, args, async () => JSON.stringify(await drawn(kind, args)))) as ReturnType<Draw>;
  };
}

export const funnelChart = reportChart('chart:funnel');
export const intervalChart = reportChart('chart:interval');
export const liftStripChart = cachedChart('chart:lift-strip', drawLiftStripChart);
export const randomizationChart = reportChart('chart:randomization');
export const readingChart = cachedChart('chart:reading', drawReadingChart);
export const roadblockChart = reportChart('chart:roadblock');
export const trendChart = reportChart('chart:trend');
export const unitsChart = reportChart('chart:units');

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

/** A preview card as PNG bytes (satori and resvg take about 35 ms per card); `pilotAddress`: a published pilot's own card, kept with its address (pilotAddressesKept). */
export function cardImage(card: CardContent, options: { pilotAddress?: boolean } = {}): Promise<Uint8Array<ArrayBuffer>> {
  const cache = options.pilotAddress && pilotAddressesKept() ? noRenderCache : renderCacheFor(projectRoot());
  return cache.bytes('card:png', card, () => drawn<Uint8Array<ArrayBuffer>>('card:png', [card]));
}
