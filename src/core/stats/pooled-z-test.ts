/**
 * The two-proportion z test with the pooled proportion, reported as R's
 * `prop.test(c(x_p, x_c), c(n_p, n_c), correct = FALSE)` prints it
 * (statistics.md, section 4):
 *
 *   q = (x_p + x_c) / (n_p + n_c),
 *   z = (q_p - q_c) / sqrt(q (1 - q) (1/n_p + 1/n_c)),
 *   statistic = X-squared = z^2,  p = 2 (1 - Phi(|z|)) = P(chi^2_1 > z^2).
 *
 * When both arms have no successes, or both have only successes, the
 * proportions are identical and nothing varies: R prints NaN; here the
 * statistic is 0 and p is 1.
 *
 * Example: `prop.test(c(56, 48), c(70, 80), correct = FALSE)` gives
 * X-squared = 7.0234, p = 0.008045; pooledZTest({ successes: 56, trials: 70 },
 * { successes: 48, trials: 80 }) gives the same.
 */
import { checkCount, type Count } from './counts.ts';
import { normalCdf } from './distributions.ts';

export function pooledZTest(pilot: Count, control: Count): { statistic: number; p: number } {
  checkCount(pilot, 'The pilot arm');
  checkCount(control, 'The control arm');
  const trials = pilot.trials + control.trials;
  const pooled = (pilot.successes + control.successes) / trials;
  const variance = pooled * (1 - pooled) * (1 / pilot.trials + 1 / control.trials);
  if (!(variance > 0)) return { statistic: 0, p: 1 };
  const z = (pilot.successes / pilot.trials - control.successes / control.trials) / Math.sqrt(variance);
  return { statistic: z * z, p: Math.min(1, 2 * normalCdf(-Math.abs(z))) };
}
