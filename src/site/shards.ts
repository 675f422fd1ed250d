/**
 * A large site built by several Astro processes at once, one per core.
 * Astro renders pages in one thread; past a few hundred pilots their report
 * pages, cards and results documents are most of a cold build (about 0.1 s a
 * pilot: bench/RESULTS.md). `npm run build` (scripts/build-site.ts) then
 * starts one `astro build` per shard, each told its shard in FIELDPROOF_SHARD
 * ("2/2"), and moves the pilots' folders of the others into the first one's
 * output before publishing it.
 *
 * Every shard reads the whole project (the analyses come from the store the
 * build filled ahead), so every page means the same in each; a shard renders
 * only its own pilots' addresses, and only the first shard's other pages
 * (overview, methodology, plans, qualification files) are published. A pilot
 * belongs to one shard by a hash of its slug, so all shards agree without
 * talking to each other.
 */
import { readdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { count } from '../core/present/format.ts';
import { fnv1a32 } from '../core/stats/random.ts';

/** Pilot files from which a build is shared: below, one process's start (about 3 s) would cost more than it saves. */
export const SHARDS_FROM_PILOTS = 200;
/** At most this many processes: each holds the whole project's evidence (about 0.65 GB in all at 1,000 pilots). */
export const MOST_SHARDS = 4;

/**
 * The memory one astro process of a build is given room for: what one
 * peaked at in cold builds of the bench's pilots (bench/RESULTS.md), about
 * 250 MB for Astro and Vite and 0.4 MB a pilot (650 MB at 1,000 pilots, with
 * every pilot's evidence in each process), taken a quarter higher. A machine
 * without room for two builds in one process: that fits (790 MB in all at
 * 1,000 pilots) and takes about a fifth longer, where two could be stopped
 * by the system for want of memory.
 */
export function shardMemory(pilotFiles: number): number {
  return 1.25 * (250 + 0.4 * pilotFiles) * 2 ** 20;
}
/** What the build's own process holds beside its astro processes. */
export const WRAPPER_MEMORY = 128 * 2 ** 20;

export interface Shard {
  /** 1-based: shard 1 publishes the pages every pilot shares. */
  index: number;
  count: number;
}

/**
 * How many astro processes build the site at `root`: one per core (at most
 * MOST_SHARDS, and no more than the memory available to this process has
 * room for: shardMemory) when SHARDS_FROM_PILOTS pilot files or more have no
 * address kept by an earlier build for this code (`kept`,
 * src/site/kept-pages.ts); one otherwise, and with the cache off (each
 * process would analyse every pilot itself). FIELDPROOF_BUILD_SHARDS sets
 * the number (1: one process).
 */
export async function shardCount(
  root: string,
  env: Record<string, string | undefined>,
  kept: () => number,
  cores = availableParallelism(),
  memory = process.availableMemory(),
  tell: (text: string) => void = () => undefined,
): Promise<number> {
  const asked = env.FIELDPROOF_BUILD_SHARDS ?? '';
  if (/^[1-9]\d*$/.test(asked)) return Math.min(Number(asked), 16);
  if (env.FIELDPROOF_CACHE === 'off' || cores < 2) return 1;
  const names = await readdir(path.join(root, 'pilots')).catch(() => [] as string[]);
  const files = names.filter((name) => name.endsWith('.md')).length;
  if (files < SHARDS_FROM_PILOTS || files - kept() < SHARDS_FROM_PILOTS) return 1;
  const wanted = Math.min(cores, MOST_SHARDS);
  const roomFor = Math.max(1, Math.floor((memory - WRAPPER_MEMORY) / shardMemory(files)));
  if (roomFor >= wanted) return wanted;
  const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;
  tell(
    `fieldproof: building in ${roomFor === 1 ? 'one process' : `${roomFor} processes`} rather than ${wanted}: ${mib(Math.max(0, memory))} of memory is available and each needs about ${mib(shardMemory(files))} at ${count(files, 'pilot file')} (FIELDPROOF_BUILD_SHARDS sets the number)\n`,
  );
  return roomFor;
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
