/**
 * A cache's files are written whole or not at all: beside the file, then
 * renamed over it, so a run stopped halfway never leaves half an entry. The
 * temporary name carries the process, the thread (analyses ahead run in
 * worker threads of one process: src/site/analyse-ahead.ts) and a count.
 */
import { appendFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { threadId } from 'node:worker_threads';

let writes = 0;

/** Writes `text` to `file` whole; a file that cannot be written (read-only checkout, full disk) is left as it was, which only makes the next run slower. */
export async function writeWhole(file: string, text: string): Promise<void> {
  writes += 1;
  const temporary = `${file}.${process.pid}.${threadId}.${writes}.tmp`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(temporary, text);
    await rename(temporary, file);
  } catch {
    await rm(temporary, { force: true }).catch(() => undefined);
  }
}

/**
 * Adds `text` to the end of `file` in one write, for memos kept one line per
 * entry: a run stopped mid-write leaves at most one line cut short, which
 * the reader skips. A file that cannot be written is left as it was.
 */
export async function appendWhole(file: string, text: string): Promise<void> {
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await appendFile(file, text);
  } catch {
    // Only the next run is slower.
  }
}
