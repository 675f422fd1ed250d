/**
 * A Parquet data file (what warehouses export), read through DuckDB, loaded
 * only when a pilot names one so that nothing else pays for it. DuckDB
 * folds the rows itself with the pilot's own aggregate query
 * (src/core/sql/aggregate-query.ts), reading only the columns the pilot
 * names, so memory stays bounded however many rows the file has; the small
 * aggregate it returns goes through the same reader as a `form: unit-sums`
 * CSV (unit-sums-file.ts). A file already in that form is read as it is.
 *
 * Missing columns are said as for a CSV, with the columns the file has
 * (columns.ts); a value the query cannot read stops it, and its message
 * names the column and the value.
 */
import { createReadStream } from 'node:fs';
import type { Pilot } from '../pilot.ts';
import { error, type Problem } from '../problems.ts';
import { aggregateColumnNames } from './aggregate-columns.ts';
import { planColumns } from './columns.ts';
import { ProblemLog } from './problem-log.ts';
import { aggregateQuery } from '../sql/aggregate-query.ts';
import { DIALECT } from '../sql/dialects.ts';
import type { ByteTap } from './read-csv.ts';
import type { FoldedData } from './unit-sums-builder.ts';
import { UnitSumsFileBuilder } from './unit-sums-file.ts';

/**
 * Column types read as they are (aggregate-query.ts, `typed`): numbers,
 * booleans, dates and timestamps without a time zone. A timestamp with a
 * zone goes through text, as DuckDB writes it (in the machine's time zone),
 * and its first ten characters are its day, as for a CSV's.
 */
const TYPED = /^(?:TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL\(\d+,\d+\)|BOOLEAN|DATE|TIMESTAMP|TIMESTAMP_(?:S|MS|NS))$/;

export function isParquet(dataPath: string): boolean {
  return /\.parquet$/i.test(dataPath);
}

export type ParquetRead = { ok: true; data: FoldedData } | { ok: false; problems: Problem[] };

/** `tap`: given the file's bytes, in order (the evidence cache hashes them), in a read of its own, since DuckDB reads the file itself. */
export async function readParquet(absolute: string, shown: string, pilot: Pilot, pilotFile: string, tap?: ByteTap): Promise<ParquetRead> {
  if (tap !== undefined) {
    try {
      for await (const chunk of createReadStream(absolute)) tap(chunk as Buffer);
    } catch (cause) {
      // As for a CSV: by its repository path, never with the system's message, which quotes the absolute path.
      const code = (cause as { code?: unknown }).code;
      return { ok: false, problems: [error({ file: shown, message: `the file cannot be read (${typeof code === 'string' ? code : 'unknown error'}); expected a file the build is allowed to read` })] };
    }
  }
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const source = `read_parquet(${DIALECT.duckdb.literal(absolute)}, file_row_number = true)`;
  try {
    const described = await connection.runAndReadAll(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(${DIALECT.duckdb.literal(absolute)}))`);
    const columns = described.getRows().map((row) => String(row[0]));
    const typed = new Set(described.getRows().filter((row) => TYPED.test(String(row[1]))).map((row) => String(row[0])));
    const builder = new UnitSumsFileBuilder(pilot, shown, { pilotFile });
    let query: string;
    if (pilot.form === 'unit-sums') {
      builder.header(columns);
      const wanted = aggregateColumnNames(pilot).filter((name) => columns.includes(name));
      query = `SELECT ${wanted.map(DIALECT.duckdb.identifier).join(', ')} FROM ${source} ORDER BY file_row_number`;
      if (wanted.length < aggregateColumnNames(pilot).length) return { ok: false, problems: builder.finish().problems };
    } else {
      const log = new ProblemLog(shown);
      if (!planColumns(pilot, columns, ',', log, pilotFile).ok) return { ok: false, problems: log.problems };
      builder.header(aggregateColumnNames(pilot));
      query = aggregateQuery(pilot, { dialect: 'duckdb', table: source, rowOrder: 'file_row_number + 1', typed });
    }
    const result = await connection.runAndReadAll(query);
    result.getRows().forEach((cells, index) => builder.row(cells.map(asCell), index + 2));
    const data = builder.finish();
    return data.problems.some((problem) => problem.severity === 'error') ? { ok: false, problems: data.problems } : { ok: true, data };
  } catch (cause) {
    // DuckDB's messages may quote the file by its absolute path: the repository path is shown instead.
    return { ok: false, problems: [error({ file: shown, message: duckdbMessage(cause).replaceAll(absolute, shown) })] };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** A value DuckDB returns, as the text a CSV would hold: numbers in JavaScript's shortest exact form. */
function asCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value);
}

/** DuckDB's message: the query's own (it starts "fieldproof: "), or the reason the file cannot be read. */
function duckdbMessage(cause: unknown): string {
  const message = cause instanceof Error ? cause.message : String(cause);
  const own = message.indexOf('fieldproof: ');
  if (own !== -1) return message.slice(own + 'fieldproof: '.length).split('\n')[0] as string;
  return `the file cannot be read as Parquet (${message.split('\n')[0]}); expected a Parquet file as a warehouse exports it`;
}
