/**
 * `fieldproof sql <pilots/x.md> --dialect duckdb|bigquery|snowflake|postgres
 * [--table NAME]`: prints the query that turns the pilot's raw row-level
 * table into its per-unit aggregate (src/core/sql/aggregate-query.ts;
 * docs/warehouse.md). Reads the pilot file only, never its data.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { FieldproofError } from '../core/problems.ts';
import { parsePilotFile } from '../core/pilot-file.ts';
import { isAggregatedType } from '../core/pilot-terms.ts';
import { aggregateQuery } from '../core/sql/aggregate-query.ts';
import { DIALECTS, type DialectName } from '../core/sql/dialects.ts';
import { UsageError, type Effects } from './effects.ts';
import { namedPilotPath } from './named-pilot.ts';
import type { CliValues } from './options.ts';

export async function sqlCommand(root: string, rest: readonly string[], values: CliValues, effects: Effects): Promise<number> {
  if (rest.length !== 1) throw new UsageError('sql needs exactly one pilot file, e.g. fieldproof sql pilots/nurture.md --dialect bigquery');
  const dialect = values.dialect;
  if (dialect === undefined || !(DIALECTS as readonly string[]).includes(dialect)) {
    throw new UsageError(`sql needs --dialect, one of ${DIALECTS.join(', ')}${dialect === undefined ? '' : `; got ${dialect}`}`);
  }
  const file = path.join('pilots', namedPilotPath(root, rest[0] as string, effects)).split(path.sep).join('/');
  const text = await readFile(path.join(root, file), 'utf8').catch(() => {
    throw new UsageError(`no such pilot file: ${file}`);
  });
  const parsed = parsePilotFile(file, text);
  if (!parsed.ok) throw new FieldproofError(parsed.problems);
  const { pilot } = parsed.value;
  // Only what a per-unit aggregate can carry has a query (pilot.ts, AGGREGATED_TYPES).
  const rowLevel = [
    ...pilot.metrics.filter((metric) => !isAggregatedType(metric.type)).map((metric) => `the ${metric.type} metric "${metric.id}"`),
    ...(pilot.segments === undefined ? [] : ['its segments']),
  ];
  if (rowLevel.length > 0) {
    throw new UsageError(`${file} has no aggregate query: ${rowLevel.join(' and ')} cannot be summed per unit (they need the raw rows), and a per-unit aggregate holds sums of mean, proportion and ratio metrics only; commit the row-level export instead`);
  }
  effects.stdout(aggregateQuery(pilot, { dialect: dialect as DialectName, table: values.table ?? defaultTable(pilot.data), pilotFile: file }));
  return 0;
}

/** The raw table's name when --table is not given: the data file's name, as an unquoted SQL name (nurture-q2.csv: nurture_q2). */
export function defaultTable(dataPath: string): string {
  const stem = path.posix.basename(dataPath.replaceAll('\\', '/')).replace(/\.[^.]*$/, '');
  const name = stem.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[A-Za-z_]/.test(name) ? name : `t_${name}`;
}
