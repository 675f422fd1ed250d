/**
 * Randomization inference (statistics.md, section 10): the headline p-value
 * and intervals of every per-unit metric. The pilot's own assignment is the
 * only thing chance decided, so the test asks how unusual the observed
 * studentized statistic is among all the assignments that could have been
 * made (Fisher 1935; Imbens and Rubin, Causal Inference, 2015, chapter 5;
 * studentized for robustness, Wu and Ding 2021, JASA 116:1898).
 *
 * Assignments Omega: complete randomization within each block, keeping each
 * block's count of pilot units (no blocks: n_p and n_c kept);
 * |Omega| = prod_b C(n_b, p_b). With |Omega| <= 200,000 every assignment is
 * enumerated (lexicographic combinations per block, nested across blocks)
 * and p(null) = #{w in Omega : |T_w| >= |T_obs| (1 - 1e-9)} / |Omega|, the
 * observed assignment included. Otherwise M = 10,000 assignments are drawn
 * uniformly with replacement (per block a uniformly random subset of p_b
 * units, a partial Fisher-Yates shuffle) from mulberry32 seeded with
 * fnv1a32(seed) (./random.ts), the same draws for every null, and
 * p(null) = (1 + #{m : |T_m| >= |T_obs| (1 - 1e-9)}) / (M + 1).
 *
 * Sharp nulls: absolute tau, y0 = y - tau g_abs (g_abs = z for means and
 * ANCOVA, N z for ratios: built by the caller); relative rho,
 * y0 = y / (1 + rho)^z = y - theta (y z) with theta = 1 - 1 / (1 + rho)
 * (the direction y z is built here), searched on phi = log(1 + rho). The
 * studentized statistic (./studentized.ts) gives five coefficients per
 * assignment, so T(theta) = (a0 - theta a1) / sqrt(q00 - 2 theta q01 +
 * theta^2 q11): they are computed once per assignment and direction (both
 * directions in one call when the statistic offers `twoDirections`; the
 * observed assignment always by `coefficients`), and each
 * null is then a tight loop over a typed array (./randomization-nulls.ts,
 * which also says what T is when a variance is 0: +/-Infinity, or 0 for 0/0;
 * nothing is ever NaN). During bisection that file certifies, once per
 * bracket, which assignments count at every null inside it, and counts only
 * the others: the same counts, far fewer operations.
 *
 * Interval at confidence 1 - alpha, by inverting the test: from the
 * estimate x0, step outward by s, 2 s, 4 s, ... (offsets min(2^k, 1e6) s,
 * k = 0..20, so the last step is 1e6 s) until p <= alpha; bisect between the
 * last step with p > alpha (at first x0) and that one until the bracket is
 * narrower than 1e-7 s; the bound is the bracket's end with p > alpha. A side
 * that never reaches p <= alpha is unbounded (null). Absolute: x = tau,
 * x0 = the estimate d, s = se. Relative: x = phi = log(1 + rho),
 * x0 = log(1 + lift), s = se / relativeScale (se(d) / |m_c|, or se(b1) over
 * the adjusted denominator). If p(0) > alpha and 0 lies outside, the interval
 * is extended to 0; if p(0) <= alpha, a step that would pass 0 stops at 0
 * instead (the bracket is then bisected between the last accepted point and
 * 0), so the interval holds 0 exactly when p(0) > alpha, even where p does not
 * fall steadily away from the estimate (where it does, this changes nothing).
 * If p at x0 is already <= alpha (possible for the adjusted
 * lift, whose estimate b1 / (b0 + b2 mean(x)) is not where the observed
 * statistic is 0), the search starts instead from the null at which the
 * observed estimate is exactly 0, theta0 = a0 / a1 (where p = 1). If that null
 * does not exist either (a1 = 0, or theta0 >= 1: no lift above -100% makes
 * the observed estimate 0, as when an adjusted fit extrapolates far), the
 * relative interval is null, as if no lift had been given: null bounds would
 * claim "unbounded", and the search has nowhere honest to start.
 *
 * Smallest attainable p: at no effect, the share of assignments whose |T|
 * ties the largest |T| of all (same tolerance): 2/20 = 0.1 for 3 vs 3,
 * 1/10 for 2 vs 3. For a drawn design it is not searched for but taken as
 * 1 / |Omega|, or 2 / |Omega| when every block has exactly half its units in
 * the pilot arm (the mirror image of an assignment gives the same |T|);
 * either is then far below any alpha.
 *
 * Example (statistics.md, section 10): pilot 3 units, control 3 units, any
 * distinct values: assignments 20, exact, minimumP 0.1; at 95% no effect can
 * reach p <= 0.05, so both bounds are null (the verdict is `too-few`).
 * The reference values in test/core/stats/randomization.test.ts come from
 * test/core/stats/reference/randomization.R, an independent base-R
 * implementation (combn, lm).
 */
import { checkConfidence, checkFinite, checkUnits } from './checks.ts';
import { fnv1a32, TWO_TO_32 } from './random.ts';
import { bracketCounter, countAtLeast, TIE_TOLERANCE, tAtNoEffect, weights } from './randomization-nulls.ts';
import { COEFFICIENTS, type Studentized } from './studentized.ts';

/** Section 10: enumerate Omega when it has at most this many assignments. */
export const ENUMERATION_LIMIT = 200_000;
/** Section 10: assignments drawn when Omega is larger. */
export const DRAWS = 10_000;
/** Bins of the null distribution's histogram. */
export const HISTOGRAM_BINS = 30;

const INVERSE_TWO_TO_32 = 1 / TWO_TO_32;
const LARGEST_STEP = 1e6;
const STEPS = 21;
const BRACKET = 1e-7;

export interface RandomizationOptions {
  /** The studentized statistic of the headline method (./welch-statistic.ts, ./delta-statistic.ts, ./ancova-statistic.ts). */
  statistic: Studentized;
  /** y: each analysed unit's outcome (Y, the numerator, for ratios). */
  outcomes: Float64Array;
  /** g_abs: the direction an absolute effect moves the outcomes: z for means and ANCOVA, N z for ratios. */
  absoluteDirection: Float64Array;
  /** z: the real assignment, 1 for a pilot unit, 0 for control. */
  observed: Uint8Array;
  /** Block id per unit (any integers); absent or null: one block. */
  blocks?: Int32Array | null;
  confidence: number;
  /** Seeds the draws when Omega is too large to enumerate, e.g. `${slug}/${metricId}`. */
  seed: string;
  /** d: the large-sample absolute estimate (the search starts here). */
  estimate: number;
  /** se(d): the large-sample standard error, the search's step; positive. */
  se: number;
  /** The lift (m_p / m_c - 1, or the adjusted lift); null: no relative interval. */
  relativeEstimate: number | null;
  /** |m_c|, or the adjusted denominator b0 + b2 mean(x): the relative step is se / relativeScale on the log scale; null: no relative interval. */
  relativeScale: number | null;
  /** Largest Omega that is enumerated; ENUMERATION_LIMIT unless a test forces drawing. */
  enumerationLimit?: number;
  /** Draws when Omega is not enumerated; DRAWS unless told. */
  draws?: number;
}

export interface RandomizationInterval {
  estimate: number;
  /** Null: unbounded on that side (no null there reaches p <= alpha). */
  low: number | null;
  high: number | null;
}

export interface AbsoluteRandomizationInterval extends RandomizationInterval {
  /** p at no effect (the same as Randomization.p). */
  p: number;
}

export interface HistogramBin {
  /** [low, high): the last bin includes its high end. */
  low: number;
  high: number;
  count: number;
}

/** The studentized statistic T over the assignments at no effect. */
export interface NullDistribution {
  /** Equal-width bins from the smallest to the largest finite T (one bin when they are equal, none when no T is finite). */
  bins: HistogramBin[];
  /** T at the observed assignment; null when infinite (as Randomization.observedT). */
  observed: number | null;
  /** Assignments whose T is -Infinity or +Infinity (a variance of 0), kept out of the bins. */
  negativeInfinite: number;
  positiveInfinite: number;
  /** Assignments tallied: |Omega| when enumerated, the draws otherwise. */
  assignments: number;
}

export interface Randomization {
  /** |Omega|: every assignment the design allows (rounded beyond 2^53; capped at Number.MAX_VALUE, about 1.8e308). */
  assignments: number;
  /** True when every assignment was enumerated; false when they were drawn. */
  exact: boolean;
  /** Assignments drawn; null when enumerated. */
  draws: number | null;
  /** The smallest p any assignment could give; above alpha no effect can be shown (`too-few`). */
  minimumP: number;
  /** p at no effect, the reported p-value. */
  p: number;
  absolute: AbsoluteRandomizationInterval;
  /**
   * Null when no relative estimate or scale was given, or when no lift above
   * -100% makes the observed estimate 0 and the lift itself is rejected
   * (nowhere to start the search; the report then uses the absolute interval).
   */
  relative: RandomizationInterval | null;
  /**
   * T at the observed assignment and no effect; null when it is infinite
   * (both arms without variation, which statistics.md section 9 refuses
   * before this is asked), so the result stays JSON.
   */
  observedT: number | null;
  distribution: NullDistribution;
}

/** A block of units randomized together, and how many of them the pilot arm holds. */
export interface Block {
  units: Int32Array;
  pilots: number;
}

/** C(n, k) as a double: exact up to 2^53, rounded beyond, Infinity past the largest double. */
export function binomial(n: number, k: number): number {
  const smaller = Math.min(k, n - k);
  let result = 1;
  // After step i the result is C(n - smaller + i, i), a whole number: rounding removes the division's error.
  for (let i = 1; i <= smaller; i += 1) {
    result = (result * (n - smaller + i)) / i;
    if (result < 2 ** 53) result = Math.round(result);
  }
  return result;
}

function checkOptions(options: RandomizationOptions): void {
  const units = options.statistic.units;
  const { outcomes, absoluteDirection, observed, blocks } = options;
  for (const [name, vector] of [
    ['outcomes', outcomes],
    ['absoluteDirection', absoluteDirection],
    ['observed', observed],
    ['blocks', blocks ?? observed],
  ] as const) {
    if (vector.length !== units) {
      throw new RangeError(`${name} has ${vector.length} entries; the statistic has ${units} units.`);
    }
  }
  let pilots = 0;
  for (let i = 0; i < units; i += 1) {
    const assigned = observed[i] as number;
    if (assigned !== 0 && assigned !== 1) throw new RangeError(`observed[${i}] must be 0 or 1, got ${assigned}.`);
    pilots += assigned;
    checkFinite(outcomes[i] as number, `Unit ${i + 1}'s outcome`);
    checkFinite(absoluteDirection[i] as number, `Unit ${i + 1}'s direction`);
  }
  checkUnits(pilots, 'The pilot arm');
  checkUnits(units - pilots, 'The control arm');
  checkConfidence(options.confidence);
  checkFinite(options.estimate, 'The estimate');
  if (!(options.se > 0 && Number.isFinite(options.se))) {
    throw new RangeError(`The standard error must be positive and finite, got ${options.se}.`);
  }
  const { relativeEstimate, relativeScale } = options;
  if (relativeEstimate !== null) checkFinite(relativeEstimate, 'The relative estimate');
  if (relativeScale !== null && !(relativeScale > 0 && Number.isFinite(relativeScale))) {
    throw new RangeError(`The relative scale must be positive and finite, got ${relativeScale}.`);
  }
}

export function splitBlocks(observed: Uint8Array, blocks: Int32Array | null | undefined): Block[] {
  const members = new Map<number, number[]>();
  for (let i = 0; i < observed.length; i += 1) {
    const id = blocks ? (blocks[i] as number) : 0;
    const list = members.get(id);
    if (list) list.push(i);
    else members.set(id, [i]);
  }
  return [...members.values()].map((list) => ({
    units: Int32Array.from(list),
    pilots: list.reduce((count, i) => count + (observed[i] as number), 0),
  }));
}

/**
 * Calls visit(pilot) once for each assignment of Omega, the pilot mask
 * rewritten in place: within each block the combinations of p_b of its
 * units in lexicographic order (only the places that change are rewritten),
 * nested across blocks like an odometer.
 */
export function enumerate(blocks: readonly Block[], units: number, visit: (pilot: Uint8Array) => void): void {
  const pilot = new Uint8Array(units);
  // cursors[b][j]: the position, within block b, of its j-th pilot unit.
  const cursors = blocks.map((block) => Int32Array.from({ length: block.pilots }, (_, j) => j));
  const first = (b: number): void => {
    const { units: members, pilots } = blocks[b] as Block;
    const cursor = cursors[b] as Int32Array;
    for (let j = 0; j < members.length; j += 1) pilot[members[j] as number] = j < pilots ? 1 : 0;
    for (let j = 0; j < pilots; j += 1) cursor[j] = j;
  };
  /** The next combination of block b; false (and nothing changed) after its last. */
  const next = (b: number): boolean => {
    const { units: members, pilots } = blocks[b] as Block;
    const cursor = cursors[b] as Int32Array;
    const size = members.length;
    let j = pilots - 1;
    while (j >= 0 && (cursor[j] as number) === size - pilots + j) j -= 1;
    if (j < 0) return false;
    for (let m = j; m < pilots; m += 1) pilot[members[cursor[m] as number] as number] = 0;
    cursor[j] = (cursor[j] as number) + 1;
    for (let m = j + 1; m < pilots; m += 1) cursor[m] = (cursor[m - 1] as number) + 1;
    for (let m = j; m < pilots; m += 1) pilot[members[cursor[m] as number] as number] = 1;
    return true;
  };
  for (let b = 0; b < blocks.length; b += 1) first(b);
  for (;;) {
    visit(pilot);
    let b = 0;
    while (b < blocks.length && !next(b)) {
      first(b);
      b += 1;
    }
    if (b === blocks.length) return;
  }
}

/**
 * One block's part of a draw: a partial Fisher-Yates shuffle of `order` (whatever order earlier
 * draws left, its first `pilots` places become a uniform subset), each pick marked in `pilot`.
 * The uniforms are mulberry32's (./random.ts) from `state`, kept in a local here rather than in
 * a closure, which boxed it on every call; the state after the last pick is returned.
 */
function shuffleBlock(order: Int32Array, pilots: number, pilot: Uint8Array, state: number): number {
  const size = order.length;
  for (let i = 0; i < pilots; i += 1) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    // mulberry32's uniform is k / 2^32; (k / 2^32) (size - i) and k (size - i) / 2^32 round alike
    // (scaling by a power of two is exact), and a multiplication is cheaper than a division: the same j.
    const j = i + Math.floor(((t ^ (t >>> 14)) >>> 0) * (size - i) * INVERSE_TWO_TO_32);
    const held = order[i] as number;
    order[i] = order[j] as number;
    order[j] = held;
    pilot[order[i] as number] = 1;
  }
  return state;
}

/**
 * Calls visit(pilot) for `draws` assignments drawn uniformly (with replacement) from Omega, from
 * mulberry32(fnv1a32(seed)). The shuffle is a function of its own so that the engine optimizes it
 * as a whole: compiled mid-loop, this function's optimized code was thrown away each time the
 * inner loop ended, several times per call.
 */
export function draw(blocks: readonly Block[], units: number, draws: number, seed: string, visit: (pilot: Uint8Array) => void): void {
  let state = fnv1a32(seed) >>> 0;
  const pilot = new Uint8Array(units);
  const orders = blocks.map((block) => Int32Array.from(block.units));
  const counts = Int32Array.from(blocks, (block) => block.pilots);
  for (let m = 0; m < draws; m += 1) {
    pilot.fill(0);
    for (let b = 0; b < orders.length; b += 1) state = shuffleBlock(orders[b] as Int32Array, counts[b] as number, pilot, state);
    visit(pilot);
  }
}

interface Direction {
  /** Five coefficients per assignment. */
  coefficients: Float64Array;
  /** Five coefficients at the observed assignment. */
  observed: Float64Array;
}

/** The decisions an interval search needs along one direction: p > alpha at a point x of the search's scale. */
interface Search {
  /** One null, counted in full (stopping once p > alpha is sure). */
  accepted(x: number): boolean;
  /** The decisions of one bisection between inside (accepted) and outside (rejected), told each outcome. */
  bisector(inside: number, outside: number): (x: number) => boolean;
}

/**
 * The interval from inverting the test along one direction (x is tau, or
 * phi = log(1 + rho)): step outward from start by step, 2 step, 4 step, ...
 * (the last 1e6 step) until p <= alpha, then bisect to BRACKET step.
 */
function invert(search: Search, start: number, step: number, zeroRejected: boolean): { low: number | null; high: number | null } {
  const side = (sign: 1 | -1): number | null => {
    let inside = start;
    let outside: number | null = null;
    for (let k = 0; k < STEPS; k += 1) {
      const x = start + sign * Math.min(2 ** k, LARGEST_STEP) * step;
      // No effect (x = 0) rejected, and this step would pass it: the bound lies between here and 0.
      // Where p falls steadily away from the estimate this changes nothing; where it does not,
      // it keeps 0 outside an interval whose p(0) <= alpha, so p and interval never disagree about zero.
      if (zeroRejected && sign * inside < 0 && sign * x >= 0) {
        outside = 0;
        break;
      }
      if (!search.accepted(x)) {
        outside = x;
        break;
      }
      inside = x;
    }
    if (outside === null) return null;
    let rejected: number = outside;
    const accepted = search.bisector(inside, rejected);
    while (Math.abs(rejected - inside) >= BRACKET * step) {
      const middle = (inside + rejected) / 2;
      if (middle === inside || middle === rejected) break;
      if (accepted(middle)) inside = middle;
      else rejected = middle;
    }
    return inside;
  };
  return { low: side(-1), high: side(1) };
}

/** Extends a bounded side to 0 when 0 is not rejected but lies outside (section 10). */
function reachZero(
  interval: { low: number | null; high: number | null },
  zeroAccepted: boolean,
): { low: number | null; high: number | null } {
  if (!zeroAccepted) return interval;
  return {
    low: interval.low !== null && interval.low > 0 ? 0 : interval.low,
    high: interval.high !== null && interval.high < 0 ? 0 : interval.high,
  };
}

function histogram(values: Float64Array, observed: number | null): NullDistribution {
  let smallest = Infinity;
  let largest = -Infinity;
  let negativeInfinite = 0;
  let positiveInfinite = 0;
  // Indexed rather than for-of, which made an iterator result per assignment in code run once per metric.
  for (let i = 0; i < values.length; i += 1) {
    const t = values[i] as number;
    if (t === Infinity) positiveInfinite += 1;
    else if (t === -Infinity) negativeInfinite += 1;
    else {
      smallest = Math.min(smallest, t);
      largest = Math.max(largest, t);
    }
  }
  const bins: HistogramBin[] = [];
  if (smallest <= largest) {
    const count = smallest === largest ? 1 : HISTOGRAM_BINS;
    const width = (largest - smallest) / count;
    for (let i = 0; i < count; i += 1) {
      bins.push({ low: smallest + i * width, high: i === count - 1 ? largest : smallest + (i + 1) * width, count: 0 });
    }
    for (let i = 0; i < values.length; i += 1) {
      const t = values[i] as number;
      if (!Number.isFinite(t)) continue;
      const index = width > 0 ? Math.min(count - 1, Math.floor((t - smallest) / width)) : 0;
      (bins[index] as HistogramBin).count += 1;
    }
  }
  return { bins, observed, negativeInfinite, positiveInfinite, assignments: values.length };
}

export function randomizationInference(options: RandomizationOptions): Randomization {
  checkOptions(options);
  const { statistic, outcomes, absoluteDirection, observed, confidence, estimate, se } = options;
  const units = statistic.units;
  const alpha = 1 - confidence;
  const blocks = splitBlocks(observed, options.blocks);
  // Capped at the largest double (past about 1,030 units in equal arms), so the result stays JSON and minimumP above 0.
  const assignments = Math.min(
    Number.MAX_VALUE,
    blocks.reduce((product, block) => product * binomial(block.units.length, block.pilots), 1),
  );
  const exact = assignments <= (options.enumerationLimit ?? ENUMERATION_LIMIT);
  const draws = exact ? null : (options.draws ?? DRAWS);
  const tallied = exact ? assignments : (draws as number);

  const wantRelative = options.relativeEstimate !== null && options.relativeScale !== null;
  // g_rel = y z: the relative null divides the pilot units' outcomes by 1 + rho.
  const relativeDirection = outcomes.map((y, i) => y * (observed[i] as number));
  const absolute: Direction = {
    coefficients: new Float64Array(tallied * COEFFICIENTS),
    observed: new Float64Array(COEFFICIENTS),
  };
  const relative: Direction | null = wantRelative
    ? { coefficients: new Float64Array(tallied * COEFFICIENTS), observed: new Float64Array(COEFFICIENTS) }
    : null;
  statistic.coefficients(observed, outcomes, absoluteDirection, absolute.observed, 0);
  if (relative) statistic.coefficients(observed, outcomes, relativeDirection, relative.observed, 0);
  const observedSigned = tAtNoEffect(absolute.observed, 0);
  const observedT = Number.isFinite(observedSigned) ? observedSigned : null;

  let k = 0;
  const both = relative && statistic.twoDirections ? statistic.twoDirections(outcomes, absoluteDirection, relativeDirection) : null;
  const visit = (pilot: Uint8Array): void => {
    if (both) both(pilot, absolute.coefficients, (relative as Direction).coefficients, k * COEFFICIENTS);
    else {
      statistic.coefficients(pilot, outcomes, absoluteDirection, absolute.coefficients, k * COEFFICIENTS);
      if (relative) statistic.coefficients(pilot, outcomes, relativeDirection, relative.coefficients, k * COEFFICIENTS);
    }
    k += 1;
  };
  if (exact) enumerate(blocks, units, visit);
  else draw(blocks, units, draws as number, options.seed, visit);

  const pOfCount = (count: number): number => (exact ? count / tallied : (1 + count) / (tallied + 1));
  const p = pOfCount(countAtLeast(absolute.coefficients, tallied, absolute.observed, weights(0)));
  // The fewest assignments at least as extreme that make p > alpha: a decision is a comparison with it.
  let enough = Math.max(0, Math.floor(alpha * tallied) - 1);
  while (!(pOfCount(enough) > alpha)) enough += 1;
  const search = (direction: Direction, thetaOf: (x: number) => number): Search => {
    const accepted = (x: number): boolean =>
      countAtLeast(direction.coefficients, tallied, direction.observed, weights(thetaOf(x)), enough) >= enough;
    return {
      accepted,
      bisector(inside, outside) {
        const counter = bracketCounter(direction.coefficients, tallied, direction.observed, thetaOf(inside), thetaOf(outside));
        if (!counter) return accepted;
        return (x) => {
          const theta = thetaOf(x);
          const decision = counter.count(theta) >= enough;
          counter.keep(theta, decision ? 'a' : 'b');
          return decision;
        };
      },
    };
  };

  // The observed estimate is exactly 0 at theta0 = a0 / a1: where T_obs = 0 and p = 1.
  const zeroOfObserved = (direction: Direction): number => {
    const a0 = direction.observed[0] as number;
    const a1 = direction.observed[1] as number;
    return a1 !== 0 ? a0 / a1 : NaN;
  };

  const absoluteSearch = search(absolute, (tau) => tau);
  let absoluteStart = estimate;
  if (!absoluteSearch.accepted(absoluteStart)) absoluteStart = zeroOfObserved(absolute);
  const absoluteBounds = Number.isFinite(absoluteStart)
    ? reachZero(invert(absoluteSearch, absoluteStart, se, !(p > alpha)), p > alpha)
    : { low: null, high: null };

  let relativeInterval: RandomizationInterval | null = null;
  if (relative) {
    const lift = options.relativeEstimate as number;
    const step = se / (options.relativeScale as number);
    // theta = 1 - 1 / (1 + rho) = 1 - exp(-phi); exp(-phi) may overflow to theta = -Infinity, which weights() handles.
    const relativeSearch = search(relative, (phi) => -Math.expm1(-phi));
    let start = lift > -1 ? Math.log1p(lift) : NaN;
    if (!(Number.isFinite(start) && relativeSearch.accepted(start))) {
      const theta0 = zeroOfObserved(relative);
      start = theta0 < 1 ? -Math.log1p(-theta0) : NaN;
    }
    if (Number.isFinite(start) && Number.isFinite(step) && step > 0) {
      const bounds = reachZero(invert(relativeSearch, start, step, !(p > alpha)), p > alpha);
      relativeInterval = {
        estimate: lift,
        low: bounds.low === null ? null : Math.expm1(bounds.low),
        high: bounds.high === null ? null : Math.expm1(bounds.high),
      };
    }
  }

  const noEffect = new Float64Array(tallied);
  for (let i = 0; i < tallied; i += 1) noEffect[i] = tAtNoEffect(absolute.coefficients, i * COEFFICIENTS);

  let minimumP: number;
  if (exact) {
    let largest = 0;
    for (let i = 0; i < tallied; i += 1) largest = Math.max(largest, Math.abs(noEffect[i] as number));
    let ties = 0;
    for (let i = 0; i < tallied; i += 1) if (Math.abs(noEffect[i] as number) >= (1 - TIE_TOLERANCE) * largest) ties += 1;
    minimumP = ties / tallied;
  } else {
    const mirrored = blocks.every((block) => 2 * block.pilots === block.units.length);
    minimumP = (mirrored ? 2 : 1) / assignments;
  }

  return {
    assignments,
    exact,
    draws,
    minimumP,
    p,
    absolute: { estimate, low: absoluteBounds.low, high: absoluteBounds.high, p },
    relative: relativeInterval,
    observedT,
    distribution: histogram(noEffect, observedT),
  };
}
