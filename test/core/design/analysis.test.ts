/**
 * A pilot with an assignment file (statistics.md section 13): the data is
 * held against it, its blocks are where randomization inference permutes
 * (section 10), and its units with no rows are attrition (section 12).
 */
import { describe, expect, it } from 'vitest';
import { analyzeProject } from '../../../src/core/project.ts';
import { BASE_FRONTMATTER, makeProject, pilotMarkdown } from '../../support/project.ts';

// Two blocks of four reps, two of each block in the pilot.
const REPS: [rep: string, block: string, group: 'pilot' | 'control', revenue: number][] = [
  ['a', 'East', 'pilot', 120],
  ['b', 'East', 'pilot', 135],
  ['c', 'East', 'control', 98],
  ['d', 'East', 'control', 101],
  ['e', 'West', 'pilot', 210],
  ['f', 'West', 'control', 240],
  ['g', 'West', 'pilot', 180],
  ['h', 'West', 'control', 175],
];

const ASSIGNMENT = `rep,block,pair,group,seed\n${REPS.map(([rep, block, group]) => `${rep},${block},,${group},7`).join('\n')}\n`;
const FRONTMATTER = `${BASE_FRONTMATTER}confidence: 0.9\nassignment: split.csv\nmetrics:\n  - { id: revenue, label: Revenue per rep, type: mean, column: revenue }\n`;

async function project(rows: string[], assignment = ASSIGNMENT) {
  const root = await makeProject({
    'pilots/p.md': pilotMarkdown(FRONTMATTER),
    'data/split.csv': assignment,
    'data/sales.csv': `rep,group,revenue\n${rows.join('\n')}\n`,
  });
  return analyzeProject(root);
}

describe('randomization within the assignment\'s blocks', () => {
  it('permutes within each block, as R enumerates it', async () => {
    const { pilots, problems } = await project(REPS.map(([rep, , group, revenue]) => `${rep},${group},${revenue}`));
    expect(problems).toEqual([]);
    const revenue = pilots[0]!.results.metrics[0]!;
    // R: test/core/stats/reference/randomization-lib.R, omega(z, blocks) over C(4, 2)^2 = 36 splits, Welch statistic, 90%:
    //   p = 0.722222222222222, minimumP = 0.0555555555555556, low = -59.9999995942105, high = 36.9999990304975,
    //   relative -0.249999998831948 to 0.377551002333778.
    expect(revenue.headline.randomization).toMatchObject({ design: 'blocked', assumed: false, assignments: 36, exact: true });
    expect(revenue.headline.randomization!.minimumP).toBeCloseTo(0.0555555555555556, 12);
    expect(revenue.headline.absolute.p).toBeCloseTo(0.722222222222222, 12);
    expect(Math.abs(revenue.headline.absolute.low! - -59.9999995942105)).toBeLessThan(1e-5);
    expect(Math.abs(revenue.headline.absolute.high! - 36.9999990304975)).toBeLessThan(1e-5);
    expect(Math.abs(revenue.headline.relative.low! - -0.249999998831948)).toBeLessThan(1e-6);
    expect(Math.abs(revenue.headline.relative.high! - 0.377551002333778)).toBeLessThan(1e-6);
    // The same units without the file: 70 splits of complete randomization.
    expect(revenue.sentence).toMatch(/^Revenue per rep was somewhere between/);
  });
});

describe('the data held against its assignment', () => {
  it('refuses a unit in another group than assigned, naming file, row, unit and the assignment row', async () => {
    const rows = REPS.map(([rep, , group, revenue]) => `${rep},${rep === 'c' ? 'pilot' : group},${revenue}`);
    const { pilots, problems } = await project(rows);
    expect(pilots).toEqual([]);
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        file: 'data/sales.csv',
        row: 4,
        column: 'group',
        value: 'pilot',
        message: 'unit "c" is in the pilot group here but was assigned to the control group (data/split.csv, row 4); expected each unit in the group it was assigned to',
      }),
    ]);
  });

  it('refuses a unit the assignment does not know', async () => {
    const rows = [...REPS.map(([rep, , group, revenue]) => `${rep},${group},${revenue}`), 'zed,pilot,150'];
    const { problems } = await project(rows);
    expect(problems.map((problem) => [problem.row, problem.value, problem.message])).toEqual([
      [10, 'zed', 'is not in the assignment file data/split.csv; expected every unit in the data to have been assigned before the pilot started (add it to the roster and assign again only if the pilot has not started)'],
    ]);
  });

  it('counts assigned units with no rows as attrition, per arm', async () => {
    const rows = REPS.filter(([rep]) => rep !== 'h' && rep !== 'd').map(([rep, , group, revenue]) => `${rep},${group},${revenue}`);
    const { pilots, problems } = await project(rows);
    expect(problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    const results = pilots[0]!.results;
    // R: fisher.test(matrix(c(0, 4, 2, 2), 2, byrow = TRUE))$p.value = 0.428571428571429; 0% against 50% is over 10 points.
    expect(results.attrition).toMatchObject({ pilot: 0, control: 2, flagged: true });
    expect(results.attrition.p).toBeCloseTo(0.428571428571429, 12);
    expect(results.warnings).toContain(
      '2 of 4 assigned control reps have no rows during the pilot (left, or their data is missing): they are not in the result; the two groups lost reps at different rates (0% against 50%), so those who stayed may no longer be comparable',
    );
  });
});
