/**
 * The example pilots analysed from their row-level files and from a per-unit
 * aggregate (form: unit-sums), for the tests that hold the two to the same
 * results document (test/core/load/unit-sums-file.test.ts,
 * test/core/sql/aggregate-query.test.ts).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzePilot } from '../../src/core/analyze.ts';
import { readAssignmentFile, type Assignment } from '../../src/core/design/assignment-file.ts';
import { aggregateColumnNames, metricSumColumns } from '../../src/core/load/aggregate-columns.ts';
import { loadPilotData } from '../../src/core/load/load-data.ts';
import { readCsv } from '../../src/core/load/read-csv.ts';
import type { FoldedData } from '../../src/core/load/unit-sums-builder.ts';
import type { Pilot } from '../../src/core/pilot.ts';
import { isAggregatedType } from '../../src/core/pilot-terms.ts';
import { parsePilotFile, type PilotFile } from '../../src/core/pilot-file.ts';
import { formatProblem } from '../../src/core/problems.ts';
import { isQualificationText } from '../../src/core/frontmatter.ts';
import type { ResultsDocument } from '../../src/core/results.ts';

export const REPOSITORY = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Every example pilot that has data to analyse (a planned pilot has none
 * yet; a qualification file is not a pilot), as a per-unit aggregate can
 * carry it: funnels, durations and segments need the raw rows (pilot.ts,
 * AGGREGATED_TYPES), so they are left out of these comparisons, and the
 * pilot's other metrics are compared.
 */
export async function examplePilots(): Promise<PilotFile[]> {
  const names = (await readdir(path.join(REPOSITORY, 'pilots'))).filter((name) => name.endsWith('.md')).sort();
  const pilots: PilotFile[] = [];
  for (const name of names) {
    const file = `pilots/${name}`;
    const text = await readFile(path.join(REPOSITORY, file), 'utf8');
    // Qualification evidence is leads and their outcome, not a pilot with per-unit sums.
    if (isQualificationText(text)) continue;
    const parsed = parsePilotFile(file, text);
    if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'));
    if (parsed.value.pilot.status !== 'planned') pilots.push({ ...parsed.value, pilot: aggregatedPart(parsed.value.pilot) });
  }
  return pilots;
}

function aggregatedPart(pilot: Pilot): Pilot {
  const { segments: _rowLevel, ...rest } = pilot;
  return { ...rest, metrics: pilot.metrics.filter((metric) => isAggregatedType(metric.type)) };
}

export async function loadFolded(root: string, pilot: Pilot, file: string): Promise<FoldedData> {
  const loaded = await loadPilotData(root, pilot, file);
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  return loaded.data;
}

export async function assignmentOf({ pilot, file }: PilotFile): Promise<Assignment | null> {
  if (pilot.assignment === undefined) return null;
  const read = await readAssignmentFile(REPOSITORY, pilot, file);
  if (!read.ok) throw new Error(read.problems.map(formatProblem).join('\n'));
  return read.assignment;
}

export function resultsOf({ slug, pilot, file }: PilotFile, data: FoldedData, assignment: Assignment | null): ResultsDocument {
  const outcome = analyzePilot(slug, pilot, file, data, assignment);
  if (!outcome.ok) throw new Error(outcome.problems.map(formatProblem).join('\n'));
  return outcome.analysis.results;
}

/**
 * What the folded data does not keep per unit, counted from the row-level
 * file with plain string work: each unit's rows before the pilot and after
 * its end (the examples' rows are all valid, so every row is counted).
 */
export async function rowsOutsideThePilot(pilot: Pilot, csv: string): Promise<Map<string, { pre: number; after: number }>> {
  const counts = new Map<string, { pre: number; after: number }>();
  let unit = -1;
  let date = -1;
  await readCsv(csv, {
    header: (cells) => {
      unit = cells.indexOf(pilot.unit);
      date = pilot.date === undefined ? -1 : cells.indexOf(pilot.date);
    },
    rows: ({ rows }) => {
      for (const cells of rows) {
        if (cells.every((cell) => cell.trim() === '') || date === -1) continue;
        const name = (cells[unit] ?? '').trim();
        const day = (cells[date] ?? '').trim().slice(0, 10);
        const count = counts.get(name) ?? { pre: 0, after: 0 };
        if (day < pilot.started) count.pre += 1;
        else if (pilot.ended !== undefined && day > pilot.ended) count.after += 1;
        counts.set(name, count);
      }
    },
  });
  return counts;
}

/**
 * A row-level file's sums written as the aggregate `fieldproof sql` makes:
 * numbers in JavaScript's shortest form, which reads back as the same double.
 * Units in the order of their first rows; periods pre, pilot, after.
 */
export function unitSumsCsv(pilot: Pilot, data: FoldedData, outside: ReadonlyMap<string, { pre: number; after: number }>): string {
  const quote = (text: string) => (/[",\n\r]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text);
  const lines = [aggregateColumnNames(pilot).map(quote).join(',')];
  for (const unit of data.units.values()) {
    const label = unit.arm === 'pilot' ? pilot.group.pilot : pilot.group.control;
    for (const period of ['pre', 'pilot'] as const) {
      const rows = period === 'pilot' ? unit.pilotRows : (outside.get(unit.name)?.pre ?? 0);
      const sums = unit.metrics.map((metric) => metric[period]);
      if (rows === 0) continue;
      const cells = [quote(unit.name), quote(label)];
      if (pilot.date !== undefined) cells.push(period);
      cells.push(String(rows));
      pilot.metrics.forEach((metric, m) => {
        const metricSums = sums[m] ?? { rows: 0, numerator: 0, denominator: 0 };
        cells.push(String(metricSums.rows), String(metricSums.numerator));
        if (metricSumColumns(metric).denominator !== null) cells.push(String(metricSums.denominator));
      });
      lines.push(cells.join(','));
    }
    const after = outside.get(unit.name)?.after ?? 0;
    if (after > 0) {
      lines.push([quote(unit.name), quote(label), 'after', String(after), ...pilot.metrics.flatMap((metric) => (metricSumColumns(metric).denominator === null ? ['0', '0'] : ['0', '0', '0']))].join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}
