import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { readAssignmentFile } from '../../src/core/design/assignment-file.ts';
import { makeProject, pilotMarkdown } from '../support/project.ts';

const FRONTMATTER = `
title: Follow-up call after each hand-off
status: running
hypothesis: A follow-up call the day after each hand-off wins more deals.
started: 2026-06-01
data: follow-up.csv
unit: rep
assignment: assignments/follow-up.csv
metrics:
  - { id: revenue, label: Revenue per rep, type: mean, column: revenue }
`;

/** The worked example of docs/assignment.md. */
const ROSTER = [
  'rep,region,pre_revenue',
  'Ana Silva,East,4120',
  'Ben Okafor,East,3870',
  'Carla Diaz,East,5010',
  'Dev Patel,West,2950',
  'Emma Li,West,4480',
  'Femi Ade,West,3300',
  '',
].join('\n');

const ASSIGNMENT = 'data/assignments/follow-up.csv';

async function project(files: Record<string, string> = {}, frontmatter = FRONTMATTER) {
  return makeProject({ 'pilots/follow-up.md': pilotMarkdown(frontmatter), 'data/reps.csv': ROSTER, ...files });
}

async function run(root: string, argv: string[], options: { now?: number } = {}) {
  return runCli(argv, { cwd: root, now: options.now ?? Date.UTC(2026, 4, 20, 15) });
}

const assign = (root: string, ...options: string[]) => run(root, ['assign', 'pilots/follow-up.md', '--roster', 'data/reps.csv', ...options]);
const written = (root: string) => readFile(path.join(root, ASSIGNMENT), 'utf8');

describe('fieldproof assign', () => {
  it('blocked: writes the file, and prints the arms per block, the balance and the smallest attainable p', async () => {
    const root = await project();
    const { code, stdout, stderr } = await assign(root, '--block', 'region', '--covariate', 'pre_revenue', '--seed', '20260601');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(await written(root)).toBe(
      [
        'rep,block,pair,group,seed,pre_revenue',
        'Ana Silva,East,,control,20260601,4120',
        'Ben Okafor,East,,pilot,20260601,3870',
        'Carla Diaz,East,,pilot,20260601,5010',
        'Dev Patel,West,,control,20260601,2950',
        'Emma Li,West,,control,20260601,4480',
        'Femi Ade,West,,pilot,20260601,3300',
        '',
      ].join('\n'),
    );
    expect(stdout).toBe(
      [
        'Assigned 6 units of data/reps.csv for pilots/follow-up.md: blocked on "region", seed 20260601',
        'Balance of "pre_revenue": its mean per unit in each arm, and their difference in standard deviations:',
        '  block  pilot  control  pilot mean  control mean  std. difference',
        '  East       2        1       4,440         4,120                –',
        '  West       1        2       3,300         3,715                –',
        '  all        3        3       4,060         3,850           +0.251',
        'Smallest attainable randomization p: 1/9 (p = 0.11), above 0.05: no effect, however large, can be shown at 95% confidence with this design; add units.',
        '',
        'Wrote data/assignments/follow-up.csv. Commit it with the pilot file before the pilot starts, so the report can show it was drawn first:',
        "  git add data/assignments/follow-up.csv pilots/follow-up.md && git commit -m 'Assignment for pilots/follow-up.md'",
        'Anyone can check it: fieldproof assign pilots/follow-up.md --roster data/reps.csv --block region --covariate pre_revenue --verify',
        '',
      ].join('\n'),
    );
    const read = await readAssignmentFile(root, { unit: 'rep', group: { column: 'group', pilot: 'pilot', control: 'control' }, assignment: 'assignments/follow-up.csv' }, 'pilots/follow-up.md');
    expect(read.ok && [read.assignment.design, read.assignment.seed, read.assignment.covariate, read.assignment.units.size]).toEqual(['blocked', '20260601', 'pre_revenue', 6]);
  });

  it('complete, with the seed of the day when none is given', async () => {
    const root = await project();
    const { code, stdout } = await assign(root);
    expect(code).toBe(0);
    expect(stdout.split('\n').slice(0, 4)).toEqual([
      "Assigned 6 units of data/reps.csv for pilots/follow-up.md: complete randomization, seed 20260520 (today's date, as no --seed was given)",
      '  block  pilot  control',
      '  all        3        3',
      'Smallest attainable randomization p: 2/20 (p = 0.10), above 0.05: no effect, however large, can be shown at 95% confidence with this design; add units.',
    ]);
    const text = await written(root);
    expect(text.split('\n')[0]).toBe('rep,block,pair,group,seed');
    expect(text.split('\n').slice(1, -1).every((line) => line.endsWith(',20260520'))).toBe(true);
  });

  it('matched pairs on a covariate, in the pilot\'s own group column and labels', async () => {
    const root = await project({}, `${FRONTMATTER}group: { column: arm, pilot: Pilot, control: Control }\n`);
    const { code, stdout } = await assign(root, '--pair-on', 'pre_revenue', '--seed', '20260601');
    expect(code).toBe(0);
    expect(await written(root)).toBe(
      [
        'rep,block,pair,arm,seed,pre_revenue',
        'Ana Silva,,2,Control,20260601,4120',
        'Ben Okafor,,2,Pilot,20260601,3870',
        'Carla Diaz,,3,Pilot,20260601,5010',
        'Dev Patel,,1,Control,20260601,2950',
        'Emma Li,,3,Control,20260601,4480',
        'Femi Ade,,1,Pilot,20260601,3300',
        '',
      ].join('\n'),
    );
    expect(stdout).toContain('matched pairs on "pre_revenue", seed 20260601\n');
    expect(stdout).toContain('  all        3        3      3       4,060         3,850           +0.251\n');
    expect(stdout).toContain('Smallest attainable randomization p: 2/8 (p = 0.25), above 0.05');
  });

  it('says when a design can reach the pilot\'s level', async () => {
    const rows = Array.from({ length: 12 }, (_, index) => `rep ${index + 1},${index % 2 ? 'East' : 'West'},${1000 + index * 10}`);
    const root = await project({ 'data/reps.csv': `rep,region,pre_revenue\n${rows.join('\n')}\n` });
    const { stdout } = await assign(root, '--block', 'region', '--seed', '1');
    // C(6, 3) x C(6, 3) = 400 assignments, and swapping the arms ties the most extreme.
    expect(stdout).toContain('Smallest attainable randomization p: 2/400 (p = 0.005), at most 0.05: a large enough effect can be shown at 95% confidence.\n');
  });

  it('reads a roster as spreadsheets export it: a byte-order mark, ";" and decimal commas', async () => {
    const exported = `\uFEFFrep;region;pre_revenue\r\nAna Silva;East;4.120,50\r\nBen Okafor;East;3.870\r\nCarla Diaz;West;5.010\r\nDev Patel;West;2.950\r\n`;
    const root = await project({ 'data/reps.csv': exported });
    const { code } = await assign(root, '--pair-on', 'pre_revenue', '--seed', '3');
    expect(code).toBe(0);
    expect((await written(root)).split('\n').map((line) => line.split(',').at(-1))).toEqual(['pre_revenue', '4120.5', '3870', '5010', '2950', '']);
  });

  it('leaves a file alone when it is drawn again the same, and refuses to redraw a different one without --force', async () => {
    const root = await project();
    await assign(root, '--seed', '1');
    const first = await written(root);
    const again = await assign(root, '--seed', '1');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('\ndata/assignments/follow-up.csv already holds this assignment: nothing changed.\n');
    const redrawn = await assign(root, '--seed', '2');
    expect(redrawn.code).toBe(1);
    expect(redrawn.stdout).toBe('');
    expect(redrawn.stderr).toBe(
      'error data/assignments/follow-up.csv: already holds a different assignment; a committed assignment must not be redrawn silently (the evidence rests on it being drawn before the pilot started). Check it with "fieldproof assign pilots/follow-up.md --roster <roster.csv> --verify", or add --force to replace it\n\n1 error.\n',
    );
    expect(await written(root)).toBe(first);
    const forced = await assign(root, '--seed', '2', '--force');
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('\nReplaced data/assignments/follow-up.csv.');
    expect(await written(root)).not.toBe(first);
    expect(await readdir(path.join(root, 'data/assignments'))).toEqual(['follow-up.csv']);
  });
});

describe('fieldproof assign --verify', () => {
  it('passes when the roster, the options and the file\'s seed give the committed file', async () => {
    const root = await project();
    await assign(root, '--block', 'region', '--pair-on', 'pre_revenue', '--seed', '77');
    const { code, stdout, stderr } = await assign(root, '--block', 'region', '--pair-on', 'pre_revenue', '--verify');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(
      'verified: data/assignments/follow-up.csv is the assignment seed 77 gives for data/reps.csv (6 units, matched pairs on "pre_revenue" within blocks of "region").\n',
    );
  });

  it('catches a unit whose group was flipped, naming it', async () => {
    const root = await project();
    await assign(root, '--block', 'region', '--seed', '20260601');
    await writeFile(path.join(root, ASSIGNMENT), (await written(root)).replace('Ana Silva,East,,control', 'Ana Silva,East,,pilot'));
    const { code, stdout, stderr } = await assign(root, '--block', 'region', '--verify');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'error data/assignments/follow-up.csv, row 2, column "group": "pilot": for "Ana Silva" the roster and seed 20260601 give "control"\n\n1 error.\n',
    );
  });

  it('catches a roster changed since: a unit renamed changes the draw', async () => {
    const root = await project();
    await assign(root, '--seed', '20260601');
    await writeFile(path.join(root, 'data/reps.csv'), ROSTER.replace('Emma Li', 'Emma Lee'));
    const { code, stderr } = await assign(root, '--verify');
    expect(code).toBe(1);
    expect(stderr).toBe(
      [
        // Emma Lee's key sorts before Ben Okafor's: the whole draw moves, and says so unit by unit.
        'error data/assignments/follow-up.csv, row 3, column "group": "pilot": for "Ben Okafor" the roster and seed 20260601 give "control"',
        'error data/assignments/follow-up.csv: "Emma Lee" (data/reps.csv, row 6) is in the roster but not in the assignment file',
        'error data/assignments/follow-up.csv, row 6, column "rep": "Emma Li": is in the assignment file but not in the roster data/reps.csv',
        '',
        '3 errors.',
        '',
      ].join('\n'),
    );
  });

  it('says which design the file was drawn with when the options differ', async () => {
    const root = await project();
    await assign(root, '--block', 'region', '--seed', '20260601');
    const { code, stderr } = await assign(root, '--verify');
    expect(code).toBe(1);
    expect(stderr.split('\n')[0]).toBe(
      'error data/assignments/follow-up.csv: was drawn as blocked (blocks "East", "West"); the options given draw complete randomization. Give the options it was drawn with',
    );
    expect(stderr).toContain('error data/assignments/follow-up.csv, row 2, column "block": "East": for "Ana Silva" the roster and seed 20260601 give no block\n');
  });

  it('says to run fieldproof assign when there is no file yet', async () => {
    const root = await project();
    const { code, stderr } = await assign(root, '--verify');
    expect(code).toBe(1);
    expect(stderr).toBe(
      'error pilots/follow-up.md, key "assignment": "assignments/follow-up.csv": no such file: data/assignments/follow-up.csv; run "fieldproof assign pilots/follow-up.md --roster <roster.csv>" to write it, and commit it before the pilot starts\n\n1 error.\n',
    );
  });
});

describe('fieldproof assign refuses', () => {
  const refusal = async (roster: string, ...options: string[]) => {
    const root = await project({ 'data/reps.csv': roster });
    const result = await assign(root, ...options);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(await readdir(path.join(root, 'data'))).toEqual(['reps.csv']);
    return result.stderr;
  };

  it('a blank or duplicate unit, a blank block and a covariate that is not a number, all at once', async () => {
    const roster = ['rep,region,pre_revenue', 'Ana Silva,East,4120', ',East,3870', 'Ana Silva,West,5010', 'Dev Patel,,2950', 'Emma Li,West,n/a', 'Femi Ade,West,', ',,', ''].join('\n');
    expect(await refusal(roster, '--block', 'region', '--covariate', 'pre_revenue')).toBe(
      [
        'error data/reps.csv, row 3, column "rep": "": every row must name its unit; expected a unit name',
        'error data/reps.csv, row 4, column "rep": "Ana Silva": is already on row 2; expected each unit once in the roster',
        'error data/reps.csv, row 5, column "region": "": "Dev Patel" has no block; expected a value in every block column',
        'error data/reps.csv, row 6, column "pre_revenue": "n/a": expected a number, e.g. 1200, 1,200.50, $1,200 or 12%',
        'error data/reps.csv, row 7, column "pre_revenue": "": "Femi Ade" has no value; expected a number for every unit (its pre-period value)',
        '',
        '5 errors.',
        '',
      ].join('\n'),
    );
  });

  it('a roster without the unit column, or a named column, listing the columns it has', async () => {
    expect(await refusal('Rep,Region\nAna,East\n', '--block', 'region')).toBe(
      [
        'error data/reps.csv, row 1, column "rep": the unit column (key "unit" in pilots/follow-up.md) is not in the header; did you mean "Rep"? Names must match exactly. The columns are: "Rep", "Region"',
        'error data/reps.csv, row 1, column "region": a block column (--block) is not in the header; did you mean "Region"? Names must match exactly. The columns are: "Rep", "Region"',
        '',
        '2 errors.',
        '',
      ].join('\n'),
    );
    expect(await refusal(ROSTER, '--pair-on', 'revenue')).toBe(
      'error data/reps.csv, row 1, column "revenue": the covariate (--pair-on) is not in the header. The columns are: "rep", "region", "pre_revenue"\n\n1 error.\n',
    );
  });

  it('fewer than 4 units', async () => {
    expect(await refusal('rep\nAna\nBen\nCarla\n\n')).toBe('error data/reps.csv: has 3 units; expected at least 4, 2 per arm, for the arms to be compared at all\n\n1 error.\n');
  });

  it('a pilot without assignment:', async () => {
    const root = await project({}, FRONTMATTER.replace('assignment: assignments/follow-up.csv\n', ''));
    const { code, stderr } = await assign(root);
    expect(code).toBe(1);
    expect(stderr).toBe(
      'error pilots/follow-up.md, key "assignment": is not set; add the file to write, relative to data/, to the frontmatter, e.g. assignment: assignments/follow-up.csv\n\n1 error.\n',
    );
  });

  it('an assignment file outside data/', async () => {
    const root = await project({}, FRONTMATTER.replace('assignments/follow-up.csv', '../pilots/follow-up.csv'));
    const { code, stderr } = await assign(root);
    expect(code).toBe(1);
    expect(stderr).toBe(
      'error pilots/follow-up.md, key "assignment": "../pilots/follow-up.csv": leads outside the data/ folder; expected a path relative to data/, e.g. assignments/pilot.csv\n\n1 error.\n',
    );
    expect(await readdir(path.join(root, 'pilots'))).toEqual(['follow-up.md']);
  });

  it('wrong usage, with exit status 2', async () => {
    const root = await project();
    const usage = async (...argv: string[]) => {
      const result = await run(root, argv);
      expect(result.code).toBe(2);
      return result.stderr.split('\n')[0];
    };
    expect(await usage('assign', 'pilots/follow-up.md')).toBe('fieldproof: assign needs --roster <csv>: the units to assign, one row each, e.g. --roster data/reps.csv');
    expect(await usage('assign', '--roster', 'data/reps.csv')).toBe('fieldproof: assign needs exactly one pilot file, e.g. fieldproof assign pilots/nurture.md --roster data/reps.csv');
    expect(await usage('assign', 'pilots/follow-up.md', '--roster', 'data/reps.csv', '--seed', '-3')).toBe(
      'fieldproof: --seed expects a whole number from 0 to 9007199254740992 (2^53), e.g. 20260601; got "-3"',
    );
    expect(await usage('assign', 'pilots/follow-up.md', '--roster', 'data/reps.csv', '--seed', '1', '--verify')).toBe('fieldproof: --verify takes the seed from the assignment file; drop --seed');
    expect(await usage('assign', 'pilots/follow-up.md', '--roster', 'data/reps.csv', '--pair-on', 'a', '--covariate', 'b')).toBe('fieldproof: --pair-on a already names the covariate; drop --covariate b');
    expect(await usage('assign', 'pilots/follow-up.md', '--roster', 'data/reps.csv', '--block', 'region', '--block', 'region')).toBe(
      'fieldproof: --block region is given twice; give each block column once',
    );
    expect(await usage('assign', 'pilots/follow-up.md', '--roster', 'data/missing.csv')).toBe('fieldproof: --roster data/missing.csv: no such file');
    expect(await usage('assign', 'pilots/follow-up.md', '--roster', 'data/reps.csv', '--lift', '10%')).toBe('fieldproof: assign has no option --lift (it is an option of plan)');
    expect(await usage('plan', '--roster', 'data/reps.csv')).toBe('fieldproof: plan has no option --roster (it is an option of assign)');
  });
});
