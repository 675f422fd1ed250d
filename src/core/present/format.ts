/**
 * Every number and date a user sees goes through here, so the site, the
 * charts, the cards and the command line always write the same figure the
 * same way: values, differences, lifts, p-values, counts, calendar days and
 * chart axis ticks.
 *
 * Proportions and percent-format metrics are fractions inside (0.412) and
 * are shown as percents (41.2%); their differences are percentage points
 * ("pp"), never "%", which is kept for relative lifts.
 */
import { formatDecimal } from './decimal.ts';
import { METRIC_KINDS, type MetricType } from '../metric-kinds.ts';
import type { Metric } from '../pilot.ts';

export interface ValueFormat {
  format: Metric['format'];
  currency: string;
  type: MetricType;
}

export const MINUS = '\u2212';

/** Whether values of this metric are fractions shown as percents. */
export function isPercentScale(metric: ValueFormat): boolean {
  return METRIC_KINDS[metric.type].percentScale || metric.format === 'percent';
}

/** Fewer decimals for bigger numbers: 12,345 / 123.4 / 1.23 / 0.0123. */
function decimalsFor(magnitude: number): number {
  if (magnitude >= 100) return 0;
  if (magnitude >= 10) return 1;
  if (magnitude >= 1) return 2;
  if (magnitude === 0) return 0;
  // Keep three significant digits for small values.
  return Math.min(6, 2 - Math.floor(Math.log10(magnitude)));
}

/** A number format with fixed fraction digits, as Intl.NumberFormat('en-US') writes it (./decimal.ts). */
export interface DecimalFormat {
  format(value: number): string;
}

// One per setting, as Intl's were: charts format thousands of ticks and dots per build.
const numberFormats = new Map<string, DecimalFormat>();

/**
 * A shared en-US number format with the given fraction digits: Intl's
 * output, written without loading ICU (decimal.ts says why).
 */
export function numberFormat(minimumFractionDigits: number, maximumFractionDigits: number): DecimalFormat {
  if (!(minimumFractionDigits <= maximumFractionDigits)) throw new RangeError(`maximumFractionDigits ${maximumFractionDigits} is below minimumFractionDigits ${minimumFractionDigits}`);
  const key = `${minimumFractionDigits}:${maximumFractionDigits}`;
  let format = numberFormats.get(key);
  if (format === undefined) {
    format = { format: (value) => formatDecimal(value, minimumFractionDigits, maximumFractionDigits) };
    numberFormats.set(key, format);
  }
  return format;
}

function plain(value: number, decimals: number, fixed = false): string {
  const text = numberFormat(fixed ? decimals : 0, decimals).format(Math.abs(value));
  // A value that is not zero is never written as 0 or 0.00 (statistics.md section 12): its significant digits instead.
  return value !== 0 && Number.isFinite(value) && !/[1-9]/.test(text) ? significant(Math.abs(value)) : text;
}

/** Two significant digits of a small magnitude: 0.0012, 0.000034, or 3.2e−9 past six decimals. */
function significant(magnitude: number): string {
  const decimals = 1 - Math.floor(Math.log10(magnitude));
  if (decimals <= 6) return numberFormat(decimals, decimals).format(magnitude);
  return magnitude.toExponential(1).replace('-', MINUS);
}

function withSign(text: string, value: number, signed: boolean): string {
  if (value < 0 && text !== '0' && !/^[^1-9]*$/.test(text)) return `${MINUS}${text}`;
  if (signed && value > 0 && /[1-9]/.test(text)) return `+${text}`;
  return text;
}

/** A relative lift as a percent: 0.1542 -> "15%"; 0.042 -> "4.2%". */
export function formatLift(fraction: number, { signed = false } = {}): string {
  const percent = fraction * 100;
  const magnitude = Math.abs(percent);
  const text = plain(percent, magnitude >= 10 ? 0 : 1);
  return `${withSign(text, percent, signed)}%`;
}

/** A difference of proportions in percentage points: 0.123 -> "12.3 pp". */
export function formatPoints(fraction: number, { signed = false } = {}): string {
  const points = fraction * 100;
  return `${withSign(plain(points, 1, true), points, signed)} pp`;
}

const currencies = new Map<string, { prefix: string; suffix: string }>();

/**
 * What Intl.NumberFormat('en-US', { style: 'currency' }) puts before the
 * amount for the currencies pilots are most often in: asking Intl itself
 * loads ICU's data, 20 to 30 ms of a command's start. Every entry is held
 * against Intl by test/core/present/format.test.ts; any other currency is
 * asked of Intl.
 */
const CURRENCY_PREFIXES: Readonly<Record<string, string>> = {
  USD: '$', EUR: '€', GBP: '£', CAD: 'CA$', AUD: 'A$', NZD: 'NZ$', JPY: '¥', CNY: 'CN¥', INR: '₹', BRL: 'R$', MXN: 'MX$', HKD: 'HK$', KRW: '₩', ILS: '₪',
  CHF: 'CHF ', SEK: 'SEK ', NOK: 'NOK ', DKK: 'DKK ', PLN: 'PLN ', SGD: 'SGD ', ZAR: 'ZAR ', AED: 'AED ', CZK: 'CZK ', HUF: 'HUF ', TRY: 'TRY ',
};

/** Where a currency's symbol goes: "$" before, "CHF " before, or " kr" after. */
export function currencySymbol(currency: string): { prefix: string; suffix: string } {
  const known = currencies.get(currency);
  if (known !== undefined) return known;
  const prefix = CURRENCY_PREFIXES[currency];
  const affixes = prefix === undefined ? intlCurrencyAffixes(currency) : { prefix, suffix: '' };
  currencies.set(currency, affixes);
  return affixes;
}

/** A currency's symbol and where it goes, as Intl writes an amount in it. */
export function intlCurrencyAffixes(currency: string): { prefix: string; suffix: string } {
  const parts = new Intl.NumberFormat('en-US', { style: 'currency', currency }).formatToParts(1);
  const index = parts.findIndex((part) => part.type === 'integer');
  const symbol = parts.find((part) => part.type === 'currency')?.value ?? currency;
  const spaced = parts.some((part) => part.type === 'literal');
  return parts.findIndex((part) => part.type === 'currency') < index ? { prefix: spaced ? `${symbol} ` : symbol, suffix: '' } : { prefix: '', suffix: ` ${symbol}` };
}

/** A metric's value in its own units: "$48,211", "41.2%", "3.4". */
export function formatValue(value: number, metric: ValueFormat, { signed = false } = {}): string {
  if (isPercentScale(metric)) {
    const percent = value * 100;
    // One decimal always, so 12.0% and 10.6% line up; more only for tiny rates (0.35%).
    const decimals = Math.abs(percent) >= 1 || percent === 0 ? 1 : decimalsFor(Math.abs(percent));
    return `${withSign(plain(percent, decimals, decimals === 1), percent, signed)}%`;
  }
  const magnitude = Math.abs(value);
  if (metric.format === 'currency') {
    const { prefix, suffix } = currencySymbol(metric.currency);
    const text = `${prefix}${plain(value, magnitude >= 100 ? 0 : 2)}${suffix}`;
    return withSign(text, value, signed);
  }
  // Fixed decimals, so two arms side by side read alike: 4.80 vs 4.01, not 4.8 vs 4.01.
  const text = withSign(plain(value, decimalsFor(magnitude), true), value, signed);
  // A duration is in days (statistics.md, "Time to first contact"): "2.40 days", "1 day" only when exactly one.
  return metric.type === 'duration' ? `${text} ${magnitude === 1 ? 'day' : 'days'}` : text;
}

/** A difference between arms in the metric's units; percentage points for percent-scale metrics. */
export function formatDifference(value: number, metric: ValueFormat, { signed = true } = {}): string {
  if (isPercentScale(metric)) return formatPoints(value, { signed });
  return formatValue(value, metric, { signed });
}

/** A p-value the way a statistician would write it. */
export function formatP(p: number): string {
  if (p < 0.001) return 'p < 0.001';
  // Three decimals below 0.1, so 0.053 is not written 0.05 beside "inconclusive".
  return `p = ${p.toFixed(p < 0.1 ? 3 : 2)}`;
}

/** 0.95 -> "95%"; 0.975 -> "97.5%". */
export function formatConfidence(confidence: number): string {
  return `${plain(confidence * 100, 1)}%`;
}

/** "1,234" */
export function formatCount(n: number): string {
  return numberFormat(0, 0).format(n);
}

/** A count with its noun: (1, "row") -> "1 row", (1200, "row") -> "1,200 rows". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : plural}`;
}


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
    return `${sign(value)}${trimmed(value, 3)}${metric.type === 'duration' ? ' d' : ''}`;
  };
}

/** Relative lift ticks: "+10%", "−5%", "0%". */
export function liftTick(value: number): string {
  const text = numberFormat(0, 1).format(Math.abs(value * 100));
  return `${value < 0 ? MINUS : value > 0 ? '+' : ''}${text}%`;
}
