/**
 * The overview as data, for an executive browsing every pilot at once: the
 * tally by verdict, the words of its link preview, the axis every pilot's
 * lift shares, and a card per pilot (or, past a threshold, one compact table:
 * src/charts/forest-table.ts). The page (src/pages/index.astro) only places
 * what this returns.
 */
import type { PilotEvidence } from '../evidence.ts';
import type { MetricResult, PilotStatus, Verdict } from '../results.ts';
import type { PlannedPilot } from '../plan.ts';
import { count, day, formatConfidence, formatCount, formatLift } from './format.ts';
import { commonDomain, guardrailMark, headlineText, notDrawnWhy, onCommonAxis, primaryResult, relativeAside } from './headline.ts';
import { evidencePhrase, INTERIM, LOWER_IS_BETTER, unitNouns } from './words.ts';

/**
 * With more published pilots than this, the overview shows one table instead
 * of a card per pilot and the forest plot. Each card carries a Plot strip,
 * its caption and data table (about 2.6 kB), and the forest plot adds about
 * 0.9 kB per concluded pilot, so the overview passes its 150 kB budget (HTML
 * and CSS) at around 40 pilots; 24 leaves room for long titles and
 * summaries. Two dozen cards is also about as many as a reader scans before
 * wanting a list they can run down.
 */
export const FOREST_TABLE_THRESHOLD = 24;

/** Whether the overview of this many published pilots is the table. */
export function overviewIsTable(pilotCount: number): boolean {
  return pilotCount > FOREST_TABLE_THRESHOLD;
}

export interface PilotCardModel {
  slug: string;
  titleId: string;
  title: string;
  summary: string | null;
  status: PilotStatus;
  verdict: Verdict;
  /** "Strong evidence": the design's evidence level (statistics.md section 13), when known. */
  evidence: { level: 'strong' | 'moderate' | 'weak'; label: string } | null;
  interim: string | null;
  metricLabel: string;
  lowerIsBetter: string | null;
  change: string;
  /** "95% interval: +3% to +30%" */
  interval: string;
  /** The strip's input: the metric on the shared axis; null when its lift has no percent interval. */
  strip: { metric: MetricResult; domain: [number, number]; confidence: number; id: string } | null;
  /** Under the figures: why there is no strip, or what the strip draws for a rate headlined in points. */
  note: string | null;
  /** "Guardrail: possible harm to win rate" when a guardrail is not cleared; null otherwise. */
  guardrail: string | null;
}

export interface OverviewModel {
  /** The link preview's text. */
  description: string;
  tally: { count: number; label: string }[] | null;
  domain: [number, number];
  /** Whether the overview is the compact table (many pilots) rather than the forest plot and cards. */
  table: boolean;
  /** Said beside the forest plot when a rate headlined in points is drawn at its relative change. */
  forestNote: string;
  cards: PilotCardModel[];
  /** Planned pilots, soonest start first: what is coming, and that its plan was written first. */
  plans: PlanCardModel[];
  pilots: readonly PilotEvidence[];
}

export interface PlanCardModel {
  slug: string;
  titleId: string;
  title: string;
  summary: string | null;
  /** "Starts 11 Jan 2027" */
  when: string;
  /** "12 vs 12 reps, split at random within 2 blocks", or that the split is still to be drawn. */
  design: string;
  /** "Could detect about 15% or more", or null when not sized. */
  detectable: string | null;
}

export function overviewModel(pilots: readonly PilotEvidence[], plans: readonly PlannedPilot[] = []): OverviewModel {
  const domain = commonDomain(pilots.map((pilot) => primaryResult(pilot.results)));
  const concluded = pilots.filter((pilot) => pilot.results.status === 'concluded');
  const running = pilots.length - concluded.length;
  const verdicts = (verdict: Verdict) => concluded.filter((pilot) => primaryResult(pilot.results).verdict === verdict).length;
  const [wins, losses, open, tooFew] = [verdicts('win'), verdicts('loss'), verdicts('inconclusive'), verdicts('too-few')];
  // A rate is headlined in percentage points but drawn at its relative change on the shared axis.
  const ratesDrawnRelative = concluded.some((pilot) => relativeAside(primaryResult(pilot.results)) !== null);
  const table = overviewIsTable(pilots.length);
  return {
    description:
      pilots.length === 0
        ? 'No pilots published yet.'
        : `${count(pilots.length, 'sales pilot')} measured against a control group: ${wins} of ${concluded.length} concluded ${concluded.length === 1 ? 'pilot' : 'pilots'} clearly improved ${concluded.length === 1 ? 'its' : 'their'} primary metric` +
          `${losses > 0 ? `, ${losses} made it worse` : ''}${running > 0 ? `; ${running} still running` : ''}.`,
    tally:
      pilots.length === 0
        ? null
        : [
            { count: pilots.length, label: `published ${pilots.length === 1 ? 'pilot' : 'pilots'}` },
            { count: wins, label: wins === 1 ? 'win' : 'wins' },
            { count: losses, label: losses === 1 ? 'loss' : 'losses' },
            { count: open, label: 'inconclusive' },
            // Shown only when there is one: most sites never have a pilot this small.
            ...(tooFew > 0 ? [{ count: tooFew, label: 'too few units' }] : []),
            { count: running, label: INTERIM.status },
            ...(plans.length > 0 ? [{ count: plans.length, label: 'planned' }] : []),
          ],
    domain,
    table,
    forestNote: ratesDrawnRelative ? ': a rate, headlined in percentage points, is drawn at its relative change, and labelled with both.' : '.',
    cards: table ? [] : pilots.map((pilot) => pilotCard(pilot, domain)),
    plans: plans.map(planCard),
    pilots,
  };
}

function planCard({ slug, pilot, plan }: PlannedPilot): PlanCardModel {
  const { many: units } = unitNouns(pilot.unit);
  const design = plan.design;
  const how = design === null ? '' : { complete: ', split at random', blocked: `, split at random within ${count(design.blocks.length, 'block')}`, pairs: ', split at random within matched pairs' }[design.design];
  return {
    slug,
    titleId: `plan-${slug}`,
    title: plan.title,
    summary: pilot.summary ?? null,
    when: `Starts ${day(plan.started)}`,
    design: design === null ? `The ${units} are still to be assigned` : `${formatCount(design.units.pilot)} vs ${formatCount(design.units.control)} ${units}${how}${design.tooFew ? ': too few for a result' : ''}`,
    detectable: plan.detectable?.relative != null ? `Could detect a change of about ${formatLift(plan.detectable.relative)} or more` : null,
  };
}

function pilotCard(pilot: PilotEvidence, domain: [number, number]): PilotCardModel {
  const metric = primaryResult(pilot.results);
  const text = headlineText(metric);
  const interim = pilot.results.status === 'running';
  const drawn = onCommonAxis(metric) !== null;
  const aside = relativeAside(metric);
  return {
    slug: pilot.slug,
    titleId: `card-${pilot.slug}`,
    title: pilot.results.title,
    summary: pilot.pilot.summary ?? null,
    status: pilot.results.status,
    verdict: metric.verdict,
    evidence: pilot.results.evidence ? { level: pilot.results.evidence.level, label: evidencePhrase(pilot.results.evidence.level) } : null,
    interim: interim ? INTERIM.note : null,
    metricLabel: metric.label,
    lowerIsBetter: metric.better === 'lower' ? ` (${LOWER_IS_BETTER})` : null,
    change: text.change,
    interval: `${formatConfidence(pilot.results.confidence)} interval: ${text.interval}`,
    strip: drawn ? { metric, domain, confidence: pilot.results.confidence, id: `strip-${pilot.slug}` } : null,
    note: drawn ? (aside === null ? null : `Drawn as a relative change on the axis all pilots share: ${aside}.`) : notDrawnWhy(metric),
    guardrail: guardrailMark(pilot.results),
  };
}
