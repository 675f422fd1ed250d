/**
 * The site's one door to the analysis. Every page, endpoint and preview card
 * of a build calls loadEvidence(); the first call reads and analyses every
 * published pilot once, the rest share that promise.
 */
import { analyzeProject } from '../core/project.ts';
import type { PilotEvidence } from '../core/evidence.ts';
import { FieldproofError, formatProblem } from '../core/problems.ts';

const memo = new Map<string, Promise<PilotEvidence[]>>();

/** Published pilots (drafts removed), newest start first. Throws with every problem when any pilot is invalid. */
export function loadEvidence(root: string = process.cwd()): Promise<PilotEvidence[]> {
  let evidence = memo.get(root);
  if (evidence === undefined) {
    evidence = analyzeForSite(root);
    memo.set(root, evidence);
  }
  return evidence;
}

async function analyzeForSite(root: string): Promise<PilotEvidence[]> {
  const project = await analyzeProject(root);
  const errors = project.problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) throw new FieldproofError(project.problems);
  for (const problem of project.problems) console.warn(`fieldproof: ${formatProblem(problem)}`);
  return project.pilots;
}
