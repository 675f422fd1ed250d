/**
 * "Ana Silva", "ana silva" and "Ana  Silva" are three units to the analysis,
 * and most likely one rep typed three ways. Said as a warning (shown by check
 * and the build's log, never published: it names units), listing the rows.
 */
import { quoteValue } from '../problems.ts';
import type { ProblemLog } from './problem-log.ts';
import type { UnitSums } from './unit-sums.ts';

/** At most this many groups of look-alike unit names are listed. */
const LISTED_LOOKALIKES = 5;

export function warnOfLookalikeUnits(units: readonly UnitSums[], column: string, log: ProblemLog): void {
  const byKey = new Map<string, UnitSums[]>();
  for (const unit of units) {
    const key = unit.name.toLowerCase().replace(/\s+/g, ' ');
    const group = byKey.get(key);
    if (group === undefined) byKey.set(key, [unit]);
    else group.push(unit);
  }
  const lookalikes = [...byKey.values()].filter((group) => group.length > 1);
  for (const group of lookalikes.slice(0, LISTED_LOOKALIKES)) {
    const named = group.map((unit) => `${quoteValue(unit.name)} (row ${unit.firstRow}, ${unit.arm})`).join(', ');
    log.warn({
      row: (group[0] as UnitSums).firstRow,
      column,
      message: `${named} differ only in capitals or spaces, so they are counted as ${group.length} different units; if they are one, write the name the same way on every row`,
    });
  }
  if (lookalikes.length > LISTED_LOOKALIKES) {
    log.warn({ column, message: `and ${lookalikes.length - LISTED_LOOKALIKES} more groups of unit names that differ only in capitals or spaces` });
  }
}
