/**
 * The smallest and largest of a list of numbers, in a loop. `Math.min(...values)`
 * passes every value as an argument on the call stack, so a list of a few
 * hundred thousand (one value per unit, per row) overflows it: a crash with
 * no file named. Anything of data size goes through these instead.
 */

/** The smallest of `values` and `also` (Infinity when there are none). */
export function smallest(values: Iterable<number>, ...also: number[]): number {
  let least = Infinity;
  for (const value of values) if (value < least || Number.isNaN(value)) least = value;
  for (const value of also) if (value < least || Number.isNaN(value)) least = value;
  return least;
}

/** The largest of `values` and `also` (-Infinity when there are none). */
export function largest(values: Iterable<number>, ...also: number[]): number {
  let most = -Infinity;
  for (const value of values) if (value > most || Number.isNaN(value)) most = value;
  for (const value of also) if (value > most || Number.isNaN(value)) most = value;
  return most;
}
