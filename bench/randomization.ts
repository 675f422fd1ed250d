/**
 * How long the headline's randomization analysis (statistics.md section 10)
 * takes for one metric, from unit sums to the finished result: the test, the
 * interval by inverting it (absolute and relative) and the histogram. Issue
 * #13's target: at most 0.2 s for 10 vs 10 units (all 184,756 assignments
 * enumerated) and for 40 vs 40 (10,000 drawn).
 *
 * In process, each design analysed `runs` times on fresh simulated data (the
 * coverage table's scenarios, seeded), after one warm-up run; the median and
 * the slowest. Run by `npm run bench` (scripts/bench.ts), or alone:
 *
 *   npx node bench/randomization.ts [runs]
 */
import { seededRandom } from '../scripts/random.ts';
import {
  adjustedRatioScenario,
  adjustedRevenueScenario,
  revenueScenario,
  winRateScenario,
  type HeadlineScenario,
} from '../test/core/stats/headline-coverage-scenarios.ts';

export interface RandomizationTiming {
  design: string;
  reps: string;
  assignments: string;
  medianSeconds: number;
  slowestSeconds: number;
}

/** The target of issue #13 for one metric's analysis. */
export const RANDOMIZATION_TARGET_SECONDS = 0.2;

const DESIGNS: { scenario: HeadlineScenario; assignments: string }[] = [
  { scenario: revenueScenario(10, 10, 'constant', 3001), assignments: 'all 184,756' },
  { scenario: revenueScenario(40, 40, 'constant', 3002), assignments: '10,000 drawn' },
  { scenario: winRateScenario(10, 10, 'constant', 3003), assignments: 'all 184,756' },
  { scenario: adjustedRevenueScenario(10, 10, 'constant', 3004), assignments: 'all 184,756' },
  { scenario: adjustedRatioScenario(40, 40, 'constant', 3005), assignments: '10,000 drawn' },
];

export function benchRandomization(runs: number): RandomizationTiming[] {
  return DESIGNS.map(({ scenario, assignments }) => {
    const random = seededRandom(scenario.seed);
    scenario.draw(random, -1);
    const seconds: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const started = performance.now();
      scenario.draw(random, run);
      seconds.push((performance.now() - started) / 1000);
    }
    seconds.sort((a, b) => a - b);
    return {
      design: scenario.design,
      reps: `${scenario.pilotUnits} vs ${scenario.controlUnits}`,
      assignments,
      medianSeconds: seconds[Math.floor(seconds.length / 2)] as number,
      slowestSeconds: seconds[seconds.length - 1] as number,
    };
  });
}

export function randomizationTable(timings: readonly RandomizationTiming[]): string {
  const seconds = (value: number) => `${value.toFixed(3)} s`;
  return [
    '| metric | units | assignments | median | slowest | target |',
    '| --- | --- | --- | ---: | ---: | --- |',
    ...timings.map(
      (row) =>
        `| ${row.design} | ${row.reps} | ${row.assignments} | ${seconds(row.medianSeconds)} | ${seconds(row.slowestSeconds)} | ${row.medianSeconds <= RANDOMIZATION_TARGET_SECONDS ? 'met' : 'NOT met'} |`,
    ),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const runs = Number(process.argv[2] ?? 11);
  process.stdout.write(`${randomizationTable(benchRandomization(runs))}\n`);
}
