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
import { access, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { constants, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyseAhead } from '../src/site/analyse-ahead.ts';
import { BUILD_MARKER, BUILD_MARKER_TEXT, refusalMessage, refuseOutputFolder, shownFolder } from '../src/site/output-folder.ts';

export interface BuildEffects {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stderr: (text: string) => void;
  /** Runs `astro build` with the given environment; resolves with its exit code. Stops it when `stop` is aborted. */
  runAstro: (args: string[], env: NodeJS.ProcessEnv, cwd: string, stop: AbortSignal) => Promise<number>;
  /** Aborted with the name of a signal (SIGINT, SIGTERM) when the build is to stop. */
  stop?: AbortSignal;
  /** This build's process id, which names its staging folders (default: process.pid). */
  pid?: number;
  /** Whether the process with this id still runs (default: asks the system). */
  isAlive?: (pid: number) => boolean;
  /** Works the project's analyses out on every core before astro renders a page (src/site/analyse-ahead.ts); none by default. */
  analyseAhead?: (root: string, env: NodeJS.ProcessEnv) => Promise<number>;
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
 * What astro runs with besides the caller's environment, unless the caller
 * set it: Node's compile cache, shared with the command line (the default
 * folder `fieldproof` itself uses), so a build does not compile Astro, Vite
 * and their ~2,000 modules from source each time (about a second of every
 * warm build); and no Astro telemetry, so building a company's sales evidence
 * never reports to anyone (and skips its network call).
 */
export function astroEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    NODE_COMPILE_CACHE: path.join(tmpdir(), 'node-compile-cache'),
    ASTRO_TELEMETRY_DISABLED: '1',
    ...env,
  };
}

function runAstroBuild(args: string[], env: NodeJS.ProcessEnv, cwd: string, stop: AbortSignal): Promise<number> {
  const require = createRequire(import.meta.url);
  const astroBin = path.join(path.dirname(require.resolve('astro/package.json')), 'bin', 'astro.mjs');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', STOP_WHEN_ORPHANED, astroBin, 'build', ...args], { cwd, env: astroEnvironment(env), stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
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
  const staging = `${out}.building-${pid}`;
  const retired = `${out}.previous-${pid}`;
  await rm(staging, { recursive: true, force: true });
  const stop = effects.stop ?? new AbortController().signal;
  if (effects.analyseAhead) {
    const started = Date.now();
    const root = path.resolve(effects.cwd, effects.env.FIELDPROOF_ROOT || '.');
    const count = await effects.analyseAhead(root, effects.env);
    if (count > 0) effects.stderr(`fieldproof: ${count} pilot files analysed ahead on every core in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
  const code = await effects.runAstro(args, { ...effects.env, FIELDPROOF_OUT: staging }, effects.cwd, stop);
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

const isScript = process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isScript) {
  // Caught rather than left to kill this process: astro is stopped and its staging folder removed first.
  const stop = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => stop.abort(signal));
  process.exitCode = await buildSite(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    stderr: (text) => process.stderr.write(text),
    runAstro: runAstroBuild,
    stop: stop.signal,
    analyseAhead,
  });
}
