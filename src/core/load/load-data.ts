/**
 * The one loader: a pilot's data file, read once, into per-unit sums.
 */
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { contains, namesInside, notAFile, projectFolder, resolveLinks } from '../confine.ts';
import type { Pilot } from '../pilot.ts';
import { error, type Problem } from '../problems.ts';
import { isParquet, readParquet } from './load-parquet.ts';
import { readUnitSumsCsv } from './load-unit-sums.ts';
import { firstInvalidUtf8, NotUtf8Error, readCsv, type ByteTap } from './read-csv.ts';
import { ReadLimitError } from './read-limits.ts';
import { UnitSumsBuilder, type FoldedData } from './unit-sums-builder.ts';

export interface LoadOptions {
  /** Called as the file is read, with bytes read and the file's size. */
  progress?: (bytesRead: number, bytesTotal: number) => void;
  /** Given the data file's bytes once, in order, as they are read (read-csv.ts, ByteTap). */
  tap?: ByteTap;
}

export type LoadResult = { ok: true; data: FoldedData } | { ok: false; problems: Problem[] };

/**
 * Resolve `data` from the frontmatter inside root/data/, refusing any path
 * (or symlink) that leads out of it: a pilot file must not be able to publish
 * /etc/passwd. data/ itself must lead to a folder inside the project (a data/
 * linked to /etc would hold /etc/passwd), and the file must be a regular file:
 * a named pipe would hang the read and a device never end. There is no size
 * limit: the file is streamed, in memory that does not grow with it.
 */
export async function resolveDataPath(
  root: string,
  dataPath: string,
  pilotFile: string,
): Promise<{ ok: true; absolute: string; shown: string; size: number } | { ok: false; problem: Problem }> {
  const dataDir = path.resolve(root, 'data');
  const absolute = path.resolve(dataDir, dataPath);
  const shown = `data/${dataPath}`;
  const outside = (candidate: string, base: string) => candidate === base || !contains(base, candidate);
  const refuse = (why: string) => ({
    ok: false as const,
    problem: error({ file: pilotFile, column: 'data', value: dataPath, message: why }),
  });
  if (path.isAbsolute(dataPath) || outside(absolute, dataDir)) {
    return refuse('leads outside the data/ folder; expected a path relative to data/, e.g. nurture-q2.csv');
  }
  const folder = await projectFolder(root, 'data');
  if (!folder.ok) return refuse(DATA_FOLDER_PROBLEM[folder.why](shown));
  const resolved = await resolveLinks(absolute);
  if (!resolved.ok) {
    if (resolved.why === 'loop') return refuse(`${shown} is a symlink loop (a link that leads back to itself); expected a CSV file`);
    return refuse(`no such file: ${shown}${await suggestFiles(dataDir)}`);
  }
  if (outside(resolved.real, folder.real)) {
    return refuse('is a link that leads outside the data/ folder; expected a file inside data/');
  }
  const info = await stat(resolved.real);
  if (info.isDirectory()) {
    const inside = await namesInside(resolved.real).catch(() => [] as string[]);
    const example = inside.filter((entry) => /\.(csv|tsv|txt)$/i.test(entry)).sort()[0];
    const relative = dataPath.replace(/[\\/]+$/, '');
    return refuse(`${shown} is a folder; expected a CSV file${example === undefined ? '' : `, e.g. ${relative}/${example.split(path.sep).join('/')}`}`);
  }
  const kind = notAFile(info);
  if (kind !== null) return refuse(`${shown} is ${kind}, not a file; expected a CSV file`);
  return { ok: true, absolute: resolved.real, shown, size: info.size };
}

/** Why data/ itself cannot be read from, for the file the pilot names in it. */
const DATA_FOLDER_PROBLEM: Record<'missing' | 'loop' | 'unreadable' | 'outside' | 'not a folder', (shown: string) => string> = {
  missing: (shown) => `no such file: ${shown}; there is no data/ folder`,
  loop: () => 'data/ is a symlink loop (a link that leads back to itself); expected a folder of CSV files',
  unreadable: () => 'data/ cannot be read; expected a folder of CSV files the build is allowed to read',
  outside: () => 'data/ is a link that leads outside the project; expected data/ to be a folder inside the repository',
  'not a folder': () => 'data/ is not a folder; expected a folder of CSV files',
};

async function suggestFiles(dataDir: string): Promise<string> {
  try {
    const entries = await namesInside(dataDir);
    const files = entries.filter((entry) => /\.(csv|tsv|txt)$/i.test(entry)).sort();
    if (files.length === 0) return '; the data/ folder has no CSV files';
    const listed = files.slice(0, 12).join(', ');
    return `; the data/ folder has: ${listed}${files.length > 12 ? `, and ${files.length - 12} more` : ''}`;
  } catch {
    return '; there is no data/ folder';
  }
}

export async function loadPilotData(root: string, pilot: Pilot, pilotFile: string, options: LoadOptions = {}): Promise<LoadResult> {
  const resolved = await resolveDataPath(root, pilot.data, pilotFile);
  if (!resolved.ok) return { ok: false, problems: [resolved.problem] };
  const { size } = resolved;
  // The other forms a data file may take: Parquet (through DuckDB) and per-unit sums (pilot-format.md).
  // Both give the file's bytes to the tap, which the evidence cache hashes.
  if (isParquet(pilot.data)) return readParquet(resolved.absolute, resolved.shown, pilot, pilotFile, options.tap);
  if (pilot.form === 'unit-sums') {
    const data = await readUnitSumsCsv(resolved.absolute, resolved.shown, pilot, pilotFile, options.tap).catch(async (cause: unknown) => ({
      problems: await unreadableProblems(cause, resolved),
    }));
    return !('units' in data) || data.problems.some((problem) => problem.severity === 'error') ? { ok: false, problems: data.problems } : { ok: true, data };
  }
  const builder = new UnitSumsBuilder(pilot, resolved.shown, { pilotFile, fileBytes: size });
  try {
    const summary = await readCsv(
      resolved.absolute,
      {
        header: (cells, delimiter) => builder.header(cells, delimiter),
        rows: (chunk) => builder.rows(chunk),
        lines: (block) => builder.lines(block),
        ...(options.progress ? { progress: (bytes: number) => options.progress?.(bytes, size) } : {}),
      },
      options.tap === undefined ? {} : { tap: options.tap },
    );
    for (const problem of summary.quoteProblems) builder.quoteProblem(problem.row, problem.message);
  } catch (cause) {
    return { ok: false, problems: await unreadableProblems(cause, resolved) };
  }
  const data = builder.finish();
  return data.problems.some((problem) => problem.severity === 'error') ? { ok: false, problems: data.problems } : { ok: true, data };
}

/** Why a CSV could not be read to its end, as problems; anything else is thrown again. */
export async function unreadableProblems(cause: unknown, resolved: { absolute: string; shown: string }): Promise<Problem[]> {
  if (cause instanceof NotUtf8Error) {
    const row = await rowOfFirstInvalidByte(resolved.absolute).catch(() => null);
    return [
      error({
        file: resolved.shown,
        ...(row !== null ? { row } : {}),
        message: 'the file is not UTF-8 text; save it as "CSV UTF-8" from the spreadsheet',
      }),
    ];
  }
  if (cause instanceof ReadLimitError) return [cause.problem(resolved.shown)];
  // A file the build may not read (EACCES) or that vanished mid-run: say so by its repository path,
  // never with the system's message, which quotes the machine's absolute path.
  const code = (cause as { code?: unknown }).code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
    return [error({ file: resolved.shown, message: `the file cannot be read (${code}); expected a file the build is allowed to read` })];
  }
  throw cause;
}

/**
 * The spreadsheet row holding the file's first byte that is not UTF-8: the
 * rows of the bytes before it, counted by the same reader (so quoted line
 * breaks count as a spreadsheet counts them), plus the row it sits on.
 */
async function rowOfFirstInvalidByte(file: string): Promise<number | null> {
  const offset = await firstInvalidUtf8(file);
  if (offset === null) return null;
  const before = await readCsv(file, { header() {}, rows() {} }, { end: offset });
  // The header is row 1, and the bytes before the bad one end inside its row:
  // the reader counted that row, unless they end with a line break (outside
  // quotes: a quote left open is a line break inside a cell).
  const lastByte = offset === 0 ? -1 : ((await readByte(file, offset - 1)) ?? -1);
  const startsRow = (lastByte === 0x0a || lastByte === 0x0d) && before.quoteProblems.length === 0;
  return before.dataRows + (startsRow ? 2 : 1);
}

async function readByte(file: string, at: number): Promise<number | undefined> {
  const handle = await open(file);
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(1), 0, 1, at);
    return bytesRead === 1 ? buffer[0] : undefined;
  } finally {
    await handle.close();
  }
}
