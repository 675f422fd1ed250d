/**
 * The line path (read-csv.ts readLines, with row-view.ts finding the cells
 * of each line) must be invisible: whatever a file holds, the sums, the
 * problems, the row numbers and the rows found to repeat others are exactly
 * what papaparse's streaming parse gives, which is the reference here
 * (readCsv without a `lines` event); and the fast cell readers give what
 * the careful ones alone give. Files are made larger than one 64 KiB read,
 * so quotes, line breaks and characters land across reads, and papaparse
 * takes over mid-file.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { READ_CHUNK, readCsv, type CsvReadSummary } from '../../../src/core/load/read-csv.ts';
import { UnitSumsBuilder, type FoldedData } from '../../../src/core/load/unit-sums-builder.ts';
import { formatProblem } from '../../../src/core/problems.ts';
import { makeProject, salesPilot } from '../../support/project.ts';


/** The file read through the line path (withLines) or papaparse alone; with fastPaths false, every cell read carefully. */
async function read(file: string, withLines: boolean, fastPaths = true): Promise<{ data: unknown; summary: CsvReadSummary }> {
  const builder = new UnitSumsBuilder(salesPilot(), 'data/sales.csv', { fastPaths });
  const summary = await readCsv(file, { ...events(builder), ...(withLines ? { lines: (block) => builder.lines(block) } : {}) });
  const data: FoldedData = builder.finish();
  return { data: { ...data, units: [...data.units.values()], problems: data.problems.map(formatProblem) }, summary };
}

/** The header and parsed rows of `builder`, as readCsv calls them. */
function events(builder: UnitSumsBuilder) {
  return { header: (cells: string[], delimiter: string) => builder.header(cells, delimiter), rows: (chunk: Parameters<UnitSumsBuilder['rows']>[0]) => builder.rows(chunk) };
}

/** Cells as exports write them, tidy most of the time. */
const REPS = ['ann', 'bob', 'cy', 'dee', 'eve', 'fay', 'José', 'Zoë K', 'ann ', ' bob', 'rep\u00a0', ''];
const GROUPS = ['pilot', 'control', 'pilot', 'control', ' pilot', 'Pilot', ''];
const DAYS = ['2026-02-23', '2026-03-02', '2026-03-02', '2026-04-14', '2026-03-03 10:00:00', '2026-05-31', '2026-06-01', '03/02/2026', '', '2026-02-30'];
const REVENUES = ['100', '12.5', '-3', '0', '1834.27', '$1200', ' 42 ', '', '12a', '1e3', '7%', '4.120', '1,5', '-0', '1.234,5', '1,250', '0,250', '1234,567', '1.2E+03', '3,2e-09', '1e', '-4.5E-3'];
const WONS = ['1', '0', 'yes', 'no', 'true', 'false', 'No', 'TRUE', '', 'maybe'];
const CALLS = ['1', '2', '0', '3', '', '1.5'];
/** Whole lines that are not ordinary rows. */
const ODD_LINES = ['', ',,,,,', 'ann,pilot,2026-03-02,5,1', 'ann,pilot,2026-03-02,5,1,1,7', 'ann,pilot,2026-03-02,5,1,1,', 'x\ry,pilot,2026-03-02,5,1,1', 'bob,pilot,2026-03-02,5,1,1'];
const QUOTED = [
  '"Silva, Ana",pilot,2026-03-02,5,1,1',
  'cy,control,2026-03-02,"1,200",1,1',
  '"two\nlines",pilot,2026-03-02,5,1,1',
  'dee,"control",2026-03-09,7,0,1',
  'ann,pilot,2026-03-02,5,1,"1"',
  '"ab"c,pilot,2026-03-05,10,1,1',
  'eve,control,2026-03-09,"7,0,1',
];

const fileSpec = fc.record({
  rows: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1500, max: 6000 })),
  delimiter: fc.constantFrom(',', ';', '\t', '|'),
  newline: fc.constantFrom('\n', '\r\n', '\r'),
  bom: fc.boolean(),
  finalNewline: fc.boolean(),
  tidiness: fc.constantFrom(1, 0.98, 0.7),
  // The decimal mark of tidy amounts (a comma only where the delimiter is not one), and whether an
  // amount that reads both ways (1,250 or 4.120) comes before any other with a mark.
  decimalComma: fc.boolean(),
  eitherFirst: fc.boolean(),
  // Where quoted lines go, as fractions of the file: none, anywhere, or past the first read (most files are over 64 KiB).
  quotes: fc.oneof(
    fc.constant<number[]>([]),
    fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 3 }),
    fc.array(fc.double({ min: 0.6, max: 1, noNaN: true }), { minLength: 1, maxLength: 3 }),
  ),
  oddLines: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }),
  // Lines written again further on, as an export appended to itself: [which, where], as fractions of the file.
  copies: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { maxLength: 5 }),
  seed: fc.integer({ min: 1, max: 2 ** 30 }),
});

type FileSpec = typeof fileSpec extends fc.Arbitrary<infer T> ? T : never;

function writeCsv(spec: FileSpec): string {
  let state = spec.seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const pick = <T>(tidy: T, untidy: readonly T[]): T => (next() < spec.tidiness ? tidy : (untidy[Math.floor(next() * untidy.length)] as T));
  const lines = Array.from({ length: spec.rows }, (_, i) => {
    const rep = pick(`rep${i % 37}`, REPS);
    const group = pick(i % 37 < 18 ? 'pilot' : 'control', GROUPS);
    const day = pick(`2026-0${2 + Math.floor((i / Math.max(1, spec.rows)) * 5)}-1${i % 7}`, DAYS);
    const decimal = spec.decimalComma && spec.delimiter !== ',' ? ',' : '.';
    const amount = String((i * 37) % 1000) + (i % 3 === 0 ? `${decimal}25` : i % 7 === 0 ? `${decimal}5` : '');
    const cells = [rep, group, day, pick(amount, REVENUES), pick(i % 4 === 0 ? '1' : '0', WONS), pick('1', CALLS)];
    return cells.join(spec.delimiter);
  });
  if (spec.eitherFirst && spec.delimiter !== ',') {
    const either = spec.decimalComma ? '1,250' : '4.120';
    lines.unshift(['rep0', 'pilot', '2026-03-02', either, '1', '1'].join(spec.delimiter));
  }
  const insert = (at: number, line: string) => lines.splice(Math.floor(at * lines.length), 0, line.split(',').join(spec.delimiter));
  spec.oddLines.forEach((at, k) => insert(at, ODD_LINES[(k + spec.seed) % ODD_LINES.length] as string));
  for (const [which, where] of spec.copies) {
    const line = lines[Math.floor(which * lines.length)];
    if (line !== undefined) lines.splice(Math.floor(which * lines.length) + 1 + Math.floor(where * (lines.length - which * lines.length)), 0, line);
  }
  spec.quotes.forEach((at, k) => insert(at, QUOTED[(k + spec.seed) % QUOTED.length] as string));
  const header = ['rep', 'group', 'day', 'revenue', 'won', 'calls'].join(spec.delimiter);
  return `${spec.bom ? '\uFEFF' : ''}${[header, ...lines].join(spec.newline)}${spec.finalNewline ? spec.newline : ''}`;
}

describe('the line path', () => {
  it('folds every file exactly as papaparse row by row does, and as the careful readers alone do', async () => {
    const root = await makeProject({});
    let file = 0;
    await fc.assert(
      fc.asyncProperty(fileSpec, async (spec) => {
        const csv = path.join(root, 'data', `sales-${(file += 1)}.csv`);
        await writeFile(csv, writeCsv(spec));
        const fast = await read(csv, true);
        expect(fast).toEqual(await read(csv, false));
        // And as if no fast path existed: every cell through the careful readers.
        expect(fast).toEqual(await read(csv, false, false));
      }),
      { seed: 20261123, numRuns: 120 },
    );
    // 120 files read three ways: seconds on a quiet machine, more on a shared one. Not a timing test.
  }, 120_000);

  it('hands papaparse the rest of the file from the read that holds the first quote', async () => {
    const tidy = Array.from({ length: 6000 }, (_, i) => `rep${i % 20},${i % 20 < 10 ? 'pilot' : 'control'},2026-03-${String(2 + (i % 20)).padStart(2, '0')},${i % 97}.25,${i % 3 === 0 ? 1 : 0},1`);
    // A quoted cell with a line break far past the first read, and a malformed quote after it.
    tidy.splice(4000, 0, '"Silva,\nAna",pilot,2026-03-05,10,1,1');
    tidy.push('eve,control,2026-03-09,"7,0,1');
    const root = await makeProject({ 'data/sales.csv': `rep,group,day,revenue,won,calls\n${tidy.join('\n')}\n` });
    const csv = path.join(root, 'data', 'sales.csv');
    const fast = await read(csv, true);
    expect(fast).toEqual(await read(csv, false));
    // The quoted line break is one row: the malformed quote is on the file's last row, 6002 + 1.
    expect(fast.summary.quoteProblems.map((problem) => problem.row)).toEqual([6003]);
    expect((fast.data as { units: { name: string }[] }).units.map((unit) => unit.name)).toContain('Silva,\nAna');
    // Progress never goes back, though papaparse reads the line before the quote again.
    const seen: number[] = [];
    await readCsv(csv, { header() {}, rows() {}, lines: ({ text }) => text.split('\n').length - 1, progress: (bytes) => seen.push(bytes) });
    expect(seen.length).toBeGreaterThan(3);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe((await stat(csv)).size);
  });

  it('gives every byte of the file once, in order, to a tap, whichever way it is read', async () => {
    const plain = Array.from({ length: 4000 }, (_, i) => `rép${i % 20},${i % 20 < 10 ? 'pilot' : 'control'},2026-03-09,${i % 50},1,1`);
    const files = {
      // The line path alone; papaparse from the start (a quote in the first read); papaparse from mid-file.
      'data/plain.csv': `rep,group,day,revenue,won,calls\n${plain.join('\n')}\n`,
      'data/quoted.csv': `rep,group,day,revenue,won,calls\n"ann",pilot,2026-03-09,1,1,1\n${plain.join('\n')}`,
      'data/handed-over.csv': `\uFEFFrep,group,day,revenue,won,calls\r\n${[...plain.slice(0, 3000), '"Silva, Ana",pilot,2026-03-09,1,1,1', ...plain.slice(3000)].join('\r\n')}\r\n`,
    };
    const root = await makeProject(files);
    for (const file of Object.keys(files)) {
      const csv = path.join(root, file);
      const tapped: Buffer[] = [];
      const builder = new UnitSumsBuilder(salesPilot(), file);
      await readCsv(csv, { ...events(builder), lines: (block) => builder.lines(block) }, { tap: (bytes) => tapped.push(Buffer.from(bytes)) });
      expect(Buffer.concat(tapped).equals(await readFile(csv))).toBe(true);
      expect(builder.finish().rowsRead).toBe(file === 'data/plain.csv' ? 4000 : 4001);
    }
  });

  it('leaves a line longer than 1,000,000 bytes to papaparse, and reads on after it', async () => {
    const rows = (from: number) => Array.from({ length: 3000 }, (_, i) => `rep${(from + i) % 20},${(from + i) % 20 < 10 ? 'pilot' : 'control'},2026-03-09,${i % 50},1,1`);
    // Two values of 600,000 characters: the line passes the line path's 1,000,000 bytes, no value the read limit (read-limits.ts).
    const huge = `rep1,pilot,2026-03-09,${'9'.repeat(600_000)},1,${'1'.repeat(600_000)}`;
    // After the header's \n, lines that end in \r only: one "line" to a reader splitting at \n.
    const files = {
      'data/huge-cell.csv': `rep,group,day,revenue,won,calls\n${[...rows(0), huge, ...rows(3000)].join('\n')}\n`,
      'data/other-breaks.csv': `rep,group,day,revenue,won,calls\n${[...rows(0), ...rows(3000)].join('\r')}`,
    };
    const root = await makeProject(files);
    for (const file of Object.keys(files)) {
      const csv = path.join(root, file);
      expect(await read(csv, true)).toEqual(await read(csv, false));
    }
  });
});

describe('quote problems', () => {
  const HEADER = 'rep,group,day,revenue,won,calls';
  const row = (i: number, quotedLast: boolean) =>
    `rep${i % 20},${i % 20 < 10 ? 'pilot' : 'control'},2026-03-${String(2 + (i % 20)).padStart(2, '0')},${i % 97}.25,${i % 3 === 0 ? 1 : 0},${quotedLast ? '"1"' : '1'}`;

  /** Rows up to `cut`, then a valid row whose closing quote and "\r" end just before it, then more rows. */
  function crlfWithQuoteAt(cut: number, firstRowsQuoted: boolean): string {
    let text = `${HEADER}\r\n`;
    let i = 0;
    while (text.length + 80 < cut) text += `${row(i++, firstRowsQuoted || text.length > READ_CHUNK)}\r\n`;
    const filler = cut - text.length - 'rep0,pilot,2026-03-02,,1,"1"\r'.length;
    text += `rep0,pilot,2026-03-02,1${'0'.repeat(filler - 1)},1,"1"\r\n`;
    for (let k = 0; k < 500; k += 1) text += `${row(i++, true)}\r\n`;
    expect(text.slice(cut - 2, cut + 1)).toBe('"\r\n');
    return text;
  }

  it('do not depend on where a read ends: a valid CRLF row split between its closing quote and "\\n" is no problem', async () => {
    // All ASCII, so bytes are characters. The first file goes to papaparse whole (a quote in its first read),
    // whose reads end at multiples of 64 KiB; the second is handed over at the start of the line the first
    // read cuts, and papaparse's reads end 64 KiB after that.
    const whole = crlfWithQuoteAt(2 * READ_CHUNK, true);
    const firstRead = `${HEADER}\r\n${Array.from({ length: 2000 }, (_, i) => `${row(i, false)}\r\n`).join('')}`;
    const resumeAt = firstRead.lastIndexOf('\r\n', READ_CHUNK - 1) + 2;
    const handedOver = crlfWithQuoteAt(resumeAt + READ_CHUNK, false);
    const root = await makeProject({ 'data/whole.csv': whole, 'data/handed-over.csv': handedOver });
    for (const file of ['whole.csv', 'handed-over.csv']) {
      const csv = path.join(root, 'data', file);
      const [fast, papaparse] = [await read(csv, true), await read(csv, false)];
      expect(papaparse.summary.quoteProblems).toEqual([]);
      expect(fast).toEqual(papaparse);
    }
  });

  it('are said once each for a malformed quote whose row spans two reads, on its row', async () => {
    let text = `${HEADER}\n`;
    let i = 0;
    while (text.length < READ_CHUNK - 100) text += `${row(i++, false)}\n`;
    // A filler row, so that the malformed one starts 15 bytes before the first read ends.
    const filler = READ_CHUNK - 15 - text.length - 'rep1,pilot,2026-03-02,,1,1\n'.length;
    text += `rep1,pilot,2026-03-02,1${'0'.repeat(filler - 1)},1,1\n`;
    const malformedRow = i + 3;
    expect(text.length).toBe(READ_CHUNK - 15);
    text += '"ab"c,pilot,2026-03-05,10,1,1\n';
    for (let k = 0; k < 100; k += 1) text += `${row(i++, false)}\n`;
    const root = await makeProject({ 'data/sales.csv': text });
    const csv = path.join(root, 'data', 'sales.csv');
    const fast = await read(csv, true);
    expect(fast).toEqual(await read(csv, false));
    // With no other quote after it, papaparse reads the rest of the file into that cell: two problems, each said once.
    expect(fast.summary.quoteProblems).toEqual([
      { row: malformedRow, message: 'Trailing quote on quoted field is malformed' },
      { row: malformedRow, message: 'Quoted field unterminated' },
    ]);
  });
});
