/**
 * The `fieldproof` command: parses arguments, calls the core, prints.
 * Side effects come in through `Effects` so tests run it without mocks.
 *
 * Exit status: 0 success, 1 invalid input, 2 wrong usage.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { PilotEvidence } from '../core/evidence.ts';
import { analyzeProject, asReported } from '../core/project.ts';
import { FieldproofError, formatProblem, warning, type Problem } from '../core/problems.ts';
import { planCommand } from './plan.ts';
import { headlineTable, metricSummary } from './report.ts';
import { createProgress } from './progress.ts';
import { paint, type Paint } from './style.ts';
import { terminalJson, terminalText } from './terminal.ts';

export interface Effects {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Whether stdout / stderr are terminals (colour, live progress). */
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  now: () => number;
}

export const defaultEffects = (): Effects => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  now: () => Date.now(),
});

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

Options:
  --root DIR         the repository with pilots/ and data/ (default: current directory)
  --mean M, --sd S   plan without a pilot: the control level and its spread between units
  --lift L           plan: the relative change to detect, 0.1 or 10% (default 5%, 10% and 20%)
  --confidence C     plan: the interval level (default 0.95, or the pilot's own)
  --power P          power for plan (default 0.8)
  --units N          plan: also show what N units per arm could detect
  --help             show this help
  --version          show the version

Exit status: 0 when everything is valid, 1 when input is invalid, 2 on wrong usage.
Methods: see the site's /methodology/ page or docs in the README.
`;

class UsageError extends Error {}

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
        return await planCommand(root, rest, values, effects, style, errorStyle, (message) => new UsageError(message));
      default:
        throw new UsageError(`unknown command "${command}"; expected check, analyze or plan`);
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

const OPTIONS = {
  root: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  mean: { type: 'string' },
  sd: { type: 'string' },
  lift: { type: 'string' },
  confidence: { type: 'string' },
  power: { type: 'string' },
  units: { type: 'string' },
} as const;

/** Options that take a value; a negative number after one is its value, not another option. */
const VALUE_OPTIONS = new Set(Object.entries(OPTIONS).flatMap(([name, option]) => (option.type === 'string' ? [`--${name}`] : [])));

function parseArguments(argv: readonly string[]) {
  // parseArgs reads "--lift -5%" as two options; "--lift=-5%" is what was meant.
  const args: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] as string;
    const next = argv[index + 1];
    if (VALUE_OPTIONS.has(arg) && next !== undefined && /^[-\u2212]\.?\d/.test(next)) {
      args.push(`${arg}=${next}`);
      index += 1;
    } else args.push(arg);
  }
  return parseArgs({ args, allowPositionals: true, strict: true, options: OPTIONS });
}

export type CliValues = ReturnType<typeof parseArguments>['values'];

/** The options each command reads, besides --root, --help and --version. */
const OPTIONS_OF: Record<string, readonly (keyof CliValues)[]> = {
  check: [],
  analyze: ['json'],
  plan: ['mean', 'sd', 'lift', 'confidence', 'power', 'units'],
};

/** An option the command would ignore is refused: a user who typed it expected it to change something. */
function refuseOptionsOf(command: string, values: CliValues, rest: readonly string[]): void {
  const allowed = OPTIONS_OF[command];
  if (allowed === undefined) return;
  const given = (Object.keys(values) as (keyof CliValues)[]).filter((name) => values[name] !== undefined && !['root', 'help', 'version'].includes(name));
  const ignored = given.filter((name) => !allowed.includes(name));
  if (ignored.length > 0) {
    const users = (name: keyof CliValues) => Object.entries(OPTIONS_OF).filter(([, options]) => options.includes(name)).map(([other]) => other);
    const where = users(ignored[0] as keyof CliValues);
    throw new UsageError(`${command} has no option --${ignored[0]}${where.length > 0 ? ` (it is an option of ${where.join(' and ')})` : ''}`);
  }
  // plan from a pilot file takes its level and spread from the data.
  if (command === 'plan' && rest.length > 0) {
    const fromData = (['mean', 'sd'] as const).filter((name) => values[name] !== undefined);
    if (fromData.length > 0) throw new UsageError(`plan with a pilot file takes the control level and spread from its data; drop --${fromData.join(' and --')}`);
  }
}

async function isFolder(folder: string): Promise<boolean> {
  const { stat } = await import('node:fs/promises');
  return stat(folder).then(
    (info) => info.isDirectory(),
    () => false,
  );
}

async function packageVersion(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const url = new URL('../../package.json', import.meta.url);
  return (JSON.parse(await readFile(url, 'utf8')) as { version: string }).version;
}

export function printProblems(problems: readonly Problem[], effects: Effects, style: Paint) {
  const errors = problems.filter((problem) => problem.severity === 'error');
  const warnings = problems.filter((problem) => problem.severity === 'warning');
  for (const problem of warnings) effects.stderr(`${style.yellow('warning')} ${formatProblem(problem)}\n`);
  for (const problem of errors) effects.stderr(`${style.red('error')} ${formatProblem(problem)}\n`);
  if (errors.length > 0) {
    effects.stderr(`\n${errors.length} error${errors.length === 1 ? '' : 's'}${warnings.length ? `, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}` : ''}.\n`);
  }
}

async function check(root: string, effects: Effects, style: Paint, errorStyle: Paint): Promise<number> {
  const progress = createProgress(effects);
  const project = await analyzeProject(root, { includeDrafts: true, progress: progress.update });
  progress.done();
  printProblems(project.problems, effects, errorStyle);
  if (project.pilots.length > 0) effects.stdout(headlineTable(project.pilots, style));
  else if (!project.problems.some((problem) => problem.severity === 'error')) effects.stdout('No pilots yet: add a markdown file to pilots/ (see the README).\n');
  return project.problems.some((problem) => problem.severity === 'error') ? 1 : 0;
}

/**
 * Analyses the one pilot file named on the command line (analyze, plan), with
 * progress. Null, after printing every problem, when the pilot is invalid.
 */
export async function analyzeNamedPilot(
  root: string,
  file: string,
  effects: Effects,
  errorStyle: Paint,
): Promise<{ pilot: PilotEvidence; problems: readonly Problem[] } | null> {
  // Relative to where the command runs, or else to --root: "pilots/x.md --root ../sales" means ../sales/pilots/x.md.
  const pilots = path.join(root, 'pilots');
  const relative = [path.resolve(effects.cwd, file), path.resolve(root, file)]
    .map((candidate) => path.relative(pilots, candidate))
    .find((inside) => !inside.startsWith('..') && !path.isAbsolute(inside) && inside.endsWith('.md'));
  if (relative === undefined) {
    throw new UsageError(`expected a pilot file inside pilots/, e.g. pilots/nurture.md; got ${file}`);
  }
  const progress = createProgress(effects);
  const project = await analyzeProject(root, { includeDrafts: true, only: path.join('pilots', relative), progress: progress.update });
  progress.done();
  const pilot = project.pilots[0];
  if (pilot === undefined || project.problems.some((problem) => problem.severity === 'error')) {
    printProblems(project.problems, effects, errorStyle);
    return null;
  }
  return { pilot, problems: project.problems };
}

async function analyze(root: string, file: string, json: boolean, effects: Effects, style: Paint, errorStyle: Paint): Promise<number> {
  const analysed = await analyzeNamedPilot(root, file, effects, errorStyle);
  if (analysed === null) return 1;
  const { pilot, problems } = analysed;
  if (json) {
    // Standard output carries the document and nothing else; its warnings are inside it,
    // and the loader's (which may name units, so are never in the document) go to standard error.
    const inDocument = new Set(pilot.results.warnings.map((message) => asReported(pilot.pilot, warning({ file: pilot.file, message })).message));
    printProblems(problems.filter((problem) => !inDocument.has(problem.message)), effects, errorStyle);
    effects.stdout(`${terminalJson(pilot.results)}\n`);
    return 0;
  }
  printProblems(problems, effects, errorStyle);
  effects.stdout(metricSummary(pilot, style));
  return 0;
}
