/**
 * The report's segments section as data (statistics.md section 14,
 * pilot-format.md "Segments"): per `segments` column, each value's change
 * and interval in words on one scale for the column, its verdict after the
 * adjustment, the small segments flagged rather than read, the sentence of
 * the interaction test, and the numbers the forest of segments draws
 * (src/charts/segments-forest.ts). The page only places them.
 */
import type { MetricResult, SegmentColumnResult, SegmentValueResult, Verdict } from '../results.ts';
import { count, formatConfidence, formatCount, formatDifference, formatLift, formatP, isPercentScale, liftTick, tick } from './format.ts';
import { midSentence, unitNouns } from './words.ts';

/** Said for a segment that is flagged rather than read. */
export const TOO_FEW_TO_READ = 'Too few to read';

export interface SegmentRow {
  value: string;
  verdict: Verdict;
  /** "5 pilot reps, 5 control reps". */
  units: string;
  /** "+97%", "+$66" or "+4.1 pp"; null when the segment was not analysed. */
  change: string | null;
  /** "97.5% interval: +19% to +218%"; null when there is none to give. */
  interval: string | null;
  /** "p = 0.016 after adjusting (p = 0.008 before)"; null when not analysed. */
  p: string | null;
  /** Why the segment is not read, for a flagged one. */
  flag: string | null;
  /** On the column's scale, for the forest; null when there is no bounded interval to draw. */
  drawn: { estimate: number; low: number; high: number } | null;
}

export interface SegmentColumnSection {
  id: string;
  column: string;
  title: string;
  /** "Adjusted for 2 comparisons ...", or that there was nothing to adjust. */
  adjusted: string;
  /** The interaction test's sentence. */
  interaction: string;
  /** Whether the changes are relative lifts (percent) or in the metric's units (points for a rate). */
  scale: 'relative' | 'absolute';
  /** The metric's format, for the forest's axis ticks. */
  format: Pick<MetricResult, 'format' | 'currency' | 'type'>;
  rows: SegmentRow[];
}

export interface SegmentsSection {
  title: string;
  intro: string;
  columns: SegmentColumnSection[];
}

/** The section, or null when the pilot declares no segments. */
export function segmentsSection(segments: readonly SegmentColumnResult[] | undefined, primary: MetricResult, unitColumn: string, confidence: number): SegmentsSection | null {
  if (segments === undefined || segments.length === 0) return null;
  const nouns = unitNouns(unitColumn);
  return {
    title: 'Segments',
    intro:
      `${primary.label}, the primary metric, within each segment: the same analysis as the headline, over the ${nouns.many} with rows in that segment and only those rows. ` +
      `Only the primary metric is split, and each column's segments are adjusted for how many were compared, so a segment that looks like a win by luck is not read as one. ` +
      `A segment with too few ${nouns.many} is flagged rather than read.`,
    columns: uniqueIds(segments.map((column) => columnSection(column, primary, nouns, confidence))),
  };
}

/** "lead source" and "lead_source" make the same id: the later one is numbered, so every id is used once on the page. */
function uniqueIds(columns: SegmentColumnSection[]): SegmentColumnSection[] {
  const seen = new Set<string>();
  return columns.map((column, index) => {
    const id = seen.has(column.id) ? `${column.id}-${index + 1}` : column.id;
    seen.add(id);
    return { ...column, id };
  });
}

function columnSection(column: SegmentColumnResult, primary: MetricResult, nouns: { one: string; many: string }, confidence: number): SegmentColumnSection {
  const scale = scaleOfColumn(column, primary);
  const alpha = 1 - confidence;
  return {
    id: `segments-${column.column.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'column'}`,
    column: column.column,
    title: `By ${column.column}`,
    adjusted: adjustedWords(column, nouns, confidence),
    interaction: interactionWords(column, nouns, alpha),
    scale,
    format: { format: primary.format, currency: primary.currency, type: primary.type },
    rows: column.values.map((value) => row(value, primary, nouns, scale)),
  };
}

/** Percent when the metric is not a rate and every segment with an interval has a bounded relative one; else the metric's units. */
function scaleOfColumn(column: SegmentColumnResult, primary: MetricResult): 'relative' | 'absolute' {
  if (isPercentScale(primary)) return 'absolute';
  const read = column.values.filter((value) => value.headline !== null && value.verdict !== 'too-few' && value.headline.reason === null);
  const bounded = read.every(({ headline }) => headline?.relative.estimate != null && headline.relative.low !== null && headline.relative.high !== null);
  return read.length > 0 && bounded ? 'relative' : 'absolute';
}

function row(value: SegmentValueResult, primary: MetricResult, nouns: { one: string; many: string }, scale: 'relative' | 'absolute'): SegmentRow {
  const units = `${count(value.units.pilot, `pilot ${nouns.one}`, `pilot ${nouns.many}`)}, ${count(value.units.control, `control ${nouns.one}`, `control ${nouns.many}`)}`;
  const flagged = value.verdict === 'too-few';
  const base = { value: value.value, verdict: value.verdict, units };
  const { headline } = value;
  if (headline === null) {
    const why = midSentence(value.reason ?? 'too few units');
    return { ...base, change: null, interval: null, p: null, flag: flagged ? `${TOO_FEW_TO_READ}: ${why}.` : `Not read: ${why}.`, drawn: null };
  }
  const numbers = scale === 'relative' ? headline.relative : headline.absolute;
  const format = (x: number) => (scale === 'relative' ? formatLift(x, { signed: true }) : formatDifference(x, primary));
  const estimate = numbers.estimate;
  const p = value.adjustedP !== null && value.p !== null ? `${formatP(value.adjustedP)} after adjusting (${formatP(value.p)} before)` : null;
  if (flagged) {
    const level = value.confidence === null ? '' : ` at ${formatConfidence(value.confidence)}`;
    return {
      ...base,
      change: estimate === null ? null : format(estimate),
      interval: null,
      p,
      flag: `${TOO_FEW_TO_READ}: with ${formatCount(value.units.pilot)} pilot and ${formatCount(value.units.control)} control ${value.units.control === 1 ? nouns.one : nouns.many} here, no split of them could show an effect${level}, so this segment's change is not read either way.`,
      drawn: null,
    };
  }
  if (headline.reason !== null) return { ...base, change: null, interval: null, p, flag: headline.reason, drawn: null };
  const bound = (x: number | null, side: 'low' | 'high') => (x === null ? (side === 'low' ? 'no lower limit' : 'no upper limit') : format(x));
  const level = value.confidence === null ? '' : `${formatConfidence(value.confidence)} interval: `;
  const { low, high } = numbers;
  return {
    ...base,
    change: estimate === null ? null : format(estimate),
    interval: `${level}${bound(low, 'low')} to ${bound(high, 'high')}`,
    p,
    flag: null,
    drawn: estimate !== null && low !== null && high !== null ? { estimate, low, high } : null,
  };
}

function adjustedWords(column: SegmentColumnResult, nouns: { one: string; many: string }, confidence: number): string {
  const n = column.comparisons;
  if (n === 0) return `No ${column.column} has enough ${nouns.many} for a result of its own at ${formatConfidence(confidence)}, so none is compared and nothing is adjusted.`;
  if (n === 1) return `Only one ${column.column} could be compared, so there was nothing to adjust for: its interval is at ${formatConfidence(confidence)}.`;
  const strictest = formatConfidence(1 - (1 - confidence) / n);
  return (
    `Adjusted for ${formatCount(n)} comparisons (Holm's method): with ${formatCount(n)} segments, one may look like a win or a loss by chance alone, so each needs stronger evidence than the headline does. ` +
    `Each interval is at the confidence its segment was tested at, from ${strictest} for the clearest segment down to at most ${formatConfidence(confidence)}, so it agrees with the verdict and the adjusted p beside it.`
  );
}

function interactionWords(column: SegmentColumnResult, nouns: { one: string; many: string }, alpha: number): string {
  const test = column.interaction;
  if (test === null) return `Whether the effect differs between segments is not tested: ${column.interactionReason ?? 'there are not two segments to compare'}.`;
  const within = { complete: '', blocked: ' within their blocks', pairs: ' within their pairs' }[test.design];
  const how = test.exact
    ? `all ${formatCount(test.valid)} ways the ${nouns.many} could have been split${within}`
    : `${formatCount(test.draws ?? 0)} random splits of the ${nouns.many}${within}`;
  const tested = `a randomization test of one effect for all ${formatCount(test.segments)} segments, against ${how}, ${formatP(test.p)}`;
  return test.p <= alpha
    ? `The effect differs between these segments by more than chance explains (${tested}): read each segment's result, not only the overall one.`
    : `This does not show that the effect differs between these segments (${tested}): the overall result stays the best guide for each, and the differences between them may well be chance.`;
}

/** Axis ticks for a column's forest: percent for lifts, the metric's units (points for a rate) otherwise. */
export function segmentTick(section: Pick<SegmentColumnSection, 'scale' | 'format'>): (value: number) => string {
  return section.scale === 'relative' ? liftTick : tick({ format: section.format.format, currency: section.format.currency, type: section.format.type }, { difference: true });
}
