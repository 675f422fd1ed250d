import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assignUnits, type RosterUnit } from '../../../src/core/design/assign.ts';
import {
  formatAssignmentFile,
  readAssignmentFile,
  writeAssignmentFile,
  type Assignment,
  type AssignmentPilot,
} from '../../../src/core/design/assignment-file.ts';
import { formatProblem, type Problem } from '../../../src/core/problems.ts';
import { makeProject } from '../../support/project.ts';

const PILOT: AssignmentPilot = { unit: 'rep', group: { column: 'group', pilot: 'pilot', control: 'control' }, assignment: 'assignments/trial.csv' };
const LABELLED: AssignmentPilot = { unit: 'Rep', group: { column: 'arm', pilot: 'Pilot', control: 'Control' }, assignment: 'trial-assignment.csv' };
const PILOT_FILE = 'pilots/trial.md';

const REPS: RosterUnit[] = [
  { name: 'Ana Silva', block: 'East', covariate: 4120 },
  { name: 'Ben Okafor', block: 'East', covariate: 3870 },
  { name: 'Carla Diaz', block: 'East', covariate: 5010 },
  { name: 'Dev Patel', block: 'West', covariate: 2950 },
  { name: 'Emma Li', block: 'West', covariate: 4480 },
  { name: 'Femi Ade', block: 'West', covariate: 3300.5 },
];

/** The blocked worked example of docs/assignment.md, with its covariate. */
const BLOCKED_TEXT = [
  'rep,block,pair,group,seed,pre_revenue',
  'Ana Silva,East,,control,20260601,4120',
  'Ben Okafor,East,,pilot,20260601,3870',
  'Carla Diaz,East,,pilot,20260601,5010',
  'Dev Patel,West,,control,20260601,2950',
  'Emma Li,West,,control,20260601,4480',
  'Femi Ade,West,,pilot,20260601,3300.5',
  '',
].join('\n');

async function readBack(files: Record<string, string | Buffer>, pilot: AssignmentPilot = PILOT) {
  const root = await makeProject(files);
  return readAssignmentFile(root, pilot, PILOT_FILE);
}

async function problemsOf(text: string, pilot: AssignmentPilot = PILOT): Promise<string[]> {
  const read = await readBack({ [`data/${pilot.assignment}`]: text }, pilot);
  expect(read.ok).toBe(false);
  return read.ok ? [] : read.problems.map(formatProblem);
}

const HEADER = 'rep,block,pair,group,seed';

describe('formatAssignmentFile', () => {
  it('writes a header and one row per unit in roster order: unit, block, pair, group, seed, covariate', () => {
    const units = assignUnits(REPS, { seed: '20260601', pairs: false });
    expect(formatAssignmentFile(PILOT, { seed: '20260601', covariate: 'pre_revenue', units })).toBe(BLOCKED_TEXT);
  });

  it('uses the pilot\'s own columns and labels, numbers pairs, and quotes only cells that need it', () => {
    const units = assignUnits(
      [
        { name: 'Okafor, Ben', block: '', covariate: 1 },
        { name: 'Ana "the closer" Silva', block: '', covariate: 2 },
        { name: ' padded', block: '', covariate: 3 },
        { name: 'Dev', block: '', covariate: 4 },
      ],
      { seed: '5', pairs: true },
    );
    const text = formatAssignmentFile(LABELLED, { seed: '5', covariate: null, units });
    expect(text.split('\n')[0]).toBe('Rep,block,pair,arm,seed');
    expect(text).toContain('"Okafor, Ben",,1,');
    expect(text).toContain('"Ana ""the closer"" Silva",,1,');
    expect(text).toContain('" padded",,2,');
    expect(text).toMatch(/^Dev,,2,(Pilot|Control),5$/m);
  });

  it('refuses a column name used twice', () => {
    expect(() => formatAssignmentFile({ ...PILOT, unit: 'seed' }, { seed: '1', covariate: null, units: [] })).toThrow(
      'the unit column (key "unit") and the file\'s own column would both be the assignment file\'s column "seed"; rename one',
    );
  });
});

describe('readAssignmentFile', () => {
  it('reads back what was written', async () => {
    const units = assignUnits(REPS, { seed: '20260601', pairs: true });
    const text = formatAssignmentFile(PILOT, { seed: '20260601', covariate: 'pre_revenue', units });
    const read = await readBack({ 'data/assignments/trial.csv': text });
    expect(read).toEqual({
      ok: true,
      assignment: {
        file: 'data/assignments/trial.csv',
        design: 'pairs',
        seed: '20260601',
        covariate: 'pre_revenue',
        units: new Map(units.map((unit, index) => [unit.name, { group: unit.arm, block: unit.block, pair: unit.pair, covariate: unit.covariate, row: index + 2 }])),
      } satisfies Assignment,
    });
  });

  it('knows the design: complete, blocked or pairs', async () => {
    const complete = await readBack({ 'data/assignments/trial.csv': `${HEADER}\na,,,pilot,1\nb,,,control,1\nc,,,pilot,1\nd,,,control,1\n` });
    expect(complete.ok && [complete.assignment.design, complete.assignment.covariate]).toEqual(['complete', null]);
    const blocked = await readBack({ 'data/assignments/trial.csv': BLOCKED_TEXT });
    expect(blocked.ok && blocked.assignment.design).toBe('blocked');
    expect(blocked.ok && blocked.assignment.units.get('Femi Ade')).toEqual({ group: 'pilot', block: 'West', pair: null, covariate: 3300.5, row: 7 });
  });

  it('reads the file as a spreadsheet saves it again: a byte-order mark, ";" and decimal commas', async () => {
    const resaved = `\uFEFFrep;block;pair;group;seed;pre_revenue\r\nAna Silva;East;;control;20260601;4120,5\r\nBen Okafor;East;;pilot;20260601;3870\r\n\r\n`;
    const read = await readBack({ 'data/assignments/trial.csv': resaved });
    expect(read.ok && [...read.assignment.units].map(([name, record]) => [name, record.covariate])).toEqual([
      ['Ana Silva', 4120.5],
      ['Ben Okafor', 3870],
    ]);
  });

  it('says to run fieldproof assign when the file does not exist, and refuses paths out of data/', async () => {
    const missing = await readBack({});
    expect(missing.ok === false && missing.problems.map(formatProblem)).toEqual([
      'pilots/trial.md, key "assignment": "assignments/trial.csv": no such file: data/assignments/trial.csv; run "fieldproof assign pilots/trial.md --roster <roster.csv>" to write it, and commit it before the pilot starts',
    ]);
    const outside = await readBack({}, { ...PILOT, assignment: '../pilots/trial.md' });
    expect(outside.ok === false && outside.problems.map(formatProblem)).toEqual([
      'pilots/trial.md, key "assignment": "../pilots/trial.md": leads outside the data/ folder; expected a path relative to data/, e.g. nurture-q2.csv',
    ]);
    const unset = await readBack({}, { ...PILOT, assignment: undefined });
    expect(unset.ok === false && unset.problems.map(formatProblem)).toEqual([
      'pilots/trial.md, key "assignment": is not set; expected the assignment file\'s path relative to data/, e.g. assignment: assignments/trial.csv',
    ]);
  });

  it('refuses a blank or duplicate unit, a group that is neither label, a malformed pair or seed, and seeds that differ', async () => {
    const text = [
      HEADER,
      'a,,,pilot,7',
      ',,,control,7',
      'a,,,control,7',
      'b,,,Pilot,7',
      'c,,x,control,7',
      'd,,,control,07',
      'e,,,control,8',
      'f,,,control,9007199254740993',
    ].join('\n');
    expect(await problemsOf(text)).toEqual([
      'data/assignments/trial.csv, row 3, column "rep": "": every row must name its unit; expected a unit name',
      'data/assignments/trial.csv, row 4, column "rep": "a": is already on row 2; expected each unit once',
      'data/assignments/trial.csv, row 5, column "group": "Pilot": is neither the pilot label "pilot" nor the control label "control"; expected one of them exactly',
      'data/assignments/trial.csv, row 6, column "pair": "x": expected a pair number (1, 2, ...), or nothing when the units are not in matched pairs',
      'data/assignments/trial.csv, row 7, column "seed": "07": expected the seed: a whole number from 0 to 9007199254740992 (2^53), written without leading zeros',
      'data/assignments/trial.csv, row 8, column "seed": "8": differs from the seed 7 on row 2; expected one seed for the whole file',
      'data/assignments/trial.csv, row 9, column "seed": "9007199254740993": expected the seed: a whole number from 0 to 9007199254740992 (2^53), written without leading zeros',
    ]);
  });

  it('refuses blocks and pairs that do not hold together', async () => {
    const text = [HEADER, 'a,East,1,pilot,7', 'b,,1,control,7', 'c,East,1,control,7', 'd,East,2,pilot,7', 'e,East,2,pilot,7', 'f,East,,control,7'].join('\n');
    expect(await problemsOf(text)).toEqual([
      'data/assignments/trial.csv, row 3, column "block": "": "b" has no block while row 2 names one; expected every unit\'s block, or none',
      'data/assignments/trial.csv, row 7, column "pair": "": "f" has no pair while row 2 has one; expected every unit\'s pair number, or none',
      'data/assignments/trial.csv, row 6, column "pair": "2": pair 2 of block "East" already has a pilot unit (row 5); expected one pilot and one control unit in each pair',
    ]);
    const crowded = [HEADER, 'a,,1,pilot,7', 'b,,1,control,7', 'c,,1,control,7', 'd,,2,pilot,7'].join('\n');
    expect(await problemsOf(crowded)).toEqual([
      'data/assignments/trial.csv, row 4, column "pair": "1": pair 1 already has 2 units (rows 2 and 3); expected at most 2 units per pair',
    ]);
  });

  it('refuses a header it did not write, listing the columns', async () => {
    expect(await problemsOf('rep,group,seed\na,pilot,1\n')).toEqual([
      'data/assignments/trial.csv, row 1, column "block": is not in the header; expected the columns fieldproof assign writes: "rep", "block", "pair", "group", "seed" and perhaps a covariate. The columns are: "rep", "group", "seed"',
      'data/assignments/trial.csv, row 1, column "pair": is not in the header; expected the columns fieldproof assign writes: "rep", "block", "pair", "group", "seed" and perhaps a covariate. The columns are: "rep", "group", "seed"',
    ]);
    expect(await problemsOf(`${HEADER},x,y\na,,,pilot,1,2,3\n`)).toEqual([
      'data/assignments/trial.csv, row 1, column "y": is one column too many; expected the columns fieldproof assign writes: "rep", "block", "pair", "group", "seed" and perhaps a covariate (here "x")',
    ]);
    expect(await problemsOf(`${HEADER},x\na,,,pilot,1,lots\n`)).toEqual([
      'data/assignments/trial.csv, row 2, column "x": "lots": expected a number, e.g. 1200, 1,200.50, $1,200 or 12%',
    ]);
    expect(await problemsOf(`${HEADER}\n`)).toEqual([
      'data/assignments/trial.csv: the file has no units; expected one row per unit below the header, as fieldproof assign writes it',
    ]);
  });
});

describe('writeAssignmentFile', () => {
  const write = (root: string, text: string, force = false, pilot: AssignmentPilot = PILOT) => writeAssignmentFile(root, pilot, PILOT_FILE, text, { force });
  const messages = (result: { ok: true } | { ok: false; problems: Problem[] }) => (result.ok ? [] : result.problems.map(formatProblem));

  it('writes into data/, making its folder, and leaves no temporary file', async () => {
    const root = await makeProject({});
    expect(await write(root, BLOCKED_TEXT)).toEqual({ ok: true, file: 'data/assignments/trial.csv', outcome: 'written' });
    expect(await readFile(path.join(root, 'data/assignments/trial.csv'), 'utf8')).toBe(BLOCKED_TEXT);
    expect(await readdir(path.join(root, 'data/assignments'))).toEqual(['trial.csv']);
  });

  it('leaves an identical file alone, and refuses to redraw a different one without force', async () => {
    const root = await makeProject({ 'data/assignments/trial.csv': BLOCKED_TEXT });
    expect(await write(root, BLOCKED_TEXT)).toEqual({ ok: true, file: 'data/assignments/trial.csv', outcome: 'unchanged' });
    const redrawn = BLOCKED_TEXT.replace('Ana Silva,East,,control', 'Ana Silva,East,,pilot');
    expect(messages(await write(root, redrawn))).toEqual([
      'data/assignments/trial.csv: already holds a different assignment; a committed assignment must not be redrawn silently (the evidence rests on it being drawn before the pilot started). Check it with "fieldproof assign pilots/trial.md --roster <roster.csv> --verify", or add --force to replace it',
    ]);
    expect(await readFile(path.join(root, 'data/assignments/trial.csv'), 'utf8')).toBe(BLOCKED_TEXT);
    expect(await write(root, redrawn, true)).toEqual({ ok: true, file: 'data/assignments/trial.csv', outcome: 'replaced' });
    expect(await readFile(path.join(root, 'data/assignments/trial.csv'), 'utf8')).toBe(redrawn);
    expect(await readdir(path.join(root, 'data/assignments'))).toEqual(['trial.csv']);
  });

  it('never writes outside data/, by path or through a link', async () => {
    const root = await makeProject({});
    expect(messages(await write(root, BLOCKED_TEXT, false, { ...PILOT, assignment: '../pilots/x.csv' }))).toEqual([
      'pilots/trial.md, key "assignment": "../pilots/x.csv": leads outside the data/ folder; expected a path relative to data/, e.g. assignments/pilot.csv',
    ]);
    const outside = path.join(root, 'elsewhere');
    await mkdir(outside);
    await symlink(outside, path.join(root, 'data', 'linked'));
    expect(messages(await write(root, BLOCKED_TEXT, false, { ...PILOT, assignment: 'linked/deeper/x.csv' }))).toEqual([
      'pilots/trial.md, key "assignment": "linked/deeper/x.csv": goes through a link that leads outside the data/ folder; expected a path inside data/',
    ]);
    await writeFile(path.join(outside, 'x.csv'), 'theirs');
    expect(messages(await write(root, BLOCKED_TEXT, true, { ...PILOT, assignment: 'linked/x.csv' }))).toEqual([
      'pilots/trial.md, key "assignment": "linked/x.csv": is a link that leads outside the data/ folder; expected a file inside data/',
    ]);
    expect(await readFile(path.join(outside, 'x.csv'), 'utf8')).toBe('theirs');
    expect(await readdir(outside)).toEqual(['x.csv']);
  });
});
