/**
 * The command line's options: one table, read by the parser, by each
 * command's list of the options it takes, and by the refusal of an option a
 * command would ignore.
 */
import { parseArgs } from 'node:util';
import { UsageError } from './effects.ts';

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
  roster: { type: 'string' },
  block: { type: 'string', multiple: true },
  'pair-on': { type: 'string' },
  covariate: { type: 'string' },
  seed: { type: 'string' },
  verify: { type: 'boolean' },
  force: { type: 'boolean' },
  dialect: { type: 'string' },
  table: { type: 'string' },
} as const;

/** Options that take a value; a negative number after one is its value, not another option. */
const VALUE_OPTIONS = new Set(Object.entries(OPTIONS).flatMap(([name, option]) => (option.type === 'string' ? [`--${name}`] : [])));

export function parseArguments(argv: readonly string[]) {
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
  assign: ['roster', 'block', 'pair-on', 'covariate', 'seed', 'verify', 'force'],
  sql: ['dialect', 'table'],
};

/** An option the command would ignore is refused: a user who typed it expected it to change something. */
export function refuseOptionsOf(command: string, values: CliValues, rest: readonly string[]): void {
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
