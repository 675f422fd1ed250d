/** The report's funnel section (report-model.ts, present/funnel.ts), on the funnel reference project. */
import { describe, expect, it } from 'vitest';
import { reportModel } from '../../../src/core/present/report-model.ts';
import { bySlug } from '../../support/analysed-pilots.ts';
import { funnelPilot } from '../../support/funnel-pilot.ts';

describe('the report of a pilot with a funnel metric', () => {
  const model = reportModel(funnelPilot, { status: 'uncommitted' });

  it('has one funnel section, saying what the funnel\u2019s own figure is and where the pilot gained', () => {
    expect(model.funnels).toHaveLength(1);
    const [section] = model.funnels;
    expect(section!.metric.id).toBe('funnel');
    expect(section!.headingId).toBe('funnel-funnel-title');
    expect(section!.title).toBe('Lead funnel, stage by stage');
    expect(section!.intro).toBe(
      'Every lead handed off, followed through each stage: each bar is the share of a group\u2019s leads handed off that reached the stage. ' +
        'Lead funnel is the share that reached the last stage (\u201cwon\u201d). The table compares each stage\u2019s rate from the stage before, with its interval.',
    );
    expect(section!.gain).toBe(
      'The pilot gained most at \u201cfollowed up\u201d (85.7% of leads handed off in the pilot group, 63.0% in the control group; +22.8 pp, 95% interval +2.2 pp to +45.8 pp).',
    );
  });

  it('the funnel, as primary, gives the verdict by its last stage over leads handed off', () => {
    // R: reference.R, wonOverall: p 0.778, interval -28.9 pp to +31.1 pp.
    expect(model.verdict).toBe('inconclusive');
    expect(model.keyNumbers.change).toMatchObject({ label: 'Lead funnel', value: '+2.8 pp', interval: '95% interval: \u221228.9 pp to +31.1 pp' });
    expect(model.keyNumbers.pilot.value).toBe('25.0%');
  });

  it('a pilot without a funnel has no funnel section', () => {
    expect(reportModel(bySlug('demo-script'), { status: 'uncommitted' }).funnels).toEqual([]);
  });
});

describe('the funnel table under the chart', () => {
  it('shows per group the leads handed off, then each stage\u2019s rate from the stage before with its count, and the change with its interval', () => {
    const [section] = reportModel(funnelPilot, { status: 'uncommitted' }).funnels;
    expect(section!.table.columns.change).toBe('Change (95% interval)');
    // R: reference.R, counts and rates; stage-to-stage headlines opportunityFromFollowed and wonFromOpportunity.
    expect(section!.table.rows).toEqual([
      { label: 'Leads handed off', over: null, pilot: '28', control: '27', change: null, interval: null, verdict: null },
      { label: 'followed up', over: 'of leads handed off', pilot: '85.7% (24)', control: '63.0% (17)', change: '+22.8 pp', interval: '+2.2 pp to +45.8 pp', verdict: 'win' },
      { label: 'became an opportunity', over: 'of those followed up', pilot: '45.8% (11)', control: '58.8% (10)', change: '\u221213.0 pp', interval: '\u221259.4 pp to +48.9 pp', verdict: 'inconclusive' },
      { label: 'won', over: 'of those became an opportunity', pilot: '63.6% (7)', control: '60.0% (6)', change: '+3.6 pp', interval: '\u221248.5 pp to +73.0 pp', verdict: 'inconclusive' },
    ]);
  });
});
