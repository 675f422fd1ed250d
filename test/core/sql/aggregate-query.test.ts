/**
 * The aggregate query (src/core/sql/aggregate-query.ts): its DuckDB form run
 * in-process on each example's CSV, exactly as an analyst would run it on
 * the raw table, gives an aggregate whose results document is the row-level
 * file's; the other dialects are held to golden files.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { aggregateQuery } from '../../../src/core/sql/aggregate-query.ts';
import { DIALECT, DIALECTS } from '../../../src/core/sql/dialects.ts';
import { assignmentOf, examplePilots, loadFolded, REPOSITORY, resultsOf } from '../../support/examples-both-ways.ts';
import { comparable, comparableToTwelveDigits } from '../../support/comparable-results.ts';
import { readNumber, readOutcome } from '../../../src/core/load/cells.ts';
import type { Pilot } from '../../../src/core/pilot.ts';
import { salesPilot } from '../../support/project.ts';

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
    await mkdir(path.join(folder, 'data'), { recursive: true });
    await aggregateThroughDuckDb(example.slug, path.join(REPOSITORY, 'data', example.pilot.data), rowLevel.delimiter, query);
    const aggregatePilot = { ...example.pilot, data: `${example.slug}-units.csv`, form: 'unit-sums' as const };
    const aggregate = await loadFolded(folder, aggregatePilot, example.file);
    const actual = resultsOf({ ...example, pilot: aggregatePilot }, aggregate, assignment);

    expect(aggregate.units.size).toBe(rowLevel.units.size);
    expect([...aggregate.units.keys()]).toEqual([...rowLevel.units.keys()]);
    expect(comparable(actual, rowLevel)).toEqual(comparable(expected, rowLevel));
  }, ANALYSED_TWICE_MS);
});

describe('every dialect, held to its golden query', () => {
  // A pilot with one metric of each kind, dated, with a baseline and an end.
  it.each(DIALECTS.map((dialect) => [dialect]))('%s', async (dialect) => {
    const query = aggregateQuery(salesPilot(), { dialect, table: 'sales_rows', pilotFile: 'pilots/test.md' });
    const golden = path.join(import.meta.dirname, 'golden', `sales.${dialect}.sql`);
    if (process.env.UPDATE_GOLDEN === '1') await writeFile(golden, query);
    expect(query).toBe(await readFile(golden, 'utf8'));
  });
});

describe('a value the query cannot read stops it, naming the row, column and value', () => {
  const run = async (csv: string) => {
    const file = path.join(folder, 'bad.csv');
    await writeFile(file, csv);
    const literal = DIALECT.duckdb.literal;
    await connection.run(`CREATE OR REPLACE VIEW sales_rows AS SELECT * FROM read_csv(${literal(file)}, header = true, all_varchar = true)`);
    return connection.runAndReadAll(aggregateQuery(salesPilot(), { dialect: 'duckdb', table: 'sales_rows' })).then(
      (reader) => reader.getRows(),
      (cause: Error) => cause.message.slice(cause.message.indexOf('fieldproof: ')),
    );
  };
  const HEADER = 'rep,group,day,revenue,won,calls';

  it('reads what the loader reads: currency, thousands, parentheses, percents, yes/no in any case, empty cells', async () => {
    const rows = await run([HEADER, 'ann, pilot ,2026-03-02,"$1,200.50",Yes,10', 'ann,pilot,2026-03-09 00:00:00,(20),FALSE,', 'bob,control,2026-01-05,5%,,2'].join('\n'));
    expect(rows).toEqual([
      ['ann', 'pilot', 'pilot', 2n, 2n, 1180.5, 2n, 1n, 1n, 1200.5, 10],
      ['bob', 'control', 'pre', 1n, 1n, 0.05, 0n, 0n, 1n, 0.05, 2],
    ]);
  });

  it.each([
    ['a number', 'ann,pilot,2026-03-02,twelve,1,1', 'fieldproof: row 1 of the table, column "revenue" holds "twelve"; expected a number, e.g. 1200, 1,200.50, $1,200 or 12%'],
    ['an outcome', 'ann,pilot,2026-03-02,12,maybe,1', 'fieldproof: row 1 of the table, column "won" holds "maybe"; expected a yes/no outcome: 1 or 0, true or false, yes or no'],
    ['a date', 'ann,pilot,03/02/2026,12,1,1', 'fieldproof: row 1 of the table, column "day" holds "03/02/2026"; expected a date as YYYY-MM-DD'],
    ['a group', 'ann,test,2026-03-02,12,1,1', 'fieldproof: row 1 of the table, column "group" holds "test"; expected "pilot" or "control"'],
    ['a unit', ',pilot,2026-03-02,12,1,1', 'fieldproof: row 1 of the table, column "rep" is empty; expected a unit name'],
    ['a denominator', 'ann,pilot,2026-03-02,12,1,-4', 'fieldproof: row 1 of the table, column "calls" holds "-4.0"; a ratio\'s denominator counts things, expected 0 or more'],
  ])('%s', async (_what, row, message) => {
    expect(await run(`${HEADER}\n${row}\n`)).toBe(message);
  });
});

/**
 * PostgreSQL, when a server is at hand (PGHOST and friends set, `psql` on the
 * PATH): the example CSVs loaded as text tables, the postgres query run on
 * each. Skipped, saying so, where there is none (CI starts none).
 */
const postgres = (() => {
  if (process.env.PGHOST === undefined) return false;
  try {
    execFileSync('psql', ['-XAtqc', 'SELECT 1'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!postgres)('the postgres query on each example CSV, in a PostgreSQL server', async () => {
  const pilots = await examplePilots();
  const psql = (sql: string, input?: string) => execFileSync('psql', ['-XAtq', '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8', ...(input === undefined ? {} : { input }), stdio: 'pipe' });
  it.each(pilots.map((example) => [example.slug, example] as const))('%s', async (_slug, example) => {
    const rowLevel = await loadFolded(REPOSITORY, example.pilot, example.file);
    const assignment = await assignmentOf(example);
    const table = `fieldproof_${example.slug.replaceAll('-', '_')}`;
    const csv = await readFile(path.join(REPOSITORY, 'data', example.pilot.data), 'utf8');
    const columns = rowLevel.columns.map((name) => `"${name.replaceAll('"', '""')}" TEXT`).join(', ');
    psql(`DROP TABLE IF EXISTS ${table}; CREATE TABLE ${table} (${columns})`);
    psql(`COPY ${table} FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER E'${rowLevel.delimiter === '\t' ? '\\t' : rowLevel.delimiter}')`, csv);
    const query = aggregateQuery(example.pilot, { dialect: 'postgres', table }).replace(/;\s*$/, '');
    const aggregateCsv = psql(`COPY (${query}) TO STDOUT WITH (FORMAT csv, HEADER true)`);
    psql(`DROP TABLE ${table}`);
    await mkdir(path.join(folder, 'data'), { recursive: true });
    await writeFile(path.join(folder, 'data', `${example.slug}-pg.csv`), aggregateCsv);
    const aggregatePilot = { ...example.pilot, data: `${example.slug}-pg.csv`, form: 'unit-sums' as const };
    const aggregate = await loadFolded(folder, aggregatePilot, example.file);
    // Units in the same order; the sums equal but for the order PostgreSQL adds them in.
    expect([...aggregate.units.keys()]).toEqual([...rowLevel.units.keys()]);
    const results = resultsOf({ ...example, pilot: aggregatePilot }, aggregate, assignment);
    expect(comparableToTwelveDigits(results, rowLevel)).toEqual(comparableToTwelveDigits(resultsOf(example, rowLevel, assignment), rowLevel));
  }, ANALYSED_TWICE_MS);
});

describe('the query reads a cell as the loader reads it in a comma-separated file', () => {
  // One unit, one row, no date: its sums are the cell's value.
  const pilot = (type: 'mean' | 'proportion'): Pilot => ({ ...salesPilot(), date: undefined, metrics: [{ ...(salesPilot().metrics[type === 'mean' ? 0 : 1] as Pilot['metrics'][number]), primary: true }] });
  const read = async (type: 'mean' | 'proportion', cell: string) => {
    await connection.run(`CREATE OR REPLACE TABLE one_cell AS SELECT 'ann' AS rep, 'pilot' AS "group", ${DIALECT.duckdb.literal(cell)} AS ${type === 'mean' ? 'revenue' : 'won'}`);
    return connection.runAndReadAll(aggregateQuery(pilot(type), { dialect: 'duckdb', table: 'one_cell' })).then(
      (reader) => reader.getRows()[0]?.[4] as number | bigint,
      () => 'refused',
    );
  };

  it.each(['1200', ' 1,200.50 ', '$1,200', '12%', '(1,200)', '-$5', '$-5', '€250', '1200 USD', '1.2E+06', '3.2e-09', '.5', '$ -', '−7', '1 234', '0012', '4.120', '7726.71', '0.1', '-0'])('number %j', async (cell) => {
    const loader = readNumber(cell, { delimiter: ',' });
    expect(loader.ok).toBe(true);
    expect(await read('mean', cell)).toBe(loader.ok ? loader.value : null);
  });

  it.each(['(-5)', '1,2', 'abc', 'NaN', 'Infinity', '12 apples', '--5', '1.2.3'])('refused number %j', async (cell) => {
    expect(readNumber(cell, { delimiter: ',' }).ok).toBe(false);
    expect(await read('mean', cell)).toBe('refused');
  });

  it.each(['1', '0', 'Yes', 'no', 'TRUE', 'false', ' yes '])('outcome %j', async (cell) => {
    const loader = readOutcome(cell);
    // A yes count is a whole number: DuckDB gives a BIGINT.
    expect(await read('proportion', cell)).toBe(loader.ok ? BigInt(loader.value ? 1 : 0) : null);
  });

  it.each(['maybe', '2', 'y', '1.0'])('refused outcome %j', async (cell) => {
    expect(readOutcome(cell).ok).toBe(false);
    expect(await read('proportion', cell)).toBe('refused');
  });
});
