/**
 * The data against its assignment (statistics.md section 13): every unit in
 * the data must have been assigned, and to the group the data gives it. A
 * unit in the other group is exactly what a random assignment is there to
 * rule out (a rep moved into the pilot because they were keen), so it is an
 * error, never a warning. Assigned units with no rows at all are attrition
 * (section 12), counted by the analysis.
 */
import type { UnitSums } from '../load/unit-sums.ts';
import type { Pilot } from '../pilot.ts';
import { error, quoteValue, type Problem } from '../problems.ts';
import type { Assignment } from './assignment-file.ts';

/** At most this many units are named for each kind of mismatch; the rest are counted. */
const LISTED = 10;

export function checkAgainstAssignment(units: Iterable<UnitSums>, assignment: Assignment, pilot: Pilot, dataFile: string): Problem[] {
  const moved: Problem[] = [];
  const unassigned: Problem[] = [];
  let movedCount = 0;
  let unassignedCount = 0;
  for (const unit of units) {
    const assigned = assignment.units.get(unit.name);
    if (assigned === undefined) {
      unassignedCount += 1;
      if (unassigned.length < LISTED) {
        unassigned.push(
          error({
            file: dataFile,
            row: unit.firstRow,
            column: pilot.unit,
            value: unit.name,
            message: `is not in the assignment file ${assignment.file}; expected every unit in the data to have been assigned before the pilot started (add it to the roster and assign again only if the pilot has not started)`,
          }),
        );
      }
      continue;
    }
    if (assigned.group !== unit.arm) {
      movedCount += 1;
      if (moved.length < LISTED) {
        moved.push(
          error({
            file: dataFile,
            row: unit.firstRow,
            column: pilot.group.column,
            value: unit.arm === 'pilot' ? pilot.group.pilot : pilot.group.control,
            message: `unit ${quoteValue(unit.name)} is in the ${unit.arm} group here but was assigned to the ${assigned.group} group (${assignment.file}, row ${assigned.row}); expected each unit in the group it was assigned to`,
          }),
        );
      }
    }
  }
  const more = (count: number, listed: number, what: string): Problem[] =>
    count > listed ? [error({ file: dataFile, message: `and ${count - listed} more ${what}` })] : [];
  return [
    ...moved,
    ...more(movedCount, moved.length, 'units in another group than assigned'),
    ...unassigned,
    ...more(unassignedCount, unassigned.length, `units not in ${assignment.file}`),
  ];
}
