/**
 * How a funnel metric's stages are shown (pilot-format.md, "Funnel metrics"):
 * one row per stage with each arm's count and rates, and the sentence naming
 * the stage where the pilot gained most.
 *
 * The policy of that sentence: stages are compared by their stage-to-stage
 * rate (each stage's rate from the one before, the first from the leads
 * handed off), on the headline's own scale (points, for these rates). A stage
 * is named as a gain only when its headline interval excludes no difference
 * on the better side (verdict `win`), the largest such change; with no such
 * stage the sentence says so and claims no direction, naming a stage only
 * where the pilot clearly lost ground.
 */
import type { MetricResult, Verdict } from '../results.ts';
import { count, formatConfidence, formatCount, formatValue } from './format.ts';
import { hasInterval, headlineOf, headlineText, scaleFormat } from './headline.ts';

const RATE = { format: 'percent', currency: 'USD', type: 'proportion' } as const;

/** One arm at one stage, in words: "595", "73.9%" of the stage before, "73.9%" of the leads handed off. */
export interface FunnelArmCells {
  count: string;
  ofPrevious: string;
  ofLeads: string;
}

export interface FunnelRow {
  /** "Leads handed off", then each stage's label. */
  label: string;
  /** What the stage's rate is taken over: "of leads handed off", "of those followed up"; null for the first row. */
  over: string | null;
  pilot: FunnelArmCells;
  control: FunnelArmCells;
  /** The stage-to-stage change and its interval, in the headline's words ("+11.3 pp", "+4.9 pp to +17.6 pp"); null for the leads row. */
  change: string | null;
  interval: string | null;
  /** The stage-to-stage rate's verdict; null for the leads row, or when it could not be computed. */
  verdict: Verdict | null;
  /** Why this stage's rates could not be compared, in words; null when they were. */
  refused: string | null;
}

/** A share in the report's one style, or a dash where there is nothing to divide by. */
function share(value: number | null): string {
  return value === null ? '\u2013' : formatValue(value, RATE);
}

/** The leads handed off, then every stage: what the funnel chart draws and its table lists. */
export function funnelRows(metric: MetricResult): FunnelRow[] {
  const stages = metric.stages ?? [];
  const leads = (rows: number): FunnelArmCells => ({ count: formatCount(rows), ofPrevious: rows === 0 ? '\u2013' : share(1), ofLeads: rows === 0 ? '\u2013' : share(1) });
  const rows: FunnelRow[] = [
    { label: 'Leads handed off', over: null, pilot: leads(metric.pilot.rows), control: leads(metric.control.rows), change: null, interval: null, verdict: null, refused: null },
  ];
  stages.forEach((stage, s) => {
    const rate = stage.stageToStage;
    const text = rate === null ? null : headlineText(rate);
    const cells = (arm: 'pilot' | 'control'): FunnelArmCells => ({
      count: formatCount(stage.perArm[arm].count),
      ofPrevious: share(stage.perArm[arm].stageRate),
      ofLeads: share(stage.perArm[arm].overallRate),
    });
    rows.push({
      label: stage.label,
      over: s === 0 ? 'of leads handed off' : `of those ${(stages[s - 1] as { label: string }).label}`,
      pilot: cells('pilot'),
      control: cells('control'),
      change: text?.change ?? null,
      interval: text?.interval ?? null,
      verdict: rate?.verdict ?? null,
      refused: stage.refused,
    });
  });
  return rows;
}

interface StageChange {
  label: string;
  over: string;
  rate: MetricResult;
  /** The change on the headline's scale, signed so that more is better. */
  gain: number;
}

function stageChanges(metric: MetricResult): StageChange[] {
  const stages = metric.stages ?? [];
  return stages.flatMap((stage, s) => {
    const rate = stage.stageToStage;
    if (rate === null || !hasInterval(rate)) return [];
    const estimate = scaleFormat(rate).pick(headlineOf(rate)).estimate;
    const over = s === 0 ? 'leads handed off' : `those ${(stages[s - 1] as { label: string }).label}`;
    return [{ label: stage.label, over, rate, gain: metric.better === 'lower' ? -estimate : estimate }];
  });
}

/** "followed up (73.9% of leads handed off in the pilot group, 62.6% in the control group; +11.3 pp, 95% interval +4.9 pp to +17.6 pp)" */
function stageWords(change: StageChange, confidence: number): string {
  const { rate } = change;
  const text = headlineText(rate);
  return (
    `\u201c${change.label}\u201d (${formatValue(rate.pilot.value, RATE)} of ${change.over} in the pilot group, ${formatValue(rate.control.value, RATE)} in the control group; ` +
    `${text.change}, ${formatConfidence(confidence)} interval ${text.interval})`
  );
}

/**
 * The sentence naming the stage where the pilot gained most, with its
 * interval; or, when no stage's interval shows a gain, that the funnel
 * cannot say where the pilot gained. Null for a metric that is not a funnel.
 */
export function funnelGainSentence(metric: MetricResult, confidence: number): string | null {
  if (metric.stages === undefined) return null;
  const changes = stageChanges(metric);
  const gains = changes.filter((change) => change.rate.verdict === 'win').sort((a, b) => b.gain - a.gain);
  const losses = changes.filter((change) => change.rate.verdict === 'loss').sort((a, b) => a.gain - b.gain);
  const best = gains[0];
  const worst = losses[0];
  const lost = worst === undefined ? '' : ` The pilot lost ground at ${stageWords(worst, confidence)}.`;
  if (best !== undefined) {
    const others = gains.length === 1 ? '' : ` ${count(gains.length - 1, 'other stage')} also gained, by less.`;
    return `The pilot gained most at ${stageWords(best, confidence)}.${others}${lost}`;
  }
  if (changes.length === 0) return 'No stage could be compared, so the funnel cannot say where the pilot gained.';
  if (worst !== undefined) return `No stage shows a clear gain.${lost}`;
  return (
    `No stage shows a clear gain or loss: at every stage, the ${formatConfidence(confidence)} interval of the change in the rate from the stage before includes no difference, ` +
    'so the funnel cannot say where, or whether, the pilot gained.'
  );
}
