/**
 * Guardrail metrics: the schema's rules for `role: guardrail` and `margin`
 * (src/core/pilot.ts), with their exact messages, and the verdict against the
 * margin (src/core/guardrail.ts) on hand-computed intervals: either side of
 * the margin and exactly at it, both better directions, relative and
 * absolute margins, and intervals with no bound to judge.
 */
import { describe, expect, it } from 'vitest';
import { guardrailOf } from '../../src/core/guardrail.ts';
import { parsePilotFile } from '../../src/core/pilot-file.ts';
import type { Margin } from '../../src/core/pilot-terms.ts';
import { formatProblem } from '../../src/core/problems.ts';
import type { HeadlineResult, Verdict } from '../../src/core/results.ts';
import { BASE_FRONTMATTER, pilotMarkdown } from '../support/project.ts';

const PRIMARY = '  - { id: revenue, label: Revenue per rep, type: mean, column: revenue }\n';

/** The pilot with a second metric, "guard", written with the given keys. */
function withGuard(keys: string, type = 'mean'): string {
  return `${BASE_FRONTMATTER}metrics:\n${PRIMARY}  - { id: guard, label: Guard, type: ${type}, column: guard, ${keys} }\n`;
}

function read(frontmatter: string) {
  return parsePilotFile('pilots/test.md', pilotMarkdown(frontmatter));
}

function messages(frontmatter: string): string[] {
  const parsed = read(frontmatter);
  return parsed.ok ? [] : parsed.problems.map(formatProblem);
}

function marginOf(frontmatter: string): Margin | undefined {
  const parsed = read(frontmatter);
  if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'));
  return parsed.value.pilot.metrics[1]?.margin;
}

describe('the guardrail keys of a metric', () => {
  it('reads a margin as relative (%), percentage points (pp) or the metric\u2019s own unit', () => {
    expect(marginOf(withGuard('role: guardrail, margin: -5%'))).toEqual({ scale: 'relative', value: -0.05 });
    expect(marginOf(withGuard('role: guardrail, margin: "+2.5%", better: lower'))).toEqual({ scale: 'relative', value: 0.025 });
    expect(marginOf(withGuard('role: guardrail, margin: -2pp', 'proportion'))).toEqual({ scale: 'points', value: -0.02 });
    expect(marginOf(withGuard('role: guardrail, margin: -1.5 pp, format: percent'))).toEqual({ scale: 'points', value: -0.015 });
    expect(marginOf(withGuard('role: guardrail, margin: -500'))).toEqual({ scale: 'absolute', value: -500 });
    expect(marginOf(withGuard('role: guardrail, margin: 3, better: lower'))).toEqual({ scale: 'absolute', value: 3 });
    expect(marginOf(withGuard('role: guardrail, margin: 0%'))).toEqual({ scale: 'relative', value: 0 });
  });

  it('refuses a margin on the better side, naming the file and key', () => {
    expect(messages(withGuard('role: guardrail, margin: +5%'))).toEqual([
      'pilots/test.md, key "metrics[1].margin": "+5%": a guardrail\'s margin is the harm it tolerates, so where higher is better it is 0 or below, e.g. -5% (at most 5% worse)',
    ]);
    expect(messages(withGuard('role: guardrail, margin: -5%, better: lower'))).toEqual([
      'pilots/test.md, key "metrics[1].margin": "-5%": a guardrail\'s margin is the harm it tolerates, so where lower is better (better: lower) it is 0 or above, e.g. +5% (at most 5% worse)',
    ]);
  });

  it('refuses a margin in a unit the metric does not have, or that could be read two ways', () => {
    expect(messages(withGuard('role: guardrail, margin: -2pp'))).toEqual([
      'pilots/test.md, key "metrics[1].margin": "-2pp": percentage points (pp) are for rates (a proportion, or format: percent); write this metric\'s margin relative, e.g. -5%, or in its own unit, e.g. -500',
    ]);
    expect(messages(withGuard('role: guardrail, margin: -0.02', 'proportion'))).toEqual([
      'pilots/test.md, key "metrics[1].margin": "-0.02": a rate\'s margin is written in percentage points, e.g. -2pp, or relative to the control group\'s rate, e.g. -5%: a bare number could be read either way',
    ]);
    expect(messages(withGuard('role: guardrail, margin: -100%'))).toEqual([
      'pilots/test.md, key "metrics[1].margin": "-100%": a relative margin of -100% or below tolerates losing everything; expected a margin above -100%, e.g. -5%',
    ]);
  });

  it('refuses a margin that is not one', () => {
    const expected = 'expected a margin such as -5% (relative to the control group\'s level), -2pp (percentage points, for a rate) or -500 (in the metric\'s own unit)';
    expect(messages(withGuard('role: guardrail, margin: five percent'))).toEqual([`pilots/test.md, key "metrics[1].margin": "five percent": ${expected}`]);
    expect(messages(withGuard('role: guardrail, margin: -$500'))).toEqual([`pilots/test.md, key "metrics[1].margin": "-$500": ${expected}`]);
    expect(messages(withGuard('role: guardrail, margin: true'))).toEqual([`pilots/test.md, key "metrics[1].margin": "true": ${expected}`]);
  });

  it('needs a margin on a guardrail, and a guardrail for a margin', () => {
    expect(messages(withGuard('role: guardrail'))).toEqual([
      'pilots/test.md, key "metrics[1].margin": a guardrail metric needs "margin": the harm it tolerates, e.g. margin: -5%',
    ]);
    expect(messages(withGuard('role: guardrail, better: lower'))).toEqual([
      'pilots/test.md, key "metrics[1].margin": a guardrail metric needs "margin": the harm it tolerates, e.g. margin: +5%',
    ]);
    expect(messages(withGuard('margin: -5%'))).toEqual([
      'pilots/test.md, key "metrics[1].margin": "-5%": only a guardrail metric takes "margin"; add role: guardrail, or remove "margin"',
    ]);
    expect(messages(withGuard('role: guard, margin: -5%'))).toEqual(['pilots/test.md, key "metrics[1].role": "guard": expected one of: guardrail']);
  });

  it('never makes a guardrail the primary metric', () => {
    expect(messages(withGuard('role: guardrail, margin: -5%, primary: true'))).toEqual([
      'pilots/test.md, key "metrics[1].primary": "true": a guardrail metric cannot be primary: the pilot\'s verdict comes from its primary metric, and a guardrail only checks that another metric was not harmed',
    ]);
    const guardFirst = `${BASE_FRONTMATTER}metrics:\n  - { id: guard, label: Guard, type: mean, column: guard, role: guardrail, margin: -5% }\n${PRIMARY}`;
    expect(messages(guardFirst)).toEqual([
      'pilots/test.md, key "metrics[0].role": "guardrail": the first metric is the primary one unless another says primary: true, and a guardrail cannot be primary; mark the primary metric with primary: true, or list it first',
    ]);
    // Listed first is fine once another metric is marked primary.
    const marked = `${BASE_FRONTMATTER}metrics:\n  - { id: guard, label: Guard, type: mean, column: guard, role: guardrail, margin: -5% }\n${PRIMARY.replace(' }', ', primary: true }')}`;
    expect(messages(marked)).toEqual([]);
  });
});

/** A headline as the analysis writes it: only the intervals matter here. */
function headline(absolute: { low: number | null; high: number | null }, relative: { estimate?: number | null; low: number | null; high: number | null }, reason: string | null = null): HeadlineResult {
  return {
    basis: 'unadjusted',
    method: 'randomization',
    absolute: { estimate: 0, p: 0.5, ...absolute },
    relative: { estimate: 0.01, ...relative },
    randomization: null,
    reason,
  };
}

const relative = (value: number): Margin => ({ scale: 'relative', value });
const verdictOf = (better: 'higher' | 'lower', margin: Margin, interval: HeadlineResult, verdict: Verdict = 'inconclusive') =>
  guardrailOf({ better, margin }, interval, verdict);

describe('a guardrail\u2019s verdict against its margin', () => {
  it('higher is better, margin -5%: the low bound decides, and a bound at the margin does not clear it', () => {
    const absolute = { low: -10, high: 10 };
    expect(verdictOf('higher', relative(-0.05), headline(absolute, { low: -0.03, high: 0.06 }))).toEqual({ margin: { scale: 'relative', value: -0.05 }, bound: -0.03, verdict: 'no-harm' });
    expect(verdictOf('higher', relative(-0.05), headline(absolute, { low: -0.07, high: 0.06 }))).toEqual({ margin: { scale: 'relative', value: -0.05 }, bound: -0.07, verdict: 'possible-harm' });
    expect(verdictOf('higher', relative(-0.05), headline(absolute, { low: -0.05, high: 0.06 })).verdict).toBe('possible-harm');
    // A clear win clears any margin; a clear loss smaller than the margin does too: harm, but within what was tolerated.
    expect(verdictOf('higher', relative(-0.05), headline(absolute, { low: 0.02, high: 0.06 }), 'win').verdict).toBe('no-harm');
    expect(verdictOf('higher', relative(-0.05), headline(absolute, { low: -0.04, high: -0.01 }), 'loss').verdict).toBe('no-harm');
  });

  it('lower is better, margin +5%: the high bound decides', () => {
    const absolute = { low: -10, high: 10 };
    expect(verdictOf('lower', relative(0.05), headline(absolute, { low: -0.08, high: 0.049 })).verdict).toBe('no-harm');
    expect(verdictOf('lower', relative(0.05), headline(absolute, { low: -0.08, high: 0.05 })).verdict).toBe('possible-harm');
    expect(verdictOf('lower', relative(0.05), headline(absolute, { low: -0.08, high: 0.051 }))).toEqual({ margin: { scale: 'relative', value: 0.05 }, bound: 0.051, verdict: 'possible-harm' });
    // Its low bound, however far down, is the better side: it never matters.
    expect(verdictOf('lower', relative(0.05), headline(absolute, { low: -0.9, high: 0.01 })).bound).toBe(0.01);
  });

  it('an absolute margin reads the absolute interval, and points are absolute differences of a rate', () => {
    const wide = { low: -0.5, high: 0.5 };
    expect(verdictOf('higher', { scale: 'absolute', value: -500 }, headline({ low: -499.99, high: 800 }, wide))).toEqual({ margin: { scale: 'absolute', value: -500 }, bound: -499.99, verdict: 'no-harm' });
    expect(verdictOf('higher', { scale: 'absolute', value: -500 }, headline({ low: -500, high: 800 }, wide)).verdict).toBe('possible-harm');
    expect(verdictOf('lower', { scale: 'absolute', value: 2 }, headline({ low: -1, high: 1.5 }, wide)).verdict).toBe('no-harm');
    expect(verdictOf('lower', { scale: 'absolute', value: 2 }, headline({ low: -1, high: 2.5 }, wide)).verdict).toBe('possible-harm');
    // -2pp is -0.02 on the rate's fraction scale: a low bound of -1.9 points clears it, -2.1 does not.
    expect(verdictOf('higher', { scale: 'points', value: -0.02 }, headline({ low: -0.019, high: 0.03 }, wide))).toEqual({ margin: { scale: 'absolute', value: -0.02 }, bound: -0.019, verdict: 'no-harm' });
    expect(verdictOf('higher', { scale: 'points', value: -0.02 }, headline({ low: -0.021, high: 0.03 }, wide)).verdict).toBe('possible-harm');
  });

  it('a margin of 0 tolerates no harm at all: only an interval wholly on the better side clears it', () => {
    expect(verdictOf('higher', relative(0), headline({ low: 1, high: 5 }, { low: 0.001, high: 0.05 }), 'win').verdict).toBe('no-harm');
    expect(verdictOf('higher', relative(0), headline({ low: 0, high: 5 }, { low: 0, high: 0.05 })).verdict).toBe('possible-harm');
  });

  it('an interval with no limit on the worse side is possible harm; none at all, or none on the margin\u2019s scale, is unknown', () => {
    expect(verdictOf('higher', { scale: 'absolute', value: -5 }, headline({ low: null, high: 3 }, { low: null, high: 0.1 }))).toEqual({ margin: { scale: 'absolute', value: -5 }, bound: null, verdict: 'possible-harm' });
    expect(verdictOf('lower', relative(0.1), headline({ low: -3, high: null }, { low: -0.2, high: null })).verdict).toBe('possible-harm');
    // An unbounded better side does not matter.
    expect(verdictOf('higher', relative(-0.1), headline({ low: 1, high: null }, { low: 0.02, high: null }), 'win').verdict).toBe('no-harm');
    // Too few units for any test, groups unlike before the pilot, or a relative margin with no relative interval:
    // no bound says no harm, so none is claimed.
    expect(verdictOf('higher', relative(-0.05), headline({ low: -1, high: 1 }, { low: -0.01, high: 0.01 }), 'too-few')).toEqual({ margin: { scale: 'relative', value: -0.05 }, bound: null, verdict: 'unknown' });
    expect(verdictOf('higher', relative(-0.05), headline({ low: null, high: null }, { low: null, high: null }, 'groups unlike before')).verdict).toBe('unknown');
    expect(verdictOf('higher', relative(-0.05), headline({ low: -1, high: 1 }, { estimate: null, low: null, high: null })).verdict).toBe('unknown');
    expect(verdictOf('higher', relative(-0.05), headline({ low: -1, high: 1 }, { low: null, high: null })).verdict).toBe('unknown');
    // The same interval read against an absolute margin still has its bound.
    expect(verdictOf('higher', { scale: 'absolute', value: -2 }, headline({ low: -1, high: 1 }, { estimate: null, low: null, high: null })).verdict).toBe('no-harm');
  });
});
