import { describe, expect, it } from 'vitest';
import { readYesNo } from '../../src/core/load/load-leads.ts';
import { formatProblem } from '../../src/core/problems.ts';
import { analyzeProject } from '../../src/core/project.ts';
import { makeProject, pilotMarkdown } from '../support/project.ts';
import { expectClose } from './stats/expect-close.ts';

const FRONTMATTER = `
title: Lead qualification
kind: qualification
question: Which criteria predict a win?
data: leads.csv
criteria: [budget, champion]
labels: { budget: Budget confirmed }
outcome: won
`;

/** 2 criteria: 10 leads meet neither (1 won), 8 budget only (2), 6 champion only (2), 9 both (6); marks written several ways. */
function leadsCsv(extra = ''): string {
  const rows: string[] = [];
  const add = (count: number, wins: number, budget: string, champion: string) => {
    for (let i = 0; i < count; i += 1) rows.push(`${budget},${champion},${i < wins ? 'Yes' : 'no'}`);
  };
  add(10, 1, '0', 'N');
  add(8, 2, 'x', 'No');
  rows.pop();
  rows.push('X, ,no'); // a blank criterion: left out
  rows.push('TRUE,false,no'); // the lead the blank one would have been
  add(6, 2, 'no', 'y');
  add(9, 6, 'Yes', '1');
  rows.push('1,1,'); // an open deal: left out
  return `budget,champion,won\n${rows.join('\n')}\n${extra}`;
}

async function analyse(files: Record<string, string>) {
  const root = await makeProject(files);
  return analyzeProject(root);
}

describe('qualification evidence', () => {
  it('gives win rate by criteria met (Wilson), each criterion\'s difference (Newcombe) and the tipping point, as R does', async () => {
    const project = await analyse({ 'pilots/lead-qualification.md': pilotMarkdown(FRONTMATTER), 'data/leads.csv': leadsCsv() });
    expect(project.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    expect(project.pilots).toEqual([]);
    const results = project.qualifications[0]?.results;
    if (results === undefined) throw new Error('no qualification analysed');
    expect(results.leads).toEqual({ read: 35, used: 33, leftOut: { blank: 2, outsidePeriod: 0 } });
    expect(results.byCriteriaMet.map(({ met, leads, wins }) => [met, leads, wins])).toEqual([
      [0, 10, 1],
      [1, 14, 4],
      [2, 9, 6],
    ]);
    // R: prop.test(1, 10, correct = FALSE)$conf.int -> 0.017876213095072892, 0.40415002679523837
    expectClose(results.byCriteriaMet[0]?.interval?.low, 0.017876213095072892, 1e-10);
    expectClose(results.byCriteriaMet[0]?.interval?.high, 0.40415002679523837, 1e-10);
    // R: prop.test(4, 14, correct = FALSE)$conf.int -> 0.11721378644576923, 0.54649084329893183
    expectClose(results.byCriteriaMet[1]?.interval?.low, 0.11721378644576923, 1e-10);
    expectClose(results.byCriteriaMet[1]?.interval?.high, 0.54649084329893183, 1e-10);
    // R: prop.test(6, 9, correct = FALSE)$conf.int -> 0.35420213558039632, 0.87941618161308888
    expectClose(results.byCriteriaMet[2]?.interval?.low, 0.35420213558039632, 1e-10);
    expectClose(results.byCriteriaMet[2]?.interval?.high, 0.87941618161308888, 1e-10);

    const [budget, champion] = results.criteria;
    expect(budget).toMatchObject({ column: 'budget', label: 'Budget confirmed', met: { leads: 17, wins: 8 }, notMet: { leads: 16, wins: 3 } });
    expect(champion).toMatchObject({ column: 'champion', label: 'champion', met: { leads: 15, wins: 8 }, notMet: { leads: 18, wins: 3 } });
    // R: newcombe(8, 17, 3, 16) (budget met vs not) -> 0.28308823529411764, -0.037074335791092761, 0.53425682843166566
    // (test/core/stats/reference/tipping-point.R: Newcombe's hybrid score interval from prop.test's Wilson bounds)
    expectClose(budget?.difference?.estimate, 0.28308823529411764, 1e-12);
    expectClose(budget?.difference?.low, -0.037074335791092761, 1e-9);
    expectClose(budget?.difference?.high, 0.53425682843166566, 1e-9);
    // R: newcombe(8, 15, 3, 18) (champion met vs not) -> 0.3666666666666667, 0.042977951758888577, 0.61059801666071278
    expectClose(champion?.difference?.low, 0.042977951758888577, 1e-9);
    expectClose(champion?.difference?.high, 0.61059801666071278, 1e-9);

    const tipping = results.tippingPoint;
    expect(tipping).toMatchObject({ threshold: 2, atLeast: { leads: 9, wins: 6 }, below: { leads: 24, wins: 5 }, draws: 10_000, clear: true });
    // R: newcombe(6, 9, 5, 24) (tipping split, at least 2 vs below) -> 0.45833333333333326, 0.089286275274824078, 0.7005970487991583
    expectClose(tipping?.difference.estimate, 0.45833333333333326, 1e-12);
    expectClose(tipping?.difference.low, 0.089286275274824078, 1e-9);
    expectClose(tipping?.difference.high, 0.7005970487991583, 1e-9);
    // R: largestGap(n = c(10, 14, 9), w = c(1, 4, 6)) -> t = 2, gap 0.45833333333333326; exactP -> 0.026433593583687933
    // A Monte Carlo p: within four standard errors of the exact one (plus the +1 of (1 + count) / (1 + draws)).
    const exact = 0.026433593583687933;
    expect(Math.abs((tipping?.p ?? 1) - exact)).toBeLessThanOrEqual(4 * Math.sqrt((exact * (1 - exact)) / 10_000) + 1 / 10_001);
    expect(results.warnings).toEqual(['2 leads were left out for a blank criterion or outcome cell; fill in yes or no to count them (a lead still open has no outcome yet)']);
  });

  it('reads yes and no the ways exports write them', () => {
    expect(['Yes', ' y ', 'TRUE', '1', 'x', 'X'].map(readYesNo)).toEqual([true, true, true, true, true, true]);
    expect(['No', 'n', 'false', '0'].map(readYesNo)).toEqual([false, false, false, false]);
    expect(readYesNo('  ')).toBeNull();
    expect(readYesNo('maybe')).toBeUndefined();
  });

  it('names the file, row, column, value and what was expected for a bad cell, a missing column and a bad key, all at once', async () => {
    const project = await analyse({
      'pilots/lead-qualification.md': pilotMarkdown(`${FRONTMATTER}confidnce: 0.9\n`),
      'pilots/second.md': pilotMarkdown(FRONTMATTER.replace('[budget, champion]', '[budget, timeline]')),
      'data/leads.csv': leadsCsv('maybe,1,yes\n'),
    });
    const messages = project.problems.map(formatProblem);
    expect(messages).toContain('pilots/lead-qualification.md, key "confidnce": unknown key; did you mean "confidence"? Allowed keys here: title, kind, question, summary, owner, tags, data, criteria, labels, outcome, date, started, ended, confidence');
    expect(messages.some((message) => message.startsWith('data/leads.csv, row 1, column "timeline": column named by "criteria[1]" in pilots/second.md is not in the header'))).toBe(true);
    expect(project.qualifications).toEqual([]);
  });

  it('refuses a cell that is neither yes nor no, by row as a spreadsheet shows it', async () => {
    const project = await analyse({ 'pilots/lead-qualification.md': pilotMarkdown(FRONTMATTER), 'data/leads.csv': leadsCsv('maybe,1,yes\n') });
    // The header is row 1 and the file has 35 leads: the bad one is row 37.
    expect(project.problems.map(formatProblem)).toContain(
      'data/leads.csv, row 37, column "budget": "maybe": expected yes or no: yes, y, true, 1 or x for yes; no, n, false or 0 for no (a blank cell leaves the lead out)',
    );
    expect(project.qualifications).toEqual([]);
  });

  it('leaves out leads dated outside started..ended and counts them', async () => {
    const csv = 'day,budget,won\n2026-01-05,yes,yes\n2026-02-10,no,no\n2026-03-01,yes,no\n2026-04-20,no,yes\n';
    const frontmatter = FRONTMATTER.replace('[budget, champion]', '[budget]').replace('labels: { budget: Budget confirmed }\n', '') + 'date: day\nstarted: 2026-02-01\nended: 2026-03-31\n';
    const project = await analyse({ 'pilots/lead-qualification.md': pilotMarkdown(frontmatter), 'data/leads.csv': csv });
    const results = project.qualifications[0]?.results;
    expect(results?.leads).toEqual({ read: 4, used: 2, leftOut: { blank: 0, outsidePeriod: 2 } });
    expect(results?.period).toEqual({ first: '2026-02-10', last: '2026-03-01' });
    // No lead won among the two used: no tipping point can be supported.
    expect(results?.tippingPoint).toMatchObject({ threshold: 1, p: 1, clear: false });
  });

  it('checks the keys against each other', async () => {
    const frontmatter = FRONTMATTER.replace('labels: { budget: Budget confirmed }', 'labels: { budgte: Budget }').replace('outcome: won', 'outcome: budget') + 'started: 2026-01-01\n';
    const project = await analyse({ 'pilots/lead-qualification.md': pilotMarkdown(frontmatter), 'data/leads.csv': leadsCsv() });
    const messages = project.problems.map(formatProblem);
    expect(messages).toEqual([
      'pilots/lead-qualification.md, key "labels.budgte": "Budget": labels a column that is not among the criteria; expected one of: budget, champion',
      'pilots/lead-qualification.md, key "outcome": "budget": the outcome column is also listed among the criteria; a lead\'s outcome cannot qualify it',
      'pilots/lead-qualification.md, key "started": "2026-01-01": "started" picks leads by their date, so it needs "date": the column holding each lead\'s date',
    ]);
  });

  it('reads a misspelt kind as a qualification file and says how to spell it', async () => {
    const project = await analyse({ 'pilots/lead-qualification.md': pilotMarkdown(FRONTMATTER.replace('kind: qualification', 'kind: Qualification')), 'data/leads.csv': leadsCsv() });
    expect(project.problems.map(formatProblem)).toEqual(['pilots/lead-qualification.md, key "kind": "Qualification": expected one of: qualification']);
  });

  it('refuses a row with fewer or more cells than the header, and reads trailing empty cells', async () => {
    const project = await analyse({ 'pilots/lead-qualification.md': pilotMarkdown(FRONTMATTER), 'data/leads.csv': leadsCsv('yes,no\nyes,no,yes,extra\nno,no,no,,\n') });
    expect(project.problems.map(formatProblem).filter((message) => message.includes('cells'))).toEqual([
      'data/leads.csv, row 37: this row has 2 cells but the header has 3; expected one cell per column (check for an unquoted delimiter inside a value)',
      'data/leads.csv, row 38: this row has 4 cells but the header has 3; expected one cell per column (check for an unquoted delimiter inside a value)',
    ]);
  });

  it('names the row of a leads file\'s first byte that is not UTF-8, as for a pilot\'s data', async () => {
    const root = await makeProject({ 'pilots/lead-qualification.md': pilotMarkdown(FRONTMATTER) });
    const { writeFile } = await import('node:fs/promises');
    const path = await import('node:path');
    // Row 3 (header = row 1) holds a Latin-1 "é".
    await writeFile(path.join(root, 'data/leads.csv'), Buffer.concat([Buffer.from('budget,champion,won\nyes,no,yes\nyes,no,'), Buffer.from([0xe9]), Buffer.from('\n')]));
    const project = await analyzeProject(root);
    expect(project.problems.map(formatProblem)).toEqual(['data/leads.csv, row 3: the file is not UTF-8 text; save it as "CSV UTF-8" from the spreadsheet']);
  });
});
