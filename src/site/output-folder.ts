/**
 * Where a build may publish. Publishing replaces the output folder whole, so
 * a folder is refused, before anything is built or deleted, when replacing it
 * would delete something that is not a site this build made:
 *
 * - the project folder itself, or a folder that holds it;
 * - a source folder of the project (SOURCE_FOLDERS), or a folder inside one;
 * - a file;
 * - a folder that holds anything, unless it is a previous build: one holding
 *   BUILD_MARKER, which every build writes, or (for builds made before the
 *   marker existed) an index.html with fieldproof's site name in its head.
 *
 * Paths are compared as written and with their links followed, so a link
 * named site/ that leads to docs/ is refused like docs/ itself. Used by the
 * `npm run build` wrapper (scripts/build-site.ts) and by astro.config.mjs, so
 * `astro build` run directly is held to the same rules.
 */
import { constants } from 'node:fs';
import { lstat, open, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { contains } from '../core/confine.ts';

/** The file that marks a folder as a site built by fieldproof, written into every build. */
export const BUILD_MARKER = '.fieldproof-build';

export const BUILD_MARKER_TEXT =
  'This folder is a site built by fieldproof (npm run build). The next build replaces it whole.\n' +
  'A build refuses to replace a folder that holds anything else; this file is how it knows its own.\n';

/** Folders of a project that hold its sources: never an output folder, nor anything inside them. */
export const SOURCE_FOLDERS = ['pilots', 'data', 'docs', 'src', 'public', 'test', 'scripts', 'bin', 'bench', 'node_modules', '.git', '.github'];

/** What every page fieldproof has built since its first release holds in its head (src/layouts/Page.astro). */
const SITE_SIGNATURE = '<meta property="og:site_name" content="Fieldproof">';
const HEAD_BYTES = 64 * 1024;

export interface Refusal {
  /** Why, as the end of "refusing to publish to X/: ...". */
  reason: string;
  /** What to do instead. */
  advice: string;
}

const OWN_FOLDER = 'set FIELDPROOF_OUT to a folder of its own, e.g. FIELDPROOF_OUT=dist (the default)';

/** The path with every link followed, as far as it exists; the rest as written. */
async function followed(target: string): Promise<string> {
  let existing = target;
  const rest: string[] = [];
  for (;;) {
    try {
      return path.join(await realpath(existing), ...rest);
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return target;
      rest.unshift(path.basename(existing));
      existing = parent;
    }
  }
}

/**
 * Why `out` must not be published to, or null when it may be. `roots` are
 * the project folders to protect: where the build runs, where its pilots and
 * data are (FIELDPROOF_ROOT) and where the site's code is.
 */
export async function refuseOutputFolder(out: string, roots: readonly string[]): Promise<Refusal | null> {
  const outs = [...new Set([path.resolve(out), await followed(path.resolve(out))])];
  for (const root of roots) {
    const forms = [...new Set([path.resolve(root), await followed(path.resolve(root))])];
    for (const candidate of outs) {
      for (const form of forms) {
        if (candidate === form) return { reason: 'it is the project folder itself', advice: OWN_FOLDER };
        if (contains(candidate, form)) return { reason: 'it holds the project folder', advice: OWN_FOLDER };
        for (const source of SOURCE_FOLDERS) {
          const folder = path.join(form, source);
          if (candidate === folder) return { reason: `it is the project's ${source}/ folder`, advice: OWN_FOLDER };
          if (contains(folder, candidate)) return { reason: `it is inside the project's ${source}/ folder`, advice: OWN_FOLDER };
        }
      }
    }
  }
  const info = await stat(out).catch(() => null);
  if (info === null) {
    // Nothing there, or a link to nothing: a link is replaced, never followed, by the swap.
    return (await lstat(out).catch(() => null))?.isSymbolicLink() ? { reason: 'it is a link that leads nowhere', advice: 'remove the link, or set FIELDPROOF_OUT to a new folder' } : null;
  }
  if (!info.isDirectory()) return { reason: 'it is a file, not a folder', advice: 'set FIELDPROOF_OUT to a new or empty folder' };
  if (await isPreviousBuild(out)) return null;
  return { reason: 'it holds files that are not a site built by fieldproof', advice: 'empty it or remove it, or set FIELDPROOF_OUT to a new folder' };
}

/** An empty folder, or a site a fieldproof build made (see the module comment). */
export async function isPreviousBuild(folder: string): Promise<boolean> {
  const entries = await readdir(folder).catch(() => null);
  if (entries === null) return false;
  if (entries.length === 0 || entries.includes(BUILD_MARKER)) return true;
  return entries.includes('index.html') && (await head(path.join(folder, 'index.html'))).includes(SITE_SIGNATURE);
}

/** The first bytes of a regular file as text, opened so a named pipe cannot hang the read; '' otherwise. */
async function head(file: string): Promise<string> {
  const info = await stat(file).catch(() => null);
  if (info === null || !info.isFile()) return '';
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK).catch(() => null);
  if (handle === null) return '';
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(HEAD_BYTES), 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } catch {
    return '';
  } finally {
    await handle.close();
  }
}

/** An output folder's name in a message: relative to where the build runs when inside it, else absolute. */
export function shownFolder(out: string, cwd: string): string {
  const relative = path.relative(cwd, out);
  if (relative === '') return './';
  return contains(cwd, out) ? `${relative.split(path.sep).join('/')}/` : `${out}/`;
}

/** The whole message for a refused folder. */
export function refusalMessage(shown: string, refusal: Refusal): string {
  return `fieldproof: refusing to publish to ${shown}: ${refusal.reason}, and publishing replaces the whole folder; ${refusal.advice}. Nothing was built or deleted.\n`;
}
