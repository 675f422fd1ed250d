/**
 * The units of a data file, in the order of their first rows, each found by
 * its name where the name lies in its line (region-table.ts): a row of a
 * unit met before costs no string.
 */
import type { Arm } from '../evidence.ts';
import { RegionTable } from './region-table.ts';
import type { UnitSums } from './unit-sums.ts';

export class UnitRegister {
  /** By index, in the order of their first rows. Their sums are filled in when the file is done (unit-sums.ts). */
  readonly units: UnitSums[] = [];
  private readonly byName = new RegionTable<number>();

  /** The index of the unit named text.slice(start, end), or -1. */
  indexOf(text: string, start: number, end: number): number {
    return this.byName.find(text, start, end) ?? -1;
  }

  /** A new unit, first seen on row `firstRow`; its index. */
  add(name: string, arm: Arm, firstRow: number): number {
    const index = this.units.length;
    this.units.push({ name, arm, firstRow, pilotRows: 0, metrics: [] });
    this.byName.add(name, index);
    return index;
  }

  /** The units by name, for the analysis; the lookup table is let go. */
  publish(): Map<string, UnitSums> {
    this.byName.clear();
    return new Map(this.units.map((unit) => [unit.name, unit]));
  }
}
