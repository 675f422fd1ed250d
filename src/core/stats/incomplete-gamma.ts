/**
 * The regularized upper incomplete gamma function Q(a, z) = Gamma(a, z) / Gamma(a),
 * which gives the normal distribution's tails without cancellation:
 * Phi(-|x|) = Q(1/2, x^2 / 2) / 2.
 *
 * For z < a + 1 the series P(a, z) = z^a e^-z / Gamma(a + 1) * sum_n z^n / ((a + 1) ... (a + n))
 * and Q = 1 - P; otherwise the continued fraction of Abramowitz and Stegun
 * 6.5.31 by the modified Lentz method (Numerical Recipes, 3rd ed., section 6.2).
 * Accurate to about 1e-15 relative.
 *
 * Example: Q(1/2, 1.96^2 / 2) = 0.0499957903 (R: `2 * pnorm(-1.96)`).
 */
import { logGamma } from './log-gamma.ts';

const TOLERANCE = 1e-15;
const MOST_STEPS = 100_000;
const TINY = 1e-300;
/** ln Gamma(1/2), for the normal distribution's calls (a = 1/2): the very number logGamma(0.5) returns, worked out once. */
const LOG_GAMMA_HALF = logGamma(0.5);

export function regularizedUpperIncompleteGamma(a: number, z: number): number {
  if (!(a > 0)) throw new RangeError(`The incomplete gamma function needs a positive a, got ${a}.`);
  if (!(z >= 0)) throw new RangeError(`The incomplete gamma function needs z >= 0, got ${z}.`);
  if (z === 0) return 1;
  if (z === Infinity) return 0;
  const logFront = a * Math.log(z) - z - (a === 0.5 ? LOG_GAMMA_HALF : logGamma(a));
  if (z < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n <= MOST_STEPS; n += 1) {
      term *= z / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * TOLERANCE) break;
    }
    return 1 - sum * Math.exp(logFront);
  }
  let b = z + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let fraction = d;
  for (let n = 1; n <= MOST_STEPS; n += 1) {
    const coefficient = -n * (n - a);
    b += 2;
    d = coefficient * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + coefficient / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const change = d * c;
    fraction *= change;
    if (Math.abs(change - 1) < TOLERANCE) break;
  }
  return Math.exp(logFront) * fraction;
}
