/**
 * Words every view shares: the unit column as nouns, labels in the middle of
 * a sentence, the verdict's name, and the fixed phrases for a running pilot
 * and a "lower is better" metric, and a pilot's decision, so each is written once.
 */
import type { DecisionOutcome } from '../pilot-terms.ts';
import type { DecisionResult, GuardrailVerdict, Verdict } from '../results.ts';
import { day, formatCount } from './format.ts';

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

/** A decision's outcome as a badge says it. */
export function decisionPhrase(outcome: DecisionOutcome): string {
  return { 'rolled out': 'Rolled out', stopped: 'Stopped', extended: 'Extended', iterating: 'Iterating' }[outcome];
}

/** "Rolled out on 3 Jun 2026 by Dana Ruiz, VP Sales": a decision in one line, for the report, the overview and the card. */
export function decisionLine(decision: DecisionResult): string {
  return `${decisionPhrase(decision.outcome)} on ${day(decision.date)} by ${decision.by}`;
}

/** "12 pilot reps vs 14 control reps": the arms' sizes with the unit's own noun. */
export function armsPhrase(unitColumn: string, units: { pilot: number; control: number }): string {
  const nouns = unitNouns(unitColumn);
  const arm = (n: number, name: string) => `${formatCount(n)} ${name} ${n === 1 ? nouns.one : nouns.many}`;
  return `${arm(units.pilot, 'pilot')} vs ${arm(units.control, 'control')}`;
}

/** "+12.3 pp" -> "+12.3 points": cards and the overview are read by people who do not say "pp". */
export function spelledPoints(text: string): string {
  return text.replace(/(\d) pp\b/g, '$1 points');
}

/** Nouns that name one amount, however they end: "Win rate was", "Renewal revenue was". */
const SINGULAR_HEADS = /\b(rate|share|revenue|percentage|percent|ratio|number|count|total|amount|value|time|score|size|margin|spend|cost|price|discount|volume|pipeline)\b/i;
/** Where the label's subject ends: "Meetings booked | per SDR", "Number | of deals". */
const PHRASE_END = /\s(?:per|of|as|by|in|for|from|with|to|at|on|over|within)\s/i;

/**
 * "was" or "were" after a metric's label: "Leads followed up by sales were
 * 11 points higher", "Revenue per rep was 11% higher". A label reads as
 * plural when a word of its subject (before "per", "of", "by", ...) is a
 * plural noun and no word there names a single amount (rate, share, ...).
 */
export function verbAfter(label: string): 'was' | 'were' {
  const subject = label.split(PHRASE_END)[0] ?? label;
  if (SINGULAR_HEADS.test(subject)) return 'was';
  const plural = subject.split(/[\s-]+/).some((word) => word.length > 3 && /[^su]s$/i.test(word) && !/(ss|us|is)$/i.test(word));
  return plural ? 'were' : 'was';
}

/** A guardrail's verdict (src/core/guardrail.ts) as a badge says it. */
export function guardrailPhrase(verdict: GuardrailVerdict): string {
  return { 'no-harm': 'No harm beyond the margin', 'possible-harm': 'Possible harm', unknown: 'Cannot be judged' }[verdict];
}
