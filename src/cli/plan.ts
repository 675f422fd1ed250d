/**
 * `fieldproof plan`: how many units a pilot needs, or what an existing
 * pilot could detect (statistics.md section 7).
 */
import { formatDifference, formatLift } from '../core/format.ts';
import { normalQuantile, unitsPerArm } from '../core/stats/index.ts';
import type { CliValues, Effects } from './main.ts';
import { analyzeNamedPilot } from './main.ts';
import type { Paint } from './style.ts';
import { terminalText } from './terminal.ts';

const DEFAULT_LIFTS = [0.05, 0.1, 0.2];

export async function planCommand(
  root: string,
  positionals: string[],
  values: CliValues,
  effects: Effects,
  style: Paint,
  errorStyle: Paint,
  usage: (message: string) => Error,
): Promise<number> {
  const number = (name: 'mean' | 'sd' | 'lift' | 'confidence' | 'power' | 'units', fallback?: number): number | undefined => {
    const raw = values[name];
    if (raw === undefined) return fallback;
    const parsed = Number(raw);
    if (!Number.isFinite(parsed)) throw usage(`--${name} expects a number, got "${raw}"`);
    return parsed;
  };
  const confidence = number('confidence', 0.95) as number;
  const power = number('power', 0.8) as number;
  if (confidence < 0.5 || confidence > 0.999) throw usage('--confidence expects a level from 0.5 to 0.999, e.g. 0.95');
  if (power <= 0 || power >= 1) throw usage('--power expects a probability between 0 and 1, e.g. 0.8');
  const lift = number('lift');
  if (lift !== undefined && lift === 0) throw usage('--lift expects a relative change other than 0, e.g. 0.1 for 10%');
  const units = number('units');
  if (units !== undefined && (!Number.isInteger(units) || units < 2)) throw usage('--units expects a whole number of units per arm, 2 or more');
  const lifts = lift === undefined ? DEFAULT_LIFTS : [lift];
  const multiplier = normalQuantile(1 - (1 - confidence) / 2) + normalQuantile(power);
  const settings = `two-sided ${(confidence * 100).toFixed(1).replace(/\.0$/, '')}% confidence, ${(power * 100).toFixed(0)}% power`;

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
      lines.push(`  to detect a ${formatLift(target)} lift: ${needed.toLocaleString('en-US')} units per arm`);
    }
    if (units !== undefined) {
      const detectable = (multiplier * Math.sqrt((2 * sd * sd) / units)) / Math.abs(mean);
      lines.push(`  with ${units} units per arm: the smallest detectable lift is ${formatLift(detectable)}`);
    }
    effects.stdout(`${lines.join('\n')}\n`);
    return 0;
  }

  if (positionals.length > 1) throw usage('plan takes at most one pilot file');
  const analysed = await analyzeNamedPilot(root, positionals[0] as string, effects, errorStyle);
  if (analysed === null) return 1;
  const { pilot } = analysed;
  const lines = [style.bold(terminalText(pilot.results.title)), `Planning from this pilot's data (${settings}):`];
  for (const metric of pilot.results.metrics) {
    lines.push(`${terminalText(metric.label)}:`);
    const mdeRelative = metric.mde.relative === null ? '' : ` (${formatLift(metric.mde.relative)})`;
    lines.push(`  this pilot (${metric.pilot.units} vs ${metric.control.units} units) could detect ${formatDifference(metric.mde.absolute, metric, { signed: false })}${mdeRelative}`);
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
        confidence,
        power,
      });
      lines.push(`  to detect a ${formatLift(target)} lift: ${needed.toLocaleString('en-US')} units per arm`);
    }
  }
  effects.stdout(`${lines.join('\n')}\n`);
  return 0;
}
