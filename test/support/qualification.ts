/**
 * Qualification evidence for the view-model and chart tests, from the real
 * analysis (analyzeProject over a temporary project), never hand-written
 * results: a CSV of leads made from groups of identical leads.
 */
import { formatProblem } from '../../src/core/problems.ts';
import { analyzeProject } from '../../src/core/project.ts';
import type { QualificationEvidence } from '../../src/core/qualification-analysis.ts';
import { makeProject, pilotMarkdown } from './project.ts';

export interface LeadGroup {
  /** Which criteria these leads meet, in the order of `criteria`. */
  met: boolean[];
  leads: number;
  wins: number;
}

/** The CSV: one row per lead, criteria as yes/no, the outcome in "won". */
export function leadsCsv(criteria: readonly string[], groups: readonly LeadGroup[]): string {
  const rows = groups.flatMap(({ met, leads, wins }) =>
    Array.from({ length: leads }, (_, index) => [...met.map((isMet) => (isMet ? 'yes' : 'no')), index < wins ? 'yes' : 'no'].join(',')),
  );
  return `${[...criteria, 'won'].join(',')}\n${rows.join('\n')}\n`;
}

/** The analysed evidence of one qualification file (slug "checklist") over those leads; extra frontmatter lines appended. */
export async function analysedQualification(criteria: readonly string[], groups: readonly LeadGroup[], extra = ''): Promise<QualificationEvidence> {
  const frontmatter = `title: Checklist\nkind: qualification\nquestion: Which checks matter?\ndata: leads.csv\ncriteria: [${criteria.join(', ')}]\noutcome: won\n${extra}`;
  const root = await makeProject({ 'pilots/checklist.md': pilotMarkdown(frontmatter), 'data/leads.csv': leadsCsv(criteria, groups) });
  const project = await analyzeProject(root);
  const errors = project.problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map(formatProblem).join('\n'));
  const evidence = project.qualifications[0];
  if (evidence === undefined) throw new Error('no qualification analysed');
  return evidence;
}

/**
 * Three criteria: `need` is met by every lead (so no lead meets 0); 40 leads
 * meet need alone (4 won), 30 need and budget (3), 30 need and champion (3),
 * 30 all three (12): a clear jump at 3 of 3.
 */
export const CLEAR: { criteria: string[]; groups: LeadGroup[] } = {
  criteria: ['budget', 'champion', 'need'],
  groups: [
    { met: [false, false, true], leads: 40, wins: 4 },
    { met: [true, false, true], leads: 30, wins: 3 },
    { met: [false, true, true], leads: 30, wins: 3 },
    { met: [true, true, true], leads: 30, wins: 12 },
  ],
};

/** Two criteria and a win rate that barely moves: 20 leads at each count, 3, 4 and 5 won. */
export const WEAK: { criteria: string[]; groups: LeadGroup[] } = {
  criteria: ['budget', 'champion'],
  groups: [
    { met: [false, false], leads: 20, wins: 3 },
    { met: [true, false], leads: 10, wins: 2 },
    { met: [false, true], leads: 10, wins: 2 },
    { met: [true, true], leads: 20, wins: 5 },
  ],
};
