/**
 * Does the pilot's effect differ between segments? A randomization test of
 * "the effect is the same in every segment" (statistics.md, section 14),
 * after Ding, Feller and Miratrix (2016, JRSS B 78:655), "Randomization
 * inference for treatment effect variation", with their plug-in estimate of
 * the common effect.
 *
 * Segments s = 1..S, each with the units that have rows in it (a unit can be
 * in several); unit i's sums in s are y_is (the numerator: a mean metric's
 * total, a ratio's top) and n_is (its denominator; 1 for a mean metric). An
 * arm's level in s is sum y / sum n over the arm's units in s (a mean
 * metric: the mean of the units' totals), and the segment's effect d_s is
 * the pilot level minus the control level. The statistic is the spread of
 * the effects, weighted by the units in each segment, w_s:
 *   T = sum_s w_s (d_s - dbar)^2 / sum_s w_s,  dbar = sum_s w_s d_s / sum_s w_s.
 *
 * Null: every unit's effect is the same tau in every segment. tau is
 * estimated by dbar at the real assignment z, and each outcome is taken back
 * to what it would have been in the control group, y0_is = y_is - tau z_i
 * n_is (which moves every d_s by tau, so T is unchanged at z). Under another
 * assignment z', the outcomes would be y0 + tau z' n, whose d_s are those of
 * y0 plus tau: T(z') is T of y0 under z'.
 *
 * Assignments: as randomization.ts (section 10) permutes them, the same
 * permutation for every segment since a unit spans segments, within the
 * design's blocks and pairs. An assignment that leaves a segment with no
 * unit (or no denominator) in an arm has no effect there: the test is
 * conditional on assignments where every segment has both arms, a set the
 * real assignment belongs to, so it stays exact. With |Omega| <= 200,000
 * every assignment is enumerated and
 *   p = #{z' valid : T(z') >= T(z) (1 - 1e-9)} / #{z' valid};
 * otherwise 10,000 are drawn (seeded) and
 *   p = (1 + #{valid draws with T >= T(z) (1 - 1e-9)}) / (1 + #{valid draws}).
 *
 * Example (test/core/stats/interaction.test.ts, R's combn in
 * test/core/stats/reference/interaction.R): units 1-4 pilot, 5-8 control;
 * segment A holds units 1, 2, 3, 5, 6, 7 with totals 12, 15, 11, 6, 4, 5
 * (effect 7.67), segment B units 2, 3, 4, 5, 7, 8 with 3, 5, 2, 4, 6, 3
 * (effect -1); tau = 3.33, T = 18.78, and 2 of the 70 splits reach it:
 * p = 0.0286.
 */
import { checkUnits } from './checks.ts';
import { binomial, draw, DRAWS, ENUMERATION_LIMIT, enumerate, splitBlocks } from './randomization.ts';
import { TIE_TOLERANCE } from './randomization-nulls.ts';

export interface InteractionSegment {
  /** The segment's units, as indexes into `observed`. */
  units: Int32Array;
  /** y_is and n_is of those units, in the same order. */
  numerators: Float64Array;
  denominators: Float64Array;
}

export interface InteractionOptions {
  segments: readonly InteractionSegment[];
  /** z of every unit in any segment: 1 pilot, 0 control. */
  observed: Uint8Array;
  /** Block id per unit (any integers); null: one block. */
  blocks: Int32Array | null;
  seed: string;
  enumerationLimit?: number;
  draws?: number;
}

export interface Interaction {
  /** T at the real assignment. */
  statistic: number;
  /** The common effect tau the null takes each outcome back by. */
  commonEffect: number;
  p: number;
  /** |Omega|, and how many of them (enumerated) or of the draws left every segment both arms. */
  assignments: number;
  valid: number;
  exact: boolean;
  draws: number | null;
}

/** d_s of every segment under `pilot`, into `effects`; false when a segment has an arm with nothing to divide by. */
function effectsUnder(segments: readonly InteractionSegment[], numerators: readonly Float64Array[], pilot: Uint8Array, effects: Float64Array): boolean {
  for (let s = 0; s < segments.length; s += 1) {
    const { units, denominators } = segments[s] as InteractionSegment;
    const y = numerators[s] as Float64Array;
    let pilotY = 0;
    let pilotN = 0;
    let controlY = 0;
    let controlN = 0;
    for (let k = 0; k < units.length; k += 1) {
      if (pilot[units[k] as number] === 1) {
        pilotY += y[k] as number;
        pilotN += denominators[k] as number;
      } else {
        controlY += y[k] as number;
        controlN += denominators[k] as number;
      }
    }
    if (!(pilotN > 0 && controlN > 0)) return false;
    effects[s] = pilotY / pilotN - controlY / controlN;
  }
  return true;
}

/** T and dbar of effects d_s with weights w_s. */
function spread(effects: Float64Array, weights: Float64Array): { statistic: number; mean: number } {
  let total = 0;
  let weighted = 0;
  for (let s = 0; s < effects.length; s += 1) {
    total += weights[s] as number;
    weighted += (weights[s] as number) * (effects[s] as number);
  }
  const mean = weighted / total;
  let sum = 0;
  for (let s = 0; s < effects.length; s += 1) sum += (weights[s] as number) * ((effects[s] as number) - mean) ** 2;
  return { statistic: sum / total, mean };
}

export function interactionTest(options: InteractionOptions): Interaction {
  const { segments, observed } = options;
  if (segments.length < 2) throw new RangeError(`The interaction test needs at least 2 segments, got ${segments.length}.`);
  let pilots = 0;
  for (const z of observed) pilots += z;
  checkUnits(pilots, 'The pilot arm');
  checkUnits(observed.length - pilots, 'The control arm');
  const weights = Float64Array.from(segments, (segment) => segment.units.length);
  const effects = new Float64Array(segments.length);
  if (!effectsUnder(segments, segments.map((segment) => segment.numerators), observed, effects)) {
    throw new RangeError('Every segment needs units with a denominator above 0 in both arms at the real assignment.');
  }
  const commonEffect = spread(effects, weights).mean;
  // y0 = y - tau z n: each outcome as it would have been in the control group under the null.
  const nullOutcomes = segments.map(({ units, numerators, denominators }) =>
    numerators.map((y, k) => y - commonEffect * (observed[units[k] as number] as number) * (denominators[k] as number)),
  );
  effectsUnder(segments, nullOutcomes, observed, effects);
  const statistic = spread(effects, weights).statistic;
  const threshold = statistic * (1 - TIE_TOLERANCE);

  const blocks = splitBlocks(observed, options.blocks);
  const assignments = blocks.reduce((product, block) => product * binomial(block.units.length, block.pilots), 1);
  const exact = assignments <= (options.enumerationLimit ?? ENUMERATION_LIMIT);
  let valid = 0;
  let atLeast = 0;
  const visit = (pilot: Uint8Array): void => {
    if (!effectsUnder(segments, nullOutcomes, pilot, effects)) return;
    valid += 1;
    if (spread(effects, weights).statistic >= threshold) atLeast += 1;
  };
  const draws = options.draws ?? DRAWS;
  if (exact) enumerate(blocks, observed.length, visit);
  else draw(blocks, observed.length, draws, options.seed, visit);
  // Enumerated, the real assignment is among the valid ones; drawn, it is added to them.
  const p = exact ? atLeast / valid : (1 + atLeast) / (1 + valid);
  return { statistic, commonEffect, p, assignments, valid, exact, draws: exact ? null : draws };
}
