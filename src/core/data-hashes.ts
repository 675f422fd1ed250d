/**
 * What a data file's bytes hash to, remembered by what the file system says
 * of the file: its size, modification time and inode (issue #18). A build or
 * a check whose data did not change then need not read a file of millions of
 * rows only to learn that. Kept in one small JSON file beside the store of
 * analyses (src/core/cache.ts), which alone asks it.
 *
 * Trusting size and modification time is what make and git do, and it has
 * git's one trap: a file written twice within the file system's timestamp
 * resolution can change its bytes and keep its time and size. So, as git
 * does, a file modified in the last SETTLED_MS before it was looked at is
 * never remembered; it is hashed every time until it is older.
 */
import { readFile, stat } from 'node:fs/promises';
import { writeWhole } from './write-whole.ts';

/** What the file system says of a file, read before its bytes are. */
export interface FileFacts {
  size: number;
  mtimeMs: number;
  ino: number;
}

interface Remembered extends FileFacts {
  sha256: string;
}

/** A file modified less than this long (ms) before it was looked at is never remembered. */
export const SETTLED_MS = 2000;

const FORMAT = 1;

export interface DataHashes {
  /** The file's facts now, or null when it cannot be looked at. */
  facts(file: string): Promise<FileFacts | null>;
  /** The sha256 remembered for the file, when its facts are still those it was hashed with. */
  known(file: string, facts: FileFacts): Promise<string | null>;
  /** Remembers what the file hashed to, read with these facts (not if it was then too recently modified). */
  remember(file: string, facts: FileFacts, sha256: string): void;
  /** Writes what was learnt; a memo that cannot be written only means hashing again next time. */
  save(): Promise<void>;
  /** Forgets every file but these, and saves. */
  keepOnly(files: readonly string[]): Promise<void>;
}

export function openDataHashes(memoFile: string, now: () => number = Date.now): DataHashes {
  let loaded: Promise<Map<string, Remembered>> | null = null;
  // What this process learnt and forgot since it last saved: a save applies only
  // these to the memo as it is on disk then, so processes and threads that save
  // it at the same time (a build's analysis workers, its astro shards) add to
  // each other's memo instead of writing over it.
  const learnt = new Map<string, Remembered>();
  const forgotten = new Set<string>();
  const memo = () => (loaded ??= load(memoFile));
  return {
    async facts(file) {
      const info = await stat(file).catch(() => null);
      return info === null ? null : { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino };
    },
    async known(file, facts) {
      const entry = (await memo()).get(file);
      return entry !== undefined && entry.size === facts.size && entry.mtimeMs === facts.mtimeMs && entry.ino === facts.ino ? entry.sha256 : null;
    },
    remember(file, facts, sha256) {
      if (facts.mtimeMs > now() - SETTLED_MS) return;
      const entry = { ...facts, sha256 };
      learnt.set(file, entry);
      forgotten.delete(file);
      void memo().then((entries) => entries.set(file, entry));
    },
    async save() {
      const entries = await memo();
      if (learnt.size === 0 && forgotten.size === 0) return;
      const onDisk = await load(memoFile);
      for (const file of forgotten) onDisk.delete(file);
      for (const [file, entry] of learnt) onDisk.set(file, entry);
      forgotten.clear();
      learnt.clear();
      for (const [file, entry] of onDisk) if (!entries.has(file)) entries.set(file, entry);
      await write(memoFile, onDisk);
    },
    async keepOnly(files) {
      const entries = await memo();
      const wanted = new Set(files);
      for (const file of entries.keys()) {
        if (!wanted.has(file)) {
          entries.delete(file);
          learnt.delete(file);
          forgotten.add(file);
        }
      }
      await this.save();
    },
  };
}

async function load(memoFile: string): Promise<Map<string, Remembered>> {
  try {
    const stored = JSON.parse(await readFile(memoFile, 'utf8')) as { format?: unknown; files?: Record<string, Remembered> };
    if (stored.format !== FORMAT || typeof stored.files !== 'object' || stored.files === null) return new Map();
    const valid = Object.entries(stored.files).filter(
      ([, entry]) => Number.isFinite(entry?.size) && Number.isFinite(entry?.mtimeMs) && Number.isFinite(entry?.ino) && /^[0-9a-f]{64}$/.test(String(entry?.sha256)),
    );
    return new Map(valid);
  } catch {
    // Missing, torn or hand-edited: every file is hashed again, nothing worse.
    return new Map();
  }
}

function write(memoFile: string, entries: Map<string, Remembered>): Promise<void> {
  return writeWhole(memoFile, JSON.stringify({ format: FORMAT, files: Object.fromEntries(entries) }));
}
