import { describe, expect, it } from 'vitest';
import type { MetricEvidence, UnitPoint } from '../../../src/core/evidence.ts';
import { parsePilotFile } from '../../../src/core/pilot-file.ts';
import { formatProblem } from '../../../src/core/problems.ts';
import { roadblockView } from '../../../src/core/present/roadblock.ts';
import type { MetricResult } from '../../../src/core/results.ts';
import { reportModel } from '../../../src/core/present/report-model.ts';
import { bySlug, metricOf } from '../../support/analysed-pilots.ts';
import { BASE_FRONTMATTER, pilotMarkdown } from '../../support/project.ts';

const REPS = { one: 'rep', many: 'reps' };

/** The fixture's win rate (a proportion, analysed per rep) with its control rate and units replaced. */
function winRate(control: number, units: [UnitPoint['arm'], number, string?][]): { metric: MetricResult; evidence: MetricEvidence } {
  const { metric, evidence } = metricOf('demo-script', 'win-rate');
  return {
    metric: { ...metric, control: { ...metric.control, value: control } },
    evidence: { ...evidence, units: units.map(([arm, value, label], index) => ({ arm, value, label: label ?? `${arm} rep ${index + 1}` })) },
  };
}

describe('roadblockView', () => {
  it('counts, with few units, the units of each arm below half the control group\'s rate', () => {
    const { metric, evidence } = winRate(0.3, [['pilot', 0.1], ['pilot', 0.4], ['control', 0.05], ['control', 0.14], ['control', 0.15], ['control', 0.5]]);
    const view = roadblockView(metric, evidence, { showUnits: false, units: REPS })!;
    expect(view.threshold).toBe(0.15);
    expect(view.source).toBe('half-control');
    // 0.15 is on the line, so not below it.
    expect(view.sentence).toBe('Deals won below 15.0%: 2 of 4 control reps, 1 of 2 pilot reps.');
    expect(view.line).toBe('The line at 15.0% is half the control group\u2019s overall rate (30.0%): a rep below it does less than half as well as the control group as a whole. The pilot file can set its own line (roadblock).');
    expect(view.arms).toEqual({ pilot: { units: 2, below: 1, names: null }, control: { units: 4, below: 2, names: null } });
    expect(view.named).toBeNull();
    // Ten-point ranges from 0% to past the highest rate, the line one more end: every range lies wholly on one side.
    expect(view.ranges.map((range) => [range.label, range.below, range.pilot, range.control])).toEqual([
      ['0% to 10%', true, 0, 1],
      ['10% to 15%', true, 1, 1],
      ['15% to 20%', false, 0, 1],
      ['20% to 30%', false, 0, 0],
      ['30% to 40%', false, 0, 0],
      ['40% to 50%', false, 1, 0],
      ['50% to 60%', false, 0, 1],
    ]);
  });

  it('takes the pilot file\'s line, names the units below it only under showUnits, and counts 100% in the last range', () => {
    const { metric, evidence } = winRate(0.3, [['pilot', 0.2, 'Zoe'], ['pilot', 1, 'Ann'], ['control', 0.1, 'Bea'], ['control', 0.29, 'Cal'], ['control', 0.3, 'Dan']]);
    const view = roadblockView(metric, evidence, { roadblock: 0.3, showUnits: true, units: REPS })!;
    expect(view.source).toBe('set');
    expect(view.sentence).toBe('Deals won below 30.0%: 2 of 3 control reps, 1 of 2 pilot reps.');
    expect(view.line).toBe('The line at 30.0% is the pilot file\u2019s own (roadblock: 30.0%).');
    expect(view.named).toBe('Below the line: control: Bea, Cal; pilot: Zoe.');
    expect(view.ranges.at(-1)).toMatchObject({ label: '90% to 100%', pilot: 1, control: 0 });
    expect(view.ranges.filter((range) => range.below).map((range) => range.label)).toEqual(['0% to 10%', '10% to 20%', '20% to 30%']);
  });

  it('says "1 of 1 control rep", and widens the ranges past 100% for a percent-format ratio', () => {
    const { metric, evidence } = winRate(0.8, [['pilot', 1.23], ['control', 0.3]]);
    const view = roadblockView({ ...metric, type: 'ratio', format: 'percent' }, evidence, { showUnits: false, units: REPS })!;
    expect(view.sentence).toBe('Deals won below 40.0%: 1 of 1 control rep, 0 of 1 pilot rep.');
    expect(view.ranges.at(-1)).toMatchObject({ label: '120% to 130%', pilot: 1 });
  });

  it('has none for a metric that is not a rate, a rate with one row per unit, or no line', () => {
    const { metric, evidence } = winRate(0.3, [['pilot', 0.2], ['control', 0.1]]);
    expect(roadblockView({ ...metric, type: 'mean' }, evidence, { showUnits: false, units: REPS })).toBeNull();
    expect(roadblockView({ ...metric, method: 'newcombe' }, evidence, { showUnits: false, units: REPS })).toBeNull();
    expect(roadblockView({ ...metric, control: { ...metric.control, value: 0 } }, evidence, { showUnits: false, units: REPS })).toBeNull();
    expect(roadblockView(metric, { ...evidence, units: [] }, { showUnits: false, units: REPS })).toBeNull();
  });
});

describe('the report\'s roadblock section', () => {
  it('holds a view for each rate analysed per unit, and none for a pilot without one', () => {
    const withRate = reportModel(bySlug('demo-script'), { status: 'uncommitted' });
    expect(withRate.roadblocks?.title).toBe('Who is held up');
    expect(withRate.roadblocks?.intro).toBe('How many reps in each group are below a line, and how their own rates spread. Reps are not named.');
    // Half the control group's 27.1% (13 wins in 48 deals, six deals a rep): the lowest control reps won 1 in 6, 16.7%.
    expect(withRate.roadblocks?.views.map((view) => view.sentence)).toEqual(['Deals won below 13.5%: 0 of 8 control reps, 0 of 8 pilot reps.']);
    // territory-pricing's only rate has one row per territory: each territory's rate is 0% or 100%, so there is no view.
    expect(reportModel(bySlug('territory-pricing'), { status: 'uncommitted' }).roadblocks).toBeNull();
    expect(reportModel(bySlug('nurture-q2'), { status: 'uncommitted' }).roadblocks).toBeNull();
  });
});

describe('the roadblock key', () => {
  const withRoadblock = (type: string, value: string) =>
    parsePilotFile('pilots/test.md', pilotMarkdown(`${BASE_FRONTMATTER}metrics:\n  - { id: won, label: Won, type: ${type}, column: won, roadblock: ${value} }\n`));
  const problems = (type: string, value: string) => {
    const parsed = withRoadblock(type, value);
    return parsed.ok ? [] : parsed.problems.map(formatProblem);
  };

  it('reads a percent as a fraction', () => {
    const parsed = withRoadblock('proportion', '30%');
    expect(parsed.ok && parsed.value.pilot.metrics[0]?.roadblock).toBe(0.3);
  });

  it('refuses a bare number, a line at 0% or 100%, and a metric that is not a rate', () => {
    expect(problems('proportion', '30')).toEqual([
      'pilots/test.md, key "metrics[0].roadblock": "30": expected a rate such as 30%: units whose own rate is below it are the roadblock; write the percent sign (30%), so 30 and 0.3 cannot be confused',
    ]);
    expect(problems('proportion', '0%').join('\n')).toMatch(/"0%": expected a rate such as 30%/);
    expect(problems('proportion', '100%').join('\n')).toMatch(/"100%": expected a rate such as 30%/);
    expect(problems('mean', '30%')).toEqual([
      'pilots/test.md, key "metrics[0].roadblock": "30%": only a rate (a proportion, or format: percent) takes "roadblock": it counts the units whose own rate is below it',
    ]);
  });
});
