/**
 * Argument checks shared by the methods in this folder. A failed check is a
 * programming error in the caller (a RangeError), not a property of the data;
 * properties of the data that make a method impossible are StatsRefusals.
 */
import { StatsRefusal } from './refusal.ts';

/** The confidence levels a pilot may ask for (statistics.md: alpha = 1 - confidence). */
export const LOWEST_CONFIDENCE = 0.5;
export const HIGHEST_CONFIDENCE = 0.999;

export function checkConfidence(confidence: number, name = 'confidence'): void {
  if (!(confidence >= LOWEST_CONFIDENCE && confidence <= HIGHEST_CONFIDENCE)) {
    throw new RangeError(`${name} must be between ${LOWEST_CONFIDENCE} and ${HIGHEST_CONFIDENCE}, got ${confidence}.`);
  }
}

export function checkFinite(value: number, name: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite number, got ${value}.`);
}

/** "1 unit", "0 units" */
export function unitsInWords(units: number): string {
  return `${units} unit${units === 1 ? '' : 's'}`;
}

/** Refuses an arm with fewer than 2 units: one value says nothing about variation. */
export function checkUnits(units: number, arm = 'This arm'): void {
  if (!(units >= 2)) {
    throw new StatsRefusal(
      'too-few-units',
      `${arm} has ${unitsInWords(units)}; at least 2 are needed to estimate variation.`,
    );
  }
}
