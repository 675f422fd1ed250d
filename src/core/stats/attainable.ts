/**
 * How small a p-value a completely randomized pilot can reach at all
 * (statistics.md section 10): with n_p pilot and n_c control units there are
 * C(n_p + n_c, n_p) ways to split them, and the most extreme one can do no
 * better than p = 1 / C(n_p + n_c, n_p), or 2 / C(2n, n) with equal arms,
 * whose mirror image ties it. Above alpha, no effect however large can be
 * shown: the verdict is `too-few`, and a plan must not go below it.
 *
 * Examples: 3 vs 3 reps, 2 / 20 = 0.1 (too few at 95%); 4 vs 4, 2 / 70 =
 * 0.029; 3 vs 12, 1 / 455 = 0.0022.
 */
import { binomial } from './randomization.ts';

export function smallestAttainableP(pilotUnits: number, controlUnits: number): number {
  return (pilotUnits === controlUnits ? 2 : 1) / binomial(pilotUnits + controlUnits, pilotUnits);
}

/** The fewest units per arm (equal arms, at least `from`) whose smallest attainable p is at most alpha. */
export function unitsForAttainableP(alpha: number, from = 2): number {
  let units = Math.max(2, from);
  while (smallestAttainableP(units, units) > alpha) units += 1;
  return units;
}
