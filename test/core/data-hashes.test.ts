/**
 * The memo of data-file hashes (src/core/data-hashes.ts): a file is known by
 * its size, modification time and inode, never when it was modified moments
 * before it was hashed, and a memo that is missing or damaged only means
 * hashing again. The store's use of it is in cache.test.ts.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDataHashes, SETTLED_MS, type FileFacts } from '../../src/core/data-hashes.ts';
import { makeProject } from '../support/project.ts';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const clock = () => NOW;
const SHA = 'a'.repeat(64);
const settled: FileFacts = { size: 1200, mtimeMs: NOW - 60_000, ino: 42 };

describe('openDataHashes', () => {
  it('knows a file again only while its size, modification time and inode are the same', async () => {
    const memo = path.join(await makeProject({}), 'cache', 'data-hashes.memo');
    const hashes = openDataHashes(memo, clock);
    hashes.remember('/p/data/sales.csv', settled, SHA);
    await hashes.save();
    const reopened = openDataHashes(memo, clock);
    expect(await reopened.known('/p/data/sales.csv', settled)).toBe(SHA);
    expect(await reopened.known('/p/data/sales.csv', { ...settled, mtimeMs: settled.mtimeMs + 1 })).toBeNull();
    expect(await reopened.known('/p/data/sales.csv', { ...settled, size: 1201 })).toBeNull();
    expect(await reopened.known('/p/data/sales.csv', { ...settled, ino: 43 })).toBeNull();
    expect(await reopened.known('/p/data/other.csv', settled)).toBeNull();
  });

  it('adds to a memo another process saved meanwhile, instead of writing over it', async () => {
    const memo = path.join(await makeProject({}), 'data-hashes.memo');
    // Two analysis workers (or two astro shards) open the memo before either has saved.
    const first = openDataHashes(memo, clock);
    const second = openDataHashes(memo, clock);
    expect(await first.known('/p/data/a.csv', settled)).toBeNull();
    expect(await second.known('/p/data/b.csv', settled)).toBeNull();
    first.remember('/p/data/a.csv', settled, SHA);
    await first.save();
    second.remember('/p/data/b.csv', settled, 'b'.repeat(64));
    await second.save();
    const reopened = openDataHashes(memo, clock);
    expect(await reopened.known('/p/data/a.csv', settled)).toBe(SHA);
    expect(await reopened.known('/p/data/b.csv', settled)).toBe('b'.repeat(64));
    // A file one of them forgets (keepOnly) is gone for all.
    await second.keepOnly(['/p/data/b.csv']);
    const last = openDataHashes(memo, clock);
    expect(await last.known('/p/data/a.csv', settled)).toBeNull();
    expect(await last.known('/p/data/b.csv', settled)).toBe('b'.repeat(64));
  });

  it('never remembers a file modified less than SETTLED_MS before it was hashed', async () => {
    const memo = path.join(await makeProject({}), 'data-hashes.memo');
    const hashes = openDataHashes(memo, clock);
    const fresh = { ...settled, mtimeMs: NOW - SETTLED_MS + 1 };
    hashes.remember('/p/data/fresh.csv', fresh, SHA);
    hashes.remember('/p/data/settled.csv', { ...settled, mtimeMs: NOW - SETTLED_MS }, SHA);
    await hashes.save();
    const reopened = openDataHashes(memo, clock);
    expect(await reopened.known('/p/data/fresh.csv', fresh)).toBeNull();
    expect(await reopened.known('/p/data/settled.csv', { ...settled, mtimeMs: NOW - SETTLED_MS })).toBe(SHA);
  });

  it('keepOnly forgets the files not named, on disk too', async () => {
    const memo = path.join(await makeProject({}), 'data-hashes.memo');
    const hashes = openDataHashes(memo, clock);
    hashes.remember('/p/data/a.csv', settled, SHA);
    hashes.remember('/p/data/b.csv', settled, SHA);
    await hashes.save();
    expect((await readFile(memo, 'utf8')).split('\n').filter(Boolean)).toHaveLength(2);
    await hashes.keepOnly(['/p/data/b.csv']);
    // Written anew: one line per file kept.
    const lines = (await readFile(memo, 'utf8')).split('\n').filter(Boolean).map((line) => JSON.parse(line) as { file: string });
    expect(lines.map((line) => line.file)).toEqual(['/p/data/b.csv']);
    expect(await openDataHashes(memo, clock).known('/p/data/a.csv', settled)).toBeNull();
  });

  it('keepOnly writes what was learnt and not yet saved', async () => {
    const memo = path.join(await makeProject({}), 'data-hashes.memo');
    const first = openDataHashes(memo, clock);
    first.remember('/p/data/a.csv', settled, SHA);
    await first.save();
    // A stale line on disk, and a file learnt but not saved: the line count alone would look right.
    const second = openDataHashes(memo, clock);
    second.remember('/p/data/b.csv', settled, 'b'.repeat(64));
    await second.keepOnly(['/p/data/b.csv']);
    const reopened = openDataHashes(memo, clock);
    expect(await reopened.known('/p/data/b.csv', settled)).toBe('b'.repeat(64));
    expect(await reopened.known('/p/data/a.csv', settled)).toBeNull();
  });

  it('appends one line per file a save learnt or forgot, the last line about a file winning', async () => {
    const memo = path.join(await makeProject({}), 'data-hashes.memo');
    const hashes = openDataHashes(memo, clock);
    hashes.remember('/p/data/a.csv', settled, SHA);
    await hashes.save();
    hashes.remember('/p/data/a.csv', { ...settled, size: 1300 }, 'b'.repeat(64));
    await hashes.save();
    await hashes.save();
    expect((await readFile(memo, 'utf8')).split('\n').filter(Boolean)).toHaveLength(2);
    const reopened = openDataHashes(memo, clock);
    expect(await reopened.known('/p/data/a.csv', settled)).toBeNull();
    expect(await reopened.known('/p/data/a.csv', { ...settled, size: 1300 })).toBe('b'.repeat(64));
  });

  it('reads the one-object memo of before, and skips a line cut short', async () => {
    const memo = path.join(await makeProject({}), 'data-hashes.memo');
    await writeFile(memo, `${JSON.stringify({ format: 1, files: { '/p/data/a.csv': { ...settled, sha256: SHA } } })}\n{"file":"/p/data/b.csv","size":12`);
    const hashes = openDataHashes(memo, clock);
    expect(await hashes.known('/p/data/a.csv', settled)).toBe(SHA);
    expect(await hashes.known('/p/data/b.csv', settled)).toBeNull();
  });

  it('treats a missing, torn or hand-edited memo as empty', async () => {
    const root = await makeProject({});
    expect(await openDataHashes(path.join(root, 'none.memo'), clock).known('/p/data/a.csv', settled)).toBeNull();
    const torn = path.join(root, 'torn.memo');
    await writeFile(torn, '{"format":1,"files":{"/p/data/a.csv":{"size":1200,');
    expect(await openDataHashes(torn, clock).known('/p/data/a.csv', settled)).toBeNull();
    const edited = path.join(root, 'edited.memo');
    await writeFile(edited, JSON.stringify({ format: 1, files: { '/p/data/a.csv': { ...settled, sha256: 'not a hash' } } }));
    expect(await openDataHashes(edited, clock).known('/p/data/a.csv', settled)).toBeNull();
  });
});
