/**
 * The overview's every-pilot table (src/charts/forest-table.ts): a row per
 * pilot, worded exactly as the pilot cards word it, with a bar on the shared
 * axis or the reason there is none.
 */
import { describe, expect, test } from 'vitest';
import { forestTable } from '../../src/charts/forest-table.ts';
import { barAxisSvg } from '../../src/charts/interval-bar.ts';
import { formatConfidence, liftTick } from '../../src/core/present/format.ts';
import { commonDomain, headlineText, percentCaveat, primaryResult } from '../../src/core/present/headline.ts';
import { spelledPoints } from '../../src/core/present/words.ts';
import { bySlug, pilots } from '../support/analysed-pilots.ts';

const domain = commonDomain(pilots.map((pilot) => primaryResult(pilot.results)));
const rowOf = (slug: string) => {
  const [row] = forestTable([bySlug(slug)], { domain }).rows;
  if (!row) throw new Error(`expected a row for ${slug}`);
  return row;
};

describe('the overview table', () => {
  test('a row per pilot in the given order, worded as the cards word it', () => {
    const table = forestTable(pilots, { domain });
    expect(table.rows.map((row) => row.slug)).toEqual(pilots.map((pilot) => pilot.slug));
    expect(table.axis).toBe(barAxisSvg(domain, liftTick));
    for (const [index, row] of table.rows.entries()) {
      const pilot = pilots[index]!;
      const metric = primaryResult(pilot.results);
      const text = headlineText(metric);
      expect(row).toMatchObject({
        title: pilot.results.title,
        interim: pilot.results.status === 'running',
        metric: metric.label,
        lowerIsBetter: metric.better === 'lower',
        change: spelledPoints(text.change),
        level: formatConfidence(pilot.results.confidence),
        interval: spelledPoints(text.interval),
        verdict: metric.verdict,
      });
    }
    // And as words, from the analysis of test/fixtures/site/analysed.
    expect(table.rows.map(({ slug, change, level, interval, verdict }) => [slug, change, level, interval, verdict])).toEqual([
      ['voice-notes', '+5.4%', '90%', '−11% to +24%', 'inconclusive'],
      ['nurture-q2', '+8.4%', '95%', '+7.1% to +10%', 'win'],
      ['demo-script', '+16.7 points', '95%', '+8.3 points to +25.0 points', 'win'],
      ['shadow-days', '+35%', '95%', 'none (too few units)', 'too-few'],
      ['quote-automation', '−19%', '95%', '−24% to −15%', 'win'],
      ['territory-pricing', '+€994', '95%', '−€250 to +€2,225', 'inconclusive'],
      ['call-coaching', 'No verdict', '95%', 'none (groups unlike before)', 'inconclusive'],
    ]);
  });

  test('a rate headlined in points says its bar is relative', () => {
    const row = rowOf('demo-script');
    expect(row.change).toMatch(/ points$/);
    expect(row.bar).toContain('class="ib ib-win"');
    expect(row.note).toBe('Drawn as a relative change: +62% relative, +25% to +120%.');
  });

  test('a lift with no percent interval gets no bar, and the reason instead, in the units of its change', () => {
    const row = rowOf('territory-pricing');
    expect(row.bar).toBeNull();
    expect(row.note).toBe(percentCaveat(primaryResult(bySlug('territory-pricing').results)));
    expect(row.note).toBe('The change cannot be put in percent (a group\u2019s level is zero or below), so it is given in the metric\u2019s own units.');
    // The change is in euros like the interval beside it.
    expect(row.change).toBe('+€994');
    expect(row.interval).toBe('−€250 to +€2,225');
  });

  test('too few units: no bar, and no interval to give', () => {
    const row = rowOf('shadow-days');
    expect(row.bar).toBeNull();
    expect(row.interval).toBe('none (too few units)');
    expect(row.note).toBe('No interval: too few units (4 per group would do).');
  });

  test('no verdict (groups unlike before the pilot): no bar, and why', () => {
    const row = rowOf('call-coaching');
    expect(row.bar).toBeNull();
    expect(row.note).toBe('Before the pilot started, the pilot group was already 33% higher.');
  });

  test('a lower-is-better pilot says so, and its bar is coloured by its verdict', () => {
    const row = rowOf('quote-automation');
    expect(row.lowerIsBetter).toBe(true);
    expect(row.bar).toContain('class="ib ib-win"');
    expect(row.note).toBeNull();
  });

  test('a running pilot is interim', () => {
    expect(rowOf('voice-notes').interim).toBe(true);
    expect(rowOf('nurture-q2').interim).toBe(false);
  });

  test('the same pilots give the same markup', async () => {
    const table = forestTable(pilots, { domain });
    expect(forestTable(pilots, { domain })).toEqual(table);
    await expect(JSON.stringify(table, null, 2)).toMatchFileSnapshot('./__snapshots__/forest-table/overview.json');
  });
});

describe('what an executive decides with, in the table that also prints the overview', () => {
  test('each row carries the evidence level, the decision and the value at stake, as the cards do', () => {
    const nurture = bySlug('nurture-q2');
    const decided = {
      ...nurture,
      results: {
        ...nurture.results,
        evidence: { level: 'moderate' as const, reasons: [] },
        decision: { outcome: 'rolled out' as const, date: '2026-06-15', by: 'Dana Ruiz', note: null },
      },
    };
    const [row] = forestTable([decided], { domain }).rows;
    expect(row?.evidence).toBe('Moderate evidence');
    expect(row?.decision).toBe('Rolled out on 15 Jun 2026 by Dana Ruiz');
    expect(row?.valueAtStake).toMatch(/^Across all reps \(120\): \+\$[\d,]+ over \d+ weeks \(95% interval: \+\$[\d,]+ to \+\$[\d,]+\)$/);
    expect(forestTable([nurture], { domain }).rows[0]?.decision).toBeNull();
  });
});
