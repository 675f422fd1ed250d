import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../scripts/random.ts';
import { fnv1a32, mulberry32 } from '../../../src/core/stats/random.ts';

describe('mulberry32', () => {
  it('gives the reference C implementation\'s outputs, divided by 2^32', () => {
    // C: uint32_t t = *a += 0x6D2B79F5; t = (t ^ t >> 15) * (t | 1); t ^= t + (t ^ t >> 7) * (t | 61); return t ^ t >> 14;
    const expected: [number, number[]][] = [
      [1, [2693262067, 11749833, 2265367787]],
      [42, [2581720956, 1925393290, 3661312704]],
      [4294967295, [3850105811, 813802916]],
    ];
    for (const [seed, outputs] of expected) {
      const uniform = mulberry32(seed);
      expect(outputs.map(() => uniform() * 4294967296)).toEqual(outputs);
    }
  });

  it('stays in [0, 1) and is the generator behind scripts/random.ts, draw for draw', () => {
    const uniform = mulberry32(2024);
    const script = seededRandom(2024);
    for (let i = 0; i < 1000; i += 1) {
      const value = uniform();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
      expect(script.uniform()).toBe(value);
    }
  });
});

describe('fnv1a32', () => {
  it('matches the published FNV-1a test vectors and the reference C code on UTF-8 bytes', () => {
    expect(fnv1a32('')).toBe(2166136261);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
    // C reference over the bytes of "acme-pilot/revenue" and of "café" (UTF-8 c3 a9).
    expect(fnv1a32('acme-pilot/revenue')).toBe(1905895935);
    expect(fnv1a32('café')).toBe(2821410889);
  });
});
