/**
 * Where pages get their data: the published pilots from loadEvidence (one
 * analysis per build, shared by every page), looked up by slug, plus the
 * hypothesis dates from git. The project folder is the working directory
 * unless FIELDPROOF_ROOT points elsewhere (the build tests' fixture projects).
 */
import path from 'node:path';
import type { PilotEvidence } from '../core/evidence.ts';
import { isDevServer, loadAnalysisKeys, loadEvidence, loadPlans, loadQualifications } from './evidence.ts';
import { pilotPageStore, splitPilotPages, type PilotPages } from './kept-pages.ts';
import { publishesSharedPages, rendersPilot, shardOf } from './shards.ts';
import type { QualificationEvidence } from '../core/qualification-analysis.ts';
import type { PlannedPilot } from '../core/plan.ts';
import { designHistory, gitIn, primaryMetricDefinition, type HypothesisHistory } from '../core/history.ts';
import { renderCacheFor } from './render-cache.ts';

export function projectRoot(): string {
  return path.resolve(process.env.FIELDPROOF_ROOT || process.cwd());
}

export function publishedPilots(): Promise<PilotEvidence[]> {
  return loadEvidence(projectRoot());
}

// On globalThis, like the evidence loader: the pages' bundle splits, astro.config.mjs finishes.
const PILOT_PAGES = Symbol.for('fieldproof.pilotPages');
const pilotPagesByRoot = ((globalThis as { [PILOT_PAGES]?: Map<string, Promise<PilotPages>> })[PILOT_PAGES] ??= new Map());

/**
 * The published pilots this build renders (src/site/kept-pages.ts): all of
 * them under `astro dev` or with the cache off, otherwise those whose report,
 * card and results document were not kept by an earlier build; of a shard
 * (src/site/shards.ts), only its own. The three routes of a pilot's address
 * ask this, so they agree.
 */
export async function pilotPagesOfBuild(): Promise<PilotPages> {
  // Live under the dev server: the pilots change as their files do.
  if (isDevServer()) return { dir: null, render: await publishedPilots(), toKeep: [], kept: [] };
  const root = projectRoot();
  let pages = pilotPagesByRoot.get(root);
  if (pages === undefined) {
    const place = renderCacheFor(root).place;
    const shard = shardOf(process.env);
    pages = Promise.all([publishedPilots(), loadAnalysisKeys(root)]).then(([pilots, analysisKeys]) =>
      splitPilotPages(
        pilots.filter((pilot) => rendersPilot(shard, pilot.slug)),
        place === null ? null : pilotPageStore(place.dir, place.version, analysisKeys),
        hypothesisHistoryOf,
      ),
    );
    pilotPagesByRoot.set(root, pages);
  }
  return pages;
}

/** The planned pilots whose addresses this build renders: none in a shard other than the first. */
export async function plansOfBuild(): Promise<PlannedPilot[]> {
  return publishesSharedPages(shardOf(process.env)) ? publishedPlans() : [];
}

/** The qualification files whose addresses this build renders: none in a shard other than the first. */
export async function qualificationsOfBuild(): Promise<QualificationEvidence[]> {
  return publishesSharedPages(shardOf(process.env)) ? publishedQualifications() : [];
}

/** What pilotPagesOfBuild decided for this project in this process, if it was asked (for the build's end). */
export function decidedPilotPages(root: string): Promise<PilotPages> | undefined {
  return pilotPagesByRoot.get(root);
}

export function publishedPlans(): Promise<PlannedPilot[]> {
  return loadPlans(projectRoot());
}

export function publishedQualifications(): Promise<QualificationEvidence[]> {
  return loadQualifications(projectRoot());
}

/** When a planned pilot's hypothesis and primary metric were first committed: its registration date. */
export function registrationOf(planned: PlannedPilot): Promise<HypothesisHistory> {
  return designHistory(gitIn(projectRoot()), renderCacheFor(projectRoot())).registration(planned.file, planned.pilot.hypothesis, primaryMetricDefinition(planned.pilot.metrics));
}

const histories = new Map<string, Promise<HypothesisHistory>>();

/** Set FIELDPROOF_GIT_HISTORY=off to skip git (the date is then "unavailable"). */
export function hypothesisHistoryOf(pilot: PilotEvidence): Promise<HypothesisHistory> {
  if (process.env.FIELDPROOF_GIT_HISTORY === 'off') return Promise.resolve({ status: 'unavailable', reason: 'switched off' });
  const key = `${projectRoot()}\n${pilot.file}\n${pilot.pilot.hypothesis}`;
  let history = histories.get(key);
  if (history === undefined) {
    // The same runner as the evidence level's: its log and reads are shared, not asked again.
    history = designHistory(gitIn(projectRoot()), renderCacheFor(projectRoot())).hypothesis(pilot.file, pilot.pilot.hypothesis);
    histories.set(key, history);
  }
  return history;
}

