/**
 * Guardrails as every view shows them (src/core/present/headline.ts
 * guardrailText, guardrailMark and marginWords, and the report, overview,
 * card and plan models), on real analyses of test/fixtures/site/analysed with
 * one of their metrics made a guardrail: the verdict is guardrailOf's on that
 * metric's own headline, so every bound quoted is the analysis's.
 */
import { describe, expect, it } from 'vitest';
import type { PilotEvidence } from '../../../src/core/evidence.ts';
import { guardrailOf } from '../../../src/core/guardrail.ts';
import { parsePilotFile } from '../../../src/core/pilot-file.ts';
import type { Margin } from '../../../src/core/pilot-terms.ts';
import { planOf } from '../../../src/core/plan.ts';
import { pilotCardContent } from '../../../src/core/present/card-model.ts';
import { guardrailMark, guardrailText, marginWords } from '../../../src/core/present/headline.ts';
import { overviewModel } from '../../../src/core/present/overview-model.ts';
import { planModel } from '../../../src/core/present/plan-model.ts';
import { reportModel } from '../../../src/core/present/report-model.ts';
import type { MetricResult } from '../../../src/core/results.ts';
import { BASE_FRONTMATTER, pilotMarkdown } from '../../support/project.ts';
import { bySlug, metricOf } from '../../support/analysed-pilots.ts';

/** The fixture metric as a guardrail with this margin: its headline and verdict unchanged. */
function asGuardrail(slug: string, id: string, margin: Margin): MetricResult {
  const metric = structuredClone(metricOf(slug, id).metric) as MetricResult;
  return { ...metric, primary: false, role: 'guardrail', guardrail: guardrailOf({ better: metric.better, margin }, metric.headline, metric.verdict) };
}

/** The fixture pilot with the given metrics made guardrails. */
function pilotWith(slug: string, guardrails: Record<string, Margin>): PilotEvidence {
  const pilot = structuredClone(bySlug(slug)) as PilotEvidence;
  pilot.results.metrics = pilot.results.metrics.map((metric) => {
    const margin = guardrails[metric.id];
    return margin === undefined ? metric : asGuardrail(slug, metric.id, margin);
  });
  return pilot;
}

const relative = (value: number): Margin => ({ scale: 'relative', value });
const text = (metric: MetricResult) => guardrailText(metric, 0.95);

describe('a guardrail in words', () => {
  it('says the margin as the harm tolerated, on its own scale', () => {
    const money = { format: 'currency', currency: 'USD', type: 'mean' } as const;
    const rate = { format: 'number', currency: 'USD', type: 'proportion' } as const;
    expect(marginWords({ scale: 'relative', value: -0.05 }, { ...money, better: 'higher' })).toBe('at most 5% worse');
    expect(marginWords({ scale: 'relative', value: 0.1 }, { ...money, better: 'lower' })).toBe('at most 10% worse');
    expect(marginWords({ scale: 'absolute', value: -500 }, { ...money, better: 'higher' })).toBe('at most $500 worse');
    expect(marginWords({ scale: 'points', value: 0.02 }, { ...rate, better: 'lower' })).toBe('at most 2.0 pp worse');
    expect(marginWords({ scale: 'relative', value: 0 }, { ...money, better: 'higher' })).toBe('no harm at all');
  });

  it('no harm beyond the margin, and possible harm beyond it, from the same interval (hours: -6% to +6.3%)', () => {
    expect(text(asGuardrail('territory-pricing', 'hours', relative(-0.1)))).toEqual({
      verdict: 'no-harm',
      phrase: 'No harm beyond the margin',
      tone: 'win',
      margin: 'at most 10% worse',
      sentence: 'At worst the pilot made it 6% worse (the 95% interval\u2019s least favourable end), within the margin of at most 10% worse.',
    });
    expect(text(asGuardrail('territory-pricing', 'hours', relative(-0.05)))).toEqual({
      verdict: 'possible-harm',
      phrase: 'Possible harm',
      tone: 'loss',
      margin: 'at most 5% worse',
      sentence:
        'At worst the pilot made it 6% worse (the 95% interval\u2019s least favourable end), beyond the margin of at most 5% worse: harm beyond the margin cannot be ruled out.',
    });
  });

  it('a bound exactly at the margin is possible harm (referrals: low bound 0, margin 0%)', () => {
    expect(text(asGuardrail('territory-pricing', 'referrals', relative(0)))?.sentence).toBe(
      'At worst the pilot changed nothing (the 95% interval\u2019s least favourable end), exactly at the margin of no harm at all: harm beyond the margin cannot be ruled out.',
    );
  });

  it('lower is better: the upper bound is the worse end (days to close: -24% to -15%)', () => {
    expect(text(asGuardrail('quote-automation', 'days-to-close', relative(0.05)))).toMatchObject({
      verdict: 'no-harm',
      sentence: 'At worst the pilot made it 15% better (the 95% interval\u2019s least favourable end), within the margin of at most 5% worse.',
    });
  });

  it('an absolute margin reads the interval in the metric\u2019s unit: dollars, or points of a rate', () => {
    // The margin per territory has no percent interval (a control level at or below zero), but it has dollars: -$250 to +$2,225.
    expect(text(asGuardrail('territory-pricing', 'margin', { scale: 'absolute', value: -500 }))?.sentence).toBe(
      'At worst the pilot made it €250 worse (the 95% interval\u2019s least favourable end), within the margin of at most €500 worse.',
    );
    expect(text(asGuardrail('demo-script', 'win-rate', { scale: 'points', value: -0.02 }))?.sentence).toBe(
      'At worst the pilot made it 8.3 pp better (the 95% interval\u2019s least favourable end), within the margin of at most 2.0 pp worse.',
    );
  });

  it('never says no harm without a bound: no interval, no percent interval, or no limit on the worse side', () => {
    expect(text(asGuardrail('territory-pricing', 'margin', relative(-0.05)))).toMatchObject({
      verdict: 'unknown',
      phrase: 'Cannot be judged',
      tone: 'too-few',
      sentence: 'This change has no interval in percent, so a relative margin cannot be judged and harm beyond it cannot be ruled out; a margin in the metric\u2019s own unit could be.',
    });
    expect(text(asGuardrail('shadow-days', 'meetings', relative(-0.05)))?.sentence).toBe(
      'Too few units for any interval, so harm beyond the margin of at most 5% worse cannot be ruled out.',
    );
    expect(text(asGuardrail('call-coaching', 'calls', relative(-0.05)))?.sentence).toBe(
      'The groups differed too much before the pilot for any interval, so harm beyond the margin of at most 5% worse cannot be ruled out.',
    );
    // Referrals have no upper limit: as a lower-is-better guardrail nothing bounds the harm.
    const referrals = asGuardrail('territory-pricing', 'referrals', { scale: 'relative', value: 0.5 });
    expect(text({ ...referrals, better: 'lower', guardrail: guardrailOf({ better: 'lower', margin: relative(0.5) }, referrals.headline, referrals.verdict) })).toMatchObject({
      verdict: 'possible-harm',
      sentence: 'The 95% interval has no limit on the worse side, so harm beyond the margin of at most 50% worse cannot be ruled out.',
    });
  });

  it('is null for a metric that is not a guardrail', () => {
    expect(text(metricOf('territory-pricing', 'hours').metric)).toBeNull();
  });
});

describe('the compact mark', () => {
  it('names every guardrail not cleared, and nothing when all are', () => {
    expect(guardrailMark(pilotWith('territory-pricing', { hours: relative(-0.1) }).results)).toBeNull();
    expect(guardrailMark(pilotWith('territory-pricing', { hours: relative(-0.05) }).results)).toBe('Guardrail: possible harm to hours on site per territory');
    expect(guardrailMark(pilotWith('territory-pricing', { hours: relative(-0.05), referrals: relative(0), margin: relative(-0.05) }).results)).toBe(
      'Guardrails: possible harm to hours on site per territory and referrals per territory; net margin per territory cannot be judged',
    );
    expect(guardrailMark(bySlug('territory-pricing').results)).toBeNull();
  });
});

describe('the views', () => {
  const pilot = pilotWith('territory-pricing', { hours: relative(-0.05) });

  it('the report shows guardrails apart from the other metrics, and the mark in its header', () => {
    const model = reportModel(pilot, { status: 'uncommitted' });
    expect(model.metrics.map((section) => section.metric.id)).toEqual(['margin', 'quotes-accepted', 'referrals']);
    expect(model.metrics.every((section) => section.guardrail === null)).toBe(true);
    expect(model.guardrails?.title).toBe('Guardrail');
    expect(model.guardrails?.intro).toBe(
      'A metric the pilot must not harm by more than a set margin. A guardrail is cleared when the 95% interval\u2019s least favourable end stays within its margin; it does not change the pilot\u2019s verdict, which comes from net margin per territory alone.',
    );
    expect(model.guardrails?.sections.map((section) => [section.metric.id, section.guardrail?.phrase])).toEqual([['hours', 'Possible harm']]);
    expect(model.guardrailMark).toBe('Guardrail: possible harm to hours on site per territory');
    // The pilot's verdict is still its primary metric's.
    expect(model.verdict).toBe(bySlug('territory-pricing').results.metrics.find((metric) => metric.primary)?.verdict);
    expect(reportModel(bySlug('territory-pricing'), { status: 'uncommitted' }).guardrails).toBeNull();
  });

  it('the overview card and the preview card carry the mark', () => {
    const card = overviewModel([pilot]).cards[0];
    expect(card?.guardrail).toBe('Guardrail: possible harm to hours on site per territory');
    expect(pilotCardContent(pilot, { host: 'example.com' }).guardrail).toBe('Guardrail: possible harm to hours on site per territory');
    expect(overviewModel([bySlug('territory-pricing')]).cards[0]?.guardrail).toBeNull();
  });

  it('the plan lists guardrails apart, each with its margin', () => {
    const file = parsePilotFile(
      'pilots/test.md',
      pilotMarkdown(
        `${BASE_FRONTMATTER.replace('status: concluded', 'status: planned')}metrics:
  - { id: revenue, label: Revenue per rep, type: mean, column: revenue, format: currency }
  - { id: discount, label: Discount per deal, type: mean, column: discount, format: currency, better: lower, role: guardrail, margin: +500 }
  - { id: won, label: Win rate, type: proportion, column: won, role: guardrail, margin: -2pp }
`,
      ),
    );
    if (!file.ok) throw new Error(JSON.stringify(file.problems));
    const model = planModel(planOf(file.value, null), { status: 'uncommitted' });
    expect(model.metrics).toEqual([{ label: 'Revenue per rep', primary: true, direction: null }]);
    expect(model.guardrails).toEqual({
      title: 'Guardrails',
      intro: 'Metrics the pilot must not harm by more than a set margin. The result will say for each whether harm beyond its margin was ruled out; they do not decide the pilot\u2019s verdict.',
      items: [
        { label: 'Discount per deal', margin: 'at most $500 worse', direction: 'lower is better' },
        { label: 'Win rate', margin: 'at most 2.0 pp worse', direction: null },
      ],
    });
  });
});
