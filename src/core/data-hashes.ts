/**
 * What a data file's bytes hash to, remembered by what the file system says
 * of the file: its size, modification time and inode (issue #18). A build or
 * a check whose data did not change then need not read a file of millions of
 * rows only to learn that. Kept in a small file of JSON lines beside the
 * store of analyses (src/core/cache.ts), which alone asks it.
 *
 * Trusting size and modification time is what make and git do, and it has
 * git's one trap: a file written twice within the file system's timestamp
 * resolution can change its bytes and keep its time and size. So, as git
 * does, a file modified in the last SETTLED_MS before it was looked at is
 * never remembered; it is hashed every time until it is older.
 */
import { stat } from 'node:fs/promises';
import { appendLines, readLines, writeLines } from './write-whole.ts';

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

/** The memo before it was kept in lines: one JSON object of every file, still read. */
const FORMAT_ONE_OBJECT = 1;

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
  let loaded: Promise<Memo> | null = null;
  // What this process learnt and forgot since it last saved: a save appends only
  // these, one line each, so processes and threads that save at the same time (a
  // build's analysis workers, its astro shards) add to each other's lines, and a
  // save costs a line, not the whole memo again (8 ms a save at a thousand files).
  const learnt = new Map<string, Remembered>();
  const forgotten = new Set<string>();
  const memo = () => (loaded ??= load(memoFile));
  return {
    async facts(file) {
      const info = await stat(file).catch(() => null);
      return info === null ? null : { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino };
    },
    async known(file, facts) {
      const entry = (await memo()).entries.get(file);
      return entry !== undefined && entry.size === facts.size && entry.mtimeMs === facts.mtimeMs && entry.ino === facts.ino ? entry.sha256 : null;
    },
    remember(file, facts, sha256) {
      if (facts.mtimeMs > now() - SETTLED_MS) return;
      const entry = { ...facts, sha256 };
      learnt.set(file, entry);
      forgotten.delete(file);
      void memo().then(({ entries }) => entries.set(file, entry));
    },
    async save() {
      const current = await memo();
      if (learnt.size === 0 && forgotten.size === 0) return;
      const lines = [...[...forgotten].map((file) => forgetLine(file)), ...[...learnt].map(([file, entry]) => rememberLine(file, entry))];
      forgotten.clear();
      learnt.clear();
      current.lines += lines.length;
      await appendLines(memoFile, lines);
    },
    async keepOnly(files) {
      const current = await memo();
      const wanted = new Set(files);
      // The memo as it is on disk now, with what this process knows on top: other processes' lines count too.
      const onDisk = await load(memoFile);
      // Whether the file lacks anything kept: what this process learnt or forgot and has not saved.
      let unsaved = learnt.size > 0 || forgotten.size > 0;
      for (const [file, entry] of current.entries) {
        if (onDisk.entries.has(file)) continue;
        onDisk.entries.set(file, entry);
        unsaved = true;
      }
      for (const [file, entry] of learnt) onDisk.entries.set(file, entry);
      for (const file of forgotten) onDisk.entries.delete(file);
      learnt.clear();
      forgotten.clear();
      for (const file of onDisk.entries.keys()) if (!wanted.has(file)) onDisk.entries.delete(file);
      current.entries = onDisk.entries;
      // Lines of files forgotten or told twice, or facts not saved yet: written anew, one line per file kept.
      if (unsaved || onDisk.lines !== onDisk.entries.size) {
        current.lines = onDisk.entries.size;
        await writeLines(memoFile, [...onDisk.entries].map(([file, entry]) => rememberLine(file, entry)));
      }
    },
  };
}

interface Memo {
  entries: Map<string, Remembered>;
  /** Lines in the file as this process last knew it. */
  lines: number;
}

const rememberLine = (file: string, { size, mtimeMs, ino, sha256 }: Remembered) => JSON.stringify({ file, size, mtimeMs, ino, sha256 });
const forgetLine = (file: string) => JSON.stringify({ file, forget: true });

const isRemembered = (entry: Partial<Remembered> | undefined): entry is Remembered =>
  Number.isFinite(entry?.size) && Number.isFinite(entry?.mtimeMs) && Number.isFinite(entry?.ino) && /^[0-9a-f]{64}$/.test(String(entry?.sha256));

/** The memo's lines in order, the last about a file winning; the one-object memo of before (format 1) is read too. */
async function load(memoFile: string): Promise<Memo> {
  const entries = new Map<string, Remembered>();
  const lines = await readLines(memoFile);
  for (const line of lines) {
    let parsed: { file?: unknown; forget?: unknown; format?: unknown; files?: Record<string, Remembered> } & Partial<Remembered>;
    try {
      parsed = JSON.parse(line) as typeof parsed;
    } catch {
      // A line cut short or hand-edited: that file is hashed again, nothing worse.
      continue;
    }
    if (parsed.format === FORMAT_ONE_OBJECT && typeof parsed.files === 'object' && parsed.files !== null) {
      for (const [file, entry] of Object.entries(parsed.files)) if (isRemembered(entry)) entries.set(file, { size: entry.size, mtimeMs: entry.mtimeMs, ino: entry.ino, sha256: entry.sha256 });
      continue;
    }
    const { file } = parsed;
    if (typeof file !== 'string') continue;
    if (parsed.forget === true) entries.delete(file);
    else if (isRemembered(parsed)) entries.set(file, { size: parsed.size, mtimeMs: parsed.mtimeMs, ino: parsed.ino, sha256: parsed.sha256 });
  }
  return { entries, lines: lines.length };
}
