/**
 * The value of a portfolio of rolled-out pilots: the sum of their rollout
 * projections (statistics.md section 8), with an interval for the sum.
 *
 * The pilots ran on different units, so their estimates are independent.
 * Each interval is read as an estimate plus or minus a margin, one margin
 * on each side (the headline intervals need not be symmetric); for
 * independent, roughly normal estimates the margin of a sum is the square
 * root of the sum of the squared margins, side by side:
 *
 *   estimate = sum e_i
 *   low      = sum e_i - sqrt(sum (e_i - low_i)^2)
 *   high     = sum e_i + sqrt(sum (high_i - e_i)^2)
 *
 * at the pilots' shared confidence level. A pilot with no limit on a side
 * leaves the sum with none on that side (null).
 *
 * Example (R: e <- c(6000, 2500); lo <- c(2000, -500); hi <- c(10000, 5500);
 * sum(e) - sqrt(sum((e - lo)^2)); sum(e) + sqrt(sum((hi - e)^2))):
 * 8,500 (3,500 to 13,500).
 */
import { checkFinite } from './checks.ts';

export interface Projection {
  estimate: number;
  low: number | null;
  high: number | null;
}

export function sumOfIndependent(projections: readonly Projection[]): Projection {
  let estimate = 0;
  let lowSquares: number | null = 0;
  let highSquares: number | null = 0;
  for (const { estimate: e, low, high } of projections) {
    checkFinite(e, 'A projection');
    estimate += e;
    lowSquares = low === null || lowSquares === null ? null : lowSquares + (e - low) ** 2;
    highSquares = high === null || highSquares === null ? null : highSquares + (high - e) ** 2;
  }
  return {
    estimate,
    low: lowSquares === null ? null : estimate - Math.sqrt(lowSquares),
    high: highSquares === null ? null : estimate + Math.sqrt(highSquares),
  };
}
