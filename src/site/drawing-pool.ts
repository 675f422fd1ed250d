/**
 * Threads that draw a build's preview cards and report charts beside the
 * thread that renders its pages. Astro renders pages on one thread: a card
 * is about 35 ms of satori and resvg, a report's charts about 12 ms of Plot,
 * and with them on that thread one astro process used one core. A second
 * astro process (src/site/shards.ts) used the other, but each process holds
 * 550 to 650 MB, and two of them did not fit in 1 GiB. Threads in the same
 * process share its code and its evidence, and need only what drawing takes.
 *
 * `npm run build` asks for them (FIELDPROOF_DRAWING_THREADS, set by
 * scripts/build-site.ts) and lets Astro render several pages at once
 * (astro.config.mjs), so that pages wait for their pieces while others are
 * rendered. Anywhere else (`astro dev`, `astro build` run directly, tests)
 * pieces are drawn on the page's own thread, as before.
 *
 * A thread that cannot start or stops hands its pieces back: they are drawn
 * on the page's thread instead, and the build goes on. A piece that fails to
 * draw fails as it would have on the page's thread.
 */
import { Worker } from 'node:worker_threads';
import { FieldproofError } from '../core/problems.ts';
import type { DrawingKind } from './drawing-kinds.ts';
import type { DrawingReply, DrawingRequest } from './drawing-worker.ts';

/** At most this many drawing threads for one astro process: each holds 85 to 100 MB (satori, resvg, Plot and their fonts: bench/RESULTS.md). */
export const MOST_DRAWING_THREADS = 4;

/** The drawing threads this astro process was given in FIELDPROOF_DRAWING_THREADS (by `npm run build`); 0 for none. */
export function drawingThreads(env: Record<string, string | undefined>): number {
  const asked = env.FIELDPROOF_DRAWING_THREADS ?? '';
  return /^\d+$/.test(asked) ? Math.min(Number(asked), MOST_DRAWING_THREADS) : 0;
}

/**
 * The drawing threads `npm run build` gives each of its `shards` astro
 * processes: FIELDPROOF_DRAWING_THREADS when the user set it (0: none);
 * otherwise one per core the process has to itself, and none on a machine
 * with one core, where a thread would only hold memory.
 */
export function drawingThreadsFor(env: Record<string, string | undefined>, shards: number, cores: number): number {
  if (/^\d+$/.test(env.FIELDPROOF_DRAWING_THREADS ?? '')) return drawingThreads(env);
  if (cores < 2) return 0;
  return Math.max(1, Math.min(Math.floor(cores / shards), MOST_DRAWING_THREADS));
}

/** Shared through globalThis: astro.config.mjs and the pages' bundle each load their own copy of this module. */
const DRAWN_ON_THREADS = Symbol.for('fieldproof.drawn-on-threads');
type DrawnOnThreads = { pieces: number; threads: number };

/** How many pieces this process drew on drawing threads, and on how many threads: said once the build is done. */
export function drawnOnThreads(): DrawnOnThreads {
  return ((globalThis as { [DRAWN_ON_THREADS]?: DrawnOnThreads })[DRAWN_ON_THREADS] ??= { pieces: 0, threads: 0 });
}

export interface DrawingPool {
  /** `kind` drawn from `args` on the least busy thread. */
  draw(kind: DrawingKind, args: unknown[]): Promise<unknown>;
  /** Stops the threads; pieces still being drawn are drawn on this thread. */
  close(): Promise<void>;
}

export interface DrawingPoolOptions {
  /** How many threads, at most; each starts when a piece first finds the others busy. */
  size: number;
  /** The thread's script (drawing-worker.ts). */
  script: string | URL;
  /** Draws a piece on this thread: for pieces whose thread stopped, or that cannot be sent to one. */
  drawHere: (kind: DrawingKind, args: readonly unknown[]) => Promise<unknown>;
  /** Where to say that a thread stopped. */
  tell?: (text: string) => void;
}

interface Pending {
  kind: DrawingKind;
  args: unknown[];
  resolve: (value: unknown) => void;
  reject: (cause: unknown) => void;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
  stopped: boolean;
}

export function openDrawingPool({ size, script, drawHere, tell = () => {} }: DrawingPoolOptions): DrawingPool {
  const threads: Thread[] = [];
  let nextId = 0;
  let closing = false;
  // Once a thread has failed, no more are started: whatever stopped it would stop them too.
  let broken = false;

  const handBack = (thread: Thread, reason: string) => {
    if (thread.stopped) return;
    thread.stopped = true;
    if (!closing && !broken) tell(`fieldproof: a drawing thread stopped (${reason}); its charts and cards are drawn on the page's thread instead\n`);
    if (!closing) broken = true;
    for (const { kind, args, resolve, reject } of thread.pending.values()) drawHere(kind, args).then(resolve, reject);
    thread.pending.clear();
  };

  const start = (): Thread | null => {
    let worker: Worker;
    try {
      worker = new Worker(script);
    } catch (cause) {
      broken = true;
      tell(`fieldproof: a drawing thread could not start (${(cause as Error).message}); charts and cards are drawn on the page's thread instead\n`);
      return null;
    }
    const thread: Thread = { worker, pending: new Map(), stopped: false };
    drawnOnThreads().threads += 1;
    // An idle thread never keeps the build's process alive; one with pieces to draw does (see draw).
    worker.unref();
    worker.on('message', (reply: DrawingReply) => {
      const pending = thread.pending.get(reply.id);
      if (pending === undefined) return;
      thread.pending.delete(reply.id);
      if (thread.pending.size === 0) worker.unref();
      if (reply.ok) {
        drawnOnThreads().pieces += 1;
        pending.resolve(reply.value);
      } else pending.reject(reply.problems ? new FieldproofError(reply.problems, reply.exitCode) : new Error(reply.message));
    });
    worker.on('error', (cause) => handBack(thread, cause.message));
    worker.on('exit', (code) => handBack(thread, `exit code ${code}`));
    threads.push(thread);
    return thread;
  };

  const pick = (): Thread | null => {
    const running = threads.filter((thread) => !thread.stopped);
    const idle = running.find((thread) => thread.pending.size === 0);
    if (idle !== undefined) return idle;
    if (!broken && !closing && threads.length < size) {
      const started = start();
      if (started !== null) return started;
    }
    return running.reduce<Thread | null>((least, thread) => (least === null || thread.pending.size < least.pending.size ? thread : least), null);
  };

  return {
    draw(kind, args) {
      const thread = pick();
      if (thread === null) return drawHere(kind, args);
      return new Promise((resolve, reject) => {
        const id = nextId++;
        try {
          thread.worker.postMessage({ id, kind, args } satisfies DrawingRequest);
        } catch {
          // Arguments that cannot cross to a thread (a function, say) are drawn here.
          drawHere(kind, args).then(resolve, reject);
          return;
        }
        if (thread.pending.size === 0) thread.worker.ref();
        thread.pending.set(id, { kind, args, resolve, reject });
      });
    },
    async close() {
      closing = true;
      await Promise.all(threads.map((thread) => thread.worker.terminate()));
    },
  };
}
