/**
 * A cache's files are written whole or not at all: beside the file, then
 * renamed over it, so a run stopped halfway never leaves half an entry. The
 * temporary name carries the process, the thread (analyses ahead run in
 * worker threads of one process: src/site/analyse-ahead.ts) and a count.
 */
import { appendFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
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
 * The memos of the store (cache.ts, data-hashes.ts) are kept one entry per
 * line: a run that learnt a little appends its lines in one write, so two
 * processes appending lose nothing, and a run stopped mid-write leaves at
 * most one line cut short, which the reader skips. A run that knows the
 * whole memo writes it anew (writeWhole), dropping what is no longer wanted.
 */

/** The memo's lines, empty ones left out; none when it cannot be read. */
export async function readLines(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').filter((line) => line !== '');
}

/** Adds the lines to the end of the memo in one write; a memo that cannot be written is left as it was. */
export async function appendLines(file: string, lines: readonly string[]): Promise<void> {
  if (lines.length === 0) return;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await appendFile(file, lines.map((line) => `${line}\n`).join(''));
  } catch {
    // Only the next run is slower.
  }
}

/** Writes the memo anew with these lines, whole or not at all. */
export function writeLines(file: string, lines: readonly string[]): Promise<void> {
  return writeWhole(file, lines.map((line) => `${line}\n`).join(''));
}
