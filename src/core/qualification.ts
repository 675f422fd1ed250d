/**
 * The frontmatter of a qualification evidence file (docs/pilot-format.md,
 * "Qualification evidence"): a file in pilots/ with `kind: qualification`,
 * naming a CSV of leads, the yes/no criteria columns sales qualifies them by
 * and the yes/no outcome column. Strict like the pilot's schema: an unknown
 * key is an error, never ignored.
 */
import { z } from 'zod';
import { isoDate, nonEmpty } from './pilot-schema.ts';

/** More criteria than this is no longer a checklist a rep can hold in mind, and the groups by count grow too thin. */
export const MOST_CRITERIA = 12;

const confidence = z
  .number()
  .min(0.5, { message: 'expected a confidence level from 0.5 to 0.999, e.g. 0.95' })
  .max(0.999, { message: 'expected a confidence level from 0.5 to 0.999, e.g. 0.95' })
  .default(0.95);

export const qualificationSchema = z
  .strictObject({
    title: nonEmpty,
    kind: z.literal('qualification'),
    question: nonEmpty.describe('What the evidence should answer, e.g. "Which criteria predict a win, and how many must a lead meet?"'),
    summary: nonEmpty.optional(),
    owner: nonEmpty.optional(),
    tags: z.array(nonEmpty).optional().describe('Words to group evidence by on the overview'),
    data: nonEmpty.describe('CSV of leads relative to data/, one row per lead, e.g. leads-2026.csv'),
    criteria: z
      .array(nonEmpty)
      .min(1, { message: 'expected at least one criterion column' })
      .max(MOST_CRITERIA, { message: `expected at most ${MOST_CRITERIA} criteria` })
      .superRefine((criteria, context) => {
        const seen = new Set<string>();
        criteria.forEach((column, index) => {
          if (seen.has(column)) context.addIssue({ code: 'custom', path: [index], message: `the column "${column}" is listed twice` });
          seen.add(column);
        });
      })
      .describe('The yes/no columns each lead is qualified by, e.g. [budget_confirmed, decision_maker]'),
    labels: z.record(z.string(), nonEmpty).optional().describe('A readable name per criterion column, e.g. { budget_confirmed: Budget confirmed }'),
    outcome: nonEmpty.describe('The yes/no column saying whether the lead was won'),
    date: nonEmpty.optional().describe("Column holding each lead's ISO date (YYYY-MM-DD)"),
    started: isoDate.optional().describe('Leads dated before this day are left out (needs `date`)'),
    ended: isoDate.optional().describe('Leads dated after this day are left out (needs `date`)'),
    confidence,
  })
  .superRefine((file, context) => {
    for (const column of Object.keys(file.labels ?? {})) {
      if (!file.criteria.includes(column)) {
        context.addIssue({ code: 'custom', path: ['labels', column], message: `labels a column that is not among the criteria; expected one of: ${file.criteria.join(', ')}` });
      }
    }
    if (file.criteria.includes(file.outcome)) {
      context.addIssue({ code: 'custom', path: ['outcome'], message: 'the outcome column is also listed among the criteria; a lead\'s outcome cannot qualify it' });
    }
    for (const key of ['started', 'ended'] as const) {
      if (file[key] !== undefined && file.date === undefined) {
        context.addIssue({ code: 'custom', path: [key], message: `"${key}" picks leads by their date, so it needs "date": the column holding each lead's date` });
      }
    }
    if (file.started !== undefined && file.ended !== undefined && file.ended < file.started) {
      context.addIssue({ code: 'custom', path: ['ended'], message: `expected "ended" on or after "started" (${file.started})` });
    }
  });

export type Qualification = z.output<typeof qualificationSchema>;
