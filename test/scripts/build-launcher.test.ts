/**
 * `npm run build` runs scripts/build.mjs, which turns Node's compile cache on
 * before it loads scripts/build-site.ts, then builds with the arguments
 * given. (The build itself is tested through build-site.ts.)
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repository = fileURLToPath(new URL('../..', import.meta.url));
const scratch = mkdtempSync(path.join(tmpdir(), 'fieldproof-build-launcher-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) =>
    execFile(process.execPath, [path.join(repository, 'scripts', script), ...args], { cwd: scratch, env: { ...process.env, ...env } }, (failure, _stdout, stderr) =>
      resolve({ code: failure ? Number(failure.code) : 0, stderr }),
    ),
  );
}

/** Every file under a folder, however deep. */
const filesUnder = (folder: string) => (readdirSync(folder, { recursive: true, withFileTypes: true }) as { isFile(): boolean }[]).filter((entry) => entry.isFile());

describe('npm run build', () => {
  it('is scripts/build.mjs', () => {
    expect(JSON.parse(readFileSync(path.join(repository, 'package.json'), 'utf8')).scripts.build).toBe('node scripts/build.mjs');
  });

  it("passes its arguments to the build, with Node's compile cache on", { timeout: 30_000 }, async () => {
    const cache = path.join(scratch, 'compile-cache');
    // --outDir is refused before anything is built: the quickest way to see the arguments arrive.
    const launched = await run('build.mjs', ['--outDir', 'elsewhere'], { NODE_COMPILE_CACHE: cache });
    expect(launched.code).toBe(2);
    expect(launched.stderr).toContain('--outDir is not passed on to astro');
    expect(filesUnder(cache).length).toBeGreaterThan(0);
    // The script itself, run by Node, does the same without the launcher.
    const direct = await run('build-site.ts', ['--outDir', 'elsewhere'], {});
    expect(direct).toEqual(launched);
  });

  it('leaves the cache off when NODE_DISABLE_COMPILE_CACHE says so', { timeout: 30_000 }, async () => {
    const cache = path.join(scratch, 'disabled-cache');
    const launched = await run('build.mjs', ['--outDir', 'elsewhere'], { NODE_COMPILE_CACHE: cache, NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(launched.code).toBe(2);
    expect(() => readdirSync(cache)).toThrow();
  });
});
