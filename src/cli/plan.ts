/**
 * `fieldproof plan`: how many units a pilot needs, or what an existing
 * pilot could detect (statistics.md section 7).
 */
import { formatConfidence, formatCount, formatDifference, formatLift } from '../core/present/format.ts';
import { detectableIsKnown, NO_VARIATION } from '../core/present/headline.ts';
import { minimumDetectableEffect, unitsPerArm } from '../core/stats/index.ts';
import { UsageError, type Effects } from './effects.ts';
import { analyzeNamedPilot } from './named-pilot.ts';
import type { CliValues } from './options.ts';
import type { Paint } from './style.ts';
import { terminalText } from './terminal.ts';

const DEFAULT_LIFTS = [0.05, 0.1, 0.2];

/** The analysis needs 2 units per arm at least, whatever the formula says. */
function perArm(needed: number): string {
  return needed < 2 ? '2 units per arm (the fewest an analysis accepts)' : `${formatCount(needed)} units per arm`;
}

/**
 * --lift as a fraction (0.1) or a percent (10%). A bare number of 1 or more
 * is most likely a percent typed without its sign: "--lift 10" would plan
 * for a 1,000% lift, so it is refused with the two readings.
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
  // Below 0.5 the planning formula's z(power) turns negative: a plan that misses more often than not.
  if (power < 0.5 || power > 0.999) throw usage('--power expects a probability from 0.5 to 0.999, e.g. 0.8');
  const lift = liftValue(values.lift, usage);
  const units = number('units');
  if (units !== undefined && (!Number.isInteger(units) || units < 2)) throw usage('--units expects a whole number of units per arm, 2 or more');
  const lifts = lift === undefined ? DEFAULT_LIFTS : [lift];
  const settingsAt = (level: number) => `two-sided ${formatConfidence(level)} confidence, ${(power * 100).toFixed(0)}% power`;
  const settings = settingsAt(confidence);
  // statistics.md section 7 at this command's power: the smallest effect arms this spread and this
  // big could detect (an arm's variance is its per-unit spread squared over its units).
  const detectable = (level: number, control: number, spread: { pilot: number; control: number }, pilotUnits: number, controlUnits: number) =>
    minimumDetectableEffect(
      { estimate: control, variance: spread.pilot ** 2 / pilotUnits, units: pilotUnits },
      { estimate: control, variance: spread.control ** 2 / controlUnits, units: controlUnits },
      level,
      power,
    );

  if (positionals.length === 0) {
    const mean = number('mean');
    const sd = number('sd');
    if (mean === undefined || sd === undefined) {
      throw usage('plan needs --mean and --sd (the control level and its spread between units), or a pilot file');
    }
    if (mean === 0) throw usage('--mean must not be 0: a relative lift of nothing is undefined');
    if (sd <= 0) throw usage('--sd expects a spread above 0');
    const lines = [`Units per arm needed (${settings}), control mean ${mean}, spread ${sd} per unit:`];
    for (const target of lifts) {
      const needed = unitsPerArm({ controlMean: mean, pilotSd: sd, controlSd: sd, lift: target, confidence, power });
      lines.push(`  to detect a ${formatLift(target)} lift: ${perArm(needed)}`);
    }
    if (units !== undefined) {
      const { relative } = detectable(confidence, mean, { pilot: sd, control: sd }, units, units);
      lines.push(`  with ${formatCount(units)} units per arm: the smallest detectable lift is ${formatLift(relative as number)}`);
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
    lines.push(`${terminalText(metric.label)}:`);
    if (!detectableIsKnown(metric)) {
      lines.push(`  the smallest change this pilot could detect, and the units a pilot needs, ${NO_VARIATION}`);
      continue;
    }
    // The analysis's own MDE, at this command's level and power.
    const inWords = (pilotUnits: number, controlUnits: number) => {
      const { absolute, relative } = detectable(level, metric.control.value, metric.spread, pilotUnits, controlUnits);
      return `${formatDifference(absolute, metric, { signed: false })}${relative === null ? '' : ` (${formatLift(relative)})`}`;
    };
    lines.push(`  this pilot (${metric.pilot.units} vs ${metric.control.units} units) could detect ${inWords(metric.pilot.units, metric.control.units)}`);
    if (units !== undefined) lines.push(`  with ${formatCount(units)} units per arm: the smallest detectable change is ${inWords(units, units)}`);
    if (metric.control.value === 0) {
      lines.push('  the control level is 0, so no relative lift can be planned');
      continue;
    }
    for (const target of lifts) {
      const needed = unitsPerArm({
        controlMean: metric.control.value,
        pilotSd: metric.spread.pilot,
        controlSd: metric.spread.control,
        lift: target,
        confidence: level,
        power,
      });
      lines.push(`  to detect a ${formatLift(target)} lift: ${perArm(needed)}`);
    }
  }
  effects.stdout(`${lines.join('\n')}\n`);
  return 0;
}
