import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { defaultTable } from '../../src/cli/sql.ts';
import { BASE_FRONTMATTER, makeProject, pilotMarkdown } from '../support/project.ts';

const REPOSITORY = fileURLToPath(new URL('../..', import.meta.url));

async function run(argv: string[], cwd = REPOSITORY) {
  return runCli(argv, { cwd });
}

describe('fieldproof sql', () => {
  it('prints the pilot\'s aggregate query for the dialect, from the raw table named by --table', async () => {
    const { code, stdout, stderr } = await run(['sql', 'pilots/nurture-sequence.md', '--dialect', 'bigquery', '--table', 'sales.crm.nurture_rows']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout.split('\n')[0]).toBe('-- fieldproof: per-unit sums of the pilot "Nurture sequence for prospects not ready to buy" (pilots/nurture-sequence.md), bigquery dialect.');
    expect(stdout).toContain('  FROM sales.crm.nurture_rows\n');
    expect(stdout).toContain('  m1_denominator AS `opportunities__denominator`\n');
  });

  it('names the raw table after the data file when --table is not given', async () => {
    expect((await run(['sql', 'pilots/qualified-routing.md', '--dialect', 'duckdb'])).stdout).toContain('  FROM qualified_routing\n');
    expect(defaultTable('nurture-q2.csv')).toBe('nurture_q2');
    // A name must not start with a digit.
    expect(defaultTable('routing/2026 export.parquet')).toBe('t_2026_export');
  });

  it('refuses a pilot whose funnel, duration or segments need the raw rows, naming each', async () => {
    // loop-back-call has a duration, a funnel and segments by lead source.
    const { code, stdout, stderr } = await run(['sql', 'pilots/loop-back-call.md', '--dialect', 'duckdb']);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toContain(
      'fieldproof: pilots/loop-back-call.md has no aggregate query: the duration metric "time-to-contact" and the funnel metric "lead-funnel" and its segments cannot be summed per unit (they need the raw rows), and a per-unit aggregate holds sums of mean, proportion and ratio metrics only; commit the row-level export instead',
    );
  });

  it('refuses a missing or unknown dialect, and no pilot file, as wrong usage', async () => {
    expect(await run(['sql', 'pilots/nurture-sequence.md'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'fieldproof: sql needs --dialect, one of duckdb, bigquery, snowflake, postgres\nRun "fieldproof --help" for usage.\n',
    });
    expect((await run(['sql', 'pilots/nurture-sequence.md', '--dialect', 'mysql'])).stderr).toContain('sql needs --dialect, one of duckdb, bigquery, snowflake, postgres; got mysql');
    expect((await run(['sql', '--dialect', 'duckdb'])).code).toBe(2);
    expect((await run(['sql', 'pilots/nurture-sequence.md', '--json'])).stderr).toContain('sql has no option --json');
  });

  it('lists an invalid pilot file\'s problems and exits 1', async () => {
    const root = await makeProject({ 'pilots/a.md': pilotMarkdown(`${BASE_FRONTMATTER}metrics: []\n`) });
    const { code, stderr } = await run(['sql', 'pilots/a.md', '--dialect', 'postgres', '--root', root]);
    expect(code).toBe(1);
    expect(stderr).toBe('error pilots/a.md, key "metrics": expected at least 1\n\n1 error.\n');
  });
});
