/**
 * The assignment file: the one place its format is written and read
 * (docs/assignment.md). A comma-separated CSV with a header and one row per
 * unit, in the roster's order:
 *
 *     <unit column>,block,pair,<group column>,seed[,<covariate column>]
 *     Ana Silva,East,,pilot,20260601,4120
 *
 * - block: the block label (the block columns' values joined with " / "),
 *   empty for complete randomization;
 * - pair: the matched pair's number within its block, empty otherwise;
 * - group: the pilot's own pilot or control label;
 * - seed: the seed, the same on every row;
 * - the covariate, under its roster name, when one was named.
 *
 * `fieldproof assign` writes it into data/ and the analysis reads it back
 * (statistics.md section 13), both confined to data/ as the data file is.
 */
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readFile, realpath, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Arm } from '../evidence.ts';
import { readNumber } from '../load/cells.ts';
import { projectFolder } from '../confine.ts';
import { resolveDataPath } from '../load/load-data.ts';
import { NotUtf8Error, readCsv } from '../load/read-csv.ts';
import { ReadLimitError } from '../load/read-limits.ts';
import type { Pilot } from '../pilot.ts';
import { error, quoteValue, type Problem } from '../problems.ts';
import { canonicalSeed, designOf, type Design, type DesignUnit } from './assign.ts';

/** What the file needs of a pilot: its unit and group columns, its labels and the file's path (`assignment:`, relative to data/). */
export type AssignmentPilot = Pick<Pilot, 'unit' | 'group'> & { assignment?: string | undefined };

/** The file's own columns, besides the pilot's unit and group columns and the covariate. */
export const BLOCK_COLUMN = 'block';
export const PAIR_COLUMN = 'pair';
export const SEED_COLUMN = 'seed';

export interface AssignmentRecord {
  group: Arm;
  block: string;
  pair: number | null;
  covariate: number | null;
  /** Spreadsheet row of the unit in the assignment file (header = 1). */
  row: number;
}

export interface Assignment {
  /** Repository-relative, e.g. "data/assignments/nurture.csv". */
  file: string;
  /** By unit name, in the file's order. */
  units: Map<string, AssignmentRecord>;
  design: Design;
  seed: string;
  /** The covariate column's name; null when the file has none. */
  covariate: string | null;
}

export type AssignmentFileResult = { ok: true; assignment: Assignment } | { ok: false; problems: Problem[] };

/** A unit as the writer takes it: what `assignUnits` returns. */
export interface WrittenUnit extends DesignUnit {
  name: string;
}

/**
 * The file's column names, in order, or a sentence saying why the pilot's
 * columns and the covariate cannot share one file (two columns of one name).
 */
export function assignmentColumns(pilot: AssignmentPilot, covariate: string | null): { ok: true; columns: string[] } | { ok: false; clash: string } {
  const named: [string, string][] = [
    [pilot.unit, 'the unit column (key "unit")'],
    [BLOCK_COLUMN, 'the file\'s own column'],
    [PAIR_COLUMN, 'the file\'s own column'],
    [pilot.group.column, 'the group column (key "group.column")'],
    [SEED_COLUMN, 'the file\'s own column'],
    ...(covariate === null ? [] : [[covariate, 'the covariate'] as [string, string]]),
  ];
  for (const [index, [name, what]] of named.entries()) {
    const earlier = named.findIndex(([other]) => other === name);
    if (earlier !== index) {
      return { ok: false, clash: `${(named[earlier] as [string, string])[1]} and ${what} would both be the assignment file's column ${quoteValue(name)}; rename one` };
    }
  }
  return { ok: true, columns: named.map(([name]) => name) };
}

/** The file's text: comma-separated, "\n" line ends, cells quoted only when they must be. */
export function formatAssignmentFile(pilot: AssignmentPilot, content: { seed: string; covariate: string | null; units: readonly WrittenUnit[] }): string {
  const columns = assignmentColumns(pilot, content.covariate);
  if (!columns.ok) throw new RangeError(columns.clash);
  const lines = [columns.columns, ...content.units.map((unit) => [
    unit.name,
    unit.block,
    unit.pair === null ? '' : String(unit.pair),
    unit.arm === 'pilot' ? pilot.group.pilot : pilot.group.control,
    content.seed,
    ...(content.covariate === null ? [] : [unit.covariate === null ? '' : numberCell(unit.covariate)]),
  ])];
  return lines.map((cells) => cells.map(csvCell).join(',')).join('\n') + '\n';
}

/** The shortest text that reads back as the same double; -0 as 0. */
function numberCell(value: number): string {
  return Object.is(value, -0) ? '0' : String(value);
}

/** A cell as RFC 4180 writes it; quoted when it holds a comma, quote or line break, or spaces a reader would trim. */
function csvCell(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The path `assignment:` names, or a problem on the pilot file's key when it names none. */
function assignmentPath(pilot: AssignmentPilot, pilotFile: string): { ok: true; path: string } | { ok: false; problem: Problem } {
  const named = pilot.assignment?.trim();
  if (named === undefined || named === '') {
    return {
      ok: false,
      problem: error({
        file: pilotFile,
        column: 'assignment',
        message: `is not set; expected the assignment file's path relative to data/, e.g. assignment: assignments/${slugOf(pilotFile)}.csv`,
      }),
    };
  }
  return { ok: true, path: named };
}

function slugOf(pilotFile: string): string {
  return path.posix.basename(pilotFile.split(path.sep).join('/'), '.md');
}

/** A problem resolveDataPath said of the `data` key, said of the `assignment` key. */
function onAssignmentKey(problem: Problem): Problem {
  return { ...problem, column: 'assignment' };
}

/**
 * Reads and checks a pilot's assignment file: confined to data/ (as
 * load-data.ts's resolveDataPath confines the data file), every unit named
 * once, each group one of the pilot's labels, blocks, pairs and the seed
 * well formed. Every problem is listed at once.
 */
export async function readAssignmentFile(root: string, pilot: AssignmentPilot, pilotFile: string): Promise<AssignmentFileResult> {
  const named = assignmentPath(pilot, pilotFile);
  if (!named.ok) return { ok: false, problems: [named.problem] };
  const resolved = await resolveDataPath(root, named.path, pilotFile);
  if (!resolved.ok) {
    const missing = isInside(path.resolve(root, 'data'), path.resolve(root, 'data', named.path)) && (await lstat(path.resolve(root, 'data', named.path)).then(() => false, () => true));
    return {
      ok: false,
      problems: [
        missing
          ? error({
              file: pilotFile,
              column: 'assignment',
              value: named.path,
              message: `no such file: data/${named.path}; run "fieldproof assign ${pilotFile} --roster <roster.csv>" to write it, and commit it before the pilot starts`,
            })
          : onAssignmentKey(resolved.problem),
      ],
    };
  }
  const file = resolved.shown;
  let header: string[] = [];
  let delimiter = ',';
  const rows: { row: number; cells: string[] }[] = [];
  let quoteProblems: { row: number; message: string }[];
  try {
    const summary = await readCsv(resolved.absolute, {
      header(cells, used) {
        header = cells;
        delimiter = used;
      },
      rows(chunk) {
        chunk.rows.forEach((cells, index) => rows.push({ row: chunk.firstRow + index, cells }));
      },
    });
    quoteProblems = summary.quoteProblems;
  } catch (cause) {
    if (cause instanceof NotUtf8Error) return { ok: false, problems: [error({ file, message: 'the file is not UTF-8 text; write it again with fieldproof assign' })] };
    if (cause instanceof ReadLimitError) return { ok: false, problems: [cause.problem(file)] };
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      return { ok: false, problems: [error({ file, message: `the file cannot be read (${code}); expected a file the build is allowed to read` })] };
    }
    throw cause;
  }
  const problems: Problem[] = quoteProblems.map(({ row, message }) => error({ file, row, message: `${message}; expected a CSV as fieldproof assign writes it` }));
  const layout = readHeader(pilot, header, file, problems);
  if (layout === null) return { ok: false, problems };
  const units = new Map<string, AssignmentRecord>();
  let seed: { text: string; row: number } | null = null;
  for (const { row, cells } of rows) {
    const cell = (index: number) => (cells[index] ?? '').trim();
    if (cells.every((text) => text.trim() === '')) continue;
    const name = cell(layout.unit);
    const groupText = cell(layout.group);
    const block = cell(layout.block);
    const pairText = cell(layout.pair);
    const seedText = cell(layout.seed);
    const at = (column: string, value: string, message: string) => problems.push(error({ file, row, column, value, message }));
    if (name === '') at(pilot.unit, '', 'every row must name its unit; expected a unit name');
    else if (units.has(name)) at(pilot.unit, name, `is already on row ${(units.get(name) as AssignmentRecord).row}; expected each unit once`);
    const group: Arm | null = groupText === pilot.group.pilot ? 'pilot' : groupText === pilot.group.control ? 'control' : null;
    if (group === null) {
      at(
        pilot.group.column,
        groupText,
        `is neither the pilot label ${quoteValue(pilot.group.pilot)} nor the control label ${quoteValue(pilot.group.control)}; expected one of them exactly`,
      );
    }
    const pair = pairText === '' ? null : /^[1-9]\d{0,8}$/.test(pairText) ? Number(pairText) : NaN;
    if (Number.isNaN(pair)) at(PAIR_COLUMN, pairText, 'expected a pair number (1, 2, ...), or nothing when the units are not in matched pairs');
    const canonical = canonicalSeed(seedText);
    if (canonical === null || canonical !== seedText) {
      at(SEED_COLUMN, seedText, 'expected the seed: a whole number from 0 to 9007199254740992 (2^53), written without leading zeros');
    } else if (seed === null) seed = { text: seedText, row };
    else if (seedText !== seed.text) at(SEED_COLUMN, seedText, `differs from the seed ${seed.text} on row ${seed.row}; expected one seed for the whole file`);
    let covariate: number | null = null;
    if (layout.covariate !== null) {
      const raw = cell(layout.covariate.index);
      if (raw !== '') {
        const read = readNumber(raw, { delimiter });
        if (read.ok) covariate = read.value;
        else at(layout.covariate.name, raw, read.expected);
      }
    }
    if (name !== '' && !units.has(name) && group !== null && !Number.isNaN(pair)) {
      units.set(name, { group, block, pair, covariate, row });
    }
  }
  for (const problem of consistencyProblems(file, units)) problems.push(problem);
  if (units.size === 0 && problems.length === 0) {
    problems.push(error({ file, message: `the file has no units; expected one row per unit below the header, as fieldproof assign writes it` }));
  }
  if (problems.length > 0 || seed === null) return { ok: false, problems };
  const design = designOf([...units.values()]);
  return { ok: true, assignment: { file, units, design, seed: seed.text, covariate: layout.covariate?.name ?? null } };
}

interface Layout {
  unit: number;
  block: number;
  pair: number;
  group: number;
  seed: number;
  covariate: { name: string; index: number } | null;
}

/** Where each column is; null (with its problems added) when the header is not the one fieldproof assign writes. */
function readHeader(pilot: AssignmentPilot, header: readonly string[], file: string, problems: Problem[]): Layout | null {
  const required = [pilot.unit, BLOCK_COLUMN, PAIR_COLUMN, pilot.group.column, SEED_COLUMN];
  const expected = `expected the columns fieldproof assign writes: ${required.map(quoteValue).join(', ')} and perhaps a covariate`;
  const before = problems.length;
  for (const column of required) {
    if (!header.includes(column)) {
      problems.push(error({ file, row: 1, column, message: `is not in the header; ${expected}. The columns are: ${header.map(quoteValue).join(', ')}` }));
    }
  }
  header.forEach((cell, index) => {
    if (cell !== '' && header.indexOf(cell) !== index) {
      problems.push(error({ file, row: 1, column: cell, message: 'the header has more than one column with this name; expected each column name once' }));
    }
  });
  const others = header.map((name, index) => ({ name, index })).filter(({ name }) => !required.includes(name));
  for (const extra of others.slice(1)) {
    problems.push(
      error({ file, row: 1, column: extra.name, message: `is one column too many; ${expected} (here ${quoteValue((others[0] as { name: string }).name)})` }),
    );
  }
  if (problems.length > before) return null;
  const at = (name: string) => header.indexOf(name);
  return { unit: at(pilot.unit), block: at(BLOCK_COLUMN), pair: at(PAIR_COLUMN), group: at(pilot.group.column), seed: at(SEED_COLUMN), covariate: others[0] ?? null };
}

/**
 * What only the rows together show: a blank block beside named ones, a
 * blank pair beside numbered ones, a pair of more than two units or of two
 * in one arm.
 */
function consistencyProblems(file: string, units: ReadonlyMap<string, AssignmentRecord>): Problem[] {
  const problems: Problem[] = [];
  const records = [...units.entries()];
  const named = records.find(([, record]) => record.block !== '');
  if (named !== undefined) {
    for (const [name, record] of records.filter(([, other]) => other.block === '')) {
      problems.push(
        error({
          file,
          row: record.row,
          column: BLOCK_COLUMN,
          value: '',
          message: `${quoteValue(name)} has no block while row ${named[1].row} names one; expected every unit's block, or none`,
        }),
      );
    }
  }
  const paired = records.find(([, record]) => record.pair !== null);
  if (paired !== undefined) {
    for (const [name, record] of records.filter(([, other]) => other.pair === null)) {
      problems.push(
        error({
          file,
          row: record.row,
          column: PAIR_COLUMN,
          value: '',
          message: `${quoteValue(name)} has no pair while row ${paired[1].row} has one; expected every unit's pair number, or none`,
        }),
      );
    }
  }
  const pairs = new Map<string, AssignmentRecord[]>();
  for (const [, record] of records) {
    if (record.pair === null) continue;
    const key = JSON.stringify([record.block, record.pair]);
    const members = pairs.get(key) ?? [];
    members.push(record);
    pairs.set(key, members);
    const inBlock = record.block === '' ? '' : ` of block ${quoteValue(record.block)}`;
    if (members.length > 2) {
      problems.push(
        error({
          file,
          row: record.row,
          column: PAIR_COLUMN,
          value: String(record.pair),
          message: `pair ${record.pair}${inBlock} already has 2 units (rows ${members[0]?.row} and ${members[1]?.row}); expected at most 2 units per pair`,
        }),
      );
    } else if (members.length === 2 && members[0]?.group === record.group) {
      problems.push(
        error({
          file,
          row: record.row,
          column: PAIR_COLUMN,
          value: String(record.pair),
          message: `pair ${record.pair}${inBlock} already has a ${record.group} unit (row ${members[0]?.row}); expected one pilot and one control unit in each pair`,
        }),
      );
    }
  }
  return problems;
}

export type WriteResult = { ok: true; file: string; outcome: 'written' | 'unchanged' | 'replaced' } | { ok: false; problems: Problem[] };

/**
 * Writes the assignment file into data/ (never outside it, nor through a
 * link that leads out), atomically: a temporary file beside it, renamed over
 * it. An existing file that differs is refused unless `force`: a committed
 * assignment must not be redrawn silently.
 */
export async function writeAssignmentFile(
  root: string,
  pilot: AssignmentPilot,
  pilotFile: string,
  text: string,
  options: { force: boolean },
): Promise<WriteResult> {
  const named = assignmentPath(pilot, pilotFile);
  if (!named.ok) return { ok: false, problems: [named.problem] };
  const dataDir = path.resolve(root, 'data');
  const target = path.resolve(dataDir, named.path);
  const shown = `data/${named.path}`;
  const refuse = (message: string): WriteResult => ({
    ok: false,
    problems: [error({ file: pilotFile, column: 'assignment', value: named.path, message })],
  });
  if (path.isAbsolute(named.path) || !isInside(dataDir, target)) {
    return refuse('leads outside the data/ folder; expected a path relative to data/, e.g. assignments/pilot.csv');
  }
  try {
    return await writeInside(root, { pilotFile, path: named.path, target, shown, dataDir }, text, options.force, refuse);
  } catch (cause) {
    const code = (cause as { code?: unknown }).code;
    // Said by the repository path, never with the system's message, which quotes the machine's absolute path.
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      return { ok: false, problems: [error({ file: shown, message: `the file cannot be written (${code}); expected a folder inside data/ that may be written to` })] };
    }
    throw cause;
  }
}

async function writeInside(
  root: string,
  where: { pilotFile: string; path: string; target: string; shown: string; dataDir: string },
  text: string,
  force: boolean,
  refuse: (message: string) => WriteResult,
): Promise<WriteResult> {
  const { pilotFile, target, shown, dataDir } = where;
  const exists = await lstat(target).then(
    () => true,
    () => false,
  );
  let absolute = target;
  let outcome: 'written' | 'replaced' = 'written';
  if (exists) {
    // An existing file (or link) is checked as the data file is: inside data/, a file.
    const resolved = await resolveDataPath(root, where.path, pilotFile);
    if (!resolved.ok) return { ok: false, problems: [onAssignmentKey(resolved.problem)] };
    absolute = resolved.absolute;
    const current = await readFile(absolute, 'utf8');
    if (current === text) return { ok: true, file: shown, outcome: 'unchanged' };
    if (!force) {
      return {
        ok: false,
        problems: [
          error({
            file: shown,
            message:
              'already holds a different assignment; a committed assignment must not be redrawn silently (the evidence rests on it being drawn before the pilot started). ' +
              `Check it with "fieldproof assign ${pilotFile} --roster <roster.csv> --verify", or add --force to replace it`,
          }),
        ],
      };
    }
    outcome = 'replaced';
  } else {
    await mkdir(dataDir, { recursive: true });
    // data/ itself must lead to a folder inside the project, as it must for reading (load-data.ts).
    const data = await projectFolder(root, 'data');
    if (!data.ok && data.why === 'outside') return refuse('goes through data/, a link that leads outside the project; expected data/ to be a folder inside the repository');
    // The nearest folder that exists must really be inside data/: a link on the way must not lead out.
    let folder = path.dirname(target);
    while (!(await lstat(folder).then(() => true, () => false))) folder = path.dirname(folder);
    const [realFolder, realData] = await Promise.all([realpath(folder), realpath(dataDir)]);
    if (realFolder !== realData && !isInside(realData, realFolder)) {
      return refuse('goes through a link that leads outside the data/ folder; expected a path inside data/');
    }
    await mkdir(path.dirname(target), { recursive: true });
  }
  const temporary = path.join(path.dirname(absolute), `.${path.basename(absolute)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, text, { encoding: 'utf8', flag: 'wx' });
    await rename(temporary, absolute);
  } catch (cause) {
    await rm(temporary, { force: true });
    throw cause;
  }
  return { ok: true, file: shown, outcome };
}

/** True when `candidate` is strictly inside `base`. */
function isInside(base: string, candidate: string): boolean {
  const relative = path.relative(base, candidate);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
