/**
 * Do the 95% intervals cover the truth 95% of the time on small pilots?
 * Each scenario simulates 10,000 pilots with a seeded generator, so the
 * figures are the same on every run; the band 93.5% to 96.5% is about seven
 * standard errors (0.22%) either side of 95%, wide enough for a method that
 * is honestly near 95% and narrow enough to catch one that is not.
 *
 * Figures measured with these seeds (covered / missed below / missed above):
 *   Welch, log-normal revenue (log-sd 0.8), 8 vs 12 reps        95.56% / 3.53% / 0.91%
 *   Fieller, the same                                            95.78% / 2.97% / 1.25%
 *   Welch, normal, sd 2 (8 reps) vs sd 1 (12 reps)               94.60% / 2.71% / 2.69%
 *   Welch on delta-method revenue per opportunity, 15 vs 15      93.70% / 3.32% / 2.98%
 *   Fieller on delta-method revenue per opportunity, 15 vs 15    94.99% / 2.56% / 2.45%
 *   Welch on a clustered proportion (delta), 15 vs 15            94.17% / 3.02% / 2.81%
 *   Fieller on a clustered proportion (delta), 15 vs 15          94.40% / 2.59% / 3.01%
 *   Newcombe, 200 vs 200 leads, 25% vs 20%                       94.81% / 2.83% / 2.36%
 *   Katz, the same                                               94.98% / 2.63% / 2.39%
 *   Wilson, 200 leads at 20%                                     96.20% / 1.52% / 2.28%
 *   ANCOVA difference, skewed errors, 10 vs 10                   95.89% / 2.17% / 1.94%
 *   ANCOVA lift, the same                                        95.11% / 2.30% / 2.59%
 * Rejection rate at p < 0.05 with no effect: Welch (log-normal, 8 vs 12) 3.81%,
 * pooled z-test (200 vs 200 at 20%) 4.78%.
 *
 * Notes from longer runs of the same scenarios (not part of the test):
 * - Welch on delta-method ratios is slightly liberal at 15 vs 15 reps: the
 *   93.70% above is a low draw; 100,000 pilots give 94.29% (seed 201) and
 *   94.45% (seed 999). Fieller on the same arms: 94.48%.
 * - Skewed revenue makes the two-sided intervals a little conservative, not
 *   liberal, when both arms share the skew: with log-sd 1.2 and 8 vs 12 reps
 *   Welch covers 96.45% and Fieller 97.00%; with log-sd 1.5, 96.85% and 97.53%
 *   (10,000 pilots each). The one-sided split is where skew shows: with
 *   log-sd 0.8 the Welch interval lies wholly below the truth 3.5% of the time
 *   and above it 0.9%, where 2.5% each is nominal.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../scripts/random.ts';
import {
  ancovaEffect,
  ancovaLift,
  clusteredProportionDifference,
  clusteredProportionLift,
  coverage,
  deltaRatioDifference,
  deltaRatioLift,
  fiellerRevenue,
  katzLeads,
  newcombeLeads,
  pooledZNull,
  rejectionRate,
  welchNormalUnequal,
  welchNullRevenue,
  welchRevenue,
  wilsonLeads,
  type Scenario,
} from './coverage-scenarios.ts';

const SIMULATIONS = 10_000;
const LOWEST = 0.935;
const HIGHEST = 0.965;

const scenarios: Scenario[] = [
  welchRevenue(8, 12, 101),
  fiellerRevenue(8, 12, 102),
  welchNormalUnequal,
  deltaRatioDifference,
  deltaRatioLift,
  clusteredProportionDifference,
  clusteredProportionLift,
  newcombeLeads,
  katzLeads,
  wilsonLeads,
  ancovaEffect,
  ancovaLift,
];

describe('coverage of 95% intervals on simulated small pilots', () => {
  it.each(scenarios.map((scenario) => [scenario.name, scenario] as const))('%s', (_, scenario) => {
    const result = coverage(scenario, SIMULATIONS, seededRandom);
    expect(result.covered).toBeGreaterThanOrEqual(LOWEST);
    expect(result.covered).toBeLessThanOrEqual(HIGHEST);
  });
});

describe('p-values under no effect reject about 5% of the time', () => {
  it.each([welchNullRevenue, pooledZNull].map((scenario) => [scenario.name, scenario] as const))('%s', (_, scenario) => {
    const rate = rejectionRate(scenario, SIMULATIONS, seededRandom);
    expect(rate).toBeGreaterThanOrEqual(0.035);
    expect(rate).toBeLessThanOrEqual(0.065);
  });
});
