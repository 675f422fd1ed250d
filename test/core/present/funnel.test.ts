/**
 * How a funnel's stages are told (src/core/present/funnel.ts): the rows of
 * its chart and table, and the sentence naming where the pilot gained most,
 * which never claims a direction the intervals do not show.
 */
import { describe, expect, it } from 'vitest';
import { funnelGainSentence, funnelRows } from '../../../src/core/present/funnel.ts';
import type { MetricResult } from '../../../src/core/results.ts';
import { funnelPilot, funnelResult } from '../../support/funnel-pilot.ts';

/** Stage s's rate from the stage before, made to say `verdict` with the given headline (points as fractions). */
function setStage(metric: MetricResult, s: number, verdict: MetricResult['verdict'], absolute: { estimate: number; low: number; high: number }) {
  const rate = metric.stages![s]!.stageToStage!;
  rate.verdict = verdict;
  rate.headline.absolute = { ...absolute, p: 0.01 };
  rate.headline.relative = { estimate: null, low: null, high: null };
}

describe('funnel rows', () => {
  it('lists the leads handed off, then each stage with counts, both rates and the change from the stage before', () => {
    const rows = funnelRows(funnelPilot.results.metrics[0]!);
    expect(rows.map((row) => [row.label, row.over, row.pilot.count, row.pilot.ofPrevious, row.pilot.ofLeads, row.control.count, row.control.ofPrevious, row.control.ofLeads, row.verdict])).toEqual([
      ['Leads handed off', null, '28', '100.0%', '100.0%', '27', '100.0%', '100.0%', null],
      // R: reference.R, counts 24 11 7 of 28 and 17 10 6 of 27.
      ['followed up', 'of leads handed off', '24', '85.7%', '85.7%', '17', '63.0%', '63.0%', 'win'],
      ['became an opportunity', 'of those followed up', '11', '45.8%', '39.3%', '10', '58.8%', '37.0%', 'inconclusive'],
      ['won', 'of those became an opportunity', '7', '63.6%', '25.0%', '6', '60.0%', '22.2%', 'inconclusive'],
    ]);
    // R: reference.R, followedOverall low 0.0223023938115768, high 0.458314194540713.
    expect([rows[1]!.change, rows[1]!.interval]).toEqual(['+22.8 pp', '+2.2 pp to +45.8 pp']);
    expect([rows[2]!.change, rows[2]!.interval]).toEqual(['\u221213.0 pp', '\u221259.4 pp to +48.9 pp']);
  });
});

describe('the sentence naming where the pilot gained', () => {
  it('names the stage whose interval shows a gain, with its rates and interval', () => {
    expect(funnelGainSentence(funnelPilot.results.metrics[0]!, 0.95)).toBe(
      'The pilot gained most at \u201cfollowed up\u201d (85.7% of leads handed off in the pilot group, 63.0% in the control group; +22.8 pp, 95% interval +2.2 pp to +45.8 pp).',
    );
  });

  it('with no interval excluding no difference, says the funnel cannot tell where, or whether, the pilot gained', () => {
    const metric = funnelResult();
    setStage(metric, 0, 'inconclusive', { estimate: 0.3, low: -0.05, high: 0.6 });
    const sentence = funnelGainSentence(metric, 0.95)!;
    expect(sentence).toBe(
      'No stage shows a clear gain or loss: at every stage, the 95% interval of the change in the rate from the stage before includes no difference, so the funnel cannot say where, or whether, the pilot gained.',
    );
    // The largest estimate (+30 points) is not a gain to claim.
    expect(sentence).not.toMatch(/gained most|followed up/);
  });

  it('names the largest of several gains, by points, not the first', () => {
    const metric = funnelResult();
    setStage(metric, 2, 'win', { estimate: 0.4, low: 0.1, high: 0.7 });
    const sentence = funnelGainSentence(metric, 0.95)!;
    expect(sentence).toMatch(/^The pilot gained most at \u201cwon\u201d \(63\.6% of those became an opportunity in the pilot group, 60\.0% in the control group; \+40\.0 pp, 95% interval \+10\.0 pp to \+70\.0 pp\)\. 1 other stage also gained, by less\.$/);
  });

  it('a larger estimate whose interval crosses zero does not outrank a clear gain', () => {
    const metric = funnelResult();
    setStage(metric, 2, 'inconclusive', { estimate: 0.5, low: -0.1, high: 1.1 });
    expect(funnelGainSentence(metric, 0.95)).toMatch(/^The pilot gained most at \u201cfollowed up\u201d/);
  });

  it('says where the pilot clearly lost ground, with or without a gain', () => {
    const metric = funnelResult();
    setStage(metric, 1, 'loss', { estimate: -0.3, low: -0.5, high: -0.1 });
    expect(funnelGainSentence(metric, 0.95)).toMatch(/\. The pilot lost ground at \u201cbecame an opportunity\u201d \(45\.8% of those followed up in the pilot group, 58\.8% in the control group; \u221230\.0 pp, 95% interval \u221250\.0 pp to \u221210\.0 pp\)\.$/);
    setStage(metric, 0, 'inconclusive', { estimate: 0.1, low: -0.1, high: 0.3 });
    expect(funnelGainSentence(metric, 0.95)).toMatch(/^No stage shows a clear gain\. The pilot lost ground at \u201cbecame an opportunity\u201d/);
  });

  it('where lower is better, a fall is the gain', () => {
    const metric = funnelResult();
    metric.better = 'lower';
    setStage(metric, 0, 'win', { estimate: -0.1, low: -0.2, high: -0.01 });
    setStage(metric, 2, 'win', { estimate: -0.3, low: -0.5, high: -0.1 });
    expect(funnelGainSentence(metric, 0.9)).toMatch(/^The pilot gained most at \u201cwon\u201d .*\u221230\.0 pp, 90% interval \u221250\.0 pp to \u221210\.0 pp\)\./);
  });

  it('is null for a metric that is not a funnel', () => {
    const metric = funnelResult();
    delete metric.stages;
    expect(funnelGainSentence(metric, 0.95)).toBeNull();
  });
});
