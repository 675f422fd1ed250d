/**
 * `npm run bench`: how fast and how small fieldproof stays on big pilots.
 * A benchmark, not a test: it prints figures and asserts nothing.
 *
 *  1. `fieldproof analyze --json` on seeded synthetic lead exports of 10k,
 *     100k, 1M and 5M rows (bench/generate.ts), each run in its own process
 *     for its peak memory (max RSS), beside the floor: the same file through
 *     the same streaming papaparse call with an empty chunk callback
 *     (bench/child.ts). Medians of several runs.
 *  2. The full site build (`astro build`) of a copy of this site with 1, 10
 *     and 100 pilots: cold (no dist/, no caches) and warm (again, nothing
 *     changed), and the weight of the overview and a report page. Its
 *     memory: the peak of the largest process (GNU time) and of all the
 *     build's processes together (bench/tree-memory.ts).
 *  3. One metric's randomization analysis (statistics.md section 10), in
 *     process, at 10 vs 10 units (every assignment) and 40 vs 40 (10,000
 *     drawn): bench/randomization.ts. Medians of --randomization-runs.
 *  4. Start-up, as a user runs the command (bench/startup.ts): `node -e 0`,
 *     `fieldproof --version`, `check` on the example pilots, `npx fieldproof
 *     check` and the faster entries, and `analyze` of a 100k-row file beside
 *     DuckDB's whole process for the same aggregation (when @duckdb/node-api
 *     can be imported); each whole process timed from outside, interleaved.
 *  5. With --pathological: data files of pathological shapes (a stray
 *     quote, a huge value, a huge header, a huge row: bench/pathological.ts)
 *     at several sizes, each read by the loader in its own process
 *     (bench/child.ts read): seconds and seconds per MB, which stay flat
 *     when reading is linear in the file (issue #17).
 *
 * Everything generated goes to a folder under the system's temporary folder,
 * removed at the end. Options:
 *
 *   --sizes 10k,100k,1M,5M   rows per analysed file
 *   --runs 5                 runs per size (--big-runs 3 for 5M and more)
 *   --warm-runs 6            analyses of each file in one process, as a build
 *                            makes them (0: none); the median after the first
 *   --variants 1M            sizes also measured as other exports write them:
 *                            ";" with decimal commas, and every cell quoted
 *   --pilots 1,10,100        pilots per site build (--pilot-rows 50k each)
 *   --build-runs 3           cold and warm builds per pilot count
 *   --randomization-runs 11  analyses per design in part 3 (0: skip it)
 *   --startup-runs 15        rounds of the start-up commands (0: skip part 4)
 *   --startup-rows 100k      rows of the file analyze runs on in part 4
 *   --skip-analyze, --skip-build
 *   --pathological           also part 5 (off by default: about two minutes)
 *   --pathological-sizes 5,10,20,40,80   sizes of its files, in MB
 *   --pathological-runs 3    reads of each file
 *   --pipelines              also time the UTF-8 decoding alternatives
 *   --parquet                also part 5: analyze a Parquet file (read through
 *                            DuckDB, bench/parquet.ts) of --parquet-rows 50M
 *                            against the CSV path on --parquet-csv-rows 5M,
 *                            alternating, --big-runs each (off by default:
 *                            minutes, and a file of about 400 MB)
 *   --cpu-prof DIR           write a CPU profile of one analyze run per size
 *   --command load           time the loader alone (bench/child.ts "load":
 *                            loadPilotData, no statistics) where "analyze"
 *                            appears below; the floor is the same
 *   --baseline DIR           also run analyze from another checkout of this
 *                            repository (its bench/child.ts and src/), right
 *                            after each run of this one, on the same files:
 *                            before and after a change, interleaved
 *   --out FILE               also write the report (Markdown) to FILE
 *   --keep                   keep the temporary folder (and say where it is)
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { writeBenchProject } from '../bench/generate.ts';
import { writeParquetBenchProject } from '../bench/parquet.ts';
import { benchShapes, shapesTable } from '../bench/pathological.ts';
import { benchRandomization, randomizationTable } from '../bench/randomization.ts';
import { benchStartup, startupTable } from '../bench/startup.ts';
import { sampleTreeMemory, type TreeSampler } from '../bench/tree-memory.ts';

const repo = fileURLToPath(new URL('..', import.meta.url));
const child = path.join(repo, 'bench', 'child.ts');

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10k,100k,1M,5M' },
    runs: { type: 'string', default: '5' },
    'big-runs': { type: 'string', default: '3' },
    'warm-runs': { type: 'string', default: '6' },
    variants: { type: 'string', default: '1M' },
    pilots: { type: 'string', default: '1,10,100' },
    'pilot-rows': { type: 'string', default: '50k' },
    'build-runs': { type: 'string', default: '3' },
    'randomization-runs': { type: 'string', default: '11' },
    'startup-runs': { type: 'string', default: '15' },
    'startup-rows': { type: 'string', default: '100k' },
    'skip-analyze': { type: 'boolean', default: false },
    'skip-build': { type: 'boolean', default: false },
    pathological: { type: 'boolean', default: false },
    'pathological-sizes': { type: 'string', default: '5,10,20,40,80' },
    'pathological-runs': { type: 'string', default: '3' },
    pipelines: { type: 'boolean', default: false },
    parquet: { type: 'boolean', default: false },
    'parquet-rows': { type: 'string', default: '50M' },
    'parquet-csv-rows': { type: 'string', default: '5M' },
    'cpu-prof': { type: 'string' },
    baseline: { type: 'string' },
    command: { type: 'string', default: 'analyze' },
    out: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});

function count(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(text.trim());
  if (!match) throw new Error(`expected a count like 100k or 5M, got ${text}`);
  const scale = { '': 1, k: 1e3, K: 1e3, m: 1e6, M: 1e6 }[match[2] as ''] ?? 1;
  return Math.round(Number(match[1]) * scale);
}

const sizes = (values.sizes ?? '').split(',').filter(Boolean).map(count);
const runs = Number(values.runs);
const bigRuns = Number(values['big-runs']);
const warmRuns = Number(values['warm-runs']);
const variantSizes = (values.variants ?? '').split(',').filter(Boolean).map(count);
const pilotCounts = (values.pilots ?? '').split(',').filter(Boolean).map(count);
const pilotRows = count(values['pilot-rows'] ?? '50k');
const buildRuns = Number(values['build-runs']);
const baselineChild = values.baseline === undefined ? null : path.join(path.resolve(values.baseline), 'bench', 'child.ts');
if (values.command !== 'analyze' && values.command !== 'load') throw new Error(`--command is analyze or load, not ${values.command}`);
/** What is timed against the floor: the whole command, or the loader alone. */
const command = values.command;

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};
const human = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n));
const fixed = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const log = (text: string) => process.stderr.write(`${text}\n`);

interface Measured {
  ms: number;
  cpuMs: number;
  maxRssMB: number;
  /** Warm modes: the first run's time (ms is then the median of the later ones). */
  firstMs?: number;
  /** read mode: how the read ended. */
  outcome?: string;
}

function runProcess(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; spawned?: (pid: number) => void } = {},
): Promise<{ stdout: string; stderr: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const proc = spawn(command, args, { cwd: options.cwd ?? repo, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    if (proc.pid !== undefined) options.spawned?.(proc.pid);
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.on('error', reject);
    proc.on('close', (code) => {
      const ms = performance.now() - started;
      if (code === 0) resolve({ stdout, stderr, ms });
      else reject(new Error(`${path.basename(command)} ${args.join(' ')} exited ${code}\n${stderr.slice(-4000)}`));
    });
  });
}

/**
 * The loader a child script needs: none for this checkout (Node 24 strips the
 * types itself); a --baseline checkout from before #18 has tsx of its own.
 */
function loaderFor(script: string): string[] {
  if (script === child) return [];
  const tsxLoader = path.join(path.dirname(script), '..', 'node_modules', 'tsx', 'dist', 'loader.mjs');
  return existsSync(tsxLoader) ? ['--import', pathToFileURL(tsxLoader).href] : [];
}

async function measure(args: string[], nodeFlags: string[] = [], script = child): Promise<Measured> {
  const { stdout } = await runProcess(process.execPath, [...nodeFlags, ...loaderFor(script), script, ...args]);
  return JSON.parse(stdout.trim().split('\n').pop() as string) as Measured;
}

// ---------------------------------------------------------------------------
// 1. analyze versus the papaparse floor

interface SizeResult {
  rows: number;
  bytes: number;
  runs: number;
  analyze: Measured[];
  parse: Measured[];
  pipelines: Record<string, Measured[]>;
  /** analyze and the floor, each run warmRuns times in one process (and the baseline's analyze, with --baseline). */
  warm: { analyze: Measured; parse: Measured; baseline: Measured | null } | null;
  /** The same rows as other exports write them (--variants). */
  variants: ({ name: string } & Runs)[];
  /** With --baseline: the other checkout's analyze, each run just after this one's. */
  baseline: Measured[];
}

interface Runs {
  analyze: Measured[];
  parse: Measured[];
  baseline: Measured[];
}

/** The bench file as other exports write it. Its cells hold no comma, quote or ";" of their own. */
const VARIANTS: { name: string; rewrite: (csv: string) => string }[] = [
  { name: '";" and decimal commas (a European spreadsheet)', rewrite: (csv) => csv.replace(/[.,]/g, (mark) => (mark === '.' ? ',' : ';')) },
  { name: 'every cell quoted', rewrite: (csv) => csv.replace(/[^,\n]+/g, (cell) => `"${cell}"`) },
];

/** analyze and the floor on `root`'s file (and the baseline's analyze), alternating, `n` times each. */
async function alternate(root: string, csv: string, n: number, label: string): Promise<Runs> {
  const runs: Runs = { analyze: [], parse: [], baseline: [] };
  for (let run = 0; run < n; run += 1) {
    // Alternate, so a busy moment on a shared machine hits both sides.
    runs.parse.push(await measure(['parse', csv]));
    runs.analyze.push(await measure([command, root, 'pilots/bench-001.md']));
    if (baselineChild !== null) runs.baseline.push(await measure([command, root, 'pilots/bench-001.md'], [], baselineChild));
    const baseline = baselineChild === null ? '' : `, baseline ${fixed(runs.baseline.at(-1)!.ms)} ms`;
    log(`  ${label}run ${run + 1}/${n}: analyze ${fixed(runs.analyze.at(-1)!.ms)} ms${baseline}, parse ${fixed(runs.parse.at(-1)!.ms)} ms`);
  }
  return runs;
}

async function benchAnalyze(work: string): Promise<SizeResult[]> {
  const results: SizeResult[] = [];
  for (const [index, rows] of sizes.entries()) {
    const root = path.join(work, `analyze-${human(rows)}`);
    log(`analyze: generating ${human(rows)} rows`);
    await mkdir(path.join(root, 'pilots'), { recursive: true });
    await writeBenchProject(root, [rows], 1000 + index);
    const csv = path.join(root, 'data', 'bench-001.csv');
    const { size } = await stat(csv);
    const n = rows >= 5_000_000 ? bigRuns : runs;
    const result: SizeResult = { rows, bytes: size, runs: n, ...(await alternate(root, csv, n, '')), pipelines: {}, warm: null, variants: [] };
    if (values.pipelines) {
      for (let run = 0; run < n; run += 1) {
        for (const pipeline of ['parse-web', 'parse-transform']) {
          (result.pipelines[pipeline] ??= []).push(await measure([pipeline, csv]));
        }
      }
    }
    if (variantSizes.includes(rows)) {
      const original = await readFile(csv, 'utf8');
      for (const [k, variant] of VARIANTS.entries()) {
        const variantRoot = path.join(work, `analyze-${human(rows)}-variant-${k}`);
        await cp(path.join(root, 'pilots'), path.join(variantRoot, 'pilots'), { recursive: true });
        await mkdir(path.join(variantRoot, 'data'), { recursive: true });
        const variantCsv = path.join(variantRoot, 'data', 'bench-001.csv');
        await writeFile(variantCsv, variant.rewrite(original));
        result.variants.push({ name: variant.name, ...(await alternate(variantRoot, variantCsv, n, `${variant.name}: `)) });
        if (!values.keep) await rm(variantRoot, { recursive: true, force: true });
      }
    }
    if (warmRuns > 1) {
      result.warm = {
        parse: await measure(['parse-warm', csv, String(warmRuns)]),
        analyze: await measure([`${command}-warm`, root, 'pilots/bench-001.md', String(warmRuns)]),
        baseline: baselineChild === null ? null : await measure([`${command}-warm`, root, 'pilots/bench-001.md', String(warmRuns)], [], baselineChild),
      };
      const baseline = result.warm.baseline === null ? '' : `, baseline ${fixed(result.warm.baseline.ms)} ms`;
      log(`  in one process: analyze ${fixed(result.warm.analyze.ms)} ms${baseline}, parse ${fixed(result.warm.parse.ms)} ms`);
    }
    if (values['cpu-prof'] !== undefined) {
      const dir = path.resolve(values['cpu-prof'], `analyze-${human(rows)}`);
      await measure([command, root, 'pilots/bench-001.md'], ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
      log(`  CPU profile in ${dir}`);
    }
    results.push(result);
    if (!values.keep) await rm(root, { recursive: true, force: true });
  }
  return results;
}

// ---------------------------------------------------------------------------
// 2. site builds

/**
 * A copy of this site (sources, config, public files) whose node_modules is
 * a folder of links to this repository's packages: the build runs as in a
 * fresh clone, with its own Astro cache folder, and never touches the repo.
 */
async function siteCopy(target: string): Promise<void> {
  await mkdir(target, { recursive: true });
  for (const entry of ['src', 'scripts', 'public', 'astro.config.mjs', 'package.json', 'package-lock.json', 'tsconfig.json']) {
    await cp(path.join(repo, entry), path.join(target, entry), { recursive: true }).catch((cause: NodeJS.ErrnoException) => {
      if (cause.code !== 'ENOENT') throw cause;
    });
  }
  await mkdir(path.join(target, 'node_modules'));
  for (const name of await readdir(path.join(repo, 'node_modules'))) {
    if (name.startsWith('.')) continue;
    await symlink(path.join(repo, 'node_modules', name), path.join(target, 'node_modules', name));
  }
}

async function git(cwd: string, ...args: string[]) {
  await runProcess('git', args, { cwd, env: { GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@fieldproof.invalid', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@fieldproof.invalid' } });
}

interface BuildRun {
  ms: number;
  /** The evidence loader's one-line summary(s) from the build log: one per process that analysed. */
  summaries: string[];
  /** The largest resident set of any one process of the build (GNU time's %M); null without /usr/bin/time. */
  maxRssMB: number | null;
  /** The largest sum of the resident sets of all the build's processes at once (bench/tree-memory.ts); null without /proc. */
  treeRssMB: number | null;
}

const GNU_TIME = '/usr/bin/time';

/**
 * `npm run build` as a user runs it (scripts/build.mjs, then
 * scripts/build-site.ts: the analyses ahead on every core, then astro with
 * its drawing threads), under GNU
 * time when there is one, for the peak memory of its largest process, and
 * sampled for the peak of all its processes together.
 */
async function build(site: string): Promise<BuildRun> {
  const script = [process.execPath, path.join(site, 'scripts', 'build.mjs')];
  const timed = existsSync(GNU_TIME);
  const [command, ...args] = timed ? [GNU_TIME, '-f', 'fieldproof-bench-maxrss %M', ...script] : script;
  let sampler: TreeSampler | null = null;
  try {
    const { stdout, stderr, ms } = await runProcess(command as string, args, {
      cwd: site,
      env: { CI: 'true', FIELDPROOF_CACHE_DIR: '' },
      spawned: (pid) => (sampler = sampleTreeMemory(pid)),
    });
    const summaries = `${stdout}\n${stderr}`.split('\n').filter((line) => /fieldproof: .* ready in /.test(line));
    const kilobytes = /fieldproof-bench-maxrss (\d+)/.exec(stderr)?.[1];
    return { ms, summaries, maxRssMB: kilobytes === undefined ? null : Number(kilobytes) / 1024, treeRssMB: (sampler as TreeSampler | null)?.stop() ?? null };
  } finally {
    (sampler as TreeSampler | null)?.stop();
  }
}

/** One lead row added to a pilot's data file, as after someone fixes an export: the next build must analyse and render that pilot again. */
async function editOneDataFile(site: string, run: number): Promise<void> {
  const file = path.join(site, 'data', 'bench-001.csv');
  const lines = (await readFile(file, 'utf8')).split('\n');
  const row = (lines[1] ?? '').split(',');
  row[0] = `LEDIT${run}`;
  await writeFile(file, `${lines.filter((line) => line !== '').join('\n')}\n${row.join(',')}\n`);
}

interface PageWeight {
  page: string;
  html: number;
  css: number;
  gzip: number;
}

async function pageWeight(dist: string, page: string): Promise<PageWeight> {
  const html = await readFile(path.join(dist, page));
  const text = html.toString('utf8');
  let css = 0;
  let gzip = gzipSync(html).length;
  for (const match of text.matchAll(/<link[^>]+rel="?stylesheet"?[^>]*>/g)) {
    const href = /href="?([^"\s>]+)/.exec(match[0])?.[1];
    if (href === undefined || /^https?:/.test(href)) continue;
    const file = await readFile(path.join(dist, href.replace(/^\//, ''))).catch(() => null);
    if (file === null) continue;
    css += file.length;
    gzip += gzipSync(file).length;
  }
  return { page, html: html.length, css, gzip };
}

interface BuildResult {
  pilots: number;
  rowsPerPilot: number;
  cold: BuildRun[];
  warm: BuildRun[];
  /** Builds after one data file changed (editOneDataFile). */
  edited: BuildRun[];
  weights: PageWeight[];
}

async function benchBuilds(work: string): Promise<BuildResult[]> {
  const results: BuildResult[] = [];
  for (const pilots of pilotCounts) {
    const site = path.join(work, `site-${pilots}`);
    log(`build: ${pilots} pilot(s) of ${human(pilotRows)} rows`);
    await siteCopy(site);
    await writeBenchProject(site, Array.from({ length: pilots }, () => pilotRows), 2000);
    // A git repository, as in real life: the site reads each hypothesis's date from git.
    await git(site, 'init', '-q');
    await git(site, 'add', 'pilots');
    await git(site, 'commit', '-q', '-m', 'bench pilots');
    const result: BuildResult = { pilots, rowsPerPilot: pilotRows, cold: [], warm: [], edited: [], weights: [] };
    for (let run = 0; run < buildRuns; run += 1) {
      for (const cache of ['dist', 'node_modules/.astro', 'node_modules/.vite', '.astro']) {
        await rm(path.join(site, cache), { recursive: true, force: true });
      }
      result.cold.push(await build(site));
      result.warm.push(await build(site));
      await editOneDataFile(site, run);
      result.edited.push(await build(site));
      log(`  run ${run + 1}/${buildRuns}: cold ${fixed(result.cold.at(-1)!.ms)} ms, warm ${fixed(result.warm.at(-1)!.ms)} ms, after one CSV edit ${fixed(result.edited.at(-1)!.ms)} ms`);
    }
    const dist = path.join(site, 'dist');
    result.weights.push(await pageWeight(dist, 'index.html'));
    result.weights.push(await pageWeight(dist, 'pilots/bench-001/index.html'));
    results.push(result);
    if (!values.keep) await rm(site, { recursive: true, force: true });
  }
  return results;
}

/** The example pilots of this repository, built once, for the weight of real pages. */
async function exampleWeights(work: string): Promise<PageWeight[]> {
  const site = path.join(work, 'site-examples');
  await siteCopy(site);
  await cp(path.join(repo, 'pilots'), path.join(site, 'pilots'), { recursive: true });
  await cp(path.join(repo, 'data'), path.join(site, 'data'), { recursive: true });
  await build(site);
  const dist = path.join(site, 'dist');
  const pages = ['index.html'];
  for (const slug of await readdir(path.join(dist, 'pilots')).catch(() => [] as string[])) {
    if ((await stat(path.join(dist, 'pilots', slug, 'index.html')).catch(() => null)) !== null) pages.push(`pilots/${slug}/index.html`);
  }
  const weights = await Promise.all(pages.map((page) => pageWeight(dist, page)));
  if (!values.keep) await rm(site, { recursive: true, force: true });
  return weights;
}

// ---------------------------------------------------------------------------
// Report

async function machine(): Promise<string> {
  const cpus = os.cpus();
  return [
    `- CPU: ${cpus[0]?.model ?? 'unknown'}, ${os.availableParallelism()} logical cores (nproc)`,
    `- memory: ${fixed(os.totalmem() / 2 ** 30, 1)} GiB`,
    `- Node ${process.version} (${process.execPath.replace(repo, '')}), ${os.type()} ${os.release()}`,
    // Children inherit it: under `npm run bench` it is .npmrc's node-options, as for `npx fieldproof` and `npm run build`.
    `- NODE_OPTIONS: ${process.env.NODE_OPTIONS ? `\`${process.env.NODE_OPTIONS}\`` : '(none)'}`,
    `- load average at start: ${os.loadavg().map((value) => fixed(value, 2)).join(', ')}`,
    `- date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  ].join('\n');
}

function analyzeTable(results: SizeResult[]): string {
  const lines = [
    '| rows | file | runs | analyze (median) | rows/s | papaparse floor | ratio | paired ratio | CPU ratio | peak RSS analyze | peak RSS floor |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const result of results) {
    const analyze = median(result.analyze.map((run) => run.ms));
    const parse = median(result.parse.map((run) => run.ms));
    const cpuRatio = median(result.analyze.map((run) => run.cpuMs)) / median(result.parse.map((run) => run.cpuMs));
    // Each analyze run beside the floor run just before it: steadier when the machine's load drifts.
    const paired = median(result.analyze.map((run, index) => run.ms / (result.parse[index] as Measured).ms));
    lines.push(
      `| ${human(result.rows)} | ${fixed(result.bytes / 1e6, 1)} MB | ${result.runs} | ${fixed(analyze)} ms | ${fixed(result.rows / (analyze / 1000))} | ${fixed(parse)} ms | ${fixed(analyze / parse, 2)} | ${fixed(paired, 2)} | ${fixed(cpuRatio, 2)} | ${fixed(median(result.analyze.map((run) => run.maxRssMB)))} MB | ${fixed(median(result.parse.map((run) => run.maxRssMB)))} MB |`,
    );
  }
  // The cost per extra row, start-up and warm-up left out: the slope between the two largest sizes.
  if (results.length >= 2) {
    const [smaller, larger] = results.slice(-2) as [SizeResult, SizeResult];
    const slope = (pick: (result: SizeResult) => Measured[]) => median(pick(larger).map((run) => run.ms)) - median(pick(smaller).map((run) => run.ms));
    lines.push(
      '',
      `Per extra row from ${human(smaller.rows)} to ${human(larger.rows)} (start-up and JIT warm-up left out): analyze / floor = ${fixed(slope((result) => result.analyze) / slope((result) => result.parse), 2)}.`,
    );
  }
  const base = results.find((result) => result.rows === 100_000);
  const largest = results.at(-1);
  if (base !== undefined && largest !== undefined && largest !== base) {
    const ratio = median(largest.analyze.map((run) => run.maxRssMB)) / median(base.analyze.map((run) => run.maxRssMB));
    lines.push('', `Peak RSS at ${human(largest.rows)} rows / at 100k rows: ${fixed(ratio, 2)}.`);
  }
  const warm = results.filter((result) => result.warm !== null);
  if (warm.length > 0) {
    lines.push(
      '',
      `In one process, as a build analyses one pilot after another: each file analysed, and parsed, ${warmRuns} times over; medians of the runs after the first (the first run in brackets).`,
      '',
      '| rows | analyze | papaparse floor | ratio |',
      '| ---: | ---: | ---: | ---: |',
    );
    for (const result of warm) {
      const { analyze, parse } = result.warm as { analyze: Measured; parse: Measured };
      lines.push(`| ${human(result.rows)} | ${fixed(analyze.ms, 1)} ms (${fixed(analyze.firstMs ?? 0)}) | ${fixed(parse.ms, 1)} ms (${fixed(parse.firstMs ?? 0)}) | ${fixed(analyze.ms / parse.ms, 2)} |`);
    }
  }
  const withVariants = results.filter((result) => result.variants.length > 0);
  if (withVariants.length > 0) {
    lines.push('', 'The same rows as other exports write them (fresh processes, alternating, medians):', '', '| rows | written as | analyze | papaparse floor | ratio | paired ratio |', '| ---: | --- | ---: | ---: | ---: | ---: |');
    for (const result of withVariants) {
      for (const variant of result.variants) {
        const analyze = median(variant.analyze.map((run) => run.ms));
        const parse = median(variant.parse.map((run) => run.ms));
        const paired = median(variant.analyze.map((run, index) => run.ms / (variant.parse[index] as Measured).ms));
        lines.push(`| ${human(result.rows)} | ${variant.name} | ${fixed(analyze)} ms | ${fixed(parse)} ms | ${fixed(analyze / parse, 2)} | ${fixed(paired, 2)} |`);
      }
    }
  }
  if (baselineChild !== null) lines.push('', baselineTable(results));
  const withPipelines = results.filter((result) => Object.keys(result.pipelines).length > 0);
  if (withPipelines.length > 0) {
    lines.push('', '| rows | floor (fs utf8 stream) | TextDecoderStream + Readable.fromWeb | Transform + TextDecoder |', '| ---: | ---: | ---: | ---: |');
    for (const result of withPipelines) {
      const cell = (runs: Measured[] | undefined) => (runs === undefined ? '' : `${fixed(median(runs.map((run) => run.ms)))} ms, ${fixed(median(runs.map((run) => run.maxRssMB)))} MB`);
      lines.push(`| ${human(result.rows)} | ${cell(result.parse)} | ${cell(result.pipelines['parse-web'])} | ${cell(result.pipelines['parse-transform'])} |`);
    }
  }
  return lines.join('\n');
}

/**
 * With --baseline: this checkout's analyze against the other's, run by run
 * (each baseline run came right after this one's, on the same file). Times
 * and CPU are medians; "paired" is the median of this run over the baseline
 * run after it.
 */
function baselineTable(results: SizeResult[]): string {
  const lines = [
    `This checkout against the baseline (${values.baseline}), \`${command}\` in each, alternating, fresh processes:`,
    '',
    '| rows | written as | runs | baseline | this | ratio | paired ratio | CPU baseline | CPU this | CPU ratio | peak RSS baseline | peak RSS this |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const row = (rows: number, name: string, runs: Runs) => {
    const [before, after] = [runs.baseline, runs.analyze];
    const ms = (list: Measured[]) => median(list.map((run) => run.ms));
    const cpu = (list: Measured[]) => median(list.map((run) => run.cpuMs));
    const rss = (list: Measured[]) => median(list.map((run) => run.maxRssMB));
    const paired = median(after.map((run, index) => run.ms / (before[index] as Measured).ms));
    lines.push(
      `| ${human(rows)} | ${name} | ${after.length} | ${fixed(ms(before))} ms | ${fixed(ms(after))} ms | ${fixed(ms(after) / ms(before), 2)} | ${fixed(paired, 2)} | ${fixed(cpu(before))} ms | ${fixed(cpu(after))} ms | ${fixed(cpu(after) / cpu(before), 2)} | ${fixed(rss(before))} MB | ${fixed(rss(after))} MB |`,
    );
  };
  for (const result of results) {
    row(result.rows, 'as generated', result);
    for (const variant of result.variants) row(result.rows, variant.name, variant);
  }
  const warm = results.filter((result) => result.warm?.baseline);
  if (warm.length > 0) {
    lines.push('', `In one process, runs 2 to ${warmRuns} (medians):`, '', '| rows | baseline | this | ratio |', '| ---: | ---: | ---: | ---: |');
    for (const result of warm) {
      const { analyze, baseline } = result.warm as { analyze: Measured; baseline: Measured };
      lines.push(`| ${human(result.rows)} | ${fixed(baseline.ms, 1)} ms | ${fixed(analyze.ms, 1)} ms | ${fixed(analyze.ms / baseline.ms, 2)} |`);
    }
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------
// 5. A Parquet file through DuckDB against the CSV path

interface InputResult {
  input: string;
  rows: number;
  bytes: number;
  runs: Measured[];
}

async function benchParquet(work: string): Promise<InputResult[]> {
  const csvRows = count(values['parquet-csv-rows'] ?? '5M');
  const parquetRows = count(values['parquet-rows'] ?? '50M');
  const csvRoot = path.join(work, `parquet-csv-${human(csvRows)}`);
  const parquetRoot = path.join(work, `parquet-${human(parquetRows)}`);
  log(`parquet: generating ${human(csvRows)} CSV rows and ${human(parquetRows)} Parquet rows`);
  await writeBenchProject(csvRoot, [csvRows], 5000);
  const parquetBytes = await writeParquetBenchProject(parquetRoot, parquetRows, 5000);
  const results: InputResult[] = [
    { input: 'CSV, streamed by the loader', rows: csvRows, bytes: (await stat(path.join(csvRoot, 'data', 'bench-001.csv'))).size, runs: [] },
    { input: 'Parquet, folded by DuckDB', rows: parquetRows, bytes: parquetBytes, runs: [] },
  ];
  for (let run = 0; run < bigRuns; run += 1) {
    // Alternating, so a busy moment on a shared machine hits both.
    for (const [index, root] of [csvRoot, parquetRoot].entries()) {
      const measured = await measure(['analyze', root, 'pilots/bench-001.md']);
      (results[index] as InputResult).runs.push(measured);
      log(`  run ${run + 1}/${bigRuns}: ${(results[index] as InputResult).input}: ${fixed(measured.ms)} ms, ${fixed(measured.maxRssMB)} MB`);
    }
  }
  return results;
}

function parquetTable(results: InputResult[]): string {
  const lines = ['| input | rows | file | runs | analyze (median) | rows/s | CPU (median, all threads) | peak RSS (median) |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'];
  for (const result of results) {
    const ms = median(result.runs.map((run) => run.ms));
    lines.push(
      `| ${result.input} | ${human(result.rows)} | ${fixed(result.bytes / 1e6, 1)} MB | ${result.runs.length} | ${fixed(ms)} ms | ${fixed(result.rows / (ms / 1000))} | ${fixed(median(result.runs.map((run) => run.cpuMs)))} ms | ${fixed(median(result.runs.map((run) => run.maxRssMB)))} MB |`,
    );
  }
  return lines.join('\n');
}

function buildTable(results: BuildResult[]): string {
  const lines = [
    '| pilots | rows each | runs | cold build (median) | warm build (median) | after one CSV edit | warm / cold | of which loadEvidence cold / warm | pilots analysed cold / warm / edited | peak RSS of one process, cold | peak RSS of all its processes, cold |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |',
  ];
  for (const result of results) {
    const cold = median(result.cold.map((run) => run.ms));
    const warm = median(result.warm.map((run) => run.ms));
    const edited = median(result.edited.map((run) => run.ms));
    const rss = result.cold.map((run) => run.maxRssMB).filter((value): value is number => value !== null);
    const treeRss = result.cold.map((run) => run.treeRssMB).filter((value): value is number => value !== null);
    const megabytes = (values: number[]) => (values.length > 0 ? `${fixed(median(values))} MB` : 'not measured');
    // One summary line per process that loaded evidence: more than one would mean pages analysed in several processes.
    const analysed = (runs: BuildRun[]) => runs.map((run) => run.summaries.map((line) => /\((\d+) analysed/.exec(line)?.[1] ?? '?').join('+') || 'none').join(', ');
    const seconds = (runs: BuildRun[]) =>
      median(runs.map((run) => run.summaries.reduce((total, line) => total + Number(/ready in ([\d.]+) s/.exec(line)?.[1] ?? 0), 0)));
    lines.push(
      `| ${result.pilots} | ${human(result.rowsPerPilot)} | ${result.cold.length} | ${fixed(cold / 1000, 1)} s | ${fixed(warm / 1000, 1)} s | ${fixed(edited / 1000, 1)} s | ${fixed(warm / cold, 2)} | ${fixed(seconds(result.cold), 1)} s / ${fixed(seconds(result.warm), 1)} s | ${analysed(result.cold)} / ${analysed(result.warm)} / ${analysed(result.edited)} | ${megabytes(rss)} | ${megabytes(treeRss)} |`,
    );
  }
  return lines.join('\n');
}

function weightTable(title: string, weights: PageWeight[]): string {
  const lines = [`| ${title} | HTML | CSS | total | gzip |`, '| --- | ---: | ---: | ---: | ---: |'];
  for (const weight of weights) {
    lines.push(`| ${weight.page} | ${fixed(weight.html / 1024, 1)} kB | ${fixed(weight.css / 1024, 1)} kB | ${fixed((weight.html + weight.css) / 1024, 1)} kB | ${fixed(weight.gzip / 1024, 1)} kB |`);
  }
  return lines.join('\n');
}

async function main() {
  const work = await mkdtemp(path.join(os.tmpdir(), 'fieldproof-bench-'));
  const cleanUp = async () => {
    if (values.keep) log(`kept ${work}`);
    else await rm(work, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
  const sections: string[] = [`## Machine\n\n${await machine()}`];
  try {
    if (!values['skip-analyze'] && sizes.length > 0) {
      const what = command === 'analyze' ? 'fieldproof analyze' : 'The loader alone (load: loadPilotData, no statistics; "analyze" in the tables)';
      sections.push(`## ${what} versus the papaparse floor\n\n${analyzeTable(await benchAnalyze(work))}`);
    }
    if (!values['skip-build'] && pilotCounts.length > 0) {
      const builds = await benchBuilds(work);
      sections.push(`## Site build\n\n${buildTable(builds)}`);
      sections.push(
        `## Page weight (no images)\n\n${weightTable('page (synthetic pilots)', builds.flatMap((result) => result.weights.map((weight) => ({ ...weight, page: `${result.pilots} pilots: ${weight.page}` }))))}`,
      );
      log('build: the example pilots, for page weights');
      sections.push(weightTable('page (example pilots)', await exampleWeights(work)));
    }
    const startupRuns = Number(values['startup-runs']);
    if (startupRuns > 0) {
      const startup = await benchStartup({ repo, baseline: values.baseline === undefined ? null : path.resolve(values.baseline), runs: startupRuns, analyzeRows: count(values['startup-rows'] ?? '100k'), work, log });
      sections.push(`## Start-up: commands as a user runs them\n\n${startupTable(startup, values.baseline ?? null)}`);
    }
    if (values.pathological) {
      const shapeSizes = (values['pathological-sizes'] ?? '').split(',').filter(Boolean).map(Number);
      log(`pathological shapes: ${shapeSizes.join(', ')} MB`);
      const shapes = await benchShapes(work, shapeSizes, Number(values['pathological-runs']), (root) => measure(['read', root, 'pilots/bench-001.md']), log);
      sections.push(`## Pathological files, read by the loader (fresh processes, medians)\n\n${shapesTable(shapes)}`);
    }
    if (values.parquet) {
      sections.push(`## A Parquet file through DuckDB against the CSV path (fresh processes)\n\n${parquetTable(await benchParquet(work))}`);
    }
    const randomizationRuns = Number(values['randomization-runs']);
    if (randomizationRuns > 0) {
      log(`randomization: one metric's analysis, ${randomizationRuns} runs per design`);
      sections.push(`## Randomization inference, one metric (in process)\n\n${randomizationTable(benchRandomization(randomizationRuns))}`);
    }
  } finally {
    await cleanUp();
  }
  const report = `${sections.join('\n\n')}\n`;
  process.stdout.write(report);
  if (values.out !== undefined) await writeFile(values.out, report);
}

await main();
