/**
 * Seeded random numbers for the example-data generator, the benchmark and the
 * simulation tests, so every run produces the same data.
 *
 * The uniforms come from mulberry32 (src/core/stats/random.ts, the generator
 * randomization inference draws from), so there is one copy of it; the rest
 * is built on those uniforms here.
 */
import { mulberry32 } from '../src/core/stats/random.ts';

export interface Random {
  /** Uniform on [0, 1). */
  uniform(): number;
  /** Standard normal scaled to mean and sd (Box-Muller). */
  normal(mean?: number, sd?: number): number;
  /** Log-normal whose logarithm has the given mean and sd: skewed like revenue. */
  logNormal(logMean: number, logSd: number): number;
  /** Bernoulli trial: true with probability p. */
  chance(p: number): boolean;
  /** Poisson count with the given mean (Knuth for small means, normal approximation above 50). */
  poisson(mean: number): number;
  /** Integer in [min, max], both inclusive. */
  integer(min: number, max: number): number;
  /** Fisher-Yates shuffle of a copy. */
  shuffle<T>(items: readonly T[]): T[];
}

export function seededRandom(seed: number): Random {
  const uniform = mulberry32(seed);
  const normal = (mean = 0, sd = 1): number => {
    // 1 - uniform() is in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
    return mean + sd * radius * Math.cos(2 * Math.PI * uniform());
  };
  return {
    uniform,
    normal,
    logNormal: (logMean, logSd) => Math.exp(normal(logMean, logSd)),
    chance: (p) => uniform() < p,
    poisson(mean) {
      if (mean > 50) return Math.max(0, Math.round(normal(mean, Math.sqrt(mean))));
      const limit = Math.exp(-mean);
      let count = 0;
      let product = uniform();
      while (product > limit) {
        count += 1;
        product *= uniform();
      }
      return count;
    },
    integer: (min, max) => min + Math.floor(uniform() * (max - min + 1)),
    shuffle<T>(items: readonly T[]): T[] {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i -= 1) {
        const j = Math.floor(uniform() * (i + 1));
        const held = copy[i] as T;
        copy[i] = copy[j] as T;
        copy[j] = held;
      }
      return copy;
    },
  };
}
