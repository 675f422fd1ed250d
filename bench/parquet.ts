/**
 * The benchmark's lead rows (bench/generate.ts: 240 reps, half in each arm,
 * each with their own win rate, dated from the pre-period to the end) as a
 * Parquet file, the way a warehouse exports them: typed columns (created a
 * DATE, revenue a DOUBLE, won an INTEGER), written by DuckDB itself so that
 * 50 million rows never pass through JavaScript. The draws come from
 * hash(row, seed, stream), so the file is the same whatever the threads.
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BENCH_PILOT, benchPilotMarkdown } from './generate.ts';

/** Writes `rows` lead rows to `file`; returns its size in bytes. */
export async function writeLeadParquet(file: string, rows: number, seed: number): Promise<number> {
  await mkdir(path.dirname(file), { recursive: true });
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const days = (Date.parse(`${BENCH_PILOT.ended}T00:00:00Z`) - Date.parse(`${BENCH_PILOT.firstDay}T00:00:00Z`)) / 86_400_000 + 1;
  // A uniform draw in (0, 1) from row i's hash in stream k.
  const uniform = (key: string, k: number) => `((hash(${key}, ${seed}, ${k}) % 1000000007) + 1) / 1000000009.0`;
  const normal = (key: string, k: number) => `sqrt(-2 * ln(${uniform(key, k)})) * cos(2 * pi() * ${uniform(key, k + 1)})`;
  try {
    // One projection over range(): no join or sort, so DuckDB keeps the rows in order and in parallel.
    const winRate = `greatest(0.02, least(0.6, 0.18 + 0.05 * ${normal('r', 10)}))`;
    await connection.run(`
      COPY (
        SELECT
          'L' || lpad(CAST(i + 1 AS VARCHAR), 8, '0') AS lead,
          'R' || lpad(CAST(r + 1 AS VARCHAR), 4, '0') AS rep,
          CASE WHEN r % 2 = 0 THEN 'pilot' ELSE 'control' END AS "group",
          created,
          CASE WHEN won = 1 THEN round(exp(7.3 + 0.6 * ${normal('i', 3)}), 2) ELSE 0 END AS revenue,
          won
        FROM (
          SELECT i, r, created,
            CASE WHEN ${uniform('i', 2)} < ${winRate} * (CASE WHEN r % 2 = 0 AND created >= DATE '${BENCH_PILOT.started}' THEN 1.1 ELSE 1 END) THEN 1 ELSE 0 END AS won
          FROM (
            SELECT i, CAST(hash(i, ${seed}, 1) % ${BENCH_PILOT.reps} AS BIGINT) AS r,
              DATE '${BENCH_PILOT.firstDay}' + CAST(floor(i * ${days} / ${rows}) AS INTEGER) AS created
            FROM range(${rows}) AS t(i)
          )
        )
      ) TO '${file.replaceAll("'", "''")}' (FORMAT parquet)`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return (await stat(file)).size;
}

/** A project with one pilot, pilots/bench-001.md, over data/bench-001.parquet. */
export async function writeParquetBenchProject(root: string, rows: number, seed = 1): Promise<number> {
  await mkdir(path.join(root, 'pilots'), { recursive: true });
  const bytes = await writeLeadParquet(path.join(root, 'data', 'bench-001.parquet'), rows, seed);
  await writeFile(path.join(root, 'pilots', 'bench-001.md'), benchPilotMarkdown('Benchmark pilot 1 (Parquet)', 'bench-001.parquet'));
  return bytes;
}
