/**
 * The aggregate query (src/core/sql/aggregate-query.ts): its DuckDB form run
 * in-process on each example's CSV, exactly as an analyst would run it on
 * the raw table, gives an aggregate whose results document is the row-level
 * file's; the other dialects are held to golden files.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { aggregateQuery } from '../../../src/core/sql/aggregate-query.ts';
import { DIALECT, DIALECTS } from '../../../src/core/sql/dialects.ts';
import { assignmentOf, examplePilots, loadFolded, REPOSITORY, resultsOf } from '../../support/examples-both-ways.ts';
import { comparable } from '../../support/comparable-results.ts';

let instance: DuckDBInstance;
let connection: DuckDBConnection;
let folder: string;

beforeAll(async () => {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  // One thread: ROW_NUMBER() OVER () then numbers the rows in the file's order, as a warehouse reading the table would.
  instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  connection = await instance.connect();
  folder = await mkdtemp(path.join(tmpdir(), 'fieldproof-sql-'));
  await writeFile(path.join(folder, '.keep'), '');
});

afterAll(async () => {
  connection.closeSync();
  instance.closeSync();
  await rm(folder, { recursive: true, force: true });
});

/** The query run on the example's CSV in DuckDB, its result saved as CSV: what the analyst commits. */
async function aggregateThroughDuckDb(pilotSlug: string, csv: string, delimiter: string, query: string): Promise<string> {
  const saved = path.join(folder, `data/${pilotSlug}-units.csv`);
  const literal = DIALECT.duckdb.literal;
  await connection.run(`CREATE OR REPLACE VIEW raw_rows AS SELECT * FROM read_csv(${literal(csv)}, delim = ${literal(delimiter)}, header = true, all_varchar = true, quote = '"')`);
  await connection.run(`COPY (${query.replace(/;\s*$/, '')}) TO ${literal(saved)} (HEADER, DELIMITER ',')`);
  return saved;
}

/** Each example is analysed twice, randomization inference and all: seconds on a shared machine. */
const ANALYSED_TWICE_MS = 60_000;

describe('the DuckDB query on each example CSV gives the row-level results', async () => {
  const pilots = await examplePilots();
  it.each(pilots.map((example) => [example.slug, example] as const))('%s', async (_slug, example) => {
    const rowLevel = await loadFolded(REPOSITORY, example.pilot, example.file);
    const assignment = await assignmentOf(example);
    const expected = resultsOf(example, rowLevel, assignment);

    const query = aggregateQuery(example.pilot, { dialect: 'duckdb', table: 'raw_rows', pilotFile: example.file });
    await import('node:fs/promises').then(({ mkdir }) => mkdir(path.join(folder, 'data'), { recursive: true }));
    await aggregateThroughDuckDb(example.slug, path.join(REPOSITORY, 'data', example.pilot.data), rowLevel.delimiter, query);
    const aggregatePilot = { ...example.pilot, data: `${example.slug}-units.csv`, form: 'unit-sums' as const };
    const aggregate = await loadFolded(folder, aggregatePilot, example.file);
    const actual = resultsOf({ ...example, pilot: aggregatePilot }, aggregate, assignment);

    expect(aggregate.units.size).toBe(rowLevel.units.size);
    expect([...aggregate.units.keys()]).toEqual([...rowLevel.units.keys()]);
    expect(comparable(actual, rowLevel)).toEqual(comparable(expected, rowLevel));
  }, ANALYSED_TWICE_MS);
});
