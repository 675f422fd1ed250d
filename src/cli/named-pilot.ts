/**
 * The problems a command prints, and the one pilot file a command names
 * (analyze, plan): found relative to the working directory or --root,
 * analysed with progress, its problems printed when it is invalid.
 */
import path from 'node:path';
import type { PilotEvidence } from '../core/evidence.ts';
import { analyzeProject } from '../core/project.ts';
import { formatProblem, hasErrors, type Problem } from '../core/problems.ts';
import { designHistory, gitIn } from '../core/history.ts';
import { createProgress } from '../core/progress.ts';
import { UsageError, type Effects } from './effects.ts';
import type { Paint } from './style.ts';

export function printProblems(problems: readonly Problem[], effects: Effects, style: Paint) {
  const errors = problems.filter((problem) => problem.severity === 'error');
  const warnings = problems.filter((problem) => problem.severity === 'warning');
  for (const problem of warnings) effects.stderr(`${style.yellow('warning')} ${formatProblem(problem)}\n`);
  for (const problem of errors) effects.stderr(`${style.red('error')} ${formatProblem(problem)}\n`);
  if (errors.length > 0) {
    effects.stderr(`\n${errors.length} error${errors.length === 1 ? '' : 's'}${warnings.length ? `, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}` : ''}.\n`);
  }
}

/**
 * The pilot file a command names, as a path inside pilots/: relative to where
 * the command runs, or else to --root ("pilots/x.md --root ../sales" means
 * ../sales/pilots/x.md). A usage error for anything else.
 */
export function namedPilotPath(root: string, file: string, effects: Pick<Effects, 'cwd'>): string {
  const pilots = path.join(root, 'pilots');
  const relative = [path.resolve(effects.cwd, file), path.resolve(root, file)]
    .map((candidate) => path.relative(pilots, candidate))
    .find((inside) => !inside.startsWith('..') && !path.isAbsolute(inside) && inside.endsWith('.md'));
  if (relative === undefined) throw new UsageError(`expected a pilot file inside pilots/, e.g. pilots/nurture.md; got ${file}`);
  return relative;
}

/**
 * Analyses the one pilot file named on the command line (analyze, plan), with
 * progress. Null, after printing every problem, when the pilot is invalid.
 */
export async function analyzeNamedPilot(
  root: string,
  file: string,
  effects: Effects,
  errorStyle: Paint,
  options: { evidenceLevel?: boolean; checkStories?: boolean } = {},
): Promise<{ pilot: PilotEvidence; problems: readonly Problem[] } | null> {
  const relative = namedPilotPath(root, file, effects);
  const progress = createProgress(effects);
  const project = await analyzeProject(root, {
    includeDrafts: true,
    only: path.join('pilots', relative),
    checkStories: options.checkStories ?? true,
    progress: progress.update,
    pilotFileStore: (await effects.evidenceStore?.(root)) ?? null,
    // The results document as the site publishes it, evidence level (from git) included.
    ...(options.evidenceLevel ? { history: designHistory(gitIn(root), null, effects.env) } : {}),
  });
  progress.done();
  const pilot = project.pilots[0];
  if (pilot === undefined || hasErrors(project.problems)) {
    printProblems(project.problems, effects, errorStyle);
    return null;
  }
  return { pilot, problems: project.problems };
}
