/**
 * The hash of a row (row-hash.ts) is a function of its cells alone: read
 * four bytes at a time from an ASCII block at any alignment, character by
 * character from text, or from the cells papaparse parsed, the same row
 * hashes the same; rows that differ hash differently.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RowHasher } from '../../../src/core/load/row-hash.ts';

function hashOf(hasher: RowHasher): string {
  return `${hasher.hi}:${hasher.lo}`;
}

/** `text` as a block read from bytes that start `offset` bytes into their buffer, and end `slack` bytes before its end. */
function blockBytes(text: string, offset: number, slack: number): Uint8Array {
  const bytes = Buffer.from(text);
  const buffer = new Uint8Array(offset + bytes.length + slack);
  buffer.set(bytes, offset);
  return buffer.subarray(offset, offset + bytes.length);
}

/** Each line's hash, read as the line path reads a block. */
function lineHashes(lines: string[], delimiter: string, bytes: (text: string) => Uint8Array | undefined): string[] {
  const hasher = new RowHasher(delimiter);
  const text = lines.join('\n');
  hasher.startBlock(text, bytes(text));
  let start = 0;
  return lines.map((line) => {
    hasher.hashLine(text, start, start + line.length);
    start += line.length + 1;
    return hashOf(hasher);
  });
}

describe('RowHasher', () => {
  it('hashes a row alike from an ASCII block at any alignment, from its text, and from its cells', () => {
    const cell = fc.stringMatching(/^[ -~]{0,9}$/).map((text) => text.replaceAll(';', ''));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 6 }), fc.nat(3), fc.nat(5), (rows, offset, slack) => {
        const lines = rows.map((cells) => cells.join(';'));
        const fromCells = rows.map((cells) => {
          const hasher = new RowHasher(';');
          hasher.hashCells(cells);
          return hashOf(hasher);
        });
        expect(lineHashes(lines, ';', (text) => blockBytes(text, offset, slack))).toEqual(fromCells);
        expect(lineHashes(lines, ';', () => undefined)).toEqual(fromCells);
      }),
      { numRuns: 3000 },
    );
  });

  it('hashes rows beyond ASCII alike from text and from cells, whatever the block says of its bytes', () => {
    const rows = [['José', 'pilot', '€1.200'], ['Zoë K', 'control', '\u{1F600}'], ['\uFEFFa', '\u00a0', '']];
    const lines = rows.map((cells) => cells.join(','));
    const fromCells = rows.map((cells) => {
      const hasher = new RowHasher(',');
      hasher.hashCells(cells);
      return hashOf(hasher);
    });
    expect(lineHashes(lines, ',', (text) => Buffer.from(text))).toEqual(fromCells);
    expect(lineHashes(lines, ',', () => undefined)).toEqual(fromCells);
  });

  it('gives different rows different hashes: one character changed anywhere, cells moved, a cell more, a delimiter inside a cell', () => {
    const base = 'L0001234,R0042,pilot,2026-03-02,1834.27,1';
    const rows: string[][] = [base.split(',')];
    for (let at = 0; at < base.length; at += 1) {
      for (const char of ['0', '9', 'x', ',', ' ']) {
        if (base[at] !== char) rows.push(`${base.slice(0, at)}${char}${base.slice(at + 1)}`.split(','));
      }
    }
    rows.push(
      ['R0042', 'L0001234', 'pilot', '2026-03-02', '1834.27', '1'],
      [...base.split(','), ''],
      ['L0001234,R0042', 'pilot', '2026-03-02', '1834.27', '1'],
      ['L0001234', 'R0042,pilot', '2026-03-02', '1834.27', '1'],
    );
    const hashes = rows.map((cells) => {
      const hasher = new RowHasher(',');
      hasher.hashCells(cells);
      return hashOf(hasher);
    });
    const distinct = new Set(rows.map((cells) => JSON.stringify(cells)));
    expect(new Set(hashes).size).toBe(distinct.size);
  });

  it('spreads a million different rows over 64 bits without a collision', () => {
    const seen = new Set<string>();
    const hasher = new RowHasher(',');
    for (let lead = 0; lead < 1_000_000; lead += 1) {
      hasher.hashCells([`L${String(lead).padStart(7, '0')}`, `R${String(lead % 240).padStart(4, '0')}`, lead % 2 === 0 ? 'pilot' : 'control', '2026-03-02', '0', '0']);
      seen.add(hashOf(hasher));
    }
    expect(seen.size).toBe(1_000_000);
    // A million rows hashed: about a second on a quiet machine, more on a shared one. Not a timing test.
  }, 120_000);
});
