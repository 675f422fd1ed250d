/**
 * What a preview card says (the 1200x630 picture a chat app shows under a
 * shared link), in words: src/site/card.ts lays it out and draws it.
 */
import type { PilotEvidence } from '../evidence.ts';
import type { Verdict } from '../results.ts';
import { count, formatConfidence } from './format.ts';
import { guardrailMark, hasInterval, headlineOf, headlineText, labelWithDirection, notDrawnWhy, percentCaveat, primaryResult, scaleFormat } from './headline.ts';
import { evidencePhrase, INTERIM } from './words.ts';

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
    status: interim ? INTERIM.card : 'Concluded',
    interim,
    title: pilot.results.title,
    metric: labelWithDirection({ ...metric, label: `${metric.label}${numbers.adjusted ? ', adjusted for baseline' : ''}` }),
    lift: text.change,
    interval: `${formatConfidence(pilot.results.confidence)} interval: ${text.interval.replace(' (not in %)', '')}`,
    verdict: metric.verdict,
    // The bar needs both ends: an interval with no limit on a side is told in words instead.
    // Nor for a result without a verdict: a bar clear of zero would say otherwise.
    bar: hasInterval(metric) && low !== null && high !== null ? { estimate: drawn.estimate, low, high, lowText: scale.format(low), highText: scale.format(high) } : null,
    note:
      metric.verdict === 'too-few'
        ? `Too few units for any result${needed === null ? '' : `: ${count(needed, 'unit')} per group would make one possible`}.`
        : metric.headline.reason !== null
          ? notDrawnWhy(metric)
          : percentCaveat(metric),
    guardrail: guardrailMark(pilot.results),
    footer: [options.host, `${count(pilot.results.units.pilot, 'pilot unit')} vs ${count(pilot.results.units.control, 'control unit')}`, ...(pilot.results.evidence ? [evidencePhrase(pilot.results.evidence.level).toLowerCase()] : [])].join(' \u00b7 '),
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

