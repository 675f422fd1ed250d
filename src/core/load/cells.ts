/**
 * Reading single cells the way a spreadsheet export writes them.
 *
 * Each reader returns the value, or a string saying what was expected; the
 * caller turns that into a problem naming the file, row and column.
 */

export type CellResult<T> = { ok: true; value: T } | { ok: false; expected: string };

const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;
const CURRENCY_SYMBOLS = /^[$€£¥₹]|^(?:USD|EUR|GBP|CHF|CAD|AUD|JPY)\s?/i;
// "4.120,50 €" and "1200 USD": European exports put the symbol after the amount.
const TRAILING_CURRENCY = /\s?(?:[$€£¥₹]|USD|EUR|GBP|CHF|CAD|AUD|JPY)$/i;

export const NUMBER_EXPECTED = 'expected a number, e.g. 1200, 1,200.50, $1,200 or 12%';

export interface NumberOptions {
  /** The file's delimiter. Only a comma-separated file cannot hold a decimal comma. */
  delimiter: string;
  /** A money metric's ISO currency (pilot-format.md: `currency`): an amount marked in another currency is refused, not added in. */
  currency?: string;
}

/** The currencies a symbol can stand for: "$" is any dollar, so it fits USD, CAD or AUD alike. */
const SYMBOL_CURRENCIES: Record<string, readonly string[]> = {
  $: ['USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD', 'MXN'],
  '€': ['EUR'],
  '£': ['GBP'],
  '¥': ['JPY', 'CNY'],
  '₹': ['INR'],
};

/** Why an amount marked with `marker` ($, €, EUR, ...) is not in `currency`, or null when it is. */
function foreignCurrency(marker: string, currency: string): string | null {
  const code = marker.trim().toUpperCase();
  const fits = SYMBOL_CURRENCIES[code]?.includes(currency) ?? code === currency;
  if (fits) return null;
  return `is marked "${marker.trim()}", another currency than the metric's ${currency}; expected amounts in ${currency}: convert them, or set currency on the metric`;
}

/**
 * The decimal mark a cell shows. In a file not separated by commas a
 * spreadsheet may write either 1,234.5 or 1.234,5, so each cell is read for
 * its evidence: "point" (1.5, 1,234.50), "comma" (1,5, 1.234.567), or
 * "either" for the cells that read both ways (4.120 and 1,250: a thousands
 * separator or three decimals). decimal-marks.ts checks each column is consistent.
 */
export type DecimalMark = 'point' | 'comma' | 'either';

export type NumberResult = { ok: true; value: number; mark?: DecimalMark } | { ok: false; expected: string };

/**
 * A number as spreadsheets write it: surrounding spaces, thousands separators,
 * a currency symbol before or after, a trailing % (read as /100), accounting
 * negatives in parentheses (with no sign inside them), scientific notation (1.2E+06, 3.2e-09: what a
 * spreadsheet writes for a value too large or small for its column), and in
 * files not separated by commas a decimal comma (1,2E+06 there is 1.2
 * million). Anything else (1e309, NaN, text) is refused rather than guessed.
 */
export function readNumber(raw: string, options: NumberOptions): NumberResult {
  // Fast path: the overwhelming majority of cells in a machine export. A dot
  // is a decimal point for certain only where a comma cannot be one.
  if (PLAIN_NUMBER.test(raw) && (options.delimiter === ',' || !raw.includes('.'))) return finite(Number(raw));
  let text = raw.trim();
  let sign = 1;
  const parenthesised = /^\(.*\)$/.test(text);
  if (parenthesised) {
    sign = -1;
    text = text.slice(1, -1).trim();
    // (-5), (−5), (+5): the parentheses already make the amount negative, so a sign inside them
    // either cancels them or repeats them; read either way it would be a guess (issue #17).
    if (SIGN.test(text)) return { ok: false, expected: SIGN_IN_PARENTHESES_EXPECTED };
  }
  if (text.startsWith('-') || text.startsWith('−')) {
    sign = -sign;
    text = text.slice(1).trim();
  } else if (text.startsWith('+')) {
    text = text.slice(1).trim();
  }
  if (options.currency !== undefined) {
    for (const marker of [CURRENCY_SYMBOLS.exec(text)?.[0], TRAILING_CURRENCY.exec(text)?.[0]]) {
      const foreign = marker === undefined ? null : foreignCurrency(marker, options.currency);
      if (foreign !== null) return { ok: false, expected: foreign };
    }
  }
  const withoutCurrency = text.replace(CURRENCY_SYMBOLS, '').replace(TRAILING_CURRENCY, '').trim();
  // Accounting format writes a zero amount as a dash: "$ -", " € -   ".
  if (withoutCurrency !== text && /^[-–—]$/.test(withoutCurrency)) return { ok: true, value: 0 };
  text = withoutCurrency;
  // The same after a currency symbol: ($-5).
  if (parenthesised && SIGN.test(text)) return { ok: false, expected: SIGN_IN_PARENTHESES_EXPECTED };
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
  const scientific = SCIENTIFIC.exec(text);
  const digits =
    scientific !== null ? scientificDigits(scientific, options.delimiter) : options.delimiter === ',' ? pointDigits(text) : eitherDigits(text, commaIsDecimal(options.delimiter));
  const expected = options.delimiter === ',' ? NUMBER_EXPECTED : NUMBER_EXPECTED_EITHER;
  if (digits === null) return { ok: false, expected };
  const value = Number(digits.digits) * scale * sign;
  // No spreadsheet writes an exponent past a double's (1e309): not a number it wrote.
  if (scientific !== null && !Number.isFinite(value)) return { ok: false, expected };
  // -0 is a spreadsheet artefact; publish it as 0.
  const read = finite(value === 0 ? 0 : value);
  return read.ok && digits.mark !== undefined ? { ...read, mark: digits.mark } : read;
}

/** A plus, a hyphen-minus or a minus sign (U+2212) leading a number. */
const SIGN = /^[-−+]/;

export const SIGN_IN_PARENTHESES_EXPECTED =
  'has a sign inside accounting parentheses, which already make an amount negative, so it may mean either; expected one or the other, e.g. (5) or -5 for minus five';

export const NUMBER_EXPECTED_EITHER = 'expected a number, e.g. 1200, 1200.50, 1.200,50, €1.200 or 12%';

/**
 * Powers of ten a double holds exactly (5^22 < 2^53, 5^23 is not), written as
 * literals so none is computed.
 */
const EXACT_POWERS_OF_TEN = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/**
 * Which decimal mark the loader's fast path may read in a column (see
 * readPlainNumberIn):
 * - ANY_POINT: a comma-separated file, where a dot can only be a decimal
 *   point, whatever follows it;
 * - POINT, COMMA: a file separated otherwise, once the careful reader has met
 *   that mark in the column and noted it (decimal-marks.ts keeps the first
 *   cell of each mark, so later ones add nothing). A cell that may also be
 *   thousands (4.120, 1,250) still goes to the careful reader, which notes it;
 * - NO_MARK: no mark met yet: any cell with a mark goes to the careful reader.
 * Each is for its files only: ANY_POINT in a ";" file would read 4.120 as
 * 4.12 where the careful reader reads 4120 (metric-cells.ts pairs them).
 */
export const NO_MARK = 0;
export const ANY_POINT = 1;
export const POINT = 2;
export const COMMA = 3;
export type FastMark = typeof NO_MARK | typeof ANY_POINT | typeof POINT | typeof COMMA;

/**
 * The loader's fast path for the common case, a plain number such as 1834.27,
 * 1834,27, -12 or 1.2E+06: the same value readNumber gives, without
 * allocating a result, or NaN when the cell needs the careful reading above
 * (empty, currency, separators, anything that would be refused, and any
 * decimal mark `mark` does not allow: see FastMark).
 *
 * With at most 15 digits the digits form an exact integer, and 10^k is exact
 * up to k = 22, so one multiplication or division is correctly rounded: bit
 * for bit what Number(raw) returns (Clinger's fast path, "How to read
 * floating point numbers accurately", 1990). Other numbers go through
 * Number() itself.
 */
export function readPlainNumber(raw: string, mark: FastMark): number {
  return readPlainNumberIn(raw, 0, raw.length, mark);
}

/** readPlainNumber of the cell text.slice(start, end), without slicing it: the loader reads cells where they lie in the line. */
export function readPlainNumberIn(text: string, start: number, end: number, mark: FastMark): number {
  let at = start;
  let negative = false;
  if (end > start && text.charCodeAt(start) === 45 /* - */) {
    negative = true;
    at = start + 1;
  }
  const integerStart = at;
  let digits = 0;
  for (; at < end; at += 1) {
    const digit = text.charCodeAt(at) - 48;
    if (digit < 0 || digit > 9) break;
    digits = digits * 10 + digit;
  }
  if (at === integerStart) return NaN;
  let decimals = 0;
  let decimalMark = 0;
  if (at < end) {
    decimalMark = text.charCodeAt(at);
    if (decimalMark === 46 /* . */ || decimalMark === 44 /* , */) {
      const allowed = decimalMark === 46 ? mark === ANY_POINT || mark === POINT : mark === COMMA;
      if (!allowed) return NaN;
      at += 1;
      const fractionStart = at;
      for (; at < end; at += 1) {
        const digit = text.charCodeAt(at) - 48;
        if (digit < 0 || digit > 9) break;
        digits = digits * 10 + digit;
      }
      decimals = at - fractionStart;
      if (decimals === 0) return NaN;
      // 4.120 or 1,250 outside a comma-separated file: thousands or three decimals (eitherDigits).
      // With an exponent after it, the mark can only be a decimal one (scientificDigits).
      const whole = fractionStart - 1 - integerStart;
      if (at === end && mark !== ANY_POINT && decimals === 3 && whole <= 3 && text.charCodeAt(integerStart) !== 48 /* 0 */) return NaN;
    } else decimalMark = 0;
  }
  const digitCount = at - integerStart - (decimals === 0 ? 0 : 1);
  let exponent = 0;
  if (at < end) {
    // Scientific notation: e or E, a sign, at most three digits (as far as doubles go), and the cell's end.
    if ((text.charCodeAt(at) | 32) !== 101 /* e */) return NaN;
    at += 1;
    let exponentSign = 1;
    const sign = at < end ? text.charCodeAt(at) : 0;
    if (sign === 43 /* + */ || sign === 45 /* - */) {
      if (sign === 45) exponentSign = -1;
      at += 1;
    }
    const exponentStart = at;
    for (; at < end; at += 1) {
      const digit = text.charCodeAt(at) - 48;
      if (digit < 0 || digit > 9) return NaN;
      exponent = exponent * 10 + digit;
    }
    if (at === exponentStart || at - exponentStart > 3) return NaN;
    exponent *= exponentSign;
  }
  const scale = exponent - decimals;
  let value: number;
  if (digitCount <= 15 && scale >= -22 && scale <= 22) {
    value = scale === 0 ? digits : scale > 0 ? digits * (EXACT_POWERS_OF_TEN[scale] as number) : digits / (EXACT_POWERS_OF_TEN[-scale] as number);
    if (negative) value = -value;
  } else {
    // Number() reads no decimal comma.
    if (decimalMark === 44) return NaN;
    value = Number(text.slice(start, end));
    if (!Number.isFinite(value)) return NaN;
  }
  // -0 is a spreadsheet artefact; publish it as 0 (as readNumber does).
  return value === 0 ? 0 : value;
}

// 1,234,567.89 (commas group thousands) or 1 234 567.89 with spaces or apostrophes.
const GROUPED_THOUSANDS = /^\d{1,3}(?:([,\u00a0\u202f '’])\d{3})(?:\1\d{3})*(?:\.\d+)?$/;
const SEPARATORS = /[,\u00a0\u202f '’]/g;

// A mantissa with at most one decimal mark, then the exponent: 1.2E+06, 3.2e-09, -4.5E-3 (the sign is read before), 1E5.
const SCIENTIFIC = /^(\d+)(?:([.,])(\d+))?[eE]([+-]?\d+)$/;

/**
 * Digits for Number() of a number in scientific notation. Its mark can only
 * be a decimal one (nobody groups the thousands of a mantissa), so outside a
 * comma-separated file it is evidence of the column's decimal mark; in a
 * comma-separated file a comma in it is refused, as in any other number.
 */
function scientificDigits(match: RegExpExecArray, delimiter: string): { digits: string; mark?: DecimalMark } | null {
  const [, whole = '', mark, decimals, exponent = ''] = match;
  const digits = `${whole}${decimals === undefined ? '' : `.${decimals}`}e${exponent}`;
  if (mark === undefined) return { digits };
  if (delimiter === ',') return mark === '.' ? { digits } : null;
  return { digits, mark: mark === '.' ? 'point' : 'comma' };
}

/** Digits for Number() in a comma-separated file, where a comma can only group thousands. */
function pointDigits(text: string): { digits: string; mark?: DecimalMark } | null {
  if (/^\d+(?:\.\d+)?$|^\.\d+$/.test(text)) return { digits: text };
  if (GROUPED_THOUSANDS.test(text)) return { digits: text.replace(SEPARATORS, '') };
  return null;
}

// Thousands grouped by one mark, then maybe decimals after the other: 1.234.567,89 / 1,234,567.89 / 1 234 567,89.
const GROUPED = /^\d{1,3}(?:([.,\u00a0\u202f '’])\d{3})(?:\1\d{3})*(?:([.,])(\d+))?$/;

/**
 * How a file with this delimiter most likely writes a number that reads both
 * ways (4.120, 1,250). Spreadsheets save with ";" where the comma is the
 * decimal mark, so there 4.120 is four thousand; a tab-separated file has no
 * such sign, and keeps the reading of comma-separated files (4.12, 1250).
 */
export function commaIsDecimal(delimiter: string): boolean {
  return delimiter === ';';
}

/**
 * Digits for Number() where either mark may be the decimal one, with the
 * evidence the cell gives. A cell that reads both ways (4.120, 1,250) is read
 * by the file's convention (commaIsDecimal) and its mark is "either".
 */
function eitherDigits(text: string, commaDecimal: boolean): { digits: string; mark?: DecimalMark } | null {
  if (/^\d+$/.test(text)) return { digits: text };
  // One mark, not three digits after it (or a leading zero): it can only be a decimal mark.
  const single = /^(\d*)([.,])(\d+)$/.exec(text);
  if (single) {
    const [, whole = '', mark, decimals = ''] = single;
    const couldGroup = decimals.length === 3 && /^[1-9]\d{0,2}$/.test(whole);
    if (!couldGroup) return { digits: `${whole || '0'}.${decimals}`, mark: mark === '.' ? 'point' : 'comma' };
    // 4.120 or 1,250: thousands or three decimals. Read by the file's convention; decimal-marks.ts says so.
    const decimal = commaDecimal ? ',' : '.';
    return { digits: mark === decimal ? `${whole}.${decimals}` : `${whole}${decimals}`, mark: 'either' };
  }
  const grouped = GROUPED.exec(text);
  if (grouped) {
    const [, group = '', decimalMark, decimals] = grouped;
    if (decimalMark !== undefined && decimalMark === group) return null;
    const whole = text.slice(0, decimalMark === undefined ? text.length : text.length - (decimals?.length ?? 0) - 1).split(group).join('');
    const digits = decimals === undefined ? whole : `${whole}.${decimals}`;
    // The group mark says which convention, when it is a dot or a comma: 1.234.567 is European, 1,234,567 is not.
    const mark: DecimalMark | undefined =
      decimalMark !== undefined ? (decimalMark === '.' ? 'point' : 'comma') : group === '.' ? 'comma' : group === ',' ? 'point' : undefined;
    return mark === undefined ? { digits } : { digits, mark };
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

const TICKED = new Set([...YES, 'y', 'x']);
const UNTICKED = new Set([...NO, 'n']);

/**
 * A tick box of a lead export (a funnel stage, a qualification criterion or
 * outcome): yes, y, true, 1 or x; no, n, false or 0; in any case. Null for a
 * blank cell (each caller says what blank means), undefined for anything
 * else. Wider than a proportion's outcome (readOutcome), whose columns are
 * machine-written and where a stray "x" is more likely a slip.
 */
export function readTickBox(raw: string): boolean | null | undefined {
  const text = raw.trim().toLowerCase();
  if (text === '') return null;
  if (TICKED.has(text)) return true;
  if (UNTICKED.has(text)) return false;
  return undefined;
}

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
  return readPlainOutcomeIn(raw, 0, raw.length);
}

/** readPlainOutcome of the cell text.slice(start, end), without slicing it. */
export function readPlainOutcomeIn(text: string, start: number, end: number): number {
  switch (end - start) {
    case 1: {
      const code = text.charCodeAt(start);
      return code === 49 /* 1 */ ? 1 : code === 48 /* 0 */ ? 0 : NaN;
    }
    case 2:
      return text.startsWith('no', start) ? 0 : NaN;
    case 3:
      return text.startsWith('yes', start) ? 1 : NaN;
    case 4:
      return text.startsWith('true', start) ? 1 : NaN;
    case 5:
      return text.startsWith('false', start) ? 0 : NaN;
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
