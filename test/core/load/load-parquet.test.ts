/**
 * A Parquet data file, read through DuckDB: each example exported to
 * Parquet (typed columns, as a warehouse exports them) gives the results
 * document of its CSV, and a missing column or a bad value is said as for
 * a CSV.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { loadPilotData } from '../../../src/core/load/load-data.ts';
import type { Pilot } from '../../../src/core/pilot.ts';
import { formatProblem } from '../../../src/core/problems.ts';
import { DIALECT } from '../../../src/core/sql/dialects.ts';
import { comparable } from '../../support/comparable-results.ts';
import { assignmentOf, examplePilots, loadFolded, REPOSITORY, resultsOf } from '../../support/examples-both-ways.ts';
import { makeProject, salesPilot } from '../../support/project.ts';

let instance: DuckDBInstance;
let connection: DuckDBConnection;
let folder: string;
const literal = DIALECT.duckdb.literal;

beforeAll(async () => {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  connection = await instance.connect();
  folder = await mkdtemp(path.join(tmpdir(), 'fieldproof-parquet-'));
});

afterAll(async () => {
  connection.closeSync();
  instance.closeSync();
  await rm(folder, { recursive: true, force: true });
});

/** `select` (over the CSV as `rows`) written to data/<name> of a new project. */
async function parquetProject(csv: string, delimiter: string, name: string, select = 'SELECT * FROM rows'): Promise<string> {
  const root = await makeProject({});
  await connection.run(`CREATE OR REPLACE VIEW rows AS SELECT * FROM read_csv(${literal(csv)}, delim = ${literal(delimiter)}, header = true)`);
  await connection.run(`COPY (${select}) TO ${literal(path.join(root, 'data', name))} (FORMAT parquet)`);
  return root;
}

/** Each example is analysed twice, randomization inference and all: seconds on a shared machine. */
const ANALYSED_TWICE_MS = 60_000;

describe('each example exported to Parquet gives its CSV\'s results document', async () => {
  const pilots = await examplePilots();
  it.each(pilots.map((example) => [example.slug, example] as const))('%s', async (_slug, example) => {
    const rowLevel = await loadFolded(REPOSITORY, example.pilot, example.file);
    const assignment = await assignmentOf(example);
    const root = await parquetProject(path.join(REPOSITORY, 'data', example.pilot.data), rowLevel.delimiter, 'rows.parquet');
    const pilot: Pilot = { ...example.pilot, data: 'rows.parquet' };
    const parquet = await loadFolded(root, pilot, example.file);
    expect([...parquet.units.keys()]).toEqual([...rowLevel.units.keys()]);
    expect(comparable(resultsOf({ ...example, pilot }, parquet, assignment), rowLevel)).toEqual(comparable(resultsOf(example, rowLevel, assignment), rowLevel));
  }, ANALYSED_TWICE_MS);
});

describe('problems in a Parquet file', () => {
  const csv = async (lines: string[]) => {
    const root = await makeProject({ 'data/sales.csv': `${lines.join('\n')}\n` });
    return path.join(root, 'data', 'sales.csv');
  };
  const load = async (root: string, pilot: Pilot = salesPilot()) => {
    const result = await loadPilotData(root, { ...pilot, data: 'sales.parquet' }, 'pilots/test.md');
    return result.ok ? [] : result.problems.map(formatProblem);
  };

  it('names the missing columns as for a CSV, with the columns the file has', async () => {
    const root = await parquetProject(await csv(['rep,group,day,revenue', 'ann,pilot,2026-03-02,10']), ',', 'sales.parquet');
    expect(await load(root)).toEqual([
      'data/sales.parquet, row 1, column "won": column named by "metrics.won.column" in pilots/test.md is not in the header. The columns are: "rep", "group", "day", "revenue"',
      'data/sales.parquet, row 1, column "calls": column named by "metrics.per-call.denominator" in pilots/test.md is not in the header. The columns are: "rep", "group", "day", "revenue"',
    ]);
  });

  it('stops at a value it cannot read, naming its row, column and value', async () => {
    const root = await parquetProject(await csv(['rep,group,day,revenue,won,calls', 'ann,pilot,2026-03-02,10,1,4', 'bob,control,2026-03-02,12,perhaps,3']), ',', 'sales.parquet');
    expect(await load(root)).toEqual(['data/sales.parquet: row 2 of the table, column "won" holds "perhaps"; expected a yes/no outcome: 1 or 0, true or false, yes or no']);
  });

  it('reads a Parquet file already in the per-unit form as it is', async () => {
    const units = await csv([
      'rep,group,period,row_count,revenue__rows,revenue__numerator,won__rows,won__numerator,per_call__rows,per_call__numerator,per_call__denominator',
      'ann,pilot,pilot,2,2,30.5,2,1,2,30.5,8',
      'bob,control,pilot,1,1,12,1,0,1,12,3',
    ]);
    const root = await parquetProject(units, ',', 'sales.parquet');
    const loaded = await loadPilotData(root, { ...salesPilot(), data: 'sales.parquet', form: 'unit-sums' }, 'pilots/test.md');
    if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
    expect([...loaded.data.units.values()].map((unit) => [unit.name, unit.arm, unit.pilotRows, unit.metrics[2]?.pilot])).toEqual([
      ['ann', 'pilot', 2, { rows: 2, numerator: 30.5, denominator: 8 }],
      ['bob', 'control', 1, { rows: 1, numerator: 12, denominator: 3 }],
    ]);
  });

  it('refuses an outcome column of numbers that are not 0 or 1, rather than rounding them', async () => {
    const root = await parquetProject(await csv(['rep,group,day,revenue,won,calls', 'ann,pilot,2026-03-02,10,1.0,4', 'bob,control,2026-03-02,12,0.5,3']), ',', 'sales.parquet');
    expect(await load(root)).toEqual(['data/sales.parquet: row 2 of the table, column "won" holds "0.5"; expected a yes/no outcome: 1 or 0, true or false, yes or no']);
  });

  it('gives the file\'s bytes to the tap, for the evidence cache\'s hash', async () => {
    const root = await parquetProject(await csv(['rep,group,day,revenue,won,calls', 'ann,pilot,2026-03-02,10,1,4', 'bob,control,2026-03-02,12,0,3']), ',', 'sales.parquet');
    const bytes: Buffer[] = [];
    await loadPilotData(root, { ...salesPilot(), data: 'sales.parquet' }, 'pilots/test.md', { tap: (chunk) => void bytes.push(Buffer.from(chunk)) });
    expect(Buffer.concat(bytes).equals(await readFile(path.join(root, 'data', 'sales.parquet')))).toBe(true);
  });

  it('says a file that is not Parquet cannot be read as one', async () => {
    const root = await makeProject({ 'data/sales.parquet': 'rep,group\nann,pilot\n' });
    const problems = await load(root);
    expect(problems).toEqual([expect.stringMatching(/^data\/sales\.parquet: the file cannot be read as Parquet \(.+\); expected a Parquet file as a warehouse exports it$/)]);
    // Never the machine's absolute path.
    expect(problems.join('\n')).not.toContain(root);
  });
});
