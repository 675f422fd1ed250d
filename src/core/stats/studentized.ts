/**
 * The shape every randomization statistic shares (statistics.md section 10).
 *
 * Each large-sample method fieldproof uses (Welch for means, the delta method
 * for ratios and clustered proportions, ANCOVA, and the weighted regression
 * of section 11) studentizes an estimate that is a linear function of the
 * units' outcomes by a variance that is a quadratic form in them, once the
 * assignment is fixed. The sharp nulls of section 10 move the outcomes along
 * one direction: y0 = y - theta * g (an absolute effect: g = z, or N * z for
 * ratios; a relative one: g = y * z with theta = 1 - 1 / (1 + rho)). So for
 * every assignment five numbers give the statistic at every null:
 *
 *   T(theta) = (a0 - theta a1) / sqrt(q00 - 2 theta q01 + theta^2 q11)
 *
 * with a0 = L(y), a1 = L(g), q00 = Q(y, y), q01 = Q(y, g), q11 = Q(g, g),
 * L the estimate and Q the variance's bilinear form under that assignment.
 * They are computed once per assignment; trying a null then costs a few
 * arithmetic operations per assignment, which is what makes inverting the
 * test for an interval affordable (./randomization.ts,
 * ./randomization-nulls.ts).
 *
 * Conventions every implementation keeps:
 * - at the observed assignment, a0 and sqrt(q00) are the large-sample
 *   method's estimate and standard error;
 * - an assignment under which the statistic does not exist (a ratio arm whose
 *   denominators sum to 0, a baseline aliased with the arms) is written
 *   a0 = 1, a1 = q00 = q01 = q11 = 0: the engine reads that as |T| = Infinity
 *   at every null, so it counts as at least as extreme as the observed one
 *   (the conservative side), never as NaN;
 * - the engine hands in only assignments that keep the observed arm sizes
 *   (2 units or more in each arm).
 *
 * Implementations: ./welch-statistic.ts, ./delta-statistic.ts,
 * ./ancova-statistic.ts, and weightedAncovaStatistic in ./weighted-ancova.ts.
 *
 * The engine asks for the same y along the same two directions (absolute and
 * relative) at every one of up to 200,000 assignments. A statistic whose
 * per-assignment work is more than a pass or two over the units can offer
 * `twoDirections`, which is handed y and both directions once, so it can
 * prepare them (centre them, form their totals) and share y's part of each
 * assignment's work between the directions.
 */
export const COEFFICIENTS = 5;

/**
 * For the assignment `pilot`, writes the five coefficients along the first
 * direction at first[at] to first[at + 4] and along the second at second[at]
 * to second[at + 4]: what `coefficients` would write for each, up to
 * rounding. Must not allocate.
 */
export type TwoDirections = (pilot: Uint8Array, first: Float64Array, second: Float64Array, at: number) => void;

export interface Studentized {
  /** Units in the analysis, in the order of every vector handed in. */
  readonly units: number;
  /**
   * For the assignment `pilot` (pilot[i] === 1: unit i in the pilot arm),
   * writes a0, a1, q00, q01, q11 for outcomes y and direction g at
   * out[at] to out[at + 4]. Must not allocate: it runs once per assignment.
   */
  coefficients(pilot: Uint8Array, y: Float64Array, g: Float64Array, out: Float64Array, at: number): void;
  /** Optional: `coefficients` for the fixed y along two fixed directions, for many assignments (see above). */
  twoDirections?(y: Float64Array, first: Float64Array, second: Float64Array): TwoDirections;
}
