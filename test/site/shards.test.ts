import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { publishesSharedPages, rendersPilot, shardCount, shardMemory, shardOf, SHARDS_FROM_PILOTS } from '../../src/site/shards.ts';

/** More memory than any build here needs: the count then depends on cores alone, whatever this machine has free. */
const PLENTY = 2 ** 40;
const GIB = 2 ** 30;

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function projectWith(pilotFiles: number): string {
  const root = mkdtempSync(path.join(tmpdir(), 'fieldproof-shards-'));
  made.push(root);
  mkdirSync(path.join(root, 'pilots'));
  for (let index = 0; index < pilotFiles; index += 1) writeFileSync(path.join(root, 'pilots', `p${index}.md`), '');
  return root;
}

describe('the shard a build process renders', () => {
  it('reads "k/N" from FIELDPROOF_SHARD, and nothing else', () => {
    expect(shardOf({ FIELDPROOF_SHARD: '2/3' })).toEqual({ index: 2, count: 3 });
    for (const value of [undefined, '', '1/1', '0/2', '3/2', 'two', '1/2/3']) expect(shardOf({ FIELDPROOF_SHARD: value })).toBeNull();
  });

  it('gives every pilot to exactly one shard, about evenly', () => {
    const slugs = Array.from({ length: 1000 }, (_, index) => `bench-${index + 1}`);
    const sizes = [1, 2, 3].map((index) => slugs.filter((slug) => rendersPilot({ index, count: 3 }, slug)).length);
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(1000);
    for (const size of sizes) expect(Math.abs(size - 1000 / 3)).toBeLessThan(60);
    for (const slug of slugs.slice(0, 50)) expect([1, 2, 3].filter((index) => rendersPilot({ index, count: 3 }, slug))).toHaveLength(1);
  });

  it('renders every pilot and every shared page when the whole site is built in one process', () => {
    expect(rendersPilot(null, 'anything')).toBe(true);
    expect(publishesSharedPages(null)).toBe(true);
    expect(publishesSharedPages({ index: 1, count: 2 })).toBe(true);
    expect(publishesSharedPages({ index: 2, count: 2 })).toBe(false);
  });
});

describe('how many processes build a site', () => {
  it(`shares the build from ${SHARDS_FROM_PILOTS} pilot files, one process per core, at most four`, async () => {
    const none = () => 0;
    expect(await shardCount(projectWith(SHARDS_FROM_PILOTS - 1), {}, none, 2, PLENTY)).toBe(1);
    const large = projectWith(SHARDS_FROM_PILOTS);
    expect(await shardCount(large, {}, none, 2, PLENTY)).toBe(2);
    expect(await shardCount(large, {}, none, 16, PLENTY)).toBe(4);
    expect(await shardCount(large, {}, none, 1, PLENTY)).toBe(1);
  });

  it("builds in one process when most pilots' addresses are kept from the last build", async () => {
    const large = projectWith(SHARDS_FROM_PILOTS + 10);
    expect(await shardCount(large, {}, () => 11, 2, PLENTY)).toBe(1);
    expect(await shardCount(large, {}, () => 10, 2, PLENTY)).toBe(2);
  });

  it('starts no more processes than the memory available has room for, and always one', async () => {
    const none = () => 0;
    const thousand = projectWith(1000);
    // 1.25 x (250 MB + 0.4 MB a pilot): 812.5 MiB each at 1,000 pilots, beside 128 MiB for the build's own process.
    expect(shardMemory(1000)).toBe(812.5 * 2 ** 20);
    const told: string[] = [];
    expect(await shardCount(thousand, {}, none, 2, 1 * GIB, (text) => told.push(text))).toBe(1);
    expect(told).toEqual([
      'fieldproof: building in one process rather than 2: 1024 MiB of memory is available and each needs about 813 MiB at 1,000 pilot files (FIELDPROOF_BUILD_SHARDS sets the number)\n',
    ]);
    expect(await shardCount(thousand, {}, none, 2, 128 * 2 ** 20 + 2 * shardMemory(1000) - 1)).toBe(1);
    expect(await shardCount(thousand, {}, none, 2, 128 * 2 ** 20 + 2 * shardMemory(1000))).toBe(2);
    expect(await shardCount(thousand, {}, none, 8, 3 * GIB)).toBe(3);
    expect(await shardCount(thousand, {}, none, 2, 0)).toBe(1);
    expect(await shardCount(projectWith(SHARDS_FROM_PILOTS), {}, none, 2, 1 * GIB, (text) => told.push(text))).toBe(2);
    expect(told).toHaveLength(1);
  });

  it('builds in one process with the cache off, since each would analyse every pilot', async () => {
    expect(await shardCount(projectWith(SHARDS_FROM_PILOTS), { FIELDPROOF_CACHE: 'off' }, () => 0, 2, PLENTY)).toBe(1);
  });

  it('takes the number from FIELDPROOF_BUILD_SHARDS when it is a whole number', async () => {
    const small = projectWith(3);
    expect(await shardCount(small, { FIELDPROOF_BUILD_SHARDS: '2' }, () => 0, 1)).toBe(2);
    expect(await shardCount(projectWith(SHARDS_FROM_PILOTS), { FIELDPROOF_BUILD_SHARDS: '1' }, () => 0, 8)).toBe(1);
    expect(await shardCount(small, { FIELDPROOF_BUILD_SHARDS: 'many' }, () => 0, 2)).toBe(1);
  });
});
