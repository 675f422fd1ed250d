/**
 * A pilot's decision (pilot-format.md: `decision`) from the file to every
 * place it is shown, and the portfolio the overview adds up from decisions.
 */
import { describe, expect, it } from 'vitest';
import type { PilotEvidence } from '../../src/core/evidence.ts';
import { parsePilotFile } from '../../src/core/pilot-file.ts';
import { portfolioOf } from '../../src/core/portfolio.ts';
import { pilotCardContent } from '../../src/core/present/card-model.ts';
import { overviewModel } from '../../src/core/present/overview-model.ts';
import { reportModel } from '../../src/core/present/report-model.ts';
import { formatProblem } from '../../src/core/problems.ts';
import type { DecisionResult, MetricResult } from '../../src/core/results.ts';
import { bySlug, pilots } from '../support/analysed-pilots.ts';
import { BASE_FRONTMATTER, pilotMarkdown } from '../support/project.ts';

const METRIC = '\nmetrics:\n  - { id: revenue, label: Revenue per rep, type: mean, column: revenue }\n';

function parse(extra: string, base = BASE_FRONTMATTER) {
  return parsePilotFile('pilots/test.md', pilotMarkdown(base + extra + METRIC));
}

function messages(extra: string, base = BASE_FRONTMATTER): string[] {
  const parsed = parse(extra, base);
  return parsed.ok ? [] : parsed.problems.map(formatProblem);
}

describe('decision in the pilot file', () => {
  it('reads the four outcomes however they are spelled, with an optional note', () => {
    for (const [written, outcome] of [
      ['rolled out', 'rolled out'],
      ['Rolled-Out', 'rolled out'],
      ['rolled_out', 'rolled out'],
      ['stopped', 'stopped'],
      ['EXTENDED', 'extended'],
      ['iterating', 'iterating'],
    ]) {
      const parsed = parse(`decision: { outcome: ${written}, date: 2026-06-15, by: Dana Ruiz }\n`);
      expect(parsed.ok && parsed.value.pilot.decision).toEqual({ outcome, date: '2026-06-15', by: 'Dana Ruiz' });
    }
    const noted = parse('decision: { outcome: stopped, date: 2026-06-15, by: Sales Ops, note: Too costly. }\n');
    expect(noted.ok && noted.value.pilot.decision?.note).toBe('Too costly.');
  });

  it('names what is wrong: the outcome, a missing key, a day before the start, a planned pilot', () => {
    expect(messages('decision: { outcome: shipped, date: 2026-06-15, by: Dana }\n')).toEqual([
      'pilots/test.md, key "decision.outcome": "shipped": expected one of "rolled out", "stopped", "extended", "iterating"',
    ]);
    expect(messages('decision: { outcome: stopped, date: 2026-06-15 }\n')).toEqual(['pilots/test.md, key "decision.by": is required but missing; expected text']);
    expect(messages('decision: { outcome: stopped, date: 2026-02-01, by: Dana }\n')).toEqual([
      'pilots/test.md, key "decision.date": "2026-02-01": expected the decision on or after "started" (2026-03-02)',
    ]);
    expect(messages('decision: { outcome: stopped, date: 2026-06-15, by: Dana }\n', BASE_FRONTMATTER.replace('status: concluded', 'status: planned').replace('ended: 2026-05-31\n', ''))).toEqual([
      'pilots/test.md, key "decision": a planned pilot has no result to decide on yet: add "decision" once it has run',
    ]);
  });
});

const ROLLED_OUT: DecisionResult = { outcome: 'rolled out', date: '2026-06-15', by: 'Dana Ruiz, VP Sales', note: 'Every rep from July.' };

/** A fixture pilot with a decision recorded, as the analysis would write it. */
function decided(slug: string, decision: DecisionResult | null): PilotEvidence {
  const pilot = bySlug(slug);
  return { ...pilot, results: { ...pilot.results, decision } };
}

const NO_HISTORY = { status: 'unavailable', reason: 'test' } as const;

describe('where a decision is shown', () => {
  it('the report says it under the headline, and the link preview says the computed result and the decision, not the summary', () => {
    const model = reportModel(decided('nurture-q2', ROLLED_OUT), NO_HISTORY);
    expect(model.decision).toEqual({ outcome: 'rolled out', label: 'Rolled out', line: 'Rolled out on 15 Jun 2026 by Dana Ruiz, VP Sales.', note: 'Every rep from July.' });
    const sentence = (bySlug('nurture-q2').results.metrics.find((metric) => metric.primary) as MetricResult).sentence;
    expect(model.description).toBe(`${sentence} Rolled out on 15 Jun 2026 by Dana Ruiz, VP Sales.`);
    expect(reportModel(bySlug('nurture-q2'), NO_HISTORY).description).toBe(sentence);
    expect(reportModel(bySlug('nurture-q2'), NO_HISTORY).decision).toBeNull();
  });

  it('the summary is the owner\'s words, attributed', () => {
    const pilot = bySlug('nurture-q2');
    const withOwner = { ...pilot, pilot: { ...pilot.pilot, summary: 'Digests worked.', owner: 'Demand Generation' } };
    expect(reportModel(withOwner, NO_HISTORY).summary).toEqual({ text: 'Digests worked.', attribution: 'In the words of Demand Generation, who runs the pilot:' });
    const noOwner = { ...pilot, pilot: { ...pilot.pilot, summary: 'Digests worked.', owner: undefined } };
    expect(reportModel(noOwner, NO_HISTORY).summary).toEqual({ text: 'Digests worked.', attribution: "In the words of the pilot's owner:" });
  });

  it('the overview card and the preview card say it', () => {
    const card = overviewModel([decided('nurture-q2', ROLLED_OUT)]).cards[0];
    expect(card?.decision).toEqual({ outcome: 'rolled out', label: 'Rolled out', line: 'Rolled out on 15 Jun 2026 by Dana Ruiz, VP Sales' });
    expect(pilotCardContent(decided('nurture-q2', ROLLED_OUT), { host: 'example.org' }).status).toBe('Concluded \u00b7 Rolled out');
    expect(pilotCardContent(bySlug('nurture-q2'), { host: 'example.org' }).status).toBe('Concluded');
  });
});

describe('the portfolio', () => {
  it('counts pilots run, wins, decisions and rollouts', () => {
    const portfolio = portfolioOf([decided('nurture-q2', ROLLED_OUT), decided('voice-notes', { ...ROLLED_OUT, outcome: 'stopped' }), ...pilots.filter((pilot) => !['nurture-q2', 'voice-notes'].includes(pilot.slug))]);
    expect([portfolio.run, portfolio.concluded, portfolio.wins, portfolio.decided, portfolio.rolledOut]).toEqual([7, 6, 3, 2, 1]);
  });

  it('adds up the rolled-out pilots\' rollout projections in money, and says how', () => {
    const nurture = decided('nurture-q2', ROLLED_OUT);
    const rollout = (nurture.results.metrics.find((metric) => metric.primary) as MetricResult).rollout;
    expect(rollout).not.toBeNull();
    const portfolio = portfolioOf([nurture]);
    // One pilot: the sum is its own projection.
    expect(portfolio.value?.total).toEqual({ estimate: rollout?.estimate, low: rollout?.low, high: rollout?.high });
    const line = overviewModel([nurture]).portfolio;
    expect(line?.counts).toBe('1 pilot run \u00b7 1 win of 1 concluded \u00b7 1 decision taken \u00b7 1 rolled out');
    expect(line?.value).toMatch(/^What was rolled out is projected to be worth \+\$[\d,]+ \(95% interval: \+\$[\d,]+ to \+\$[\d,]+\)\.$/);
    expect(line?.valueHow).toBe(
      "The rollout projection of the 1 rolled-out pilot with one in money, over that pilot's length.",
    );
    expect(overviewModel([bySlug('nurture-q2')]).portfolio?.value).toBeNull();
    // Two: their sum, and how the interval was combined.
    const twice = overviewModel([nurture, { ...nurture, slug: 'nurture-again' }]).portfolio;
    expect(twice?.valueHow).toBe(
      "The sum of the rollout projections of 2 rolled-out pilots, each over its own pilot's length; the interval combines theirs as independent estimates (the square root of the sum of squared margins, each side).",
    );
  });
});
