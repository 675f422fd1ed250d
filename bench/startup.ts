/**
 * How long a `fieldproof` command takes as a user runs it (issue #18): whole
 * processes timed from the outside, start-up included, beside a bare
 * `node -e 0`. Every command runs once untimed (Node's compile cache and the
 * store of analyses warm, as on a user's second run), then all of them in
 * turn, `runs` times, the order rotated each round, so a busy moment on a
 * shared machine falls on every command alike. Medians, and the median of
 * each run over the `node -e 0` of its own round ("paired").
 *
 * With a baseline checkout (--baseline), its bin runs the same commands
 * beside this one's: before and after a change, interleaved.
 *
 * `analyze` runs on a generated 100k-row lead export (bench/generate.ts);
 * beside it, when @duckdb/node-api can be imported, DuckDB's whole-process
 * time for the same aggregation (bench/duckdb-child.ts).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { writeBenchProject } from './generate.ts';

export interface StartupOptions {
  /** This checkout. */
  repo: string;
  /** Another checkout of this repository, each command run with its own bin. */
  baseline: string | null;
  runs: number;
  /** Rows of the analysed file. */
  analyzeRows: number;
  /** A folder for the generated project and the caches, removed by the caller. */
  work: string;
  log: (text: string) => void;
}

interface Command {
  /** What the user types (or the bench's stand-in for it). */
  name: string;
  /** Which checkout runs it: this one, the baseline, or neither (node, DuckDB). */
  side: 'this' | 'baseline' | 'reference';
  command: string;
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

interface Timed {
  ms: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface StartupRow {
  name: string;
  side: Command['side'];
  ms: number[];
  /** Each run over the node -e 0 run of the same round. */
  paired: number[];
}

export interface StartupResult {
  runs: number;
  rows: StartupRow[];
  /** Why DuckDB was left out, when it was. */
  duckdbSkipped: string | null;
  analyzeRows: number;
}

function timed(command: Command): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command.command, command.args, { cwd: command.cwd, env: { ...process.env, ...command.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: performance.now() - started, code, stdout, stderr }));
  });
}

async function mustSucceed(command: Command): Promise<Timed> {
  const run = await timed(command);
  if (run.code !== 0) throw new Error(`${command.name} (${command.side}) exited ${run.code}\n${run.stderr.slice(-2000)}`);
  return run;
}

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

export async function benchStartup(options: StartupOptions): Promise<StartupResult> {
  const { repo, baseline, runs, work, log } = options;
  const node = process.execPath;
  const project = path.join(work, 'startup-analyze');
  log(`startup: generating ${options.analyzeRows} rows for analyze`);
  await mkdir(project, { recursive: true });
  await writeBenchProject(project, [options.analyzeRows], 3000);
  const csv = path.join(project, 'data', 'bench-001.csv');
  // Caches in the bench's folder, never the repository's node_modules/: one store per checkout and
  // project, as each project has its own. A store shared between the example project and the analyze
  // project, or between two versions of the code, would forget one's files for the other's every run.
  const compileCache = path.join(work, 'compile-cache');
  const envFor = (side: 'this' | 'baseline', project: 'examples' | 'analyze') => ({ FIELDPROOF_CACHE_DIR: path.join(work, `store-${side}-${project}`), NODE_COMPILE_CACHE: compileCache });
  const checkouts: { side: 'this' | 'baseline'; root: string }[] = [{ side: 'this', root: repo }];
  if (baseline !== null) checkouts.push({ side: 'baseline', root: baseline });

  const commands: Command[] = [{ name: 'node -e 0', side: 'reference', command: node, args: ['-e', '0'], cwd: repo }];
  for (const { side, root } of checkouts) {
    // Each checkout's own bin: one from before #18 registers tsx itself.
    const bin = [path.join(root, 'bin', 'fieldproof.mjs')];
    commands.push(
      { name: 'node bin/fieldproof.mjs --version', side, command: node, args: [...bin, '--version'], cwd: root, env: envFor(side, 'examples') },
      { name: 'node bin/fieldproof.mjs check (example pilots)', side, command: node, args: [...bin, 'check'], cwd: root, env: envFor(side, 'examples') },
      { name: 'npx fieldproof check', side, command: 'npx', args: ['fieldproof', 'check'], cwd: root, env: envFor(side, 'examples') },
      { name: `node bin/fieldproof.mjs analyze --json (${options.analyzeRows / 1000}k rows)`, side, command: node, args: [...bin, 'analyze', 'pilots/bench-001.md', '--json'], cwd: project, env: envFor(side, 'analyze') },
    );
  }
  commands.push(
    { name: 'npm run fieldproof -- check', side: 'this', command: 'npm', args: ['run', '--silent', 'fieldproof', '--', 'check'], cwd: repo, env: envFor('this', 'examples') },
  );
  if (existsSync(path.join(repo, 'fieldproof'))) commands.push({ name: './fieldproof check', side: 'this', command: path.join(repo, 'fieldproof'), args: ['check'], cwd: repo, env: envFor('this', 'examples') });

  let duckdbSkipped: string | null = null;
  const duckdb: Command = { name: `DuckDB, the same aggregation (${options.analyzeRows / 1000}k rows)`, side: 'reference', command: node, args: [path.join(repo, 'bench', 'duckdb-child.ts'), csv], cwd: repo };
  const probe = await timed(duckdb);
  if (probe.code === 0) commands.push(duckdb);
  else duckdbSkipped = probe.code === 3 ? '@duckdb/node-api cannot be imported in this checkout' : `bench/duckdb-child.ts exited ${probe.code}: ${probe.stderr.trim().split('\n').pop() ?? ''}`;

  log(`startup: ${commands.length} commands, one untimed run each`);
  for (const command of commands) await mustSucceed(command);
  const rows: StartupRow[] = commands.map((command) => ({ name: command.name, side: command.side, ms: [], paired: [] }));
  for (let run = 0; run < runs; run += 1) {
    const times = new Array<number>(commands.length);
    // Rotated, so no command always runs right after the same one.
    for (let step = 0; step < commands.length; step += 1) {
      const index = (run + step) % commands.length;
      times[index] = (await mustSucceed(commands[index] as Command)).ms;
    }
    const bare = times[0] as number;
    times.forEach((ms, index) => {
      (rows[index] as StartupRow).ms.push(ms);
      (rows[index] as StartupRow).paired.push(ms / bare);
    });
    log(`  run ${run + 1}/${runs}: node -e 0 ${bare.toFixed(0)} ms, check ${(times[2] as number).toFixed(0)} ms`);
  }
  return { runs, rows, duckdbSkipped, analyzeRows: options.analyzeRows };
}

export function startupTable(result: StartupResult, baselineName: string | null): string {
  const fixed = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const bare = median((result.rows[0] as StartupRow).ms);
  const lines = [
    `Whole processes, wall clock, ${result.runs} rounds of every command in turn (after one untimed run each); medians. "× node -e 0": the median over the median bare start; "paired": the median of each run over the node -e 0 of its round.`,
    '',
    '| command | checkout | median | × node -e 0 | paired |',
    '| --- | --- | ---: | ---: | ---: |',
  ];
  for (const row of result.rows) {
    const side = row.side === 'reference' ? '' : row.side === 'baseline' ? `baseline${baselineName ? ` (${baselineName})` : ''}` : 'this';
    lines.push(`| \`${row.name}\` | ${side} | ${fixed(median(row.ms))} ms | ${fixed(median(row.ms) / bare, 2)} | ${fixed(median(row.paired), 2)} |`);
  }
  const find = (side: Command['side'], prefix: string) => result.rows.find((row) => row.side === side && row.name.startsWith(prefix));
  const notes: string[] = [];
  const analyze = find('this', 'node bin/fieldproof.mjs analyze');
  const duckdb = find('reference', 'DuckDB');
  if (analyze !== undefined && duckdb !== undefined) {
    const paired = median(analyze.ms.map((ms, index) => ms / (duckdb.ms[index] as number)));
    notes.push(`analyze / DuckDB on ${result.analyzeRows / 1000}k rows, whole processes: ${fixed(median(analyze.ms) / median(duckdb.ms), 2)} (paired ${fixed(paired, 2)}; target 1.2).`);
  } else notes.push(`DuckDB comparison skipped: ${result.duckdbSkipped ?? 'not measured'}.`);
  for (const prefix of ['node bin/fieldproof.mjs check', 'npx fieldproof check', 'node bin/fieldproof.mjs --version', 'node bin/fieldproof.mjs analyze']) {
    const after = find('this', prefix);
    const before = find('baseline', prefix);
    if (after === undefined || before === undefined) continue;
    const paired = median(after.ms.map((ms, index) => ms / (before.ms[index] as number)));
    notes.push(`\`${prefix}\`: this / baseline ${fixed(median(after.ms) / median(before.ms), 2)} (paired ${fixed(paired, 2)}).`);
  }
  return [lines.join('\n'), ...notes].join('\n\n');
}
