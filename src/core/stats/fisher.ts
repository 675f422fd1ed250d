/**
 * Fisher's exact test of a 2x2 table, two-sided, as R's `fisher.test`
 * computes it (statistics.md section 12 uses it to ask whether units left
 * one arm more often than the other):
 *
 *                 in the event   not
 *   pilot arm          a          b
 *   control arm        c          d
 *
 * With the margins fixed, a is hypergeometric: P(a = x) =
 * C(a + b, x) C(c + d, a + c - x) / C(n, a + c). The p-value is the sum of
 * P(a = x) over every x whose probability is at most P(a = observed), with
 * R's relative tolerance of 1e-7 so that tables of equal probability lost to
 * rounding still count.
 *
 * Example: 0 of 12 pilot units and 6 of 20 control units left:
 * `fisher.test(matrix(c(0, 12, 6, 14), 2, byrow = TRUE))` gives p = 0.0201960201960202.
 */
import { logGamma } from './log-gamma.ts';
import { checkFinite } from './checks.ts';

const RELATIVE_TOLERANCE = 1e-7;

function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

export function fisherExactP(a: number, b: number, c: number, d: number): number {
  for (const [name, value] of [['a', a], ['b', b], ['c', c], ['d', d]] as const) {
    checkFinite(value, name);
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`Cell ${name} must be a whole number of units, 0 or more, got ${value}.`);
  }
  const rowP = a + b;
  const rowC = c + d;
  const event = a + c;
  const lowest = Math.max(0, event - rowC);
  const highest = Math.min(rowP, event);
  if (lowest === highest) return 1;
  const logTotal = logChoose(rowP + rowC, event);
  const logP = (x: number) => logChoose(rowP, x) + logChoose(rowC, event - x) - logTotal;
  const observed = logP(a);
  let p = 0;
  for (let x = lowest; x <= highest; x += 1) {
    const logProbability = logP(x);
    if (logProbability <= observed + Math.log1p(RELATIVE_TOLERANCE)) p += Math.exp(logProbability);
  }
  return Math.min(1, p);
}
