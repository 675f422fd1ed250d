/**
 * The one loader: a pilot's data file, read once, folded into per-unit sums.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Pilot } from '../pilot.ts';
import { error, type Problem } from '../problems.ts';
import { createFolder, type FoldedData } from './fold.ts';
import { NotUtf8Error, readCsv } from './read-csv.ts';

export interface LoadOptions {
  /** Called as the file is read, with bytes read and the file's size. */
  progress?: (bytesRead: number, bytesTotal: number) => void;
}

export type LoadResult = { ok: true; data: FoldedData } | { ok: false; problems: Problem[] };

/**
 * Resolve `data` from the frontmatter inside root/data/, refusing any path
 * (or symlink) that leads out of it: a pilot file must not be able to publish
 * /etc/passwd.
 */
export async function resolveDataPath(
  root: string,
  dataPath: string,
  pilotFile: string,
): Promise<{ ok: true; absolute: string; shown: string; size: number } | { ok: false; problem: Problem }> {
  const dataDir = path.resolve(root, 'data');
  const absolute = path.resolve(dataDir, dataPath);
  const shown = `data/${dataPath}`;
  const outside = (candidate: string, base: string) => {
    const relative = path.relative(base, candidate);
    return relative === '' || relative.startsWith('..') || path.isAbsolute(relative);
  };
  const refuse = (why: string) => ({
    ok: false as const,
    problem: error({ file: pilotFile, column: 'data', value: dataPath, message: why }),
  });
  if (path.isAbsolute(dataPath) || outside(absolute, dataDir)) {
    return refuse('leads outside the data/ folder; expected a path relative to data/, e.g. nurture-q2.csv');
  }
  let real: string;
  try {
    real = await realpath(absolute);
  } catch {
    return refuse(`no such file: ${shown}${await suggestFiles(dataDir)}`);
  }
  const realDataDir = await realpath(dataDir).catch(() => dataDir);
  if (outside(real, realDataDir)) {
    return refuse('is a link that leads outside the data/ folder; expected a file inside data/');
  }
  const info = await stat(real);
  if (info.isDirectory()) {
    const inside = await readdir(real, { recursive: true }).catch(() => [] as string[]);
    const example = inside.filter((entry) => /\.(csv|tsv|txt)$/i.test(entry)).sort()[0];
    const relative = dataPath.replace(/[\\/]+$/, '');
    return refuse(`${shown} is a folder; expected a CSV file${example === undefined ? '' : `, e.g. ${relative}/${example.split(path.sep).join('/')}`}`);
  }
  if (!info.isFile()) return refuse(`is not a file: ${shown}`);
  return { ok: true, absolute: real, shown, size: info.size };
}

async function suggestFiles(dataDir: string): Promise<string> {
  try {
    const entries = await readdir(dataDir, { recursive: true });
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
  const folder = createFolder(pilot, resolved.shown);
  try {
    const summary = await readCsv(resolved.absolute, {
      header: folder.header,
      rows: folder.rows,
      ...(options.progress ? { progress: (bytes: number) => options.progress?.(bytes, size) } : {}),
    });
    for (const problem of summary.quoteProblems.slice(0, 10)) {
      folder.data.problems.push(
        error({ file: resolved.shown, row: problem.row, message: `a quoted value is not closed or has a stray quote (${problem.message}); expected "..." around values that contain the delimiter` }),
      );
    }
  } catch (cause) {
    if (cause instanceof NotUtf8Error) {
      return {
        ok: false,
        problems: [
          error({
            file: resolved.shown,
            ...(cause.afterRow > 1 ? { row: cause.afterRow } : {}),
            message: 'the file is not UTF-8 text; save it as "CSV UTF-8" from the spreadsheet',
          }),
        ],
      };
    }
    // A file the build may not read (EACCES) or that vanished mid-run: say so by its repository path,
    // never with the system's message, which quotes the machine's absolute path.
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      return { ok: false, problems: [error({ file: resolved.shown, message: `the file cannot be read (${code}); expected a file the build is allowed to read` })] };
    }
    throw cause;
  }
  const data = folder.finish();
  return data.problems.some((problem) => problem.severity === 'error') ? { ok: false, problems: data.problems } : { ok: true, data };
}
