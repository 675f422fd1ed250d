/**
 * Counting, at one sharp null, the assignments whose studentized statistic is
 * at least as extreme as the observed one (statistics.md, section 10): the
 * inner loop of ./randomization.ts, and what makes inverting the test fast.
 *
 * Each assignment w carries five coefficients (./studentized.ts), so at the
 * null theta its statistic is T_w = num_w / sqrt(var_w) with
 * num_w = a0 - theta a1 and var_w = q00 - 2 theta q01 + theta^2 q11, and it
 * counts when |T_w| >= (1 - 1e-9) |T_obs|, tested as
 * num_w^2 >= (1 - 1e-9)^2 T_obs^2 var_w. A null is handed in as weights
 * (alpha, beta) proportional to (1, theta), so theta = -Infinity (a lift
 * reversed past overflow) stays finite; T does not change when both are
 * scaled by a positive factor.
 *
 * A variance of 0 (each arm constant under the null): T = +/-Infinity when
 * num is not 0, and 0 when it is (0/0, no evidence either way). A variance or
 * a num within 64 machine epsilons of the terms it was formed from is taken as
 * 0: the five-coefficient form cannot resolve it.
 *
 * Bisecting for an interval bound evaluates some 25 nulls inside a shrinking
 * bracket, and almost every assignment counts at all of them or at none.
 * `bracketCounter` certifies that once per bracket: with theta running over
 * [theta_a, theta_b] as theta_a + t (theta_b - theta_a), t in [0, 1],
 *
 *   D_w(t) = num_w^2 var_obs - (1 - 1e-9)^2 num_obs^2 var_w
 *
 * is a polynomial of degree 4 whose sign is whether w counts, and if its five
 * Bernstein coefficients on [0, 1] share a sign (with a margin of 1e-9 of
 * their size) so does D_w throughout the bracket (the convex-hull property of
 * the Bernstein form; Farouki and Rajan 1987, Computer Aided Geometric Design
 * 4:191). Only the assignments left uncertain are evaluated at each midpoint,
 * by the same rule as `countAtLeast`, and re-certified as the bracket halves,
 * so the counts, and so the bounds, are exactly those of counting everything.
 */
import { COEFFICIENTS } from './studentized.ts';

/** Section 10: |T_w| >= |T_obs| (1 - TIE_TOLERANCE) counts as a tie. */
export const TIE_TOLERANCE = 1e-9;
const TIE_SQUARED = (1 - TIE_TOLERANCE) * (1 - TIE_TOLERANCE);
/** Relative size under which a variance or an estimate formed from the five coefficients is rounding noise. */
const RESOLUTION = 64 * Number.EPSILON;
/** Bernstein coefficients within this share of their size of 0 leave an assignment uncertain. */
const CERTAIN = 1e-9;
/** Beyond this |theta| the polynomial form loses digits; brackets there are counted in full. */
const LARGEST_THETA = 1e8;

/** A null as weights on (y, g): the null outcomes are proportional to alpha y - beta g. */
export interface Weights {
  alpha: number;
  beta: number;
}

/** theta as weights (1, theta) / max(1, |theta|); theta = +/-Infinity as (0, +/-1). */
export function weights(theta: number): Weights {
  if (theta === Infinity) return { alpha: 0, beta: 1 };
  if (theta === -Infinity) return { alpha: 0, beta: -1 };
  const scale = Math.max(1, Math.abs(theta));
  return { alpha: 1 / scale, beta: theta / scale };
}

/** T^2 from five coefficients at the null (alpha, beta), with the rules for a variance of 0; never NaN. */
export function tSquared(c: Float64Array, at: number, alpha: number, beta: number): number {
  const a = alpha * (c[at] as number);
  const b = beta * (c[at + 1] as number);
  const numerator = a - b;
  const pure = alpha * alpha * (c[at + 2] as number);
  const cross = 2 * alpha * beta * (c[at + 3] as number);
  const direction = beta * beta * (c[at + 4] as number);
  const variance = pure - cross + direction;
  if (variance > RESOLUTION * (pure + Math.abs(cross) + direction)) return (numerator * numerator) / variance;
  return Math.abs(numerator) > RESOLUTION * (Math.abs(a) + Math.abs(b)) ? Infinity : 0;
}

/** T (signed) at no effect. */
export function tAtNoEffect(c: Float64Array, at: number): number {
  const squared = tSquared(c, at, 1, 0);
  return squared === 0 ? 0 : Math.sign(c[at] as number) * Math.sqrt(squared);
}

/**
 * Whether the assignment at c[at] counts at the null (alpha, beta), given
 * bound = (1 - 1e-9)^2 T_obs^2 there. Small enough for the compiler to inline
 * into the loops below, which is what keeps them one rule.
 */
function counts(c: Float64Array, at: number, alpha: number, beta: number, bound: number): boolean {
  const a = alpha * (c[at] as number);
  const b = beta * (c[at + 1] as number);
  const numerator = a - b;
  const pure = alpha * alpha * (c[at + 2] as number);
  const cross = 2 * alpha * beta * (c[at + 3] as number);
  const direction = beta * beta * (c[at + 4] as number);
  const variance = pure - cross + direction;
  // bound may be Infinity (an infinite observed T): then only an infinite T ties it, in the second branch.
  if (variance > RESOLUTION * (pure + Math.abs(cross) + direction)) return numerator * numerator >= bound * variance;
  return bound === 0 || Math.abs(numerator) > RESOLUTION * (Math.abs(a) + Math.abs(b));
}

/**
 * #{k : |T_k| >= (1 - 1e-9) |T_obs|} over `assignments` coefficient sets,
 * counting no further than `enough` (a decision about alpha needs no more).
 */
export function countAtLeast(
  c: Float64Array,
  assignments: number,
  observed: Float64Array,
  { alpha, beta }: Weights,
  enough = Infinity,
): number {
  const bound = TIE_SQUARED * tSquared(observed, 0, alpha, beta);
  let count = 0;
  for (let at = 0, end = assignments * COEFFICIENTS; at < end; at += COEFFICIENTS) {
    if (counts(c, at, alpha, beta, bound)) {
      count += 1;
      if (count >= enough) return count;
    }
  }
  return count;
}

/** Bernstein coefficients on t in [0, 1] of var(theta) = q00 - 2 theta q01 + theta^2 q11, theta = low + t width. */
function varianceForm(q00: number, q01: number, q11: number, low: number, width: number, into: Float64Array): void {
  const start = q00 - 2 * low * q01 + low * low * q11;
  const high = low + width;
  into[0] = start;
  into[1] = start + width * (low * q11 - q01);
  into[2] = q00 - 2 * high * q01 + high * high * q11;
}

/** Is a variance form resolved and positive over the bracket (as `counts` would find it at every point)? */
function resolved(form: Float64Array, q00: number, q01: number, q11: number, largest: number): boolean {
  // An upper bound over the bracket of the terms `counts` compares the variance with.
  const terms = q00 + 2 * largest * Math.abs(q01) + largest * largest * q11;
  const floor = 4 * RESOLUTION * terms;
  return (form[0] as number) > floor && (form[1] as number) > floor && (form[2] as number) > floor;
}

/**
 * Counts at the nulls of one bisection, theta between thetaA and thetaB
 * (either order). `bracketCounter` returns null when the bracket is too far
 * out for the polynomial form or the observed statistic is not resolved
 * across it; the caller then counts every null in full.
 */
export interface BracketCounter {
  /** The same number as countAtLeast at theta (no early stop), for theta inside the current bracket. */
  count(theta: number): number;
  /** The bisection kept the half between theta and the other end: theta replaces end a (thetaA) or b (thetaB). */
  keep(theta: number, replaces: 'a' | 'b'): void;
  /** Assignments not certified over the current bracket, each counted at every null. */
  uncertain(): number;
}

export function bracketCounter(
  c: Float64Array,
  assignments: number,
  observed: Float64Array,
  thetaA: number,
  thetaB: number,
): BracketCounter | null {
  if (!(Math.abs(thetaA) <= LARGEST_THETA && Math.abs(thetaB) <= LARGEST_THETA)) return null;
  const [o0, o1, o00, o01, o11] = observed as unknown as [number, number, number, number, number];
  const observedForm = new Float64Array(3);
  const form = new Float64Array(3);
  let ends = [thetaA, thetaB];
  let uncertain = new Int32Array(assignments);
  let uncertainCount = 0;
  let certainCount = 0;

  /** Re-certifies the listed assignments (all of them at first) over the current bracket. */
  const certify = (all: boolean): boolean => {
    const low = Math.min(ends[0] as number, ends[1] as number);
    const high = Math.max(ends[0] as number, ends[1] as number);
    const width = high - low;
    const largest = Math.max(Math.abs(low), Math.abs(high));
    varianceForm(o00, o01, o11, low, width, observedForm);
    if (!resolved(observedForm, o00, o01, o11, largest)) return false;
    // num_obs at the ends, its square in Bernstein form, times the tie factor.
    const n0 = o0 - low * o1;
    const n1 = o0 - high * o1;
    const s0 = TIE_SQUARED * n0 * n0;
    const s1 = TIE_SQUARED * n0 * n1;
    const s2 = TIE_SQUARED * n1 * n1;
    const v0 = observedForm[0] as number;
    const v1 = observedForm[1] as number;
    const v2 = observedForm[2] as number;
    const total = all ? assignments : uncertainCount;
    let kept = 0;
    for (let i = 0; i < total; i += 1) {
      const k = all ? i : (uncertain[i] as number);
      const at = k * COEFFICIENTS;
      const a0 = c[at] as number;
      const a1 = c[at + 1] as number;
      const q00 = c[at + 2] as number;
      const q01 = c[at + 3] as number;
      const q11 = c[at + 4] as number;
      varianceForm(q00, q01, q11, low, width, form);
      if (!resolved(form, q00, q01, q11, largest)) {
        uncertain[kept] = k;
        kept += 1;
        continue;
      }
      const m0 = a0 - low * a1;
      const m1 = a0 - high * a1;
      // P = num_w^2 var_obs and Q = tie^2 num_obs^2 var_w, degree 4, as products of degree-2 Bernstein forms.
      const p0 = m0 * m0;
      const p1 = m0 * m1;
      const p2 = m1 * m1;
      const w0 = form[0] as number;
      const w1 = form[1] as number;
      const w2 = form[2] as number;
      const pA = p0 * v0;
      const pB = (p0 * v1 + p1 * v0) / 2;
      const pC = (p0 * v2 + 4 * p1 * v1 + p2 * v0) / 6;
      const pD = (p1 * v2 + p2 * v1) / 2;
      const pE = p2 * v2;
      const qA = s0 * w0;
      const qB = (s0 * w1 + s1 * w0) / 2;
      const qC = (s0 * w2 + 4 * s1 * w1 + s2 * w0) / 6;
      const qD = (s1 * w2 + s2 * w1) / 2;
      const qE = s2 * w2;
      const margin =
        CERTAIN *
        Math.max(
          Math.abs(pA) + Math.abs(qA),
          Math.abs(pB) + Math.abs(qB),
          Math.abs(pC) + Math.abs(qC),
          Math.abs(pD) + Math.abs(qD),
          Math.abs(pE) + Math.abs(qE),
        );
      const dA = pA - qA;
      const dB = pB - qB;
      const dC = pC - qC;
      const dD = pD - qD;
      const dE = pE - qE;
      if (dA > margin && dB > margin && dC > margin && dD > margin && dE > margin) certainCount += 1;
      else if (!(dA < -margin && dB < -margin && dC < -margin && dD < -margin && dE < -margin)) {
        uncertain[kept] = k;
        kept += 1;
      }
    }
    uncertainCount = kept;
    return true;
  };
  if (!certify(true)) return null;
  uncertain = uncertain.subarray(0, Math.max(uncertainCount, 1)).slice();

  return {
    count(theta) {
      const { alpha, beta } = weights(theta);
      const bound = TIE_SQUARED * tSquared(observed, 0, alpha, beta);
      let count = certainCount;
      for (let i = 0; i < uncertainCount; i += 1) {
        if (counts(c, (uncertain[i] as number) * COEFFICIENTS, alpha, beta, bound)) count += 1;
      }
      return count;
    },
    keep(theta, replaces) {
      ends = replaces === 'a' ? [theta, ends[1] as number] : [ends[0] as number, theta];
      // A narrower bracket only removes points: whatever was certain stays so, and the observed statistic stays resolved.
      certify(false);
    },
    uncertain: () => uncertainCount,
  };
}
