/**
 * The preview card's drawing (src/site/card.ts): a 1200x630 PNG from local
 * fonts, the same bytes for the same words. What the card says is tested in
 * test/core/present/card-model.test.ts.
 */
import { describe, expect, test } from 'vitest';
import { colors } from '../../src/charts/render.ts';
import { overviewCardContent, pilotCardContent } from '../../src/core/present/card-model.ts';
import { CARD_HEIGHT, CARD_WIDTH, cardPng, cardSvg } from '../../src/site/card.ts';
import { bySlug, pilots } from '../support/analysed-pilots.ts';

function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe('preview card drawing', () => {
  test('renders a 1200x630 PNG with local fonts only: a pilot with a bar, one without, and the overview', async () => {
    expect([CARD_WIDTH, CARD_HEIGHT]).toEqual([1200, 630]);
    for (const content of [
      pilotCardContent(bySlug('demo-script'), { host: 'example.github.io' }),
      pilotCardContent(bySlug('shadow-days'), { host: 'example.github.io' }),
      overviewCardContent(pilots, { host: 'example.github.io' }),
    ]) {
      expect(pngSize(await cardPng(content)), content.title).toEqual({ width: 1200, height: 630 });
    }
  });

  test('the card is coloured by its verdict, and draws a bar only when there is an interval', async () => {
    const withBar = await cardSvg(pilotCardContent(bySlug('territory-pricing'), { host: 'example.github.io' }));
    const withoutBar = await cardSvg(pilotCardContent(bySlug('shadow-days'), { host: 'example.github.io' }));
    expect(withBar).toMatch(/^<svg/);
    // satori draws text as glyph paths: what can be read back is colour. The verdict's colour is the card's accent...
    expect(withBar).toContain(`fill="${colors.inconclusive}"`);
    expect(withoutBar).not.toContain(`fill="${colors.inconclusive}"`);
    // ...and the grid colour is the bar's axis line, drawn only under an interval.
    expect(withBar).toContain(`fill="${colors.grid}"`);
    expect(withoutBar).not.toContain(`fill="${colors.grid}"`);
  });

  test('a guardrail not cleared adds its line above the footer, with a bar and a note as well', async () => {
    const content = pilotCardContent(bySlug('territory-pricing'), { host: 'example.github.io' });
    const marked = { ...content, note: content.note ?? 'A note under the bar.', guardrail: 'Guardrails: possible harm to hours on site per territory and referrals per territory' };
    expect(await cardSvg(marked)).not.toBe(await cardSvg({ ...marked, guardrail: null }));
    expect(pngSize(await cardPng(marked))).toEqual({ width: 1200, height: 630 });
  });

  test('the same card renders to the same bytes', async () => {
    const content = pilotCardContent(bySlug('nurture-q2'), { host: 'example.github.io' });
    expect(await cardSvg(content)).toBe(await cardSvg(content));
  });
});
