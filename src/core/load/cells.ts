/**
 * Reading single cells the way a spreadsheet export writes them.
 *
 * Each reader returns the value, or a string saying what was expected; the
 * caller turns that into a problem naming the file, row and column.
 */

export type CellResult<T> = { ok: true; value: T } | { ok: false; expected: string };

const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;
const CURRENCY_SYMBOLS = /^[$€£¥₹]|^(?:USD|EUR|GBP|CHF|CAD|AUD|JPY)\s?/i;
// 1,234,567.89 (commas group thousands) or 1 234 567.89 with spaces or apostrophes.
const GROUPED_THOUSANDS = /^\d{1,3}(?:([,  '’])\d{3})(?:\1\d{3})*(?:\.\d+)?$/;
// European exports: 1.234.567,89 or 1234,5, read only from files whose delimiter is ";".
const EUROPEAN_GROUPED = /^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/;
const EUROPEAN_DECIMAL = /^\d+,\d+$/;

export const NUMBER_EXPECTED = 'expected a number, e.g. 1200, 1,200.50, $1,200 or 12%';

export interface NumberOptions {
  /** The file's delimiter; ";" files may use a decimal comma (1.234,56). */
  delimiter: string;
}

/**
 * A number as spreadsheets write it: surrounding spaces, thousands separators,
 * a leading currency symbol, a trailing % (read as /100), accounting
 * negatives in parentheses. Anything else (1e309, NaN, text) is refused
 * rather than guessed.
 */
export function readNumber(raw: string, options: NumberOptions): CellResult<number> {
  // Fast path: the overwhelming majority of cells in a machine export.
  if (PLAIN_NUMBER.test(raw)) return finite(Number(raw));
  let text = raw.trim();
  let sign = 1;
  if (/^\(.*\)$/.test(text)) {
    sign = -1;
    text = text.slice(1, -1).trim();
  }
  if (text.startsWith('-') || text.startsWith('−')) {
    sign = -sign;
    text = text.slice(1).trim();
  } else if (text.startsWith('+')) {
    text = text.slice(1).trim();
  }
  text = text.replace(CURRENCY_SYMBOLS, '').trim();
  // "$-1,200" puts the sign after the symbol.
  if (sign === 1 && (text.startsWith('-') || text.startsWith('−'))) {
    sign = -1;
    text = text.slice(1).trim();
  }
  let scale = 1;
  if (text.endsWith('%')) {
    scale = 0.01;
    text = text.slice(0, -1).trim();
  }
  const digits = plainDigits(text, options.delimiter);
  if (digits === null) return { ok: false, expected: NUMBER_EXPECTED };
  const value = Number(digits) * scale * sign;
  // -0 is a spreadsheet artefact; publish it as 0.
  return finite(value === 0 ? 0 : value);
}

/** Powers of ten a double holds exactly, written as literals so none is computed. */
const EXACT_POWERS_OF_TEN = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * The loader's fast path for the common case, a plain number such as 1834.27
 * or -12: the same value readNumber gives, without allocating a result, or
 * NaN when the cell needs the careful reading above (empty, currency,
 * separators, anything that would be refused).
 *
 * With at most 15 digits the digits form an exact integer and 10^k is exact,
 * so one division is correctly rounded: bit for bit what Number(raw) returns
 * (Clinger's fast path, "How to read floating point numbers accurately", 1990).
 * Longer numbers go through Number() itself.
 */
export function readPlainNumber(raw: string): number {
  const length = raw.length;
  let at = 0;
  let negative = false;
  if (length > 0 && raw.charCodeAt(0) === 45 /* - */) {
    negative = true;
    at = 1;
  }
  const integerStart = at;
  let digits = 0;
  for (; at < length; at += 1) {
    const digit = raw.charCodeAt(at) - 48;
    if (digit < 0 || digit > 9) break;
    digits = digits * 10 + digit;
  }
  if (at === integerStart) return NaN;
  let decimals = 0;
  if (at < length) {
    if (raw.charCodeAt(at) !== 46 /* . */) return NaN;
    at += 1;
    const fractionStart = at;
    for (; at < length; at += 1) {
      const digit = raw.charCodeAt(at) - 48;
      if (digit < 0 || digit > 9) return NaN;
      digits = digits * 10 + digit;
    }
    decimals = at - fractionStart;
    if (decimals === 0) return NaN;
  }
  const digitCount = length - integerStart - (decimals === 0 ? 0 : 1);
  let value: number;
  if (digitCount <= 15) {
    value = decimals === 0 ? digits : digits / (EXACT_POWERS_OF_TEN[decimals] as number);
    if (negative) value = -value;
  } else {
    value = Number(raw);
    if (!Number.isFinite(value)) return NaN;
  }
  // -0 is a spreadsheet artefact; publish it as 0 (as readNumber does).
  return value === 0 ? 0 : value;
}

function plainDigits(text: string, delimiter: string): string | null {
  if (/^\d+(?:\.\d+)?$|^\.\d+$/.test(text)) return text;
  if (GROUPED_THOUSANDS.test(text)) return text.replace(/[,  '’]/g, '');
  if (delimiter === ';') {
    if (EUROPEAN_GROUPED.test(text)) return text.replace(/\./g, '').replace(',', '.');
    if (EUROPEAN_DECIMAL.test(text)) return text.replace(',', '.');
  }
  return null;
}

export const TOO_LARGE_EXPECTED =
  'is too large to compute with; expected a number below about 1.8e308 (check the column holds amounts, not IDs or phone numbers)';

function finite(value: number): CellResult<number> {
  // Digits that read as a number but overflow a double (a 310-digit cell): say so, not "expected a number".
  if (value === Infinity || value === -Infinity) return { ok: false, expected: TOO_LARGE_EXPECTED };
  if (!Number.isFinite(value)) return { ok: false, expected: NUMBER_EXPECTED };
  return { ok: true, value: value === 0 ? 0 : value };
}

const YES = new Set(['1', 'true', 'yes']);
const NO = new Set(['0', 'false', 'no']);

export const OUTCOME_EXPECTED = 'expected a yes/no outcome: 1 or 0, true or false, yes or no';

/** A yes/no outcome for a proportion metric: 0/1, true/false, yes/no in any case. */
export function readOutcome(raw: string): CellResult<boolean> {
  const text = raw.trim().toLowerCase();
  if (YES.has(text)) return { ok: true, value: true };
  if (NO.has(text)) return { ok: true, value: false };
  return { ok: false, expected: OUTCOME_EXPECTED };
}

/**
 * The loader's fast path for outcomes as machines write them (1, 0, true,
 * false, yes, no in lower case): 1 or 0, or NaN when the cell needs readOutcome.
 */
export function readPlainOutcome(raw: string): number {
  switch (raw) {
    case '1':
    case 'true':
    case 'yes':
      return 1;
    case '0':
    case 'false':
    case 'no':
      return 0;
    default:
      return NaN;
  }
}

export const DATE_EXPECTED = 'expected a date as YYYY-MM-DD, e.g. 2026-03-02';

/**
 * An ISO date, optionally followed by a time as some exports add
 * ("2026-03-02 00:00:00"). Day-first or month-first dates (03/02/2026) are
 * ambiguous, so they are refused, as is a day that does not exist.
 */
export function readDate(raw: string): CellResult<string> {
  const text = raw.trim();
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (!match) return { ok: false, expected: DATE_EXPECTED };
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { ok: false, expected: `${DATE_EXPECTED}; this day does not exist` };
  }
  return { ok: true, value: text.slice(0, 10) };
}

/** Monday of the ISO week containing a YYYY-MM-DD day. */
export function weekOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - sinceMonday);
  return date.toISOString().slice(0, 10);
}
