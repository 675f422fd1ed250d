/**
 * The overview's words (src/core/present/overview-model.ts) on real analyses
 * of test/fixtures/site/analysed.
 */
import { describe, expect, it, test } from 'vitest';
import type { PilotEvidence } from '../../../src/core/evidence.ts';
import { FOREST_TABLE_THRESHOLD, laterPages, overviewIsTable, overviewModel, overviewPageCount, overviewPagePath, TABLE_PAGE_SIZE } from '../../../src/core/present/overview-model.ts';
import { bySlug, pilots } from '../../support/analysed-pilots.ts';

const overview = overviewModel(pilots);
const cardOf = (slug: string) => {
  const card = overview.cards.find((candidate) => candidate.slug === slug);
  if (!card) throw new Error(`no card for ${slug}`);
  return card;
};

describe('the overview', () => {
  test('the link preview says how many pilots, and how many of the concluded ones won', () => {
    expect(overview.description).toBe('7 sales pilots measured against a control group: 3 of 6 concluded pilots clearly improved their primary metric; 1 still running.');
    expect(overviewModel([bySlug('nurture-q2')]).description).toBe('1 sales pilot measured against a control group: 1 of 1 concluded pilot clearly improved its primary metric.');
    expect(overviewModel([]).description).toBe('No pilots published yet.');
  });

  test('the tally by verdict', () => {
    expect(overview.tally).toEqual([
      { count: 7, label: 'published pilots' },
      { count: 3, label: 'wins' },
      { count: 0, label: 'losses' },
      { count: 2, label: 'inconclusive' },
      { count: 1, label: 'too few units' },
      { count: 1, label: 'running (interim)' },
    ]);
    expect(overviewModel([]).tally).toBeNull();
  });

  // shadow-days is concluded with a too-few verdict: it has a place of its own in the tally.
  it('the tally accounts for every published pilot, too-few ones included', () => {
    const [published, ...parts] = overview.tally ?? [];
    expect(parts.reduce((sum, part) => sum + part.count, 0)).toBe(published?.count);
  });

  test('one axis for every pilot\u2019s lift, including zero', () => {
    expect(overview.domain).toEqual([-0.35, 1.3]);
    expect(overviewModel([bySlug('quote-automation')]).domain).toEqual([-0.3, 0.05]);
  });

  test('the forest note says when a rate is drawn at its relative change', () => {
    expect(overview.forestNote).toBe(': a rate, headlined in percentage points, is drawn at its relative change, and labelled with both.');
    expect(overviewModel(pilots.filter((pilot) => pilot.slug !== 'demo-script')).forestNote).toBe('.');
  });
});

describe('pilot cards', () => {
  test('a card per pilot, in the overview\u2019s order', () => {
    expect(overview.table).toBe(false);
    expect(overview.cards.map((card) => [card.slug, card.change, card.interval, card.verdict])).toEqual([
      ['voice-notes', '+5.4%', '90% interval: −11% to +24%', 'inconclusive'],
      ['nurture-q2', '+8.4%', '95% interval: +7.1% to +10%', 'win'],
      ['demo-script', '+16.7 points', '95% interval: +8.3 points to +25.0 points', 'win'],
      ['shadow-days', '+35%', '95% interval: none (too few units)', 'too-few'],
      ['quote-automation', '−19%', '95% interval: −24% to −15%', 'win'],
      ['territory-pricing', '+€994', '95% interval: −€250 to +€2,225', 'inconclusive'],
      ['call-coaching', 'No verdict', '95% interval: none (groups unlike before)', 'inconclusive'],
    ]);
  });

  test('a lift in percent is drawn on the shared axis, with nothing to add', () => {
    expect(cardOf('nurture-q2')).toMatchObject({
      titleId: 'card-nurture-q2',
      title: 'Weekly nurture digest for field reps',
      summary: 'Reps with the digest sold more, but part of the gap was there before the pilot began.',
      metricLabel: 'Revenue per rep',
      lowerIsBetter: null,
      interim: null,
      strip: { domain: [-0.35, 1.3], confidence: 0.95, id: 'strip-nurture-q2' },
      note: null,
    });
    expect(cardOf('nurture-q2').strip?.metric.id).toBe('revenue');
  });

  test('a rate, headlined in points, is drawn at its relative change and says so', () => {
    expect(cardOf('demo-script').note).toBe('Drawn as a relative change on the axis all pilots share: +62% relative, +25% to +120%.');
    expect(cardOf('demo-script').strip).not.toBeNull();
  });

  test('a change that cannot be put in percent: no strip, and the reason', () => {
    const card = cardOf('territory-pricing');
    expect(card.strip).toBeNull();
    expect(card.note).toBe('The change cannot be put in percent (a group\u2019s level is zero or below), so it is given in the metric\u2019s own units.');
  });

  test('too few units: no strip, the interval says there is none, and how many units would do', () => {
    const card = cardOf('shadow-days');
    expect(card.strip).toBeNull();
    expect(card.interval).toBe('95% interval: none (too few units)');
    expect(card.note).toBe('No interval: too few units (4 per group would do).');
  });

  test('no verdict (groups unlike before the pilot): no strip on the shared axis, and why', () => {
    const card = cardOf('call-coaching');
    expect(card.strip).toBeNull();
    expect(card.note).toBe('Before the pilot started, the pilot group was already 33% higher.');
  });

  test('lower is better, and a running pilot\u2019s interim note', () => {
    expect(cardOf('quote-automation').lowerIsBetter).toBe(' (lower is better)');
    expect(cardOf('voice-notes').interim).toBe('Interim: the pilot is still running and these numbers will change.');
    expect(cardOf('voice-notes').status).toBe('running');
  });
});

describe('the overview table', () => {
  test('replaces cards and forest plot only above the threshold', () => {
    expect(FOREST_TABLE_THRESHOLD).toBe(24);
    expect(overviewIsTable(24)).toBe(false);
    expect(overviewIsTable(25)).toBe(true);
  });

  test('past the threshold there are no cards, and the tally still counts every pilot', () => {
    const many: PilotEvidence[] = Array.from({ length: FOREST_TABLE_THRESHOLD + 1 }, (_, index) => {
      const pilot = structuredClone(pilots[index % pilots.length] as PilotEvidence);
      return { ...pilot, slug: `${pilot.slug}-${index}` };
    });
    const model = overviewModel(many);
    expect(model.table).toBe(true);
    expect(model.cards).toEqual([]);
    expect(model.tally?.[0]).toEqual({ count: 25, label: 'published pilots' });
    expect(model.pilots.map((pilot) => pilot.slug).sort()).toEqual(many.map((pilot) => pilot.slug).sort());
    expect(model.paging).toBeNull();
  });
});

/** `count` copies of the analysed pilots, each its own slug and start day, newest first as the project lists them; every `decidedEvery`th has a decision. */
function manyPilots(count: number, decidedEvery = 0): PilotEvidence[] {
  return Array.from({ length: count }, (_, index) => {
    const pilot = structuredClone(pilots[index % pilots.length] as PilotEvidence);
    const started = new Date(Date.UTC(2026, 0, 1) - index * 86_400_000).toISOString().slice(0, 10);
    const decision =
      decidedEvery > 0 && index % decidedEvery === 0
        ? { outcome: 'rolled out' as const, date: new Date(Date.UTC(2026, 5, 1) + index * 86_400_000).toISOString().slice(0, 10), by: 'VP Sales', note: null }
        : null;
    return { ...pilot, slug: `pilot-${String(index).padStart(4, '0')}`, pilot: { ...pilot.pilot, started }, results: { ...pilot.results, decision } };
  });
}

describe('a long overview runs over pages', () => {
  test('a page holds TABLE_PAGE_SIZE rows; the count of pages and their addresses', () => {
    expect(TABLE_PAGE_SIZE).toBe(100);
    expect(overviewPageCount(24)).toBe(1);
    expect(overviewPageCount(100)).toBe(1);
    expect(overviewPageCount(101)).toBe(2);
    expect(overviewPageCount(1000)).toBe(10);
    expect(laterPages(1)).toEqual([]);
    expect(laterPages(3)).toEqual(['2', '3']);
    expect(overviewPagePath('', 1)).toBe('');
    expect(overviewPagePath('', 2)).toBe('page/2/');
    expect(overviewPagePath('status/concluded/', 3)).toBe('status/concluded/page/3/');
  });

  test('each page lists its slice, every pilot once across the pages, and links the others', () => {
    const many = manyPilots(250);
    const shown = [1, 2, 3].map((page) => overviewModel(many, [], { page, basePath: 'tag/emea/' }));
    expect(shown.map((model) => model.pilots.length)).toEqual([100, 100, 50]);
    expect(shown.flatMap((model) => model.pilots.map((pilot) => pilot.slug))).toEqual(many.map((pilot) => pilot.slug));
    const second = shown[1]?.paging;
    expect(second).toEqual({
      page: 2,
      pages: 3,
      range: 'Pilots 101 to 200 of 250',
      links: [
        { label: '1', path: 'tag/emea/', current: false },
        { label: '2', path: 'tag/emea/page/2/', current: true },
        { label: '3', path: 'tag/emea/page/3/', current: false },
      ],
      previous: 'tag/emea/',
      next: 'tag/emea/page/3/',
    });
    expect(shown[0]?.paging?.previous).toBeNull();
    expect(shown[2]?.paging?.next).toBeNull();
    expect(shown[2]?.paging?.range).toBe('Pilots 201 to 250 of 250');
    // The head speaks of every pilot on every page, and the axis is shared.
    for (const model of shown) {
      expect(model.tally?.[0]).toEqual({ count: 250, label: 'published pilots' });
      expect(model.domain).toEqual(shown[0]?.domain);
      expect(model.description).toBe(shown[0]?.description);
    }
  });

  test('decided pilots come first, the latest decision first, then the others newest first', () => {
    const many = manyPilots(120, 10);
    const model = overviewModel(many);
    const decided = many.filter((pilot) => pilot.results.decision !== null).map((pilot) => pilot.slug).reverse();
    expect(model.pilots.slice(0, 12).map((pilot) => pilot.slug)).toEqual(decided);
    expect(model.pilots.slice(12, 15).map((pilot) => pilot.slug)).toEqual(['pilot-0001', 'pilot-0002', 'pilot-0003']);
    expect(model.order).toBe('Decided pilots first, the latest decision first; then the others, newest first');
    expect(overviewModel(manyPilots(120)).order).toBe('Newest first');
  });

  test('a page that does not exist is refused, not shown empty', () => {
    expect(() => overviewModel(manyPilots(30), [], { page: 2, basePath: '' })).toThrow(RangeError);
    expect(() => overviewModel(manyPilots(250), [], { page: 0, basePath: '' })).toThrow(RangeError);
  });
});
