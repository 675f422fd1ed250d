/**
 * `twoDirections` (./studentized.ts) of the ANCOVA and weighted-regression
 * statistics: one-pass sums of globally fitted residuals instead of the
 * careful passes of `coefficients`. Checked three ways: against
 * `coefficients` on ordinary data (to 1e-12 of each coefficient's scale);
 * against exact rational arithmetic on data built to make sums cancel, where
 * its error must stay within a factor 4 of the error of `coefficients` (on
 * these cases the larger of the two ratios is about 3, each way); and
 * through the engine, which must give the same p-values and intervals either
 * way.
 */
import { describe, expect, it } from 'vitest';
import { ancovaStatistic } from '../../../src/core/stats/ancova-statistic.ts';
import { mulberry32 } from '../../../src/core/stats/random.ts';
import { randomizationInference } from '../../../src/core/stats/randomization.ts';
import { COEFFICIENTS, type Studentized } from '../../../src/core/stats/studentized.ts';
import { weightedAncovaStatistic } from '../../../src/core/stats/weighted-ancova.ts';

type Coefficients = [number, number, number, number, number];

/** Seeded standard normals (Box-Muller). */
function normals(seed: number): () => number {
  const uniform = mulberry32(seed);
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** Alternating arms, pilot first. */
function alternating(units: number): Uint8Array {
  return Uint8Array.from({ length: units }, (_, i) => (i % 2 === 0 ? 1 : 0));
}

/** The observed assignment, then uniformly random ones keeping its arm sizes (seeded shuffles). */
function assignments(observed: Uint8Array, count: number, seed: number): Uint8Array[] {
  const uniform = mulberry32(seed);
  const result = [Uint8Array.from(observed)];
  for (let k = 1; k < count; k += 1) {
    const w = Uint8Array.from(observed);
    for (let i = w.length - 1; i > 0; i -= 1) {
      const j = Math.floor(uniform() * (i + 1));
      [w[i], w[j]] = [w[j] as number, w[i] as number];
    }
    result.push(w);
  }
  return result;
}

/** The engine's two directions: z and y z. */
function directions(y: Float64Array, observed: Uint8Array): [Float64Array, Float64Array] {
  return [Float64Array.from(observed), y.map((value, i) => value * (observed[i] as number))];
}

/** Both ways for one assignment: [twoDirections along each direction, coefficients along each]. */
function bothWays(statistic: Studentized, y: Float64Array, observed: Uint8Array, w: Uint8Array): { fast: Coefficients[]; careful: Coefficients[] } {
  const [first, second] = directions(y, observed);
  const out = [new Float64Array(COEFFICIENTS + 1).fill(NaN), new Float64Array(COEFFICIENTS + 1).fill(NaN)];
  (statistic.twoDirections as NonNullable<Studentized['twoDirections']>)(y, first, second)(w, out[0] as Float64Array, out[1] as Float64Array, 1);
  const careful = [first, second].map((g) => {
    const single = new Float64Array(COEFFICIENTS);
    statistic.coefficients(w, y, g, single, 0);
    return Array.from(single) as Coefficients;
  });
  // Written at out[at] .. out[at + 4] and nothing before.
  for (const written of out) expect(Number.isNaN(written[0])).toBe(true);
  return { fast: out.map((written) => Array.from(written.subarray(1)) as Coefficients), careful };
}

/**
 * The largest error of `actual` against `reference`, each coefficient on its
 * own scale: an estimate against |a| + sqrt(q) (its size and its standard
 * error), a variance against itself, a covariance against sqrt(q_yy q_gg).
 */
function error(actual: Coefficients, reference: Coefficients): number {
  const [a0, a1, q00, q01, q11] = reference;
  const scales = [Math.abs(a0) + Math.sqrt(q00), Math.abs(a1) + Math.sqrt(q11), q00, Math.sqrt(q00 * q11), q11];
  return Math.max(...actual.map((value, k) => (scales[k] === 0 ? Math.abs(value) : Math.abs(value - (reference[k] as number)) / (scales[k] as number))));
}

// ---------------------------------------------------------------------------
// Exact rational arithmetic, the yardstick for data that makes sums cancel.

interface Rational {
  num: bigint;
  den: bigint;
}

const abs = (n: bigint): bigint => (n < 0n ? -n : n);
function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [abs(a), abs(b)];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}
function rational(num: bigint, den: bigint): Rational {
  const sign = den < 0n ? -1n : 1n;
  const divisor = gcd(num, den) || 1n;
  return { num: (sign * num) / divisor, den: (sign * den) / divisor };
}
/** A double as the fraction it is exactly. */
function exact(value: number): Rational {
  let scaled = value;
  let den = 1n;
  while (!Number.isInteger(scaled)) {
    scaled *= 2;
    den *= 2n;
  }
  return rational(BigInt(scaled), den);
}
const add = (a: Rational, b: Rational): Rational => rational(a.num * b.den + b.num * a.den, a.den * b.den);
const sub = (a: Rational, b: Rational): Rational => rational(a.num * b.den - b.num * a.den, a.den * b.den);
const mul = (a: Rational, b: Rational): Rational => rational(a.num * b.num, a.den * b.den);
const div = (a: Rational, b: Rational): Rational => rational(a.num * b.den, a.den * b.num);
const ZERO = rational(0n, 1n);
const ONE = rational(1n, 1n);
const sum = (values: Rational[]): Rational => values.reduce(add, ZERO);
function toNumber(value: Rational): number {
  // Scaled so that both parts fit a double's exponent range before dividing.
  const shift = BigInt(Math.max(0, value.den.toString(2).length - 1000, value.num.toString(2).length - 1000));
  return Number(value.num >> shift) / Number(value.den >> shift);
}

/**
 * The weighted fit's five coefficients in exact arithmetic (statistics.md
 * section 11; unit weights make it the OLS fit of section 5, up to q's scale).
 * Per unit: h_i = w_i / W_a + w_i d_i^2 / S, c_i = w_i (s_i / W_a - Delta d_i / S),
 * q_uv = sum c_i^2 e_i(u) e_i(v) / (1 - h_i).
 */
function exactWeighted(weights: number[], x: number[], y: number[], g: number[], pilot: Uint8Array): Coefficients {
  const w = weights.map(exact);
  const units = [x, y, g].map((column) => column.map(exact));
  const [xs, ys, gs] = units as [Rational[], Rational[], Rational[]];
  const arm = (i: number): number => pilot[i] as number;
  const armWeight = [0, 1].map((a) => sum(w.filter((_, i) => arm(i) === a)));
  const armMean = (values: Rational[]) =>
    [0, 1].map((a) => div(sum(values.map((v, i) => (arm(i) === a ? mul(w[i] as Rational, v) : ZERO))), armWeight[a] as Rational));
  const [mx, my, mg] = [armMean(xs), armMean(ys), armMean(gs)] as [Rational[], Rational[], Rational[]];
  const d = xs.map((v, i) => sub(v, mx[arm(i)] as Rational));
  const squares = sum(d.map((v, i) => mul(w[i] as Rational, mul(v, v))));
  const slope = (values: Rational[], means: Rational[]) =>
    div(sum(d.map((v, i) => mul(mul(w[i] as Rational, v), sub(values[i] as Rational, means[arm(i)] as Rational)))), squares);
  const [by, bg] = [slope(ys, my), slope(gs, mg)];
  const gap = sub(mx[1] as Rational, mx[0] as Rational);
  const residuals = (values: Rational[], means: Rational[], b: Rational) =>
    values.map((v, i) => sub(sub(v, means[arm(i)] as Rational), mul(b, d[i] as Rational)));
  const [ey, eg] = [residuals(ys, my, by), residuals(gs, mg, bg)];
  const factor = d.map((v, i) => {
    const own = armWeight[arm(i)] as Rational;
    const leverageGap = sub(sub(ONE, div(w[i] as Rational, own)), div(mul(w[i] as Rational, mul(v, v)), squares));
    const sign = arm(i) === 1 ? ONE : rational(-1n, 1n);
    const c = mul(w[i] as Rational, sub(div(sign, own), div(mul(gap, v), squares)));
    return div(mul(c, c), leverageGap);
  });
  const q = (u: Rational[], v: Rational[]) => sum(factor.map((f, i) => mul(f, mul(u[i] as Rational, v[i] as Rational))));
  const estimate = (means: Rational[], b: Rational) => sub(sub(means[1] as Rational, means[0] as Rational), mul(b, gap));
  return [estimate(my, by), estimate(mg, bg), q(ey, ey), q(ey, eg), q(eg, eg)].map(toNumber) as Coefficients;
}

/** OLS (section 5) in exact arithmetic: q_uv = e(u)'e(v) / (n - 3) [(X'X)^-1]_22. */
function exactOls(x: number[], y: number[], g: number[], pilot: Uint8Array): Coefficients {
  const n = x.length;
  const xs = x.map(exact);
  const arm = (i: number): number => pilot[i] as number;
  const size = [0, 1].map((a) => rational(BigInt(pilot.filter((v) => v === a).length), 1n));
  const armMean = (values: Rational[]) => [0, 1].map((a) => div(sum(values.filter((_, i) => arm(i) === a)), size[a] as Rational));
  const mx = armMean(xs);
  const d = xs.map((v, i) => sub(v, mx[arm(i)] as Rational));
  const sxx = sum(d.map((v) => mul(v, v)));
  const gap = sub(mx[1] as Rational, mx[0] as Rational);
  const fit = (values: number[]) => {
    const vs = values.map(exact);
    const means = armMean(vs);
    const b = div(sum(d.map((v, i) => mul(v, sub(vs[i] as Rational, means[arm(i)] as Rational)))), sxx);
    return {
      estimate: sub(sub(means[1] as Rational, means[0] as Rational), mul(b, gap)),
      residuals: vs.map((v, i) => sub(sub(v, means[arm(i)] as Rational), mul(b, d[i] as Rational))),
    };
  };
  const [fy, fg] = [fit(y), fit(g)];
  const scale = div(add(add(div(ONE, size[1] as Rational), div(ONE, size[0] as Rational)), div(mul(gap, gap), sxx)), rational(BigInt(n - 3), 1n));
  const q = (u: Rational[], v: Rational[]) => mul(sum(u.map((value, i) => mul(value, v[i] as Rational))), scale);
  return [fy.estimate, fg.estimate, q(fy.residuals, fy.residuals), q(fy.residuals, fg.residuals), q(fg.residuals, fg.residuals)].map(
    toNumber,
  ) as Coefficients;
}

// ---------------------------------------------------------------------------

interface Data {
  x: Float64Array;
  y: Float64Array;
  weights: Float64Array;
  observed: Uint8Array;
}

/** Baselines, outcomes and weights of `units` units, alternating arms; `shape` turns normals into x and y. */
function data(units: number, seed: number, shape: (normal: () => number, pilot: number) => [number, number]): Data {
  const normal = normals(seed);
  const uniform = mulberry32(seed + 1);
  const observed = alternating(units);
  const pairs = Array.from(observed, (pilot) => shape(normal, pilot));
  return {
    x: Float64Array.from(pairs, ([x]) => x),
    y: Float64Array.from(pairs, ([, y]) => y),
    weights: Float64Array.from({ length: units }, () => 5 + Math.floor(56 * uniform())),
    observed,
  };
}

const typical = (normal: () => number, pilot: number): [number, number] => {
  const x = 10_000 * Math.exp(0.5 * normal());
  return [x, 1_500 + 0.9 * x + 1_500 * normal() + 800 * pilot];
};

/** Data that makes one-pass sums cancel, or sits on a rule's edge. */
const adversarial: [string, (normal: () => number, pilot: number) => [number, number]][] = [
  ['the baseline predicts y almost exactly (R^2 about 1 - 1e-16)', (normal, pilot) => {
    const x = 10_000 * Math.exp(0.5 * normal());
    return [x, 2 * x + 1e-4 * normal() + 5 * pilot];
  }],
  ['a common level of 1e5 on a spread of 1', (normal, pilot) => {
    const x = 1e5 + normal();
    return [x, x + 0.5 * normal() + 0.3 * pilot];
  }],
  ['a common level of 1e9 on a spread of 1 (aliased by lm\'s rule at every assignment)', (normal, pilot) => {
    const x = 1e9 + normal();
    return [x, x + 0.5 * normal() + 0.3 * pilot];
  }],
  ['spreads of 1e-9 and 1e-10', (normal, pilot) => {
    const x = 1e-9 * normal();
    return [x, 3 * x + 1e-10 * normal() + 1e-10 * pilot];
  }],
  ['an effect a million times the noise', (normal, pilot) => {
    const x = 10_000 * Math.exp(0.5 * normal());
    return [x, x + normal() + 1e6 * pilot];
  }],
  ['a baseline that almost is the observed assignment', (normal, pilot) => {
    const x = 10 * pilot + 1e-6 * normal();
    return [x, x + normal()];
  }],
];

const statistics: [string, (d: Data) => Studentized, (d: Data, w: Uint8Array, g: Float64Array) => Coefficients][] = [
  ['ancovaStatistic', (d) => ancovaStatistic(d.x), (d, w, g) => exactOls(Array.from(d.x), Array.from(d.y), Array.from(g), w)],
  [
    'weightedAncovaStatistic',
    (d) => weightedAncovaStatistic(d.weights, d.x),
    (d, w, g) => exactWeighted(Array.from(d.weights), Array.from(d.x), Array.from(d.y), Array.from(g), w),
  ],
];

describe.each(statistics)('%s: twoDirections', (_, make, exactly) => {
  it.each([16, 40, 240])('is coefficients along z and y z to 1e-12, %s units, the observed and 200 random assignments', (units) => {
    const d = data(units, 100 + units, typical);
    const statistic = make(d);
    for (const w of assignments(d.observed, 201, units)) {
      const { fast, careful } = bothWays(statistic, d.y, d.observed, w);
      for (const k of [0, 1]) expect(error(fast[k] as Coefficients, careful[k] as Coefficients)).toBeLessThan(1e-12);
    }
  });

  it.each(adversarial)('%s: as close to exact arithmetic as coefficients, within a factor 4 (20 units, 8 assignments)', (__, shape) => {
    const d = data(20, 7, shape);
    const statistic = make(d);
    const gs = directions(d.y, d.observed);
    for (const w of assignments(d.observed, 8, 3)) {
      const { fast, careful } = bothWays(statistic, d.y, d.observed, w);
      for (const k of [0, 1]) {
        const noStatistic = (careful[k] as Coefficients)[0] === 1 && (careful[k] as Coefficients).slice(1).every((v) => v === 0);
        if (noStatistic) {
          // The alias rule decided: exactly as coefficients writes it.
          expect(fast[k]).toEqual(careful[k]);
          continue;
        }
        const truth = exactly(d, w, gs[k] as Float64Array);
        // Both lose the digits the data's conditioning takes; neither is reliably the better.
        expect(error(fast[k] as Coefficients, truth)).toBeLessThanOrEqual(4 * Math.max(1e-13, error(careful[k] as Coefficients, truth)));
      }
    }
  });

  it('leaves an assignment that aliases the baseline with the arms to coefficients: the "no statistic" coefficients', () => {
    const x = Float64Array.from([1, 1, 1, 1, 2, 2, 2, 2]);
    const d: Data = { x, y: Float64Array.from([3, 4, 5, 1, 2, 4, 3, 6]), weights: Float64Array.from([3, 1, 4, 1, 5, 9, 2, 6]), observed: alternating(8) };
    const { fast, careful } = bothWays(make(d), d.y, d.observed, Uint8Array.from([1, 1, 1, 1, 0, 0, 0, 0]));
    expect(fast).toEqual([
      [1, 0, 0, 0, 0],
      [1, 0, 0, 0, 0],
    ]);
    expect(fast).toEqual(careful);
  });
});

describe('weightedAncovaStatistic: twoDirections at leverage one', () => {
  it('leaves the assignment to coefficients, so the unit is left out exactly as clubSandwich leaves it out', () => {
    // The leverage-one example of weighted-ancova.test.ts: one pilot unit's baseline alone sets the slope.
    const d: Data = {
      x: Float64Array.from([0.2, 0.35, 0.2, 0.2, 0.2, 0.2]),
      y: Float64Array.from([0.3, 0.42, 0.21, 0.25, 0.18, 0.27]),
      weights: Float64Array.from([20, 30, 15, 25, 18, 22]),
      observed: Uint8Array.from([1, 0, 1, 0, 1, 0]),
    };
    const { fast, careful } = bothWays(weightedAncovaStatistic(d.weights, d.x), d.y, d.observed, Uint8Array.from([1, 1, 0, 0, 0, 0]));
    expect(fast).toEqual(careful);
    expect((fast[0] as Coefficients)[0]).toBeCloseTo(0.06775, 12);
  });
});

describe('randomizationInference with and without twoDirections', () => {
  /** The statistic as an engine without twoDirections sees it. */
  const withoutTwoDirections = (statistic: Studentized): Studentized => ({
    units: statistic.units,
    coefficients: statistic.coefficients.bind(statistic),
  });

  it.each([
    ['ancovaStatistic, 8 vs 8 (all 12,870 assignments)', 16, (d: Data) => ancovaStatistic(d.x)],
    ['ancovaStatistic, 60 vs 60 (10,000 drawn)', 120, (d: Data) => ancovaStatistic(d.x)],
    ['weightedAncovaStatistic, 8 vs 8 (all 12,870 assignments)', 16, (d: Data) => weightedAncovaStatistic(d.weights, d.x)],
    ['weightedAncovaStatistic, 60 vs 60 (10,000 drawn)', 120, (d: Data) => weightedAncovaStatistic(d.weights, d.x)],
  ])('%s: the same p-value, intervals and null distribution', (_, units, make) => {
    const d = data(units, 11, typical);
    const statistic = make(d);
    const observedOut = new Float64Array(COEFFICIENTS);
    statistic.coefficients(d.observed, d.y, Float64Array.from(d.observed), observedOut, 0);
    const [estimate, , variance] = observedOut as unknown as Coefficients;
    const options = {
      outcomes: d.y,
      absoluteDirection: Float64Array.from(d.observed),
      observed: d.observed,
      confidence: 0.95,
      seed: 'two-directions',
      estimate,
      se: Math.sqrt(variance),
      relativeEstimate: estimate / 10_000,
      relativeScale: 10_000,
    };
    const fast = randomizationInference({ ...options, statistic });
    const careful = randomizationInference({ ...options, statistic: withoutTwoDirections(statistic) });
    expect(fast.p).toBe(careful.p);
    expect(fast.absolute).toEqual(careful.absolute);
    expect(fast.relative).toEqual(careful.relative);
    expect(fast.minimumP).toBe(careful.minimumP);
    expect(fast.distribution.bins.map((bin) => bin.count)).toEqual(careful.distribution.bins.map((bin) => bin.count));
  });
});
