/**
 * A row seen as where its cells lie (row-view.ts): a line's cells are found
 * exactly where splitting it at the delimiter puts them (papaparse's own way
 * with a line without quotes), and the in-place trimming is String#trim's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTrimmedSpace, RowView, trimmedEnd, trimmedStart } from '../../../src/core/load/row-view.ts';

function cellsOf(view: RowView): string[] {
  return Array.from({ length: view.count }, (_, k) => view.cell(k));
}

describe('RowView', () => {
  it('finds the cells of each line of a block as split() does, a line long or short, whatever stands around it', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom('', 'a', 'bc', ' ', ';', 'é', '\u00a0x'), { maxLength: 40 }).map((parts) => parts.join('')), { minLength: 1, maxLength: 8 }), fc.constantFrom(',', ';', '\t'), (lines, delimiter) => {
        const text = lines.map((line) => line.replaceAll(';', delimiter)).join('\n');
        const view = new RowView();
        view.startBlock();
        let start = 0;
        for (const line of text.split('\n')) {
          view.setLine(text, start, start + line.length, text.length, delimiter);
          expect(cellsOf(view)).toEqual(line.split(delimiter));
          expect(view.lineText() === text && view.lineStart() === start && view.lineEnd() === start + line.length).toBe(true);
          start += line.length + 1;
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('reads cells papaparse parsed the same way, a delimiter inside a cell and all', () => {
    const view = new RowView();
    view.setCells(['Silva, Ana', ' pilot ', '', '\u00a0']);
    expect(cellsOf(view)).toEqual(['Silva, Ana', ' pilot ', '', '\u00a0']);
    expect(view.trimmedCell(1)).toBe('pilot');
    expect([0, 1, 2, 3].map((k) => view.isBlankCell(k))).toEqual([false, false, true, true]);
    expect(view.lineText()).toBeNull();
    expect(view.parsedCells()).toEqual(['Silva, Ana', ' pilot ', '', '\u00a0']);
  });

  it('knows a blank row, and harmless empty cells past the last column', () => {
    const view = new RowView();
    const line = (text: string) => {
      view.startBlock();
      view.setLine(text, 0, text.length, text.length, ',');
      return view;
    };
    expect(line('').isBlank()).toBe(true);
    expect(line(',, ,\u3000,').isBlank()).toBe(true);
    expect(line(',,x,').isBlank()).toBe(false);
    expect(line('a,b,c,,').onlyEmptyExtras(3)).toBe(true);
    expect(line('a,b,c, ,').onlyEmptyExtras(3)).toBe(true);
    expect(line('a,b,c,d').onlyEmptyExtras(3)).toBe(false);
    expect(line('a,b').onlyEmptyExtras(3)).toBe(false);
    // More cells than it first made room for.
    expect(line(','.repeat(100)).count).toBe(101);
  });
});

describe('trimming in place', () => {
  it('removes exactly what String#trim removes, for every UTF-16 code unit', () => {
    for (let code = 0; code < 0x10000; code += 1) {
      const char = String.fromCharCode(code);
      expect(isTrimmedSpace(code), `U+${code.toString(16)}`).toBe(char.trim() === '');
    }
  });

  it('gives the bounds of String#trim of any piece of a string', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '\t', '\u00a0', '\u2028', '\ufeff', 'é', '\u0085', '\u200b') }), fc.nat(), fc.nat(), (text, a, b) => {
        const [from, to] = [Math.min(a, b) % (text.length + 1), Math.max(a, b) % (text.length + 1)].sort((x, y) => x - y) as [number, number];
        const start = trimmedStart(text, from, to);
        expect(text.slice(start, trimmedEnd(text, start, to))).toBe(text.slice(from, to).trim());
      }),
      { numRuns: 3000 },
    );
  });
});
