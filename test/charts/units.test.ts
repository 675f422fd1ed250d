import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { unitsChart } from '../../src/charts/units.ts';
import { ANALYSED_ROOT, everyMetric, metricOf } from '../support/analysed-pilots.ts';
import { clashes, drawnTexts, expectAccessible, viewBox, widths } from './svg-text.ts';

function unitsOf(slug: string, id: string) {
  const { metric, evidence } = metricOf(slug, id);
  const chart = unitsChart(metric, evidence);
  if (!chart) throw new Error(`expected a units chart for ${slug}/${id}`);
  return chart;
}

/** The unit names in a fixture's data file (its first column). */
async function namesIn(file: string): Promise<string[]> {
  const text = await readFile(path.join(ANALYSED_ROOT, 'data', file), 'utf8');
  return [...new Set(text.trim().split('\n').slice(1).map((line) => line.split(',')[0] as string))];
}

describe('units chart', () => {
  test('one dot per unit, anonymous unless the pilot names them', async () => {
    const chart = unitsOf('nurture-q2', 'revenue');
    expectAccessible(chart);
    expect(chart.id).toBe('units-revenue');
    expect(chart.table.columns).toEqual(['Unit', 'Group', 'Revenue per rep']);
    expect(chart.table.rows).toHaveLength(16);
    for (const [label] of chart.table.rows) expect(label).toMatch(/^(Pilot|Control) rep \d+$/);
    expect(chart.description).toBe(
      "Each dot is one unit (each unit's total over the pilot): 8 in the pilot (filled dots), 8 in control (hollow dots). The vertical mark is the group's overall value: pilot $26,072, control $20,282.",
    );
    // The data's rep ids never reach the drawing.
    const names = await namesIn('nurture-q2.csv');
    expect(names).toContain('rep-A');
    for (const name of names) expect(chart.svg.wide).not.toContain(name);
  });

  test('names appear only because the evidence carries them (showUnits)', async () => {
    const chart = unitsOf('territory-pricing', 'margin');
    const names = await namesIn('territory-pricing.csv');
    expect(names).toHaveLength(16);
    for (const name of names) expect(chart.svg.wide).toContain(`${name}: `);
    expect(chart.table.rows.map(([label]) => label).sort()).toEqual([...names].sort());
    // Values in the metric's currency.
    expect(chart.table.rows.find(([label]) => label === 'Old Town')).toEqual(['Old Town', 'Pilot', '€3,100']);
  });

  test('tick labels neither touch nor leave the drawing, at either width, for every metric', () => {
    for (const { pilot, metric, evidence } of everyMetric) {
      const chart = unitsChart(metric, evidence);
      expect(chart, `${pilot.slug}/${metric.id}`).not.toBeNull();
      for (const [width, svg] of widths(chart)) {
        const { width: drawing } = viewBox(svg);
        expect(clashes(svg), `${pilot.slug}/${metric.id} ${width}`).toEqual([]);
        for (const { text, box } of drawnTexts(svg)) {
          expect(box.left, `${pilot.slug}/${metric.id} ${width}: "${text}"`).toBeGreaterThanOrEqual(0);
          expect(box.right, `${pilot.slug}/${metric.id} ${width}: "${text}"`).toBeLessThanOrEqual(drawing);
        }
      }
    }
  });

  test('six-figure totals on a phone: fewer ticks, none run together or cut at the edge', () => {
    // The reviewer's case: totals up to about $480,000 at 375px printed "$100,000$200,000..." run together.
    const { metric, evidence } = metricOf('nurture-q2', 'revenue');
    const scale = 16;
    const scaled = { ...metric, pilot: { ...metric.pilot, value: metric.pilot.value * scale }, control: { ...metric.control, value: metric.control.value * scale } };
    const chart = unitsChart(scaled, { ...evidence, units: evidence.units.map((unit) => ({ ...unit, value: unit.value * scale })) });
    const compact = chart?.svg.compact ?? '';
    const ticks = drawnTexts(compact).filter(({ text }) => text.startsWith('$'));
    expect(ticks.map(({ text }) => text)).toEqual(['$0', '$200,000', '$400,000', '$600,000']);
    expect(clashes(compact)).toEqual([]);
    for (const { box } of ticks) expect(box.right).toBeLessThanOrEqual(360);
  });

  test('a rate per unit is a percent; a one-row proportion is each unit\u2019s yes or no', () => {
    expect(unitsOf('demo-script', 'win-rate').table.rows[0]?.[2]).toMatch(/^\d+\.\d%$/);
    expect(new Set(unitsOf('territory-pricing', 'quotes-accepted').table.rows.map((row) => row[2]))).toEqual(new Set(['0.0%', '100.0%']));
  });

  test('the same evidence draws the same bytes', async () => {
    const chart = unitsOf('nurture-q2', 'revenue');
    expect(unitsOf('nurture-q2', 'revenue')).toEqual(chart);
    await expect(chart.svg.wide).toMatchFileSnapshot('./__snapshots__/units/nurture-q2-revenue-wide.svg');
    await expect(chart.svg.compact).toMatchFileSnapshot('./__snapshots__/units/nurture-q2-revenue-compact.svg');
    await expect(unitsOf('territory-pricing', 'margin').svg.wide).toMatchFileSnapshot('./__snapshots__/units/territory-pricing-margin-wide.svg');
  });
});
