/**
 * Every word and number a qualification evidence page, its preview card and
 * its overview row show, from its results document. Pure: the page
 * (src/components/QualificationView.astro) and the chart only place them.
 */
import type { QualificationEvidence, QualificationResults, TippingPointResult, WinRate } from '../qualification-analysis.ts';
import type { CardContent } from './card-model.ts';
import { cardTitle } from './card-model.ts';
import { count, day, formatConfidence, formatCount, formatP, formatPoints } from './format.ts';
import { spelledPoints } from './words.ts';

export const QUALIFICATION_KICKER = 'Lead qualification evidence';

/**
 * Said once on every page: the leads were not assigned at random, so a
 * criterion that goes with winning may do so because of what else such leads
 * have. Short on purpose: it must be read, not skipped.
 */
export const OBSERVATIONAL =
  'These are leads as they came, not a randomized test: the numbers show which criteria went with winning, not that meeting a criterion causes a win. A criterion may also stand in for something else those leads had.';

export interface WinRateRow {
  /** "3 of 4", or a criterion's name. */
  label: string;
  leads: string;
  wins: string;
  rate: string;
  interval: string;
}

export interface CriterionRow {
  label: string;
  /** The column, shown when a label replaces it. */
  column: string | null;
  met: string;
  notMet: string;
  difference: string;
  interval: string;
  /** How the interval reads: higher, lower or unclear when met. */
  reading: 'higher' | 'lower' | 'unclear' | 'no comparison';
  readingText: string;
}

export interface QualificationModel {
  slug: string;
  title: string;
  /** For search engines and link previews: the tipping point sentence. */
  description: string;
  imageAlt: string;
  kicker: string;
  /** The file's tags, shown beside the kicker (the overview's facets are the pilots'). */
  tags: string[];
  question: string;
  /** The file's own summary, attributed: what was computed is the headline, never the summary (issue #15). */
  summary: { text: string; attribution: string } | null;
  owner: string | null;
  /** The tipping point in one sentence: the page's headline and the card's. */
  headline: string;
  /** The evidence for it, with the permutation p, in plain words. */
  evidence: string;
  clear: boolean;
  observational: string;
  keyNumbers: { label: string; value: string }[];
  byCriteriaMet: { title: string; intro: string; rows: WinRateRow[] };
  criteria: { title: string; intro: string; rows: CriterionRow[] };
  notes: string[];
  /** The overview's line about it. */
  overviewLine: string;
}

const percent = (fraction: number): string => `${Math.round(fraction * 100)}%`;

function rateText(rate: WinRate): string {
  return rate.rate === null ? 'no leads' : `${percent(rate.rate)} (${formatCount(rate.wins)} of ${formatCount(rate.leads)})`;
}

function intervalText(rate: WinRate): string {
  return rate.interval === null ? '\u2013' : `${percent(rate.interval.low)} to ${percent(rate.interval.high)}`;
}

function pointsRange(low: number, high: number): string {
  return spelledPoints(`${formatPoints(low, { signed: true })} to ${formatPoints(high, { signed: true })}`);
}

/** How many reshuffles gave a gap at least as large: p = (1 + that) / (1 + draws). */
function reshufflesAsLarge(tipping: TippingPointResult): string {
  const times = Math.max(0, Math.round(tipping.p * (tipping.draws + 1)) - 1);
  return times === 0 ? 'in none of them' : times === 1 ? 'once' : times === 2 ? 'twice' : `${formatCount(times)} times`;
}

export function tippingSentence(results: QualificationResults): string {
  const tipping = results.tippingPoint;
  const criteria = results.criteria.length;
  if (tipping === null) return 'No tipping point can be shown: every lead met the same number of criteria.';
  const rule = `${tipping.threshold} or more of the ${criteria} criteria`;
  const gap = spelledPoints(formatPoints(tipping.difference.estimate, { signed: true }));
  if (!tipping.clear) {
    return `No clear tipping point: the largest jump in win rate, at ${rule}, is ${gap}, a gap that picking the best of ${count(thresholdsOf(results), 'threshold')} finds by chance alone too often to rely on.`;
  }
  return `Leads meeting ${rule} won ${percent(tipping.atLeast.rate ?? 0)} of the time, against ${percent(tipping.below.rate ?? 0)} for the rest: ${gap}.`;
}

/** The thresholds the tipping point was picked from: those with leads on both sides. */
function thresholdsOf(results: QualificationResults): number {
  let below = 0;
  let thresholds = 0;
  for (let t = 1; t < results.byCriteriaMet.length; t += 1) {
    below += results.byCriteriaMet[t - 1]?.leads ?? 0;
    if (below > 0 && below < results.leads.used) thresholds += 1;
  }
  return thresholds;
}

function evidenceSentence(results: QualificationResults): string {
  const tipping = results.tippingPoint;
  if (tipping === null) return 'With every lead on one side of every threshold there is nothing to compare.';
  if (tipping.draws === 0) return `Every lead had the same outcome, so no threshold can separate winners from the rest (${formatP(tipping.p)}).`;
  const level = formatConfidence(results.confidence);
  const interval = `${level} interval, ${pointsRange(tipping.difference.low, tipping.difference.high)},`;
  const picked = `The threshold was picked as the one with the largest gap, so the test allows for that: which leads won was reshuffled at random ${formatCount(tipping.draws)} times, and each time the largest gap over all ${count(thresholdsOf(results), 'threshold')} was found.`;
  const came = `A gap as large as this one came up ${reshufflesAsLarge(tipping)} (${formatP(tipping.p)})`;
  return tipping.clear
    ? `${picked} ${came}, so the tipping point is not an artefact of choosing the best threshold. Its ${interval} is for this threshold alone, as if chosen in advance: read it as a little optimistic.`
    : `${picked} ${came}: too often to rely on, so the data do not point to a threshold sales can use; gather more leads before setting one. (Its ${interval} taken alone, ignores that the threshold was picked after looking.)`;
}

function criterionRow(results: QualificationResults, criterion: QualificationResults['criteria'][number]): CriterionRow {
  const { difference } = criterion;
  const level = formatConfidence(results.confidence);
  const column = criterion.label === criterion.column ? null : criterion.column;
  const base = { label: criterion.label, column, met: rateText(criterion.met), notMet: rateText(criterion.notMet) };
  if (difference === null) {
    const everyone = criterion.notMet.leads === 0;
    return { ...base, difference: '\u2013', interval: '\u2013', reading: 'no comparison', readingText: everyone ? 'Every lead met it: nothing to compare.' : 'No lead met it: nothing to compare.' };
  }
  const reading = difference.low > 0 ? 'higher' : difference.high < 0 ? 'lower' : 'unclear';
  const readingText =
    reading === 'higher'
      ? `Leads meeting it won clearly more often (${level} interval above zero).`
      : reading === 'lower'
        ? `Leads meeting it won clearly less often (${level} interval below zero).`
        : 'The interval includes no difference: this criterion alone does not tell winners apart.';
  return {
    ...base,
    difference: spelledPoints(formatPoints(difference.estimate, { signed: true })),
    interval: pointsRange(difference.low, difference.high),
    reading,
    readingText,
  };
}

export function qualificationModel(evidence: QualificationEvidence): QualificationModel {
  const { results, qualification } = evidence;
  const criteria = results.criteria.length;
  const level = formatConfidence(results.confidence);
  const headline = tippingSentence(results);
  const notes = [
    `${count(results.leads.read, 'lead')} read from ${results.data}, ${formatCount(results.leads.used)} used.`,
    ...results.warnings,
    `Each interval is at ${level} on its own; with ${count(criteria, 'criterion', 'criteria')} compared, one may miss by chance.`,
  ];
  return {
    slug: evidence.slug,
    title: results.title,
    description: headline,
    imageAlt: `${results.title}: ${headline}`,
    kicker: QUALIFICATION_KICKER,
    tags: qualification.tags ?? [],
    question: results.question,
    summary:
      qualification.summary === undefined
        ? null
        : { text: qualification.summary, attribution: qualification.owner === undefined ? 'In the words of its author:' : `In the words of ${qualification.owner}:` },
    owner: qualification.owner ?? null,
    headline,
    evidence: evidenceSentence(results),
    clear: results.tippingPoint?.clear === true,
    observational: OBSERVATIONAL,
    keyNumbers: [
      { label: 'Leads', value: formatCount(results.leads.used) },
      { label: 'Won', value: results.overall.rate === null ? '\u2013' : `${percent(results.overall.rate)} (${formatCount(results.overall.wins)})` },
      { label: 'Criteria', value: formatCount(criteria) },
      ...(results.period ? [{ label: 'Leads dated', value: `${day(results.period.first)} to ${day(results.period.last)}` }] : []),
    ],
    byCriteriaMet: {
      title: 'Win rate by number of criteria met',
      intro: `Each lead counted once, by how many of the ${count(criteria, 'criterion', 'criteria')} it met, with the ${level} interval of its group's win rate (Wilson).`,
      rows: results.byCriteriaMet.map((group) => ({
        label: `${group.met} of ${criteria}`,
        leads: formatCount(group.leads),
        wins: formatCount(group.wins),
        rate: group.rate === null ? 'no leads' : percent(group.rate),
        interval: intervalText(group),
      })),
    },
    criteria: {
      title: 'Each criterion on its own',
      intro: `Win rate of leads meeting each criterion against those not meeting it, the difference in percentage points with its ${level} interval (Newcombe). Each is taken alone: criteria that usually come together share their credit.`,
      rows: results.criteria.map((criterion) => criterionRow(results, criterion)),
    },
    notes,
    overviewLine: headline,
  };
}

/** The preview card: the tipping point sentence as its headline. */
export function qualificationCardContent(evidence: QualificationEvidence, options: { host: string }): CardContent {
  const { results } = evidence;
  const tipping = results.tippingPoint;
  const clear = tipping?.clear === true;
  return {
    kicker: QUALIFICATION_KICKER,
    status: 'Observational',
    interim: false,
    title: cardTitle(results.title),
    metric: tipping === null ? 'Win rate by criteria met' : `Win rate, ${tipping.threshold}+ of ${results.criteria.length} criteria vs fewer`,
    lift: tipping === null || !clear ? 'No clear tipping point' : spelledPoints(formatPoints(tipping.difference.estimate, { signed: true })).replace(' points', ' pts'),
    interval: tipping === null ? `${count(results.leads.used, 'lead')}` : `${formatConfidence(results.confidence)} interval: ${pointsRange(tipping.difference.low, tipping.difference.high)}; ${formatP(tipping.p)}, best of ${count(thresholdsOf(results), 'threshold')}`,
    verdict: null,
    bar:
      tipping === null || !clear
        ? null
        : {
            estimate: tipping.difference.estimate,
            low: tipping.difference.low,
            high: tipping.difference.high,
            lowText: spelledPoints(formatPoints(tipping.difference.low, { signed: true })),
            highText: spelledPoints(formatPoints(tipping.difference.high, { signed: true })),
          },
    note: cardNote(results),
    guardrail: null,
    footer: [options.host, count(results.leads.used, 'lead')].join(' \u00b7 '),
  };
}

/** The card's line under the number: short, since the card has room for two lines at most. */
function cardNote(results: QualificationResults): string {
  const tipping = results.tippingPoint;
  if (tipping === null) return 'Every lead met the same number of criteria.';
  const rates = `${percent(tipping.atLeast.rate ?? 0)} vs ${percent(tipping.below.rate ?? 0)}`;
  return tipping.clear
    ? `Leads meeting ${tipping.threshold} or more won ${rates} for the rest. Observational, not a randomized test.`
    : `The largest jump, at ${tipping.threshold} or more (${rates}), is within what chance gives when picking the best threshold.`;
}

export interface QualificationListModel {
  title: string;
  intro: string;
  items: { slug: string; titleId: string; title: string; line: string; leads: string }[];
}

/**
 * The overview's section of qualification evidence, apart from the pilots:
 * they have no verdict, control group or lift, so the tally, facets,
 * portfolio line and every-pilot table are the pilots' alone. Null when
 * there is none.
 */
export function qualificationListModel(evidence: readonly QualificationEvidence[]): QualificationListModel | null {
  if (evidence.length === 0) return null;
  return {
    title: 'Lead qualification evidence',
    intro: 'Which qualification criteria went with winning, and how many a lead must meet before its win rate jumps. Leads as they came, not a randomized test.',
    items: evidence.map((entry) => ({
      slug: entry.slug,
      titleId: `qualification-${entry.slug}`,
      title: entry.results.title,
      line: tippingSentence(entry.results),
      leads: `${count(entry.results.leads.used, 'lead')}, ${count(entry.results.criteria.length, 'criterion', 'criteria')}`,
    })),
  };
}
