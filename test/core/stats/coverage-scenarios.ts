/**
 * Simulated small pilots with a known true effect, for the coverage tests:
 * each scenario draws one pilot and returns the 95% interval a method gives
 * and the truth it should cover. The truth of a ratio or proportion is the
 * ratio of expectations, computed exactly from the simulation's parameters.
 *
 * Kept apart from coverage.test.ts so the same scenarios can be run by hand
 * with more simulations or printed figures.
 */
import type { Random } from '../../../scripts/random.ts';
import { meanArm, ratioArm } from '../../../src/core/stats/arm.ts';
import { ancova, type AncovaUnit } from '../../../src/core/stats/ancova.ts';
import { fiellerLift } from '../../../src/core/stats/fieller.ts';
import { katzLift } from '../../../src/core/stats/katz.ts';
import { newcombeDifference } from '../../../src/core/stats/newcombe.ts';
import { pooledZTest } from '../../../src/core/stats/pooled-z-test.ts';
import { welchDifference } from '../../../src/core/stats/welch.ts';
import { wilsonInterval } from '../../../src/core/stats/wilson.ts';

export interface Draw {
  low: number | null;
  high: number | null;
  truth: number;
  /** Fieller's unbounded set contains every value, so it covers the truth. */
  unbounded?: boolean;
}

export interface Scenario {
  name: string;
  seed: number;
  /** One simulated pilot. */
  draw(random: Random): Draw;
}

export interface Coverage {
  simulations: number;
  /** Fraction of intervals that contain the truth. */
  covered: number;
  /** Fraction entirely below / above the truth. */
  missedLow: number;
  missedHigh: number;
}

export function coverage(scenario: Scenario, simulations: number, makeRandom: (seed: number) => Random): Coverage {
  const random = makeRandom(scenario.seed);
  let covered = 0;
  let missedLow = 0;
  let missedHigh = 0;
  for (let i = 0; i < simulations; i += 1) {
    const { low, high, truth, unbounded } = scenario.draw(random);
    if (unbounded) covered += 1;
    else if (low === null || high === null) throw new Error(`${scenario.name}: an interval without bounds`);
    else if (high < truth) missedLow += 1;
    else if (low > truth) missedHigh += 1;
    else covered += 1;
  }
  return { simulations, covered: covered / simulations, missedLow: missedLow / simulations, missedHigh: missedHigh / simulations };
}

const CONFIDENCE = 0.95;

function times<T>(count: number, make: () => T): T[] {
  return Array.from({ length: count }, make);
}

function binomial(random: Random, trials: number, probability: number): number {
  let successes = 0;
  for (let i = 0; i < trials; i += 1) if (random.chance(probability)) successes += 1;
  return successes;
}

// Revenue per rep: log-normal with log-sd 0.8 (coefficient of variation 0.95,
// typical of sales revenue), control median 10,000, pilot median 11,000.
// Expectation exp(mu + sigma^2 / 2), so the true difference is
// (11,000 - 10,000) exp(0.32) and the true lift exactly +10%.
const REVENUE_LOG_SD = 0.8;
const controlRevenue = (random: Random) => random.logNormal(Math.log(10_000), REVENUE_LOG_SD);
const pilotRevenue = (random: Random) => random.logNormal(Math.log(11_000), REVENUE_LOG_SD);
const revenueDifference = 1_000 * Math.exp(REVENUE_LOG_SD ** 2 / 2);

export function welchRevenue(pilotReps: number, controlReps: number, seed: number): Scenario {
  return {
    name: `Welch difference, log-normal revenue, ${pilotReps} vs ${controlReps} reps`,
    seed,
    draw(random) {
      const pilot = meanArm(times(pilotReps, () => pilotRevenue(random)));
      const control = meanArm(times(controlReps, () => controlRevenue(random)));
      const { low, high } = welchDifference(pilot, control, CONFIDENCE);
      return { low, high, truth: revenueDifference };
    },
  };
}

export function fiellerRevenue(pilotReps: number, controlReps: number, seed: number): Scenario {
  return {
    name: `Fieller lift, log-normal revenue, ${pilotReps} vs ${controlReps} reps`,
    seed,
    draw(random) {
      const pilot = meanArm(times(pilotReps, () => pilotRevenue(random)));
      const control = meanArm(times(controlReps, () => controlRevenue(random)));
      const { low, high, unbounded } = fiellerLift(pilot, control, CONFIDENCE);
      return { low, high, unbounded, truth: 0.1 };
    },
  };
}

// The classic Behrens-Fisher case: normal values, unequal variances and sizes.
export const welchNormalUnequal: Scenario = {
  name: 'Welch difference, normal, sd 2 (8 reps) vs sd 1 (12 reps)',
  seed: 103,
  draw(random) {
    const pilot = meanArm(times(8, () => random.normal(1, 2)));
    const control = meanArm(times(12, () => random.normal(0, 1)));
    const { low, high } = welchDifference(pilot, control, CONFIDENCE);
    return { low, high, truth: 1 };
  },
};

// Revenue per opportunity: each rep has 5 to 60 opportunities, wins each with
// a rep-level rate drawn uniformly from 0.15 to 0.45 (mean 0.3), and a won
// deal is worth log-normal(log 2,000, 0.5), 15% more in the pilot arm.
// E[revenue] / E[opportunities] = 0.3 * 2,000 * exp(0.125) (* 1.15 in the pilot).
const dealLogSd = 0.5;
const revenuePerOpportunity = 0.3 * 2_000 * Math.exp(dealLogSd ** 2 / 2);

function revenuePerOpportunityArm(random: Random, reps: number, uplift: number) {
  return ratioArm(
    times(reps, () => {
      const opportunities = random.integer(5, 60);
      const winRate = 0.15 + 0.3 * random.uniform();
      let revenue = 0;
      for (let i = 0; i < opportunities; i += 1) {
        if (random.chance(winRate)) revenue += random.logNormal(Math.log(2_000 * uplift), dealLogSd);
      }
      return { numerator: revenue, denominator: opportunities };
    }),
  );
}

export const deltaRatioDifference: Scenario = {
  name: 'Welch difference of delta-method ratios (revenue per opportunity), 15 vs 15 reps',
  seed: 201,
  draw(random) {
    const pilot = revenuePerOpportunityArm(random, 15, 1.15);
    const control = revenuePerOpportunityArm(random, 15, 1);
    const { low, high } = welchDifference(pilot, control, CONFIDENCE);
    return { low, high, truth: 0.15 * revenuePerOpportunity };
  },
};

export const deltaRatioLift: Scenario = {
  name: 'Fieller lift of delta-method ratios (revenue per opportunity), 15 vs 15 reps',
  seed: 202,
  draw(random) {
    const pilot = revenuePerOpportunityArm(random, 15, 1.15);
    const control = revenuePerOpportunityArm(random, 15, 1);
    const { low, high, unbounded } = fiellerLift(pilot, control, CONFIDENCE);
    return { low, high, unbounded, truth: 0.15 };
  },
};

// Clustered proportion: each rep has 10 to 80 leads, converted at a rep-level
// rate drawn uniformly from 0.10 to 0.30 (control, mean 0.20) or 0.14 to 0.34
// (pilot, mean 0.24). Leads and rates are independent, so
// E[won] / E[leads] = E[rate]: a true difference of 0.04 and lift of +20%.
function conversionArm(random: Random, reps: number, lowestRate: number) {
  return ratioArm(
    times(reps, () => {
      const leads = random.integer(10, 80);
      const rate = lowestRate + 0.2 * random.uniform();
      return { numerator: binomial(random, leads, rate), denominator: leads };
    }),
  );
}

export const clusteredProportionDifference: Scenario = {
  name: 'Welch difference of a clustered proportion (delta method), 15 vs 15 reps',
  seed: 301,
  draw(random) {
    const { low, high } = welchDifference(conversionArm(random, 15, 0.14), conversionArm(random, 15, 0.1), CONFIDENCE);
    return { low, high, truth: 0.04 };
  },
};

export const clusteredProportionLift: Scenario = {
  name: 'Fieller lift of a clustered proportion (delta method), 15 vs 15 reps',
  seed: 302,
  draw(random) {
    const lift = fiellerLift(conversionArm(random, 15, 0.14), conversionArm(random, 15, 0.1), CONFIDENCE);
    return { low: lift.low, high: lift.high, unbounded: lift.unbounded, truth: 0.2 };
  },
};

// Independent leads: 200 per arm, converting at 0.25 (pilot) and 0.20 (control).
function leads(random: Random) {
  return {
    pilot: { successes: binomial(random, 200, 0.25), trials: 200 },
    control: { successes: binomial(random, 200, 0.2), trials: 200 },
  };
}

export const newcombeLeads: Scenario = {
  name: 'Newcombe difference, 200 vs 200 leads, 25% vs 20%',
  seed: 401,
  draw(random) {
    const { pilot, control } = leads(random);
    const { low, high } = newcombeDifference(pilot, control, CONFIDENCE);
    return { low, high, truth: 0.05 };
  },
};

export const katzLeads: Scenario = {
  name: 'Katz lift, 200 vs 200 leads, 25% vs 20%',
  seed: 402,
  draw(random) {
    const { pilot, control } = leads(random);
    const { low, high } = katzLift(pilot, control, CONFIDENCE);
    return { low, high, truth: 0.25 };
  },
};

export const wilsonLeads: Scenario = {
  name: 'Wilson interval, 200 leads at 20%',
  seed: 403,
  draw(random) {
    const { low, high } = wilsonInterval(binomial(random, 200, 0.2), 200, CONFIDENCE);
    return { low, high, truth: 0.2 };
  },
};

// Baseline adjustment: baselines log-normal(log 10,000, 0.5), outcome
// 1,500 + 0.9 baseline + 800 in the pilot + a right-skewed error with mean 0
// (1,500 (log-normal(0, 0.8) - exp(0.32)), sd about 1,420). The true
// adjusted effect is 800; the true adjusted lift is 800 / (1,500 + 0.9 E[baseline]).
const meanBaseline = 10_000 * Math.exp(0.5 ** 2 / 2);

function ancovaPilot(random: Random, pilotReps: number, controlReps: number): AncovaUnit[] {
  const arms = [...times(pilotReps, () => true), ...times(controlReps, () => false)];
  return arms.map((pilot) => {
    const baseline = random.logNormal(Math.log(10_000), 0.5);
    const error = 1_500 * (random.logNormal(0, 0.8) - Math.exp(0.32));
    return { pilot, baseline, outcome: 1_500 + 0.9 * baseline + (pilot ? 800 : 0) + error };
  });
}

export const ancovaEffect: Scenario = {
  name: 'ANCOVA adjusted difference, skewed errors, 10 vs 10 reps',
  seed: 501,
  draw(random) {
    const { low, high } = ancova(ancovaPilot(random, 10, 10), CONFIDENCE);
    return { low, high, truth: 800 };
  },
};

export const ancovaLift: Scenario = {
  name: 'ANCOVA adjusted lift, skewed errors, 10 vs 10 reps',
  seed: 502,
  draw(random) {
    const { lift } = ancova(ancovaPilot(random, 10, 10), CONFIDENCE);
    return { low: lift.low, high: lift.high, truth: 800 / (1_500 + 0.9 * meanBaseline) };
  },
};

/** A p-value computed on a pilot drawn with no true effect. */
export interface NullScenario {
  name: string;
  seed: number;
  p(random: Random): number;
}

/** Fraction of p-values below 0.05 when there is no effect: should be close to 5%. */
export function rejectionRate(scenario: NullScenario, simulations: number, makeRandom: (seed: number) => Random): number {
  const random = makeRandom(scenario.seed);
  let rejected = 0;
  for (let i = 0; i < simulations; i += 1) if (scenario.p(random) < 0.05) rejected += 1;
  return rejected / simulations;
}

export const welchNullRevenue: NullScenario = {
  name: 'Welch p-value under no effect, log-normal revenue, 8 vs 12 reps',
  seed: 601,
  p(random) {
    const pilot = meanArm(times(8, () => controlRevenue(random)));
    const control = meanArm(times(12, () => controlRevenue(random)));
    return welchDifference(pilot, control, CONFIDENCE).p;
  },
};

export const pooledZNull: NullScenario = {
  name: 'Pooled z-test p-value under no effect, 200 vs 200 leads at 20%',
  seed: 602,
  p(random) {
    const pilot = { successes: binomial(random, 200, 0.2), trials: 200 };
    const control = { successes: binomial(random, 200, 0.2), trials: 200 };
    return pooledZTest(pilot, control).p;
  },
};
