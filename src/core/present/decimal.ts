/**
 * A number written as `Intl.NumberFormat('en-US', { minimumFractionDigits,
 * maximumFractionDigits })` writes it, character for character, without ICU:
 * building the first Intl.NumberFormat of a process loads ICU's data, 20 to
 * 30 ms of every command's start (`check`, `analyze`), for a format this
 * simple. test/core/present/decimal.test.ts holds it against Intl itself.
 *
 * What Intl does, and so this: it takes the shortest decimal that reads back
 * as the same double (what String(value) gives), not the double's exact
 * binary value, and rounds it half away from zero ("halfExpand"): 1.005 to two
 * decimals is 1.01 (toFixed says 1.00). Thousands are grouped with commas,
 * a negative value (-0 included, and one that rounds to 0) keeps its minus
 * sign "-", NaN is "NaN" and an infinity "∞".
 */

/** The shortest digits of a finite value above 0 and where its decimal point goes: value = 0.digits × 10^point. */
function shortestDigits(magnitude: number): { digits: string; point: number } {
  const [mantissa = '', exponent = '0'] = String(magnitude).split('e');
  const [whole = '', fraction = ''] = mantissa.split('.');
  let digits = whole + fraction;
  let point = whole.length + Number(exponent);
  // "0.00015": the zeros before the first significant digit only move the point.
  const leading = digits.length - digits.replace(/^0+/, '').length;
  digits = digits.slice(leading);
  point -= leading;
  return { digits: digits.replace(/0+$/, ''), point };
}

/** A string of decimal digits plus one in its last place; "999" becomes "1000". */
function incremented(digits: string): string {
  // "" is 0, so its increment is "1".
  let carry = digits.length - 1;
  while (carry >= 0 && digits[carry] === '9') carry -= 1;
  if (carry < 0) return `1${'0'.repeat(digits.length)}`;
  return `${digits.slice(0, carry)}${String(Number(digits[carry]) + 1)}${'0'.repeat(digits.length - carry - 1)}`;
}

function grouped(whole: string): string {
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function formatDecimal(value: number, minimumFractionDigits: number, maximumFractionDigits: number): string {
  if (Number.isNaN(value)) return 'NaN';
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  if (!Number.isFinite(value)) return `${sign}∞`;
  const magnitude = Math.abs(value);
  let whole = '0';
  let fraction = '';
  if (magnitude !== 0) {
    let { digits, point } = shortestDigits(magnitude);
    // Digits kept: those before the point and maximumFractionDigits after it. Fewer than none: the
    // first digit dropped is a zero before the first significant one, so the value rounds to 0.
    const kept = point + maximumFractionDigits;
    if (kept < 0) digits = '';
    else if (kept < digits.length) {
      const roundsUp = (digits[kept] as string) >= '5';
      digits = digits.slice(0, kept);
      if (roundsUp) {
        // 0.996 to 1.00, or 0.006 to 0.01 from no digit kept: a digit more moves the point with it.
        const bigger = incremented(digits);
        point += bigger.length - digits.length;
        digits = bigger;
      }
    }
    digits = digits.replace(/0+$/, '');
    if (digits !== '') {
      whole = point > 0 ? digits.slice(0, point).padEnd(point, '0') : '0';
      fraction = point >= 0 ? digits.slice(point) : `${'0'.repeat(-point)}${digits}`;
    }
  }
  fraction = fraction.padEnd(minimumFractionDigits, '0');
  return `${sign}${grouped(whole)}${fraction === '' ? '' : `.${fraction}`}`;
}
