/**
 * The frontmatter contract of a pilot file (docs/pilot-format.md)
 * as one zod schema. Astro's content collection, the command line and the
 * JSON Schema for editors all use this one definition, so they cannot
 * disagree. The types the rest of the code reads are in ./pilot.ts, and
 * the contract's words and limits in ./pilot-terms.ts: neither loads zod.
 *
 * Objects are strict: an unknown key (a typo like `hypotesis`) is an error,
 * never silently ignored.
 */
import { z } from 'zod';
import { CONTROL } from './controls.ts';
import { DATE_EXPECTED } from './load/cells.ts';
import {
  COLUMN_KEYS,
  type ColumnKey,
  DATA_FORMS,
  DECISION_OUTCOMES,
  type DecisionOutcome,
  defaultBetter,
  isAggregatedType,
  isCalendarDate,
  type Margin,
  MARGIN_EXPECTED,
  METRIC_COLUMNS,
  MOST_SEGMENT_COLUMNS,
  readsAggregate,
  ROADBLOCK_EXPECTED,
  SLUG,
  YEARS,
} from './pilot-terms.ts';

/**
 * YAML turns an unquoted 2026-03-02 into a Date; a quoted one stays a string.
 * Accept both and keep the ISO string, checking that the day exists
 * (YAML would quietly roll 2026-02-31 over into March) and that its year is
 * in YEARS (0026 is a typo for 2026, not a day two thousand years ago).
 */
export const isoDate = z
  .union([z.string(), z.date()], {
    // zod's own words for a union are "Invalid input": say what a date is, and when the key is missing (a typo of "started").
    error: (issue) => (issue.input === undefined ? `is required but missing; ${DATE_EXPECTED}` : `${DATE_EXPECTED}, got ${kindOfValue(issue.input)}`),
  })
  .transform((value, context) => {
    const text = value instanceof Date ? toIsoDay(value) : value.trim();
    const shaped = text !== null && /^\d{4}-\d{2}-\d{2}$/.test(text);
    const year = shaped ? Number(text.slice(0, 4)) : null;
    if (year !== null && (year < YEARS.first || year > YEARS.last)) {
      context.addIssue({ code: 'custom', message: `${DATE_EXPECTED}; the year ${text?.slice(0, 4)} is out of range (${YEARS.first} to ${YEARS.last})`, input: value });
      return z.NEVER;
    }
    if (text === null || !isCalendarDate(text)) {
      context.addIssue({
        code: 'custom',
        // As for date cells: a well-formed day that is not in the calendar says so.
        message: `${DATE_EXPECTED}${shaped ? '; this day does not exist' : ''}`,
        input: value,
      });
      return z.NEVER;
    }
    return text;
  })
  .meta({ type: 'string', format: 'date', description: 'ISO date, YYYY-MM-DD' });

function kindOfValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'nothing (null)';
  if (typeof value === 'boolean') return 'a yes/no value';
  return typeof value === 'object' ? 'a set of keys' : `a ${typeof value}`;
}

function toIsoDay(date: Date): string | null {
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
}

/**
 * C0 controls but tab and line breaks, DEL and C1: a YAML escape such as
 * "\e" or "\x07" puts one in a value, where no page, card or terminal can
 * show it. Refused rather than dropped: the value is then published exactly as
 * written, and the writer learns of a character their editor does not show.
 */
function controlProblem(text: string, context: z.core.$RefinementCtx<string>): void {
  const found = CONTROL.exec(text);
  if (found === null) return;
  const code = (found[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  context.addIssue({
    code: 'custom',
    message: `contains the control character U+${code} at character ${found.index + 1}, which no page can show; remove it (a YAML escape such as "\\e" or "\\x07" writes one)`,
    input: text,
  });
}

/** Text with something in it and no control character (a qualification file's keys use it too). */
export const nonEmpty = z.string().trim().min(1, { message: 'expected text, got an empty value' }).superRefine(controlProblem);

const METRIC_TYPES = Object.keys(METRIC_COLUMNS) as [keyof typeof METRIC_COLUMNS, ...(keyof typeof METRIC_COLUMNS)[]];

const MARGIN_TEXT = /^([+\-\u2212]?)\s*(\d+(?:\.\d+)?|\.\d+)\s*(%|pp)?$/i;

const margin = z
  .union([z.number(), z.string()], { error: MARGIN_EXPECTED })
  .transform((value, context): Margin => {
    if (typeof value === 'number') {
      if (Number.isFinite(value)) return { scale: 'absolute', value };
    } else {
      const match = MARGIN_TEXT.exec(value.trim());
      if (match) {
        const size = Number(match[2]) * (match[1] === '' || match[1] === '+' ? 1 : -1);
        const unit = match[3]?.toLowerCase();
        return unit === '%' ? { scale: 'relative', value: size / 100 } : unit === 'pp' ? { scale: 'points', value: size / 100 } : { scale: 'absolute', value: size };
      }
    }
    context.addIssue({ code: 'custom', message: MARGIN_EXPECTED, input: value });
    return z.NEVER;
  })
  .describe('A guardrail\'s tolerated harm: -5% (relative to the control group), -2pp (percentage points, for a rate) or -500 (the metric\'s own unit)');

/** A rate: a proportion, or a metric whose values are percents (metric-kinds.ts `percentScale`, format.ts `isPercentScale`). */
function isRate(metric: { type: string; format: string }): boolean {
  return metric.type === 'proportion' || metric.type === 'funnel' || metric.format === 'percent';
}

/** A duration told as a share (`measure: share`) is a rate, shown in percent: its `format` is `percent` once parsed. */
function formatOf(metric: { type: string; format: 'number' | 'currency' | 'percent'; measure?: 'days' | 'share' | undefined }): 'number' | 'currency' | 'percent' {
  return metric.type === 'duration' && metric.measure === 'share' ? 'percent' : metric.format;
}

/** `roadblock: 30%` (pilot-format.md, "The roadblock view"): the rate below which a unit is counted as held up; a fraction inside. */
const roadblock = z
  // unknown, not a union of string and number: the JSON Schema then says a string, the one form accepted.
  .unknown()
  .transform((value, context): number => {
    const match = typeof value === 'string' ? /^(\d+(?:\.\d+)?|\.\d+)\s*%$/.exec(value.trim()) : null;
    const percent = match === null ? null : Number(match[1]);
    // Between 0% and 100%: no unit is below 0%, and a line at 100% or past it counts every unit short of perfect.
    if (percent !== null && percent > 0 && percent < 100) return percent / 100;
    context.addIssue({ code: 'custom', message: typeof value === 'number' ? `${ROADBLOCK_EXPECTED}; write the percent sign (30%), so 30 and 0.3 cannot be confused` : ROADBLOCK_EXPECTED, input: value });
    return z.NEVER;
  })
  .meta({ type: 'string', description: 'A rate such as 30%: units whose own rate is below it are counted as the roadblock' });

/** A guardrail's own rules: a margin, on the harmful side, in a unit the metric has; never primary. */
function checkGuardrail(written: { role?: 'guardrail' | undefined; margin?: Margin | undefined; primary?: boolean | undefined; type: string; format: string; better?: 'higher' | 'lower' | undefined; measure?: 'days' | 'share' | undefined }, context: z.RefinementCtx): void {
  const metric = { ...written, better: written.better ?? defaultBetter(written) };
  const issue = (path: string, message: string) => context.addIssue({ code: 'custom', path: [path], message });
  if (metric.role !== 'guardrail') {
    if (metric.margin !== undefined) issue('margin', 'only a guardrail metric takes "margin"; add role: guardrail, or remove "margin"');
    return;
  }
  if (metric.primary === true) {
    issue('primary', 'a guardrail metric cannot be primary: the pilot\'s verdict comes from its primary metric, and a guardrail only checks that another metric was not harmed');
  }
  const { margin: tolerated } = metric;
  if (tolerated === undefined) {
    issue('margin', `a guardrail metric needs "margin": the harm it tolerates, e.g. margin: ${metric.better === 'higher' ? '-5%' : '+5%'}`);
    return;
  }
  if (tolerated.scale === 'points' && !isRate(metric)) {
    issue('margin', 'percentage points (pp) are for rates (a proportion, or format: percent); write this metric\'s margin relative, e.g. -5%, or in its own unit, e.g. -500');
  }
  if (tolerated.scale === 'absolute' && isRate(metric)) {
    issue('margin', 'a rate\'s margin is written in percentage points, e.g. -2pp, or relative to the control group\'s rate, e.g. -5%: a bare number could be read either way');
  }
  // The margin is the harm tolerated, so it lies on the worse side of zero; its sign says which side the writer meant.
  if (metric.better === 'higher' && tolerated.value > 0) {
    issue('margin', 'a guardrail\'s margin is the harm it tolerates, so where higher is better it is 0 or below, e.g. -5% (at most 5% worse)');
  } else if (metric.better === 'lower' && tolerated.value < 0) {
    issue('margin', 'a guardrail\'s margin is the harm it tolerates, so where lower is better (better: lower) it is 0 or above, e.g. +5% (at most 5% worse)');
  } else if (tolerated.scale === 'relative' && tolerated.value <= -1) {
    issue('margin', 'a relative margin of -100% or below tolerates losing everything; expected a margin above -100%, e.g. -5%');
  }
}

/**
 * One stage of a funnel metric: the column saying whether a lead reached it
 * (yes/no, or the date it was reached), as a name, or with a label for pages.
 */
const funnelStageSchema = z.union([nonEmpty, z.strictObject({ column: nonEmpty, label: nonEmpty.optional() })], {
  error: 'expected a column name, or { column, label }',
});
export type FunnelStageInput = z.output<typeof funnelStageSchema>;

/** A funnel's own rules: stages, at least two, each column once; and no stages on any other kind. */
function checkStages(metric: { type: string; stages?: FunnelStageInput[] | undefined }, context: z.RefinementCtx): void {
  const issue = (message: string) => context.addIssue({ code: 'custom', path: ['stages'], message });
  if (metric.type !== 'funnel') {
    if (metric.stages !== undefined) issue(`only a funnel metric takes "stages"; write type: funnel, or remove "stages"`);
    return;
  }
  const columns = (metric.stages ?? []).map((stage) => (typeof stage === 'string' ? stage : stage.column));
  if (columns.length < 2) {
    const got = metric.stages === undefined ? '' : `; got ${columns.length}`;
    issue(`a funnel metric needs "stages": at least 2 columns in the order a lead passes them, e.g. stages: [followed_up, opportunity, won]${got}`);
    return;
  }
  const twice = columns.filter((column, index) => columns.indexOf(column) !== index);
  if (twice.length > 0) issue(`each stage is a column of its own; ${twice.map((column) => JSON.stringify(column)).join(', ')} is named more than once`);
}

export const metricSchema = z
  .strictObject({
    id: z.string().regex(SLUG, { message: 'expected a slug: lowercase letters, digits and dashes, e.g. revenue-per-rep' }),
    label: nonEmpty.describe('Human name, e.g. "Revenue per rep"'),
    type: z.enum(METRIC_TYPES),
    column: nonEmpty.optional().describe('CSV column, for mean and proportion metrics'),
    numerator: nonEmpty.optional().describe('CSV column summed on top, for ratio metrics'),
    denominator: nonEmpty.optional().describe('CSV column summed below, for ratio metrics'),
    stages: z
      .array(funnelStageSchema)
      .optional()
      .describe('For funnel metrics: the columns a lead passes, in order (yes/no or the date reached), e.g. [followed_up, opportunity, won]'),
    from: nonEmpty.optional().describe('CSV column of the date the clock starts, e.g. the hand-off, for duration metrics'),
    to: nonEmpty.optional().describe('CSV column of the date the clock stops, e.g. the first contact (empty: not yet), for duration metrics'),
    within: z
      .number({ error: 'expected a whole number of days above 0, e.g. 7' })
      .int({ message: 'expected a whole number of days above 0, e.g. 7' })
      .positive({ message: 'expected a whole number of days above 0, e.g. 7' })
      .optional()
      .describe('For duration metrics: the horizon in days; a lead not reached within it counts as this many days'),
    measure: z.enum(['days', 'share']).optional().describe('For duration metrics: days (the default; the average days to the stop, capped at within) or share (the share of leads reached within it)'),
    roadblock: roadblock.optional(),
    primary: z.boolean().optional(),
    format: z.enum(['number', 'currency', 'percent']).default('number'),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, { message: 'expected an ISO 4217 currency code, e.g. USD, EUR' })
      .default('USD'),
    // No zod default: a duration's is `lower` (defaultBetter), set once the type is known (metricEntry).
    better: z.enum(['higher', 'lower']).optional().describe('higher (the default) or lower (the default for duration metrics)'),
    role: z.enum(['guardrail']).optional().describe('guardrail: a metric the pilot must not harm beyond its margin; it never decides the verdict'),
    margin: margin.optional(),
  })
  .superRefine((written, context) => {
    checkDuration(written, context);
    // A share reached is a rate: its margins are in points and it may take a roadblock line.
    const metric = { ...written, format: formatOf(written) };
    checkGuardrail(metric, context);
    checkStages(metric, context);
    if (metric.roadblock !== undefined && !isRate(metric)) {
      context.addIssue({ code: 'custom', path: ['roadblock'], message: 'only a rate (a proportion, or format: percent) takes "roadblock": it counts the units whose own rate is below it' });
    }
    const needs: readonly ColumnKey[] = METRIC_COLUMNS[metric.type];
    const forbidden = COLUMN_KEYS.filter((key) => !needs.includes(key));
    for (const key of needs) {
      if (metric[key] === undefined) {
        context.addIssue({ code: 'custom', path: [key], message: `a ${metric.type} metric needs "${key}"` });
      }
    }
    for (const key of forbidden) {
      if (metric[key] !== undefined) {
        const instead = metric.type === 'funnel' ? '; a funnel names its columns under "stages"' : '';
        context.addIssue({ code: 'custom', path: [key], message: `a ${metric.type} metric takes no "${key}"${instead}` });
      }
    }
  });

/** A duration's own keys: `within`, days counted in plain numbers; and `within` for no other kind. */
function checkDuration(metric: { type: string; within?: number | undefined; format: string; measure?: string | undefined }, context: z.RefinementCtx): void {
  if (metric.type !== 'duration') {
    if (metric.within !== undefined) context.addIssue({ code: 'custom', path: ['within'], message: `a ${metric.type} metric takes no "within"; only a duration metric has a horizon in days` });
    if (metric.measure !== undefined) context.addIssue({ code: 'custom', path: ['measure'], message: `a ${metric.type} metric takes no "measure"; only a duration metric is told in days or as a share` });
    return;
  }
  if (metric.within === undefined) {
    context.addIssue({ code: 'custom', path: ['within'], message: 'a duration metric needs "within": the horizon in days, e.g. within: 7 (a lead not reached within it counts as 7 days)' });
  }
  if (metric.format !== 'number') {
    context.addIssue({ code: 'custom', path: ['format'], message: `a duration metric is told in days, or in percent with measure: share, so it takes no format: ${metric.format}; remove "format"` });
  }
}

/** A metric as the rest of the code reads it: `better` decided, from the type when the file does not say, and a share's `format` percent. */
export const metricEntry = metricSchema.transform((metric) => ({ ...metric, format: formatOf(metric), better: metric.better ?? defaultBetter(metric) }));

/** `rolled out`, `Rolled-Out` and `rolled_out` are one outcome: written by hand, spelled several ways. */
const decisionOutcome = z
  .string()
  .transform((value, context) => {
    const outcome = value.trim().toLowerCase().replace(/[\s_-]+/g, ' ');
    if ((DECISION_OUTCOMES as readonly string[]).includes(outcome)) return outcome as DecisionOutcome;
    context.addIssue({ code: 'custom', message: `expected one of ${DECISION_OUTCOMES.map((name) => `"${name}"`).join(', ')}`, input: value });
    return z.NEVER;
  })
  .meta({ type: 'string', enum: [...DECISION_OUTCOMES] });

const decisionSchema = z.strictObject({
  outcome: decisionOutcome,
  date: isoDate,
  by: nonEmpty.describe('Who decided: a name, a role, or both'),
  note: nonEmpty.optional(),
});

export const pilotSchema = z
  .strictObject({
    title: nonEmpty,
    // planned: committed before it starts, published as its plan (no data is read yet).
    status: z.enum(['draft', 'planned', 'running', 'concluded']),
    hypothesis: nonEmpty.describe('What the pilot is expected to show, written before the results'),
    summary: nonEmpty.optional(),
    owner: nonEmpty.optional(),
    tags: z.array(nonEmpty).optional().describe('Words to group pilots by on the overview, e.g. [inbound, emea]'),
    champion: z
      .strictObject({ name: nonEmpty, role: nonEmpty.optional(), quote: nonEmpty.optional() })
      .optional(),
    started: isoDate,
    ended: isoDate.optional(),
    data: nonEmpty.describe('CSV path relative to data/, e.g. nurture-q2.csv (a planned pilot names the file its data will go in)'),
    form: z
      .enum(DATA_FORMS)
      .optional()
      .describe('rows (the default): one row per observation; unit-sums: one row per unit and period, as `fieldproof sql` writes it (docs/warehouse.md)'),
    assignment: nonEmpty.optional().describe('The assignment file `fieldproof assign` writes, relative to data/, e.g. nurture-q2-assignment.csv'),
    unit: nonEmpty.describe('Column naming the randomized unit: rep, territory, store'),
    // Checks of one key's own parts are made on that key, so they run (and are
    // listed) even when another key of the pilot is wrong: zod checks the whole
    // object only once every key is valid.
    group: z
      .strictObject({
        column: nonEmpty.default('group'),
        pilot: nonEmpty.default('pilot'),
        control: nonEmpty.default('control'),
      })
      .refine((group) => group.pilot !== group.control, { message: 'the pilot and control labels must differ' })
      .default({ column: 'group', pilot: 'pilot', control: 'control' }),
    date: nonEmpty.optional().describe('Column holding each row\'s ISO date (YYYY-MM-DD)'),
    confidence: z
      .number()
      .min(0.5, { message: 'expected a confidence level from 0.5 to 0.999, e.g. 0.95' })
      .max(0.999, { message: 'expected a confidence level from 0.5 to 0.999, e.g. 0.95' })
      .default(0.95),
    metrics: z
      .array(metricEntry)
      .min(1, { message: 'expected at least one metric' })
      .superRefine((metrics, context) => {
        const seen = new Set<string>();
        metrics.forEach((metric, index) => {
          if (seen.has(metric.id)) context.addIssue({ code: 'custom', path: [index, 'id'], message: `metric id "${metric.id}" is used twice` });
          seen.add(metric.id);
        });
        const primaries = metrics.filter((metric) => metric.primary === true);
        if (primaries.length > 1) {
          context.addIssue({ code: 'custom', message: `exactly one metric can be primary, got ${primaries.map((metric) => metric.id).join(', ')}` });
        }
        // The first metric is primary unless another is marked, and a guardrail never is.
        if (primaries.length === 0 && metrics[0]?.role === 'guardrail') {
          context.addIssue({
            code: 'custom',
            path: [0, 'role'],
            message: 'the first metric is the primary one unless another says primary: true, and a guardrail cannot be primary; mark the primary metric with primary: true, or list it first',
          });
        }
      }),
    rollout: z
      .strictObject({
        units: z.number().int().positive({ message: 'expected a whole number of units above 0' }),
        label: nonEmpty,
      })
      .optional(),
    showUnits: z.boolean().default(false),
    segments: z
      .array(nonEmpty)
      .min(1, { message: 'expected at least one column, e.g. segments: [region]; or remove "segments"' })
      .max(MOST_SEGMENT_COLUMNS, { message: `expected at most ${MOST_SEGMENT_COLUMNS} segment columns: each is a family of comparisons, and more would mostly find chance` })
      .superRefine((columns, context) => {
        const seen = new Set<string>();
        columns.forEach((column, index) => {
          if (seen.has(column)) context.addIssue({ code: 'custom', path: [index], message: `column "${column}" is listed twice` });
          seen.add(column);
        });
      })
      .optional()
      .describe('Columns whose values split the primary result, e.g. [lead_source, region]: one analysis per value, adjusted for the comparisons'),
    decision: decisionSchema.optional().describe('What was decided after the pilot: { outcome, date, by, note }'),
  })
  .superRefine((pilot, context) => {
    if (pilot.ended !== undefined && pilot.ended < pilot.started) {
      context.addIssue({
        code: 'custom',
        path: ['ended'],
        message: `expected "ended" on or after "started" (${pilot.started})`,
      });
    }
    if (pilot.status === 'concluded' && pilot.ended === undefined) {
      context.addIssue({ code: 'custom', path: ['ended'], message: 'a concluded pilot needs "ended"' });
    }
    if (pilot.decision !== undefined && pilot.status === 'planned') {
      context.addIssue({ code: 'custom', path: ['decision'], message: 'a planned pilot has no result to decide on yet: add "decision" once it has run' });
    }
    if (readsAggregate(pilot)) {
      const how = pilot.form === 'unit-sums' ? 'form: unit-sums holds' : 'a Parquet file is read as';
      pilot.metrics.forEach((metric, index) => {
        if (!isAggregatedType(metric.type)) {
          context.addIssue({
            code: 'custom',
            path: ['metrics', index, 'type'],
            message: `a ${metric.type} metric needs the raw rows, one per lead, and ${how} per-unit sums of mean, proportion and ratio metrics only; point "data" at the row-level CSV export, or remove this metric`,
          });
        }
      });
      if (pilot.segments !== undefined) {
        context.addIssue({ code: 'custom', path: ['segments'], message: `segments need the raw rows, and ${how} one sum per unit and period; point "data" at the row-level CSV export, or remove "segments"` });
      }
    }
    const primaryType = (pilot.metrics.find((metric) => metric.primary === true) ?? pilot.metrics[0])?.type;
    if (pilot.segments !== undefined && (primaryType === 'funnel' || primaryType === 'duration')) {
      context.addIssue({
        code: 'custom',
        path: ['segments'],
        message: `segments split the primary metric, and a ${primaryType} cannot be split by segment yet; make another metric primary (the ${primaryType} can stay, as a secondary metric), or remove "segments"`,
      });
    }
    // A segment is a property of a row (a lead's source, a region): the unit and its group are what was randomized, not a split of it.
    pilot.segments?.forEach((column, index) => {
      const role = column === pilot.unit ? 'the unit column ("unit")' : column === pilot.group.column ? 'the group column ("group.column")' : column === pilot.date ? 'the date column ("date")' : null;
      if (role !== null) {
        context.addIssue({ code: 'custom', path: ['segments', index], message: `"${column}" is ${role}; expected a column that sorts rows into a few kinds, such as region or lead source` });
        return;
      }
      // Split by an outcome, the pilot's "wins" segment would hold only wins: a comparison of what the pilot changed, by what it changed.
      const metric = pilot.metrics.find((candidate) =>
        [candidate.column, candidate.numerator, candidate.denominator, candidate.from, candidate.to, ...(candidate.stages ?? []).map((stage) => (typeof stage === 'string' ? stage : stage.column))].includes(column),
      );
      if (metric !== undefined) {
        context.addIssue({
          code: 'custom',
          path: ['segments', index],
          message: `"${column}" is a column the metric "${metric.id}" measures; a segment must be something the pilot cannot change, such as region or lead source, or each segment would be chosen by its own outcome`,
        });
      }
    });
    if (pilot.decision !== undefined && pilot.decision.date < pilot.started) {
      context.addIssue({ code: 'custom', path: ['decision', 'date'], message: `expected the decision on or after "started" (${pilot.started})` });
    }
  });
