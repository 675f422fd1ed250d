/**
 * A planned pilot (`status: planned`): committed before it starts, published
 * as its plan, so the field can see what will be compared, how the units were
 * split, and what the pilot could detect, before any result exists. When its
 * data arrives the same address becomes the report.
 *
 * What it could detect (statistics.md section 7) is sized from the spread of
 * the assignment file's covariate (the primary metric before the pilot, per
 * unit), as the plain comparison of the arms would see it: the baseline
 * adjustment will usually detect smaller changes.
 */
import { summarizeDesign, type Design } from './design/assign.ts';
import type { Assignment } from './design/assignment-file.ts';
import type { PilotFile } from './pilot-file.ts';
import { primaryMetric } from './pilot.ts';
import type { Margin } from './pilot-terms.ts';
import { detectableEffect, satterthwaite, unitsForAttainableP } from './stats/index.ts';

export interface PlanDocument {
  slug: string;
  title: string;
  status: 'planned';
  started: string;
  ended: string | null;
  confidence: number;
  /** `margin`: a guardrail's (role `guardrail`) tolerated harm, as the pilot file gives it; null for any other metric. */
  metrics: { id: string; label: string; primary: boolean; role: 'primary' | 'secondary' | 'guardrail'; better: 'higher' | 'lower'; margin: Margin | null }[];
  /** From the assignment file; null before one is committed. */
  design: {
    design: Design;
    /** Repository-relative, e.g. "data/assignments/x.csv". */
    file: string;
    seed: string;
    units: { pilot: number; control: number };
    /** Units per arm in each block: counts only, never names. */
    blocks: { label: string; pilot: number; control: number; pairs: number }[];
    /** The smallest p section 10 can reach with this design, and whether it is above alpha (no result possible). */
    minimumP: number;
    tooFew: boolean;
    /** Too few: units per arm at which an effect could be shown (complete randomization). */
    unitsNeeded: number | null;
    /** Balance of the covariate between the arms the split gave. */
    balance: { covariate: string; pilot: number; control: number; standardizedDifference: number | null } | null;
  } | null;
  /** Section 7 from the covariate's spread; null without a covariate, or when no effect could be shown. */
  detectable: { covariate: string; absolute: number; relative: number | null; se: number; df: number } | null;
}

export interface PlannedPilot {
  slug: string;
  pilot: PilotFile['pilot'];
  story: string;
  file: string;
  plan: PlanDocument;
}

export function planOf({ slug, pilot, story, file }: PilotFile, assignment: Assignment | null): PlannedPilot {
  const primary = primaryMetric(pilot);
  const metrics = pilot.metrics.map((metric) => ({
    id: metric.id,
    label: metric.label,
    primary: metric === primary,
    role: metric === primary ? ('primary' as const) : metric.role === 'guardrail' ? ('guardrail' as const) : ('secondary' as const),
    better: metric.better,
    margin: metric.role === 'guardrail' ? (metric.margin ?? null) : null,
  }));
  const alpha = 1 - pilot.confidence;
  let design: PlanDocument['design'] = null;
  let detectable: PlanDocument['detectable'] = null;
  if (assignment !== null) {
    const units = [...assignment.units.values()].map((record) => ({ arm: record.group, block: record.block, pair: record.pair, covariate: record.covariate }));
    const summary = summarizeDesign(units);
    const tooFew = summary.smallestP.p > alpha;
    design = {
      design: summary.design,
      file: assignment.file,
      seed: assignment.seed,
      units: { pilot: summary.pilot, control: summary.control },
      blocks: summary.blocks,
      minimumP: summary.smallestP.p,
      tooFew,
      unitsNeeded: tooFew ? unitsForAttainableP(alpha, Math.max(summary.pilot, summary.control)) : null,
      balance: assignment.covariate !== null && summary.covariate !== null ? { covariate: assignment.covariate, ...summary.covariate } : null,
    };
    if (!tooFew && assignment.covariate !== null) detectable = covariateDetectable(assignment, pilot.confidence);
  }
  return {
    slug,
    pilot,
    story,
    file,
    plan: { slug, title: pilot.title, status: 'planned', started: pilot.started, ended: pilot.ended ?? null, confidence: pilot.confidence, metrics, design, detectable },
  };
}

/** Section 7 for the plain comparison of the arms, each arm's spread that of its units' covariate. */
function covariateDetectable(assignment: Assignment, confidence: number): PlanDocument['detectable'] {
  const values = (arm: 'pilot' | 'control') =>
    [...assignment.units.values()].filter((record) => record.group === arm && record.covariate !== null).map((record) => record.covariate as number);
  const [pilot, control] = [values('pilot'), values('control')];
  if (pilot.length < 2 || control.length < 2 || assignment.covariate === null) return null;
  const mean = (list: readonly number[]) => list.reduce((total, value) => total + value, 0) / list.length;
  const share = (list: readonly number[]) => list.reduce((total, value) => total + (value - mean(list)) ** 2, 0) / (list.length - 1) / list.length;
  const [pilotShare, controlShare] = [share(pilot), share(control)];
  const se = Math.sqrt(pilotShare + controlShare);
  if (!(se > 0)) return null;
  const df = satterthwaite(pilotShare, pilot.length - 1, controlShare, control.length - 1);
  const absolute = detectableEffect({ se, df, confidence });
  const level = mean(control);
  return { covariate: assignment.covariate, absolute, relative: level > 0 ? absolute / level : null, se, df };
}
