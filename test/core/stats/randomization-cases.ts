/**
 * Builds randomizationInference options from arms the way a caller would:
 * the large-sample estimate and standard error from the existing methods
 * (welchDifference on meanArm or ratioArm arms, ancova), the lift and its
 * scale only when both arms' values are positive.
 */
import { ancova, type AncovaUnit } from '../../../src/core/stats/ancova.ts';
import { ancovaStatistic } from '../../../src/core/stats/ancova-statistic.ts';
import { meanArm, ratioArm } from '../../../src/core/stats/arm.ts';
import { deltaStatistic } from '../../../src/core/stats/delta-statistic.ts';
import type { RandomizationOptions } from '../../../src/core/stats/randomization.ts';
import { welchDifference } from '../../../src/core/stats/welch.ts';
import { welchStatistic } from '../../../src/core/stats/welch-statistic.ts';

export interface Extra {
  confidence?: number;
  seed?: string;
  blocks?: number[];
  enumerationLimit?: number;
  draws?: number;
  /** Leave out the relative interval. */
  absoluteOnly?: boolean;
}

function lift(pilot: number, control: number, absoluteOnly = false): { relativeEstimate: number | null; relativeScale: number | null } {
  return pilot > 0 && control > 0 && !absoluteOnly
    ? { relativeEstimate: pilot / control - 1, relativeScale: control }
    : { relativeEstimate: null, relativeScale: null };
}

function common(extra: Extra): Pick<RandomizationOptions, 'confidence' | 'seed' | 'blocks' | 'enumerationLimit' | 'draws'> {
  return {
    confidence: extra.confidence ?? 0.95,
    seed: extra.seed ?? 'test/metric',
    blocks: extra.blocks ? Int32Array.from(extra.blocks) : null,
    ...(extra.enumerationLimit === undefined ? {} : { enumerationLimit: extra.enumerationLimit }),
    ...(extra.draws === undefined ? {} : { draws: extra.draws }),
  };
}

/** Pilot units first, then control units; or the units in the order given with `assignment`. */
function assignmentOf(pilotUnits: number, controlUnits: number): Uint8Array {
  return Uint8Array.from({ length: pilotUnits + controlUnits }, (_, i) => (i < pilotUnits ? 1 : 0));
}

export function meansCase(pilot: readonly number[], control: readonly number[], extra: Extra = {}): RandomizationOptions {
  const pilotArm = meanArm(pilot);
  const controlArm = meanArm(control);
  const difference = welchDifference(pilotArm, controlArm, extra.confidence ?? 0.95);
  const observed = assignmentOf(pilot.length, control.length);
  return {
    statistic: welchStatistic(observed.length),
    outcomes: Float64Array.from([...pilot, ...control]),
    absoluteDirection: Float64Array.from(observed),
    observed,
    estimate: difference.estimate,
    se: difference.se,
    ...lift(pilotArm.estimate, controlArm.estimate, extra.absoluteOnly),
    ...common(extra),
  };
}

/** Means with the units in a given order and assignment (for blocked designs). */
export function assignedMeansCase(outcomes: readonly number[], assignment: readonly number[], extra: Extra = {}): RandomizationOptions {
  const pilot = outcomes.filter((_, i) => assignment[i] === 1);
  const control = outcomes.filter((_, i) => assignment[i] === 0);
  const base = meansCase(pilot, control, extra);
  const observed = Uint8Array.from(assignment);
  return { ...base, outcomes: Float64Array.from(outcomes), observed, absoluteDirection: Float64Array.from(observed) };
}

export interface RatioUnit {
  numerator: number;
  denominator: number;
}

export function ratioCase(pilot: readonly RatioUnit[], control: readonly RatioUnit[], extra: Extra = {}): RandomizationOptions {
  const pilotArm = ratioArm(pilot);
  const controlArm = ratioArm(control);
  const difference = welchDifference(pilotArm, controlArm, extra.confidence ?? 0.95);
  const observed = assignmentOf(pilot.length, control.length);
  const units = [...pilot, ...control];
  const denominators = Float64Array.from(units, (unit) => unit.denominator);
  return {
    statistic: deltaStatistic(denominators),
    outcomes: Float64Array.from(units, (unit) => unit.numerator),
    // An absolute effect tau adds tau N_i to a pilot unit's numerator.
    absoluteDirection: denominators.map((n, i) => n * (observed[i] as number)),
    observed,
    estimate: difference.estimate,
    se: difference.se,
    ...lift(pilotArm.estimate, controlArm.estimate, extra.absoluteOnly),
    ...common(extra),
  };
}

export function ancovaCase(units: readonly AncovaUnit[], extra: Extra = {}): RandomizationOptions {
  const fit = ancova(units, extra.confidence ?? 0.95);
  const denominator = fit.intercept + fit.slope * fit.meanBaseline;
  const observed = Uint8Array.from(units, (unit) => (unit.pilot ? 1 : 0));
  return {
    statistic: ancovaStatistic(Float64Array.from(units, (unit) => unit.baseline)),
    outcomes: Float64Array.from(units, (unit) => unit.outcome),
    absoluteDirection: Float64Array.from(observed),
    observed,
    estimate: fit.estimate,
    se: fit.se,
    ...(denominator > 0 && !extra.absoluteOnly
      ? { relativeEstimate: fit.estimate / denominator, relativeScale: denominator }
      : { relativeEstimate: null, relativeScale: null }),
    ...common(extra),
  };
}

/** ANCOVA units from parallel arrays, the first `pilotUnits` in the pilot arm. */
export function ancovaUnits(outcomes: readonly number[], baselines: readonly number[], pilotUnits: number): AncovaUnit[] {
  return outcomes.map((outcome, i) => ({ outcome, baseline: baselines[i] as number, pilot: i < pilotUnits }));
}
