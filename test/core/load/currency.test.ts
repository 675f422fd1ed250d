/**
 * A money metric adds only amounts in its own currency (pilot-format.md:
 * `currency`): a cell marked with another currency is an error naming the
 * cell, where it used to be added in as if it were the metric's.
 */
import { describe, expect, it } from 'vitest';
import { readNumber } from '../../../src/core/load/cells.ts';
import { formatProblem } from '../../../src/core/problems.ts';
import { loadFile, pilotOf } from '../../robustness/support.ts';

const money = (currency: string) => pilotOf({ metrics: [{ id: 'revenue', label: 'Revenue per rep', type: 'mean', column: 'revenue', format: 'currency', currency }] });

describe('amounts in another currency', () => {
  it('reads a symbol or code that fits the metric\u2019s currency, and any amount for a metric that is not money', () => {
    expect(readNumber('$1,200', { delimiter: ',', currency: 'USD' })).toEqual({ ok: true, value: 1200 });
    expect(readNumber('1200 USD', { delimiter: ',', currency: 'USD' })).toEqual({ ok: true, value: 1200 });
    expect(readNumber('$1,200', { delimiter: ',', currency: 'CAD' })).toEqual({ ok: true, value: 1200 });
    expect(readNumber('4.120,50 €', { delimiter: ';', currency: 'EUR' })).toMatchObject({ ok: true, value: 4120.5 });
    expect(readNumber('EUR 7', { delimiter: ',', currency: 'EUR' })).toEqual({ ok: true, value: 7 });
    expect(readNumber('€1,200', { delimiter: ',' })).toEqual({ ok: true, value: 1200 });
  });

  it('refuses a cell marked in another currency, naming it', () => {
    expect(readNumber('€1,200', { delimiter: ',', currency: 'USD' })).toEqual({
      ok: false,
      expected: 'is marked "€", another currency than the metric\'s USD; expected amounts in USD: convert them, or set currency on the metric',
    });
    expect(readNumber('1200 GBP', { delimiter: ',', currency: 'USD' })).toMatchObject({ ok: false });
    expect(readNumber('$5', { delimiter: ',', currency: 'EUR' })).toMatchObject({ ok: false });
    expect(readNumber('(€5)', { delimiter: ',', currency: 'USD' })).toMatchObject({ ok: false });
  });

  it('names the file, the row as a spreadsheet shows it, the column and the value', async () => {
    const loaded = await loadFile(money('USD'), 'rep,group,revenue\na,pilot,$100\nb,pilot,€250\nc,control,90\nd,control,80\n');
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.problems.map(formatProblem)).toEqual([
      'data/prop.csv, row 3, column "revenue": "€250": is marked "€", another currency than the metric\'s USD; expected amounts in USD: convert them, or set currency on the metric',
    ]);
  });
});
