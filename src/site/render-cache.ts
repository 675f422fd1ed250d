/**
 * Rendered pieces kept between builds: charts (SVG and the words beside
 * them), preview cards (PNG) and hypothesis dates from git. Astro renders
 * every page on every build; with the analysis cached (src/core/cache.ts),
 * drawing is what a build with nothing changed would spend its time on.
 *
 * An entry's key is the sha256 of
 *   - the site's code version: every file under src/, package-lock.json
 *     (satori, resvg, Plot and their fonts) and the publishing address
 *     (FIELDPROOF_SITE, FIELDPROOF_BASE), so editing a chart, a layout or a
 *     word cannot serve a stale picture;
 *   - what is drawn: the kind of piece and its inputs as JSON (a pilot's
 *     results, its per-unit points, the card's words...).
 * Same key, same bytes: the cache can make a build faster, never different.
 *
 * Entries are files <cache>/render/<key>.<json|png>, next to the analysis
 * cache in Astro's cache folder (FIELDPROOF_CACHE_DIR elsewhere;
 * FIELDPROOF_CACHE=off switches both off). A build touches every entry it
 * uses and, once done, removes those it did not (pruneRenderCache, called by
 * the integration in astro.config.mjs), so the folder holds one build's worth.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cacheDirectory, findCodeRoot } from '../core/cache.ts';

type Env = Record<string, string | undefined>;

/** Where rendered pieces live for a project folder. */
export function renderCacheDirectory(root: string, env: Env = process.env): string {
  return path.join(cacheDirectory(root, env), 'render');
}

/** Set by astro.config.mjs (Vite's define) in a build; absent when this module runs from source. */
declare const __FIELDPROOF_CODE_ROOT__: string | undefined;

/**
 * The folder of the running code, whose digest versions both caches: in a
 * build, the folder of astro.config.mjs (the bundle may be written outside
 * the repository); otherwise core's search upwards from the module.
 */
export function findSiteRoot(): string | null {
  if (typeof __FIELDPROOF_CODE_ROOT__ === 'string' && existsSync(path.join(__FIELDPROOF_CODE_ROOT__, 'src', 'core', 'cache.ts'))) {
    return __FIELDPROOF_CODE_ROOT__;
  }
  return findCodeRoot();
}

/** A digest of the code that draws, and of where the site is published. */
export function siteCodeVersion(siteRoot: string, env: Env = process.env): string {
  const hash = createHash('sha256');
  hash.update(`fieldproof-render 1\nsite ${env.FIELDPROOF_SITE ?? ''}\nbase ${env.FIELDPROOF_BASE ?? ''}\n`);
  const src = path.join(siteRoot, 'src');
  const files = (readdirSync(src, { recursive: true }) as string[]).map((name) => name.split(path.sep).join('/')).sort();
  for (const name of files) {
    const file = path.join(src, name);
    if (!statSync(file).isFile()) continue;
    hash.update(`file ${name}\n`);
    hash.update(readFileSync(file));
  }
  for (const name of ['package-lock.json', 'astro.config.mjs']) {
    const file = path.join(siteRoot, name);
    if (existsSync(file)) hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

export interface RenderCache {
  /** Where entries are kept and the code version their keys include; null when nothing is kept. */
  readonly place: { dir: string; version: string } | null;
  /** The stored text for (kind, input), or draws it, stores it and returns it. */
  text(kind: string, input: unknown, draw: () => string): string;
  /** The same, for text drawn asynchronously. */
  asyncText(kind: string, input: unknown, draw: () => Promise<string>): Promise<string>;
  bytes(kind: string, input: unknown, draw: () => Promise<Uint8Array<ArrayBuffer>>): Promise<Uint8Array<ArrayBuffer>>;
}

/** Draws every time: for tests, for FIELDPROOF_CACHE=off, and when the code's folder is unknown. */
export const noRenderCache: RenderCache = {
  place: null,
  text: (_kind, _input, draw) => draw(),
  asyncText: (_kind, _input, draw) => draw(),
  bytes: (_kind, _input, draw) => draw(),
};

/** The key of a piece: hex sha256 of the code version, its kind and its inputs as JSON. */
export function renderKey(version: string, kind: string, input: unknown): string {
  return createHash('sha256').update(`${version}\n${kind}\n`).update(JSON.stringify(input) ?? 'undefined').digest('hex');
}

export function openRenderCache(dir: string, version: string): RenderCache {
  const keyOf = (kind: string, input: unknown) => renderKey(version, kind, input);

  const read = (file: string): Buffer | null => {
    try {
      const stored = readFileSync(file);
      // Touched, so pruning after the build knows it is still in use.
      const now = new Date();
      utimesSync(file, now, now);
      return stored;
    } catch {
      return null;
    }
  };

  const write = (file: string, data: string | Uint8Array) => {
    // Written beside and renamed, so a build stopped halfway never leaves half an entry.
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      mkdirSync(dir, { recursive: true });
      writeFileSync(temporary, data);
      renameSync(temporary, file);
    } catch {
      // A cache that cannot be written (read-only checkout, full disk) only makes the next build slower.
      try {
        rmSync(temporary, { force: true });
      } catch {
        // Nothing was written there.
      }
    }
  };

  return {
    place: { dir, version },
    text(kind, input, draw) {
      const file = path.join(dir, `${keyOf(kind, input)}.txt`);
      const stored = read(file);
      if (stored !== null) return stored.toString('utf8');
      const drawn = draw();
      write(file, drawn);
      return drawn;
    },
    async asyncText(kind, input, draw) {
      const file = path.join(dir, `${keyOf(kind, input)}.txt`);
      const stored = read(file);
      if (stored !== null) return stored.toString('utf8');
      const drawn = await draw();
      write(file, drawn);
      return drawn;
    },
    async bytes(kind, input, draw) {
      const file = path.join(dir, `${keyOf(kind, input)}.bin`);
      const stored = read(file);
      if (stored !== null) {
        const bytes = new Uint8Array(new ArrayBuffer(stored.byteLength));
        bytes.set(stored);
        return bytes;
      }
      const drawn = await draw();
      write(file, drawn);
      return drawn;
    },
  };
}

/** The cache a build uses for a project folder: opened once per process. */
export function renderCacheFor(root: string, env: Env = process.env): RenderCache {
  const id = `${root}\n${renderCacheDirectory(root, env)}\n${env.FIELDPROOF_CACHE ?? ''}`;
  let cache = opened.get(id);
  if (cache === undefined) {
    const siteRoot = env.FIELDPROOF_CACHE === 'off' ? null : findSiteRoot();
    cache = siteRoot === null ? noRenderCache : openRenderCache(renderCacheDirectory(root, env), siteCodeVersion(siteRoot, env));
    opened.set(id, cache);
  }
  return cache;
}
const opened = new Map<string, RenderCache>();

/**
 * Removes the entries a build did not use (not touched since `since`, a
 * time in ms), and stray temporary files. Safe to call when there is no cache.
 */
export function pruneRenderCache(dir: string, since: number): number {
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    const file = path.join(dir, name);
    try {
      if (statSync(file).mtimeMs < since) {
        rmSync(file, { force: true });
        removed += 1;
      }
    } catch {
      // Gone already, or not ours to remove: pruning is best effort.
    }
  }
  return removed;
}
