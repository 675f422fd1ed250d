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
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { createProgress, type ProgressEffects } from '../core/progress.ts';
import { analysisVersion, cacheDirectory, openEvidenceCache } from '../core/cache.ts';
import { namesInside } from '../core/confine.ts';
import type { PilotEvidence } from '../core/evidence.ts';
import type { PlannedPilot } from '../core/plan.ts';
import type { QualificationEvidence } from '../core/qualification-analysis.ts';
import { count } from '../core/present/format.ts';
import { FieldproofError, formatProblem } from '../core/problems.ts';
import { analyzeProject } from '../core/project.ts';
import { designHistory, gitIn } from '../core/history.ts';
import { findSiteRoot, renderCacheFor } from './render-cache.ts';

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

/**
 * A memoized loader: one analysis per project folder for the life of the
 * process (a build). Under the dev server (`live`), each call first compares
 * the sizes and times of the files in pilots/ and data/ with those the
 * analysis saw, and analyses again when any changed: an edited or added pilot
 * shows on the next page load (the cache keeps that quick).
 */
/** What the site publishes: the analysed pilots, newest start first, and the planned ones, soonest first. */
export interface SiteProject {
  pilots: PilotEvidence[];
  plans: PlannedPilot[];
  /** Qualification evidence files, by title. */
  qualifications: QualificationEvidence[];
  /** Each stored pilot's key in the store of analyses, by slug (analyzeProject's `keys`). */
  analysisKeys: Map<string, string>;
}

export function createEvidenceLoader(effects: EvidenceEffects = defaultEvidenceEffects(), options: { live?: () => boolean } = {}) {
  const memo = new Map<string, { evidence: Promise<SiteProject>; stamp: string }>();
  const live = options.live ?? isDevServer;
  return async (root: string = process.cwd()): Promise<SiteProject> => {
    const stamp = live() ? await projectStamp(root) : '';
    let known = memo.get(root);
    if (known === undefined || known.stamp !== stamp) {
      known = { evidence: analyzeForSite(root, effects), stamp };
      memo.set(root, known);
    }
    return known.evidence;
  };
}

// On globalThis, like the loader itself: Astro loads this module more than once.
const DEV_SERVER = Symbol.for('fieldproof.devServer');

/** Called by the site's integration in astro.config.mjs when `astro dev` starts. */
export function markDevServer(): void {
  (globalThis as { [DEV_SERVER]?: boolean })[DEV_SERVER] = true;
}

/** True under `astro dev`, where every page is rendered live. */
export function isDevServer(): boolean {
  return (globalThis as { [DEV_SERVER]?: boolean })[DEV_SERVER] === true;
}

/** Every file under pilots/ and data/ with its size and modification time: what a page depends on. */
async function projectStamp(root: string): Promise<string> {
  const parts: string[] = [];
  for (const folder of ['pilots', 'data']) {
    // Links to folders are not walked: one to / would be walked on every page load (src/core/confine.ts).
    const names = await namesInside(path.join(root, folder)).catch(() => [] as string[]);
    for (const name of names.sort()) {
      const info = await stat(path.join(root, folder, name)).catch(() => null);
      if (info?.isFile()) parts.push(`${folder}/${name}:${info.size}:${info.mtimeMs}`);
    }
  }
  return parts.join('\n');
}

// Astro may load this module more than once in a process (astro.config.mjs,
// then the pages' bundle); keeping the loader on globalThis makes them share one analysis.
const SHARED = Symbol.for('fieldproof.evidenceLoader');
const holder = globalThis as { [SHARED]?: ReturnType<typeof createEvidenceLoader> };
const sharedLoader = (holder[SHARED] ??= createEvidenceLoader());

/** Published pilots (drafts removed), newest start first. Throws with every problem when any pilot is invalid. */
export async function loadEvidence(root: string = process.cwd()): Promise<PilotEvidence[]> {
  return (await sharedLoader(root)).pilots;
}

/** Qualification evidence (`kind: qualification`), by title. */
export async function loadQualifications(root: string = process.cwd()): Promise<QualificationEvidence[]> {
  return (await sharedLoader(root)).qualifications;
}

/** Each stored pilot's key in the store of analyses, by slug: what its evidence was computed from. */
export async function loadAnalysisKeys(root: string = process.cwd()): Promise<Map<string, string>> {
  return (await sharedLoader(root)).analysisKeys;
}

/** Planned pilots, published as their plans, soonest start first. */
export async function loadPlans(root: string = process.cwd()): Promise<PlannedPilot[]> {
  return (await sharedLoader(root)).plans;
}

async function analyzeForSite(root: string, effects: EvidenceEffects): Promise<SiteProject> {
  const started = effects.now();
  const useCache = effects.env.FIELDPROOF_CACHE !== 'off';
  const cache = useCache ? openEvidenceCache(cacheDirectory(root, effects.env), await analysisVersion(findSiteRoot())) : null;
  const progress = createProgress(effects);
  let position = { index: 0, count: 0 };
  const project = await analyzeProject(root, {
    store: cache,
    history: designHistory(gitIn(root), useCache ? renderCacheFor(root, effects.env) : null, effects.env),
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
  const plans = project.plans.length > 0 ? ` and ${count(project.plans.length, 'planned pilot')}` : '';
  const qualifications = project.qualifications.length > 0 ? ` and ${count(project.qualifications.length, 'qualification evidence file')}` : '';
  effects.stderr(`fieldproof: ${count(project.pilots.length, 'pilot')}${plans}${qualifications} ready in ${seconds} s (${project.analysed.length} analysed${reused})\n`);
  return { pilots: project.pilots, plans: project.plans, qualifications: project.qualifications, analysisKeys: project.keys };
}
