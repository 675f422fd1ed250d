/**
 * The preview card's drawing (src/site/card.ts): a 1200x630 PNG from local
 * fonts, the same bytes for the same words. What the card says is tested in
 * test/core/present/card-model.test.ts.
 */
import { crc32, inflateSync } from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, test } from 'vitest';
import { colors } from '../../src/charts/render.ts';
import { overviewCardContent, pilotCardContent } from '../../src/core/present/card-model.ts';
import { CARD_HEIGHT, CARD_WIDTH, cardPng, cardSvg, opaquePng } from '../../src/site/card.ts';
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

describe("the card's PNG encoding", () => {
  /** The chunks of a PNG, each CRC checked, and its pixels inflated and unfiltered (filter 0 only). */
  function decode(png: Buffer): { width: number; height: number; pixels: Buffer; types: string[] } {
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const types: string[] = [];
    const data: Buffer[] = [];
    let width = 0;
    let height = 0;
    for (let at = 8; at < png.length; ) {
      const length = png.readUInt32BE(at);
      const type = png.toString('latin1', at + 4, at + 8);
      const body = png.subarray(at + 8, at + 8 + length);
      expect(png.readUInt32BE(at + 8 + length), type).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
      types.push(type);
      if (type === 'IHDR') {
        width = body.readUInt32BE(0);
        height = body.readUInt32BE(4);
        expect([...body.subarray(8)]).toEqual([8, 6, 0, 0, 0]);
      }
      if (type === 'IDAT') data.push(body);
      at += 12 + length;
    }
    const rows = inflateSync(Buffer.concat(data));
    const stride = width * 4;
    const pixels = Buffer.alloc(stride * height);
    for (let y = 0; y < height; y += 1) {
      expect(rows[y * (stride + 1)]).toBe(0);
      rows.copy(pixels, y * stride, y * (stride + 1) + 1, (y + 1) * (stride + 1));
    }
    return { width, height, pixels, types };
  }

  test('holds exactly the pixels resvg drew, in a valid PNG', async () => {
    const svg = await cardSvg(pilotCardContent(bySlug('demo-script'), { host: 'example.github.io' }));
    const image = new Resvg(svg, { fitTo: { mode: 'width', value: CARD_WIDTH }, font: { loadSystemFonts: false } }).render();
    const png = opaquePng(image.pixels, image.width, image.height);
    expect(png).not.toBeNull();
    const decoded = decode(png as Buffer);
    expect(decoded.types).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect([decoded.width, decoded.height]).toEqual([1200, 630]);
    expect(decoded.pixels.equals(image.pixels)).toBe(true);
  });

  test('leaves an image with any transparent pixel to resvg', () => {
    const pixels = Buffer.alloc(2 * 2 * 4, 255);
    expect(opaquePng(pixels, 2, 2)).not.toBeNull();
    pixels[7] = 254;
    expect(opaquePng(pixels, 2, 2)).toBeNull();
    expect(opaquePng(Buffer.alloc(4, 255), 2, 2)).toBeNull();
  });
});
