/**
 * Checks for success counts (statistics.md, section 4): whole numbers with
 * 0 <= successes <= trials, and at least one trial, since a proportion of
 * nothing does not exist.
 */
import { StatsRefusal } from './refusal.ts';

export interface Count {
  /** x_a: rows with a success ("yes"). */
  successes: number;
  /** n_a: rows. */
  trials: number;
}

export function checkCount(count: Count, name: string): void {
  const { successes, trials } = count;
  if (!Number.isInteger(successes) || !Number.isInteger(trials)) {
    throw new RangeError(`${name}: successes and trials must be whole numbers, got ${successes} and ${trials}.`);
  }
  if (successes < 0 || successes > trials) {
    throw new RangeError(`${name}: successes must be between 0 and trials, got ${successes} of ${trials}.`);
  }
  if (trials < 1) {
    throw new StatsRefusal('too-few-units', `${name} has no rows, so there is no proportion to estimate.`);
  }
}
