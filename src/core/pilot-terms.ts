/**
 * The words and limits of the pilot file's contract (docs/pilot-format.md)
 * that code beyond the schema reads too: the kinds of metric and the columns
 * each names, margins, data forms, decision outcomes, what a slug and a date
 * are. Plain values, no zod: ./pilot-schema.ts builds the schema from them.
 */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The years a pilot's dates may fall in: four digits, and none before sales pilots could have been run. */
export const YEARS = { first: 1900, last: 9999 } as const;

/** True for a real calendar day written YYYY-MM-DD, in any year from 0000 to 9999. */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // setUTCFullYear, not Date.UTC: Date.UTC reads the years 0 to 99 as 1900 to 1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const COLUMN_KEYS = ['column', 'numerator', 'denominator', 'from', 'to'] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

/** The kinds of metric (src/core/metric-kinds.ts says what each means), and the data columns each one names. */
export const METRIC_COLUMNS = {
  mean: ['column'],
  proportion: ['column'],
  ratio: ['numerator', 'denominator'],
  // A funnel names its columns under `stages` (funnelStageSchema in ./pilot-schema.ts), none of these.
  funnel: [],
  duration: ['from', 'to'],
} as const satisfies Record<string, readonly ColumnKey[]>;

/**
 * A guardrail's margin (docs/pilot-format.md, "Guardrail metrics"): the harm
 * it tolerates, as a fraction. `relative`: of the control's level (-5% is
 * -0.05); `points`: percentage points of a rate (-2pp is -0.02); `absolute`:
 * the metric's own unit (-500 is 500 dollars, hours or calls less).
 */
export interface Margin {
  scale: 'relative' | 'points' | 'absolute';
  value: number;
}

export const MARGIN_EXPECTED =
  'expected a margin such as -5% (relative to the control group\'s level), -2pp (percentage points, for a rate) or -500 (in the metric\'s own unit)';

/** Time is better short: a duration told in days is `better: lower` unless it says otherwise; every other metric (a share reached included) `higher`. */
export function defaultBetter(metric: { type: string; measure?: 'days' | 'share' | undefined }): 'higher' | 'lower' {
  return metric.type === 'duration' && metric.measure !== 'share' ? 'lower' : 'higher';
}

export const ROADBLOCK_EXPECTED = 'expected a rate such as 30%: units whose own rate is below it are the roadblock';

/** The shapes a data file may take (pilot-format.md: "Per-unit aggregate data"). */
export const DATA_FORMS = ['rows', 'unit-sums'] as const;

/**
 * The kinds of metric a per-unit aggregate (and so a Parquet file, which is
 * folded into one) can carry: each is one rows, numerator, denominator triple
 * per unit and period. A funnel's stages and a duration's dates need the
 * raw rows, as do segments (one sum per segment value).
 */
export const AGGREGATED_TYPES = ['mean', 'ratio', 'proportion'] as const;
export type AggregatedType = (typeof AGGREGATED_TYPES)[number];

export function isAggregatedType(type: string): type is AggregatedType {
  return (AGGREGATED_TYPES as readonly string[]).includes(type);
}

/** Whether the pilot's data file holds per-unit sums rather than raw rows: `form: unit-sums`, or a Parquet file (read through one). */
export function readsAggregate(pilot: { form?: string | undefined; data: string }): boolean {
  return pilot.form === 'unit-sums' || /\.parquet$/i.test(pilot.data);
}

/** What a team may decide after a pilot (pilot-format.md: `decision`). */
export const DECISION_OUTCOMES = ['rolled out', 'stopped', 'extended', 'iterating'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

/** `segments`: at most this many columns per pilot (docs/pilot-format.md, "Segments"). */
export const MOST_SEGMENT_COLUMNS = 5;

/** A pilot file name is its permanent URL, so it must be a slug. */
export function isSlug(text: string): boolean {
  return SLUG.test(text);
}

/**
 * The order of two slugs, or of two ISO days: by character code, which for
 * lowercase letters, digits and dashes is the order localeCompare gives
 * (test/core/pilot-terms.test.ts holds it against localeCompare), without
 * building ICU's collator, about 20 ms of a command's start.
 */
export function compareSlugs(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
