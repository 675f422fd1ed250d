/**
 * The seeded generator behind every random number fieldproof uses: the draws
 * of randomization inference (statistics.md, section 10), the example data,
 * the benchmark and the simulation tests. Same seed, same numbers, on every
 * machine, so builds are reproducible.
 *
 * - `mulberry32(seed)`: Tommy Ettinger's 32-bit generator (public domain,
 *   2017; a Weyl sequence with step 0x6D2B79F5 passed through an xorshift-
 *   multiply mix). Period 2^32, passes gjrand and PractRand up to 4 GB:
 *   good enough for simulations and permutation draws, not for cryptography.
 *   Each uniform is the 32-bit output divided by 2^32, so it lies in [0, 1).
 * - `fnv1a32(text)`: the 32-bit FNV-1a hash (Fowler, Noll and Vo; IETF draft
 *   draft-eastlake-fnv) of the text's UTF-8 bytes: offset basis 2166136261,
 *   prime 16777619. It turns a seed such as `${slug}/${metricId}` into a
 *   generator seed.
 *
 * Examples, checked against the reference C code of both:
 * the first 32-bit outputs of mulberry32(1) are 2693262067, 11749833,
 * 2265367787 (uniforms 2693262067 / 2^32 = 0.62707...); fnv1a32('a') =
 * 3826002220 (0xe40c292c), fnv1a32('foobar') = 3214735720 (0xbf9cf968).
 */

/** Uniform on [0, 1), a multiple of 2^-32. */
export type Uniform = () => number;

/** 2^32: a 32-bit output over it is a uniform on [0, 1). */
export const TWO_TO_32 = 4294967296;

export function mulberry32(seed: number): Uniform {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / TWO_TO_32;
  };
}

const FNV_OFFSET_BASIS = 2166136261;
const FNV_PRIME = 16777619;
const utf8 = new TextEncoder();

export function fnv1a32(text: string): number {
  let hash = FNV_OFFSET_BASIS;
  for (const byte of utf8.encode(text)) {
    hash = Math.imul(hash ^ byte, FNV_PRIME) >>> 0;
  }
  return hash;
}
