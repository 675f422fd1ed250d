/**
 * `npm run build`: an atomic Astro build. The site is built into a staging
 * folder beside dist/ and swapped in only when the build succeeds, so a
 * failed build (bad data, a chart that would not render) leaves the previous
 * dist/ exactly as it was and never publishes a half-built site.
 *
 * Before anything is built or deleted, the output folder (FIELDPROOF_OUT,
 * default dist/) is checked: publishing replaces it whole, so a folder whose
 * loss would delete sources is refused (src/site/output-folder.ts). Astro's
 * own --outDir is refused too: it would write past the staging folder.
 *
 * A build that was killed leaves its staging folder (<out>.building-<pid>)
 * and, if it died between the swap's two renames, the previous site in
 * <out>.previous-<pid> with no <out>/ at all. Each build starts by putting
 * such a previous site back and removing the leftovers of builds whose
 * process is gone (never those of a build still running beside it). A
 * SIGINT, SIGTERM or SIGHUP is passed on to astro, and astro is started with
 * a channel to this process that stops it when this process dies, even by
 * SIGKILL.
 *
 * Extra arguments are passed to `astro build`.
 */
import { spawn } from 'node:child_process';
import { access, cp, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism, constants, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { drawingThreadsFor } from '../src/site/drawing-pool.ts';
import { pruneRenderCache, renderCacheDirectory } from '../src/site/render-cache.ts';
import { shardCount } from '../src/site/shards.ts';
import { BUILD_MARKER, BUILD_MARKER_TEXT, refusalMessage, refuseOutputFolder, shownFolder } from '../src/site/output-folder.ts';

export interface BuildEffects {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stderr: (text: string) => void;
  /**
   * Runs `astro build` with the given environment; resolves with its exit code. Stops it when `stop` is aborted.
   * Given `capture`, its output goes there instead of to this process's.
   */
  runAstro: (args: string[], env: NodeJS.ProcessEnv, cwd: string, stop: AbortSignal, capture?: (text: string) => void) => Promise<number>;
  /** Aborted with the name of a signal (SIGINT, SIGTERM) when the build is to stop. */
  stop?: AbortSignal;
  /** This build's process id, which names its staging folders (default: process.pid). */
  pid?: number;
  /** Whether the process with this id still runs (default: asks the system). */
  isAlive?: (pid: number) => boolean;
  /** Works the project's analyses out on every core before astro renders a page (src/site/analyse-ahead.ts); none by default. */
  analyseAhead?: (root: string, env: NodeJS.ProcessEnv) => Promise<number>;
  /** How many astro processes share the build (src/site/shards.ts); one by default. */
  shards?: (env: NodeJS.ProcessEnv) => number;
  /** The machine's cores, shared among the astro processes' drawing threads (src/site/drawing-pool.ts); one by default, so none. */
  cores?: number;
  /** After a build shared among processes: the render cache keeps what that build used (each shard leaves it alone). */
  pruneRenderCache?: (root: string, env: NodeJS.ProcessEnv, since: number) => void;
}

/** Where the site's code is: a root to protect, wherever the build runs from. */
const CODE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Stops the child when this process dies, however it dies: the child holds
 * the other end of an IPC channel, which the system closes when this process
 * ends, and the channel's "disconnect" stops it. Unreferenced, so the channel
 * alone never keeps astro running.
 */
const STOP_WHEN_ORPHANED = `data:text/javascript,${encodeURIComponent(
  'process.on("disconnect", () => process.kill(process.pid, "SIGTERM")); process.channel?.unref();',
)}`;

/**
 * What astro and the analyses ahead run with besides the caller's
 * environment, unless the caller set it: Node's compile cache, shared with
 * the command line (the default folder `fieldproof` itself uses), so a build
 * does not compile Astro, Vite and their ~2,000 modules from source each
 * time (about a second of every warm build); no Astro telemetry, so building
 * a company's sales evidence never reports to anyone (and skips its network
 * call); and mimalloc's arenas committed as they are used rather than
 * whole. Vite's bundler, the Astro compiler and resvg each carry a mimalloc,
 * which otherwise commits its first 1 GiB arena whole: in a 300-pilot build
 * about 200 MB of it was resident in the astro process while that mimalloc
 * never held more than 43 MB (its own MIMALLOC_SHOW_STATS; bench/RESULTS.md).
 */
export function astroEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    NODE_COMPILE_CACHE: path.join(tmpdir(), 'node-compile-cache'),
    ASTRO_TELEMETRY_DISABLED: '1',
    MIMALLOC_ARENA_EAGER_COMMIT: '0',
    ...env,
  };
}

/**
 * V8 grows a heap to up to four times what survived its last full
 * collection while memory is plentiful, so a build's processes held two to
 * three times what they used: 1,050 MB at the peak of a one-process build of
 * 300 pilots, 680 MB with the heap kept to twice what is live (bench/RESULTS.md).
 * Not a cap: a larger project still gets all the memory it needs, only
 * collected sooner. NODE_OPTIONS may not carry this flag, so it is given to
 * the astro processes on their command line, and set in this one (whose
 * analysis workers start after it) with v8.setFlagsFromString.
 */
export const HEAP_GROWTH_FLAG = '--heap-growing-percent=100';

function runAstroBuild(args: string[], env: NodeJS.ProcessEnv, cwd: string, stop: AbortSignal, capture?: (text: string) => void): Promise<number> {
  const require = createRequire(import.meta.url);
  const astroBin = path.join(path.dirname(require.resolve('astro/package.json')), 'bin', 'astro.mjs');
  return new Promise((resolve, reject) => {
    const output = capture ? 'pipe' : 'inherit';
    const child = spawn(process.execPath, [HEAP_GROWTH_FLAG, '--import', STOP_WHEN_ORPHANED, astroBin, 'build', ...args], { cwd, env: astroEnvironment(env), stdio: ['inherit', output, output, 'ipc'] });
    if (capture) {
      child.stdout?.setEncoding('utf8').on('data', capture);
      child.stderr?.setEncoding('utf8').on('data', capture);
    }
    const forward = () => child.kill(typeof stop.reason === 'string' ? (stop.reason as NodeJS.Signals) : 'SIGTERM');
    if (stop.aborted) forward();
    else stop.addEventListener('abort', forward, { once: true });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      stop.removeEventListener('abort', forward);
      resolve(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 0));
    });
  });
}

/**
 * analyseAhead in a process of its own, which ends before astro starts.
 * Run in this one, its worker threads left memory with the C library after
 * they ended, held for the rest of the build beside every astro process:
 * this process took 177 MB while its heap was 14 MB, and takes 102 MB now
 * (a cold 1,000-pilot build). Resolves with the number of pilot files dealt
 * out, 0 when the process failed (the build then analyses them itself);
 * stopped with the build.
 */
export function analyseAheadApart(root: string, env: NodeJS.ProcessEnv, stop: AbortSignal): Promise<number> {
  const run = `import(${JSON.stringify(new URL('../src/site/analyse-ahead.ts', import.meta.url).href)}).then((ahead) => ahead.analyseAhead(${JSON.stringify(root)}, process.env)).then((count) => process.stdout.write(String(count)))`;
  return new Promise((resolve) => {
    if (stop.aborted) return resolve(0);
    const child = spawn(process.execPath, [HEAP_GROWTH_FLAG, '--import', STOP_WHEN_ORPHANED, '--eval', run], { env: astroEnvironment(env), stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    let output = '';
    child.stdout?.setEncoding('utf8').on('data', (text: string) => (output += text));
    const forward = () => child.kill(typeof stop.reason === 'string' ? (stop.reason as NodeJS.Signals) : 'SIGTERM');
    stop.addEventListener('abort', forward, { once: true });
    child.on('error', () => resolve(0));
    child.on('exit', (code) => {
      stop.removeEventListener('abort', forward);
      resolve(code === 0 && /^\d+$/.test(output) ? Number(output) : 0);
    });
  });
}

async function exists(target: string): Promise<boolean> {
  return access(target).then(
    () => true,
    () => false,
  );
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (cause) {
    // EPERM: it runs, as another user.
    return (cause as { code?: string }).code === 'EPERM';
  }
}

/** Astro's option for its output folder, however it is spelled (--outDir, --out-dir, --outDir=x). */
function namesOutDir(arg: string): boolean {
  return arg.startsWith('-') && arg.replace(/^-+/, '').split('=')[0]?.replace(/[-_]/g, '').toLowerCase() === 'outdir';
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Puts back the previous site of a build killed between its two renames,
 * and removes what killed builds left beside `out`. Leftovers of a build
 * still running are left alone: two builds may run at once.
 */
export async function recoverLeftovers(out: string, shown: string, effects: { stderr: (text: string) => void; pid: number; isAlive: (pid: number) => boolean }): Promise<void> {
  const folder = path.dirname(out);
  const pattern = new RegExp(`^${escapeRegExp(path.basename(out))}\\.(building|previous)-(\\d+)$`);
  const leftovers: { name: string; kind: string; modified: number }[] = [];
  for (const name of await readdir(folder).catch(() => [] as string[])) {
    const match = pattern.exec(name);
    if (match === null) continue;
    const pid = Number(match[2]);
    // Our own id on a leftover is a dead build's that had it before us: we have made nothing yet.
    if (pid !== effects.pid && effects.isAlive(pid)) continue;
    const info = await stat(path.join(folder, name)).catch(() => null);
    if (info !== null) leftovers.push({ name, kind: match[1] as string, modified: info.mtimeMs });
  }
  const previous = leftovers.filter((leftover) => leftover.kind === 'previous').sort((a, b) => b.modified - a.modified)[0];
  if (previous !== undefined && !(await exists(out))) {
    try {
      await rename(path.join(folder, previous.name), out);
      effects.stderr(`fieldproof: put back ${shown}, which a build stopped half-way through publishing had left in ${previous.name}/\n`);
      leftovers.splice(leftovers.indexOf(previous), 1);
    } catch {
      // Another build starting at the same moment put it back first.
    }
  }
  for (const { name } of leftovers) {
    await rm(path.join(folder, name), { recursive: true, force: true });
    effects.stderr(`fieldproof: removed ${name}/, left by a build that was stopped\n`);
  }
}

export async function buildSite(args: string[], effects: BuildEffects): Promise<number> {
  const out = path.resolve(effects.cwd, effects.env.FIELDPROOF_OUT || 'dist');
  const shownOut = shownFolder(out, effects.cwd);
  if (args.some(namesOutDir)) {
    effects.stderr(
      'fieldproof: --outDir is not passed on to astro: the build writes into a staging folder and swaps it in only when it succeeds, which a folder given to astro would bypass. ' +
        'Set the output folder with FIELDPROOF_OUT instead, e.g. FIELDPROOF_OUT=site npm run build (npm run preview reads it too). Nothing was built or deleted.\n',
    );
    return 2;
  }
  const roots = [effects.cwd, ...(effects.env.FIELDPROOF_ROOT ? [path.resolve(effects.cwd, effects.env.FIELDPROOF_ROOT)] : []), CODE_ROOT];
  const refusal = await refuseOutputFolder(out, roots);
  if (refusal !== null) {
    effects.stderr(refusalMessage(shownOut, refusal));
    return 2;
  }
  const pid = effects.pid ?? process.pid;
  await recoverLeftovers(out, shownOut, { stderr: effects.stderr, pid, isAlive: effects.isAlive ?? processIsAlive });
  await removeDeadShards(effects.cwd, (other) => other !== pid && (effects.isAlive ?? processIsAlive)(other));
  const staging = `${out}.building-${pid}`;
  const retired = `${out}.previous-${pid}`;
  await rm(staging, { recursive: true, force: true });
  const stop = effects.stop ?? new AbortController().signal;
  const root = path.resolve(effects.cwd, effects.env.FIELDPROOF_ROOT || '.');
  if (effects.analyseAhead) {
    const started = Date.now();
    const count = await effects.analyseAhead(root, effects.env);
    if (count > 0) effects.stderr(`fieldproof: ${count} pilot files analysed ahead on every core in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
  const shards = effects.shards?.(effects.env) ?? 1;
  // Each astro process draws its charts and cards on threads beside its pages (src/site/drawing-pool.ts).
  const astroEnv = { ...effects.env, FIELDPROOF_DRAWING_THREADS: String(drawingThreadsFor(effects.env, shards, effects.cores ?? 1)) };
  const code = shards > 1 ? await runShards(args, { ...effects, env: astroEnv }, staging, shards, stop, root) : await effects.runAstro(args, { ...astroEnv, FIELDPROOF_OUT: staging }, effects.cwd, stop);
  if (stop.aborted) {
    await rm(staging, { recursive: true, force: true });
    effects.stderr(`\nfieldproof: the build was stopped (${String(stop.reason)}), so nothing was published; ${shownOut} is left as it was.\n`);
    return 128 + (constants.signals[stop.reason as NodeJS.Signals] ?? 15);
  }
  if (code !== 0 || !(await exists(path.join(staging, 'index.html')))) {
    await rm(staging, { recursive: true, force: true });
    effects.stderr(`\nfieldproof: the build failed, so nothing was published; ${shownOut} is left as it was.\n`);
    return code === 0 ? 1 : code;
  }
  // The mark that lets the next build replace this folder (src/site/output-folder.ts).
  await writeFile(path.join(staging, BUILD_MARKER), BUILD_MARKER_TEXT);
  // Two renames on one file system: readers see the old site or the new one, never a mix.
  // A kill between them leaves no site at `out`; the next build puts the previous one back.
  const hadPrevious = await exists(out);
  if (hadPrevious) await rename(out, retired);
  await rename(staging, out);
  if (hadPrevious) await rm(retired, { recursive: true, force: true });
  effects.stderr(`fieldproof: published the site to ${shownOut}\n`);
  return 0;
}

/**
 * One `astro build` per shard at once (src/site/shards.ts), each into its own
 * staging folder; the first one's folder becomes the site, and the other
 * shards' pilot folders are moved into it. Any shard failing fails the build
 * and stops the others; the output of shards after the first is shown only
 * when one of them failed and the first did not (it repeats the first's).
 */
async function runShards(args: string[], effects: BuildEffects, staging: string, count: number, stop: AbortSignal, root: string): Promise<number> {
  const started = Date.now();
  const shardStop = new AbortController();
  const forward = () => shardStop.abort(stop.reason);
  if (stop.aborted) forward();
  else stop.addEventListener('abort', forward, { once: true });
  const pid = effects.pid ?? process.pid;
  const folders = Array.from({ length: count }, (_, index) => (index === 0 ? staging : path.join(shardsFolder(effects.cwd), `building-${pid}.shard-${index + 1}`)));
  const outputs = folders.map(() => '');
  // The shard that failed first, on its own: the others were stopped because of it.
  let failed = -1;
  const codes = await Promise.all(
    folders.map(async (folder, index) => {
      await rm(folder, { recursive: true, force: true });
      const env = { ...effects.env, FIELDPROOF_OUT: folder, FIELDPROOF_SHARD: `${index + 1}/${count}` };
      const capture = index === 0 ? undefined : (text: string) => void (outputs[index] += text);
      // Another shard may have failed while this one cleared its folder: then it is not started at all.
      if (shardStop.signal.aborted) return 143;
      const code = await effects.runAstro(args, env, effects.cwd, shardStop.signal, capture);
      if (code !== 0 && failed < 0 && !stop.aborted) {
        failed = index;
        shardStop.abort('SIGTERM');
      }
      return code;
    }),
  );
  stop.removeEventListener('abort', forward);
  try {
    if (failed > 0) effects.stderr(outputs[failed] as string);
    if (failed >= 0) return codes[failed] as number;
    if (stop.aborted) return codes.find((code) => code !== 0) ?? 1;
    for (const folder of folders.slice(1)) await movePilotFolders(folder, staging);
  } catch (cause) {
    effects.stderr(`${(cause as Error).message}\n`);
    return 1;
  } finally {
    await Promise.all(folders.slice(1).map((folder) => rm(folder, { recursive: true, force: true })));
  }
  effects.pruneRenderCache?.(root, effects.env, started - 2000);
  effects.stderr(`fieldproof: the pages were rendered by ${count} astro processes at once\n`);
  return 0;
}

/**
 * Where shards after the first write their sites: inside the folder astro
 * runs in, because astro puts its page bundle in <outDir>/.prerender only for
 * an outDir there (one outside shares <cwd>/.astro/, and two builds at once
 * would overwrite each other's bundle).
 */
function shardsFolder(cwd: string): string {
  return path.join(cwd, '.fieldproof-shards');
}

/** Shard folders of builds whose process is gone (a build that was killed). */
async function removeDeadShards(cwd: string, isAlive: (pid: number) => boolean): Promise<void> {
  for (const name of await readdir(shardsFolder(cwd)).catch(() => [] as string[])) {
    const match = /^building-(\d+)\.shard-\d+$/.exec(name);
    if (match !== null && !isAlive(Number(match[1]))) await rm(path.join(shardsFolder(cwd), name), { recursive: true, force: true });
  }
}

/** A shard's pilot folders (pilots/<slug>/), moved into the site being published (copied when on another disk). */
async function movePilotFolders(shardFolder: string, staging: string): Promise<void> {
  const names = await readdir(path.join(shardFolder, 'pilots')).catch(() => [] as string[]);
  await mkdir(path.join(staging, 'pilots'), { recursive: true });
  for (const name of names) {
    const from = path.join(shardFolder, 'pilots', name);
    const target = path.join(staging, 'pilots', name);
    if (await exists(target)) throw new Error(`fieldproof: two shards of the build both wrote pilots/${name}/; this is a fault in fieldproof: please report it (FIELDPROOF_BUILD_SHARDS=1 builds in one process meanwhile)`);
    await rename(from, target).catch(async (cause: NodeJS.ErrnoException) => {
      if (cause.code !== 'EXDEV') throw cause;
      await cp(from, target, { recursive: true });
    });
  }
}

/** `npm run build` with these arguments (scripts/build.mjs), or this file run by Node directly. */
export async function runFromCommandLine(args: string[]): Promise<number> {
  setFlagsFromString(HEAP_GROWTH_FLAG);
  // Caught rather than left to kill this process: astro is stopped and its staging folder removed first.
  const stop = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => stop.abort(signal));
  return buildSite(args, {
    cwd: process.cwd(),
    env: process.env,
    stderr: (text) => process.stderr.write(text),
    runAstro: runAstroBuild,
    stop: stop.signal,
    analyseAhead: (root, env) => analyseAheadApart(root, env, stop.signal),
    shards: shardCount,
    cores: availableParallelism(),
    pruneRenderCache: (root, env, since) => void pruneRenderCache(renderCacheDirectory(root, env), since),
  });
}

const isScript = process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isScript) process.exitCode = await runFromCommandLine(process.argv.slice(2));
