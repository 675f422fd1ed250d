/**
 * The site's one door to the analysis. Every page, endpoint and preview card
 * of a build calls loadEvidence(); the first call reads and analyses every
 * published pilot once, the rest share that promise. Astro renders all pages
 * of a static build in one process, so that is once per build.
 *
 * Across builds, unchanged pilots come from the cache (src/core/cache.ts):
 * a second build with the same pilots/ and data/ reads no data file beyond
 * hashing it. FIELDPROOF_CACHE=off switches the cache off.
 *
 * Long reads show progress on standard error, through the command line's
 * progress module: a redrawn line on a terminal, plain lines in CI.
 */
import { createProgress, type ProgressEffects } from '../cli/progress.ts';
import { analysisVersion, analyzeProjectCached, cacheDirectory, openEvidenceCache } from '../core/cache.ts';
import type { PilotEvidence } from '../core/evidence.ts';
import { count } from '../core/format.ts';
import { FieldproofError, formatProblem } from '../core/problems.ts';
import { findSiteRoot } from './render-cache.ts';

export interface EvidenceEffects extends ProgressEffects {
  env: Record<string, string | undefined>;
  /** Called each time a pilot is analysed rather than taken from the cache. */
  analyzing?: (slug: string) => void;
}

export const defaultEvidenceEffects = (): EvidenceEffects => ({
  stderr: (text) => process.stderr.write(text),
  stderrIsTTY: process.stderr.isTTY === true,
  env: process.env,
  now: () => Date.now(),
});

/** A memoized loader: one analysis per project folder for the life of the process. */
export function createEvidenceLoader(effects: EvidenceEffects = defaultEvidenceEffects()) {
  const memo = new Map<string, Promise<PilotEvidence[]>>();
  return (root: string = process.cwd()): Promise<PilotEvidence[]> => {
    let evidence = memo.get(root);
    if (evidence === undefined) {
      evidence = analyzeForSite(root, effects);
      memo.set(root, evidence);
    }
    return evidence;
  };
}

// Astro loads this module more than once in a build (the content config, then
// the pages' bundle); keeping the loader on globalThis makes them share one analysis.
const SHARED = Symbol.for('fieldproof.evidenceLoader');
const holder = globalThis as { [SHARED]?: ReturnType<typeof createEvidenceLoader> };
const sharedLoader = (holder[SHARED] ??= createEvidenceLoader());

/** Published pilots (drafts removed), newest start first. Throws with every problem when any pilot is invalid. */
export function loadEvidence(root: string = process.cwd()): Promise<PilotEvidence[]> {
  return sharedLoader(root);
}

async function analyzeForSite(root: string, effects: EvidenceEffects): Promise<PilotEvidence[]> {
  const started = effects.now();
  const useCache = effects.env.FIELDPROOF_CACHE !== 'off';
  const cache = useCache ? openEvidenceCache(cacheDirectory(root, effects.env), await analysisVersion(findSiteRoot())) : null;
  const progress = createProgress(effects);
  let position = { index: 0, count: 0 };
  const project = await analyzeProjectCached(root, {
    cache,
    progress: (event) => progress.update({ ...event, position }),
    analyzing: (slug, index, total) => {
      position = { index: index + 1, count: total };
      effects.analyzing?.(slug);
    },
  }).finally(() => progress.done());
  const errors = project.problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) throw new FieldproofError(project.problems);
  for (const problem of project.problems) effects.stderr(`fieldproof: ${formatProblem(problem)}\n`);
  const seconds = ((effects.now() - started) / 1000).toFixed(1);
  const reused = project.reused.length > 0 ? `, ${project.reused.length} unchanged since the last build` : '';
  effects.stderr(`fieldproof: ${count(project.pilots.length, 'pilot')} ready in ${seconds} s (${project.analysed.length} analysed${reused})\n`);
  return project.pilots;
}
