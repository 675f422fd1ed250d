/**
 * What a preview card says (the 1200x630 picture a chat app shows under a
 * shared link), in words: src/site/card.ts lays it out and draws it.
 */
import type { PilotEvidence } from '../evidence.ts';
import type { Verdict } from '../results.ts';
import { count, formatConfidence } from './format.ts';
import { guardrailMark, hasInterval, headlineOf, headlineText, labelWithDirection, notDrawnWhy, percentCaveat, primaryResult, scaleFormat } from './headline.ts';
import { armsPhrase, decisionPhrase, evidencePhrase, INTERIM, spelledPoints } from './words.ts';

/** Everything a card shows, already in words: the layout below only places it. */
export interface CardContent {
  kicker: string;
  status: string;
  /** True while the pilot runs: the card says "interim". */
  interim: boolean;
  title: string;
  metric: string;
  lift: string;
  interval: string;
  verdict: Verdict | null;
  /** The headline interval on its own axis, with the labels of its ends. */
  bar: { low: number; high: number; estimate: number; lowText: string; highText: string } | null;
  /** Said in place of the bar when there is none. */
  note: string | null;
  /** "Guardrail: possible harm to win rate" when a guardrail is not cleared; null otherwise. */
  guardrail: string | null;
  footer: string;
}

/**
 * The card shows at most two lines of title (about 70 characters) and lays
 * out whatever it is given: a title of 20,000 characters took satori seconds
 * to lay out only to be cut. Past CARD_TITLE_MOST characters the rest is
 * left out before layout; the card looks the same.
 */
export const CARD_TITLE_MOST = 200;

export function cardTitle(title: string): string {
  if (title.length <= CARD_TITLE_MOST) return title;
  const characters = Array.from(title.slice(0, CARD_TITLE_MOST + 1)).slice(0, CARD_TITLE_MOST);
  return `${characters.join('')}\u2026`;
}

export function pilotCardContent(pilot: PilotEvidence, options: { host: string }): CardContent {
  const metric = primaryResult(pilot.results);
  const numbers = headlineOf(metric);
  const text = headlineText(metric);
  const scale = scaleFormat(metric);
  const drawn = scale.pick(numbers);
  const interim = pilot.results.status === 'running';
  const { low, high } = drawn;
  const needed = metric.headline.randomization?.unitsNeeded ?? null;
  return {
    kicker: 'Sales pilot evidence',
    status: interim ? INTERIM.card : pilot.results.decision ? `Concluded \u00b7 ${decisionPhrase(pilot.results.decision.outcome)}` : 'Concluded',
    interim,
    title: cardTitle(pilot.results.title),
    metric: labelWithDirection({ ...metric, label: `${metric.label}${numbers.adjusted ? ', adjusted for baseline' : ''}` }),
    lift: spelledPoints(text.change),
    interval: `${formatConfidence(pilot.results.confidence)} interval: ${spelledPoints(text.interval.replace(' (not in %)', ''))}`,
    verdict: metric.verdict,
    // The bar needs both ends: an interval with no limit on a side is told in words instead.
    // Nor for a result without a verdict: a bar clear of zero would say otherwise.
    bar: hasInterval(metric) && low !== null && high !== null ? { estimate: drawn.estimate, low, high, lowText: spelledPoints(scale.format(low)), highText: spelledPoints(scale.format(high)) } : null,
    note:
      metric.verdict === 'too-few'
        ? `Too few units for any result${needed === null ? '' : `: ${count(needed, 'unit')} per group would make one possible`}.`
        : metric.headline.reason !== null
          ? notDrawnWhy(metric)
          : percentCaveat(metric),
    guardrail: guardrailMark(pilot.results),
    footer: [options.host, armsPhrase(pilot.pilot.unit, pilot.results.units), ...(pilot.results.evidence ? [evidencePhrase(pilot.results.evidence.level).toLowerCase()] : [])].join(' \u00b7 '),
  };
}

export function overviewCardContent(pilots: readonly PilotEvidence[], options: { host: string }): CardContent {
  const concluded = pilots.filter((pilot) => pilot.results.status === 'concluded');
  const wins = concluded.filter((pilot) => primaryResult(pilot.results).verdict === 'win').length;
  const running = pilots.length - concluded.length;
  return {
    kicker: 'Sales pilot evidence',
    status: running > 0 ? `${running} running` : 'All concluded',
    interim: false,
    title: `${count(pilots.length, 'pilot')}, every result with its honest interval`,
    metric: 'Concluded pilots whose primary metric clearly improved',
    lift: `${wins} of ${concluded.length}`,
    interval: 'Pilot versus control, with confidence intervals',
    verdict: null,
    bar: null,
    note: null,
    guardrail: null,
    footer: options.host,
  };
}

