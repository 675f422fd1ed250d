/**
 * A site built by several Astro processes at once, when asked for with
 * FIELDPROOF_BUILD_SHARDS=N. `npm run build` (scripts/build-site.ts) then
 * starts one `astro build` per shard, each told its shard in FIELDPROOF_SHARD
 * ("2/2"), and moves the pilots' folders of the others into the first one's
 * output before publishing it.
 *
 * By default one process builds the whole site, its charts and cards drawn
 * on threads beside its pages (drawing-pool.ts). On the 2-core bench machine
 * that is faster than two processes and takes two thirds of the memory
 * (1,000 pilots cold: 86 s and 948 MB in all, against 109 s and 1,397 MB:
 * bench/RESULTS.md). Shards may still pay on a machine with many cores and
 * memory to spare: each holds the whole project's evidence (about 0.65 GB at
 * 1,000 pilots), and renders only its own pilots' pages.
 *
 * Every shard reads the whole project (the analyses come from the store the
 * build filled ahead), so every page means the same in each; a shard renders
 * only its own pilots' addresses, and only the first shard's other pages
 * (overview, methodology, plans, qualification files) are published. A pilot
 * belongs to one shard by a hash of its slug, so all shards agree without
 * talking to each other.
 */
import { fnv1a32 } from '../core/stats/random.ts';

/** At most this many processes, however many are asked for. */
export const MOST_SHARDS = 16;

export interface Shard {
  /** 1-based: shard 1 publishes the pages every pilot shares. */
  index: number;
  count: number;
}

/** How many astro processes build the site: FIELDPROOF_BUILD_SHARDS when it is a whole number, one otherwise. */
export function shardCount(env: Record<string, string | undefined>): number {
  const asked = env.FIELDPROOF_BUILD_SHARDS ?? '';
  return /^[1-9]\d*$/.test(asked) ? Math.min(Number(asked), MOST_SHARDS) : 1;
}

/** The shard this process builds, from FIELDPROOF_SHARD ("k/N"); null when the whole site is built here. */
export function shardOf(env: Record<string, string | undefined>): Shard | null {
  const match = /^(\d+)\/(\d+)$/.exec(env.FIELDPROOF_SHARD ?? '');
  if (match === null) return null;
  const index = Number(match[1]);
  const count = Number(match[2]);
  return count > 1 && index >= 1 && index <= count ? { index, count } : null;
}

/** Whether the shard renders this pilot's address; every pilot when the whole site is built here. */
export function rendersPilot(shard: Shard | null, slug: string): boolean {
  return shard === null || fnv1a32(slug) % shard.count === shard.index - 1;
}

/** Whether the shard publishes the pages that are not a pilot's (overview, plans, qualification files...). */
export function publishesSharedPages(shard: Shard | null): boolean {
  return shard === null || shard.index === 1;
}
