/**
 * Words every view shares: the unit column as nouns, labels in the middle of
 * a sentence, the verdict's name, and the fixed phrases for a running pilot
 * and a "lower is better" metric, so each is written once.
 */
import type { GuardrailVerdict, Verdict } from '../results.ts';

/** The unit column as nouns: "rep" -> rep/reps, "territory" -> territory/territories, "rep_id" -> rep/reps. */
export function unitNouns(column: string): { one: string; many: string } {
  const words = column
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => !['id', 'name', 'code', 'key'].includes(word));
  const one = words.join(' ') || 'unit';
  if (/[^aeiou]y$/.test(one)) return { one, many: `${one.slice(0, -1)}ies` };
  if (/(s|x|z|ch|sh)$/.test(one)) return { one, many: `${one}es` };
  return { one, many: `${one}s` };
}

/**
 * A label in the middle of a sentence: "Revenue per rep" becomes "revenue
 * per rep", but "SDR meetings" and "Meetings per SDR" keep their capitals
 * (only a first word in plain title case is lowered).
 */
export function midSentence(label: string): string {
  return /^[A-Z][a-z]*(?:[\s,;:.-]|$)/.test(label) ? `${label[0]?.toLowerCase()}${label.slice(1)}` : label;
}

/** The verdict as a short phrase for badges and tables. */
export function verdictPhrase(verdict: Verdict): string {
  return { win: 'Win', loss: 'Loss', inconclusive: 'Inconclusive', 'too-few': 'Too few units' }[verdict];
}

/** After a metric's label wherever a reader could take "more" for "better". */
export const LOWER_IS_BETTER = 'lower is better';

/** A running pilot's numbers, in each place they are shown. */
export const INTERIM = {
  /** The status badge. */
  badge: 'Running: interim result',
  /** The status in the card's corner. */
  card: 'Interim: pilot still running',
  /** Under an overview card's figures. */
  note: 'Interim: the pilot is still running and these numbers will change.',
  /** Before the headline in a link preview. */
  lead: 'Interim result: ',
  /** The command line's status column. */
  status: 'running (interim)',
} as const;

/** The evidence level (statistics.md section 13) as a badge says it. */
export function evidencePhrase(level: 'strong' | 'moderate' | 'weak'): string {
  return { strong: 'Strong evidence', moderate: 'Moderate evidence', weak: 'Weak evidence' }[level];
}

/** A guardrail's verdict (src/core/guardrail.ts) as a badge says it. */
export function guardrailPhrase(verdict: GuardrailVerdict): string {
  return { 'no-harm': 'No harm beyond the margin', 'possible-harm': 'Possible harm', unknown: 'Cannot be judged' }[verdict];
}
