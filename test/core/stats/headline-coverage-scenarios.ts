/**
 * Simulated pilots with a known true effect, run through the real analysis
 * (analyzeMetric of src/core/metric-analysis.ts): how often does the 95%
 * headline interval (statistics.md sections 6 and 10, randomization
 * inference) cover the truth? Each scenario builds the per-unit sums the
 * loader would have folded (src/core/load/unit-sums.ts) and reads the
 * interval a reader is shown: the relative one for revenue, the absolute one
 * (in points) for a win rate.
 *
 * Two kinds of effect per design:
 * - constant: every pilot unit's outcome moves by the same amount (or, for the
 *   win rate, every pilot rep's win probability does). Where the outcome
 *   itself moves, the sharp null of section 10 at the true effect is exactly
 *   true, so the randomization test there is exact and coverage should be at
 *   least 95% (more where the p-values are coarse).
 * - varying: each pilot unit has its own effect, drawn independently of
 *   everything else around the same centre. The sharp null is then false at
 *   every value, and the studentized statistic keeps the test valid only
 *   approximately (Wu and Ding 2021, JASA 116:1898): this is the honest check
 *   of the method on data like real pilots'.
 *
 * The truth is always a ratio or a difference of expected outcomes, computed
 * exactly from the simulation's parameters (never estimated).
 *
 * Shared by headline-coverage.test.ts (a reduced run) and scripts/coverage.ts
 * (the full table in docs/coverage.md).
 */
import type { Random } from '../../../scripts/random.ts';
import type { Sums, UnitSums } from '../../../src/core/load/unit-sums.ts';
import { analyzeMetric } from '../../../src/core/metric-analysis.ts';
import type { Pilot } from '../../../src/core/pilot.ts';
import { pilotSchema } from '../../../src/core/pilot-schema.ts';
import type { MetricResult } from '../../../src/core/results.ts';

export type Effect = 'constant' | 'varying';
export type IntervalShown = 'relative' | 'absolute';

/** The headline of one simulated pilot, and the truth it should cover. */
export interface HeadlineDraw {
  /** Null bounds: unbounded on that side. */
  low: number | null;
  high: number | null;
  truth: number;
  verdict: MetricResult['verdict'];
  /**
   * No verdict and no interval because the groups were too far apart before
   * the pilot for the adjustment (statistics.md section 12, `headline.reason`).
   */
  groupsApart: boolean;
}

export interface HeadlineScenario {
  /** Stable key, e.g. "revenue-3v12-constant". */
  id: string;
  /** The metric and its analysis, as the table names it; the sizes are pilotUnits and controlUnits. */
  design: string;
  effect: Effect;
  pilotUnits: number;
  controlUnits: number;
  interval: IntervalShown;
  /** Whether the data has a pre-period, so the headline is the adjusted analysis unless it would extrapolate. */
  adjusted: boolean;
  /** The value the headline interval should cover. */
  truth: number;
  /** The truth as the table writes it, e.g. "+10%". */
  truthShown: string;
  /** How the effect is applied and why the truth is what it is, in a sentence. */
  truthNote: string;
  /** Seeds the simulated data (scripts/random.ts). */
  seed: number;
  /** One simulated pilot; `simulation` numbers it, for the slug that seeds section 10's draws. */
  draw(random: Random, simulation: number): HeadlineDraw;
}

export interface HeadlineCoverage {
  simulations: number;
  /** Share of the pilots shown an interval: neither too few units nor groups too far apart. */
  shown: number;
  /** Of the intervals shown, the share that contain the truth (an unbounded side contains everything beyond it). */
  covered: number;
  /** Of the intervals shown, the share lying entirely below / above the truth. */
  missedLow: number;
  missedHigh: number;
  /** Of the intervals shown, the share with at least one unbounded side. */
  unbounded: number;
  /** Share of all pilots with the verdict `too-few` (no assignment of these units can reach p <= alpha): no interval. */
  tooFew: number;
  /** Share of all pilots whose groups were too far apart before the pilot for any test (section 12): no interval, no verdict. */
  groupsApart: number;
}

/**
 * Coverage counts the intervals a reader is shown. A pilot shown none (too
 * few units, or groups too far apart) makes no claim to cover anything; how
 * often that happens is counted beside it, so a design cannot look good by
 * answering seldom.
 */
export function headlineCoverage(scenario: HeadlineScenario, simulations: number, makeRandom: (seed: number) => Random): HeadlineCoverage {
  const random = makeRandom(scenario.seed);
  let shown = 0;
  let missedLow = 0;
  let missedHigh = 0;
  let unbounded = 0;
  let tooFew = 0;
  let groupsApart = 0;
  for (let simulation = 0; simulation < simulations; simulation += 1) {
    const { low, high, truth, verdict, groupsApart: apart } = scenario.draw(random, simulation);
    if (verdict === 'too-few') tooFew += 1;
    else if (apart) groupsApart += 1;
    else {
      shown += 1;
      if (low === null || high === null) unbounded += 1;
      if (high !== null && high < truth) missedLow += 1;
      else if (low !== null && low > truth) missedHigh += 1;
    }
  }
  const ofShown = (count: number) => (shown === 0 ? 0 : count / shown);
  return {
    simulations,
    shown: shown / simulations,
    covered: ofShown(shown - missedLow - missedHigh),
    missedLow: ofShown(missedLow),
    missedHigh: ofShown(missedHigh),
    unbounded: ofShown(unbounded),
    tooFew: tooFew / simulations,
    groupsApart: groupsApart / simulations,
  };
}

// ---------------------------------------------------------------------------
// Building what the loader would fold, and analysing it.

const CONFIDENCE = 0.95;
const NO_ROWS: Sums = { rows: 0, numerator: 0, denominator: 0 };

type MetricInputShape = { id: string; label: string } & (
  | { type: 'mean'; column: string }
  | { type: 'proportion'; column: string }
  | { type: 'ratio'; numerator: string; denominator: string }
);

function pilotWith(metric: MetricInputShape): Pilot {
  return pilotSchema.parse({
    title: 'Coverage simulation',
    status: 'concluded',
    hypothesis: 'The headline interval covers the true effect 95% of the time.',
    started: '2026-03-02',
    ended: '2026-05-31',
    data: 'coverage.csv',
    unit: 'rep',
    confidence: CONFIDENCE,
    metrics: [metric],
  });
}

const REVENUE = pilotWith({ id: 'revenue', label: 'Revenue per rep', type: 'mean', column: 'revenue' });
const WIN_RATE = pilotWith({ id: 'win-rate', label: 'Win rate', type: 'proportion', column: 'won' });
const REVENUE_PER_OPPORTUNITY = pilotWith({
  id: 'revenue-per-opportunity',
  label: 'Revenue per opportunity',
  type: 'ratio',
  numerator: 'revenue',
  denominator: 'opportunities',
});

/** One simulated rep: its sums over the pilot period and (adjusted designs) the pre-period. */
interface RepSums {
  pilot: Sums;
  pre?: Sums;
}

function analyse(pilot: Pilot, pilotReps: readonly RepSums[], controlReps: readonly RepSums[], slug: string): MetricResult {
  const unitOf = (rep: RepSums, arm: 'pilot' | 'control', i: number): UnitSums => ({
    name: `${arm}-${i + 1}`,
    arm,
    firstRow: 2,
    pilotRows: rep.pilot.rows,
    metrics: [{ pilot: rep.pilot, pre: rep.pre ?? NO_ROWS }],
  });
  const units = [...pilotReps.map((rep, i) => unitOf(rep, 'pilot', i)), ...controlReps.map((rep, i) => unitOf(rep, 'control', i))];
  const metric = pilot.metrics[0];
  if (metric === undefined) throw new Error('a simulated pilot has no metric');
  const { result } = analyzeMetric({
    metric,
    index: 0,
    primary: true,
    pilot,
    slug,
    units,
    nouns: { one: 'rep', many: 'reps' },
    // Warnings (a pre-period gap, an arm without spread) are part of the page, not of the interval.
    warn: () => {},
  });
  return result;
}

function headlineDraw(result: MetricResult, interval: IntervalShown, truth: number): HeadlineDraw {
  const shown = interval === 'relative' ? result.headline.relative : result.headline.absolute;
  return { low: shown.low, high: shown.high, truth, verdict: result.verdict, groupsApart: result.headline.reason !== null };
}

function times<T>(count: number, make: (i: number) => T): T[] {
  return Array.from({ length: count }, (_, i) => make(i));
}

function binomial(random: Random, trials: number, probability: number): number {
  let successes = 0;
  for (let i = 0; i < trials; i += 1) if (random.chance(probability)) successes += 1;
  return successes;
}

/** The slug seeds section 10's draws (20 vs 20 reps): one per simulated pilot, as each real pilot has its own. */
const slugOf = (scenario: { seed: number }, simulation: number) => `coverage-${scenario.seed}-${simulation}`;

const reps = (pilotUnits: number, controlUnits: number) => `${pilotUnits}v${controlUnits}`;

// ---------------------------------------------------------------------------
// 1. Revenue per rep: a mean metric, no baseline, relative headline.
//
// A rep's revenue without the pilot is log-normal (log-sd 0.8: coefficient of
// variation 0.95, as in coverage-scenarios.ts), median 10,000. The pilot
// multiplies it by 1 + rho_i: rho_i = 10% for every rep (constant), or drawn
// uniformly from -20% to +40% independently of the revenue (varying, mean
// 10%). The true lift is E[pilot revenue] / E[revenue without it] - 1 =
// E[1 + rho_i] - 1 = 10% either way.

export const REVENUE_LOG_SD = 0.8;
export const REVENUE_LIFT = 0.1;
export const REVENUE_LIFT_SPREAD = 0.3;

function liftOf(random: Random, effect: Effect, centre: number, spread: number): number {
  return effect === 'constant' ? centre : centre - spread + 2 * spread * random.uniform();
}

export function revenueScenario(pilotUnits: number, controlUnits: number, effect: Effect, seed: number): HeadlineScenario {
  const scenario: HeadlineScenario = {
    id: `revenue-${reps(pilotUnits, controlUnits)}-${effect}`,
    design: 'Revenue per rep',
    effect,
    pilotUnits,
    controlUnits,
    interval: 'relative',
    adjusted: false,
    truth: REVENUE_LIFT,
    truthShown: '+10%',
    truthNote:
      effect === 'constant'
        ? 'each pilot rep\'s revenue times 1.10; truth: the lift of expected revenue, +10%'
        : 'each pilot rep\'s revenue times 1 + rho_i, rho_i uniform on -20% to +40%; truth: E[1 + rho_i] - 1 = +10%',
    seed,
    draw(random, simulation) {
      const revenue = () => random.logNormal(Math.log(10_000), REVENUE_LOG_SD);
      const sums = (value: number): RepSums => ({ pilot: { rows: 1, numerator: value, denominator: 1 } });
      const pilotReps = times(pilotUnits, () => sums(revenue() * (1 + liftOf(random, effect, REVENUE_LIFT, REVENUE_LIFT_SPREAD))));
      const controlReps = times(controlUnits, () => sums(revenue()));
      return headlineDraw(analyse(REVENUE, pilotReps, controlReps, slugOf(scenario, simulation)), 'relative', REVENUE_LIFT);
    },
  };
  return scenario;
}

// ---------------------------------------------------------------------------
// 2. Win rate, clustered: a proportion metric with several leads per rep,
// analysed per rep (delta method), absolute headline in points.
//
// Each rep has 5 to 60 leads (uniform, independent of everything else) and
// wins each with its own probability, uniform on 15% to 45% without the pilot
// (mean 30%). The pilot adds tau_i to a pilot rep's probability: 8 points for
// every rep (constant), or uniform on 0 to 16 points (varying, mean 8). Leads,
// probabilities and effects are independent, so the expected win rate
// E[won] / E[leads] is the mean probability, and the true difference is
// E[tau_i] = 8 points either way. Even the constant effect leaves the sharp
// null only approximately true here: the wins are binomial draws, so a pilot
// rep's wins minus 8 points of its leads are not what it would have won.

export const WIN_RATE_EFFECT = 0.08;

export function winRateScenario(pilotUnits: number, controlUnits: number, effect: Effect, seed: number): HeadlineScenario {
  const scenario: HeadlineScenario = {
    id: `win-rate-${reps(pilotUnits, controlUnits)}-${effect}`,
    design: 'Win rate, clustered',
    effect,
    pilotUnits,
    controlUnits,
    interval: 'absolute',
    adjusted: false,
    truth: WIN_RATE_EFFECT,
    truthShown: '+8 points',
    truthNote:
      effect === 'constant'
        ? 'each pilot rep\'s win probability + 8 points; truth: the difference of expected win rates, 8 points'
        : 'each pilot rep\'s win probability + tau_i, tau_i uniform on 0 to 16 points; truth: E[tau_i] = 8 points',
    seed,
    draw(random, simulation) {
      const rep = (inPilot: boolean): RepSums => {
        const leads = random.integer(5, 60);
        const probability = 0.15 + 0.3 * random.uniform();
        const added = inPilot ? liftOf(random, effect, WIN_RATE_EFFECT, WIN_RATE_EFFECT) : 0;
        return { pilot: { rows: leads, numerator: binomial(random, leads, probability + added), denominator: leads } };
      };
      const pilotReps = times(pilotUnits, () => rep(true));
      const controlReps = times(controlUnits, () => rep(false));
      return headlineDraw(analyse(WIN_RATE, pilotReps, controlReps, slugOf(scenario, simulation)), 'absolute', WIN_RATE_EFFECT);
    },
  };
  return scenario;
}

// ---------------------------------------------------------------------------
// 3. Revenue per rep with a pre-period: the ANCOVA headline (section 5),
// relative interval.
//
// A rep's pre-period revenue x is log-normal (median 10,000, log-sd 0.5);
// its pilot-period revenue without the pilot is 1,500 + 0.9 x plus a
// right-skewed error of mean 0 (1,500 (log-normal(0, 0.8) - exp(0.32)), as in
// coverage-scenarios.ts; always positive in practice). The pilot multiplies it
// by 1 + rho_i, as in design 1: the true lift of expected revenue is 10%.

export function adjustedRevenueScenario(pilotUnits: number, controlUnits: number, effect: Effect, seed: number): HeadlineScenario {
  const scenario: HeadlineScenario = {
    id: `adjusted-revenue-${reps(pilotUnits, controlUnits)}-${effect}`,
    design: 'Revenue per rep, adjusted (ANCOVA)',
    effect,
    pilotUnits,
    controlUnits,
    interval: 'relative',
    adjusted: true,
    truth: REVENUE_LIFT,
    truthShown: '+10%',
    truthNote:
      effect === 'constant'
        ? 'each pilot rep\'s pilot-period revenue times 1.10; truth: +10%'
        : 'each pilot rep\'s pilot-period revenue times 1 + rho_i, rho_i uniform on -20% to +40%; truth: +10%',
    seed,
    draw(random, simulation) {
      const rep = (inPilot: boolean): RepSums => {
        const baseline = random.logNormal(Math.log(10_000), 0.5);
        const error = 1_500 * (random.logNormal(0, 0.8) - Math.exp(0.32));
        const withoutPilot = 1_500 + 0.9 * baseline + error;
        const revenue = inPilot ? withoutPilot * (1 + liftOf(random, effect, REVENUE_LIFT, REVENUE_LIFT_SPREAD)) : withoutPilot;
        return {
          pre: { rows: 1, numerator: baseline, denominator: 1 },
          pilot: { rows: 1, numerator: revenue, denominator: 1 },
        };
      };
      const pilotReps = times(pilotUnits, () => rep(true));
      const controlReps = times(controlUnits, () => rep(false));
      return headlineDraw(analyse(REVENUE, pilotReps, controlReps, slugOf(scenario, simulation)), 'relative', REVENUE_LIFT);
    },
  };
  return scenario;
}

// ---------------------------------------------------------------------------
// 4. Revenue per opportunity with a pre-period: the weighted regression of
// section 11, absolute interval.
//
// Each rep has 5 to 60 opportunities in each period and its own win
// probability (uniform on 15% to 45%) in both, so its pre-period ratio
// predicts its pilot-period one; a won opportunity is worth log-normal(log
// 2,000, 0.5). The pilot adds tau_i to each of a pilot rep's opportunities:
// 100 for every rep (constant: its ratio Y / N rises by exactly 100, the
// sharp null of section 10 at 100 is true), or uniform on 0 to 200 per rep
// (varying). Opportunities and effects are independent, so the true
// difference of expected revenue per opportunity, E[tau_i N_i] / E[N_i], is
// 100 either way.

export const OPPORTUNITY_EFFECT = 100;

export function adjustedRatioScenario(pilotUnits: number, controlUnits: number, effect: Effect, seed: number): HeadlineScenario {
  const scenario: HeadlineScenario = {
    id: `adjusted-ratio-${reps(pilotUnits, controlUnits)}-${effect}`,
    design: 'Revenue per opportunity, adjusted (weighted regression)',
    effect,
    pilotUnits,
    controlUnits,
    interval: 'absolute',
    adjusted: true,
    truth: OPPORTUNITY_EFFECT,
    truthShown: '+100',
    truthNote:
      effect === 'constant'
        ? 'each pilot opportunity + 100; truth: the difference of expected revenue per opportunity, 100'
        : 'each pilot rep\'s opportunities + tau_i, tau_i uniform on 0 to 200; truth: E[tau_i N_i] / E[N_i] = 100',
    seed,
    draw(random, simulation) {
      const period = (probability: number): Sums => {
        const opportunities = random.integer(5, 60);
        let revenue = 0;
        for (let i = 0; i < opportunities; i += 1) {
          if (random.chance(probability)) revenue += random.logNormal(Math.log(2_000), 0.5);
        }
        return { rows: opportunities, numerator: revenue, denominator: opportunities };
      };
      const rep = (inPilot: boolean): RepSums => {
        const probability = 0.15 + 0.3 * random.uniform();
        const pre = period(probability);
        const pilot = period(probability);
        if (inPilot) pilot.numerator += liftOf(random, effect, OPPORTUNITY_EFFECT, OPPORTUNITY_EFFECT) * pilot.denominator;
        return { pre, pilot };
      };
      const pilotReps = times(pilotUnits, () => rep(true));
      const controlReps = times(controlUnits, () => rep(false));
      return headlineDraw(analyse(REVENUE_PER_OPPORTUNITY, pilotReps, controlReps, slugOf(scenario, simulation)), 'absolute', OPPORTUNITY_EFFECT);
    },
  };
  return scenario;
}

// ---------------------------------------------------------------------------
// The table: each design at its sizes, constant then varying, each row its own seed.

/** The rows of docs/coverage.md, in order; seeds 1001 upward, one per row. */
export function coverageTable(): HeadlineScenario[] {
  const rows: HeadlineScenario[] = [];
  let seed = 1000;
  const both = (make: (effect: Effect, seed: number) => HeadlineScenario) => {
    for (const effect of ['constant', 'varying'] as const) rows.push(make(effect, (seed += 1)));
  };
  for (const [p, c] of [[3, 12], [5, 5], [8, 8], [20, 20]] as const) both((effect, s) => revenueScenario(p, c, effect, s));
  for (const [p, c] of [[5, 5], [10, 10]] as const) both((effect, s) => winRateScenario(p, c, effect, s));
  both((effect, s) => adjustedRevenueScenario(6, 6, effect, s));
  both((effect, s) => adjustedRatioScenario(8, 8, effect, s));
  return rows;
}
