/**
 * The yardstick for `analyze` (issue #18): DuckDB doing the aggregation
 * fieldproof's loader does, on the same bench file, in a fresh process, so
 * scripts/bench.ts times the whole process from the outside as it times
 * `fieldproof analyze`. Per-unit sums of the metric columns (revenue, won)
 * and the row count, grouped by unit and period, rows after the end left out.
 *
 *     node bench/duckdb-child.ts <file.csv>
 *
 * @duckdb/node-api is not a dependency of this project's CLI; when it cannot
 * be imported this exits with status 3 and the bench reports the comparison
 * as skipped.
 */
import { BENCH_PILOT } from './generate.ts';

const SKIPPED = 3;
const csv = process.argv[2];
if (csv === undefined) throw new Error('usage: node bench/duckdb-child.ts <file.csv>');

// The package name in a variable: tsc must not require its types when it is not installed.
const duckdbPackage = '@duckdb/node-api';
let duckdb: { DuckDBInstance: { create(path: string): Promise<{ connect(): Promise<{ runAndReadAll(sql: string): Promise<{ getRows(): unknown[][] }> }> }> } };
try {
  duckdb = await import(duckdbPackage);
} catch {
  process.stderr.write(`${duckdbPackage} cannot be imported here\n`);
  process.exit(SKIPPED);
}

const quoted = `'${csv.replaceAll("'", "''")}'`;
const sql = `
  SELECT rep, "group", CASE WHEN created < DATE '${BENCH_PILOT.started}' THEN 'pre' ELSE 'pilot' END AS period,
         sum(revenue) AS revenue, sum(won) AS won, count(*) AS leads
  FROM read_csv(${quoted}, header = true)
  WHERE created <= DATE '${BENCH_PILOT.ended}'
  GROUP BY ALL`;
const instance = await duckdb.DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const rows = (await connection.runAndReadAll(sql)).getRows();
// One line, so the bench can check the aggregation ran: units times periods.
process.stdout.write(`${JSON.stringify({ groups: rows.length })}\n`);
