/**
 * Where pages get their data: the published pilots from loadEvidence (one
 * analysis per build, shared by every page), looked up by slug, plus the
 * hypothesis dates from git. The project folder is the working directory
 * unless FIELDPROOF_ROOT points elsewhere (the build tests' fixture projects).
 */
import path from 'node:path';
import type { PilotEvidence } from '../core/evidence.ts';
import { loadEvidence, loadPlans, loadQualifications } from './evidence.ts';
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

