/**
 * The lead-flow tests checked by simulation, seeded: how often each finds
 * something that is not there (its size), and that it finds what is.
 *
 * - The tipping point's permutation test (tipping-point.ts) is exact given the
 *   group sizes and the total of wins, so under no relation between criteria
 *   and winning it rejects at most 5% of the time at 0.05.
 * - The segments' interaction test (interaction.ts) plugs in the common
 *   effect (Ding, Feller and Miratrix's plug-in), so it is not exact; here it
 *   holds its level under a constant effect, and finds a segment whose effect
 *   differs.
 * Bounds are the expected rate plus or minus three Monte Carlo standard errors.
 * With these seeds: the tipping point test rejects 3.3% of 600 null sets and
 * 84% of 600 with a jump; the interaction test 4.7% of 300 under a constant
 * effect and all 300 with one segment's effect 40 apart.
 */
import { describe, expect, it } from 'vitest';
import { interactionTest, type InteractionSegment } from '../../../src/core/stats/interaction.ts';
import { mulberry32 } from '../../../src/core/stats/random.ts';
import { tippingPointTest } from '../../../src/core/stats/tipping-point.ts';

const ALPHA = 0.05;
const band = (rate: number, runs: number) => 3 * Math.sqrt((rate * (1 - rate)) / runs);

/** Standard normal from two uniforms (Box-Muller). */
function normal(uniform: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

describe('the tipping point test, simulated', () => {
  const SIZES = [30, 80, 120, 60, 20];
  const RUNS = 600;

  function rejections(winRate: (criteriaMet: number) => number, seed: number): number {
    const uniform = mulberry32(seed);
    let rejected = 0;
    for (let run = 0; run < RUNS; run += 1) {
      const groups = SIZES.map((trials, met) => {
        let successes = 0;
        for (let lead = 0; lead < trials; lead += 1) if (uniform() < winRate(met)) successes += 1;
        return { trials, successes };
      });
      // 199 draws: p takes the values k / 200, so p <= 0.05 is a test of size 0.05 exactly.
      const { p, largest } = tippingPointTest(groups, { seed: run + 1, draws: 199 });
      if (largest !== null && largest.difference > 0 && p <= ALPHA) rejected += 1;
    }
    return rejected / RUNS;
  }

  it('finds a tipping point that is not there about 5% of the time, never more than chance allows', () => {
    const rate = rejections(() => 0.15, 11);
    expect(rate).toBeLessThanOrEqual(ALPHA + band(ALPHA, RUNS));
    expect(rate).toBeGreaterThanOrEqual(ALPHA - band(ALPHA, RUNS));
  });

  it('finds a real jump at three criteria most of the time', () => {
    // 0.84 with these seeds.
    expect(rejections((met) => (met >= 3 ? 0.3 : 0.1), 12)).toBeGreaterThan(0.75);
  });
});

describe('the segments interaction test, simulated', () => {
  const UNITS = 12;
  const SEGMENTS = 3;
  const RUNS = 300;

  /** Every unit has rows in every segment: its revenue there is its own level, plus the pilot's effect in that segment. */
  function rejections(effects: readonly number[], seed: number): number {
    const uniform = mulberry32(seed);
    let rejected = 0;
    for (let run = 0; run < RUNS; run += 1) {
      // Six of the twelve units drawn at random for the pilot.
      const order = Array.from({ length: UNITS }, (_, unit) => ({ unit, key: uniform() })).sort((a, b) => a.key - b.key);
      const observed = new Uint8Array(UNITS);
      for (const { unit } of order.slice(0, UNITS / 2)) observed[unit] = 1;
      const level = Array.from({ length: UNITS }, () => 100 + 15 * normal(uniform));
      const segments: InteractionSegment[] = effects.map((effect) => ({
        units: Int32Array.from({ length: UNITS }, (_, unit) => unit),
        numerators: Float64Array.from({ length: UNITS }, (_, unit) => (level[unit] as number) + 10 * normal(uniform) + effect * (observed[unit] as number)),
        denominators: new Float64Array(UNITS).fill(1),
      }));
      if (interactionTest({ segments, observed, blocks: null, seed: `run-${run}` }).p <= ALPHA) rejected += 1;
    }
    return rejected / RUNS;
  }

  it('says the effect differs between segments at most about 5% of the time when it is the same in each', () => {
    expect(SEGMENTS).toBe(3);
    const rate = rejections([8, 8, 8], 21);
    expect(rate).toBeLessThanOrEqual(ALPHA + band(ALPHA, RUNS));
  });

  it('finds a segment whose effect is different most of the time', () => {
    expect(rejections([0, 0, 40], 22)).toBeGreaterThan(0.8);
  });
});
