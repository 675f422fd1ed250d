/**
 * A pilot's data file in the per-unit aggregate form (`form: unit-sums`,
 * pilot-format.md): a CSV read as rows of cells into unit-sums-file.ts.
 */
import type { Pilot } from '../pilot.ts';
import { error } from '../problems.ts';
import { readCsv, type ByteTap } from './read-csv.ts';
import type { FoldedData } from './unit-sums-builder.ts';
import { UnitSumsFileBuilder } from './unit-sums-file.ts';

export async function readUnitSumsCsv(absolute: string, shown: string, pilot: Pilot, pilotFile: string, tap?: ByteTap): Promise<FoldedData> {
  const builder = new UnitSumsFileBuilder(pilot, shown, { pilotFile });
  const summary = await readCsv(absolute, {
    header: (cells, delimiter) => builder.header(cells, delimiter),
    rows: (chunk) => chunk.rows.forEach((cells, offset) => builder.row(cells, chunk.firstRow + offset)),
  }, tap === undefined ? {} : { tap });
  const data = builder.finish();
  for (const problem of summary.quoteProblems) {
    data.problems.push(error({ file: shown, row: problem.row, message: `a quoted value is not closed or has a stray quote (${problem.message}); expected "..." around values that contain the delimiter` }));
  }
  return data;
}
