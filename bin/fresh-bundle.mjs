// Whether the command line compiled at install (scripts/bundle-cli.ts) may
// run: only while every source it was built from has the size and the
// modification time it had then, and under the Node that built it. Plain
// JavaScript, like bin/fieldproof.mjs: it runs before anything is known about
// the Node in use. About 120 stats, a millisecond or two.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where the bundle lives, from the checkout's root: inside node_modules/, so a fresh install makes it anew and git never sees it. */
export const BUNDLE_FOLDER = path.join('node_modules', '.fieldproof-cli');
export const MANIFEST = 'manifest.json';

/**
 * @typedef {{ node: string, sources: Record<string, [number, number]> }} BundleManifest
 * `sources`: each source's path from the checkout's root, with its size and modification time (ms).
 */

/**
 * The URL of the bundle's entry under `root`, or null when there is none, or
 * when any of its sources changed since it was built (then the sources run).
 * @param {string} root
 * @returns {string | null}
 */
export function freshBundle(root) {
  const folder = path.join(root, BUNDLE_FOLDER);
  try {
    /** @type {BundleManifest} */
    const manifest = JSON.parse(readFileSync(path.join(folder, MANIFEST), 'utf8'));
    if (manifest.node !== process.version) return null;
    const sources = Object.entries(manifest.sources);
    if (sources.length === 0) return null;
    for (const [file, [size, modified]] of sources) {
      const facts = statSync(path.join(root, file), { throwIfNoEntry: false });
      if (facts === undefined || facts.size !== size || facts.mtimeMs !== modified) return null;
    }
    return pathToFileURL(path.join(folder, 'main.js')).href;
  } catch {
    return null;
  }
}
