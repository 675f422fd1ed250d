import { describe, expect, test } from 'vitest';
import { cardPng, cardSvg } from '../../src/site/card.ts';
import { overviewCardContent, pilotCardContent } from '../../src/core/present/card-model.ts';
import { bySlug, evidence } from '../fixtures/site/evidence.ts';

function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe('preview card', () => {
  test('a pilot card states title, headline change, interval and verdict', () => {
    const content = pilotCardContent(bySlug('nurture-q2'), { host: 'example.github.io/fieldproof/pilots/nurture-q2' });
    expect(content).toMatchObject({
      title: 'Weekly nurture digest for field reps',
      metric: 'Revenue per rep, adjusted for baseline',
      lift: '+7.1%',
      interval: '95% interval: −1.9% to +16%',
      verdict: 'inconclusive',
      interim: false,
    });
  });

  test('a running pilot says interim', () => {
    const content = pilotCardContent(bySlug('voice-notes'), { host: 'x' });
    expect(content.interim).toBe(true);
    expect(content.status).toMatch(/Interim/);
    expect(content.interval).toMatch(/^90% interval/);
  });

  test('an unbounded relative interval is drawn in the metric units, with a note', () => {
    const content = pilotCardContent(bySlug('territory-pricing'), { host: 'x' });
    expect(content.bar?.lowText).toBe('−€421');
    expect(content.note).toMatch(/too uncertain/);
    // The big figure is in euros too, so it reads with the interval under it.
    expect(content.lift).toBe('+€890');
    expect(content.interval).toBe('95% interval: −€421 to +€2,201');
  });

  test('a lower-is-better metric says so on the card', () => {
    const pilot = structuredClone(bySlug('demo-script'));
    const primary = pilot.results.metrics.find((metric) => metric.primary);
    if (!primary) throw new Error('demo-script has a primary metric');
    primary.better = 'lower';
    expect(pilotCardContent(pilot, { host: 'x' }).metric).toBe('Deals won (lower is better)');
    expect(pilotCardContent(bySlug('demo-script'), { host: 'x' }).metric).toBe('Deals won');
  });

  test('renders a 1200x630 PNG with local fonts only', async () => {
    const png = await cardPng(pilotCardContent(bySlug('demo-script'), { host: 'example.github.io' }));
    expect(pngSize(png)).toEqual({ width: 1200, height: 630 });
    const overview = await cardPng(overviewCardContent(evidence, { host: 'example.github.io' }));
    expect(pngSize(overview)).toEqual({ width: 1200, height: 630 });
  });

  test('the same card renders to the same bytes', async () => {
    const content = pilotCardContent(bySlug('demo-script'), { host: 'example.github.io' });
    expect(await cardSvg(content)).toBe(await cardSvg(content));
  });
});
