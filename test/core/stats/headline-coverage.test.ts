/**
 * Does the 95% headline interval (randomization inference, statistics.md
 * sections 6 and 10, through analyzeMetric) cover the true effect on small
 * pilots? A reduced run of docs/coverage.md: the first 300 simulated pilots
 * of a few constant-effect rows, with the table's own seeds, so these are
 * the first pilots of the full run (npx node scripts/coverage.ts).
 *
 * At 300 pilots a coverage of 95% has a standard error of 1.3%; the band is
 * three of them either side. Below it the interval is too narrow; above it
 * (or with an unbounded side) it is too wide to be of use, which a merely
 * "safe" interval would also fail.
 *
 * The adjusted row (6 vs 6) counts the intervals shown: about one pilot in
 * ten there has groups too far apart before it for any test (section 12) and
 * is shown none, which the test bounds too.
 *
 * Left out, for time: the rows at 8 vs 8 reps and more (12,870 assignments
 * and up per pilot, 25 ms to a quarter of a second each).
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../scripts/random.ts';
import { coverageTable, headlineCoverage, revenueScenario, winRateScenario, type HeadlineScenario } from './headline-coverage-scenarios.ts';

const SIMULATIONS = 300;
const STANDARD_ERROR = Math.sqrt((0.95 * 0.05) / SIMULATIONS);
const LOWEST = 0.95 - 3 * STANDARD_ERROR;
const HIGHEST = 0.95 + 3 * STANDARD_ERROR;

const REDUCED = ['revenue-3v12-constant', 'revenue-5v5-constant', 'win-rate-5v5-constant', 'adjusted-revenue-6v6-constant'];
/** A few seconds each on an idle machine; room for a busy one. */
const TIMEOUT = 30_000;

function row(id: string): HeadlineScenario {
  const scenario = coverageTable().find((candidate) => candidate.id === id);
  if (scenario === undefined) throw new Error(`no row ${id} in the coverage table`);
  return scenario;
}

describe('coverage of the 95% headline interval with a constant effect', () => {
  it.each(REDUCED)('%s', (id) => {
    const result = headlineCoverage(row(id), SIMULATIONS, seededRandom);
    expect(result.tooFew).toBe(0);
    expect(result.unbounded).toBe(0);
    // Groups apart by chance: never without a baseline, and not so often that the design seldom answers.
    expect(result.groupsApart).toBeLessThanOrEqual(row(id).adjusted ? 0.2 : 0);
    expect(result.shown).toBeCloseTo(1 - result.groupsApart, 12);
    expect(result.covered).toBeGreaterThanOrEqual(LOWEST);
    expect(result.covered).toBeLessThanOrEqual(HIGHEST);
  }, TIMEOUT);
});

describe('a design no assignment can make significant', () => {
  // 3 vs 3: C(6, 3) = 20 assignments, each with its mirror image, so the smallest p is 2/20 = 0.1 > 0.05.
  it.each([revenueScenario(3, 3, 'constant', 2001), winRateScenario(3, 3, 'constant', 2002)].map((scenario) => [scenario.id, scenario] as const))(
    '%s is too-few every time, and shown no interval',
    (_, scenario) => {
      const result = headlineCoverage(scenario, 50, seededRandom);
      expect(result.tooFew).toBe(1);
      expect(result.shown).toBe(0);
    },
  );
});
