/**
 * The site's unit tests read real analyses: the fixture project in
 * test/fixtures/site/analysed/ (its README says which situation each pilot
 * covers) run through analyzeProject, the one entry the site and the
 * command line use. Analysed once per test file (vitest gives each file its
 * own module graph), and frozen, so a test that wants a variant must clone.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MetricEvidence, PilotEvidence } from '../../src/core/evidence.ts';
import { formatProblem } from '../../src/core/problems.ts';
import { analyzeProject } from '../../src/core/project.ts';
import type { MetricResult } from '../../src/core/results.ts';

export const ANALYSED_ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'site', 'analysed');

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

const analysis = await analyzeProject(ANALYSED_ROOT);
const errors = analysis.problems.filter((problem) => problem.severity === 'error');
if (errors.length > 0) throw new Error(`The analysed fixtures do not analyse:\n${errors.map(formatProblem).join('\n')}`);

/** Every fixture pilot, in the overview's order (newest start first), as analyzeProject returns them. */
export const pilots: readonly PilotEvidence[] = deepFreeze(analysis.pilots);

/** The warnings the analysis gave for the command line (published ones are also in each results document). */
export const problems = deepFreeze(analysis.problems);

export function bySlug(slug: string): PilotEvidence {
  const found = pilots.find((pilot) => pilot.slug === slug);
  if (!found) throw new Error(`no analysed fixture pilot "${slug}"; there are ${pilots.map((pilot) => pilot.slug).join(', ')}`);
  return found;
}

/** One metric of one fixture pilot: its result and the evidence behind its charts. */
export function metricOf(slug: string, id: string): { pilot: PilotEvidence; metric: MetricResult; evidence: MetricEvidence } {
  const pilot = bySlug(slug);
  const metric = pilot.results.metrics.find((candidate) => candidate.id === id);
  const evidence = pilot.metrics.find((candidate) => candidate.id === id);
  if (!metric || !evidence) throw new Error(`fixture pilot "${slug}" has no metric "${id}"`);
  return { pilot, metric, evidence };
}

/** Every metric of every fixture pilot, with its pilot and evidence. */
export const everyMetric = pilots.flatMap((pilot) => pilot.results.metrics.map((metric) => metricOf(pilot.slug, metric.id)));
