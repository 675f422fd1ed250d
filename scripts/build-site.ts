/**
 * `npm run build`: an atomic Astro build. The site is built into a staging
 * folder beside dist/ and swapped in only when the build succeeds, so a
 * failed build (bad data, a chart that would not render) leaves the previous
 * dist/ exactly as it was and never publishes a half-built site.
 *
 * Extra arguments are passed to `astro build`.
 */
import { spawn } from 'node:child_process';
import { access, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface BuildEffects {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stderr: (text: string) => void;
  /** Runs `astro build` with the given environment; resolves with its exit code. */
  runAstro: (args: string[], env: NodeJS.ProcessEnv, cwd: string) => Promise<number>;
}

function runAstroBuild(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<number> {
  const require = createRequire(import.meta.url);
  const astroBin = path.join(path.dirname(require.resolve('astro/package.json')), 'bin', 'astro.mjs');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [astroBin, 'build', ...args], { cwd, env, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function exists(target: string): Promise<boolean> {
  return access(target).then(
    () => true,
    () => false,
  );
}

export async function buildSite(args: string[], effects: BuildEffects): Promise<number> {
  const out = path.resolve(effects.cwd, effects.env.FIELDPROOF_OUT || 'dist');
  const shownOut = path.relative(effects.cwd, out) || '.';
  const staging = `${out}.building-${process.pid}`;
  const retired = `${out}.previous-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  const code = await effects.runAstro(args, { ...effects.env, FIELDPROOF_OUT: staging }, effects.cwd);
  if (code !== 0 || !(await exists(path.join(staging, 'index.html')))) {
    await rm(staging, { recursive: true, force: true });
    effects.stderr(`\nfieldproof: the build failed, so nothing was published; ${shownOut}/ is left as it was.\n`);
    return code === 0 ? 1 : code;
  }
  // Two renames on one file system: readers see the old site or the new one, never a mix.
  const hadPrevious = await exists(out);
  if (hadPrevious) await rename(out, retired);
  await rename(staging, out);
  if (hadPrevious) await rm(retired, { recursive: true, force: true });
  effects.stderr(`fieldproof: published the site to ${shownOut}/\n`);
  return 0;
}

const isScript = process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isScript) {
  process.exitCode = await buildSite(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    stderr: (text) => process.stderr.write(text),
    runAstro: runAstroBuild,
  });
}
