/**
 * A pilot report as data: every word, number and chart input the report page
 * shows, for the field champion who shares it with sceptical reps and the
 * marketer who checks it. The page (src/pages/pilots/[slug]/index.astro)
 * only places what this returns; tests read it directly.
 */
import type { HypothesisHistory, MetricEvidence, PilotEvidence } from '../evidence.ts';
import { kindOf } from '../metric-kinds.ts';
import type { DecisionOutcome } from '../pilot-terms.ts';
import type { MetricResult, PilotStatus } from '../results.ts';
import { count, day, daysBetween, formatConfidence, formatCount, formatDifference, formatLift, formatP, formatValue, shortDay } from './format.ts';
import type { NullDistribution } from '../stats/index.ts';
import { roadblockView, type RoadblockView } from './roadblock.ts';
import {
  detectableIsKnown,
  guardrailMark,
  guardrailText,
  headlineOf,
  headlineText,
  primaryResult,
  randomizationWords,
  relativeAside,
  scaleFormat,
  scaleOf,
  verdictMeaning,
  type GuardrailText,
} from './headline.ts';
import { segmentsSection, type SegmentsSection } from './segments-model.ts';
import { funnelGainSentence, funnelRows } from './funnel.ts';
import { decisionLine, decisionPhrase, evidencePhrase, INTERIM, LOWER_IS_BETTER, midSentence, unitNouns, verbAfter, verdictPhrase } from './words.ts';

export interface BaselineNote {
  /** "flagged" when the pilot arm was already ahead or behind: show as a warning. */
  tone: 'flagged' | 'fair' | 'unknown';
  title: string;
  paragraphs: string[];
}

export interface HypothesisNote {
  /** "pre-registered" when committed before the pilot started. */
  tone: 'pre-registered' | 'after-start' | 'unknown';
  text: string;
}

/** One metric's section of the report. */
export interface MetricSection {
  metric: MetricResult;
  headingId: string;
  sentence: string;
  range: string;
  /** "$48,211" with "(12 reps, 156 rows)". */
  arms: { pilot: { value: string; detail: string }; control: { value: string; detail: string } };
  lowerIsBetter: string | null;
  /** A guardrail's verdict against its margin, in words; null for any other metric. */
  guardrail: GuardrailText | null;
}

/** A funnel metric's stages (present/funnel.ts): its chart's input, and the words around it. */
export interface FunnelSection {
  metric: MetricResult;
  headingId: string;
  title: string;
  intro: string;
  /** The stage where the pilot gained most, with its interval; or that no stage shows a clear gain. */
  gain: string;
  /** The table under the chart: the leads handed off, then each stage's rate from the stage before per group, and its change. */
  table: { label: string; columns: { stage: string; pilot: string; control: string; change: string; verdict: string }; rows: FunnelTableRow[] };
}

export interface FunnelTableRow {
  label: string;
  /** "of leads handed off", "of those followed up"; null for the leads row. */
  over: string | null;
  /** "73.9% (595)": the rate from the stage before, and the count; for the leads row, the count. */
  pilot: string;
  control: string;
  /** "+11.3 pp"; with `interval`, "+4.9 pp to +17.6 pp" (or why there is none); null for the leads row. */
  change: string | null;
  interval: string | null;
  verdict: MetricResult['verdict'] | null;
}

/**
 * Past this many units the report shows how many units fall in each range of
 * values rather than a dot per unit (src/charts/units.ts says why).
 */
export const MOST_UNIT_DOTS = 1000;

export interface ReportModel {
  slug: string;
  title: string;
  /** The link preview's text: the computed headline (never the owner's summary), and the decision once made. */
  description: string;
  /** The preview card's alternative text. */
  imageAlt: string;
  status: PilotStatus;
  verdict: MetricResult['verdict'];
  /** statistics.md section 13: how far the design can be trusted, and why; null where git was not asked. */
  evidence: { level: 'strong' | 'moderate' | 'weak'; label: string; reasons: string[] } | null;
  /** The owner's summary, shown as their words, not the analysis's. */
  summary: { text: string; attribution: string } | null;
  /** What was decided after the pilot, or null before a decision is recorded. */
  decision: { outcome: DecisionOutcome; label: string; line: string; note: string | null } | null;
  headline: { sentence: string; range: string; meaning: string };
  /** The header's one line about a flagged baseline, or null. */
  baselineWarning: string | null;
  /** The running pilot's callout, or null once concluded. */
  interim: string | null;
  keyNumbers: {
    change: { label: string; value: string; interval: string; aside: string | null };
    pilot: { value: string; detail: string };
    control: { value: string; detail: string };
    period: { value: string; detail: string };
  };
  champion: { quote: string | null; name: string; role: string | null } | null;
  metricsTitle: string;
  metricsIntro: string;
  /** Every metric but the guardrails, the primary first as the pilot file lists it. */
  metrics: MetricSection[];
  /** Each funnel metric's stages, in the order the pilot file lists them (guardrails included). */
  funnels: FunnelSection[];
  /**
   * The guardrail metrics, apart from the primary: each one's verdict
   * against its margin (src/core/guardrail.ts); null when there is none.
   */
  guardrails: { title: string; intro: string; sections: MetricSection[] } | null;
  /** The header's one line when a guardrail is not cleared (the card's mark), or null. */
  guardrailMark: string | null;
  /**
   * How the headline was tested, in plain words ("compared with all 924 ways
   * these 12 reps could have been split"), with the randomization chart's
   * input; null for a Newcombe headline.
   */
  randomization: { title: string; paragraphs: string[]; metric: MetricResult; distribution: NullDistribution; units: string } | null;
  /** The primary metric per segment (segments-model.ts); null when the pilot declares no `segments`. */
  segments: SegmentsSection | null;
  /** The primary metric's weekly trend and per-unit dots, when there is data for them. */
  trend: { metric: MetricResult; evidence: MetricEvidence; started: string; intro: string } | null;
  /** Why a dated pilot has no weekly trend: its data is per-unit sums per period (pilot-format.md), which have no weeks. */
  trendNote: string | null;
  units: { metric: MetricResult; evidence: MetricEvidence; title: string; intro: string } | null;
  /** Every rate's roadblock view (roadblock.ts): units below a line, counted per arm; null when no metric has one. */
  roadblocks: { title: string; intro: string; views: RoadblockView[] } | null;
  baseline: BaselineNote[];
  detect: { text: string; table: { label: string; size: string; verdict: MetricResult['verdict'] }[] | null };
  rollout: { lines: string[]; caveat: string } | null;
  hypothesis: { text: string; note: HypothesisNote };
  /** "1,234 rows read from", the data file, "; 1,200 used, 34 left out.", the owner. */
  dataNotes: { read: string; file: string; used: string; owner: string | null; warnings: string[] };
  method: { intro: string; metrics: { label: string; methods: { name: string; anchor: string }[] }[] };
}

export function reportModel(pilot: PilotEvidence, history: HypothesisHistory): ReportModel {
  const { results } = pilot;
  const primary = primaryResult(results);
  const text = headlineText(primary);
  const level = formatConfidence(results.confidence);
  const { one: unit, many: units } = unitNouns(pilot.pilot.unit);
  const running = results.status === 'running';
  const evidenceOf = (id: string) => pilot.metrics.find((metric) => metric.id === id);
  const primaryEvidence = evidenceOf(primary.id);
  const adjusted = headlineOf(primary).adjusted;
  const beforeAdjustment = adjusted ? ', before adjustment' : '';
  const left = pilot.rows.read - pilot.rows.used;
  const adjustedMetrics = results.metrics.filter((metric) => metric.adjusted);
  const rollouts = results.metrics.flatMap((metric) => {
    const words = rolloutText(pilot, metric);
    return words === null ? [] : [words];
  });
  const { champion } = pilot.pilot;
  const measured = results.metrics.filter((metric) => metric.role !== 'guardrail');
  const guarded = results.metrics.filter((metric) => metric.role === 'guardrail');
  return {
    slug: pilot.slug,
    title: results.title,
    // What a shared link says is what was computed: the summary is the owner's claim, shown on the page as theirs.
    description: [`${running ? INTERIM.lead : ''}${primary.sentence}`, results.decision ? `${decisionLine(results.decision)}.` : null].filter(Boolean).join(' '),
    imageAlt: `${results.title}: ${primary.label} ${text.change} (${level} interval ${text.interval}), ${verdictPhrase(primary.verdict).toLowerCase()}.`,
    status: results.status,
    verdict: primary.verdict,
    evidence: results.evidence ? { ...results.evidence, label: evidencePhrase(results.evidence.level) } : null,
    summary: pilot.pilot.summary ? { text: pilot.pilot.summary, attribution: pilot.pilot.owner ? `In the words of ${pilot.pilot.owner}, who runs the pilot:` : 'In the words of the pilot\'s owner:' } : null,
    decision: results.decision
      ? { outcome: results.decision.outcome, label: decisionPhrase(results.decision.outcome), line: `${decisionLine(results.decision)}.`, note: results.decision.note }
      : null,
    headline: { sentence: primary.sentence, range: primary.range, meaning: verdictMeaning(primary, results.status) },
    baselineWarning: baselineWarning(pilot, primary),
    interim: running
      ? `This pilot is still running (${periodText(pilot)}). The numbers will change as data comes in; looking early and often makes a chance result more likely, so wait for the end before calling it.`
      : null,
    keyNumbers: {
      change: {
        label: `${primary.label}${adjusted ? ', adjusted for baseline' : ''}`,
        value: text.change,
        interval: `${level} interval: ${text.interval}`,
        aside: relativeAside(primary),
      },
      pilot: { value: formatValue(primary.pilot.value, primary), detail: `${formatCount(results.units.pilot)} ${units}${beforeAdjustment}` },
      control: { value: formatValue(primary.control.value, primary), detail: `${formatCount(results.units.control)} ${units}${beforeAdjustment}` },
      period: { value: pilotLength(pilot) ?? 'Running', detail: periodText(pilot) },
    },
    champion: champion ? { quote: champion.quote ?? null, name: champion.name, role: champion.role ?? null } : null,
    metricsTitle: measured.length === 1 ? 'The result' : 'Every metric',
    metricsIntro: `Each line shows the range the true effect most likely lies in (${level} interval), against zero: no difference between pilot and control.`,
    metrics: measured.map((metric) => metricSection(metric, units, results.confidence)),
    funnels: results.metrics.flatMap((metric) => {
      const section = funnelSection(metric, results.confidence);
      return section === null ? [] : [section];
    }),
    guardrails:
      guarded.length === 0
        ? null
        : {
            title: guarded.length === 1 ? 'Guardrail' : 'Guardrails',
            intro:
              `${guarded.length === 1 ? 'A metric' : 'Metrics'} the pilot must not harm by more than a set margin. ` +
              `A guardrail is cleared when the ${level} interval\u2019s least favourable end stays within its margin; it does not change the pilot\u2019s verdict, which comes from ${midSentence(primary.label)} alone.`,
            sections: guarded.map((metric) => metricSection(metric, units, results.confidence)),
          },
    guardrailMark: guardrailMark(results),
    randomization: randomizationSection(pilot, primary, primaryEvidence?.randomization ?? null),
    segments: segmentsSection(results.segments, primary, pilot.pilot.unit, results.confidence),
    trend:
      primaryEvidence && primaryEvidence.trend.length > 0
        ? {
            metric: primary,
            evidence: primaryEvidence,
            started: pilot.pilot.started,
            intro: `${primary.label}, pilot against control, every week${primaryEvidence.trend.some((point) => point.period === 'pre') ? ', starting before the pilot' : ''}.`,
          }
        : null,
    trendNote:
      pilot.pilot.form === 'unit-sums' && pilot.pilot.date !== undefined && !(primaryEvidence && primaryEvidence.trend.length > 0)
        ? 'No week-by-week chart: this pilot\u2019s data is each unit\u2019s sums per period (before and during the pilot), which have no weeks.'
        : null,
    units:
      primaryEvidence && primaryEvidence.units.length > 0
        ? {
            metric: primary,
            evidence: primaryEvidence,
            title: primaryEvidence.units.length > MOST_UNIT_DOTS ? `Every ${unit}, counted by value` : `Every ${unit}, one dot each`,
            intro: `Is the difference carried by the whole group or by a few ${units}?${pilot.pilot.showUnits ? '' : ` ${units[0]?.toUpperCase()}${units.slice(1)} are not named.`}`,
          }
        : null,
    roadblocks: roadblocksOf(pilot),
    baseline:
      adjustedMetrics.length === 0
        ? [baselineNote(pilot, primary)]
        : adjustedMetrics.map((metric) => {
            const note = baselineNote(pilot, metric);
            return adjustedMetrics.length > 1 ? { ...note, title: `${metric.label}: ${note.title[0]?.toLowerCase()}${note.title.slice(1)}` } : note;
          }),
    detect: {
      text: detectableText(pilot, primary),
      table:
        results.metrics.length > 1
          ? results.metrics.map((metric) => ({ label: metric.label, size: detectableSize(metric), verdict: metric.verdict }))
          : null,
    },
    rollout: rollouts.length > 0 ? { lines: rollouts.map((words) => words.headline), caveat: (rollouts[0] as RolloutWords).caveat } : null,
    hypothesis: { text: pilot.pilot.hypothesis, note: hypothesisNote(pilot, history) },
    dataNotes: {
      read: `${formatCount(pilot.rows.read)} rows read from`,
      file: `data/${pilot.pilot.data}`,
      used: `; ${formatCount(pilot.rows.used)} used${left > 0 ? `, ${formatCount(left)} left out` : ''}.`,
      owner: pilot.pilot.owner ? ` Pilot owner: ${pilot.pilot.owner}.` : null,
      warnings: results.warnings,
    },
    method: {
      intro: `Every figure compares ${units}, because ${units} are what was assigned to pilot or control: each ${unit}'s rows are first added up over the pilot period. Intervals are ${level} confidence intervals.`,
      metrics: results.metrics.map((metric) => ({ label: metric.label, methods: methodsOf(metric) })),
    },
  };
}

function roadblocksOf(pilot: PilotEvidence): ReportModel['roadblocks'] {
  const nouns = unitNouns(pilot.pilot.unit);
  const views = pilot.results.metrics.flatMap((metric) => {
    const evidence = pilot.metrics.find((candidate) => candidate.id === metric.id);
    const written = pilot.pilot.metrics.find((candidate) => candidate.id === metric.id);
    const view = evidence === undefined ? null : roadblockView(metric, evidence, { roadblock: written?.roadblock, showUnits: pilot.pilot.showUnits, units: nouns });
    return view === null ? [] : [view];
  });
  if (views.length === 0) return null;
  const many = `${nouns.many[0]?.toUpperCase()}${nouns.many.slice(1)}`;
  return {
    title: 'Who is held up',
    intro: `How many ${nouns.many} in each group are below a line, and how their own rates spread. ${pilot.pilot.showUnits ? '' : `${many} are not named.`}`.trim(),
    views,
  };
}

function metricSection(metric: MetricResult, units: string, confidence: number): MetricSection {
  const arm = (side: 'pilot' | 'control') => ({
    value: formatValue(metric[side].value, metric),
    detail: `(${formatCount(metric[side].units)} ${units}, ${formatCount(metric[side].rows)} rows)`,
  });
  return {
    metric,
    headingId: `metric-${metric.id}`,
    sentence: metric.sentence,
    range: metric.range,
    arms: { pilot: arm('pilot'), control: arm('control') },
    lowerIsBetter: metric.better === 'lower' ? `${LOWER_IS_BETTER[0]?.toUpperCase()}${LOWER_IS_BETTER.slice(1)}` : null,
    guardrail: guardrailText(metric, confidence),
  };
}

/**
 * The headline's randomization test (statistics.md section 10) in words: what
 * chance decided, what was compared, the p-value, and whether this many
 * units could show an effect at all.
 */
function randomizationSection(
  pilot: PilotEvidence,
  metric: MetricResult,
  distribution: NullDistribution | null,
): ReportModel['randomization'] {
  const randomization = metric.headline.randomization;
  const { many: units } = unitNouns(pilot.pilot.unit);
  const compared = randomizationWords(metric, units);
  const p = metric.headline.absolute.p;
  // No distribution or no p: no test stands as the headline (section 12), and the baseline section says why.
  if (randomization === null || distribution === null || compared === null || p === null) return null;
  const level = formatConfidence(pilot.results.confidence);
  const alpha = 1 - pilot.results.confidence;
  const design = randomization.assumed
    ? ` (no assignment file records how they were split, so fieldproof assumes it was done at random; if the ${units} were picked, this test is too kind)`
    : pilot.pilot.assignment
      ? `, drawn at random and recorded in data/${pilot.pilot.assignment}`
      : '';
  const asExtreme = randomization.exact
    ? `${formatCount(Math.round(p * randomization.assignments))} of them`
    : `about ${formatValue(p, { format: 'percent', currency: 'USD', type: 'mean' })} of those drawn`;
  const paragraphs = [
    `Only one thing about this pilot was decided by chance: which ${units} went into which group${design}. So the test asks how unusual this result would be if the pilot had done nothing: the result was ${compared}.`,
    metric.verdict === 'too-few'
      ? `Even the most unusual of those splits would have ${formatP(randomization.minimumP)}, above the ${Number(alpha.toFixed(4))} a ${level} result needs: no effect, however large, could be shown with this few ${units}.${randomization.unitsNeeded === null ? '' : ` ${formatCount(randomization.unitsNeeded)} ${units} in each group would make it possible.`}`
      : `${asExtreme[0]?.toUpperCase()}${asExtreme.slice(1)} give a result at least as far from zero as the real one (${formatP(p)}). The ${level} interval holds every effect this test cannot rule out: each was tried by taking it off the pilot ${units}\u2019 results and asking the same question.`,
  ];
  return { title: 'Could chance alone have done this?', paragraphs, metric, distribution, units };
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

/** The baseline check (statistics.md sections 5, 11 and 12) for one metric, in words. */
export function baselineNote(pilot: PilotEvidence, metric: MetricResult): BaselineNote {
  const { one: unit, many: units } = unitNouns(pilot.pilot.unit);
  if (!metric.adjusted) {
    const why =
      pilot.pilot.date === undefined
        ? 'The data has no date column, so there is no "before" to compare.'
        : metric.method === 'newcombe'
          ? `Every ${unit} has a single row, so there is no "before" for each one to compare.`
          : `The data has no rows from before the pilot started on ${day(pilot.pilot.started)}, or too few ${units} have them.`;
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
  const adjustment = metric.adjusted.method === 'ancova' ? 'an ANCOVA adjustment' : 'a weighted regression adjustment';
  const { change: adjusted } = headlineText(metric);
  const unadjustedChange = unadjusted(metric);
  const leftOut = metric.pilot.units + metric.control.units - adjustedUnits;
  const leftOutNote =
    leftOut > 0 ? ` ${formatCount(leftOut)} ${leftOut === 1 ? unit : units} without rows before the pilot ${leftOut === 1 ? 'is' : 'are'} left out of the adjusted figures only.` : '';
  if (balance.extrapolating) {
    const apart = balance.overlap
      ? `${Math.abs(balance.standardizedDifference ?? 0).toFixed(1)} standard deviations apart`
      : `so far apart that not one ${unit} of either group started where any of the other group did`;
    return {
      tone: 'flagged',
      title: `The groups were too far apart before the pilot to adjust for it`,
      paragraphs: [
        `Before ${day(pilot.pilot.started)}, ${midSentence(metric.label)} ${verbAfter(metric.label)} ${before}: ${apart}.`,
        `Adjusting for where each ${unit} started would then compare ${units} unlike any in the other group, guessing at what a ${unit} that does not exist would have done. The plain averages (${unadjustedChange}) carry the head start, so no interval is given and there is no verdict. Next time, split the ${units} at random (\`fieldproof assign\`) so the groups start alike.`,
      ],
    };
  }
  if (balance.flagged) {
    const direction = balance.pilot >= balance.control ? 'ahead' : 'behind';
    return {
      tone: 'flagged',
      title: `The pilot ${units} were already ${direction} before it started`,
      paragraphs: [
        `Before ${day(pilot.pilot.started)}, ${midSentence(metric.label)} ${verbAfter(metric.label)} ${before}: the pilot group was ${gap} ${direction} (${formatP(balance.p)}).`,
        `That is the classic pilot trap: when the strongest ${units} are picked for a pilot, it looks like a win even if it changed nothing. So the headline compares every ${unit} with their own level before the pilot (${adjustment}): ${adjusted} adjusted, against ${unadjustedChange} without the adjustment.${leftOutNote}`,
      ],
    };
  }
  return {
    tone: 'fair',
    title: 'The groups were alike before the pilot',
    paragraphs: [
      `Before ${day(pilot.pilot.started)}, ${midSentence(metric.label)} ${verbAfter(metric.label)} ${before} (a gap of ${gap}, ${formatP(balance.p)}): no sign that the pilot group was picked from the stronger ${units}.`,
      `The headline still compares every ${unit} with their own level before the pilot (${adjustment}), which makes its interval narrower: ${adjusted} adjusted, ${unadjustedChange} without the adjustment.${leftOutNote}`,
    ],
  };
}

/**
 * When the pilot group was already ahead (or behind) before the pilot, the
 * one line the header says about it, so nobody reads the tiles' plain
 * averages as the result; null when the groups were alike or not checked.
 */
export function baselineWarning(pilot: PilotEvidence, metric: MetricResult): string | null {
  if (!metric.adjusted?.balance.flagged && !metric.adjusted?.balance.extrapolating) return null;
  const { one: unit } = unitNouns(pilot.pilot.unit);
  if (metric.adjusted.balance.extrapolating) {
    return `${baselineNote(pilot, metric).title}. So there is no verdict: the ${unadjusted(metric)} of the plain averages may be the head start, not the pilot.`;
  }
  return `${baselineNote(pilot, metric).title}. The headline compares each ${unit} with their own level before it: ${headlineText(metric).change}, where the plain averages would say ${unadjusted(metric)}.`;
}

/** The change before the baseline adjustment, in the headline's units so the two figures compare. */
function unadjusted(metric: MetricResult): string {
  return scaleOf(metric) === 'relative' && metric.relative.estimate !== null
    ? formatLift(metric.relative.estimate, { signed: true })
    : formatDifference(metric.absolute.estimate, metric);
}

/** The minimum detectable effect (statistics.md section 7) in words. */
export function detectableText(pilot: PilotEvidence, metric: MetricResult): string {
  const { one: unit, many: units } = unitNouns(pilot.pilot.unit);
  const { mde } = metric;
  if (metric.verdict === 'too-few' || mde === null) {
    const needed = metric.headline.randomization?.unitsNeeded;
    return `With this few ${units}, no effect could be shown at all, however large${needed ? `: ${formatCount(needed)} ${units} in each group would make it possible` : ''}. Plan the next pilot with \`fieldproof plan\` before it starts.`;
  }
  if (!detectableIsKnown(metric)) {
    return `No ${unit} differs from another in either group, so the smallest change this pilot could detect cannot be estimated.`;
  }
  // In percent only where the headline itself is (a control level at or below zero has no percent).
  const size =
    mde.relative !== null && scaleOf(metric) === 'relative'
      ? `${formatLift(mde.relative)} (${formatDifference(mde.absolute, metric, { signed: false })})`
      : formatDifference(mde.absolute, metric, { signed: false });
  const adjusted = metric.headline.basis === 'adjusted' ? `, comparing each ${unit} with their own level before the pilot as the headline does` : '';
  const lead =
    `With ${formatCount(metric.pilot.units)} pilot and ${formatCount(metric.control.units)} control ${units}, ` +
    `this pilot would detect a true change in ${midSentence(metric.label)} of about ${size} or more, 8 times out of 10${adjusted}.`;
  switch (metric.verdict) {
    case 'inconclusive':
      return `${lead} A real effect smaller than that could easily go unseen: "inconclusive" means "not shown", not "no effect". A larger or longer pilot would narrow the interval.`;
    case 'win':
    case 'loss':
      return `${lead} The effect it found is clear of zero, so the pilot was large enough for this one.`;
    default:
      return metric.verdict satisfies never;
  }
}

/** The detectable effect as a short figure for the every-metric table. */
export function detectableSize(metric: MetricResult): string {
  const { mde } = metric;
  if (metric.verdict === 'too-few' || mde === null) return 'none: too few units';
  if (!detectableIsKnown(metric)) return 'not known (no variation)';
  return mde.relative !== null && scaleOf(metric) === 'relative'
    ? `\u00b1${formatLift(mde.relative)}`
    : `\u00b1${formatDifference(mde.absolute, metric, { signed: false })}`;
}

interface RolloutWords {
  headline: string;
  caveat: string;
}

/** The rollout projection (statistics.md section 8) in words, or null without one. */
export function rolloutText(pilot: PilotEvidence, metric: MetricResult): RolloutWords | null {
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
      `(${level} interval: ${rollout.low === null ? 'no lower limit' : formatDifference(rollout.low, metric)} to ${rollout.high === null ? 'no upper limit' : formatDifference(rollout.high, metric)}).`,
    caveat: `This assumes the effect seen in the pilot carries over to every one of the ${formatCount(rollout.units)}, including those unlike the pilot's ${unitNouns(pilot.pilot.unit).many}.`,
  };
}

/** Plain names of the methods behind a metric, each with its methodology anchor: the headline's first. */
export function methodsOf(metric: MetricResult): { name: string; anchor: string }[] {
  const methods: { name: string; anchor: string }[] = [];
  if (metric.headline.method === 'randomization') {
    methods.push({ name: 'randomization test and its interval (the headline)', anchor: 'randomization' });
  } else {
    methods.push({ name: 'Newcombe hybrid score interval for two proportions, with its own p-value (the headline)', anchor: 'newcombe' });
  }
  switch (metric.method) {
    case 'welch':
      methods.push({ name: 'Welch interval for the difference of means (large-sample check)', anchor: 'welch' });
      break;
    case 'delta':
      methods.push({ name: 'delta-method interval for a ratio of sums (large-sample check)', anchor: 'delta' });
      break;
    case 'newcombe':
      break;
    default:
      metric.method satisfies never;
  }
  if (metric.relative.estimate !== null) {
    methods.push(
      metric.method === 'newcombe'
        ? { name: 'Katz log interval for the relative change', anchor: 'katz' }
        : { name: 'Fieller interval for the relative change (large-sample check)', anchor: 'fieller' },
    );
  }
  if (metric.adjusted) {
    methods.push(
      metric.adjusted.method === 'ancova'
        ? { name: 'ANCOVA adjustment for each unit\u2019s baseline', anchor: 'ancova' }
        : { name: 'weighted regression adjustment for each unit\u2019s baseline rate', anchor: 'weighted-ancova' },
    );
  }
  methods.push({ name: 'exact power for what the pilot could detect', anchor: 'power' });
  return methods;
}

export function hypothesisNote(pilot: PilotEvidence, history: HypothesisHistory): HypothesisNote {
  const started = pilot.pilot.started;
  switch (history.status) {
    case 'committed': {
      const lead = daysBetween(history.date, started);
      if (lead > 0) {
        return {
          tone: 'pre-registered',
          text: `First committed on ${day(history.date)}, ${count(lead, 'day')} before the pilot started: written before any result existed.`,
        };
      }
      if (lead === 0) return { tone: 'pre-registered', text: `First committed on ${day(history.date)}, the day the pilot started.` };
      return {
        tone: 'after-start',
        text: `First committed in this form on ${day(history.date)}, ${count(-lead, 'day')} after the pilot started on ${day(started)}: it may have been written or changed knowing early results.`,
      };
    }
    case 'uncommitted':
      return { tone: 'unknown', text: 'Not yet committed to git in this form, so its date cannot be shown.' };
    case 'unavailable':
      return { tone: 'unknown', text: `The date it was written is not available (${history.reason}).` };
  }
}

/** A funnel's section, or null for any other metric. */
function funnelSection(metric: MetricResult, confidence: number): FunnelSection | null {
  const gain = funnelGainSentence(metric, confidence);
  const stages = metric.stages;
  if (gain === null || stages === undefined) return null;
  const last = stages.at(-1)?.label ?? '';
  return {
    metric,
    headingId: `funnel-${metric.id}-title`,
    title: `${metric.label}, stage by stage`,
    intro:
      `Every lead handed off, followed through each stage: each bar is the share of a group’s leads handed off that reached the stage. ` +
      `${metric.label} is the share that reached the last stage (“${last}”). The table compares each stage’s rate from the stage before, with its interval.`,
    gain,
    table: {
      label: `${metric.label}: each stage, pilot and control`,
      columns: { stage: 'Stage', pilot: 'Pilot', control: 'Control', change: `Change (${formatConfidence(confidence)} interval)`, verdict: 'Verdict' },
      rows: funnelRows(metric).map((row): FunnelTableRow => {
        const cell = (arm: 'pilot' | 'control') => (row.over === null ? row[arm].count : `${row[arm].ofPrevious} (${row[arm].count})`);
        const missing = row.over !== null && row.change === null ? 'not computed' : null;
        return { label: row.label, over: row.over, pilot: cell('pilot'), control: cell('control'), change: row.change ?? missing, interval: row.interval ?? row.refused, verdict: row.verdict };
      }),
    },
  };
}
