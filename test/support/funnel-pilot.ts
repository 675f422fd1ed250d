/**
 * The funnel reference project (test/fixtures/projects/funnel, pinned to R in
 * test/core/funnel-analysis.test.ts), analysed once per test file, for the
 * tests of how a funnel is shown.
 */
import { fileURLToPath } from 'node:url';
import type { PilotEvidence } from '../../src/core/evidence.ts';
import { analyzeProject } from '../../src/core/project.ts';
import type { MetricResult } from '../../src/core/results.ts';

const analysis = await analyzeProject(fileURLToPath(new URL('../fixtures/projects/funnel', import.meta.url)));

export const funnelPilot: PilotEvidence = analysis.pilots[0] as PilotEvidence;

/** A copy of the funnel's result, to change for a variant. */
export function funnelResult(): MetricResult {
  return structuredClone(funnelPilot.results.metrics[0] as MetricResult);
}
