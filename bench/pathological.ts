/**
 * Data files of pathological shapes, for the benchmark's reading section
 * (scripts/bench.ts --pathological): each shape written at a given size, so
 * that time against size shows whether reading stays linear in the file
 * (issue #17 item 1). Every file goes with the benchmark pilot
 * (bench/generate.ts, BENCH_PILOT): lead,rep,group,created,revenue,won.
 *
 * - stray quote: an ordinary lead export whose row 4 opens a value with a
 *   quote that is never closed (a hand edit in a spreadsheet-less editor);
 * - huge cell: one row whose revenue cell is a quoted value of many lines
 *   (a pasted log), then ordinary rows;
 * - huge header: a header of short column names, then a few rows;
 * - huge row: one row of short cells and no line break, after the header;
 * - long rows: rows whose first value is a quoted note of 900,000
 *   characters, under every limit, so the whole file is read.
 *
 * Written in blocks with back-pressure: a file of 80 MB is never held.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { benchPilotMarkdown, LEAD_COLUMNS } from './generate.ts';

export const SHAPES = ['stray quote', 'huge cell', 'huge header', 'huge row', 'long rows'] as const;
export type Shape = (typeof SHAPES)[number];

const HEADER = `${LEAD_COLUMNS.join(',')}\n`;

/** Ordinary lead row number `i` (1-based data row): deterministic, about 40 bytes. */
function leadRow(i: number): string {
  const rep = `R${String((i % 240) + 1).padStart(4, '0')}`;
  const group = i % 2 === 0 ? 'pilot' : 'control';
  const day = `2026-0${1 + (i % 6)}-${String(1 + (i % 28)).padStart(2, '0')}`;
  const won = i % 5 === 0;
  return `L${String(i).padStart(7, '0')},${rep},${group},${day},${won ? `${1000 + (i % 997)}.${i % 100}` : '0'},${won ? 1 : 0}\n`;
}

/** Writes the shape to `file` at about `bytes` bytes; returns its size. */
export async function writeShape(file: string, shape: Shape, bytes: number): Promise<number> {
  await mkdir(path.dirname(file), { recursive: true });
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  let written = 0;
  const write = async (text: string) => {
    written += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  // Blocks of about 1 MB of `piece`, until the file reaches `bytes`.
  const fill = async (piece: (k: number) => string, until: number) => {
    let k = 0;
    while (written < until) {
      const parts: string[] = [];
      let size = 0;
      while (size < 1 << 20 && written + size < until) {
        const text = piece(k);
        k += 1;
        parts.push(text);
        size += text.length;
      }
      await write(parts.join(''));
    }
  };
  switch (shape) {
    case 'stray quote':
      await write(HEADER + leadRow(1) + leadRow(2));
      await write(leadRow(3).replace(',R', ',"R'));
      await fill((k) => leadRow(k + 4), bytes);
      break;
    case 'huge cell':
      await write(HEADER + leadRow(1) + 'L0000002,R0002,pilot,2026-01-05,"');
      await fill((k) => `log line ${k}: nothing to see\n`, bytes - 100);
      await write(`",1\n${leadRow(3)}`);
      break;
    case 'huge header':
      await write(LEAD_COLUMNS.join(','));
      await fill((k) => `,extra${k}`, bytes - 100);
      await write(`\n${leadRow(1)}`);
      break;
    case 'huge row':
      await write(HEADER + leadRow(1));
      await fill((k) => `${k % 10},`, bytes);
      await write('\n');
      break;
    case 'long rows': {
      const note = `"${'a line of a long note\n'.repeat(900_000 / 22)}"`;
      await write(HEADER);
      await fill((k) => `${note}${leadRow(k + 1).slice(leadRow(k + 1).indexOf(','))}`, bytes);
      break;
    }
  }
  out.end();
  await once(out, 'finish');
  return written;
}

/** A project folder at `root` whose pilots/bench-001.md reads the shape. */
export async function writeShapeProject(root: string, shape: Shape, bytes: number): Promise<{ csv: string; bytes: number }> {
  await mkdir(path.join(root, 'pilots'), { recursive: true });
  const csv = path.join(root, 'data', 'bench-001.csv');
  const size = await writeShape(csv, shape, bytes);
  await writeFile(path.join(root, 'pilots', 'bench-001.md'), benchPilotMarkdown(`Pathological shape, ${shape}`, 'bench-001.csv'));
  return { csv, bytes: size };
}

/** What a run of bench/child.ts reports (scripts/bench.ts, Measured), with how the read ended. */
export interface ShapeMeasured {
  ms: number;
  cpuMs: number;
  maxRssMB: number;
  outcome?: string;
}

export interface ShapeResult {
  shape: Shape;
  bytes: number;
  runs: ShapeMeasured[];
}

/**
 * Each shape at each size (in MB of 10^6 bytes), read `runs` times by
 * `read` (bench/child.ts read, a fresh process each); files are written to
 * `work` and removed after their runs.
 */
export async function benchShapes(
  work: string,
  sizesMB: readonly number[],
  runs: number,
  read: (root: string) => Promise<ShapeMeasured>,
  log: (text: string) => void,
): Promise<ShapeResult[]> {
  const results: ShapeResult[] = [];
  for (const shape of SHAPES) {
    for (const megabytes of sizesMB) {
      const root = path.join(work, `shape-${shape.replace(' ', '-')}-${megabytes}`);
      const { bytes } = await writeShapeProject(root, shape, megabytes * 1e6);
      const result: ShapeResult = { shape, bytes, runs: [] };
      for (let run = 0; run < runs; run += 1) result.runs.push(await read(root));
      log(`  ${shape}, ${megabytes} MB: ${result.runs.map((measured) => `${Math.round(measured.ms)} ms`).join(', ')}`);
      results.push(result);
      await rm(root, { recursive: true, force: true });
    }
  }
  return results;
}

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

/** One row per shape and size: seconds, seconds per MB (flat when reading is linear, falling when it stops at a limit), memory, outcome. */
export function shapesTable(results: readonly ShapeResult[]): string {
  const lines = ['| shape | file | runs | seconds (median) | s per MB | CPU seconds | peak RSS | how the read ended |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |'];
  for (const result of results) {
    const seconds = median(result.runs.map((run) => run.ms)) / 1000;
    const megabytes = result.bytes / 1e6;
    const outcome = result.runs[0]?.outcome ?? '';
    lines.push(
      `| ${result.shape} | ${megabytes.toFixed(0)} MB | ${result.runs.length} | ${seconds.toFixed(2)} s | ${(seconds / megabytes).toFixed(3)} | ${(median(result.runs.map((run) => run.cpuMs)) / 1000).toFixed(2)} s | ${Math.round(median(result.runs.map((run) => run.maxRssMB)))} MB | ${outcome} |`,
    );
  }
  return lines.join('\n');
}
