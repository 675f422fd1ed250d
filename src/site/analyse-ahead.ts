/**
 * Before a cold build renders a page, its pilots' analyses are worked out on
 * every core into the store of analyses (src/core/cache.ts), which the build
 * then only reads. Astro renders pages in one thread, and a large project's
 * analyses (randomization inference, about 85 ms a pilot: bench/RESULTS.md)
 * are half of its cold build; on two cores they take half as long.
 *
 * Each worker (analysis-worker.ts) takes the next pilot file not yet taken
 * (claimFiles) and asks analyzeProject for it, exactly as the build would: a pilot it finds unchanged costs a
 * lookup, one it cannot analyse is left for the build to report, so what the
 * build publishes is the same with or without this step.
 *
 * A build with little changed starts no worker: `ahead.stamp` in the store
 * records when the last run began and for which version of the code, and
 * only AHEAD_FROM_CHANGES pilot or data files modified since (or another
 * version of the code, or no stamp) send the workers out again. Fewer are
 * analysed by the build itself: starting the workers, each of which looks
 * every pilot up in the store, costs more than analysing a few pilots.
 */
import { mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { analysisVersion, cacheDirectory, findCodeRoot } from '../core/cache.ts';

/** Fewer pilot files than this are analysed by the build itself: starting the workers would cost more than it saves. */
export const AHEAD_FROM_PILOTS = 16;
/** Fewer pilot and data files changed since the last run than this are analysed by the build itself, for the same reason. */
export const AHEAD_FROM_CHANGES = 8;

export interface AheadJob {
  root: string;
  dir: string;
  version: string;
  /** Every pilot file, in name order, shared by all the workers. */
  files: string[];
  /** Four bytes holding the index of the next file to take (claimFiles). */
  next: SharedArrayBuffer;
}

/**
 * The indices of `count` files a worker takes, one at a time, from the
 * counter every worker shares: a worker given a slow pilot (a file of
 * millions of rows) takes fewer, and none waits while another still has a
 * pile of its own. Dealt out in advance, a project with one large pilot had
 * one core idle while the other worked through it and its share besides.
 */
export function* claimFiles(next: Int32Array, count: number): Generator<number> {
  for (let index = Atomics.add(next, 0, 1); index < count; index = Atomics.add(next, 0, 1)) yield index;
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
  const started = new Date();
  if ((await changedSince(root, dir, version)) < AHEAD_FROM_CHANGES) {
    // The build analyses those few itself and stores them: counted from now on.
    await markRun(dir, version, started);
    return 0;
  }
  const job: AheadJob = { root, dir, version, files: [...files].sort(), next: new SharedArrayBuffer(4) };
  await Promise.all(
    Array.from(
      { length: Math.min(workers, files.length) },
      () =>
        new Promise<void>((resolve) => {
          const worker = new Worker(new URL('./analysis-worker.ts', import.meta.url), { workerData: job });
          worker.once('error', () => resolve());
          worker.once('exit', () => resolve());
        }),
    ),
  );
  await markRun(dir, version, started);
  return files.length;
}

const STAMP = 'ahead.stamp';

/**
 * How many pilot and data files changed since the last run for this version
 * of the code (Infinity without one). Not whether each pilot is stored: a
 * draft, a plan or a pilot with an error never is, and would send the
 * workers out every time.
 */
async function changedSince(root: string, dir: string, version: string): Promise<number> {
  const stamp = path.join(dir, STAMP);
  const [stampText, stampFacts] = await Promise.all([readFile(stamp, 'utf8').catch(() => null), stat(stamp).catch(() => null)]);
  if (stampText !== version || stampFacts === null) return Infinity;
  const times = await modificationTimes(root, ['pilots', 'data']);
  return times.filter((time) => time >= stampFacts.mtimeMs).length;
}

/** The modification time of every file under these folders of the project. */
async function modificationTimes(root: string, folders: readonly string[]): Promise<number[]> {
  const times: number[] = [];
  for (const folder of folders) {
    const names = (await readdir(path.join(root, folder), { recursive: true }).catch(() => [] as string[])) as string[];
    times.push(...(await Promise.all(names.map((name) => stat(path.join(root, folder, name)).then((facts) => facts.mtimeMs, () => -Infinity)))));
  }
  return times;
}

/** Records the run, dated when it began: a file changed while it ran is newer, and sends the next run out again. */
async function markRun(dir: string, version: string, started: Date): Promise<void> {
  const stamp = path.join(dir, STAMP);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(stamp, version);
    await utimes(stamp, started, started);
  } catch {
    // Without a stamp the next build only sends the workers out again.
  }
}
