/**
 * The `fieldproof` command: parses arguments, calls the core, prints.
 * Side effects come in through `Effects` so tests run it without mocks.
 *
 * Exit status: 0 success, 1 invalid input, 2 wrong usage.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findCodeRoot } from '../core/cache.ts';
import { analyzeProject } from '../core/project.ts';
import { FieldproofError, hasErrors } from '../core/problems.ts';
import { createProgress } from '../core/progress.ts';
import { defaultEffects, UsageError, type Effects } from './effects.ts';
import { analyzeNamedPilot, printProblems } from './named-pilot.ts';
import { parseArguments, refuseOptionsOf } from './options.ts';
import { analyzeQualificationCommand, namesQualification, qualificationLines } from './qualification.ts';
import { headlineTable, metricSummary } from './report.ts';
import { paint, type Paint } from './style.ts';
import { terminalJson, terminalText } from './terminal.ts';

export { defaultEffects, type Effects };

export const HELP = `fieldproof: pilot-versus-control evidence for sales pilots

Usage:
  fieldproof check                     validate every pilot and its data; print each headline
  fieldproof analyze <pilots/x.md>     analyse one pilot and print a readable summary
  fieldproof analyze <pilots/x.md> --json
                                       print the results document (JSON) and nothing else
  fieldproof plan --mean M --sd S --lift L
                                       units per arm to detect a relative lift L (0.1 or 10%)
  fieldproof plan <pilots/x.md> [--lift L] [--units N]
                                       what an existing pilot could detect, and units needed
  fieldproof assign <pilots/x.md> --roster R [--block C]... [--pair-on C | --covariate C] [--seed N]
                                       draw the pilot's random assignment from roster R into the
                                       file its "assignment:" key names (docs/assignment.md)
  fieldproof assign <pilots/x.md> --roster R [same options] --verify
                                       draw it again from the file's own seed and compare
  fieldproof sql <pilots/x.md> --dialect D [--table T]
                                       print the query that turns the raw table T into the
                                       pilot's per-unit sums (docs/warehouse.md); D is one of
                                       duckdb, bigquery, snowflake, postgres

Options:
  --root DIR         the repository with pilots/ and data/ (default: current directory)
  --mean M, --sd S   plan without a pilot: the control level and its spread between units
  --lift L           plan: the relative change to detect, 0.1 or 10%, from 0.01% to 1,000%
                     (default 5%, 10% and 20%)
  --confidence C     plan: the interval level (default 0.95, or the pilot's own)
  --power P          power for plan (default 0.8)
  --units N          plan: also show what N units per arm could detect
  --roster R         assign: the CSV of units to assign (the pilot's unit column, one row each)
  --block C          assign: randomize within each value of column C (repeat for more columns)
  --pair-on C        assign: matched pairs on the numeric pre-period column C
  --covariate C      assign: record column C and show the arms' balance on it
  --seed N           assign: a whole number from 0 to 2^53 (default: today's date, YYYYMMDD)
  --verify           assign: check the committed file instead of writing it
  --force            assign: replace an assignment file that differs (never silently)
  --dialect D        sql: the warehouse the query is for
  --table T          sql: the raw table, as the warehouse names it (default: the data file's name)
  --help             show this help
  --version          show the version

Exit status: 0 when everything is valid, 1 when input is invalid, 2 on wrong usage.
Methods: see the site's /methodology/ page or docs in the README.
`;

export async function main(argv: readonly string[], effects: Effects = defaultEffects()): Promise<number> {
  const style = paint(effects.stdoutIsTTY, effects.env);
  const errorStyle = paint(effects.stderrIsTTY, effects.env);
  try {
    const { values, positionals } = parseArguments(argv);
    if (values.version) {
      effects.stdout(`${await packageVersion()}\n`);
      return 0;
    }
    const [command, ...rest] = positionals;
    if (values.help || command === undefined || command === 'help') {
      effects.stdout(HELP);
      return command === undefined && !values.help ? 2 : 0;
    }
    refuseOptionsOf(command, values, rest);
    const root = path.resolve(effects.cwd, values.root ?? '.');
    if (values.root !== undefined && !(await isFolder(root))) throw new UsageError(`--root ${values.root}: no such folder`);
    switch (command) {
      case 'check':
        if (rest.length > 0) throw new UsageError(`check takes no arguments, got ${rest.join(' ')}`);
        return await check(root, effects, style, errorStyle);
      case 'analyze': {
        if (rest.length !== 1) throw new UsageError('analyze needs exactly one pilot file, e.g. fieldproof analyze pilots/nurture.md');
        return await analyze(root, rest[0] as string, values.json === true, effects, style, errorStyle);
      }
      case 'plan':
        // Loaded when asked for, like assign and sql: `check`, run after every edit, never loads them.
        return await (await import('./plan.ts')).planCommand(root, rest, values, effects, style, errorStyle);
      case 'assign':
        return await (await import('./assign.ts')).assignCommand(root, rest, values, effects, style, errorStyle);
      case 'sql':
        return await (await import('./sql.ts')).sqlCommand(root, rest, values, effects);
      default:
        throw new UsageError(`unknown command "${command}"; expected check, analyze, plan, assign or sql`);
    }
  } catch (cause) {
    if (cause instanceof UsageError || (cause as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      effects.stderr(`${errorStyle.red('fieldproof:')} ${terminalText((cause as Error).message)}\nRun "fieldproof --help" for usage.\n`);
      return 2;
    }
    if (cause instanceof FieldproofError) {
      printProblems(cause.problems, effects, errorStyle);
      return cause.exitCode;
    }
    throw cause;
  }
}

async function isFolder(folder: string): Promise<boolean> {
  return stat(folder).then(
    (info) => info.isDirectory(),
    () => false,
  );
}

/** The checkout's package.json, found from the code's root: this module may run from src/ or from the bundle (scripts/bundle-cli.ts). */
async function packageVersion(): Promise<string> {
  const root = findCodeRoot() ?? fileURLToPath(new URL('../..', import.meta.url));
  return (JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
}

async function check(root: string, effects: Effects, style: Paint, errorStyle: Paint): Promise<number> {
  const progress = createProgress(effects);
  const store = (await effects.evidenceStore?.(root)) ?? null;
  const project = await analyzeProject(root, { includeDrafts: true, progress: progress.update, store });
  progress.done();
  printProblems(project.problems, effects, errorStyle);
  if (project.pilots.length > 0 || project.plans.length > 0) effects.stdout(headlineTable(project.pilots, style, project.plans));
  else if (!hasErrors(project.problems) && project.qualifications.length === 0) effects.stdout('No pilots yet: add a markdown file to pilots/ (see the README).\n');
  effects.stdout(qualificationLines(project.qualifications));
  return hasErrors(project.problems) ? 1 : 0;
}

async function analyze(root: string, file: string, json: boolean, effects: Effects, style: Paint, errorStyle: Paint): Promise<number> {
  if (await namesQualification(root, file, effects)) return analyzeQualificationCommand(root, file, json, effects, style, errorStyle);
  const analysed = await analyzeNamedPilot(root, file, effects, errorStyle, { evidenceLevel: true, checkStories: false });
  if (analysed === null) return 1;
  const { pilot, problems } = analysed;
  if (json) {
    // Standard output carries the document and nothing else; its warnings are inside it,
    // and the loader's (which may name units, so are never in the document) go to standard error.
    printProblems(problems.filter((problem) => problem.published !== true), effects, errorStyle);
    effects.stdout(`${terminalJson(pilot.results)}\n`);
    return 0;
  }
  printProblems(problems, effects, errorStyle);
  effects.stdout(metricSummary(pilot, style));
  return 0;
}
