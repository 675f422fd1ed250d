/**
 * The overview's "every pilot" table (a forest table): the forest plot and
 * the cards in one compact, accessible table once a site has too many pilots
 * for a card each. One row per pilot in the order given (newest first), with
 * the primary metric's change and interval in words, exactly as the card
 * words them (headlineText, formatConfidence), a small interval bar on the
 * axis all rows share (interval-bar.ts), and the verdict.
 *
 * This is the model: it computes every row's words and markup; the view,
 * src/components/ForestTable.astro, only renders them.
 */
import type { PilotEvidence } from '../core/evidence.ts';
import { formatConfidence } from '../core/present/format.ts';
import type { MetricResult, Verdict } from '../core/results.ts';
import { liftTick } from '../core/present/format.ts';
import { guardrailMark, headlineText, notDrawnWhy, onCommonAxis, primaryResult, relativeAside } from '../core/present/headline.ts';
import { barAxisSvg, intervalBarSvg } from './interval-bar.ts';
import { valueAtStake } from '../core/present/overview-model.ts';
import { decisionLine, evidencePhrase, spelledPoints } from '../core/present/words.ts';

export interface ForestTableRow {
  slug: string;
  title: string;
  /** A running pilot: its numbers are interim. */
  interim: boolean;
  /** The primary metric's label. */
  metric: string;
  lowerIsBetter: boolean;
  /** "+12%", "+1.2 pp" or "+$1,200", as on the pilot's card. */
  change: string;
  /** The confidence level, "95%"; the page writes "95% interval: +3% to +30%", as the card does. */
  level: string;
  /** "+3% to +30%", or in the metric's units, as on the card (headlineText). */
  interval: string;
  verdict: Verdict;
  /** The interval bar's SVG markup (aria-hidden), or null when the lift has no percent interval. */
  bar: string | null;
  /** Under the bar: that a headline in points is drawn as a relative change; or, with no bar, why. */
  note: string | null;
  /** "Guardrail: possible harm to win rate" when a guardrail is not cleared, as on the pilot's card. */
  guardrail: string | null;
  /** "Moderate evidence": the design's evidence level, when known. */
  evidence: string | null;
  /** "Rolled out on 15 Jun 2026 by Dana Ruiz", once decided. */
  decision: string | null;
  /** The primary metric's rollout projection, as on the pilot's card; null without one. */
  valueAtStake: string | null;
}

export interface ForestTable {
  /** The shared axis for the table head, as SVG markup (aria-hidden). */
  axis: string;
  rows: ForestTableRow[];
}

/** A rate headlined in points is drawn at its relative lift: say which, so the bar and the words match. */
function drawnRelative(metric: MetricResult): string | null {
  const aside = relativeAside(metric);
  return aside === null ? null : `Drawn as a relative change: ${aside}.`;
}

export function forestTable(pilots: readonly PilotEvidence[], options: { domain: [number, number] }): ForestTable {
  const rows = pilots.map((pilot): ForestTableRow => {
    const metric = primaryResult(pilot.results);
    const text = headlineText(metric);
    const relative = onCommonAxis(metric);
    const bar = relative ? intervalBarSvg(options.domain, relative, { className: `ib-${metric.verdict}` }) : null;
    return {
      slug: pilot.slug,
      title: pilot.results.title,
      interim: pilot.results.status === 'running',
      metric: metric.label,
      lowerIsBetter: metric.better === 'lower',
      change: spelledPoints(text.change),
      level: formatConfidence(pilot.results.confidence),
      interval: spelledPoints(text.interval),
      verdict: metric.verdict,
      bar,
      note: bar ? drawnRelative(metric) : notDrawnWhy(metric),
      guardrail: guardrailMark(pilot.results),
      evidence: pilot.results.evidence ? evidencePhrase(pilot.results.evidence.level) : null,
      decision: pilot.results.decision ? decisionLine(pilot.results.decision) : null,
      valueAtStake: valueAtStake(pilot, metric),
    };
  });
  return { axis: barAxisSvg(options.domain, liftTick), rows };
}
