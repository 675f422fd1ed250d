/**
 * A pilot's address taken whole from the last build: its report page, its
 * preview card and its results document (the three files under
 * pilots/<slug>/). Astro renders every page it is given, each time; with a
 * thousand pilots that is most of a build with nothing changed (about 12 ms a
 * pilot: bench/RESULTS.md). So a build gives Astro only the pilots whose
 * files it has not kept, and links (or copies) the others in when Astro is
 * done.
 *
 * The three files are kept in the render cache (render-cache.ts) under one
 * key: the site's code version (every file under src/, the lock file, the
 * publishing address), the pilot's evidence (by its key in the store of
 * analyses, plus the evidence level git adds) and its hypothesis dates from
 * git. These are every input of the three files (the report shows nothing of
 * other pilots), so the same key means the same bytes, as for every other
 * cached piece.
 *
 * Not under `astro dev` (every page is rendered there, live), and not with
 * FIELDPROOF_CACHE=off. Plans and qualification files are few, and always
 * rendered.
 */
import { copyFileSync, existsSync, linkSync, mkdirSync, renameSync, rmSync, utimesSync } from 'node:fs';
import path from 'node:path';
import type { PilotEvidence } from '../core/evidence.ts';
import type { HypothesisHistory } from '../core/history.ts';
import { renderKey } from './render-cache.ts';

/** The files of a pilot's address, under pilots/<slug>/ in the output folder. */
export const PILOT_FILES = ['index.html', 'card.png', 'results.json'] as const;

/** Where a pilot's files are kept, and under which key. */
export interface KeptPilot {
  slug: string;
  key: string;
}

export interface PilotPages {
  /** The folder of kept files; null when nothing is kept (dev server, cache off). */
  dir: string | null;
  /** Pilots Astro renders in this build. */
  render: PilotEvidence[];
  /** Rendered this build: their files are kept once Astro has written them. */
  toKeep: KeptPilot[];
  /** Kept from an earlier build: copied into the output once Astro is done. */
  kept: KeptPilot[];
}

export interface PilotPageStore {
  /** The folder holding kept files (the render cache's). */
  dir: string;
  /** The key of a pilot's files. */
  keyOf(pilot: PilotEvidence, history: HypothesisHistory): string;
}

function keptFile(dir: string, key: string, name: string): string {
  return path.join(dir, `${key}.pilot-${name}`);
}

/**
 * Pilot addresses kept in the render cache `dir`, for the site code `version`
 * (render-cache.ts's siteCodeVersion). A pilot's key names its evidence by
 * its key in the store of analyses (`analysisKeys`, by slug: a digest of all
 * the evidence was computed from) with the evidence level added after it,
 * rather than by the evidence itself: hashing 1,000 evidence documents took
 * half a second of every build. A pilot without one is named by its evidence.
 */
export function pilotPageStore(dir: string, version: string, analysisKeys: ReadonlyMap<string, string> = new Map()): PilotPageStore {
  return {
    dir,
    keyOf: (pilot, history) => {
      const analysis = analysisKeys.get(pilot.slug);
      const evidence = analysis === undefined ? { pilot } : { slug: pilot.slug, file: pilot.file, analysis, level: pilot.results.evidence ?? null };
      return renderKey(version, 'pilot-pages', { evidence, history });
    },
  };
}

/** Which pilots must be rendered, and which can be copied from the store. */
export async function splitPilotPages(
  pilots: readonly PilotEvidence[],
  store: PilotPageStore | null,
  historyOf: (pilot: PilotEvidence) => Promise<HypothesisHistory>,
): Promise<PilotPages> {
  if (store === null) return { dir: null, render: [...pilots], toKeep: [], kept: [] };
  const split: PilotPages = { dir: store.dir, render: [], toKeep: [], kept: [] };
  for (const pilot of pilots) {
    const key = store.keyOf(pilot, await historyOf(pilot));
    if (PILOT_FILES.every((name) => existsSync(keptFile(store.dir, key, name)))) split.kept.push({ slug: pilot.slug, key });
    else {
      split.render.push(pilot);
      split.toKeep.push({ slug: pilot.slug, key });
    }
  }
  return split;
}

/**
 * Once Astro has written the site into `outDir`: the pilots it rendered are
 * kept, and the kept ones copied in (and touched, so pruning the cache after
 * the build keeps them). Throws when a kept file has gone since the split
 * (another build pruned it): the site would miss a page, so this build fails
 * and the next one renders it.
 */
export function finishPilotPages(outDir: string, { dir, toKeep, kept }: PilotPages): void {
  if (dir === null) return;
  const now = new Date();
  for (const { slug, key } of kept) {
    const folder = path.join(outDir, 'pilots', slug);
    mkdirSync(folder, { recursive: true });
    for (const name of PILOT_FILES) {
      const stored = keptFile(dir, key, name);
      try {
        place(stored, path.join(folder, name));
        utimesSync(stored, now, now);
      } catch (cause) {
        throw new Error(`fieldproof: the kept ${name} of pilot "${slug}" could not be copied from ${dir} (${(cause as Error).message}); build again`);
      }
    }
  }
  for (const { slug, key } of toKeep) {
    for (const name of PILOT_FILES) keep(path.join(outDir, 'pilots', slug, name), keptFile(dir, key, name));
  }
}

/**
 * A file at `to` with the bytes of `from`: a hard link where the file system
 * allows one (3,000 files copied took most of a second; neither file is ever
 * written in place again: the cache replaces an entry by renaming a new file
 * over it, and each build publishes a new folder), a copy elsewhere.
 */
function place(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

/** Placed beside and renamed, so a build stopped halfway never leaves half a file; a cache that cannot be written only makes the next build slower. */
function keep(from: string, to: string): void {
  const temporary = `${to}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(to), { recursive: true });
    rmSync(temporary, { force: true });
    place(from, temporary);
    renameSync(temporary, to);
  } catch {
    rmSync(temporary, { force: true });
  }
}
