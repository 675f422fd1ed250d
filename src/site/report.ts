/**
 * The words of a pilot report beyond the headline (which the analysis
 * writes): the baseline check, what the pilot could detect, the rollout
 * projection, the methods, and the date of the hypothesis. Plain functions
 * from the evidence to text, so pages only place them and tests read them.
 */
import type { PilotEvidence } from '../core/evidence.ts';
import { formatConfidence, formatCount, formatDifference, formatLift, formatP, formatValue, isPercentScale } from '../core/format.ts';
import type { MetricResult } from '../core/results.ts';
import { midSentence, unitNouns } from '../core/words.ts';
import { day, daysBetween, shortDay } from './format.ts';
import type { HypothesisHistory } from './history.ts';
import { detectableIsKnown } from '../core/headline.ts';
import { headlineOf, headlineText } from './lift.ts';

/** "reps", "territories": the pilot's unit column as a plural noun. */
export function unitsNoun(pilot: PilotEvidence): string {
  return unitNouns(pilot.pilot.unit).many;
}

export function unitNounOne(pilot: PilotEvidence): string {
  return unitNouns(pilot.pilot.unit).one;
}

/** "2 Mar to 24 May 2026", "2 Dec 2025 to 3 Mar 2026", or "since 6 Apr 2026". */
export function periodText(pilot: PilotEvidence): string {
  const { started, ended } = pilot.pilot;
  if (!ended) return `since ${day(started)}`;
  const from = started.slice(0, 4) === ended.slice(0, 4) ? shortDay(started) : day(started);
  return `${from} to ${day(ended)}`;
}

/** How long the pilot ran: "12 weeks", "10 days"; null while running. */
export function pilotLength(pilot: PilotEvidence): string | null {
  if (!pilot.pilot.ended) return null;
  const days = daysBetween(pilot.pilot.started, pilot.pilot.ended) + 1;
  return days >= 14 ? `${Math.round(days / 7)} weeks` : `${days} days`;
}

export interface BaselineNote {
  /** "flagged" when the pilot arm was already ahead or behind: show as a warning. */
  tone: 'flagged' | 'fair' | 'unknown';
  title: string;
  paragraphs: string[];
}

/** The baseline check (statistics.md section 5) for one metric, in words. */
export function baselineNote(pilot: PilotEvidence, metric: MetricResult): BaselineNote {
  const { one: unit, many: units } = unitNouns(pilot.pilot.unit);
  if (!metric.adjusted) {
    const why =
      pilot.pilot.date === undefined
        ? 'The data has no date column, so there is no "before" to compare.'
        : metric.type === 'mean'
          ? `The data has no rows from before the pilot started on ${day(pilot.pilot.started)}.`
          : `The baseline check is made for per-${unit} totals (mean metrics); ${metric.label} is a ${metric.type}.`;
    return {
      tone: 'unknown',
      title: 'No baseline check',
      paragraphs: [
        `${why} So fieldproof cannot check whether the pilot and control ${units} were alike before the pilot began.`,
        `If the ${units} were assigned at random, that is fine. If they were picked (for example the keenest volunteered), part of any difference may have been there all along.`,
      ],
    };
  }
  const { balance, units: adjustedUnits } = metric.adjusted;
  const gap = balance.relative === null ? formatDifference(balance.pilot - balance.control, metric) : formatLift(Math.abs(balance.relative));
  const before = `${formatValue(balance.pilot, metric)} for pilot ${units} against ${formatValue(balance.control, metric)} for control ${units}`;
  const { change: adjusted } = headlineText(metric);
  const unadjustedChange = unadjusted(metric);
  const leftOut = metric.pilot.units + metric.control.units - adjustedUnits;
  const leftOutNote =
    leftOut > 0 ? ` ${formatCount(leftOut)} ${leftOut === 1 ? unit : units} without rows before the pilot ${leftOut === 1 ? 'is' : 'are'} left out of the adjusted figures only.` : '';
  if (balance.flagged) {
    const direction = balance.pilot >= balance.control ? 'ahead' : 'behind';
    return {
      tone: 'flagged',
      title: `The pilot ${units} were already ${direction} before it started`,
      paragraphs: [
        `Before ${day(pilot.pilot.started)}, ${midSentence(metric.label)} was ${before}: the pilot group was ${gap} ${direction} (${formatP(balance.p)}).`,
        `That is the classic pilot trap: when the strongest ${units} are picked for a pilot, it looks like a win even if it changed nothing. So the headline compares every ${unit} with their own level before the pilot (an ANCOVA adjustment): ${adjusted} adjusted, against ${unadjustedChange} without the adjustment.${leftOutNote}`,
      ],
    };
  }
  return {
    tone: 'fair',
    title: 'The groups were alike before the pilot',
    paragraphs: [
      `Before ${day(pilot.pilot.started)}, ${midSentence(metric.label)} was ${before} (a gap of ${gap}, ${formatP(balance.p)}): no sign that the pilot group was picked from the stronger ${units}.`,
      `The headline still compares every ${unit} with their own level before the pilot, which makes its interval narrower: ${adjusted} adjusted, ${unadjustedChange} without the adjustment.${leftOutNote}`,
    ],
  };
}

/**
 * When the pilot group was already ahead (or behind) before the pilot, the
 * one line the header says about it, so nobody reads the tiles' plain
 * averages as the result; null when the groups were alike or not checked.
 */
export function baselineWarning(pilot: PilotEvidence, metric: MetricResult): string | null {
  if (!metric.adjusted?.balance.flagged) return null;
  const { one: unit } = unitNouns(pilot.pilot.unit);
  return `${baselineNote(pilot, metric).title}. The headline compares each ${unit} with their own level before it: ${headlineText(metric).change}, where the plain averages would say ${unadjusted(metric)}.`;
}

/** The change before the baseline adjustment, in the headline's units so the two figures compare. */
function unadjusted(metric: MetricResult): string {
  return headlineText(metric).scale === 'relative' && metric.relative.estimate !== null
    ? formatLift(metric.relative.estimate, { signed: true })
    : formatDifference(metric.absolute.estimate, metric);
}

/** The minimum detectable effect (statistics.md section 7) in words. */
export function detectableText(pilot: PilotEvidence, metric: MetricResult): string {
  const units = unitsNoun(pilot);
  const { mde } = metric;
  if (!detectableIsKnown(metric)) {
    return `No ${unitNounOne(pilot)} differs from another in either group, so the smallest change this pilot could detect cannot be estimated.`;
  }
  const size = mde.relative !== null && !isPercentScale(metric)
    ? `${formatLift(mde.relative)} (${formatDifference(mde.absolute, metric, { signed: false })})`
    : formatDifference(mde.absolute, metric, { signed: false });
  const lead =
    `With ${formatCount(pilot.results.units.pilot)} pilot and ${formatCount(pilot.results.units.control)} control ${units}, ` +
    `this pilot would detect a true change in ${midSentence(metric.label)} of about ${size} or more, 8 times out of 10` +
    // The MDE comes from the plain comparison of the arms (statistics.md section 7);
    // an adjusted headline compares each unit with its own baseline, and detects less.
    (metric.adjusted ? `, comparing the groups' plain averages; the headline, which compares each ${unitNounOne(pilot)} with their own baseline, can detect smaller changes.` : '.');
  switch (metric.verdict) {
    case 'inconclusive':
      return `${lead} A real effect smaller than that could easily go unseen: "inconclusive" means "not shown", not "no effect". A larger or longer pilot would narrow the interval.`;
    case 'win':
    case 'loss':
      return `${lead} The effect it found is clear of zero, so the pilot was large enough for this one.`;
  }
}

export function detectableSize(metric: MetricResult): string {
  const { mde } = metric;
  if (!detectableIsKnown(metric)) return 'not known (no variation)';
  return mde.relative !== null && !isPercentScale(metric)
    ? `\u00b1${formatLift(mde.relative)}`
    : `\u00b1${formatDifference(mde.absolute, metric, { signed: false })}`;
}

/** The rollout projection (statistics.md section 8) in words, or null without one. */
export function rolloutText(pilot: PilotEvidence, metric: MetricResult): { headline: string; caveat: string } | null {
  const { rollout } = metric;
  if (!rollout) return null;
  const length = pilotLength(pilot);
  const level = formatConfidence(pilot.results.confidence);
  const over = length ? ` over ${length}, the length of the pilot` : ' over a period as long as the pilot so far';
  return {
    // The projection is a total over every unit (statistics.md section 8), not a per-unit figure: say both.
    headline:
      `Rolled out to ${rollout.label} (${formatCount(rollout.units)}), a change of ${formatDifference(headlineOf(metric).absolute.estimate, metric)} ` +
      `in ${midSentence(metric.label)} for each would add up to ${formatDifference(rollout.estimate, metric)}${over} ` +
      `(${level} interval: ${formatDifference(rollout.low, metric)} to ${formatDifference(rollout.high, metric)}).`,
    caveat: `This assumes the effect seen in the pilot carries over to every one of the ${formatCount(rollout.units)}, including those unlike the pilot's ${unitsNoun(pilot)}.`,
  };
}

/** Plain names of the methods behind a metric, each with its methodology anchor. */
export function methodsOf(metric: MetricResult): { name: string; anchor: string }[] {
  const methods: { name: string; anchor: string }[] = [];
  switch (metric.method) {
    case 'welch':
      methods.push({ name: 'Welch interval for the difference of means', anchor: 'welch' });
      break;
    case 'delta':
      methods.push({ name: 'delta-method interval for a ratio of sums', anchor: 'delta' });
      break;
    case 'newcombe':
      methods.push({ name: 'Newcombe hybrid score interval for two proportions', anchor: 'newcombe' });
      break;
  }
  if (metric.relative.estimate !== null) {
    methods.push(
      metric.method === 'newcombe'
        ? { name: 'Katz log interval for the relative change', anchor: 'katz' }
        : { name: 'Fieller interval for the relative change', anchor: 'fieller' },
    );
  }
  if (metric.adjusted) methods.push({ name: 'ANCOVA adjustment for each unit\u2019s baseline', anchor: 'ancova' });
  return methods;
}

export interface HypothesisNote {
  /** "pre-registered" when committed before the pilot started. */
  tone: 'pre-registered' | 'after-start' | 'unknown';
  text: string;
}

export function hypothesisNote(pilot: PilotEvidence, history: HypothesisHistory): HypothesisNote {
  const started = pilot.pilot.started;
  switch (history.status) {
    case 'committed': {
      const lead = daysBetween(history.date, started);
      if (lead > 0) {
        return {
          tone: 'pre-registered',
          text: `First committed on ${day(history.date)}, ${lead} day${lead === 1 ? '' : 's'} before the pilot started: written before any result existed.`,
        };
      }
      if (lead === 0) return { tone: 'pre-registered', text: `First committed on ${day(history.date)}, the day the pilot started.` };
      return {
        tone: 'after-start',
        text: `First committed in this form on ${day(history.date)}, ${-lead} day${lead === -1 ? '' : 's'} after the pilot started on ${day(started)}: it may have been written or changed knowing early results.`,
      };
    }
    case 'uncommitted':
      return { tone: 'unknown', text: 'Not yet committed to git in this form, so its date cannot be shown.' };
    case 'unavailable':
      return { tone: 'unknown', text: `The date it was written is not available (${history.reason}).` };
  }
}

/** "Revenue per rep, adjusted" style label of the headline numbers' source. */
export function headlineSource(metric: MetricResult): string {
  return headlineOf(metric).adjusted ? 'adjusted for each unit\u2019s baseline' : 'pilot vs control';
}
