/**
 * The 1200x630 preview card a chat app or social network shows when someone
 * shares a pilot's link: title, headline lift with its interval drawn against
 * zero, and the verdict, in words and colour. What it says comes from
 * src/core/present/card-model.ts; this module only lays it out.
 *
 * Drawn at build time with satori (layout to SVG) and resvg (SVG to PNG)
 * from Inter's .woff files in @fontsource/inter (satori reads woff, not
 * woff2), read from node_modules: nothing is fetched from the network. Read
 * rather than imported, so this module runs the same in Astro's bundle and
 * in plain Node (the build's drawing threads: drawing-pool.ts).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';
import satori from 'satori';
import { colors } from '../charts/render.ts';
import type { CardContent } from '../core/present/card-model.ts';
import { verdictPhrase } from '../core/present/words.ts';
import { findSiteRoot } from './render-cache.ts';

export type { CardContent };

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

type Node = { type: string; props: { style?: Record<string, string | number>; children?: Node | Node[] | string } };

const h = (type: string, style: Record<string, string | number>, children?: Node | Node[] | string): Node => ({
  type,
  props: { style, ...(children === undefined ? {} : { children }) },
});

/** The interval bar against zero, on an axis fitted to this one pilot, its ends and zero labelled. */
function intervalBar(bar: NonNullable<CardContent['bar']>, color: string): Node {
  const width = 1040;
  const low = Math.min(0, bar.low);
  const high = Math.max(0, bar.high);
  const pad = (high - low || 1) * 0.1;
  const x = (value: number) => ((value - (low - pad)) / (high - low + 2 * pad)) * width;
  const label = (value: number, text: string, weight: number, fill: string): Node =>
    h('div', { position: 'absolute', left: x(value) - 90, top: 50, width: 180, display: 'flex', justifyContent: 'center', fontSize: 24, fontWeight: weight, color: fill }, text);
  const zeroNearBound = Math.min(Math.abs(x(0) - x(bar.low)), Math.abs(x(0) - x(bar.high))) < 110;
  // Zero is always labelled: under the axis beside the bounds when there is room; else beside its tick, on
  // the side the interval leaves free, or above the axis when the interval spans it.
  const beside = (side: 'left' | 'right'): Node =>
    h(
      'div',
      { position: 'absolute', left: side === 'left' ? x(0) - 128 : x(0) + 8, top: -12, width: 120, display: 'flex', justifyContent: side === 'left' ? 'flex-end' : 'flex-start', fontSize: 20, color: colors.muted },
      'no change',
    );
  const zeroLabel = !zeroNearBound
    ? label(0, 'no change', 400, colors.muted)
    : bar.low >= 0
      ? beside('left')
      : bar.high <= 0
        ? beside('right')
        : h('div', { position: 'absolute', left: x(0) - 60, top: -26, width: 120, display: 'flex', justifyContent: 'center', fontSize: 20, color: colors.muted }, 'no change');
  return h('div', { display: 'flex', position: 'relative', width, height: 84 }, [
    h('div', { position: 'absolute', left: 0, top: 21, width, height: 2, backgroundColor: colors.grid }),
    h('div', { position: 'absolute', left: x(0) - 1.5, top: 0, width: 3, height: 44, backgroundColor: colors.ink }),
    h('div', { position: 'absolute', left: x(bar.low), top: 15, width: Math.max(4, x(bar.high) - x(bar.low)), height: 14, borderRadius: 7, backgroundColor: color }),
    h('div', { position: 'absolute', left: x(bar.estimate) - 14, top: 8, width: 28, height: 28, borderRadius: '50%', backgroundColor: 'white', border: `6px solid ${color}` }),
    label(bar.low, bar.lowText, 400, colors.ink),
    label(bar.high, bar.highText, 400, colors.ink),
    zeroLabel,
  ]);
}

/**
 * The big figure stays on one line: "+12%" at full size, longer ones such as
 * "+$17,124" or "33 of 34" smaller, so the interval beside them keeps its room.
 */
function liftFontSize(lift: string, tight: boolean): number {
  const size = lift.length <= 6 ? 120 : lift.length <= 9 ? 96 : 76;
  return tight ? Math.min(size, 100) : size;
}

function layout(card: CardContent): Node {
  const accent = card.verdict ? colors[card.verdict] : colors.pilot;
  // Only a win or a loss is a result: anything else is drawn lighter and smaller, so it is not read as one.
  const weak = card.verdict === 'inconclusive' || card.verdict === 'too-few';
  // A bar and a note under it leave no room for full spacing: a two-line title would be cut.
  const tight = card.bar !== null && card.note !== null;
  return h('div', { display: 'flex', width: CARD_WIDTH, height: CARD_HEIGHT, backgroundColor: '#ffffff', fontFamily: 'Inter', color: colors.ink }, [
    h('div', { display: 'flex', width: 18, height: CARD_HEIGHT, backgroundColor: accent }),
    h('div', { display: 'flex', flexDirection: 'column', flexGrow: 1, padding: '48px 64px 40px 62px' }, [
      h('div', { display: 'flex', justifyContent: 'space-between', alignItems: 'center', fontSize: 24, color: colors.muted }, [
        h('div', { display: 'flex', textTransform: 'uppercase', letterSpacing: 2, fontWeight: 700 }, card.kicker),
        h(
          'div',
          {
            display: 'flex',
            padding: '6px 16px',
            borderRadius: 8,
            fontWeight: 700,
            color: card.interim ? '#5b3a00' : colors.muted,
            backgroundColor: card.interim ? '#fff4d6' : colors.band,
            border: card.interim ? '2px dashed #8a5300' : `2px solid ${colors.band}`,
          },
          card.status,
        ),
      ]),
      h('div', { display: 'block', flexShrink: 0, marginTop: tight ? 20 : 26, fontSize: 58, fontWeight: 700, lineHeight: 1.12, lineClamp: 2, overflow: 'hidden', maxHeight: 132 }, card.title),
      h('div', { display: 'flex', marginTop: tight ? 12 : 18, fontSize: 28, color: colors.muted }, card.metric),
      h('div', { display: 'flex', alignItems: 'flex-end', marginTop: 10 }, [
        h(
          'div',
          { display: 'flex', flexShrink: 0, whiteSpace: 'nowrap', fontSize: Math.round(liftFontSize(card.lift, tight) * (weak ? 0.7 : 1)), fontWeight: weak ? 400 : 700, lineHeight: 1, color: weak ? colors.muted : accent, letterSpacing: weak ? -1 : -3 },
          card.lift,
        ),
        h('div', { display: 'flex', flexDirection: 'column', flexShrink: 1, minWidth: 0, marginLeft: 36, marginBottom: 10 }, [
          card.verdict
            ? h('div', { display: 'flex', alignSelf: 'flex-start', padding: '4px 16px', borderRadius: 8, fontSize: 30, fontWeight: 700, color: '#ffffff', backgroundColor: accent }, verdictPhrase(card.verdict))
            : h('div', { display: 'flex' }, ''),
          h('div', { display: 'flex', marginTop: 10, fontSize: 30 }, card.interval),
        ]),
      ]),
      card.bar ? h('div', { display: 'flex', marginTop: tight ? 14 : 24 }, intervalBar(card.bar, weak ? colors.muted : accent)) : h('div', { display: 'flex' }),
      card.note ? h('div', { display: 'flex', marginTop: tight ? 4 : 8, fontSize: tight ? 21 : 24, color: colors.muted, maxWidth: 1040 }, card.note) : h('div', { display: 'flex' }),
      // A guardrail not cleared is said just above the footer, in the ink colour, so it is not read as small print.
      card.guardrail ? h('div', { display: 'flex', marginTop: 'auto', fontSize: 24, fontWeight: 700, color: colors.ink }, card.guardrail) : h('div', { display: 'flex' }),
      h('div', { display: 'flex', marginTop: card.guardrail ? 6 : 'auto', fontSize: 22, color: colors.muted }, card.footer),
    ]),
  ]);
}

/** Inter's files at 400 and 700 weight, Latin and Latin Extended, read once from node_modules beside the site's code. */
function loadFonts() {
  const siteRoot = findSiteRoot();
  const resolveFrom = createRequire(siteRoot === null ? import.meta.url : path.join(siteRoot, 'package.json'));
  const font = (weight: 400 | 700, subset: 'latin' | 'latin-ext') => {
    const bytes = readFileSync(resolveFrom.resolve(`@fontsource/inter/files/inter-${subset}-${weight}-normal.woff`));
    return { name: 'Inter', data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, weight, style: 'normal' as const };
  };
  return [font(400, 'latin'), font(700, 'latin'), font(400, 'latin-ext'), font(700, 'latin-ext')];
}
let fonts: ReturnType<typeof loadFonts> | undefined;

/** The card as SVG (satori), for tests that read its text. */
export async function cardSvg(card: CardContent): Promise<string> {
  return satori(layout(card) as unknown as Parameters<typeof satori>[0], {
    width: CARD_WIDTH,
    height: CARD_HEIGHT,
    fonts: (fonts ??= loadFonts()),
    // Never fetch a missing glyph's font from the network: a build is offline.
    loadAdditionalAsset: async () => [],
  });
}

/** The card as PNG bytes. */
export async function cardPng(card: CardContent): Promise<Uint8Array<ArrayBuffer>> {
  const svg = await cardSvg(card);
  const image = new Resvg(svg, { fitTo: { mode: 'width', value: CARD_WIDTH }, font: { loadSystemFonts: false } }).render();
  const png = opaquePng(image.pixels, image.width, image.height) ?? image.asPng();
  const bytes = new Uint8Array(new ArrayBuffer(png.byteLength));
  bytes.set(png);
  return bytes;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * RGBA pixels as a PNG, when every pixel is opaque (a card always is: its
 * background is painted); null otherwise. resvg's own encoder filters and
 * compresses harder: a card took it 8 ms, a fifth of drawing one, for a file
 * a tenth larger than this one (rows unfiltered, deflate level 3: 3 ms).
 */
export function opaquePng(pixels: Buffer, width: number, height: number): Buffer | null {
  const stride = width * 4;
  if (pixels.length !== stride * height) return null;
  for (let alpha = 3; alpha < pixels.length; alpha += 4) if (pixels[alpha] !== 255) return null;
  const rows = Buffer.alloc((stride + 1) * height);
  // Each row starts with its filter byte, 0 (none).
  for (let y = 0; y < height; y += 1) pixels.copy(rows, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per sample
  header[9] = 6; // RGBA
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(rows, { level: 3 })), pngChunk('IEND', Buffer.alloc(0))]);
}
