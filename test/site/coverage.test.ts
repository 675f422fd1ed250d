import { describe, expect, it } from 'vitest';
import table from '../../src/site/coverage-table.json' with { type: 'json' };
import { coverageModel } from '../../src/site/coverage.ts';

describe('the coverage table on the methodology page', () => {
  const model = coverageModel();

  it('pairs each design and size with its constant- and varying-effect coverage, as the coverage table has them', () => {
    expect(model.confidence).toBe('95%');
    expect(model.lines).toHaveLength(table.rows.length / 2);
    expect(model.lines[0]).toEqual({
      design: 'Revenue per rep',
      reps: '3 vs 12',
      truth: '+10%',
      simulations: '2,000',
      constant: '95.3%',
      varying: '95.2%',
      short: false,
    });
    const winRate = model.lines.find((line) => line.design === 'Win rate, clustered' && line.reps === '10 vs 10');
    expect(winRate).toMatchObject({ simulations: '1,000', constant: '95.5%', varying: '95.9%' });
  });

  it('meets the target in every row, and counts apart the pilots shown no interval because their groups started far apart', () => {
    expect(model.lines.filter((line) => line.short)).toEqual([]);
    expect(model.lines.find((line) => line.reps === '6 vs 6')).toMatchObject({ design: 'Revenue per rep, adjusted (ANCOVA)', constant: '95.6%', varying: '94.2%' });
    expect(model.groupsApart).toEqual([
      { design: 'revenue per rep, adjusted (ANCOVA)', reps: '6 vs 6', apart: '10.4%' },
      { design: 'revenue per opportunity, adjusted (weighted regression)', reps: '8 vs 8', apart: '5.9%' },
    ]);
  });

  it('refuses a table it cannot stand behind rather than print it', () => {
    const broken = structuredClone(table);
    (broken.rows[0] as { covered: number }).covered = Number.NaN;
    expect(() => coverageModel(broken)).toThrow();
    expect(() => coverageModel({ ...table, rows: [] })).toThrow();
  });
});
