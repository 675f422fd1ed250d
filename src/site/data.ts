/**
 * Where pages get their data: the published pilots from loadEvidence (one
 * analysis per build, shared by every page), looked up by slug, plus the
 * hypothesis dates from git. The project folder is the working directory
 * unless FIELDPROOF_ROOT points elsewhere (the build tests' fixture projects).
 */
import path from 'node:path';
import type { PilotEvidence } from '../core/evidence.ts';
import { loadEvidence } from './evidence.ts';
import { cachedHypothesisHistory, gitIn, type HypothesisHistory } from './history.ts';
import { renderCacheFor } from './render-cache.ts';

export function projectRoot(): string {
  return path.resolve(process.env.FIELDPROOF_ROOT || process.cwd());
}

export function publishedPilots(): Promise<PilotEvidence[]> {
  return loadEvidence(projectRoot());
}

const histories = new Map<string, Promise<HypothesisHistory>>();

/** Set FIELDPROOF_GIT_HISTORY=off to skip git (the date is then "unavailable"). */
export function hypothesisHistoryOf(pilot: PilotEvidence): Promise<HypothesisHistory> {
  if (process.env.FIELDPROOF_GIT_HISTORY === 'off') return Promise.resolve({ status: 'unavailable', reason: 'switched off' });
  const key = `${projectRoot()}\n${pilot.file}\n${pilot.pilot.hypothesis}`;
  let history = histories.get(key);
  if (history === undefined) {
    history = cachedHypothesisHistory(pilot.file, pilot.pilot.hypothesis, gitIn(projectRoot()), renderCacheFor(projectRoot()));
    histories.set(key, history);
  }
  return history;
}

