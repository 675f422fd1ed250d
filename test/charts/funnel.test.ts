import { describe, expect, test } from 'vitest';
import { funnelChart } from '../../src/charts/funnel.ts';
import { funnelPilot, funnelResult } from '../support/funnel-pilot.ts';
import { drawnTexts, expectAccessible, labelProblems, widths } from './svg-text.ts';

const chartOf = () => funnelChart(funnelPilot.results.metrics[0]!, { confidence: 0.95 });

describe('funnel chart', () => {
  test('draws each stage per arm as its share of the leads handed off, labelled with the share and the count', () => {
    const chart = chartOf()!;
    expectAccessible(chart);
    expect(chart.id).toBe('funnel-funnel');
    expect(chart.label).toBe('Lead funnel: the share of leads handed off that reached each stage, pilot and control side by side');
    for (const [width, svg] of widths(chart)) {
      const texts = drawnTexts(svg).map(({ text }) => text);
      // R: reference.R, counts 24 11 7 of 28 pilot leads and 17 10 6 of 27 control leads.
      expect(texts, width).toEqual([
        'Leads handed off', 'followed up', 'became an opportunity', 'won',
        'Pilot 100.0% (28)', 'Control 100.0% (27)',
        'Pilot 85.7% (24)', 'Control 63.0% (17)',
        'Pilot 39.3% (11)', 'Control 37.0% (10)',
        'Pilot 25.0% (7)', 'Control 22.2% (6)',
      ]);
      // Readable at a phone's width: no label overlaps another or runs off the drawing.
      expect(labelProblems(svg), width).toEqual([]);
    }
  });

  test('its table states every count, both rates, and each stage\u2019s change with its interval and verdict', () => {
    const { table } = chartOf()!;
    expect(table.columns).toEqual([
      'Stage', 'Pilot leads', 'Pilot, of the stage before', 'Pilot, of leads handed off', 'Control leads', 'Control, of the stage before', 'Control, of leads handed off',
      'Change from the stage before', '95% interval', 'Verdict',
    ]);
    expect(table.rows).toEqual([
      ['Leads handed off', '28', '100.0%', '100.0%', '27', '100.0%', '100.0%', '\u2013', '\u2013', '\u2013'],
      ['followed up', '24', '85.7%', '85.7%', '17', '63.0%', '63.0%', '+22.8 pp', '+2.2 pp to +45.8 pp', 'Win'],
      ['became an opportunity', '11', '45.8%', '39.3%', '10', '58.8%', '37.0%', '\u221213.0 pp', '\u221259.4 pp to +48.9 pp', 'Inconclusive'],
      ['won', '7', '63.6%', '25.0%', '6', '60.0%', '22.2%', '+3.6 pp', '\u221248.5 pp to +73.0 pp', 'Inconclusive'],
    ]);
  });

  test('a stage that could not be compared says why in its table row', () => {
    const metric = funnelResult();
    const won = metric.stages![2]!;
    won.stageToStage = null;
    won.refused = 'Leads won, of those became an opportunity cannot be computed: the control group\u2019s opportunities add up to 0';
    const row = funnelChart(metric, { confidence: 0.95 })!.table.rows[3]!;
    expect(row.slice(7)).toEqual(['not computed', won.refused, '\u2013']);
  });

  test('no chart for a metric that is not a funnel', () => {
    const metric = funnelResult();
    delete metric.stages;
    expect(funnelChart(metric, { confidence: 0.95 })).toBeNull();
  });

  test('the same input draws the same bytes', async () => {
    expect(chartOf()).toEqual(chartOf());
    await expect(chartOf()!.svg.wide).toMatchFileSnapshot('./__snapshots__/funnel/funnel-wide.svg');
    await expect(chartOf()!.svg.compact).toMatchFileSnapshot('./__snapshots__/funnel/funnel-compact.svg');
  });
});
