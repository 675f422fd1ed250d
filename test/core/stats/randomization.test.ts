import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../scripts/random.ts';
import { meanArm } from '../../../src/core/stats/arm.ts';
import { fnv1a32, mulberry32 } from '../../../src/core/stats/random.ts';
import {
  binomial,
  draw,
  randomizationInference,
  splitBlocks,
  type Randomization,
  type RandomizationOptions,
} from '../../../src/core/stats/randomization.ts';
import type { Studentized } from '../../../src/core/stats/studentized.ts';
import { welchDifference } from '../../../src/core/stats/welch.ts';
import { welchStatistic } from '../../../src/core/stats/welch-statistic.ts';
import { expectClose, expectNoNonFinite } from './expect-close.ts';
import { ancovaCase, ancovaUnits, assignedMeansCase, meansCase, ratioCase } from './randomization-cases.ts';

/**
 * Reference values printed by test/core/stats/reference/randomization.R, an
 * independent base-R implementation of section 10 (combn / expand.grid,
 * t.test's formula, the delta method and lm.fit recomputed for every null;
 * the same step-and-bisect search). null: unbounded.
 */
interface Reference {
  assignments: number;
  p: number;
  minimumP: number;
  observedT: number;
  low: number | null;
  high: number | null;
  relativeLow: number | null;
  relativeHigh: number | null;
  /** No relative interval at all (none asked for, or no null to start the search from). */
  noRelative?: true;
}

const pilotW = [12.1, 15.3, 9.8, 14.6];
const controlW = [8.7, 11.2, 7.9, 10.4, 9.5];
const ratioPilot = [
  { numerator: 5200, denominator: 14 },
  { numerator: 3100, denominator: 9 },
  { numerator: 8800, denominator: 22 },
  { numerator: 1500, denominator: 5 },
  { numerator: 4300, denominator: 12 },
];
const ratioControl = [
  { numerator: 3900, denominator: 13 },
  { numerator: 2500, denominator: 10 },
  { numerator: 6100, denominator: 20 },
  { numerator: 1800, denominator: 7 },
  { numerator: 4100, denominator: 15 },
];
const ancovaX = [52, 61, 47, 70, 58, 66, 45, 55, 63, 50, 59, 41];
const ancovaY = [60, 71, 50, 83, 64, 78, 47, 58, 64, 50, 63, 44];
const blockedY = [14.2, 9.1, 11.8, 7.5, 21.3, 16.0, 18.4, 12.2];
const blockedZ = [1, 0, 1, 0, 1, 0, 0, 1];
const blockIds = [1, 1, 1, 1, 2, 2, 2, 2];
const fallbackX = [76, 75, 75, 88, 69, 69, 50, 46, 74, 43];
const fallbackY = [14, 12, 13, 15, 10, 87, 102, 105, 84, 110];
const noStartX = [0.659, 0.789, 0.616, 1.242, 17.939, 2.987, 3.003];
const noStartY = [0.612, 0.819, 0.481, 1.319, 30.006, 2.467, 2.369];

const cases: { name: string; options: () => RandomizationOptions; expected: Reference }[] = [
  {
    // R: analyse("welch4v5", ..., welchStat, y, z, z, omega(z), 0.95, mean(pilotW) - mean(controlW), t.test(pilotW, controlW)$stderr, mean(pilotW) / mean(controlW) - 1, mean(controlW))
    name: 'means, 4 vs 5, 95%',
    options: () => meansCase(pilotW, controlW),
    expected: { assignments: 126, p: 0.0476190476190476, minimumP: 0.00793650793650794, observedT: 2.46174631448362, low: 0.110569219882492, high: 6.6355316282644, relativeLow: 0.0102527574868558, relativeHigh: 0.799798384688454 },
  },
  {
    // R: analyse("welch4v5at90", ... the same at 0.90)
    name: 'means, 4 vs 5, 90%',
    options: () => meansCase(pilotW, controlW, { confidence: 0.9 }),
    expected: { assignments: 126, p: 0.0476190476190476, minimumP: 0.00793650793650794, observedT: 2.46174631448362, low: 0.580471579059936, high: 6.07892814261048, relativeLow: 0.056360232759122, relativeHigh: 0.695042724043167 },
  },
  {
    // R: analyse("delta5v5", ..., deltaStat(N), Y, N * z, z, omega(z), 0.95, welchHand(deltaArm(pY, pN), deltaArm(cY, cN), 0.95), mp / mc - 1, mc)
    name: 'ratios (delta method), 5 vs 5, 95%',
    options: () => ratioCase(ratioPilot, ratioControl),
    expected: { assignments: 252, p: 0.00793650793650794, minimumP: 0.00793650793650794, observedT: 4.75770230177843, low: 41.964316955946, high: 134.585402196638, relativeLow: 0.140825786253169, relativeHigh: 0.518934257611812 },
  },
  {
    // R: analyse("ancova6v6at95", ..., ancovaStat(x), y, z, z, omega(z), 0.95, b1, se(b1), b1 / den, den), fit <- lm(y ~ z + x), den = b0 + b2 mean(x) = 58.4507129094412
    name: 'ANCOVA, 6 vs 6, 95%',
    options: () => ancovaCase(ancovaUnits(ancovaY, ancovaX, 6)),
    expected: { assignments: 924, p: 0.00865800865800866, minimumP: 0.00216450216450216, observedT: 3.36667681874019, low: 1.58509852616614, high: 8.49999992390758, relativeLow: 0.0300337990048884, relativeHigh: 0.140918919911829 },
  },
  {
    // R: analyse("ancova6v6at90", ... the same at 0.90)
    name: 'ANCOVA, 6 vs 6, 90%',
    options: () => ancovaCase(ancovaUnits(ancovaY, ancovaX, 6), { confidence: 0.9 }),
    expected: { assignments: 924, p: 0.00865800865800866, minimumP: 0.00216450216450216, observedT: 3.36667681874019, low: 2.38767518902052, high: 7.92652367831991, relativeLow: 0.04222308660059, relativeHigh: 0.13034449906612 },
  },
  {
    // R: analyse("blocked", ..., welchStat, yB, zB, zB, omega(zB, blocks), 0.90, ...): expand.grid over combn(4, 2) in each block, 36 assignments
    name: 'blocked means, two blocks of 4 with 2 pilot units each, 90%',
    options: () => assignedMeansCase(blockedY, blockedZ, { confidence: 0.9, blocks: blockIds }),
    expected: { assignments: 36, p: 0.444444444444444, minimumP: 0.0555555555555556, observedT: 0.618354913646576, low: -6.19999982973986, high: 6.69999988428944, relativeLow: -0.336956520626249, relativeHigh: 0.893333327794243 },
  },
  {
    // R: analyse("ancovaFallback", "lm(yF ~ zF + xF), 95%", ...): b1 = -72.6114701130856, den = 91.5057350565428;
    // p at log(1 + b1 / den) is <= 0.05, so the relative search starts from theta0 = a0 / a1 (relativeStart -1.96399981923049)
    name: 'ANCOVA whose adjusted lift is rejected: the relative search starts where the observed estimate is 0',
    options: () => ancovaCase(ancovaUnits(fallbackY, fallbackX, 5)),
    expected: { assignments: 252, p: 0.00793650793650794, minimumP: 0.00793650793650794, observedT: -15.916627775217, low: -83.4552216218386, high: -61.7628162362911, relativeLow: -0.905265615484489, relativeHigh: -0.808667210471983 },
  },
  {
    // R: analyse("three", "Welch, 3 vs 3, 95%", ...): the smallest attainable p is 2/20 = 0.1 > 0.05, nothing can be rejected
    name: '3 vs 3 at 95%: too few units, both intervals unbounded',
    options: () => meansCase([10.5, 12.1, 11.3], [9.2, 8.4, 10.0]),
    expected: { assignments: 20, p: 0.1, minimumP: 0.1, observedT: 3.21495528740292, low: null, high: null, relativeLow: null, relativeHigh: null },
  },
  {
    // R: analyse("two", "Welch, 2 vs 3, 95%", ...): 1/10 (no mirror image with unequal arms)
    name: '2 vs 3 at 95%: smallest attainable p 1/10',
    options: () => meansCase([10.5, 12.1], [9.2, 8.4, 10.0], { absoluteOnly: true }),
    expected: { assignments: 10, p: 0.2, minimumP: 0.1, observedT: 2.27331668493415, low: null, high: null, relativeLow: null, relativeHigh: null, noRelative: true },
  },
  {
    // R: analyse("ancovaNoStart", "lm(yG ~ zG + xG), 95%", ...): the lift b1 / den = 2.38617583644093 / 4.07547095060518 is rejected
    // and theta0 = a0 / a1 = 2.90012463218332 > 1: no lift above -100% makes the observed estimate 0, so no relative interval
    name: 'ANCOVA extrapolating far: the lift is rejected and no lift makes the observed estimate 0, so no relative interval',
    options: () => ancovaCase(ancovaUnits(noStartY, noStartX, 4)),
    expected: { assignments: 35, p: 0.0285714285714286, minimumP: 0.0285714285714286, observedT: 15.95467525285, low: 1.69436084676198, high: 2.72821995105629, relativeLow: null, relativeHigh: null, noRelative: true },
  },
];

/** A bound agrees to 1e-6 of its own size (the bisection stops at 1e-7 s). */
function expectBound(actual: number | null, expected: number | null): void {
  if (expected === null) expect(actual).toBeNull();
  else expectClose(actual, expected, 1e-6);
}

describe('randomizationInference: against the independent R implementation', () => {
  for (const { name, options, expected } of cases) {
    it(name, () => {
      const result = randomizationInference(options());
      expect(result.assignments).toBe(expected.assignments);
      expect(result.exact).toBe(true);
      expect(result.draws).toBeNull();
      expectClose(result.p, expected.p, 1e-12);
      expect(result.absolute.p).toBe(result.p);
      expectClose(result.minimumP, expected.minimumP, 1e-12);
      expectClose(result.observedT, expected.observedT, 1e-12);
      expectBound(result.absolute.low, expected.low);
      expectBound(result.absolute.high, expected.high);
      if (expected.noRelative) {
        expect(result.relative).toBeNull();
        return;
      }
      expect(result.relative).not.toBeNull();
      expectBound(result.relative?.low ?? null, expected.relativeLow);
      expectBound(result.relative?.high ?? null, expected.relativeHigh);
    });
  }

  it('the fallback start is visible in the result: the adjusted lift lies outside its own randomization interval', () => {
    // The spec's point estimate is b1 / (b0 + b2 mean(x)); the test inverts the studentized b1 of y / (1 + rho)^z,
    // which with slopes of opposite sign in the arms is 0 at a different lift (rho0 = -86%).
    const result = randomizationInference(ancovaCase(ancovaUnits(fallbackY, fallbackX, 5)));
    expectClose(result.relative?.estimate, -72.6114701130856 / 91.5057350565428, 1e-12);
    expect(result.relative?.estimate).toBeGreaterThan(result.relative?.high as number);
  });

  it('the point estimates are the large-sample ones handed in', () => {
    const options = meansCase(pilotW, controlW);
    const result = randomizationInference(options);
    expect(result.absolute.estimate).toBe(options.estimate);
    expect(result.relative?.estimate).toBe(options.relativeEstimate);
    expectClose(result.absolute.estimate, 3.41, 1e-12);
  });
});

describe('smallest attainable p (section 10)', () => {
  it('3 vs 3: 2/20 = 0.1 (an assignment and its mirror image tie); 2 vs 3: 1/10; 4 vs 4: 2/70', () => {
    expect(randomizationInference(meansCase([10.5, 12.1, 11.3], [9.2, 8.4, 10.0])).minimumP).toBe(0.1);
    expect(randomizationInference(meansCase([10.5, 12.1], [9.2, 8.4, 10.0])).minimumP).toBe(0.1);
    expectClose(randomizationInference(meansCase([3, 9, 4, 7], [1, 5, 2, 8])).minimumP, 2 / 70, 1e-15);
  });

  it('drawn designs: 2 / |Omega| with equal arms, 1 / |Omega| otherwise, far below any alpha', () => {
    const pilot = Array.from({ length: 40 }, (_, i) => 10 + ((i * 7) % 13));
    const control = Array.from({ length: 40 }, (_, i) => 9 + ((i * 5) % 11));
    const equal = randomizationInference(meansCase(pilot, control, { absoluteOnly: true }));
    expect(equal.exact).toBe(false);
    expect(equal.draws).toBe(10_000);
    // R: choose(80, 40) = 1.0750720873333625e+23, choose(70, 30) = 5.55347740058143900e+19
    expectClose(equal.assignments, 1.0750720873333625e23, 1e-12);
    expectClose(equal.minimumP, 2 / binomial(80, 40), 1e-12);
    const unequal = randomizationInference(meansCase(pilot.slice(0, 30), control, { absoluteOnly: true }));
    expectClose(unequal.minimumP, 1 / binomial(70, 30), 1e-12);
  });
});

/** Records every assignment the engine hands to the statistic (a Welch statistic underneath). */
function spy(units: number): { statistic: Studentized; seen: string[] } {
  const welch = welchStatistic(units);
  const seen: string[] = [];
  return {
    seen,
    statistic: {
      units,
      coefficients(pilot, y, g, out, at) {
        seen.push(pilot.join(''));
        welch.coefficients(pilot, y, g, out, at);
      },
    },
  };
}

describe('the assignments Omega', () => {
  it('enumerates every assignment exactly once, keeping each block\'s pilot count', () => {
    const options = assignedMeansCase(blockedY, blockedZ, { confidence: 0.9, blocks: blockIds, absoluteOnly: true });
    const { statistic, seen } = spy(8);
    randomizationInference({ ...options, statistic });
    // The observed assignment first, then Omega once for the absolute direction.
    const omega = seen.slice(1);
    expect(omega).toHaveLength(36);
    expect(new Set(omega).size).toBe(36);
    expect(omega).toContain(blockedZ.join(''));
    for (const assignment of omega) {
      expect([...assignment.slice(0, 4)].filter((c) => c === '1')).toHaveLength(2);
      expect([...assignment.slice(4)].filter((c) => c === '1')).toHaveLength(2);
    }
  });

  it('one block: C(n, n_p) assignments (C(9, 4) = 126), all distinct', () => {
    const { statistic, seen } = spy(9);
    randomizationInference({ ...meansCase(pilotW, controlW, { absoluteOnly: true }), statistic });
    expect(new Set(seen.slice(1)).size).toBe(126);
    expect(seen.slice(1).every((assignment) => [...assignment].filter((c) => c === '1').length === 4)).toBe(true);
  });

  it('draws keep each block\'s pilot count, and cover the design: every one of the 36 assignments appears in 2,000 draws', () => {
    const options = assignedMeansCase(blockedY, blockedZ, { confidence: 0.9, blocks: blockIds, absoluteOnly: true });
    const { statistic, seen } = spy(8);
    const result = randomizationInference({ ...options, statistic, enumerationLimit: 0, draws: 2000 });
    expect(result.exact).toBe(false);
    expect(result.draws).toBe(2000);
    const draws = seen.slice(1);
    expect(draws).toHaveLength(2000);
    const counts = new Map<string, number>();
    for (const assignment of draws) {
      expect([...assignment.slice(0, 4)].filter((c) => c === '1')).toHaveLength(2);
      expect([...assignment.slice(4)].filter((c) => c === '1')).toHaveLength(2);
      counts.set(assignment, (counts.get(assignment) ?? 0) + 1);
    }
    expect(counts.size).toBe(36);
    // Uniform: each expected 2000/36 = 55.6 times (sd 7.4); all within 5 sd.
    for (const count of counts.values()) expect(Math.abs(count - 2000 / 36)).toBeLessThan(37);
  });
});

describe('draw', () => {
  it('hands out the masks of a partial Fisher-Yates shuffle per block fed by mulberry32(fnv1a32(seed)), the generator it inlines', () => {
    const observed = Uint8Array.from([1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0]);
    const blocks = splitBlocks(observed, Int32Array.from([0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]));
    const seen: string[] = [];
    draw(blocks, observed.length, 300, 'bench-001/revenue', (pilot) => seen.push(pilot.join('')));
    const uniform = mulberry32(fnv1a32('bench-001/revenue'));
    const orders = blocks.map((block) => [...block.units]);
    const expected: string[] = [];
    for (let m = 0; m < 300; m += 1) {
      const pilot = new Array<number>(observed.length).fill(0);
      blocks.forEach((block, b) => {
        const order = orders[b] as number[];
        for (let i = 0; i < block.pilots; i += 1) {
          const j = i + Math.floor(uniform() * (order.length - i));
          [order[i], order[j]] = [order[j] as number, order[i] as number];
          pilot[order[i] as number] = 1;
        }
      });
      expected.push(pilot.join(''));
    }
    expect(seen).toEqual(expected);
  });
});

describe('very large designs', () => {
  it('600 vs 600: |Omega| = C(1200, 600) ~ 4e359 is capped at the largest double, so the result stays JSON and minimumP above 0', () => {
    const random = seededRandom(600);
    const pilot = Array.from({ length: 600 }, () => random.logNormal(0.1, 0.5));
    const control = Array.from({ length: 600 }, () => random.logNormal(0, 0.5));
    const result = randomizationInference(meansCase(pilot, control, { absoluteOnly: true, draws: 500 }));
    expect(result.assignments).toBe(Number.MAX_VALUE);
    expect(result.minimumP).toBeGreaterThan(0);
    expect(result.minimumP).toBeLessThan(1e-300);
    expectNoNonFinite(result);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});

describe('drawn assignments (more than 200,000, or forced)', () => {
  const pilot = [23.1, 18.4, 30.2, 26.7, 19.9, 28.8, 24.5, 21.0];
  const control = [17.2, 20.3, 16.8, 22.9, 15.4, 19.1, 21.7, 18.0];

  it('the same seed gives the same result; another seed other draws', () => {
    const forced = (seed: string): Randomization =>
      randomizationInference(meansCase(pilot, control, { seed, enumerationLimit: 1000 }));
    const first = forced('acme/revenue');
    expect(first.exact).toBe(false);
    expect(first.draws).toBe(10_000);
    expect(first.assignments).toBe(12_870);
    expect(forced('acme/revenue')).toEqual(first);
    const other = forced('acme/deals');
    expect(other.distribution.bins.map((bin) => bin.count)).not.toEqual(first.distribution.bins.map((bin) => bin.count));
  });

  it('p = (1 + count) / (M + 1) is close to the exact p of the 12,870 enumerated assignments', () => {
    const exact = randomizationInference(meansCase(pilot, control));
    expect(exact.exact).toBe(true);
    expect(exact.p).toBeGreaterThan(0.001);
    for (const seed of ['a', 'b', 'c']) {
      const drawn = randomizationInference(meansCase(pilot, control, { seed, enumerationLimit: 0 }));
      // Four binomial standard errors of a share out of 10,000 draws.
      const tolerance = 4 * Math.sqrt((exact.p * (1 - exact.p)) / 10_000) + 1 / 10_001;
      expect(Math.abs(drawn.p - exact.p)).toBeLessThan(tolerance);
      expect(Math.abs((drawn.absolute.low as number) - (exact.absolute.low as number))).toBeLessThan(0.1 * welchDifference(meanArm(pilot), meanArm(control), 0.95).se);
    }
  });

  it('a drawn p is never 0: the observed assignment counts', () => {
    const far = randomizationInference(meansCase([100, 101, 102, 103, 104, 105, 106, 107], control, { enumerationLimit: 0, draws: 500 }));
    expect(far.p).toBeGreaterThanOrEqual(1 / 501);
    expect(far.p).toBeLessThan(0.02);
  });
});

/** Does an interval contain 0? (null bounds: unbounded on that side.) */
function containsZero(interval: { low: number | null; high: number | null }): boolean {
  return (interval.low === null || interval.low <= 0) && (interval.high === null || interval.high >= 0);
}

describe('one verdict: the absolute and the relative intervals agree about zero with p', () => {
  it('on the reference cases', () => {
    for (const { options } of cases) {
      const result = randomizationInference(options());
      const alpha = 1 - options().confidence;
      expect(containsZero(result.absolute)).toBe(result.p > alpha);
      if (result.relative) expect(containsZero(result.relative)).toBe(result.p > alpha);
    }
  });

  it('on 150 seeded skewed pilots of 5 vs 5 to 7 vs 6 reps, means and ratios', () => {
    const random = seededRandom(2718);
    for (let trial = 0; trial < 150; trial += 1) {
      const pilotUnits = 5 + (trial % 3);
      const controlUnits = 5 + (trial % 2);
      const lift = random.uniform() * 0.8;
      const pilot = Array.from({ length: pilotUnits }, () => random.logNormal(Math.log(1 + lift), 0.6));
      const control = Array.from({ length: controlUnits }, () => random.logNormal(0, 0.6));
      const options =
        trial % 2 === 0
          ? meansCase(pilot, control)
          : ratioCase(
              pilot.map((value) => ({ numerator: value * 10, denominator: 5 + random.integer(0, 10) })),
              control.map((value) => ({ numerator: value * 10, denominator: 5 + random.integer(0, 10) })),
            );
      const result = randomizationInference(options);
      const rejected = result.p <= 0.05;
      expect(containsZero(result.absolute), `trial ${trial}`).toBe(!rejected);
      expect(containsZero(result.relative as Randomization['absolute']), `trial ${trial}`).toBe(!rejected);
    }
  });
});

describe('never NaN, always JSON', () => {
  const degenerate: { name: string; options: () => RandomizationOptions }[] = [
    { name: 'a constant pilot arm', options: () => meansCase([5, 5, 5, 5], [3, 4, 6, 2, 5]) },
    { name: 'an all-zero pilot arm (no lift: the caller passes null)', options: () => meansCase([0, 0, 0, 0], [3, 4, 6, 2, 5]) },
    {
      name: 'an all-zero pilot arm with a lift of -100% handed in anyway',
      options: () => ({ ...meansCase([0, 0, 0, 0], [3, 4, 6, 2, 5]), relativeEstimate: -1, relativeScale: 4 }),
    },
    { name: 'an all-zero control arm', options: () => meansCase([3, 4, 6, 2, 5], [0, 0, 0, 0]) },
    { name: 'mostly identical units', options: () => meansCase([5, 5, 5, 7], [5, 5, 5, 5, 6]) },
    {
      name: 'every unit identical (se handed in: the caller refuses this before)',
      options: () => ({ ...meansCase([5, 5, 5, 7], [5, 5, 5, 5, 6]), outcomes: Float64Array.from([5, 5, 5, 5, 5, 5, 5, 5, 5]) }),
    },
    {
      name: 'both arms constant and different (se handed in: the caller refuses this before)',
      options: () => ({ ...meansCase([5, 5, 5, 7], [5, 5, 5, 5, 6]), outcomes: Float64Array.from([7, 7, 7, 7, 3, 3, 3, 3, 3]) }),
    },
    {
      name: 'ratios where some assignments leave an arm without denominators',
      options: () =>
        ratioCase(
          [
            { numerator: 0, denominator: 0 },
            { numerator: 4, denominator: 6 },
            { numerator: 5, denominator: 9 },
          ],
          [
            { numerator: 0, denominator: 0 },
            { numerator: 0, denominator: 0 },
            { numerator: 2, denominator: 7 },
            { numerator: 3, denominator: 6 },
          ],
        ),
    },
    {
      name: 'ANCOVA where some assignments alias the baseline',
      options: () => ancovaCase(ancovaUnits([3, 5, 4, 6, 1, 2, 2, 3], [1, 1, 2, 2, 1, 1, 2, 2], 4)),
    },
  ];
  for (const { name, options } of degenerate) {
    it(name, () => {
      const result = randomizationInference(options());
      expectNoNonFinite(result);
      expect(JSON.parse(JSON.stringify(result))).toEqual(result);
      expect(result.p).toBeGreaterThan(0);
      expect(result.p).toBeLessThanOrEqual(1);
      expect(result.minimumP).toBeLessThanOrEqual(result.p);
    });
  }

  it('every unit identical: T = 0/0 = 0 everywhere, so p = 1 and the smallest attainable p is 1', () => {
    const result = randomizationInference(degenerate[5]!.options());
    expect(result.p).toBe(1);
    expect(result.minimumP).toBe(1);
    expect(result.observedT).toBe(0);
  });

  it('both arms constant: T_obs is infinite (reported as null); only it and the assignments tying it count', () => {
    const result = randomizationInference(degenerate[6]!.options());
    expect(result.observedT).toBeNull();
    expect(result.distribution.observed).toBeNull();
    // Only the observed split of the 4 sevens from the 5 threes has variance 0 in both arms.
    expectClose(result.p, 1 / 126, 1e-15);
    expect(result.distribution.positiveInfinite).toBe(1);
  });

  it('ratios: an assignment whose arm has no denominator counts as at least as extreme (conservative)', () => {
    const result = randomizationInference(degenerate[7]!.options());
    // 3 pilot units among 7, three of them with N = 0: one of the C(7, 3) = 35 assignments puts exactly those in the pilot arm.
    expect(result.distribution.assignments).toBe(35);
    expect(result.distribution.positiveInfinite).toBe(1);
    expect(result.p).toBeGreaterThanOrEqual(1 / 35);
  });
});

describe('the null distribution', () => {
  it('30 equal-width bins from the smallest to the largest T, counts adding up to |Omega|, the observed T among them', () => {
    const result = randomizationInference(meansCase(pilotW, controlW));
    const { bins, observed, assignments } = result.distribution;
    expect(bins).toHaveLength(30);
    expect(assignments).toBe(126);
    expect(bins.reduce((sum, bin) => sum + bin.count, 0)).toBe(126);
    expect(observed).toBe(result.observedT);
    const width = (bins[0] as { high: number; low: number }).high - (bins[0] as { low: number }).low;
    for (let i = 1; i < bins.length; i += 1) {
      expectClose(bins[i]!.low, bins[i - 1]!.high, 1e-12);
      expectClose(bins[i]!.high - bins[i]!.low, width, 1e-9);
    }
    // The observed T lies in the range, and the bin holding it holds it.
    const at = bins.find((bin) => (observed as number) >= bin.low && (observed as number) <= bin.high);
    expect(at?.count).toBeGreaterThanOrEqual(1);
    // With p = 6/126, six assignments are at least as extreme as the observed one in either tail.
    const beyond = bins.filter((bin) => bin.low >= (observed as number)).reduce((sum, bin) => sum + bin.count, 0);
    expect(beyond).toBeGreaterThanOrEqual(1);
    expect(beyond).toBeLessThanOrEqual(6);
    // Welch T of the exchangeable outcomes: roughly as many assignments above 0 as below.
    const below = bins.filter((bin) => bin.high <= 0).reduce((sum, bin) => sum + bin.count, 0);
    expect(below).toBeGreaterThan(40);
    expect(below).toBeLessThan(86);
  });

  it('3 vs 3: the largest |T| is the observed split and its mirror image', () => {
    const result = randomizationInference(meansCase([10.5, 12.1, 11.3], [9.2, 8.4, 10.0]));
    const { bins } = result.distribution;
    expect(bins.reduce((sum, bin) => sum + bin.count, 0)).toBe(20);
    expect(bins[0]!.count).toBe(1);
    expect(bins[29]!.count).toBe(1);
    expectClose(bins[29]!.high, result.observedT as number, 1e-12);
    expectClose(bins[0]!.low, -(result.observedT as number), 1e-12);
  });
});

describe('checks on what the caller hands in', () => {
  it('refuses vectors of the wrong length, assignments other than 0/1, a standard error of 0, arms under 2 units', () => {
    const options = meansCase(pilotW, controlW);
    expect(() => randomizationInference({ ...options, outcomes: options.outcomes.subarray(1) })).toThrow(RangeError);
    expect(() => randomizationInference({ ...options, observed: Uint8Array.from([2, 1, 1, 1, 0, 0, 0, 0, 0]) })).toThrow(RangeError);
    expect(() => randomizationInference({ ...options, se: 0 })).toThrow(RangeError);
    expect(() => randomizationInference({ ...options, blocks: Int32Array.from([1, 2]) })).toThrow(RangeError);
    expect(() => randomizationInference({ ...options, observed: Uint8Array.from([1, 0, 0, 0, 0, 0, 0, 0, 0]) })).toThrow(/at least 2/);
  });
});

describe('coverage: exact by construction, so the interval covers a constant additive effect about 95% of the time', () => {
  it('400 simulated pilots, 5 vs 5 log-normal (log-sd 1) reps, effect +3 on a median of 10', () => {
    // Potential outcomes drawn once per pilot, the assignment drawn at random,
    // the pilot units' outcomes moved by the true effect. The exact test at the
    // true effect rejects at most 5% of assignments (12/252 here: ties with
    // the mirror image), so the miss rate is at most about 4.8% plus what the
    // bisection leaves out; a band of 3 binomial sd around 95.2% (sd 1.07%).
    const random = seededRandom(31415);
    const effect = 3;
    const simulations = 400;
    let covered = 0;
    for (let s = 0; s < simulations; s += 1) {
      const control = Array.from({ length: 10 }, () => random.logNormal(Math.log(10), 1));
      const order = random.shuffle([...control.keys()]);
      const pilotUnits = order.slice(0, 5);
      const pilot = pilotUnits.map((i) => (control[i] as number) + effect);
      const rest = order.slice(5).map((i) => control[i] as number);
      const result = randomizationInference(meansCase(pilot, rest, { absoluteOnly: true }));
      const { low, high } = result.absolute;
      if ((low === null || low <= effect) && (high === null || high >= effect)) covered += 1;
    }
    const rate = covered / simulations;
    expect(rate).toBeGreaterThanOrEqual(0.92);
    expect(rate).toBeLessThanOrEqual(0.985);
  });
});
