/**
 * Before a cold build renders a page, its pilots' analyses are worked out on
 * every core into the store of analyses (src/core/cache.ts), which the build
 * then only reads. Astro renders pages in one thread, and a large project's
 * analyses (randomization inference, about 85 ms a pilot: bench/RESULTS.md)
 * are half of its cold build; on two cores they take half as long.
 *
 * Each worker (analysis-worker.ts) asks analyzeProject for one pilot file at
 * a time, exactly as the build would: a pilot it finds unchanged costs a
 * lookup, one it cannot analyse is left for the build to report, so what the
 * build publishes is the same with or without this step.
 */
import { readdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { analysisVersion, cacheDirectory, findCodeRoot } from '../core/cache.ts';

/** Fewer pilot files than this are analysed by the build itself: starting the workers would cost more than it saves. */
export const AHEAD_FROM_PILOTS = 16;

export interface AheadJob {
  root: string;
  dir: string;
  version: string;
  files: string[];
}

/** The pilot files (repository-relative), dealt round the workers in name order. */
export function dealFiles(files: readonly string[], workers: number): string[][] {
  const hands: string[][] = Array.from({ length: Math.max(1, workers) }, () => []);
  [...files].sort().forEach((file, index) => hands[index % hands.length]?.push(file));
  return hands.filter((hand) => hand.length > 0);
}

/**
 * Analyses every pilot of the project at `root` into its store, on up to
 * `workers` threads; resolves with the number of pilot files dealt out (0
 * when there were too few, or the cache is off). Never throws: a failure
 * here only means the build analyses those pilots itself.
 */
export async function analyseAhead(root: string, env: Record<string, string | undefined>, workers = availableParallelism()): Promise<number> {
  if (env.FIELDPROOF_CACHE === 'off' || workers < 2) return 0;
  const names = await readdir(path.join(root, 'pilots')).catch(() => [] as string[]);
  const files = names.filter((name) => name.endsWith('.md')).map((name) => `pilots/${name}`);
  if (files.length < AHEAD_FROM_PILOTS) return 0;
  const version = await analysisVersion(findCodeRoot());
  const dir = cacheDirectory(root, env);
  const jobs = dealFiles(files, workers).map((hand): AheadJob => ({ root, dir, version, files: hand }));
  await Promise.all(
    jobs.map(
      (job) =>
        new Promise<void>((resolve) => {
          const worker = new Worker(new URL('./analysis-worker.ts', import.meta.url), { workerData: job });
          worker.once('error', () => resolve());
          worker.once('exit', () => resolve());
        }),
    ),
  );
  return files.length;
}
