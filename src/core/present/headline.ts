/**
 * The presentation policy: how a metric's result is shown, decided once for
 * the results document's sentence, the report page, the preview card, the
 * overview's cards, forest plot and table, the metric's chart and the
 * command line, so no two of them can disagree.
 *
 * What is shown is the metric's headline (statistics.md section 6: the
 * randomization analysis, or Newcombe's interval for independent rows); its
 * verdict, interval and words all come from it, and any other analysis drawn
 * beside it is drawn only where it agrees with the headline about zero.
 *
 * One metric, one scale:
 * - a rate (a proportion, or a `percent`-format metric) is told in
 *   percentage points;
 * - any other metric as a relative lift in percent, when both arms' values
 *   are positive and its headline and every interval drawn beside it have
 *   both relative bounds;
 * - otherwise in the metric's own units, with the reason said in words. The
 *   change and its interval are then both in those units: a lift in percent
 *   beside a range in dollars reads as the range of that percent.
 *
 * The words follow section 6: an inconclusive result never states a
 * direction ("somewhere between 9.7% lower and 19% higher"), a too-few result
 * says how many units would make an answer possible, and no change below
 * -100% is ever written (relative bounds come from a log scale, so none is).
 */
import {
  formatConfidence,
  count,
  formatCount,
  formatDifference,
  formatLift,
  formatValue,
  isPercentScale,
  liftTick,
  tick,
  type ValueFormat,
} from './format.ts';
import type { AbsoluteResult, GuardrailVerdict, MetricResult, PilotStatus, RelativeResult, ResultsDocument, Verdict } from '../results.ts';
import { guardrailPhrase, LOWER_IS_BETTER, midSentence, verbAfter, verdictPhrase } from './words.ts';

/** What the policy reads of a metric: the results document's fields, without the words it writes. */
export type MetricFigures = Omit<MetricResult, 'sentence' | 'range'>;

/** An interval as a view draws it: bounds are null where it has no limit on that side. */
export interface HeadlineNumbers {
  absolute: { estimate: number; low: number | null; high: number | null };
  relative: RelativeResult;
  adjusted: boolean;
}

/** The headline numbers (statistics.md section 6). */
export function headlineOf(metric: MetricFigures): HeadlineNumbers {
  return { absolute: metric.headline.absolute, relative: metric.headline.relative, adjusted: metric.headline.basis === 'adjusted' };
}

/** The large-sample unadjusted numbers, drawn beside an adjusted headline. */
export function unadjustedOf(metric: MetricFigures): HeadlineNumbers {
  return { absolute: metric.absolute, relative: metric.relative, adjusted: false };
}

/** Whether an interval agrees with the headline's verdict about zero (both exclude it on the same side, or both include it). */
export function agreesAboutZero(low: number | null, high: number | null, headline: HeadlineNumbers['absolute']): boolean {
  const side = (lo: number | null, hi: number | null) => (lo !== null && lo > 0 ? 1 : hi !== null && hi < 0 ? -1 : 0);
  return side(low, high) === side(headline.low, headline.high);
}

/**
 * Every interval a metric's own chart draws: the headline first, then, under
 * an adjusted headline, the unadjusted comparison for context when it agrees
 * with the headline about zero (section 6: never a range that disagrees).
 */
export function drawnNumbers(metric: MetricFigures): HeadlineNumbers[] {
  const headline = headlineOf(metric);
  if (!headline.adjusted || metric.verdict === 'too-few') return [headline];
  const context = unadjustedOf(metric);
  return agreesAboutZero(context.absolute.low, context.absolute.high, headline.absolute) ? [headline, context] : [headline];
}

/** A relative interval with both bounds: the only kind a percent axis can draw. */
export interface BoundedRelative {
  estimate: number;
  low: number;
  high: number;
}

export function boundedRelative(numbers: Pick<HeadlineNumbers, 'relative'>): BoundedRelative | null {
  const { estimate, low, high } = numbers.relative;
  return estimate === null || low === null || high === null ? null : { estimate, low, high };
}

/**
 * The headline on the overview's shared percent axis, or null when there is
 * nothing honest to draw: no bounded relative interval, no interval at all
 * (too few units), or no verdict (a line clear of zero would say otherwise).
 */
export function onCommonAxis(metric: MetricFigures): BoundedRelative | null {
  return hasInterval(metric) ? boundedRelative(headlineOf(metric)) : null;
}

/** Why a metric has no line on the shared axis, in a few words (null when it has one). */
export function notDrawnWhy(metric: MetricFigures): string | null {
  if (onCommonAxis(metric) !== null) return null;
  if (metric.verdict === 'too-few') {
    const needed = metric.headline.randomization?.unitsNeeded;
    return `No interval: too few units${needed ? ` (${formatCount(needed)} per group would do)` : ''}.`;
  }
  if (metric.headline.reason !== null) {
    // The head start itself, when the baselines say it: what a reader of a card most needs to see.
    const relative = metric.adjusted?.balance.relative ?? null;
    if (relative === null || relative === 0) return 'The groups differed too much before the pilot for a fair comparison.';
    return `Before the pilot started, the pilot group was already ${formatLift(Math.abs(relative))} ${relative > 0 ? 'higher' : 'lower'}.`;
  }
  return percentCaveat(metric) ?? 'Not drawn: this change has no interval in percent.';
}

/** Percentage points, a relative lift in percent, or a difference in the metric's own units. */
export type Scale = 'points' | 'relative' | 'absolute';

/** The one decision of this module (see the comment at the top). */
export function scaleOf(metric: MetricFigures): Scale {
  if (isPercentScale(metric)) return 'points';
  // Days are a unit everyone reads: "1.8 days shorter" says more than "22% lower" (statistics.md, "Time to first contact").
  if (inDaysByChoice(metric)) return 'absolute';
  // No interval to agree with: the estimate alone decides.
  if (!hasInterval(metric)) return headlineOf(metric).relative.estimate === null ? 'absolute' : 'relative';
  return drawnNumbers(metric).every((numbers) => boundedRelative(numbers) !== null) ? 'relative' : 'absolute';
}

/** A duration in days is told in days by choice, not for want of a percent: no caveat says why it is not in percent. A share reached is a rate. */
export function inDaysByChoice(metric: Pick<MetricFigures, 'type' | 'format' | 'currency'>): boolean {
  return metric.type === 'duration' && !isPercentScale(metric);
}

/** Numbers on a metric's scale, with the labels that go with them. */
export interface ScaleFormat {
  scale: Scale;
  pick(numbers: HeadlineNumbers): { estimate: number; low: number | null; high: number | null };
  /** Labels of estimates and bounds: "+15%", "+2.1 pp", "+$1,200". */
  format(value: number): string;
  /** Axis ticks (round numbers, trimmed). */
  tick(value: number): string;
}

export function scaleFormat(metric: MetricFigures): ScaleFormat {
  const scale = scaleOf(metric);
  if (scale === 'relative') {
    return {
      scale,
      pick: (numbers) => ({ ...numbers.relative, estimate: numbers.relative.estimate as number }),
      format: (value) => formatLift(value, { signed: true }),
      tick: liftTick,
    };
  }
  return {
    scale,
    pick: (numbers) => numbers.absolute,
    format: (value) => formatDifference(value, metric),
    tick: tick(metric, { difference: true }),
  };
}

/** A bound that exists, or the words for one that does not. */
function boundText(value: number | null, side: 'low' | 'high', format: (value: number) => string): string {
  if (value !== null) return format(value);
  return side === 'low' ? 'no lower limit' : 'no upper limit';
}

export interface HeadlineText {
  /** "+15%", "+12.3 pp" or "+$1,200": always in the same units as the interval beside it; "No verdict" when the groups were unlike before. */
  change: string;
  /** "+3% to +30%", "+6.1 pp to +18.4 pp" or "−$300 to +$2,700"; for a too-few result, what stands in its place. */
  interval: string;
  scale: Scale;
}

/** Said in place of an interval when no split of the units could show an effect. */
export const NO_INTERVAL = 'none (too few units)';

/** Said in place of an interval, and of the change, when the groups were too unlike before the pilot for any test (statistics.md section 12). */
export const NO_FAIR_TEST = 'none (groups unlike before)';
export const NO_VERDICT = 'No verdict';

/**
 * Whether the headline has an interval to show: not when no split of the
 * units could show an effect (too few), nor when the groups were too far apart
 * before the pilot for any test to stand (section 12, `reason`).
 */
export function hasInterval(metric: Pick<MetricFigures, 'verdict' | 'headline'>): boolean {
  return metric.verdict !== 'too-few' && metric.headline.reason === null;
}

export function headlineText(metric: MetricFigures): HeadlineText {
  const scale = scaleFormat(metric);
  if (metric.verdict === 'too-few') return { change: headlineChange(metric), interval: NO_INTERVAL, scale: scale.scale };
  // Groups unlike before the pilot: the plain change is mostly the head start, not a change to print.
  if (metric.headline.reason !== null) return { change: NO_VERDICT, interval: NO_FAIR_TEST, scale: scale.scale };
  // Where a table has no room for percentCaveat, a few words say why the range is not in percent.
  const tooUncertain = scale.scale === 'absolute' && !inDaysByChoice(metric) && headlineOf(metric).relative.estimate !== null ? ' (not in %)' : '';
  return { change: headlineChange(metric), interval: `${headlineInterval(metric)}${tooUncertain}`, scale: scale.scale };
}

/** The headline change on its scale: "+15%", "+12.3 pp" or "+$1,200". */
function headlineChange(metric: MetricFigures): string {
  const scale = scaleFormat(metric);
  return scale.format(scale.pick(headlineOf(metric)).estimate);
}

/** The headline interval's bounds on its scale: "+3% to +30%". */
function headlineInterval(metric: MetricFigures): string {
  const scale = scaleFormat(metric);
  const drawn = scale.pick(headlineOf(metric));
  return `${boundText(drawn.low, 'low', scale.format)} to ${boundText(drawn.high, 'high', scale.format)}`;
}

/** Why a change is not in percent, in words, or null when it is (or is a rate, told in points). */
export function percentCaveat(metric: MetricFigures): string | null {
  if (scaleOf(metric) !== 'absolute' || inDaysByChoice(metric) || metric.verdict === 'too-few') return null;
  if (headlineOf(metric).relative.estimate === null) return 'The change cannot be put in percent (a group\u2019s level is zero or below), so it is given in the metric\u2019s own units.';
  return 'The control level is too uncertain to put the range in percent, so it is given in the metric\u2019s own units.';
}

/**
 * A rate's change is headlined in percentage points (a duration's in days), but the overview draws
 * every pilot on one percent axis: this is the relative lift it is drawn at,
 * in words ("+19% relative, +7.4% to +31%"), so a reader can match the two.
 * Null for other metrics, or when there is no bounded relative interval.
 */
export function relativeAside(metric: MetricFigures): string | null {
  // A duration is told in days and drawn there as a relative change, as a rate is.
  if (!isPercentScale(metric) && !inDaysByChoice(metric)) return null;
  const relative = onCommonAxis(metric);
  if (relative === null) return null;
  const lift = (value: number) => formatLift(value, { signed: true });
  return `${lift(relative.estimate)} relative, ${lift(relative.low)} to ${lift(relative.high)}`;
}

/** The verdict's name, with why when it is not read off the interval: for tables, where no sentence explains it. */
export function verdictLabel(metric: Pick<MetricFigures, 'verdict' | 'headline'>): string {
  return metric.headline.reason !== null ? `${verdictPhrase(metric.verdict)} (groups unlike before)` : verdictPhrase(metric.verdict);
}

/** The metric's label with "(lower is better)" when more is worse. */
export function labelWithDirection(metric: Pick<MetricFigures, 'label' | 'better'>): string {
  return metric.better === 'lower' ? `${metric.label} (${LOWER_IS_BETTER})` : metric.label;
}

/** One plain line under the verdict badge. */
export function verdictMeaning(metric: Pick<MetricFigures, 'verdict' | 'headline'>, status: PilotStatus): string {
  const verdict: Verdict = metric.verdict;
  switch (verdict) {
    case 'win':
      return 'The whole interval is on the better side of zero.';
    case 'loss':
      return 'The whole interval is on the worse side of zero.';
    case 'inconclusive':
      if (metric.headline.reason !== null) return 'The groups differed too much before the pilot for any verdict.';
      // A concluded pilot will get no more data: "yet" would promise an answer that is not coming.
      return status === 'running'
        ? 'The interval includes zero: the data cannot yet tell a gain from a loss.'
        : 'The interval includes zero: the data cannot tell a gain from a loss.';
    case 'too-few':
      return 'With so few units, no way of splitting them could show an effect at this confidence level.';
    default:
      return verdict satisfies never;
  }
}

/** Plural noun for the units, e.g. "reps", and the interval's confidence level. */
export interface Wording {
  units: string;
  confidence: number;
}

/** "15% higher", "12.3 pp lower", "$900 higher", or "no different" at 0, on the metric's scale. */
function compared(metric: MetricFigures, value: number, scale: Scale): string {
  if (value === 0) return 'no different';
  const magnitude = Math.abs(value);
  const amount = scale === 'relative' ? formatLift(magnitude) : scale === 'points' ? formatDifference(magnitude, metric, { signed: false }) : formatValue(magnitude, metric);
  if (inDaysByChoice(metric)) return `${amount} ${value > 0 ? 'longer' : 'shorter'}`;
  return `${amount} ${value > 0 ? 'higher' : 'lower'}`;
}

/**
 * The headline in one sentence:
 * - a verdict: "Revenue per rep was 15% higher for pilot reps than for
 *   control reps (95% interval: +3% to +30%)."
 * - inconclusive, never a direction: "Revenue per rep was somewhere between
 *   9.7% lower and 19% higher for pilot reps than for control reps (best
 *   estimate +4.5%; 95% interval)."
 * - too few units: what would make an answer possible.
 */
export function headlineSentence(metric: MetricFigures, wording: Wording): string {
  const numbers = headlineOf(metric);
  const scale = scaleFormat(metric);
  const drawn = scale.pick(numbers);
  const level = formatConfidence(wording.confidence);
  const adjusted = numbers.adjusted ? ', adjusted for where each started' : '';
  const horizon = metric.within === undefined ? '' : inDaysByChoice(metric) ? `, a lead not reached within ${count(metric.within, 'day')} counting as ${formatCount(metric.within)}` : `, counting the leads that had the full ${count(metric.within, 'day')}`;
  const groups = `for pilot ${wording.units} than for control ${wording.units}${horizon}`;
  const levels = scale.scale === 'points' ? `${formatValue(metric.pilot.value, metric)} vs ${formatValue(metric.control.value, metric)}; ` : '';
  const best = scale.format(drawn.estimate);
  const caveat = scale.scale === 'absolute' && !inDaysByChoice(metric) && numbers.relative.estimate !== null ? '; the control level is too uncertain to put the change in percent' : '';
  if (metric.verdict === 'too-few') {
    const randomization = metric.headline.randomization;
    const needed = randomization?.unitsNeeded;
    return (
      `${metric.label}: too few ${wording.units} to show any effect. With ${formatCount(metric.pilot.units)} pilot and ${formatCount(metric.control.units)} control ${wording.units}, ` +
      `no way of splitting them could give a result clear at the ${level} level` +
      (needed ? `; ${formatCount(needed)} ${wording.units} in each group would make it possible` : '') +
      ` (best estimate ${best}${adjusted}).`
    );
  }
  if (metric.headline.reason !== null) return headStartSentence(metric, wording);
  if (metric.verdict === 'inconclusive') {
    const between = inconclusiveRange(metric, drawn, scale);
    return `${metric.label} ${verbAfter(metric.label)} somewhere between ${between} ${groups}${adjusted} (${levels}best estimate ${best}; ${level} interval${caveat}).`;
  }
  return `${metric.label} ${verbAfter(metric.label)} ${compared(metric, drawn.estimate, scale.scale)} ${groups}${adjusted} (${levels}${level} interval: ${headlineInterval(metric)}${caveat}).`;
}

/** "9.7% lower and 19% higher", "no change and 19% higher", "3% lower and any amount higher". */
function inconclusiveRange(metric: MetricFigures, drawn: { low: number | null; high: number | null }, scale: ScaleFormat): string {
  const end = (value: number | null, side: 'low' | 'high') => {
    if (value === null) return side === 'low' ? 'any amount lower' : 'any amount higher';
    return value === 0 ? 'no change' : compared(metric, value, scale.scale);
  };
  return `${end(drawn.low, 'low')} and ${end(drawn.high, 'high')}`;
}

/**
 * No verdict because the groups were too far apart before the pilot
 * (statistics.md section 12): where each group stood before and during it,
 * so a reader sees the head start the pilot cannot be told from. No interval
 * and no direction as a fact: the plain comparison is the groups' levels.
 */
function headStartSentence(metric: MetricFigures, wording: Wording): string {
  const balance = metric.adjusted?.balance;
  const levels = (pilot: number, control: number) => `${formatValue(pilot, metric)} for pilot ${wording.units} against ${formatValue(control, metric)} for control ${wording.units}`;
  const before = balance ? ` Before it, ${midSentence(metric.label)} ${verbAfter(metric.label)} ${levels(balance.pilot, balance.control)}; during it, ${levels(metric.pilot.value, metric.control.value)}.` : '';
  return (
    `${metric.label}: no verdict, because the groups were too far apart before the pilot for a fair comparison.${before} ` +
    `How much of the difference is the pilot and how much the head start, this pilot cannot tell.`
  );
}

/**
 * What the data can and cannot rule out, from the better side:
 * "The pilot could be anywhere from 4% worse to 31% better."
 */
export function rangeSentence(metric: MetricFigures): string {
  if (metric.verdict === 'too-few') {
    return 'There is no interval: with this few units, every possible effect, large or none, fits the data equally well.';
  }
  if (metric.headline.reason !== null) {
    return 'There is no interval: with groups this unlike before the pilot, no test can tell the pilot\u2019s effect from the head start.';
  }
  const scale = scaleFormat(metric);
  const { low, high } = scale.pick(headlineOf(metric));
  const show = (magnitude: number) => (scale.scale === 'relative' ? formatLift(magnitude) : formatDifference(magnitude, metric, { signed: false }));
  // Turn the bounds into "better" amounts: positive is better for the business; null is no limit.
  const sign = metric.better === 'higher' ? 1 : -1;
  const better = (value: number | null, side: 'low' | 'high') => (value === null ? (side === 'low' ? -Infinity : Infinity) * sign : sign * value);
  const [first, second] = [better(low, 'low'), better(high, 'high')];
  const [worstBetter, bestBetter] = [Math.min(first, second), Math.max(first, second)];
  const describe = (amount: number) =>
    amount === Infinity ? 'any amount better' : amount === -Infinity ? 'any amount worse' : amount >= 0 ? `${show(amount)} better` : `${show(-amount)} worse`;
  let range: string;
  if (worstBetter >= 0) range = Number.isFinite(bestBetter) ? `from ${show(worstBetter)} to ${show(bestBetter)} better` : `from at least ${show(worstBetter)} better to any amount better`;
  else if (bestBetter <= 0) range = Number.isFinite(worstBetter) ? `from ${show(-bestBetter)} to ${show(-worstBetter)} worse` : `from at least ${show(-bestBetter)} worse to any amount worse`;
  else range = `from ${describe(worstBetter)} to ${describe(bestBetter)}`;
  const unbounded =
    scale.scale === 'absolute' && !inDaysByChoice(metric) && headlineOf(metric).relative.estimate !== null
      ? ' The control level is too uncertain to express the change in percent, so the range is given in absolute terms.'
      : '';
  const direction = metric.better === 'lower' ? ` (${LOWER_IS_BETTER})` : '';
  return `The pilot could be anywhere ${range}${direction}.${unbounded}`;
}

/**
 * How the headline was found, in plain words, e.g. "compared with all 924
 * ways these 12 reps could have been split" (statistics.md section 10), or
 * null for a Newcombe headline.
 */
export function randomizationWords(metric: MetricFigures, units: string): string | null {
  const randomization = metric.headline.randomization;
  if (randomization === null) return null;
  const total = metric.pilot.units + metric.control.units;
  const analysed = metric.headline.basis === 'adjusted' && metric.adjusted ? metric.adjusted.units : total;
  // How the assignment could have gone, as its file records it (statistics.md section 10).
  const split = { complete: 'split into groups of the same sizes', blocked: 'split within their blocks, as the assignment file records them', pairs: 'split within their pairs, as the assignment file records them' }[randomization.design];
  return randomization.exact
    ? `compared with all ${formatCount(randomization.assignments)} ways these ${formatCount(analysed)} ${units} could have been ${split}`
    : `compared with ${formatCount(randomization.draws ?? 0)} of ${bigCount(randomization.assignments)} ways these ${formatCount(analysed)} ${units} could have been ${split}, drawn at random`;
}

/** A count too large to write out, in words: "about 600 million", "about 140 billion", "more than a trillion trillion". */
function bigCount(value: number): string {
  if (value < 1e7) return `the ${formatCount(value)}`;
  for (const [size, word] of [[1e12, 'trillion'], [1e9, 'billion'], [1e6, 'million']] as const) {
    if (value >= size && value < size * 1000) return `about ${formatCount(Number((value / size).toPrecision(2)))} ${word}`;
  }
  return 'more than a thousand trillion';
}

/**
 * One relative axis for every pilot's primary lift (overview cards, forest
 * plot and table), so the eye can compare pilots whatever their metric:
 * always includes zero, padded, rounded out to a tidy 5%.
 */
export function commonDomain(metrics: readonly MetricFigures[]): [number, number] {
  let low = 0;
  let high = 0;
  for (const metric of metrics) {
    const relative = onCommonAxis(metric);
    if (!relative) continue;
    low = Math.min(low, relative.low);
    high = Math.max(high, relative.high);
  }
  const pad = Math.max(0.02, (high - low) * 0.06);
  const step = 0.05;
  const round = (value: number) => Math.round(value * 100) / 100;
  return [round(Math.floor((low - pad) / step) * step), round(Math.ceil((high + pad) / step) * step)];
}

/** A guardrail's verdict in words: the badge, its margin, and one sentence that states the bound against the margin. */
export interface GuardrailText {
  verdict: GuardrailVerdict;
  /** "No harm beyond the margin", "Possible harm", "Cannot be judged". */
  phrase: string;
  /** The verdict colour its badge borrows: a win's for no harm, a loss's for possible harm, too few's when it cannot be judged. */
  tone: Verdict;
  /** "at most 5% worse", "at most 2.0 pp worse", "no harm at all". */
  margin: string;
  sentence: string;
}

/**
 * A guardrail (src/core/guardrail.ts) in words, or null for any other metric.
 * The interval's end on the worse side is told against the margin, on the
 * margin's own scale (relative or in the metric's unit), whatever scale the
 * metric's headline is told in.
 */
export function guardrailText(metric: MetricFigures, confidence: number): GuardrailText | null {
  const { guardrail } = metric;
  if (guardrail === null) return null;
  const size = (magnitude: number) => (guardrail.margin.scale === 'relative' ? formatLift(magnitude) : formatDifference(magnitude, metric, { signed: false }));
  // Positive is harm: the margin and the bound as amounts worse.
  const harm = (value: number) => (metric.better === 'higher' ? -value : value);
  const tolerated = harm(guardrail.margin.value);
  const margin = marginWords(guardrail.margin, metric);
  const level = formatConfidence(confidence);
  const phrase = guardrailPhrase(guardrail.verdict);
  const against = `the margin of ${margin}`;
  let sentence: string;
  if (guardrail.verdict === 'unknown') {
    sentence =
      metric.verdict === 'too-few'
        ? `Too few units for any interval, so harm beyond ${against} cannot be ruled out.`
        : metric.headline.reason !== null
          ? `The groups differed too much before the pilot for any interval, so harm beyond ${against} cannot be ruled out.`
          : `This change has no interval in percent, so a relative margin cannot be judged and harm beyond it cannot be ruled out; a margin in the metric\u2019s own unit could be.`;
  } else if (guardrail.bound === null) {
    sentence = `The ${level} interval has no limit on the worse side, so harm beyond ${against} cannot be ruled out.`;
  } else {
    const worst = harm(guardrail.bound);
    const atWorst = `${worst === 0 ? 'At worst the pilot changed nothing' : `At worst the pilot made it ${worst > 0 ? `${size(worst)} worse` : `${size(-worst)} better`}`} (the ${level} interval\u2019s least favourable end)`;
    sentence =
      guardrail.verdict === 'no-harm'
        ? `${atWorst}, within ${against}.`
        : `${atWorst}, ${worst === tolerated ? 'exactly at' : 'beyond'} ${against}: harm beyond the margin cannot be ruled out.`;
  }
  const tone = ({ 'no-harm': 'win', 'possible-harm': 'loss', unknown: 'too-few' } as const)[guardrail.verdict];
  return { verdict: guardrail.verdict, phrase, tone, margin, sentence };
}

/**
 * A guardrail's margin as the harm it tolerates: "at most 5% worse", "at most
 * 2.0 pp worse", "at most $500 worse", or "no harm at all" for a margin of 0.
 * Relative margins are of the control's level; others in the metric's unit.
 */
export function marginWords(margin: { scale: 'relative' | 'points' | 'absolute'; value: number }, metric: ValueFormat & { better: 'higher' | 'lower' }): string {
  const tolerated = metric.better === 'higher' ? -margin.value : margin.value;
  if (tolerated === 0) return 'no harm at all';
  return `at most ${margin.scale === 'relative' ? formatLift(tolerated) : formatDifference(tolerated, metric, { signed: false })} worse`;
}

/**
 * The compact mark a card and the overview show when any guardrail is not
 * cleared: "Guardrail: possible harm to win rate", or null when every
 * guardrail shows no harm beyond its margin (or there is none).
 */
export function guardrailMark(results: Pick<ResultsDocument, 'metrics'>): string | null {
  const labels = (verdict: GuardrailVerdict) => results.metrics.filter((metric) => metric.guardrail?.verdict === verdict).map((metric) => midSentence(metric.label));
  const list = (names: string[]) => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`);
  const [possible, unknown] = [labels('possible-harm'), labels('unknown')];
  const parts = [
    ...(possible.length > 0 ? [`possible harm to ${list(possible)}`] : []),
    ...(unknown.length > 0 ? [`${list(unknown)} cannot be judged`] : []),
  ];
  if (parts.length === 0) return null;
  return `${possible.length + unknown.length > 1 ? 'Guardrails' : 'Guardrail'}: ${parts.join('; ')}`;
}

export { primaryResult } from '../results.ts';

/**
 * Whether the minimum detectable effect means anything: when no unit differs
 * from another in either arm (every lead converted, in both groups), the
 * formula gives 0, which would read as "this pilot detects any change".
 */
export function detectableIsKnown(metric: MetricFigures): metric is MetricFigures & { mde: { absolute: number; relative: number | null } } {
  return metric.mde !== null && metric.mde.absolute > 0;
}

/** Said in place of a detectable effect that is not known. */
export const NO_VARIATION = 'cannot be estimated: no unit differs from another in either group';

export type { AbsoluteResult, ValueFormat };
export { midSentence };
