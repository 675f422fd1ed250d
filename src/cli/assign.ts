/**
 * `fieldproof assign`: draws a pilot's random assignment from a roster and
 * writes it into data/ (statistics.md section 13, docs/assignment.md), or
 * with --verify draws it again from the roster and the file's own seed and
 * compares. The algorithm is src/core/design/assign.ts, the file's format
 * src/core/design/assignment-file.ts.
 */
import { largest } from '../core/extent.ts';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { assignUnits, BLOCK_SEPARATOR, canonicalSeed, covariateBalance, LARGEST_SEED, seedForDay, summarizeDesign, type AssignedUnit, type Design, type DesignSummary, type RosterUnit } from '../core/design/assign.ts';
import { assignmentColumns, formatAssignmentFile, readAssignmentFile, writeAssignmentFile, type Assignment, type AssignmentPilot } from '../core/design/assignment-file.ts';
import { realRoot } from '../core/confine.ts';
import { readNumber } from '../core/load/cells.ts';
import { NotUtf8Error, readCsv } from '../core/load/read-csv.ts';
import { ReadLimitError } from '../core/load/read-limits.ts';
import type { Pilot } from '../core/pilot.ts';
import { parsePilotFile } from '../core/pilot-file.ts';
import { readPilotBytes } from '../core/project.ts';
import { count, formatConfidence, formatCount, formatP, formatValue, numberFormat, type ValueFormat } from '../core/present/format.ts';
import { error, FieldproofError, quoteValue, type Problem } from '../core/problems.ts';
import { UsageError, type Effects } from './effects.ts';
import { namedPilotPath, printProblems } from './named-pilot.ts';
import type { CliValues } from './options.ts';
import type { Paint } from './style.ts';
import { terminalText } from './terminal.ts';

/** The fewest units a roster may hold: two per arm, the least any comparison needs. */
const FEWEST_UNITS = 4;

/** How the units are to be assigned, from the options. */
interface DesignOptions {
  blocks: string[];
  /** --pair-on's column: matched pairs on it. */
  pairOn: string | null;
  /** The covariate written into the file and balanced: --pair-on's or --covariate's column. */
  covariate: string | null;
}

export async function assignCommand(
  root: string,
  positionals: readonly string[],
  values: CliValues,
  effects: Effects,
  style: Paint,
  errorStyle: Paint,
): Promise<number> {
  if (positionals.length !== 1) throw new UsageError('assign needs exactly one pilot file, e.g. fieldproof assign pilots/nurture.md --roster data/reps.csv');
  if (values.roster === undefined) throw new UsageError('assign needs --roster <csv>: the units to assign, one row each, e.g. --roster data/reps.csv');
  const verify = values.verify === true;
  if (verify && values.seed !== undefined) throw new UsageError('--verify takes the seed from the assignment file; drop --seed');
  if (verify && values.force === true) throw new UsageError('--verify only compares, it never writes; drop --force');
  const seed = values.seed === undefined ? null : canonicalSeed(values.seed);
  if (seed === null && values.seed !== undefined) {
    throw new UsageError(`--seed expects a whole number from 0 to ${LARGEST_SEED} (2^53), e.g. 20260601; got "${values.seed}"`);
  }
  const design = designOptions(values);

  const { pilot, pilotFile } = await readNamedPilot(root, positionals[0] as string, effects);
  for (const column of design.blocks) {
    if (column === pilot.unit) throw new UsageError(`--block ${column} is the unit column: every unit would be a block of its own`);
  }
  const columns = assignmentColumns(pilot, design.covariate);
  if (!columns.ok) throw new FieldproofError([error({ file: pilotFile, message: columns.clash })]);
  const roster = await readRoster(root, values.roster, pilot, pilotFile, design, effects);

  if (verify) return await verifyAssignment(root, pilot, pilotFile, roster, design, effects, errorStyle);

  const drawnSeed = seed ?? seedForDay(effects.now());
  const units = assignUnits(roster.units, { seed: drawnSeed, pairs: design.pairOn !== null });
  const text = formatAssignmentFile(pilot, { seed: drawnSeed, covariate: design.covariate, units });
  const written = await writeAssignmentFile(root, pilot, pilotFile, text, { force: values.force === true });
  if (!written.ok) throw new FieldproofError(written.problems);

  const summary = summarizeDesign(units);
  const lines = [
    `${style.bold(`Assigned ${count(units.length, 'unit')} of ${terminalText(roster.file)} for ${terminalText(pilotFile)}`)}: ${designWords(summary.design, design)}, seed ${drawnSeed}` +
      (seed === null ? ' (today\'s date, as no --seed was given)' : ''),
    ...balanceTable(units, summary, design.covariate),
    ...attainable(summary, pilot.confidence),
    '',
    written.outcome === 'unchanged'
      ? `${terminalText(written.file)} already holds this assignment: nothing changed.`
      : `${written.outcome === 'replaced' ? 'Replaced' : 'Wrote'} ${terminalText(written.file)}. Commit it with the pilot file before the pilot starts, so the report can show it was drawn first:`,
    ...(written.outcome === 'unchanged' ? [] : [terminalText(`  git add ${shellWord(written.file)} ${shellWord(pilotFile)} && git commit -m ${shellWord(`Assignment for ${pilotFile}`)}`)]),
    terminalText(`Anyone can check it: fieldproof assign ${shellWord(pilotFile)} --roster ${shellWord(values.roster)}${optionWords(design)} --verify`),
  ];
  effects.stdout(`${lines.join('\n')}\n`);
  return 0;
}

function designOptions(values: CliValues): DesignOptions {
  const blocks = values.block ?? [];
  for (const [index, column] of blocks.entries()) {
    if (column.trim() === '') throw new UsageError('--block expects a column name, e.g. --block region');
    if (blocks.indexOf(column) !== index) throw new UsageError(`--block ${column} is given twice; give each block column once`);
  }
  const pairOn = values['pair-on'] ?? null;
  const covariate = values.covariate ?? null;
  if (pairOn !== null && pairOn.trim() === '') throw new UsageError('--pair-on expects a column name, e.g. --pair-on revenue_q1');
  if (covariate !== null && covariate.trim() === '') throw new UsageError('--covariate expects a column name, e.g. --covariate revenue_q1');
  if (pairOn !== null && covariate !== null && pairOn !== covariate) {
    throw new UsageError(`--pair-on ${pairOn} already names the covariate; drop --covariate ${covariate}`);
  }
  for (const column of [pairOn, covariate]) {
    if (column !== null && blocks.includes(column)) throw new UsageError(`${column} is given both as a block column and as the covariate; give it once`);
  }
  return { blocks, pairOn, covariate: pairOn ?? covariate };
}

/** The options that drew a design, as they are typed. */
function optionWords(design: DesignOptions): string {
  const blocks = design.blocks.map((column) => ` --block ${shellWord(column)}`).join('');
  if (design.pairOn !== null) return `${blocks} --pair-on ${shellWord(design.pairOn)}`;
  return `${blocks}${design.covariate === null ? '' : ` --covariate ${shellWord(design.covariate)}`}`;
}

/** A word quoted for a POSIX shell when it needs it. */
function shellWord(word: string): string {
  return /^[\w./:@%+=-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

function designWords(design: Design, options: DesignOptions): string {
  const blocks = options.blocks.map(quoteValue).join(' and ');
  if (design === 'pairs') return `matched pairs on ${quoteValue(options.pairOn ?? '')}${options.blocks.length > 0 ? ` within blocks of ${blocks}` : ''}`;
  if (design === 'blocked') return `blocked on ${blocks}`;
  return 'complete randomization';
}

const PLAIN_NUMBER: ValueFormat = { format: 'number', currency: 'USD', type: 'mean' };

/** Units per arm in each block and in all, with the covariate's mean per arm and standardized difference. */
function balanceTable(units: readonly AssignedUnit[], summary: DesignSummary, covariate: string | null): string[] {
  const withCovariate = covariate !== null;
  const header = ['block', 'pilot', 'control', ...(summary.design === 'pairs' ? ['pairs'] : []), ...(withCovariate ? ['pilot mean', 'control mean', 'std. difference'] : [])];
  const row = (label: string, members: readonly AssignedUnit[], pilots: number, controls: number, pairs: number) => {
    const balance = withCovariate ? covariateBalance(members) : null;
    const means = withCovariate
      ? [
          balance === null ? '–' : formatValue(balance.pilot, PLAIN_NUMBER),
          balance === null ? '–' : formatValue(balance.control, PLAIN_NUMBER),
          balance === null || balance.standardizedDifference === null ? '–' : formatValue(balance.standardizedDifference, PLAIN_NUMBER, { signed: true }),
        ]
      : [];
    return [terminalText(label), formatCount(pilots), formatCount(controls), ...(summary.design === 'pairs' ? [formatCount(pairs)] : []), ...means];
  };
  const rows = summary.blocks.length > 1 || summary.blocks[0]?.label !== '' ? summary.blocks.map((block) => row(block.label, units.filter((unit) => unit.block === block.label), block.pilot, block.control, block.pairs)) : [];
  rows.push(row('all', units, summary.pilot, summary.control, summary.blocks.reduce((total, block) => total + block.pairs, 0)));
  const widths = header.map((title, column) => largest(rows.map((cells) => (cells[column] as string).length), title.length));
  const line = (cells: readonly string[]) => `  ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] as number) : cell.padStart(widths[column] as number))).join('  ')}`.trimEnd();
  return [
    ...(withCovariate ? [`Balance of ${quoteValue(covariate)}: its mean per unit in each arm, and their difference in standard deviations:`] : []),
    line(header),
    ...rows.map(line),
  ];
}

/** The smallest p the randomization test can reach with this design, against the pilot's alpha. */
function attainable(summary: DesignSummary, confidence: number): string[] {
  const { p, ties, assignments } = summary.smallestP;
  const alpha = 1 - confidence;
  const exact = Number.isSafeInteger(assignments) && assignments < 1e9 ? `${ties}/${formatCount(assignments)} ` : '';
  const shown = `Smallest attainable randomization p: ${exact}(${formatP(p)})`;
  return p <= alpha
    ? [`${shown}, at most ${formatAlpha(alpha)}: a large enough effect can be shown at ${formatConfidence(confidence)} confidence.`]
    : [`${shown}, above ${formatAlpha(alpha)}: no effect, however large, can be shown at ${formatConfidence(confidence)} confidence with this design; add units.`];
}

/** 0.05, 0.1, 0.001: the level as it is usually written. */
function formatAlpha(alpha: number): string {
  return numberFormat(0, 6).format(Number(alpha.toFixed(6)));
}

/**
 * The pilot file named on the command line, found as `analyze` finds it
 * (relative to the working folder, or else to --root), read and checked.
 * Its data file is not read: a planned pilot has none yet.
 */
async function readNamedPilot(root: string, file: string, effects: Effects): Promise<{ pilot: Pilot & AssignmentPilot; pilotFile: string }> {
  const pilots = path.join(root, 'pilots');
  const relative = namedPilotPath(root, file, effects);
  const pilotFile = ['pilots', ...relative.split(path.sep)].join('/');
  // Read as check reads it: confined to the project, a regular file, at most PILOT_FILE_LIMIT.
  const read = await readPilotBytes(await realRoot(root), path.join(pilots, relative));
  if (!read.ok) {
    const message = read.message === 'no such pilot file' ? 'no such file; expected the pilot file to assign, e.g. pilots/nurture.md' : read.message;
    throw new FieldproofError([error({ file: pilotFile, message })]);
  }
  const text = new TextDecoder().decode(read.bytes);
  const parsed = parsePilotFile(pilotFile, text);
  if (!parsed.ok) throw new FieldproofError(parsed.problems);
  const { pilot } = parsed.value;
  const { assignment } = pilot;
  if (assignment === undefined) {
    throw new FieldproofError([
      error({
        file: pilotFile,
        column: 'assignment',
        message: `is not set; add the file to write, relative to data/, to the frontmatter, e.g. assignment: assignments/${path.posix.basename(pilotFile, '.md')}.csv`,
      }),
    ]);
  }
  return { pilot: { ...pilot, assignment }, pilotFile };
}

interface Roster {
  /** As problems name it: repository-relative when inside --root, else as given. */
  file: string;
  units: (RosterUnit & { row: number })[];
}

/**
 * The roster: the unit column, the block columns and the covariate of each
 * unit, read by the loader's CSV reader (any delimiter, a byte-order mark,
 * quotes). Every problem is listed at once.
 */
async function readRoster(root: string, given: string, pilot: Pilot, pilotFile: string, design: DesignOptions, effects: Effects): Promise<Roster> {
  const candidates = [path.resolve(effects.cwd, given), path.resolve(root, given)];
  let absolute: string | undefined;
  for (const candidate of candidates) {
    if (await stat(candidate).then((info) => info.isFile(), () => false)) {
      absolute = candidate;
      break;
    }
  }
  if (absolute === undefined) throw new UsageError(`--roster ${given}: no such file`);
  const inside = path.relative(root, absolute);
  const file = inside.startsWith('..') || path.isAbsolute(inside) ? given : inside.split(path.sep).join('/');

  let header: string[] = [];
  let delimiter = ',';
  const rows: { row: number; cells: string[] }[] = [];
  const problems: Problem[] = [];
  try {
    const summary = await readCsv(absolute, {
      header(cells, used) {
        header = cells;
        delimiter = used;
      },
      rows(chunk) {
        chunk.rows.forEach((cells, index) => rows.push({ row: chunk.firstRow + index, cells }));
      },
    });
    for (const { row, message } of summary.quoteProblems) problems.push(error({ file, row, message: `${message}; expected quotes in pairs around a cell` }));
  } catch (cause) {
    if (cause instanceof NotUtf8Error) throw new FieldproofError([error({ file, message: 'the file is not UTF-8 text; save it as "CSV UTF-8" from the spreadsheet' })]);
    if (cause instanceof ReadLimitError) throw new FieldproofError([cause.problem(file)]);
    throw cause;
  }

  const wanted: [string, string][] = [
    [pilot.unit, `the unit column (key "unit" in ${pilotFile})`],
    ...design.blocks.map((column): [string, string] => [column, 'a block column (--block)']),
    ...(design.covariate === null ? [] : [[design.covariate, design.pairOn === null ? 'the covariate (--covariate)' : 'the covariate (--pair-on)'] as [string, string]]),
  ];
  const index = new Map<string, number>();
  for (const [column, what] of wanted) {
    const at = header.indexOf(column);
    if (at === -1) {
      const near = header.find((cell) => cell.toLowerCase() === column.toLowerCase());
      problems.push(
        error({
          file,
          row: 1,
          column,
          message: `${what} is not in the header${near === undefined ? '' : `; did you mean ${quoteValue(near)}? Names must match exactly`}. The columns are: ${header.map(quoteValue).join(', ')}`,
        }),
      );
    } else if (header.indexOf(column, at + 1) !== -1) {
      problems.push(error({ file, row: 1, column, message: 'the header has more than one column with this name; expected each column name once' }));
    } else index.set(column, at);
  }
  if (problems.length > 0) throw new FieldproofError(problems);

  const units: Roster['units'] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of rows) {
    if (cells.every((cell) => cell.trim() === '')) continue;
    const cell = (column: string) => (cells[index.get(column) as number] ?? '').trim();
    const name = cell(pilot.unit);
    let valid = true;
    const refuse = (column: string, value: string, message: string) => {
      problems.push(error({ file, row, column, value, message }));
      valid = false;
    };
    if (name === '') refuse(pilot.unit, '', 'every row must name its unit; expected a unit name');
    else if (seen.has(name)) refuse(pilot.unit, name, `is already on row ${seen.get(name)}; expected each unit once in the roster`);
    else seen.set(name, row);
    const labels = design.blocks.map((column) => {
      const value = cell(column);
      if (value === '') refuse(column, '', `${name === '' ? 'this unit' : quoteValue(name)} has no block; expected a value in every block column`);
      return value;
    });
    let covariate: number | null = null;
    if (design.covariate !== null) {
      const raw = cell(design.covariate);
      const read = readNumber(raw, { delimiter });
      if (raw === '') refuse(design.covariate, '', `${name === '' ? 'this unit' : quoteValue(name)} has no value; expected a number for every unit (its pre-period value)`);
      else if (!read.ok) refuse(design.covariate, raw, read.expected);
      else covariate = read.value;
    }
    if (valid) units.push({ name, block: labels.join(BLOCK_SEPARATOR), covariate, row });
  }
  if (problems.length === 0 && units.length < FEWEST_UNITS) {
    problems.push(error({ file, message: `has ${count(units.length, 'unit')}; expected at least ${FEWEST_UNITS}, 2 per arm, for the arms to be compared at all` }));
  }
  if (problems.length > 0) throw new FieldproofError(problems);
  return { file, units };
}

/**
 * --verify: the assignment drawn again from the roster, the options and the
 * file's own seed, compared unit by unit with the committed file.
 */
async function verifyAssignment(
  root: string,
  pilot: Pilot & AssignmentPilot,
  pilotFile: string,
  roster: Roster,
  design: DesignOptions,
  effects: Effects,
  errorStyle: Paint,
): Promise<number> {
  const read = await readAssignmentFile(root, pilot, pilotFile);
  if (!read.ok) throw new FieldproofError(read.problems);
  const committed = read.assignment;
  const drawn = assignUnits(roster.units, { seed: committed.seed, pairs: design.pairOn !== null });
  const differences = compare(committed, drawn, roster, pilot, design.covariate);
  const summary = summarizeDesign(drawn);
  if (summary.design !== committed.design || committed.covariate !== design.covariate) {
    differences.unshift(
      error({
        file: committed.file,
        message: `was drawn as ${fileDesignWords(committed)}; the options given draw ${designWords(summary.design, design)}${design.covariate === null || summary.design === 'pairs' ? '' : ` with covariate ${quoteValue(design.covariate)}`}. Give the options it was drawn with`,
      }),
    );
  }
  if (differences.length > 0) {
    printProblems(differences, effects, errorStyle);
    return 1;
  }
  effects.stdout(
    `verified: ${committed.file} is the assignment seed ${committed.seed} gives for ${terminalText(roster.file)} (${count(drawn.length, 'unit')}, ${designWords(summary.design, design)}).\n`,
  );
  return 0;
}

function fileDesignWords(assignment: Assignment): string {
  const covariate = assignment.covariate === null ? '' : ` with covariate ${quoteValue(assignment.covariate)}`;
  if (assignment.design === 'pairs') return `matched pairs on ${quoteValue(assignment.covariate ?? '')}`;
  if (assignment.design === 'blocked') {
    const labels = [...new Set([...assignment.units.values()].map((record) => record.block))];
    return `blocked (${labels.length === 1 ? 'block' : 'blocks'} ${labels.slice(0, 5).map(quoteValue).join(', ')}${labels.length > 5 ? ', ...' : ''})${covariate}`;
  }
  return `complete randomization${covariate}`;
}

/** Each unit whose group, block, pair or covariate differs, and each unit in only one of the two. */
function compare(committed: Assignment, drawn: readonly AssignedUnit[], roster: Roster, pilot: Pilot, covariate: string | null): Problem[] {
  const problems: Problem[] = [];
  const file = committed.file;
  const label = (arm: 'pilot' | 'control') => (arm === 'pilot' ? pilot.group.pilot : pilot.group.control);
  const drawnNames = new Set(drawn.map((unit) => unit.name));
  for (const [index, unit] of drawn.entries()) {
    const record = committed.units.get(unit.name);
    const rosterRow = (roster.units[index] as { row: number }).row;
    if (record === undefined) {
      problems.push(error({ file, message: `${quoteValue(unit.name)} (${roster.file}, row ${rosterRow}) is in the roster but not in the assignment file` }));
      continue;
    }
    const differs = (column: string, written: string, derived: string) =>
      problems.push(
        error({
          file,
          row: record.row,
          column,
          value: written,
          message: `for ${quoteValue(unit.name)} the roster and seed ${committed.seed} give ${derived === '' ? `no ${column}` : quoteValue(derived)}`,
        }),
      );
    if (record.group !== unit.arm) differs(pilot.group.column, label(record.group), label(unit.arm));
    if (record.block !== unit.block) differs('block', record.block, unit.block);
    if (record.pair !== unit.pair) differs('pair', record.pair === null ? '' : String(record.pair), unit.pair === null ? '' : String(unit.pair));
    // A covariate of another name is said once, for the whole file (verifyAssignment).
    if (committed.covariate !== null && committed.covariate === covariate && record.covariate !== unit.covariate) {
      differs(committed.covariate, record.covariate === null ? '' : String(record.covariate), unit.covariate === null ? '' : String(unit.covariate));
    }
  }
  for (const [name, record] of committed.units) {
    if (!drawnNames.has(name)) {
      problems.push(error({ file, row: record.row, column: pilot.unit, value: name, message: `is in the assignment file but not in the roster ${roster.file}` }));
    }
  }
  return problems;
}
