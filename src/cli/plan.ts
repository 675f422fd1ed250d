/**
 * `fieldproof plan`: how many units a pilot needs, or what an existing
 * pilot could detect (statistics.md section 7), by the exact power of the
 * comparison the analysis will make: Welch's, or from a pilot whose data has
 * a pre-period, the baseline-adjusted one (its residual spread, df = 2n - 3),
 * which needs far fewer units when the baseline predicts the outcome. No
 * plan goes below the units at which randomization can show an effect at all
 * (section 10: 2 / C(2n, n) <= alpha).
 */
import { formatConfidence, formatCount, formatDifference, formatLift } from '../core/present/format.ts';
import { detectableIsKnown, NO_VARIATION } from '../core/present/headline.ts';
import type { MetricResult } from '../core/results.ts';
import { detectableEffect, satterthwaite, smallestAttainableP, unitsForAdjustedEffect, unitsForAttainableP, unitsForEffect } from '../core/stats/index.ts';
import { UsageError, type Effects } from './effects.ts';
import { analyzeNamedPilot } from './named-pilot.ts';
import type { CliValues } from './options.ts';
import type { Paint } from './style.ts';
import { terminalText } from './terminal.ts';

const DEFAULT_LIFTS = [0.05, 0.1, 0.2];
/**
 * The lifts a plan is made for: at least 0.01% in size (a smaller change is
 * lost in any realistic spread, and 1e-300 is a typo, not a target), at most
 * 1,000%, and a fall short of 100% (a fall of 100% leaves nothing).
 */
export const LIFT_RANGE = { least: 0.0001, most: 10 } as const;

/** Units per arm, never fewer than randomization needs to show any effect at this level. */
function perArm(needed: number, confidence: number): string {
  const least = unitsForAttainableP(1 - confidence, 2);
  return needed < least
    ? `${formatCount(least)} units per arm (the fewest with which any effect can be shown at ${formatConfidence(confidence)})`
    : `${formatCount(needed)} units per arm`;
}

/** The per-unit spreads a plan reads: each arm's, and the adjusted analysis's residual one when the data has a baseline. */
interface Spreads {
  pilot: number;
  control: number;
  adjusted: number | null;
  /** One row per unit (a Newcombe headline): the difference is normal, df infinite. */
  independent?: boolean;
}

/** Section 7: the smallest effect n_p vs n_c units with these spreads detect, by the comparison the analysis would make. */
function detectableWith(spreads: Spreads, pilotUnits: number, controlUnits: number, confidence: number, power: number): number {
  if (spreads.adjusted !== null) {
    const se = spreads.adjusted * Math.sqrt(1 / pilotUnits + 1 / controlUnits);
    return detectableEffect({ se, df: pilotUnits + controlUnits - 3, confidence, power });
  }
  const [pilotShare, controlShare] = [spreads.pilot ** 2 / pilotUnits, spreads.control ** 2 / controlUnits];
  const df = spreads.independent ? Infinity : satterthwaite(pilotShare, pilotUnits - 1, controlShare, controlUnits - 1);
  return detectableEffect({ se: Math.sqrt(pilotShare + controlShare), df, confidence, power });
}

/** Section 7: units per arm to detect `effect`, by the comparison the analysis would make. */
function unitsFor(spreads: Spreads, effect: number, confidence: number, power: number): number {
  return spreads.adjusted !== null
    ? unitsForAdjustedEffect({ effect, residualSd: spreads.adjusted, confidence, power })
    : unitsForEffect({ effect, pilotSd: spreads.pilot, controlSd: spreads.control, confidence, power });
}

/**
 * --lift as a fraction (0.1) or a percent (10%). A bare number of 1 or more
 * is most likely a percent typed without its sign: "--lift 10" would plan
 * for a 1,000% lift, so it is refused with the two readings. Outside
 * LIFT_RANGE it is a usage error too.
 */
function liftValue(raw: string | undefined, usage: (message: string) => Error): number | undefined {
  if (raw === undefined) return undefined;
  const percent = /^\s*([+-]?\d+(?:\.\d+)?)\s*%\s*$/.exec(raw);
  const value = percent ? Number(percent[1]) / 100 : Number(raw);
  if (!Number.isFinite(value)) throw usage(`--lift expects a relative change, e.g. 0.1 or 10%, got "${raw}"`);
  if (value === 0) throw usage('--lift expects a relative change other than 0, e.g. 0.1 or 10%');
  if (!percent && Math.abs(value) >= 1) {
    throw usage(`--lift ${raw} would be a ${formatLift(value)} change; for ${raw}% write --lift ${raw}% or --lift ${value / 100}`);
  }
  if (Math.abs(value) < LIFT_RANGE.least || Math.abs(value) > LIFT_RANGE.most || value <= -1) {
    throw usage(`--lift expects a relative change from 0.01% to 1,000% in size, and a fall of less than 100%, e.g. 0.1 or 10%; got "${raw}"`);
  }
  return value;
}

export async function planCommand(
  root: string,
  positionals: string[],
  values: CliValues,
  effects: Effects,
  style: Paint,
  errorStyle: Paint,
): Promise<number> {
  const usage = (message: string) => new UsageError(message);
  const number = (name: 'mean' | 'sd' | 'confidence' | 'power' | 'units', fallback?: number): number | undefined => {
    const raw = values[name];
    if (raw === undefined) return fallback;
    const parsed = Number(raw);
    if (!Number.isFinite(parsed)) throw usage(`--${name} expects a number, got "${raw}"`);
    return parsed;
  };
  const confidence = number('confidence', 0.95) as number;
  const power = number('power', 0.8) as number;
  if (confidence < 0.5 || confidence > 0.999) throw usage('--confidence expects a level from 0.5 to 0.999, e.g. 0.95');
  // Below 0.5 a plan misses more often than not.
  if (power < 0.5 || power > 0.999) throw usage('--power expects a probability from 0.5 to 0.999, e.g. 0.8');
  const lift = liftValue(values.lift, usage);
  const units = number('units');
  if (units !== undefined && (!Number.isInteger(units) || units < 2)) throw usage('--units expects a whole number of units per arm, 2 or more');
  const lifts = lift === undefined ? DEFAULT_LIFTS : [lift];
  const settingsAt = (level: number) => `two-sided ${formatConfidence(level)} confidence, ${(power * 100).toFixed(0)}% power, exact`;
  // Arms no randomization could ever call clear at this level (statistics.md section 10).
  const tooFew = (pilotUnits: number, controlUnits: number, level: number) => smallestAttainableP(pilotUnits, controlUnits) > 1 - level;
  const planned = (action: () => string): string => {
    try {
      return action();
    } catch (cause) {
      // The planning functions refuse (a plain RangeError) what no pilot could do: say so as the answer.
      if (cause instanceof RangeError) return `not possible: ${cause.message.replace(/\.$/, '')}`;
      throw cause;
    }
  };

  if (positionals.length === 0) {
    const mean = number('mean');
    const sd = number('sd');
    if (mean === undefined || sd === undefined) {
      throw usage('plan needs --mean and --sd (the control level and its spread between units), or a pilot file');
    }
    if (mean === 0) throw usage('--mean must not be 0: a relative lift of nothing is undefined');
    if (sd <= 0) throw usage('--sd expects a spread above 0');
    const spreads: Spreads = { pilot: sd, control: sd, adjusted: null };
    const lines = [`Units per arm needed (${settingsAt(confidence)}), control mean ${mean}, spread ${sd} per unit:`];
    for (const target of lifts) {
      lines.push(`  to detect a ${formatLift(target)} lift: ${planned(() => perArm(unitsFor(spreads, target * mean, confidence, power), confidence))}`);
    }
    if (units !== undefined) {
      lines.push(
        tooFew(units, units, confidence)
          ? `  with ${formatCount(units)} units per arm: no effect can be shown at ${formatConfidence(confidence)}, however large`
          : `  with ${formatCount(units)} units per arm: the smallest detectable lift is ${formatLift(detectableWith(spreads, units, units, confidence, power) / Math.abs(mean))}`,
      );
    }
    effects.stdout(`${lines.join('\n')}\n`);
    return 0;
  }

  if (positionals.length > 1) throw usage('plan takes at most one pilot file');
  const analysed = await analyzeNamedPilot(root, positionals[0] as string, effects, errorStyle);
  if (analysed === null) return 1;
  const { pilot } = analysed;
  // From a pilot file, its own confidence level unless --confidence says otherwise.
  const level = values.confidence === undefined ? pilot.results.confidence : confidence;
  const lines = [style.bold(terminalText(pilot.results.title)), `Planning from this pilot's data (${settingsAt(level)}):`];
  for (const metric of pilot.results.metrics) {
    const adjusted = metric.spread.adjusted !== null ? ' (each unit against its own baseline, as the analysis compares them)' : '';
    lines.push(`${terminalText(metric.label)}${adjusted}:`);
    lines.push(...metricPlan(metric, { level, power, units, lifts, tooFew, planned }));
  }
  effects.stdout(`${lines.join('\n')}\n`);
  return 0;
}

interface PlanSettings {
  level: number;
  power: number;
  units: number | undefined;
  lifts: readonly number[];
  tooFew: (pilotUnits: number, controlUnits: number, level: number) => boolean;
  planned: (action: () => string) => string;
}

/** One metric of an existing pilot: what it could detect, what --units could, and the units each lift needs. */
function metricPlan(metric: MetricResult, { level, power, units, lifts, tooFew, planned }: PlanSettings): string[] {
  const lines: string[] = [];
  const spreads: Spreads = { ...metric.spread, independent: metric.method === 'newcombe' };
  if (!detectableIsKnown(metric) && metric.verdict !== 'too-few') {
    return [`  the smallest change this pilot could detect, and the units a pilot needs, ${NO_VARIATION}`];
  }
  const inWords = (effect: number) =>
    `${formatDifference(effect, metric, { signed: false })}${metric.control.value === 0 ? '' : ` (${formatLift(effect / Math.abs(metric.control.value))})`}`;
  const { units: pilotUnits } = metric.pilot;
  const { units: controlUnits } = metric.control;
  // This pilot's own comparison (the one its report's detectable effect reads), at this command's level and power.
  const { mde } = metric;
  lines.push(
    mde === null
      ? `  this pilot (${pilotUnits} vs ${controlUnits} units) is too small for any effect to be shown`
      : `  this pilot (${pilotUnits} vs ${controlUnits} units) could detect ${planned(() => inWords(detectableEffect({ se: mde.se, df: mde.df ?? Infinity, confidence: level, power })))}`,
  );
  if (units !== undefined) {
    lines.push(
      tooFew(units, units, level)
        ? `  with ${formatCount(units)} units per arm: no effect can be shown, however large`
        : `  with ${formatCount(units)} units per arm: the smallest detectable change is ${planned(() => inWords(detectableWith(spreads, units, units, level, power)))}`,
    );
  }
  if (metric.control.value === 0) {
    lines.push('  the control level is 0, so no relative lift can be planned');
    return lines;
  }
  for (const target of lifts) {
    lines.push(`  to detect a ${formatLift(target)} lift: ${planned(() => perArm(unitsFor(spreads, target * metric.control.value, level, power), level))}`);
  }
  return lines;
}
