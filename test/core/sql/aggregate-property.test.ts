/**
 * A property of the aggregate query (seeded, so every run checks the same
 * cases): for any row-level file of valid rows, in any order, with empty
 * cells, untidy numbers, rows before the pilot and after its end, the DuckDB
 * query's aggregate, read back, gives the loader's own sums of the file:
 * the same units in the same order, the same sums to the last bit, the same
 * counts of rows read, before, during, after, and left out per metric.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { loadPilotData } from '../../../src/core/load/load-data.ts';
import type { FoldedData } from '../../../src/core/load/unit-sums-builder.ts';
import type { Pilot } from '../../../src/core/pilot.ts';
import { formatProblem } from '../../../src/core/problems.ts';
import { aggregateQuery } from '../../../src/core/sql/aggregate-query.ts';
import { DIALECT } from '../../../src/core/sql/dialects.ts';
import { salesPilot } from '../../support/project.ts';

const SEED = 18;
let instance: DuckDBInstance;
let connection: DuckDBConnection;
let root: string;

beforeAll(async () => {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  connection = await instance.connect();
  root = await mkdtemp(path.join(tmpdir(), 'fieldproof-sql-property-'));
  await mkdir(path.join(root, 'data'));
});

afterAll(async () => {
  connection.closeSync();
  instance.closeSync();
  await rm(root, { recursive: true, force: true });
});

// salesPilot(): started 2026-03-02, ended 2026-05-31; revenue (mean), won (proportion), per-call (revenue / calls).
const DAYS = ['2026-01-05', '2026-02-27', '2026-03-02', '2026-04-15 09:30:00', '2026-05-31', '2026-06-01', '2026-07-20'];
const REPS = [
  ['ann', 'pilot'],
  ['bob', 'control'],
  ['Cy Ode', 'pilot'],
  ['dee', 'control'],
  ['éva', 'pilot'],
] as const;

/** An amount as a spreadsheet might write it, or an empty cell. */
const amount = fc.oneof(
  fc.constant(''),
  fc.integer({ min: -500_000, max: 5_000_000 }).map((cents) => (cents / 100).toFixed(2)),
  fc.integer({ min: 0, max: 2_000_000 }).map((dollars) => `"$${dollars.toLocaleString('en-US')}"`),
  fc.integer({ min: 1, max: 99 }).map((percent) => `${percent}%`),
  fc.integer({ min: 1, max: 9_999 }).map((value) => `(${value})`),
  fc.integer({ min: 1, max: 99 }).map((value) => `${value}.5E+02`),
);
const outcome = fc.constantFrom('', '1', '0', 'yes', 'No', 'TRUE', 'false');
const count = fc.oneof(fc.constant(''), fc.integer({ min: 0, max: 40 }).map(String));
const row = fc.tuple(fc.integer({ min: 0, max: REPS.length - 1 }), fc.constantFrom(...DAYS), amount, outcome, count).map(([rep, day, revenue, won, calls]) => {
  const [name, group] = REPS[rep] as (typeof REPS)[number];
  return `${name},${group},${day},${revenue},${won},${calls}`;
});

const unitsOf = (data: FoldedData) => [...data.units.values()].map(({ name, arm, pilotRows, metrics }) => ({ name, arm, pilotRows, metrics }));
const countsOf = ({ rowsRead, rowsPre, rowsPilot, rowsAfterEnd, missing, missingPre }: FoldedData) => ({ rowsRead, rowsPre, rowsPilot, rowsAfterEnd, missing, missingPre });

async function load(pilot: Pilot): Promise<FoldedData> {
  const loaded = await loadPilotData(root, pilot, 'pilots/test.md');
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  return loaded.data;
}

describe('the DuckDB aggregate of any valid file gives the loader\'s own sums of it', () => {
  it('to the last bit', async () => {
    const seen = { pre: 0, after: 0, missing: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 60 }), async (rows) => {
        await writeFile(path.join(root, 'data', 'rows.csv'), `rep,group,day,revenue,won,calls\n${rows.join('\n')}\n`);
        const pilot: Pilot = { ...salesPilot(), data: 'rows.csv' };
        const rowLevel = await load(pilot);
        const literal = DIALECT.duckdb.literal;
        await connection.run(`CREATE OR REPLACE VIEW raw_rows AS SELECT * FROM read_csv(${literal(path.join(root, 'data', 'rows.csv'))}, header = true, all_varchar = true, delim = ',', quote = '"')`);
        const query = aggregateQuery(pilot, { dialect: 'duckdb', table: 'raw_rows' }).replace(/;\s*$/, '');
        await connection.run(`COPY (${query}) TO ${literal(path.join(root, 'data', 'units.csv'))} (HEADER, DELIMITER ',')`);
        const aggregate = await load({ ...pilot, data: 'units.csv', form: 'unit-sums' });
        expect(unitsOf(aggregate)).toEqual(unitsOf(rowLevel));
        expect(countsOf(aggregate)).toEqual(countsOf(rowLevel));
        seen.pre += rowLevel.rowsPre;
        seen.after += rowLevel.rowsAfterEnd;
        seen.missing += rowLevel.missing.reduce((total, rows) => total + rows, 0);
      }),
      { seed: SEED, numRuns: 40 },
    );
    // The cases held every kind of row the property is about.
    expect(seen.pre > 0 && seen.after > 0 && seen.missing > 0).toBe(true);
  }, 120_000);
});
