import { describe, expect, it } from 'vitest';
import { MOST_SHARDS, publishesSharedPages, rendersPilot, shardCount, shardOf } from '../../src/site/shards.ts';

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
  it('is one unless FIELDPROOF_BUILD_SHARDS asks for more: the drawing threads use the other cores', () => {
    expect(shardCount({})).toBe(1);
    expect(shardCount({ FIELDPROOF_BUILD_SHARDS: '2' })).toBe(2);
    expect(shardCount({ FIELDPROOF_BUILD_SHARDS: '1' })).toBe(1);
    expect(shardCount({ FIELDPROOF_BUILD_SHARDS: '99' })).toBe(MOST_SHARDS);
    for (const value of ['', '0', 'many', '-2', '1.5', ' 2']) expect(shardCount({ FIELDPROOF_BUILD_SHARDS: value })).toBe(1);
  });
});
