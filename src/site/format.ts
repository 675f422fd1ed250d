/**
 * The few formats only the site needs, on top of src/core/format.ts (which
 * every number in a sentence, table or card goes through): calendar days,
 * and chart axis ticks (counted nouns come from core).
 */
import { currencySymbol, isPercentScale, numberFormat, type ValueFormat } from '../core/format.ts';

export { count } from '../core/format.ts';

export const MINUS = '\u2212';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-03-02" -> "2 Mar 2026" (the text is split, never parsed, so no time zone is involved). */
export function day(isoDate: string): string {
  const [year, month, date] = isoDate.slice(0, 10).split('-');
  return `${Number(date)} ${MONTHS[Number(month) - 1] ?? month} ${year}`;
}

/** "2026-03-02" -> "2 Mar" */
export function shortDay(isoDate: string): string {
  return day(isoDate).replace(/ \d{4}$/, '');
}

/** Whole days from one ISO date to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to.slice(0, 10)}T00:00:00Z`) - Date.parse(`${from.slice(0, 10)}T00:00:00Z`)) / 86_400_000);
}



/**
 * Axis tick labels in a metric's units, trimmed of needless decimals
 * ("$40,000", "12", "2.5", "35%"): ticks are round numbers already.
 * `difference` labels a difference axis (signed; percentage points for
 * percent-scale metrics).
 */
export function tick(metric: ValueFormat, options: { difference?: boolean } = {}): (value: number) => string {
  const trimmed = (value: number, maximumFractionDigits: number): string =>
    numberFormat(0, maximumFractionDigits).format(Math.abs(value));
  const sign = (value: number): string => (value < 0 ? MINUS : options.difference && value > 0 ? '+' : '');
  return (value: number) => {
    if (isPercentScale(metric)) return `${sign(value)}${trimmed(value * 100, 1)}${options.difference ? ' pp' : '%'}`;
    if (metric.format === 'currency') {
      const { prefix, suffix } = currencySymbol(metric.currency);
      return `${sign(value)}${prefix}${trimmed(value, 2)}${suffix}`;
    }
    return `${sign(value)}${trimmed(value, 3)}`;
  };
}

/** Relative lift ticks: "+10%", "−5%", "0%". */
export function liftTick(value: number): string {
  const text = numberFormat(0, 1).format(Math.abs(value * 100));
  return `${value < 0 ? MINUS : value > 0 ? '+' : ''}${text}%`;
}
