import { describe, expect, it, test } from 'vitest';
import type { PilotEvidence } from '../../src/core/evidence.ts';
import { forestChart } from '../../src/charts/forest.ts';
import { overlaps } from '../../src/charts/render.ts';
import { commonDomain, primaryResult } from '../../src/core/present/headline.ts';
import { bySlug, pilots } from '../support/analysed-pilots.ts';
import { drawnTexts, expectAccessible, labelProblems, widths, zeroRule } from './svg-text.ts';

const forestOf = (chosen: readonly PilotEvidence[]) => {
  const chart = forestChart(chosen, { domain: commonDomain(chosen.map((pilot) => primaryResult(pilot.results))) });
  if (!chart) throw new Error('expected a forest');
  return chart;
};

describe('forest plot', () => {
  const domain = commonDomain(pilots.map((pilot) => primaryResult(pilot.results)));

  test('the common axis includes zero and every bounded primary interval, rounded out to 5%', () => {
    // The widest: demo-script's rate, +25% to +120% relative; the lowest: quote-automation's −24%.
    expect(domain).toEqual([-0.35, 1.3]);
  });

  test('concluded pilots only, in the given order; a rate drawn at its relative lift beside its points; no percent interval said in words', () => {
    const chart = forestChart(pilots, { domain });
    if (!chart) throw new Error('expected a forest');
    expectAccessible(chart);
    expect(chart.table.columns).toEqual(['Pilot', 'Primary metric', 'Lift', 'Interval low', 'Interval high', 'Verdict']);
    expect(chart.table.rows).toEqual([
      ['Weekly nurture digest for field reps', 'Revenue per rep', '+8.4%', '+7.1%', '+10%', 'Win'],
      ['Customer-numbers demo script', 'Deals won', '+62% (+16.7 pp)', '+25%', '+120%', 'Win'],
      ['Shadow days with top performers', 'Meetings booked per rep', 'too few units for an interval', '–', '–', 'Too few units'],
      ['Automated quote generation', 'Days to close', '−19%', '−24%', '−15%', 'Win'],
      ['Value-based price list in eight territories', 'Net margin per territory', 'no percent interval', '–', '–', 'Inconclusive'],
      ['Call coaching for the northern team', 'Calls per rep', 'groups unlike before the pilot', '–', '–', 'Inconclusive'],
    ]);
    // A row without a line says why in the drawing too.
    expect(chart.svg.wide).toContain('>too few units for an interval: see the report<');
    expect(chart.svg.wide).toContain('>no percent interval: see the report<');
    // No verdict (groups unlike before the pilot): its plain interval, clear of zero, would say otherwise, so it has no line.
    expect(chart.svg.wide).toContain('>groups unlike before the pilot: see the report<');
    expect(chart.id).toBe('forest');
  });

  test('no concluded pilot, no forest', () => {
    expect(forestChart([bySlug('voice-notes')], { domain })).toBeNull();
    expect(forestChart([], { domain })).toBeNull();
  });

  test('the caption counts every concluded pilot by its verdict, too-few ones included, and names the levels drawn', () => {
    const description = forestChart(pilots, { domain })?.description ?? '';
    expect(description).toBe(
      "6 concluded pilots: 3 wins, 2 inconclusive, 1 too few units. Each line is a pilot's 95% interval for its primary metric; a line clear of zero is a result, a line across zero is not (yet).",
    );
    const [, total = '0', counts = ''] = /^(\d+) concluded pilots?: ([^.]*)\./.exec(description) ?? [];
    const counted = [...counts.matchAll(/\d+/g)].reduce((sum, [count]) => sum + Number(count), 0);
    expect(counted).toBe(Number(total));
  });

  test('charts are deterministic', async () => {
    const chart = forestChart(pilots, { domain });
    expect(forestChart(pilots, { domain })).toEqual(chart);
    await expect(chart?.svg.wide).toMatchFileSnapshot('./__snapshots__/forest/wide.svg');
    await expect(chart?.svg.compact).toMatchFileSnapshot('./__snapshots__/forest/compact.svg');
  });
});

describe('forest plot labels', () => {
  test('no two labels overlap, none sits on the zero rule or leaves the drawing, at either width, for the whole overview and each pilot alone', () => {
    // quote-automation alone: see the expected failure below.
    for (const chosen of [pilots, ...pilots.filter((pilot) => pilot.slug !== 'quote-automation').map((pilot) => [pilot])]) {
      if (!chosen.some((pilot) => pilot.results.status === 'concluded')) continue;
      for (const [width, svg] of widths(forestOf(chosen))) {
        const which = `${chosen.map((pilot) => pilot.slug).join(', ')} ${width}`;
        expect(zeroRule(svg).length, which).toBeGreaterThan(0);
        expect(labelProblems(svg), which).toEqual([]);
      }
    }
  });

  // With only an interval left of zero, the axis ends just past zero, and zero falls under the verdict at the right edge:
  // src/charts/forest.ts makes the rule give way to titles and notes, not to verdicts, so it crosses "Win (lower is better)".
  it('a lone pilot whose interval is all below zero: the zero rule crosses no verdict', () => {
    for (const [width, svg] of widths(forestOf([bySlug('quote-automation')]))) expect(labelProblems(svg), width).toEqual([]);
  });

  test('on a phone the zero rule gives way to the titles it would cross, and every lift sits on its own side of zero', () => {
    const compact = forestOf(pilots).svg.compact ?? '';
    const texts = drawnTexts(compact);
    const rule = zeroRule(compact);
    const [first] = rule;
    if (!first) throw new Error('expected a zero rule');
    const zero = (first.left + first.right) / 2;
    const titles = texts.filter(({ text }) => pilots.some((pilot) => pilot.results.title.startsWith(text.replace(/\u2026$/, ''))));
    const crossed = titles.filter(({ box }) => box.left < zero && zero < box.right);
    expect(crossed.length).toBeGreaterThan(0);
    for (const { text, box } of crossed) for (const stretch of rule) expect(overlaps(box, stretch), text).toBe(false);
    const lifts = texts.filter(({ text }) => /^[+\u2212]\d/.test(text) && /%/.test(text));
    expect(lifts.map(({ text }) => text)).toEqual(expect.arrayContaining(['+8.4%', '+62% (+16.7 pp)', '−19%']));
    for (const { text, box } of lifts) {
      if (text.startsWith('+')) expect(box.left, text).toBeGreaterThan(first.right);
      else expect(box.right, text).toBeLessThan(first.left);
    }
  });

  test('a rate keeps its headline in points, and "lower is better" goes under the verdict on a phone', () => {
    const chart = forestOf(pilots);
    const compact = drawnTexts(chart.svg.compact ?? '');
    expect(compact.map(({ text }) => text)).toContain('+62% (+16.7 pp)');
    // quote-automation's days to close, a win where lower is better: its title wraps on a phone, and the note takes a line of its own.
    expect(compact.map(({ text }) => text)).toEqual(expect.arrayContaining(['Automated quote', 'generation']));
    const note = compact.find(({ text }) => text === 'lower is better');
    if (!note) throw new Error('expected "lower is better"');
    const verdict = compact
      .filter(({ text, box }) => text === 'Win' && box.right === note.box.right && box.bottom <= note.box.top)
      .sort((a, b) => b.box.bottom - a.box.bottom)[0];
    if (!verdict) throw new Error('expected "Win" right over "lower is better"');
    expect(note.box.top - verdict.box.bottom).toBeLessThan(4);
    expect(chart.svg.wide).toContain('>Win (lower is better)<');
  });
});
