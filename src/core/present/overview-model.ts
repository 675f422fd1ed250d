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
import type { DecisionOutcome } from '../pilot-terms.ts';
import { portfolioOf, type Portfolio } from '../portfolio.ts';
import { count, day, formatConfidence, formatCount, formatDifference, formatLift } from './format.ts';
import { periodText, pilotLength } from './report-model.ts';
import { commonDomain, guardrailMark, headlineText, inDaysByChoice, notDrawnWhy, onCommonAxis, primaryResult, relativeAside } from './headline.ts';
import { armsPhrase, decisionLine, decisionPhrase, evidencePhrase, INTERIM, LOWER_IS_BETTER, spelledPoints, unitNouns } from './words.ts';

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
  /** "12 reps vs 14 reps" */
  units: string;
  /** "2 Mar to 31 May 2026 (13 weeks)", or "Since 2 Mar 2026, still running" */
  period: string;
  /** The rollout projection of the primary metric, in one sentence: what is at stake; null without one. */
  valueAtStake: string | null;
  /** What was decided, once recorded. */
  decision: { outcome: DecisionOutcome; label: string; line: string } | null;
  /** "Guardrail: possible harm to win rate" when a guardrail is not cleared; null otherwise. */
  guardrail: string | null;
}

/**
 * Rows of the every-pilot table on one page. A row is about 0.7 kB of HTML
 * (its words, an interval bar and the verdict), so 100 rows keep a page near
 * 80 kB with its head and styles, well under the 150 kB budget; a thousand
 * pilots are ten pages, each a static page that needs no script.
 */
export const TABLE_PAGE_SIZE = 100;

/** How many pages the overview of this many published pilots takes: one, unless its table runs past TABLE_PAGE_SIZE rows. */
export function overviewPageCount(pilotCount: number): number {
  return overviewIsTable(pilotCount) ? Math.max(1, Math.ceil(pilotCount / TABLE_PAGE_SIZE)) : 1;
}

/** The address parts of an overview's pages after the first ("2", "3", ...), for the static routes. */
export function laterPages(pages: number): string[] {
  return Array.from({ length: Math.max(0, pages - 1) }, (_, index) => String(index + 2));
}

/** The address of page `page` of an overview at `basePath` ("" or "status/concluded/"): the first page is the overview itself. */
export function overviewPagePath(basePath: string, page: number): string {
  return page === 1 ? basePath : `${basePath}page/${page}/`;
}

/** The links between the pages of a long overview. */
export interface Paging {
  page: number;
  pages: number;
  /** "Pilots 101 to 200 of 1,000" */
  range: string;
  links: { label: string; path: string; current: boolean }[];
  previous: string | null;
  next: string | null;
}

export interface OverviewModel {
  /** The link preview's text. */
  description: string;
  /** The portfolio line at the top: pilots run, wins, decisions taken, and the value of what was rolled out; null with no pilots. */
  portfolio: { counts: string; value: string | null; valueHow: string | null } | null;
  tally: { count: number; label: string }[] | null;
  domain: [number, number];
  /** Whether the overview is the compact table (many pilots) rather than the forest plot and cards. */
  table: boolean;
  /** Said beside the forest plot when a rate headlined in points is drawn at its relative change. */
  forestNote: string;
  cards: PilotCardModel[];
  /** The order the table's rows follow, in words: "Newest first" or, once decisions are recorded, decided pilots first. */
  order: string;
  /** Which page of a long table this is, with the links to the others; null when everything fits on one page. */
  paging: Paging | null;
  /** Planned pilots, soonest start first: what is coming, and that its plan was written first. */
  plans: PlanCardModel[];
  /** The pilots this page lists, in the table's order: all of them, or one page of a long table. */
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

export interface OverviewPage {
  /** 1 for the overview itself. */
  page: number;
  /** Where the overview lives: "" for the site's own, "status/concluded/" for a filtered one. */
  basePath: string;
}

/**
 * The table's order: pilots with a recorded decision first, the latest
 * decision first, then the others as given (newest start first). An
 * executive opening a long list looks for what was decided, then what is new.
 */
export function tableOrder(pilots: readonly PilotEvidence[]): PilotEvidence[] {
  const decided = pilots.filter((pilot) => pilot.results.decision != null);
  decided.sort((a, b) => (b.results.decision?.date ?? '').localeCompare(a.results.decision?.date ?? ''));
  return [...decided, ...pilots.filter((pilot) => pilot.results.decision == null)];
}

/**
 * The overview's model; with more pilots than one table page holds, `page`
 * picks which rows this page lists. The tally, the portfolio line, the link
 * preview and the shared axis always count every pilot, so every page says
 * the same about the whole.
 */
export function overviewModel(pilots: readonly PilotEvidence[], plans: readonly PlannedPilot[] = [], page: OverviewPage = { page: 1, basePath: '' }): OverviewModel {
  const domain = commonDomain(pilots.map((pilot) => primaryResult(pilot.results)));
  const concluded = pilots.filter((pilot) => pilot.results.status === 'concluded');
  const running = pilots.length - concluded.length;
  const verdicts = (verdict: Verdict) => concluded.filter((pilot) => primaryResult(pilot.results).verdict === verdict).length;
  const [wins, losses, open, tooFew] = [verdicts('win'), verdicts('loss'), verdicts('inconclusive'), verdicts('too-few')];
  // A rate is headlined in percentage points but drawn at its relative change on the shared axis.
  const drawnRelative = concluded.map((pilot) => primaryResult(pilot.results)).filter((metric) => relativeAside(metric) !== null);
  const ratesDrawnRelative = drawnRelative.some((metric) => !inDaysByChoice(metric));
  const daysDrawnRelative = drawnRelative.some((metric) => inDaysByChoice(metric));
  const table = overviewIsTable(pilots.length);
  const ordered = table ? tableOrder(pilots) : [...pilots];
  const pages = overviewPageCount(pilots.length);
  if (!Number.isInteger(page.page) || page.page < 1 || page.page > pages) throw new RangeError(`the overview has ${pages} page(s), not a page ${page.page}`);
  const shown = pages === 1 ? ordered : ordered.slice((page.page - 1) * TABLE_PAGE_SIZE, page.page * TABLE_PAGE_SIZE);
  return {
    portfolio: pilots.length === 0 ? null : portfolioLine(portfolioOf(pilots)),
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
    forestNote: forestNoteOf(ratesDrawnRelative, daysDrawnRelative),
    cards: table ? [] : pilots.map((pilot) => pilotCard(pilot, domain)),
    order: table && ordered.some((pilot) => pilot.results.decision != null) ? 'Decided pilots first, the latest decision first; then the others, newest first' : 'Newest first',
    paging: pages === 1 ? null : pagingOf(page, pages, pilots.length),
    plans: plans.map(planCard),
    pilots: shown,
  };
}

function pagingOf({ page, basePath }: OverviewPage, pages: number, total: number): Paging {
  const first = (page - 1) * TABLE_PAGE_SIZE + 1;
  const last = Math.min(total, page * TABLE_PAGE_SIZE);
  const path = (n: number) => overviewPagePath(basePath, n);
  return {
    page,
    pages,
    range: `Pilots ${formatCount(first)} to ${formatCount(last)} of ${formatCount(total)}`,
    links: Array.from({ length: pages }, (_, index) => ({ label: String(index + 1), path: path(index + 1), current: index + 1 === page })),
    previous: page > 1 ? path(page - 1) : null,
    next: page < pages ? path(page + 1) : null,
  };
}

/** What the forest plot's shared percent axis does to a headline told in points or days. */
function forestNoteOf(rates: boolean, days: boolean): string {
  if (!rates && !days) return '.';
  const told = [rates ? 'a rate, headlined in percentage points' : null, days ? 'a time, headlined in days' : null].filter(Boolean).join(', and ');
  return `: ${told}, ${rates && days ? 'are' : 'is'} drawn at ${rates && days ? 'their' : 'its'} relative change, and labelled with both.`;
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
    change: spelledPoints(text.change),
    interval: `${formatConfidence(pilot.results.confidence)} interval: ${spelledPoints(text.interval)}`,
    strip: drawn ? { metric, domain, confidence: pilot.results.confidence, id: `strip-${pilot.slug}` } : null,
    note: drawn ? (aside === null ? null : `Drawn as a relative change on the axis all pilots share: ${spelledPoints(aside)}.`) : notDrawnWhy(metric),
    units: armsPhrase(pilot.pilot.unit, pilot.results.units),
    period: periodLine(pilot),
    valueAtStake: valueAtStake(pilot, metric),
    decision: pilot.results.decision ? { outcome: pilot.results.decision.outcome, label: decisionPhrase(pilot.results.decision.outcome), line: decisionLine(pilot.results.decision) } : null,
    guardrail: guardrailMark(pilot.results),
  };
}

/** "2 Mar to 31 May 2026 (13 weeks)", or "Since 2 Mar 2026, still running". */
function periodLine(pilot: PilotEvidence): string {
  const period = periodText(pilot);
  const length = pilotLength(pilot);
  return length === null ? `${period.charAt(0).toUpperCase()}${period.slice(1)}, still running` : `${period} (${length})`;
}

/** The primary metric's rollout projection as a card says it: "Across all reps: +$1,234,000 over 13 weeks (95% interval: ...)". */
export function valueAtStake(pilot: PilotEvidence, metric: MetricResult): string | null {
  const { rollout } = metric;
  if (rollout === null || metric.verdict === 'too-few' || metric.headline.reason !== null) return null;
  const length = pilotLength(pilot);
  const bound = (value: number | null, side: string) => (value === null ? `no ${side} limit` : formatDifference(value, metric));
  return (
    `Across ${rollout.label} (${formatCount(rollout.units)}): ${formatDifference(rollout.estimate, metric)}${length ? ` over ${length}` : ' so far'} ` +
    `(${formatConfidence(pilot.results.confidence)} interval: ${bound(rollout.low, 'lower')} to ${bound(rollout.high, 'upper')})`
  );
}

function portfolioLine(portfolio: Portfolio): { counts: string; value: string | null; valueHow: string | null } {
  const counts = [
    count(portfolio.run, 'pilot') + ' run',
    `${portfolio.wins} ${portfolio.wins === 1 ? 'win' : 'wins'} of ${portfolio.concluded} concluded`,
    count(portfolio.decided, 'decision') + ' taken',
    `${portfolio.rolledOut} rolled out`,
  ].join(' \u00b7 ');
  const { value } = portfolio;
  if (value === null) return { counts, value: null, valueHow: null };
  const { total, metric } = value;
  const bound = (side: number | null, name: string) => (side === null ? `no ${name} limit` : formatDifference(side, metric));
  return {
    counts,
    value: `What was rolled out is projected to be worth ${formatDifference(total.estimate, metric)} (${formatConfidence(value.confidence)} interval: ${bound(total.low, 'lower')} to ${bound(total.high, 'upper')}).`,
    valueHow:
      (value.pilots === 1
        ? "The rollout projection of the 1 rolled-out pilot with one in money, over that pilot's length."
        : `The sum of the rollout projections of ${count(value.pilots, 'rolled-out pilot')}, each over its own pilot's length; the interval combines theirs as independent estimates (the square root of the sum of squared margins, each side).`) +
      (portfolio.valueLeftOut > 0 ? ` ${count(portfolio.valueLeftOut, 'rolled-out pilot')} without a projection in the same currency ${portfolio.valueLeftOut === 1 ? 'is' : 'are'} not included.` : ''),
  };
}
