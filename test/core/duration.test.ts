/**
 * Time to first contact (`type: duration`, statistics.md, "Time to first contact"), file to
 * results document. The fixture's numbers were computed independently in R:
 * test/fixtures/projects/duration/reference.R (dates with as.Date, the
 * horizon by pmin, eligibility by the hand-off date, per-rep sums with
 * tapply, and the randomization test of the ratio of sums over all 252
 * splits of the 10 reps).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeProject } from '../../src/core/project.ts';
import { pilotCardContent } from '../../src/core/present/card-model.ts';
import { overviewModel } from '../../src/core/present/overview-model.ts';
import { reportModel } from '../../src/core/present/report-model.ts';
import { formatProblem } from '../../src/core/problems.ts';
import { BASE_FRONTMATTER, makeProject, pilotMarkdown } from '../support/project.ts';

const DURATION = fileURLToPath(new URL('../fixtures/projects/duration', import.meta.url));

function close(actual: number | null | undefined, expected: number) {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

describe('a duration metric on the reference fixture', () => {
  it('each rep\'s restricted mean days, the arms and the headline, as R computes them', async () => {
    const project = await analyzeProject(DURATION);
    expect(project.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    const evidence = project.pilots[0]!;
    const metric = evidence.results.metrics[0]!;
    // R: Y / N from tapply over the eligible leads, reps r01 to r05 (pilot) and r06 to r10 (control) (reference.R "unitMeans").
    const unitMeans = { pilot: [3.6, 3, 2.42857142857143, 4.33333333333333, 4.33333333333333], control: [1.5, 5.5, 6, 4.2, 4.4] };
    for (const arm of ['pilot', 'control'] as const) {
      const values = evidence.metrics[0]!.units.filter((unit) => unit.arm === arm).map((unit) => unit.value).sort((a, b) => a - b);
      const expected = [...unitMeans[arm]].sort((a, b) => a - b);
      expect(values).toHaveLength(5);
      values.forEach((value, index) => expect(Math.abs(value - (expected[index] as number))).toBeLessThan(1e-13));
    }
    // R: leads c(5, 5, 7, 6, 6) pilot, c(4, 6, 5, 5, 5) control.
    expect(metric.pilot).toMatchObject({ units: 5, rows: 29 });
    expect(metric.control).toMatchObject({ units: 5, rows: 25 });
    close(metric.pilot.value, 3.51724137931034); // R: sum(Y[z == 1]) / sum(N[z == 1])
    close(metric.control.value, 4.48); // R: sum(Y[z == 0]) / sum(N[z == 0])
    expect(metric.better).toBe('lower');
    expect(metric.within).toBe(7);
    const { headline } = metric;
    expect(headline).toMatchObject({ method: 'randomization', basis: 'unadjusted' });
    expect(headline.randomization).toMatchObject({ assignments: 252, exact: true });
    // R: analyse("followUp", deltaStat(N), Y, N * z, ...) over omega(z), 252 splits (reference.R).
    close(headline.absolute.estimate, 3.51724137931034 - 4.48);
    close(headline.absolute.p, 0.285714285714286);
    close(headline.randomization!.minimumP, 0.00793650793650794);
    // The inversion bisects to 1e-7 of a standard error in both languages: bounds agree to that.
    expect(Math.abs(headline.absolute.low! - -2.62482441197158)).toBeLessThan(1e-6);
    expect(Math.abs(headline.absolute.high! - 1.02384420098026)).toBeLessThan(1e-6);
    expect(metric.verdict).toBe('inconclusive');
  });

  it('the same leads as the share reached within the horizon (measure: share), as R computes it', async () => {
    const project = await analyzeProject(DURATION);
    const evidence = project.pilots[0]!;
    const metric = evidence.results.metrics[1]!;
    // R: reached / counted leads per rep, reps r01 to r05 and r06 to r10 (reference.R "shareUnits").
    const shares = { pilot: [0.8, 0.8, 1, 0.833333333333333, 0.5], control: [1, 0.5, 0.2, 0.8, 0.4] };
    for (const arm of ['pilot', 'control'] as const) {
      const values = evidence.metrics[1]!.units.filter((unit) => unit.arm === arm).map((unit) => unit.value).sort((a, b) => a - b);
      [...shares[arm]].sort((a, b) => a - b).forEach((share, index) => expect(Math.abs((values[index] as number) - share)).toBeLessThan(1e-13));
    }
    expect(metric).toMatchObject({ format: 'percent', better: 'higher', within: 7 });
    close(metric.pilot.value, 0.793103448275862); // R: sum(R[z == 1]) / sum(N[z == 1])
    close(metric.control.value, 0.56); // R: sum(R[z == 0]) / sum(N[z == 0])
    // R: analyse("reached", deltaStat(N), R, N * z, ...) over omega(z), 252 splits (reference.R).
    close(metric.headline.absolute.p, 0.238095238095238);
    close(metric.headline.randomization!.minimumP, 0.0238095238095238);
    expect(Math.abs(metric.headline.absolute.low! - -0.141257001158048)).toBeLessThan(1e-6);
    expect(Math.abs(metric.headline.absolute.high! - 0.599999992117293)).toBeLessThan(1e-6);
    // A share is a rate: told in points, and it takes the roadblock view.
    expect(metric.sentence).toBe(
      'Leads reached within 7 days were somewhere between 14.1 pp lower and 60.0 pp higher for pilot reps than for control reps, counting the leads that had the full 7 days (79.3% vs 56.0%; best estimate +23.3 pp; 95% interval).',
    );
    const report = reportModel(evidence, { status: 'uncommitted' });
    expect(report.roadblocks?.views.map((view) => view.sentence)).toEqual(['Leads reached within 7 days below 28.0%: 1 of 5 control reps, 0 of 5 pilot reps.']);
  });

  it('says how many leads are not counted yet, and tells the result in days', async () => {
    const project = await analyzeProject(DURATION);
    const { results } = project.pilots[0]!;
    // R: sum(!eligible) = 10, the leads handed off after 24 Mar 2026.
    expect(results.warnings).toContain(
      'Days to first contact: 10 leads handed off less than 7 days before the data ends (31 Mar 2026) are not counted: they have not had the full 7 days to be reached',
    );
    expect(results.metrics[0]!.sentence).toBe(
      'Days to first contact were somewhere between 2.62 days shorter and 1.02 days longer for pilot reps than for control reps, a lead not reached within 7 days counting as 7 (best estimate \u22120.963 days; 95% interval).',
    );
  });
});

const HEADER = 'rep,group,handoff,contact\n';
const FRONTMATTER = `${BASE_FRONTMATTER.replace('data: sales.csv', 'data: leads.csv')}
metrics:
  - { id: follow-up, label: Days to first contact, type: duration, from: handoff, to: contact, within: 7 }
`;

async function problemsOf(rows: string, frontmatter = FRONTMATTER): Promise<string[]> {
  const root = await makeProject({ 'pilots/leads.md': pilotMarkdown(frontmatter), 'data/leads.csv': HEADER + rows });
  const project = await analyzeProject(root);
  return project.problems.map(formatProblem);
}

describe('a duration metric\'s bad cells and keys', () => {
  it('refuses a first contact before its hand-off, and a date that is not one, by row and column', async () => {
    const problems = await problemsOf('a,pilot,2026-03-05,2026-03-04\nb,control,2026-03-05,03/06/2026\nc,pilot,2026-03-05,\nd,control,2026-03-05,2026-03-06\n');
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/data\/leads\.csv, row 2, column "contact": "2026-03-04": is before this row's "handoff" \(2026-03-05\); expected the date of the first contact on or after the hand-off/),
        expect.stringMatching(/data\/leads\.csv, row 3, column "contact": "03\/06\/2026": expected a date as YYYY-MM-DD/),
      ]),
    );
  });

  it('needs "within", a whole number of days above 0, and refuses it on other kinds', async () => {
    const rows = 'a,pilot,2026-03-05,2026-03-06\n';
    expect((await problemsOf(rows, FRONTMATTER.replace(', within: 7', ''))).join('\n')).toMatch(/a duration metric needs "within"/);
    expect((await problemsOf(rows, FRONTMATTER.replace('within: 7', 'within: 2.5'))).join('\n')).toMatch(/key "metrics\[0\]\.within": "2\.5": expected a whole number/);
    expect((await problemsOf(rows, FRONTMATTER.replace('within: 7', 'within: 0'))).join('\n')).toMatch(/expected a whole number of days above 0, e\.g\. 7/);
    expect((await problemsOf(rows, FRONTMATTER.replace(', from: handoff', ''))).join('\n')).toMatch(/a duration metric needs "from"/);
    const onMean = FRONTMATTER.replace('type: duration, from: handoff, to: contact, within: 7', 'type: mean, column: handoff, within: 7');
    expect((await problemsOf(rows, onMean)).join('\n')).toMatch(/a mean metric takes no "within"/);
    expect((await problemsOf(rows, onMean.replace('within: 7', 'measure: share'))).join('\n')).toMatch(/a mean metric takes no "measure"/);
    expect((await problemsOf(rows, FRONTMATTER.replace('within: 7', 'within: 7, format: percent'))).join('\n')).toMatch(/a duration metric is told in days, or in percent with measure: share, so it takes no format: percent/);
    // A share reached is a rate: a guardrail margin in points is its own unit; in days it is a time.
    const guarded = (measure: string, margin: string) =>
      FRONTMATTER.replace('within: 7 }', `within: 7${measure}, role: guardrail, margin: ${margin} }`).replace('metrics:\n', 'metrics:\n  - { id: calls, label: Calls, type: mean, column: calls }\n');
    expect((await problemsOf(rows, guarded(', measure: share', '-2pp'))).join('\n')).not.toMatch(/key "metrics\[1\]/);
    expect((await problemsOf(rows, guarded('', '+1'))).join('\n')).not.toMatch(/key "metrics\[1\]/);
    expect((await problemsOf(rows, guarded('', '+2pp'))).join('\n')).toMatch(/percentage points \(pp\) are for rates/);
  });
});

describe('a running pilot\'s duration', () => {
  it('counts a lead once its whole horizon lies before the file\'s last date, a lead not reached as the horizon', async () => {
    // The last date in the file is 2026-03-20 (a first contact), so leads handed off by 2026-03-13 count.
    const frontmatter = FRONTMATTER.replace('status: concluded', 'status: running').replace('ended: 2026-05-31\n', '');
    const rows = [
      'a,pilot,2026-03-02,2026-03-04', // 2 days
      'a,pilot,2026-03-10,', // not reached: 7
      'b,pilot,2026-03-03,2026-03-03', // 0
      'b,pilot,2026-03-13,2026-03-20', // handed off 7 days before the end: counted, 7
      'c,control,2026-03-02,2026-03-12', // 10 days, capped at 7
      'c,control,2026-03-14,', // 6 days before the end: not counted yet
      'd,control,2026-03-05,2026-03-06', // 1
      'd,control,2026-03-16,2026-03-17', // not counted yet
    ].join('\n');
    const root = await makeProject({ 'pilots/leads.md': pilotMarkdown(frontmatter), 'data/leads.csv': `${HEADER}${rows}\n` });
    const project = await analyzeProject(root);
    const evidence = project.pilots[0]!;
    const byUnit = evidence.metrics[0]!.units.map((unit) => [unit.arm, unit.value]).sort();
    // a: (2 + 7) / 2; b: (0 + 7) / 2; c: 7 / 1; d: 1 / 1.
    expect(byUnit).toEqual([['control', 1], ['control', 7], ['pilot', 3.5], ['pilot', 4.5]]);
    expect(evidence.results.warnings).toContain(
      'Days to first contact: 2 leads handed off less than 7 days before the data ends (20 Mar 2026) are not counted yet: they have not had the full 7 days to be reached',
    );
  });
});

describe('a duration\'s words on the report, the card and the overview', () => {
  it('tells the change in days, with its relative change where every pilot shares one percent axis', async () => {
    const project = await analyzeProject(DURATION);
    const pilot = project.pilots[0]!;
    const report = reportModel(pilot, { status: 'uncommitted' });
    expect(report.keyNumbers.change).toEqual({
      label: 'Days to first contact',
      value: '\u22120.963 days',
      interval: '95% interval: \u22122.62 days to +1.02 days',
      aside: '\u221221% relative, \u221250% to +35%',
    });
    expect(report.keyNumbers.pilot.value).toBe('3.52 days');
    expect(report.headline.range).toBe('The pilot could be anywhere from 1.02 days worse to 2.62 days better (lower is better).');
    const card = pilotCardContent(pilot, { host: 'example.org' });
    expect(card).toMatchObject({ metric: 'Days to first contact (lower is better)', lift: '\u22120.963 days', note: null });
    expect(overviewModel([pilot]).forestNote).toBe(': a time, headlined in days, is drawn at its relative change, and labelled with both.');
  });
});

describe('a duration read however the export writes it', () => {
  it('gives the same unit values from quoted cells, dates with times, and beside another metric', async () => {
    const frontmatter = `${FRONTMATTER.replace('data: leads.csv', 'data: leads.csv')}  - { id: calls, label: Calls, type: mean, column: calls }
`;
    const plain = [
      'a,pilot,2026-03-02,2026-03-04,3',
      'a,pilot,2026-03-03,,1',
      'b,control,2026-03-02,2026-03-12,2',
      'b,control,2026-03-04,2026-03-05,5',
      'c,pilot,2026-03-05,2026-03-05,4',
      'd,control,2026-03-05,2026-03-08,6',
    ];
    const header = 'rep,group,handoff,contact,calls\n';
    const quoted = plain.map((line) => line.split(',').map((cell, index) => (index === 2 && cell !== '' ? `"${cell} 09:15:00"` : index === 3 && cell !== '' ? `"${cell}T16:40:00Z"` : `"${cell}"`)).join(','));
    const valuesOf = async (lines: string[]) => {
      const root = await makeProject({ 'pilots/leads.md': pilotMarkdown(frontmatter), 'data/leads.csv': `${header}${lines.join('\n')}\n` });
      const project = await analyzeProject(root);
      expect(project.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
      return project.pilots[0]!.metrics.map((metric) => metric.units.map((unit) => [unit.arm, unit.value]).sort());
    };
    const expected = [
      // a: (2 + 7) / 2, not reached counting as 7; b: (7 + 1) / 2, ten days capped at 7; c: 0, the same day; d: 3.
      [['control', 3], ['control', 4], ['pilot', 0], ['pilot', 4.5]],
      [['control', 6], ['control', 7], ['pilot', 4], ['pilot', 4]],
    ];
    expect(await valuesOf(plain)).toEqual(expected);
    expect(await valuesOf(quoted)).toEqual(expected);
  });
});
