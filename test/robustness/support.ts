/**
 * Shared by the robustness tests: pilots built from plain objects, rows fed
 * to the folder directly (fast) or written to a real file (the real path),
 * and a walk over every number of a results document.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analyzePilot, type AnalysisOutcome } from '../../src/core/analyze.ts';
import { UnitSumsBuilder, type FoldedData } from '../../src/core/load/unit-sums-builder.ts';
import { loadPilotData } from '../../src/core/load/load-data.ts';
import type { Pilot, PilotInput } from '../../src/core/pilot.ts';
import { pilotSchema } from '../../src/core/pilot-schema.ts';

export const PILOT_FILE = 'pilots/prop.md';
export const DATA_FILE = 'data/prop.csv';

export function pilotOf(input: Partial<PilotInput>): Pilot {
  return pilotSchema.parse({
    title: 'Property pilot',
    status: 'concluded',
    hypothesis: 'The pilot sells more.',
    started: '2026-03-02',
    ended: '2026-05-31',
    data: 'prop.csv',
    unit: 'rep',
    metrics: [{ id: 'revenue', label: 'Revenue per rep', type: 'mean', column: 'revenue' }],
    ...input,
  });
}

/** Header and rows through the loader's UnitSumsBuilder, split into chunks at the given sizes (the rest in one chunk). */
export function foldRows(pilot: Pilot, header: string[], rows: string[][], chunkSizes: number[] = []): FoldedData {
  const builder = new UnitSumsBuilder(pilot, DATA_FILE);
  builder.header(header, ',');
  let at = 0;
  for (const size of chunkSizes) {
    if (at >= rows.length) break;
    builder.rows({ firstRow: 2 + at, rows: rows.slice(at, at + size) });
    at += size;
  }
  if (at < rows.length || rows.length === 0) builder.rows({ firstRow: 2 + at, rows: rows.slice(at) });
  return builder.finish();
}

export function analyzeRows(pilot: Pilot, header: string[], rows: string[][], chunkSizes: number[] = []): { data: FoldedData; outcome: AnalysisOutcome | null } {
  const data = foldRows(pilot, header, rows, chunkSizes);
  const errors = data.problems.some((problem) => problem.severity === 'error');
  return { data, outcome: errors ? null : analyzePilot('prop', pilot, PILOT_FILE, data) };
}

/** One CSV field, quoted when it holds the delimiter, a quote or a line break. */
export function csvField(cell: string): string {
  return /[",\r\n]/.test(cell) || cell !== cell.trim() ? `"${cell.replaceAll('"', '""')}"` : cell;
}

export function csvText(records: string[][], lineEnd = '\n'): string {
  return records.map((cells) => cells.map(csvField).join(',')).join(lineEnd) + lineEnd;
}

/** A temporary project root with data/prop.csv; removed by the returned function. */
export async function writeProject(csv: string | Buffer): Promise<{ root: string; remove: () => Promise<void> }> {
  const root = await mkdtemp(path.join(tmpdir(), 'fieldproof-prop-'));
  await mkdir(path.join(root, 'data'), { recursive: true });
  await writeFile(path.join(root, 'data', 'prop.csv'), csv);
  return { root, remove: () => rm(root, { recursive: true, force: true }) };
}

/** The real path: a file on disk, streamed and folded by loadPilotData. */
export async function loadFile(pilot: Pilot, csv: string | Buffer) {
  const project = await writeProject(csv);
  try {
    return await loadPilotData(project.root, pilot, PILOT_FILE);
  } finally {
    await project.remove();
  }
}

/** Every number in a value, with the path that leads to it. */
export function numbersIn(value: unknown, at = '$', out: { path: string; value: number }[] = []): { path: string; value: number }[] {
  if (typeof value === 'number') out.push({ path: at, value });
  else if (Array.isArray(value)) value.forEach((item, index) => numbersIn(item, `${at}[${index}]`, out));
  else if (value instanceof Map) for (const [key, item] of value) numbersIn(item, `${at}.get(${String(key)})`, out);
  else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) numbersIn(item, `${at}.${key}`, out);
  return out;
}

/** Every string in a value (keys included), for looking for text that must not be there. */
export function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((item) => stringsIn(item, out));
  else if (value instanceof Map) for (const [key, item] of value) stringsIn([key, item], out);
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      out.push(key);
      stringsIn(item, out);
    }
  }
  return out;
}

/** A sentence with its figures masked: "$43,777,352,883,838 higher" -> "$# higher". */
function wordsOnly(text: string): string {
  return text.replace(/\d[\d,.]*/g, '#');
}

/**
 * Two values equal up to a relative tolerance on numbers (sums in another
 * order round differently in the last bits). Strings are equal exactly, or
 * differ only in their figures: a sentence quoting $43,777,352,883,838 to the
 * dollar shows those last bits, and the figures are compared as numbers in
 * their own fields. `floor` is the smallest scale a number is compared at:
 * the size of what was summed to get it.
 */
export function differences(a: unknown, b: unknown, tolerance = 1e-9, floor = 1, at = '$', out: string[] = []): string[] {
  if (typeof a === 'number' && typeof b === 'number') {
    const scale = Math.max(floor, Math.abs(a), Math.abs(b));
    if (!(a === b || Math.abs(a - b) <= tolerance * scale)) out.push(`${at}: ${a} vs ${b}`);
  } else if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${at}: length ${a.length} vs ${b.length}`);
    else a.forEach((item, index) => differences(item, b[index], tolerance, floor, `${at}[${index}]`, out));
  } else if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) differences((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], tolerance, floor, `${at}.${key}`, out);
  } else if (typeof a === 'string' && typeof b === 'string') {
    if (a !== b && wordsOnly(a) !== wordsOnly(b)) out.push(`${at}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  } else if (a !== b) out.push(`${at}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  return out;
}
