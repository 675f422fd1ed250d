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
        'Lead funnel is the share that reached the last stage (\u201cwon\u201d); below, each stage\u2019s rate from the stage before is compared on its own, with its interval.',
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
