/**
 * Wilson's score interval for one proportion (Wilson 1927; Newcombe 1998,
 * method 3; R's `prop.test(x, n, correct = FALSE)$conf.int`):
 *
 *   q = x / n, z = z(1 - alpha/2),
 *   centre = (q + z^2 / (2n)) / (1 + z^2 / n),
 *   half-width = z / (1 + z^2 / n) * sqrt(q (1 - q) / n + z^2 / (4 n^2)).
 *
 * The bounds are exactly 0 when x = 0 and exactly 1 when x = n (the formula
 * gives those values up to rounding).
 *
 * Example (statistics.md): wilsonInterval(81, 263, 0.95) = 0.2553 to 0.3662;
 * R's `prop.test(81, 263, correct = FALSE)$conf.int` gives 0.2552885 to 0.3662096.
 */
import { checkConfidence } from './checks.ts';
import { checkCount } from './counts.ts';
import { normalQuantile } from './distributions.ts';

export function wilsonInterval(successes: number, trials: number, confidence: number): { low: number; high: number } {
  checkConfidence(confidence);
  checkCount({ successes, trials }, 'The arm');
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const q = successes / trials;
  const zSquaredOverN = (z * z) / trials;
  const centre = (q + zSquaredOverN / 2) / (1 + zSquaredOverN);
  const halfWidth = (z / (1 + zSquaredOverN)) * Math.sqrt((q * (1 - q)) / trials + zSquaredOverN / (4 * trials));
  const low = successes === 0 ? 0 : Math.max(0, centre - halfWidth);
  const high = successes === trials ? 1 : Math.min(1, centre + halfWidth);
  return { low, high };
}
