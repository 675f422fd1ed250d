/**
 * `fieldproof analyze pilots/x.md` when x.md is a qualification evidence
 * file (`kind: qualification`): its results document with --json, or the
 * tipping point, win rate by criteria met and each criterion in a few lines.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { hasErrors } from '../core/problems.ts';
import { qualificationModel } from '../core/present/qualification-model.ts';
import { analyzeProject } from '../core/project.ts';
import { isQualificationText } from '../core/frontmatter.ts';
import type { Effects } from './effects.ts';
import { namedPilotPath, printProblems } from './named-pilot.ts';
import type { QualificationEvidence } from '../core/qualification-analysis.ts';
import type { Paint } from './style.ts';
import { terminalJson, terminalText } from './terminal.ts';

/** Whether the file named on the command line declares `kind: qualification` (false when it cannot be read: analyze then says why). */
export async function namesQualification(root: string, file: string, effects: Effects): Promise<boolean> {
  const relative = namedPilotPath(root, file, effects);
  const text = await readFile(path.join(root, 'pilots', relative), 'utf8').catch(() => null);
  return text !== null && isQualificationText(text);
}

/** What `check` prints under the pilots' table: each qualification file's tipping point in one line. */
export function qualificationLines(evidence: readonly QualificationEvidence[]): string {
  return evidence.map((entry) => `${entry.slug}  qualification  ${terminalText(qualificationModel(entry).headline)}\n`).join('');
}

export async function analyzeQualificationCommand(root: string, file: string, json: boolean, effects: Effects, style: Paint, errorStyle: Paint): Promise<number> {
  const relative = namedPilotPath(root, file, effects);
  const project = await analyzeProject(root, { only: path.join('pilots', relative), checkStories: false, pilotFileStore: (await effects.evidenceStore?.(root)) ?? null });
  const evidence = project.qualifications[0];
  if (evidence === undefined || hasErrors(project.problems)) {
    printProblems(project.problems, effects, errorStyle);
    return 1;
  }
  if (json) {
    // As for a pilot: the document alone on standard output, its own warnings inside it.
    printProblems(project.problems.filter((problem) => problem.published !== true), effects, errorStyle);
    effects.stdout(`${terminalJson(evidence.results)}\n`);
    return 0;
  }
  printProblems(project.problems, effects, errorStyle);
  const model = qualificationModel(evidence);
  const lines = [
    style.bold(terminalText(model.title)),
    terminalText(model.headline),
    terminalText(model.evidence),
    '',
    terminalText(model.byCriteriaMet.title),
    ...model.byCriteriaMet.rows.map((row) => `  ${row.label.padEnd(8)} ${row.leads.padStart(6)} leads  ${row.rate.padStart(8)}  (${row.interval})`),
    '',
    terminalText(model.criteria.title),
    ...model.criteria.rows.map((row) => `  ${terminalText(row.label)}: ${row.difference} (${row.interval}). ${row.readingText}`),
    '',
    terminalText(model.observational),
  ];
  effects.stdout(`${lines.join('\n')}\n`);
  return 0;
}
