import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { makeProject, pilotMarkdown } from '../support/project.ts';

async function run(argv: string[], cwd: string) {
  return runCli(argv, { cwd });
}

const FILE = pilotMarkdown(`
title: Checklist
kind: qualification
question: Which checks matter?
data: leads.csv
criteria: [budget]
outcome: won
`);

/** 10 leads without a budget (1 won), 10 with (6 won), and one still open. */
const LEADS = `budget,won\n${[...Array.from({ length: 10 }, (_, i) => `no,${i < 1 ? 'yes' : 'no'}`), ...Array.from({ length: 10 }, (_, i) => `yes,${i < 6 ? 'yes' : 'no'}`), 'yes,'].join('\n')}\n`;

describe('fieldproof analyze on a qualification file', () => {
  it('--json prints its results document alone, its published warning inside it', async () => {
    const root = await makeProject({ 'pilots/checklist.md': FILE, 'data/leads.csv': LEADS });
    const { code, stdout, stderr } = await run(['analyze', 'pilots/checklist.md', '--json'], root);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const results = JSON.parse(stdout) as { kind: string; byCriteriaMet: { leads: number; wins: number }[]; warnings: string[] };
    expect(results.kind).toBe('qualification');
    expect(results.byCriteriaMet.map(({ leads, wins }) => [leads, wins])).toEqual([
      [10, 1],
      [10, 6],
    ]);
    expect(results.warnings).toHaveLength(1);
  });

  it('prints the tipping point and each criterion in words', async () => {
    const root = await makeProject({ 'pilots/checklist.md': FILE, 'data/leads.csv': LEADS });
    const { code, stdout } = await run(['analyze', 'pilots/checklist.md'], root);
    expect(code).toBe(0);
    expect(stdout.split('\n').slice(0, 2)).toEqual(['Checklist', 'Leads meeting 1 or more of the 1 criteria won 60% of the time, against 10% for the rest: +50.0 points.']);
    expect(stdout).toContain('  budget: +50.0 points (');
  });

  it('check lists it under the pilots with its tipping point', async () => {
    const root = await makeProject({ 'pilots/checklist.md': FILE, 'data/leads.csv': LEADS });
    const { code, stdout } = await run(['check'], root);
    expect(code).toBe(0);
    expect(stdout).toBe('checklist  qualification  Leads meeting 1 or more of the 1 criteria won 60% of the time, against 10% for the rest: +50.0 points.\n');
  });

  it('exits 1 with every problem of a bad file', async () => {
    const root = await makeProject({ 'pilots/checklist.md': FILE.replace('outcome: won', 'outcome: closed'), 'data/leads.csv': LEADS });
    const { code, stdout, stderr } = await run(['analyze', 'pilots/checklist.md'], root);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^error data\/leads.csv, row 1, column "closed": column named by "outcome" in pilots\/checklist.md is not in the header/);
  });
});
